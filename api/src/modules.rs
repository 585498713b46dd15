//! The modules of the product: the one list the server, the document, the worker and the
//! tests go through. Adding a module is a line here (see ARCHITECTURE.md, "Adding a module").

use actix_web::web;

use crate::module::Module;
use crate::routes::{Declared, Routes};
use crate::{
    audit, auth, automation, catalog, finance, inventory, logistics, mail, orders, support, tenancy,
};

/// In the order their routes are matched.
pub const ALL: &[&Module] = &[
    &tenancy::MODULE,
    &auth::MODULE,
    &catalog::MODULE,
    &inventory::MODULE,
    &orders::MODULE,
    &logistics::MODULE,
    &finance::MODULE,
    &automation::MODULE,
    &support::MODULE,
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

/// Hands the union of the modules' permission rows to `access::permission` (once per process:
/// a server's start and the demo's seeding call it).
pub fn install_permissions() {
    crate::access::permission::install(
        ALL.iter()
            .flat_map(|module| module.permissions.iter().copied()),
    );
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
    use crate::access::Permission;

    #[test]
    fn every_permission_is_declared_by_exactly_one_module() {
        let mut wrong = Vec::new();
        for permission in Permission::ALL {
            let owners: Vec<&str> = ALL
                .iter()
                .filter(|module| module.permissions.iter().any(|row| row.0 == permission))
                .map(|module| module.name)
                .collect();
            if owners.len() != 1 {
                wrong.push(format!("{permission}: declared by {owners:?}"));
            }
        }
        for module in ALL {
            let rows = module.permissions.iter().map(|row| row.0);
            for (nth, permission) in rows.clone().enumerate() {
                if rows.clone().skip(nth + 1).any(|other| other == permission) {
                    wrong.push(format!("{permission}: twice in {}", module.name));
                }
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn each_module_describes_its_own_tag_and_every_operation_tag_is_described() {
        let document = serde_json::to_value(crate::openapi_doc::document()).unwrap_or_default();
        assert!(document["paths"].as_object().is_some_and(|p| p.len() > 90));
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
