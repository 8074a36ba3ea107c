//! Calendar expressions: dates, months, years, decades, centuries, seasons, quarters, and their modifiers (`début octobre`).

use super::{Dir, Found, Parser, Rule, Sem, Tod, YearSpec, found};
use crate::time::lexicon::{Cat, Unit, W};
use crate::time::token::Kind;

impl<'a> Parser<'a> {
    /// `jeudi 21 septembre 2023`, `le 1er mai`, `September 21, 2023`, `lundi dernier`.
    pub(super) fn p_date(&self, i: usize) -> Option<Found> {
        let mut j = i;
        let art = self.w(j, W::Article);
        if let Some(e) = art {
            j = e;
        }
        let (mut dir, e) = self.dir_before(j);
        j = e;
        // `ce même lundi`
        if dir == Dir::This
            && let Some(e) = self.w(j, W::Same)
        {
            dir = Dir::Same;
            j = e;
        }
        let wd = self.weekday(j);
        if let Some((_, e)) = wd {
            j = e;
        }
        let jd = if wd.is_some() && self.punct(j, ",") {
            j + 1
        } else {
            j
        };
        let mut date = None;
        if let Some((d, e)) = self.day(jd) {
            let k = self.w(e, W::Of).unwrap_or(e);
            if let Some((m, e)) = self.month(k, true) {
                date = Some((d, m, e));
            } else if let Some(r) = self.w(e, W::RangeJoin)
                && let Some((_, e2)) = self.day(r)
                && let Some((m, _)) = self.month(self.w(e2, W::Of).unwrap_or(e2), true)
            {
                // `les 6 et 13 avril`: the first day takes the month of the second.
                let (dir, _) = (dir, ());
                return found(
                    i,
                    e,
                    Sem::Cal {
                        y: None,
                        m,
                        d: Some(d),
                        wd: wd.map(|w| w.0),
                        dir,
                        tod: Tod::None,
                    },
                );
            }
        } else if let Some((m, e)) = self.month(jd, true)
            && let Some((d, e2)) = self.day(e)
            && self.unit(e2).is_none()
            && !self.punct(e2, "%")
            && self.year4(e).is_none()
        {
            date = Some((d, m, e2));
        }
        match (date, wd) {
            (Some((d, m, mut k)), _) => {
                let mut y = None;
                if let Some((yy, e)) = self.year_after(k) {
                    y = Some(yy);
                    k = e;
                }
                k = self.dir_after(k, &mut dir);
                let (tod, k) = match self.tod_suffix(k) {
                    // Only shown in the annotation for a date without its year (the day of a
                    // notice: `jeudi 13 mai à 14 h 30`); a full date keeps its clock time.
                    (Tod::Clock { .. }, _) if self.lex.clock_apart_from_date && y.is_none() => {
                        (Tod::None, k)
                    }
                    r => r,
                };
                found(
                    i,
                    k,
                    Sem::Cal {
                        y,
                        m,
                        d: Some(d),
                        wd: wd.map(|w| w.0),
                        dir,
                        tod,
                    },
                )
            }
            (None, Some((w, _))) => {
                let k = self.dir_after(j, &mut dir);
                // `les jeudis`, `on Mondays`: a recurrence. Where weekday names do not show the
                // plural, the article does (`los lunes`; `el lunes` is one day).
                let by_article = self.lex.weekday_number_in_article;
                let plural_day = dir == Dir::Auto
                    && if by_article {
                        art.is_some() && self.plural(i)
                    } else {
                        self.plural(j - 1)
                    };
                let (tod, k) = self.tod_suffix(k);
                if plural_day
                    || art.is_some() && dir == Dir::Auto && self.lex.day_first && !by_article
                {
                    let mut v = format!("XXXX-WXX-{w}");
                    if let Tod::Part(p) = tod {
                        v.push('T');
                        v.push_str(p);
                    }
                    return found(i, k, Sem::Set(v));
                }
                let a = if art.is_some() && dir == Dir::Auto {
                    i + 1
                } else {
                    i
                };
                found(a, k, Sem::Weekday { wd: w, dir, tod })
            }
            _ => None,
        }
    }

