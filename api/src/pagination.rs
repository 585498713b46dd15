//! Cursor pagination shared by every list: `?limit=&cursor=` in, `{items, next_cursor}` out.
//! The cursor is the last row's id (UUID v7, so ids sort by creation time), base64url-encoded.

use base64::Engine;
use openapi::FieldError;
use openapi::common::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};
use sea_orm::sea_query::IntoCondition;
use sea_orm::{ColumnTrait, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect, Select};
use uuid::Uuid;

use crate::error::ApiError;

#[derive(Debug, Clone)]
pub struct PageRequest {
    pub limit: u64,
    pub after: Option<Uuid>,
    pub order: Order,
}

impl PageRequest {
    /// Reads `limit` and `cursor`; a cursor that this server did not write is a 422 on `cursor`.
    pub fn new(limit: Option<u64>, cursor: Option<&str>, order: Order) -> Result<Self, ApiError> {
        let after = match cursor {
            None | Some("") => None,
            Some(text) => Some(decode(text).ok_or_else(|| {
                ApiError::validation(vec![FieldError {
                    field: "cursor".into(),
                    message: "is not a cursor returned by this list".into(),
                }])
            })?),
        };
        Ok(PageRequest {
            limit: limit.unwrap_or(DEFAULT_PAGE_SIZE).clamp(1, MAX_PAGE_SIZE),
            after,
            order,
        })
    }

    /// Orders by `id`, starts after the cursor, and fetches one row more than the page to learn
    /// whether another page follows.
    pub fn apply<E: EntityTrait>(&self, select: Select<E>, id: impl ColumnTrait) -> Select<E> {
        let select = match (self.after, &self.order) {
            (Some(after), Order::Desc) => select.filter(id.lt(after).into_condition()),
            (Some(after), _) => select.filter(id.gt(after).into_condition()),
            (None, _) => select,
        };
        select
            .order_by(id, self.order.clone())
            .limit(self.limit + 1)
    }

    /// Cuts the extra row off and returns the page with the cursor of the next one.
    pub fn finish<T>(&self, mut rows: Vec<T>, id_of: impl Fn(&T) -> Uuid) -> Paged<T> {
        let more = rows.len() as u64 > self.limit;
        rows.truncate(self.limit as usize);
        let next_cursor = if more {
            rows.last().map(|row| encode(id_of(row)))
        } else {
            None
        };
        Paged {
            items: rows,
            next_cursor,
        }
    }
}

/// One page of domain rows, before conversion to the wire type.
pub struct Paged<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

impl<T> Paged<T> {
    pub fn into_page<O>(self, convert: impl Fn(T) -> O) -> openapi::Page<O> {
        openapi::Page {
            items: self.items.into_iter().map(convert).collect(),
            next_cursor: self.next_cursor,
        }
    }
}

fn encode(id: Uuid) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(id.as_bytes())
}

fn decode(text: &str) -> Option<Uuid> {
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text)
        .ok()?;
    Uuid::from_slice(&bytes).ok()
}
