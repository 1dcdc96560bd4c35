//! The busy state: what the worker is doing, with a Cancel that stops it
//! and keeps everything loaded before. Shown on every page, because a
//! model change recomputes every view and can take as long as a load.

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use super::bridge::EngineBridge;
use super::state::{Action, AppState, Progress};
use crate::engine::Stage;

/// A request is usually answered within a frame or two; its bar is only
/// shown once it has taken this long, so quick edits do not flicker.
const SHOW_UPDATING_AFTER_MS: u32 = 400;

#[derive(Properties, PartialEq)]
pub struct ProgressPanelProps {
    pub progress: Option<Progress>,
    pub on_cancel: Callback<()>,
}

#[function_component(ProgressPanel)]
pub fn progress_panel(props: &ProgressPanelProps) -> Html {
    let updating = props.progress.as_ref().is_some_and(|p| p.stage == Stage::Updating);
    let waited = use_state(|| false);
    {
        let waited = waited.clone();
        use_effect_with(updating, move |&updating| {
            waited.set(false);
            let timer = updating.then(|| Timeout::new(SHOW_UPDATING_AFTER_MS, move || waited.set(true)));
            move || drop(timer)
        });
    }
    let Some(progress) = props.progress.as_ref().filter(|_| !updating || *waited) else { return html! {} };
    let on_cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let (label, bar) = match progress.stage {
        Stage::Reading | Stage::Parsing => {
            let verb = if progress.stage == Stage::Reading { "Reading" } else { "Analysing" };
            let percent = (progress.done * 100).checked_div(progress.total).unwrap_or(100);
            let bar = html! { <progress id="load-progress" max={progress.total.max(1).to_string()} value={progress.done.to_string()} /> };
            (format!("{verb} {} … {percent}%", progress.file), bar)
        }
        // No byte count to show: an indeterminate bar, honestly.
        Stage::Checking => ("Checking the tripwires across every file …".to_string(), html! { <progress id="load-progress" /> }),
        Stage::Updating => ("Updating every view …".to_string(), html! { <progress id="load-progress" /> }),
        Stage::Generating => (format!("Generating {} …", progress.file), html! { <progress id="load-progress" /> }),
    };
    let cancel = if updating { "Cancel this change" } else { "Cancel loading" };
    html! {
        <>
            <div class="progress" role="status">
                <label for="load-progress">{ label }</label>
                { bar }
            </div>
            <div class="actions">
                <button onclick={on_cancel}>{ cancel }</button>
            </div>
        </>
    }
}

/// Cancel: a new worker replays what had loaded; the page forgets the
/// cancelled work's partial overview.
pub fn cancel_with(bridge: &EngineBridge, dispatcher: UseReducerDispatcher<AppState>) -> Callback<()> {
    let bridge = bridge.clone();
    Callback::from(move |()| {
        bridge.cancel();
        dispatcher.dispatch(Action::Cancelled);
    })
}
