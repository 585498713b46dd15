//! The OpenAPI document: every route, its types and the security scheme. Committed as
//! `openapi/openapi.json`; `cargo xtask openapi` rewrites it and a test checks it is current.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::{audit, auth, catalog, health, inventory, mail, orders, tenancy};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Retaguarda API",
        description = "The back office of an online store. Authenticate with `Authorization: Bearer <access token>` (from `/auth/login`) or `Bearer rtg_…` (an API key). Errors are RFC 7807 problem documents. Lists take `limit` and `cursor` and answer `{items, next_cursor}`. POSTs that create something accept `Idempotency-Key`.",
    ),
    paths(
        tenancy::handlers::tenant::signup,
        tenancy::handlers::tenant::get_tenant,
        tenancy::handlers::tenant::update_tenant,
        tenancy::handlers::member::list_members,
        tenancy::handlers::member::change_member_role,
        tenancy::handlers::member::remove_member,
        tenancy::handlers::invitation::create_invitation,
        tenancy::handlers::invitation::list_invitations,
        tenancy::handlers::invitation::revoke_invitation,
        tenancy::handlers::invitation::accept_invitation,
        auth::handlers::session::login,
        auth::handlers::session::refresh,
        auth::handlers::session::logout,
        auth::handlers::session::me,
        auth::handlers::browser::login,
        auth::handlers::browser::refresh,
        auth::handlers::browser::logout,
        auth::handlers::browser::accept_invitation,
        auth::handlers::api_key::create_api_key,
        auth::handlers::api_key::list_api_keys,
        auth::handlers::api_key::revoke_api_key,
        audit::handlers::list_audit_events,
        catalog::handlers::product::create_product,
        catalog::handlers::product::list_products,
        catalog::handlers::product::get_product,
        catalog::handlers::product::update_product,
        catalog::handlers::variant::add_variant,
        catalog::handlers::variant::list_variants,
        catalog::handlers::variant::get_variant,
        catalog::handlers::variant::find_variant_by_barcode,
        catalog::handlers::variant::update_variant,
        catalog::handlers::variant::set_kit_components,
        catalog::handlers::import_export::import_catalog,
        catalog::handlers::import_export::export_catalog,
        inventory::handlers::import_export::import_stock,
        inventory::handlers::import_export::export_stock,
        catalog::handlers::supplier::create_supplier,
        catalog::handlers::supplier::list_suppliers,
        catalog::handlers::supplier::get_supplier,
        catalog::handlers::supplier::update_supplier,
        catalog::handlers::channel::create_channel,
        catalog::handlers::channel::list_channels,
        catalog::handlers::channel::update_channel,
        inventory::handlers::location::create_location,
        inventory::handlers::location::list_locations,
        inventory::handlers::location::update_location,
        inventory::handlers::stock::list_levels,
        inventory::handlers::stock::list_movements,
        inventory::handlers::stock::adjust_stock,
        inventory::handlers::stock::transfer_stock,
        inventory::handlers::reservation::create_reservation,
        inventory::handlers::reservation::get_reservation,
        inventory::handlers::reservation::release_reservation,
        inventory::handlers::reservation::commit_reservation,
        inventory::handlers::stock::count_stock,
        inventory::handlers::stock::move_unsellable,
        inventory::handlers::replenishment::set_reorder,
        inventory::handlers::replenishment::list_replenishment,
        inventory::handlers::replenishment::order_replenishment,
        inventory::handlers::availability::set_buffer,
        inventory::handlers::availability::list_availability,
        inventory::handlers::stock::get_valuation,
        inventory::handlers::purchase_order::create_purchase_order,
        inventory::handlers::purchase_order::list_purchase_orders,
        inventory::handlers::purchase_order::get_purchase_order,
        inventory::handlers::purchase_order::send_purchase_order,
        inventory::handlers::purchase_order::receive_purchase_order,
        inventory::handlers::purchase_order::cancel_purchase_order,
        catalog::handlers::supplier::link_supplier_variant,
        catalog::handlers::supplier::list_supplier_variants,
        orders::handlers::customer::create_customer,
        orders::handlers::customer::list_customers,
        orders::handlers::customer::get_customer,
        orders::handlers::customer::update_customer,
        orders::handlers::order::place_order,
        orders::handlers::order::list_orders,
        orders::handlers::order::order_summary,
        orders::handlers::order::get_order,
        orders::handlers::order::transition_order,
        orders::handlers::order::order_timeline,
        orders::handlers::payment::record_payment,
        orders::handlers::payment::list_payments,
        orders::handlers::payment::refund_order,
        orders::handlers::settings::get_settings,
        orders::handlers::settings::put_settings,
        mail::handlers::list_emails,
        mail::handlers::get_email,
        mail::handlers::resend_email,
        mail::handlers::list_templates,
        mail::handlers::put_template,
        mail::handlers::reset_template,
        mail::handlers::preview_template,
        health::live,
        health::ready,
    ),
    components(schemas(openapi::Problem, openapi::FieldError, openapi::catalog::ProductSort)),
    modifiers(&BearerScheme),
    tags(
        (name = "tenancy", description = "The store, its settings, members and invitations"),
        (name = "auth", description = "Login, tokens, the current caller, API keys"),
        (name = "audit", description = "Who changed what and when"),
        (name = "catalog", description = "Products, variants, suppliers and sales channels"),
        (name = "inventory", description = "Locations, stock levels, the ledger, reservations"),
        (name = "orders", description = "Customers, orders, verification, payments and refunds"),
        (name = "mail", description = "The email log and the store's email templates"),
        (name = "health", description = "Liveness and readiness"),
    )
)]
pub struct ApiDoc;

struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "A JWT access token, or an API key (`rtg_…`)".to_owned(),
                    ))
                    .build(),
            ),
        );
    }
}

/// The document as committed: pretty JSON with a final newline.
pub fn spec_json() -> String {
    let mut json = ApiDoc::openapi().to_pretty_json().unwrap_or_default();
    json.push('\n');
    json
}
