//! Grammar: finds temporal expressions in a token stream and describes what they mean, before
//! any reference date is applied. Every rule speaks of word classes from the lexicon, never of
//! words, so one grammar serves every language.

use super::lexicon::{Cat, Lexicon, Unit, W};
use super::token::{Kind, Tokens};

/// Direction asked for by a cue word (`dernier`, `next`, `ce`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dir {
    /// No cue: the tense decides.
    Auto,
    /// Strictly before the reference.
    Last,
    /// Strictly after the reference.
    Next,
    /// In the reference's own period.
    This,
}

/// Time of day attached to a day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Tod {
    None,
    Part(&'static str),
    Clock { h: u32, m: u32, utc: bool },
}

/// Year of a season or quarter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum YearSpec {
    Abs(i32),
    Rel(i64),
    Generic,
}

/// The meaning of an expression, before resolution.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Sem {
    /// A calendar date or month, the year possibly left to infer.
    Cal {
        y: Option<i32>,
        m: u32,
        d: Option<u32>,
        wd: Option<u32>,
        dir: Dir,
        tod: Tod,
    },
    /// A bare weekday.
    Weekday { wd: u32, dir: Dir, tod: Tod },
    /// `n` units from the reference (or from the previous date when anaphoric), given at the
    /// granularity `gran`.
    Rel {
        n: i64,
        unit: Unit,
        gran: Unit,
        anaphoric: bool,
        tod: Tod,
    },
    /// A time of day on the day under discussion.
    Time(Tod),
    /// A season.
    Season { y: YearSpec, s: &'static str },
    /// A quarter (`q` = -1: the last completed one).
    Quarter { y: YearSpec, q: i64 },
    /// A duration; `since` when it dates the start of a state (`depuis 8 mois`).
    Duration {
        value: String,
        since: Option<(f64, Unit)>,
    },
    /// A recurrence.
    Set(String),
    /// A value that needs no reference (`1991`, `199`, `PRESENT_REF`).
    Literal(String),
}

/// An expression: token range `a..b`, meaning and TIMEX3 mod.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    pub a: usize,
    pub b: usize,
    pub sem: Sem,
    pub modifier: Option<&'static str>,
}

fn found(a: usize, b: usize, sem: Sem) -> Option<Found> {
    Some(Found {
        a,
        b,
        sem,
        modifier: None,
    })
}

/// Finds the expressions of `t`, left to right, longest match first, never overlapping.
pub(crate) fn parse(t: &Tokens, lex: &Lexicon) -> Vec<Found> {
    let p = Parser::new(t, lex);
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        if p.off[i] == p.off[i + 1] && t.toks[i].kind != Kind::Num && t.norm(i) != "'" {
            i += 1;
            continue;
        }
        match p.best(i) {
            Some(f) if f.b > f.a && f.a >= i => {
                i = f.b;
                out.push(f);
            }
            _ => i += 1,
        }
    }
    out
}

struct Parser<'a> {
    t: &'a Tokens,
    lex: &'a Lexicon,
    m: Vec<(usize, usize, Cat)>,
    off: Vec<usize>,
}

type Rule<'a> = fn(&Parser<'a>, usize) -> Option<Found>;

impl<'a> Parser<'a> {
    fn new(t: &'a Tokens, lex: &'a Lexicon) -> Self {
        let mut m = Vec::new();
        let mut off = Vec::with_capacity(t.len() + 1);
        for i in 0..t.len() {
            off.push(m.len());
            lex.matches_into(t, i, &mut m);
        }
        off.push(m.len());
        Parser { t, lex, m, off }
    }

    fn best(&self, i: usize) -> Option<Found> {
        let rules: [Rule<'a>; 19] = [
            Self::p_mod,
            Self::p_date,
            Self::p_numeric,
            Self::p_month,
            Self::p_decade,
            Self::p_century,
            Self::p_season,
            Self::p_quarter,
            Self::p_relday,
            Self::p_rel_unit,
            Self::p_ago,
            Self::p_anaphor,
            Self::p_time,
            Self::p_duration,
            Self::p_set,
            Self::p_year,
            Self::p_part,
            Self::p_ref,
            Self::p_in,
        ];
        let mut best: Option<Found> = None;
        for r in rules {
            if let Some(f) = r(self, i)
                && best.as_ref().is_none_or(|b| f.b > b.b)
            {
                best = Some(f);
            }
        }
        best
    }

    // ---- token helpers ----

    fn n(&self) -> usize {
        self.t.len()
    }

    fn cats(&self, i: usize) -> &[(usize, usize, Cat)] {
        if i >= self.n() {
            &[]
        } else {
            &self.m[self.off[i]..self.off[i + 1]]
        }
    }

    fn find<T>(&self, i: usize, f: impl Fn(Cat) -> Option<T>) -> Option<(T, usize)> {
        let mut best: Option<(T, usize)> = None;
        for &(_, e, c) in self.cats(i) {
            if let Some(v) = f(c)
                && best.as_ref().is_none_or(|b| e > b.1)
            {
                best = Some((v, e));
            }
        }
        best
    }

