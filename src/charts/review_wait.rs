//! Hours to first review per reviewer, as box plots against the review norm.

use crate::views::distribution::Distribution;

pub fn draw(vm: &Distribution) -> String {
    crate::charts::distribution::draw(vm)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::svg_check::{count_stroked, has_text, injected, rects_filled};
    use crate::views::review_wait::first_review_wait;
    use crate::testkit::orgs as synthetic;

    #[test]
    fn a_box_and_a_norm_tick_per_reviewer() {
        let d = synthetic::small_org();
        let vm = first_review_wait(&crate::dataset::Index::new(&d), synthetic::today(), 24.0);
        let svg = draw(&vm);
        let boxes = rects_filled(&svg, "#0072B2") + rects_filled(&svg, "#D55E00");
        assert_eq!(boxes, vm.rows.len() + 2, "one box per reviewer plus two legend swatches");
        assert_eq!(count_stroked(&svg, "#000000", 2), vm.rows.len());
        assert!(has_text(&svg, "Hours to first review, by reviewer"));
        assert!(has_text(&svg, "hours"));
        assert!(injected(&svg).is_empty());
    }
}
