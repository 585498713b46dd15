//! Several holds in one statement: each level's update, and its movement, reservation and
//! audit entry written only when the update was made.

use super::*;
use crate::db::TenantTransaction;

/// Holds of units (`Batch::at_active_locations` changes), all tried at once: on PostgreSQL, in
/// one statement, each level's update and, only when the update was made, its movement; and
/// each of `rows` when every change it names (by index) was made. Whether each change was
/// made, in the order given. A refused change leaves no trace; the others stand. Changes of
/// the same level cannot share a statement (the second would not see the first), so then, and
/// on SQLite, the changes are applied one after the other. The levels are meant to be updated
/// in (variant, location) order: the statement's final read takes the updates' rows in that
/// order, and PostgreSQL's executor runs each `WITH` step as the main query reads it. The
/// manual calls that order unpredictable; were it to change, two such holds could deadlock,
/// and PostgreSQL would abort one of them: nothing is half-written, and its client is answered
/// 503 with `Retry-After`.
///
/// With `VariantCheck::InUpdate` each update also refuses a variant that is archived or a kit,
/// for a caller that read no variant.
pub async fn apply_holds(
    conn: &TenantTransaction,
    principal: &Principal,
    changes: &[(Uuid, Uuid, Movement<'_>)],
    rows: &[(Vec<usize>, Row)],
    check: VariantCheck,
) -> Result<Vec<bool>, DbErr> {
    let mut order: Vec<usize> = (0..changes.len()).collect();
    order.sort_by_key(|&i| (changes[i].0, changes[i].1));
    let repeated = order
        .windows(2)
        .any(|w| (changes[w[0]].0, changes[w[0]].1) == (changes[w[1]].0, changes[w[1]].1));
    let backend = conn.get_database_backend();
    if backend != DbBackend::Postgres || repeated || changes.is_empty() {
        let mut batch = Batch {
            variant_check: check,
            ..Batch::at_active_locations()
        };
        let mut applied = vec![false; changes.len()];
        for i in order {
            let (variant_id, location_id, movement) = changes[i];
            applied[i] = batch
                .apply(conn, principal, variant_id, location_id, movement)
                .await?;
        }
        let mut writes: Vec<Statement> = batch.into_statement(backend).into_iter().collect();
        for (needs, row) in rows {
            if needs.iter().all(|&i| applied.get(i) == Some(&true)) {
                writes.push(backend.build(&row.insert_after(&[])?));
            }
        }
        write_together(conn, writes).await?;
        return Ok(applied);
    }
    let mut steps = Vec::with_capacity(changes.len() * 2 + rows.len());
    let mut reads = Vec::with_capacity(changes.len());
    let mut names = vec![String::new(); changes.len()];
    for (k, &i) in order.iter().enumerate() {
        let (variant_id, location_id, movement) = changes[i];
        let change = LevelChange {
            tenant_id: conn.tenant(),
            variant_id,
            location_id,
            delta: movement.delta,
            keep_available: movement.keep_available,
            at_active_location: true,
            sellable_plain_variant: check == VariantCheck::InUpdate,
        };
        let update = format!("u{k}");
        let mut statement = level_update(&change);
        statement.returning_all();
        steps.push((update.clone(), backend.build(&statement)));
        let row = Row::of(stock_movement::ActiveModel::from(movement_row(
            principal,
            variant_id,
            location_id,
            &movement,
        )))?;
        let insert = row.insert_after(std::slice::from_ref(&update))?;
        steps.push((format!("m{k}"), backend.build(&insert)));
        reads.push(format!("SELECT * FROM {update}"));
        names[i] = update;
    }
    for (j, (needs, row)) in rows.iter().enumerate() {
        let mut after: Vec<String> = needs
            .iter()
            .map(|&i| names.get(i).cloned().unwrap_or_default())
            .collect();
        after.sort();
        after.dedup();
        if after.iter().any(String::is_empty) {
            return Err(DbErr::Custom(format!(
                "row {j} names a change that is not given"
            )));
        }
        steps.push((format!("r{j}"), backend.build(&row.insert_after(&after)?)));
    }
    let returned = query_after(
        conn,
        steps,
        Statement::from_string(backend, reads.join(" UNION ALL ")),
    )
    .await?;
    let levels = returned
        .iter()
        .map(|row| stock_level::Model::from_query_result(row, ""))
        .collect::<Result<Vec<_>, DbErr>>()?;
    let mut applied = Vec::with_capacity(changes.len());
    for (variant_id, location_id, movement) in changes {
        let level = levels
            .iter()
            .find(|l| l.variant_id == *variant_id && l.location_id == *location_id);
        if let Some(level) = level {
            warn_when_low(conn, level, &movement.delta).await?;
        }
        applied.push(level.is_some());
    }
    Ok(applied)
}
