//! Support: a store's tickets, each message on a ticket's thread (in, out, internal notes),
//! and the store's support settings; emails gain the headers that thread a reply
//! (`In-Reply-To`, `References`) and the address they go out from, and a support reply joins the closed set of email kinds.

use sea_orm_migration::prelude::*;

use crate::columns::{
    index, int, json, nullable_text, nullable_time, nullable_uuid, tenant_fk, tenant_pk,
    tenant_ref, text, time, uuid, version,
};
use crate::rls;

#[derive(DeriveMigrationName)]
pub struct Migration;

const TICKETS: &str = "tickets";
const MESSAGES: &str = "ticket_messages";
const SETTINGS: &str = "support_settings";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        tickets(manager).await?;
        messages(manager).await?;
        manager
            .create_table(
                Table::create()
                    .table(Alias::new(SETTINGS))
                    .col(uuid("tenant_id"))
                    // The address customers write to; replies go out from it, and its
                    // `+<token>` form threads their answers.
                    .col(nullable_text("address"))
                    .col(version())
                    .col(time("updated_at"))
                    .primary_key(
                        Index::create()
                            .name("pk_support_settings")
                            .col(Alias::new("tenant_id"))
                            .primary(),
                    )
                    .foreign_key(&mut tenant_fk(SETTINGS))
                    .to_owned(),
            )
            .await?;
        // SQLite adds one column per statement.
        for column in [
            nullable_text("from_address"),
            nullable_text("in_reply_to"),
            nullable_text("thread_references"),
        ] {
            let alter = Table::alter()
                .table(Alias::new("emails"))
                .add_column(column)
                .to_owned();
            manager.alter_table(alter).await?;
        }
        crate::enforce_closed_sets(manager).await?;
        rls::isolate_tenant_tables(manager).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [MESSAGES, TICKETS, SETTINGS] {
            let drop = Table::drop()
                .table(Alias::new(table))
                .if_exists()
                .to_owned();
            manager.drop_table(drop).await?;
        }
        Ok(())
    }
}

async fn tickets(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Alias::new(TICKETS))
                .col(uuid("tenant_id"))
                .col(uuid("id"))
                .col(
                    ColumnDef::new(Alias::new("number"))
                        .big_integer()
                        .not_null()
                        .to_owned(),
                )
                .col(text("subject"))
                .col(uuid("customer_id"))
                .col(nullable_uuid("order_id"))
                .col(nullable_uuid("return_id"))
                .col(nullable_uuid("invoice_id"))
                .col(text("channel"))
                .col(text("status"))
                .col(text("priority"))
                .col(json("tags"))
                .col(nullable_uuid("assignee_id"))
                .col(nullable_text("team"))
                .col(text("locale"))
                // Folded subject and messages, for the search.
                .col(text("search_text"))
                .col(int("messages_count"))
                .col(version())
                .col(time("created_at"))
                .col(time("updated_at"))
                .col(time("last_message_at"))
                .col(nullable_time("first_response_at"))
                .col(nullable_time("solved_at"))
                .primary_key(&mut tenant_pk(TICKETS))
                .foreign_key(&mut tenant_fk(TICKETS))
                .foreign_key(&mut tenant_ref(TICKETS, "customer_id", "customers"))
                .to_owned(),
        )
        .await?;
    for (name, columns, unique) in [
        ("number", &["tenant_id", "number"][..], true),
        ("status", &["tenant_id", "status", "id"][..], false),
        ("assignee", &["tenant_id", "assignee_id", "id"][..], false),
        ("customer", &["tenant_id", "customer_id", "id"][..], false),
    ] {
        manager
            .create_index(index(TICKETS, name, columns, unique))
            .await?;
    }
    Ok(())
}

async fn messages(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Alias::new(MESSAGES))
                .col(uuid("tenant_id"))
                .col(uuid("id"))
                .col(uuid("ticket_id"))
                .col(text("kind"))
                .col(nullable_uuid("author_id"))
                .col(nullable_text("from_address"))
                .col(text("body"))
                // `[{ "name", "content_type", "size", "url" }]`
                .col(json("attachments"))
                // The RFC 5322 `Message-ID` of an email in or out: one message per id.
                .col(nullable_text("message_id"))
                .col(nullable_uuid("email_id"))
                .col(time("created_at"))
                .primary_key(&mut tenant_pk(MESSAGES))
                .foreign_key(&mut tenant_fk(MESSAGES))
                .foreign_key(&mut tenant_ref(MESSAGES, "ticket_id", TICKETS))
                .to_owned(),
        )
        .await?;
    for (name, columns, unique) in [
        ("thread", &["tenant_id", "ticket_id", "id"][..], false),
        ("message_id", &["tenant_id", "message_id"][..], true),
    ] {
        manager
            .create_index(index(MESSAGES, name, columns, unique))
            .await?;
    }
    Ok(())
}
