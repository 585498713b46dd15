//! The demo store's customers on credit terms: a distributor on 30/60/90 days whose first
//! instalment is paid and the rest open, a market on 28 days that never paid (blocked by the
//! dunning sweep, its new order held), and a shop on 30 days within its limit.

use chrono::{DateTime, Duration, Utc};
use openapi::orders::{Address, CustomerIn, OrderCustomerIn, OrderIn, OrderLineIn, PaymentIn};
use openapi::orders::{OrderStatus, PaymentMethod};
use openapi::tenancy::Locale;
use rust_decimal::Decimal;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DbErr, QueryFilter};
use uuid::Uuid;

use entity::{instalment, invoice};

use crate::access::Principal;
use crate::db::TenantTransaction;
use crate::finance::error::FinanceError;
use crate::finance::service::bank::{self, StatementLine};
use crate::finance::service::instalments::instalments_of_order;
use crate::finance::service::issue::{Issued, issue_if_due};
use crate::finance::service::{dunning, settlement};
use crate::orders::service::credit::{Credit, set_credit};
use crate::orders::service::customer::create_customer;
use crate::orders::service::order::{self, Numbering, backdate};
use crate::orders::service::payment::record_payment;

/// Name, CPF, terms, limit, and the orders: days ago and units of the wholesale variant.
type Account = (
    &'static str,
    &'static str,
    &'static [u16],
    &'static str,
    &'static [(i64, i64)],
);

const ACCOUNTS: &[Account] = &[
    (
        "Distribuidora Sul Ltda",
        "111.444.777-35",
        &[30, 60, 90],
        "5000.00",
        &[(45, 3), (6, 2)],
    ),
    (
        "Mercado Andes",
        "123.456.789-09",
        &[28],
        "2000.00",
        &[(50, 2)],
    ),
    (
        "Empório Norte",
        "529.982.247-25",
        &[30],
        "1500.00",
        &[(12, 1)],
    ),
];

pub async fn seed_credit(
    txn: &TenantTransaction,
    owner: &Principal,
    channel_id: Uuid,
    variant: Uuid,
) -> Result<(), FinanceError> {
    let now = Utc::now();
    let mut customers = Vec::new();
    for (name, tax_id, terms, limit, orders) in ACCOUNTS {
        let customer = account(txn, owner, name, tax_id, terms, limit).await?;
        customers.push(customer);
        for (days_ago, units) in *orders {
            let input = order_in(customer, channel_id, variant, *units);
            let placed = order::place_order(txn, Numbering::InTransaction, owner, &input).await?;
            let at = now - Duration::days(*days_ago);
            backdate(txn, placed.order.id, at).await?;
            if placed.order.status != OrderStatus::Approved {
                continue;
            }
            if let Issued::New(issued) = issue_if_due(txn, owner, placed.order.id).await? {
                move_back(txn, issued.head.id, *days_ago).await?;
            }
        }
    }
    let [distributor, market, emporium] = customers[..] else {
        return Ok(());
    };
    pay_the_first_instalment(txn, owner, distributor, now).await?;
    // The market's instalment is three weeks overdue: the sweep blocks it.
    dunning::sweep_store(txn, now).await?;
    let input = order_in(market, channel_id, variant, 1);
    order::place_order(txn, Numbering::InTransaction, owner, &input).await?;
    statement(txn, owner, emporium, now).await
}

/// Yesterday's bank statement: the emporium's instalment paid by transfer quoting its order
/// (settled), a deposit nobody named and the bank's fee (left for staff).
async fn statement(
    txn: &TenantTransaction,
    owner: &Principal,
    emporium: Uuid,
    now: DateTime<Utc>,
) -> Result<(), FinanceError> {
    let page = crate::pagination::PageRequest::new(Some(1), None, sea_orm::Order::Asc)
        .map_err(|_| DbErr::Custom("the demo's page of orders".into()))?;
    let query = openapi::orders::OrderQuery {
        customer_id: Some(emporium),
        ..Default::default()
    };
    let Some(order) = order::list_orders(txn, &query, page)
        .await?
        .items
        .into_iter()
        .next()
    else {
        return Ok(());
    };
    let yesterday = (now - Duration::days(1)).date_naive();
    let line =
        |line_no, amount: Decimal, description: &str, reference: Option<String>| StatementLine {
            line_no,
            booked_on: yesterday,
            amount,
            description: description.into(),
            reference,
        };
    let lines = vec![
        line(
            2,
            order.order.total.0,
            "TED RECEBIDA EMPORIO NORTE",
            Some(order.order.number.to_string()),
        ),
        line(3, amount("500.00")?, "DEPOSITO EM DINHEIRO", None),
        line(4, amount("-4.90")?, "TARIFA PIX", None),
    ];
    bank::import_statement(txn, owner, lines).await?;
    Ok(())
}

