//! The page's state and its pure reducer: every change is an `Action`.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::Reducible;

use crate::engine::{Event, Overview, Snapshot, Stage};
use crate::ingest::IngestError;
use crate::ui::pages::Page;
use crate::views::stakeholders::Position;

/// Refusals shown at once; older ones scroll away.
const MAX_SHOWN_REFUSALS: usize = 5;

#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    pub file: String,
    pub stage: Stage,
    pub done: u64,
    pub total: u64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    pub page: Page,
    pub snapshot: Option<Shared<Snapshot>>,
    /// What the Load page shows: the last snapshot's overview, or a newer
    /// one from a drop whose files are still being checked.
    pub overview: Option<Shared<Overview>>,
    pub progress: Option<Progress>,
    /// Newest first.
    pub refusals: Vec<IngestError>,
    pub presenter: bool,
    /// Why the last request was refused (e.g. an acceptance without a
    /// reason, a bad model file); nothing changed.
    pub request_error: Option<String>,
    /// The user opted in to keeping the model on this device.
    pub remember_on_device: bool,
    /// The user ticked "remember" while the demo was loaded, so the demo's
    /// model may replace what the device remembers; otherwise loading the
    /// demo never overwrites the user's own remembered model.
    pub remember_demo: bool,
    /// Workshop re-ratings by stakeholder index; the files keep their own.
    pub re_rated: BTreeMap<usize, Position>,
}

impl Default for AppState {
    fn default() -> AppState {
        AppState { page: Page::Load, snapshot: None, overview: None, progress: None, refusals: Vec::new(), presenter: false, request_error: None, remember_on_device: false, remember_demo: false, re_rated: BTreeMap::new() }
    }
}

pub enum Action {
    Engine(Event),
    Cancelled,
    Forgot,
    DismissRefusal(usize),
    TogglePresenter,
    Show(Page),
    ClearRequestError,
    RememberOnDevice(bool),
    ReRate(usize, Position),
    ResetReRatings,
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
            Action::Engine(Event::Overview { overview }) => next.overview = Some(Shared(Rc::new(overview))),
            Action::Engine(Event::Snapshot { snapshot }) => {
                // Usually the overview the last file already brought: kept
                // as is, so the Load page's chart is not drawn again.
                if next.overview.as_deref() != Some(&snapshot.overview) {
                    next.overview = Some(Shared(Rc::new(snapshot.overview.clone())));
                }
                next.snapshot = Some(Shared(Rc::new(*snapshot)));
                next.progress = None;
            }
            Action::Engine(Event::RequestFailed { message }) => next.request_error = Some(message),
            Action::ClearRequestError => next.request_error = None,
            Action::Cancelled => {
                // The cancelled drop's files are gone: back to what the
                // snapshot holds.
                next.overview = next.snapshot.as_ref().map(|s| Shared(Rc::new(s.overview.clone())));
                next.progress = None;
            }
            Action::Forgot => {
                next.snapshot = None;
                next.overview = None;
                next.request_error = None;
                next.progress = None;
                next.refusals.clear();
                next.remember_on_device = false;
                next.remember_demo = false;
                next.re_rated.clear();
            }
            Action::DismissRefusal(index) => {
                if index < next.refusals.len() {
                    next.refusals.remove(index);
                }
            }
            Action::TogglePresenter => next.presenter = !next.presenter,
            Action::Show(page) => next.page = page,
            Action::RememberOnDevice(on) => {
                next.remember_on_device = on;
                next.remember_demo = on && next.snapshot.as_ref().is_some_and(|s| s.demo);
            }
            Action::ReRate(index, position) => {
                next.re_rated.insert(index, position);
            }
            Action::ResetReRatings => next.re_rated.clear(),
        }
        Rc::new(next)
    }
}

/// An immutable value shared between components, compared by identity:
/// a new snapshot from the worker is a new allocation, so identity is
/// exactly "did it change" and comparing never walks the data.
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}
