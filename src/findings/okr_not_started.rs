//! `okr_not_started`: a key result of the current quarter with no progress
//! after the quarter's midpoint.

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
        if ctx.today <= midpoint || ctx.today > end {
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
                .why(format!("\"{subject}\" shows no progress {} days into {}, past mid-quarter ({midpoint}).", days_between(start, ctx.today), kr.quarter))
                .ask("Is this still a priority this quarter, and if so, what is in the way of starting?"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::ID;
    use crate::findings::testkit::{cites, Fixture};

    fn okrs() -> Fixture {
        let mut fx = Fixture::new();
        fx.key_result("Rockets", "2026-Q1", "Cut churn from 5% to 4%", Some(0.0));
        fx.key_result("Rockets", "2026-Q1", "Raise activation from 22% to 30%", Some(0.1));
        fx.key_result("Rockets", "2025-Q4", "Lift NPS from 30 to 35", Some(0.0));
        fx
    }

    #[test]
    fn zero_progress_after_mid_quarter_fires() {
        // Q1 2026: Jan 1 – Mar 31, midpoint Feb 14.
        let findings = okrs().findings_of(ID, "2026-03-02");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].subject, "Cut churn from 5% to 4%");
        assert_eq!((findings[0].norm.value, findings[0].observed.value), (44.0, 60.0));
        assert_eq!(cites(&findings[0]), ["okrs.csv:2"]);
    }

    #[test]
    fn before_mid_quarter_and_past_quarters_do_not_fire() {
        assert!(okrs().findings_of(ID, "2026-02-14").is_empty());
    }
}
