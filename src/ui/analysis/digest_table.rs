//! The org digest table with sortable column headers, "Find a team", and
//! a page of rows at a time: sorting orders all teams, the page shows the
//! first fifty of that order.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use yew::prelude::*;

use super::digest_row::DigestRowView;
use super::sort_header::sort_header;
use crate::charts::sparkline;
use crate::ui::listing::{page_range, team_matches, ROWS_PER_PAGE};
use crate::ui::pager::{use_page, Pager};
use crate::ui::team_search::TeamSearch;
use crate::views::digest::{sort_digest, DigestRow, DigestSort};

const COLUMNS: [(&str, Option<DigestSort>); 6] = [
    ("Team", Some(DigestSort::Team)),
    ("Flavor", Some(DigestSort::Flavor)),
    ("Last update", Some(DigestSort::UpdateAge)),
    ("Status", Some(DigestSort::Status)),
    ("Open findings", Some(DigestSort::OpenFindings)),
    ("Trend (merged PRs per week)", None),
];

/// Team → sparkline SVG, drawn the first time the team's row is shown and
/// kept for the snapshot: paging and sorting never draw one twice. One per
/// snapshot; compared by identity.
#[derive(Clone, Default)]
pub struct Sparklines(Rc<RefCell<HashMap<String, AttrValue>>>);

impl Sparklines {
    fn of(&self, row: &DigestRow) -> AttrValue {
        self.0.borrow_mut().entry(row.team.clone()).or_insert_with(|| AttrValue::from(sparkline::draw(&row.trend))).clone()
    }
}

impl PartialEq for Sparklines {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
pub struct DigestTableProps {
    pub rows: Rc<Vec<Rc<DigestRow>>>,
    pub sparklines: Sparklines,
    pub titles: Rc<BTreeMap<String, String>>,
    /// A Group column, for the list of every team of a grouped organisation.
    #[prop_or_default]
    pub show_group: bool,
    /// What the table lists, for its caption ("Org digest", "Payments").
    #[prop_or(AttrValue::Static("Org digest"))]
    pub what: AttrValue,
}

#[function_component(DigestTable)]
pub fn digest_table(props: &DigestTableProps) -> Html {
    let sort = use_state(|| (DigestSort::Team, false));
    let query = use_state(String::new);
    let top = use_node_ref();
    let (by, descending) = *sort;
    let sorted = use_memo((props.rows.clone(), by, descending), |(rows, by, descending)| {
        let mut plain: Vec<DigestRow> = rows.iter().map(|r| (**r).clone()).collect();
        sort_digest(&mut plain, *by, *descending);
        // Back to the shared rows, so each row component keeps equal props.
        let by_team: HashMap<&str, &Rc<DigestRow>> = rows.iter().map(|r| (r.team.as_str(), r)).collect();
        plain.iter().map(|r| by_team[r.team.as_str()].clone()).collect::<Vec<_>>()
    });
    let (page, on_page) = use_page((by, descending, (*query).clone()));
    let matching: Vec<&Rc<DigestRow>> = sorted.iter().filter(|r| team_matches(&r.team, &query)).collect();
    let shown = page_range(matching.len(), ROWS_PER_PAGE, page);
    let on_sort = {
        let sort = sort.clone();
        Callback::from(move |next: (DigestSort, bool)| sort.set(next))
    };
    let columns: Vec<(&'static str, Option<DigestSort>)> = COLUMNS
        .iter()
        .take(1)
        .chain(props.show_group.then_some(&("Group", Some(DigestSort::Group))))
        .chain(COLUMNS.iter().skip(1))
        .copied()
        .collect();
    let on_query = {
        let query = query.clone();
        Callback::from(move |text: String| query.set(text))
    };
    html! {
        <>
        if props.rows.len() > ROWS_PER_PAGE {
            <div class="filters"><TeamSearch query={(*query).clone()} on_query={on_query} /></div>
        }
        <div ref={top.clone()} class="table-scroll" tabindex="0" role="region" aria-label="Org digest">
            <table class="digest">
                <caption>{ format!("{}: {} teams. Click a column header to sort.", props.what, props.rows.len()) }</caption>
                <thead><tr>{ for columns.iter().map(|&(label, column)| sort_header(label, column, (by, descending), &on_sort)) }</tr></thead>
                <tbody>
                    { for matching[shown].iter().map(|row| html! {
                        <DigestRowView key={row.team.clone()} row={(*row).clone()} show_group={props.show_group}
                            sparkline={props.sparklines.of(row)} titles={props.titles.clone()} />
                    }) }
                </tbody>
            </table>
        </div>
        if matching.is_empty() && !props.rows.is_empty() { <p>{ "No team matches." }</p> }
        <Pager total={matching.len()} per_page={ROWS_PER_PAGE} page={page} noun="teams" on_page={on_page} top={top} />
        </>
    }
}
