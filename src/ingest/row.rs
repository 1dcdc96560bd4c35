//! One record seen through a column map: typed reads with warnings.
//!
//! Builders ask for fields, never for columns. Each read picks the first
//! non-empty mapped column, cleans it, and on a value it cannot read leaves
//! the field empty and records exactly which line and column was wrong and
//! what was done. That is the only place cell-level warnings are made.

use std::collections::{BTreeMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};

use super::csv_source::Record;
use crate::dataset::{Interner, Name, NameList};
use super::dates;
use super::detect::ColumnMap;
use super::fields::Field;
use super::profile::Profile;
use super::values;
use super::warnings::{truncate, Warnings};

/// Why a row was not kept: the column to point at and the reason.
pub struct Skip {
    pub column: u32,
    pub message: String,
}

pub struct Row<'a> {
    pub record: Record<'a>,
    pub line: u32,
    pub map: &'a ColumnMap,
    pub profile: &'a Profile,
    pub headers: &'a [String],
    pub warnings: &'a mut Warnings,
    /// The file's names so far: every person, team, status or label cell
    /// shares one allocation with its equals.
    pub names: &'a Interner,
}

impl<'a> Row<'a> {
    /// The first non-empty value of `field`, with its column index.
    fn cell(&self, field: Field) -> Option<(usize, &'a str)> {
        let record = self.record;
        let columns = self.map.columns(field);
        // Nearly every field is one column or none: read it straight.
        match *columns {
            [] => None,
            [col] => Some((col, values::clean(record.get(col)?))).filter(|(_, cell)| !values::is_sentinel(cell)),
            _ => columns
                .iter()
                .filter_map(|&col| record.get(col).map(|cell| (col, values::clean(cell))))
                .find(|(_, cell)| !values::is_sentinel(cell)),
        }
    }

