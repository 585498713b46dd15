//! Writing CSV files for download. Every export goes through [`write`], which neutralises the
//! cells a spreadsheet would run as a formula (OWASP's CSV injection rule); [`restore`] is its
//! inverse, which the importer applies to every value so an exported file imports unchanged.

use std::borrow::Cow;

/// The first characters that make a spreadsheet read a cell as a formula (tab and carriage
/// return because some spreadsheets drop them and read what follows).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Writes a header and rows as CSV text, every cell through [`neutralise`].
pub fn write(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    // Writing into memory cannot fail but for a bug; a broken row is dropped, not a panic.
    let _ = writer.write_record(header);
    for row in rows {
        let _ = writer.write_record(row.iter().map(|cell| neutralise(cell).into_owned()));
    }
    writer.into_inner().unwrap_or_default()
}

/// The cell as written: a single quote before a cell that starts with a formula character, so
/// a spreadsheet shows it as text. A plain number (`-5`, `-12.50`) is left alone: spreadsheets
/// read it as a number, never a formula, and a quote would turn the negative quantities of a
/// file into text. A cell that already starts with quotes before a formula character gets one
/// more, so that [`restore`] can tell the quote it adds from one that was there.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if is_plain_number(cell) || !cell.trim_start_matches('\'').starts_with(FORMULA_STARTS) {
        Cow::Borrowed(cell)
    } else {
        Cow::Owned(format!("'{cell}"))
    }
}

/// The value a neutralised cell stood for: a leading quote followed by (more quotes and) a
/// formula character is dropped. Exactly undoes [`neutralise`].
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

/// `-`, digits, and optionally `.` and digits: what the exports write for numbers.
fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    [whole, fraction]
        .iter()
        .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_that_starts_a_formula_gets_a_quote() {
        for (cell, written) in [
            (
                "=HYPERLINK(\"http://evil\",\"x\")",
                "'=HYPERLINK(\"http://evil\",\"x\")",
            ),
            ("+1+1", "'+1+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tcmd", "'\tcmd"),
            ("\rcmd", "'\rcmd"),
            ("-", "'-"),
            ("-.5", "'-.5"),
            ("-5.", "'-5."),
            ("'=1", "''=1"),
        ] {
            assert_eq!(neutralise(cell), written, "{cell:?}");
        }
    }

    #[test]
    fn plain_numbers_and_ordinary_text_are_written_as_they_are() {
        for cell in [
            "-5", "-12.50", "0", "59.90", "Camiseta", "a=b", "CAM-P", "", "'quoted", "'",
        ] {
            assert_eq!(neutralise(cell), cell, "{cell:?}");
        }
    }

    #[test]
    fn restore_undoes_neutralise() {
        for cell in [
            "=1+1", "+1", "-2+3", "@x", "\tx", "\rx", "-5", "-12.50", "'=1", "''@x", "'", "'x",
            "''", "plain", "", "-", "'-5",
        ] {
            assert_eq!(restore(&neutralise(cell)), cell, "{cell:?}");
        }
    }

    #[test]
    fn the_file_is_csv_with_every_cell_neutralised() {
        let file = write(
            &["name", "quantity"],
            [
                vec![
                    "=HYPERLINK(\"http://evil\",\"x\")".to_owned(),
                    "-5".to_owned(),
                ],
                vec!["Caneca".to_owned(), "3".to_owned()],
            ],
        );
        assert_eq!(
            String::from_utf8(file).unwrap_or_default(),
            "name,quantity\n\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",-5\nCaneca,3\n"
        );
    }
}
