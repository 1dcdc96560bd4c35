//! Cell text → values, with the conventions every export shares.
//!
//! Each function reads one cell and returns `None` when the cell does not
//! hold that kind of value; the row reader turns that into a warning that
//! names the cell. Nothing here guesses: an unreadable value stays empty.

use crate::dataset::{ActionKind, DecisionLevel, PrState, StatusCategory, StatusTime};

/// `cell.trim()`, answered without decoding a character when both ends
/// are visible ASCII, as nearly every cell's are: `str::trim` decodes a
/// character at each end and is a call of its own, and the readers below
/// trim every date, number, person and status cell of every row.
#[inline]
pub fn trim(cell: &str) -> &str {
    match (cell.as_bytes().first(), cell.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => cell,
        _ => cell.trim(),
    }
}

/// The cell with surrounding space and a spreadsheet formula guard removed.
/// Linear (and Excel users) write `'+1` / `'=SUM` / `'@ana` so that opening
/// the file does not evaluate the cell; the `'` is not part of the value.
///
/// Inlined, down to its first test: every cell of every row comes here,
/// and nearly every one starts and ends with a visible ASCII character and
/// has no guard, so there is nothing to trim and no character to decode.
#[inline]
pub fn clean(cell: &str) -> &str {
    if let (Some(&first), Some(&last)) = (cell.as_bytes().first(), cell.as_bytes().last()) {
        if first.is_ascii_graphic() && last.is_ascii_graphic() && first != b'\'' {
            return cell;
        }
    }
    clean_edges(cell)
}

/// [`clean`] of a cell with space, a byte-order mark or a quote at an end.
#[inline(never)]
fn clean_edges(cell: &str) -> &str {
    let cell = cell.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['+', '-', '=', '@']) => rest,
        _ => cell,
    }
}

/// Values tools write for "nothing here".
pub fn is_sentinel(cell: &str) -> bool {
    const SENTINELS: &[&str] =
        &["", "null", "nil", "none", "n/a", "na", "#n/a", "-", "--", "—", "undefined", "(none)", "unassigned"];
    // Every sentinel starts with one of these bytes (0xE2 opens "—"): every
    // cell of every row comes here, and nearly all are out at the first.
    let first = cell.as_bytes().first().map(u8::to_ascii_lowercase);
    if !matches!(first, None | Some(b'n' | b'u' | b'#' | b'-' | b'(' | 0xE2)) {
        return false;
    }
    cell.len() <= 10 && SENTINELS.iter().any(|s| s.eq_ignore_ascii_case(cell))
}

/// The parts of a list cell. Templates use `;`; exports that write one
/// cell per list (Linear labels, GitLab labels) use `,`. A `;` anywhere
/// means the cell is `;`-separated, so `Doe, Jane; Roe, Ann` stays intact.
pub fn split_list(cell: &str) -> impl Iterator<Item = &str> {
    let separator = if cell.contains(';') { ';' } else { ',' };
    cell.split(separator).map(clean).filter(|part| !is_sentinel(part))
}

/// A person as the rest of teamdiff compares them: `Ana Ruiz <ana@x.io>`
/// (Azure DevOps) is `Ana Ruiz`, and a `@login` mention is `login`.
pub fn person(cell: &str) -> &str {
    let cell = trim(cell);
    // Only a cell that ends in `>` has an address to drop: most are a
    // plain name, not searched for a `<`.
    let name = match cell.ends_with('>').then(|| cell.find('<')).flatten() {
        Some(open) if cell.ends_with('>') && open > 0 => cell[..open].trim(),
        Some(0) if cell.ends_with('>') => &cell[1..cell.len() - 1],
        _ => cell,
    };
    name.strip_prefix('@').unwrap_or(name)
}

