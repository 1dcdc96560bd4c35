//! Which format a header row is, and which column feeds which field.
//!
//! A format matches when every one of its required fields has a column;
//! among matches, the one that explains the most fields wins (Linear's
//! `ID, Title, Created` also satisfies the GitHub table, but Linear explains
//! far more of the file). Matching is exact on normalized names — fuzzy
//! matching is only ever a *suggestion* (see `mapping`), because a silent
//! wrong guess would load wrong data.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::build::Target;
use super::fields::{Field, Shape};
use super::formats::Format;
use super::headers::normalize;
use super::kinds::{self, KindSpec, KINDS};

/// Column positions per field, in the order values are preferred.
#[derive(Clone, Debug, Default)]
pub struct ColumnMap {
    slots: Vec<Vec<usize>>,
    by_column: Vec<Option<Field>>,
}

impl ColumnMap {
    fn empty(width: usize) -> ColumnMap {
        ColumnMap { slots: vec![Vec::new(); Field::COUNT], by_column: vec![None; width] }
    }

    /// Maps `headers` (already normalized) with a format's synonym table.
    pub fn from_format(format: &'static Format, normalized: &[String]) -> ColumnMap {
        let spellings = spellings_of(format);
        let mut ranked: Vec<(Field, usize, usize)> = Vec::new();
        for (col, header) in normalized.iter().enumerate() {
            if header.is_empty() {
                continue;
            }
            if let Some(&(field, rank)) = spellings.get(header) {
                ranked.push((field, rank, col));
            }
        }
        ranked.sort_unstable();
        let mut map = ColumnMap::empty(normalized.len());
        for (field, _, col) in ranked {
            map.assign(field, col);
        }
        for column in format.columns {
            if let Some(instead) = column.stands_in_for.filter(|&f| !map.has(f)) {
                map.move_first(column.field, instead);
            }
        }
        map
    }

    /// Maps headers by the user's explicit `(header, field)` choices. Names
    /// that are not headers of this file or fields of `target` are returned
    /// so they can be reported rather than silently dropped.
    pub fn from_pairs(target: Target, headers: &[String], pairs: &[(String, String)]) -> (ColumnMap, Vec<String>) {
        let mut map = ColumnMap::empty(headers.len());
        let mut rejected = Vec::new();
        // Columns by header, so a mapping of every column of a wide file is
        // not a search of the header per pair.
        let mut by_header: HashMap<&str, Vec<usize>> = HashMap::new();
        for (col, header) in headers.iter().enumerate() {
            by_header.entry(header.trim()).or_default().push(col);
        }
        for (header, field) in pairs {
            let field_ok = Field::from_name(field).filter(|f| target.fields().contains(f));
            let columns = by_header.get(header.trim()).map_or(&[][..], Vec::as_slice);
            match field_ok {
                Some(f) if !columns.is_empty() => columns.iter().for_each(|&c| map.assign(f, c)),
                _ if field.is_empty() => {}
                _ => rejected.push(format!("{header} → {field}")),
            }
        }
        (map, rejected)
    }

    fn assign(&mut self, field: Field, col: usize) {
        if self.by_column[col].is_none() {
            self.by_column[col] = Some(field);
            self.slots[field as usize].push(col);
        }
    }

    /// `from`'s preferred column feeds `to` instead (see `Column::stands_in_for`).
    fn move_first(&mut self, from: Field, to: Field) {
        if self.slots[from as usize].is_empty() {
            return;
        }
        let col = self.slots[from as usize].remove(0);
        self.by_column[col] = Some(to);
        self.slots[to as usize].push(col);
    }

    pub fn columns(&self, field: Field) -> &[usize] {
        &self.slots[field as usize]
    }

    pub fn has(&self, field: Field) -> bool {
        !self.slots[field as usize].is_empty()
    }

    pub fn field_of(&self, col: usize) -> Option<Field> {
        self.by_column.get(col).copied().flatten()
    }

    pub fn width(&self) -> usize {
        self.by_column.len()
    }

    /// Non-list fields fed by the same header twice: only the first
    /// non-empty value is used, which the report must say.
    pub fn duplicates<'h>(&self, normalized: &'h [String]) -> Vec<(Field, &'h str, Vec<usize>)> {
        let mut out = Vec::new();
        for &field in Field::ALL {
            let cols = self.columns(field);
            if cols.len() < 2 || field.shape() == Shape::List {
                continue;
            }
            let first = &normalized[cols[0]];
            let same: Vec<usize> = cols.iter().copied().filter(|&c| normalized[c] == *first).collect();
            if same.len() > 1 {
                out.push((field, first.as_str(), same));
            }
        }
        out
    }
}

fn covers_required(format: &Format, map: &ColumnMap) -> bool {
    format.columns.iter().filter(|c| c.required).all(|c| map.has(c.field))
}

