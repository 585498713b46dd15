//! Names of the API's closed sets in words (message keys), shared by the pages that show them.

use openapi::mail::EmailKind;
use openapi::tenancy::Role;

pub fn email_kind_key(kind: EmailKind) -> &'static str {
    match kind {
        EmailKind::OrderConfirmation => "settings-template-order-confirmation",
        EmailKind::StaffOrderPaid => "settings-template-staff-order-paid",
        EmailKind::StaffOrderHeld => "settings-template-staff-order-held",
        EmailKind::MemberInvitation => "settings-template-member-invitation",
        EmailKind::OrderShipped => "settings-template-order-shipped",
        EmailKind::OrderDelayed => "settings-template-order-delayed",
        EmailKind::StaffShipmentLate => "settings-template-staff-shipment-late",
        EmailKind::OrderDelivered => "settings-template-order-delivered",
        EmailKind::ReturnApproved => "settings-template-return-approved",
        EmailKind::ReturnDeclined => "settings-template-return-declined",
        EmailKind::DunningReminder => "settings-template-dunning-reminder",
        EmailKind::DunningNotice => "settings-template-dunning-notice",
        EmailKind::DunningWarning => "settings-template-dunning-warning",
        EmailKind::StaffCustomerBlocked => "settings-template-staff-customer-blocked",
        EmailKind::StaffCustomerUnblocked => "settings-template-staff-customer-unblocked",
        EmailKind::StaffWebhookDisabled => "settings-template-staff-webhook-disabled",
        EmailKind::SupportReply => "settings-template-support-reply",
        EmailKind::StaffNotification => "settings-template-staff-notification",
    }
}

pub fn role_key(role: Role) -> &'static str {
    match role {
        Role::Owner => "settings-role-owner",
        Role::Admin => "settings-role-admin",
        Role::Manager => "settings-role-manager",
        Role::Staff => "settings-role-staff",
        Role::Viewer => "settings-role-viewer",
        Role::Api => "settings-role-api",
    }
}
