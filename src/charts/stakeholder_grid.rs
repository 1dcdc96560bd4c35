//! The power-interest grid: four named quadrants, each stakeholder's current
//! position (filled) linked to their initial one (hollow) when re-rated, and
//! a ring around everyone whose contact has drifted past their cadence.

use plotters::prelude::*;

use crate::charts::common::{fit_label, framed, not_enough_data, point_label, quadrant_chart, render_svg, QuadrantLabels};
use crate::charts::palette;
use crate::views::stakeholders::StakeholderGrid;

const SIZE: (u32, u32) = (640, 520);
pub const LABELS: QuadrantLabels<'static> = QuadrantLabels {
    top_left: "keep satisfied",
    top_right: "manage closely",
    bottom_left: "monitor",
    bottom_right: "keep informed",
};
const INITIAL: RGBColor = palette::GREY;
const CURRENT: RGBColor = palette::BLUE;
const DRIFT: RGBColor = palette::VERMILLION;

pub fn draw(vm: &StakeholderGrid) -> String {
    render_svg(&vm.title, SIZE, |area| {
        if vm.points.is_empty() {
            return not_enough_data(area, &vm.title, "No stakeholders with power and interest in the loaded files.");
        }
        let body = framed(area, &vm.title, &[("current", CURRENT), ("initial", INITIAL), ("contact drift", DRIFT)])?;
        let mut chart = quadrant_chart(&body, "interest", "power", &LABELS)?;
        let at = |p: crate::views::stakeholders::Position| (p.interest, p.power);
        let moved: Vec<_> = vm.points.iter().filter(|p| p.moved()).collect();
        chart.draw_series(moved.iter().map(|p| PathElement::new(vec![at(p.initial), at(p.current)], INITIAL.stroke_width(1))))?;
        chart.draw_series(moved.iter().map(|p| Circle::new(at(p.initial), 5, INITIAL.stroke_width(2))))?;
        chart.draw_series(vm.points.iter().filter(|p| p.drifting).map(|p| Circle::new(at(p.current), 10, DRIFT.stroke_width(3))))?;
        chart.draw_series(vm.points.iter().map(|p| {
            Circle::new(at(p.current), 6, if p.drifting { DRIFT } else { CURRENT }.filled())
        }))?;
        chart.draw_series(vm.points.iter().map(|p| {
            let (style, dx) = point_label(p.current.interest, 12);
            EmptyElement::at(at(p.current)) + Text::new(fit_label(&p.label), (dx, 0), style)
        }))?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::charts::svg_check::{elements_with, has_text};
    use crate::views::stakeholders::{stakeholder_grid, ContactCadence, Position};
    use crate::views::{synthetic, Presenter};

    #[test]
    fn quadrants_positions_and_drift_are_all_drawn() {
        let d = synthetic::small_org();
        let re_rated = BTreeMap::from([(0, Position { power: 0.9, interest: 0.9 })]);
        let vm = stakeholder_grid(&d, synthetic::today(), &ContactCadence::default(), &re_rated, Presenter::Off);
        let svg = draw(&vm);
        for quadrant in ["manage closely", "keep satisfied", "keep informed", "monitor"] {
            assert!(has_text(&svg, quadrant), "missing quadrant label {quadrant}");
        }
        let drifting = vm.points.iter().filter(|p| p.drifting).count();
        assert!(drifting > 0);
        assert_eq!(elements_with(&svg, "circle", "stroke-width=\"3\""), drifting, "one drift ring each");
        assert_eq!(elements_with(&svg, "circle", "r=\"5\""), 1, "initial position of the re-rated one");
        assert_eq!(elements_with(&svg, "circle", "r=\"6\""), vm.points.len(), "current position of everyone");
        for p in &vm.points {
            assert!(has_text(&svg, &p.label));
        }
    }
}
