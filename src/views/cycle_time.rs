//! Cycle time of finished work items over time, for a control chart: each
//! item a dot, the process mean and ±3σ limits, and the model's norm band.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dataset::{Dataset, WorkItem};
use crate::views::stats::{even_sample, hours_between, mean_and_sd};
use crate::views::table::{number, Table, ToTable};
use crate::views::MAX_MARKS;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ControlPoint {
    pub resolved: NaiveDate,
    pub days: f64,
    /// The item key, e.g. `ENG-42`; titles stay out (they may name people).
    pub item: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ControlChart {
    pub title: String,
    pub points: Vec<ControlPoint>,
    /// Statistics over every finished item, also when only some are drawn.
    pub items: usize,
    pub mean: Option<f64>,
    pub upper_limit: Option<f64>,
    pub lower_limit: Option<f64>,
    /// Healthy cycle time in days according to the model, low..high.
    pub norm_band: Option<(f64, f64)>,
    pub note: Option<String>,
}

impl ControlChart {
    pub fn outside(&self, point: &ControlPoint) -> bool {
        self.outside_days(point.days)
    }

    fn outside_days(&self, days: f64) -> bool {
        let over_limit = self.upper_limit.is_some_and(|u| days > u);
        let over_norm = self.norm_band.is_some_and(|(_, high)| days > high);
        over_limit || over_norm
    }
}

/// Cycle time runs from `started` (or `created` when the export has no start)
/// to `resolved`, in calendar days. Items resolved after `today` are ignored.
pub fn cycle_times(dataset: &Dataset, today: NaiveDate, team: Option<&str>, norm_band: Option<(f64, f64)>) -> ControlChart {
    let items = &dataset.work_items;
    let finished = |w: &WorkItem| {
        if team.is_some_and(|t| w.team.as_deref() != Some(t)) {
            return None;
        }
        let start = w.started().or(w.created)?;
        let end = w.resolved.filter(|r| r.date() <= today)?;
        let days = hours_between(start, end) / 24.0;
        (days >= 0.0).then_some((end.date(), days))
    };
    // An org resolves hundreds of thousands of items and draws at most
    // MAX_MARKS: keys stay borrowed until the drawn ones are picked, in one
    // list made at its size and thinned in place (grown by doubling, with a
    // list of the days and a partition besides, it was the snapshot's
    // largest passing allocation at 2,000 people).
    let mut all: Vec<Point> = Vec::with_capacity(items.iter().filter_map(finished).count());
    all.extend(items.iter().filter_map(|w| finished(w).map(|(resolved, days)| Point { resolved, days, item: w.key() })));
    // Unstable is enough: the order is total (equal points are the same
    // point), and it is the sort of hundreds of thousands of items.
    all.sort_unstable_by(Point::chart_order);
    let stats = mean_and_sd(all.iter().map(|p| p.days));
    let mut chart = ControlChart {
        title: match team {
            Some(t) => format!("Cycle time control chart — {t}"),
            None => "Cycle time control chart".into(),
        },
        items: all.len(),
        mean: stats.map(|(mean, _)| mean),
        upper_limit: stats.map(|(mean, sd)| mean + 3.0 * sd),
        lower_limit: stats.map(|(mean, sd)| (mean - 3.0 * sd).max(0.0)),
        norm_band,
        points: Vec::new(),
        note: None,
    };
    thin_keeping_outliers(&chart, &mut all);
    chart.points = all.iter().map(|p| ControlPoint { resolved: p.resolved, days: p.days, item: p.item.to_string() }).collect();
    if chart.points.len() < chart.items {
        chart.note = Some(format!(
            "{} items: drawing {} (every item outside the limits or the norm, and an even sample of the rest).",
            chart.items,
            chart.points.len()
        ));
    }
    chart
}

/// A [`ControlPoint`] with its item key borrowed from the dataset.
#[derive(Clone, Copy)]
struct Point<'a> {
    resolved: NaiveDate,
    days: f64,
    item: &'a str,
}

impl Point<'_> {
    fn chart_order(a: &Self, b: &Self) -> std::cmp::Ordering {
        a.resolved.cmp(&b.resolved).then_with(|| a.item.cmp(b.item)).then_with(|| a.days.total_cmp(&b.days))
    }
}

