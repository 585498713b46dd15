//! The catalogues against the keys, and rendering.

use fluent_bundle::FluentResource;
use openapi::tenancy::{Currency, Locale};
use rust_decimal::Decimal;
use serde_json::json;

use super::keys::Key;
use super::message::{Arg, Message};
use super::render::{SOURCES, has_message, render};

fn ids(source: &str) -> Vec<String> {
    let mut ids: Vec<String> = source
        .lines()
        .filter(|line| line.starts_with(|c: char| c.is_ascii_lowercase()))
        .filter_map(|line| line.split_once(" =").map(|(id, _)| id.trim().to_owned()))
        .collect();
    ids.sort();
    ids
}

#[test]
fn every_catalogue_parses() {
    for (locale, source) in SOURCES {
        if let Err((_, errors)) = FluentResource::try_new(source.to_owned()) {
            panic!("{} does not parse: {errors:?}", locale.as_str());
        }
    }
}

#[test]
fn every_key_the_server_can_emit_has_a_translation_in_every_language() {
    let mut missing = Vec::new();
    for (locale, _) in SOURCES {
        for key in Key::ALL {
            if !has_message(locale, &key.fluent_id()) {
                missing.push(format!("{} in {}", key.as_str(), locale.as_str()));
            }
        }
    }
    assert!(missing.is_empty(), "missing translations: {missing:?}");
}

#[test]
fn every_catalogue_has_the_same_messages_and_only_the_keys() {
    let keys: Vec<String> = {
        let mut keys: Vec<String> = Key::ALL.iter().map(|k| k.fluent_id()).collect();
        keys.sort();
        keys
    };
    for (locale, source) in SOURCES {
        assert_eq!(ids(source), keys, "the messages of {}", locale.as_str());
    }
}

#[test]
fn a_message_is_stored_as_its_key_beside_its_arguments() {
    let message = Message::new(Key::OrderPayment)
        .with("amount", Arg::money(Decimal::new(15000, 2), Currency::BRL))
        .with("method", "pix");
    let stored = message.to_stored();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&stored).ok(),
        Some(json!({
            "key": "order.payment",
            "amount": { "money": "150.00", "currency": "BRL" },
            "method": "pix",
        }))
    );
    assert_eq!(Message::from_stored(&stored), message);
    assert_eq!(
        render(&message, Locale::PtBr),
        "Pagamento de R$ 150,00 (pix)."
    );
    assert_eq!(render(&message, Locale::En), "Payment of R$ 150.00 (pix).");
}

#[test]
fn nested_messages_and_lists_render_in_the_same_language() {
    let moved = Message::new(Key::OrderMoved)
        .with("from", Key::StatusOnHold)
        .with("to", Key::StatusPaid);
    assert_eq!(render(&moved, Locale::Es), "De en revisión a pagado.");
    let held = Message::new(Key::OrderHeld).with(
        "findings",
        vec![
            Message::new(Key::FindingTaxIdMissing),
            Message::new(Key::FindingDuplicate).with("number", 1001),
        ],
    );
    assert_eq!(
        render(&held, Locale::En),
        "The customer has no CPF/CNPJ. Looks like a duplicate of order #1001: same customer \
         and lines within 10 minutes."
    );
}

#[test]
fn plain_text_and_unknown_keys_still_read() {
    assert_eq!(
        render(&Message::from_stored("De pago para enviado."), Locale::En),
        "De pago para enviado."
    );
    let unknown = Message {
        key: "order.teleported".to_owned(),
        args: Default::default(),
    };
    assert_eq!(render(&unknown, Locale::Es), "order.teleported");
}

/// In English, an error's message reads exactly as its `Display` did before messages.
#[test]
fn english_problem_details_read_as_the_errors_display() {
    use openapi::inventory::Shortage;
    use openapi::orders::OrderStatus;

    use crate::auth::error::AuthError;
    use crate::catalog::error::CatalogError;
    use crate::error::DomainError;
    use crate::import_file::BadRows;
    use crate::inventory::error::InventoryError;
    use crate::mail::error::MailError;
    use crate::orders::error::OrderError;
    use crate::tenancy::error::TenancyError;

    let shortage = |sku: &str| Shortage {
        sku: sku.to_owned(),
        requested: 3,
        available: 1,
    };
    let errors: Vec<Box<dyn DomainError>> = vec![
        Box::new(OrderError::NotFound("order")),
        Box::new(OrderError::IllegalTransition {
            from: OrderStatus::Completed,
            to: OrderStatus::Cancelled,
            allowed: vec![],
        }),
        Box::new(OrderError::Overpayment {
            amount: Decimal::new(1000, 2),
            due: Decimal::new(500, 2),
        }),
        Box::new(OrderError::Stale {
            what: "the order",
            current: 3,
        }),
        Box::new(CatalogError::SkuTaken { sku: "A-1".into() }),
        Box::new(CatalogError::BadFile(BadRows {
            listed: vec![],
            total: 4,
            written: 200,
        })),
        Box::new(CatalogError::NotFound("sales channel")),
        Box::new(CatalogError::KitRule {
            reason: crate::catalog::error::KitRule::HasStock {
                sku: "KIT-1".into(),
            },
        }),
        Box::new(InventoryError::InsufficientStock {
            shortages: vec![shortage("A-1"), shortage("B-2")],
        }),
        Box::new(InventoryError::OverReceipt {
            sku: "A-1".into(),
            open: 2,
            received: 5,
        }),
        Box::new(InventoryError::PurchaseOrderState {
            status: "received".into(),
            action: "sent".into(),
        }),
        Box::new(TenancyError::InvitationNotPending { status: "accepted" }),
        Box::new(TenancyError::MemberNotFound),
        Box::new(AuthError::TooManyAttempts { retry_after: 30 }),
        Box::new(AuthError::Forbidden {
            permission: "orders:write",
        }),
        Box::new(AuthError::ApiKeyNotFound),
        Box::new(MailError::NotEditable("invitation")),
    ];
    for error in errors {
        let Some(message) = error.message() else {
            panic!("no message for {error}");
        };
        assert_eq!(render(&message, Locale::En), error.to_string());
        assert_ne!(render(&message, Locale::PtBr), message.key, "{error}");
    }
}
