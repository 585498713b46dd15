//! The catalog: products and variants, suppliers, sales channels.

pub mod error;
pub mod handlers;
pub mod service;

use actix_web::web;

pub fn routes(cfg: &mut web::ServiceConfig) {
    use handlers::{channel, import_export, product, supplier, variant};
    cfg.service(web::resource("/catalog/import").post(import_export::import_catalog))
        .service(web::resource("/catalog/export").get(import_export::export_catalog))
        .service(
            web::resource("/catalog/products")
                .post(product::create_product)
                .get(product::list_products),
        )
        .service(
            web::resource("/catalog/products/{id}")
                .get(product::get_product)
                .patch(product::update_product),
        )
        .service(web::resource("/catalog/products/{id}/variants").post(variant::add_variant))
        .service(web::resource("/catalog/variants").get(variant::list_variants))
        .service(
            web::resource("/catalog/variants/by-barcode/{code}")
                .get(variant::find_variant_by_barcode),
        )
        .service(
            web::resource("/catalog/variants/{id}/components").put(variant::set_kit_components),
        )
        .service(
            web::resource("/catalog/variants/{id}")
                .get(variant::get_variant)
                .patch(variant::update_variant),
        )
        .service(
            web::resource("/catalog/suppliers")
                .post(supplier::create_supplier)
                .get(supplier::list_suppliers),
        )
        .service(
            web::resource("/catalog/suppliers/{id}")
                .get(supplier::get_supplier)
                .patch(supplier::update_supplier),
        )
        .service(
            web::resource("/catalog/suppliers/{id}/variants").get(supplier::list_supplier_variants),
        )
        .service(
            web::resource("/catalog/suppliers/{id}/variants/{variant_id}")
                .put(supplier::link_supplier_variant),
        )
        .service(
            web::resource("/catalog/channels")
                .post(channel::create_channel)
                .get(channel::list_channels),
        )
        .service(web::resource("/catalog/channels/{id}").patch(channel::update_channel));
}
