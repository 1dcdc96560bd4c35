//! The Okabe–Ito palette: eight colours that stay distinguishable under the
//! common forms of colour-blindness. Every chart takes its colours from here
//! so that "over the norm" looks the same on every page.

use plotters::style::RGBColor;

pub const BLACK: RGBColor = RGBColor(0x00, 0x00, 0x00);
pub const ORANGE: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
pub const SKY_BLUE: RGBColor = RGBColor(0x56, 0xB4, 0xE9);
pub const BLUISH_GREEN: RGBColor = RGBColor(0x00, 0x9E, 0x73);
pub const YELLOW: RGBColor = RGBColor(0xF0, 0xE4, 0x42);
pub const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
pub const VERMILLION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
pub const REDDISH_PURPLE: RGBColor = RGBColor(0xCC, 0x79, 0xA7);

/// Neutral greys for frames, grid and "no data"; not part of Okabe–Ito,
/// carrying no meaning of their own.
pub const GREY: RGBColor = RGBColor(0x99, 0x99, 0x99);
/// Text on top of a filled mark.
pub const WHITE_TEXT: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);
pub const LIGHT_GREY: RGBColor = RGBColor(0xE6, 0xE6, 0xE6);

/// Roles rather than hues, so a chart says what a mark means, not its colour.
pub const WITHIN_NORM: RGBColor = BLUE;
pub const OVER_NORM: RGBColor = VERMILLION;
pub const NORM_LINE: RGBColor = BLACK;
pub const NORM_BAND: RGBColor = BLUISH_GREEN;
pub const NO_DATA: RGBColor = GREY;

/// Series colours in a fixed order for stacked or grouped marks.
pub const SERIES: [RGBColor; 7] = [BLUE, ORANGE, BLUISH_GREEN, REDDISH_PURPLE, SKY_BLUE, VERMILLION, YELLOW];