    fn w(&self, i: usize, w: W) -> Option<usize> {
        self.find(i, |c| (c == Cat::W(w)).then_some(()))
            .map(|(_, e)| e)
    }

    fn kind(&self, i: usize) -> Option<Kind> {
        self.t.toks.get(i).map(|t| t.kind)
    }

    fn punct(&self, i: usize, p: &str) -> bool {
        self.kind(i) == Some(Kind::Punct) && self.t.norm(i) == p
    }

    fn glued(&self, i: usize) -> bool {
        self.t.toks.get(i).is_some_and(|t| !t.space_before)
    }

    fn upper(&self, i: usize) -> bool {
        self.t.toks.get(i).is_some_and(|t| t.upper)
    }

    /// Value and digit count of a digit token.
    fn digits(&self, i: usize) -> Option<(u32, usize)> {
        if self.kind(i) != Some(Kind::Num) {
            return None;
        }
        let s = self.t.norm(i);
        if s.len() > 9 {
            return None;
        }
        Some((s.parse().ok()?, s.len()))
    }

    /// A digit token that is not a piece of a larger number (`120.000`, `30,4`, `1 500`).
    fn lone_digits(&self, i: usize) -> Option<(u32, usize)> {
        let d = self.digits(i)?;
        if i > 0 && self.glued(i) && matches!(self.t.norm(i - 1), "." | "," | "/" | ":" | "-") {
            if self.kind(i.wrapping_sub(2)) == Some(Kind::Num) && self.glued(i - 1) {
                return None;
            }
        }
        if matches!(self.t.norm(i + 1), "." | "," | ":")
            && self.glued(i + 1)
            && self.glued(i + 2)
            && self.kind(i + 2) == Some(Kind::Num)
        {
            return None;
        }
        Some(d)
    }

    fn is_num_word(&self, i: usize) -> Option<(i64, usize)> {
        self.find(i, |c| if let Cat::Num(v) = c { Some(v) } else { None })
    }

    /// A number in digits (`24`, `30,4`, `120.000`) or words (`vingt-quatre`, `fifty`).
    fn number(&self, i: usize) -> Option<(f64, usize)> {
        if let Some((v, _)) = self.digits(i) {
            let mut val = f64::from(v);
            let mut j = i + 1;
            let mut decimal = false;
            while (self.punct(j, ".") || self.punct(j, ","))
                && self.glued(j)
                && self.glued(j + 1)
                && let Some((w, l)) = self.digits(j + 1)
            {
                let thousands_sep = if self.lex.day_first { "." } else { "," };
                if l == 3 && self.t.norm(j) == thousands_sep && !decimal {
                    val = val * 1000.0 + f64::from(w);
                } else if !decimal {
                    val += f64::from(w) / 10f64.powi(l as i32);
                    decimal = true;
                } else {
                    break;
                }
                j += 2;
            }
            return Some((val, j));
        }
        let (first, mut j) = self.is_num_word(i)?;
        if matches!(self.t.norm(i), "a" | "an") {
            return Some((1.0, j));
        }
        let (mut total, mut cur, mut last) = (0i64, first, first);
        if first == 1000 {
            total = 1000;
            cur = 0;
        }
        loop {
            let mut k = j;
            if self.punct(k, "-") && self.glued(k) && self.glued(k + 1) {
                k += 1;
            } else if matches!(self.t.norm(k), "et" | "and") {
                k += 1;
            }
            let Some((v, e)) = self.is_num_word(k) else {
                break;
            };
            if matches!(self.t.norm(k), "a" | "an" | "un" | "une") && k == j {
                break;
            }
            match v {
                100 => cur = cur.max(1) * 100,
                1000 => {
                    total += cur.max(1) * 1000;
                    cur = 0;
                }
                20 if last == 4 && cur % 100 == 4 => cur += 76,
                _ => cur += v,
            }
            last = v;
            j = e;
        }
        Some(((total + cur) as f64, j))
    }

    fn unit(&self, i: usize) -> Option<(Unit, usize)> {
        self.find(i, |c| if let Cat::Unit(u) = c { Some(u) } else { None })
    }

    fn plural(&self, i: usize) -> bool {
        let s = self.t.norm(i);
        s.ends_with('s') || s.ends_with('x')
    }

    fn weekday(&self, i: usize) -> Option<(u32, usize)> {
        self.find(i, |c| {
            if let Cat::Weekday(v) = c {
                Some(v)
            } else {
                None
            }
        })
    }

    fn month(&self, i: usize, abbrev: bool) -> Option<(u32, usize)> {
        if let Some((m, e)) = self.find(i, |c| if let Cat::Month(v) = c { Some(v) } else { None }) {
            if self.lex.ambiguous_words.contains(self.t.norm(i)) && !self.upper(i) {
                return None;
            }
            return Some((m, e));
        }
        if abbrev
            && let Some((m, e)) = self.find(i, |c| {
                if let Cat::MonthAbbr(v) = c {
                    Some(v)
                } else {
                    None
                }
            })
        {
            let e = if self.punct(e, ".") && self.glued(e) {
                e + 1
            } else {
                e
            };
            return Some((m, e));
        }
        None
    }

