//! The one way a stock level changes: a conditional UPDATE that refuses any result breaking the
//! level's rules (nothing negative, never more reserved and unsellable than on hand), checked by
//! rows affected — never read-modify-write — and, in the same transaction, the movement that
//! records the change. So a level always equals the sum of its ledger.

use crate::db::TenantTransaction;
use chrono::Utc;
use entity::TenantId;
use openapi::events::{Event, StockLow};
use openapi::inventory::Shortage;
use sea_orm::sea_query::{Expr, ExprTrait, LockType, OnConflict, UpdateStatement};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, FromQueryResult, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait, Statement,
};
use uuid::Uuid;

use entity::closed_sets::MovementKind;
use entity::{stock_level, stock_movement};

use crate::access::Principal;
use crate::batch_write::{Row, query_after, write_together};
use crate::catalog::service::variant::sellable_plain_variant;
use crate::inventory::service::location::active_location_of_level;

mod holds;
pub use holds::*;

/// How much each quantity of a level changes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Delta {
    pub on_hand: i64,
    pub reserved: i64,
    pub unsellable: i64,
    pub incoming: i64,
}

/// What the updates of `apply_holds` check of each change's variant.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum VariantCheck {
    /// Nothing: the caller read the variants and planned with them.
    #[default]
    Planned,
    /// That it is active and no kit: the caller read no variant.
    InUpdate,
}

/// A change to record: its kind and why.
#[derive(Debug, Clone, Copy)]
pub struct Movement<'a> {
    pub kind: MovementKind,
    pub delta: Delta,
    pub reason: Option<&'a str>,
    pub reference: Option<(&'a str, Uuid)>,
    pub note: Option<&'a str>,
    /// Units that must stay available after the change (a sales channel's buffer).
    pub keep_available: i64,
}

/// Applies `movement` to the level of (variant, location), creating the level at zero first if
/// there is none. Returns `false`, having written nothing, when the level's rules refuse it.
pub async fn apply(
    conn: &TenantTransaction,
    principal: &Principal,
    variant_id: Uuid,
    location_id: Uuid,
    movement: Movement<'_>,
) -> Result<bool, DbErr> {
    let mut batch = Batch::default();
    let applied = batch
        .apply(conn, principal, variant_id, location_id, movement)
        .await?;
    batch.record(conn).await?;
    Ok(applied)
}

/// Locks the levels of `variant_ids` at `location_ids` in (variant, location) order. A change
/// of several levels in one transaction takes them so first, or in that order: two
/// transactions taking the same levels in other orders could each wait for the other.
/// SQLite needs nothing: a writing transaction has the database to itself.
pub async fn lock_levels(
    conn: &TenantTransaction,
    variant_ids: Vec<Uuid>,
    location_ids: Vec<Uuid>,
) -> Result<(), DbErr> {
    let tenant_id = conn.tenant();
    if variant_ids.is_empty() || conn.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    // As an update locks (`FOR NO KEY UPDATE`): the checks of rows that refer to a level
    // (a movement's) do not wait on it.
    stock_level::Entity::find_in(tenant_id)
        .select_only()
        .column(stock_level::Column::Id)
        .filter(stock_level::Column::VariantId.is_in(variant_ids))
        .filter(stock_level::Column::LocationId.is_in(location_ids))
        .order_by_asc(stock_level::Column::VariantId)
        .order_by_asc(stock_level::Column::LocationId)
        .lock(LockType::NoKeyUpdate)
        .into_tuple::<Uuid>()
        .all(conn)
        .await?;
    Ok(())
}

/// Level changes whose movements are written together, in one statement: what a hold of
/// several lines uses. Until `record`, the changed levels disagree with their ledger, so a
/// transaction must not commit between the two.
#[must_use = "the movements of the applied changes must be recorded"]
#[derive(Default)]
pub struct Batch {
    movements: Vec<stock_movement::ActiveModel>,
    /// Whether this batch holds units (see `at_active_locations`).
    at_active_locations: bool,
    /// What its updates check of the variant.
    variant_check: VariantCheck,
}

impl Batch {
    /// A batch of holds: a change is refused, like a shortage, at a location that is not
    /// active or where the variant has no level.
    pub fn at_active_locations() -> Batch {
        Batch {
            at_active_locations: true,
            ..Batch::default()
        }
    }

