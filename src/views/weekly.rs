//! Counts per ISO week (Monday start, UTC), with empty weeks kept as zeros
//! so a quiet week shows as a gap in the bars rather than vanishing.
//!
//! Every series spans at most [`MAX_WEEKS`] weeks, however far apart its
//! dates are: zero-filling from a row dated 1970 to one dated 2100 would be
//! 6,800 bars (half a million for years 10 to 9999, a 140 MB SVG).

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::dataset::{Dataset, Index};
use crate::hashing::FastMap;
use crate::views::stats::{iso_week_label, week_start};
use crate::views::table::{number, Table, ToTable};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WeekCount {
    /// Monday of the week.
    pub week_start: NaiveDate,
    /// ISO label, e.g. `2026-W03`.
    pub label: String,
    pub value: f64,
}

/// The longest a weekly series gets: three years, enough to compare a
/// quarter with the same quarter two years before, and still a few pixels
/// per bar on a default-width chart.
pub const MAX_WEEKS: usize = 156;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WeeklySeries {
    pub title: String,
    pub value_label: String,
    pub weeks: Vec<WeekCount>,
    /// Says what was left out when the dates spanned more than [`MAX_WEEKS`].
    /// A boxed `str` (16 bytes, not 24) because this series rides in the
    /// engine's per-file `Overview` event, which clippy keeps small.
    #[serde(default)]
    pub note: Option<Box<str>>,
}

impl WeeklySeries {
    /// Zero-filled from the first to the last week that has any event, at
    /// most the [`MAX_WEEKS`] weeks ending with the last. The window ends at
    /// the data, not at today, so an export from years ago still shows its
    /// own recent history; earlier events are counted in the note.
    pub fn count_events(title: &str, value_label: &str, dates: impl IntoIterator<Item = NaiveDate>) -> WeeklySeries {
        let mut per_week: BTreeMap<NaiveDate, f64> = BTreeMap::new();
        for date in dates {
            *per_week.entry(week_start(date)).or_default() += 1.0;
        }
        let span = per_week.keys().next().copied().zip(per_week.keys().next_back().copied());
        let Some((first, last)) = span else {
            return WeeklySeries { title: title.into(), value_label: value_label.into(), weeks: Vec::new(), note: None };
        };
        let first_shown = window_start(last, MAX_WEEKS).map_or(first, |start| first.max(start));
        let weeks = weeks_from(first_shown, last).map(|w| week_count(w, per_week.get(&w).copied().unwrap_or(0.0))).collect();
        let left_out: f64 = per_week.range(..first_shown).map(|(_, count)| count).sum();
        let note = (left_out > 0.0).then(|| {
            Box::<str>::from(format!(
                "Showing the {MAX_WEEKS} weeks up to {}; {} earlier {value_label} (from {}) are not shown.",
                iso_week_label(last),
                number(left_out),
                iso_week_label(first)
            ))
        });
        WeeklySeries { title: title.into(), value_label: value_label.into(), weeks, note }
    }

    /// Zero-filled over exactly the `weeks` weeks ending with `today`'s week,
    /// so sparklines of different teams line up.
    pub fn count_events_ending(
        title: &str,
        value_label: &str,
        dates: impl IntoIterator<Item = NaiveDate>,
        today: NaiveDate,
        weeks: usize,
    ) -> WeeklySeries {
        let last = week_start(today);
        let first = window_start(last, weeks.min(MAX_WEEKS)).unwrap_or(last);
        let mut per_week: BTreeMap<NaiveDate, f64> = weeks_from(first, last).map(|w| (w, 0.0)).collect();
        for date in dates {
            if let Some(count) = per_week.get_mut(&week_start(date)) {
                *count += 1.0;
            }
        }
        let weeks = per_week.into_iter().map(|(w, v)| week_count(w, v)).collect();
        WeeklySeries { title: title.into(), value_label: value_label.into(), weeks, note: None }
    }

    pub fn max_value(&self) -> f64 {
        self.weeks.iter().map(|w| w.value).fold(0.0, f64::max)
    }
}

fn week_count(week_start: NaiveDate, value: f64) -> WeekCount {
    WeekCount { week_start, label: iso_week_label(week_start), value }
}

/// The Monday `weeks - 1` weeks before `last`, so that `weeks_from` it to
/// `last` is `weeks` weeks; `None` before the calendar's start.
fn window_start(last: NaiveDate, weeks: usize) -> Option<NaiveDate> {
    last.checked_sub_signed(Duration::weeks(weeks.saturating_sub(1) as i64))
}

fn weeks_from(first: NaiveDate, last: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    std::iter::successors(Some(first), |w| w.checked_add_signed(Duration::weeks(1))).take_while(move |w| *w <= last)
}

