//! The customer hears of their return in their own language: approved with the authorization
//! code and the instructions, or declined with the store's reason.

use openapi::tenancy::Locale;
use serde_json::json;

use super::returns::{act, approve, delivered, request, return_body};
use crate::db_test;
use crate::harness::fixtures::line;
use crate::harness::shop::open_shop;

db_test!(
    the_customer_is_emailed_when_a_return_is_approved_or_declined,
    |app| {
        let shop = open_shop(&app, "Loja Aviso").await;
        let mug = shop.variant(&app, "TAZA-1", "30.00", 10).await;
        let order = delivered(&app, &shop, "mail", vec![line(mug, 2)], None, Locale::Es).await;
        let first = request(&app, &shop, &return_body(&order, &[(0, 1, "damaged")])).await;
        approve(&app, &shop, &first).await;
        let approved = app
            .emails_of(&shop.owner, order.id, "return_approved", 1)
            .await;
        let approved = &approved[0];
        assert_eq!(approved.locale, Locale::Es);
        assert!(
            approved.subject.contains("aprobada"),
            "{}",
            approved.subject
        );
        assert!(approved.text.contains("AP123BR"), "{}", approved.text);
        assert!(
            approved.text.contains("Poste nos Correios"),
            "{}",
            approved.text
        );

        let second = request(&app, &shop, &return_body(&order, &[(0, 1, "regret")])).await;
        let reason = json!({ "reason": "El producto fue usado." });
        act(&app, &shop, &second, "decline", reason).await;
        let declined = app
            .emails_of(&shop.owner, order.id, "return_declined", 1)
            .await;
        assert_eq!(declined[0].locale, Locale::Es);
        assert!(
            declined[0].text.contains("El producto fue usado."),
            "{}",
            declined[0].text
        );
    }
);
