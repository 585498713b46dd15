//! Optimistic concurrency: a row's `version` is its `ETag`; `If-Match` on a write must name the
//! current version or the write is refused with 412.

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest};

use crate::error::{ApiError, ErrorKind};

pub fn etag(version: i32) -> String {
    format!("\"{version}\"")
}

/// The version named by `If-Match`, when the header is sent (and is not `*`). A header that
/// names no version of ours is refused (412) by `version`, which the handler calls once every
/// other part of the request has been read: a missing or malformed body is named first, however
/// the body's bytes arrive.
pub struct IfMatch(Result<Option<i32>, ()>);

impl IfMatch {
    pub fn version(self) -> Result<Option<i32>, ApiError> {
        self.0.map_err(|()| {
            ApiError::keyed(
                ErrorKind::PreconditionFailed,
                "request/stale",
                crate::i18n::Key::ProblemIfMatch,
            )
        })
    }
}

impl FromRequest for IfMatch {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let parsed = match req.headers().get(header::IF_MATCH) {
            None => Ok(None),
            Some(value) => {
                let text = value.to_str().unwrap_or_default().trim();
                let text = text.strip_prefix("W/").unwrap_or(text);
                if text == "*" {
                    Ok(None)
                } else {
                    text.trim_matches('"')
                        .parse::<i32>()
                        .map(Some)
                        .map_err(drop)
                }
            }
        };
        std::future::ready(Ok(IfMatch(parsed)))
    }
}
