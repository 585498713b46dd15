//! Email templates: built-in ones per kind and language (in `templates/`), a store's own
//! versions over them, and rendering with minijinja (HTML parts auto-escaped).

use openapi::mail::EmailKind;
use openapi::tenancy::Locale;
use serde_json::{Value, json};

use crate::mail::sandbox;

/// The three parts of an email's template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// A rendered email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// A template that does not render: which part, and why.
#[derive(Debug, thiserror::Error)]
#[error("{part}: {message}")]
pub struct TemplateError {
    pub part: &'static str,
    pub message: String,
}

fn source(kind: EmailKind, locale: Locale) -> &'static str {
    use EmailKind::*;
    match (kind, locale) {
        (OrderConfirmation, Locale::PtBr) => include_str!("templates/order_confirmation.pt-BR"),
        (OrderConfirmation, Locale::Es) => include_str!("templates/order_confirmation.es"),
        (OrderConfirmation, Locale::En) => include_str!("templates/order_confirmation.en"),
        (StaffOrderPaid, Locale::PtBr) => include_str!("templates/staff_order_paid.pt-BR"),
        (StaffOrderPaid, Locale::Es) => include_str!("templates/staff_order_paid.es"),
        (StaffOrderPaid, Locale::En) => include_str!("templates/staff_order_paid.en"),
        (StaffOrderHeld, Locale::PtBr) => include_str!("templates/staff_order_held.pt-BR"),
        (StaffOrderHeld, Locale::Es) => include_str!("templates/staff_order_held.es"),
        (StaffOrderHeld, Locale::En) => include_str!("templates/staff_order_held.en"),
        (MemberInvitation, Locale::PtBr) => include_str!("templates/member_invitation.pt-BR"),
        (MemberInvitation, Locale::Es) => include_str!("templates/member_invitation.es"),
        (MemberInvitation, Locale::En) => include_str!("templates/member_invitation.en"),
        (OrderShipped, Locale::PtBr) => include_str!("templates/order_shipped.pt-BR"),
        (OrderShipped, Locale::Es) => include_str!("templates/order_shipped.es"),
        (OrderShipped, Locale::En) => include_str!("templates/order_shipped.en"),
        (OrderDelayed, Locale::PtBr) => include_str!("templates/order_delayed.pt-BR"),
        (OrderDelayed, Locale::Es) => include_str!("templates/order_delayed.es"),
        (OrderDelayed, Locale::En) => include_str!("templates/order_delayed.en"),
        (StaffShipmentLate, Locale::PtBr) => include_str!("templates/staff_shipment_late.pt-BR"),
        (StaffShipmentLate, Locale::Es) => include_str!("templates/staff_shipment_late.es"),
        (StaffShipmentLate, Locale::En) => include_str!("templates/staff_shipment_late.en"),
        (OrderDelivered, Locale::PtBr) => include_str!("templates/order_delivered.pt-BR"),
        (OrderDelivered, Locale::Es) => include_str!("templates/order_delivered.es"),
        (OrderDelivered, Locale::En) => include_str!("templates/order_delivered.en"),
        (ReturnApproved, Locale::PtBr) => include_str!("templates/return_approved.pt-BR"),
        (ReturnApproved, Locale::Es) => include_str!("templates/return_approved.es"),
        (ReturnApproved, Locale::En) => include_str!("templates/return_approved.en"),
        (ReturnDeclined, Locale::PtBr) => include_str!("templates/return_declined.pt-BR"),
        (ReturnDeclined, Locale::Es) => include_str!("templates/return_declined.es"),
        (ReturnDeclined, Locale::En) => include_str!("templates/return_declined.en"),
        (DunningReminder, Locale::PtBr) => include_str!("templates/dunning_reminder.pt-BR"),
        (DunningReminder, Locale::Es) => include_str!("templates/dunning_reminder.es"),
        (DunningReminder, Locale::En) => include_str!("templates/dunning_reminder.en"),
        (DunningNotice, Locale::PtBr) => include_str!("templates/dunning_notice.pt-BR"),
        (DunningNotice, Locale::Es) => include_str!("templates/dunning_notice.es"),
        (DunningNotice, Locale::En) => include_str!("templates/dunning_notice.en"),
        (DunningWarning, Locale::PtBr) => include_str!("templates/dunning_warning.pt-BR"),
        (DunningWarning, Locale::Es) => include_str!("templates/dunning_warning.es"),
        (DunningWarning, Locale::En) => include_str!("templates/dunning_warning.en"),
        (StaffCustomerBlocked, Locale::PtBr) => {
            include_str!("templates/staff_customer_blocked.pt-BR")
        }
        (StaffCustomerBlocked, Locale::Es) => include_str!("templates/staff_customer_blocked.es"),
        (StaffCustomerBlocked, Locale::En) => include_str!("templates/staff_customer_blocked.en"),
        (StaffCustomerUnblocked, Locale::PtBr) => {
            include_str!("templates/staff_customer_unblocked.pt-BR")
        }
        (StaffCustomerUnblocked, Locale::Es) => {
            include_str!("templates/staff_customer_unblocked.es")
        }
        (StaffCustomerUnblocked, Locale::En) => {
            include_str!("templates/staff_customer_unblocked.en")
        }
        (StaffWebhookDisabled, Locale::PtBr) => {
            include_str!("templates/staff_webhook_disabled.pt-BR")
        }
        (StaffWebhookDisabled, Locale::Es) => include_str!("templates/staff_webhook_disabled.es"),
        (StaffWebhookDisabled, Locale::En) => include_str!("templates/staff_webhook_disabled.en"),
        (StaffNotification, Locale::PtBr) => include_str!("templates/staff_notification.pt-BR"),
        (StaffNotification, Locale::Es) => include_str!("templates/staff_notification.es"),
        (StaffNotification, Locale::En) => include_str!("templates/staff_notification.en"),
        (SupportReply, Locale::PtBr) => include_str!("templates/support_reply.pt-BR"),
        (SupportReply, Locale::Es) => include_str!("templates/support_reply.es"),
        (SupportReply, Locale::En) => include_str!("templates/support_reply.en"),
    }
}

