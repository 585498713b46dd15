//! Customers' credit as finance runs it: terms, limit and account owner; what they owe and
//! what is overdue; blocking and unblocking, by hand or by dunning. A block is lifted by
//! itself (`lift_if_clear`) once nothing of the customer is overdue, if dunning set it.

use chrono::{DateTime, Utc};
use openapi::events::Event;
use openapi::finance::{CreditTermsIn, CustomerBlockMoved, InstalmentStatus};
use openapi::tenancy::Currency;
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, QueryFilter};
use uuid::Uuid;

use entity::{customer, instalment};

use crate::access::Principal;
use crate::db::TenantTransaction;
use crate::finance::error::FinanceError;
use crate::finance::service::instalments::{outstanding, status_on, store_today};
use crate::finance::service::receivables::OUTSTANDING;
use crate::i18n::{Key, Message};
use crate::orders::service::credit::{self, Block, Credit};
use crate::orders::service::customer::{find_customer, lock_customer};
use crate::outbox;
use crate::pagination::{PageRequest, Paged};
use crate::tenancy::service::member::member_email;
use crate::tenancy::service::tenant::find_tenant;

/// A customer's credit with what they owe, in the store's currency.
pub struct CreditView {
    pub customer: customer::Model,
    pub currency: Currency,
    pub owed: Decimal,
    pub overdue: Decimal,
}