    pub fn text(&self, field: Field) -> Option<&'a str> {
        self.cell(field).map(|(_, cell)| cell)
    }

    pub fn text_or_empty(&self, field: Field) -> String {
        self.text(field).unwrap_or("").to_string()
    }

    /// [`Row::text`] as a shared name.
    pub fn name(&self, field: Field) -> Option<Name> {
        self.name_with(field, |text| text)
    }

    /// The part of [`Row::text`] that `part` reads (an area path's last
    /// segment, a person), as a shared name.
    pub fn name_with(&self, field: Field, part: impl FnOnce(&'a str) -> &'a str) -> Option<Name> {
        self.cell(field).map(|(col, cell)| self.names.name_in(col, part(cell)))
    }

    /// [`Row::text_or_empty`] as a shared name.
    pub fn name_or_empty(&self, field: Field) -> Name {
        self.name(field).unwrap_or_default()
    }

    /// The value a row cannot be kept without.
    pub fn required(&self, field: Field) -> Result<&'a str, Skip> {
        self.text(field).ok_or_else(|| self.missing(field))
    }

    /// [`Row::name_with`] of the value a row cannot be kept without.
    pub fn required_name(&self, field: Field, part: impl FnOnce(&'a str) -> &'a str) -> Result<Name, Skip> {
        self.name_with(field, part).ok_or_else(|| self.missing(field))
    }

    /// [`Row::required`] as a name for a column of mostly distinct values
    /// (see [`Interner::recent_or_new`]).
    pub fn required_distinct_name(&self, field: Field, part: impl FnOnce(&'a str) -> &'a str) -> Result<Name, Skip> {
        let (col, cell) = self.cell(field).ok_or_else(|| self.missing(field))?;
        Ok(self.names.recent_or_new(col, part(cell)))
    }

    fn missing(&self, field: Field) -> Skip {
        Skip {
            column: self.map.columns(field).first().map_or(0, |&c| c as u32 + 1),
            message: match self.map.columns(field).first() {
                Some(&c) => format!("no {} (column \"{}\" is empty); row skipped", field.name(), truncate(&self.headers[c])),
                None => format!("no column is mapped to {}; row skipped", field.name()),
            },
        }
    }

    pub fn person(&self, field: Field) -> Option<Name> {
        self.name_with(field, values::person).filter(|p| !p.is_empty())
    }

    /// Every value of a list field across repeated columns, in order.
    /// `split` cuts cells at `;` (or `,`); sprint names are never cut.
    pub fn list(&self, field: Field, split: bool) -> Vec<String> {
        self.entries(field, split, |_, entry| entry.to_string())
    }

    /// [`Row::list`] as shared names (sprints, labels).
    pub fn names(&self, field: Field, split: bool) -> Vec<Name> {
        self.entries(field, split, |col, entry| self.names.name_in(col, entry))
    }

    /// Each entry of [`Row::list`] made by `make`, in a vector of exactly
    /// their number: a growing vector starts with room for four, and most
    /// cells hold one (a Jira item's sprint), so counting first costs less
    /// than the three spare slots of every row, allocated and kept.
    fn entries<T>(&self, field: Field, split: bool, make: impl Fn(usize, &'a str) -> T) -> Vec<T> {
        let mut count = 0;
        self.each_entry(field, split, |_, _| count += 1);
        if count == 0 {
            return Vec::new();
        }
        let mut out = Vec::with_capacity(count);
        self.each_entry(field, split, |col, entry| out.push(make(col, entry)));
        out
    }

    /// `read` (this row's [`Row::names`] or [`Row::people`] of `field`) as
    /// a list shared by every row of the file with the same cells (see
    /// [`Interner::list_of_cells`]).
    pub fn name_list(&self, field: Field, read: impl FnOnce(&Self) -> Vec<Name>) -> NameList {
        let cells = self.map.columns(field).iter().map(|&col| self.record.get(col).map_or("", values::clean));
        self.names.list_of_cells(field as usize, cells, || read(self))
    }

    /// People in a list field, `Name <email>` reduced to the name, each
    /// once, in order of first mention. Nearly every cell names one or two,
    /// kept on the stack and compared directly; past a handful a set takes
    /// over, since one cell may name hundreds of thousands.
    pub fn people(&self, field: Field) -> Vec<Name> {
        // Most rows name nobody here (a PR's requested reviewers): no
        // buffers for them.
        if self.cell(field).is_none() {
            return Vec::new();
        }
        const SCANNED: usize = 16;
        // Each name with the column it came from (see `Interner::name_in`).
        let (mut first, mut count) = ([(0, ""); SCANNED], 0);
        let mut more: Vec<(usize, &'a str)> = Vec::new();
        let mut seen: HashSet<&'a str> = HashSet::new();
        self.each_entry(field, true, |col, entry| {
            let name = values::person(entry);
            if name.is_empty() {
                return;
            }
            if count < SCANNED {
                if !first[..count].iter().any(|&(_, known)| known == name) {
                    (first[count], count) = ((col, name), count + 1);
                }
                return;
            }
            if seen.is_empty() {
                seen.extend(first.map(|(_, known)| known));
            }
            if seen.insert(name) {
                more.push((col, name));
            }
        });
        first[..count].iter().chain(&more).map(|&(col, name)| self.names.name_in(col, name)).collect()
    }

    /// Calls `f` with each entry of [`Row::list`] and its column, borrowed
    /// from the record (a million-row file should not allocate an entry
    /// only to drop it).
    fn each_entry(&self, field: Field, split: bool, mut f: impl FnMut(usize, &'a str)) {
        let record = self.record;
        for &col in self.map.columns(field) {
            let Some(cell) = record.get(col).map(values::clean) else { continue };
            if values::is_sentinel(cell) {
                continue;
            }
            if split {
                values::split_list(cell).for_each(|entry| f(col, entry));
            } else {
                f(col, cell);
            }
        }
    }

    /// Reads the field with `parse`; an unreadable value is left empty and
    /// reported as not being `what`.
    pub fn parse<T>(&mut self, field: Field, what: &'static str, parse: impl FnOnce(&str) -> Option<T>) -> Option<T> {
        let (col, cell) = self.cell(field)?;
        let value = parse(cell);
        if value.is_none() {
            self.bad(col, cell, what);
        }
        value
    }

    /// Like [`Row::parse`], for fields that fall back to `default` (and say
    /// so with `outcome`) instead of staying empty.
    pub fn parse_or<T>(
        &mut self,
        field: Field,
        what: &'static str,
        parse: impl FnOnce(&str) -> Option<T>,
        default: T,
        outcome: &'static str,
    ) -> T {
        let Some((col, cell)) = self.cell(field) else { return default };
        parse(cell).unwrap_or_else(|| {
            self.report(col, cell, what, outcome);
            default
        })
    }

    fn bad(&mut self, col: usize, cell: &str, what: &'static str) {
        self.report(col, cell, what, "left empty");
    }

    fn report(&mut self, col: usize, cell: &str, what: &'static str, outcome: &'static str) {
        self.warn(col, what, cell, |quoted| format!("{quoted} is not {what}"), outcome);
    }

    /// A warning of kind `kind` on this row's cell in `col`: `problem`
    /// says what is wrong with the quoted cell, `outcome` what was done.
    fn warn(
        &mut self,
        col: usize,
        kind: &'static str,
        cell: &str,
        problem: impl FnOnce(&str) -> String,
        outcome: &'static str,
    ) {
        let header = &self.headers[col];
        self.warnings.push(kind, self.line, col as u32 + 1, || {
            let quoted = format!("\"{}\"", truncate(cell));
            format!("column \"{}\": {}; {outcome}", truncate(header), problem(&quoted))
        });
    }

    pub fn timestamp(&mut self, field: Field) -> Option<NaiveDateTime> {
        let (col, cell) = self.cell(field)?;
        dates::read(cell, self.profile.order(col)).unwrap_or_else(|problem| {
            self.warn(col, problem.kind(), cell, |quoted| problem.describe(quoted), "left empty");
            None
        })
    }

    pub fn date(&mut self, field: Field) -> Option<NaiveDate> {
        self.timestamp(field).map(|t| t.date())
    }

    pub fn scale(&mut self, field: Field) -> Option<f64> {
        let (col, cell) = self.cell(field)?;
        let scale = self.profile.scale(col);
        let value = scale.read(cell);
        if value.is_none() {
            self.bad(col, cell, "a value on the column's scale (number, percent or high/medium/low)");
        }
        value
    }

    /// Unmapped columns with a header and a value, kept verbatim (teams.csv
    /// norm overrides). A repeated header keeps its first non-empty value.
    /// Each row owns a copy of its headers, so a header is cut like any
    /// quoted text: a long one would otherwise be copied into every row.
    pub fn extra(&self) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        for (col, cell) in self.record.iter().enumerate() {
            let header = self.headers.get(col).map_or("", |h| h.trim());
            let cell = values::clean(cell);
            if header.is_empty() || self.map.field_of(col).is_some() || values::is_sentinel(cell) {
                continue;
            }
            out.entry(truncate(header)).or_insert_with(|| cell.to_string());
        }
        out
    }
}
