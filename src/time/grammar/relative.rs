//! Expressions relative to the reference or to the previous date: `hier`, `le mois dernier`, `il y a trois jours`, `la veille`.

use super::{Dir, EVENT_ANCHORED, Found, Parser, Sem, Tod, found};
use crate::time::lexicon::{Cat, Unit, W};
use crate::time::token::Kind;

impl<'a> Parser<'a> {
    /// `hier`, `hier soir`, `aujourd'hui vendredi`, `Hier à 10 h`, `ce soir`, `this morning`.
    pub(super) fn p_relday(&self, i: usize) -> Option<Found> {
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
    pub(super) fn p_rel_unit(&self, i: usize) -> Option<Found> {
        let mut j = i;
        let art = self.w(j, W::Article);
        if let Some(e) = art {
            j = e;
        }
        let (mut dir, e) = self.dir_before(j);
        if dir == Dir::This && art.is_some() {
            return None;
        }
        // `the following year`, `the previous month`: counted from the date in focus.
        let mut anaphoric = e > j && self.w(j, W::AnaphoricDir).is_some();
        // `this fiscal year`, `last full week`: an adjective between the direction and the unit.
        let j0 = j;
        j = e;
        if e > j0
            && let Some(x) = self.w(j, W::PeriodAdj)
        {
            j = x;
        }
        let (u, mut k) = self.unit(j)?;
        if !matches!(
            u,
            Unit::Week | Unit::Weekend | Unit::Month | Unit::Year | Unit::Quarter
        ) {
            return None;
        }
        if self.plural(j) && self.w(j, W::InvariantUnit).is_none() {
            return None;
        }
        let after = k;
        k = self.dir_after(k, &mut dir);
        anaphoric |= k > after && self.w(after, W::AnaphoricDir).is_some();
        let n = match dir {
            Dir::Auto => return None,
            Dir::This | Dir::Same => 0,
            Dir::Next => 1,
            Dir::Last => -1,
        };
        // `les derniers mois` is a stretch of time, not one month.
        if n != 0 && art.is_some() && self.plural(i) && self.w(j, W::InvariantUnit).is_some() {
            return None;
        }
        found(
            i,
            k,
            Sem::Rel {
                n,
                unit: u,
                gran: u,
                anaphoric: anaphoric && n != 0,
                tod: Tod::None,
            },
        )
    }

    /// `il y a trois jours`, `three days ago`, `il y a quelques mois` (a duration).
    pub(super) fn p_ago(&self, i: usize) -> Option<Found> {
        if let Some(e) = self.w(i, W::Ago) {
            if let Some((n, e2)) = self.number(e)
                && let Some((u, e3)) = self.unit(e2)
            {
                return found(i, e3, rel_ago(-n, u, false));
            }
            return None;
        }
        // `a few years ago`, `years ago`: some time in the past.
        let vague = self.w(i, W::Vague).unwrap_or(i);
        if let Some((_, e)) = self.unit(vague)
            && self.plural(vague)
            && let Some(e2) = self.w(e, W::AgoAfter)
        {
            return found(i, e2, Sem::Literal("PAST_REF".to_owned()));
        }
        // `almost four years ago`, `more than a week ago`.
        let (j, modifier) = if let Some(e) = self.w(i, W::Approx) {
            (e, Some("APPROX"))
        } else if let Some(e) = self.w(i, W::MoreThan) {
            (e, Some("MORE_THAN"))
        } else if let Some(e) = self.w(i, W::LessThan) {
            (e, Some("LESS_THAN"))
        } else {
            (i, None)
        };
        let (n, e) = self.number(j)?;
        let e = if self.punct(e, "-") { e + 1 } else { e };
        let (u, e2) = self.unit(e)?;
        let e3 = self.w(e2, W::AgoAfter)?;
        let mut f = found(i, e3, rel_ago(-n, u, false))?;
        f.modifier = modifier;
        Some(f)
    }

    /// `dans deux semaines`.
    pub(super) fn p_in(&self, i: usize) -> Option<Found> {
        let e = self.w(i, W::In)?;
        let (n, e2) = self.number(e)?;
        let (u, e3) = self.unit(e2)?;
        found(i, e3, rel_ago(n, u, false))
    }

    /// The longest anaphor phrase at `i`, skipping `the day after` when `after` introduces a
    /// clause (`late in the day after falling`).
    fn anaphor_at(&self, i: usize) -> Option<(i64, usize)> {
        let mut best: Option<(i64, usize)> = None;
        for &(_, e, c) in self.cats(i) {
            let Cat::Anaphor(n) = c else { continue };
            let prep_end =
                self.w(e - 1, W::Later) == Some(e) || self.w(e - 1, W::Earlier) == Some(e);
            if prep_end && e > i + 1 && self.kind(e) == Some(Kind::Word) {
                continue;
            }
            if best.is_none_or(|b| e > b.1) {
                best = Some((n, e));
            }
        }
        best
    }

    /// `la veille`, `le lendemain`, `deux jours plus tard`, `the day before`.
    pub(super) fn p_anaphor(&self, i: usize) -> Option<Found> {
        // `later that day`: the adverb belongs to the expression.
        let j = match self.w(i, W::EarlierToday) {
            Some(e) if self.anaphor_at(e).is_some() => e,
            _ => i,
        };
        if let Some((n, e)) = self.anaphor_at(j) {
            let (tod, k) = self.tod_suffix(e);
            // `au lendemain du cessez-le-feu`: counted from an event, not from a date.
            let event = tod == Tod::None
                && self
                    .w(k, W::Of)
                    .is_some_and(|o| self.kind(o) == Some(Kind::Word));
            let sem = Sem::Rel {
                n,
                unit: Unit::Day,
                gran: Unit::Day,
                anaphoric: true,
                tod,
            };
            return Some(Found {
                a: i,
                b: k,
                sem,
                modifier: event.then_some(EVENT_ANCHORED),
            });
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

    /// `the same month a year ago`, `the same period last year`, `la même période l'an dernier`.
    pub(super) fn p_same_period(&self, i: usize) -> Option<Found> {
        let j = self.w(i, W::Article).unwrap_or(i);
        let k = self.w(j, W::Same)?;
        let k = match self.unit(k) {
            Some((_, e)) => e,
            None => self.w(k, W::PeriodNoun)?,
        };
        let k = self.w(k, W::Of).unwrap_or(k);
        // `last year`, `l'an dernier`, `the last year`.
        if let Some(f) = self.p_rel_unit(k)
            && let Sem::Rel {
                n,
                unit: Unit::Year,
                ..
            } = f.sem
            && n < 0
        {
            return found(i, f.b, Sem::SamePeriod { years: n });
        }
        // `a year ago`, `a year earlier`.
        let (n, e) = self.number(k)?;
        let (u, e2) = self.unit(e)?;
        let e3 = self.w(e2, W::AgoAfter).or_else(|| self.w(e2, W::Earlier))?;
        if u != Unit::Year || n.fract() != 0.0 {
            return None;
        }
        found(i, e3, Sem::SamePeriod { years: -(n as i64) })
    }

    /// `the latest quarter`, `the year-earlier period`, `year-ago` (results): the quarter the
    /// report is about, or the same quarter a year before. Not `the quarter-final`.
    pub(super) fn p_focus_quarter(&self, i: usize) -> Option<Found> {
        // `a year-earlier loss`: the article goes with the noun, the expression starts after it
        // (and `a year` must not be read as a duration).
        let j = self.w(i, W::ArticleNum).unwrap_or(i);
        let (years, e) = self.find(j, |c| match c {
            Cat::FocusQuarter(n) => Some(n),
            _ => None,
        })?;
        if self.punct(e, "-") {
            return None;
        }
        found(j, e, Sem::FocusQuarter { years })
    }
}

pub(super) fn rel_ago(n: f64, u: Unit, anaphoric: bool) -> Sem {
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
