//! The frame every chart shares: canvas, title, axes, bars, norm lines and
//! legends, so the charts differ only in what they mean.

use std::error::Error;
use std::ops::Range;

use plotters::coord::ranged1d::{IntoSegmentedCoord, SegmentValue, SegmentedCoord, ValueFormatter};
use plotters::coord::types::{RangedCoordf64, RangedCoordusize};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::charts::palette;
use crate::views::markup::{escape, is_xml_char};
use crate::views::table::number;

pub type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
pub type Drawn = Result<(), Box<dyn Error>>;
/// A chart with one slot per category on x and a number on y.
pub type CategoryChart<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<SegmentedCoord<RangedCoordusize>, RangedCoordf64>>;
pub type PlaneChart<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

pub const FONT: &str = "sans-serif";
pub const DEFAULT_SIZE: (u32, u32) = (640, 320);
pub const TITLE_SIZE: u32 = 18;
pub const LABEL_SIZE: u32 = 12;
/// Data labels longer than this are cut: the table alternative has them whole.
pub const MAX_LABEL_CHARS: usize = 24;

/// Draws onto a fresh SVG and returns it, marked up for assistive tech.
/// plotters escapes every text and attribute it writes, which is what makes
/// labels from unvetted files inert; `fit_label` only tidies them. It does
/// not drop characters XML forbids, so that happens here, once for every
/// label, title, legend and tick however it was drawn.
pub fn render_svg(title: &str, size: (u32, u32), paint: impl FnOnce(&Area) -> Drawn) -> String {
    only_xml_chars(draw_svg(title, size, paint))
}

/// A character XML forbids (U+FFFE, a C0 control) makes a downloaded SVG
/// unparseable and PNG export fail; it becomes U+FFFD, as undecodable input
/// does elsewhere. teamdiff's own markup has none, so only text changes.
fn only_xml_chars(svg: String) -> String {
    if svg.chars().all(is_xml_char) {
        svg
    } else {
        svg.chars().map(|c| if is_xml_char(c) { c } else { char::REPLACEMENT_CHARACTER }).collect()
    }
}

fn draw_svg(title: &str, size: (u32, u32), paint: impl FnOnce(&Area) -> Drawn) -> String {
    let mut svg = String::new();
    let outcome = {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        root.fill(&WHITE)
            .map_err(Box::<dyn Error>::from)
            .and_then(|()| paint(&root))
            .and_then(|()| root.present().map_err(Box::<dyn Error>::from))
    };
    match outcome {
        Ok(()) => accessible(svg, title),
        Err(error) => fallback_svg(title, size, &error.to_string()),
    }
}

/// plotters' root tag carries no role or name; screen readers need both.
fn accessible(svg: String, title: &str) -> String {
    let title = escape(title);
    let Some(open_end) = svg.find('>') else { return svg };
    let (open, rest) = svg.split_at(open_end);
    let open = open.replacen("<svg ", &format!("<svg role=\"img\" aria-label=\"{title}\" "), 1);
    format!("{open}>\n<title>{title}</title>{}", &rest[1..])
}

fn fallback_svg(title: &str, (w, h): (u32, u32), error: &str) -> String {
    format!(
        "<svg role=\"img\" aria-label=\"{t}\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\">\
         <title>{t}</title><text x=\"10\" y=\"20\">Chart could not be drawn: {e}</text></svg>",
        t = escape(title),
        e = escape(error),
    )
}

/// Drops control characters (invalid in SVG) and shortens long labels.
pub fn fit_label(text: &str) -> String {
    let clean: String = text.chars().filter(|c| !c.is_control()).collect();
    if clean.chars().count() <= MAX_LABEL_CHARS {
        clean
    } else {
        let cut: String = clean.chars().take(MAX_LABEL_CHARS - 1).collect();
        format!("{cut}…")
    }
}

pub fn text_style(size: u32, color: &RGBColor) -> TextStyle<'static> {
    TextStyle { color: color.to_backend_color(), ..TextStyle::from((FONT, size).into_font()) }
}