/// Keeps at most [`MAX_MARKS`] of `all` (in chart order), in order: outliers
/// are the reason to look at a control chart, so they always stay (the
/// first `MAX_MARKS` of them), and an even sample of the rest fills the room.
fn thin_keeping_outliers(chart: &ControlChart, all: &mut Vec<Point<'_>>) {
    if all.len() <= MAX_MARKS {
        return;
    }
    let outliers = all.iter().filter(|p| chart.outside_days(p.days)).count();
    let room = MAX_MARKS.saturating_sub(outliers).max(2);
    let mut sample = even_sample(all.len() - outliers, room).into_iter().peekable();
    let (mut outliers_kept, mut usual_seen) = (0, 0);
    all.retain(|p| {
        if chart.outside_days(p.days) {
            outliers_kept += 1;
            return outliers_kept <= MAX_MARKS;
        }
        let rank = usual_seen;
        usual_seen += 1;
        sample.next_if_eq(&rank).is_some()
    });
    all.shrink_to_fit();
}

impl ToTable for ControlChart {
    fn to_table(&self) -> Table {
        let limits = match (self.mean, self.upper_limit) {
            (Some(mean), Some(upper)) => format!("mean {} days, upper limit {} days", number(mean), number(upper)),
            _ => "not enough data".into(),
        };
        let mut table = Table::new(format!("{} ({limits})", self.title), &["Item", "Resolved", "Cycle time (days)", "Outside limit or norm"]);
        for point in &self.points {
            table.push(vec![
                point.item.clone(),
                point.resolved.to_string(),
                number(point.days),
                if self.outside(point) { "yes" } else { "no" }.into(),
            ]);
        }
        table
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::orgs as synthetic;

    #[test]
    fn finished_items_only_with_limits() {
        let d = synthetic::small_org();
        let vm = cycle_times(&d, synthetic::today(), None, Some((0.0, 5.0)));
        let finished = d.work_items.iter().filter(|w| w.resolved.is_some()).count();
        assert_eq!(vm.items, finished);
        assert_eq!(vm.points.len(), finished);
        assert!(vm.upper_limit.unwrap() > vm.mean.unwrap());
        assert!(vm.points.windows(2).all(|w| w[0].resolved <= w[1].resolved));
    }

    #[test]
    fn large_orgs_are_thinned_but_keep_outliers() {
        let d = synthetic::org(1_500, 50);
        let vm = cycle_times(&d, synthetic::today(), None, Some((0.0, 10.0)));
        assert!(vm.items > MAX_MARKS);
        assert!(vm.points.len() <= MAX_MARKS);
        let outliers_total = d
            .work_items
            .iter()
            .filter_map(|w| Some(hours_between(w.started()?, w.resolved?) / 24.0))
            .filter(|days| *days > 10.0 || *days > vm.upper_limit.unwrap())
            .count();
        assert_eq!(vm.points.iter().filter(|p| vm.outside(p)).count(), outliers_total.min(MAX_MARKS));
        assert!(vm.note.is_some());
        // Thinned in chart order, the sample spanning the whole time: the
        // first and the last item inside the limits are both drawn.
        let order = |p: &ControlPoint| (p.resolved, p.item.clone());
        assert!(vm.points.windows(2).all(|w| order(&w[0]) <= order(&w[1])), "points out of order");
        let mut inside: Vec<(NaiveDate, String)> = d
            .work_items
            .iter()
            .filter_map(|w| {
                let end = w.resolved.filter(|r| r.date() <= synthetic::today())?;
                let days = hours_between(w.started().or(w.created)?, end) / 24.0;
                let point = ControlPoint { resolved: end.date(), days, item: w.key().to_string() };
                (days >= 0.0 && !vm.outside(&point)).then(|| order(&point))
            })
            .collect();
        inside.sort();
        for end in [inside.first().unwrap(), inside.last().unwrap()] {
            assert!(vm.points.iter().any(|p| order(p) == *end), "{end:?} is not drawn");
        }
    }
}
