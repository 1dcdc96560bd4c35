//! Saved reviews through the engine, as the page uses them: "Save this
//! review" on the demo organisation, then a later state of its files
//! dropped with the saved review, in either order, shows what changed;
//! a bad review file is refused where it is bad and changes nothing; and
//! presenter mode hides every name in it, those of people who left too.

use chrono::NaiveDate;
use teamdiff::demo::{generate, DemoSize};
use teamdiff::engine::{Engine, Event, Request, Snapshot};
use teamdiff::review::Review;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn demo_files() -> Vec<(String, String)> {
    generate(DemoSize::Small, 42, today()).into_iter().map(|f| (f.name, String::from_utf8(f.bytes).unwrap())).collect()
}

/// The demo two weeks of exports later, as the e2e test makes it too:
/// Ivy Chen finally contacted (her drift resolves), Priya Nair moved from
/// Comet to Bedrock, Tom Reyes now keenly interested, and a new, never
/// contacted stakeholder (a new drift finding).
fn later_files() -> Vec<(String, String)> {
    demo_files()
        .into_iter()
        .map(|(name, text)| {
            let text = match name.as_str() {
                "roster.csv" => text.replace("Priya Nair,Comet,", "Priya Nair,Bedrock,"),
                "stakeholders.csv" => {
                    let text = text.replace("Ivy Chen,Support Lead,2,4,\n", &format!("Ivy Chen,Support Lead,2,4,{}\n", today()));
                    let text = text.replace("Tom Reyes,CFO,5,2,", "Tom Reyes,CFO,5,5,");
                    text + "Noor Aziz,Head of Legal,5,5,\n"
                }
                _ => text,
            };
            (name, text)
        })
        .collect()
}

/// One drop: its events, the snapshot last.
fn drop_files(engine: &mut Engine, files: &[(&str, &[u8])]) -> (Vec<Event>, Snapshot) {
    let mut events = Vec::new();
    let mut batch = engine.batch();
    for (name, bytes) in files {
        batch.add_file(name, bytes, &mut |e| events.push(e));
    }
    let snapshot = batch.finish(&mut |e| events.push(e));
    (events, snapshot)
}

fn drop_texts(engine: &mut Engine, files: &[(String, String)]) -> (Vec<Event>, Snapshot) {
    let files: Vec<(&str, &[u8])> = files.iter().map(|(n, t)| (n.as_str(), t.as_bytes())).collect();
    drop_files(engine, &files)
}

fn ask(engine: &mut Engine, request: Request) -> (Vec<Event>, Snapshot) {
    let mut events = Vec::new();
    let snapshot = engine.handle(request, &mut |e| events.push(e));
    (events, snapshot)
}

/// Saves the review of the demo as the page would: (file name, JSON).
fn saved_demo_review(presenter: bool) -> (String, String) {
    let mut engine = Engine::new(today());
    drop_texts(&mut engine, &demo_files());
    if presenter {
        ask(&mut engine, Request::SetPresenter { on: true });
    }
    let (events, _) = ask(&mut engine, Request::SaveReview);
    let files: Vec<(String, String)> =
        events.into_iter().filter_map(|e| if let Event::ReviewFile { name, json } = e { Some((name, json)) } else { None }).collect();
    assert_eq!(files.len(), 1, "one file per request");
    files.into_iter().next().unwrap()
}

fn keys(list: &[teamdiff::review::diff::FindingChange]) -> Vec<&str> {
    list.iter().map(|f| f.key.as_str()).collect()
}

#[test]
fn a_saved_review_dropped_with_later_exports_shows_what_changed_in_either_order() {
    let (name, json) = saved_demo_review(false);
    assert_eq!(name, "teamdiff-review-2026-11-22.json");
    let saved = Review::from_json(&json).unwrap();
    assert!(saved.findings.iter().any(|f| f.subject == "Ivy Chen"), "the demo has Ivy Chen's drift to resolve");

    let later = later_files();
    let mut review_first = Engine::new(today());
    let mut files = vec![(name.clone(), json.clone())];
    files.extend(later.iter().cloned());
    let (events, first) = drop_texts(&mut review_first, &files);
    assert!(!events.iter().any(|e| matches!(e, Event::FileRefused { .. })), "the review is not read as an export");
    assert_eq!(first.overview.files.len(), later.len(), "the review is no data file");

    let mut review_later = Engine::new(today());
    drop_texts(&mut review_later, &later);
    assert!(review_later.snapshot().changes.is_none(), "nothing to compare with yet");
    let (_, second) = drop_files(&mut review_later, &[(name.as_str(), json.as_bytes())]);

    let changes = first.changes.clone().expect("what changed");
    assert_eq!(second.changes, Some(changes.clone()), "the same whichever came first");
    assert_eq!((changes.since, changes.as_of, changes.saved_file.as_str()), (today(), today(), name.as_str()));
    assert!(keys(&changes.resolved).contains(&"shareholder_drift|(organisation)|Ivy Chen"), "{:?}", keys(&changes.resolved));
    assert!(keys(&changes.new).contains(&"shareholder_drift|(organisation)|Noor Aziz"), "{:?}", keys(&changes.new));
    assert!(keys(&changes.resolved).contains(&"quiet_contributor|Comet|Priya Nair"), "moved team: no longer Comet's");
    assert!(!changes.persisting.is_empty());
    assert_eq!(changes.new.len() + changes.persisting.len(), first.analysis.findings.len());
    let priya = changes.roster.iter().find(|m| m.person == "Priya Nair").expect("a roster move");
    assert_eq!((priya.from.as_deref(), priya.to.as_deref()), (Some("Comet"), Some("Bedrock")));
    let tom = changes.stakeholders.iter().find(|s| s.name == "Tom Reyes").expect("a quadrant move");
    assert!(tom.moved());
    assert!(changes.teams.iter().any(|t| t.team == "Comet" && t.left == 1));

    // The report carries it.
    let report = teamdiff::present::report(&first, Vec::new());
    assert!(report.contains("What changed since 2026-11-22"), "the report has the section");
    assert!(report.contains("Noor Aziz"));
}

