//! Jira exported in every language a site can use, and every date form the
//! supported tools write.
//!
//! Each `jira_<locale>.csv` fixture is written the way Jira writes it: a
//! UTF-8 BOM, repeated `Sprint`, `Labels` and `Comment` columns, quoted
//! multi-line cells, localized headers and month abbreviations (with their
//! dots). Every locale must load as Jira with the same values an English
//! export would give.

mod common;

use chrono::NaiveDateTime;
use common::*;
use teamdiff::dataset::{Dataset, FileKind, StatusCategory};
use teamdiff::ingest::KINDS;

/// What one locale's fixture must read as, row by row.
struct Locale {
    file: &'static str,
    keys: &'static [&'static str],
    titles: &'static [&'static str],
    types: &'static [&'static str],
    statuses: &'static [&'static str],
    assignees: &'static [Option<&'static str>],
    /// `YYYY-MM-DD HH:MM`, as written (Jira gives no zone).
    created: &'static [&'static str],
    resolved: &'static [Option<&'static str>],
    team: &'static str,
    /// The first row's two sprints and two labels: every repeat is read.
    sprints: [&'static str; 2],
    labels: [&'static str; 2],
}

use StatusCategory::{Done, InProgress, Todo};

/// Every fixture here has one done, one in-progress and one to-do issue.
const CATEGORIES: [StatusCategory; 3] = [Done, InProgress, Todo];

fn check(locale: &Locale) -> Dataset {
    let d = load_cleanly(locale.file, FileKind::Jira);
    let r = report(&d);
    assert_eq!((r.rows, r.kept), (locale.keys.len() as u64, locale.keys.len() as u64), "{}", locale.file);
    let items = &d.work_items;
    for (i, w) in items.iter().enumerate() {
        let at = format!("{} row {}", locale.file, i + 1);
        assert_eq!(w.key(), locale.keys[i], "{at}");
        assert_eq!(w.title(), locale.titles[i], "{at}");
        assert_eq!(w.item_type, locale.types[i], "{at}");
        assert_eq!(w.status, locale.statuses[i], "{at}");
        assert_eq!(w.category, Some(CATEGORIES[i]), "{at}: the localized status category is read");
        assert_eq!(w.assignee.as_deref(), locale.assignees[i], "{at}");
        assert_eq!(w.created, Some(ts(locale.created[i])), "{at}: created");
        assert_eq!(w.resolved, locale.resolved[i].map(ts), "{at}: resolved");
        assert_eq!(w.team.as_deref(), Some(locale.team), "{at}: the project name is the team");
    }
    let first = &items[0];
    assert_eq!(*first.sprints, locale.sprints, "{}", locale.file);
    assert_eq!(*first.labels, locale.labels, "{}", locale.file);
    assert_eq!(first.estimate.get(), Some(3.0), "{}: the localized custom field feeds the estimate", locale.file);
    assert_eq!(items[1].estimate.get(), Some(5.0), "{}", locale.file);
    let comments = &first.activity().expect("both comment columns are kept").comments;
    assert_eq!(comments.len(), 2, "{}: {comments:?}", locale.file);
    assert!(comments[0].contains('\n'), "{}: the multi-line comment stays whole: {comments:?}", locale.file);
    assert!(items[1].title().contains('\n'), "{}: the multi-line summary stays whole", locale.file);
    d
}

#[test]
fn jira_english_with_work_item_headers() {
    check(&Locale {
        file: "jira_en_work_items.csv",
        keys: &["WORK-1", "WORK-2", "WORK-3"],
        titles: &["Fix checkout", "Add 3DS\nfor EU cards", "Clean up logs"],
        types: &["Bug", "Story", "Task"],
        statuses: &["Done", "In Progress", "To Do"],
        assignees: &[Some("Ada Lovelace"), Some("Grace Hopper"), None],
        created: &["2026-02-19 19:31", "2025-09-02 09:05", "2025-12-12 12:30"],
        resolved: &[Some("2026-02-21 08:45"), None, None],
        team: "Checkout",
        sprints: ["WORK Sprint 1", "WORK Sprint 2"],
        labels: ["checkout", "urgent"],
    });
}

#[test]
fn jira_french() {
    check(&Locale {
        file: "jira_fr.csv",
        keys: &["PAIE-1", "PAIE-2", "PAIE-3"],
        titles: &["Corriger le paiement", "Ajouter 3DS\npour les cartes UE", "Nettoyer les journaux"],
        types: &["Bug", "Story", "Tâche"],
        statuses: &["Terminé", "En cours", "À faire"],
        assignees: &[Some("Amélie Durand"), Some("Benoît Roy"), None],
        created: &["2026-02-19 19:31", "2026-01-03 09:05", "2025-12-12 12:30"],
        resolved: &[Some("2026-02-21 08:45"), None, None],
        team: "Paiements",
        sprints: ["PAIE Sprint 1", "PAIE Sprint 2"],
        labels: ["paiement", "urgent"],
    });
}

#[test]
fn jira_german_keeps_watchers_and_work_log() {
    let d = check(&Locale {
        file: "jira_de.csv",
        keys: &["ZAHL-1", "ZAHL-2", "ZAHL-3"],
        titles: &["Zahlung reparieren", "3DS für\nEU-Karten", "Logs aufräumen"],
        types: &["Fehler", "Story", "Aufgabe"],
        statuses: &["Fertig", "In Arbeit", "Zu erledigen"],
        assignees: &[Some("Jürgen Weiß"), Some("Petra Groß"), None],
        // `Mär`, `März.`, `Dez` and the Austrian `Jän`.
        created: &["2026-03-05 14:15", "2025-12-12 16:00", "2026-01-17 08:05"],
        resolved: &[Some("2026-03-09 08:30"), None, None],
        team: "Zahlungen",
        sprints: ["ZAHL Sprint 1", "ZAHL Sprint 2"],
        labels: ["zahlung", "dringend"],
    });
    let activity = d.work_items[0].activity().unwrap();
    assert_eq!(activity.watchers, ["petra"]);
    assert_eq!(activity.work_log, ["06/Mär/26 9:00 AM;557058:aaa;3600"]);
}

/// Loads a fixture that must be recognised as `kind` with every header,
/// date and category read: not one warning.
fn load_cleanly(file: &str, kind: FileKind) -> Dataset {
    let d = load(file);
    let r = report(&d);
    assert_eq!(r.kind, kind, "{file}: {r:#?}");
    assert!(r.warnings.is_empty(), "{file}: every header, date and category is read: {r:#?}");
    d
}

#[test]
fn jira_spanish() {
    // The Spanish fixture predates this file; its two rows read the same way.
    let d = load_cleanly("jira_es.csv", FileKind::Jira);
    let w = &d.work_items;
    assert_eq!((w[0].key(), w[1].key()), ("PAGO-1", "PAGO-2"));
    assert_eq!((w[0].status.as_str(), w[1].status.as_str()), ("Listo", "En curso"));
    assert_eq!(w[0].assignee.as_deref(), Some("Ana Ruiz"));
    assert_eq!(w[0].created, Some(ts("2025-11-10 16:51")));
    assert_eq!(w[0].resolved, Some(ts("2025-12-12 12:30")));
    assert_eq!(w[1].created, Some(ts("2026-01-03 09:05")));
}

#[test]
fn jira_brazilian_portuguese() {
    check(&Locale {
        file: "jira_pt_br.csv",
        keys: &["PAG-1", "PAG-2", "PAG-3"],
        titles: &["Corrigir o pagamento", "Adicionar 3DS\npara cartões", "Limpar os logs"],
        types: &["Bug", "História", "Tarefa"],
        statuses: &["Concluído", "Em andamento", "Itens Pendentes"],
        assignees: &[Some("João Araújo"), Some("Maria Conceição"), None],
        created: &["2026-04-26 12:55", "2026-02-03 09:05", "2025-12-02 00:30"],
        resolved: &[Some("2026-04-28 08:40"), None, None],
        team: "Pagamentos",
        sprints: ["PAG Sprint 1", "PAG Sprint 2"],
        labels: ["pagamento", "urgente"],
    });
}

#[test]
fn jira_european_portuguese_with_24_hour_times() {
    check(&Locale {
        file: "jira_pt_pt.csv",
        keys: &["PAGT-1", "PAGT-2", "PAGT-3"],
        titles: &["Corrigir o pagamento", "Adicionar 3DS\npara cartões", "Limpar os registos"],
        types: &["Erro", "História", "Tarefa"],
        statuses: &["Concluído", "Em curso", "Por fazer"],
        assignees: &[Some("Inês Gonçalves"), Some("Rui Simões"), None],
        created: &["2026-04-26 12:55", "2026-02-03 09:05", "2025-12-02 00:30"],
        resolved: &[Some("2026-04-28 08:40"), None, None],
        team: "Pagamentos PT",
        sprints: ["PAGT Sprint 1", "PAGT Sprint 2"],
        labels: ["pagamento", "urgente"],
    });
}

#[test]
fn jira_italian() {
    check(&Locale {
        file: "jira_it.csv",
        keys: &["PAGA-1", "PAGA-2", "PAGA-3"],
        titles: &["Correggere il pagamento", "Aggiungere 3DS\nper le carte UE", "Pulire i log"],
        types: &["Bug", "Storia", "Attività"],
        statuses: &["Completato", "In corso", "Da completare"],
        assignees: &[Some("Niccolò Rossi"), Some("Chiara Bianchi"), None],
        created: &["2026-01-15 09:05", "2025-10-03 14:30", "2025-12-22 12:30"],
        resolved: &[Some("2026-01-20 08:40"), None, None],
        team: "Pagamenti",
        sprints: ["PAGA Sprint 1", "PAGA Sprint 2"],
        labels: ["pagamento", "urgente"],
    });
}

#[test]
fn jira_dutch() {
    check(&Locale {
        file: "jira_nl.csv",
        keys: &["BET-1", "BET-2", "BET-3"],
        titles: &["Betaling repareren", "3DS toevoegen\nvoor EU-kaarten", "Logs opruimen"],
        types: &["Bug", "Story", "Taak"],
        statuses: &["Gereed", "In uitvoering", "Te doen"],
        assignees: &[Some("Sanne de Vries"), Some("Daan Bakker"), None],
        created: &["2026-03-15 09:05", "2025-10-02 14:30", "2025-12-10 12:30"],
        resolved: &[Some("2026-03-18 08:40"), None, None],
        team: "Betalingen",
        sprints: ["BET Sprint 1", "BET Sprint 2"],
        labels: ["betaling", "urgent"],
    });
}

#[test]
fn jira_polish() {
    check(&Locale {
        file: "jira_pl.csv",
        keys: &["PLA-1", "PLA-2", "PLA-3"],
        titles: &["Naprawić płatność", "Dodać 3DS\ndla kart UE", "Wyczyścić logi"],
        types: &["Błąd", "Historyjka", "Zadanie"],
        statuses: &["Gotowe", "W toku", "Do zrobienia"],
        assignees: &[Some("Łukasz Wójcik"), Some("Zofia Kowalska"), None],
        created: &["2025-10-15 09:05", "2026-01-07 14:30", "2025-12-19 12:30"],
        resolved: &[Some("2025-10-20 08:40"), None, None],
        team: "Płatności",
        sprints: ["PLA Sprint 1", "PLA Sprint 2"],
        labels: ["płatność", "pilne"],
    });
}

#[test]
fn jira_japanese() {
    check(&Locale {
        file: "jira_ja.csv",
        keys: &["KES-1", "KES-2", "KES-3"],
        titles: &["決済を修正する", "3DS を追加\nEU カード用", "ログを整理する"],
        types: &["バグ", "ストーリー", "タスク"],
        statuses: &["完了", "進行中", "未着手"],
        assignees: &[Some("佐藤 花子"), Some("鈴木 一郎"), None],
        // `26/4月/26 7:31 午後`: numbered months, meridiem after the time.
        created: &["2026-04-26 19:31", "2026-01-03 09:05", "2025-12-12 00:30"],
        resolved: &[Some("2026-04-28 08:40"), None, None],
        team: "決済",
        sprints: ["KES スプリント 1", "KES スプリント 2"],
        labels: ["決済", "緊急"],
    });
}

#[test]
fn jira_simplified_chinese() {
    check(&Locale {
        file: "jira_zh.csv",
        keys: &["ZHI-1", "ZHI-2", "ZHI-3"],
        titles: &["修复支付", "为欧盟卡\n添加 3DS", "清理日志"],
        types: &["缺陷", "故事", "任务"],
        statuses: &["完成", "处理中", "待办"],
        assignees: &[Some("王芳"), Some("李伟"), None],
        // `26/四月/26 7:31 下午`: month names in Chinese numerals.
        created: &["2026-04-26 19:31", "2026-01-03 09:05", "2025-12-12 12:30"],
        resolved: &[Some("2026-04-28 08:40"), None, None],
        team: "支付",
        sprints: ["ZHI 冲刺 1", "ZHI 冲刺 2"],
        labels: ["支付", "紧急"],
    });
}

#[test]
fn jira_korean() {
    check(&Locale {
        file: "jira_ko.csv",
        keys: &["GYE-1", "GYE-2", "GYE-3"],
        titles: &["결제 수정", "EU 카드용\n3DS 추가", "로그 정리"],
        types: &["버그", "스토리", "작업"],
        statuses: &["완료", "진행 중", "해야 할 일"],
        assignees: &[Some("김민준"), Some("이서연"), None],
        created: &["2026-04-26 19:31", "2026-01-03 09:05", "2025-12-12 00:30"],
        resolved: &[Some("2026-04-28 08:40"), None, None],
        team: "결제",
        sprints: ["GYE 스프린트 1", "GYE 스프린트 2"],
        labels: ["결제", "긴급"],
    });
}

#[test]
fn jira_russian() {
    check(&Locale {
        file: "jira_ru.csv",
        keys: &["OPL-1", "OPL-2", "OPL-3"],
        titles: &["Исправить оплату", "Добавить 3DS\nдля карт ЕС", "Почистить логи"],
        types: &["Ошибка", "История", "Задача"],
        statuses: &["Готово", "В работе", "К выполнению"],
        assignees: &[Some("Ольга Смирнова"), Some("Иван Петров"), None],
        // `фев`, `янв.` and the genitive `мая`.
        created: &["2026-02-19 19:31", "2026-01-03 09:05", "2025-12-12 12:30"],
        resolved: &[Some("2026-02-21 08:45"), None, None],
        team: "Оплата",
        sprints: ["OPL Спринт 1", "OPL Спринт 2"],
        labels: ["оплата", "срочно"],
    });
}

// ---- every date form, by tool

/// Which timestamp of a row an example feeds.
#[derive(Clone, Copy, Debug)]
enum Stamp {
    Created,
    Started,
    Resolved,
    PrCreated,
    PrMerged,
    /// The first review of the PR.
    ReviewSubmitted,
}

/// One date as a tool writes it, where a fixture has it, and the UTC instant
/// it must become. Zoned values are converted; Jira and Azure DevOps write
/// no zone, so their values are taken as written (see `dates.rs`).
struct DateForm {
    tool: &'static str,
    file: &'static str,
    /// The work item key or PR number of the row holding the example.
    row: &'static str,
    stamp: Stamp,
    written: &'static str,
    /// `YYYY-MM-DD HH:MM:SS` in UTC.
    utc: &'static str,
}

const fn form(
    tool: &'static str,
    file: &'static str,
    row: &'static str,
    stamp: Stamp,
    written: &'static str,
    utc: &'static str,
) -> DateForm {
    DateForm { tool, file, row, stamp, written, utc }
}

use Stamp::*;

const DATE_FORMS: &[DateForm] = &[
    form("Linear (Date.toString, UTC)", "linear_js_dates.csv", "LIN-1", Created, "Wed Oct 15 2025 09:33:28 GMT+0000 (GMT+00:00)", "2025-10-15 09:33:28"),
    form("Linear (Date.toString, UTC-7)", "linear_js_dates.csv", "LIN-2", Created, "Tue Oct 14 2025 17:05:00 GMT-0700 (Pacific Daylight Time)", "2025-10-15 00:05:00"),
    form("Linear (Date.toString, cancelled)", "linear_js_dates.csv", "LIN-2", Resolved, "Wed Oct 15 2025 23:30:00 GMT-0700 (Pacific Daylight Time)", "2025-10-16 06:30:00"),
    form("Linear (Date.toString, UTC+5:30)", "linear_js_dates.csv", "LIN-3", Started, "Fri Jan 09 2026 10:00:00 GMT+0530 (India Standard Time)", "2026-01-09 04:30:00"),
    form("Linear (ISO 8601)", "linear.csv", "ENG-13", Created, "2025-11-02T09:00:00.000Z", "2025-11-02 09:00:00"),
    form("GitLab issues (UI export)", "gitlab_issues.csv", "101", Created, "2025-11-03 09:12:45", "2025-11-03 09:12:45"),
    form("GitLab issues (` UTC`)", "gitlab_issues_utc.csv", "201", Created, "2025-11-03 09:12:45 UTC", "2025-11-03 09:12:45"),
    form("GitLab issues (ISO 8601 Z)", "gitlab_issues_utc.csv", "202", Resolved, "2025-11-06T16:30:00.000Z", "2025-11-06 16:30:00"),
    form("GitLab issues (ISO 8601 +01:00)", "gitlab_issues_utc.csv", "203", Created, "2025-11-05T11:00:00.000+01:00", "2025-11-05 10:00:00"),
    form("GitLab merge requests", "gitlab_mrs.csv", "55", PrCreated, "2025-11-05 09:00:00", "2025-11-05 09:00:00"),
    form("Azure DevOps (PM)", "azure_devops.csv", "4501", Created, "11/28/2025 5:03:00 PM", "2025-11-28 17:03:00"),
    form("Azure DevOps (AM)", "azure_devops.csv", "4501", Started, "12/1/2025 9:00:00 AM", "2025-12-01 09:00:00"),
    form("GitHub CSV (ISO 8601 Z)", "github_prs_camel.csv", "501", PrMerged, "2025-11-21T12:00:00Z", "2025-11-21 12:00:00"),
    form("GitHub gh JSON", "gh_pr_list.json", "501", PrCreated, "2025-11-20T10:00:00Z", "2025-11-20 10:00:00"),
    form("Reviews CSV", "reviews.csv", "412", ReviewSubmitted, "2026-03-02T11:00:00Z", "2026-03-02 11:00:00"),
    form("Jira English", "jira_all_fields.csv", "PAY-101", Created, "28/Nov/25 5:03 PM", "2025-11-28 17:03:00"),
    form("Jira English (en-GB Sept)", "jira_en_work_items.csv", "WORK-2", Created, "02/Sept/25 9:05 AM", "2025-09-02 09:05:00"),
    form("Jira Spanish", "jira_es.csv", "PAGO-2", Created, "3/ene/26 9:05 a. m.", "2026-01-03 09:05:00"),
    form("Jira French", "jira_fr.csv", "PAIE-1", Created, "19/févr./26 7:31 PM", "2026-02-19 19:31:00"),
    form("Jira German (März.)", "jira_de.csv", "ZAHL-1", Resolved, "09/März./26 8:30 AM", "2026-03-09 08:30:00"),
    form("Jira German (Dez)", "jira_de.csv", "ZAHL-2", Created, "12/Dez/25 4:00 PM", "2025-12-12 16:00:00"),
    form("Jira Portuguese (Brazil)", "jira_pt_br.csv", "PAG-1", Created, "26/abr/26 12:55 PM", "2026-04-26 12:55:00"),
    form("Jira Portuguese (Portugal)", "jira_pt_pt.csv", "PAGT-1", Created, "26/abr./26 12:55", "2026-04-26 12:55:00"),
    form("Jira Italian", "jira_it.csv", "PAGA-2", Created, "3/ott/25 2:30 PM", "2025-10-03 14:30:00"),
    form("Jira Dutch", "jira_nl.csv", "BET-1", Created, "15/mrt/26 9:05 AM", "2026-03-15 09:05:00"),
    form("Jira Polish", "jira_pl.csv", "PLA-1", Created, "15/paź/25 9:05 AM", "2025-10-15 09:05:00"),
    form("Jira Japanese", "jira_ja.csv", "KES-1", Created, "26/4月/26 7:31 午後", "2026-04-26 19:31:00"),
    form("Jira Chinese", "jira_zh.csv", "ZHI-1", Created, "26/四月/26 7:31 下午", "2026-04-26 19:31:00"),
    form("Jira Korean", "jira_ko.csv", "GYE-1", Created, "26/4월/26 7:31 오후", "2026-04-26 19:31:00"),
    form("Jira Russian", "jira_ru.csv", "OPL-2", Created, "3/янв./26 9:05 AM", "2026-01-03 09:05:00"),
];

fn utc(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn stamp_of(d: &Dataset, row: &str, stamp: Stamp) -> Option<NaiveDateTime> {
    let item = || d.work_items.iter().find(|w| w.key() == row).unwrap_or_else(|| panic!("no work item {row}"));
    let pr = || d.pull_requests.iter().find(|p| p.number() == row).unwrap_or_else(|| panic!("no PR {row}"));
    match stamp {
        Created => item().created,
        Started => item().started(),
        Resolved => item().resolved,
        PrCreated => pr().created,
        PrMerged => pr().merged,
        ReviewSubmitted => d.reviews.iter().find(|r| r.pr == row).unwrap_or_else(|| panic!("no review of {row}")).submitted,
    }
}

#[test]
fn every_date_form_each_tool_writes() {
    for f in DATE_FORMS {
        let text = String::from_utf8(fixture("ingest", f.file)).unwrap();
        assert!(text.contains(f.written), "{}: {} does not hold {:?}", f.tool, f.file, f.written);
        let d = load(f.file);
        assert_eq!(stamp_of(&d, f.row, f.stamp), Some(utc(f.utc)), "{}: {:?} in {}", f.tool, f.written, f.file);
    }
}

#[test]
fn linear_js_dates_fill_every_column() {
    let d = load_cleanly("linear_js_dates.csv", FileKind::Linear);
    let w = &d.work_items;
    assert_eq!(w[0].started(), Some(utc("2025-10-16 08:00:00")));
    assert_eq!(w[0].resolved, Some(utc("2025-10-17 11:59:59")), "Completed is the resolution time");
    assert_eq!(w[2].created, Some(utc("2026-01-08 16:45:00")));
    assert_eq!(w[2].resolved, None);
}

#[test]
fn docs_list_every_supported_export() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/ingest.md");
    let docs = std::fs::read_to_string(&path).unwrap();
    let start = docs.find("\n## Supported exports").expect("docs/ingest.md has a Supported exports section");
    let section = &docs[start + 1..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |end| end + 3)];
    for kind in KINDS.iter().map(|spec| spec.kind) {
        assert!(section.contains(&format!("`{}`", kind.id())), "Supported exports does not list `{}`", kind.id());
    }
    // Each Jira language shows one of the dates its fixture is tested with.
    for f in DATE_FORMS.iter().filter(|f| f.tool.starts_with("Jira")) {
        let shown = DATE_FORMS.iter().filter(|g| g.file == f.file).any(|g| section.contains(g.written));
        assert!(shown, "{}: none of the dates tested in {} is in the docs", f.tool, f.file);
    }
}
