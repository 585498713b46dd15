//! Customers: who buys, how to reach them, in which language, and what they are worth.

use crate::db::TenantTransaction;
use chrono::Utc;
use openapi::orders::{Address, CustomerIn, CustomerPatch, CustomerQuery, check_tax_id};
use openapi::tenancy::{Currency, Locale};
use std::collections::BTreeMap;

use rust_decimal::Decimal;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde_json::json;
use uuid::Uuid;

use entity::amount::Amount;
use entity::{customer, order};

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::orders::error::OrderError;
use crate::pagination::{PageRequest, Paged};
use crate::text_search as search;

/// A customer with what their orders add up to.
pub struct CustomerView {
    pub customer: customer::Model,
    pub orders_count: i64,
    /// Paid less refunded, per order currency.
    pub lifetime_value: BTreeMap<Currency, Decimal>,
}

fn search_text(customer: &customer::Model) -> String {
    let digits: Option<String> = customer
        .tax_id
        .as_ref()
        .map(|id| id.chars().filter(char::is_ascii_digit).collect());
    search::search_text(
        [customer.name.as_str()]
            .into_iter()
            .chain(customer.email.as_deref())
            .chain(customer.tax_id.as_deref())
            .chain(digits.as_deref()),
    )
}

fn summary(customer: &customer::Model) -> serde_json::Value {
    json!({
        "name": customer.name,
        "email": customer.email,
        "tax_id": customer.tax_id,
        "locale": customer.locale,
        "marketing_consent": customer.marketing_consent,
    })
}

pub fn addresses_of(customer: &customer::Model) -> Vec<Address> {
    serde_json::from_value(customer.addresses.clone()).unwrap_or_default()
}

pub fn tags_of(customer: &customer::Model) -> Vec<String> {
    serde_json::from_value(customer.tags.clone()).unwrap_or_default()
}

pub fn locale_of(customer: &customer::Model) -> Locale {
    customer.locale
}

pub async fn find_customer(
    conn: &TenantTransaction,
    id: Uuid,
) -> Result<customer::Model, OrderError> {
    let tenant_id = conn.tenant();
    customer::Entity::find_in(tenant_id)
        .filter(customer::Column::Id.eq(id))
        .one(conn)
        .await?
        .ok_or(OrderError::NotFound("customer"))
}

/// The customer an order is being placed for, locked until the order commits (on PostgreSQL;
/// SQLite has one writer): two orders of one customer are verified one after the other, so the
/// second sees the first when it looks for duplicates and first orders. Placement takes it
/// after the stock levels (every placement in that order, so none waits in a circle).
pub async fn lock_customer(
    conn: &TenantTransaction,
    id: Uuid,
) -> Result<customer::Model, OrderError> {
    let tenant_id = conn.tenant();
    let mut select = customer::Entity::find_in(tenant_id).filter(customer::Column::Id.eq(id));
    if conn.get_database_backend() == sea_orm::DbBackend::Postgres {
        select = select.lock_exclusive();
    }
    select
        .one(conn)
        .await?
        .ok_or(OrderError::NotFound("customer"))
}

/// Creates a customer; `store_locale` is their language unless they have one.
pub async fn create_customer(
    conn: &TenantTransaction,
    principal: &Principal,
    input: &CustomerIn,
    store_locale: Locale,
) -> Result<customer::Model, OrderError> {
    let now = Utc::now();
    let mut customer = customer::Model {
        tenant_id: conn.tenant(),
        id: Uuid::now_v7(),
        name: input.name.trim().to_owned(),
        email: input.email.as_ref().map(|e| e.trim().to_lowercase()),
        phone: input.phone.clone(),
        tax_id: input.tax_id.clone(),
        country: input.country.clone().unwrap_or_else(|| "BR".into()),
        locale: input.locale.unwrap_or(store_locale),
        marketing_consent: input.marketing_consent,
        marketing_consent_at: input.marketing_consent.then_some(now),
        tags: json!(input.tags),
        notes: input.notes.clone(),
        addresses: json!(input.addresses),
        search_text: String::new(),
        version: 1,
        created_at: now,
        updated_at: now,
        payment_terms: None,
        credit_limit: None,
        account_owner_id: None,
        blocked_at: None,
        block_reason: None,
        dunning_exempt: false,
    };
    customer.search_text = search_text(&customer);
    customer::Entity::insert(customer::ActiveModel::from(customer.clone()))
        .exec_without_returning(conn)
        .await?;
    audit::record(
        conn,
        principal,
        Change {
            action: "customer.create",
            entity_type: "customer",
            entity_id: Some(customer.id),
            before: None,
            after: Some(summary(&customer)),
        },
    )
    .await?;
    Ok(customer)
}

pub async fn get_customer(conn: &TenantTransaction, id: Uuid) -> Result<CustomerView, OrderError> {
    let customer = find_customer(conn, id).await?;
    with_value(conn, vec![customer])
        .await?
        .pop()
        .ok_or(OrderError::NotFound("customer"))
}

