//! Authentication: passwords, sign-in and refresh tokens, API keys, and the `Principal`
//! extractor (the principal itself and the permission table are `access`).

pub mod error;
pub mod handlers;
pub mod login_limit;
pub mod password;
pub mod principal;
pub mod respond;
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
        .service(
            web::resource("/api-keys")
                .post(api_key::create_api_key)
                .get(api_key::list_api_keys),
        )
        .service(web::resource("/api-keys/{id}").delete(api_key::revoke_api_key));
}
