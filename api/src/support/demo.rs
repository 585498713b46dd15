//! The demo store's help desk: its support address, canned replies in three languages, and
//! tickets in each state with their
//! threads, taken in as the emails customers sent (the real path: parsed, threaded, linked to
//! the order they name) or opened by phone, some answered, one solved.

use openapi::support::{
    AnswerKind, CannedReplyIn, SupportSettingsIn, TicketChannel, TicketIn, TicketMessageIn,
    TicketPatch, TicketPriority, TicketStatus,
};
use openapi::tenancy::Locale;
use uuid::Uuid;

use crate::access::Principal;
use crate::db::TenantTransaction;
use crate::orders::service::customer::find_customer;
use crate::orders::service::order::find_order;
use crate::support::error::SupportError;
use crate::support::service::answer::{Sending, answer};
use crate::support::service::inbound::{parse::parse, receive};
use crate::support::service::{canned, settings, ticket as tickets};

const ADDRESS: &str = "atendimento@loja-demo.example";

/// The store's canned replies: (name, language, body).
const CANNED: &[(&str, Locale, &str)] = &[
    (
        "Prazo de entrega",
        Locale::PtBr,
        "Olá, {{ customer.name }}! {% if order %}Seu pedido #{{ order.number }}{% else %}Seu pedido{% endif %} já está com a transportadora e chega em até 3 dias úteis.\n\n{{ agent }}, {{ store.name }}",
    ),
    (
        "Troca",
        Locale::PtBr,
        "Olá, {{ customer.name }}! A troca é simples: enviamos a etiqueta de postagem por e-mail e, quando o produto chegar, mandamos o novo tamanho.\n\n{{ agent }}, {{ store.name }}",
    ),
    (
        "Plazo de entrega",
        Locale::Es,
        "¡Hola, {{ customer.name }}! {% if order %}Su pedido #{{ order.number }}{% else %}Su pedido{% endif %} ya está con la transportadora y llega en hasta 3 días hábiles.\n\n{{ agent }}, {{ store.name }}",
    ),
    (
        "Delivery time",
        Locale::En,
        "Hi {{ customer.name }}! {% if order %}Your order #{{ order.number }}{% else %}Your order{% endif %} is with the carrier and arrives within 3 working days.\n\n{{ agent }}, {{ store.name }}",
    ),
];

/// (subject, text) of a customer's first email, by language; `{n}` is the order's number.
fn first_email(locale: Locale, kind: usize) -> (&'static str, &'static str) {
    match (locale, kind % 3) {
        (Locale::Es, _) => (
            "Devolución del pedido {n}",
            "Hola, la camiseta del pedido {n} llegó con una mancha. ¿Cómo la devuelvo?",
        ),
        (Locale::En, _) => (
            "Where is order {n}?",
            "Hi, my order {n} has not arrived yet. Could you check the tracking?",
        ),
        (Locale::PtBr, 0) => (
            "Pedido {n} ainda não chegou",
            "Olá! Meu pedido {n} ainda não chegou. Podem verificar o rastreio?",
        ),
        (Locale::PtBr, 1) => (
            "Troca de tamanho do pedido {n}",
            "Oi, gostaria de trocar a camiseta do pedido {n} do tamanho P para o M.",
        ),
        (Locale::PtBr, _) => (
            "Nota fiscal do pedido {n}",
            "Bom dia, preciso da segunda via da nota fiscal do pedido {n}.",
        ),
    }
}

/// The desk's address and tickets of the customers of `orders` (paid, newest first).
pub async fn seed(
    txn: &TenantTransaction,
    owner: &Principal,
    secret: &[u8],
    orders: &[Uuid],
) -> Result<(), SupportError> {
    let input = SupportSettingsIn {
        address: Some(ADDRESS.to_owned()),
    };
    settings::write(txn, owner, &input, None).await?;
    let mut replies = Vec::new();
    for (name, locale, body) in CANNED {
        let reply = CannedReplyIn {
            name: (*name).to_owned(),
            locale: *locale,
            body: (*body).to_owned(),
        };
        replies.push(canned::create(txn, owner, &reply).await?);
    }
    let sending = Sending {
        secret,
        from_address: ADDRESS,
    };
    let mut opened = Vec::new();
    for (kind, order_id) in orders.iter().take(4).enumerate() {
        let order = find_order(txn, *order_id).await?;
        let customer = find_customer(txn, order.customer_id).await?;
        let Some(email) = customer.email.clone() else {
            continue;
        };
        let (subject, text) = first_email(customer.locale, kind);
        let number = order.number.to_string();
        let raw = format!(
            "From: {} <{email}>\r\nTo: {ADDRESS}\r\nSubject: {}\r\n\
Message-ID: <demo-{kind}@cliente.example>\r\nContent-Type: text/plain; charset=UTF-8\r\n\
\r\n{}\r\n",
            customer.name,
            subject.replace("{n}", &number),
            text.replace("{n}", &number),
        );
        let received = receive(txn, owner, secret, parse(raw.as_bytes())?).await?;
        if let Some(ticket_id) = received.ticket_id {
            opened.push((ticket_id, customer.locale, customer.id));
        }
    }
    // The first stays new; the second is answered and waits on its customer; the third is
    // answered and solved; the fourth customer also called, noted and assigned. Each answer
    // is the store's first canned reply in the customer's language, filled in.
    for (place, (ticket_id, locale, customer_id)) in opened.iter().enumerate() {
        let ticket = tickets::find(txn, *ticket_id).await?;
        let status = match place {
            0 => continue,
            1 => TicketStatus::WaitingOnCustomer,
            2 => TicketStatus::Solved,
            _ => {
                phone_ticket(txn, owner, *customer_id, &sending).await?;
                TicketStatus::Open
            }
        };
        let Some(canned_reply) = replies.iter().find(|r| r.locale == *locale) else {
            continue;
        };
        let context = canned::context(txn, owner, &ticket).await?;
        let reply = TicketMessageIn {
            kind: AnswerKind::Reply,
            body: canned::fill(canned_reply, &context).await?,
            attachments: Vec::new(),
            status: Some(status),
        };
        answer(txn, owner, &ticket, &reply, &sending).await?;
    }
    Ok(())
}

async fn phone_ticket(
    txn: &TenantTransaction,
    owner: &Principal,
    customer_id: Uuid,
    sending: &Sending<'_>,
) -> Result<(), SupportError> {
    let input = TicketIn {
        subject: "Ligou pedindo troca com urgência".to_owned(),
        customer_id,
        channel: TicketChannel::Phone,
        priority: Some(TicketPriority::High),
        body: "A cliente ligou: o presente é para sábado e o tamanho não serviu.".to_owned(),
        order_id: None,
        tags: vec!["troca".to_owned()],
        assignee_id: owner.user_id(),
        team: Some("Pós-venda".to_owned()),
    };
    let view = tickets::open_by_agent(txn, owner, &input).await?;
    let note = TicketMessageIn {
        kind: AnswerKind::Note,
        body: "Separar o M hoje e enviar por SEDEX.".to_owned(),
        attachments: Vec::new(),
        status: Some(TicketStatus::Open),
    };
    answer(txn, owner, &view.ticket, &note, sending).await?;
    let patch = TicketPatch {
        priority: Some(TicketPriority::Urgent),
        ..Default::default()
    };
    tickets::update(txn, owner, view.ticket.id, &patch, None).await?;
    Ok(())
}
