//! Small numeric and calendar helpers shared by the builders.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};

/// Monday of the ISO week containing `date`.
pub fn week_start(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

/// `2026-W03`: the ISO year can differ from the calendar year around New Year.
pub fn iso_week_label(date: NaiveDate) -> String {
    let week = date.iso_week();
    format!("{}-W{:02}", week.year(), week.week())
}

/// Elapsed time in fractional hours; negative spans (clock skew in exports)
/// are kept so the caller decides, rather than silently becoming zero.
pub fn hours_between(from: NaiveDateTime, to: NaiveDateTime) -> f64 {
    (to - from).num_seconds() as f64 / 3_600.0
}

pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

/// Five-number summary of a sample, the shape of every distribution chart.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FiveNumbers {
    pub min: f64,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    pub max: f64,
}

impl FiveNumbers {
    /// `None` for an empty sample: "not enough data", never a made-up zero.
    pub fn of(values: &[f64]) -> Option<FiveNumbers> {
        let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        if sorted.is_empty() {
            return None;
        }
        sorted.sort_by(f64::total_cmp);
        Some(FiveNumbers {
            min: sorted[0],
            q1: quantile_sorted(&sorted, 0.25),
            median: quantile_sorted(&sorted, 0.5),
            q3: quantile_sorted(&sorted, 0.75),
            max: sorted[sorted.len() - 1],
        })
    }
}

/// Linear interpolation between closest ranks (the spreadsheet `PERCENTILE`
/// definition), so numbers match what a leader gets when checking by hand.
pub fn quantile_sorted(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = q.clamp(0.0, 1.0) * (sorted.len() - 1) as f64;
    let low = rank.floor() as usize;
    let high = rank.ceil() as usize;
    sorted[low] + (sorted[high] - sorted[low]) * (rank - low as f64)
}

pub fn median(values: &[f64]) -> Option<f64> {
    FiveNumbers::of(values).map(|f| f.median)
}

pub fn mean_and_sd(values: impl Iterator<Item = f64> + Clone) -> Option<(f64, f64)> {
    let n = values.clone().count();
    if n == 0 {
        return None;
    }
    let n = n as f64;
    let mean = values.clone().sum::<f64>() / n;
    let variance = values.map(|v| (v - mean).powi(2)).sum::<f64>() / n;
    Some((mean, variance.sqrt()))
}

/// Indices of an evenly spaced subset of `len` items, at most `cap` of them,
/// always including the first and last so the time span stays honest.
pub fn even_sample(len: usize, cap: usize) -> Vec<usize> {
    if len <= cap {
        return (0..len).collect();
    }
    if cap < 2 {
        return (0..cap.min(len)).collect();
    }
    let step = (len - 1) as f64 / (cap - 1) as f64;
    let mut picked: Vec<usize> = (0..cap).map(|i| (i as f64 * step).round() as usize).collect();
    picked.dedup();
    picked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_start_on_monday_and_use_iso_years() {
        let sunday = NaiveDate::from_ymd_opt(2027, 1, 3).unwrap();
        assert_eq!(week_start(sunday), NaiveDate::from_ymd_opt(2026, 12, 28).unwrap());
        assert_eq!(iso_week_label(sunday), "2026-W53");
    }

    #[test]
    fn quartiles_interpolate_like_a_spreadsheet() {
        let f = FiveNumbers::of(&[1.0, 2.0, 3.0, 4.0]).unwrap();
        assert_eq!((f.min, f.q1, f.median, f.q3, f.max), (1.0, 1.75, 2.5, 3.25, 4.0));
        assert!(FiveNumbers::of(&[]).is_none());
    }

    #[test]
    fn even_sample_keeps_both_ends() {
        let picked = even_sample(10_000, 2_000);
        assert!(picked.len() <= 2_000);
        assert_eq!(picked.first(), Some(&0));
        assert_eq!(picked.last(), Some(&9_999));
    }
}
