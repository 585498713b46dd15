//! Request extractors that turn every bad input into a problem document naming the field:
//! `ValidJson` (body) and `ValidQuery` (query string) deserialize and then `validate()`.

use std::borrow::Cow;
use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::error::PayloadError;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use openapi::FieldError;
use serde::de::DeserializeOwned;
use validator::{Validate, ValidationErrors, ValidationErrorsKind};

use crate::error::{ApiError, ErrorKind};
use crate::i18n::{Key, Message};

mod csv;
mod nul;
pub use csv::{CsvBody, EmailBody, FILE_LIMIT, csv_download};

/// Largest request body the API accepts.
pub const BODY_LIMIT: usize = 256 * 1024;

/// A JSON body, deserialized (`deny_unknown_fields` on every DTO) and validated.
pub struct ValidJson<T>(pub T);

impl<T: DeserializeOwned + Validate + 'static> FromRequest for ValidJson<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let content_type_ok = is_json(req);
        let body = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            if !content_type_ok {
                return Err(ApiError::keyed(
                    ErrorKind::UnsupportedMediaType,
                    "request/unsupported-media-type",
                    Key::ProblemSendJson,
                ));
            }
            let bytes = body.await.map_err(|error| payload_error(&error))?;
            parse_valid_json(&bytes).map(ValidJson)
        })
    }
}

fn is_json(req: &HttpRequest) -> bool {
    let Some(value) = req.headers().get(header::CONTENT_TYPE) else {
        return false;
    };
    let Ok(text) = value.to_str() else {
        return false;
    };
    let essence = text.split(';').next().unwrap_or_default().trim();
    essence.eq_ignore_ascii_case("application/json")
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

fn payload_error(error: &actix_web::Error) -> ApiError {
    let too_large = error
        .as_error::<PayloadError>()
        .is_some_and(|e| matches!(e, PayloadError::Overflow));
    if too_large || error.as_response_error().status_code().as_u16() == 413 {
        ApiError::with_message(
            ErrorKind::PayloadTooLarge,
            "request/too-large",
            Message::new(Key::ProblemBodyTooLarge).with("limit", BODY_LIMIT as i64),
        )
    } else {
        ApiError::keyed(
            ErrorKind::BadRequest,
            "request/unreadable-body",
            Key::ProblemUnreadableBody,
        )
    }
}

/// What `ValidJson` accepts: JSON of `T`'s shape whose values pass `T`'s checks.
pub fn parse_valid_json<T: DeserializeOwned + Validate>(bytes: &[u8]) -> Result<T, ApiError> {
    validated(parse_json(bytes)?)
}

/// `value` when it passes its own validation rules, else 422 naming each bad field.
fn validated<T: Validate>(value: T) -> Result<T, ApiError> {
    value
        .validate()
        .map_err(|e| ApiError::invalid_fields(keyed_field_errors(&e)))?;
    Ok(value)
}

/// Parses JSON; broken JSON is 400, JSON of the wrong shape is 422 naming the field.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    // serde reads a struct from an array too (`[null, null]` as its fields in order): every
    // body is an object, so an array is refused as one of the wrong type.
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[') {
        return Err(wrong_data(
            "",
            "invalid type: sequence, expected a JSON object",
        ));
    }
    if let Some(path) = nul::in_body(bytes) {
        return Err(wrong_data(&path, nul::REFUSAL));
    }
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let mut result: Result<T, _> = serde_path_to_error::deserialize(&mut deserializer);
    if let Err(error) = &result
        && error
            .inner()
            .to_string()
            .starts_with("invalid type: floating point")
        && let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(bytes)
    {
        // JSON Schema counts `3.0` as an integer, serde does not: read such a body again with
        // whole numbers written as integers (on this error alone, so no other body pays).
        integral_floats_as_integers(&mut value);
        match serde_path_to_error::deserialize(value) {
            Ok(read) => return Ok(read),
            Err(again) => result = Err(again),
        }
    }
    let value = result.map_err(|error| {
        let inner = error.inner();
        match inner.classify() {
            serde_json::error::Category::Data => wrong_data(
                &error.path().to_string(),
                &strip_position(&inner.to_string()),
            ),
            _ => malformed_json(inner),
        }
    })?;
    deserializer.end().map_err(|error| malformed_json(&error))?;
    Ok(value)
}

