//! Heatmap of update freshness: a row per team, a column per week, each
//! cell coloured fresh / stale / no update against the team's cadence.

use plotters::prelude::*;

use crate::charts::common::{fit_label, framed, not_enough_data, render_svg, text_style, LABEL_SIZE};
use crate::charts::palette;
use crate::views::freshness::{Freshness, FreshnessGrid};

const WIDTH: u32 = 640;
const ROW_HEIGHT: u32 = 18;
/// Title, legend and week labels.
const CHROME_HEIGHT: u32 = 130;

pub fn size(vm: &FreshnessGrid) -> (u32, u32) {
    (WIDTH, CHROME_HEIGHT + ROW_HEIGHT * vm.rows.len().max(1) as u32)
}

pub fn color(state: Freshness) -> RGBColor {
    match state {
        Freshness::Fresh => palette::BLUISH_GREEN,
        Freshness::Stale => palette::VERMILLION,
        Freshness::NoUpdate => palette::LIGHT_GREY,
    }
}

pub fn draw(vm: &FreshnessGrid) -> String {
    render_svg(&vm.title, size(vm), |area| {
        if vm.rows.is_empty() || vm.weeks.is_empty() {
            return not_enough_data(area, &vm.title, "No teams in the loaded files.");
        }
        let rows = vm.rows.len() as f64;
        let column_label = |x: &f64| on_whole(*x).and_then(|i| vm.weeks.get(i)).cloned().unwrap_or_default();
        // Row 0 at the top, so teams read in the same order as the table.
        let row_label = |y: &f64| on_whole(rows - 1.0 - *y).and_then(|i| vm.rows.get(i)).map(|r| fit_label(&r.team)).unwrap_or_default();
        let body = framed(area, &vm.title, &[("fresh", color(Freshness::Fresh)), ("stale", color(Freshness::Stale)), ("no update", color(Freshness::NoUpdate))])?;
        let mut chart = ChartBuilder::on(&body)
            .margin(10)
            .x_label_area_size(60)
            .y_label_area_size(150)
            .build_cartesian_2d(-0.5..vm.weeks.len() as f64 - 0.5, -0.5..rows - 0.5)?;
        chart
            .configure_mesh()
            .disable_mesh()
            .x_labels(vm.weeks.len())
            .y_labels(vm.rows.len())
            .x_label_formatter(&column_label)
            .y_label_formatter(&row_label)
            .x_label_style(text_style(LABEL_SIZE - 2, &palette::BLACK).transform(FontTransform::Rotate90))
            .y_label_style(text_style(LABEL_SIZE - 2, &palette::BLACK))
            .draw()?;
        chart.draw_series(vm.rows.iter().enumerate().flat_map(|(r, row)| {
            let y = rows - 1.0 - r as f64;
            row.cells.iter().enumerate().map(move |(c, cell)| {
                let x = c as f64;
                Rectangle::new([(x - 0.45, y - 0.45), (x + 0.45, y + 0.45)], color(cell.state).filled())
            })
        }))?;
        Ok(())
    })
}

fn on_whole(value: f64) -> Option<usize> {
    let rounded = value.round();
    ((value - rounded).abs() < 1e-6 && rounded >= 0.0).then_some(rounded as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::svg_check::{has_text, rects_filled};
    use crate::views::freshness::update_freshness;
    use crate::testkit::orgs as synthetic;
    use crate::views::TeamThresholds;

    #[test]
    fn one_cell_per_team_and_week() {
        let vm = update_freshness(&synthetic::small_org(), synthetic::today(), &TeamThresholds::uniform(14.0), 8);
        let svg = draw(&vm);
        let cells: usize = ["#009E73", "#D55E00", "#E6E6E6"].iter().map(|c| rects_filled(&svg, c)).sum();
        assert_eq!(cells, vm.rows.len() * vm.weeks.len() + 3, "cells plus three legend swatches");
        assert!(rects_filled(&svg, "#D55E00") > 1, "some stale weeks");
        for team in ["Team 000", "Team 001", "Team 002"] {
            assert!(has_text(&svg, team));
        }
        assert!(has_text(&svg, vm.weeks.last().unwrap()));
    }
}
