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

/// The instant a run treats as "now".
pub fn as_of_instant(today: NaiveDate) -> NaiveDateTime {
    today.and_hms_opt(0, 0, 0).expect("midnight exists")
}

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
pub fn business_hours_between(from: NaiveDateTime, to: NaiveDateTime) -> f64 {
    if to <= from {
        return 0.0;
    }
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

/// First and last day of a quarter written as `2026-Q4`, `2026Q4`,
/// `Q4 2026` or `Q4-2026`. `None` for anything else.
pub fn quarter_bounds(quarter: &str) -> Option<(NaiveDate, NaiveDate)> {
    let cleaned: String = quarter.trim().to_ascii_uppercase().chars().filter(|c| !matches!(c, ' ' | '-' | '/' | '_')).collect();
    let (year, q) = if let Some(rest) = cleaned.strip_prefix('Q') {
        // The quarter digit is one character, which need not be one byte:
        // `Q１ 2026` (a full-width digit) must be refused, not split mid-char.
        let mut chars = rest.chars();
        let q = chars.next()?.to_digit(10)?;
        (chars.as_str().parse::<i32>().ok()?, q)
    } else {
        let (year, q) = cleaned.split_once('Q')?;
        (year.parse::<i32>().ok()?, q.parse::<u32>().ok()?)
    };
    if !(1..=4).contains(&q) {
        return None;
    }
    let start = NaiveDate::from_ymd_opt(year, (q - 1) * 3 + 1, 1)?;
    let next = if q == 4 { NaiveDate::from_ymd_opt(year + 1, 1, 1)? } else { NaiveDate::from_ymd_opt(year, q * 3 + 1, 1)? };
    Some((start, next - Duration::days(1)))
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
