//! The catalogues (`pt-BR.ftl`, `es.ftl`, `en.ftl`) and rendering a `Message` in one of them.

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use openapi::format;
use openapi::tenancy::Locale;

use super::message::{Arg, Message};

/// Each language's catalogue.
pub const SOURCES: [(Locale, &str); 3] = [
    (Locale::PtBr, include_str!("pt-BR.ftl")),
    (Locale::Es, include_str!("es.ftl")),
    (Locale::En, include_str!("en.ftl")),
];

type Bundle = FluentBundle<FluentResource>;

static BUNDLES: LazyLock<Vec<(Locale, Bundle)>> = LazyLock::new(|| {
    SOURCES
        .iter()
        .map(|(locale, source)| (*locale, bundle(*locale, source)))
        .collect()
});

fn bundle(locale: Locale, source: &str) -> Bundle {
    let language = locale.as_str().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![language]);
    // No Unicode isolation marks around arguments: they would show in copies and tests.
    bundle.set_use_isolating(false);
    // A catalogue that does not parse leaves its messages missing, which the tests catch.
    if let Ok(resource) = FluentResource::try_new(source.to_owned()) {
        let _ = bundle.add_resource(resource);
    }
    bundle
}

/// The message in `locale`; its key when the catalogue lacks it (a test catches that).
pub fn render(message: &Message, locale: Locale) -> String {
    let Some((_, bundle)) = BUNDLES.iter().find(|(l, _)| *l == locale) else {
        return message.key.clone();
    };
    let id = message.key.replace('.', "-");
    let Some(pattern) = bundle.get_message(&id).and_then(|m| m.value()) else {
        return message.key.clone();
    };
    let mut args = FluentArgs::new();
    for (name, arg) in &message.args {
        args.set(name.as_str(), value(arg, locale));
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
    if !errors.is_empty() {
        tracing::warn!(key = %message.key, ?errors, "a message rendered with errors");
    }
    text.into_owned()
}

fn value(arg: &Arg, locale: Locale) -> FluentValue<'static> {
    match arg {
        Arg::Number(number) => FluentValue::from(*number),
        Arg::Text(text) => FluentValue::from(text.clone()),
        Arg::Money { money, currency } => {
            FluentValue::from(format::money(*money, *currency, locale))
        }
        Arg::Joined { items, separator } => FluentValue::from(
            items
                .iter()
                .map(|message| render(message, locale))
                .collect::<Vec<_>>()
                .join(separator),
        ),
        Arg::Message(message) => FluentValue::from(render(message, locale)),
        Arg::List(messages) => FluentValue::from(
            messages
                .iter()
                .map(|message| render(message, locale))
                .collect::<Vec<_>>()
                .join(" "),
        ),
    }
}

/// Whether the catalogue of `locale` has the message `id` (for the tests).
pub fn has_message(locale: Locale, id: &str) -> bool {
    BUNDLES
        .iter()
        .any(|(l, bundle)| *l == locale && bundle.has_message(id))
}