pub fn centered(style: TextStyle<'static>) -> TextStyle<'static> {
    style.pos(Pos::new(HPos::Center, VPos::Center))
}

/// An honest empty chart: a title and why there is nothing to draw.
pub fn not_enough_data(area: &Area, title: &str, why: &str) -> Drawn {
    let area = framed(area, title, &[])?;
    let (w, h) = area.dim_in_pixel();
    area.draw(&Text::new(why.to_string(), (w as i32 / 2, h as i32 / 2), centered(text_style(LABEL_SIZE, &palette::GREY))))?;
    Ok(())
}

pub fn fit_title(title: &str) -> String {
    title.chars().filter(|c| !c.is_control()).take(90).collect()
}

/// Title on top, legend below it, and the rest of the area for the plot,
/// so a legend never covers data.
pub fn framed<'b>(area: &Area<'b>, title: &str, legend: &[(&str, RGBColor)]) -> Result<Area<'b>, Box<dyn Error>> {
    let (w, _) = area.dim_in_pixel();
    let title_style = text_style(TITLE_SIZE, &palette::BLACK).pos(Pos::new(HPos::Center, VPos::Top));
    area.draw(&Text::new(fit_title(title), (w as i32 / 2, 8), title_style))?;
    let mut x = 60;
    for (label, color) in legend {
        area.draw(&Rectangle::new([(x, 34), (x + 10, 44)], color.filled()))?;
        area.draw(&Text::new(label.to_string(), (x + 14, 34), text_style(LABEL_SIZE - 1, &palette::BLACK)))?;
        x += 30 + 7 * label.chars().count() as i32;
    }
    let header = if legend.is_empty() { HEADER_HEIGHT } else { HEADER_HEIGHT + 18 };
    Ok(area.split_vertically(header).1)
}

const HEADER_HEIGHT: u32 = 34;
/// Room for a rotated label of [`MAX_LABEL_CHARS`].
const CROWDED_LABEL_AREA: u32 = 130;

/// Upright labels overlap once they are wider than their slot.
fn crowded(area: &Area, labels: &[String]) -> bool {
    let (w, _) = area.dim_in_pixel();
    let slot = w.saturating_sub(70) as usize / labels.len().max(1);
    let widest = labels.iter().map(|l| fit_label(l).chars().count()).max().unwrap_or(0);
    widest * 7 + 6 > slot
}

/// Labels reading downwards from just below the x axis. plotters centres
/// rotated axis labels on their tick, which pushes half of each label into
/// the plot, so crowded axes draw their own. `anchors` are backend pixels.
pub fn rotated_labels<'l>(area: &Area, labels: impl Iterator<Item = ((i32, i32), &'l String)>) -> Drawn {
    let (base_x, base_y) = area.get_base_pixel();
    let style = text_style(LABEL_SIZE - 2, &palette::BLACK)
        .transform(FontTransform::Rotate90)
        .pos(Pos::new(HPos::Left, VPos::Center));
    for ((x, y), label) in labels {
        area.draw(&Text::new(fit_label(label), (x - base_x, y - base_y + 6), style.clone()))?;
    }
    Ok(())
}

/// One slot per label on x (labels rotated when crowded), `0..y_max` on y.
pub fn category_chart<'a, 'b>(
    area: &'a Area<'b>,
    labels: &[String],
    y_max: f64,
    y_desc: &str,
) -> Result<CategoryChart<'a, 'b>, Box<dyn Error>> {
    let crowded = crowded(area, labels);
    let mut chart = labelled_builder(area, crowded).build_cartesian_2d((0..labels.len()).into_segmented(), 0.0..nice_max(y_max))?;
    let slot_of = |slot: &SegmentValue<usize>| match slot {
        SegmentValue::CenterOf(i) | SegmentValue::Exact(i) => Some(*i),
        SegmentValue::Last => None,
    };
    draw_category_mesh(area, &mut chart, labels, crowded, y_desc, slot_of, SegmentValue::CenterOf)?;
    Ok(chart)
}

/// Categories at whole numbers `0..labels.len()` on a continuous x axis, so
/// marks can be narrower than a slot (box plots, dots); `y` numeric.
pub fn index_chart<'a, 'b>(
    area: &'a Area<'b>,
    labels: &[String],
    y_max: f64,
    y_desc: &str,
) -> Result<PlaneChart<'a, 'b>, Box<dyn Error>> {
    let crowded = crowded(area, labels);
    let mut chart = labelled_builder(area, crowded).build_cartesian_2d(-0.5..labels.len() as f64 - 0.5, 0.0..nice_max(y_max))?;
    let slot_of = |x: &f64| {
        let slot = x.round();
        ((x - slot).abs() < 1e-6 && slot >= 0.0).then_some(slot as usize)
    };
    draw_category_mesh(area, &mut chart, labels, crowded, y_desc, slot_of, |i| i as f64)?;
    Ok(chart)
}

