//! What every handler can reach: the database pool, the token keys, the configuration.

use std::sync::Arc;

use sea_orm::DatabaseConnection;

use crate::access::fresh_cache::{KeyCache, RoleCache};
use crate::access::jwt::JwtKeys;
use crate::config::Config;

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub jwt: JwtKeys,
    pub roles: RoleCache,
    pub keys: KeyCache,
    pub config: Arc<Config>,
    /// The pool orders take their numbers from, apart from their placement (PostgreSQL;
    /// `db::side_pool`).
    pub numbers: Option<DatabaseConnection>,
}
