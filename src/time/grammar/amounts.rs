//! Durations, recurrences and reference words: `trois ans`, `chaque jeudi`, `deux fois par an`, `actuellement`.

use super::{Found, Parser, Sem, Tod, found};
use crate::time::lexicon::{Cat, Unit, W};
use crate::time::token::Kind;

impl<'a> Parser<'a> {
    /// `2:14:08`, a stopwatch reading (`won in 2:14:08`, `en 1:02:37`): hours, minutes and
    /// seconds, a duration. After a clock preposition (`at 10:35:12`) it is the clock's time,
    /// left to [`Self::p_time`].
    pub(super) fn p_stopwatch(&self, i: usize) -> Option<Found> {
        // Three glued groups `h:mm:ss`, in a number of their own (not `1:2:3:4`).
        let (h, hl) = self.digits(i)?;
        if self.ends_at(i, W::At) || self.ends_at(i, W::Around) || self.ends_at(i, W::ClockPrep) {
            return None;
        }
        let group = |k: usize| -> Option<u32> {
            let (v, l) = self.digits(k).filter(|_| self.glued(k))?;
            (self.punct(k - 1, ":") && self.glued(k - 1) && l == 2 && v < 60).then_some(v)
        };
        let (m, sec) = (group(i + 2)?, group(i + 4)?);
        if hl > 2 || (self.punct(i + 5, ":") && self.glued(i + 5)) {
            return None;
        }
        if i > 0 && self.glued(i) && matches!(self.t.norm(i - 1), ":" | "." | ",") {
            return None;
        }
        let mut value = String::from("PT");
        for (n, u) in [(h, 'H'), (m, 'M'), (sec, 'S')] {
            if n > 0 {
                value.push_str(&format!("{n}{u}"));
            }
        }
        if value.len() == 2 {
            return None;
        }
        found(i, i + 5, Sem::Duration { value, since: None })
    }

