//! Days from raised to decided per decision level, each against its own norm.

use crate::views::distribution::Distribution;

pub fn draw(vm: &Distribution) -> String {
    crate::charts::distribution::draw(vm)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::svg_check::{count_stroked, has_text};
    use crate::views::decisions::{decision_latency, LevelNorms};
    use crate::testkit::orgs as synthetic;

    #[test]
    fn three_levels_each_with_a_norm() {
        let vm = decision_latency(&synthetic::small_org(), synthetic::today(), &LevelNorms::default(), None);
        let svg = draw(&vm);
        for level in ["edge", "functional", "executive"] {
            assert!(has_text(&svg, level));
        }
        assert_eq!(count_stroked(&svg, "#000000", 2), 3);
    }
}
