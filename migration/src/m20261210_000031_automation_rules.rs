//! Automation: rules (an event, conditions, actions), each run of one on an event with how
//! each action fared, and per store which ready rules it was given; orders gain tags; the
//! outbox's events say how many rules' actions led to them (`depth`) and which run caused them.

use sea_orm_migration::prelude::*;

use crate::columns::{
    boolean, index, int, json, nullable_json, nullable_text, nullable_uuid, tenant_fk, tenant_pk,
    tenant_ref, text, time, uuid, version,
};
use crate::rls;

#[derive(DeriveMigrationName)]
pub struct Migration;

const RULES: &str = "automation_rules";
const RUNS: &str = "automation_rule_runs";
const ACTIONS: &str = "automation_action_runs";
const SETTINGS: &str = "automation_settings";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        rules(manager).await?;
        runs(manager).await?;
        settings(manager).await?;
        // SQLite adds one column per statement.
        for (table, column) in [
            ("outbox", int("depth").default(0).to_owned()),
            ("outbox", nullable_uuid("cause_run_id")),
            ("orders", json("tags").default("[]").to_owned()),
        ] {
            let alter = Table::alter()
                .table(Alias::new(table))
                .add_column(column)
                .to_owned();
            manager.alter_table(alter).await?;
        }
        crate::enforce_closed_sets(manager).await?;
        rls::isolate_tenant_tables(manager).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [ACTIONS, RUNS, RULES, SETTINGS] {
            let drop = Table::drop()
                .table(Alias::new(table))
                .if_exists()
                .to_owned();
            manager.drop_table(drop).await?;
        }
        for (table, column) in [
            ("outbox", "depth"),
            ("outbox", "cause_run_id"),
            ("orders", "tags"),
        ] {
            let alter = Table::alter()
                .table(Alias::new(table))
                .drop_column(Alias::new(column))
                .to_owned();
            manager.alter_table(alter).await?;
        }
        Ok(())
    }
}

async fn rules(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Alias::new(RULES))
                .col(uuid("tenant_id"))
                .col(uuid("id"))
                // None while a template's rule keeps the template's (translated) name.
                .col(nullable_text("name"))
                .col(text("trigger"))
                .col(json("conditions"))
                .col(json("actions"))
                .col(boolean("enabled"))
                .col(nullable_text("template"))
                .col(version())
                .col(time("created_at"))
                .col(time("updated_at"))
                .primary_key(&mut tenant_pk(RULES))
                .foreign_key(&mut tenant_fk(RULES))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(index(RULES, "trigger", &["tenant_id", "trigger"], false))
        .await?;
    manager
        .create_index(index(RULES, "template", &["tenant_id", "template"], true))
        .await
}

async fn runs(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Alias::new(RUNS))
                .col(uuid("tenant_id"))
                .col(uuid("id"))
                .col(uuid("rule_id"))
                .col(uuid("event_id"))
                .col(text("event_type"))
                .col(int("depth"))
                .col(text("outcome"))
                .col(json("conditions"))
                .col(time("created_at"))
                .primary_key(&mut tenant_pk(RUNS))
                .foreign_key(&mut tenant_fk(RUNS))
                .foreign_key(&mut tenant_ref(RUNS, "rule_id", RULES))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(index(
            RUNS,
            "event",
            &["tenant_id", "rule_id", "event_id"],
            true,
        ))
        .await?;
    manager
        .create_index(index(RUNS, "log", &["tenant_id", "rule_id", "id"], false))
        .await?;
    manager
        .create_table(
            Table::create()
                .table(Alias::new(ACTIONS))
                .col(uuid("tenant_id"))
                .col(uuid("id"))
                .col(uuid("run_id"))
                .col(int("position"))
                .col(text("kind"))
                .col(json("action"))
                .col(text("status"))
                .col(int("attempts"))
                .col(nullable_json("result"))
                .col(time("updated_at"))
                .primary_key(&mut tenant_pk(ACTIONS))
                .foreign_key(&mut tenant_fk(ACTIONS))
                .foreign_key(&mut tenant_ref(ACTIONS, "run_id", RUNS))
                .check(Expr::cust("attempts >= 0"))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(index(
            ACTIONS,
            "run",
            &["tenant_id", "run_id", "position"],
            true,
        ))
        .await
}

async fn settings(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Alias::new(SETTINGS))
                .col(uuid("tenant_id"))
                // Which set of ready rules the store was given (0: none yet).
                .col(int("templates_installed"))
                .col(time("updated_at"))
                .primary_key(
                    Index::create()
                        .name("pk_automation_settings")
                        .col(Alias::new("tenant_id"))
                        .primary(),
                )
                .foreign_key(&mut tenant_fk(SETTINGS))
                .to_owned(),
        )
        .await
}
