//! The complexity suite: every path whose cost grows with a size the input
//! controls (rows, cells, columns, list lengths, teams, names) is timed at
//! 1× and 8× that size, and must grow near-linearly.
//!
//! Speed itself is measured in benchmarks (BENCHMARKS.md), never asserted
//! here: only the *ratio* between the two sizes is, which is what tells a
//! linear path (≈ 8×) from a quadratic one (≈ 64×) on any machine. Each
//! size takes the best of a few runs, so a busy neighbour on a shared CI
//! machine inflates a ratio rarely and never deflates it.

#[allow(unused)]
mod common;

use std::time::{Duration, Instant};

/// How much slower 8× the input may be. Linear is 8, n·log n about 10,
/// quadratic 64: 24 leaves room for cache effects and noise while still
/// failing every quadratic path.
const MAX_RATIO_AT_8X: f64 = 24.0;

fn best_of(runs: usize, mut work: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .min()
        .expect("at least one run")
}

/// Times `work(input)` on `make(n)` and `make(8 * n)` (building the input is
/// not timed) and asserts the cost grew near-linearly.
fn assert_near_linear<T>(what: &str, n: usize, make: impl Fn(usize) -> T, work: impl Fn(&T)) {
    assert_growth_at_most(MAX_RATIO_AT_8X, "near-linear", what, n, make, work);
}

/// As [`assert_near_linear`], with the allowed ratio and its name given.
fn assert_growth_at_most<T>(max_ratio: f64, expected: &str, what: &str, n: usize, make: impl Fn(usize) -> T, work: impl Fn(&T)) {
    // One test at a time, building its inputs included: the harness runs
    // tests in parallel, and a neighbour's work landing in only one of the
    // two timings skews the ratio.
    static TIMING: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _alone = TIMING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let small = make(n);
    let large = make(8 * n);
    work(&small); // warm up allocator and caches
    let t_small = best_of(3, || work(&small));
    let t_large = best_of(3, || work(&large));
    let ratio = t_large.as_secs_f64() / t_small.as_secs_f64().max(1e-6);
    eprintln!("{what}: n={n} {t_small:?}, 8n {t_large:?}, ratio {ratio:.1}");
    assert!(
        ratio <= max_ratio,
        "{what}: 8× the input took {ratio:.1}× the time ({t_small:?} → {t_large:?}); expected {expected} (≤ {max_ratio})"
    );
}

/// The yardstick itself: a quadratic path must fail it, a linear one pass.
#[test]
fn the_ratio_tells_quadratic_from_linear() {
    let sum_pairs = |v: &Vec<u64>| {
        let mut total = 0u64;
        for a in v {
            for b in v {
                total = total.wrapping_add(a ^ b);
            }
        }
        std::hint::black_box(total);
    };
    let quadratic = std::panic::catch_unwind(|| assert_near_linear("pairs", 400, |n| (0..n as u64).collect(), sum_pairs));
    assert!(quadratic.is_err(), "a quadratic path passed the complexity check");
    assert_near_linear("sum", 200_000, |n| (0..n as u64).collect::<Vec<_>>(), |v| {
        std::hint::black_box(v.iter().fold(0u64, |a, b| a.wrapping_add(*b)));
    });
}

// ---- ingest: CSV ------------------------------------------------------------

/// Ingests one file whole, as the app does, and checks its report.
fn ingest(name: &str, bytes: &[u8]) -> teamdiff::dataset::Dataset {
    common::ingest_bytes(name, bytes, &teamdiff::ingest::IngestOptions::default()).unwrap_or_else(|e| panic!("{e}")).0
}

