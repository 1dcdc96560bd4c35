//! Headers nobody recognised → a proposed mapping the user can confirm.
//!
//! Exact matching (see `detect`) refuses to guess; this module guesses on
//! purpose, for the UI's column-mapping step. Every header is compared with
//! every field name and synonym of every format with Jaro–Winkler (kind to
//! prefixes: `Created Date` vs `created`) and normalized Levenshtein (kind
//! to typos), plus a bonus when all words of a synonym appear in the header
//! (`PR author login` ⊇ `author`). Each field gets at most one header,
//! best pairs first; the kind whose required fields are covered best wins.
//! A header row may have thousands of columns, so the work per column is
//! kept small and constant (see [`suggest_mapping`]).

use std::collections::HashMap;

use strsim::{jaro_winkler, normalized_levenshtein};

use super::fields::{Field, Shape};
use super::formats::Format;
use super::headers::{header_signature, normalize};
use super::kinds::KINDS;
use crate::dataset::{ColumnSuggestion, FileKind, MappingSuggestion};

/// Below this a header is left unmapped rather than mapped to nonsense.
const THRESHOLD: f64 = 0.78;

/// A cell pasted as a header is not a column name worth comparing.
const LONGEST_HEADER: usize = 80;

/// A header matched at least this well is a *confident* match: it equals
/// a spelling of the field (1.0), contains all of a spelling's words
/// (`reviewer_login` ⊇ `reviewer`: 0.9), or is within 0.9 Jaro–Winkler or
/// normalized Levenshtein similarity of one (a one-letter typo in a long name).
pub const CONFIDENT: f64 = 0.9;

/// The best mapping of `headers` to some kind's fields.
///
/// Linear in the columns: each distinct header is compared once with each
/// distinct spelling of any kind (the same words serve many formats), a
/// cheap bound skips the comparisons that cannot reach [`THRESHOLD`], and
/// the assignment keeps per-field flags rather than searching a list.
pub fn suggest_mapping(headers: &[String]) -> MappingSuggestion {
    let kinds = fit_kinds(headers);
    let best = kinds.iter().fold(None::<&KindFit>, |best, fit| match best {
        Some(b) if b.score >= fit.score => Some(b),
        _ if fit.score > 0.0 => Some(fit),
        _ => best,
    });
    suggestion(headers, best)
}

/// The mapping to load a file with at once, without asking: when exactly
/// one kind has every required field matched [`CONFIDENT`]ly, and no other
/// kind is a better suggestion ([`suggest_mapping`] would pick it too).
/// `None` when two kinds are confident (ambiguous), or when the best
/// suggestion has a required field only weakly matched: the user decides.
pub fn confident_mapping(headers: &[String]) -> Option<MappingSuggestion> {
    let kinds = fit_kinds(headers);
    let mut confident = kinds.iter().filter(|fit| fit.confident);
    let only = confident.next().filter(|_| confident.next().is_none())?;
    let beaten = kinds.iter().any(|fit| fit.score > only.score);
    (!beaten).then(|| suggestion(headers, Some(only)))
}

/// How one kind's fields take a header row.
struct KindFit {
    kind: FileKind,
    score: f64,
    assigned: Vec<Option<(Field, f64)>>,
    /// Every required field has a header matched [`CONFIDENT`]ly.
    confident: bool,
}

/// Every kind's fit to `headers`, in [`KINDS`] order.
fn fit_kinds(headers: &[String]) -> Vec<KindFit> {
    let normalized: Vec<String> = headers.iter().map(|h| normalize(h)).collect();
    let vocabulary = Vocabulary::get();
    let mut known: HashMap<&str, Vec<(usize, f64)>> = HashMap::new();
    for header in &normalized {
        if !header.is_empty() && header.len() <= LONGEST_HEADER && !known.contains_key(header.as_str()) {
            known.insert(header, vocabulary.matches(header));
        }
    }
    let matches: Vec<&[(usize, f64)]> =
        normalized.iter().map(|header| known.get(header.as_str()).map_or(&[][..], Vec::as_slice)).collect();
    vocabulary.kinds.iter().map(|(kind, format, spellings)| suggest_for(*kind, format, spellings, &matches)).collect()
}

