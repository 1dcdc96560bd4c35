//! Where decisions are made: the observed edge/functional/executive split as
//! a stacked bar directly above the 60/20/20 reference, so the gap shows.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::charts::common::{centered, fit_label, framed, not_enough_data, render_svg, text_style, LABEL_SIZE};
use crate::charts::palette;
use crate::views::decisions::DecisionSplit;

const SIZE: (u32, u32) = (640, 240);
const OBSERVED_ROW: f64 = 1.0;
const REFERENCE_ROW: f64 = 0.0;
const HALF_HEIGHT: f64 = 0.35;
/// Segments narrower than this have no room for their label.
const MIN_LABELLED_PERCENT: f64 = 8.0;

pub fn draw(vm: &DecisionSplit) -> String {
    render_svg(&vm.title, SIZE, |area| {
        if vm.classified == 0 {
            return not_enough_data(area, &vm.title, "No decisions with a level in the loaded files.");
        }
        let row_label = |y: &f64| match y.round() {
            r if r == OBSERVED_ROW && (y - r).abs() < 1e-6 => format!("observed ({})", vm.classified),
            r if r == REFERENCE_ROW && (y - r).abs() < 1e-6 => "reference".to_string(),
            _ => String::new(),
        };
        let body = framed(area, &vm.title, &[])?;
        let mut chart = ChartBuilder::on(&body)
            .margin(10)
            .x_label_area_size(35)
            .y_label_area_size(110)
            .build_cartesian_2d(0.0..100.0, -0.5..1.5)?;
        chart
            .configure_mesh()
            .disable_mesh()
            .y_labels(5)
            .y_label_formatter(&row_label)
            .x_label_formatter(&|x| format!("{x:.0}%"))
            .x_desc("share of decisions")
            .label_style(text_style(LABEL_SIZE, &palette::BLACK))
            .draw()?;
        for (row, shares) in [
            (OBSERVED_ROW, vm.levels.iter().map(|l| (l.level.as_str(), l.share)).collect::<Vec<_>>()),
            (REFERENCE_ROW, vm.levels.iter().map(|l| (l.level.as_str(), l.reference)).collect()),
        ] {
            let mut left = 0.0;
            for (k, (level, share)) in shares.into_iter().enumerate() {
                let right = left + share * 100.0;
                let color = palette::SERIES[k % palette::SERIES.len()];
                chart.draw_series(std::iter::once(Rectangle::new([(left, row - HALF_HEIGHT), (right, row + HALF_HEIGHT)], color.filled())))?;
                if right - left >= MIN_LABELLED_PERCENT {
                    let text = format!("{} {:.0}%", fit_label(level), share * 100.0);
                    chart.draw_series(std::iter::once(Text::new(text, ((left + right) / 2.0, row), centered(text_style(LABEL_SIZE, &palette::WHITE_TEXT)))))?;
                }
                left = right;
            }
        }
        if vm.unclassified > 0 {
            let (w, h) = area.dim_in_pixel();
            let note = format!("{} decisions without a level are not counted.", vm.unclassified);
            area.draw(&Text::new(note, (w as i32 - 10, h as i32 - 5), text_style(LABEL_SIZE - 2, &palette::GREY).pos(Pos::new(HPos::Right, VPos::Bottom))))?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::svg_check::{has_text, rects_filled};
    use crate::views::decisions::decision_split;
    use crate::testkit::orgs as synthetic;

    #[test]
    fn observed_bar_stacks_above_the_reference() {
        let vm = decision_split(&synthetic::small_org(), None);
        let svg = draw(&vm);
        for color in ["#0072B2", "#E69F00", "#009E73"] {
            assert_eq!(rects_filled(&svg, color), 2, "one segment per bar for {color}");
        }
        assert!(has_text(&svg, "reference"));
        assert!(has_text(&svg, &format!("observed ({})", vm.classified)));
        assert!(has_text(&svg, "edge 60%"));
        assert!(has_text(&svg, "edge 50%"));
        assert!(has_text(&svg, "functional 20%"));
    }
}