/// What the customer owes past its due date on `today`'s terms (the store's day of `now`).
pub async fn overdue_of(
    txn: &TenantTransaction,
    customer_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Vec<instalment::Model>, FinanceError> {
    let today = store_today(txn, now).await?;
    let open = txn
        .find::<instalment::Entity>()
        .filter(instalment::Column::CustomerId.eq(customer_id))
        .filter(instalment::Column::Status.is_in(OUTSTANDING))
        .all(txn)
        .await?;
    Ok(open
        .into_iter()
        .filter(|row| status_on(row, today) == InstalmentStatus::Overdue)
        .collect())
}

async fn view_of(
    txn: &TenantTransaction,
    customer: customer::Model,
    currency: Currency,
    now: DateTime<Utc>,
) -> Result<CreditView, FinanceError> {
    let owed = credit::owed_on_terms(txn, customer.id, currency).await?;
    let overdue = overdue_of(txn, customer.id, now)
        .await?
        .iter()
        .filter(|row| row.currency == currency)
        .map(outstanding)
        .sum();
    Ok(CreditView {
        customer,
        currency,
        owed,
        overdue,
    })
}

pub async fn get_credit(
    txn: &TenantTransaction,
    customer_id: Uuid,
    now: DateTime<Utc>,
) -> Result<CreditView, FinanceError> {
    let currency = find_tenant(txn).await?.currency;
    let customer = find_customer(txn, customer_id).await?;
    view_of(txn, customer, currency, now).await
}

/// Customers with terms, a limit or a block.
pub async fn list_credit(
    txn: &TenantTransaction,
    blocked: Option<bool>,
    page: PageRequest,
    now: DateTime<Utc>,
) -> Result<Paged<CreditView>, FinanceError> {
    let currency = find_tenant(txn).await?.currency;
    let paged = credit::list_credit_customers(txn, blocked, page).await?;
    let mut items = Vec::with_capacity(paged.items.len());
    for customer in paged.items {
        items.push(view_of(txn, customer, currency, now).await?);
    }
    Ok(Paged {
        items,
        next_cursor: paged.next_cursor,
    })
}

/// Sets a customer's terms, limit, account owner (a member of the store) and exemption.
pub async fn set_credit(
    txn: &TenantTransaction,
    principal: &Principal,
    customer_id: Uuid,
    input: &CreditTermsIn,
    expected: Option<i32>,
) -> Result<CreditView, FinanceError> {
    if let Some(owner) = input.account_owner_id
        && member_email(txn, owner).await?.is_none()
    {
        return Err(FinanceError::NotAMember);
    }
    let credit = Credit {
        payment_terms: input.payment_terms.clone(),
        credit_limit: input.credit_limit,
        account_owner_id: input.account_owner_id,
        dunning_exempt: input.dunning_exempt,
    };
    credit::set_credit(txn, principal, customer_id, &credit, expected).await?;
    get_credit(txn, customer_id, Utc::now()).await
}

/// Blocks a customer by hand, for `reason`. 409 when they are blocked already.
pub async fn block_by_hand(
    txn: &TenantTransaction,
    principal: &Principal,
    customer_id: Uuid,
    reason: &str,
    expected: Option<i32>,
) -> Result<CreditView, FinanceError> {
    let before = locked(txn, customer_id, expected).await?;
    if before.blocked_at.is_some() {
        return Err(FinanceError::AlreadyBlocked);
    }
    let by_staff = Block {
        message: Message::new(Key::BlockStaff).with("reason", reason),
        automatic: false,
    };
    block(txn, principal, &before, by_staff).await?;
    get_credit(txn, customer_id, Utc::now()).await
}

/// Lifts a customer's block by hand (staff answer for what is overdue): their orders held
/// only by it are released. 409 when they are not blocked.
pub async fn unblock_by_hand(
    txn: &TenantTransaction,
    principal: &Principal,
    customer_id: Uuid,
    expected: Option<i32>,
) -> Result<CreditView, FinanceError> {
    let before = locked(txn, customer_id, expected).await?;
    if before.blocked_at.is_none() {
        return Err(FinanceError::NotBlocked);
    }
    unblock(txn, principal, &before, false).await?;
    get_credit(txn, customer_id, Utc::now()).await
}

async fn locked(
    txn: &TenantTransaction,
    customer_id: Uuid,
    expected: Option<i32>,
) -> Result<customer::Model, FinanceError> {
    let customer = lock_customer(txn, customer_id).await?;
    if expected.is_some_and(|v| v != customer.version) {
        return Err(FinanceError::Stale {
            what: "the customer",
            current: customer.version,
        });
    }
    Ok(customer)
}

/// Blocks the customer (who is not blocked) and says so.
pub async fn block(
    txn: &TenantTransaction,
    principal: &Principal,
    before: &customer::Model,
    block: Block,
) -> Result<customer::Model, FinanceError> {
    let automatic = block.automatic;
    let after = credit::set_block(txn, principal, before, Some(&block)).await?;
    let event = Event::CustomerBlocked(CustomerBlockMoved {
        customer_id: before.id,
        automatic,
    });
    outbox::emit(txn, &event).await?;
    Ok(after)
}

/// Lifts the customer's block, releases their orders held only by it, and says so.
async fn unblock(
    txn: &TenantTransaction,
    principal: &Principal,
    before: &customer::Model,
    automatic: bool,
) -> Result<customer::Model, FinanceError> {
    let after = credit::set_block(txn, principal, before, None).await?;
    credit::release_held_by_block(txn, principal, before.id).await?;
    let event = Event::CustomerUnblocked(CustomerBlockMoved {
        customer_id: before.id,
        automatic,
    });
    outbox::emit(txn, &event).await?;
    Ok(after)
}

/// Lifts a block dunning set once nothing of the customer is overdue any more (paid,
/// credited, written off). A block set by staff stays until staff lift it. Whether it lifted.
pub async fn lift_if_clear(
    txn: &TenantTransaction,
    principal: &Principal,
    customer_id: Uuid,
    now: DateTime<Utc>,
) -> Result<bool, FinanceError> {
    let customer = find_customer(txn, customer_id).await?;
    let automatic = credit::block_of(&customer).is_some_and(|(_, block)| block.automatic);
    if !automatic || !overdue_of(txn, customer_id, now).await?.is_empty() {
        return Ok(false);
    }
    let customer = lock_customer(txn, customer_id).await?;
    unblock(txn, principal, &customer, true).await?;
    Ok(true)
}
