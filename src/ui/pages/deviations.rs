//! The Deviations page, the diff view: first what deserves attention
//! (triage, ranked in the worker: systemic findings, drifting norms and
//! single findings, ten at a time, each saying why), then findings grouped by team and
//! filtered by tripwire, severity and team, each with its question and a
//! way to accept it; the accepted list; the six charts; the exports.
//!
//! Built for 200 teams: each team is one line until opened (all open when
//! few findings match, `listing::opens_all`), team lines and findings come
//! a page at a time, and charts are drawn when scrolled to.

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use yew::prelude::*;

use super::PageProps;
use crate::present::analysis::{Analysis, TripwireOption};
use crate::present::charts::Page;
use crate::ui::analysis::accept_form::Acceptance;
use crate::ui::analysis::accepted_list::AcceptedList;
use crate::ui::analysis::export_bar::ExportBar;
use crate::ui::analysis::finding_filters::FindingFilters;
use crate::ui::analysis::nothing_loaded::NothingLoaded;
use crate::ui::analysis::team_findings::TeamFindingsView;
use crate::ui::chart_panel::{page_charts, ChartPanel};
use crate::engine::Request;
use crate::findings::systemic::NormUpdate;
use crate::ui::analysis::triage_list::TriageList;
use crate::ui::listing::{draws_at_once, findings_by_team, opens_all, page_range, team_matches, FindingFilter, TEAMS_PER_PAGE};
use crate::ui::pager::{use_page, Pager};
use crate::ui::state::{Action, Shared};

