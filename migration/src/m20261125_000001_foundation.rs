//! The platform foundation: tenants, users, members, invitations, API keys, refresh tokens,
//! login failures, the audit log and idempotency keys.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

use crate::columns::{index, nullable_time, tenant_fk, tenant_pk, text, time, uuid, version};
use crate::rls;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        rls::create_app_role(manager).await?;
        create_global_tables(manager).await?;
        create_tenant_tables(manager).await?;
        for table in ["tenants", "users", "refresh_tokens", "login_failures"] {
            rls::grant_dml(manager, table).await?;
        }
        for table in [
            "members",
            "invitations",
            "api_keys",
            "audit_events",
            "idempotency_keys",
        ] {
            rls::isolate_tenant_table(manager, table).await?;
        }
        if manager.get_database_backend() == DbBackend::Postgres {
            // Login must find a user's memberships before any tenant is chosen.
            manager
                .get_connection()
                .execute_unprepared(
                    "CREATE POLICY own_memberships ON members FOR SELECT
                     USING (user_id = NULLIF(current_setting('app.user_id', true), '')::uuid)",
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "idempotency_keys",
            "audit_events",
            "api_keys",
            "invitations",
            "members",
            "login_failures",
            "refresh_tokens",
            "users",
            "tenants",
        ] {
            manager
                .drop_table(
                    Table::drop()
                        .table(Alias::new(table))
                        .if_exists()
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

async fn create_global_tables(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Alias::new("tenants"))
                .col(uuid("id").primary_key())
                .col(text("name"))
                .col(text("currency"))
                .col(text("locale"))
                .col(text("timezone"))
                .col(version())
                .col(time("created_at"))
                .col(time("updated_at"))
                .to_owned(),
        )
        .await?;
    manager
        .create_table(
            Table::create()
                .table(Alias::new("users"))
                .col(uuid("id").primary_key())
                .col(text("email").unique_key())
                .col(text("name"))
                .col(text("password_hash"))
                .col(time("created_at"))
                .col(time("updated_at"))
                .to_owned(),
        )
        .await?;
    manager
        .create_table(
            Table::create()
                .table(Alias::new("refresh_tokens"))
                .col(uuid("id").primary_key())
                .col(uuid("family_id"))
                .col(uuid("user_id"))
                .col(uuid("tenant_id"))
                .col(text("token_hash").unique_key())
                .col(time("expires_at"))
                .col(nullable_time("used_at"))
                .col(nullable_time("revoked_at"))
                .col(time("created_at"))
                .foreign_key(
                    ForeignKey::create()
                        .from(Alias::new("refresh_tokens"), Alias::new("user_id"))
                        .to(Alias::new("users"), Alias::new("id")),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Alias::new("refresh_tokens"), Alias::new("tenant_id"))
                        .to(Alias::new("tenants"), Alias::new("id")),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_index(index("refresh_tokens", "family", &["family_id"], false))
        .await?;
    manager
        .create_table(
            Table::create()
                .table(Alias::new("login_failures"))
                .col(uuid("id").primary_key())
                .col(text("email"))
                .col(text("ip"))
                .col(time("created_at"))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(index(
            "login_failures",
            "email_time",
            &["email", "created_at"],
            false,
        ))
        .await
}

async fn create_tenant_tables(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Alias::new("members"))
                .col(uuid("tenant_id"))
                .col(uuid("id"))
                .col(uuid("user_id"))
                .col(text("role"))
                .col(version())
                .col(time("created_at"))
                .col(time("updated_at"))
                .primary_key(&mut tenant_pk("members"))
                .foreign_key(&mut tenant_fk("members"))
                .foreign_key(
                    ForeignKey::create()
                        .from(Alias::new("members"), Alias::new("user_id"))
                        .to(Alias::new("users"), Alias::new("id")),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_index(index("members", "user", &["tenant_id", "user_id"], true))
        .await?;
    manager
        .create_index(index("members", "by_user", &["user_id"], false))
        .await?;

    manager
        .create_table(
            Table::create()
                .table(Alias::new("invitations"))
                .col(uuid("tenant_id"))
                .col(uuid("id"))
                .col(text("email"))
                .col(text("role"))
                .col(text("token_hash").unique_key())
                .col(uuid("invited_by"))
                .col(time("expires_at"))
                .col(nullable_time("accepted_at"))
                .col(nullable_time("revoked_at"))
                .col(time("created_at"))
                .primary_key(&mut tenant_pk("invitations"))
                .foreign_key(&mut tenant_fk("invitations"))
                .to_owned(),
        )
        .await?;

    manager
        .create_table(
            Table::create()
                .table(Alias::new("api_keys"))
                .col(uuid("tenant_id"))
                .col(uuid("id"))
                .col(text("name"))
                .col(text("prefix"))
                .col(text("secret_hash").unique_key())
                .col(text("scopes"))
                .col(uuid("created_by"))
                .col(time("created_at"))
                .col(nullable_time("last_used_at"))
                .col(nullable_time("revoked_at"))
                .primary_key(&mut tenant_pk("api_keys"))
                .foreign_key(&mut tenant_fk("api_keys"))
                .to_owned(),
        )
        .await?;

    manager
        .create_table(
            Table::create()
                .table(Alias::new("audit_events"))
                .col(uuid("tenant_id"))
                .col(uuid("id"))
                .col(text("actor_type"))
                .col(ColumnDef::new(Alias::new("actor_id")).uuid().null())
                .col(text("action"))
                .col(text("entity_type"))
                .col(ColumnDef::new(Alias::new("entity_id")).uuid().null())
                .col(ColumnDef::new(Alias::new("changes")).json().not_null())
                .col(ColumnDef::new(Alias::new("request_id")).text().null())
                .col(time("created_at"))
                .primary_key(&mut tenant_pk("audit_events"))
                .foreign_key(&mut tenant_fk("audit_events"))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(index(
            "audit_events",
            "entity",
            &["tenant_id", "entity_type", "entity_id"],
            false,
        ))
        .await?;

    manager
        .create_table(
            Table::create()
                .table(Alias::new("idempotency_keys"))
                .col(uuid("tenant_id"))
                .col(uuid("principal_id"))
                .col(text("idempotency_key"))
                .col(text("fingerprint"))
                .col(
                    ColumnDef::new(Alias::new("response_status"))
                        .integer()
                        .not_null(),
                )
                .col(text("response_body"))
                .col(time("created_at"))
                .primary_key(
                    Index::create()
                        .name("pk_idempotency_keys")
                        .col(Alias::new("tenant_id"))
                        .col(Alias::new("principal_id"))
                        .col(Alias::new("idempotency_key"))
                        .primary(),
                )
                .foreign_key(&mut tenant_fk("idempotency_keys"))
                .to_owned(),
        )
        .await
}
