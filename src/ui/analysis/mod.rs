//! Components of the Deviations, Org digest and Leadership pages.

pub mod accept_form;
pub mod accepted_list;
pub mod digest_groups;
pub mod digest_row;
pub mod digest_table;
pub mod export_bar;
pub mod finding_card;
pub mod finding_filters;
pub mod leadership_team;
pub mod norm_change_log;
pub mod nothing_loaded;
pub mod sort_header;
pub mod team_findings;
pub mod triage_list;
