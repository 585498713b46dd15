//! The support desk: emails in and answers out through a real SMTP server, tickets opened and
//! worked by agents.

mod canned;
mod inbound;
mod tickets;

use openapi::auth::{ApiKeyCreatedOut, ApiKeyIn, Permission};
use openapi::orders::{CustomerIn, OrderCustomerIn, OrderOut};
use openapi::support::{InboundOut, SupportSettingsIn, SupportSettingsOut};
use openapi::tenancy::Locale;

use crate::harness::TestApp;
use crate::harness::client::Session;
use crate::harness::fixtures::{customer_in, line};
use crate::harness::shop::Shop;

/// The store's support address.
pub const ADDRESS: &str = "soporte@tienda.example";

pub async fn set_address(app: &TestApp, owner: &Session) {
    let settings = SupportSettingsIn {
        address: Some(ADDRESS.into()),
    };
    app.call(reqwest::Method::PUT, "/api/v1/support/settings")
        .as_(owner)
        .json(&settings)
        .returns::<SupportSettingsOut>(200)
        .await;
}

/// The key an inbound-mail service holds: only `support:inbound`.
pub async fn inbound_key(app: &TestApp, owner: &Session) -> String {
    let key = ApiKeyIn {
        name: "Inbound mail".into(),
        scopes: vec![Permission::SupportInbound],
    };
    let created: ApiKeyCreatedOut = app
        .post("/api/v1/api-keys")
        .as_(owner)
        .json(&key)
        .returns(201)
        .await;
    created.secret
}

/// Hands the raw email in as the inbound-mail service would.
pub async fn hand_in(app: &TestApp, key: &str, raw: &str) -> InboundOut {
    app.post("/api/v1/support/inbound-email")
        .token(key)
        .raw_body("message/rfc822", raw.to_owned())
        .returns(200)
        .await
}

/// An order of a customer with this email, in Spanish.
pub async fn order_of(app: &TestApp, shop: &Shop, name: &str, email: &str) -> OrderOut {
    let variant = shop
        .variant(app, &format!("SKU-{}", name.len()), "59.90", 5)
        .await;
    let customer = OrderCustomerIn {
        id: None,
        new: Some(CustomerIn {
            email: Some(email.into()),
            ..customer_in(name, Locale::Es)
        }),
    };
    let body = shop.order_in(customer, vec![line(variant, 1)]);
    shop.place_ok(app, &format!("order-{email}"), &body).await
}