    /// `trois ans`, `environ une heure`, `plusieurs jours`, `ces derniers jours`, `12-year`.
    pub(super) fn p_duration(&self, i: usize) -> Option<Found> {
        let mut j = i;
        let mut modifier = None;
        if let Some(e) = self.w(j, W::Approx) {
            modifier = Some("APPROX");
            j = e;
        } else if let Some(e) = self.w(j, W::MoreThan)
            // `over the past three years` is a span, not `more than` one.
            && self.w(e, W::Article).is_none()
        {
            modifier = Some("MORE_THAN");
            j = e;
        } else if let Some(e) = self.w(j, W::LessThan) {
            modifier = Some("LESS_THAN");
            j = e;
        }
        // `de 3 à 5 mois`, `entre deux et trois ans`: the first bound is a length of time of
        // the second's unit, and a duration of its own, whenever the second is one. Not hours:
        // `de 14 à 16 heures` is a span of the clock.
        if j == i
            && i > 0
            && self.w(i - 1, W::QuantityPrep).is_some()
            && let Some((n, e)) = self.number(i)
            && self.unit(e).is_none()
            && let Some(k) = self
                .w(e, W::At)
                .or_else(|| self.w(e, W::NumJoin))
                // `between two to six days`; not a dash, which also joins codes and scores.
                .or_else(|| {
                    self.w(e, W::RangeJoin)
                        .filter(|_| self.kind(e) == Some(Kind::Word))
                })
            && let Some((_, e3)) = self.number(k)
            && let Some((u, _)) = self.unit(e3)
            && u != Unit::Hour
            && let Some(second) = self.p_duration(k)
            && second.a == k
            && matches!(second.sem, Sem::Duration { .. })
        {
            return found(
                i,
                e,
                Sem::Duration {
                    value: dur_value(Some(n), u),
                    since: None,
                },
            );
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
        // `in coming months`: TimeBank reads a vague stretch that starts now as a reference to
        // the future, not as a duration. The cue class is only filled in languages whose
        // annotation follows that convention.
        if modifier.is_none()
            && let Some(e) = self.w(j, W::FutureRefCue)
            && self.number(e).is_none()
            && self.plural(e)
            && let Some((_, e2)) = self.unit(e)
        {
            return found(i, e2, Sem::Literal("FUTURE_REF".to_owned()));
        }
        // Vague quantities: `plusieurs jours`, `ces derniers jours`, `several years`.
        // `les derniers jours`, `des dernières semaines`, `les prochains jours`. Tried first:
        // `des` is also the vague quantity of `depuis des années`, which would hide it.
        let last_next = || {
            let e = self.w(j, W::Article).or_else(|| self.w(j, W::Of))?;
            self.w(e, W::Last)
                .or_else(|| self.w(e, W::Recent))
                .or_else(|| self.w(e, W::Next))
        };
        let lead_last = last_next();
        let vague = lead_last
            .filter(|&e| self.unit(e).is_some())
            .or_else(|| self.w(j, W::Vague))
            .or_else(|| self.w(j, W::VagueAfterSince))
            .or_else(|| self.w(j, W::Recent))
            .or(lead_last);
        // `a several-year tenure`: the hyphen lets the unit stay singular.
        let vague = vague.map(|e| {
            if self.punct(e, "-") && self.glued(e) && self.glued(e + 1) {
                (e + 1, true)
            } else {
                (e, false)
            }
        });
        if let Some((e, hyphen)) = vague
            && let Some((u, e2)) = self.unit(e)
            && (hyphen || self.plural(e) || u == Unit::Month)
            && self.number(e).is_none()
        {
            let start = if self.w(j, W::VagueAfterSince).is_some()
                && self.w(j, W::Vague).is_none()
                && lead_last.is_none()
                && !(i > 0 && self.w(i - 1, W::Since).is_some())
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
        let mut n = n;
        if let Some(x) = self.w(e, W::Half) {
            n += 0.5;
            e = x;
        }
        let hyphen = self.punct(e, "-") && self.glued(e);
        if hyphen {
            e += 1;
        }
        let adjective = self.w(e, W::DurAdj);
        if let Some(x) = adjective {
            e = x;
        }
        let (u, mut e2) = self.unit(e)?;
        // `the 1988 second quarter`, `the 1989 quarter`: a year before a singular unit names
        // the period, it counts nothing.
        if !hyphen && n >= 1000.0 && self.kind(k2) == Some(Kind::Num) && !self.plural(e) {
            return None;
        }
        // `three-quarters of its food`: a fraction of something else (not `two consecutive
        // quarters of growth`).
        if u == Unit::Quarter && adjective.is_none() && self.w(e2, W::Of).is_some() {
            return None;
        }
        if let Some(x) = self.w(e2, W::DurAdj) {
            e2 = x;
        }
        if u == Unit::Weekend {
            return None;
        }
        // `a 44-year-old`, `a six-month-old baby`: an age, whatever the unit.
        if self.punct(e2, "-") && self.glued(e2) && self.w(e2 + 1, W::AgeWord).is_some() {
            return None;
        }
        let article_one = self.w(k2, W::ArticleNum).is_some();
        if article_one && matches!(u, Unit::Sec | Unit::Quarter) {
            return None;
        }
        // `45 years old`, `âgé de 6 ans`, `il a 34 ans`: an age, not a duration (`il y a 34 ans`
        // is read whole by the `ago` rule, from `il`, before this one is reached).
        if u == Unit::Year
            && (self.w(e2, W::AgeWord).is_some()
                || i > 0 && self.w(i - 1, W::AgeWord).is_some()
                // Ages are written in digits; `il a trois ans pour agir` is a length of time.
                || self.ends_at(i, W::AgeVerb)
                    && self.kind(i) == Some(Kind::Num)
                    // Not `de 3 à 5 ans`: folded, the `à` of a range reads as the verb `a`.
                    && !(self.t.accented(i - 1) && i >= 2 && self.kind(i - 2) == Some(Kind::Num)))
        {
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
        if let Some(x) = self.w(e2, W::Half) {
            n += 0.5;
            e2 = x;
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
    pub(super) fn p_set(&self, i: usize) -> Option<Found> {
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
        // `each July`, `every spring`: the month or season of every year.
        if let Some((m, e2)) = self.month(e, false) {
            return found(i, e2, Sem::Set(format!("XXXX-{m:02}")));
        }
        if let Some((s, e2)) = self.season_name(e) {
            return found(i, e2, Sem::Set(format!("XXXX-{s}")));
        }
        let (n, e2) = self.number(e).unwrap_or((1.0, e));
        let (u, e3) = self.unit(e2)?;
        found(i, e3, Sem::Set(dur_value(Some(n), u)))
    }

    /// `une fois par semaine`, `deux fois par an`, `twice a year`.
    pub(super) fn p_frequency(&self, i: usize) -> Option<Found> {
        let j = self.number(i).map_or(i, |(_, e)| e);
        let e = self.w(j, W::TimesWord)?;
        let e2 = self.w(e, W::Per).or_else(|| self.w(e, W::ArticleNum))?;
        let (u, e3) = self.unit(e2)?;
        found(i, e3, Sem::Set(dur_value(Some(1.0), u)))
    }

    /// `actuellement`, `récemment`, `currently`, `the future`.
    pub(super) fn p_ref(&self, i: usize) -> Option<Found> {
        let (v, e) = self.find(i, |c| if let Cat::Ref(v) = c { Some(v) } else { None })?;
        if self.punct(e, "-") && self.glued(e) {
            return None;
        }
        found(i, e, Sem::Literal(v.to_owned()))
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
    // `2 1/2 years` is P2Y6M and `a minute and a half` PT1M30S: TIMEX3 writes a fraction
    // in the next smaller unit rather than as a decimal, when it comes out whole.
    if let Some(x) = n
        && x.fract() != 0.0
        && x > 0.0
    {
        let x = x * mult;
        let sub = match u {
            Unit::Year | Unit::Decade | Unit::Century => Some((12.0, "M", false)),
            Unit::Day => Some((24.0, "H", true)),
            Unit::Hour => Some((60.0, "M", true)),
            Unit::Min => Some((60.0, "S", true)),
            _ => None,
        };
        if let Some((k, sub_letter, sub_time)) = sub {
            let whole = x.trunc();
            let rest = (x - whole) * k;
            if (rest - rest.round()).abs() < 1e-6 && rest.round() > 0.0 {
                let mut v = String::from(if time { "PT" } else { "P" });
                if whole > 0.0 {
                    v.push_str(&format!("{}{letter}", whole as i64));
                }
                if sub_time && !time {
                    v.push('T');
                }
                v.push_str(&format!("{}{sub_letter}", rest.round() as i64));
                return v;
            }
        }
    }
    let amount = match n {
        Some(x) => num(x * mult),
        None if u == Unit::Decade => return "PXDE".to_owned(),
        None if u == Unit::Century => return "PXCE".to_owned(),
        None => "X".to_owned(),
    };
    format!("P{}{amount}{letter}", if time { "T" } else { "" })
}
