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

db_test!(ready_reports_the_outbox_backlog, |app| {
    let ready = app.get("/health/ready").send().await.expect(200);
    assert_eq!(ready.body["outbox"]["failed"], 0);
    assert!(ready.body["outbox"]["pending"].is_u64(), "{}", ready.body);
    let shop = crate::orders::open_shop(&app, "Backlog").await;
    crate::mail::paid_in_two(&app, &shop, "Rita Lima", openapi::tenancy::Locale::PtBr).await;
    // Paid: the confirmation waits in the outbox until the worker takes it, then it is done.
    let mut drained = false;
    for _ in 0..100 {
        let ready = app.get("/health/ready").send().await.expect(200);
        if ready.body["outbox"]["pending"] == 0 {
            assert_eq!(
                ready.body["outbox"]["oldest_due_at"],
                serde_json::Value::Null
            );
            drained = true;
            break;
        }
        assert!(
            ready.body["outbox"]["oldest_due_at"].is_string(),
            "{}",
            ready.body
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(drained, "the outbox never drained");
});

/// The text of `GET /metrics`, which must answer 200.
async fn metrics_text(app: &crate::harness::TestApp, token: Option<&str>) -> (u16, String) {
    let mut request = app.http.get(format!("{}/metrics", app.address));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

db_test!(metrics_count_requests_by_route_and_the_emails_sent, |app| {
    let shop = crate::orders::open_shop(&app, "Metrics").await;
    crate::mail::paid_in_two(&app, &shop, "Rita Lima", openapi::tenancy::Locale::PtBr).await;
    let mut sent = false;
    for _ in 0..100 {
        let (status, text) = metrics_text(&app, None).await;
        assert_eq!(status, 200, "{text}");
        assert!(
            text.contains(r#"endpoint="/api/v1/orders/{id}/payments""#),
            "requests are counted by route pattern, not by path:\n{text}"
        );
        assert!(text.contains("retaguarda_http_requests_duration_seconds_bucket"));
        assert!(text.contains(r#"retaguarda_db_pool_connections{state="in_use"}"#));
        assert!(text.contains("retaguarda_outbox_pending"));
        if text.contains("retaguarda_emails_sent_total 0") {
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            continue;
        }
        sent = text.contains("retaguarda_emails_sent_total");
        break;
    }
    assert!(sent, "no email was counted as sent");
});

db_test!(
    metrics_need_the_token_when_one_is_set,
    configured(|config| {
        config.limits.metrics_token = Some("a-long-metrics-token".into());
    }),
    |app| {
        let (status, _) = metrics_text(&app, None).await;
        assert_eq!(status, 403);
        let (status, _) = metrics_text(&app, Some("a-wrong-metrics-token")).await;
        assert_eq!(status, 403);
        let (status, text) = metrics_text(&app, Some("a-long-metrics-token")).await;
        assert_eq!(status, 200);
        assert!(text.contains("retaguarda_outbox_failed 0"), "{text}");
    }
);
