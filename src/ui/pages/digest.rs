//! The Org digest: one row per team, sortable, with a trend sparkline.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

use super::PageProps;
use crate::present::charts::Page;
use crate::ui::chart_panel::{page_charts, ChartPanel};
use crate::ui::analysis::digest_table::{DigestTable, Sparklines};
use crate::ui::analysis::nothing_loaded::NothingLoaded;

#[function_component(DigestPage)]
pub fn page(props: &PageProps) -> Html {
    // Rows and titles are built once per snapshot, sparklines once per team
    // when first shown: sorting 200 teams only reorders keyed rows.
    let prepared = use_memo(props.state.snapshot.clone(), |snapshot| {
        snapshot.as_ref().map(|s| {
            let rows: Rc<Vec<_>> = Rc::new(s.analysis.digest.iter().cloned().map(Rc::new).collect());
            let titles: Rc<BTreeMap<String, String>> =
                Rc::new(s.analysis.tripwires.iter().map(|t| (t.id.clone(), t.title.clone())).collect());
            (rows, Sparklines::default(), titles)
        })
    });
    // The organisation's findings over time, from the chart registry.
    let over_time = use_memo(props.state.snapshot.clone(), |snapshot| {
        snapshot.as_ref().and_then(|s| page_charts(s, Page::Digest).into_iter().next())
    });
    let Some((rows, sparklines, titles)) = prepared.as_ref().clone().filter(|_| props.state.snapshot.as_ref().is_some_and(|s| !s.overview.files.is_empty())) else {
        return html! { <NothingLoaded title="Org digest" state={props.state.clone()} /> };
    };
    html! {
        <section class="digest-page" aria-labelledby="digest-heading">
            <h2 id="digest-heading">{ "Org digest" }</h2>
            <p class="lede">{ "One row per team: how fresh its last update is, what it says, which tripwires are open, and the merge trend. Sort by any column to scan." }</p>
            if let Some((id, chart)) = (*over_time).clone() {
                <ChartPanel {id} {chart} at_once=true />
            }
            <DigestTable rows={rows} sparklines={sparklines} titles={titles} />
        </section>
    }
}