    fn part(&self, i: usize) -> Option<(&'static str, usize)> {
        self.find(i, |c| if let Cat::Part(v) = c { Some(v) } else { None })
    }

    /// A day of the month: `21`, `1er`, `2nd`, `premier`.
    fn day(&self, i: usize) -> Option<(u32, usize)> {
        if let Some((d, l)) = self.lone_digits(i) {
            if l > 2 || !(1..=31).contains(&d) {
                return None;
            }
            let mut e = i + 1;
            if self.glued(e)
                && let Some(x) = self.w(e, W::OrdSuffix)
            {
                e = x;
            }
            if self.glued(e) && (self.w(e, W::HourLetter).is_some() || self.punct(e, ":")) {
                return None;
            }
            return Some((d, e));
        }
        self.find(i, |c| if let Cat::Ord(1) = c { Some(1) } else { None })
    }

    /// A four-digit year standing alone.
    fn year4(&self, i: usize) -> Option<(i32, usize)> {
        let (y, l) = self.lone_digits(i)?;
        if l != 4 || !(1000..=2199).contains(&y) {
            return None;
        }
        Some((y as i32, i + 1))
    }

    /// A two-digit year after a month or a day-month (`octobre 98`, `10 novembre 93`).
    fn year2(&self, i: usize) -> Option<(i32, usize)> {
        let (y, l) = self.lone_digits(i)?;
        if l != 2
            || self.unit(i + 1).is_some()
            || self.glued(i + 1) && self.kind(i + 1) != Some(Kind::Punct)
        {
            return None;
        }
        let y = y as i32;
        Some((if y < 40 { 2000 + y } else { 1900 + y }, i + 1))
    }

    fn dir_after(&self, j: usize, dir: &mut Dir) -> usize {
        if *dir != Dir::Auto {
            return j;
        }
        if let Some(e) = self.w(j, W::Next) {
            *dir = Dir::Next;
            e
        } else if let Some(e) = self.w(j, W::Last) {
            *dir = Dir::Last;
            e
        } else if let Some(e) = self.w(j, W::ThisSuffix) {
            *dir = Dir::This;
            e
        } else {
            j
        }
    }

    fn dir_before(&self, j: usize) -> (Dir, usize) {
        if let Some(e) = self.w(j, W::This) {
            (Dir::This, e)
        } else if let Some(e) = self.w(j, W::Next) {
            (Dir::Next, e)
        } else if let Some(e) = self.w(j, W::Last) {
            (Dir::Last, e)
        } else {
            (Dir::Auto, j)
        }
    }

    /// A time of day after a day: `soir`, `à 11 heures`, `à la mi-journée`.
    fn tod_suffix(&self, j: usize) -> (Tod, usize) {
        if let Some((p, e)) = self.part(j) {
            return (Tod::Part(p), e);
        }
        if let Some(k) = self.w(j, W::At) {
            if let Some((tod, e)) = self.clock(k, true) {
                return (tod, e);
            }
            let k2 = self.w(k, W::Article).unwrap_or(k);
            if let Some((p, e)) = self.part(k2) {
                return (Tod::Part(p), e);
            }
        }
        (Tod::None, j)
    }

