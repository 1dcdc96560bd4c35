//! `okr_not_started`: a key result with no progress after its quarter's
//! midpoint: in the current quarter once past mid-quarter, or in the
//! quarter that just ended (it was never started). Older quarters are history.

use chrono::Duration;

use super::{Context, Finding, Output, Phase, Tripwire, Unit};
use crate::model::calendar::{days_between, quarter_bounds};

pub const ID: &str = "okr_not_started";
pub const TRIPWIRE: Tripwire = Tripwire { id: ID, title: "OKR not started", phase: Phase::Rows, run };

fn run(ctx: &Context, out: &mut Output) {
    for kr in &ctx.dataset.key_results {
        let subject = kr.key_result.trim();
        let Some((start, end)) = quarter_bounds(&kr.quarter) else {
            out.not_enough_data(ctx, ID, Some(&kr.team), subject, format!("quarter `{}` is not like 2026-Q1", kr.quarter), [kr.source]);
            continue;
        };
        let midpoint = start + Duration::days(days_between(start, end) / 2);
        let just_ended = end < ctx.today && days_between(end, ctx.today) <= days_between(start, end) + 1;
        if ctx.today <= midpoint || (end < ctx.today && !just_ended) {
            continue;
        }
        let Some(progress) = kr.progress else {
            out.not_enough_data(ctx, ID, Some(&kr.team), subject, "no progress value", [kr.source]);
            continue;
        };
        if progress > 0.0 {
            continue;
        }
        out.push(
            Finding::draft(ID, &kr.team, subject)
                .measured(days_between(start, midpoint) as f64, days_between(start, ctx.today) as f64, Unit::Days)
                .evidence(ctx, [kr.source])
                .why(if just_ended {
                    format!("\"{subject}\" ended {} with no progress.", kr.quarter)
                } else {
                    format!("\"{subject}\" shows no progress {} days into {}, past mid-quarter ({midpoint}).", days_between(start, ctx.today), kr.quarter)
                })
                .ask("Is this still a priority this quarter, and if so, what is in the way of starting?"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::ID;
    use crate::findings::testing::cites;
    use crate::testkit::Fixture;

    fn okrs() -> Fixture {
        let mut fx = Fixture::new();
        fx.key_result("Rockets", "2026-Q1", "Cut churn from 5% to 4%", Some(0.0));
        fx.key_result("Rockets", "2026-Q1", "Raise activation from 22% to 30%", Some(0.1));
        fx.key_result("Rockets", "2025-Q4", "Lift NPS from 30 to 35", Some(0.0));
        fx.key_result("Rockets", "2025-Q3", "Cut cost from 10 to 9", Some(0.0));
        fx
    }

    #[test]
    fn zero_progress_after_mid_quarter_fires() {
        // Q1 2026: Jan 1 – Mar 31, midpoint Feb 14. Q4 2025 just ended at zero.
        let findings = okrs().findings_of(ID, "2026-03-02");
        let subjects: Vec<_> = findings.iter().map(|f| f.subject.as_str()).collect();
        assert_eq!(subjects, ["Cut churn from 5% to 4%", "Lift NPS from 30 to 35"]);
        assert_eq!((findings[0].norm.value, findings[0].observed.value), (44.0, 60.0));
        assert_eq!(cites(&findings[0]), ["okrs.csv:2"]);
    }

    #[test]
    fn before_mid_quarter_and_older_quarters_do_not_fire() {
        let subjects: Vec<_> = okrs().findings_of(ID, "2026-02-14").into_iter().map(|f| f.subject).collect();
        assert_eq!(subjects, ["Lift NPS from 30 to 35"], "Q1 not yet at its midpoint, Q3 2025 is history");
    }
}
