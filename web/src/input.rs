//! What a form's text fields become in a request body. Values go as typed (a decimal comma
//! becomes a point), so the API judges them and names the field when one is wrong.

/// An amount as typed, for the API to judge (a decimal comma becomes a point).
pub fn typed_amount(text: &str) -> serde_json::Value {
    let text = text.trim().replace(',', ".");
    if text.is_empty() {
        serde_json::Value::Null
    } else {
        serde_json::Value::String(text)
    }
}

/// An optional text: blank is absent.
pub fn typed_text(text: &str) -> serde_json::Value {
    match text.trim() {
        "" => serde_json::Value::Null,
        text => serde_json::Value::String(text.to_owned()),
    }
}

/// A whole number as typed: the number when it is one, else the text (the API names it).
pub fn typed_whole(text: &str) -> serde_json::Value {
    let text = text.trim();
    text.parse::<i64>()
        .map_or_else(|_| text.into(), serde_json::Value::from)
}
