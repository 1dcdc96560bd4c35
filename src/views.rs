//! Plain view-models: what each page and chart shows, computed natively.
