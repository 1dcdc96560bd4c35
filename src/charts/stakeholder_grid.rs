//! The power-interest grid: four named quadrants, each stakeholder's current
//! position (filled) linked to their initial one (hollow) when re-rated, and
//! a ring around everyone whose contact has drifted past their cadence. A
//! stakeholder the files rate more than once also shows their path: each
//! earlier rating (small hollow mark), linked in order to the latest.

use std::cell::Cell;

use plotters::prelude::*;

use crate::charts::common::{fit_label, framed, not_enough_data, point_label, quadrant_chart, render_svg, QuadrantLabels};
use crate::charts::palette;
use crate::views::stakeholders::{Position, StakeholderGrid};

pub const SIZE: (u32, u32) = (640, 520);

/// Where the unit square sits in the SVG's own pixels, so the page can turn
/// a pointer position on the drawn grid into power and interest.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    /// SVG pixel of interest 0, power 0.
    pub origin: (f64, f64),
    /// SVG pixel of interest 1, power 1.
    pub corner: (f64, f64),
}

impl Frame {
    /// The position under SVG pixel `(x, y)`, clamped to the grid.
    pub fn position_at(&self, x: f64, y: f64) -> Position {
        let along = |v: f64, from: f64, to: f64| if to == from { 0.0 } else { ((v - from) / (to - from)).clamp(0.0, 1.0) };
        Position { interest: along(x, self.origin.0, self.corner.0), power: along(y, self.origin.1, self.corner.1) }
    }

    /// The SVG pixel a position is drawn at.
    pub fn pixel_of(&self, p: Position) -> (f64, f64) {
        (
            self.origin.0 + p.interest * (self.corner.0 - self.origin.0),
            self.origin.1 + p.power * (self.corner.1 - self.origin.1),
        )
    }
}
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
    draw_with_frame(vm).0
}

/// The SVG, and where its grid lies (`None` when there is nothing to place).
pub fn draw_with_frame(vm: &StakeholderGrid) -> (String, Option<Frame>) {
    let frame = Cell::new(None);
    let svg = render_svg(&vm.title, SIZE, |area| {
        if vm.points.is_empty() {
            return not_enough_data(area, &vm.title, "No stakeholders with power and interest in the loaded files.");
        }
        let body = framed(area, &vm.title, &[("current", CURRENT), ("initial", INITIAL), ("contact drift", DRIFT)])?;
        let mut chart = quadrant_chart(&body, "interest", "power", &LABELS)?;
        let pixel = |x: f64, y: f64| {
            let (px, py) = chart.backend_coord(&(x, y));
            (px as f64, py as f64)
        };
        frame.set(Some(Frame { origin: pixel(0.0, 0.0), corner: pixel(1.0, 1.0) }));
        let at = |p: crate::views::stakeholders::Position| (p.interest, p.power);
        let rated_before: Vec<_> = vm.points.iter().filter(|p| !p.history.is_empty()).collect();
        chart.draw_series(rated_before.iter().map(|p| {
            let path: Vec<(f64, f64)> = p.history.iter().map(|r| at(r.position)).chain([at(p.initial)]).collect();
            PathElement::new(path, INITIAL.stroke_width(1))
        }))?;
        chart.draw_series(rated_before.iter().flat_map(|p| p.history.iter().map(|r| Circle::new(at(r.position), 4, INITIAL.stroke_width(1)))))?;
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
    });
    (svg, frame.get())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::charts::svg_check::{elements_with, has_text};
    use crate::views::stakeholders::{stakeholder_grid, ContactCadence, Position, Quadrant};
    use crate::testkit::orgs as synthetic;

    #[test]
    fn the_frame_maps_drawn_points_back_to_their_positions() {
        let d = synthetic::small_org();
        let vm = stakeholder_grid(&d, synthetic::today(), &ContactCadence::default(), &BTreeMap::new());
        let (svg, frame) = draw_with_frame(&vm);
        let frame = frame.expect("a grid with points has a frame");
        for p in &vm.points {
            let (x, y) = frame.pixel_of(p.current);
            let circle = format!("<circle cx=\"{}\" cy=\"{}\" r=\"6\"", x.round(), y.round());
            assert!(svg.contains(&circle), "no current mark at {x},{y} for {}", p.label);
            let back = frame.position_at(x, y);
            assert!((back.power - p.current.power).abs() < 0.01 && (back.interest - p.current.interest).abs() < 0.01);
        }
        let outside = frame.position_at(frame.corner.0 + 500.0, frame.origin.1 + 500.0);
        assert_eq!(outside, Position { power: 0.0, interest: 1.0 }, "clamped to the grid");
        let empty = StakeholderGrid::default();
        assert!(draw_with_frame(&empty).1.is_none());
    }

    #[test]
    fn a_stakeholder_rated_three_times_is_one_point_with_its_path_drawn() {
        let mut fx = crate::testkit::Fixture::new();
        let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 10, d);
        fx.stakeholder("Tom Reyes", 0.9, 0.2, None).rated_on = day(1);
        fx.stakeholder("Ivy Chen", 0.2, 0.8, Some("2026-10-20"));
        fx.stakeholder("Tom Reyes", 0.9, 0.9, Some("2026-10-18")).rated_on = day(20);
        fx.stakeholder("Tom Reyes", 0.8, 0.6, None).rated_on = day(10);
        let vm = stakeholder_grid(&fx.ds, synthetic::today(), &ContactCadence::default(), &BTreeMap::new());
        assert_eq!(vm.points.len(), 2, "one point per stakeholder");
        let tom = vm.points.iter().find(|p| p.label == "Tom Reyes").unwrap();
        assert_eq!(tom.initial, Position { power: 0.9, interest: 0.9 }, "the latest rating by date");
        assert_eq!(tom.history.iter().map(|r| r.date).collect::<Vec<_>>(), [day(1), day(10)]);
        let changes = tom.quadrant_changes();
        assert_eq!(changes.len(), 1, "keep satisfied → manage closely on the 10th, then stays");
        assert_eq!((changes[0].from, changes[0].to, changes[0].on), (Quadrant::KeepSatisfied, Quadrant::ManageClosely, day(10)));

        let (svg, frame) = draw_with_frame(&vm);
        let frame = frame.unwrap();
        assert_eq!(elements_with(&svg, "circle", "r=\"4\""), 2, "a mark per earlier rating");
        let points: Vec<String> = tom.path().iter().map(|p| frame.pixel_of(*p)).map(|(x, y)| format!("{},{}", x.round(), y.round())).collect();
        assert_eq!(points.len(), 3);
        assert!(svg.contains(&format!("points=\"{} \"", points.join(" "))), "the path from the first rating to the latest: {points:?}");
        let ivy = vm.points.iter().find(|p| p.label == "Ivy Chen").unwrap();
        assert!(ivy.history.is_empty() && ivy.quadrant_changes().is_empty());
    }

    #[test]
    fn quadrants_positions_and_drift_are_all_drawn() {
        let d = synthetic::small_org();
        let re_rated = BTreeMap::from([(0, Position { power: 0.9, interest: 0.9 })]);
        let vm = stakeholder_grid(&d, synthetic::today(), &ContactCadence::default(), &re_rated);
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
