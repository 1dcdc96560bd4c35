//! The box plot both duration charts share: whisker min–max, box between
//! the quartiles, a median tick, and each row's norm as a short bold line.

use plotters::prelude::*;

use crate::charts::common::{framed, index_chart, not_enough_data, render_svg, text_style, Drawn, PlaneChart, DEFAULT_SIZE, LABEL_SIZE};
use crate::charts::palette;
use crate::views::distribution::Distribution;

const BOX_HALF_WIDTH: f64 = 0.3;
const NORM_HALF_WIDTH: f64 = 0.45;

pub fn draw(vm: &Distribution) -> String {
    render_svg(&vm.title, DEFAULT_SIZE, |area| {
        if vm.rows.is_empty() {
            return not_enough_data(area, &vm.title, "Nothing to measure in the loaded files.");
        }
        let labels: Vec<String> = vm.rows.iter().map(|r| r.label.clone()).collect();
        let body = framed(area, &vm.title, &[("median within norm", palette::WITHIN_NORM), ("median over norm", palette::OVER_NORM), ("norm", palette::NORM_LINE)])?;
        let mut chart = index_chart(&body, &labels, vm.max_value(), &vm.unit)?;
        for (i, row) in vm.rows.iter().enumerate() {
            draw_row(&mut chart, i as f64, row)?;
        }
        Ok(())
    })
}

fn draw_row(chart: &mut PlaneChart, x: f64, row: &crate::views::distribution::DistributionRow) -> Drawn {
    match row.spread {
        Some(s) => {
            let color = if row.over_norm() { palette::OVER_NORM } else { palette::WITHIN_NORM };
            chart.draw_series([
                PathElement::new(vec![(x, s.min), (x, s.max)], color.stroke_width(1)),
                PathElement::new(vec![(x - BOX_HALF_WIDTH / 2.0, s.max), (x + BOX_HALF_WIDTH / 2.0, s.max)], color.stroke_width(1)),
                PathElement::new(vec![(x - BOX_HALF_WIDTH / 2.0, s.min), (x + BOX_HALF_WIDTH / 2.0, s.min)], color.stroke_width(1)),
            ])?;
            chart.draw_series(std::iter::once(Rectangle::new(
                [(x - BOX_HALF_WIDTH, s.q1), (x + BOX_HALF_WIDTH, s.q3)],
                color.filled(),
            )))?;
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(x - BOX_HALF_WIDTH, s.median), (x + BOX_HALF_WIDTH, s.median)],
                WHITE.stroke_width(3),
            )))?;
        }
        None => {
            chart.draw_series(std::iter::once(Text::new(
                "no data".to_string(),
                (x - BOX_HALF_WIDTH, 0.0),
                text_style(LABEL_SIZE - 2, &palette::GREY).pos(plotters::style::text_anchor::Pos::new(
                    plotters::style::text_anchor::HPos::Left,
                    plotters::style::text_anchor::VPos::Bottom,
                )),
            )))?;
        }
    }
    if let Some(norm) = row.norm {
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(x - NORM_HALF_WIDTH, norm), (x + NORM_HALF_WIDTH, norm)],
            palette::NORM_LINE.stroke_width(2),
        )))?;
    }
    Ok(())
}
