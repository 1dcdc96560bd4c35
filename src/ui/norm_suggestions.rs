//! "Suggest from history": each team's own healthy band (the 80th
//! percentile of the trailing 12 weeks) next to its current norm. Nothing
//! changes until the user accepts a proposal or edits it first. A page of
//! proposals at a time: 200 teams can have a thousand.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::listing::{page_range, ROWS_PER_PAGE};
use super::pager::{use_page, Pager};
use super::state::Shared;
use crate::engine::{Request, Snapshot};
use crate::model::norm_info;
use crate::model::suggest::{HISTORY_DAYS, PERCENTILE};
use crate::model::NormSuggestion;

#[derive(Properties, PartialEq)]
pub struct NormSuggestionsProps {
    pub snapshot: Shared<Snapshot>,
    pub on_change: Callback<Request>,
}

fn with_unit(value: u32, suggestion: &NormSuggestion) -> String {
    match suggestion.unit.label() {
        "" => value.to_string(),
        unit => format!("{value} {unit}"),
    }
}

#[function_component(NormSuggestions)]
pub fn norm_suggestions(props: &NormSuggestionsProps) -> Html {
    // The worker computes proposals only while they are shown.
    let shown = props.snapshot.suggesting;
    let toggle = props.on_change.reform(move |_: MouseEvent| Request::ShowSuggestions { on: !shown });
    let suggestions = &props.snapshot.suggestions;
    let differing: Vec<&NormSuggestion> = suggestions.iter().filter(|s| s.suggested.is_some_and(|v| v != s.current)).collect();
    let thin = suggestions.iter().filter(|s| s.suggested.is_none()).count();
    let top = use_node_ref();
    let (page, on_page) = use_page(differing.len());
    let on_page_rows = page_range(differing.len(), ROWS_PER_PAGE, page);
    html! {
        <div class="suggestions">
            <button aria-expanded={shown.to_string()} aria-controls="suggestion-list" onclick={toggle}>{ "Suggest from history" }</button>
            if shown {
                <div id="suggestion-list">
                    <p class="help">{ format!(
                        "Each proposal is the team's own {PERCENTILE:.0}th percentile over the last {} weeks. {} differ from the current norm; {} have not enough data to suggest anything.",
                        HISTORY_DAYS / 7, differing.len(), thin) }</p>
                    if !differing.is_empty() {
                        <table ref={top.clone()}>
                            <caption>{ "Norms proposed from history" }</caption>
                            <thead><tr>
                                <th scope="col">{ "Team" }</th><th scope="col">{ "Norm" }</th><th scope="col">{ "Now" }</th>
                                <th scope="col">{ "Proposed" }</th><th scope="col">{ "Samples" }</th><th scope="col">{ "Take it" }</th>
                            </tr></thead>
                            <tbody>
                                { for differing[on_page_rows].iter().map(|s| html! {
                                    <SuggestionRow key={format!("{}|{}", s.team, s.norm)} suggestion={(*s).clone()} on_change={props.on_change.clone()} />
                                }) }
                            </tbody>
                        </table>
                        <Pager total={differing.len()} per_page={ROWS_PER_PAGE} page={page} noun="proposals" on_page={on_page} top={top} />
                    }
                </div>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct SuggestionRowProps {
    suggestion: NormSuggestion,
    on_change: Callback<Request>,
}

#[function_component(SuggestionRow)]
fn suggestion_row(props: &SuggestionRowProps) -> Html {
    let editing = use_state(|| false);
    let draft = use_node_ref();
    let s = &props.suggestion;
    let label = norm_info(&s.norm).map_or(s.norm.as_str(), |info| info.label);
    let suggested = s.suggested.expect("only proposals are listed");
    let on_accept = {
        let (on_change, team, norm) = (props.on_change.clone(), s.team.clone(), s.norm.clone());
        Callback::from(move |_: MouseEvent| on_change.emit(Request::ApplySuggestion { team: team.clone(), norm: norm.clone() }))
    };
    let on_edit = {
        let editing = editing.clone();
        Callback::from(move |_: MouseEvent| editing.set(true))
    };
    let on_set = {
        let (on_change, team, norm, draft) = (props.on_change.clone(), s.team.clone(), s.norm.clone(), draft.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Some(input) = draft.cast::<HtmlInputElement>() else { return };
            // The browser only submits a whole number in range; the engine
            // checks again and says why when it refuses.
            if let Ok(value) = input.value().trim().parse::<u32>() {
                on_change.emit(Request::SetNorm { team: team.clone(), norm: norm.clone(), value: Some(value) });
            }
        })
    };
    html! {
        <tr>
            <th scope="row">{ &s.team }</th>
            <td>{ label }</td>
            <td class="num">{ with_unit(s.current, s) }</td>
            <td class="num"><strong>{ with_unit(suggested, s) }</strong></td>
            <td class="num">{ s.samples }</td>
            <td>
                if *editing {
                    <form class="inline-form" onsubmit={on_set}>
                        <input ref={draft} type="number" required=true step="1" value={suggested.to_string()}
                               min={norm_info(&s.norm).map_or(1, |i| i.min).to_string()} max={norm_info(&s.norm).map_or(u32::MAX, |i| i.max).to_string()}
                               aria-label={format!("{}: {} to set", s.team, label)} />
                        <button type="submit">{ "Set" }</button>
                    </form>
                } else {
                    <button onclick={on_accept} aria-label={format!("Accept {} for {}: {}", with_unit(suggested, s), s.team, label)}>{ "Accept" }</button>
                    <button class="link" onclick={on_edit} aria-label={format!("Edit the proposal for {}: {}", s.team, label)}>{ "Edit" }</button>
                }
            </td>
        </tr>
    }
}
