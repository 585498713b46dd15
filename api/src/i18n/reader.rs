//! The reader's language: `Accept-Language` first, then the store's. Members have no language
//! of their own yet (the web app keeps its member's choice in the browser), so there is no
//! member step between the two.

use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::http::header::{ACCEPT_LANGUAGE, HeaderMap};
use actix_web::{FromRequest, HttpRequest};
use openapi::tenancy::Locale;

/// The language `Accept-Language` asks for, if it names one the product speaks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReaderLocale(pub Option<Locale>);

impl ReaderLocale {
    pub fn from_headers(headers: &HeaderMap) -> ReaderLocale {
        let asked = headers
            .get_all(ACCEPT_LANGUAGE)
            .filter_map(|value| value.to_str().ok())
            .collect::<Vec<_>>()
            .join(",");
        ReaderLocale(preferred(&asked))
    }
}

impl FromRequest for ReaderLocale {
    type Error = actix_web::Error;
    type Future = Ready<Result<ReaderLocale, actix_web::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(ReaderLocale::from_headers(req.headers())))
    }
}

/// The language of the highest weight that the product speaks (`pt`, `pt-BR` → pt-BR; `es-*`
/// → es; `en-*` → en); none for `*` or an empty header.
pub fn preferred(header: &str) -> Option<Locale> {
    let mut ranges: Vec<(u16, usize, Locale)> = header
        .split(',')
        .enumerate()
        .filter_map(|(position, range)| {
            let mut parts = range.split(';');
            let tag = parts.next()?.trim();
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1000), thousandths)?;
            (weight > 0).then_some((weight, position, spoken(tag)?))
        })
        .collect();
    // The highest weight first; among equal weights, the one named first.
    ranges.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    ranges.first().map(|(_, _, locale)| *locale)
}

/// A q-value (`0`, `0.8`, `1.000`: at most three decimals, at most 1) in thousandths.
fn thousandths(q: &str) -> Option<u16> {
    let (whole, fraction) = q.trim().split_once('.').unwrap_or((q.trim(), ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: u16 = whole.parse().ok()?;
    let fraction: u16 = format!("{fraction:0<3}").parse().ok()?;
    let value = whole.checked_mul(1000)?.checked_add(fraction)?;
    (value <= 1000).then_some(value)
}

fn spoken(tag: &str) -> Option<Locale> {
    let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
    match primary.as_str() {
        "pt" => Some(Locale::PtBr),
        "es" => Some(Locale::Es),
        "en" => Some(Locale::En),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_heaviest_spoken_language_wins() {
        assert_eq!(preferred("es-AR,es;q=0.9,en;q=0.8"), Some(Locale::Es));
        assert_eq!(preferred("fr-FR, en;q=0.5, pt;q=0.7"), Some(Locale::PtBr));
        assert_eq!(preferred("pt-BR;q=0.2, en-GB"), Some(Locale::En));
        assert_eq!(preferred("en;q=0, es"), Some(Locale::Es));
        assert_eq!(preferred("de, *"), None);
        assert_eq!(preferred(""), None);
    }
}
