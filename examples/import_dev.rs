//! Development aid: import one file and print the report and the document as JSON, before the
//! loader's validation (whose verdict is printed last), then the checks that do not pass.
fn main() {
    let path = std::env::args().nth(1).expect("a file");
    let bytes = std::fs::read(&path).expect("readable");
    match yusuan::import::import_unchecked(&path, &bytes) {
        Ok((doc, report)) => {
            println!("{}", serde_json::to_string_pretty(&report).unwrap());
            println!("{}", serde_json::to_string_pretty(&doc).unwrap());
            match yusuan::core::load::accept(&path, doc) {
                Err(e) => println!("INVALID: {e}"),
                Ok(doc) => {
                    let checks = yusuan::core::checks::run(&doc);
                    for c in checks
                        .iter()
                        .filter(|c| c.status != yusuan::core::checks::Status::Pass)
                    {
                        println!(
                            "CHECK {:?} {} : {}",
                            c.status,
                            c.title,
                            c.describe(Default::default())
                        );
                    }
                    println!("CHECKS {}", checks.len());
                }
            }
        }
        Err(e) => eprintln!("{e}"),
    }
}
