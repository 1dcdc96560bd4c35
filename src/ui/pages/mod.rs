//! One component per page; all take the same props. Which page is shown
//! is `state::Page`.

mod deviations;
mod digest;
mod leadership;
mod load;
mod model;
mod shareholders;
mod what_changed;

pub use deviations::DeviationsPage;
pub use digest::DigestPage;
pub use leadership::LeadershipPage;
pub use load::LoadPage;
pub use model::ModelPage;
pub use shareholders::ShareholdersPage;
pub use what_changed::{saved_review_note, WhatChangedPage};
use yew::prelude::*;

use super::bridge::EngineBridge;
use super::state::AppState;

#[derive(Properties, PartialEq, Clone)]
pub struct PageProps {
    pub state: UseReducerHandle<AppState>,
    pub bridge: EngineBridge,
}
