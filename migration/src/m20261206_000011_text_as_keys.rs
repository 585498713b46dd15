//! Stored text becomes message keys (`api::i18n`): order timeline entries and verification
//! findings were written as sentences in the store's language of the day; they become a key
//! with arguments, rendered in the reader's language when read. Where the row has structured
//! data (its kind, the states it moved between, the order's total, the payment it records)
//! the key and arguments are taken from it, and checked against the sentence; what cannot be
//! read back keeps its sentence under `legacy.text`. No column changes: the same text column
//! holds the message's JSON, and `orders.findings` each finding's `{check, message}`.
//!
//! On PostgreSQL, row-level security is forced even on the tables' owner, so each store's rows
//! are converted under that store's `app.tenant_id`.

use std::collections::{HashMap, VecDeque};

use sea_orm::prelude::Uuid;
use sea_orm::{ConnectionTrait, DbBackend, QueryResult};
use sea_orm_migration::prelude::*;
use serde_json::{Value, json};

mod sentences;

use sentences::{is_message, legacy};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        convert_stored_sentences(manager.get_connection()).await?;
        Ok(())
    }

    /// Keys stay keys: the old server cannot read them, but nothing is lost by keeping them,
    /// and the sentences of the day are not known any more.
    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Ok(())
    }
}

/// Converts every store's stored sentences (rows already converted are left alone); how many
/// rows changed. Run inside a transaction on PostgreSQL (the migration's own).
pub async fn convert_stored_sentences(conn: &impl ConnectionTrait) -> Result<usize, DbErr> {
    let postgres = conn.get_database_backend() == DbBackend::Postgres;
    let mut converted = 0;
    for tenant in tenant_ids(conn).await? {
        if postgres {
            // A uuid read from the database: plain hex and dashes, safe as a literal.
            conn.execute_unprepared(&format!(
                "SELECT set_config('app.tenant_id', '{tenant}', true)"
            ))
            .await?;
        }
        converted += convert_store(conn, tenant).await?;
    }
    if postgres {
        conn.execute_unprepared("SELECT set_config('app.tenant_id', '', true)")
            .await?;
    }
    Ok(converted)
}

fn col(name: &str) -> Alias {
    Alias::new(name)
}

async fn tenant_ids(conn: &impl ConnectionTrait) -> Result<Vec<Uuid>, DbErr> {
    let select = Query::select()
        .column(col("id"))
        .from(col("tenants"))
        .to_owned();
    let rows = conn.query_all(&select).await?;
    rows.iter().map(|row| row.try_get("", "id")).collect()
}

/// What the conversion reads of an order.
struct OrderFacts {
    total: String,
    currency: String,
    /// The findings as sentences, when they still are.
    sentences: Option<Vec<(String, String)>>,
}

async fn convert_store(conn: &impl ConnectionTrait, tenant: Uuid) -> Result<usize, DbErr> {
    let orders = orders_of(conn, tenant).await?;
    let mut converted = 0;
    for (id, order) in &orders {
        if let Some(sentences) = &order.sentences {
            let findings = findings(sentences, &order.currency);
            let update = Query::update()
                .table(col("orders"))
                .value(col("findings"), Value::Array(findings))
                .and_where(Expr::col(col("tenant_id")).eq(tenant))
                .and_where(Expr::col(col("id")).eq(*id))
                .to_owned();
            conn.execute(&update).await?;
            converted += 1;
        }
    }
    let mut payments = payments_of(conn, tenant).await?;
    let select = Query::select()
        .columns(
            [
                "id",
                "order_id",
                "kind",
                "from_status",
                "to_status",
                "message",
            ]
            .map(col),
        )
        .from(col("order_events"))
        .and_where(Expr::col(col("tenant_id")).eq(tenant))
        .order_by(col("id"), Order::Asc)
        .to_owned();
    for row in conn.query_all(&select).await? {
        let event = Event::read(&row)?;
        // Taken whether or not the entry is converted, so the nth payment entry of an order
        // meets its nth payment.
        let money = payments
            .get_mut(&(event.order_id, event.kind.clone()))
            .and_then(VecDeque::pop_front);
        if is_message(&event.message) {
            continue;
        }
        let message = orders
            .get(&event.order_id)
            .and_then(|order| event.as_message(order, money))
            .unwrap_or_else(|| legacy(&event.message));
        let update = Query::update()
            .table(col("order_events"))
            .value(col("message"), message.to_string())
            .and_where(Expr::col(col("tenant_id")).eq(tenant))
            .and_where(Expr::col(col("id")).eq(event.id))
            .to_owned();
        conn.execute(&update).await?;
        converted += 1;
    }
    Ok(converted)
}

