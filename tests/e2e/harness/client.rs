//! A small JSON client: every call returns a `Reply` whose status the test asserts, and helpers
//! that sign up a store and log in.

use openapi::auth::{MeOut, SignupOut, TokensOut};
use openapi::tenancy::{InvitationAcceptIn, InvitationIn, Role};
use reqwest::Method;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use uuid::Uuid;

use super::TestApp;
use super::fixtures::{login_in, signup_in};

pub const PASSWORD: &str = "correct horse battery";

/// A response: status, headers and the body parsed as JSON (Null when empty or not JSON).
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Reply {
    /// Panics with the body when the status is not `expected`.
    #[track_caller]
    pub fn expect(self, expected: u16) -> Reply {
        assert_eq!(
            self.status, expected,
            "expected {expected}, got {}: {:#}",
            self.status, self.body
        );
        self
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    #[track_caller]
    pub fn parse<T: DeserializeOwned>(&self) -> T {
        serde_json::from_value(self.body.clone())
            .unwrap_or_else(|e| panic!("unexpected body ({e}): {:#}", self.body))
    }

    /// Asserts an RFC 7807 problem of this status and type.
    #[track_caller]
    pub fn problem(self, status: u16, type_: &str) -> Reply {
        let reply = self.expect(status);
        assert_eq!(
            reply.header("content-type"),
            Some("application/problem+json"),
            "{:#}",
            reply.body
        );
        let problem = reply.problem_doc();
        assert_eq!(problem.type_, type_, "{:#}", reply.body);
        assert_eq!(problem.status, status, "{:#}", reply.body);
        reply
    }

    /// The problem document of an error reply.
    #[track_caller]
    pub fn problem_doc(&self) -> openapi::Problem {
        self.parse()
    }

    /// The fields named by a validation problem.
    #[track_caller]
    pub fn error_fields(&self) -> Vec<String> {
        self.problem_doc()
            .errors
            .into_iter()
            .map(|error| error.field)
            .collect()
    }
}

/// A logged-in member: their tokens and who they are.
#[derive(Debug, Clone)]
pub struct Session {
    pub token: String,
    pub refresh_token: String,
    pub tenant_id: Uuid,
    pub user_id: Uuid,
    pub email: String,
}

impl Session {
    /// A session from a login's tokens.
    pub fn from_tokens(tokens: &Value, email: &str) -> Session {
        Session {
            token: tokens["access_token"].as_str().unwrap_or_default().into(),
            refresh_token: tokens["refresh_token"].as_str().unwrap_or_default().into(),
            tenant_id: tokens["tenant_id"]
                .as_str()
                .and_then(|id| id.parse().ok())
                .unwrap_or_default(),
            user_id: Uuid::nil(),
            email: email.to_owned(),
        }
    }
}

pub struct Call<'a> {
    app: &'a TestApp,
    request: reqwest::RequestBuilder,
}

impl Call<'_> {
    pub fn token(mut self, token: &str) -> Self {
        self.request = self.request.bearer_auth(token);
        self
    }

    pub fn as_(self, session: &Session) -> Self {
        let token = session.token.clone();
        self.token(&token)
    }

    /// The body: an `openapi` request type, or a `json!` value for what the types cannot say.
    pub fn json<T: Serialize + ?Sized>(mut self, body: &T) -> Self {
        self.request = self.request.json(body);
        self
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.request = self.request.header(name, value);
        self
    }

    pub fn raw_body(mut self, content_type: &str, body: impl Into<reqwest::Body>) -> Self {
        self.request = self.request.header("content-type", content_type).body(body);
        self
    }

    pub async fn send(self) -> Reply {
        let _ = self.app;
        let response = self.request.send().await.expect("request failed");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.expect("body");
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            body,
        }
    }

    /// Sends, asserts the status and reads the body as `T`.
    #[track_caller]
    pub fn returns<T: DeserializeOwned>(self, status: u16) -> impl Future<Output = T> {
        let caller = std::panic::Location::caller();
        async move {
            let reply = self.send().await;
            assert_eq!(
                reply.status, status,
                "{caller}: expected {status}, got {}: {:#}",
                reply.status, reply.body
            );
            serde_json::from_value(reply.body.clone())
                .unwrap_or_else(|e| panic!("{caller}: unexpected body ({e}): {:#}", reply.body))
        }
    }
}

impl TestApp {
    pub fn call(&self, method: Method, path: &str) -> Call<'_> {
        Call {
            app: self,
            request: self.http.request(method, format!("{}{path}", self.address)),
        }
    }

    pub fn get(&self, path: &str) -> Call<'_> {
        self.call(Method::GET, path)
    }

    pub fn post(&self, path: &str) -> Call<'_> {
        self.call(Method::POST, path)
    }

    pub fn patch(&self, path: &str) -> Call<'_> {
        self.call(Method::PATCH, path)
    }

    pub fn delete(&self, path: &str) -> Call<'_> {
        self.call(Method::DELETE, path)
    }

    /// Signs up a new store whose owner's email is made from `name`; returns the owner's session.
    pub async fn signup(&self, name: &str) -> Session {
        let email = format!(
            "{}@{}.example",
            name.to_lowercase().replace(' ', "."),
            Uuid::new_v4().simple()
        );
        let signup = signup_in(&format!("Loja {name}"), name, &email, PASSWORD);
        let out: SignupOut = self.post("/api/v1/signup").json(&signup).returns(201).await;
        Session {
            token: out.tokens.access_token,
            refresh_token: out.tokens.refresh_token,
            tenant_id: out.tenant.id,
            user_id: out.user.id,
            email,
        }
    }

    pub async fn login(&self, email: &str, password: &str) -> Reply {
        self.post("/api/v1/auth/login")
            .json(&login_in(email, password))
            .send()
            .await
    }

    /// Invites `email` into `owner`'s store with `role` and accepts as a new user.
    pub async fn add_member(&self, owner: &Session, name: &str, role: &str) -> Session {
        let email = format!(
            "{}@{}.example",
            name.to_lowercase().replace(' ', "."),
            Uuid::new_v4().simple()
        );
        let role = Role::parse(role).unwrap_or_else(|| panic!("no role {role}"));
        let invitation = self
            .post("/api/v1/invitations")
            .as_(owner)
            .json(&InvitationIn {
                email: email.clone(),
                role,
            })
            .send()
            .await
            .expect(201);
        assert!(
            invitation.body.get("token").is_none(),
            "{:#}",
            invitation.body
        );
        let token = self.invitation_token(&email).await;
        let acceptance = InvitationAcceptIn {
            token,
            name: Some(name.into()),
            password: Some(PASSWORD.into()),
        };
        let tokens: TokensOut = self
            .post("/api/v1/invitations/accept")
            .json(&acceptance)
            .returns(200)
            .await;
        let me: MeOut = self
            .get("/api/v1/me")
            .token(&tokens.access_token)
            .returns(200)
            .await;
        Session {
            token: tokens.access_token,
            refresh_token: tokens.refresh_token,
            tenant_id: owner.tenant_id,
            user_id: me.user.map(|u| u.id).unwrap_or_default(),
            email,
        }
    }

    /// [`TestApp::new_location`]'s id as text, for the tests that build requests from the spec.
    pub async fn create_location(&self, who: &Session, code: &str) -> String {
        self.new_location(who, code).await.id.to_string()
    }

    /// [`TestApp::new_supplier`]'s id as text.
    pub async fn create_supplier(&self, who: &Session, name: &str, lead_time_days: i32) -> String {
        let supplier = super::fixtures::supplier_in(name, lead_time_days);
        self.new_supplier(who, &supplier).await.id.to_string()
    }
}
