//! The `Principal` and `OptionalPrincipal` extractors: the caller of a request, from its JWT
//! or API key.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use entity::TenantId;

use super::error::AuthError;
use super::service;
use crate::access::{OptionalPrincipal, Principal, request_id_of};
use crate::error::ApiError;
use crate::state::AppState;

impl FromRequest for Principal {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        // The route's gate (`routes::gate`) already made it.
        if let Some(principal) = req.extensions().get::<Principal>().cloned() {
            return Box::pin(async move { Ok(principal) });
        }
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let request_id = request_id_of(req);
        let bearer = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| {
                let (scheme, token) = value.trim().split_once(' ')?;
                scheme
                    .eq_ignore_ascii_case("bearer")
                    .then(|| token.trim().to_owned())
            });
        Box::pin(async move {
            let state = state.ok_or(AuthError::MissingCredentials)?;
            let token = bearer.ok_or(AuthError::MissingCredentials)?;
            let principal = if token.starts_with(service::api_key::API_KEY_PREFIX) {
                service::api_key::authenticate(&state.db, &state.keys, &token).await?
            } else {
                let claims = state.jwt.verify(&token).map_err(AuthError::from)?;
                service::session::authenticate_member(
                    &state.db,
                    &state.roles,
                    TenantId::from(claims.tid),
                    claims.sub,
                )
                .await?
            };
            Ok(principal.with_request_id(request_id))
        })
    }
}

impl FromRequest for OptionalPrincipal {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        if req.headers().contains_key(header::AUTHORIZATION) {
            let principal = Principal::from_request(req, payload);
            Box::pin(async move { Ok(OptionalPrincipal(Some(principal.await?))) })
        } else {
            Box::pin(async { Ok(OptionalPrincipal(None)) })
        }
    }
}
