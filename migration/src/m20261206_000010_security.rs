//! Security: login attempts counted before the password is checked (`login_attempts`, one
//! counter per key and window, replacing `login_failures`), and the outbox's `secret` column,
//! which carries what an email grants (an invitation's token) until it is sent, apart from the
//! stored email and the event's payload, and is erased once the event is done or failed.

use sea_orm_migration::prelude::*;

use crate::columns::{int, nullable_text, text};
use crate::rls;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("outbox"))
                    .add_column(nullable_text("secret"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Alias::new("login_attempts"))
                    .col(text("key").primary_key())
                    .col(millis("window_start_ms"))
                    .col(millis("window_ms"))
                    .col(int("count"))
                    .to_owned(),
            )
            .await?;
        rls::grant_dml(manager, "login_attempts").await?;
        manager
            .drop_table(Table::drop().table(Alias::new("login_failures")).to_owned())
            .await?;
        rls::isolate_tenant_tables(manager).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Alias::new("login_attempts")).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("outbox"))
                    .drop_column(Alias::new("secret"))
                    .to_owned(),
            )
            .await
    }
}

/// Milliseconds since the epoch, or a length of time in milliseconds: plain integers, so that
/// one statement compares and resets windows the same way on both databases.
fn millis(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .big_integer()
        .not_null()
        .to_owned()
}