/// A body whose JSON is well formed but not what the route takes, at `path`.
fn wrong_data(path: &str, message: &str) -> ApiError {
    ApiError::invalid_fields(vec![(
        FieldError {
            field: field_of(path, message),
            message: describe_serde_message(message),
        },
        serde_message_key(message),
    )])
}

/// Writes every whole number of `value` that is a float (`3.0`) as an integer (`3`).
fn integral_floats_as_integers(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Number(number) => {
            if let Some(float) = number.as_f64().filter(|_| number.is_f64())
                && float.fract() == 0.0
                && float.abs() < 9_007_199_254_740_992.0
            {
                // Exact: a whole float below 2^53 is an integer `i64` holds.
                *number = serde_json::Number::from(float as i64);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(integral_floats_as_integers),
        Value::Object(fields) => fields.values_mut().for_each(integral_floats_as_integers),
        _ => {}
    }
}

/// 400: the body is not JSON (the parser's own words, in English, say where).
fn malformed_json(error: &serde_json::Error) -> ApiError {
    let detail = Message::new(Key::ProblemMalformedJson).with("error", error.to_string());
    ApiError::with_message(ErrorKind::BadRequest, "request/malformed-json", detail)
}

/// A query string, deserialized and validated like a body.
pub struct ValidQuery<T>(pub T);

impl<T: DeserializeOwned + Validate + 'static> FromRequest for ValidQuery<T> {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(parse_query(req.query_string()).map(ValidQuery))
    }
}

pub(crate) fn parse_query<T: DeserializeOwned + Validate>(query: &str) -> Result<T, ApiError> {
    let pairs = url::form_urlencoded::parse(query.as_bytes());
    if let Some(name) = nul::in_query(pairs) {
        return Err(wrong_data(&name, nul::REFUSAL));
    }
    let deserializer =
        serde_urlencoded::Deserializer::new(url::form_urlencoded::parse(query.as_bytes()));
    let value: T = serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let message = error.inner().to_string();
        ApiError::invalid_fields(vec![(
            FieldError {
                field: field_of(&error.path().to_string(), &message),
                message: describe_serde_message(&message),
            },
            serde_message_key(&message),
        )])
    })?;
    validated(value)
}

/// serde names a missing or unknown field only in its message (its path is the parent).
fn field_of(path: &str, message: &str) -> String {
    for marker in ["missing field `", "unknown field `"] {
        if let Some(rest) = message.split(marker).nth(1)
            && let Some(name) = rest.split('`').next()
        {
            return if path == "." || path.is_empty() {
                name.to_owned()
            } else if path == name || path.ends_with(&format!(".{name}")) {
                path.to_owned()
            } else {
                format!("{path}.{name}")
            };
        }
    }
    if path.is_empty() {
        ".".to_owned()
    } else {
        path.to_owned()
    }
}

fn describe_serde_message(message: &str) -> String {
    if message.starts_with("missing field") {
        "is required".to_owned()
    } else if message.starts_with("unknown field") {
        "is not a field of this request".to_owned()
    } else {
        message.to_owned()
    }
}

