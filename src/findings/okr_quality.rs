//! `okr_quality`: a key result phrased as an action (no measurable
//! from→to), or one whose target at least doubles its baseline in a quarter.

use super::{Context, Finding, Output, Phase, Tripwire, Unit};

pub const ID: &str = "okr_quality";
pub const TRIPWIRE: Tripwire = Tripwire { id: ID, title: "OKR quality", phase: Phase::Rows, run };

/// A target this many times its baseline within one quarter is implausible.
const IMPLAUSIBLE_RATIO: f64 = 2.0;

struct Number {
    start: usize,
    end: usize,
    value: f64,
}

/// Decimal numbers in `text` (`1,200`, `99.9`), with their byte spans.
fn numbers(text: &str) -> Vec<Number> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_digit() || ((bytes[i] == b',' || bytes[i] == b'.') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))) {
            i += 1;
        }
        if let Ok(value) = text[start..i].replace(',', "").parse() {
            found.push(Number { start, end: i, value });
        }
    }
    found
}

/// The baseline and target of `from X to Y` or `X → Y` (also `->`, `=>`).
pub fn from_to(key_result: &str) -> Option<(f64, f64)> {
    let text = key_result.to_lowercase();
    let currency: &[char] = &['$', '€', '£'];
    numbers(&text).windows(2).find_map(|pair| {
        let between = text[pair[0].end..pair[1].start].trim_end_matches(currency);
        let before = text[..pair[0].start].trim_end_matches(currency).trim_end();
        let arrow = ["→", "->", "=>"].iter().any(|a| between.contains(a));
        let worded = before.ends_with("from") && between.split_whitespace().last() == Some("to");
        (arrow || worded).then_some((pair[0].value, pair[1].value))
    })
}

fn run(ctx: &Context, out: &mut Output) {
    for kr in &ctx.dataset.key_results {
        let text = kr.key_result.trim();
        if text.is_empty() {
            continue;
        }
        let finding = Finding::draft(ID, &kr.team, text).evidence(ctx, [kr.source]);
        match from_to(text) {
            None => out.push(
                finding
                    .measured(1.0, 0.0, Unit::Count)
                    .why(format!("\"{text}\" names an action, not an outcome: it has no measurable from→to."))
                    .ask("What would be measurably different if this were done, and what is that number today?"),
            ),
            Some((from, to)) if from > 0.0 && to / from >= IMPLAUSIBLE_RATIO => {
                let ratio = (to / from * 10.0).round() / 10.0;
                out.push(
                    finding
                        .measured(IMPLAUSIBLE_RATIO, ratio, Unit::Ratio)
                        .why(format!("\"{text}\" asks for {ratio}× its baseline within one quarter ({}).", kr.quarter))
                        .ask("What would have to be true to hit this, and what would a stretch that the team believes in look like?"),
                )
            }
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{from_to, ID};
    use crate::findings::testing::cites;
    use crate::testkit::Fixture;

    #[test]
    fn reads_from_to_in_its_common_spellings() {
        assert_eq!(from_to("Raise NPS from 31 to 40"), Some((31.0, 40.0)));
        assert_eq!(from_to("p95 latency from 800ms to 450ms"), Some((800.0, 450.0)));
        assert_eq!(from_to("Revenue from $1,200 to $2,000"), Some((1200.0, 2000.0)));
        assert_eq!(from_to("Activation 22% → 30%"), Some((22.0, 30.0)));
        assert_eq!(from_to("Launch onboarding v2 by week 6"), None);
    }

    #[test]
    fn actions_and_doubling_targets_fire_plausible_outcomes_do_not() {
        let mut fx = Fixture::new();
        fx.key_result("Rockets", "2026-Q1", "Launch the new onboarding flow", Some(0.5));
        fx.key_result("Rockets", "2026-Q1", "Grow weekly active teams from 120 to 300", Some(0.2));
        fx.key_result("Rockets", "2026-Q1", "Raise activation from 22% to 30%", Some(0.4));
        let findings = fx.findings_of(ID, "2026-03-02");
        let subjects: Vec<_> = findings.iter().map(|f| f.subject.as_str()).collect();
        assert_eq!(subjects, ["Grow weekly active teams from 120 to 300", "Launch the new onboarding flow"]);
        assert_eq!(findings[0].observed.value, 2.5);
        assert!(findings[1].why.contains("names an action"));
        assert_eq!(cites(&findings[1]), ["okrs.csv:2"]);
    }
}
