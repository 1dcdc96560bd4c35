//! A CSV writer for the demo's files: rows written straight into one
//! pre-sized buffer, in the date and time forms the real files use.

use std::fmt::Write;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

use super::DemoFile;
use crate::dataset::FileKind;

/// One CSV file being written. Fields are quoted only when they must be.
pub struct Csv {
    name: &'static str,
    buf: String,
    at_row_start: bool,
}

impl Csv {
    /// A file of `kind`, named like its template's download.
    pub fn template(kind: FileKind, header: &str, capacity: usize) -> Csv {
        Csv::new(crate::ingest::template(kind).map_or("", |template| template.file), header, capacity)
    }

    pub fn new(name: &'static str, header: &str, capacity: usize) -> Csv {
        let mut buf = String::with_capacity(capacity);
        buf.push_str(header);
        buf.push('\n');
        Csv { name, buf, at_row_start: true }
    }

    fn separator(&mut self) {
        if !self.at_row_start {
            self.buf.push(',');
        }
        self.at_row_start = false;
    }

    pub fn text(&mut self, value: &str) -> &mut Csv {
        self.separator();
        if value.contains([',', '"', '\n', '\r']) {
            self.buf.push('"');
            self.buf.push_str(&value.replace('"', "\"\""));
            self.buf.push('"');
        } else {
            self.buf.push_str(value);
        }
        self
    }

    pub fn int(&mut self, value: i64) -> &mut Csv {
        self.separator();
        let _ = write!(self.buf, "{value}");
        self
    }

    pub fn empty(&mut self) -> &mut Csv {
        self.separator();
        self
    }

    /// `2026-01-05`.
    pub fn date(&mut self, day: Option<NaiveDate>) -> &mut Csv {
        self.separator();
        if let Some(day) = day {
            let _ = write!(self.buf, "{:04}-{:02}-{:02}", day.year(), day.month(), day.day());
        }
        self
    }

    /// `2026-01-05T09:30:00Z`.
    pub fn timestamp(&mut self, at: Option<NaiveDateTime>) -> &mut Csv {
        self.separator();
        if let Some(at) = at {
            let (d, t) = (at.date(), at.time());
            let _ = write!(self.buf, "{:04}-{:02}-{:02}T{:02}:{:02}:00Z", d.year(), d.month(), d.day(), t.hour(), t.minute());
        }
        self
    }

    /// Jira Cloud's `28/Nov/25 5:03 PM`.
    pub fn jira_time(&mut self, at: Option<NaiveDateTime>) -> &mut Csv {
        const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        self.separator();
        if let Some(at) = at {
            let (d, t) = (at.date(), at.time());
            let hour12 = match t.hour() % 12 {
                0 => 12,
                h => h,
            };
            let meridiem = if t.hour() < 12 { "AM" } else { "PM" };
            let _ = write!(
                self.buf,
                "{:02}/{}/{:02} {}:{:02} {meridiem}",
                d.day(),
                MONTHS[d.month0() as usize],
                d.year() % 100,
                hour12,
                t.minute()
            );
        }
        self
    }

    /// A `;`-separated list in one cell.
    pub fn list(&mut self, values: &[&str]) -> &mut Csv {
        self.text(&values.join(";"))
    }

    pub fn end(&mut self) {
        self.buf.push('\n');
        self.at_row_start = true;
    }

    pub fn into_demo_file(self) -> DemoFile {
        DemoFile { name: self.name.to_string(), bytes: self.buf.into_bytes() }
    }
}
