//! `login_attempts`: login attempts counted per key (an account, an address, or both) in a
//! fixed window, to rate-limit password guessing across servers (global table).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "login_attempts")]
pub struct Model {
    /// e.g. `account:ana@example.com`, `address:203.0.113.7`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    /// When the current window began, in milliseconds since the epoch.
    pub window_start_ms: i64,
    pub window_ms: i64,
    /// Attempts in the current window, this one included.
    pub count: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
