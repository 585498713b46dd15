//! `/catalog/…`.

use openapi::Page;
use openapi::catalog::ProductOut;

use super::{ApiError, get};
use crate::session::Session;

pub async fn products(session: Session, q: &str) -> Result<Page<ProductOut>, ApiError> {
    let query = if q.trim().is_empty() {
        String::new()
    } else {
        format!("&q={}", js_encode(q.trim()))
    };
    get(session, &format!("/catalog/products?limit=50{query}")).await
}

/// Percent-encodes a query value.
pub fn js_encode(text: &str) -> String {
    js_sys_encode(text)
}

fn js_sys_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
