//! The self-contained HTML report: inline SVG charts with their tables, and
//! the findings with their questions. No scripts, no external resources,
//! every string escaped. It renders what it is given: `crate::present`
//! builds it from a snapshot, already pseudonymised in presenter mode.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::views::markup::escape;
use crate::views::table::Table;
use crate::views::{FindingRow, Summary};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportSection {
    pub title: String,
    /// SVG text from one of `crate::charts`.
    pub svg: String,
    pub table: Table,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub title: String,
    pub as_of: NaiveDate,
    /// Made in presenter mode: the report says its names are pseudonyms.
    pub presenter: bool,
    pub summary: Summary,
    pub sections: Vec<ReportSection>,
    pub findings: Vec<FindingRow>,
    /// "What changed" since a saved review, when one was loaded.
    #[serde(default)]
    pub changed: Option<ChangedSection>,
}

/// The "What changed" part: a heading, one line of counts, its tables.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChangedSection {
    pub heading: String,
    pub summary: String,
    pub tables: Vec<Table>,
}

const STYLE: &str = "body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#000}\
table{border-collapse:collapse;margin:1em 0;font-size:0.9em}th,td{border:1px solid #999;padding:4px 8px;text-align:left;vertical-align:top}\
caption{text-align:left;font-weight:bold}.presenter{background:#F0E442;padding:0.5em 1em;font-weight:bold}\
details{margin-bottom:2em}.finding{border-left:4px solid #D55E00;padding:0.2em 1em;margin:1em 0}.ask{font-style:italic}";

/// The whole report as one page, every string escaped.
pub fn html(report: &Report) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    // Belt and braces: even if a script slipped in, the browser refuses it.
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
    out.push_str(&format!("<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n", escape(&report.title)));
    out.push_str(&format!("<h1>{}</h1>\n<p>As of {}.</p>\n", escape(&report.title), report.as_of));
    if report.presenter {
        out.push_str("<p class=\"presenter\" role=\"status\">Presenter mode: individual names are replaced by pseudonyms.</p>\n");
    }
    out.push_str(&summary_table(&report.summary).to_html());

    if let Some(changed) = &report.changed {
        out.push_str(&format!("<h2>{}</h2>\n<p>{}</p>\n", escape(&changed.heading), escape(&changed.summary)));
        for table in &changed.tables {
            out.push_str(&table.to_html());
        }
    }

    out.push_str(&format!("<h2>Findings ({})</h2>\n", report.findings.len()));
    for finding in &report.findings {
        out.push_str(&finding_html(finding));
    }

    out.push_str("<h2>Charts</h2>\n");
    for section in &report.sections {
        let table = &section.table;
        out.push_str(&format!("<section>\n<h3>{}</h3>\n", escape(&section.title)));
        out.push_str(&section.svg);
        out.push_str(&format!("\n<details><summary>Table: {}</summary>\n{}</details>\n</section>\n", escape(&table.caption), table.to_html()));
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn finding_html(f: &FindingRow) -> String {
    let person = f.person.as_deref().map(|p| format!(" · {}", escape(p))).unwrap_or_default();
    let evidence = f.evidence.iter().map(|e| escape(e)).collect::<Vec<_>>().join(", ");
    format!(
        "<div class=\"finding\">\n<h3>{} · {} · {}{person}</h3>\n<p>{}</p>\n<p>Norm: {} · Observed: {} · Severity: {}</p>\n<p class=\"ask\">Ask: {}</p>\n<p>Evidence: {evidence}</p>\n</div>\n",
        escape(&f.tripwire),
        escape(&f.team),
        escape(&f.subject),
        escape(&f.why),
        escape(&f.norm),
        escape(&f.observed),
        escape(&f.severity),
        escape(&f.ask),
    )
}

fn summary_table(s: &Summary) -> Table {
    let mut table = Table::new("What was loaded", &["Measure", "Count"]);
    let rows: [(&str, String); 8] = [
        ("Files", s.files.to_string()),
        ("Rows", s.rows.to_string()),
        ("People", s.people.to_string()),
        ("Teams", s.teams.to_string()),
        ("Pull requests", s.pull_requests.to_string()),
        ("Work items", s.work_items.to_string()),
        ("Decisions", s.decisions.to_string()),
        ("Activity", match (s.first_activity, s.last_activity) {
            (Some(a), Some(b)) => format!("{a} to {b}"),
            _ => "none".into(),
        }),
    ];
    for (measure, count) in rows {
        table.push(vec![measure.into(), count]);
    }
    table
}
