//! plotters drawing functions over view-models; each returns SVG text.
