//! Every text of the app in pt-BR, es and en, as Fluent messages (`*.ftl` beside this file).
//! The language is the member's choice, else the store's.

use std::collections::HashMap;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
use leptos::prelude::*;
use openapi::tenancy::Locale;

const SOURCES: [(Locale, &str); 3] = [
    (Locale::PtBr, include_str!("pt-BR.ftl")),
    (Locale::Es, include_str!("es.ftl")),
    (Locale::En, include_str!("en.ftl")),
];

fn bundle(locale: Locale) -> FluentBundle<FluentResource> {
    let (_, source) = SOURCES
        .iter()
        .find(|(l, _)| *l == locale)
        .copied()
        .unwrap_or(SOURCES[0]);
    let language = locale.as_str().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new(vec![language]);
    // No Unicode isolation marks around arguments: they would show in tests and copies.
    bundle.set_use_isolating(false);
    if let Ok(resource) = FluentResource::try_new(source.to_owned()) {
        let _ = bundle.add_resource(resource);
    }
    bundle
}

thread_local! {
    static BUNDLES: HashMap<&'static str, FluentBundle<FluentResource>> =
        SOURCES.iter().map(|(l, _)| (l.as_str(), bundle(*l))).collect();
}

/// The message `key` in `locale`, with `args`; the key itself when it is missing.
pub fn message(locale: Locale, key: &str, args: &[(&str, String)]) -> String {
    BUNDLES.with(|bundles| {
        let Some(bundle) = bundles.get(locale.as_str()) else {
            return key.to_owned();
        };
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            return key.to_owned();
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            // Whole numbers go as numbers, so plural forms ("1 order", "2 orders") apply.
            match value.parse::<i64>() {
                Ok(number) => fluent_args.set(*name, number),
                Err(_) => fluent_args.set(*name, value.clone()),
            }
        }
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned()
    })
}

/// The language the app speaks now, shared through context.
#[derive(Clone, Copy)]
pub struct I18n(pub RwSignal<Locale>);

impl I18n {
    pub fn provide(initial: Locale) -> I18n {
        let i18n = I18n(RwSignal::new(initial));
        provide_context(i18n);
        // Mirrored for the API client, which asks the server to answer in it (problems,
        // findings, reasons), outside any reactive scope.
        Effect::new(move |_| SPOKEN.with(|spoken| spoken.set(Some(i18n.0.get()))));
        i18n
    }

    pub fn get() -> I18n {
        use_context::<I18n>().unwrap_or_else(|| I18n::provide(Locale::PtBr))
    }

    pub fn locale(&self) -> Locale {
        self.0.get()
    }
}

thread_local! {
    static SPOKEN: std::cell::Cell<Option<Locale>> = const { std::cell::Cell::new(None) };
}

/// The language the app speaks now, for the `Accept-Language` of its requests.
pub fn spoken() -> Option<Locale> {
    SPOKEN.with(|spoken| spoken.get())
}

const SAVED_KEY: &str = "retaguarda.locale";

/// The language this browser's member chose (not a secret: kept in localStorage).
pub fn saved_locale() -> Option<Locale> {
    let storage = window().local_storage().ok().flatten()?;
    storage
        .get_item(SAVED_KEY)
        .ok()
        .flatten()
        .and_then(|text| Locale::parse(&text))
}

pub fn save_locale(locale: Locale) {
    if let Some(storage) = window().local_storage().ok().flatten() {
        let _ = storage.set_item(SAVED_KEY, locale.as_str());
    }
}

impl I18n {
    /// After signing in: the member's choice, else the store's language.
    pub fn settle(&self, store: Option<Locale>) {
        if let Some(locale) = saved_locale().or(store) {
            self.0.set(locale);
        }
    }
}

/// `t("nav-orders")` in the current language (reactive inside views).
pub fn t(key: &'static str) -> String {
    message(I18n::get().locale(), key, &[])
}

/// The message `key` when the app has one, else `fallback` (a name the API gives, such as an
/// event's, shown as it is where the app has no words for it).
pub fn t_or(key: &str, fallback: &str) -> String {
    let text = message(I18n::get().locale(), key, &[]);
    if text == key {
        fallback.to_owned()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_message() {
        let keys = |source: &str| -> Vec<String> {
            let mut keys: Vec<String> = source
                .lines()
                .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim().to_owned()))
                .collect();
            keys.sort();
            keys
        };
        let reference = keys(SOURCES[0].1);
        for (locale, source) in SOURCES {
            assert_eq!(keys(source), reference, "{}", locale.as_str());
        }
        assert_eq!(
            message(Locale::Es, "error", &[("message", "x".into())]),
            "Algo salió mal: x"
        );
        let orders = |n: &str| message(Locale::En, "dashboard-orders", &[("count", n.into())]);
        assert_eq!(
            (orders("1"), orders("2")),
            ("1 order".into(), "2 orders".into())
        );
    }
}
