//! The store's own email templates over the built-in ones: reading, checking (within the
//! sandbox's limits, before the transaction that saves), saving and resetting.

use crate::db::TenantTransaction;
use chrono::Utc;
use openapi::mail::{EmailKind, TemplateIn};
use openapi::tenancy::Locale;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, DbErr, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use entity::email_template;

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::mail::error::MailError;
use crate::mail::templates::{self, Rendered, Template};

/// The template the store uses for `kind` in `locale`: its own, else the built-in one.
pub async fn template_for(
    conn: &TenantTransaction,
    kind: EmailKind,
    locale: Locale,
) -> Result<(Template, bool), DbErr> {
    let tenant_id = conn.tenant();
    let own = email_template::Entity::find_in(tenant_id)
        .filter(email_template::Column::Kind.eq(kind))
        .filter(email_template::Column::Locale.eq(locale))
        .one(conn)
        .await?;
    Ok(match own {
        Some(row) => (
            Template {
                subject: row.subject,
                text: row.text_body,
                html: row.html_body,
            },
            true,
        ),
        None => (templates::built_in(kind, locale), false),
    })
}

/// Every template of the store, kind by kind and language by language.
pub async fn list_templates(
    conn: &TenantTransaction,
) -> Result<Vec<(EmailKind, Locale, Template, bool)>, MailError> {
    let mut out = Vec::new();
    for kind in EmailKind::ALL.into_iter().filter(|k| k.editable()) {
        for locale in [Locale::PtBr, Locale::Es, Locale::En] {
            let (template, customized) = template_for(conn, kind, locale).await?;
            out.push((kind, locale, template, customized));
        }
    }
    Ok(out)
}

/// Saves the store's own template (`check_template` first, outside the transaction).
pub async fn put_template(
    conn: &TenantTransaction,
    principal: &Principal,
    kind: EmailKind,
    locale: Locale,
    input: &TemplateIn,
) -> Result<Template, MailError> {
    if !kind.editable() {
        return Err(MailError::NotEditable(kind.as_str()));
    }
    let template = Template {
        subject: input.subject.clone(),
        text: input.text.clone(),
        html: input.html.clone(),
    };
    let row = email_template::Model {
        tenant_id: conn.tenant(),
        id: Uuid::now_v7(),
        kind,
        locale,
        subject: template.subject.clone(),
        text_body: template.text.clone(),
        html_body: template.html.clone(),
        updated_at: Utc::now(),
    };
    email_template::Entity::insert(email_template::ActiveModel::from(row))
        .on_conflict(
            OnConflict::columns([
                email_template::Column::TenantId,
                email_template::Column::Kind,
                email_template::Column::Locale,
            ])
            .update_columns([
                email_template::Column::Subject,
                email_template::Column::TextBody,
                email_template::Column::HtmlBody,
                email_template::Column::UpdatedAt,
            ])
            .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    audit::record(
        conn,
        principal,
        Change {
            action: "email_template.put",
            entity_type: "email_template",
            entity_id: None,
            before: None,
            after: Some(json!({ "kind": kind.as_str(), "locale": locale.as_str(),
                                "subject": template.subject })),
        },
    )
    .await?;
    Ok(template)
}

/// Checks that a store's template renders the sample data within the sandbox's limits: call it
/// before opening the transaction that saves it.
pub async fn check_template(kind: EmailKind, input: &TemplateIn) -> Result<Rendered, MailError> {
    if !kind.editable() {
        return Err(MailError::NotEditable(kind.as_str()));
    }
    let template = Template {
        subject: input.subject.clone(),
        text: input.text.clone(),
        html: input.html.clone(),
    };
    Ok(templates::render(&template, &templates::sample_context(kind)).await?)
}

/// Goes back to the built-in template.
pub async fn reset_template(
    conn: &TenantTransaction,
    principal: &Principal,
    kind: EmailKind,
    locale: Locale,
) -> Result<Template, MailError> {
    conn.delete_many::<email_template::Entity>()
        .filter(email_template::Column::Kind.eq(kind))
        .filter(email_template::Column::Locale.eq(locale))
        .exec(conn)
        .await?;
    audit::record(
        conn,
        principal,
        Change {
            action: "email_template.reset",
            entity_type: "email_template",
            entity_id: None,
            before: None,
            after: Some(json!({ "kind": kind.as_str(), "locale": locale.as_str() })),
        },
    )
    .await?;
    Ok(templates::built_in(kind, locale))
}
