//! Automation: members' in-app notifications, and the topics each also gets by email; the
//! notification email and the rules' action that notifies join their closed sets.

use sea_orm_migration::prelude::*;

use crate::columns::{
    index, json, nullable_text, nullable_time, nullable_uuid, tenant_fk, tenant_pk, text, time,
    uuid,
};
use crate::rls;

#[derive(DeriveMigrationName)]
pub struct Migration;

const NOTIFICATIONS: &str = "notifications";
const SETTINGS: &str = "notification_settings";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Alias::new(NOTIFICATIONS))
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("user_id"))
                    .col(text("topic"))
                    // An `i18n` message, rendered in the reader's language.
                    .col(text("message"))
                    .col(nullable_text("link"))
                    .col(nullable_uuid("rule_id"))
                    .col(uuid("event_id"))
                    .col(nullable_time("read_at"))
                    .col(time("created_at"))
                    .primary_key(&mut tenant_pk(NOTIFICATIONS))
                    .foreign_key(&mut tenant_fk(NOTIFICATIONS))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                NOTIFICATIONS,
                "member",
                &["tenant_id", "user_id", "id"],
                false,
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Alias::new(SETTINGS))
                    .col(uuid("tenant_id"))
                    // The member's user id.
                    .col(uuid("id"))
                    .col(json("email_topics"))
                    .col(time("updated_at"))
                    .primary_key(&mut tenant_pk(SETTINGS))
                    .foreign_key(&mut tenant_fk(SETTINGS))
                    .to_owned(),
            )
            .await?;
        crate::enforce_closed_sets(manager).await?;
        rls::isolate_tenant_tables(manager).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [NOTIFICATIONS, SETTINGS] {
            let drop = Table::drop()
                .table(Alias::new(table))
                .if_exists()
                .to_owned();
            manager.drop_table(drop).await?;
        }
        Ok(())
    }
}