#[test]
fn saving_again_after_a_compared_review_carries_how_long_findings_have_been_open() {
    let (name, json) = saved_demo_review(false);
    let mut saved = Review::from_json(&json).unwrap();
    let long_ago = NaiveDate::from_ymd_opt(2026, 8, 1).unwrap();
    for f in &mut saved.findings {
        f.since = long_ago;
    }
    let mut engine = Engine::new(today());
    let mut files = later_files();
    files.push((name, saved.to_json()));
    let (_, snapshot) = drop_texts(&mut engine, &files);
    let changes = snapshot.changes.unwrap();
    assert!(changes.persisting.iter().all(|f| f.persisted_days == Some((today() - long_ago).num_days())));
    let (events, _) = ask(&mut engine, Request::SaveReview);
    let Some(Event::ReviewFile { json, .. }) = events.into_iter().find(|e| matches!(e, Event::ReviewFile { .. })) else { panic!("no file") };
    let again = Review::from_json(&json).unwrap();
    let persisting: Vec<_> = again.findings.iter().filter(|f| changes.persisting.iter().any(|p| p.key == f.key)).collect();
    assert!(!persisting.is_empty() && persisting.iter().all(|f| f.since == long_ago));
}

#[test]
fn a_bad_review_is_refused_where_it_is_bad_and_the_one_compared_with_stays() {
    let (name, json) = saved_demo_review(false);
    let mut engine = Engine::new(today());
    let mut files = later_files();
    files.push((name, json.clone()));
    let (_, before) = drop_texts(&mut engine, &files);
    let kept = before.changes.clone().unwrap();
    let bad: [(&str, String, &str); 3] = [
        ("cut.json", json[..json.len() / 3].to_string(), "cut off"),
        ("newer.json", json.replacen("\"version\": 1", "\"version\": 3", 1), "newer teamdiff"),
        ("model.json", json.replacen("\"teamdiff-review\"", "\"teamdiff-review\", \"rows\": []", 1), "unknown field `rows`"),
    ];
    for (bad_name, text, says) in bad {
        let (events, after) = drop_files(&mut engine, &[(bad_name, text.as_bytes())]);
        let refused: Vec<_> = events.iter().filter_map(|e| if let Event::FileRefused { error } = e { Some(error) } else { None }).collect();
        assert_eq!(refused.len(), 1, "{bad_name}");
        assert_eq!(refused[0].path, bad_name);
        assert!(refused[0].message.contains(says) && refused[0].line > 0 && refused[0].column > 0, "{}", refused[0]);
        assert_eq!(after.changes.as_ref(), Some(&kept), "{bad_name} changed nothing");
        assert_eq!(after.overview.files.len(), before.overview.files.len());
    }
    let (_, forgotten) = ask(&mut engine, Request::ForgetReview);
    assert!(forgotten.changes.is_none());
}

