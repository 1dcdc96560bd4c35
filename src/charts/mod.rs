//! plotters drawing functions over view-models. Each chart is one module
//! with a pure `draw(&ViewModel) -> String` returning SVG text: no globals,
//! no clock, the same SVG natively in tests and on the browser's main thread.
//! Charts see view-models only, never the dataset; which charts exist, and
//! from which view-model each is drawn, is `crate::present::charts`.

pub mod common;
pub mod merged_per_week;
pub mod palette;
pub mod svg_check;
pub mod quiet_days;
pub mod distribution;
pub mod review_wait;
pub mod decision_latency;
pub mod cycle_time;
pub mod decision_split;
pub mod update_freshness;
pub mod stakeholder_grid;
pub mod leadership_matrix;
pub mod sparkline;
pub mod findings_over_time;