/// The built-in template: its file holds `--- subject ---`, `--- text ---` and `--- html ---`
/// sections.
pub fn built_in(kind: EmailKind, locale: Locale) -> Template {
    let text = source(kind, locale);
    let section = |name: &str| {
        let marker = format!("--- {name} ---\n");
        text.split_once(&marker)
            .map(|(_, rest)| rest.split("\n--- ").next().unwrap_or_default())
            .unwrap_or_default()
            .trim_end()
            .to_owned()
    };
    Template {
        subject: section("subject"),
        text: section("text") + "\n",
        html: section("html") + "\n",
    }
}

/// Renders a template with `context` within the sandbox's limits (`mail::sandbox`): on the
/// blocking pool, with a time limit, so that the caller's thread is never held by it. Call it
/// outside any database transaction.
pub async fn render(template: &Template, context: &Value) -> Result<Rendered, TemplateError> {
    let template = template.clone();
    let context = context.clone();
    let work = tokio::task::spawn_blocking(move || render_now(&template, &context));
    match tokio::time::timeout(sandbox::TIME_LIMIT, work).await {
        Ok(Ok(rendered)) => rendered,
        Ok(Err(_)) => Err(TemplateError {
            part: "template",
            message: "rendering stopped unexpectedly".into(),
        }),
        // The fuel ends the render soon after; nobody waits for it.
        Err(_) => Err(TemplateError {
            part: "template",
            message: format!(
                "rendering took longer than {} s",
                sandbox::TIME_LIMIT.as_secs()
            ),
        }),
    }
}

