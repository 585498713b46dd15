//! Customers: validated, found by name, email or tax id; and another store's orders and
//! customers out of reach.

use openapi::Page;
use openapi::orders::{CustomerIn, CustomerOut, CustomerPatch, OrderOut};
use openapi::tenancy::Locale;

use crate::db_test;
use crate::harness::fixtures::{CPF, address_in, bare_customer, line, new_buyer};

use super::open_shop;

db_test!(
    customers_are_validated_and_found_by_name_email_or_tax_id,
    |app| {
        let owner = app.signup("Wanda").await;
        let create = |body: CustomerIn| {
            let (app, owner) = (&app, &owner);
            async move {
                app.post("/api/v1/customers")
                    .as_(owner)
                    .json(&body)
                    .send()
                    .await
            }
        };
        let refused = create(CustomerIn {
            tax_id: Some("111.111.111-11".into()),
            ..bare_customer("X")
        })
        .await
        .problem(422, "request/validation");
        assert_eq!(refused.error_fields(), vec!["tax_id"]);
        let mut bad_address = address_in();
        bad_address.postal_code = "ABC".into();
        let refused = create(CustomerIn {
            addresses: vec![bad_address],
            ..bare_customer("X")
        })
        .await
        .problem(422, "request/validation");
        assert_eq!(refused.error_fields(), vec!["addresses"]);
        // Outside Brazil any tax id goes.
        create(CustomerIn {
            country: Some("AR".into()),
            tax_id: Some("20-12345678-9".into()),
            locale: Some(Locale::Es),
            ..bare_customer("Juan Pérez")
        })
        .await
        .expect(201);
        let joao: CustomerOut = create(CustomerIn {
            email: Some("Joao@Example.com".into()),
            tax_id: Some(CPF.into()),
            marketing_consent: true,
            tags: vec!["vip".into()],
            ..bare_customer("João Conceição")
        })
        .await
        .expect(201)
        .parse();
        assert_eq!(joao.email.as_deref(), Some("joao@example.com"));
        assert_eq!(joao.locale, Locale::PtBr);
        assert!(joao.marketing_consent_at.is_some(), "{joao:#?}");

        for q in ["joao conceicao", "JOAO@", "52998224725", "529.982"] {
            let found: Page<CustomerOut> = app
                .get(&format!("/api/v1/customers?q={q}"))
                .as_(&owner)
                .returns(200)
                .await;
            assert_eq!(found.items.len(), 1, "{q}");
        }
        let changed = app
            .patch(&format!("/api/v1/customers/{}", joao.id))
            .as_(&owner)
            .json(&CustomerPatch {
                tax_id: Some("000".into()),
                ..Default::default()
            })
            .send()
            .await
            .problem(422, "request/validation");
        assert_eq!(changed.error_fields(), vec!["tax_id"]);
    }
);

db_test!(another_stores_orders_and_customers_are_not_found, |app| {
    let shop = open_shop(&app, "Xena").await;
    let shirt = shop.variant(&app, "CAM-7", "10.00", 10).await;
    let placed = shop
        .place_ok(
            &app,
            "o",
            &shop.order_in(new_buyer("Yara", Locale::PtBr), vec![line(shirt, 1)]),
        )
        .await;
    let stranger = open_shop(&app, "Zico").await;
    let order = placed.id;
    for path in [
        format!("/api/v1/orders/{order}"),
        format!("/api/v1/orders/{order}/timeline"),
        format!("/api/v1/customers/{}", placed.customer_id),
    ] {
        app.get(&path)
            .as_(&stranger.owner)
            .send()
            .await
            .problem(404, "not-found");
    }
    stranger
        .pay(&app, order, "10.00", "x")
        .await
        .problem(404, "not-found");
    // Nor can a stranger order another store's variant.
    stranger
        .place(
            &app,
            "s",
            &stranger.order_in(new_buyer("Zoe", Locale::PtBr), vec![line(shirt, 1)]),
        )
        .await
        .problem(404, "not-found");
    let list: Page<OrderOut> = app
        .get("/api/v1/orders")
        .as_(&stranger.owner)
        .returns(200)
        .await;
    assert!(list.items.is_empty(), "{list:#?}");
});
