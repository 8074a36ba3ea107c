//! Clock times and parts of the day: `11h30`, `à 11 heures du matin`, `16:08 UTC`, `la nuit`.

use super::{Dir, Found, Parser, Sem, Tod, found};
use crate::time::lexicon::{Cat, Unit, W};
use crate::time::token::Kind;

impl<'a> Parser<'a> {
    /// A part of the day after a clock time (`du soir`, `di sera`): its code and end.
    fn clock_part(&self, i: usize) -> Option<(&'static str, usize)> {
        self.find(i, |c| {
            if let Cat::ClockPart(p) = c {
                Some(p)
            } else {
                None
            }
        })
    }

    /// A time of day after a day: `soir`, `à 11 heures`, `à la mi-journée`.
    pub(super) fn tod_suffix(&self, j: usize) -> (Tod, usize) {
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
    pub(super) fn clock(&self, i: usize, loose: bool) -> Option<(Tod, usize)> {
        // `après-midi`: a word glued after a hyphen belongs to the word before it.
        if i > 0 && self.punct(i - 1, "-") && self.glued(i) {
            return None;
        }
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
                if let Some((m, 2)) = self.digits(j) {
                    mm = m;
                    j += 1;
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
                if let Some((m, _)) = self.digits(j).filter(|d| d.0 < 60)
                    && self.unit(j + 1).is_none_or(|u| u.0 == Unit::Min)
                {
                    mm = m;
                    j = self.unit(j + 1).map_or(j + 1, |u| u.1);
                }
                strong = loose;
            } else if self.w(j, W::Am).is_some() || self.w(j, W::Pm).is_some() {
                strong = true;
            } else if self.ends_at(i, W::ClockPrep) {
                // `alle 10`, `alle 10.30`: a bare hour after a clock preposition, minutes
                // after a dot; `alle 10 vittime` counts, unless a part of day follows.
                if self.punct(j, ".")
                    && self.glued(j)
                    && self.glued(j + 1)
                    && let Some((m, 2)) = self.digits(j + 1)
                    && !(self.glued(j + 2) && self.kind(j + 2) == Some(Kind::Num))
                {
                    mm = m;
                    j += 2;
                }
                if self.clock_part(j).is_none() && self.counted(j) {
                    return None;
                }
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
        } else if let Some((p, e)) = self.clock_part(j) {
            if matches!(p, "AF" | "EV" | "NI") && hh < 12 && !(p == "NI" && hh < 6) {
                hh += 12;
            }
            j = e;
            strong = true;
        }
        // 24:00 is the end of the day (resolved as the next day at 00:00); 24:30 is no time.
        if !strong || hh > 24 || mm > 59 || (hh == 24 && mm > 0) {
            return None;
        }
        let mut utc = false;
        if let Some(e) = self.w(j, W::Tz) {
            utc = true;
            j = e;
        }
        Some((Tod::Clock { h: hh, m: mm, utc }, j))
    }

    /// `11h30`, `14 h 30`, `à 11 heures du matin`, `16:08 UTC`, `midi`, `12:00 UTC Monday`.
    pub(super) fn p_time(&self, i: usize) -> Option<Found> {
        let prev_at = self.ends_at(i, W::At) || self.ends_at(i, W::Around);
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

    /// `la nuit`, `la soirée`, `la mi-journée`: a part of the day under discussion.
    pub(super) fn p_part(&self, i: usize) -> Option<Found> {
        let e = self.w(i, W::Article)?;
        let (p, k) = self.part(e)?;
        // `le matin même`: the same day's morning.
        let k = self.w(k, W::Same).unwrap_or(k);
        if p == "DT" {
            return None;
        }
        // `la nuit dernière`: the previous night, counted from the reference.
        if let Some(k2) = self.w(k, W::Last) {
            let sem = Sem::Rel {
                n: -1,
                unit: Unit::Day,
                gran: Unit::Day,
                anaphoric: false,
                tod: Tod::Part(p),
            };
            return found(i, k2, sem);
        }
        // `la nuit de samedi à dimanche`, `the night of Tuesday`: that weekday's night.
        if let Some(o) = self.w(k, W::Of)
            && let Some((wd, mut e)) = self.weekday(o)
        {
            if let Some(a) = self.w(e, W::At).or_else(|| self.w(e, W::RangeJoin))
                && let Some((_, e2)) = self.weekday(a)
            {
                e = e2;
            }
            return found(
                i,
                e,
                Sem::Weekday {
                    wd,
                    dir: Dir::Auto,
                    tod: Tod::Part(p),
                },
            );
        }
        found(i, k, Sem::Time(Tod::Part(p)))
    }
}