/// Renders a template with `context` on this thread. Variables that do not exist are errors,
/// so a typo in a store's template is caught when it is saved.
pub fn render_now(template: &Template, context: &Value) -> Result<Rendered, TemplateError> {
    let mut env = sandbox::environment();
    let parts = [
        ("subject", "subject.txt", &template.subject),
        ("text", "text.txt", &template.text),
        ("html", "body.html", &template.html),
    ];
    for (part, name, source) in parts {
        sandbox::check_source(source).map_err(|message| TemplateError { part, message })?;
        env.add_template(name, source).map_err(|e| TemplateError {
            part,
            message: describe(&e),
        })?;
    }
    let render = |part: &'static str, name: &str| {
        let mut output = sandbox::CappedOutput { text: Vec::new() };
        env.get_template(name)
            .and_then(|t| t.render_captured_to(context, &mut output).map(|_| ()))
            .map_err(|e| TemplateError {
                part,
                message: describe(&e),
            })?;
        String::from_utf8(output.text).map_err(|_| TemplateError {
            part,
            message: "the output is not UTF-8".into(),
        })
    };
    Ok(Rendered {
        // A subject is one line, whatever the template did.
        subject: render("subject", "subject.txt")?
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        text: render("text", "text.txt")?,
        html: render("html", "body.html")?,
    })
}

fn describe(error: &minijinja::Error) -> String {
    match (error.detail(), error.line()) {
        (Some(detail), Some(line)) => format!("{} (line {line}): {detail}", error.kind()),
        (Some(detail), None) => format!("{}: {detail}", error.kind()),
        (None, Some(line)) => format!("{} (line {line})", error.kind()),
        (None, None) => error.kind().to_string(),
    }
}

