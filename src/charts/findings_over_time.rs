//! Open findings per week: how a team (or a group, or the organisation)
//! drifted over the last half year, one point per week's end.

use plotters::prelude::*;

use crate::charts::common::{index_chart, not_enough_data, render_svg, framed};
use crate::charts::palette;
use crate::views::over_time::OverTimeChart;

pub const SIZE: (u32, u32) = (640, 260);

/// Every this many weeks an axis label; the latest week always has one.
const LABEL_EVERY: usize = 4;

pub fn draw(view: &OverTimeChart) -> String {
    render_svg(&view.title, SIZE, |area| {
        if let Some(why) = &view.pending {
            return not_enough_data(area, &view.title, why);
        }
        if view.open.is_empty() {
            return not_enough_data(area, &view.title, "No weeks to show.");
        }
        let last = view.labels.len() - 1;
        let labels: Vec<String> = view
            .labels
            .iter()
            .enumerate()
            .map(|(i, label)| if (last - i).is_multiple_of(LABEL_EVERY) { label.clone() } else { String::new() })
            .collect();
        let body = framed(area, &view.title, &[])?;
        let top = view.open.iter().copied().max().unwrap_or(0);
        let mut chart = index_chart(&body, &labels, f64::from(top), "open findings")?;
        let points: Vec<(f64, f64)> = view.open.iter().enumerate().map(|(i, n)| (i as f64, f64::from(*n))).collect();
        chart.draw_series(std::iter::once(PathElement::new(points.clone(), palette::BLUE.stroke_width(2))))?;
        chart.draw_series(points.iter().map(|p| Circle::new(*p, 3, palette::BLUE.filled())))?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::svg_check::{count_elements, elements_with, has_text, injected};
    use crate::views::over_time::{week_ends, FindingsOverTime, Series};
    use chrono::NaiveDate;

    fn history(name: &str) -> FindingsOverTime {
        let weeks = week_ends(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(), 26);
        let open: Vec<u32> = (0..26).map(|i| if i < 20 { 3 } else { 3 + 2 * (i - 19) }).collect();
        let series = Series { name: name.into(), open };
        FindingsOverTime { day: *weeks.last().unwrap(), weeks, org: series.clone(), groups: Vec::new(), teams: vec![series] }
    }

    #[test]
    fn one_line_one_point_per_week_and_the_latest_week_labelled() {
        let history = history("Ledger");
        let svg = draw(&history.chart(&history.teams[0]));
        assert_eq!(elements_with(&svg, "polyline", "stroke=\"#0072B2\""), 1);
        assert_eq!(count_elements(&svg, "circle"), 26);
        assert!(has_text(&svg, "Open findings per week: Ledger"));
        assert!(has_text(&svg, "11-22"), "the latest week");
        assert!(has_text(&svg, "10-25") && !has_text(&svg, "11-15"), "every fourth week back");
        assert!(has_text(&svg, "open findings"));
        assert!(injected(&svg).is_empty());
    }

    #[test]
    fn a_pending_history_says_so_and_a_hostile_name_stays_text() {
        let svg = draw(&OverTimeChart::pending("Open findings per week: whole organisation"));
        assert!(has_text(&svg, "Computing findings over time…"));
        assert_eq!(count_elements(&svg, "circle"), 0);
        let history = history("<script>alert(1)</script>");
        let svg = draw(&history.chart(&history.teams[0]));
        assert!(injected(&svg).is_empty(), "{:?}", injected(&svg));
    }
}
