//! Days since last merge per person, grouped by team, each team's bars
//! crossed by that team's quiet-days norm.

use crate::charts::common::{bar, category_chart, framed, norm_line, not_enough_data, render_svg, DEFAULT_SIZE};
use crate::charts::palette;
use crate::views::quiet::QuietDays;
use crate::views::table::number;

pub fn draw(vm: &QuietDays) -> String {
    render_svg(&vm.title, DEFAULT_SIZE, |area| {
        if vm.bar_count() == 0 {
            return not_enough_data(area, &vm.title, "No people or pull requests in the loaded files.");
        }
        let bars: Vec<_> = vm.teams.iter().flat_map(|t| t.bars.iter().map(move |b| (t, b))).collect();
        let labels: Vec<String> = bars.iter().map(|(_, b)| b.label.clone()).collect();
        let highest = bars.iter().filter_map(|(_, b)| b.days).chain(vm.teams.iter().map(|t| t.threshold_days)).fold(0.0, f64::max);
        // Never-merged bars reach the top of the axis: "longer than anything shown".
        let top = crate::charts::common::nice_max(highest);
        let body = framed(area, &vm.title, &[("within norm", palette::WITHIN_NORM), ("over norm", palette::OVER_NORM), ("no merged PR", palette::NO_DATA)])?;
        let mut chart = category_chart(&body, &labels, highest, "days since last merge")?;
        chart.draw_series(bars.iter().enumerate().map(|(i, (team, b))| match b.days {
            Some(days) if days > team.threshold_days => bar(i, days, palette::OVER_NORM),
            Some(days) => bar(i, days, palette::WITHIN_NORM),
            None => bar(i, top, palette::NO_DATA),
        }))?;
        let mut first = 0;
        for team in &vm.teams {
            let last = first + team.bars.len();
            let label = format!("{}: {} d", team.team, number(team.threshold_days));
            norm_line(&mut chart, first, last, team.threshold_days, &label)?;
            first = last;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::svg_check::{count_stroked, has_text, injected, rects_filled};
    use crate::views::quiet::days_since_last_merge;
    use crate::testkit::orgs as synthetic;
    use crate::views::TeamThresholds;

    #[test]
    fn bars_per_person_and_a_threshold_line_per_team() {
        let d = synthetic::small_org();
        let vm = days_since_last_merge(&crate::dataset::Index::new(&d), synthetic::today(), &TeamThresholds::uniform(7.0), None);
        let svg = draw(&vm);
        let bars = rects_filled(&svg, "#0072B2") + rects_filled(&svg, "#D55E00") + rects_filled(&svg, "#999999");
        assert_eq!(bars, vm.bar_count() + 3, "one bar per person plus three legend swatches");
        assert_eq!(count_stroked(&svg, "#000000", 2), vm.teams.len(), "one norm line per team");
        assert!(has_text(&svg, "Team 000: 7 d"));
        assert!(has_text(&svg, &d.people[0].name));
        assert!(injected(&svg).is_empty());
    }
}
