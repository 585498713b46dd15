//! The types auth's routes take and answer, for the document tests (`crate::module::wire`).

use openapi::{auth, tenancy};

use crate::module::wire::WireTypes;

pub fn types(types: &mut WireTypes) {
    types
        .body::<auth::ApiKeyIn>()
        .body::<auth::LoginIn>()
        .body::<auth::RefreshIn>()
        .body::<tenancy::InvitationAcceptIn>()
        .answer::<auth::TokensOut>()
        .answer::<auth::MeOut>()
        .answer::<auth::ApiKeyOut>()
        .answer::<auth::ApiKeyCreatedOut>()
        .answer::<auth::BrowserTokensOut>()
        .query::<tenancy::PageQuery>();
}
