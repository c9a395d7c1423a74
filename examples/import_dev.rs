//! Development aid: import one file and print the report and the document as JSON, before the
//! loader's validation (whose verdict is printed last).
fn main() {
    let path = std::env::args().nth(1).expect("a file");
    let bytes = std::fs::read(&path).expect("readable");
    match yusuan::import::import_unchecked(&path, &bytes) {
        Ok((doc, report)) => {
            println!("{}", serde_json::to_string_pretty(&report).unwrap());
            println!("{}", serde_json::to_string_pretty(&doc).unwrap());
            if let Err(e) = yusuan::core::load::accept(&path, doc) {
                println!("INVALID: {e}");
            }
        }
        Err(e) => eprintln!("{e}"),
    }
}