/// What each kind's templates can use, with sample values: shown with the templates and used
/// by previews and to check a store's template before it is saved.
pub fn sample_context(kind: EmailKind) -> Value {
    let store = json!({ "name": "Loja Exemplo", "reply_to": "contato@loja.example.com" });
    let line = json!({ "sku": "CAM-P-AZ", "name": "Camiseta (P, azul)", "quantity": 2,
                       "unit_price": "R$ 59,90", "total": "R$ 119,80", "location": "Depósito Central" });
    let order = json!({
        "reference": "#1001", "number": 1001, "created_at": "25/11/2026 14:30",
        "paid_at": "25/11/2026 14:35",
        "subtotal": "R$ 119,80", "discount": "R$ 0,00", "has_discount": false,
        "shipping_fee": "R$ 19,90", "total": "R$ 139,70", "paid": "R$ 139,70", "payment_terms": "",
        "lines": [line],
        "payments": [{ "method": "pix", "amount": "R$ 139,70" }],
        "address_text": "Avenida Paulista, 1578\nBela Vista\nSão Paulo - SP\n01310-200 BR",
        "address_lines": ["Avenida Paulista, 1578", "Bela Vista", "São Paulo - SP", "01310-200 BR"],
        "pick_from": "Depósito Central",
        "findings": ["O CEP 1234 não tem o formato usado em BR."],
        "url": "http://localhost:8080/orders/01930000-0000-7000-8000-000000000000",
    });
    let customer = json!({ "name": "Ana Souza", "email": "ana@example.com.br",
                           "phone": "+55 11 91234-5678", "tax_id": "529.982.247-25",
                           "first_order": true });
    match kind {
        EmailKind::MemberInvitation => json!({
            "store": store,
            "invitation": { "email": "nova@loja.example.com", "role": "staff",
                            "url": "http://localhost:8080/accept-invitation?token=inv_…",
                            "expires_at": "02/12/2026 14:30" },
        }),
        EmailKind::OrderShipped | EmailKind::OrderDelayed | EmailKind::StaffShipmentLate => {
            let shipping = json!({
                "promised_delivery": "25/11/2026",
                "packages": [{ "carrier": "Correios", "service": "SEDEX",
                               "code": "AA123456789BR",
                               "url": "https://rastreamento.correios.com.br/app/index.php?objeto=AA123456789BR" }],
            });
            let delay = json!({ "late_to_ship": true, "new_estimate": "30/11/2026",
                                "ship_by": "23/11/2026", "location": "Depósito Central" });
            json!({ "store": store, "customer": customer, "order": order,
                    "shipping": shipping, "delay": delay })
        }
        EmailKind::DunningReminder | EmailKind::DunningNotice | EmailKind::DunningWarning => {
            json!({ "store": store, "customer": customer, "order": order,
                "instalment": { "seq": 2, "of": 3, "invoice_reference": "1-42",
                                "payment_reference": "1042-2", "due_on": "28/12/2026",
                                "amount": "R$ 333,33", "outstanding": "R$ 333,33",
                                "days_overdue": 5 },
                "block_on": "07/01/2027" })
        }
        EmailKind::StaffCustomerBlocked | EmailKind::StaffCustomerUnblocked => json!({
            "store": store, "customer": customer, "automatic": true,
            "reason": "1 parcela(s) vencida(s) há até 10 dias, R$ 333,33 no total",
            "url": "http://localhost:8080/finance/customers/01930000-0000-7000-8000-000000000000",
        }),
        EmailKind::StaffWebhookDisabled => json!({
            "store": store,
            "endpoint": { "url": "https://erp.example.com.br/hooks/retaguarda" },
            "delivery": { "event_type": "order.paid", "last_status": 503, "last_error": null },
            "url": "http://localhost:8080/automation/webhooks/01930000-0000-7000-8000-000000000000",
        }),
        EmailKind::SupportReply => json!({
            "store": store, "customer": customer,
            "ticket": { "number": 12, "subject": "Pedido 1042 não chegou",
                        "has_re": false, "has_number": false },
            "body": "Olá, Ana! Seu pedido saiu ontem; o código de rastreio é AA123456789BR.",
            "agent": "Bruno",
        }),
        EmailKind::StaffNotification => json!({
            "store": store,
            "notification": {
                "subject": "Pedidos grandes do marketplace — order.paid #1042",
                "text": "Pedidos grandes do marketplace — order.paid #1042: conferir antes de separar",
                "url": "http://localhost:8080/orders/01930000-0000-7000-8000-000000000000",
            },
        }),
        _ => json!({ "store": store, "customer": customer, "order": order, "returns": {
            "url": "http://localhost:8080/p/returns/[redacted]", "regret_days": 7, "defect_days": 90,
            "authorization_code": "AP123456789BR", "instructions": "Poste nos Correios.",
            "reason": "Produto com sinais de uso.", "lines": [{ "sku": "CAM-P", "quantity": 1 }],
        } }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_template_renders_its_sample() {
        for kind in EmailKind::ALL {
            for locale in [Locale::PtBr, Locale::Es, Locale::En] {
                let template = built_in(kind, locale);
                assert!(!template.subject.is_empty(), "{kind:?} {locale:?}");
                let rendered = render_now(&template, &sample_context(kind))
                    .unwrap_or_else(|e| panic!("{kind:?} {locale:?}: {e}"));
                assert!(!rendered.subject.contains('\n'));
                assert!(rendered.text.len() > 40 && rendered.html.contains("<p>"));
            }
        }
    }

    #[test]
    fn html_is_escaped_and_unknown_variables_are_errors() {
        let template = Template {
            subject: "{{ store.name }}".into(),
            text: "{{ store.name }}".into(),
            html: "<p>{{ store.name }}</p>".into(),
        };
        let rendered = render_now(&template, &json!({ "store": { "name": "A&B <x>" } }));
        let rendered = rendered.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(rendered.text, "A&B <x>");
        assert_eq!(rendered.html, "<p>A&amp;B &lt;x&gt;</p>");
        let broken = Template {
            html: "<p>{{ store.nome }}</p>".into(),
            ..template
        };
        let error = render_now(&broken, &json!({ "store": { "name": "A" } }));
        assert!(matches!(error, Err(TemplateError { part: "html", .. })));
    }
}
