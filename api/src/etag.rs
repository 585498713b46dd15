//! Optimistic concurrency: a row's `version` is its `ETag`; `If-Match` on a write must name the
//! current version or the write is refused with 412.

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest};

use crate::error::{ApiError, ErrorKind};

pub fn etag(version: i32) -> String {
    format!("\"{version}\"")
}

/// The version named by `If-Match`, when the header is sent (and is not `*`).
pub struct IfMatch(pub Option<i32>);

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
                        .map_err(|_| {
                            ApiError::keyed(
                                ErrorKind::PreconditionFailed,
                                "request/stale",
                                crate::i18n::Key::ProblemIfMatch,
                            )
                        })
                }
            }
        };
        std::future::ready(parsed.map(IfMatch))
    }
}
