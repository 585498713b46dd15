//! Every operation whose path names something of a store, walked from the OpenAPI document:
//! another store's owner and its API key of every scope get 404, exactly as for an id that
//! does not exist; a member or API key of the store lacking the route's permission gets 403;
//! and what the store's owner reads of it, and the store's audit log, are unchanged.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::fixtures::Fixture;
use super::spec::{self, Operation};
use crate::db_test;
use crate::harness::TestApp;
use crate::harness::client::{Reply, Session};
use crate::orders::{Shop, open_shop};

/// Operations with a path parameter the test cannot cover, each with why. Keep it short: a
/// route listed here is a route whose isolation nothing checks.
const NOT_COVERED: &[(&str, &str)] = &[];

/// Path parameters that name something every store has its own of, not a row of one store:
/// another store's call acts on its own and must leave A's as it was.
const OWN_IN_EVERY_STORE: &[(&str, &str)] = &[
    (
        "kind",
        "an email kind: each store has a template of every kind and language",
    ),
    ("locale", "a language, with `kind`"),
    (
        "key",
        "a rule template's key: every store may make its own rule from each",
    ),
];

db_test!(
    every_route_with_an_id_answers_another_store_404_and_a_member_lacking_its_permission_403,
    |app| {
        let spec = spec::document();
        let operations = spec::operations_with_path_params(&spec);
        let shop = open_shop(&app, "Alfa").await;
        let callers = Callers::new(&app, &shop).await;
        let mut covered = 0;
        let mut failures = Vec::new();
        for operation in &operations {
            if NOT_COVERED.iter().any(|(id, _)| *id == operation.id) {
                continue;
            }
            match check(&app, &spec, &shop, &callers, operation).await {
                Ok(()) => covered += 1,
                Err(failure) => failures.push(format!("{}: {failure}", operation.label())),
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {} operations failed:\n{}",
            failures.len(),
            operations.len(),
            failures.join("\n\n")
        );
        let stale: Vec<_> = NOT_COVERED
            .iter()
            .filter(|(id, _)| !operations.iter().any(|o| o.id == *id))
            .collect();
        assert!(
            stale.is_empty(),
            "NOT_COVERED names no such operation: {stale:?}"
        );
        // Nothing with a path parameter passes unchecked: covered or listed, every one.
        assert_eq!(covered + NOT_COVERED.len(), operations.len());
        // And the walk found them: 38 when this was written (lower it only when routes go).
        assert!(covered >= 38, "only {covered} operations covered");
    }
);

/// What a call must answer.
#[derive(Debug, Clone, Copy)]
enum Expected {
    /// 404 `not-found`: what an id that does not exist answers.
    NotFound,
    /// 403 `auth/forbidden`.
    Forbidden,
    /// Any 2xx: the caller's store has one of its own.
    Own,
}

impl Expected {
    fn check(self, reply: &Reply) -> Result<(), String> {
        let problem = reply.header("content-type") == Some("application/problem+json");
        let met = match self {
            Expected::NotFound => {
                reply.status == 404 && problem && reply.body["type"] == "not-found"
            }
            Expected::Forbidden => {
                reply.status == 403 && problem && reply.body["type"] == "auth/forbidden"
            }
            Expected::Own => (200..300).contains(&reply.status),
        };
        if met {
            Ok(())
        } else {
            Err(format!(
                "expected {self:?}, answered {} {}",
                reply.status, reply.body
            ))
        }
    }
}

/// Everyone who calls A's resources besides A's owner.
struct Callers {
    b_owner: Session,
    /// A key of B holding every scope a key may hold.
    b_key: String,
    grantable: Vec<String>,
    /// A's members of every role but owner: role, session, permissions.
    a_members: Vec<(String, Session, Vec<String>)>,
    /// Per permission of A's owner, a key of A holding every grantable scope but that one.
    a_keys_without: BTreeMap<String, String>,
}

impl Callers {
    async fn new(app: &TestApp, shop: &Shop) -> Callers {
        let a_owner = &shop.owner;
        let b_owner = app.signup("Beta").await;
        let every = permissions(app, &a_owner.token).await;
        // Which permissions a key may hold, as the server answers (the rest are 422).
        let mut grantable = Vec::new();
        for scope in &every {
            let reply = create_key(app, &b_owner, std::slice::from_ref(scope)).await;
            match reply.status {
                201 => grantable.push(scope.clone()),
                422 => {}
                _ => panic!("creating a key of {scope}: {} {}", reply.status, reply.body),
            }
        }
        let b_key = secret(&create_key(app, &b_owner, &grantable).await.expect(201));
        let mut a_members = Vec::new();
        for role in ["viewer", "staff", "manager", "admin"] {
            let member = app.add_member(a_owner, &format!("Alfa {role}"), role).await;
            let held = permissions(app, &member.token).await;
            a_members.push((role.to_owned(), member, held));
        }
        let mut a_keys_without = BTreeMap::new();
        for permission in &every {
            let scopes: Vec<String> = grantable
                .iter()
                .filter(|s| *s != permission)
                .cloned()
                .collect();
            let key = secret(&create_key(app, a_owner, &scopes).await.expect(201));
            a_keys_without.insert(permission.clone(), key);
        }
        Callers {
            b_owner,
            b_key,
            grantable,
            a_members,
            a_keys_without,
        }
    }

    /// Who calls `operation`, and what each must get.
    fn of(
        &self,
        operation: &Operation,
        own: bool,
    ) -> Result<Vec<(String, &str, Expected)>, String> {
        let outside = if own {
            Expected::Own
        } else {
            Expected::NotFound
        };
        let mut calls = vec![("B's owner".to_owned(), self.b_owner.token.as_str(), outside)];
        let b_key_holds = operation
            .permission
            .as_ref()
            .is_none_or(|p| self.grantable.contains(p));
        // A permission no key may hold is refused to every key, whose store does not matter.
        let b_key_gets = if b_key_holds {
            outside
        } else {
            Expected::Forbidden
        };
        calls.push((
            "B's key of every scope".to_owned(),
            self.b_key.as_str(),
            b_key_gets,
        ));
        if let Some(permission) = &operation.permission {
            for (role, member, held) in &self.a_members {
                if !held.contains(permission) {
                    calls.push((
                        format!("A's {role}"),
                        member.token.as_str(),
                        Expected::Forbidden,
                    ));
                }
            }
            let key = self
                .a_keys_without
                .get(permission)
                .ok_or_else(|| format!("`{permission}` is not among A's owner's permissions"))?;
            calls.push((
                format!("A's key without {permission}"),
                key.as_str(),
                Expected::Forbidden,
            ));
        }
        Ok(calls)
    }
}

/// Makes the operation's resource in A, calls it as each caller, and checks A is unchanged.
async fn check(
    app: &TestApp,
    spec: &Value,
    shop: &Shop,
    callers: &Callers,
    operation: &Operation,
) -> Result<(), String> {
    let fixture = Fixture::of(&operation.path).ok_or(
        "no fixture makes its resource: add one to isolation::fixtures, or list it in NOT_COVERED",
    )?;
    let target = fixture.create(app, shop, operation).await;
    let path = spec::fill(&operation.path, &target.params)?;
    let body = match (
        operation.takes_body,
        target.body.or(operation.example.clone()),
    ) {
        (false, _) => None,
        (true, Some(body)) => Some(body),
        (true, None) => return Err("takes a body, but has no request example".into()),
    };
    let reading = spec::reading_of(spec, operation).ok_or("no GET reads what it changes")?;
    let reading = spec::fill(&reading, &target.params)?;
    let own = operation
        .params
        .iter()
        .all(|p| OWN_IN_EVERY_STORE.iter().any(|(name, _)| name == p));
    let calls = callers.of(operation, own)?;
    // Using a key stamps its `last_used_at`, at most once a minute: each caller is used just
    // before the first reading, so the calls between the two readings stamp nothing.
    for (_, token, _) in &calls {
        permissions(app, token).await;
    }
    let before = snapshot(app, &shop.owner, &reading).await;
    for (who, token, expected) in calls {
        let reply = send(app, operation, &path, body.as_ref(), token).await;
        expected
            .check(&reply)
            .map_err(|e| format!("{path} as {who}: {e}"))?;
    }
    let after = snapshot(app, &shop.owner, &reading).await;
    if before != after {
        return Err(format!("A changed. Before:\n{before}After:\n{after}"));
    }
    // The same call by A's owner reaches the resource (a 409 is a state it is in): the 404s
    // above came from the store, not from the path or the body.
    let control = send(app, operation, &path, body.as_ref(), &shop.owner.token).await;
    if !(200..300).contains(&control.status) && control.status != 409 {
        return Err(format!(
            "{path} as A's owner: {} {}",
            control.status, control.body
        ));
    }
    Ok(())
}

pub(super) async fn send(
    app: &TestApp,
    operation: &Operation,
    path: &str,
    body: Option<&Value>,
    token: &str,
) -> Reply {
    let mut call = app.call(operation.method.clone(), path).token(token);
    if operation.needs_idempotency_key {
        call = call.header("Idempotency-Key", &uuid::Uuid::now_v7().to_string());
    }
    match body {
        Some(Value::String(file)) if operation.csv => {
            call = call.raw_body("text/csv", file.clone());
        }
        Some(body) => call = call.json(body),
        None => {}
    }
    call.send().await
}

/// What A's owner reads at `reading` (status, ETag, body) and the newest of A's audit entries.
async fn snapshot(app: &TestApp, owner: &Session, reading: &str) -> String {
    let mut seen = String::new();
    for path in [reading, "/api/v1/audit-events?limit=20"] {
        let reply = app.get(path).as_(owner).send().await;
        let etag = reply.header("etag").unwrap_or("none");
        seen.push_str(&format!(
            "GET {path}: {} ETag {etag}\n{}\n",
            reply.status, reply.body
        ));
    }
    seen
}

/// The permissions of whoever holds `token`, as `/me` lists them.
async fn permissions(app: &TestApp, token: &str) -> Vec<String> {
    let me = app.get("/api/v1/me").token(token).send().await.expect(200);
    serde_json::from_value(me.body["permissions"].clone()).expect("permissions")
}

async fn create_key(app: &TestApp, who: &Session, scopes: &[String]) -> Reply {
    app.post("/api/v1/api-keys")
        .as_(who)
        .json(&json!({ "name": format!("{} scopes", scopes.len()), "scopes": scopes }))
        .send()
        .await
}

fn secret(key: &Reply) -> String {
    key.body["secret"]
        .as_str()
        .expect("the key's secret")
        .to_owned()
}
