//! Token-level helpers of the grammar: numbers, names, days, years, cue words.

use super::{Dir, Parser};
use crate::time::lexicon::{Cat, Unit, W};
use crate::time::token::Kind;

/// How many numbers of a list (`1982, 1983 et 1984`) are walked back to find a labelling noun.
const LABEL_LIST_HOPS: usize = 8;

impl<'a> Parser<'a> {
    pub(super) fn n(&self) -> usize {
        self.t.len()
    }

    pub(super) fn cats(&self, i: usize) -> &[(usize, usize, Cat)] {
        if i >= self.n() {
            &[]
        } else {
            &self.m[self.off[i]..self.off[i + 1]]
        }
    }

    pub(super) fn find<T>(&self, i: usize, f: impl Fn(Cat) -> Option<T>) -> Option<(T, usize)> {
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

    pub(super) fn w(&self, i: usize, w: W) -> Option<usize> {
        // Most look-ups fail: the per-token class mask answers those without a scan.
        if self
            .wmask
            .get(i)
            .is_none_or(|m| m & (1u64 << w as u32) == 0)
        {
            return None;
        }
        self.find(i, |c| (c == Cat::W(w)).then_some(()))
            .map(|(_, e)| e)
    }

    /// Whether a phrase of class `w` ends right before token `i` (`à partir de` before `9 h`).
    pub(super) fn ends_at(&self, i: usize, w: W) -> bool {
        (i.saturating_sub(4)..i).any(|s| self.w(s, w) == Some(i))
    }

    pub(super) fn kind(&self, i: usize) -> Option<Kind> {
        self.t.toks.get(i).map(|t| t.kind)
    }

    pub(super) fn punct(&self, i: usize, p: &str) -> bool {
        self.kind(i) == Some(Kind::Punct) && self.t.norm(i) == p
    }

    pub(super) fn glued(&self, i: usize) -> bool {
        self.t.toks.get(i).is_some_and(|t| !t.space_before)
    }

    pub(super) fn upper(&self, i: usize) -> bool {
        self.t.toks.get(i).is_some_and(|t| t.upper)
    }

    /// Value and digit count of a digit token.
    pub(super) fn digits(&self, i: usize) -> Option<(u32, usize)> {
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
    pub(super) fn lone_digits(&self, i: usize) -> Option<(u32, usize)> {
        let d = self.digits(i)?;
        if i > 1
            && self.glued(i)
            && matches!(self.t.norm(i - 1), "." | "," | ":")
            && self.kind(i - 2) == Some(Kind::Num)
            && self.glued(i - 1)
        {
            return None;
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

    pub(super) fn is_num_word(&self, i: usize) -> Option<(i64, usize)> {
        self.find(i, |c| if let Cat::Num(v) = c { Some(v) } else { None })
    }

    /// A number in digits (`24`, `30,4`, `120.000`) or words (`vingt-quatre`, `fifty`).
    pub(super) fn number(&self, i: usize) -> Option<(f64, usize)> {
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
            // `2 1/2 years`, `5 3/4 hours`: a whole number followed by a simple fraction.
            if !decimal
                && !self.glued(j)
                && let Some((a, _)) = self.digits(j)
                && self.punct(j + 1, "/")
                && self.glued(j + 1)
                && self.glued(j + 2)
                && let Some((b, _)) = self.digits(j + 2)
                && a > 0
                && a < b
                && b <= 12
            {
                val += f64::from(a) / f64::from(b);
                j += 3;
            }
            return Some((val, j));
        }
        let (first, mut j) = self.is_num_word(i)?;
        // `a`, `an`: a number only on its own (`a week`), never part of a compound.
        // `a couple of` is one lexicon number that merely starts with the article.
        if first == 1 && self.w(i, W::ArticleNum).is_some() {
            return Some((1.0, j));
        }
        let (mut total, mut cur) = (0i64, first);
        if first == 1000 {
            total = 1000;
            cur = 0;
        }
        loop {
            let mut k = j;
            if self.punct(k, "-") && self.glued(k) && self.glued(k + 1) {
                k += 1;
            } else if let Some(x) = self.w(k, W::NumJoin) {
                k = x;
            }
            let Some((v, e)) = self.is_num_word(k) else {
                break;
            };
            if self.w(k, W::ArticleNum).is_some() {
                break;
            }
            if !(matches!(v, 100 | 1000) || adds_to(cur, v)) {
                break;
            }
            match v {
                100 => cur = cur.max(1).saturating_mul(100),
                1000 => {
                    total = total.saturating_add(cur.max(1).saturating_mul(1000));
                    cur = 0;
                }
                _ => cur = cur.saturating_add(v),
            }
            j = e;
        }
        Some((total.saturating_add(cur) as f64, j))
    }

    pub(super) fn unit(&self, i: usize) -> Option<(Unit, usize)> {
        let (u, e) = self.find(i, |c| if let Cat::Unit(u) = c { Some(u) } else { None })?;
        // A one-letter abbreviation glued to an apostrophe is an elided word (`en 2024
        // s'est…`, `se`), not a unit (`2024 s`).
        let elided = e == i + 1
            && self.t.norm(i).chars().count() == 1
            && self.t.norm(e) == "'"
            && self.t.toks.get(e).is_some_and(|t| !t.space_before);
        (!elided).then_some((u, e))
    }

    pub(super) fn plural(&self, i: usize) -> bool {
        let s = self.t.norm(i);
        s.ends_with('s') || s.ends_with('x') || self.w(i, W::Plural).is_some()
    }

    pub(super) fn weekday(&self, i: usize) -> Option<(u32, usize)> {
        self.find(i, |c| {
            if let Cat::Weekday(v) = c {
                Some(v)
            } else {
                None
            }
        })
    }

    /// A season name at `i` (`printemps`, `fall`), whatever its case: callers decide whether an
    /// ambiguous one counts.
    pub(super) fn season_name(&self, i: usize) -> Option<(&'static str, usize)> {
        self.find(i, |c| {
            if let Cat::Season(s) = c {
                Some(s)
            } else {
                None
            }
        })
    }

    pub(super) fn month(&self, i: usize, abbrev: bool) -> Option<(u32, usize)> {
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

    pub(super) fn part(&self, i: usize) -> Option<(&'static str, usize)> {
        self.find(i, |c| if let Cat::Part(v) = c { Some(v) } else { None })
    }

    /// A day of the month: `21`, `1er`, `2nd`, `premier`.
    pub(super) fn day(&self, i: usize) -> Option<(u32, usize)> {
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
    pub(super) fn year4(&self, i: usize) -> Option<(i32, usize)> {
        let (y, l) = self.lone_digits(i)?;
        if l != 4 || !(1000..=2199).contains(&y) {
            return None;
        }
        Some((y as i32, i + 1))
    }

    /// The year that may follow a month or a day-month: four digits, after an optional comma
    /// or joining word (`21 septembre 2023`, `September 21, 2023`, `21 de septiembre de
    /// 2023`), or two digits where days come first.
    pub(super) fn year_after(&self, k: usize) -> Option<(i32, usize)> {
        let k0 = if self.punct(k, ",") { k + 1 } else { k };
        // `21 de septiembre de 2023`: a word of its own may join the month to its year.
        if let Some(e) = self.w(k, W::YearOf)
            && let Some(y) = self.year4(e)
        {
            return Some(y);
        }
        self.year4(k0)
            .or_else(|| self.lex.day_first.then(|| self.year2(k)).flatten())
    }

    /// A two-digit year after a month or a day-month (`octobre 98`, `10 novembre 93`).
    pub(super) fn year2(&self, i: usize) -> Option<(i32, usize)> {
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

    /// Whether the number at `i` follows a noun that labels things with numbers (`la résolution
    /// 1984`, `flight 2010`, `n° 1995`), directly or through a list of such numbers (`les
    /// résolutions 1983 et 1984`).
    pub(super) fn labelled(&self, i: usize) -> bool {
        let mut j = i;
        // A list is short; the bound keeps a run of numbers from costing more than a few looks.
        for _ in 0..LABEL_LIST_HOPS {
            if self.ends_at(j, W::NumberLabel) {
                return true;
            }
            match j.checked_sub(2) {
                Some(k)
                    if self.kind(k) == Some(Kind::Num)
                        && self.w(k + 1, W::RangeJoin) == Some(j) =>
                {
                    j = k;
                }
                _ => return false,
            }
        }
        false
    }

    /// Whether the number at `i` is a piece of a code or a phone number glued to other digits
    /// by a dash or a slash (`555-2011`, `la loi 2030-118`), rather than a year of a range
    /// (`1996-1998`, `2011-13`) or a month and year (`03/2011`).
    pub(super) fn in_code(&self, i: usize) -> bool {
        let joined = |k: usize| matches!(self.t.norm(k), "-" | "/") && self.glued(k);
        if i >= 2 && self.glued(i) && joined(i - 1) && self.kind(i - 2) == Some(Kind::Num) {
            let year_like = match self.digits(i - 2) {
                Some((v, 4)) => (1000..=2199).contains(&v),
                Some((_, l)) => l <= 2,
                None => false,
            };
            if !year_like {
                return true;
            }
        }
        let e = i + 1;
        if joined(e) && self.glued(e + 1) && self.kind(e + 1) == Some(Kind::Num) {
            return !matches!(self.digits(e + 1), Some((_, 2 | 4)));
        }
        false
    }

    /// Whether the number at `i` is an amount: a currency or a percent sign next to it (`$2000`,
    /// `2000 €`, `USD 2000`, `2000 %`).
    pub(super) fn amount(&self, i: usize) -> bool {
        self.ends_at(i, W::Currency)
            || self.w(i + 1, W::Currency).is_some()
            || self.punct(i + 1, "%")
    }

    /// Whether the token at `e`, right after a four-digit number, makes it a count rather than a
    /// year: a lower-case word that cannot follow a year (`2000 blessés`), a unit or a currency.
    pub(super) fn counted(&self, e: usize) -> bool {
        self.lower_non_follower(e) || self.count_word(e)
    }

    /// Like [`Self::counted`], after a preposition that introduces years as often as quantities
    /// (`de 2000 soldats` but `les crues de 1986 avaient`): a count of two or more takes a
    /// plural noun, so only a plural-looking word, a unit or a currency makes it one.
    pub(super) fn counted_after_prep(&self, e: usize) -> bool {
        (self.lower_non_follower(e) && self.plural(e)) || self.count_word(e)
    }

    fn lower_non_follower(&self, e: usize) -> bool {
        self.kind(e) == Some(Kind::Word) && !self.upper(e) && self.w(e, W::YearFollower).is_none()
    }

    /// (Currencies and `%` after the number were refused before, as amounts.)
    fn count_word(&self, e: usize) -> bool {
        self.w(e, W::CountWord).is_some()
    }

    pub(super) fn dir_after(&self, j: usize, dir: &mut Dir) -> usize {
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

    pub(super) fn dir_before(&self, j: usize) -> (Dir, usize) {
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

    /// An optional article then an optional direction word (`the last`, `cet`): the direction
    /// and the token after them.
    pub(super) fn article_then_dir(&self, i: usize) -> (Dir, usize) {
        self.dir_before(self.w(i, W::Article).unwrap_or(i))
    }
}

/// Whether number word `v` may follow `cur` in one compound number: it fills a place that `cur`
/// leaves empty (`twenty-four`, `cent vingt`, `vingt et un`), or completes a French score
/// (`soixante-dix`, `quatre-vingt-onze`). Not `deux et quatre`, `two and four`: two numbers.
fn adds_to(cur: i64, v: i64) -> bool {
    if cur == 0 {
        return true;
    }
    let mut place = 1;
    while cur % (place * 10) == 0 {
        place *= 10;
    }
    v < place || (cur % 100 == 60 || cur % 100 == 80) && v < 20
}