/// A whole pull-request CSV, rows with dates, people and lists, each row
/// also a warning (an unreadable state) so the capped warnings are timed too.
#[test]
fn csv_ingest_grows_linearly_with_rows() {
    let make = |n: usize| {
        let mut text = String::from("number,title,author,created_at,merged_at,state,reviewers\n");
        for i in 0..n {
            text.push_str(&format!(
                "{i},Fix number {i},dev{},2026-01-{:02}T10:00:00Z,2026-02-01T10:00:00Z,sideways,r{};r{}\n",
                i % 50,
                i % 28 + 1,
                i % 7,
                i % 11
            ));
        }
        text
    };
    assert_near_linear("CSV rows", 2_000, make, |text| {
        std::hint::black_box(ingest("complexity.csv", text.as_bytes()));
    });
}

/// Records with quotes go through the parser one at a time, each handed
/// the rest of the text: it must stop at the record's end, however much
/// text follows. Quoted titles with commas, and every tenth one over two
/// lines, between plain rows read in place.
#[test]
fn quoted_csv_records_grow_linearly_with_rows() {
    let make = |n: usize| {
        let mut text = String::from("number,title,author,created_at,state\n");
        for i in 0..n {
            let title = match i % 10 {
                0 => format!("\"Fix {i},\nsecond line\""),
                1..=5 => format!("\"Fix, \"\"number\"\" {i}\""),
                _ => format!("Fix {i}"),
            };
            text.push_str(&format!("{i},{title},dev{},2026-01-{:02}T10:00:00Z,merged\r\n", i % 50, i % 28 + 1));
        }
        text
    };
    assert_near_linear("quoted CSV rows", 2_000, make, |text| {
        let dataset = ingest("complexity.csv", text.as_bytes());
        assert_eq!(dataset.pull_requests.len(), text.matches("merged").count());
        std::hint::black_box(dataset);
    });
}

/// One cell naming n approvers, half of them twice: de-duplication used to
/// compare each name with every name kept so far.
#[test]
fn list_deduplication_grows_linearly_with_the_list() {
    let make = |n: usize| {
        let approvers: Vec<String> = (0..n).map(|i| format!("person {}", i % (n / 2))).collect();
        format!("doc,team,author,date,approvers\nD,Core,ana,2026-01-05,{}\n", approvers.join(";"))
    };
    assert_near_linear("approvers in one cell", 5_000, make, |text| {
        let dataset = ingest("complexity.csv", text.as_bytes());
        assert_eq!(dataset.design_docs[0].approvers.len(), text.matches(';').count().div_ceil(2));
    });
}

/// The column-mapping step over a header of list columns and near misses
/// of single-value fields (`Titel`): every column is compared with every
/// field's spellings, and each single-value field may take one column.
#[test]
fn column_mapping_grows_linearly_with_the_columns() {
    let make = |n: usize| -> Vec<String> {
        (0..n).map(|i| if i % 2 == 0 { format!("Labels {}", i % 10) } else { format!("Titel {}", i % 10) }).collect()
    };
    assert_near_linear("column mapping", 2_000, make, |headers| {
        let suggestion = teamdiff::ingest::suggest_mapping(headers);
        assert_eq!(suggestion.columns.len(), headers.len());
    });
}

/// A file nobody recognises with a very wide header: header checks,
/// signature, the mapping suggestion and per-column samples.
#[test]
fn a_wide_header_grows_linearly_with_its_columns() {
    let make = |n: usize| {
        let header: Vec<String> = (0..n).map(|i| format!("measure {i}")).collect();
        let row: Vec<String> = (0..n).map(|i| i.to_string()).collect();
        format!("{}\n{}\n{}\n", header.join(","), row.join(","), row.join(","))
    };
    assert_near_linear("wide header", 500, make, |text| {
        let dataset = ingest("complexity.csv", text.as_bytes());
        assert_eq!(dataset.files[0].suggestion.as_ref().map(|s| s.columns.len()), Some(text.lines().next().unwrap().split(',').count()));
    });
}

