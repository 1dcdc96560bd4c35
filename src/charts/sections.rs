//! Every chart of the Deviations, Shareholders, Leadership and Digest pages
//! drawn from one dataset, each with its table alternative: what the report
//! embeds, what the timing example measures, and what the privacy and
//! injection tests sweep.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::charts;
use crate::dataset::Dataset;
use crate::views::decisions::{decision_latency, decision_split, LevelNorms};
use crate::views::leadership::{LeadershipMatrix, LeadershipPoint};
use crate::views::report::ReportSection;
use crate::views::stakeholders::{stakeholder_grid, ContactCadence, Position};
use crate::views::table::{Table, ToTable};
use crate::views::{cycle_time, freshness, merged_per_week, quiet, review_wait, Presenter, TeamThresholds};

/// Every norm a chart draws, as plain values the lead fills from the model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChartSettings {
    pub quiet_days: TeamThresholds,
    pub first_review_hours: f64,
    pub cycle_time_band_days: Option<(f64, f64)>,
    pub decision_norms: LevelNorms,
    pub update_cadence_days: TeamThresholds,
    pub freshness_weeks: usize,
    pub contact_cadence: ContactCadence,
    /// Workshop re-ratings by stakeholder index.
    pub re_rated: BTreeMap<usize, Position>,
    pub leadership: Vec<LeadershipPoint>,
}

impl Default for ChartSettings {
    /// The flavor-independent defaults of the tripwires issue.
    fn default() -> ChartSettings {
        ChartSettings {
            quiet_days: TeamThresholds::uniform(10.0),
            first_review_hours: 24.0,
            cycle_time_band_days: None,
            decision_norms: LevelNorms::default(),
            update_cadence_days: TeamThresholds::uniform(14.0),
            freshness_weeks: 12,
            contact_cadence: ContactCadence::default(),
            re_rated: BTreeMap::new(),
            leadership: Vec::new(),
        }
    }
}

fn section(svg: String, table: Table) -> ReportSection {
    ReportSection { title: table.caption.clone(), svg, table }
}

/// Builds one chart's view-model, draws it, and tables it.
pub type SectionBuilder = fn(&Dataset, NaiveDate, &ChartSettings, Presenter) -> ReportSection;

/// Every chart, by a stable id, in page order.
pub const SECTIONS: [(&str, SectionBuilder); 9] = [
    ("merged_per_week", |d, _, _, _| {
        let vm = merged_per_week(d);
        section(charts::merged_per_week::draw(&vm), vm.to_table())
    }),
    ("quiet_days", |d, today, s, presenter| {
        let vm = quiet::days_since_last_merge(d, today, &s.quiet_days, None, presenter);
        section(charts::quiet_days::draw(&vm), vm.to_table())
    }),
    ("review_wait", |d, today, s, presenter| {
        let vm = review_wait::first_review_wait(d, today, s.first_review_hours, presenter);
        section(charts::review_wait::draw(&vm), vm.to_table())
    }),
    ("cycle_time", |d, today, s, _| {
        let vm = cycle_time::cycle_times(d, today, None, s.cycle_time_band_days);
        section(charts::cycle_time::draw(&vm), vm.to_table())
    }),
    ("decision_latency", |d, today, s, _| {
        let vm = decision_latency(d, today, &s.decision_norms, None);
        section(charts::decision_latency::draw(&vm), vm.to_table())
    }),
    ("decision_split", |d, _, _, _| {
        let vm = decision_split(d, None);
        section(charts::decision_split::draw(&vm), vm.to_table())
    }),
    ("update_freshness", |d, today, s, _| {
        let vm = freshness::update_freshness(d, today, &s.update_cadence_days, s.freshness_weeks);
        section(charts::update_freshness::draw(&vm), vm.to_table())
    }),
    ("stakeholder_grid", |d, today, s, presenter| {
        let vm = stakeholder_grid(d, today, &s.contact_cadence, &s.re_rated, presenter);
        section(charts::stakeholder_grid::draw(&vm), vm.to_table())
    }),
    ("leadership_matrix", |_, _, s, _| {
        let vm = LeadershipMatrix::new(s.leadership.clone());
        section(charts::leadership_matrix::draw(&vm), vm.to_table())
    }),
];

