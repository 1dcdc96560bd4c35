//! The Model page: how the leader expects each team's work to go. Teams ×
//! flavor × norms, proposals from history, accepted deviations, and the
//! model file.

use yew::prelude::*;

use super::PageProps;
use crate::engine::Request;
use crate::ui::analysis::accepted_list::AcceptedList;
use crate::ui::analysis::norm_change_log::NormChangeLog;
use crate::ui::flavor_table::FlavorTable;
use crate::ui::model_file::ModelFile;
use crate::ui::model_table::ModelTable;
use crate::ui::norm_suggestions::NormSuggestions;
use crate::ui::request_error::{dismiss_with, report_to, RequestError};
use crate::ui::state::{Action, AppState};
use crate::ui::storage;

/// Sends a model change; the previous refusal message no longer applies.
pub fn change_callback(props: &PageProps) -> Callback<Request> {
    let (bridge, dispatcher) = (props.bridge.clone(), props.state.dispatcher());
    Callback::from(move |request: Request| {
        dispatcher.dispatch(Action::ClearRequestError);
        bridge.send(request);
    })
}

/// The opt-in: ticking saves at once (see `Persistence`), unticking erases.
pub fn remember_callback(dispatcher: UseReducerDispatcher<AppState>) -> Callback<bool> {
    Callback::from(move |on: bool| {
        if !on {
            storage::forget();
        }
        dispatcher.dispatch(Action::RememberOnDevice(on));
    })
}

#[function_component(ModelPage)]
pub fn page(props: &PageProps) -> Html {
    let state = &props.state;
    let on_change = change_callback(props);
    let on_error = report_to(state.dispatcher());
    let on_dismiss = dismiss_with(state.dispatcher());
    let Some(snapshot) = state.snapshot.clone() else {
        return html! { <section><h2>{ "Model" }</h2><p>{ "Starting…" }</p></section> };
    };
    html! {
        <>
        <section aria-labelledby="model-heading">
            <h2 id="model-heading">{ "Model" }</h2>
            <p class="help">{ "How you expect each team's work to go. teamdiff reports only where the exports deviate from this." }</p>
            <p role="status" class="model-status">
                <span data-testid="open-findings">{ snapshot.analysis.findings.len() }</span>
                { format!(" open finding{} with this model", if snapshot.analysis.findings.len() == 1 { "" } else { "s" }) }
            </p>
            <RequestError message={state.request_error.clone()} on_dismiss={on_dismiss} />
            <ModelFile snapshot={snapshot.clone()} pseudonymised={state.pseudonymised()} remember={state.remember_on_device} remember_demo={state.remember_demo} on_change={on_change.clone()}
                       on_remember={remember_callback(state.dispatcher())} on_error={on_error} />
            if !snapshot.model_notes.is_empty() {
                <ul class="notes" aria-label="What teams.csv said that the model could not take">
                    { for snapshot.model_notes.iter().map(|note| html! { <li>{ format!("{}: {}", note.at, note.message) }</li> }) }
                </ul>
            }
            <ModelTable snapshot={snapshot.clone()} on_change={on_change.clone()} />
            <NormSuggestions snapshot={snapshot.clone()} on_change={on_change.clone()} />
            <FlavorTable model={snapshot.model.clone()} on_change={on_change.clone()} />
        </section>
        <section aria-labelledby="norm-changes-heading">
            <h2 id="norm-changes-heading">{ "Norm changes" }</h2>
            <NormChangeLog changes={snapshot.model.norm_changes.clone()} />
        </section>
        <crate::ui::coverage_table::CoverageTable snapshot={snapshot.clone()} />
        <section aria-labelledby="accepted-heading">
            <h2 id="accepted-heading">{ "Accepted deviations" }</h2>
            <AcceptedList accepted={snapshot.analysis.accepted.clone()} today={snapshot.today}
                          on_revoke={on_change.reform(|key| Request::RevokeDeviation { key })} />
        </section>
        </>
    }
}