    /// Changes the level as `apply` does; its movement waits for `record`.
    pub async fn apply(
        &mut self,
        conn: &TenantTransaction,
        principal: &Principal,
        variant_id: Uuid,
        location_id: Uuid,
        movement: Movement<'_>,
    ) -> Result<bool, DbErr> {
        let tenant_id = conn.tenant();
        let change = LevelChange {
            tenant_id,
            variant_id,
            location_id,
            delta: movement.delta,
            keep_available: movement.keep_available,
            at_active_location: self.at_active_locations,
            sellable_plain_variant: self.variant_check == VariantCheck::InUpdate,
        };
        let delta = change.delta;
        let mut level = update_level(conn, &change).await?;
        // A hold needs units, which a missing level does not have: it creates none (and so
        // never refers to a location that may not exist).
        if level.is_none() && !self.at_active_locations {
            if !create_level(conn, variant_id, location_id).await? {
                return Ok(false);
            }
            level = update_level(conn, &change).await?;
        }
        let Some(level) = level else {
            return Ok(false);
        };
        warn_when_low(conn, &level, &delta).await?;
        self.movements
            .push(stock_movement::ActiveModel::from(movement_row(
                principal,
                variant_id,
                location_id,
                &movement,
            )));
        Ok(true)
    }

    /// Writes the movements of every change applied.
    pub async fn record(self, conn: &impl ConnectionTrait) -> Result<(), DbErr> {
        match self.into_statement(conn.get_database_backend()) {
            Some(statement) => conn.execute_raw(statement).await.map(|_| ()),
            None => Ok(()),
        }
    }

    /// The insert of the movements of every change applied, to run with other writes.
    pub fn into_statement(self, backend: DbBackend) -> Option<Statement> {
        if self.movements.is_empty() {
            return None;
        }
        Some(stock_movement::Entity::insert_many(self.movements).build(backend))
    }
}

fn movement_row(
    principal: &Principal,
    variant_id: Uuid,
    location_id: Uuid,
    movement: &Movement<'_>,
) -> stock_movement::Model {
    let delta = movement.delta;
    stock_movement::Model {
        tenant_id: principal.tenant_id,
        id: Uuid::now_v7(),
        variant_id,
        location_id,
        kind: movement.kind,
        on_hand_delta: delta.on_hand,
        reserved_delta: delta.reserved,
        unsellable_delta: delta.unsellable,
        incoming_delta: delta.incoming,
        reason: movement.reason.map(str::to_owned),
        reference_type: movement.reference.map(|(kind, _)| kind.to_owned()),
        reference_id: movement.reference.map(|(_, id)| id),
        actor_type: principal.actor_type(),
        actor_id: principal.recorded_actor_id(),
        note: movement.note.map(str::to_owned),
        created_at: Utc::now(),
    }
}

/// One level's change, with what the update must check besides the level's rules.
struct LevelChange {
    tenant_id: TenantId,
    variant_id: Uuid,
    location_id: Uuid,
    delta: Delta,
    keep_available: i64,
    at_active_location: bool,
    /// Refused unless the variant is active and no kit.
    sellable_plain_variant: bool,
}

/// The level as its update left it; none when the update's conditions refused the change.
async fn update_level(
    conn: &impl ConnectionTrait,
    change: &LevelChange,
) -> Result<Option<stock_level::Model>, DbErr> {
    let mut statement = level_update(change);
    statement.returning_all();
    let row = conn
        .query_one_raw(conn.get_database_backend().build(&statement))
        .await?;
    row.map(|row| stock_level::Model::from_query_result(&row, ""))
        .transpose()
}

