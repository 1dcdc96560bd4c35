//! The screen-reader alternative to every chart: the same view-model, read
//! as rows. One `Table` type and one HTML renderer serve every chart; each
//! view-model only says which columns it has.

use serde::{Deserialize, Serialize};

use crate::views::markup::escape;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

pub trait ToTable {
    fn to_table(&self) -> Table;
}

impl Table {
    pub fn new(caption: impl Into<String>, headers: &[&str]) -> Table {
        Table { caption: caption.into(), headers: headers.iter().map(|h| h.to_string()).collect(), rows: Vec::new() }
    }

    pub fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    /// Every cell escaped; the table is data, never markup.
    pub fn to_html(&self) -> String {
        let mut html = String::from("<table>\n");
        html.push_str(&format!("<caption>{}</caption>\n<thead><tr>", escape(&self.caption)));
        for header in &self.headers {
            html.push_str(&format!("<th scope=\"col\">{}</th>", escape(header)));
        }
        html.push_str("</tr></thead>\n<tbody>\n");
        for row in &self.rows {
            html.push_str("<tr>");
            for cell in row {
                html.push_str(&format!("<td>{}</td>", escape(cell)));
            }
            html.push_str("</tr>\n");
        }
        html.push_str("</tbody>\n</table>\n");
        html
    }

    /// Every string the table shows, for privacy checks.
    pub fn all_text(&self) -> String {
        let mut text = format!("{}\n{}\n", self.caption, self.headers.join("\t"));
        for row in &self.rows {
            text.push_str(&row.join("\t"));
            text.push('\n');
        }
        text
    }
}

/// Numbers in tables: whole numbers without a trailing `.0`, others to one
/// decimal, so a column reads the same as the chart's axis.
pub fn number(value: f64) -> String {
    if !value.is_finite() {
        "not enough data".into()
    } else if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

pub fn optional_number(value: Option<f64>, missing: &str) -> String {
    value.map_or_else(|| missing.to_string(), number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_every_cell() {
        let mut t = Table::new("<b>caption</b>", &["who"]);
        t.push(vec!["<img src=x onerror=alert(1)>".into()]);
        let html = t.to_html();
        assert!(!html.contains("<img"));
        assert!(!html.contains("<b>"));
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    }

    #[test]
    fn numbers_read_like_the_axis() {
        assert_eq!(number(3.0), "3");
        assert_eq!(number(2.25), "2.2");
        assert_eq!(optional_number(None, "never"), "never");
    }
}