/// A plain number; `1,5` (decimal comma) is 1.5, `1,234.5` is 1234.5.
pub fn number(cell: &str) -> Option<f64> {
    let cell = trim(cell);
    // Most numbers have no comma: read in place, not from a copy.
    let parsed = if !cell.contains(',') {
        cell.parse()
    } else if cell.contains('.') {
        cell.replace(',', "").parse()
    } else if cell.matches(',').count() == 1 && cell.rsplit(',').next().is_some_and(|d| d.len() != 3) {
        cell.replace(',', ".").parse()
    } else {
        cell.replace(',', "").parse()
    };
    parsed.ok().filter(|n: &f64| n.is_finite())
}

/// An estimate or a duration: `-1` is how Jira and GitLab write "none".
pub fn estimate(cell: &str) -> Option<Option<f64>> {
    let n = number(cell)?;
    Some(if n == -1.0 { None } else { Some(n) })
}

/// The scale a column of power / interest / progress numbers is on, decided
/// from the largest value in the column (percent signs speak for themselves).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    Unit,
    OneToFive,
    ZeroToTen,
    Percent,
}

impl Scale {
    /// `min`/`max` over the column's plain numbers; `likert` says whether the
    /// field is a 1–5-style rating (power, interest) or a fraction (progress).
    pub fn decide(min: f64, max: f64, likert: bool) -> Scale {
        if max <= 1.0 {
            Scale::Unit
        } else if likert && min >= 1.0 && max <= 5.0 {
            Scale::OneToFive
        } else if likert && max <= 10.0 {
            Scale::ZeroToTen
        } else {
            Scale::Percent
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Scale::Unit => "0–1",
            Scale::OneToFive => "1–5",
            Scale::ZeroToTen => "0–10",
            Scale::Percent => "0–100 (percent)",
        }
    }

    /// A cell on this scale as 0..=1, or `None` if it is not a value on it.
    pub fn read(self, cell: &str) -> Option<f64> {
        let cell = trim(cell);
        if let Some(level) = level_word(cell) {
            return Some(level);
        }
        let (n, scale) = match cell.strip_suffix('%') {
            Some(p) => (number(p)?, Scale::Percent),
            None => (number(cell)?, self),
        };
        let v = match scale {
            Scale::Unit => n,
            Scale::OneToFive => (n - 1.0) / 4.0,
            Scale::ZeroToTen => n / 10.0,
            Scale::Percent => n / 100.0,
        };
        (0.0..=1.0).contains(&v).then_some(v)
    }
}

/// Words on a five-point scale, placed where 1–5 would put them, so a file
/// mixing `High` and `4` reads consistently.
fn level_word(cell: &str) -> Option<f64> {
    Some(match cell.to_ascii_lowercase().replace(['-', '_'], " ").as_str() {
        "very low" => 0.0,
        "low" | "l" => 0.25,
        "medium" | "med" | "mid" | "m" => 0.5,
        "high" | "h" => 0.75,
        "very high" => 1.0,
        _ => return None,
    })
}

/// The value of the first `(words, value)` entry listing `cell`, ignoring
/// ASCII case and surrounding space: no lowercase copy per cell, since a
/// PR state is read for each of half a million PRs. The words are
/// lowercase, so this is `cell.trim().to_ascii_lowercase()` looked up.
fn word_of<T: Copy>(cell: &str, table: &[(&[&str], T)]) -> Option<T> {
    let cell = trim(cell);
    table.iter().find(|(words, _)| words.iter().any(|word| word.eq_ignore_ascii_case(cell))).map(|&(_, value)| value)
}

pub fn yes_no(cell: &str) -> Option<bool> {
    word_of(cell, &[(&["yes", "y", "true", "t", "1", "x", "critical", "si", "sí"], true), (&["no", "n", "false", "f", "0"], false)])
}

pub fn decision_level(cell: &str) -> Option<DecisionLevel> {
    word_of(
        cell,
        &[
            (&["edge", "team", "local"], DecisionLevel::Edge),
            (&["functional", "function", "department", "org"], DecisionLevel::Functional),
            (&["executive", "exec", "company"], DecisionLevel::Executive),
        ],
    )
}

