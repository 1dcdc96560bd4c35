//! Every file kind ingest reads, in one table.
//!
//! A kind is a public id ([`FileKind`]), the [`Format`] that recognises its
//! header row (and, for teamdiff's own templates, the file to download),
//! and the [`Target`] its rows become. Everything else that goes per kind
//! derives from [`KINDS`]: detection and its order, the column-mapping
//! step's kinds and fields, the template downloads, and where a file's
//! staged rows are moved once it has loaded. Adding a kind is a line here
//! plus its format table (see docs/ingest.md, "Adding a file kind").

use std::sync::LazyLock;

use super::build::Target;
use super::formats::{azure, github, gitlab, jira, linear, templates, Format, Template};
use crate::dataset::FileKind::*;
use crate::dataset::*;

/// One row of [`KINDS`].
pub struct KindSpec {
    pub kind: FileKind,
    /// The header spellings that recognise it; its template, if any.
    pub(super) format: &'static Format,
    /// What its rows become.
    pub(super) target: Target,
    /// When two formats explain a header row equally well, the lower
    /// number wins: tool exports before templates, most specific first.
    pub(super) precedence: u8,
}

impl KindSpec {
    /// teamdiff's own template for this kind, if it has one.
    pub fn template(&self) -> Option<&'static Template> {
        self.format.template.as_ref()
    }
}

/// Every kind but `Unknown`, in the order the UI lists them; a mapping
/// suggestion prefers the earlier of two kinds that fit equally well.
pub static KINDS: &[KindSpec] = &[
    KindSpec { kind: Teams, format: &templates::TEAMS, target: Target::of::<TeamRow>(), precedence: 9 },
    KindSpec { kind: Roster, format: &templates::ROSTER, target: Target::of::<Person>(), precedence: 8 },
    KindSpec { kind: Roles, format: &templates::ROLES, target: Target::of::<Role>(), precedence: 7 },
    KindSpec { kind: GithubPrs, format: &github::GITHUB_PRS, target: Target::of::<PullRequest>(), precedence: 5 },
    KindSpec { kind: Reviews, format: &templates::REVIEWS, target: Target::of::<Review>(), precedence: 6 },
    KindSpec { kind: Stakeholders, format: &templates::STAKEHOLDERS, target: Target::of::<Stakeholder>(), precedence: 10 },
    KindSpec { kind: Updates, format: &templates::UPDATES, target: Target::of::<TeamUpdate>(), precedence: 11 },
    KindSpec { kind: Decisions, format: &templates::DECISIONS, target: Target::of::<Decision>(), precedence: 12 },
    KindSpec { kind: Okrs, format: &templates::OKRS, target: Target::of::<KeyResult>(), precedence: 13 },
    KindSpec { kind: Postmortems, format: &templates::POSTMORTEMS, target: Target::of::<PostmortemAction>(), precedence: 14 },
    KindSpec { kind: DesignDocs, format: &templates::DESIGN_DOCS, target: Target::of::<DesignDoc>(), precedence: 15 },
    KindSpec { kind: Interventions, format: &templates::INTERVENTIONS, target: Target::of::<Intervention>(), precedence: 16 },
    KindSpec { kind: Jira, format: &jira::JIRA, target: Target::of::<WorkItem>(), precedence: 0 },
    KindSpec { kind: Linear, format: &linear::LINEAR, target: Target::of::<WorkItem>(), precedence: 4 },
    KindSpec { kind: GitlabIssues, format: &gitlab::GITLAB_ISSUES, target: Target::of::<WorkItem>(), precedence: 3 },
    KindSpec { kind: GitlabMrs, format: &gitlab::GITLAB_MRS, target: Target::of::<PullRequest>(), precedence: 2 },
    KindSpec { kind: AzureDevops, format: &azure::AZURE_DEVOPS, target: Target::of::<WorkItem>(), precedence: 1 },
];

/// The table's row for `kind`; `None` for `Unknown`.
pub fn spec(kind: FileKind) -> Option<&'static KindSpec> {
    KINDS.iter().find(|spec| spec.kind == kind)
}

/// [`KINDS`] in the order detection tries them.
pub fn by_precedence() -> &'static [&'static KindSpec] {
    static ORDER: LazyLock<Vec<&'static KindSpec>> = LazyLock::new(|| {
        let mut order: Vec<&KindSpec> = KINDS.iter().collect();
        order.sort_by_key(|spec| spec.precedence);
        order
    });
    &ORDER
}

/// teamdiff's template for `kind`; `None` for kinds that are tool exports.
pub fn template(kind: FileKind) -> Option<&'static Template> {
    spec(kind)?.template()
}

/// Header plus one example row of teamdiff's template for `kind`, for the
/// UI's download buttons. `None` for kinds that are tool exports.
pub fn template_csv(kind: FileKind) -> Option<&'static str> {
    Some(template(kind)?.csv)
}

/// The field names a user may map columns to for `kind`, for the UI's
/// column-mapping step. Empty for `Unknown`.
pub fn target_fields(kind: FileKind) -> Vec<&'static str> {
    spec(kind).map_or_else(Vec::new, |spec| spec.target.fields().iter().map(|f| f.name()).collect())
}

#[cfg(test)]
mod tests {
    use super::super::headers::normalize;
    use super::*;

    #[test]
    fn every_kind_but_unknown_is_in_the_table_once() {
        for &kind in FileKind::ALL {
            let rows = KINDS.iter().filter(|spec| spec.kind == kind).count();
            assert_eq!(rows, usize::from(kind != FileKind::Unknown), "{kind:?}");
        }
    }

    #[test]
    fn detection_order_is_total() {
        let mut precedences: Vec<u8> = KINDS.iter().map(|spec| spec.precedence).collect();
        precedences.sort_unstable();
        precedences.dedup();
        assert_eq!(precedences.len(), KINDS.len(), "two kinds share a precedence");
        assert!(by_precedence().windows(2).all(|pair| pair[0].precedence < pair[1].precedence));
    }

    #[test]
    fn ids_are_the_serde_names() {
        for &kind in FileKind::ALL {
            assert_eq!(serde_json::to_string(&kind).unwrap(), format!("\"{}\"", kind.id()));
            assert_eq!(serde_json::from_str::<FileKind>(&format!("\"{}\"", kind.id())).unwrap(), kind);
        }
    }

    #[test]
    fn tables_only_name_fields_their_target_reads() {
        for spec in KINDS {
            let fields = spec.target.fields();
            for column in spec.format.columns {
                assert!(fields.contains(&column.field), "{:?} {:?}", spec.kind, column.field);
            }
        }
    }

    #[test]
    fn no_spelling_feeds_two_fields_of_one_table() {
        for spec in KINDS {
            let mut seen = std::collections::HashMap::new();
            for column in spec.format.columns {
                for name in column.names {
                    let other = seen.insert(normalize(name), column.field);
                    if let Some(other) = other.filter(|&o| o != column.field) {
                        panic!("{:?}: {name:?} feeds {other:?} and {:?}", spec.kind, column.field);
                    }
                }
            }
        }
    }

    #[test]
    fn template_files_have_distinct_names() {
        let mut names: Vec<&str> = KINDS.iter().filter_map(|spec| Some(spec.template()?.file)).collect();
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count, "{names:?}");
    }
}