/// `describe_serde_message`'s words as a message of the catalogues.
fn serde_message_key(message: &str) -> Option<Message> {
    if message.starts_with("missing field") {
        Some(Message::new(Key::FieldRequired))
    } else if message.starts_with("unknown field") {
        Some(Message::new(Key::FieldUnknown))
    } else {
        None
    }
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

/// Flattens validator's nested errors into `field: message` pairs with paths like `lines[0].sku`.
pub fn field_errors(errors: &ValidationErrors) -> Vec<FieldError> {
    keyed_field_errors(errors)
        .into_iter()
        .map(|(error, _)| error)
        .collect()
}

/// `field_errors`, each with its message of the catalogues when it has one.
pub fn keyed_field_errors(errors: &ValidationErrors) -> Vec<(FieldError, Option<Message>)> {
    let mut out = Vec::new();
    collect(errors, "", &mut out);
    out.sort_by(|a, b| a.0.field.cmp(&b.0.field));
    out
}

fn collect(errors: &ValidationErrors, prefix: &str, out: &mut Vec<(FieldError, Option<Message>)>) {
    for (field, kind) in errors.errors() {
        let path_to = |field: &str| {
            if prefix.is_empty() {
                field.to_owned()
            } else {
                format!("{prefix}.{field}")
            }
        };
        let path = path_to(field);
        match kind {
            ValidationErrorsKind::Field(list) => {
                for error in list {
                    // A check of the whole struct names the field it is about by its code.
                    let field = if field == "__all__" {
                        path_to(&error.code)
                    } else {
                        path.clone()
                    };
                    out.push((
                        FieldError {
                            field,
                            message: message_of(error),
                        },
                        message_key_of(error),
                    ));
                }
            }
            ValidationErrorsKind::Struct(nested) => collect(nested, &path, out),
            ValidationErrorsKind::List(items) => {
                for (index, nested) in items {
                    collect(nested, &format!("{path}[{index}]"), out);
                }
            }
        }
    }
}

fn message_of(error: &validator::ValidationError) -> String {
    if let Some(message) = &error.message {
        return message.to_string();
    }
    let param = |name: &str| error.params.get(name).map(|v| v.to_string());
    match error.code.as_ref() {
        "length" => match (param("min"), param("max")) {
            (Some(min), Some(max)) => format!("must have between {min} and {max} characters"),
            (Some(min), None) => format!("must have at least {min} characters"),
            (None, Some(max)) => format!("must have at most {max} characters"),
            _ => "has the wrong length".to_owned(),
        },
        "range" => match (param("min"), param("max")) {
            (Some(min), Some(max)) => format!("must be between {min} and {max}"),
            (Some(min), None) => format!("must be at least {min}"),
            (None, Some(max)) => format!("must be at most {max}"),
            _ => "is out of range".to_owned(),
        },
        "email" => "must be an email address".to_owned(),
        "clock_time" => "must be a time of day as HH:MM".to_owned(),
        other => Cow::Borrowed(other).replace('_', " "),
    }
}

/// `message_of` as a message of the catalogues, for the checks that have one.
fn message_key_of(error: &validator::ValidationError) -> Option<Message> {
    if error.message.is_some() {
        return None;
    }
    let param = |name: &str| error.params.get(name).map(|v| v.to_string());
    let (min, max) = (param("min"), param("max"));
    let with = |key: Key| {
        let mut message = Message::new(key);
        if let Some(min) = &min {
            message = message.with("min", min.clone());
        }
        if let Some(max) = &max {
            message = message.with("max", max.clone());
        }
        Some(message)
    };
    match (error.code.as_ref(), &min, &max) {
        ("length", Some(_), Some(_)) => with(Key::FieldLengthBetween),
        ("length", Some(_), None) => with(Key::FieldLengthMin),
        ("length", None, Some(_)) => with(Key::FieldLengthMax),
        ("range", Some(_), Some(_)) => with(Key::FieldRangeBetween),
        ("range", Some(_), None) => with(Key::FieldRangeMin),
        ("range", None, Some(_)) => with(Key::FieldRangeMax),
        ("email", _, _) => Some(Message::new(Key::FieldEmail)),
        ("clock_time", _, _) => Some(Message::new(Key::FieldClockTime)),
        _ => None,
    }
}

/// Rejections of actix's own path extractor: an id that does not parse names no resource.
pub fn path_error(error: actix_web::error::PathError, _: &HttpRequest) -> actix_web::Error {
    ApiError::new(
        ErrorKind::NotFound,
        "not-found",
        format!("no such resource ({error})"),
    )
    .into()
}
