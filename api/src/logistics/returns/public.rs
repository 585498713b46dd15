//! The customer's return page, outside `/api/v1` and with no login: `GET /p/returns/{token}`
//! shows the delivered lines still returnable, `POST` requests a return of the chosen ones.
//! The token is the link of the delivered email (`service::token`): signed, expiring, never
//! stored; an altered one is 404, an expired one 410. Server-rendered (minijinja), in the
//! customer's language; rate-limited per address like the other public routes. The form
//! posts back to its own link, whose token is the only authority: no cookie is involved, so
//! there is nothing for a cross-site request to ride on.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use chrono::Utc;
use minijinja::{Environment, context};
use openapi::logistics::{ReturnIn, ReturnLineIn};
use openapi::tenancy::Locale;
use serde::Serialize;
use uuid::Uuid;

use crate::access::Principal;
use crate::db::{self, Access, TenantTransaction};
use crate::error::DomainError;
use crate::i18n::{Key, Message, ReaderLocale, render};
use crate::logistics::returns::error::ReturnError;
use crate::logistics::returns::service::request::{Requester, already_returned, request_return};
use crate::logistics::returns::service::settings::settings_of;
use crate::logistics::returns::service::token::{self, Refusal};
use crate::orders::service::customer::{find_customer, locale_of};
use crate::orders::service::order::{find_order, lines_of, reference_of};
use crate::public_limit::PublicCaller;
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/p/returns/{token}", web::get().to(show))
        .route("/p/returns/{token}", web::post().to(submit));
}

#[derive(Serialize)]
struct Row {
    id: Uuid,
    sku: String,
    name: String,
    returnable: i64,
}

#[derive(Serialize)]
struct Reason {
    code: String,
    label: String,
}

/// What the page shows of an order.
struct Page {
    locale: Locale,
    reference: String,
    rows: Vec<Row>,
    reasons: Vec<Reason>,
}

fn text(key: Key, locale: Locale) -> String {
    render(&Message::new(key), locale)
}

fn reason_label(code: &str, locale: Locale) -> String {
    let key = match code {
        "regret" => Key::ReasonRegret,
        "wrong_item" => Key::ReasonWrongItem,
        "damaged" => Key::ReasonDamaged,
        "defective" => Key::ReasonDefective,
        "not_as_described" => Key::ReasonNotAsDescribed,
        "other" => Key::ReasonOther,
        _ => return code.replace('_', " "),
    };
    text(key, locale)
}

async fn load(txn: &TenantTransaction, order_id: Uuid) -> Result<Page, ReturnError> {
    let order = find_order(txn, order_id).await?;
    let locale = locale_of(&find_customer(txn, order.customer_id).await?);
    let (returned, _) = already_returned(txn, order.id).await?;
    let rows = lines_of(txn, vec![order.id])
        .await?
        .into_iter()
        .map(|l| Row {
            returnable: l.quantity - returned.get(&l.id).copied().unwrap_or(0),
            id: l.id,
            sku: l.sku,
            name: l.name,
        })
        .filter(|r| r.returnable > 0)
        .collect();
    let reasons = settings_of(txn)
        .await?
        .reasons
        .into_iter()
        .map(|r| Reason {
            label: reason_label(&r.code, locale),
            code: r.code,
        })
        .collect();
    Ok(Page {
        locale,
        reference: reference_of(&order),
        rows,
        reasons,
    })
}

/// The page: the form when there is something to return, else `error` or `done`.
fn page(status: StatusCode, page: &Page, error: Option<String>, done: bool) -> HttpResponse {
    let locale = page.locale;
    let title = render(
        &Message::new(Key::PageReturnTitle).with("order", page.reference.as_str()),
        locale,
    );
    let lines = if done { &[][..] } else { &page.rows[..] };
    let values = context! {
        lang => locale.as_str(), title, error, lines, reasons => &page.reasons,
        done => done.then(|| text(Key::PageReturnDone, locale)),
        intro => text(Key::PageReturnIntro, locale), item => text(Key::PageReturnItem, locale),
        quantity => text(Key::PageReturnQuantity, locale),
        reason => text(Key::PageReturnReason, locale),
        comment => text(Key::PageReturnComment, locale),
        submit => text(Key::PageReturnSubmit, locale),
        nothing => text(Key::PageReturnNothing, locale),
    };
    html(status, values)
}

fn html(status: StatusCode, values: minijinja::Value) -> HttpResponse {
    let mut env = Environment::new();
    let rendered = env
        .add_template("return.html", include_str!("page.html"))
        .and_then(|()| env.get_template("return.html"))
        .and_then(|template| template.render(values));
    match rendered {
        Ok(body) => HttpResponse::build(status)
            .content_type("text/html; charset=utf-8")
            .insert_header(("Cache-Control", "no-store"))
            .insert_header(("Referrer-Policy", "no-referrer"))
            .body(body),
        Err(error) => {
            tracing::error!(%error, "the return page did not render");
            HttpResponse::InternalServerError().finish()
        }
    }
}