#[test]
fn presenter_mode_hides_every_name_in_what_changed_even_of_people_who_left() {
    // Saved with presenter mode on: the file still holds real names, or
    // the next comparison would compare pseudonyms with names.
    let (name, json) = saved_demo_review(true);
    assert!(json.contains("Priya Nair"));
    // Someone who has left since is in no file now, only in the review.
    let mut saved = Review::from_json(&json).unwrap();
    saved.teams.get_mut("Comet").unwrap().push("Zed Quill".into());
    let mut about_zed = saved.findings.iter().find(|f| f.tripwire == "quiet_contributor").unwrap().clone();
    (about_zed.key, about_zed.subject, about_zed.person) = ("quiet_contributor|Comet|Zed Quill".into(), "Zed Quill".into(), Some("Zed Quill".into()));
    saved.findings.push(about_zed);
    let json = saved.to_json();
    let mut later = later_files();
    // Someone on the saved roster has left: no file names them now.
    for (file, text) in &mut later {
        if file == "roster.csv" {
            *text = text.lines().filter(|l| !l.starts_with("Jonas Berg,")).map(|l| format!("{l}\n")).collect();
        }
    }
    let mut engine = Engine::new(today());
    ask(&mut engine, Request::SetPresenter { on: true });
    later.push((name, json));
    let (_, snapshot) = drop_texts(&mut engine, &later);
    let changes = snapshot.changes.clone().unwrap();
    assert!(changes.roster.iter().filter(|m| m.to.is_none()).count() == 2, "Jonas Berg and Zed Quill left the roster");
    let shown = serde_json::to_string(&changes).unwrap().to_lowercase();
    for name in saved.names() {
        assert!(!shown.contains(&name.to_lowercase()), "{name} is in the presented What changed");
    }
    let report = teamdiff::present::report(&snapshot, Vec::new()).to_lowercase();
    for name in saved.names() {
        assert!(!report.contains(&name.to_lowercase()), "{name} is in the presented report");
    }
    assert!(changes.roster.iter().all(|m| m.person.starts_with("Person ")));
    let pseudonyms: std::collections::BTreeSet<&str> = changes.roster.iter().map(|m| m.person.as_str()).collect();
    assert_eq!(pseudonyms.len(), changes.roster.len(), "distinct people keep distinct pseudonyms");
}

/// Stakeholders over time, from the files as a leader has them: one file
/// with a `date` column rating people several times, or two files from
/// different dates without one.
#[test]
fn several_ratings_of_a_stakeholder_give_their_path_and_quadrant_changes() {
    let dated = "name,role,power,interest,last_contact,date\n\
                 Tom Reyes,CFO,5,2,2026-09-01,2026-09-01\n\
                 Ivy Chen,Support Lead,2,4,2026-11-01,2026-11-01\n\
                 Tom Reyes,CFO,5,5,2026-11-20,2026-11-15\n\
                 Tom Reyes,CFO,4,4,,2026-10-01\n";
    let mut engine = Engine::new(today());
    let (_, snapshot) = drop_files(&mut engine, &[("stakeholders.csv", dated.as_bytes())]);
    let grid = &snapshot.stakeholders;
    assert_eq!(grid.points.len(), 2, "one point per stakeholder");
    let tom = grid.points.iter().find(|p| p.label == "Tom Reyes").unwrap();
    assert_eq!(tom.history.len(), 2);
    assert_eq!(tom.rated_on, NaiveDate::from_ymd_opt(2026, 11, 15), "the latest by date, not by line");
    assert_eq!(tom.days_since_contact, Some(2), "the latest contact of any rating");
    let changes: Vec<String> = tom.quadrant_changes().iter().map(|c| format!("{} → {} {:?}", c.from.label(), c.to.label(), c.on)).collect();
    assert_eq!(changes, ["keep satisfied → manage closely Some(2026-10-01)"]);
    assert_eq!(
        snapshot.analysis.findings.iter().filter(|f| f.row.tripwire == "shareholder_drift" && f.row.subject == "Tom Reyes").count(),
        0,
        "one stakeholder, contacted two days ago: no drift from an old row"
    );

    // Two files, no dates: the later file is the later rating.
    let september = "name,role,power,interest,last_contact\nTom Reyes,CFO,5,2,2026-09-01\n";
    let november = "name,role,power,interest,last_contact\nTom Reyes,CFO,Low,High,2026-11-20\n";
    let mut engine = Engine::new(today());
    drop_files(&mut engine, &[("stakeholders-september.csv", september.as_bytes())]);
    let (_, snapshot) = drop_files(&mut engine, &[("stakeholders-november.csv", november.as_bytes())]);
    let tom = &snapshot.stakeholders.points[0];
    assert_eq!(snapshot.stakeholders.points.len(), 1);
    assert_eq!(tom.path().len(), 2);
    let change = &tom.quadrant_changes()[0];
    assert_eq!((change.from.label(), change.to.label(), change.on), ("keep satisfied", "keep informed", None));
}

/// Names and subjects come from files: in the report they stay text.
#[test]
fn what_changed_in_the_report_is_escaped() {
    let (name, json) = saved_demo_review(false);
    let mut saved = Review::from_json(&json).unwrap();
    saved.teams.insert("</table><script>alert(1)</script>".into(), vec!["<img src=x onerror=alert(2)>".into()]);
    saved.findings[0].subject = "<b>bold</b>".into();
    saved.findings[0].key = "quiet|<b>bold</b>".into();
    let mut engine = Engine::new(today());
    let mut files = later_files();
    files.push((name, saved.to_json()));
    let (_, snapshot) = drop_texts(&mut engine, &files);
    let report = teamdiff::present::report(&snapshot, Vec::new());
    assert!(!report.to_lowercase().contains("<script"), "no script in the report");
    assert!(!report.contains("<img") && !report.contains("<b>"));
    assert!(report.contains("&lt;img src=x onerror=alert(2)&gt;") && report.contains("&lt;b&gt;bold&lt;/b&gt;"));
}
