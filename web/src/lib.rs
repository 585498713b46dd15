//! The Retaguarda web app: a client-side Leptos app compiled to wasm, served by the
//! `retaguarda` server at `/`, talking only to `/api/v1` with the `openapi` crate's types.
//!
//! `app.rs` is the router (one route group per module), `session.rs` the signed-in user (the
//! access token lives in memory only), `api/` the typed client, `pages/<module>/` the pages,
//! `components/` what pages share, `i18n/` the texts in pt-BR, es and en.

pub mod api;
pub mod app;
pub mod clock;
pub mod components;
pub mod format;
pub mod i18n;
mod input;
pub mod pages;
pub mod session;

/// Mounts the app into `<body>` when the wasm module loads.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
