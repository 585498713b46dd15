//! Password guessing and floods, tried as an attacker would: in parallel, from one address and
//! from many (behind a proxy), and with a forged `X-Forwarded-For`.

use futures_util::future::join_all;

use crate::db_test;
use crate::harness::TestApp;
use crate::harness::client::{PASSWORD, Reply};
use crate::harness::fixtures::{login_in, signup_in};

/// The kind of problem a reply is (empty when it is none).
fn problem_type(reply: &Reply) -> String {
    serde_json::from_value::<openapi::Problem>(reply.body.clone())
        .map(|problem| problem.type_)
        .unwrap_or_default()
}

async fn login_from(app: &TestApp, address: Option<&str>, email: &str, password: &str) -> Reply {
    let mut request = app.post("/api/v1/auth/login");
    if let Some(address) = address {
        request = request.header("x-forwarded-for", address);
    }
    request.json(&login_in(email, password)).send().await
}

db_test!(
    parallel_guesses_reach_the_password_check_at_most_the_limit,
    configured(|config| {
        // Every guess gets past the per-address limit of this process, so the database's
        // count of attempts is what stops them.
        config.limits.public_per_minute = 1_000_000;
    }),
    |app| {
        let victim = app.signup("Paralela").await;
        let guesses = (0..200).map(|i| {
            let password = format!("guess number {i}");
            let email = victim.email.clone();
            let app = &app;
            async move { login_from(app, None, &email, &password).await }
        });
        let replies = join_all(guesses).await;
        // A 401 is a guess whose password was checked (or, in a 503, would have been had the
        // password queue, shared with other tests, had room); a 429 was refused before argon2.
        let checked = replies
            .iter()
            .filter(|r| r.status == 401 || problem_type(r) == "auth/busy")
            .count();
        let refused = replies.iter().filter(|r| r.status == 429).count();
        assert_eq!(
            checked + refused,
            200,
            "{:?}",
            replies.iter().map(|r| r.status).collect::<Vec<_>>()
        );
        assert!(
            (1..=10).contains(&checked),
            "{checked} guesses were checked"
        );
        let refusal = replies.iter().find(|r| r.status == 429).unwrap();
        assert_eq!(refusal.problem_doc().type_, "auth/too-many-attempts");
        assert!(refusal.header("retry-after").is_some());
        // The right password waits for the window too: the limit is no oracle.
        login_from(&app, None, &victim.email, PASSWORD)
            .await
            .problem(429, "auth/too-many-attempts");
    }
);

db_test!(
    a_flood_from_one_address_is_refused_while_another_address_signs_in,
    configured(|config| {
        config.limits.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
        // One request back every 30 s: the flood stays refused however slowly it is served.
        config.limits.public_per_minute = 2;
    }),
    |app| {
        let owner = app.signup("Enchente").await;
        let flood = (0..100).map(|_| {
            let app = &app;
            let email = owner.email.clone();
            async move { login_from(app, Some("203.0.113.7"), &email, "wrong password here").await }
        });
        let replies = join_all(flood).await;
        let limited: Vec<_> = replies
            .iter()
            .filter(|r| problem_type(r) == "request/rate-limited")
            .collect();
        assert!(limited.len() >= 30, "{} limited", limited.len());
        assert_eq!(limited[0].status, 429);
        assert!(limited[0].header("retry-after").is_some());
        // The proxy's other clients are not held up.
        login_from(&app, Some("198.51.100.9"), &owner.email, PASSWORD)
            .await
            .expect(200);
        app.post("/api/v1/signup")
            .header("x-forwarded-for", "203.0.113.7")
            .json(&signup_in(
                "Outra",
                "Ana",
                "ana@outra.example.com",
                PASSWORD,
            ))
            .send()
            .await
            .problem(429, "request/rate-limited");
    }
);

db_test!(
    a_forged_forwarded_for_changes_nothing_without_a_trusted_proxy,
    |app| {
        let owner = app.signup("Forjada").await;
        let flood = (0..100).map(|i| {
            let app = &app;
            let email = owner.email.clone();
            async move {
                let forged = format!("198.51.100.{i}");
                login_from(app, Some(&forged), &email, "wrong password here").await
            }
        });
        let replies = join_all(flood).await;
        let limited = replies
            .iter()
            .filter(|r| problem_type(r) == "request/rate-limited")
            .count();
        assert!(limited >= 30, "{limited} limited");
    }
);

db_test!(
    guesses_at_many_accounts_from_one_address_are_counted_per_address,
    configured(|config| {
        config.limits.public_per_minute = 1_000_000;
    }),
    |app| {
        // Random addresses, one guess each: only the address's counter can stop them.
        let guesses = (0..40).map(|i| {
            let app = &app;
            async move {
                let email = format!("nobody{i}@example.com");
                login_from(app, None, &email, "some guess here").await
            }
        });
        let replies = join_all(guesses).await;
        // Past the counter, a guess is checked (401) or finds the password queue full (503).
        let passed = replies
            .iter()
            .filter(|r| r.status == 401 || problem_type(r) == "auth/busy")
            .count();
        let refused = replies
            .iter()
            .filter(|r| problem_type(r) == "auth/too-many-attempts")
            .count();
        assert_eq!((passed, refused), (30, 10));
    }
);

db_test!(sign_up_refuses_a_password_that_is_easy_to_guess, |app| {
    for weak in ["1234567890", "password123", "ana@fraca.example.com"] {
        let refused = app
            .post("/api/v1/signup")
            .json(&signup_in(
                "Loja Fraca",
                "Ana",
                "ana@fraca.example.com",
                weak,
            ))
            .send()
            .await
            .problem(422, "auth/weak-password");
        assert_eq!(refused.error_fields(), ["password"], "{weak}");
    }
});
