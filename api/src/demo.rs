//! The demo store that `--demo` creates on an empty database, so a newcomer can log in at once.

use openapi::auth::SignupIn;
use openapi::tenancy::{Currency, Locale};
use sea_orm::DatabaseConnection;

use crate::auth::jwt::JwtKeys;
use crate::auth::service::session;
use crate::tenancy::error::TenancyError;
use crate::tenancy::service::tenant;

pub const DEMO_EMAIL: &str = "demo@retaguarda.local";
pub const DEMO_PASSWORD: &str = "retaguarda-demo";

/// Creates the demo store and its owner unless they exist.
pub async fn seed(db: &DatabaseConnection, jwt: &JwtKeys) -> Result<(), TenancyError> {
    if session::find_user_by_email(db, DEMO_EMAIL).await?.is_some() {
        return Ok(());
    }
    let input = SignupIn {
        store_name: "Loja Demo".into(),
        owner_name: "Dona Demo".into(),
        email: DEMO_EMAIL.into(),
        password: DEMO_PASSWORD.into(),
        currency: Some(Currency::BRL),
        locale: Some(Locale::PtBr),
        timezone: Some("America/Sao_Paulo".into()),
    };
    tenant::signup(db, jwt, &input, None).await?;
    Ok(())
}
