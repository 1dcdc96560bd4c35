//! Shows a chart's SVG text. The SVG comes from `charts`, whose one escaping
//! point makes every data-derived label inert text; nothing else may be
//! passed here.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SvgChartProps {
    pub svg: AttrValue,
    /// What the chart shows, for screen readers.
    pub label: AttrValue,
}

#[function_component(SvgChart)]
pub fn svg_chart(props: &SvgChartProps) -> Html {
    html! {
        <figure class="chart" role="img" aria-label={props.label.clone()}>
            { Html::from_html_unchecked(props.svg.clone()) }
        </figure>
    }
}
