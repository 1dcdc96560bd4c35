//! The one place that decides how time is counted, so that tripwires,
//! norm suggestions and docs/tripwires.md cannot drift apart.
//!
//! * Every timestamp is UTC; a date is a UTC calendar day.
//! * "Now" for a run is the start (00:00 UTC) of `today`, which the caller
//!   passes in (`--as-of` or the local date). Nothing here reads a clock.
//! * Waiting for a first review is counted in business hours (Mon–Fri UTC),
//!   because a reviewer is not late over a weekend. Everything else is
//!   counted in calendar days: exports carry no holiday or shift calendar,
//!   and a day-based norm already absorbs weekends.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};

/// "Now" and a key result's quarter are the dataset's rules first: it
/// cuts rows back to a past day by them (`dataset::as_of`).
pub use crate::dataset::as_of::{as_of_instant, quarter_bounds};

/// Whole calendar days from `from` to `to`; negative when `to` is earlier.
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

/// Whole calendar days from a timestamp's UTC date to `today`.
pub fn days_since(at: NaiveDateTime, today: NaiveDate) -> i64 {
    days_between(at.date(), today)
}

fn is_weekend(day: NaiveDate) -> bool {
    matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Hours between two instants that fall on Monday–Friday (UTC), to the
/// minute. Zero when `to` is not after `from`.
///
/// Closed form, not a walk over the days: an export may date a PR in year
/// 10, and a day-by-day loop over two thousand years per open PR froze the
/// tab. Each partial day is counted in whole minutes on its own, as the
/// original day-by-day definition did, so results are unchanged.
pub fn business_hours_between(from: NaiveDateTime, to: NaiveDateTime) -> f64 {
    if to <= from {
        return 0.0;
    }
    let weekday_minutes = |day: NaiveDate, minutes: i64| if is_weekend(day) { 0 } else { minutes };
    let minutes = if from.date() == to.date() {
        weekday_minutes(from.date(), (to - from).num_minutes())
    } else {
        let first_whole_day = from.date() + Duration::days(1);
        let first_day = weekday_minutes(from.date(), (as_of_instant(first_whole_day) - from).num_minutes());
        let last_day = weekday_minutes(to.date(), (to - as_of_instant(to.date())).num_minutes());
        let whole_days = weekdays_before(to.date()) - weekdays_before(first_whole_day);
        first_day + whole_days * MINUTES_PER_DAY + last_day
    };
    minutes as f64 / 60.0
}

const MINUTES_PER_DAY: i64 = 24 * 60;

/// Monday–Friday days from a fixed Monday up to (not including) `day`,
/// negative before it: the difference of two is the weekdays between them.
fn weekdays_before(day: NaiveDate) -> i64 {
    let monday = NaiveDate::from_ymd_opt(1970, 1, 5).expect("a Monday");
    let days = (day - monday).num_days();
    days.div_euclid(7) * 5 + days.rem_euclid(7).min(5)
}

/// Nearest-rank percentile (`p` in 0..=100) of unsorted samples; `None`
/// when there are none. Nearest-rank never invents a value that was not
/// observed, which keeps suggested norms explainable.
pub fn percentile(samples: &[f64], p: f64) -> Option<f64> {
    if samples.is_empty() {
        return None;
    }
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * sorted.len() as f64).ceil().max(1.0) as usize;
    Some(sorted[rank.min(sorted.len()) - 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, 0, 0).unwrap()
    }

    #[test]
    fn business_hours_skip_the_weekend() {
        // Friday 2026-01-09 17:00 → Monday 2026-01-12 09:00: 7 h Friday + 9 h Monday.
        assert_eq!(business_hours_between(at(2026, 1, 9, 17), at(2026, 1, 12, 9)), 16.0);
        assert_eq!(business_hours_between(at(2026, 1, 12, 9), at(2026, 1, 9, 17)), 0.0);
    }

    /// The day-by-day definition the closed form replaced.
    fn business_hours_day_by_day(from: NaiveDateTime, to: NaiveDateTime) -> f64 {
        let mut minutes: i64 = 0;
        let mut cursor = from;
        while cursor < to {
            let next_midnight = as_of_instant(cursor.date() + Duration::days(1));
            let segment_end = next_midnight.min(to);
            if !is_weekend(cursor.date()) {
                minutes += (segment_end - cursor).num_minutes();
            }
            cursor = segment_end;
        }
        minutes as f64 / 60.0
    }

    #[test]
    fn business_hours_closed_form_matches_the_day_by_day_count() {
        // xorshift: many spans of every shape, deterministic.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = |below: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % below
        };
        let base = at(1969, 12, 20, 0);
        for _ in 0..20_000 {
            // Seconds, so spans start and end off the minute too; lengths
            // from zero through same-day, weekend-only and multi-year spans.
            let from = base + Duration::seconds(next(60 * 60 * 24 * 365 * 3) as i64);
            let length = match next(4) {
                0 => next(60 * 60 * 24),
                1 => next(60 * 60 * 24 * 9),
                2 => next(60 * 60 * 24 * 800),
                _ => next(3) * 60 * 60 * 24 + next(2) * 60,
            };
            let to = from + Duration::seconds(length as i64) - Duration::seconds(next(2) as i64);
            assert_eq!(business_hours_between(from, to), business_hours_day_by_day(from, to), "{from} → {to}");
        }
        let midnight_to_midnight = (at(2026, 1, 10, 0), at(2026, 1, 19, 0));
        assert_eq!(business_hours_between(midnight_to_midnight.0, midnight_to_midnight.1), 5.0 * 24.0);
    }

    #[test]
    fn business_hours_over_millennia_count_whole_weeks() {
        // 2026-01-05 is a Monday; 104,000 weeks earlier is too.
        let monday = at(2026, 1, 5, 0);
        let long_ago = monday - Duration::weeks(104_000);
        assert_eq!(business_hours_between(long_ago, monday), 104_000.0 * 5.0 * 24.0);
    }

    #[test]
    fn nearest_rank_percentile_returns_an_observed_value() {
        let samples = [1.0, 9.0, 3.0, 7.0, 5.0];
        assert_eq!(percentile(&samples, 80.0), Some(7.0));
        assert_eq!(percentile(&samples, 100.0), Some(9.0));
        assert_eq!(percentile(&[], 80.0), None);
    }

    #[test]
    fn quarters_in_common_spellings() {
        let q4 = (NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(), NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
        for spelling in ["2026-Q4", "2026Q4", "Q4 2026", "q4-2026"] {
            assert_eq!(quarter_bounds(spelling), Some(q4), "{spelling}");
        }
        assert_eq!(quarter_bounds("2026-Q5"), None);
        assert_eq!(quarter_bounds("H1 2026"), None);
    }

    #[test]
    fn a_non_ascii_character_after_q_is_not_a_quarter() {
        // Full-width digits, accents and emoji are several bytes long; the
        // quarter digit must be read as a character, not as a byte.
        for spelling in ["Q\u{FF11} 2026", "QÉ 2026", "Q🙂", "Qé", "2026-Q\u{FF14}", "Q"] {
            assert_eq!(quarter_bounds(spelling), None, "{spelling}");
        }
    }
}
