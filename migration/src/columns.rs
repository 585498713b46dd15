//! Column and key builders shared by the migrations.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

pub fn uuid(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .uuid()
        .not_null()
        .to_owned()
}

pub fn nullable_uuid(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).uuid().null().to_owned()
}

pub fn text(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .text()
        .not_null()
        .to_owned()
}

pub fn nullable_text(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).text().null().to_owned()
}

pub fn int(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .integer()
        .not_null()
        .to_owned()
}

pub fn nullable_int(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).integer().null().to_owned()
}

/// A quantity of units: a 64-bit integer, zero by default.
pub fn quantity(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .big_integer()
        .not_null()
        .default(0)
        .to_owned()
}

pub fn nullable_quantity(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .big_integer()
        .null()
        .to_owned()
}

/// Money or another exact decimal: `numeric` (keeping the scale it was given) on PostgreSQL;
/// text on SQLite, whose numeric affinity would turn it into a float (see `entity::amount`).
pub fn amount(backend: DbBackend, name: &str) -> ColumnDef {
    let mut column = ColumnDef::new(Alias::new(name));
    match backend {
        DbBackend::Sqlite => column.custom(Alias::new("decimal_text")),
        _ => column.decimal(),
    };
    column.not_null().to_owned()
}

pub fn json(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .json()
        .not_null()
        .to_owned()
}

pub fn time(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

pub fn nullable_time(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .timestamp_with_time_zone()
        .null()
        .to_owned()
}

pub fn version() -> ColumnDef {
    ColumnDef::new(Alias::new("version"))
        .integer()
        .not_null()
        .default(1)
        .to_owned()
}

pub fn tenant_pk(table: &str) -> IndexCreateStatement {
    Index::create()
        .name(format!("pk_{table}"))
        .col(Alias::new("tenant_id"))
        .col(Alias::new("id"))
        .primary()
        .to_owned()
}

pub fn tenant_fk(table: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_tenant"))
        .from(Alias::new(table), Alias::new("tenant_id"))
        .to(Alias::new("tenants"), Alias::new("id"))
        .to_owned()
}

pub fn index(table: &str, name: &str, cols: &[&str], unique: bool) -> IndexCreateStatement {
    let mut index = Index::create();
    index
        .name(format!("ix_{table}_{name}"))
        .table(Alias::new(table));
    for col in cols {
        index.col(Alias::new(*col));
    }
    if unique {
        index.unique();
    }
    index.to_owned()
}

/// A foreign key between two tenant tables: `(tenant_id, column)` → `(tenant_id, id)`, so a row
/// can never point into another tenant.
pub fn tenant_ref(table: &str, column: &str, target: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(
            Alias::new(table),
            (Alias::new("tenant_id"), Alias::new(column)),
        )
        .to(
            Alias::new(target),
            (Alias::new("tenant_id"), Alias::new("id")),
        )
        .to_owned()
}

/// An optional exact decimal (see `amount`).
pub fn nullable_amount(backend: DbBackend, name: &str) -> ColumnDef {
    let mut column = ColumnDef::new(Alias::new(name));
    match backend {
        DbBackend::Sqlite => column.custom(Alias::new("decimal_text")),
        _ => column.decimal(),
    };
    column.null().to_owned()
}

pub fn boolean(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .boolean()
        .not_null()
        .default(false)
        .to_owned()
}

pub fn nullable_json(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).json().null().to_owned()
}
