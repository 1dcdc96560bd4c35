//! A word-sized trend line for the org digest: no axes, the latest value as
//! a dot, so 200 rows stay light.

use plotters::prelude::*;

use crate::charts::common::render_svg;
use crate::charts::palette;
use crate::views::table::number;
use crate::views::weekly::WeeklySeries;

pub const SIZE: (u32, u32) = (120, 28);

pub fn draw(series: &WeeklySeries) -> String {
    let latest = series.weeks.last().map_or_else(|| "no data".to_string(), |w| number(w.value));
    let name = format!("{}: {} weeks, latest {latest}", series.title, series.weeks.len());
    render_svg(&name, SIZE, |area| {
        if series.weeks.is_empty() {
            return Ok(());
        }
        let top = series.max_value().max(1.0);
        let mut chart = ChartBuilder::on(area).margin(4).build_cartesian_2d(0.0..(series.weeks.len() as f64 - 1.0).max(1.0), 0.0..top)?;
        let points: Vec<(f64, f64)> = series.weeks.iter().enumerate().map(|(i, w)| (i as f64, w.value)).collect();
        chart.draw_series(std::iter::once(PathElement::new(points.clone(), palette::BLUE.stroke_width(1))))?;
        if let Some(last) = points.last() {
            chart.draw_series(std::iter::once(Circle::new(*last, 2, palette::VERMILLION.filled())))?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::svg_check::{count_elements, elements_with};
    use crate::views::weekly::team_merges_trend;
    use crate::testkit::orgs as synthetic;

    #[test]
    fn one_line_and_a_latest_dot() {
        let series = team_merges_trend(&crate::dataset::Index::new(&synthetic::small_org()), "Team 000", synthetic::today(), 12);
        let svg = draw(&series);
        assert_eq!(elements_with(&svg, "polyline", "stroke=\"#0072B2\""), 1);
        assert_eq!(count_elements(&svg, "circle"), 1);
        assert!(svg.contains("12 weeks, latest"));
        assert!(svg.len() < 2_000, "a sparkline stays tiny: {} bytes", svg.len());
    }
}