fn level_update(change: &LevelChange) -> UpdateStatement {
    use stock_level::Column;
    let d = change.delta;
    // Each quantity after the change stays at or above zero, and on hand stays at or above
    // reserved + unsellable: written as `column >= -delta` so the check reads the row as it is
    // when the UPDATE runs, not as an earlier SELECT saw it.
    stock_level::Entity::update_many()
        .col_expr(Column::OnHand, Expr::col(Column::OnHand).add(d.on_hand))
        .col_expr(
            Column::Reserved,
            Expr::col(Column::Reserved).add(d.reserved),
        )
        .col_expr(
            Column::Unsellable,
            Expr::col(Column::Unsellable).add(d.unsellable),
        )
        .col_expr(
            Column::Incoming,
            Expr::col(Column::Incoming).add(d.incoming),
        )
        .col_expr(Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(Column::TenantId.eq(change.tenant_id))
        .filter(Column::VariantId.eq(change.variant_id))
        .filter(Column::LocationId.eq(change.location_id))
        .filter(Expr::col(Column::OnHand).gte(-d.on_hand))
        .filter(Expr::col(Column::Reserved).gte(-d.reserved))
        .filter(Expr::col(Column::Unsellable).gte(-d.unsellable))
        .filter(Expr::col(Column::Incoming).gte(-d.incoming))
        .filter(
            Expr::col(Column::OnHand)
                .sub(Expr::col(Column::Reserved))
                .sub(Expr::col(Column::Unsellable))
                .gte(d.reserved + d.unsellable - d.on_hand + change.keep_available),
        )
        .apply_if(change.at_active_location.then_some(()), |update, ()| {
            update.filter(Expr::exists(active_location_of_level()))
        })
        .apply_if(change.sellable_plain_variant.then_some(()), |update, ()| {
            update.filter(Expr::exists(sellable_plain_variant(
                Expr::col((stock_level::Entity, Column::TenantId)),
                Expr::col((stock_level::Entity, Column::VariantId)),
            )))
        })
        .into_query()
}

/// Inserts an empty level; `false` when one was already there.
async fn create_level(
    conn: &TenantTransaction,
    variant_id: Uuid,
    location_id: Uuid,
) -> Result<bool, DbErr> {
    let tenant_id = conn.tenant();
    use stock_level::Column;
    let inserted =
        stock_level::Entity::insert(stock_level::ActiveModel::from(stock_level::Model {
            tenant_id,
            id: Uuid::now_v7(),
            variant_id,
            location_id,
            on_hand: 0,
            reserved: 0,
            unsellable: 0,
            incoming: 0,
            reorder_point: None,
            reorder_quantity: None,
            updated_at: Utc::now(),
        }))
        .on_conflict(
            OnConflict::columns([Column::TenantId, Column::VariantId, Column::LocationId])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    Ok(inserted == 1)
}

pub async fn find_level(
    conn: &TenantTransaction,
    variant_id: Uuid,
    location_id: Uuid,
) -> Result<Option<stock_level::Model>, DbErr> {
    let tenant_id = conn.tenant();
    stock_level::Entity::find_in(tenant_id)
        .filter(stock_level::Column::VariantId.eq(variant_id))
        .filter(stock_level::Column::LocationId.eq(location_id))
        .one(conn)
        .await
}

pub fn available(level: &stock_level::Model) -> i64 {
    level.on_hand - level.reserved - level.unsellable
}

/// What to tell a client whose request the level refused.
pub async fn shortage(
    conn: &TenantTransaction,
    sku: &str,
    variant_id: Uuid,
    location_id: Uuid,
    requested: i64,
) -> Result<Shortage, DbErr> {
    let level = find_level(conn, variant_id, location_id).await?;
    Ok(Shortage {
        sku: sku.to_owned(),
        requested,
        available: level.as_ref().map_or(0, available),
    })
}

/// Writes a `stock.low` event when this change took what is available from above the level's
/// reorder point to at or below it.
async fn warn_when_low(
    conn: &TenantTransaction,
    level: &stock_level::Model,
    delta: &Delta,
) -> Result<(), DbErr> {
    if delta.reserved + delta.unsellable - delta.on_hand <= 0 {
        return Ok(());
    }
    let Some(point) = level.reorder_point else {
        return Ok(());
    };
    let after = available(level);
    let before = after + delta.reserved + delta.unsellable - delta.on_hand;
    if before > point && after <= point {
        let event = Event::StockLow(StockLow {
            variant_id: level.variant_id,
            location_id: level.location_id,
            available: after,
            reorder_point: point,
        });
        crate::outbox::emit(conn, &event).await?;
    }
    Ok(())
}
