//! The column-wide decisions a single cell cannot make.
//!
//! `03/04/2025` is March or April depending on the rest of its column, and
//! `4` is 0.75 on a 1–5 scale but 0.4 on 0–10. Before rows are built, one
//! pass over the date and scale columns gathers the evidence; the decisions
//! are reported as whole-file notes so the user can see and dispute them.
//! Files without such columns skip the pass entirely.

use super::csv_source::Record;
use super::dates::{Evidence, Order};
use super::detect::ColumnMap;
use super::fields::{Field, Shape};
use super::values::{self, Scale};
use super::warnings::truncate;

/// Per column: how to read its dates and its scale.
#[derive(Debug, PartialEq)]
pub struct Profile {
    orders: Vec<Order>,
    scales: Vec<Scale>,
}

impl Profile {
    /// What [`Profiler::finish`] decides when the columns give no evidence:
    /// month/day order and the 0–1 scale everywhere.
    pub fn assumed(width: usize) -> Profile {
        Profile { orders: vec![Order::MonthFirst; width], scales: vec![Scale::Unit; width] }
    }

    pub fn order(&self, col: usize) -> Order {
        self.orders.get(col).copied().unwrap_or(Order::MonthFirst)
    }

    pub fn scale(&self, col: usize) -> Scale {
        self.scales.get(col).copied().unwrap_or(Scale::Unit)
    }
}

pub struct Profiler {
    dates: Vec<(usize, Evidence)>,
    /// Column, field, min and max of its plain numbers.
    scales: Vec<(usize, Field, f64, f64)>,
}

impl Profiler {
    pub fn new(map: &ColumnMap) -> Profiler {
        let mut dates = Vec::new();
        let mut scales = Vec::new();
        for col in 0..map.width() {
            match map.field_of(col).map(|f| (f, f.shape())) {
                Some((_, Shape::Date)) => dates.push((col, Evidence::default())),
                Some((f, Shape::Scale)) => scales.push((col, f, f64::INFINITY, f64::NEG_INFINITY)),
                _ => {}
            }
        }
        Profiler { dates, scales }
    }

    /// Whether any column needs the pass at all.
    pub fn needed(&self) -> bool {
        !(self.dates.is_empty() && self.scales.is_empty())
    }

    pub fn observe(&mut self, record: Record) {
        for (col, evidence) in &mut self.dates {
            if let Some(cell) = record.get(*col) {
                evidence.observe(values::clean(cell));
            }
        }
        for (col, _, min, max) in &mut self.scales {
            let Some(cell) = record.get(*col) else { continue };
            if let Some(n) = values::number(values::clean(cell)) {
                *min = min.min(n);
                *max = max.max(n);
            }
        }
    }

    /// The decisions, and one `(column index, sentence)` note per decision
    /// worth telling the user about.
    pub fn finish(self, width: usize, headers: &[String]) -> (Profile, Vec<(usize, String)>) {
        let mut profile = Profile::assumed(width);
        let mut notes = Vec::new();
        for (col, evidence) in self.dates {
            let (order, note) = evidence.decide();
            profile.orders[col] = order;
            if let Some(note) = note {
                notes.push((col, format!("column \"{}\": {note}", truncate(&headers[col]))));
            }
        }
        for (col, field, min, max) in self.scales {
            if min > max {
                continue;
            }
            let scale = Scale::decide(min, max, field != Field::Progress);
            profile.scales[col] = scale;
            notes.push((
                col,
                format!(
                    "column \"{}\": numbers from {min} to {max} read on a {} scale and normalised to 0–1",
                    truncate(&headers[col]),
                    scale.describe()
                ),
            ));
        }
        (profile, notes)
    }
}