/// The page of a link that does not open, in the reader's language.
fn refused(refusal: Refusal, reader: ReaderLocale) -> HttpResponse {
    let locale = reader.0.unwrap_or(Locale::PtBr);
    let (status, key) = match refusal {
        Refusal::Invalid => (StatusCode::NOT_FOUND, Key::PageReturnInvalid),
        Refusal::Expired => (StatusCode::GONE, Key::PageReturnExpired),
    };
    let title = text(Key::PageReturnFailed, locale);
    let values = context! {
        lang => locale.as_str(), title, error => text(key, locale), lines => Vec::<Row>::new(),
    };
    html(status, values)
}

fn failed(error: &ReturnError) -> HttpResponse {
    tracing::warn!(%error, "the return page failed");
    let status = match error {
        ReturnError::NotFound(_) | ReturnError::Orders(_) => StatusCode::NOT_FOUND,
        _ => StatusCode::SERVICE_UNAVAILABLE,
    };
    HttpResponse::build(status).finish()
}

async fn show(
    state: web::Data<AppState>,
    _caller: PublicCaller,
    reader: ReaderLocale,
    token: web::Path<String>,
) -> HttpResponse {
    let link = match token::verify(&state.config.jwt_secret, &token, Utc::now()) {
        Ok(link) => link,
        Err(refusal) => return refused(refusal, reader),
    };
    let shown = async {
        let txn = db::begin_tenant(&state.db, link.tenant_id, Access::Read).await?;
        let shown = load(&txn, link.order_id).await?;
        txn.commit().await?;
        Ok::<Page, ReturnError>(shown)
    };
    match shown.await {
        Ok(shown) => page(StatusCode::OK, &shown, None, false),
        Err(error) => failed(&error),
    }
}

/// The return the form asks for: each line with a quantity above zero, its reason.
fn asked(order_id: Uuid, form: &HashMap<String, String>) -> ReturnIn {
    let comment = form
        .get("comment")
        .map(|c| c.trim().chars().take(1000).collect::<String>())
        .filter(|c| !c.is_empty());
    let mut lines: Vec<ReturnLineIn> = form
        .iter()
        .filter_map(|(name, value)| {
            let id: Uuid = name.strip_prefix("qty_")?.parse().ok()?;
            let quantity: i64 = value.trim().parse().ok().filter(|q| *q > 0)?;
            Some(ReturnLineIn {
                order_line_id: id,
                quantity: quantity.min(100_000),
                reason: form
                    .get(&format!("reason_{id}"))
                    .cloned()
                    .unwrap_or_default(),
                comment: comment.clone(),
                photos: Vec::new(),
            })
        })
        .collect();
    lines.sort_by_key(|l| l.order_line_id);
    ReturnIn {
        order_id,
        lines,
        override_reason: None,
    }
}

async fn submit(
    state: web::Data<AppState>,
    _caller: PublicCaller,
    reader: ReaderLocale,
    token: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    let link = match token::verify(&state.config.jwt_secret, &token, Utc::now()) {
        Ok(link) => link,
        Err(refusal) => return refused(refusal, reader),
    };
    // Read by hand: an empty or odd form is the page's to answer, not a JSON problem.
    let form: HashMap<String, String> = url::form_urlencoded::parse(&body).into_owned().collect();
    let input = asked(link.order_id, &form);
    let result = async {
        let txn = db::begin_tenant(&state.db, link.tenant_id, Access::Write).await?;
        let shown = load(&txn, link.order_id).await?;
        if input.lines.is_empty() {
            let error = text(Key::PageReturnNoneChosen, shown.locale);
            return Ok(page(
                StatusCode::UNPROCESSABLE_ENTITY,
                &shown,
                Some(error),
                false,
            ));
        }
        let system = Principal::system(link.tenant_id);
        let who = Requester {
            principal: &system,
            by_customer: true,
        };
        match request_return(&txn, who, &input).await {
            Ok(_) => {
                txn.commit().await?;
                Ok(page(StatusCode::CREATED, &shown, None, true))
            }
            Err(error) if error.message().is_some() => {
                let message = error.message().map(|m| render(&m, shown.locale));
                let status = error.kind().status();
                Ok(page(status, &shown, message, false))
            }
            Err(error) => Err(error),
        }
    };
    match result.await {
        Ok(response) => response,
        Err(error) => failed(&error),
    }
}