fn suggestion(headers: &[String], fit: Option<&KindFit>) -> MappingSuggestion {
    MappingSuggestion {
        signature: header_signature(headers),
        kind: fit.map_or(FileKind::Unknown, |f| f.kind),
        score: fit.map_or(0.0, |f| f.score),
        columns: headers
            .iter()
            .enumerate()
            .map(|(col, h)| {
                let assigned = fit.and_then(|f| f.assigned[col]);
                ColumnSuggestion {
                    header: h.clone(),
                    field: assigned.map(|(field, _)| field.name().to_string()),
                    score: assigned.map_or(0.0, |(_, score)| score),
                    ..ColumnSuggestion::default()
                }
            })
            .collect(),
    }
}

/// Each column's field and score when `format`'s columns take the headers'
/// `matches` (spelling index, similarity), best pairs first; and the score
/// of the whole: how well the required fields are covered, then coverage.
fn suggest_for(kind: FileKind, format: &Format, spellings: &[Vec<usize>], matches: &[&[(usize, f64)]]) -> KindFit {
    let mut pairs: Vec<(f64, usize, Field)> = Vec::new();
    for (col, found) in matches.iter().enumerate().filter(|(_, found)| !found.is_empty()) {
        for (column, names) in format.columns.iter().zip(spellings) {
            let sim = found.iter().filter(|(s, _)| names.contains(s)).map(|&(_, sim)| sim).fold(0.0, f64::max);
            if sim >= THRESHOLD {
                pairs.push((sim, col, column.field));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut assigned: Vec<Option<(Field, f64)>> = vec![None; matches.len()];
    let mut taken = [false; Field::COUNT];
    let mut best = [0.0f64; Field::COUNT];
    for (sim, col, field) in pairs {
        let repeatable = field.shape() == Shape::List;
        if assigned[col].is_some() || (!repeatable && taken[field as usize]) {
            continue;
        }
        taken[field as usize] = true;
        best[field as usize] = best[field as usize].max(sim);
        assigned[col] = Some((field, sim));
    }
    // Required fields decide whether the file *is* this kind; the rest only
    // break ties between kinds that fit equally well.
    let required: Vec<Field> = format.columns.iter().filter(|c| c.required).map(|c| c.field).collect();
    let required_score = required.iter().map(|&f| best[f as usize]).sum::<f64>() / required.len().max(1) as f64;
    let coverage = assigned.iter().filter(|a| a.is_some()).count() as f64 / matches.len().max(1) as f64;
    KindFit {
        kind,
        score: required_score * 0.9 + coverage * 0.1,
        assigned,
        confident: required.iter().all(|&f| best[f as usize] >= CONFIDENT),
    }
}

/// Every spelling of every kind's fields, normalized and measured once.
struct Vocabulary {
    spellings: Vec<Words>,
    /// Per kind, in [`KINDS`] order: its format and, per column of the
    /// format, the indexes of that column's spellings (field name first).
    kinds: Vec<(FileKind, &'static Format, Vec<Vec<usize>>)>,
}

impl Vocabulary {
    /// Built on first use and kept: the tables are fixed, and measuring them
    /// for every unrecognised file was most of the cost of reading it.
    fn get() -> &'static Vocabulary {
        static VOCABULARY: std::sync::OnceLock<Vocabulary> = std::sync::OnceLock::new();
        VOCABULARY.get_or_init(Vocabulary::new)
    }

    fn new() -> Vocabulary {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut spellings = Vec::new();
        let mut kinds = Vec::new();
        for spec in KINDS {
            let format = spec.format;
            let columns = format
                .columns
                .iter()
                .map(|c| {
                    std::iter::once(c.field.name())
                        .chain(c.names.iter().copied())
                        .map(|name| {
                            let text = normalize(name);
                            *index.entry(text.clone()).or_insert_with(|| {
                                spellings.push(Words::new(text));
                                spellings.len() - 1
                            })
                        })
                        .collect()
                })
                .collect();
            kinds.push((spec.kind, format, columns));
        }
        Vocabulary { spellings, kinds }
    }

    /// The spellings `header` is similar enough to, with the similarity.
    fn matches(&self, header: &str) -> Vec<(usize, f64)> {
        let header = Words::new(header.to_string());
        (0..self.spellings.len())
            .map(|i| (i, similarity(&header, &self.spellings[i])))
            .filter(|&(_, sim)| sim >= THRESHOLD)
            .collect()
    }
}

/// A normalized name, its words, and a histogram of its characters for
/// the bound in [`could_reach`].
struct Words {
    text: String,
    chars: usize,
    histogram: [u8; 64],
    /// Bit `b` set when histogram bucket `b` is not empty.
    buckets: u64,
}

impl Words {
    fn new(text: String) -> Words {
        let mut histogram = [0u8; 64];
        let mut buckets = 0u64;
        let mut chars = 0;
        for c in text.chars() {
            chars += 1;
            let bucket = match c {
                'a'..='z' => c as usize - 'a' as usize,
                '0'..='9' => 26 + (c as usize - '0' as usize),
                ' ' => 36,
                _ => 37 + c as usize % 27,
            };
            histogram[bucket] = histogram[bucket].saturating_add(1);
            buckets |= 1 << bucket;
        }
        Words { text, chars, histogram, buckets }
    }

    fn words(&self) -> impl Iterator<Item = &str> {
        self.text.split(' ')
    }
}

fn similarity(header: &Words, name: &Words) -> f64 {
    if header.text == name.text {
        return 1.0;
    }
    // Every word of `name` in `header` needs every character of it there.
    let contained =
        name.buckets & !header.buckets == 0 && name.words().all(|w| header.words().any(|h| h == w));
    if !contained && !could_reach(header, name, THRESHOLD) {
        return 0.0;
    }
    let fuzzy = jaro_winkler(&header.text, &name.text).max(normalized_levenshtein(&header.text, &name.text));
    if contained {
        fuzzy.max(0.9)
    } else {
        fuzzy
    }
}

/// Whether Jaro–Winkler or normalized Levenshtein could reach `threshold`.
/// Both need characters the names share, which bound them from above:
/// first the shorter length alone, then the shared characters counted by
/// histogram bucket (collisions only raise the bound). Nearly every
/// header/spelling pair fails one of them, which spares its quadratic
/// comparison.
fn could_reach(a: &Words, b: &Words, threshold: f64) -> bool {
    let (la, lb) = (a.chars as f64, b.chars as f64);
    let prefix = a.text.chars().zip(b.text.chars()).take(4).take_while(|(x, y)| x == y).count() as f64;
    let bound = |shared: f64| {
        let jaro = if shared == 0.0 { 0.0 } else { ((shared / la + shared / lb + 1.0) / 3.0).min(1.0) };
        let winkler = if jaro > 0.7 { jaro + 0.1 * prefix * (1.0 - jaro) } else { jaro };
        // A hair of slack: the bound is exact when every character matches.
        winkler.max(shared / la.max(lb)) + 1e-9
    };
    if bound(la.min(lb)) < threshold {
        return false;
    }
    let mut shared = 0usize;
    let mut common = a.buckets & b.buckets;
    while common != 0 {
        let bucket = common.trailing_zeros() as usize;
        shared += usize::from(a.histogram[bucket].min(b.histogram[bucket]));
        common &= common - 1;
    }
    bound(shared.min(a.chars).min(b.chars) as f64) >= threshold
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn near_miss_headers_suggest_the_right_kind() {
        let s = suggest_mapping(&strings(&["Full Name", "Squad Name", "Job Role"]));
        assert_eq!(s.kind, FileKind::Roster, "{s:?}");
        let fields: Vec<_> = s.columns.iter().map(|c| c.field.as_deref()).collect();
        assert_eq!(fields, [Some("person"), Some("team"), Some("role")]);

        let s = suggest_mapping(&strings(&["PR Num", "Reviewr", "Review State", "Submited"]));
        assert_eq!(s.kind, FileKind::Reviews, "{s:?}");
        assert_eq!(s.columns[1].field.as_deref(), Some("reviewer"));
    }

    #[test]
    fn nonsense_stays_unmapped() {
        let s = suggest_mapping(&strings(&["qqq", "zzz"]));
        assert!(s.columns.iter().all(|c| c.field.is_none()), "{s:?}");
        assert_eq!(s.signature, header_signature(&strings(&["qqq", "zzz"])));
    }
}