#[function_component(DeviationsPage)]
pub fn page(props: &PageProps) -> Html {
    let filter = use_state(FindingFilter::default);
    // Teams the user opened or closed; the others follow `opens_all`.
    let toggled = use_state(HashMap::<String, bool>::new);
    let top = use_node_ref();
    let snapshot = props.state.snapshot.clone();
    let groups = use_memo((snapshot.clone(), (*filter).clone()), |(snapshot, filter)| {
        let groups = snapshot.as_ref().map(|s| findings_by_team(s.analysis.findings.iter().map(|f| &f.row), filter)).unwrap_or_default();
        Shared(Rc::new(groups.into_iter().map(Rc::new).collect::<Vec<_>>()))
    });
    // Triage under the same filters: positions in `analysis.triage`.
    let triage_items = use_memo((snapshot.clone(), (*filter).clone()), |(snapshot, filter)| {
        let items = snapshot.iter().flat_map(|s| s.analysis.triage.iter().enumerate()).filter(|(_, item)| {
            item.keeps(filter.tripwire.as_deref(), filter.severity.as_deref(), |team| team_matches(team, &filter.team))
        });
        Rc::new(items.map(|(at, _)| at).collect::<Vec<usize>>())
    });
    let titles = use_memo(snapshot.clone(), |snapshot| {
        Rc::new(snapshot.iter().flat_map(|s| s.analysis.tripwires.iter()).map(|t| (t.id.clone(), t.title.clone())).collect::<BTreeMap<_, _>>())
    });
    // Each team's systemic findings as one line for its team line.
    let systemic_lines = use_memo((snapshot.clone(), (*titles).clone()), |(snapshot, titles)| {
        let mut lines: HashMap<String, Rc<Vec<String>>> = HashMap::new();
        for s in snapshot.iter().flat_map(|s| s.analysis.systemic.iter()) {
            let title = titles.get(&s.tripwire).cloned().unwrap_or_else(|| s.tripwire.clone());
            let line = format!("Systemic: {title} for {} of {} people (see What deserves attention above)", s.people, s.of);
            Rc::make_mut(lines.entry(s.team.clone()).or_default()).push(line);
        }
        Rc::new(lines)
    });
    // The same drawings for as long as the snapshot: a chart is drawn once.
    let lazy_charts = use_memo((snapshot.clone(), props.state.snapshot_serial), |(snapshot, serial)| {
        Rc::new(snapshot.as_ref().map(|s| page_charts(s, *serial, Page::Deviations)).unwrap_or_default())
    });
    let (page, on_page) = use_page((*filter).clone());
    let Some(snapshot) = snapshot.filter(|s| !s.overview.files.is_empty()) else {
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
    let on_update = {
        let (bridge, dispatcher) = (props.bridge.clone(), props.state.dispatcher());
        Callback::from(move |u: NormUpdate| {
            dispatcher.dispatch(Action::ClearRequestError);
            let reason = format!("Updated from Deviations: {}", u.basis);
            bridge.send(Request::ChangeNorm { team: u.team, norm: u.norm, value: u.suggested, reason });
        })
    };
    let fired: Vec<(TripwireOption, usize)> = {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for f in &analysis.findings {
            *counts.entry(f.row.tripwire.as_str()).or_default() += 1;
        }
        analysis.tripwires.iter().filter_map(|t| counts.get(t.id.as_str()).map(|n| (t.clone(), *n))).collect()
    };
    let shown: usize = groups.iter().map(|g| g.findings.len()).sum();
    let open_by_default = opens_all(shown);
    let on_toggle = {
        let toggled = toggled.clone();
        Callback::from(move |team: String| {
            let mut next = (*toggled).clone();
            let open = next.get(&team).copied().unwrap_or(open_by_default);
            next.insert(team, !open);
            toggled.set(next);
        })
    };
    let set_filter = |change: fn(&mut FindingFilter, Option<String>)| {
        let filter = filter.clone();
        Callback::from(move |value: Option<String>| {
            let mut next = (*filter).clone();
            change(&mut next, value);
            filter.set(next);
        })
    };
    let teams_shown = page_range(groups.len(), TEAMS_PER_PAGE, page);
    let all_teams = by_team_count(analysis);
    let at_once = draws_at_once(snapshot.overview.summary.people);

    html! {
        <>
        <TriageList snapshot={snapshot.clone()} items={(*triage_items).clone()} titles={(*titles).clone()}
                    on_accept={on_accept.clone()} on_update={on_update} />
        <section class="deviations" aria-labelledby="deviations-heading">
            <h2 id="deviations-heading">{ "Deviations" }</h2>
            <p class="lede">
                { format!("{} open finding{} across {} team{}. Each is a prompt to get curious, never a score.",
                    analysis.findings.len(), plural(analysis.findings.len()), all_teams, plural(all_teams)) }
                if !open_by_default { { " Open a team to see its findings." } }
            </p>
            <ExportBar snapshot={snapshot.clone()} charts={(*lazy_charts).clone()} />
            <FindingFilters
                tripwires={fired}
                tripwire={filter.tripwire.clone()}
                severity={filter.severity.clone()}
                team={filter.team.clone()}
                on_tripwire={set_filter(|f, v| f.tripwire = v)}
                on_severity={set_filter(|f, v| f.severity = v)}
                on_team={set_filter(|f, v| f.team = v.unwrap_or_default())}
            />
            if let Some(message) = props.state.request_error.clone() { <p class="refusal" role="alert">{ message }</p> }
            <p class="visually-hidden" role="status">{ format!("{} finding{} shown in {} team{}", shown, plural(shown), groups.len(), plural(groups.len())) }</p>
            if groups.is_empty() { <p>{ "No finding matches these filters." }</p> }
            <div ref={top.clone()} class="team-list">
                { for groups[teams_shown.clone()].iter().enumerate().map(|(i, group)| html! {
                    <TeamFindingsView key={group.team.clone()} snapshot={snapshot.clone()} group={group.clone()}
                        index={teams_shown.start + i} open={toggled.get(&group.team).copied().unwrap_or(open_by_default)}
                        on_toggle={on_toggle.clone()} titles={(*titles).clone()} today={snapshot.today} on_accept={on_accept.clone()}
                        systemic={systemic_lines.get(&group.team).cloned().unwrap_or_default()} />
                }) }
            </div>
            <Pager total={groups.len()} per_page={TEAMS_PER_PAGE} page={page} noun="teams" on_page={on_page} top={top} />
        </section>
        <section aria-labelledby="accepted-heading">
            <h2 id="accepted-heading">{ "Accepted as allowed" }</h2>
            <AcceptedList accepted={analysis.accepted.clone()} />
        </section>
        <section aria-labelledby="charts-heading">
            <h2 id="charts-heading">{ "Charts" }</h2>
            <div class="chart-grid">
                { for lazy_charts.iter().map(|(id, chart)| html! {
                    <ChartPanel key={*id} id={*id} chart={chart.clone()} at_once={at_once} />
                }) }
            </div>
        </section>
        </>
    }
}

fn by_team_count(analysis: &Analysis) -> usize {
    let mut teams: Vec<&str> = analysis.findings.iter().map(|f| f.row.team.as_str()).collect();
    teams.sort_unstable();
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
