//! The browser entry point; all logic lives in the library.

#[cfg(target_arch = "wasm32")]
fn main() {
    teamdiff::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("teamdiff runs in the browser: `make serve`. For a headless run: `cargo run --example inspect -- FILE...`");
}