    /// `21/09/2023`, `2023-09-21`, `7/8/07`.
    pub(super) fn p_numeric(&self, i: usize) -> Option<Found> {
        let (a, la) = self.digits(i)?;
        if i > 0
            && self.glued(i)
            && matches!(self.kind(i - 1), Some(Kind::Num) | Some(Kind::Punct))
            && !matches!(self.t.norm(i - 1), "(" | "[" | "«" | "\"")
        {
            return None;
        }
        let sep = self.t.norm(i + 1);
        if !matches!(sep, "/" | "-" | ".") || !self.glued(i + 1) || !self.glued(i + 2) {
            return None;
        }
        let (b, lb) = self.digits(i + 2)?;
        if self.t.norm(i + 3) != sep || !self.glued(i + 3) || !self.glued(i + 4) {
            // `2023-09`: an ISO month.
            if sep == "-"
                && la == 4
                && lb == 2
                && (1..=12).contains(&b)
                && !(self.glued(i + 3) && self.kind(i + 3) != Some(Kind::Punct))
            {
                return found(
                    i,
                    i + 3,
                    Sem::Cal {
                        y: Some(a as i32),
                        m: b,
                        d: None,
                        wd: None,
                        dir: Dir::Auto,
                        tod: Tod::None,
                    },
                );
            }
            return None;
        }
        let (c, lc) = self.digits(i + 4)?;
        if self.glued(i + 5) && matches!(self.kind(i + 5), Some(Kind::Num)) {
            return None;
        }
        let (y, m, d) = if la == 4 && lb <= 2 && lc <= 2 {
            (a as i32, b, c)
        } else if la <= 2 && lb <= 2 && (lc == 4 || lc == 2) && sep != "-" {
            let y = if lc == 4 {
                c as i32
            } else if c < 40 {
                2000 + c as i32
            } else {
                1900 + c as i32
            };
            if self.lex.day_first {
                (y, b, a)
            } else {
                (y, a, b)
            }
        } else {
            return None;
        };
        chrono::NaiveDate::from_ymd_opt(y, m, d)?;
        found(
            i,
            i + 5,
            Sem::Cal {
                y: Some(y),
                m,
                d: Some(d),
                wd: None,
                dir: Dir::Auto,
                tod: Tod::None,
            },
        )
    }

    /// `septembre 2020`, `le mois de juin`, `juin prochain`, `last September`, `octobre 98`.
    pub(super) fn p_month(&self, i: usize) -> Option<Found> {
        let mut j = i;
        if let Some(e) = self.w(j, W::Article) {
            j = e;
        }
        if let Some(e) = self.w(j, W::MonthWord)
            && let Some(e2) = self.w(e, W::Of)
        {
            j = e2;
        }
        let (mut dir, e) = self.dir_before(j);
        j = e;
        let (m, mut k) = self.month(j, true)?;
        let abbrev = self.month(j, false).is_none();
        let mut y = None;
        if let Some((yy, e)) = self.year_after(k) {
            y = Some(yy);
            k = e;
        } else if self.punct(k, "'")
            && self.glued(k + 1)
            && let Some((yy, e)) = self.year2(k + 1)
        {
            y = Some(yy);
            k = e;
        }
        if abbrev && y.is_none() {
            return None;
        }
        // `October of next year`, `juin de l'année prochaine`.
        if y.is_none()
            && let Some(o) = self.w(k, W::Of)
        {
            let o = self.w(o, W::Article).unwrap_or(o);
            let (d, e) = self.dir_before(o);
            let (d, e) = match (d, self.w(e, W::YearWord)) {
                (Dir::Auto, Some(e2)) => {
                    let mut d2 = Dir::Auto;
                    let e3 = self.dir_after(e2, &mut d2);
                    (d2, e3)
                }
                (d, Some(e2)) => (d, e2),
                _ => (Dir::Auto, e),
            };
            if d != Dir::Auto {
                let n = match d {
                    Dir::Next => 1,
                    Dir::Last => -1,
                    _ => 0,
                };
                // The year phrase is an expression of its own (`next year`).
                let _ = e;
                return found(i, k, Sem::MonthOfYear { m, n });
            }
        }
        k = self.dir_after(k, &mut dir);
        // The article belongs to the expression only when a noun or cue word follows it.
        let a = if j == i
            || self
                .w(i, W::Article)
                .is_some_and(|e| e == j && dir == Dir::Auto)
                && y.is_none()
        {
            if j == i { i } else { j }
        } else {
            i
        };
        found(
            a,
            k,
            Sem::Cal {
                y,
                m,
                d: None,
                wd: None,
                dir,
                tod: Tod::None,
            },
        )
    }

