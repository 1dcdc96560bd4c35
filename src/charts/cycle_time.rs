//! Cycle-time control chart: dots per finished item over time, the norm
//! band shaded behind them, the mean and the upper control limit as lines.

use chrono::{Datelike, NaiveDate};
use plotters::prelude::*;

use crate::charts::common::{fit_label, framed, not_enough_data, plane_chart, render_svg, text_style, Drawn, PlaneChart, LABEL_SIZE};
use crate::charts::palette;
use crate::views::cycle_time::ControlChart;
use crate::views::table::number;

const SIZE: (u32, u32) = (640, 360);

pub fn draw(vm: &ControlChart) -> String {
    render_svg(&vm.title, SIZE, |area| {
        let (Some(first), Some(last)) = (vm.points.first(), vm.points.last()) else {
            return not_enough_data(area, &vm.title, "No finished work items with a start and an end date.");
        };
        let x = |date: NaiveDate| f64::from(date.num_days_from_ce());
        let y_max = vm.points.iter().map(|p| p.days).chain(vm.upper_limit).chain(vm.norm_band.map(|b| b.1)).fold(0.0, f64::max);
        let x_range = x(first.resolved) - 1.0..x(last.resolved) + 1.0;
        let date_label = |value: &f64| NaiveDate::from_num_days_from_ce_opt(*value as i32).map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
        let body = framed(area, &vm.title, &[("norm band", palette::NORM_BAND), ("within", palette::WITHIN_NORM), ("outside limit or norm", palette::OVER_NORM)])?;
        let mut chart = plane_chart(&body, x_range.clone(), 0.0..crate::charts::common::nice_max(y_max), "resolved", "cycle time (days)", &date_label)?;
        if let Some((low, high)) = vm.norm_band {
            chart.draw_series(std::iter::once(Rectangle::new([(x_range.start, low), (x_range.end, high)], palette::NORM_BAND.mix(0.2).filled())))?;
        }
        chart.draw_series(vm.points.iter().map(|p| {
            let color = if vm.outside(p) { palette::OVER_NORM } else { palette::WITHIN_NORM };
            Circle::new((x(p.resolved), p.days), 3, color.filled())
        }))?;
        if let Some(mean) = vm.mean {
            horizontal(&mut chart, &x_range, mean, palette::GREY, &format!("mean {} d", number(mean)))?;
        }
        if let Some(upper) = vm.upper_limit {
            horizontal(&mut chart, &x_range, upper, palette::NORM_LINE, &format!("upper limit {} d", number(upper)))?;
        }
        Ok(())
    })
}

fn horizontal(chart: &mut PlaneChart, x: &std::ops::Range<f64>, y: f64, color: RGBColor, label: &str) -> Drawn {
    chart.draw_series(std::iter::once(PathElement::new(vec![(x.start, y), (x.end, y)], color.stroke_width(2))))?;
    chart.draw_series(std::iter::once(Text::new(
        fit_label(label),
        (x.start, y),
        text_style(LABEL_SIZE - 2, &color).pos(plotters::style::text_anchor::Pos::new(
            plotters::style::text_anchor::HPos::Left,
            plotters::style::text_anchor::VPos::Bottom,
        )),
    )))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::svg_check::{count_elements, count_stroked, has_text, texts};
    use crate::views::cycle_time::cycle_times;
    use crate::testkit::orgs as synthetic;

    #[test]
    fn dots_band_mean_and_upper_limit() {
        let vm = cycle_times(&synthetic::small_org(), synthetic::today(), None, Some((0.5, 4.0)));
        let svg = draw(&vm);
        assert_eq!(count_elements(&svg, "circle"), vm.points.len());
        assert_eq!(crate::charts::svg_check::rects_filled(&svg, "#009E73"), 2, "norm band and its legend swatch");
        assert_eq!(count_stroked(&svg, "#000000", 2), 1, "upper control limit");
        assert_eq!(count_stroked(&svg, "#999999", 2), 1, "mean");
        assert!(texts(&svg).iter().any(|t| t.starts_with("upper limit ")));
        assert!(has_text(&svg, "cycle time (days)"));
    }
}
