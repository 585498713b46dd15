//! A NUL character (`\u0000`) in a request's text: PostgreSQL's text cannot store one, so a
//! body or query holding one is refused (422, naming where) before it is read.

use std::borrow::Cow;

/// What the refused field is told.
pub const REFUSAL: &str = "must not contain a NUL character (\\u0000)";

/// Where a body holds a NUL character (`\u0000`, which PostgreSQL's text cannot store): the
/// path of the first string or key with one. Read only when the escape is in the bytes.
pub fn in_body(bytes: &[u8]) -> Option<String> {
    let escape = b"\\u0000";
    if !bytes
        .windows(escape.len())
        .any(|w| w.eq_ignore_ascii_case(escape))
    {
        return None;
    }
    fn walk(value: &serde_json::Value, path: String) -> Option<String> {
        match value {
            serde_json::Value::String(text) => text.contains('\0').then_some(path),
            serde_json::Value::Array(items) => items
                .iter()
                .enumerate()
                .find_map(|(i, item)| walk(item, format!("{path}[{i}]"))),
            serde_json::Value::Object(fields) => fields.iter().find_map(|(key, item)| {
                let at = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                if key.contains('\0') {
                    Some(at)
                } else {
                    walk(item, at)
                }
            }),
            _ => None,
        }
    }
    walk(&serde_json::from_slice(bytes).ok()?, String::new())
}

/// The query parameter whose name or value holds a NUL character.
pub fn in_query<'a>(
    pairs: impl IntoIterator<Item = (Cow<'a, str>, Cow<'a, str>)>,
) -> Option<String> {
    pairs
        .into_iter()
        .find(|(name, value)| name.contains('\0') || value.contains('\0'))
        .map(|(name, _)| name.into_owned())
}