    /// A clock time. `loose` accepts `11 heures` without a part of day (after `à`).
    fn clock(&self, i: usize, loose: bool) -> Option<(Tod, usize)> {
        if let Some(((h, m), e)) = self.find(i, |c| {
            if let Cat::Clock(h, m) = c {
                Some((h, m))
            } else {
                None
            }
        }) {
            return Some((Tod::Clock { h, m, utc: false }, e));
        }
        if i > 0 && self.glued(i) && matches!(self.t.norm(i - 1), "." | "," | ":" | "/") {
            return None;
        }
        let (h, l) = self.digits(i)?;
        let mut j = i + 1;
        let (mut hh, mut mm);
        let mut strong;
        if l == 4 {
            if !(self.w(j, W::Tz).is_some() || self.punct(j, ":")) {
                return None;
            }
            hh = h / 100;
            mm = h % 100;
            strong = true;
        } else if l <= 2 {
            hh = h;
            mm = 0;
            if let Some(e) = self.w(j, W::HourLetter) {
                j = e;
                strong = true;
                if self.glued(j) || self.kind(j) == Some(Kind::Num) {
                    if let Some((m, 2)) = self.digits(j) {
                        mm = m;
                        j += 1;
                    }
                }
            } else if self.punct(j, ":") && self.glued(j) && self.glued(j + 1) {
                let (m, ml) = self.digits(j + 1)?;
                if ml != 2 {
                    return None;
                }
                mm = m;
                j += 2;
                strong = true;
            } else if let Some((Unit::Hour, e)) = self.unit(j) {
                j = e;
                if let Some((m, _)) = self.digits(j).filter(|d| d.0 < 60) {
                    if self.unit(j + 1).is_none_or(|u| u.0 == Unit::Min) {
                        mm = m;
                        j = self.unit(j + 1).map_or(j + 1, |u| u.1);
                    }
                }
                strong = loose;
            } else if self.w(j, W::Am).is_some() || self.w(j, W::Pm).is_some() {
                strong = true;
            } else {
                return None;
            }
        } else {
            return None;
        }
        if let Some(e) = self.w(j, W::Am) {
            if hh == 12 {
                hh = 0;
            }
            j = e;
        } else if let Some(e) = self.w(j, W::Pm) {
            if hh < 12 {
                hh += 12;
            }
            j = e;
        } else if let Some((p, e)) = self.find(j, |c| {
            if let Cat::ClockPart(p) = c {
                Some(p)
            } else {
                None
            }
        }) {
            if matches!(p, "AF" | "EV" | "NI") && hh < 12 && !(p == "NI" && hh < 6) {
                hh += 12;
            }
            j = e;
            strong = true;
        }
        if !strong || hh > 24 || mm > 59 {
            return None;
        }
        let mut utc = false;
        if let Some(e) = self.w(j, W::Tz) {
            utc = true;
            j = e;
        }
        if hh == 24 {
            hh = 0;
        }
        Some((Tod::Clock { h: hh, m: mm, utc }, j))
    }

    // ---- rules ----

