//! Cross-module rules read from the source: a module queries only its own tables and reaches
//! another module's through that module's service; CSV is written only by `csv_export`.

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

/// (module folder, tables of other modules it must not query)
const RULES: &[(&str, &[&str])] = &[
    (
        "inventory",
        &[
            "variant",
            "product",
            "kit_component",
            "sales_channel",
            "supplier",
            "supplier_variant",
            "product_channel",
            "tenant",
            "member",
            "user",
        ],
    ),
    (
        "orders",
        &[
            "tenant",
            "member",
            "user",
            "variant",
            "product",
            "sales_channel",
            "stock_level",
            "stock_movement",
            "reservation",
            "location",
            "channel_buffer",
        ],
    ),
    (
        "catalog",
        &[
            "stock_level",
            "stock_movement",
            "reservation",
            "location",
            "channel_buffer",
            "purchase_order",
            "purchase_order_line",
            "member",
            "user",
        ],
    ),
    // A member's API keys and sessions change only through the auth service.
    ("tenancy", &["api_key", "refresh_token"]),
];

#[test]
fn modules_query_only_their_own_tables() {
    let root = crate::harness::workspace().join("api/src");
    let mut offences = Vec::new();
    for (module, foreign) in RULES {
        let mut files = Vec::new();
        sources(&root.join(module), &mut files);
        assert!(!files.is_empty(), "no sources under {module}");
        for (path, text) in &files {
            for table in *foreign {
                if text.contains(&format!("{table}::Entity")) {
                    offences.push(format!("{path} queries `{table}`"));
                }
            }
        }
    }
    assert!(
        offences.is_empty(),
        "call the owning module's service instead:\n{}",
        offences.join("\n")
    );
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
