//! Authentication: passwords, access and refresh tokens, API keys, the `Principal` extractor
//! and the permission table.

pub mod error;
pub mod handlers;
pub mod jwt;
pub mod login_limit;
pub mod password;
pub mod permission;
pub mod principal;
pub mod role_cache;
pub mod secret;
pub mod service;

use actix_web::web;

pub fn routes(cfg: &mut web::ServiceConfig) {
    use handlers::{api_key, browser, session};
    cfg.service(web::resource("/auth/login").post(session::login))
        .service(web::resource("/auth/refresh").post(session::refresh))
        .service(web::resource("/auth/logout").post(session::logout))
        .service(web::resource("/auth/browser/login").post(browser::login))
        .service(web::resource("/auth/browser/refresh").post(browser::refresh))
        .service(web::resource("/auth/browser/logout").post(browser::logout))
        .service(web::resource("/auth/browser/invitations/accept").post(browser::accept_invitation))
        .service(web::resource("/me").get(session::me))
        .service(
            web::resource("/api-keys")
                .post(api_key::create_api_key)
                .get(api_key::list_api_keys),
        )
        .service(web::resource("/api-keys/{id}").delete(api_key::revoke_api_key));
}
