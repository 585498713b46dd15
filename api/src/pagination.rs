//! Cursor pagination shared by every list: `?limit=&cursor=` in, `{items, next_cursor}` out.
//!
//! A cursor is the last row's sort key and id (ids are UUID v7, so they also sort by creation),
//! as base64url JSON. Lists ordered by id alone leave the key empty.

use base64::Engine;
use openapi::FieldError;
use openapi::common::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};
use sea_orm::sea_query::{Condition, IntoCondition};
use sea_orm::{ColumnTrait, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect, Select};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::ApiError;

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Cursor {
    #[serde(rename = "k", default, skip_serializing_if = "Option::is_none")]
    key: Option<String>,
    #[serde(rename = "i")]
    id: Uuid,
}

#[derive(Debug, Clone)]
pub struct PageRequest {
    pub limit: u64,
    after: Option<Cursor>,
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

    /// The first `limit` rows in `order` (no cursor: nothing to refuse).
    pub fn first(limit: u64, order: Order) -> Self {
        PageRequest {
            limit: limit.clamp(1, MAX_PAGE_SIZE),
            after: None,
            order,
        }
    }

    /// The key and id of the row the page starts after, for a list ordered by a key that is
    /// not text (a date), which builds its own filter.
    pub fn after_keyed(&self) -> Option<(Option<String>, Uuid)> {
        self.after.as_ref().map(|c| (c.key.clone(), c.id))
    }

    fn descending(&self) -> bool {
        matches!(self.order, Order::Desc)
    }

    /// Orders by `id`, starts after the cursor, and fetches one row more than the page to learn
    /// whether another page follows.
    pub fn apply<E: EntityTrait>(&self, select: Select<E>, id: impl ColumnTrait) -> Select<E> {
        let select = match &self.after {
            Some(after) if self.descending() => select.filter(id.lt(after.id).into_condition()),
            Some(after) => select.filter(id.gt(after.id).into_condition()),
            None => select,
        };
        select
            .order_by(id, self.order.clone())
            .limit(self.limit + 1)
    }

    /// Like `apply`, ordered by a text `key` column first and `id` to break ties.
    pub fn apply_keyed<E: EntityTrait>(
        &self,
        select: Select<E>,
        key: impl ColumnTrait,
        id: impl ColumnTrait,
    ) -> Select<E> {
        let select = match &self.after {
            Some(Cursor {
                key: Some(after_key),
                id: after_id,
            }) => {
                let (beyond_key, beyond_id) = if self.descending() {
                    (key.lt(after_key.as_str()), id.lt(*after_id))
                } else {
                    (key.gt(after_key.as_str()), id.gt(*after_id))
                };
                select.filter(
                    Condition::any().add(beyond_key).add(
                        Condition::all()
                            .add(key.eq(after_key.as_str()))
                            .add(beyond_id),
                    ),
                )
            }
            _ => select,
        };
        select
            .order_by(key, self.order.clone())
            .order_by(id, self.order.clone())
            .limit(self.limit + 1)
    }

    /// Cuts the extra row off and returns the page with the cursor of the next one.
    pub fn finish<T>(&self, rows: Vec<T>, id_of: impl Fn(&T) -> Uuid) -> Paged<T> {
        self.finish_keyed(rows, |row| (None, id_of(row)))
    }

    pub fn finish_keyed<T>(
        &self,
        mut rows: Vec<T>,
        key_of: impl Fn(&T) -> (Option<String>, Uuid),
    ) -> Paged<T> {
        let more = rows.len() as u64 > self.limit;
        rows.truncate(self.limit as usize);
        let next_cursor = if more {
            rows.last().map(|row| {
                let (key, id) = key_of(row);
                encode(&Cursor { key, id })
            })
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

fn encode(cursor: &Cursor) -> String {
    let json = serde_json::to_vec(cursor).unwrap_or_default();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json)
}

fn decode(text: &str) -> Option<Cursor> {
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text)
        .ok()?;
    serde_json::from_slice(&bytes).ok()
}
