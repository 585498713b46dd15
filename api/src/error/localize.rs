//! Problem documents in the reader's language: an error answer is written in English by
//! `ApiError`; when `Accept-Language` names another language this middleware writes its
//! `title`, `detail` and field messages again in that one (its `type` and status unchanged).

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;

use super::ApiError;
use crate::i18n::ReaderLocale;

pub async fn localize_problems(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody, Vec<u8>>>, actix_web::Error> {
    let ReaderLocale(asked) = ReaderLocale::from_headers(req.headers());
    let response = next.call(req).await?;
    let localized = asked.and_then(|locale| {
        let error = response.response().error()?.as_error::<ApiError>()?;
        serde_json::to_vec(&error.problem_in(locale)).ok()
    });
    Ok(match localized {
        Some(body) => {
            let (req, answer) = response.into_parts();
            // The same head (status, `Content-Type`, `Retry-After`, …), the body in words
            // the reader reads.
            ServiceResponse::new(req, answer.set_body(body)).map_into_right_body()
        }
        None => response.map_into_left_body(),
    })
}
