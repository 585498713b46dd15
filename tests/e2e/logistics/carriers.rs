//! Carriers, their services and transit tables: kept, guarded by role, imported from CSV,
//! asked for a quote, and out of another store's reach.

use openapi::Page;
use openapi::logistics::{
    CarrierOut, CarrierPatch, HandlingOut, TransitImportOut, TransitQuoteOut, TransitTable,
};
use reqwest::Method;
use serde_json::json;

use super::{correios, new_carrier, new_service, put_table};
use crate::db_test;

db_test!(carriers_and_services_are_kept_and_guarded_by_role, |app| {
    let owner = app.signup("Otavio").await;
    let carrier = new_carrier(&app, &owner, &correios()).await;
    let pac = new_service(&app, &owner, &carrier, "PAC").await;
    new_service(&app, &owner, &carrier, "SEDEX").await;

    let read: CarrierOut = app
        .get(&format!("/api/v1/logistics/carriers/{}", carrier.id))
        .as_(&owner)
        .returns(200)
        .await;
    let codes: Vec<&str> = read.services.iter().map(|s| s.code.as_str()).collect();
    assert_eq!(codes, ["PAC", "SEDEX"]);

    let path = format!("/api/v1/logistics/carriers/{}/services", carrier.id);
    app.post(&path)
        .as_(&owner)
        .json(&json!({ "name": "PAC de novo", "code": "PAC" }))
        .send()
        .await
        .problem(409, "logistics/service-code-taken");
    app.post("/api/v1/logistics/carriers")
        .as_(&owner)
        .json(&correios())
        .send()
        .await
        .problem(409, "logistics/carrier-name-taken");
    let bad = app
        .post("/api/v1/logistics/carriers")
        .as_(&owner)
        .json(&json!({ "name": "Sem código", "kind": "courier", "tracking_url": "http://x.example/track" }))
        .send()
        .await
        .problem(422, "request/validation");
    assert_eq!(bad.error_fields(), ["tracking_url"]);
    let nul = app
        .post("/api/v1/logistics/carriers")
        .as_(&owner)
        .json(&json!({ "name": "Nul\u{0}l", "kind": "postal" }))
        .send()
        .await
        .problem(422, "request/validation");
    assert_eq!(nul.error_fields(), ["name"]);
    let nul = app
        .get("/api/v1/catalog/suppliers?q=a%00b")
        .as_(&owner)
        .send()
        .await
        .problem(422, "request/validation");
    assert_eq!(nul.error_fields(), ["q"]);

    let staff = app.add_member(&owner, "Paula", "staff").await;
    app.post("/api/v1/logistics/carriers")
        .as_(&staff)
        .json(&json!({ "name": "Loggi", "kind": "courier" }))
        .send()
        .await
        .problem(403, "auth/forbidden");
    let listed: Page<CarrierOut> = app
        .get("/api/v1/logistics/carriers?kind=postal")
        .as_(&staff)
        .returns(200)
        .await;
    assert_eq!(listed.items.len(), 1);

    let archived: CarrierOut = app
        .patch(&format!("/api/v1/logistics/carriers/{}", carrier.id))
        .as_(&owner)
        .header("If-Match", "\"1\"")
        .json(&CarrierPatch {
            status: Some(openapi::catalog::Status::Archived),
            ..Default::default()
        })
        .returns(200)
        .await;
    assert_eq!(
        (archived.version, archived.tracking_url),
        (2, correios().tracking_url)
    );
    app.patch(&format!("/api/v1/logistics/carriers/{}", carrier.id))
        .as_(&owner)
        .header("If-Match", "\"1\"")
        .json(&CarrierPatch::default())
        .send()
        .await
        .problem(412, "request/stale");
    app.patch(&format!("/api/v1/logistics/services/{}", pac.id))
        .as_(&owner)
        .json(&json!({ "status": "archived" }))
        .send()
        .await
        .expect(200);
});

db_test!(a_quote_takes_the_most_exact_row_of_the_table, |app| {
    let owner = app.signup("Quiteria").await;
    let carrier = new_carrier(&app, &owner, &correios()).await;
    let sedex = new_service(&app, &owner, &carrier, "SEDEX").await;
    put_table(
        &app,
        &owner,
        &sedex,
        json!([
            { "country": "BR", "days": 7 },
            { "state": "SP", "days": 2 },
            { "postal_from": "01000000", "postal_to": "05999999", "days": 1 },
            { "country": "AR", "days": 10 },
        ]),
    )
    .await;
    let quote = |query: &str| {
        let path = format!(
            "/api/v1/logistics/transit-quote?service_id={}&{query}",
            sedex.id
        );
        let app = &app;
        let owner = &owner;
        async move { app.get(&path).as_(owner).send().await }
    };
    let days =
        |reply: crate::harness::client::Reply| reply.expect(200).parse::<TransitQuoteOut>().days;
    assert_eq!(days(quote("postal_code=01310-200").await), 1);
    assert_eq!(days(quote("state=SP&postal_code=13083-970").await), 2);
    assert_eq!(
        days(quote("postal_code=13083-970").await),
        2,
        "the state read from the CEP"
    );
    assert_eq!(days(quote("state=BA").await), 7);
    assert_eq!(days(quote("country=AR&state=Cordoba").await), 10);
    quote("country=UY")
        .await
        .problem(404, "logistics/not-served");
});

