//! The one list of charts. Each entry says what a chart is called (a stable
//! id for file names and test hooks, and its title), which page shows it,
//! and how it is drawn: which view-model of the snapshot it reads, and
//! which `crate::charts` function draws it. The pages, the HTML report,
//! `examples/chart_timing.rs` and the tests all go through [`CHARTS`], so
//! adding a chart is one entry here.
//!
//! Charts are drawn on the page's main thread (plotters measures text
//! through the DOM there); natively they draw as they are.

use super::Snapshot;
use crate::charts;
use crate::views::over_time::OverTimeChart;
use crate::views::report::ReportSection;
use crate::views::table::{Table, ToTable};

/// The page a chart is shown on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Load,
    Deviations,
    Shareholders,
    Leadership,
    Digest,
}

pub struct Chart {
    pub id: &'static str,
    pub title: &'static str,
    pub page: Page,
    /// Reads `Snapshot::findings_over_time`, which arrives after the rest.
    pub reads_history: bool,
    /// Picks the chart's view-model out of the snapshot and draws it, with
    /// its table alternative.
    draw: fn(&Snapshot) -> (String, Table),
}

impl Chart {
    /// The chart drawn from `snapshot`, titled, with its table.
    pub fn section(&self, snapshot: &Snapshot) -> ReportSection {
        let (svg, table) = (self.draw)(snapshot);
        ReportSection { title: self.title.to_string(), svg, table }
    }
}

fn drawn<V: ToTable>(view: &V, draw: fn(&V) -> String) -> (String, Table) {
    (draw(view), view.to_table())
}

/// Every chart, each once, in page order. The Org digest's sparklines are
/// not here: they are one small chart per team row, not a chart of a page.
pub static CHARTS: [Chart; 10] = [
    Chart {
        id: "merged_per_week",
        title: "Merged pull requests per week",
        page: Page::Load,
        reads_history: false,
        draw: |s| drawn(&s.overview.merged_per_week, charts::merged_per_week::draw),
    },
    Chart {
        id: "quiet_days",
        title: "Days since last merged PR",
        page: Page::Deviations,
        reads_history: false,
        draw: |s| drawn(&s.analysis.charts.quiet_days, charts::quiet_days::draw),
    },
    Chart {
        id: "review_wait",
        title: "Hours to first review, by reviewer",
        page: Page::Deviations,
        reads_history: false,
        draw: |s| drawn(&s.analysis.charts.review_wait, charts::review_wait::draw),
    },
    Chart {
        id: "cycle_time",
        title: "Cycle time control chart",
        page: Page::Deviations,
        reads_history: false,
        draw: |s| drawn(&s.analysis.charts.cycle_time, charts::cycle_time::draw),
    },
    Chart {
        id: "decision_latency",
        title: "Decision latency by level",
        page: Page::Deviations,
        reads_history: false,
        draw: |s| drawn(&s.analysis.charts.decision_latency, charts::decision_latency::draw),
    },
    Chart {
        id: "decision_split",
        title: "Where decisions are made",
        page: Page::Deviations,
        reads_history: false,
        draw: |s| drawn(&s.analysis.charts.decision_split, charts::decision_split::draw),
    },
    Chart {
        id: "update_freshness",
        title: "Update freshness by team and week",
        page: Page::Deviations,
        reads_history: false,
        draw: |s| drawn(&s.analysis.charts.update_freshness, charts::update_freshness::draw),
    },
    Chart {
        id: "stakeholder_grid",
        title: "Stakeholders: power and interest",
        page: Page::Shareholders,
        reads_history: false,
        draw: |s| drawn(&s.stakeholders, charts::stakeholder_grid::draw),
    },
    Chart {
        id: "leadership_matrix",
        title: "Leadership mode by team",
        page: Page::Leadership,
        reads_history: false,
        // The table is the team cards' reading, which can differ from the
        // point's quadrant (a drifting intervention).
        draw: |s| (charts::leadership_matrix::draw(&s.analysis.leadership.matrix), s.analysis.leadership.to_table()),
    },
    Chart {
        id: "findings_over_time",
        title: "Open findings per week",
        page: Page::Digest,
        reads_history: true,
        // The history follows the snapshot (`Event::FindingsOverTime`);
        // until it is in, the chart says it is being computed.
        draw: |s| match &s.findings_over_time {
            Some(history) => drawn(&history.chart(&history.org), charts::findings_over_time::draw),
            None => drawn(&OverTimeChart::pending("Open findings per week: whole organisation"), charts::findings_over_time::draw),
        },
    },
];

