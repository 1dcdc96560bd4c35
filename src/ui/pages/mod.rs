//! One component per page; all take the same props.

mod deviations;
mod digest;
mod leadership;
mod load;
mod model;
mod shareholders;

pub use deviations::DeviationsPage;
pub use digest::DigestPage;
pub use leadership::LeadershipPage;
pub use load::LoadPage;
pub use model::ModelPage;
pub use shareholders::ShareholdersPage;
use yew::prelude::*;

use super::bridge::EngineBridge;
use super::state::AppState;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Load,
    Model,
    Deviations,
    Shareholders,
    Digest,
    Leadership,
}

impl Page {
    pub const ALL: [Page; 6] = [Page::Load, Page::Model, Page::Deviations, Page::Shareholders, Page::Digest, Page::Leadership];

    pub fn title(self) -> &'static str {
        match self {
            Page::Load => "Load",
            Page::Model => "Model",
            Page::Deviations => "Deviations",
            Page::Shareholders => "Shareholders",
            Page::Digest => "Org digest",
            Page::Leadership => "Leadership",
        }
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct PageProps {
    pub state: UseReducerHandle<AppState>,
    pub bridge: EngineBridge,
}