    /// `jeudi 21 septembre 2023`, `le 1er mai`, `September 21, 2023`, `lundi dernier`.
    fn p_date(&self, i: usize) -> Option<Found> {
        let mut j = i;
        let art = self.w(j, W::Article);
        if let Some(e) = art {
            j = e;
        }
        let (mut dir, e) = self.dir_before(j);
        j = e;
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
            } else if matches!(self.t.norm(e), "et" | "and" | "," | "-" | "au" | "to")
                && let Some((_, e2)) = self.day(e + 1)
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
                let k0 = if self.punct(k, ",") { k + 1 } else { k };
                let mut y = None;
                if let Some((yy, e)) = self.year4(k0) {
                    y = Some(yy);
                    k = e;
                } else if self.lex.day_first
                    && let Some((yy, e)) = self.year2(k)
                {
                    y = Some(yy);
                    k = e;
                }
                k = self.dir_after(k, &mut dir);
                let (tod, k) = self.tod_suffix(k);
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
                let (tod, k) = self.tod_suffix(k);
                if art.is_some() && dir == Dir::Auto && self.lex.day_first {
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
    fn p_numeric(&self, i: usize) -> Option<Found> {
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
    fn p_month(&self, i: usize) -> Option<Found> {
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
        let k0 = if self.punct(k, ",") { k + 1 } else { k };
        if let Some((yy, e)) = self.year4(k0) {
            y = Some(yy);
            k = e;
        } else if self.lex.day_first
            && let Some((yy, e)) = self.year2(k)
        {
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
    fn p_year(&self, i: usize) -> Option<Found> {
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
        let (y, e) = self.year4(j)?;
        if !strong {
            let after_prep = i > 0
                && (self.w(i - 1, W::YearPrep).is_some() || self.month(i - 1, true).is_some());
            if i > 0 && self.kind(i - 1) == Some(Kind::Num) {
                return None;
            }
            if !after_prep {
                if !(1900..=2100).contains(&y) {
                    return None;
                }
                if self.kind(e) == Some(Kind::Word)
                    && !self.upper(e)
                    && self.w(e, W::YearFollower).is_none()
                {
                    return None;
                }
                if matches!(self.t.norm(e), "%" | "€" | "$") {
                    return None;
                }
            }
        }
        found(i, e, Sem::Literal(format!("{y:04}")))
    }

    /// `les années 1990`, `the 1990s`, `70s`.
    fn p_decade(&self, i: usize) -> Option<Found> {
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
        if self.punct(j, "'") {
            j += 1;
        }
        let (y, l) = self.digits(j)?;
        if self.t.norm(j + 1) != "s" || !self.glued(j + 1) || y % 10 != 0 {
            return None;
        }
        let v = match l {
            4 => format!("{}", y / 10),
            2 => format!("19{}", y / 10),
            _ => return None,
        };
        found(i, j + 2, Sem::Literal(v))
    }

    /// `le XXe siècle`, `the 20th century`.
    fn p_century(&self, i: usize) -> Option<Found> {
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
    fn p_season(&self, i: usize) -> Option<Found> {
        let mut j = i;
        if let Some(e) = self.w(j, W::Article) {
            j = e;
        }
        let (mut dir, e) = self.dir_before(j);
        j = e;
        let (s, mut k) = self.find(j, |c| {
            if let Cat::Season(s) = c {
                Some(s)
            } else {
                None
            }
        })?;
        if self.lex.ambiguous_words.contains(self.t.norm(j))
            && !self.upper(j)
            && self.year4(k).is_none()
        {
            return None;
        }
        // A bare season name needs a preposition or a capital (`en été`, `Été comme hiver`):
        // `a été` is a verb.
        if j == i
            && !self.upper(i)
            && self.year4(k).is_none()
            && !(i > 0 && self.w(i - 1, W::SeasonPrep).is_some())
        {
            return None;
        }
        let mut y = match dir {
            Dir::This => YearSpec::Rel(0),
            Dir::Next => YearSpec::Rel(1),
            Dir::Last => YearSpec::Rel(-1),
            Dir::Auto => YearSpec::Generic,
        };
        let k1 = self.w(k, W::Of).unwrap_or(k);
        if let Some((yy, e)) = self.year4(k1) {
            y = YearSpec::Abs(yy);
            k = e;
        } else if dir == Dir::Auto {
            k = self.dir_after(k, &mut dir);
            y = match dir {
                Dir::Next => YearSpec::Rel(1),
                Dir::Last => YearSpec::Rel(-1),
                Dir::This => YearSpec::Rel(0),
                Dir::Auto => YearSpec::Generic,
            };
        }
        found(i, k, Sem::Season { y, s })
    }

    /// `the first quarter of 2009`, `le troisième trimestre`, `third-quarter`.
    fn p_quarter(&self, i: usize) -> Option<Found> {
        let mut j = i;
        if let Some(e) = self.w(j, W::Article) {
            j = e;
        }
        let (q, e) = self.find(j, |c| if let Cat::Ord(v) = c { Some(v) } else { None })?;
        let e = if self.punct(e, "-") { e + 1 } else { e };
        let (u, mut k) = self.unit(e)?;
        if u != Unit::Quarter || q > 4 || q == 0 {
            return None;
        }
        let mut y = YearSpec::Rel(0);
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
    fn p_mod(&self, i: usize) -> Option<Found> {
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
        })?;
        if matches!(inner.sem, Sem::Weekday { .. } | Sem::Set(_)) {
            return None;
        }
        let a = if j > i && self.lex.day_first {
            i
        } else if j > i {
            i
        } else {
            j
        };
        Some(Found {
            a,
            b: inner.b,
            sem: inner.sem,
            modifier: Some(m),
        })
    }

    /// A year after a modifier (`early 2009`, `fin 1998`): no context needed.
    fn p_year_strong(&self, i: usize) -> Option<Found> {
        let (y, e) = self.year4(i)?;
        found(i, e, Sem::Literal(format!("{y:04}")))
    }

    /// `l'année`, `the year` after a modifier: the reference year.
    fn p_the_year(&self, i: usize) -> Option<Found> {
        let e = self.w(i, W::Article)?;
        let (u, e) = self.unit(e)?;
        if u != Unit::Year {
            return None;
        }
        found(
            i,
            e,
            Sem::Rel {
                n: 0,
                unit: Unit::Year,
                gran: Unit::Year,
                anaphoric: false,
                tod: Tod::None,
            },
        )
    }

    /// `hier`, `hier soir`, `aujourd'hui vendredi`, `Hier à 10 h`, `ce soir`, `this morning`.
    fn p_relday(&self, i: usize) -> Option<Found> {
        let mut j = i;
        if let Some(e) = self.w(j, W::EarlierToday)
            && self
                .find(e, |c| {
                    if let Cat::DayOffset(0) = c {
                        Some(())
                    } else {
                        None
                    }
                })
                .is_some()
        {
            j = e;
        }
        if let Some((n, e)) = self.find(j, |c| {
            if let Cat::DayOffset(v) = c {
                Some(v)
            } else {
                None
            }
        }) {
            let mut k = e;
            if let Some((_, e2)) = self.weekday(k) {
                k = e2;
            }
            let (tod, k) = self.tod_suffix(k);
            return found(
                i,
                k,
                Sem::Rel {
                    n,
                    unit: Unit::Day,
                    gran: Unit::Day,
                    anaphoric: false,
                    tod,
                },
            );
        }
        let e = self.w(i, W::This)?;
        let (p, k) = self.part(e)?;
        if p == "DT" {
            return None;
        }
        found(
            i,
            k,
            Sem::Rel {
                n: 0,
                unit: Unit::Day,
                gran: Unit::Day,
                anaphoric: false,
                tod: Tod::Part(p),
            },
        )
    }

    /// `cette semaine`, `le mois dernier`, `l'an dernier`, `next year`, `ce week-end`.
    fn p_rel_unit(&self, i: usize) -> Option<Found> {
        let mut j = i;
        let art = self.w(j, W::Article);
        if let Some(e) = art {
            j = e;
        }
        let (mut dir, e) = self.dir_before(j);
        if dir == Dir::This && art.is_some() {
            return None;
        }
        j = e;
        let (u, mut k) = self.unit(j)?;
        if !matches!(
            u,
            Unit::Week | Unit::Weekend | Unit::Month | Unit::Year | Unit::Quarter
        ) {
            return None;
        }
        if self.plural(j) && self.t.norm(j) != "mois" {
            return None;
        }
        k = self.dir_after(k, &mut dir);
        let n = match dir {
            Dir::Auto => return None,
            Dir::This => 0,
            Dir::Next => 1,
            Dir::Last => -1,
        };
        // `les derniers mois` is a stretch of time, not one month.
        if n != 0 && art.is_some() && self.plural(i) && self.t.norm(j) == "mois" {
            return None;
        }
        found(
            i,
            k,
            Sem::Rel {
                n,
                unit: u,
                gran: u,
                anaphoric: false,
                tod: Tod::None,
            },
        )
    }

    /// `il y a trois jours`, `three days ago`, `il y a quelques mois` (a duration).
    fn p_ago(&self, i: usize) -> Option<Found> {
        if let Some(e) = self.w(i, W::Ago) {
            if let Some((n, e2)) = self.number(e)
                && let Some((u, e3)) = self.unit(e2)
            {
                return found(i, e3, rel_ago(-n, u, false));
            }
            return None;
        }
        let (n, e) = self.number(i)?;
        let e = if self.punct(e, "-") { e + 1 } else { e };
        let (u, e2) = self.unit(e)?;
        let e3 = self.w(e2, W::AgoAfter)?;
        found(i, e3, rel_ago(-n, u, false))
    }

    /// `dans deux semaines`.
    fn p_in(&self, i: usize) -> Option<Found> {
        let e = self.w(i, W::In)?;
        let (n, e2) = self.number(e)?;
        let (u, e3) = self.unit(e2)?;
        found(i, e3, rel_ago(n, u, false))
    }

    /// `la veille`, `le lendemain`, `deux jours plus tard`, `the day before`.
    fn p_anaphor(&self, i: usize) -> Option<Found> {
        if let Some((n, e)) = self.find(i, |c| {
            if let Cat::Anaphor(v) = c {
                Some(v)
            } else {
                None
            }
        }) {
            let (tod, k) = self.tod_suffix(e);
            return found(
                i,
                k,
                Sem::Rel {
                    n,
                    unit: Unit::Day,
                    gran: Unit::Day,
                    anaphoric: true,
                    tod,
                },
            );
        }
        let (n, e) = self.number(i)?;
        let (u, e2) = self.unit(e)?;
        let (sign, e3) = if let Some(e3) = self.w(e2, W::Later) {
            (1.0, e3)
        } else if let Some(e3) = self.w(e2, W::Earlier) {
            (-1.0, e3)
        } else {
            return None;
        };
        // `deux ans après sa création`, `five years after its launch`: measured from an event,
        // so it is a duration, not a date.
        if e3 == e2 + 1 && self.kind(e3) == Some(Kind::Word) {
            return None;
        }
        found(i, e3, rel_ago(sign * n, u, true))
    }

    /// `11h30`, `14 h 30`, `à 11 heures du matin`, `16:08 UTC`, `midi`, `12:00 UTC Monday`.
    fn p_time(&self, i: usize) -> Option<Found> {
        let prev_at = i > 0
            && (self.w(i - 1, W::At).is_some() || self.w(i - 1, W::Around).is_some())
            || i > 1 && self.w(i - 2, W::At) == Some(i);
        if i > 0 && self.w(i - 1, W::DurPrep).is_some() && !prev_at {
            // `pendant 24 h`: a duration.
            if self
                .clock(i, false)
                .is_some_and(|(t, _)| !matches!(t, Tod::Clock { m: 0, .. }))
            {
            } else if self
                .find(i, |c| matches!(c, Cat::Clock(..)).then_some(()))
                .is_none()
            {
                return None;
            }
        }
        let (tod, mut k) = self.clock(i, prev_at)?;
        let day_at = if self.punct(k, ",") { k + 1 } else { k };
        if (self
            .find(day_at, |c| matches!(c, Cat::DayOffset(_)).then_some(()))
            .is_some()
            || self.weekday(day_at).is_some())
            && self.tod_suffix(day_at + 1).0 == Tod::None
        {
            k = day_at;
        }
        if let Some((n, e)) = self.find(k, |c| {
            if let Cat::DayOffset(v) = c {
                Some(v)
            } else {
                None
            }
        }) {
            k = e;
            return found(
                i,
                k,
                Sem::Rel {
                    n,
                    unit: Unit::Day,
                    gran: Unit::Day,
                    anaphoric: false,
                    tod,
                },
            );
        }
        if let Some((wd, e)) = self.weekday(k) {
            return found(
                i,
                e,
                Sem::Weekday {
                    wd,
                    dir: Dir::Auto,
                    tod,
                },
            );
        }
        found(i, k, Sem::Time(tod))
    }

    /// `trois ans`, `environ une heure`, `plusieurs jours`, `ces derniers jours`, `12-year`.
    fn p_duration(&self, i: usize) -> Option<Found> {
        let mut j = i;
        let mut modifier = None;
        if let Some(e) = self.w(j, W::Approx) {
            modifier = Some("APPROX");
            j = e;
        } else if let Some(e) = self.w(j, W::MoreThan) {
            modifier = Some("MORE_THAN");
            j = e;
        } else if let Some(e) = self.w(j, W::LessThan) {
            modifier = Some("LESS_THAN");
            j = e;
        }
        if let Some((v, e)) = self.find(j, |c| {
            if let Cat::DurNoun(v) = c {
                Some(v)
            } else {
                None
            }
        }) {
            return Some(Found {
                a: i,
                b: e,
                sem: Sem::Duration {
                    value: v.to_owned(),
                    since: None,
                },
                modifier,
            });
        }
        // Vague quantities: `plusieurs jours`, `ces derniers jours`, `several years`.
        let vague = self
            .w(j, W::Vague)
            .or_else(|| self.w(j, W::Recent))
            .or_else(|| {
                let e = self.w(j, W::Article)?;
                self.w(e, W::Last).or_else(|| self.w(e, W::Recent))
            });
        if let Some(e) = vague
            && let Some((u, e2)) = self.unit(e)
            && (self.plural(e) || u == Unit::Month)
            && self.number(e).is_none()
        {
            let start = if self.w(j, W::Vague).is_some()
                && self.t.norm(j) == "des"
                && i > 0
                && self.w(i - 1, W::Since).is_none()
            {
                return None;
            } else {
                i
            };
            return Some(Found {
                a: start,
                b: e2,
                sem: Sem::Duration {
                    value: dur_value(None, u),
                    since: None,
                },
                modifier,
            });
        }
        // `in years`, `in minutes`: a bare plural unit after a preposition of duration.
        if j == i
            && i > 0
            && self.w(i - 1, W::DurPrep).is_some()
            && self.plural(i)
            && let Some((u, e)) = self.unit(i)
            && !matches!(u, Unit::Weekend | Unit::Sec)
        {
            return found(
                i,
                e,
                Sem::Duration {
                    value: dur_value(None, u),
                    since: None,
                },
            );
        }
        // `the past nine days`, `les trois derniers mois`, `the next four years`.
        let mut k = j;
        let mut lead_art = false;
        if let Some(e) = self.w(k, W::Article) {
            k = e;
            lead_art = true;
        }
        let mut k2 = k;
        if lead_art && let Some(e) = self.w(k2, W::Last).or_else(|| self.w(k2, W::Next)) {
            k2 = e;
        }
        let (n, mut e) = match self.number(k2) {
            Some(x) => x,
            None if lead_art && k2 > k => {
                // `the past decade`
                let (u, e) = self.unit(k2)?;
                if self.plural(k2)
                    || matches!(
                        u,
                        Unit::Day
                            | Unit::Week
                            | Unit::Month
                            | Unit::Year
                            | Unit::Quarter
                            | Unit::Weekend
                    )
                {
                    return None;
                }
                return Some(Found {
                    a: i,
                    b: e,
                    sem: Sem::Duration {
                        value: dur_value(Some(1.0), u),
                        since: None,
                    },
                    modifier,
                });
            }
            None => return None,
        };
        if lead_art && k2 == k {
            // `les trois derniers mois`
            if let Some(x) = self.w(e, W::Last).or_else(|| self.w(e, W::Next)) {
                e = x;
            } else {
                return None;
            }
        }
        let hyphen = self.punct(e, "-") && self.glued(e);
        if hyphen {
            e += 1;
        }
        if let Some(x) = self.w(e, W::DurAdj) {
            e = x;
        }
        let (u, mut e2) = self.unit(e)?;
        if let Some(x) = self.w(e2, W::DurAdj) {
            e2 = x;
        }
        if u == Unit::Weekend {
            return None;
        }
        let article_one = matches!(self.t.norm(k2), "a" | "an");
        if article_one && matches!(u, Unit::Sec | Unit::Quarter) {
            return None;
        }
        // `Alain, 53 ans,` and `les 6-16 ans`: ages, not durations.
        if u == Unit::Year && modifier.is_none() && !lead_art && i > 0 {
            let before = self.t.norm(i - 1);
            let after = self.t.norm(e2);
            if (matches!(before, "," | "(") && matches!(after, "," | ")"))
                || (before == "-" && self.glued(i))
            {
                return None;
            }
        }
        if u == Unit::Hour
            && self.w(e, W::HourLetter).is_some()
            && !(i > 0 && self.w(i - 1, W::DurPrep).is_some())
        {
            return None;
        }
        // `fillette de 6 ans`: an age, not a duration (ages are written in digits).
        if u == Unit::Year
            && i > 0
            && self.w(i - 1, W::Of).is_some()
            && modifier.is_none()
            && !lead_art
            && self.kind(k2) == Some(Kind::Num)
        {
            return None;
        }
        let since = (i > 0 && self.w(i - 1, W::Since).is_some()).then_some((n, u));
        Some(Found {
            a: i,
            b: e2,
            sem: Sem::Duration {
                value: dur_value(Some(n), u),
                since,
            },
            modifier,
        })
    }

    /// `chaque jour`, `tous les jeudis`, `every week`, `annuel`, `par semestre`.
    fn p_set(&self, i: usize) -> Option<Found> {
        if let Some((v, e)) = self.find(i, |c| {
            if let Cat::SetWord(v) = c {
                Some(v)
            } else {
                None
            }
        }) {
            if i > 0 && self.w(i - 1, W::Article).is_some() && !self.lex.day_first {
                return found(i, e, Sem::Set(v.to_owned()));
            }
            if i > 0 && self.w(i - 1, W::Article).is_some() {
                return None;
            }
            return found(i, e, Sem::Set(v.to_owned()));
        }
        if let Some(e) = self.w(i, W::Per) {
            if let Some((v, e2)) = self.find(e, |c| {
                if let Cat::DurNoun(v) = c {
                    Some(v)
                } else {
                    None
                }
            }) {
                return found(i, e2, Sem::Set(v.to_owned()));
            }
            return None;
        }
        let e = self.w(i, W::Every)?;
        if let Some((wd, e2)) = self.weekday(e) {
            let (tod, k) = self.tod_suffix(e2);
            let mut v = format!("XXXX-WXX-{wd}");
            if let Tod::Part(p) = tod {
                v.push('T');
                v.push_str(p);
            }
            return found(i, k, Sem::Set(v));
        }
        let (n, e2) = self.number(e).unwrap_or((1.0, e));
        let (u, e3) = self.unit(e2)?;
        found(i, e3, Sem::Set(dur_value(Some(n), u)))
    }

    /// `la nuit`, `la soirée`, `la mi-journée`: a part of the day under discussion.
    fn p_part(&self, i: usize) -> Option<Found> {
        let e = self.w(i, W::Article)?;
        let (p, k) = self.part(e)?;
        if p == "DT" {
            return None;
        }
        found(i, k, Sem::Time(Tod::Part(p)))
    }

    /// `actuellement`, `récemment`, `currently`, `the future`.
    fn p_ref(&self, i: usize) -> Option<Found> {
        let (v, e) = self.find(i, |c| if let Cat::Ref(v) = c { Some(v) } else { None })?;
        if self.punct(e, "-") && self.glued(e) {
            return None;
        }
        found(i, e, Sem::Literal(v.to_owned()))
    }
}

fn rel_ago(n: f64, u: Unit, anaphoric: bool) -> Sem {
    let gran = match u {
        Unit::Month => Unit::Month,
        Unit::Year | Unit::Decade | Unit::Century => Unit::Year,
        Unit::Quarter => Unit::Month,
        _ => Unit::Day,
    };
    let (n, unit) = match u {
        Unit::Hour => ((n / 24.0).trunc() as i64, Unit::Day),
        Unit::Min | Unit::Sec => (0, Unit::Day),
        Unit::Decade => ((n * 10.0) as i64, Unit::Year),
        Unit::Century => ((n * 100.0) as i64, Unit::Year),
        Unit::Weekend => (n as i64, Unit::Week),
        u => (n as i64, u),
    };
    Sem::Rel {
        n,
        unit,
        gran,
        anaphoric,
        tod: Tod::None,
    }
}

/// TIMEX3 duration value: `P8M`, `PT24H`, `PT30.4S`, `PXY` when `n` is vague.
pub(crate) fn dur_value(n: Option<f64>, u: Unit) -> String {
    let num = |x: f64| {
        if x.fract() == 0.0 && x.abs() < 1e15 {
            format!("{}", x as i64)
        } else {
            let s = format!("{x:.3}");
            s.trim_end_matches('0').trim_end_matches('.').to_owned()
        }
    };
    let (time, mult, letter) = match u {
        Unit::Sec => (true, 1.0, "S"),
        Unit::Min => (true, 1.0, "M"),
        Unit::Hour => (true, 1.0, "H"),
        Unit::Day => (false, 1.0, "D"),
        Unit::Week => (false, 1.0, "W"),
        Unit::Weekend => (false, 1.0, "WE"),
        Unit::Month => (false, 1.0, "M"),
        Unit::Quarter => (false, 1.0, "Q"),
        Unit::Year => (false, 1.0, "Y"),
        Unit::Decade => (false, 10.0, "Y"),
        Unit::Century => (false, 100.0, "Y"),
    };
    let amount = match n {
        Some(x) => num(x * mult),
        None if u == Unit::Decade => return "PXDE".to_owned(),
        None if u == Unit::Century => return "PXCE".to_owned(),
        None => "X".to_owned(),
    };
    format!("P{}{amount}{letter}", if time { "T" } else { "" })
}

/// Reads a roman-numeral ordinal such as `xxe`, `xixeme`, `xxi`: returns the number.
fn roman_ordinal(s: &str) -> Option<u32> {
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
