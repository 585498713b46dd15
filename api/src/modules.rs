//! The modules of the product: the one list the server, the document, the worker and the
//! tests go through. Adding a module is a line here (see ARCHITECTURE.md, "Adding a module").

use actix_web::web;

use crate::module::Module;
use crate::routes::{Declared, Routes};
use crate::{audit, auth, catalog, inventory, logistics, mail, orders, tenancy};

/// In the order their routes are matched.
pub const ALL: &[&Module] = &[
    &tenancy::MODULE,
    &auth::MODULE,
    &catalog::MODULE,
    &inventory::MODULE,
    &orders::MODULE,
    &logistics::MODULE,
    &mail::MODULE,
    &audit::MODULE,
];

/// Serves every module's routes (under the app's `/api/v1` scope).
pub fn serve(config: &mut web::ServiceConfig) {
    for module in ALL {
        let mut routes = Routes::serving();
        (module.routes)(&mut routes);
        routes.register(config);
    }
}

/// Every route of every module, as declared.
pub fn declared() -> Vec<Declared> {
    ALL.iter()
        .flat_map(|module| module.declared().declared().to_vec())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::ALL;

    #[test]
    fn each_module_describes_its_own_tag_and_every_operation_tag_is_described() {
        let document = serde_json::to_value(crate::openapi_doc::document()).unwrap_or_default();
        let described: Vec<&str> = document["tags"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|tag| tag["name"].as_str())
            .collect();
        for module in ALL {
            let doc = (module.doc)();
            let tags: Vec<String> = doc.tags.iter().flatten().map(|t| t.name.clone()).collect();
            assert_eq!(tags, [module.name], "the tags {} describes", module.name);
        }
        for (path, item) in document["paths"].as_object().into_iter().flatten() {
            for (method, operation) in item.as_object().into_iter().flatten() {
                for tag in operation["tags"].as_array().into_iter().flatten() {
                    let tag = tag.as_str().unwrap_or_default();
                    assert!(
                        described.contains(&tag),
                        "{method} {path}: tag {tag} undescribed"
                    );
                }
            }
        }
    }
}