pub async fn list_customers(
    conn: &TenantTransaction,
    query: &CustomerQuery,
    page: PageRequest,
) -> Result<Paged<CustomerView>, OrderError> {
    let mut select = customer::Entity::find_in(conn.tenant());
    if let Some(q) = &query.q {
        select = select.filter(search::matches(customer::Column::SearchText, q));
    }
    let rows = page
        .apply_keyed(select, customer::Column::SearchText, customer::Column::Id)
        .all(conn)
        .await?;
    let paged = page.finish_keyed(rows, |c| (Some(c.search_text.clone()), c.id));
    Ok(Paged {
        items: with_value(conn, paged.items).await?,
        next_cursor: paged.next_cursor,
    })
}

/// Adds each customer's order count and lifetime value (paid less refunded).
async fn with_value(
    conn: &TenantTransaction,
    customers: Vec<customer::Model>,
) -> Result<Vec<CustomerView>, OrderError> {
    let tenant_id = conn.tenant();
    let ids: Vec<Uuid> = customers.iter().map(|c| c.id).collect();
    // Summed in Rust: SQLite keeps amounts as text, and SUM would go through floats.
    let orders: Vec<(Uuid, Currency, Amount, Amount)> = order::Entity::find_in(tenant_id)
        .filter(order::Column::CustomerId.is_in(ids))
        .select_only()
        .column(order::Column::CustomerId)
        .column(order::Column::Currency)
        .column(order::Column::Paid)
        .column(order::Column::Refunded)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(customers
        .into_iter()
        .map(|customer| {
            let mut view = CustomerView {
                customer,
                orders_count: 0,
                lifetime_value: BTreeMap::new(),
            };
            let mine = orders.iter().filter(|(id, ..)| *id == view.customer.id);
            for (_, currency, paid, refunded) in mine {
                view.orders_count += 1;
                *view.lifetime_value.entry(*currency).or_default() += paid.0 - refunded.0;
            }
            view
        })
        .collect())
}

pub async fn update_customer(
    conn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
    patch: &CustomerPatch,
    expected_version: Option<i32>,
) -> Result<CustomerView, OrderError> {
    let before = find_customer(conn, id).await?;
    if expected_version.is_some_and(|v| v != before.version) {
        return Err(OrderError::Stale {
            what: "the customer",
            current: before.version,
        });
    }
    let mut after = before.clone();
    if let Some(name) = &patch.name {
        after.name = name.trim().to_owned();
    }
    if let Some(email) = &patch.email {
        after.email = Some(email.trim().to_lowercase());
    }
    if patch.phone.is_some() {
        after.phone = patch.phone.clone();
    }
    if patch.tax_id.is_some() {
        after.tax_id = patch.tax_id.clone();
    }
    if let Some(country) = &patch.country {
        after.country = country.clone();
    }
    if let Err(error) = check_tax_id(Some(&after.country), after.tax_id.as_deref()) {
        let message = error
            .message
            .map_or_else(|| "is not valid".to_owned(), |m| m.into_owned());
        return Err(OrderError::invalid("tax_id", message));
    }
    if let Some(locale) = patch.locale {
        after.locale = locale;
    }
    if let Some(consent) = patch.marketing_consent
        && consent != before.marketing_consent
    {
        after.marketing_consent = consent;
        after.marketing_consent_at = Some(Utc::now());
    }
    if let Some(tags) = &patch.tags {
        after.tags = json!(tags);
    }
    if patch.notes.is_some() {
        after.notes = patch.notes.clone();
    }
    if let Some(addresses) = &patch.addresses {
        after.addresses = json!(addresses);
    }
    after.search_text = search_text(&after);
    after.version += 1;
    after.updated_at = Utc::now();
    let updated = conn
        .update_many::<customer::Entity>()
        .set(customer::ActiveModel::from(after.clone()).reset_all())
        .filter(customer::Column::Id.eq(id))
        .filter(customer::Column::Version.eq(before.version))
        .exec(conn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(OrderError::Stale {
            what: "the customer",
            current: before.version + 1,
        });
    }
    audit::record(
        conn,
        principal,
        Change {
            action: "customer.update",
            entity_type: "customer",
            entity_id: Some(id),
            before: Some(summary(&before)),
            after: Some(summary(&after)),
        },
    )
    .await?;
    get_customer(conn, id).await
}

/// The customers of `ids`, by id (those of the store; an unknown id is left out).
pub async fn customers_by_id(
    conn: &TenantTransaction,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<std::collections::HashMap<Uuid, customer::Model>, OrderError> {
    let mut ids: Vec<Uuid> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let rows = conn
        .find::<customer::Entity>()
        .filter(customer::Column::Id.is_in(ids))
        .all(conn)
        .await?;
    Ok(rows.into_iter().map(|c| (c.id, c)).collect())
}

/// The store's first customer with this email (emails are kept in lower case).
pub async fn customer_by_email(
    conn: &TenantTransaction,
    email: &str,
) -> Result<Option<customer::Model>, OrderError> {
    Ok(customer::Entity::find_in(conn.tenant())
        .filter(customer::Column::Email.eq(email.trim().to_lowercase()))
        .order_by_asc(customer::Column::Id)
        .one(conn)
        .await?)
}
