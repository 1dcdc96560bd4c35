//! A roster with identity columns: every other name a person goes by is
//! kept on their row, and resolves to them in the dataset index.

mod common;

use common::*;
use teamdiff::dataset::{FileKind, Index};

#[test]
fn identity_columns_and_aliases_are_kept_on_the_persons_row() {
    let d = load("roster_identities.csv");
    let r = report(&d);
    assert_eq!((r.kind, r.rows, r.kept), (FileKind::Roster, 3, 3), "{r:#?}");
    assert!(r.warnings.is_empty(), "{r:#?}");
    let identities: Vec<(&str, Vec<&str>)> =
        d.people.iter().map(|p| (p.name.as_str(), p.identities.iter().map(String::as_str).collect())).collect();
    assert_eq!(
        identities,
        [
            ("Ana Reyes", vec!["ana.reyes", "ana", "CORP\\areyes", "ana.reyes@corp.example", "Ana R.", "A. Reyes", "anita"]),
            ("Ben Okafor", vec!["bokafor", "Benjamin Okafor", "ben.okafor@corp.example"]),
            ("Chen Wei", vec!["cwei", "chen.wei@corp.example", "Wei Chen", "C. Wei"]),
        ]
    );
    let index = Index::new(&d);
    for (name, team) in [("areyes", "Payments"), ("Ana Reyes <CORP\\areyes>", "Payments"), ("@bokafor", "Payments"), ("CHEN.WEI@corp.example", "Platform"), ("anita", "Payments")] {
        assert_eq!(index.team_of(name), Some(team), "{name}");
    }
}

#[test]
fn a_roster_without_identity_columns_reads_as_before() {
    let d = load("roster.csv");
    assert!(d.people.iter().filter(|p| p.name != "Grace Hopper").all(|p| p.identities.is_empty()), "{:?}", d.people);
    let grace = d.people.iter().find(|p| p.name == "Grace Hopper").unwrap();
    assert_eq!(grace.identities, ["grace@acme.io"], "the email of `Name <email>` is kept");
}