pub fn all_sections(dataset: &Dataset, today: NaiveDate, settings: &ChartSettings, presenter: Presenter) -> Vec<ReportSection> {
    SECTIONS.iter().map(|(_, build)| build(dataset, today, settings, presenter)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::svg_check::{injected, injected_among, OWN_ELEMENTS};
    use crate::views::privacy::person_names;
    use crate::views::report::{html, Report};
    use crate::views::synthetic::{self, HOSTILE_LABELS};
    use crate::views::{export, summary, FindingRow, Names};

    const REPORT_ELEMENTS: [&str; 22] = [
        "div",
        "!doctype", "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "table", "caption", "thead",
        "tbody", "tr", "th", "td", "section", "details", "summary",
    ];

    fn settings_with_leadership(teams: &[String]) -> ChartSettings {
        let leadership = teams
            .iter()
            .enumerate()
            .map(|(i, team)| LeadershipPoint { team: team.clone(), confidence: 0.2 + 0.3 * i as f64, autonomy: 0.8 - 0.3 * i as f64 })
            .collect();
        ChartSettings { leadership, re_rated: BTreeMap::from([(1, Position { power: 0.1, interest: 0.9 })]), ..ChartSettings::default() }
    }

    fn hostile_finding(who: &str) -> FindingRow {
        FindingRow {
            tripwire: "quiet_contributor".into(),
            team: HOSTILE_LABELS[1].into(),
            subject: HOSTILE_LABELS[2].into(),
            person: Some(who.into()),
            severity: "=cmd|' /C calc'!A0".into(),
            norm: "7 days".into(),
            observed: "20 days".into(),
            evidence: vec![HOSTILE_LABELS[3].into()],
            why: format!("{who} has not merged for 20 days. {}", HOSTILE_LABELS[4]),
            ask: format!("What is {who} spending time on?"),
        }
    }

    fn report_for(dataset: &Dataset, presenter: Presenter, findings: Vec<FindingRow>) -> String {
        let settings = settings_with_leadership(&dataset.team_names());
        let report = Report {
            title: "Org review".into(),
            as_of: synthetic::today(),
            summary: summary(dataset),
            sections: all_sections(dataset, synthetic::today(), &settings, presenter),
            findings,
        };
        html(&report, &Names::new(dataset, presenter))
    }

    #[test]
    fn hostile_labels_stay_inert_in_every_chart_and_table() {
        let d = synthetic::hostile_org();
        let sections = all_sections(&d, synthetic::today(), &settings_with_leadership(&d.team_names()), Presenter::Off);
        assert_eq!(sections.len(), 9);
        let mut hostile_text_drawn = 0;
        for section in &sections {
            assert_eq!(injected(&section.svg), Vec::<String>::new(), "injection in {}", section.title);
            let table = section.table.to_html();
            assert_eq!(injected_among(&table, &REPORT_ELEMENTS), Vec::<String>::new(), "injection in table {}", section.title);
            hostile_text_drawn += crate::charts::svg_check::texts(&section.svg)
                .iter()
                .filter(|t| t.contains("<img") || t.contains("<script") || t.contains("onerror"))
                .count();
        }
        assert!(hostile_text_drawn >= 3, "hostile labels are drawn as visible text, not dropped");
        for label in HOSTILE_LABELS {
            let sparkline = crate::charts::sparkline::draw(&crate::views::WeeklySeries::count_events(label, label, []));
            assert!(injected(&sparkline).is_empty());
        }
    }

    /// A downloaded SVG is parsed as XML (and PNG export draws it through
    /// an image decoder), so hostile text must leave it well-formed.
    #[test]
    fn every_chart_is_well_formed_xml_with_hostile_labels() {
        let d = synthetic::hostile_org();
        let sections = all_sections(&d, synthetic::today(), &settings_with_leadership(&d.team_names()), Presenter::Off);
        let mut hostile_shown = false;
        for section in &sections {
            assert_eq!(crate::charts::svg_check::well_formed(&section.svg), Ok(()), "{}", section.title);
            hostile_shown |= section.svg.contains("Zo");
        }
        assert!(hostile_shown, "the label is drawn, cleaned, not dropped");
        for label in HOSTILE_LABELS {
            let sparkline = crate::charts::sparkline::draw(&crate::views::WeeklySeries::count_events(label, label, []));
            assert_eq!(crate::charts::svg_check::well_formed(&sparkline), Ok(()), "sparkline {label:?}");
        }
    }

    #[test]
    fn the_report_has_no_script_and_no_injected_markup() {
        let d = synthetic::hostile_org();
        let report = report_for(&d, Presenter::Off, vec![hostile_finding(HOSTILE_LABELS[0])]);
        let mut allowed: Vec<&str> = REPORT_ELEMENTS.to_vec();
        allowed.extend(OWN_ELEMENTS);
        assert_eq!(injected_among(&report, &allowed), Vec::<String>::new());
        assert!(!report.to_lowercase().contains("<script"));
        assert!(report.contains("&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(report.contains("Ask: What is &lt;img src=x onerror=alert(1)&gt; spending time on?"));
        let forbidden: Vec<char> = report.chars().filter(|c| !crate::views::markup::is_xml_char(*c)).collect();
        assert!(forbidden.is_empty(), "characters XML forbids in the report: {forbidden:?}");
        assert!(report.contains("Zoë&amp;amp;]]&gt;＝1"), "the rest of the label stays, escaped");
        let csv = export::findings_csv(&[hostile_finding(HOSTILE_LABELS[0])]);
        assert!(csv.contains("'=cmd|"));
    }

    #[test]
    fn presenter_mode_leaves_no_real_name_in_any_chart_table_or_report() {
        let d = synthetic::small_org();
        let people: Vec<String> = person_names(&d).into_iter().map(String::from).collect();
        assert!(people.len() > 12);
        let sections = all_sections(&d, synthetic::today(), &settings_with_leadership(&d.team_names()), Presenter::On);
        for section in &sections {
            let table = section.table.all_text();
            for name in &people {
                assert!(!section.svg.contains(name.as_str()), "{name} in chart {}", section.title);
                assert!(!table.contains(name.as_str()), "{name} in table {}", section.title);
            }
        }
        let findings = vec![hostile_finding(&people[0]), hostile_finding(&people[5].to_uppercase())];
        let report = report_for(&d, Presenter::On, findings.clone());
        assert!(report.contains("Presenter mode"));
        let report_lower = report.to_lowercase();
        for name in &people {
            assert!(!report_lower.contains(&name.to_lowercase()), "{name} in report");
        }
        let csv = export::findings_csv(&crate::views::findings::present_all(&findings, &Names::new(&d, Presenter::On)));
        assert!(people.iter().all(|name| !csv.to_lowercase().contains(&name.to_lowercase())));
    }

    #[test]
    fn the_report_scrubs_charts_built_without_presenter_mode() {
        let d = synthetic::small_org();
        let settings = settings_with_leadership(&d.team_names());
        let report = Report {
            title: "Org review".into(),
            as_of: synthetic::today(),
            summary: summary(&d),
            sections: all_sections(&d, synthetic::today(), &settings, Presenter::Off),
            findings: vec![],
        };
        let page = html(&report, &Names::new(&d, Presenter::On));
        assert!(d.people.iter().all(|p| !page.contains(&p.name)));
        let mut allowed: Vec<&str> = REPORT_ELEMENTS.to_vec();
        allowed.extend(OWN_ELEMENTS);
        assert_eq!(injected_among(&page, &allowed), Vec::<String>::new(), "scrubbing kept the markup intact");
    }
}

#[cfg(test)]
mod scale_tests {
    use super::*;
    use crate::charts::svg_check::element_names;
    use crate::views::{synthetic, MAX_MARKS};

    /// Axes, labels, legend and title on top of the data marks.
    const CHROME_ELEMENTS: usize = 700;

    #[test]
    fn a_2000_person_org_stays_within_the_mark_cap() {
        let d = synthetic::org(2_000, 200);
        let settings = ChartSettings { cycle_time_band_days: Some((0.0, 5.0)), ..ChartSettings::default() };
        for (name, build) in SECTIONS {
            let section = build(&d, synthetic::today(), &settings, Presenter::On);
            let elements = element_names(&section.svg).len();
            assert!(elements <= MAX_MARKS + CHROME_ELEMENTS, "{name}: {elements} elements");
        }
    }
}
