//! Merged pull requests per ISO week: the pulse of delivery.

use crate::charts::common::{bar, category_chart, framed, not_enough_data, render_svg, DEFAULT_SIZE};
use crate::charts::palette;
use crate::views::weekly::WeeklySeries;

pub fn draw(series: &WeeklySeries) -> String {
    render_svg(&series.title, DEFAULT_SIZE, |area| {
        if series.weeks.is_empty() {
            return not_enough_data(area, &series.title, "No merged pull requests in the loaded files.");
        }
        let labels: Vec<String> = series.weeks.iter().map(|w| w.label.clone()).collect();
        let body = framed(area, &series.title, &[])?;
        let mut chart = category_chart(&body, &labels, series.max_value(), &series.value_label)?;
        chart.draw_series(series.weeks.iter().enumerate().map(|(i, week)| bar(i, week.value, palette::WITHIN_NORM)))?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::svg_check::{has_text, injected, rects_filled};
    use crate::testkit::orgs as synthetic;
    use crate::views::merged_per_week;
    use chrono::NaiveDate;

    #[test]
    fn one_bar_per_week_with_week_labels_and_title() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 1, d).unwrap();
        let series = WeeklySeries::count_events("Merged pull requests per week", "merged PRs", [day(5), day(6), day(20)]);
        let svg = draw(&series);
        assert_eq!(rects_filled(&svg, "#0072B2"), 3);
        for label in ["2026-W02", "2026-W03", "2026-W04"] {
            assert!(has_text(&svg, label), "missing axis label {label}");
        }
        assert!(has_text(&svg, "Merged pull requests per week"));
        assert!(has_text(&svg, "merged PRs"));
        assert!(injected(&svg).is_empty());
    }

    #[test]
    fn draws_the_synthetic_org_and_an_empty_dataset() {
        let svg = draw(&merged_per_week(&synthetic::small_org(), synthetic::today()));
        assert!(rects_filled(&svg, "#0072B2") >= 10);
        let empty = draw(&merged_per_week(&Default::default(), synthetic::today()));
        assert!(has_text(&empty, "No merged pull requests in the loaded files."));
    }
}