/// A last row of n quoted fields on one line (the fuzzer's shape: a
/// one-line file of JSON pasted as CSV). The stray-quote check counted
/// each quoted field's column from the start of its line, so a few
/// megabytes of such a line never finished.
#[test]
fn quoted_fields_on_one_long_line_grow_linearly() {
    let make = |n: usize| {
        let fields: Vec<String> = (0..n).map(|i| format!("\"{{\"\"number\"\":{i}}}\"")).collect();
        format!("number,title,author,created_at,state\n1,One,ana,2026-01-05T10:00:00Z,open\n{}\n", fields.join(","))
    };
    assert_near_linear("quoted fields on one line", 4_000, make, |text| {
        let dataset = ingest("complexity.csv", text.as_bytes());
        assert_eq!(dataset.files[0].rows, 2);
    });
}

// ---- ingest: JSON -----------------------------------------------------------

/// A `gh pr list --json ...` export of `n` PRs, compact on one line as `gh`
/// prints it into a pipe: every element's column lies far from line start.
fn gh_export(n: usize) -> Vec<u8> {
    let prs: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"author":{{"login":"dev{a}"}},"createdAt":"2025-01-{d:02}T10:00:00Z","mergedAt":null,"number":{i},"reviewRequests":[{{"login":"dev{r}"}}],"reviews":[{{"author":{{"login":"dev{r}"}},"state":"APPROVED","submittedAt":"2025-01-{d:02}T12:00:00Z"}}],"state":"OPEN","title":"Change {i}"}}"#,
                a = i % 40,
                r = (i + 1) % 40,
                d = i % 28 + 1
            )
        })
        .collect();
    format!("[{}]", prs.join(",")).into_bytes()
}

/// Each element's line and column used to be counted from byte 0.
#[test]
fn json_positions_are_linear_in_elements() {
    assert_near_linear("gh json export", 400, gh_export, |bytes| {
        assert!(!ingest("complexity.json", bytes).pull_requests.is_empty());
    });
}

/// PRs that each carry a key no other has: every row used to get the union
/// of all keys, n objects × n columns.
fn disjoint_keys(n: usize) -> Vec<u8> {
    let objects: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"number":{i},"author":{{"login":"a"}},"createdAt":"2025-01-02","state":"OPEN","x{i}":1}}"#))
        .collect();
    format!("[\n{}\n]", objects.join(",\n")).into_bytes()
}

#[test]
fn json_disjoint_keys_are_linear_in_objects() {
    assert_near_linear("json disjoint keys", 300, disjoint_keys, |bytes| {
        std::hint::black_box(ingest("complexity.json", bytes));
    });
}

/// A GraphQL dump of `n` PRs with nested review connections, behind a
/// sibling key as large as the nodes: the wrapper is walked, not searched
/// from each element.
fn graphql_dump(n: usize) -> Vec<u8> {
    let nodes: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"number":{i},"title":"Change {i}","author":{{"login":"dev{a}"}},"createdAt":"2025-01-{d:02}T10:00:00Z","mergedAt":null,"reviews":{{"nodes":[{{"author":{{"login":"dev{r}"}},"state":"APPROVED","submittedAt":"2025-01-{d:02}T12:00:00Z"}}]}}}}"#,
                a = i % 40,
                r = (i + 1) % 40,
                d = i % 28 + 1
            )
        })
        .collect();
    let padding: Vec<String> = (0..n).map(|i| format!(r#"{{"k":"{i}"}}"#)).collect();
    format!(r#"{{"data":{{"repository":{{"labels":[{}],"pullRequests":{{"nodes":[{}]}}}}}}}}"#, padding.join(","), nodes.join(","))
        .into_bytes()
}

#[test]
fn json_graphql_wrappers_are_linear_in_nodes() {
    assert_near_linear("graphql dump", 400, graphql_dump, |bytes| {
        let d = ingest("complexity.json", bytes);
        assert!(!d.pull_requests.is_empty() && d.reviews.len() == d.pull_requests.len());
    });
}


// ---- model, tripwires and views ---------------------------------------------

use chrono::{Duration as Days, NaiveDate};
use teamdiff::dataset::{Dataset, Person, PrState, PullRequest, RowRef, TwoTexts};

/// Work that must not grow with a size at all, such as the length of a time
/// span (unlike a row count), may cost this much more at 8× the size: 1 is
/// flat, 8 linear, and the margin absorbs noise.
const MAX_RATIO_FLAT: f64 = 4.0;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 16).unwrap()
}

