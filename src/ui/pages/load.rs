//! The Load page: drop zone and picker, the demos (the small one, and the
//! 200-team one the worker generates), progress, refusals, and what the
//! loaded files hold.

use yew::prelude::*;

use super::PageProps;
use crate::engine::Overview;
use crate::dataset::FileKind;
use crate::ingest::IngestError;
use crate::ui::column_mapping::ColumnMapping;
use crate::ui::drop_zone::DropZone;
use crate::ui::file_list::FileList;
use crate::ui::remembered_mappings::RememberedMappings;
use crate::ui::progress::{cancel_with, ProgressPanel};
use crate::ui::state::{Action, AppState, Shared};
use crate::ui::request_error::{dismiss_with, report_to, RequestError};
use crate::ui::storage;
use crate::ui::svg::SvgChart;
use crate::ui::template_downloads::TemplateDownloads;

#[function_component(LoadPage)]
pub fn page(props: &PageProps) -> Html {
    let (state, bridge) = (&props.state, &props.bridge);
    let on_files = {
        let bridge = bridge.clone();
        Callback::from(move |files: Vec<web_sys::File>| bridge.load_files(files))
    };
    let on_demo = {
        let bridge = bridge.clone();
        Callback::from(move |_: MouseEvent| bridge.load_demo())
    };
    let on_large_demo = {
        let bridge = bridge.clone();
        Callback::from(move |_: MouseEvent| bridge.load_large_demo())
    };
    let on_cancel = cancel_with(bridge, state.dispatcher());
    let on_forget = {
        let (bridge, dispatcher) = (bridge.clone(), state.dispatcher());
        Callback::from(move |_: MouseEvent| {
            bridge.forget();
            storage::forget();
            dispatcher.dispatch(Action::Forgot);
        })
    };
    let on_change = super::model::change_callback(props);
    let on_error = report_to(state.dispatcher());
    let on_dismiss = dismiss_with(state.dispatcher());
    let has_data = state.overview.as_ref().is_some_and(|o| !o.files.is_empty());
    html! {
        <>
            <section class="load" aria-labelledby="load-heading">
                <h2 id="load-heading">{ "Load" }</h2>
                <DropZone on_files={on_files} />
                <div class="actions">
                    <button onclick={on_demo}>{ "Try the demo organization" }</button>
                    <button onclick={on_large_demo} data-testid="large-demo"
                            title="2,000 people in 200 teams and 20 groups, six months of history, generated on this device: the leader's view of a large organization">
                        { "Try a 200-team organization" }
                    </button>
                    if has_data || state.remember_on_device {
                        <button class="danger" onclick={on_forget}>{ "Forget everything" }</button>
                    }
                </div>
                <TemplateDownloads on_error={on_error} />
                if let Some(snapshot) = state.snapshot.as_ref() {
                    <RememberedMappings mappings={snapshot.mappings.clone()} on_change={on_change.clone()} />
                    <crate::ui::identity_list::IdentityList snapshot={snapshot.clone()} on_change={on_change.clone()} />
                }
                <ProgressPanel progress={state.progress.clone()} on_cancel={on_cancel} />
                { refusals(&state.refusals, &state.dispatcher()) }
                <RequestError message={state.request_error.clone()} on_dismiss={on_dismiss} />
                { super::saved_review_note(state) }
            </section>
            if let Some(overview) = state.snapshot.as_ref().map(|s| &s.overview) {
                // A file loaded with a guessed mapping still offers the step, folded.
                { for overview.files.iter().enumerate().filter(|(_, f)| f.suggestion.is_some()).map(|(index, file)| html! {
                    <section key={format!("{index}|{}", file.signature)} class="mapping-step">
                        if file.kind == FileKind::Unknown {
                            <ColumnMapping index={index} file={file.clone()} on_change={on_change.clone()} />
                        } else {
                            <details>
                                <summary>{ format!("{}: loaded with a guessed mapping — change it", file.path) }</summary>
                                <ColumnMapping index={index} file={file.clone()} on_change={on_change.clone()} />
                            </details>
                        }
                    </section>
                }) }
            }
            if let Some(overview) = state.overview.clone().filter(|o| !o.files.is_empty()) {
                <OverviewSection overview={overview} />
            }
        </>
    }
}

fn refusals(errors: &[IngestError], dispatcher: &UseReducerDispatcher<AppState>) -> Html {
    html! {
        <div class="refusals" role="alert" aria-live="assertive">
            { for errors.iter().enumerate().map(|(index, error)| {
                let dispatcher = dispatcher.clone();
                html! {
                    <p class="refusal">
                        { format!("Could not load {error}") }
                        <span class="refusal__note">{ " Everything loaded before is still here." }</span>
                        <button class="link" aria-label={format!("Dismiss the message about {}", error.path)}
                                onclick={Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::DismissRefusal(index)))}>
                            { "Dismiss" }
                        </button>
                    </p>
                }
            }) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct OverviewProps {
    overview: Shared<Overview>,
}

#[function_component(OverviewSection)]
fn overview_section(props: &OverviewProps) -> Html {
    let overview = &props.overview;
    let summary = &overview.summary;
    let chart = use_memo(props.overview.clone(), |overview| crate::charts::merged_per_week::draw(&overview.merged_per_week));
    html! {
        <section class="overview" aria-labelledby="summary-heading">
            <h2 id="summary-heading">{ "Summary" }</h2>
            <dl class="summary">
                <div><dt>{ "Files" }</dt><dd data-testid="summary-files">{ summary.files }</dd></div>
                <div><dt>{ "Rows" }</dt><dd data-testid="summary-rows">{ summary.rows }</dd></div>
                <div><dt>{ "People" }</dt><dd data-testid="summary-people">{ summary.people }</dd></div>
                <div><dt>{ "Teams" }</dt><dd data-testid="summary-teams">{ summary.teams }</dd></div>
            </dl>
            if let Some(note) = summary.bot_note() { <p class="help" data-testid="summary-bots">{ note }</p> }
            <FileList files={overview.files.clone()} />
            if !overview.merged_per_week.weeks.is_empty() {
                <h3>{ "Merged pull requests per week" }</h3>
                <SvgChart svg={AttrValue::from((*chart).clone())} label="Bar chart: merged pull requests per week" />
            }
        </section>
    }
}
