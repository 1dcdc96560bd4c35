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

use std::collections::{BTreeMap, HashMap};

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
    // Each column's best similarity to each (kind, format column) it
    // matched, found through the spellings' owners: the work grows with
    // the matches a column has, not with every column of every format.
    let mut candidates: Vec<Vec<(f64, usize, usize)>> = vec![Vec::new(); vocabulary.kinds.len()];
    let mut best_per_column: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    for (col, header) in normalized.iter().enumerate() {
        let Some(found) = known.get(header.as_str()) else { continue };
        best_per_column.clear();
        for &(spelling, sim) in found {
            for &owner in &vocabulary.owners[spelling] {
                let best = best_per_column.entry(owner).or_insert(0.0);
                *best = best.max(sim);
            }
        }
        for (&(kind, column), &sim) in &best_per_column {
            candidates[kind].push((sim, col, column));
        }
    }
    vocabulary
        .kinds
        .iter()
        .zip(candidates)
        .map(|((kind, format), pairs)| suggest_for(*kind, format, pairs, headers.len()))
        .collect()
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

/// Each column's field and score when `format`'s columns take the
/// candidate `pairs` (similarity, header column, format column), best pairs
/// first, ties in header then format order; and the score of the whole:
/// how well the required fields are covered, then coverage of the
/// `columns` header columns.
fn suggest_for(kind: FileKind, format: &Format, mut pairs: Vec<(f64, usize, usize)>, columns: usize) -> KindFit {
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut assigned: Vec<Option<(Field, f64)>> = vec![None; columns];
    let mut taken = [false; Field::COUNT];
    let mut best = [0.0f64; Field::COUNT];
    for (sim, col, column) in pairs {
        let field = format.columns[column].field;
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
    let coverage = assigned.iter().filter(|a| a.is_some()).count() as f64 / columns.max(1) as f64;
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
    /// Per spelling, the (kind, format column) pairs it spells, as indexes
    /// into `kinds` and that kind's `Format::columns`.
    owners: Vec<Vec<(usize, usize)>>,
    /// Per kind, in [`KINDS`] order: its format.
    kinds: Vec<(FileKind, &'static Format)>,
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
        let mut owners: Vec<Vec<(usize, usize)>> = Vec::new();
        let mut kinds = Vec::new();
        for (kind, spec) in KINDS.iter().enumerate() {
            for (column, c) in spec.format.columns.iter().enumerate() {
                for name in std::iter::once(c.field.name()).chain(c.names.iter().copied()) {
                    let text = normalize(name);
                    let spelling = *index.entry(text.clone()).or_insert_with(|| {
                        spellings.push(Words::new(text));
                        owners.push(Vec::new());
                        spellings.len() - 1
                    });
                    if !owners[spelling].contains(&(kind, column)) {
                        owners[spelling].push((kind, column));
                    }
                }
            }
            kinds.push((spec.kind, spec.format));
        }
        Vocabulary { spellings, owners, kinds }
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
/// the bounds in [`upper_bounds`].
struct Words {
    text: String,
    chars: usize,
    histogram: [u8; 64],
    /// Bit `b` set when histogram bucket `b` is not empty.
    buckets: u64,
    /// The first characters, as far as Jaro–Winkler's prefix bonus looks.
    prefix: [char; 4],
}

impl Words {
    fn new(text: String) -> Words {
        let mut histogram = [0u8; 64];
        let mut buckets = 0u64;
        let mut chars = 0;
        let mut prefix = ['\0'; 4];
        for c in text.chars() {
            if let Some(slot) = prefix.get_mut(chars) {
                *slot = c;
            }
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
        Words { text, chars, histogram, buckets, prefix }
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
    // A contained name scores at least 0.9, so its fuzzy score only
    // matters when it could pass that; any other name's only when it could
    // pass the threshold. Each measure is computed only if its bound says
    // it could.
    let (floor, needed) = if contained { (0.9, 0.9) } else { (0.0, THRESHOLD) };
    let (winkler_bound, levenshtein_bound) = upper_bounds(header, name);
    let winkler =
        if winkler_bound >= needed { jaro_winkler(&header.text, &name.text) } else { 0.0 };
    let levenshtein =
        if levenshtein_bound >= needed { normalized_levenshtein(&header.text, &name.text) } else { 0.0 };
    winkler.max(levenshtein).max(floor)
}

/// Upper bounds of Jaro–Winkler and of normalized Levenshtein similarity.
/// Both need characters the names share, which bound them from above:
/// first the shorter length alone, then the shared characters counted by
/// histogram bucket (collisions only raise the bound). Nearly every
/// header/spelling pair fails both, which spares its quadratic comparisons;
/// Levenshtein also needs names of near equal length.
fn upper_bounds(a: &Words, b: &Words) -> (f64, f64) {
    let (la, lb) = (a.chars as f64, b.chars as f64);
    let shorter = a.chars.min(b.chars).min(4);
    let prefix = a.prefix[..shorter].iter().zip(&b.prefix).take_while(|(x, y)| x == y).count() as f64;
    // A hair of slack: the bounds are exact when every character matches.
    let bounds = |shared: f64| {
        let jaro = if shared == 0.0 { 0.0 } else { ((shared / la + shared / lb + 1.0) / 3.0).min(1.0) };
        let winkler = if jaro > 0.7 { jaro + 0.1 * prefix * (1.0 - jaro) } else { jaro };
        (winkler + 1e-9, shared / la.max(lb) + 1e-9)
    };
    let by_length = bounds(la.min(lb));
    if by_length.0.max(by_length.1) < THRESHOLD {
        return by_length;
    }
    let mut shared = 0usize;
    let mut common = a.buckets & b.buckets;
    while common != 0 {
        let bucket = common.trailing_zeros() as usize;
        shared += usize::from(a.histogram[bucket].min(b.histogram[bucket]));
        common &= common - 1;
    }
    bounds(shared.min(a.chars).min(b.chars) as f64)
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

    /// The bounds only skip work: for every header/spelling pair that can
    /// matter (similarity at or above the threshold), the pruned
    /// similarity equals the one computed in full.
    #[test]
    fn bounds_never_change_a_similarity_that_matters() {
        let vocabulary = Vocabulary::get();
        // Every fifth spelling and four near misses of it: enough pairs to
        // reach the threshold every way, in a debug build's second.
        let mut headers: Vec<String> = vocabulary.spellings.iter().step_by(5).map(|w| w.text.clone()).collect();
        let typos: Vec<String> = headers
            .iter()
            .flat_map(|h| [format!("{h}s"), h.chars().skip(1).collect(), format!("pr {h} login"), h.replacen('e', "a", 1)])
            .collect();
        headers.extend(typos);
        headers.extend(["custom field 7 created date", "qqq", "reviewr", "submited", "xq0ab assignee login"].map(String::from));
        let mut checked = 0;
        for header in headers.iter().map(|h| Words::new(normalize(h))) {
            for name in &vocabulary.spellings {
                let contained = name.words().all(|w| header.words().any(|h| h == w));
                let full = if header.text == name.text {
                    1.0
                } else {
                    let fuzzy = jaro_winkler(&header.text, &name.text).max(normalized_levenshtein(&header.text, &name.text));
                    if contained { fuzzy.max(0.9) } else { fuzzy }
                };
                let pruned = similarity(&header, name);
                if full >= THRESHOLD || pruned >= THRESHOLD {
                    assert_eq!(pruned, full, "{:?} vs {:?}", header.text, name.text);
                    checked += 1;
                }
            }
        }
        assert!(checked > 300, "only {checked} pairs reached the threshold");
    }
}
