//! Races decided by the database, not by luck.

use std::future::Future;

use openapi::Page;
use openapi::auth::{RefreshIn, TokensOut};
use openapi::tenancy::{MemberOut, MemberPatch, Role};
use uuid::Uuid;

use crate::db_test;
use crate::harness::TestApp;
use crate::harness::client::{PASSWORD, Reply};
use crate::harness::fixtures::signup_in;

db_test!(
    concurrent_signups_with_one_email_create_exactly_one_store,
    |app| {
        let attempts = (0..6).map(|i| {
            app.post("/api/v1/signup")
                .json(&signup_in(
                    &format!("Loja {i}"),
                    "Race",
                    "race@example.com",
                    PASSWORD,
                ))
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
        let refresh = |refresh_token: String| {
            app.post("/api/v1/auth/refresh")
                .json(&RefreshIn { refresh_token })
                .send()
        };
        let attempts = (0..5).map(|_| refresh(owner.refresh_token.clone()));
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
        refresh(winners[0].parse::<TokensOut>().refresh_token)
            .await
            .problem(401, "auth/invalid-refresh-token");
    }
);

db_test!(
    two_owners_demoting_each_other_at_once_leave_one_owner,
    |app| {
        let last_owner_refusals = owners_race(&app, |token, member| {
            app.patch(&format!("/api/v1/members/{member}"))
                .token(&token)
                .json(&MemberPatch { role: Role::Admin })
                .send()
        })
        .await;
        assert!(last_owner_refusals > 0, "the requests never overlapped");
    }
);

db_test!(
    two_owners_removing_each_other_at_once_leave_one_owner,
    |app| {
        let last_owner_refusals = owners_race(&app, |token, member| {
            app.delete(&format!("/api/v1/members/{member}"))
                .token(&token)
                .send()
        })
        .await;
        assert!(last_owner_refusals > 0, "the requests never overlapped");
    }
);

/// Twenty rounds of a new store with two owners, each doing `act` (with their token) to the
/// other's membership at the same moment: one wins, the other is refused, and the store keeps
/// an owner. How many refusals were `tenancy/last-owner` (the others came after the winner's
/// commit had taken the loser's owner role or membership, and were refused for that).
async fn owners_race<F, Fut>(app: &TestApp, act: F) -> usize
where
    F: Fn(String, Uuid) -> Fut,
    Fut: Future<Output = Reply>,
{
    let mut last_owner_refusals = 0;
    for round in 0..20 {
        let first = app.signup(&format!("Dona {round}")).await;
        let second = app
            .add_member(&first, &format!("Socia {round}"), "owner")
            .await;
        let members: Page<MemberOut> = app.get("/api/v1/members").as_(&first).returns(200).await;
        let id_of = |email: &str| {
            members
                .items
                .iter()
                .find(|m| m.email == email)
                .map(|m| m.id)
                .unwrap_or_else(|| panic!("{email} is not a member"))
        };
        let (first_id, second_id) = (id_of(&first.email), id_of(&second.email));
        let (a, b) = tokio::join!(
            act(first.token.clone(), second_id),
            act(second.token.clone(), first_id)
        );
        let statuses = [a.status, b.status];
        let won = statuses.iter().filter(|s| matches!(s, 200 | 204)).count();
        assert_eq!(won, 1, "round {round}: {:#} {:#}", a.body, b.body);
        for reply in [&a, &b] {
            let refusal = match reply.status {
                200 | 204 => String::new(),
                _ => reply.problem_doc().type_,
            };
            let refusal = refusal.as_str();
            assert!(
                matches!(
                    (reply.status, refusal),
                    (200 | 204, _)
                        | (409, "tenancy/last-owner")
                        | (403, "tenancy/owner-only")
                        | (401, "auth/invalid-token")
                ),
                "round {round}: {:#}",
                reply.body
            );
            last_owner_refusals += usize::from(refusal == "tenancy/last-owner");
        }
        assert_eq!(owners(app, first.tenant_id).await, 1, "round {round}");
    }
    last_owner_refusals
}

/// How many owners the store has, read below the API.
async fn owners(app: &TestApp, tenant_id: uuid::Uuid) -> u64 {
    use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter};
    entity::member::Entity::find_in(entity::TenantId::from(tenant_id))
        .filter(entity::member::Column::Role.eq("owner"))
        .count(app.db())
        .await
        .unwrap()
}
