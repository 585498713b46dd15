//! The catalog: products and variants, suppliers, sales channels.

pub mod error;
pub mod handlers;
pub mod service;
#[cfg(test)]
mod wire;

use utoipa::OpenApi;

use crate::access::permission::{Grant, Permission};
use crate::error::ApiError;
use crate::module::{Link, Module};
use crate::routes::{Access, Routes};

pub const MODULE: Module = Module {
    conflict,
    links: LINKS,
    permissions: PERMISSIONS,
    #[cfg(test)]
    wire_types: wire::types,
    ..Module::new("catalog", routes, <Doc as OpenApi>::openapi)
};

/// Its rows of the permission table: each permission, whether an API key may hold it, and
/// the roles that have it.
const PERMISSIONS: &[Grant] = {
    use Permission::*;
    use openapi::tenancy::Role::*;
    &[
        (CatalogRead, true, &[Owner, Admin, Manager, Staff, Viewer]),
        (CatalogWrite, true, &[Owner, Admin, Manager]),
        (ChannelsManage, true, &[Owner, Admin]),
    ]
};

/// A created product, variant, supplier or channel's id, to the routes that read, change or
/// extend it.
const LINKS: &[Link] = &[
    Link::new(
        "catalog.product.create",
        &[
            "catalog.product.get",
            "catalog.product.update",
            "catalog.variant.create",
        ],
    ),
    Link::new(
        "catalog.product.create",
        &[
            "catalog.variant.get",
            "catalog.variant.update",
            "catalog.variant.set_components",
        ],
    )
    .at("/variants/0/id"),
    Link::new(
        "catalog.variant.create",
        &[
            "catalog.variant.get",
            "catalog.variant.update",
            "catalog.variant.set_components",
        ],
    ),
    Link::new("catalog.variant.create", &["catalog.supplier.link_variant"])
        .as_parameter("variant_id"),
    Link::new(
        "catalog.supplier.create",
        &[
            "catalog.supplier.get",
            "catalog.supplier.update",
            "catalog.supplier.list_variants",
            "catalog.supplier.link_variant",
        ],
    ),
    Link::new("catalog.channel.create", &["catalog.channel.update"]),
];

fn routes(routes: &mut Routes) {
    use Access::Needs;
    use Permission::*;
    use handlers::{channel, import_export, product, supplier, variant};
    routes
        .post(
            "/catalog/import",
            Needs(CatalogWrite),
            import_export::import_catalog,
        )
        .get(
            "/catalog/export",
            Needs(CatalogRead),
            import_export::export_catalog,
        )
        .post(
            "/catalog/products",
            Needs(CatalogWrite),
            product::create_product,
        )
        .get(
            "/catalog/products",
            Needs(CatalogRead),
            product::list_products,
        )
        .get(
            "/catalog/products/{id}",
            Needs(CatalogRead),
            product::get_product,
        )
        .patch(
            "/catalog/products/{id}",
            Needs(CatalogWrite),
            product::update_product,
        )
        .post(
            "/catalog/products/{id}/variants",
            Needs(CatalogWrite),
            variant::add_variant,
        )
        .get(
            "/catalog/variants",
            Needs(CatalogRead),
            variant::list_variants,
        )
        .get(
            "/catalog/variants/by-barcode/{code}",
            Needs(CatalogRead),
            variant::find_variant_by_barcode,
        )
        .put(
            "/catalog/variants/{id}/components",
            Needs(CatalogWrite),
            variant::set_kit_components,
        )
        .get(
            "/catalog/variants/{id}",
            Needs(CatalogRead),
            variant::get_variant,
        )
        .patch(
            "/catalog/variants/{id}",
            Needs(CatalogWrite),
            variant::update_variant,
        )
        .post(
            "/catalog/suppliers",
            Needs(CatalogWrite),
            supplier::create_supplier,
        )
        .get(
            "/catalog/suppliers",
            Needs(CatalogRead),
            supplier::list_suppliers,
        )
        .get(
            "/catalog/suppliers/{id}",
            Needs(CatalogRead),
            supplier::get_supplier,
        )
        .patch(
            "/catalog/suppliers/{id}",
            Needs(CatalogWrite),
            supplier::update_supplier,
        )
        .get(
            "/catalog/suppliers/{id}/variants",
            Needs(CatalogRead),
            supplier::list_supplier_variants,
        )
        .put(
            "/catalog/suppliers/{id}/variants/{variant_id}",
            Needs(CatalogWrite),
            supplier::link_supplier_variant,
        )
        .post(
            "/catalog/channels",
            Needs(ChannelsManage),
            channel::create_channel,
        )
        .get(
            "/catalog/channels",
            Needs(CatalogRead),
            channel::list_channels,
        )
        .patch(
            "/catalog/channels/{id}",
            Needs(ChannelsManage),
            channel::update_channel,
        );
}

#[derive(OpenApi)]
#[openapi(paths(
    handlers::product::create_product,
    handlers::product::list_products,
    handlers::product::get_product,
    handlers::product::update_product,
    handlers::variant::add_variant,
    handlers::variant::list_variants,
    handlers::variant::get_variant,
    handlers::variant::find_variant_by_barcode,
    handlers::variant::update_variant,
    handlers::variant::set_kit_components,
    handlers::import_export::import_catalog,
    handlers::import_export::export_catalog,
    handlers::supplier::create_supplier,
    handlers::supplier::list_suppliers,
    handlers::supplier::get_supplier,
    handlers::supplier::update_supplier,
    handlers::channel::create_channel,
    handlers::channel::list_channels,
    handlers::channel::update_channel,
    handlers::supplier::link_supplier_variant,
    handlers::supplier::list_supplier_variants,
),
    tags((name = "catalog", description = "Products, variants, suppliers and sales channels"))
)]
struct Doc;

/// The conflict each operation most often meets, for the document's examples.
fn conflict(operation_id: &str) -> Option<ApiError> {
    use error::{CatalogError, KitRule};
    Some(match operation_id {
        "catalog.product.create" | "catalog.variant.create" | "catalog.variant.update" => {
            CatalogError::SkuTaken {
                sku: "CAM-P".into(),
            }
            .into()
        }
        "catalog.variant.set_components" => CatalogError::KitRule {
            reason: KitRule::NestedKit,
        }
        .into(),
        _ => return None,
    })
}
