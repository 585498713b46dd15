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
