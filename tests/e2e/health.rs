use crate::db_test;

db_test!(health_answers_live_and_ready, |app| {
    let live = app.get("/health/live").send().await.expect(200);
    assert_eq!(live.body["status"], "ok");
    let ready = app.get("/health/ready").send().await.expect(200);
    assert_eq!(ready.body["database"], "ok");
});

db_test!(the_docs_page_and_the_spec_are_served, |app| {
    app.get("/docs").send().await.expect(308);
    let page = app
        .http
        .get(format!("{}/docs/", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("swagger"));
    let spec = app.get("/api/v1/openapi.json").send().await.expect(200);
    assert!(spec.body["openapi"].as_str().unwrap().starts_with("3."));
});