/// `prs` open, unreviewed PRs by one engineer, each created `years` ago:
/// `slow_first_review` counts the business hours every one has waited.
fn open_prs_created_years_ago(years: usize, prs: usize) -> Dataset {
    let created = (today() - Days::days(365 * years as i64)).and_hms_opt(9, 0, 0).unwrap();
    let at = |line| RowRef { file: 0, line };
    Dataset {
        people: vec![Person { source: at(1), name: "Ada".into(), team: "Core".into(), role: "engineer".into(), identities: Vec::new() }],
        pull_requests: (0..prs)
            .map(|i| PullRequest {
                source: at(i as u32 + 2),
                number_and_title: TwoTexts::new(&i.to_string(), "old"),
                repo: "api".into(),
                author: "Ada".into(),
                created: Some(created),
                merged: None,
                closed: None,
                state: PrState::Open,
                reviewers: Default::default(),
                extras: None,
            })
            .collect(),
        ..Dataset::default()
    }
}

#[test]
fn business_hours_do_not_grow_with_how_long_ago_a_pr_was_opened() {
    let model = teamdiff::model::TeamModel::default();
    assert_growth_at_most(
        MAX_RATIO_FLAT,
        "independent of the span",
        "slow_first_review over PRs opened n years ago",
        4,
        |years| open_prs_created_years_ago(years, 3_000),
        |dataset| {
            std::hint::black_box(teamdiff::findings::evaluate(dataset, &model, today()));
        },
    );
}

use teamdiff::model::TeamModel;
use teamdiff::present::Pseudonymizer;
use teamdiff::testkit::orgs as synthetic;
use teamdiff::views::FindingRow;

/// Every tripwire over an org and its model, with half of one run's
/// findings accepted as allowed deviations (the model file's list).
fn org_and_model(people: usize, teams: usize) -> (Dataset, TeamModel) {
    let dataset = synthetic::full_org(people, teams);
    let mut model = TeamModel::from_dataset(&dataset);
    // As a model file lists them (`accept` re-sorts per call, which is
    // fine for a click but not for building thousands here).
    let found = teamdiff::findings::evaluate(&dataset, &model, today());
    model.accepted = found.iter().step_by(2).map(|f| f.accepted("agreed in the workshop", today() + Days::days(30), today())).collect();
    (dataset, model)
}

fn evaluate_all((dataset, model): &(Dataset, TeamModel)) {
    std::hint::black_box(teamdiff::findings::evaluate(dataset, model, today()));
}

#[test]
fn all_tripwires_over_an_org_growing_in_teams() {
    assert_near_linear("tripwires, 8 people per team, n teams", 30, |teams| org_and_model(teams * 8, teams), evaluate_all);
}

#[test]
fn all_tripwires_over_teams_growing_in_rows() {
    assert_near_linear("tripwires, 3 teams of n people", 200, |people| org_and_model(people, 3), evaluate_all);
}

/// The presenter snapshot (every view-model, pseudonymised) and every
/// chart of the registry drawn from it.
#[test]
fn every_chart_view_over_an_org_growing_in_teams() {
    use teamdiff::present::{self, charts::CHARTS, Presenter, State};
    let make = |teams: usize| {
        let dataset = synthetic::full_org(teams * 4, teams);
        let model = TeamModel::from_dataset(&dataset);
        (dataset, model)
    };
    assert_near_linear("snapshot and chart views, n teams", 40, make, |(dataset, model)| {
        let snapshot = present::snapshot(&State { presenter: Presenter::On, ..State::of(&teamdiff::dataset::Index::new(dataset), model, &[], synthetic::today()) }, None);
        for chart in &CHARTS {
            std::hint::black_box(chart.section(&snapshot));
        }
    });
}

