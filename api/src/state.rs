//! What every handler can reach: the database pool, the token keys, the configuration.

use std::sync::Arc;

use sea_orm::DatabaseConnection;

use crate::auth::jwt::JwtKeys;
use crate::auth::role_cache::RoleCache;
use crate::config::Config;
use crate::public_limit::PublicLimiter;

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub jwt: JwtKeys,
    pub roles: RoleCache,
    pub config: Arc<Config>,
    pub public_limiter: PublicLimiter,
}
