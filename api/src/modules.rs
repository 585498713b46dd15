//! The modules of the product: the one list the server, the document, the worker and the
//! tests go through. Adding a module is a line here (see ARCHITECTURE.md, "Adding a module").

use actix_web::web;

use crate::module::Module;
use crate::routes::{Declared, Routes};
use crate::{audit, auth, catalog, inventory, mail, orders, tenancy};

/// In the order their routes are matched.
pub const ALL: &[&Module] = &[
    &tenancy::MODULE,
    &auth::MODULE,
    &catalog::MODULE,
    &inventory::MODULE,
    &orders::MODULE,
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