#[test]
fn digest_over_teams() {
    let make = |teams: usize| {
        let dataset = synthetic::org(teams * 4, teams);
        let findings: Vec<FindingRow> = dataset
            .team_names()
            .into_iter()
            .flat_map(|team| ["stale_update", "quiet_contributor"].map(|t| FindingRow { tripwire: t.into(), team: team.clone(), ..Default::default() }))
            .collect();
        (dataset, findings)
    };
    assert_near_linear("org digest, n teams", 300, make, |(dataset, findings)| {
        std::hint::black_box(teamdiff::views::digest::org_digest(&teamdiff::dataset::Index::new(dataset), synthetic::today(), findings, 12));
    });
}

/// Past the 25,974 short codes, every further name once scanned them all.
#[test]
fn pseudonyms_for_many_names() {
    let names = |n: usize| (0..n).map(|i| format!("Person number {i}")).collect::<Vec<_>>();
    assert_near_linear("pseudonymise n names", 3_500, names, |names| {
        std::hint::black_box(Pseudonymizer::new(names.iter().map(String::as_str)));
    });
}

/// Many names sharing a first word, and a text naming each of them: every
/// mention once tried every name with that first word.
#[test]
fn scrubbing_a_long_text_of_many_names() {
    let make = |n: usize| {
        let names: Vec<String> = (0..n).map(|i| format!("Sam {i:05}x")).collect();
        let text = names.iter().map(|name| format!("{name} waits on sam {}, ", name.len())).collect::<String>();
        (Pseudonymizer::new(names.iter().map(String::as_str)), text)
    };
    assert_near_linear("scrub a text naming n of n names", 4_000, make, |(pseudonyms, text)| {
        std::hint::black_box(pseudonyms.scrub(text));
    });
}

/// One row whose list cells name n people or sprints: de-duplicating or
/// matching them pairwise was quadratic in the cell.
#[test]
fn tripwires_over_list_cells_of_n_names() {
    use teamdiff::dataset::{Decision, DecisionLevel, DesignDoc, Name, StatusCategory, TwoTexts, WorkItem};
    let make = |n: usize| {
        let names: Vec<String> = (0..n).map(|i| format!("Approver {i}")).collect();
        let at = RowRef { file: 0, line: 2 };
        let dataset = Dataset {
            decisions: vec![Decision {
                source: at,
                decision: "Move to the new queue".into(),
                team: "Core".into(),
                level: Some(DecisionLevel::Edge),
                raised: Some(today() - Days::days(3)),
                decided: None,
                approvals: names.iter().chain(&names).map(Name::from).collect(),
            }],
            design_docs: vec![DesignDoc {
                source: at,
                doc: "RFC 1".into(),
                team: "Core".into(),
                author: "Ada".into(),
                date: Some(today()),
                approvers: names.iter().step_by(2).map(|n| n.to_uppercase().into()).collect(),
                required_approvers: names.iter().map(Name::from).collect(),
            }],
            work_items: vec![WorkItem {
                key_and_title: TwoTexts::new("ENG-1", ""),
                category: Some(StatusCategory::InProgress),
                sprints: (0..n).map(|i| format!("Sprint {}", i % (n / 2)).into()).collect(),
                ..WorkItem::default()
            }],
            ..Dataset::default()
        };
        let model = TeamModel::from_dataset(&dataset);
        (dataset, model)
    };
    assert_near_linear("tripwires over list cells of n names", 4_000, make, evaluate_all);
}

#[test]
fn leadership_positions_over_teams() {
    let make = |teams: usize| {
        let (dataset, model) = org_and_model(teams * 3, teams);
        let findings = teamdiff::findings::evaluate(&dataset, &model, today());
        (dataset, model, findings)
    };
    assert_near_linear("leadership positions, n teams", 300, make, |(dataset, model, findings)| {
        std::hint::black_box(teamdiff::findings::leadership_positions(dataset, model, findings, today()));
    });
}

