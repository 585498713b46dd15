use serde_json::json;

use crate::catalog::create_variant;
use crate::db_test;
use crate::harness::TestApp;
use crate::harness::client::Session;

async fn stock(app: &TestApp, owner: &Session, variant: &str, location: &str, quantity: i64) {
    app.post("/api/v1/inventory/adjustments")
        .as_(owner)
        .json(&json!({ "variant_id": variant, "location_id": location,
                       "quantity": quantity, "reason": "initial" }))
        .send()
        .await
        .expect(200);
}

db_test!(
    a_kit_is_never_reserved_beyond_its_scarcest_component,
    |app| {
        let owner = app.signup("Fabiana").await;
        let mug = create_variant(&app, &owner, "Caneca", "CANECA").await;
        let coffee = create_variant(&app, &owner, "Café 250g", "CAFE").await;
        let kit = create_variant(&app, &owner, "Kit presente", "KIT-PRESENTE").await;
        let cd = app.create_location(&owner, "CD").await;
        stock(&app, &owner, &mug, &cd, 5).await;
        stock(&app, &owner, &coffee, &cd, 7).await;
        let set = app
            .call(
                reqwest::Method::PUT,
                &format!("/api/v1/catalog/variants/{kit}/components"),
            )
            .as_(&owner)
            .json(&json!({ "components": [
            { "component_variant_id": mug, "quantity": 1 },
            { "component_variant_id": coffee, "quantity": 2 },
        ] }))
            .send()
            .await
            .expect(200);
        assert_eq!(set.body["components"][1]["sku"], "CAFE");

        // Coffee is scarcest: 7 ÷ 2 = 3 kits.
        let availability = app
            .get(&format!("/api/v1/inventory/availability?variant_id={kit}"))
            .as_(&owner)
            .send()
            .await
            .expect(200);
        assert_eq!(availability.body["items"][0]["available"], 3);
        let refused = app
            .post("/api/v1/inventory/reservations")
            .as_(&owner)
            .json(&json!({ "variant_id": kit, "quantity": 4 }))
            .send()
            .await
            .problem(409, "inventory/insufficient-stock");
        assert_eq!(
            refused.body["shortages"][0],
            json!({ "sku": "KIT-PRESENTE", "requested": 4, "available": 3 })
        );
        let held = app
            .post("/api/v1/inventory/reservations")
            .as_(&owner)
            .json(&json!({ "variant_id": kit, "quantity": 3 }))
            .send()
            .await
            .expect(201);
        let levels = app
            .get(&format!("/api/v1/inventory/levels?location_id={cd}"))
            .as_(&owner)
            .send()
            .await
            .expect(200);
        let reserved: Vec<(String, i64)> = levels.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| {
                (
                    l["sku"].as_str().unwrap().to_owned(),
                    l["reserved"].as_i64().unwrap(),
                )
            })
            .collect();
        assert!(reserved.contains(&("CANECA".into(), 3)), "{reserved:?}");
        assert!(reserved.contains(&("CAFE".into(), 6)), "{reserved:?}");
        app.post("/api/v1/inventory/reservations")
            .as_(&owner)
            .json(&json!({ "variant_id": kit, "quantity": 1 }))
            .send()
            .await
            .problem(409, "inventory/insufficient-stock");

        // A kit holds no stock of its own and cannot change while reserved.
        app.post("/api/v1/inventory/adjustments")
            .as_(&owner)
            .json(
                &json!({ "variant_id": kit, "location_id": cd, "quantity": 1, "reason": "found" }),
            )
            .send()
            .await
            .problem(409, "inventory/kit-not-stocked");
        app.call(
            reqwest::Method::PUT,
            &format!("/api/v1/catalog/variants/{kit}/components"),
        )
        .as_(&owner)
        .json(&json!({ "components": [] }))
        .send()
        .await
        .problem(409, "catalog/kit-rule");

        let id = held.body["id"].as_str().unwrap();
        app.post(&format!("/api/v1/inventory/reservations/{id}/commit"))
            .as_(&owner)
            .send()
            .await
            .expect(200);
        let after = app
            .get(&format!("/api/v1/inventory/levels?variant_id={coffee}"))
            .as_(&owner)
            .send()
            .await
            .expect(200);
        assert_eq!(after.body["items"][0]["on_hand"], 1);
        assert_eq!(after.body["items"][0]["reserved"], 0);
        app.call(
            reqwest::Method::PUT,
            &format!("/api/v1/catalog/variants/{mug}/components"),
        )
        .as_(&owner)
        .json(&json!({ "components": [{ "component_variant_id": kit, "quantity": 1 }] }))
        .send()
        .await
        .problem(409, "catalog/kit-rule");
    }
);

