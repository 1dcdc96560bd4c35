//! Confidence × autonomy per team, in the four leadership modes.

use plotters::prelude::*;

use crate::charts::common::{fit_label, framed, not_enough_data, point_label, quadrant_chart, render_svg, QuadrantLabels};
use crate::charts::palette;
use crate::views::leadership::LeadershipMatrix;

const SIZE: (u32, u32) = (640, 520);
pub const LABELS: QuadrantLabels<'static> = QuadrantLabels {
    top_left: "micro-mismanagement",
    top_right: "scalable",
    bottom_left: "selective micromanagement",
    bottom_right: "hands-off",
};

pub fn draw(vm: &LeadershipMatrix) -> String {
    render_svg(&vm.title, SIZE, |area| {
        if vm.points.is_empty() {
            return not_enough_data(area, &vm.title, "No team positions yet.");
        }
        let body = framed(area, &vm.title, &[])?;
        let mut chart = quadrant_chart(&body, "autonomy given", "confidence in the team", &LABELS)?;
        chart.draw_series(vm.points.iter().map(|p| {
            let (style, dx) = point_label(p.autonomy, 10);
            EmptyElement::at((p.autonomy, p.confidence))
                + Circle::new((0, 0), 6, palette::BLUE.filled())
                + Text::new(fit_label(&p.team), (dx, 0), style)
        }))?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::svg_check::{count_elements, has_text};
    use crate::views::leadership::LeadershipPoint;

    #[test]
    fn four_named_modes_and_a_dot_per_team() {
        let vm = LeadershipMatrix::new(vec![
            LeadershipPoint { team: "Payments".into(), confidence: 0.8, autonomy: 0.9 },
            LeadershipPoint { team: "Search".into(), confidence: 0.2, autonomy: 0.3 },
        ]);
        let svg = draw(&vm);
        for mode in ["scalable", "selective micromanagement", "micro-mismanagement", "hands-off"] {
            assert!(has_text(&svg, mode), "missing mode label {mode}");
        }
        assert_eq!(count_elements(&svg, "circle"), 2);
        assert!(has_text(&svg, "Payments") && has_text(&svg, "Search"));
    }
}
