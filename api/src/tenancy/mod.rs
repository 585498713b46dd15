//! Tenancy: stores (tenants), sign-up, settings, members, roles and invitations.

pub mod error;
pub mod handlers;
pub mod service;

use actix_web::web;

pub fn routes(cfg: &mut web::ServiceConfig) {
    use handlers::{browser, invitation, me, member, tenant};
    cfg.service(web::resource("/signup").post(tenant::signup))
        .service(
            web::resource("/tenant")
                .get(tenant::get_tenant)
                .patch(tenant::update_tenant),
        )
        .service(web::resource("/members").get(member::list_members))
        .service(
            web::resource("/members/{id}")
                .patch(member::change_member_role)
                .delete(member::remove_member),
        )
        .service(
            web::resource("/invitations")
                .post(invitation::create_invitation)
                .get(invitation::list_invitations),
        )
        .service(web::resource("/invitations/accept").post(invitation::accept_invitation))
        .service(web::resource("/invitations/{id}").delete(invitation::revoke_invitation))
        .service(web::resource("/auth/browser/invitations/accept").post(browser::accept_invitation))
        .service(web::resource("/me").get(me::me));
}