async fn orders_of(
    conn: &impl ConnectionTrait,
    tenant: Uuid,
) -> Result<HashMap<Uuid, OrderFacts>, DbErr> {
    let select = Query::select()
        .columns(["id", "currency", "findings"].map(col))
        .expr_as(Expr::cust("CAST(total AS TEXT)"), col("total_text"))
        .from(col("orders"))
        .and_where(Expr::col(col("tenant_id")).eq(tenant))
        .to_owned();
    let mut orders = HashMap::new();
    for row in conn.query_all(&select).await? {
        let findings: Value = row.try_get("", "findings")?;
        let order = OrderFacts {
            total: row.try_get("", "total_text")?,
            currency: row.try_get("", "currency")?,
            sentences: sentences_of(&findings),
        };
        orders.insert(row.try_get("", "id")?, order);
    }
    Ok(orders)
}

/// `[{check, message}]` whose messages are sentences; none when they are messages already.
fn sentences_of(findings: &Value) -> Option<Vec<(String, String)>> {
    let list = findings.as_array()?;
    let sentences: Vec<(String, String)> = list
        .iter()
        .filter_map(|f| {
            let check = f.get("check")?.as_str()?;
            Some((check.to_owned(), f.get("message")?.as_str()?.to_owned()))
        })
        .collect();
    (!sentences.is_empty() && sentences.len() == list.len()).then_some(sentences)
}

fn findings(sentences: &[(String, String)], currency: &str) -> Vec<Value> {
    sentences
        .iter()
        .map(|(check, text)| {
            let message = sentences::finding(text, currency).unwrap_or_else(|| legacy(text));
            json!({ "check": check, "message": message })
        })
        .collect()
}

/// Each order's payments and refunds, oldest first: (amount, method).
type Payments = HashMap<(Uuid, String), VecDeque<(String, Option<String>)>>;

async fn payments_of(conn: &impl ConnectionTrait, tenant: Uuid) -> Result<Payments, DbErr> {
    let select = Query::select()
        .columns(["order_id", "kind", "method"].map(col))
        .expr_as(Expr::cust("CAST(amount AS TEXT)"), col("amount_text"))
        .from(col("payments"))
        .and_where(Expr::col(col("tenant_id")).eq(tenant))
        .order_by(col("id"), Order::Asc)
        .to_owned();
    let mut payments = Payments::new();
    for row in conn.query_all(&select).await? {
        let key = (row.try_get("", "order_id")?, row.try_get("", "kind")?);
        let money = (row.try_get("", "amount_text")?, row.try_get("", "method")?);
        payments.entry(key).or_default().push_back(money);
    }
    Ok(payments)
}

/// A timeline entry as stored.
struct Event {
    id: Uuid,
    order_id: Uuid,
    kind: String,
    from: Option<String>,
    to: Option<String>,
    message: String,
}

impl Event {
    fn read(row: &QueryResult) -> Result<Event, DbErr> {
        Ok(Event {
            id: row.try_get("", "id")?,
            order_id: row.try_get("", "order_id")?,
            kind: row.try_get("", "kind")?,
            from: row.try_get("", "from_status")?,
            to: row.try_get("", "to_status")?,
            message: row.try_get("", "message")?,
        })
    }

    /// The entry's key and arguments, from its kind and the order's data, when its sentence
    /// is the one the server wrote for them.
    fn as_message(
        &self,
        order: &OrderFacts,
        money: Option<(String, Option<String>)>,
    ) -> Option<Value> {
        let text = self.message.as_str();
        match self.kind.as_str() {
            "placed" => sentences::placed(text, &order.total, &order.currency),
            "held" => {
                let found = order.sentences.as_ref()?;
                let joined: Vec<&str> = found.iter().map(|(_, s)| s.as_str()).collect();
                (joined.join(" ") == text).then(|| {
                    let messages: Vec<Value> = findings(found, &order.currency)
                        .into_iter()
                        .filter_map(|f| f.get("message").cloned())
                        .collect();
                    json!({ "key": "order.held", "findings": messages })
                })
            }
            "payment" => {
                let (amount, method) = money?;
                sentences::payment(text, &amount, &order.currency, &method?)
            }
            "refund" => sentences::refund(text, &money?.0, &order.currency),
            _ => sentences::moved(text, self.from.as_deref()?, self.to.as_deref()?),
        }
    }
}