#[test]
fn norm_suggestions_over_teams() {
    assert_near_linear("norm suggestions, n teams", 60, |teams| org_and_model(teams * 4, teams), |(dataset, model)| {
        std::hint::black_box(teamdiff::model::suggest_norms(&teamdiff::dataset::Index::new(dataset), model, today()));
    });
}

#[test]
fn the_dataset_index_and_its_lookups_over_people() {
    assert_near_linear("dataset index and every lookup, n people", 1_000, |people| synthetic::org(people, people / 8), |dataset| {
        let index = teamdiff::dataset::Index::new(dataset);
        let placed = dataset.work_items.iter().filter(|item| index.item_team(item) != teamdiff::dataset::index::NO_TEAM).count();
        let contributors = index.people().filter(|p| index.is_contributor(&p.name)).count();
        let reviewed = dataset.pull_requests.iter().filter(|pr| index.reviews().first_review(pr).is_some()).count();
        std::hint::black_box((placed, contributors, reviewed));
    });
}

/// n people known by a GitHub login and an email besides their name, PRs
/// and reviews under those logins, every tenth login matching nobody (so
/// listed with suggestions) and every twentieth confirmed by hand: the
/// index must resolve each name by hash lookup, not by a scan of the
/// roster per row, and the suggestions must stay bounded per name.
#[test]
fn identity_resolution_and_suggestions_over_people() {
    let make = |people: usize| {
        let mut dataset = synthetic::org(people, people / 8);
        let login = |name: &str| name.to_lowercase().replace(' ', ".");
        let mut confirmed = std::collections::BTreeMap::new();
        for (i, person) in dataset.people.iter_mut().enumerate() {
            if i % 10 != 0 {
                person.identities = vec![login(&person.name), format!("{}@corp.example", login(&person.name))];
            } else if i % 20 == 0 {
                confirmed.insert(login(&person.name), person.name.clone());
            }
        }
        for pr in &mut dataset.pull_requests {
            pr.author = login(&pr.author).into();
        }
        for review in &mut dataset.reviews {
            review.reviewer = format!("CORP\\{}", login(&review.reviewer)).into();
        }
        (dataset, confirmed)
    };
    assert_near_linear("identity index, lookups and suggestions, n people", 200, make, |(dataset, confirmed)| {
        let index = teamdiff::dataset::Index::with_identities(dataset, Default::default(), confirmed);
        let placed = dataset.pull_requests.iter().filter(|pr| index.team_of(&pr.author).is_some()).count();
        let reviewers = dataset.reviews.iter().map(|r| index.canonical(&r.reviewer).len()).sum::<usize>();
        let view = teamdiff::views::identities::identities(&index, confirmed);
        assert!(!view.unmatched.is_empty() && view.unmatched.iter().any(|u| !u.suggestions.is_empty()));
        std::hint::black_box((placed, reviewers, view));
    });
}

/// Data coverage over an organisation growing in teams: every row finds
/// its team's row by hash, and gaps are grouped per team and tripwire.
#[test]
fn data_coverage_over_an_org_growing_in_teams() {
    let make = |teams: usize| {
        let (dataset, model) = org_and_model(teams * 8, teams);
        let gaps = teamdiff::findings::evaluate_report(&teamdiff::dataset::Index::new(&dataset), &model, today()).not_enough_data;
        (dataset, model, gaps)
    };
    assert_near_linear("data coverage, n teams", 40, make, |(dataset, model, gaps)| {
        let index = teamdiff::dataset::Index::new(dataset);
        std::hint::black_box(teamdiff::views::coverage::coverage(&index, model.teams.keys().map(String::as_str), gaps));
    });
}