/// The kind whose format best matches these (normalized) headers, if any.
/// On an equal score the kind tried first wins (see `kinds::by_precedence`).
pub fn detect(normalized: &[String]) -> Option<(&'static KindSpec, ColumnMap)> {
    let mut best: Option<(&'static KindSpec, ColumnMap, usize)> = None;
    for &spec in kinds::by_precedence() {
        let map = ColumnMap::from_format(spec.format, normalized);
        if !covers_required(spec.format, &map) {
            continue;
        }
        let score = Field::ALL.iter().filter(|&&f| map.has(f)).count();
        if best.as_ref().is_none_or(|b| score > b.2) {
            best = Some((spec, map, score));
        }
    }
    best.map(|(f, m, _)| (f, m))
}

/// A format's spellings, normalized, with the field each spells and its
/// rank in the table: the first column of the table to spell a header takes
/// it. Looked up rather than searched (Jira all-fields exports have
/// thousands of columns).
type Spellings = HashMap<String, (Field, usize)>;

/// Every kind's [`Spellings`], normalized once per run rather than once per
/// file: detection tries every format on every file, and normalizing the
/// tables was most of the cost of reading a small file.
fn spellings_of(format: &'static Format) -> &'static Spellings {
    static ALL: OnceLock<Vec<(&'static Format, Spellings)>> = OnceLock::new();
    let all = ALL.get_or_init(|| KINDS.iter().map(|spec| (spec.format, normalized_spellings(spec.format))).collect());
    &all.iter().find(|(f, _)| std::ptr::eq(*f, format)).expect("every format belongs to a kind in KINDS").1
}

fn normalized_spellings(format: &Format) -> Spellings {
    let mut spellings = Spellings::new();
    for c in format.columns {
        for (rank, name) in c.names.iter().enumerate() {
            spellings.entry(normalize(name)).or_insert((c.field, rank));
        }
    }
    spellings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::FileKind;

    fn kind(headers: &str) -> Option<FileKind> {
        let normalized: Vec<String> = headers.split(',').map(normalize).collect();
        detect(&normalized).map(|(f, _)| f.kind)
    }

    #[test]
    fn templates_and_exports_are_told_apart() {
        assert_eq!(kind("person,team,role"), Some(FileKind::Roster));
        assert_eq!(kind("team,role,critical,holder"), Some(FileKind::Roles));
        assert_eq!(kind("team,flavor"), Some(FileKind::Teams));
        assert_eq!(kind("pr,reviewer,state,submitted_at"), Some(FileKind::Reviews));
        assert_eq!(kind("number,title,author,createdAt,mergedAt"), Some(FileKind::GithubPrs));
        assert_eq!(kind("ID,Team,Title,Status,Created,Completed"), Some(FileKind::Linear));
        assert_eq!(kind("ID,Work Item Type,Title,State,Area Path"), Some(FileKind::AzureDevops));
        assert_eq!(kind("Title,MR IID,URL,State,Author"), Some(FileKind::GitlabMrs));
        assert_eq!(kind("Issue ID,URL,Title,State"), Some(FileKind::GitlabIssues));
        assert_eq!(kind("Summary,Issue key,Issue id,Status"), Some(FileKind::Jira));
        assert_eq!(kind("Resumen,Clave de incidencia,Estado"), Some(FileKind::Jira));
        assert_eq!(kind("foo,bar"), None);
    }

    #[test]
    fn a_teams_group_column_is_the_group_beside_a_team_column_and_the_team_alone() {
        let map = |headers: &str| {
            let normalized: Vec<String> = headers.split(',').map(normalize).collect();
            let (spec, map) = detect(&normalized).unwrap();
            assert_eq!(spec.kind, FileKind::Teams, "{headers}");
            (map.columns(Field::Team).to_vec(), map.columns(Field::Group).to_vec())
        };
        assert_eq!(map("team,flavor,group"), (vec![0], vec![2]));
        assert_eq!(map("Group,Flavor,Team"), (vec![2], vec![0]));
        assert_eq!(map("squad,flavor,director"), (vec![0], vec![2]));
        assert_eq!(map("group,flavor"), (vec![0], vec![]), "an old teams.csv whose team column is `group`");
        assert_eq!(map("group,flavor,department"), (vec![0], vec![2]), "the first group column stands in; the other stays the group");
        assert_eq!(kind("person,group,role"), Some(FileKind::Roster), "other templates still read `group` as the team");
    }

    #[test]
    fn earlier_synonyms_win_and_repeats_are_kept() {
        let normalized: Vec<String> =
            ["Completed", "Canceled", "ID", "Team", "Title"].iter().map(|h| normalize(h)).collect();
        let (_, map) = detect(&normalized).unwrap();
        assert_eq!(map.columns(Field::Resolved), &[0, 1]);
        let normalized: Vec<String> =
            ["Summary", "Issue key", "Sprint", "Sprint", "Created", "Created"].iter().map(|h| normalize(h)).collect();
        let (_, map) = detect(&normalized).unwrap();
        assert_eq!(map.columns(Field::Sprint), &[2, 3]);
        let dups = map.duplicates(&normalized);
        assert_eq!(dups.len(), 1);
        assert_eq!(dups[0].0, Field::Created);
    }
}
