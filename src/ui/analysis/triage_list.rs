//! The first screen of Deviations: what deserves attention, ranked in the
//! worker (`views::triage`), ten at a time, each saying why it is there.
//! A systemic finding carries its people underneath; a drifting norm and
//! a systemic finding offer "Update the model" in one click.

use std::collections::BTreeMap;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::accept_form::{AcceptForm, Acceptance};
use super::finding_card::FindingCard;
use crate::engine::Snapshot;
use crate::findings::systemic::NormUpdate;
use crate::model::norm_info;
use crate::ui::disclosure::Disclosure;
use crate::ui::listing::{page_range, FINDINGS_PER_PAGE};
use crate::ui::pager::{use_page, Pager};
use crate::ui::state::Shared;
use crate::views::triage::{TriageItem, TriageTarget, TRIAGE_SHOWN};

#[derive(Properties, PartialEq)]
pub struct TriageListProps {
    pub snapshot: Shared<Snapshot>,
    /// Positions in `analysis.triage` that pass the page's filters, best first.
    pub items: Rc<Vec<usize>>,
    /// Tripwire id → title.
    pub titles: Rc<BTreeMap<String, String>>,
    pub on_accept: Callback<Acceptance>,
    pub on_update: Callback<NormUpdate>,
}

/// The "Show" choices: every kind, or one.
const KINDS: [(&str, &str); 4] =
    [("", "Everything"), ("systemic", "Systemic findings"), ("finding", "Single findings"), ("drift", "Norms that no longer fit (model drift)")];

