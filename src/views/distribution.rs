//! A spread of durations per category (reviewer, decision level), the shape
//! behind every box-plot chart.

use serde::{Deserialize, Serialize};

use crate::views::stats::FiveNumbers;
use crate::views::table::{number, Table, ToTable};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DistributionRow {
    pub label: String,
    /// Completed waits the spread is computed from.
    pub count: usize,
    /// Still waiting as of today; not in the spread, because their final
    /// duration is unknown.
    pub pending: usize,
    /// `None`: no completed wait, "not enough data".
    pub spread: Option<FiveNumbers>,
    pub norm: Option<f64>,
}

impl DistributionRow {
    pub fn over_norm(&self) -> bool {
        matches!((self.spread, self.norm), (Some(s), Some(n)) if s.median > n)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Distribution {
    pub title: String,
    /// What a row is: "Reviewer", "Decision level".
    pub category: String,
    pub unit: String,
    pub rows: Vec<DistributionRow>,
    pub note: Option<String>,
}

impl Distribution {
    pub fn max_value(&self) -> f64 {
        let spreads = self.rows.iter().filter_map(|r| r.spread.map(|s| s.max));
        let norms = self.rows.iter().filter_map(|r| r.norm);
        spreads.chain(norms).fold(0.0, f64::max)
    }
}

impl ToTable for Distribution {
    fn to_table(&self) -> Table {
        let unit = &self.unit;
        let headers = [
            self.category.clone(),
            "Completed".into(),
            "Pending".into(),
            format!("Min ({unit})"),
            format!("Lower quartile ({unit})"),
            format!("Median ({unit})"),
            format!("Upper quartile ({unit})"),
            format!("Max ({unit})"),
            format!("Norm ({unit})"),
        ];
        let mut table = Table { caption: self.title.clone(), headers: headers.to_vec(), rows: Vec::new() };
        for row in &self.rows {
            let stats = match row.spread {
                Some(s) => [s.min, s.q1, s.median, s.q3, s.max].map(number).to_vec(),
                None => vec!["not enough data".to_string(); 5],
            };
            let mut cells = vec![row.label.clone(), row.count.to_string(), row.pending.to_string()];
            cells.extend(stats);
            cells.push(row.norm.map_or_else(|| "none".into(), number));
            table.push(cells);
        }
        table
    }
}