pub fn action_kind(cell: &str) -> Option<ActionKind> {
    word_of(
        cell,
        &[
            (&["detect", "detection"], ActionKind::Detect),
            (&["prevent", "prevention"], ActionKind::Prevent),
            (&["mitigate", "mitigation"], ActionKind::Mitigate),
            (&["process"], ActionKind::Process),
        ],
    )
}

/// GitHub `MERGED`/`open`, GitLab `opened`/`locked`, ... . `None` when the
/// word is unknown; the builder then falls back to the timestamps.
pub fn pr_state(cell: &str) -> Option<PrState> {
    word_of(
        cell,
        &[
            (&["open", "opened", "draft", "reopened"], PrState::Open),
            (&["merged"], PrState::Merged),
            (&["closed", "locked", "declined", "rejected"], PrState::Closed),
        ],
    )
}

/// Jira's Status Category, and the status words the other tools use, in
/// English and Spanish, plus Jira's three category names in every language
/// it exports in (`Terminé`, `In Arbeit`, `К выполнению`, ...). Unknown
/// words give `None`, not a guess.
pub fn status_category(cell: &str) -> Option<StatusCategory> {
    let cell = trim(cell);
    // An ASCII status (most) is compared ignoring case in place; only
    // others pay for a lowercase copy. No ASCII word equals a listed
    // non-ASCII one either way.
    let lower = if cell.is_ascii() { String::new() } else { cell.to_lowercase() };
    let listed = |list: &[&str]| {
        if cell.is_ascii() {
            list.iter().any(|word| word.eq_ignore_ascii_case(cell))
        } else {
            list.contains(&lower.as_str())
        }
    };
    // Each list opens with Jira's own name for its category, which nearly
    // every cell of a Status Category column is: those three are tried
    // before some ninety other words. No word is in two lists (tested), so
    // the order changes no answer.
    STATUS_WORDS
        .iter()
        .find(|(list, _)| list[0].eq_ignore_ascii_case(cell))
        .or_else(|| STATUS_WORDS.iter().find(|(list, _)| listed(list)))
        .map(|&(_, category)| category)
}

/// The words of each status category, lowercase, Jira's own name first.
const STATUS_WORDS: [(&[&str], StatusCategory); 3] = [
    (
        &[
            "to do", "todo", "open", "opened", "new", "backlog", "triage", "proposed", "unstarted", "ready",
            "selected for development", "por hacer", "abierta", "abierto", "nueva", "pendiente", "tareas por hacer",
            "à faire", "zu erledigen", "itens pendentes", "a fazer", "por fazer", "da completare", "da fare", "te doen",
            "do zrobienia", "未着手", "待办", "해야 할 일", "к выполнению", "сделать",
        ],
        StatusCategory::Todo,
    ),
    (
        &[
            "in progress", "started", "active", "doing", "in review", "review", "code review", "committed", "blocked",
            "en curso", "en progreso", "en revisión", "en revision", "en cours", "in arbeit", "em andamento",
            "em curso", "em progresso", "in corso", "in uitvoering", "bezig", "w toku", "w trakcie", "進行中",
            "进行中", "处理中", "진행 중", "в работе",
        ],
        StatusCategory::InProgress,
    ),
    (
        &[
            "done", "closed", "resolved", "completed", "complete", "canceled", "cancelled", "duplicate", "removed",
            "merged", "won't do", "listo", "lista", "hecho", "hecha", "cerrada", "cerrado", "finalizada", "finalizado",
            "resuelta", "resuelto", "cancelada", "cancelado", "terminé", "terminée", "terminé(e)", "fertig", "erledigt",
            "concluído", "concluída", "completato", "completata", "fatto", "gereed", "klaar", "gotowe", "完了", "完成",
            "已完成", "완료", "готово",
        ],
        StatusCategory::Done,
    ),
];