    /// `1991`, `l'année 2001`, `'82`.
    pub(super) fn p_year(&self, i: usize) -> Option<Found> {
        let mut j = i;
        let mut strong = false;
        if let Some(e) = self.w(j, W::Article)
            && let Some(e2) = self.w(e, W::YearWord)
        {
            j = e2;
            strong = true;
        } else if let Some(e) = self.w(j, W::YearWord) {
            j = e;
            strong = true;
        }
        if self.punct(j, "'") && !self.lex.day_first {
            let (y, l) = self.digits(j + 1)?;
            if l != 2
                || !self.glued(j + 1)
                || self.glued(j + 2) && self.kind(j + 2) == Some(Kind::Word)
            {
                return None;
            }
            let prev = i.checked_sub(1).and_then(|p| self.w(p, W::YearPrep));
            prev?;
            let y = y as i32;
            return found(
                i,
                j + 2,
                Sem::Literal(format!("{}", if y < 40 { 2000 + y } else { 1900 + y })),
            );
        }
        // `en 98`, `depuis 95`, `fin 98`: a two-digit year after a preposition that introduces
        // years but not quantities (its own short list: the accent-folded `dès` is `des`), with
        // nothing after it that makes it a count.
        if !strong
            && i > 0
            && self.w(i - 1, W::ShortYearPrep) == Some(i)
            && !self.glued(i)
            && let Some((y, e)) = self.year2(i)
            && (e >= self.t.len()
                || self.w(e, W::YearFollower).is_some()
                || self.kind(e) == Some(Kind::Punct)
                    && !matches!(self.t.norm(e), "%" | "-" | "/" | "'"))
            && !((self.punct(e, ",") || self.punct(e, ".")) && self.glued(e + 1))
            && self.unit(e).is_none()
        {
            return found(i, e, Sem::Literal(format!("{y:04}")));
        }
        let Some((y, e)) = self.year4(j) else {
            // `nineteen ninety-six`, `the year two thousand`, `l'an deux mille`.
            let (y, e) = self.written_year(j, strong)?;
            if !strong && (self.counted_after_prep(e) || self.unit(e).is_some()) {
                return None;
            }
            return found(i, e, Sem::Literal(format!("{y:04}")));
        };
        if !strong {
            // A number that names or counts something is no year, whatever precedes it.
            if self.labelled(i) || self.in_code(i) || self.amount(i) {
                return None;
            }
            // `its 1990 invasion` but `its 1500 workers`: a possessive introduces years and
            // quantities alike.
            let possessive = i > 0 && self.w(i - 1, W::Possessive).is_some();
            let prep = i > 0
                && (self.w(i - 1, W::YearPrep).is_some()
                    || possessive
                    || self.month(i - 1, true).is_some());
            // `de 2000 euros`, `et 2000 blessés`: after a preposition that also introduces
            // quantities, the year must be followed by what can follow a year.
            // The end of a range of years (`between 2014 and 2016`) is a year.
            let after_prep = prep
                && (self.w(i - 1, W::QuantityPrep).is_none() && !possessive
                    || i >= 2 && self.year4(i - 2).is_some());
            if prep && !after_prep && self.counted_after_prep(e) {
                return None;
            }
            if i > 0 && self.kind(i - 1) == Some(Kind::Num) {
                return None;
            }
            // `plus de 2000 civils`: a quantity.
            if i >= 2
                && (self.w(i - 2, W::MoreThan) == Some(i) || self.w(i - 2, W::LessThan) == Some(i))
            {
                return None;
            }
            // `the Russell 2000 index`, `Windows 2000`: part of a name.
            if !prep
                && i > 0
                && self.upper(i - 1)
                && self.kind(i - 1) == Some(Kind::Word)
                && !self.t.toks[i - 1].newline_before
                && !(i > 1 && matches!(self.t.norm(i - 2), "." | "!" | "?"))
            {
                return None;
            }
            if !prep {
                if !(1900..=2100).contains(&y) {
                    return None;
                }
                if self.counted(e) {
                    return None;
                }
            }
        }
        found(i, e, Sem::Literal(format!("{y:04}")))
    }