db_test!(a_transit_table_imports_from_csv_all_or_nothing, |app| {
    let owner = app.signup("Rosa").await;
    let carrier = new_carrier(&app, &owner, &correios()).await;
    let pac = new_service(&app, &owner, &carrier, "PAC").await;
    let path = format!("/api/v1/logistics/services/{}/transit-times", pac.id);
    let good =
        "state,postal_from,postal_to,country,days\nsp,,,,3\n,01310-000,01310-999,,1\n,,,BR,9\n";
    let imported: TransitImportOut = app
        .post(&format!("{path}/import"))
        .as_(&owner)
        .raw_body("text/csv", good)
        .returns(200)
        .await;
    assert_eq!(imported.rows, 3);

    let bad =
        "state,postal_from,postal_to,country,days\nXX,,,,3\n,01310-000,,,1\nRJ,,,,-2\nMG,,,,2\n";
    let refused = app
        .post(&format!("{path}/import"))
        .as_(&owner)
        .raw_body("text/csv", bad)
        .send()
        .await
        .problem(422, "import/bad-rows");
    let problem = refused.problem_doc();
    let lines: Vec<(u64, &str)> = problem
        .row_errors
        .iter()
        .map(|e| (e.line, e.field.as_str()))
        .collect();
    assert_eq!(lines, [(2, "state"), (3, "region"), (4, "days")]);

    let table: TransitTable = app.get(&path).as_(&owner).returns(200).await;
    assert_eq!(table.rows.len(), 3, "the refused file changed nothing");
    let exported =
        crate::harness::fixtures::download(&app, &owner, &format!("{path}/export")).await;
    assert_eq!(
        exported,
        "state,postal_from,postal_to,country,days\nSP,,,,3\n,01310000,01310999,,1\n,,,BR,9\n"
    );
    app.call(Method::PUT, &path)
        .as_(&owner)
        .json(&json!({ "rows": [{ "state": "SP", "country": "AR", "days": 1 }] }))
        .send()
        .await
        .problem(422, "request/validation");
});

db_test!(another_stores_carriers_are_404, |app| {
    let a = app.signup("Silvio").await;
    let b = app.signup("Tereza").await;
    let carrier = new_carrier(&app, &a, &correios()).await;
    let service = new_service(&app, &a, &carrier, "PAC").await;
    for path in [
        format!("/api/v1/logistics/carriers/{}", carrier.id),
        format!("/api/v1/logistics/services/{}/transit-times", service.id),
        format!(
            "/api/v1/logistics/transit-quote?service_id={}&state=SP",
            service.id
        ),
    ] {
        app.get(&path)
            .as_(&b)
            .send()
            .await
            .problem(404, "not-found");
    }
    let theirs: Page<CarrierOut> = app
        .get("/api/v1/logistics/carriers")
        .as_(&b)
        .returns(200)
        .await;
    assert!(theirs.items.is_empty());
});

db_test!(a_locations_handling_time_is_one_day_until_set, |app| {
    let owner = app.signup("Ubirajara").await;
    let location = app.create_location(&owner, "CD-H").await;
    let path = format!("/api/v1/logistics/locations/{location}/handling");
    let read: HandlingOut = app.get(&path).as_(&owner).returns(200).await;
    assert_eq!(read.handling_days, 1);
    let set: HandlingOut = app
        .call(Method::PUT, &path)
        .as_(&owner)
        .json(&json!({ "handling_days": 3 }))
        .returns(200)
        .await;
    assert_eq!(set.handling_days, 3);
    let read: HandlingOut = app.get(&path).as_(&owner).returns(200).await;
    assert_eq!(read.handling_days, 3);
    let bad = app
        .call(Method::PUT, &path)
        .as_(&owner)
        .json(&json!({ "handling_days": 61 }))
        .send()
        .await
        .problem(422, "request/validation");
    assert_eq!(bad.error_fields(), ["handling_days"]);
    let staff = app.add_member(&owner, "Vilma", "staff").await;
    app.call(Method::PUT, &path)
        .as_(&staff)
        .json(&json!({ "handling_days": 0 }))
        .send()
        .await
        .problem(403, "auth/forbidden");
    let other = app.signup("Wagner").await;
    app.get(&path)
        .as_(&other)
        .send()
        .await
        .problem(404, "not-found");
    let nowhere = format!(
        "/api/v1/logistics/locations/{}/handling",
        uuid::Uuid::now_v7()
    );
    app.get(&nowhere)
        .as_(&owner)
        .send()
        .await
        .problem(404, "not-found");
});
