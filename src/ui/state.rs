//! The page's state and its pure reducer: every change is an `Action`.

use std::rc::Rc;

use yew::Reducible;

use crate::engine::{Event, Snapshot, Stage};
use crate::ingest::IngestError;

/// Refusals shown at once; older ones scroll away.
const MAX_SHOWN_REFUSALS: usize = 5;

#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    pub file: String,
    pub stage: Stage,
    pub done: u64,
    pub total: u64,
}

#[derive(Clone, Debug, Default)]
pub struct AppState {
    pub snapshot: Option<Rc<Snapshot>>,
    pub progress: Option<Progress>,
    /// Newest first.
    pub refusals: Vec<IngestError>,
    pub presenter: bool,
}

pub enum Action {
    Engine(Event),
    Cancelled,
    Forgot,
    DismissRefusal(usize),
    TogglePresenter,
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Engine(Event::Progress { file, stage, done, total }) => {
                next.progress = Some(Progress { file, stage, done, total });
            }
            Action::Engine(Event::FileRefused { error }) => {
                next.refusals.insert(0, error);
                next.refusals.truncate(MAX_SHOWN_REFUSALS);
            }
            Action::Engine(Event::Snapshot { snapshot }) => {
                next.snapshot = Some(Rc::new(*snapshot));
                next.progress = None;
            }
            Action::Cancelled => next.progress = None,
            Action::Forgot => {
                next.snapshot = None;
                next.progress = None;
                next.refusals.clear();
            }
            Action::DismissRefusal(index) => {
                if index < next.refusals.len() {
                    next.refusals.remove(index);
                }
            }
            Action::TogglePresenter => next.presenter = !next.presenter,
        }
        Rc::new(next)
    }
}