    /// Where the modifier (`early`, `mid-`, `fin de`) that ends right before token `i` starts.
    fn modifier_before(&self, i: usize) -> Option<usize> {
        (i.saturating_sub(4)..i).find(|&s| {
            [W::Start, W::Mid, W::End]
                .into_iter()
                .any(|m| self.w(s, m) == Some(i))
        })
    }

    /// Whether a possessive comes right before token `i`, or before the modifier that does
    /// (`her mid-30s`).
    fn after_possessive(&self, i: usize) -> bool {
        let possessive = |k: usize| k > 0 && self.w(k - 1, W::Possessive) == Some(k);
        possessive(i) || self.modifier_before(i).is_some_and(possessive)
    }

    /// `les années 1990`, `the 1990s`, `70s`.
    pub(super) fn p_decade(&self, i: usize) -> Option<Found> {
        let mut j = i;
        if let Some(e) = self.w(j, W::Article).or_else(|| self.w(j, W::Of)) {
            j = e;
        }
        if let Some(e) = self.w(j, W::Decades) {
            let (y, l) = self.lone_digits(e)?;
            let v = match l {
                4 => format!("{}", y / 10),
                2 => format!("19{}", y / 10),
                _ => return None,
            };
            return found(i, e + 1, Sem::Literal(v));
        }
        // `the 1990s`: the article stays outside, as in TimeML.
        let a = j;
        if self.punct(j, "'") {
            j += 1;
        }
        let (y, l) = self.digits(j)?;
        if self.w(j + 1, W::DecadeSuffix).is_none() || !self.glued(j + 1) || y % 10 != 0 {
            return None;
        }
        // `in her 30s`, `their early twenties` written `their early 20s`: an age.
        if l == 2 && self.after_possessive(a) {
            return None;
        }
        let v = match l {
            4 => format!("{}", y / 10),
            2 => format!("19{}", y / 10),
            _ => return None,
        };
        found(a, j + 2, Sem::Literal(v))
    }

    /// `le XXe siècle`, `the 20th century`.
    pub(super) fn p_century(&self, i: usize) -> Option<Found> {
        let mut j = i;
        if let Some(e) = self.w(j, W::Article) {
            j = e;
        }
        let (n, e) = if let Some((n, _)) = self.lone_digits(j) {
            let e = self.w(j + 1, W::OrdSuffix)?;
            (n, e)
        } else {
            (roman_ordinal(self.t.norm(j))?, j + 1)
        };
        let (u, e) = self.unit(e)?;
        if u != Unit::Century || n == 0 {
            return None;
        }
        found(i, e, Sem::Literal(format!("{:02}", n - 1)))
    }

    /// `l'automne 2020`, `cet été`, `spring`.
    pub(super) fn p_season(&self, i: usize) -> Option<Found> {
        let (mut dir, j) = self.article_then_dir(i);
        let (s, mut k) = self.season_name(j)?;
        let year_follows = self.year4(self.w(k, W::Of).unwrap_or(k)).is_some();
        let year_follows = year_follows
            || self
                .written_year(self.w(k, W::Of).unwrap_or(k), false)
                .is_some();
        // `last fall`, `this fall`: a direction cue right before an ambiguous season name makes
        // it the season (`his last fall of the stairs`: a noun after `of`, refused).
        let cued = dir != Dir::Auto && j > i && self.w(k, W::Of).is_none();
        if self.lex.ambiguous_words.contains(self.t.norm(j))
            && !self.upper(j)
            && !year_follows
            && !cued
        {
            return None;
        }
        // `le Printemps de Bourges`, `le Festival d'Automne`: where seasons are lower case, a
        // capital inside a sentence makes a name (a year after it still makes the season).
        let starts_sentence = j == 0
            || self.t.toks[j].newline_before
            || matches!(
                self.t.norm(j - 1),
                "." | "!" | "?" | ":" | "«" | "\"" | "(" | "-" | "_"
            );
        if self.lex.capitalised_seasons_are_names
            && self.upper(j)
            && !starts_sentence
            && !year_follows
        {
            return None;
        }
        // A bare season name needs a preposition or a capital (`en été`, `Été comme hiver`):
        // `a été` is a verb.
        // `early summer`, `late spring`: the modifier says it is a season too.
        let after_prep =
            i > 0 && (self.w(i - 1, W::SeasonPrep).is_some() || self.modifier_before(i).is_some());
        if j == i && !self.upper(i) && !year_follows && !after_prep {
            return None;
        }
        let mut y = match dir {
            Dir::This | Dir::Same => YearSpec::Rel(0),
            Dir::Next => YearSpec::Rel(1),
            Dir::Last => YearSpec::Rel(-1),
            Dir::Auto => YearSpec::Generic,
        };
        let k1 = self.w(k, W::Of).unwrap_or(k);
        if let Some((yy, e)) = self.year4(k1).or_else(|| self.written_year(k1, false)) {
            y = YearSpec::Abs(yy);
            k = e;
        } else if dir == Dir::Auto {
            k = self.dir_after(k, &mut dir);
            y = match dir {
                Dir::Next => YearSpec::Rel(1),
                Dir::Last => YearSpec::Rel(-1),
                Dir::This | Dir::Same => YearSpec::Rel(0),
                // `the summer`, `l'été`: with its article a season is one summer, the
                // narrative's; a bare one (`en été`) is any.
                Dir::Auto if j > i && self.w(i, W::Article).is_some() => YearSpec::Near,
                Dir::Auto => YearSpec::Generic,
            };
        }
        found(i, k, Sem::Season { y, s })
    }

