//! Rules read from the source: CSV is written only by `csv_export` (module boundaries are
//! `layers`).

use std::path::Path;

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push((
                path.display().to_string(),
                std::fs::read_to_string(&path).unwrap(),
            ));
        }
    }
}

#[test]
fn csv_files_are_written_only_through_csv_export() {
    let root = crate::harness::workspace().join("api/src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    let offences: Vec<&String> = files
        .iter()
        .filter(|(path, text)| {
            !path.ends_with("csv_export.rs")
                && (text.contains("csv::Writer") || text.contains("WriterBuilder"))
        })
        .map(|(path, _)| path)
        .collect();
    assert!(
        offences.is_empty(),
        "write CSV with `csv_export::write`, which neutralises formula cells: {offences:?}"
    );
}

/// Literals of a service that may read like sentences without being shown to anyone: (file
/// ending, literal).
const NOT_SENTENCES: &[(&str, &str)] = &[];

/// The string literals of Rust source before its tests (`#[cfg(test)]`), comments skipped.
fn string_literals(source: &str) -> Vec<String> {
    let code = source.split("#[cfg(test)]").next().unwrap_or_default();
    let mut literals = Vec::new();
    let mut chars = code.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '\'' => {
                // A char literal ('a', '\n', '"'); a lifetime has no closing quote soon.
                let ahead: String = chars.clone().take(3).collect();
                if ahead.starts_with('\\') {
                    chars.nth(2);
                } else if ahead.chars().nth(1) == Some('\'') {
                    chars.nth(1);
                }
            }
            '"' => {
                let mut literal = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => literal.push(c),
                    }
                }
                literals.push(literal);
            }
            _ => {}
        }
    }
    literals
}

/// Words that begin with a capital or end a sentence, two words or more, that are not SQL:
/// what a person would read.
fn reads_like_a_sentence(literal: &str) -> bool {
    let words: Vec<&str> = literal.split_whitespace().collect();
    let sql = ["SELECT", "UPDATE", "INSERT", "DELETE", "WITH", "CREATE"]
        .iter()
        .any(|keyword| literal.contains(keyword));
    words.len() >= 2
        && !sql
        && (literal.starts_with(|c: char| c.is_uppercase())
            || literal.trim_end().ends_with(['.', '!', '?']))
}

#[test]
fn services_hold_no_sentences_for_people() {
    let root = crate::harness::workspace().join("api/src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    let mut offences = Vec::new();
    for (path, text) in &files {
        // The services, and the checks whose findings an order keeps.
        let service = path.contains("/service/")
            || path.ends_with("/service.rs")
            || path.ends_with("orders/verification.rs");
        if !service {
            continue;
        }
        for literal in string_literals(text) {
            let allowed = NOT_SENTENCES
                .iter()
                .any(|(file, text)| path.ends_with(file) && *text == literal);
            if reads_like_a_sentence(&literal) && !allowed {
                offences.push(format!("{path}: {literal:?}"));
            }
        }
    }
    assert!(
        offences.is_empty(),
        "a service stores a message key with arguments (`api::i18n`), rendered when read, \
         never a sentence:\n{}",
        offences.join("\n")
    );
}

#[test]
fn the_sentence_test_sees_a_sentence() {
    let source = r#"
        fn f(locale: Locale) -> String { format!("Pagamento de {words} ({method}).") }
        // "A comment is not code."
        fn g<'a>(x: &'a str) -> char { '"' }
        const KEY: &str = "order.payment";
        let reason = match locale { Locale::PtBr => "Pedido cancelado", _ => "cancelled" };
    "#;
    let flagged: Vec<String> = string_literals(source)
        .into_iter()
        .filter(|l| reads_like_a_sentence(l))
        .collect();
    assert_eq!(
        flagged,
        ["Pagamento de {words} ({method}).", "Pedido cancelado"]
    );
}