/// The charts of one page, drawn, under their ids, in page order.
pub fn sections(snapshot: &Snapshot, page: Page) -> Vec<(&'static str, ReportSection)> {
    CHARTS.iter().filter(|c| c.page == page).map(|c| (c.id, c.section(snapshot))).collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::charts::svg_check::{element_names, injected, injected_among, texts, well_formed};
    use crate::present::testing::{demo, snapshot_of};
    use crate::present::Presenter;
    use crate::testkit::orgs::{self as synthetic, HOSTILE_LABELS};
    use crate::views::{WeeklySeries, MAX_MARKS};

    /// The report's own markup, besides the charts' SVG elements.
    pub(crate) const REPORT_ELEMENTS: [&str; 22] = [
        "div",
        "!doctype", "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "table", "caption", "thead",
        "tbody", "tr", "th", "td", "section", "details", "summary",
    ];

    #[test]
    fn the_registry_lists_each_chart_once_and_every_chart_draws_well_formed_svg_from_the_demo() {
        let mut ids: Vec<&str> = CHARTS.iter().map(|c| c.id).collect();
        let mut titles: Vec<&str> = CHARTS.iter().map(|c| c.title).collect();
        ids.sort();
        ids.dedup();
        titles.sort();
        titles.dedup();
        assert_eq!((ids.len(), titles.len()), (CHARTS.len(), CHARTS.len()), "each chart once");
        for presenter in [Presenter::Off, Presenter::On] {
            let (_, _, snapshot) = demo(presenter);
            let mut drawn = 0;
            for page in [Page::Load, Page::Deviations, Page::Shareholders, Page::Leadership, Page::Digest] {
                let on_page = sections(&snapshot, page);
                assert!(!on_page.is_empty(), "{page:?} has a chart");
                drawn += on_page.len();
            }
            assert_eq!(drawn, CHARTS.len(), "every chart is on one page");
            for chart in &CHARTS {
                let section = chart.section(&snapshot);
                assert!(section.svg.starts_with("<svg"), "{}", chart.id);
                assert_eq!(well_formed(&section.svg), Ok(()), "{}", chart.id);
                assert!(!element_names(&section.svg).is_empty(), "{}", chart.id);
                assert!(!section.table.rows.is_empty(), "{} has a table alternative with rows", chart.id);
                // The registry's title is the view-model's own.
                assert!(section.table.caption.starts_with(chart.title), "{}: {:?}", chart.id, section.table.caption);
            }
        }
    }

    /// The page draws a chart again when its history arrives only if the
    /// registry says it reads it: a wrong flag is a stale chart, or every
    /// chart on the page drawn twice.
    #[test]
    fn exactly_the_charts_flagged_as_reading_the_history_change_when_it_arrives() {
        let (_, _, with_history) = demo(Presenter::Off);
        assert!(with_history.findings_over_time.is_some());
        let without = Snapshot { findings_over_time: None, ..with_history.clone() };
        for chart in &CHARTS {
            let changed = chart.section(&with_history) != chart.section(&without);
            assert_eq!(changed, chart.reads_history, "{}", chart.id);
        }
    }

    #[test]
    fn hostile_labels_stay_inert_in_every_chart_and_table() {
        let snapshot = snapshot_of(&synthetic::hostile_org(), Presenter::Off);
        let mut hostile_text_drawn = 0;
        for chart in &CHARTS {
            let section = chart.section(&snapshot);
            assert_eq!(injected(&section.svg), Vec::<String>::new(), "injection in {}", chart.id);
            let table = section.table.to_html();
            assert_eq!(injected_among(&table, &REPORT_ELEMENTS), Vec::<String>::new(), "injection in table {}", chart.id);
            hostile_text_drawn += texts(&section.svg)
                .iter()
                .filter(|t| t.contains("<img") || t.contains("<script") || t.contains("onerror"))
                .count();
        }
        assert!(hostile_text_drawn >= 3, "hostile labels are drawn as visible text, not dropped");
        for label in HOSTILE_LABELS {
            let sparkline = crate::charts::sparkline::draw(&WeeklySeries::count_events(label, label, []));
            assert!(injected(&sparkline).is_empty());
        }
    }

    /// A downloaded SVG is parsed as XML (and PNG export draws it through
    /// an image decoder), so hostile text must leave it well-formed.
    #[test]
    fn every_chart_is_well_formed_xml_with_hostile_labels() {
        let snapshot = snapshot_of(&synthetic::hostile_org(), Presenter::Off);
        let mut hostile_shown = false;
        for chart in &CHARTS {
            let section = chart.section(&snapshot);
            assert_eq!(well_formed(&section.svg), Ok(()), "{}", chart.id);
            hostile_shown |= section.svg.contains("Zo");
        }
        assert!(hostile_shown, "the label is drawn, cleaned, not dropped");
        for label in HOSTILE_LABELS {
            let sparkline = crate::charts::sparkline::draw(&WeeklySeries::count_events(label, label, []));
            assert_eq!(well_formed(&sparkline), Ok(()), "sparkline {label:?}");
        }
    }

    /// Axes, labels, legend and title on top of the data marks.
    const CHROME_ELEMENTS: usize = 700;

    #[test]
    fn a_2000_person_org_stays_within_the_mark_cap() {
        let snapshot = snapshot_of(&synthetic::org(2_000, 200), Presenter::On);
        for chart in &CHARTS {
            let elements = element_names(&chart.section(&snapshot).svg).len();
            assert!(elements <= MAX_MARKS + CHROME_ELEMENTS, "{}: {elements} elements", chart.id);
        }
    }
}