    /// `the first quarter of 2009`, `le troisième trimestre`, `third-quarter`.
    pub(super) fn p_quarter(&self, i: usize) -> Option<Found> {
        let mut j = i;
        if let Some(e) = self.w(j, W::Article) {
            j = e;
        }
        // `the 1988 second quarter`.
        let year_first = self.year4(j);
        if let Some((_, e)) = year_first {
            j = e;
        }
        let (q, e) = self.find(j, |c| if let Cat::Ord(v) = c { Some(v) } else { None })?;
        let e = if self.punct(e, "-") { e + 1 } else { e };
        let (u, mut k) = self.unit(e)?;
        if u != Unit::Quarter || q > 4 || q == 0 {
            return None;
        }
        let mut y = YearSpec::Rel(0);
        if let Some((yy, _)) = year_first {
            return found(
                i,
                k,
                Sem::Quarter {
                    y: YearSpec::Abs(yy),
                    q,
                },
            );
        }
        let mut k1 = self.w(k, W::Of).unwrap_or(k);
        if let Some(e) = self.w(k1, W::Article) {
            k1 = e;
        }
        if let Some((yy, e)) = self.year4(k1) {
            y = YearSpec::Abs(yy);
            k = e;
        } else {
            let (d, e) = self.dir_before(k1);
            if d != Dir::Auto
                && let Some(e2) = self.w(e, W::YearWord)
            {
                y = YearSpec::Rel(match d {
                    Dir::Last => -1,
                    Dir::Next => 1,
                    _ => 0,
                });
                k = e2;
            }
        }
        found(i, k, Sem::Quarter { y, q })
    }

    /// `début octobre`, `la fin de l'année dernière`, `au début des années 1990`, `mid-2011`.
    pub(super) fn p_mod(&self, i: usize) -> Option<Found> {
        let mut j = i;
        if let Some(e) = self.w(j, W::Article) {
            j = e;
        }
        let (m, e) = if let Some(e) = self.w(j, W::Start) {
            ("START", e)
        } else if let Some(e) = self.w(j, W::Mid) {
            ("MID", e)
        } else if let Some(e) = self.w(j, W::End) {
            ("END", e)
        } else {
            return None;
        };
        let mut k = e;
        if self.punct(k, "-") && self.glued(k) {
            k += 1;
        }
        let inner_at = |k: usize| -> Option<Found> {
            let rules: [Rule<'a>; 8] = [
                Self::p_date,
                Self::p_month,
                Self::p_decade,
                Self::p_season,
                Self::p_quarter,
                Self::p_rel_unit,
                Self::p_year_strong,
                Self::p_the_year,
            ];
            let mut best: Option<Found> = None;
            for r in rules {
                if let Some(f) = r(self, k)
                    && f.a == k
                    && best.as_ref().is_none_or(|b| f.b > b.b)
                {
                    best = Some(f);
                }
            }
            best
        };
        let inner = inner_at(k).or_else(|| {
            let k2 = self.w(k, W::Of)?;
            inner_at(k2)
        });
        let inner = match inner {
            Some(f) => f,
            None => {
                // `en fin de matinée`, `early in the morning`: part of the day under discussion.
                let k2 = self.w(k, W::Of).or_else(|| self.w(k, W::At)).unwrap_or(k);
                let k2 = self.w(k2, W::Article).unwrap_or(k2);
                let (p, e) = self.part(k2)?;
                if p == "DT" {
                    return None;
                }
                return Some(Found {
                    a: i,
                    b: e,
                    sem: Sem::Time(Tod::Part(p)),
                    modifier: Some(m),
                });
            }
        };
        if matches!(inner.sem, Sem::Weekday { .. } | Sem::Set(_)) {
            return None;
        }
        let mut sem = inner.sem;
        // `the early summer`: the article before the modifier makes it one summer.
        if j > i
            && let Sem::Season {
                y: y @ YearSpec::Generic,
                ..
            } = &mut sem
        {
            *y = YearSpec::Near;
        }
        Some(Found {
            a: i,
            b: inner.b,
            sem,
            modifier: Some(m),
        })
    }

