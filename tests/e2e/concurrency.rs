//! Races decided by the database, not by luck.

use serde_json::json;

use crate::db_test;
use crate::harness::client::PASSWORD;

db_test!(
    concurrent_signups_with_one_email_create_exactly_one_store,
    |app| {
        let attempts = (0..6).map(|i| {
            app.post("/api/v1/signup")
                .json(&json!({
                    "store_name": format!("Loja {i}"), "owner_name": "Race",
                    "email": "race@example.com", "password": PASSWORD,
                }))
                .send()
        });
        let replies = futures_util::future::join_all(attempts).await;
        let statuses: Vec<u16> = replies.iter().map(|r| r.status).collect();
        assert_eq!(
            statuses.iter().filter(|s| **s == 201).count(),
            1,
            "{statuses:?}"
        );
        assert!(
            statuses.iter().all(|s| *s == 201 || *s == 409),
            "{statuses:?}"
        );
    }
);

db_test!(
    concurrent_refreshes_of_one_token_let_one_win_and_then_revoke_the_family,
    |app| {
        let owner = app.signup("Rui").await;
        let attempts = (0..5).map(|_| {
            app.post("/api/v1/auth/refresh")
                .json(&json!({ "refresh_token": owner.refresh_token }))
                .send()
        });
        let replies = futures_util::future::join_all(attempts).await;
        let winners: Vec<_> = replies.iter().filter(|r| r.status == 200).collect();
        assert_eq!(
            winners.len(),
            1,
            "{:?}",
            replies.iter().map(|r| r.status).collect::<Vec<_>>()
        );
        assert!(replies.iter().all(|r| r.status == 200 || r.status == 401));
        // The losers presented a spent token, so the winner's new token is revoked with its family.
        app.post("/api/v1/auth/refresh")
            .json(&json!({ "refresh_token": winners[0].body["refresh_token"] }))
            .send()
            .await
            .problem(401, "auth/invalid-refresh-token");
    }
);
