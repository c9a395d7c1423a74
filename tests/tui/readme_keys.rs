//! The README's key table is the browser's key table: generated from `KEYS`, so the document a
//! newcomer reads can never drift from what the keys do.

use yusuan::cli::Lang;
use yusuan::tui::keys::{Context, KEYS};

fn expected_table() -> String {
    let mut out = String::from("| where | keys | what they do | 说明 |\n|---|---|---|---|\n");
    for b in KEYS {
        let keys = b.keys_label(true).replace('|', "\\|");
        let place = match b.context {
            Context::Global => "anywhere",
            Context::Browse => "browsing",
            Context::Input => "search / picker pane",
        };
        out.push_str(&format!(
            "| {place} | `{keys}` | {} | {} |\n",
            b.help(Lang::En),
            b.help(Lang::Zh)
        ));
    }
    out
}

#[test]
fn readme_lists_every_key_of_the_key_table() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let table = expected_table();
    assert!(
        readme.contains(&table),
        "README.md's key table is out of date; it should read:\n\n{table}"
    );
}