    /// A year after a modifier (`early 2009`, `fin 1998`): no context needed.
    pub(super) fn p_year_strong(&self, i: usize) -> Option<Found> {
        let (y, e) = self.year4(i)?;
        found(i, e, Sem::Literal(format!("{y:04}")))
    }

    /// `l'année`, `the year`, `du mois` after a modifier: the reference's year, month or week.
    pub(super) fn p_the_year(&self, i: usize) -> Option<Found> {
        let e = self.w(i, W::Article).unwrap_or(i);
        let (u, e) = self.unit(e)?;
        if !matches!(u, Unit::Year | Unit::Month | Unit::Week)
            || self.plural(e - 1) && self.w(e - 1, W::InvariantUnit).is_none()
        {
            return None;
        }
        found(
            i,
            e,
            Sem::Rel {
                n: 0,
                unit: u,
                gran: u,
                anaphoric: false,
                tod: Tod::None,
            },
        )
    }

    /// A year written in words. Always: a teen or `twenty` then a two-digit tens number, as a
    /// year is spoken (`nineteen ninety-six`, `twenty ten`). When `strong` (after `the year`,
    /// `l'an`): any number word from 1000 to 2100 (`two thousand`, `deux mille un`).
    pub(super) fn written_year(&self, j: usize, strong: bool) -> Option<(i32, usize)> {
        let (h, e) = self.is_num_word(j)?;
        if self.w(j, W::ArticleNum).is_some() {
            return None;
        }
        if (11..=20).contains(&h)
            && !self.punct(e, "-")
            && self.w(e, W::NumJoin).is_none()
            && self.is_num_word(e).is_some()
            && self.w(e, W::ArticleNum).is_none()
        {
            let (t, e2) = self.number(e)?;
            // `nineteen ninety-four`; `nineteen hundred` is 1900.
            let t = t as i64;
            let y = if t == 100 {
                h * 100
            } else if (10..=99).contains(&t) {
                h * 100 + t
            } else {
                return None;
            };
            return Some((y as i32, e2));
        }
        if !strong {
            return None;
        }
        let (n, e) = self.number(j)?;
        let n = n as i64;
        (1000..=2100).contains(&n).then_some((n as i32, e))
    }