/// Margins and label areas of a chart with category labels on x; a crowded
/// axis needs room for its rotated labels.
fn labelled_builder<'a, 'b>(area: &'a Area<'b>, crowded: bool) -> ChartBuilder<'a, 'b, SVGBackend<'b>> {
    let mut builder = ChartBuilder::on(area);
    builder.margin(10).x_label_area_size(if crowded { CROWDED_LABEL_AREA } else { 40 }).y_label_area_size(50);
    builder
}

/// The mesh every category chart shares: a light y grid, numeric y labels,
/// and one label per category on x — plotters' own on the tick `slot_of`
/// maps to a category, or drawn rotated by hand when the axis is crowded.
fn draw_category_mesh<X, XT>(
    area: &Area,
    chart: &mut ChartContext<'_, SVGBackend<'_>, Cartesian2d<X, RangedCoordf64>>,
    labels: &[String],
    crowded: bool,
    y_desc: &str,
    slot_of: impl Fn(&XT) -> Option<usize>,
    centre_of: impl Fn(usize) -> XT,
) -> Drawn
where
    X: Ranged<ValueType = XT> + ValueFormatter<XT>,
{
    let label_of = |x: &XT| match slot_of(x) {
        Some(i) if !crowded => labels.get(i).map(|l| fit_label(l)).unwrap_or_default(),
        _ => String::new(),
    };
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(palette::LIGHT_GREY)
        .x_labels(labels.len().min(60))
        .x_label_formatter(&label_of)
        .y_label_formatter(&|y| number(*y))
        .label_style(text_style(LABEL_SIZE, &palette::BLACK))
        .y_desc(y_desc)
        .draw()?;
    if crowded {
        let anchors = (0..labels.len()).map(|i| chart.backend_coord(&(centre_of(i), 0.0)));
        rotated_labels(area, anchors.zip(labels))?;
    }
    Ok(())
}

/// A plain numeric plane with axis titles.
pub fn plane_chart<'a, 'b>(
    area: &'a Area<'b>,
    x: Range<f64>,
    y: Range<f64>,
    x_desc: &str,
    y_desc: &str,
    x_formatter: &dyn Fn(&f64) -> String,
) -> Result<PlaneChart<'a, 'b>, Box<dyn Error>> {
    let mut chart = ChartBuilder::on(area)
        .margin(10)
        .x_label_area_size(40)
        .y_label_area_size(50)
        .build_cartesian_2d(x, y)?;
    chart
        .configure_mesh()
        .light_line_style(palette::LIGHT_GREY)
        .x_desc(x_desc)
        .y_desc(y_desc)
        .x_label_formatter(x_formatter)
        .label_style(text_style(LABEL_SIZE, &palette::BLACK))
        .draw()?;
    Ok(chart)
}

/// Where each of the four quadrant labels goes, reading order.
pub struct QuadrantLabels<'l> {
    pub top_left: &'l str,
    pub top_right: &'l str,
    pub bottom_left: &'l str,
    pub bottom_right: &'l str,
}

/// Room around the unit square so marks at 0% or 100% are not cut off.
const QUADRANT_PAD: f64 = 0.05;

/// Style and x offset for a mark's label in a quadrant chart: marks in the
/// right quarter are labelled on their left so the label stays on canvas.
pub fn point_label(x: f64, gap: i32) -> (TextStyle<'static>, i32) {
    let style = text_style(LABEL_SIZE - 1, &palette::BLACK);
    if x > 0.75 {
        (style.pos(Pos::new(HPos::Right, VPos::Center)), -gap)
    } else {
        (style.pos(Pos::new(HPos::Left, VPos::Center)), gap)
    }
}

