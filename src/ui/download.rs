//! Every download the app offers, in one place: text (report, CSV, SVG)
//! and PNG rasterised from chart SVG. Nothing touches the network: the
//! bytes become a `blob:` URL that an `<a download>` saves, and a PNG is
//! drawn from an `Image` of the SVG's own `blob:` URL (CSP: `img-src blob:`).

use gloo::timers::callback::Timeout;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, CanvasRenderingContext2d, HtmlAnchorElement, HtmlCanvasElement, HtmlImageElement, Url};

/// PNGs are drawn at twice the SVG's size so they stay sharp on a projector.
const PNG_SCALE: f64 = 2.0;
/// Long enough for the browser to start reading the blob before it is freed.
const REVOKE_AFTER_MS: u32 = 60_000;

pub const HTML: &str = "text/html;charset=utf-8";
pub const CSV: &str = "text/csv;charset=utf-8";
pub const SVG: &str = "image/svg+xml;charset=utf-8";

fn text_blob(text: &str, mime: &str) -> Result<Blob, JsValue> {
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    Blob::new_with_str_sequence_and_options(&js_sys::Array::of1(&JsValue::from_str(text)), &options)
}

fn revoke_later(url: String) {
    Timeout::new(REVOKE_AFTER_MS, move || {
        let _ = Url::revoke_object_url(&url);
    })
    .forget();
}

fn save_blob(file_name: &str, blob: &Blob) -> Result<(), JsValue> {
    let url = Url::create_object_url_with_blob(blob)?;
    let document = gloo::utils::document();
    let anchor: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_class_name("visually-hidden");
    let body = gloo::utils::body();
    body.append_child(&anchor)?;
    anchor.click();
    anchor.remove();
    revoke_later(url);
    Ok(())
}

fn describe(error: JsValue) -> String {
    error.as_string().or_else(|| js_sys::JSON::stringify(&error).ok().map(String::from)).unwrap_or_else(|| "unknown error".into())
}

/// Saves `text` as a file. The error says what went wrong, for the page.
pub fn save_text(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    text_blob(text, mime).and_then(|blob| save_blob(file_name, &blob)).map_err(|e| format!("Could not save {file_name}: {}", describe(e)))
}

/// Rasterises chart SVG into a PNG and saves it. Asynchronous (the image
/// decodes first); failures are reported through `on_error`.
pub fn save_png(file_name: String, svg: &str, on_error: yew::Callback<String>) {
    let started = (|| -> Result<(), JsValue> {
        let url = Url::create_object_url_with_blob(&text_blob(svg, SVG)?)?;
        let image = HtmlImageElement::new()?;
        let loaded = image.clone();
        let (name, report, svg_url) = (file_name.clone(), on_error.clone(), url.clone());
        let on_load = Closure::once_into_js(move || {
            let _ = Url::revoke_object_url(&svg_url);
            if let Err(error) = draw_and_save(&loaded, name.clone()) {
                report.emit(format!("Could not save {name}: {}", describe(error)));
            }
        });
        let (name, report) = (file_name.clone(), on_error.clone());
        let on_fail = Closure::once_into_js(move || report.emit(format!("Could not save {name}: the chart image did not decode")));
        image.set_onload(Some(on_load.unchecked_ref()));
        image.set_onerror(Some(on_fail.unchecked_ref()));
        image.set_src(&url);
        Ok(())
    })();
    if let Err(error) = started {
        on_error.emit(format!("Could not save {file_name}: {}", describe(error)));
    }
}

fn draw_and_save(image: &HtmlImageElement, file_name: String) -> Result<(), JsValue> {
    let (width, height) = (f64::from(image.natural_width()), f64::from(image.natural_height()));
    let canvas: HtmlCanvasElement = gloo::utils::document().create_element("canvas")?.dyn_into()?;
    canvas.set_width((width * PNG_SCALE) as u32);
    canvas.set_height((height * PNG_SCALE) as u32);
    let context: CanvasRenderingContext2d =
        canvas.get_context("2d")?.ok_or_else(|| JsValue::from_str("no 2D canvas"))?.dyn_into()?;
    // A PNG without a background shows black text on black in some viewers.
    context.set_fill_style_str("#ffffff");
    context.fill_rect(0.0, 0.0, width * PNG_SCALE, height * PNG_SCALE);
    context.draw_image_with_html_image_element_and_dw_and_dh(image, 0.0, 0.0, width * PNG_SCALE, height * PNG_SCALE)?;
    let on_blob = Closure::once_into_js(move |blob: Option<Blob>| {
        if let Some(blob) = blob {
            if let Err(error) = save_blob(&file_name, &blob) {
                gloo::console::error!(format!("teamdiff: could not save {file_name}: {}", describe(error)));
            }
        }
    });
    canvas.to_blob_with_type(on_blob.unchecked_ref(), "image/png")
}
