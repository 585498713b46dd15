//! Accent- and case-insensitive search: text is stored and searched in a folded form
//! ("Café Açaí" → "cafe acai"), matched with `LIKE`.

use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr, SimpleExpr};
use sea_orm::{ColumnTrait, DbBackend};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower case, accents removed, runs of whitespace made one space.
pub fn fold(text: &str) -> String {
    let folded: String = text
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The folded words of several fields, for a `search_text` column.
pub fn search_text<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    parts
        .into_iter()
        .map(fold)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `LIKE` pattern (escape `\\`) that finds the folded query anywhere, with `%` and `_` in
/// the query taken literally.
pub fn like_pattern(query: &str) -> String {
    let escaped = fold(query)
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// `column LIKE '%<folded query>%'`.
pub fn matches(column: impl ColumnTrait, query: &str) -> SimpleExpr {
    Expr::col(column.as_column_ref()).like(LikeExpr::new(like_pattern(query)).escape('\\'))
}

/// Like `matches`, answered from the SQLite trigram index of `table` (see the migration
/// `sqlite_search`) when the query allows it: 3 characters or more, no `%`, `_` or `\`.
/// PostgreSQL, and other queries, take the plain `LIKE`.
pub fn matches_in(
    backend: DbBackend,
    table: &str,
    column: impl ColumnTrait,
    query: &str,
) -> SimpleExpr {
    match fts_pattern(backend, query) {
        Some(pattern) => Expr::cust_with_values(
            format!("rowid IN (SELECT rowid FROM {table}_fts WHERE search_text LIKE ?)"),
            [pattern],
        ),
        None => matches(column, query),
    }
}

/// The pattern for a SQLite trigram index, when the backend is SQLite and the query allows
/// one: 3 characters or more, no `%`, `_` or `\`.
pub fn fts_pattern(backend: DbBackend, query: &str) -> Option<String> {
    let folded = fold(query);
    let indexable = folded.chars().count() >= 3 && !folded.contains(['%', '_', '\\']);
    (backend == DbBackend::Sqlite && indexable).then(|| format!("%{folded}%"))
}