/// A unit square split at 0.5 both ways, each quadrant named in its corner.
pub fn quadrant_chart<'a, 'b>(
    area: &'a Area<'b>,
    x_desc: &str,
    y_desc: &str,
    labels: &QuadrantLabels,
) -> Result<PlaneChart<'a, 'b>, Box<dyn Error>> {
    let percent = |v: &f64| format!("{:.0}%", v * 100.0);
    let mut chart = ChartBuilder::on(area).margin(10).x_label_area_size(40).y_label_area_size(50).build_cartesian_2d(-QUADRANT_PAD..1.0 + QUADRANT_PAD, -QUADRANT_PAD..1.0 + QUADRANT_PAD)?;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_desc(x_desc)
        .y_desc(y_desc)
        .x_label_formatter(&percent)
        .y_label_formatter(&percent)
        .label_style(text_style(LABEL_SIZE, &palette::BLACK))
        .draw()?;
    let divider = palette::GREY.stroke_width(1);
    chart.draw_series([PathElement::new(vec![(0.5, 0.0), (0.5, 1.0)], divider), PathElement::new(vec![(0.0, 0.5), (1.0, 0.5)], divider)])?;
    let style = |h| text_style(LABEL_SIZE + 1, &palette::GREY).pos(Pos::new(h, VPos::Top));
    let corners = [
        (labels.top_left, (0.02, 0.98), HPos::Left),
        (labels.top_right, (0.98, 0.98), HPos::Right),
        (labels.bottom_left, (0.02, 0.48), HPos::Left),
        (labels.bottom_right, (0.98, 0.48), HPos::Right),
    ];
    chart.draw_series(corners.into_iter().map(|(label, at, h)| Text::new(label.to_string(), at, style(h))))?;
    Ok(chart)
}

/// The bar filling slot `i` from 0 to `value`.
pub fn bar(i: usize, value: f64, color: RGBColor) -> Rectangle<(SegmentValue<usize>, f64)> {
    Rectangle::new([(SegmentValue::Exact(i), 0.0), (SegmentValue::Exact(i + 1), value)], color.filled())
}

/// A horizontal norm or threshold line across slots `from..to`, labelled
/// at its right end so the norm is readable without a legend.
pub fn norm_line(chart: &mut CategoryChart, from: usize, to: usize, value: f64, label: &str) -> Drawn {
    let style = palette::NORM_LINE.stroke_width(2);
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(SegmentValue::Exact(from), value), (SegmentValue::Exact(to), value)],
        style,
    )))?;
    chart.draw_series(std::iter::once(Text::new(
        fit_label(label),
        (SegmentValue::Exact(to), value),
        text_style(LABEL_SIZE - 2, &palette::NORM_LINE).pos(Pos::new(HPos::Right, VPos::Bottom)),
    )))?;
    Ok(())
}

/// Rounds an axis maximum up to a readable number with some headroom, and
/// keeps an all-zero series from collapsing the axis.
pub fn nice_max(value: f64) -> f64 {
    if !value.is_finite() || value <= 0.0 {
        return 1.0;
    }
    let padded = value * 1.1;
    let magnitude = 10f64.powf(padded.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0].into_iter().map(|s| s * magnitude).find(|s| *s >= padded).unwrap_or(padded);
    step.max(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_maxima_are_round() {
        assert_eq!(nice_max(0.0), 1.0);
        assert_eq!(nice_max(7.0), 10.0);
        assert_eq!(nice_max(23.0), 50.0);
        assert_eq!(nice_max(0.3), 1.0);
    }

    #[test]
    fn labels_are_tidied_not_escaped() {
        assert_eq!(fit_label("a\u{0}<b>"), "a<b>");
        assert_eq!(fit_label(&"x".repeat(40)).chars().count(), MAX_LABEL_CHARS);
    }

    #[test]
    fn text_xml_forbids_is_replaced_wherever_it_is_drawn() {
        let label = "a\u{FFFE}b\u{FFFF}c";
        let svg = render_svg(label, (200, 100), |area| {
            let body = framed(area, label, &[(label, palette::BLACK)])?;
            body.draw(&Text::new(label.to_string(), (5, 50), text_style(LABEL_SIZE, &palette::BLACK)))?;
            Ok(())
        });
        assert_eq!(crate::charts::svg_check::well_formed(&svg), Ok(()));
        assert!(crate::charts::svg_check::has_text(&svg, "a\u{FFFD}b\u{FFFD}c"), "{svg}");
    }

    #[test]
    fn svg_gets_a_role_and_an_escaped_name() {
        let svg = render_svg("<script>", (100, 50), |_| Ok(()));
        assert!(svg.starts_with("<svg role=\"img\" aria-label=\"&lt;script&gt;\""));
        assert!(svg.contains("<title>&lt;script&gt;</title>"));
    }
}