/// The last segment of an Azure DevOps area path: `Fabrikam\Web\Checkout`
/// belongs to the Checkout team. Plain team names pass through.
pub fn last_path_segment(cell: &str) -> &str {
    // A plain team name (most) is one segment: not split.
    if !cell.contains('\\') {
        return Some(cell.trim()).filter(|s| !s.is_empty()).unwrap_or(cell);
    }
    cell.rsplit('\\').map(str::trim).find(|s| !s.is_empty()).unwrap_or(cell)
}

/// The `owner/name` of a GitHub or GitLab PR/MR URL.
pub fn repo_from_url(url: &str) -> Option<String> {
    let path = url.split("://").nth(1)?.split_once('/')?.1;
    let path = path.split(['?', '#']).next()?;
    let end = ["/-/merge_requests/", "/pull/", "/merge_requests/"].iter().find_map(|m| path.find(m))?;
    Some(path[..end].to_string())
}

/// Jira's `[CHART] Time in Status`: `status_*:*_visits_*:*_millis`
/// entries joined by `_*|*_`. A `-1` duration means "not measured" (0).
pub fn time_in_status(cell: &str) -> Option<Vec<StatusTime>> {
    cell.split("_*|*_")
        .map(|entry| {
            let mut parts = entry.split("_*:*_");
            let (status, visits, millis) = (parts.next()?, parts.next()?, parts.next()?);
            if parts.next().is_some() || status.trim().is_empty() {
                return None;
            }
            let millis: i64 = millis.trim().parse().ok()?;
            Some(StatusTime {
                status_id: status.trim().to_string(),
                visits: visits.trim().parse().ok()?,
                millis: u64::try_from(millis).unwrap_or(0),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_trim_trims_exactly_as_str_trim_does() {
        let ends = ["", "a", "Ana", " ", "\t", "\u{a0}", "\u{3000}", "\u{feff}", "é", "\n\r", "~", "'", "\u{85}"];
        for front in ends {
            for middle in ["", "x", " y ", "Zoë Ng", "2025-11-28"] {
                for back in ends {
                    let cell = format!("{front}{middle}{back}");
                    assert_eq!(trim(&cell), cell.trim(), "{cell:?}");
                }
            }
        }
    }

    #[test]
    fn formula_guard_and_sentinels() {
        assert_eq!(clean(" '+1 "), "+1");
        assert_eq!(clean("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(clean("'@ana"), "@ana");
        assert_eq!(clean("'quoted"), "'quoted");
        for s in ["", "null", "NULL", "N/A", "n/a", "-", "None"] {
            assert!(is_sentinel(s), "{s}");
        }
        assert!(!is_sentinel("Nadia"));
    }

    #[test]
    fn lists_people_numbers() {
        assert_eq!(split_list("a; b;;c").collect::<Vec<_>>(), ["a", "b", "c"]);
        assert_eq!(split_list("Bug, Frontend").collect::<Vec<_>>(), ["Bug", "Frontend"]);
        assert_eq!(split_list("Doe, Jane; Roe, Ann").collect::<Vec<_>>(), ["Doe, Jane", "Roe, Ann"]);
        assert_eq!(person("Ana Ruiz <ana@x.io>"), "Ana Ruiz");
        assert_eq!(person("<ana@x.io>"), "ana@x.io");
        assert_eq!(person("@ana"), "ana");
        assert_eq!(number("1,5"), Some(1.5));
        assert_eq!(number("1,234.5"), Some(1234.5));
        assert_eq!(number("1,234"), Some(1234.0));
        assert_eq!(number("abc"), None);
        assert_eq!(estimate("-1"), Some(None));
        assert_eq!(estimate("3"), Some(Some(3.0)));
    }

    #[test]
    fn scales_normalise_to_unit() {
        assert_eq!(Scale::decide(1.0, 5.0, true), Scale::OneToFive);
        assert_eq!(Scale::decide(0.0, 10.0, true), Scale::ZeroToTen);
        assert_eq!(Scale::decide(0.1, 0.9, true), Scale::Unit);
        assert_eq!(Scale::decide(0.0, 80.0, false), Scale::Percent);
        assert_eq!(Scale::decide(0.0, 5.0, false), Scale::Percent);
        assert_eq!(Scale::OneToFive.read("5"), Some(1.0));
        assert_eq!(Scale::OneToFive.read("3"), Some(0.5));
        assert_eq!(Scale::ZeroToTen.read("7"), Some(0.7));
        assert_eq!(Scale::Unit.read("80%"), Some(0.8));
        assert_eq!(Scale::Unit.read("High"), Some(0.75));
        assert_eq!(Scale::Unit.read("low"), Some(0.25));
        assert_eq!(Scale::OneToFive.read("9"), None);
    }

    #[test]
    fn jira_time_in_status() {
        let t = time_in_status("10011_*:*_1_*:*_804990_*|*_3_*:*_2_*:*_-1").unwrap();
        assert_eq!(t.len(), 2);
        assert_eq!((t[0].status_id.as_str(), t[0].visits, t[0].millis), ("10011", 1, 804990));
        assert_eq!((t[1].status_id.as_str(), t[1].visits, t[1].millis), ("3", 2, 0));
        assert!(time_in_status("10011_*:*_x").is_none());
    }

    #[test]
    fn words() {
        assert_eq!(status_category("En curso"), Some(StatusCategory::InProgress));
        assert_eq!(status_category("Done"), Some(StatusCategory::Done));
        assert_eq!(status_category("Limbo"), None);
        assert_eq!(status_category(" TERMINÉE "), Some(StatusCategory::Done), "non-ASCII, any case");
        assert_eq!(status_category("Готово"), Some(StatusCategory::Done));
        assert_eq!(status_category("WON'T DO"), Some(StatusCategory::Done));
        assert_eq!(status_category("IN PROGRESS"), Some(StatusCategory::InProgress));
        assert_eq!(status_category("to do "), Some(StatusCategory::Todo));
        // Each word reads as its own list's category: none is in two lists,
        // so the order they are tried in decides nothing.
        for (list, category) in STATUS_WORDS {
            assert_eq!(list[0], ["to do", "in progress", "done"][category as usize], "Jira's name opens each list");
            for word in list {
                assert_eq!(status_category(word), Some(category), "{word}");
                assert_eq!(status_category(&word.to_uppercase()), Some(category), "{word}");
            }
        }
        assert_eq!(pr_state("MERGED"), Some(PrState::Merged));
        // Words are matched ignoring ASCII case and surrounding space only,
        // as a lowercase copy of the cell would be.
        assert_eq!(pr_state(" Opened\t"), Some(PrState::Open));
        assert_eq!(pr_state("merge"), None);
        assert_eq!(pr_state("mergedd"), None);
        assert_eq!((yes_no("Sí"), yes_no("SÍ"), yes_no(" NO ")), (Some(true), None, Some(false)));
        assert_eq!(decision_level("EXEC"), Some(DecisionLevel::Executive));
        assert_eq!(action_kind("Mitigation"), Some(ActionKind::Mitigate));
        assert_eq!(last_path_segment("Fabrikam\\Web\\Checkout"), "Checkout");
        assert_eq!(last_path_segment("Core"), "Core");
        assert_eq!((last_path_segment(" Core "), last_path_segment("Web\\ "), last_path_segment(" ")), ("Core", "Web", " "));
        assert_eq!((person("Ana <x>"), person("<ana@x.io"), person("a>b"), person(" @ana ")), ("Ana", "<ana@x.io", "a>b", "ana"));
        assert_eq!(repo_from_url("https://gitlab.com/acme/pay/-/merge_requests/12").as_deref(), Some("acme/pay"));
        assert_eq!(repo_from_url("https://github.com/acme/pay/pull/7").as_deref(), Some("acme/pay"));
    }
}