#[function_component(TriageList)]
pub fn triage_list(props: &TriageListProps) -> Html {
    let top = use_node_ref();
    let kind = use_state(String::new);
    let triage = &props.snapshot.analysis.triage;
    let items = use_memo((props.snapshot.clone(), props.items.clone(), (*kind).clone()), |(snapshot, items, kind)| {
        let triage = &snapshot.analysis.triage;
        Rc::new(items.iter().copied().filter(|&at| kind.is_empty() || triage.get(at).is_some_and(|i| i.kind() == kind)).collect::<Vec<usize>>())
    });
    let (page, on_page) = use_page((*items).clone());
    let shown = page_range(items.len(), TRIAGE_SHOWN, page);
    let counts = |k: &str| props.items.iter().filter(|&&at| k.is_empty() || triage.get(at).is_some_and(|i| i.kind() == k)).count();
    let on_kind = {
        let kind = kind.clone();
        Callback::from(move |event: Event| {
            let value = event.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()).map(|s| s.value()).unwrap_or_default();
            kind.set(value);
        })
    };
    html! {
        <section class="triage" aria-labelledby="triage-heading">
            <h2 id="triage-heading" ref={top.clone()}>{ "What deserves attention" }</h2>
            <p class="help">
                { "Ranked by severity, breadth (a pattern across a team before one person), how long it has been past its norm, and whether the team's own update says green. The filters below narrow this list too." }
            </p>
            <div class="filters" role="group" aria-label="What to show">
                <label>
                    { "Show " }
                    <select name="kind" onchange={on_kind}>
                        { for KINDS.iter().map(|(value, label)| html! {
                            <option value={*value} selected={*kind == *value}>{ format!("{label} ({})", counts(value)) }</option>
                        }) }
                    </select>
                </label>
            </div>
            if items.is_empty() { <p class="triage__empty">{ "Nothing to look at with these filters." }</p> }
            <ol class="triage__list" start={(shown.start + 1).to_string()}>
                { for items[shown].iter().filter_map(|&at| triage.get(at)).map(|item| html! {
                    <TriageEntry snapshot={props.snapshot.clone()} item={item.clone()} titles={props.titles.clone()}
                                 on_accept={props.on_accept.clone()} on_update={props.on_update.clone()} />
                }) }
            </ol>
            <Pager total={items.len()} per_page={TRIAGE_SHOWN} page={page} noun="items to look at" on_page={on_page} top={top} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct TriageEntryProps {
    snapshot: Shared<Snapshot>,
    item: TriageItem,
    titles: Rc<BTreeMap<String, String>>,
    on_accept: Callback<Acceptance>,
    on_update: Callback<NormUpdate>,
}

#[function_component(TriageEntry)]
fn triage_entry(props: &TriageEntryProps) -> Html {
    let analysis = &props.snapshot.analysis;
    let item = &props.item;
    let title = |id: &str| props.titles.get(id).cloned().unwrap_or_else(|| id.to_string());
    let today = props.snapshot.today;
    let (heading, body) = match item.target {
        TriageTarget::Systemic(at) => {
            let Some(s) = analysis.systemic.get(at) else { return html! {} };
            (
                format!("{}: {} of {} people", title(&s.tripwire), s.people, s.of),
                html! { <SystemicBody snapshot={props.snapshot.clone()} at={at} titles={props.titles.clone()}
                                      on_accept={props.on_accept.clone()} on_update={props.on_update.clone()} /> },
            )
        }
        TriageTarget::Finding(at) => {
            let Some(f) = analysis.findings.get(at) else { return html! {} };
            let tripwire_title = title(&f.row.tripwire);
            (
                format!("{}: {}", tripwire_title, f.row.subject),
                html! {
                    <>
                    <p class="triage-item__why">{ &f.row.why }</p>
                    <Disclosure class="triage-item__details" summary="Evidence, question and accept…">
                        <ul class="findings">
                            <FindingCard finding={f.clone()} title={tripwire_title.clone()} today={today} on_accept={props.on_accept.clone()} />
                        </ul>
                    </Disclosure>
                    </>
                },
            )
        }
        TriageTarget::Drift(at) => {
            let Some(d) = analysis.drift.get(at) else { return html! {} };
            let label = norm_info(&d.norm).map_or(d.norm.as_str(), |n| n.label);
            (
                format!("Model drift: {label}"),
                html! {
                    <>
                    <p class="triage-item__why">{ &d.why }</p>
                    <UpdateButton update={d.update.clone()} on_update={props.on_update.clone()} />
                    </>
                },
            )
        }
    };
    html! {
        <li class={classes!("triage-item", format!("triage-item--{}", item.kind()))} data-kind={item.kind()}
            data-team={item.team.clone()} data-tripwire={item.tripwire.clone()}>
            <h3 class="triage-item__title">
                <span class="triage-item__heading">{ heading }</span>
                <span class="triage-item__team">{ &item.team }</span>
            </h3>
            <p class="triage-item__reason"><strong>{ "Why it is here: " }</strong>{ item.reasons().join(" · ") }</p>
            { body }
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct UpdateButtonProps {
    update: NormUpdate,
    on_update: Callback<NormUpdate>,
}

/// "Update the model: quiet days 7 → 12", applied in one click and
/// recorded in the model's norm change log.
#[function_component(UpdateButton)]
fn update_button(props: &UpdateButtonProps) -> Html {
    let u = &props.update;
    let label = norm_info(&u.norm).map_or(u.norm.as_str(), |n| n.label);
    let onclick = {
        let (update, on_update) = (u.clone(), props.on_update.clone());
        Callback::from(move |_: MouseEvent| on_update.emit(update.clone()))
    };
    html! {
        <p class="update-model">
            <button type="button" class="update-model__button" {onclick}>{ format!("Update the model: {label} {} → {}", u.current, u.suggested) }</button>
            <span class="update-model__basis">{ format!(" From {}.", u.basis) }</span>
        </p>
    }
}

#[derive(Properties, PartialEq)]
struct SystemicProps {
    snapshot: Shared<Snapshot>,
    /// Position in `analysis.systemic`.
    at: usize,
    titles: Rc<BTreeMap<String, String>>,
    on_accept: Callback<Acceptance>,
    #[prop_or_default]
    on_update: Callback<NormUpdate>,
}

#[function_component(SystemicBody)]
fn systemic_body(props: &SystemicProps) -> Html {
    let Some(s) = props.snapshot.analysis.systemic.get(props.at) else { return html! {} };
    html! {
        <div class="systemic">
            <p class="systemic__why">{ &s.why }</p>
            <p class="systemic__distribution">{ s.distribution() }</p>
            <p class="systemic__history">{ &s.history }</p>
            if let Some(update) = &s.update { <UpdateButton update={update.clone()} on_update={props.on_update.clone()} /> }
            <AcceptForm finding_key={s.key.clone()} today={props.snapshot.today} on_accept={props.on_accept.clone()} />
            <Disclosure class="systemic__members" summary={format!("The {} findings underneath", s.members.len())}>
                <SystemicMembers snapshot={props.snapshot.clone()} at={props.at} titles={props.titles.clone()} on_accept={props.on_accept.clone()} />
            </Disclosure>
        </div>
    }
}

/// The per-person findings of a systemic finding, a page at a time; in
/// presenter mode their names are the snapshot's pseudonyms.
#[function_component(SystemicMembers)]
fn systemic_members(props: &SystemicProps) -> Html {
    let top = use_node_ref();
    let (page, on_page) = use_page(props.at);
    let analysis = &props.snapshot.analysis;
    let Some(s) = analysis.systemic.get(props.at) else { return html! {} };
    let shown = page_range(s.members.len(), FINDINGS_PER_PAGE, page);
    let title = |id: &str| props.titles.get(id).cloned().unwrap_or_else(|| id.to_string());
    html! {
        <>
        <ul class="findings" ref={top.clone()}>
            { for s.members[shown].iter().filter_map(|&at| analysis.findings.get(at)).map(|f| html! {
                <FindingCard key={f.key.clone()} finding={f.clone()} title={title(&f.row.tripwire)}
                             today={props.snapshot.today} on_accept={props.on_accept.clone()} />
            }) }
        </ul>
        <Pager total={s.members.len()} per_page={FINDINGS_PER_PAGE} page={page} on_page={on_page}
               noun={format!("findings of {}", s.team)} top={top} />
        </>
    }
}