db_test!(
    a_channel_buffer_holds_back_units_from_that_channel_only,
    |app| {
        let owner = app.signup("Gustavo").await;
        let shoe = create_variant(&app, &owner, "Sapato", "SAP-40").await;
        let cd = app.create_location(&owner, "CD").await;
        stock(&app, &owner, &shoe, &cd, 5).await;
        let marketplace = app
            .post("/api/v1/catalog/channels")
            .as_(&owner)
            .json(&json!({ "name": "Marketplace", "kind": "marketplace" }))
            .send()
            .await
            .expect(201)
            .body["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let web = app
            .post("/api/v1/catalog/channels")
            .as_(&owner)
            .json(&json!({ "name": "Loja virtual", "kind": "web" }))
            .send()
            .await
            .expect(201)
            .body["id"]
            .as_str()
            .unwrap()
            .to_owned();
        app.call(reqwest::Method::PUT, "/api/v1/inventory/buffers")
            .as_(&owner)
            .json(&json!({ "channel_id": marketplace, "variant_id": shoe, "quantity": 2 }))
            .send()
            .await
            .expect(200);
        let all = app
            .get(&format!("/api/v1/inventory/availability?variant_id={shoe}"))
            .as_(&owner)
            .send()
            .await
            .expect(200);
        let sellable: Vec<(String, i64)> = all.body["items"][0]["channels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["channel_name"].as_str().unwrap().to_owned(),
                    c["sellable"].as_i64().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            sellable,
            [
                ("Marketplace".to_owned(), 3),
                ("Loja virtual".to_owned(), 5)
            ]
        );
        let only = app
            .get(&format!(
                "/api/v1/inventory/availability?channel_id={marketplace}"
            ))
            .as_(&owner)
            .send()
            .await
            .expect(200);
        assert_eq!(
            only.body["items"][0]["channels"].as_array().unwrap().len(),
            1
        );

        app.post("/api/v1/inventory/reservations")
            .as_(&owner)
            .json(&json!({ "variant_id": shoe, "quantity": 3, "channel_id": marketplace }))
            .send()
            .await
            .expect(201);
        let refused = app
            .post("/api/v1/inventory/reservations")
            .as_(&owner)
            .json(&json!({ "variant_id": shoe, "quantity": 1, "channel_id": marketplace }))
            .send()
            .await
            .problem(409, "inventory/insufficient-stock");
        assert_eq!(refused.body["shortages"][0]["available"], 0);
        // The web store may still sell the last two.
        app.post("/api/v1/inventory/reservations")
            .as_(&owner)
            .json(&json!({ "variant_id": shoe, "quantity": 2, "channel_id": web }))
            .send()
            .await
            .expect(201);
        let other = app.signup("Helena").await;
        app.get(&format!(
            "/api/v1/inventory/availability?channel_id={marketplace}"
        ))
        .as_(&other)
        .send()
        .await
        .problem(404, "not-found");
        // A channel the store does not have sells nothing.
        let unknown = app
            .post("/api/v1/inventory/reservations")
            .as_(&owner)
            .json(&json!({ "variant_id": shoe, "quantity": 1, "channel_id": uuid::Uuid::new_v4() }))
            .send()
            .await
            .problem(404, "not-found");
        assert!(
            unknown.body["detail"]
                .as_str()
                .unwrap()
                .contains("sales channel")
        );
    }
);