    /// `Noël`, `la Toussaint`, `Christmas Eve`, `New Year's Day 1999`, `last Christmas`: a
    /// holiday on a fixed day of the year, dated like a day-month.
    pub(super) fn p_holiday(&self, i: usize) -> Option<Found> {
        let (mut dir, j) = self.article_then_dir(i);
        let (day, mut k) = self.find(j, |c| match c {
            Cat::Holiday(m, d) => Some(Ok((m, d))),
            Cat::Movable(rule) => Some(Err(rule)),
            _ => None,
        })?;
        // Holiday names are proper nouns (`Noël`, `le jour de l'An`), and a capitalised word
        // outside the lexicon next to one makes it part of a person's name (`Jean-Noël`,
        // `Noël Dupont`, `Pierre Toussaint`).
        if !(j..k).any(|x| self.upper(x)) {
            return None;
        }
        let name_word = |x: usize| {
            self.kind(x) == Some(Kind::Word) && self.upper(x) && self.off[x] == self.off[x + 1]
        };
        // Before it, even at the start of a sentence (`Pierre Toussaint a dit`): prepositions
        // that introduce a holiday are in the lexicon.
        if j > 0 && (self.punct(j - 1, "-") && self.glued(j) || j == i && name_word(j - 1)) {
            return None;
        }
        // After it, unless a new sentence or line starts there.
        if k < self.t.len()
            && name_word(k)
            && !self.t.toks[k].newline_before
            && !matches!(self.t.norm(k - 1), "." | "!" | "?" | ":" | "«" | "\"" | "(")
        {
            return None;
        }
        let mut y = None;
        if let Some((yy, e)) = self.year_after(k) {
            y = Some(yy);
            k = e;
        }
        k = self.dir_after(k, &mut dir);
        // `Christmas sales`, `Christmas shopping`: where nouns modify the noun after them, a
        // holiday before a lower-case noun names a season of trade, not the day.
        if !self.lex.day_first && y.is_none() && dir == Dir::Auto && self.counted(k) {
            return None;
        }
        let sem = match day {
            Ok((m, d)) => Sem::Cal {
                y,
                m,
                d: Some(d),
                wd: None,
                dir,
                tod: Tod::None,
            },
            Err(rule) => Sem::Movable { rule, y, dir },
        };
        found(i, k, sem)
    }

    /// `the weekend`, `over the weekend`: the weekend of the reference week, or the one just
    /// gone in a past clause (as `this weekend`). Where an article before a day name makes a
    /// recurrence (`le samedi`, `le week-end`), the same phrase is left alone.
    pub(super) fn p_weekend(&self, i: usize) -> Option<Found> {
        if self.lex.day_first {
            return None;
        }
        let e = self.w(i, W::Article)?;
        let (u, e) = self.unit(e)?;
        if u != Unit::Weekend || self.plural(e - 1) {
            return None;
        }
        // `the weekend of March 3`, `the weekend before`: dated by what follows, not here.
        if self.w(e, W::Of).is_some() {
            return None;
        }
        found(
            i,
            e,
            Sem::Rel {
                n: 0,
                unit: Unit::Weekend,
                gran: Unit::Weekend,
                anaphoric: false,
                tod: Tod::None,
            },
        )
    }

    /// The later day of a pair or range after a month (`April 24 and 25`, `May 3-5`): a date
    /// of its own, in the same month.
    pub(super) fn p_day_list(&self, i: usize) -> Option<Found> {
        if i < 3 || self.w(i - 1, W::RangeJoin) != Some(i) {
            return None;
        }
        let (d, e) = self.day(i)?;
        if self.month(e, true).is_some()
            || self.unit(e).is_some()
            || self.punct(e, "%")
            || self.counted(e)
        {
            return None;
        }
        let p = i - 2;
        let (d0, e0) = self.day(p)?;
        if e0 != i - 1 || d0 >= d {
            return None;
        }
        let m = (p.saturating_sub(2)..p)
            .find_map(|s| self.month(s, true).filter(|&(_, me)| me == p))?
            .0;
        let mut y = None;
        let mut k = e;
        if let Some((yy, e2)) = self.year_after(e) {
            y = Some(yy);
            k = e2;
        }
        found(
            i,
            k,
            Sem::Cal {
                y,
                m,
                d: Some(d),
                wd: None,
                dir: Dir::Auto,
                tod: Tod::None,
            },
        )
    }
}

/// Reads a roman-numeral ordinal such as `xxe`, `xixeme`, `xxi`: returns the number.
pub(super) fn roman_ordinal(s: &str) -> Option<u32> {
    let body = s.strip_suffix("eme").or_else(|| s.strip_suffix('e'))?;
    if body.is_empty()
        || !body
            .chars()
            .all(|c| matches!(c, 'i' | 'v' | 'x' | 'l' | 'c'))
    {
        return None;
    }
    let val = |c: char| match c {
        'i' => 1,
        'v' => 5,
        'x' => 10,
        'l' => 50,
        _ => 100,
    };
    let cs: Vec<u32> = body.chars().map(val).collect();
    let mut total = 0i64;
    for (k, &v) in cs.iter().enumerate() {
        if cs.get(k + 1).is_some_and(|&n| n > v) {
            total -= i64::from(v);
        } else {
            total += i64::from(v);
        }
    }
    u32::try_from(total).ok().filter(|&t| t > 0 && t < 40)
}
