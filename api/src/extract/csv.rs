//! Files sent as a request's body (a CSV import, a raw email) and a CSV download (exports).

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};

use super::payload_error;
use crate::error::{ApiError, ErrorKind};
use crate::i18n::{Key, Message};

/// Largest CSV file an import accepts.
pub const FILE_LIMIT: usize = 10 * 1024 * 1024;

/// A `text/csv` request body of up to `FILE_LIMIT` bytes.
pub struct CsvBody(pub web::Bytes);

impl FromRequest for CsvBody {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = file_body(req, payload, "text/csv", Key::ProblemSendCsv);
        Box::pin(async move { body.await.map(CsvBody) })
    }
}

/// A raw email (`message/rfc822`) of up to `FILE_LIMIT` bytes, as inbound-mail services
/// forward it.
pub struct EmailBody(pub web::Bytes);

impl FromRequest for EmailBody {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = file_body(req, payload, "message/rfc822", Key::ProblemSendEmail);
        Box::pin(async move { body.await.map(EmailBody) })
    }
}

/// A file sent as the whole body, of the media type `media` (else 415 with `refusal`), up to
/// `FILE_LIMIT` bytes (else 413).
fn file_body(
    req: &HttpRequest,
    payload: &mut Payload,
    media: &'static str,
    refusal: Key,
) -> Pin<Box<dyn Future<Output = Result<web::Bytes, ApiError>>>> {
    let fits = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().to_ascii_lowercase().starts_with(media));
    let payload = web::Payload::from_request(req, payload);
    Box::pin(async move {
        let payload = payload.await.map_err(|error| payload_error(&error))?;
        if !fits {
            return Err(ApiError::keyed(
                ErrorKind::UnsupportedMediaType,
                "request/unsupported-media-type",
                refusal,
            ));
        }
        let bytes = payload.to_bytes_limited(FILE_LIMIT).await.map_err(|_| {
            ApiError::with_message(
                ErrorKind::PayloadTooLarge,
                "request/too-large",
                Message::new(Key::ProblemFileTooLarge).with("limit", FILE_LIMIT as i64),
            )
        })?;
        bytes.map_err(|error| payload_error(&error))
    })
}

/// A CSV file to download.
pub fn csv_download(name: &str, bytes: Vec<u8>) -> actix_web::HttpResponse {
    actix_web::HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        .body(bytes)
}
