//! The Org digest: one row per team, sortable, with a trend sparkline.
//! When teams.csv groups the teams, the page opens on one line per group
//! (`views::groups`); a group's name drills down to its teams, "All
//! groups" comes back, and "All teams" lists every team with its group.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

use super::PageProps;
use crate::ui::analysis::digest_groups::DigestGroups;
use crate::present::charts::Page;
use crate::ui::chart_panel::{page_charts, ChartPanel};
use crate::ui::analysis::digest_table::{DigestTable, Sparklines};
use crate::ui::analysis::nothing_loaded::NothingLoaded;
use crate::views::digest::DigestRow;

/// What the digest of a grouped organisation shows.
#[derive(Clone, Debug, PartialEq)]
enum Shown {
    Groups,
    /// One group's teams.
    Group(String),
    AllTeams,
}

#[function_component(DigestPage)]
pub fn page(props: &PageProps) -> Html {
    // Rows and titles are built once per snapshot, sparklines once per team
    // when first shown: sorting 200 teams only reorders keyed rows.
    let prepared = use_memo(props.state.snapshot.clone(), |snapshot| {
        snapshot.as_ref().map(|s| {
            let rows: Rc<Vec<_>> = Rc::new(s.analysis.digest.iter().cloned().map(Rc::new).collect());
            let titles: Rc<BTreeMap<String, String>> =
                Rc::new(s.analysis.tripwires.iter().map(|t| (t.id.clone(), t.title.clone())).collect());
            let groups = Rc::new(s.analysis.digest_groups.clone());
            (rows, Sparklines::default(), titles, groups)
        })
    });
    // The organisation's findings over time, from the chart registry.
    let over_time = use_memo((props.state.snapshot.clone(), props.state.snapshot_serial), |(snapshot, serial)| {
        snapshot.as_ref().and_then(|s| page_charts(s, *serial, Page::Digest).into_iter().next())
    });
    let shown = use_state(|| Shown::Groups);
    // A group's teams: the shared rows, so each keeps its drawn sparkline.
    let group_rows = use_memo((prepared.clone(), (*shown).clone()), |(prepared, shown)| {
        let (Some((rows, ..)), Shown::Group(group)) = (prepared.as_ref(), shown) else { return None };
        let of_group: Vec<Rc<DigestRow>> = rows.iter().filter(|r| r.group.as_deref() == Some(group.as_str())).cloned().collect();
        Some(Rc::new(of_group))
    });
    let Some((rows, sparklines, titles, groups)) = prepared.as_ref().clone().filter(|_| props.state.snapshot.as_ref().is_some_and(|s| !s.overview.files.is_empty())) else {
        return html! { <NothingLoaded title="Org digest" state={props.state.clone()} /> };
    };
    let show = |to: Shown| {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(to.clone()))
    };
    let on_open = {
        let shown = shown.clone();
        Callback::from(move |group: String| shown.set(Shown::Group(group)))
    };
    let grouped = !groups.is_empty();
    let body = if !grouped {
        html! { <DigestTable rows={rows} sparklines={sparklines} titles={titles} /> }
    } else {
        let by_group = !matches!(*shown, Shown::AllTeams);
        let toggle = html! {
            <div class="actions view-toggle" role="group" aria-label="Show the digest">
                <button aria-pressed={by_group.to_string()} onclick={show(Shown::Groups)}>{ format!("By group ({})", groups.len()) }</button>
                <button aria-pressed={(!by_group).to_string()} onclick={show(Shown::AllTeams)}>{ format!("All teams ({})", rows.len()) }</button>
            </div>
        };
        let view = match (&*shown, group_rows.as_ref().clone()) {
            (Shown::Group(group), Some(of_group)) => html! {
                <section class="digest-group" aria-labelledby="digest-group-heading">
                    <button class="link back" onclick={show(Shown::Groups)}>{ "← All groups" }</button>
                    <h3 id="digest-group-heading">{ format!("{group}: {} teams", of_group.len()) }</h3>
                    <DigestTable key={group.clone()} rows={of_group} sparklines={sparklines} titles={titles} what={AttrValue::from(group.clone())} />
                </section>
            },
            (Shown::AllTeams, _) => html! { <DigestTable rows={rows} sparklines={sparklines} titles={titles} show_group=true /> },
            _ => html! { <DigestGroups groups={groups} titles={titles} on_open={on_open} /> },
        };
        html! { <>{ toggle }{ view }</> }
    };
    html! {
        <section class="digest-page" aria-labelledby="digest-heading">
            <h2 id="digest-heading">{ "Org digest" }</h2>
            <p class="lede">{ "One row per team: how fresh its last update is, what it says, which tripwires are open, and the merge trend. Sort by any column to scan." }</p>
            if grouped {
                <p class="lede">{ "Your teams file groups the teams: each group's line adds up its teams. Click a group to see its teams." }</p>
            }
            if let Some((id, chart)) = (*over_time).clone() {
                <ChartPanel {id} {chart} at_once=true />
            }
            { body }
        </section>
    }
}