/// One team under n active interventions: the Leadership view found each
/// of the team's interventions by scanning all of them.
#[test]
fn leadership_view_of_a_team_under_n_interventions() {
    use teamdiff::dataset::Intervention;
    let make = |n: usize| {
        let dataset = Dataset {
            people: vec![Person { source: RowRef { file: 0, line: 2 }, name: "Ada".into(), team: "Core".into(), role: String::new(), identities: Vec::new() }],
            interventions: (0..n)
                .map(|i| Intervention {
                    source: RowRef { file: 1, line: i as u32 + 2 },
                    team: "Core".into(),
                    started: Some(today() - Days::days(10)),
                    planned_end: None,
                    ended: None,
                    exit_criterion: Some("two quiet weeks".into()),
                    reason: format!("incident {i}"),
                })
                .collect(),
            ..Dataset::default()
        };
        let model = TeamModel::from_dataset(&dataset);
        (dataset, model)
    };
    assert_near_linear("leadership view, one team under n interventions", 2_500, make, |(dataset, model)| {
        std::hint::black_box(teamdiff::present::analysis::analyse(&teamdiff::dataset::Index::new(dataset), model, &[], today()));
    });
}

/// The digest rolled up by group: a group's line is its teams' rows added
/// up, never a scan of every row per group.
#[test]
fn digest_by_group_over_teams() {
    use teamdiff::views::digest::DigestRow;
    let make = |teams: usize| {
        let dataset = synthetic::org(40, 4);
        let index = teamdiff::dataset::Index::new(&dataset);
        let trend = teamdiff::views::digest::org_digest(&index, synthetic::today(), &[], 12).remove(0).trend;
        (0..teams)
            .map(|i| DigestRow {
                team: format!("Team {i}"),
                flavor: "infra".into(),
                last_update_age_days: Some(i as i64 % 30),
                status: Some("green".into()),
                open_findings: [("stale_update".to_string(), i % 2), ("quiet_contributor".to_string(), 3)].into_iter().collect(),
                trend: trend.clone(),
                group: Some(format!("Group {}", i / 10)),
                systemic_findings: i % 3,
            })
            .collect::<Vec<_>>()
    };
    assert_near_linear("digest by group, n teams in n / 10 groups", 4_000, make, |rows| {
        std::hint::black_box(teamdiff::views::groups::digest_by_group(rows));
    });
}

/// Systemic findings, model drift and triage (the first screen of
/// Deviations) over an org and its findings, growing in teams and in
/// people per team.
fn systemic_drift_and_triage((dataset, model, findings): &(Dataset, TeamModel, Vec<teamdiff::findings::Finding>)) {
    use teamdiff::findings::systemic::{suggest_updates, systemic_findings, History};
    let index = teamdiff::dataset::Index::new(dataset);
    let history = History::read(&index, model, today());
    let mut systemic = systemic_findings(&index, findings);
    suggest_updates(&mut systemic, &history, model);
    let drift = teamdiff::findings::drift::model_drift(&index, model, findings, &history);
    std::hint::black_box(teamdiff::views::triage::triage(findings, &systemic, &drift, &Default::default()));
}

fn org_model_and_findings(people: usize, teams: usize) -> (Dataset, TeamModel, Vec<teamdiff::findings::Finding>) {
    let (dataset, model) = org_and_model(people, teams);
    let findings = teamdiff::findings::evaluate(&dataset, &model, today());
    (dataset, model, findings)
}

#[test]
fn systemic_drift_and_triage_over_teams() {
    assert_near_linear("systemic, drift and triage, 8 people per team, n teams", 40, |teams| org_model_and_findings(teams * 8, teams), systemic_drift_and_triage);
}

#[test]
fn systemic_drift_and_triage_over_people_per_team() {
    assert_near_linear("systemic, drift and triage, 3 teams of n people", 200, |people| org_model_and_findings(people, 3), systemic_drift_and_triage);
}

#[test]
fn the_as_of_cut_is_linear_in_rows() {
    assert_near_linear(
        "Dataset::as_of a month back, 8 people per team, n teams",
        120,
        |teams| synthetic::full_org(teams * 8, teams),
        |dataset| {
            let cut = dataset.as_of(today() - Days::days(30));
            assert!(cut.statuses_approximated_on.is_some(), "rows were cut");
            std::hint::black_box(cut.pull_requests.len());
        },
    );
}