/// Merges after `today` are left out: one dated 2100 would end the window
/// there and push every real week out of it.
pub fn merged_per_week(dataset: &Dataset, today: NaiveDate) -> WeeklySeries {
    let merges = dataset.pull_requests.iter().filter_map(|p| p.merged).map(|t| t.date()).filter(|d| *d <= today);
    WeeklySeries::count_events("Merged pull requests per week", "merged PRs", merges)
}

/// One team's merges over the trailing `weeks`, for the org-digest sparkline.
/// A PR belongs to its author's roster team.
pub fn team_merges_trend(index: &Index, team: &str, today: NaiveDate, weeks: usize) -> WeeklySeries {
    merges_trend_by_team(index, today, weeks).remove(team).unwrap_or_else(|| merges_trend([], today, weeks))
}

/// Every team's trend in one pass over the PRs: looking each author up per
/// team would be teams × PRs × roster for a 200-team digest.
pub fn merges_trend_by_team(index: &Index, today: NaiveDate, weeks: usize) -> BTreeMap<String, WeeklySeries> {
    let dataset = index.dataset();
    let mut merges: FastMap<&str, Vec<NaiveDate>> = FastMap::default();
    for pr in &dataset.pull_requests {
        if let (Some(team), Some(merged)) = (index.team_of(&pr.author), pr.merged) {
            merges.entry(team).or_default().push(merged.date());
        }
    }
    index
        .team_names()
        .iter()
        .cloned()
        .map(|team| {
            let dates = merges.remove(team.as_str()).unwrap_or_default();
            (team, merges_trend(dates, today, weeks))
        })
        .collect()
}

fn merges_trend(merges: impl IntoIterator<Item = NaiveDate>, today: NaiveDate, weeks: usize) -> WeeklySeries {
    WeeklySeries::count_events_ending("Merged PRs, trailing weeks", "merged PRs", merges, today, weeks)
}

impl ToTable for WeeklySeries {
    fn to_table(&self) -> Table {
        let caption = match &self.note {
            Some(note) => format!("{} ({note})", self.title),
            None => self.title.clone(),
        };
        let mut table = Table::new(caption, &["Week", "Week starting", &self.value_label]);
        for week in &self.weeks {
            table.push(vec![week.label.clone(), week.week_start.to_string(), number(week.value)]);
        }
        table
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn gaps_are_zero_filled_on_monday_weeks() {
        let series = WeeklySeries::count_events("t", "v", [day(2026, 1, 4), day(2026, 1, 5), day(2026, 1, 21)]);
        let labels: Vec<&str> = series.weeks.iter().map(|w| w.label.as_str()).collect();
        assert_eq!(labels, ["2026-W01", "2026-W02", "2026-W03", "2026-W04"]);
        let values: Vec<f64> = series.weeks.iter().map(|w| w.value).collect();
        assert_eq!(values, [1.0, 1.0, 0.0, 1.0]);
        assert_eq!(series.weeks[0].week_start, day(2025, 12, 29));
    }

    #[test]
    fn a_span_of_decades_shows_the_latest_weeks_and_says_what_it_left_out() {
        let dates = [day(1970, 1, 1), day(1970, 1, 2), day(2026, 3, 2), day(2026, 3, 4), day(2100, 12, 31)];
        let series = WeeklySeries::count_events("t", "merged PRs", dates);
        assert_eq!(series.weeks.len(), MAX_WEEKS);
        assert_eq!(series.weeks.last().unwrap().week_start, week_start(day(2100, 12, 31)));
        assert_eq!(series.weeks.iter().map(|w| w.value).sum::<f64>(), 1.0);
        let note = series.note.as_deref().unwrap();
        assert!(note.contains("4 earlier merged PRs (from 1970-W01) are not shown"), "{note}");
        assert!(series.to_table().caption.contains(note));
        let recent = WeeklySeries::count_events("t", "v", [day(2026, 1, 5), day(2026, 3, 2)]);
        assert_eq!((recent.weeks.len(), recent.note), (9, None));
    }

    #[test]
    fn trailing_window_has_fixed_length() {
        let series = WeeklySeries::count_events_ending("t", "v", [day(2020, 1, 1), day(2026, 3, 2)], day(2026, 3, 4), 8);
        assert_eq!(series.weeks.len(), 8);
        assert_eq!(series.weeks.last().unwrap().value, 1.0);
        assert_eq!(series.max_value(), 1.0);
        let capped = WeeklySeries::count_events_ending("t", "v", [], day(2026, 3, 4), 1_000_000);
        assert_eq!(capped.weeks.len(), MAX_WEEKS);
    }
}
