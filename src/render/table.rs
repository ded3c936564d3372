//! Human-readable tables, aligned by display width (Cyrillic and wide
//! characters included).

use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};

/// Renders a table with a header row.
pub fn render(header: &[String], rows: &[Vec<String>]) -> String {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header.to_vec());
    for row in rows {
        t.add_row(row.clone());
    }
    t.to_string()
}
