//! Plain view-models: what each page and chart shows, computed natively.
//!
//! Every builder is a pure function of the dataset, an explicit `today` and
//! plain thresholds, so the same inputs always draw the same picture. The
//! view-models hold only strings, numbers and dates: the UI, the charts and
//! the report all read the same values, and none of them re-derives a number.
//!
//! Builders name people as the files do; presenter mode is not their
//! concern but `crate::present`'s, which pseudonymises the assembled
//! snapshot in one pass. People are listed by team and label, never by
//! value: no view ranks individuals.

pub mod coverage;
pub mod cycle_time;
pub mod decisions;
pub mod distribution;
pub mod digest;
pub mod export;
pub mod findings;
pub mod freshness;
pub mod groups;
pub mod identities;
pub mod leadership;
pub mod markup;
pub mod over_time;
pub mod quiet;
pub mod report;
pub mod review_wait;
pub mod stakeholders;
pub mod stats;
pub mod summary;
pub mod table;
pub mod triage;
pub mod weekly;

pub use findings::FindingRow;
pub use summary::{summary, Summary};
pub use table::{Table, ToTable};
pub use weekly::{merged_per_week, WeeklySeries};

/// Above this many marks a chart stops drawing one mark per row and draws
/// aggregates instead: SVG with more marks is slow to lay out and unreadable.
pub const MAX_MARKS: usize = 2_000;

/// Per-person bars stop being legible long before [`MAX_MARKS`]; above this
/// many people a per-person bar chart shows one bar per team.
pub const MAX_PERSON_BARS: usize = 120;

/// A per-team number with a fallback, e.g. quiet-days or update cadence.
/// Plain values so the lead can fill it from the team model.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TeamThresholds {
    pub default: f64,
    pub per_team: std::collections::BTreeMap<String, f64>,
}

impl TeamThresholds {
    pub fn uniform(default: f64) -> TeamThresholds {
        TeamThresholds { default, per_team: Default::default() }
    }

    pub fn for_team(&self, team: &str) -> f64 {
        self.per_team.get(team).copied().unwrap_or(self.default)
    }
}
