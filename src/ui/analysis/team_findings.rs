//! One team on the Deviations page: a line saying what is open (how many
//! findings, which tripwires, how many high), and once opened its finding
//! cards, a page at a time. At 200 teams the page is 200 lines, not 3,000
//! cards.

use std::collections::BTreeMap;
use std::rc::Rc;

use chrono::NaiveDate;
use yew::prelude::*;

use super::accept_form::Acceptance;
use super::finding_card::FindingCard;
use crate::engine::Snapshot;
use crate::ui::listing::{page_range, TeamFindings, FINDINGS_PER_PAGE};
use crate::ui::pager::{use_page, Pager};
use crate::ui::over_time_chart::TeamTrend;
use crate::ui::state::Shared;

#[derive(Properties, PartialEq)]
pub struct TeamFindingsProps {
    pub snapshot: Shared<Snapshot>,
    /// Its findings are positions in the snapshot's findings.
    pub group: Rc<TeamFindings>,
    /// Unique on the page: ties the button to the list it opens.
    pub index: usize,
    pub open: bool,
    /// Called with the team's name.
    pub on_toggle: Callback<String>,
    /// Tripwire id → title.
    pub titles: Rc<BTreeMap<String, String>>,
    pub today: NaiveDate,
    pub on_accept: Callback<Acceptance>,
    /// The team's systemic findings, one line each: their people are
    /// among the cards below, and the pattern is in triage above.
    #[prop_or_default]
    pub systemic: Rc<Vec<String>>,
}

#[function_component(TeamFindingsView)]
pub fn team_findings(props: &TeamFindingsProps) -> Html {
    let group = &props.group;
    let top = use_node_ref();
    let (page, on_page) = use_page(props.group.clone());
    let list_id = format!("team-findings-{}", props.index);
    let title = |id: &str| props.titles.get(id).cloned().unwrap_or_else(|| id.to_string());
    let summary = group.by_tripwire.iter().map(|(id, n)| format!("{}: {n}", title(id))).collect::<Vec<_>>().join(" · ");
    let on_toggle = {
        let (team, on_toggle) = (group.team.clone(), props.on_toggle.clone());
        Callback::from(move |_: MouseEvent| on_toggle.emit(team.clone()))
    };
    let findings = &props.snapshot.analysis.findings;
    let shown = page_range(group.findings.len(), FINDINGS_PER_PAGE, page);
    html! {
        <div class={classes!("team-findings", props.open.then_some("team-findings--open"))}>
            <h3 ref={top.clone()}>
                <button class="team-findings__toggle" aria-expanded={props.open.to_string()} aria-controls={props.open.then(|| list_id.clone())} onclick={on_toggle}>
                    { format!("{} ({})", group.team, group.findings.len()) }
                </button>
            </h3>
            <p class="team-findings__summary">
                { summary }
                if group.high > 0 { <span class="severity severity--high">{ format!("{} high", group.high) }</span> }
            </p>
            { for props.systemic.iter().map(|line| html! { <p class="team-findings__systemic">{ line }</p> }) }
            if props.open {
                <TeamTrend snapshot={props.snapshot.clone()} team={group.team.clone()} />
                <ul class="findings" id={list_id}>
                    { for group.findings[shown].iter().filter_map(|&at| findings.get(at)).map(|f| html! {
                        <FindingCard key={f.key.clone()} finding={f.clone()} title={title(&f.row.tripwire)}
                                     today={props.today} on_accept={props.on_accept.clone()} />
                    }) }
                </ul>
                <Pager total={group.findings.len()} per_page={FINDINGS_PER_PAGE} page={page} on_page={on_page}
                       noun={format!("findings of {}", group.team)} top={top} />
            }
        </div>
    }
}
