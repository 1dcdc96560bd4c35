//! The Deviations page, the diff view: findings grouped by team and
//! filtered by tripwire and severity, each with its question and a way to
//! accept it; the accepted list; the six charts; the exports.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

use super::PageProps;
use crate::present::analysis::{ShownFinding, TripwireOption};
use crate::present::charts::{self, Page};
use crate::ui::analysis::accept_form::Acceptance;
use crate::ui::analysis::accepted_list::AcceptedList;
use crate::ui::analysis::export_bar::ExportBar;
use crate::ui::analysis::finding_card::FindingCard;
use crate::ui::analysis::finding_filters::FindingFilters;
use crate::ui::analysis::nothing_loaded::NothingLoaded;
use crate::ui::chart_panel::ChartPanel;
use crate::ui::state::Action;

#[function_component(DeviationsPage)]
pub fn page(props: &PageProps) -> Html {
    let tripwire = use_state(|| None::<String>);
    let severity = use_state(|| None::<String>);
    // Drawn once per snapshot, on this thread (plotters needs the DOM).
    let sections = use_memo(props.state.snapshot.clone(), |snapshot| {
        snapshot.as_ref().map(|s| Rc::new(charts::sections(s, Page::Deviations).into_iter().map(|(id, s)| (id, Rc::new(s))).collect::<Vec<_>>()))
    });
    let Some(snapshot) = props.state.snapshot.clone().filter(|s| !s.overview.files.is_empty()) else {
        return html! { <NothingLoaded title="Deviations" state={props.state.clone()} /> };
    };
    let analysis = &snapshot.analysis;
    let on_accept = {
        let (bridge, dispatcher) = (props.bridge.clone(), props.state.dispatcher());
        Callback::from(move |a: Acceptance| {
            dispatcher.dispatch(Action::ClearRequestError);
            bridge.accept_deviation(a.key, a.reason, a.expires);
        })
    };
    let titles: BTreeMap<&str, &str> = analysis.tripwires.iter().map(|t| (t.id.as_str(), t.title.as_str())).collect();
    let fired: Vec<(TripwireOption, usize)> = analysis
        .tripwires
        .iter()
        .map(|t| (t.clone(), analysis.findings.iter().filter(|f| f.row.tripwire == t.id).count()))
        .filter(|(_, count)| *count > 0)
        .collect();
    let shown: Vec<&ShownFinding> = analysis
        .findings
        .iter()
        .filter(|f| tripwire.as_deref().is_none_or(|t| f.row.tripwire == t))
        .filter(|f| severity.as_deref().is_none_or(|s| f.row.severity == s))
        .collect();
    let mut by_team: BTreeMap<&str, Vec<&ShownFinding>> = BTreeMap::new();
    for finding in &shown {
        by_team.entry(finding.row.team.as_str()).or_default().push(finding);
    }
    let sections = sections.as_ref().clone().unwrap_or_default();

    html! {
        <>
        <section class="deviations" aria-labelledby="deviations-heading">
            <h2 id="deviations-heading">{ "Deviations" }</h2>
            <p class="lede">
                { format!("{} open finding{} across {} team{}. Each is a prompt to get curious, never a score.",
                    analysis.findings.len(), plural(analysis.findings.len()),
                    by_team_count(&analysis.findings), plural(by_team_count(&analysis.findings))) }
            </p>
            <ExportBar snapshot={snapshot.clone()} sections={sections.clone()} />
            <FindingFilters
                tripwires={fired}
                tripwire={(*tripwire).clone()}
                severity={(*severity).clone()}
                on_tripwire={{ let tripwire = tripwire.clone(); Callback::from(move |v| tripwire.set(v)) }}
                on_severity={{ let severity = severity.clone(); Callback::from(move |v| severity.set(v)) }}
            />
            if let Some(message) = props.state.request_error.clone() { <p class="refusal" role="alert">{ message }</p> }
            <p class="visually-hidden" role="status">{ format!("{} finding{} shown", shown.len(), plural(shown.len())) }</p>
            if shown.is_empty() { <p>{ "No finding matches these filters." }</p> }
            { for by_team.iter().map(|(team, findings)| html! {
                <div class="team-findings" key={team.to_string()}>
                    <h3>{ format!("{team} ({})", findings.len()) }</h3>
                    <ul class="findings">
                        { for findings.iter().map(|f| html! {
                            <FindingCard key={f.key.clone()} finding={(*f).clone()}
                                title={titles.get(f.row.tripwire.as_str()).copied().unwrap_or(f.row.tripwire.as_str()).to_string()}
                                today={snapshot.today} on_accept={on_accept.clone()} />
                        }) }
                    </ul>
                </div>
            }) }
        </section>
        <section aria-labelledby="accepted-heading">
            <h2 id="accepted-heading">{ "Accepted as allowed" }</h2>
            <AcceptedList accepted={analysis.accepted.clone()} />
        </section>
        <section aria-labelledby="charts-heading">
            <h2 id="charts-heading">{ "Charts" }</h2>
            <div class="chart-grid">
                { for sections.iter().map(|(id, section)| html! {
                    <ChartPanel key={*id} id={*id} section={section.clone()} />
                }) }
            </div>
        </section>
        </>
    }
}

fn by_team_count(findings: &[ShownFinding]) -> usize {
    let mut teams: Vec<&str> = findings.iter().map(|f| f.row.team.as_str()).collect();
    teams.dedup();
    teams.len()
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