async fn account(
    txn: &TenantTransaction,
    owner: &Principal,
    name: &str,
    tax_id: &str,
    terms: &[u16],
    limit: &str,
) -> Result<Uuid, FinanceError> {
    let domain: String = name
        .to_lowercase()
        .replace('ó', "o")
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let email = format!("financeiro@{domain}.example.com.br");
    let input = CustomerIn {
        name: name.into(),
        email: Some(email),
        phone: None,
        tax_id: Some(tax_id.into()),
        country: None,
        locale: Some(Locale::PtBr),
        marketing_consent: false,
        tags: vec!["atacado".into()],
        notes: None,
        addresses: vec![address()],
    };
    let customer = create_customer(txn, owner, &input, Locale::PtBr).await?;
    let credit = Credit {
        payment_terms: terms.to_vec(),
        credit_limit: Some(amount(limit)?),
        account_owner_id: owner.user_id(),
        dunning_exempt: false,
    };
    set_credit(txn, owner, customer.id, &credit, None).await?;
    Ok(customer.id)
}

fn amount(text: &str) -> Result<Decimal, FinanceError> {
    text.parse()
        .map_err(|_| DbErr::Custom(format!("a demo amount: {text}")).into())
}

fn address() -> Address {
    Address {
        recipient: None,
        street: "Rua Voluntários da Pátria".into(),
        number: "1200".into(),
        complement: Some("Galpão 3".into()),
        district: Some("Santana".into()),
        city: "São Paulo".into(),
        state: "SP".into(),
        postal_code: "02011-000".into(),
        country: "BR".into(),
    }
}

fn order_in(customer: Uuid, channel_id: Uuid, variant: Uuid, units: i64) -> OrderIn {
    OrderIn {
        customer: OrderCustomerIn {
            id: Some(customer),
            new: None,
        },
        channel_id,
        lines: vec![OrderLineIn {
            variant_id: variant,
            quantity: units,
            unit_price: None,
            discount: None,
        }],
        shipping_address: address(),
        shipping_fee: None,
        discount: None,
        note: None,
        shipping_service_id: None,
        on_terms: None,
    }
}

/// The invoice and its instalments as if issued `days` ago.
async fn move_back(
    txn: &TenantTransaction,
    invoice_id: Uuid,
    days: i64,
) -> Result<(), FinanceError> {
    let back = Duration::days(days);
    let issued: DateTime<Utc> = Utc::now() - back;
    txn.update_many::<invoice::Entity>()
        .col_expr(invoice::Column::IssuedAt, issued.into())
        .filter(invoice::Column::Id.eq(invoice_id))
        .exec(txn)
        .await?;
    for row in txn
        .find::<instalment::Entity>()
        .filter(instalment::Column::InvoiceId.eq(invoice_id))
        .all(txn)
        .await?
    {
        let due = row.due_on - back;
        txn.update_many::<instalment::Entity>()
            .col_expr(instalment::Column::DueOn, Expr::value(due))
            .col_expr(instalment::Column::CreatedAt, issued.into())
            .filter(instalment::Column::Id.eq(row.id))
            .exec(txn)
            .await?;
    }
    Ok(())
}

/// The customer paid the first instalment of its oldest order by boleto.
async fn pay_the_first_instalment(
    txn: &TenantTransaction,
    owner: &Principal,
    distributor: Uuid,
    now: DateTime<Utc>,
) -> Result<(), FinanceError> {
    let page = crate::pagination::PageRequest::new(Some(10), None, sea_orm::Order::Asc)
        .map_err(|_| DbErr::Custom("the demo's page of orders".into()))?;
    let query = openapi::orders::OrderQuery {
        customer_id: Some(distributor),
        ..Default::default()
    };
    let oldest = order::list_orders(txn, &query, page)
        .await?
        .items
        .into_iter()
        .next();
    let Some(oldest) = oldest else {
        return Ok(());
    };
    let Some(first) = instalments_of_order(txn, oldest.order.id)
        .await?
        .into_iter()
        .next()
    else {
        return Ok(());
    };
    let payment = PaymentIn {
        method: PaymentMethod::Boleto,
        amount: first.amount.0,
        reference: Some(format!("boleto-{}-1", oldest.order.number)),
        paid_at: Some(now - Duration::days(14)),
    };
    record_payment(txn, owner, oldest.order.id, &payment).await?;
    settlement::settle(txn, owner, oldest.order.id).await
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_demo_accounts_have_valid_tax_ids() {
        for (name, tax_id, ..) in super::ACCOUNTS {
            assert!(
                openapi::checks::cpf_or_cnpj(tax_id).is_ok(),
                "{name}: {tax_id}"
            );
        }
    }
}
