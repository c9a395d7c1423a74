//! Diagnostics for the PDF reader: `cargo run --example pdflines -- FILE.pdf [--page N] [--rules]`
//! prints each page's lines as `y  x0..x1 'text' | x0..x1 'text' …`, and with `--rules` its
//! ruling lines; `--text` prints only each line's text (for comparing with pdftotext). Control characters in the text are shown as `\u{…}`.

use std::process::ExitCode;
use std::time::Instant;

use yusuan::import::pdf;

fn shown(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || c == '\'' {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut file = None;
    let mut only_page: Option<u32> = None;
    let mut rules = false;
    let mut plain = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--page" => only_page = it.next().and_then(|n| n.parse().ok()),
            "--rules" => rules = true,
            "--text" => plain = true,
            _ => file = Some(a.clone()),
        }
    }
    let Some(file) = file else {
        eprintln!("usage: pdflines FILE.pdf [--page N] [--rules] [--text]");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(&file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{file}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let t = Instant::now();
    let (pages, stats) = match pdf::read(&bytes) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{file}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let took = t.elapsed();
    for p in pages
        .iter()
        .filter(|p| only_page.is_none_or(|n| n == p.number))
    {
        if plain {
            for l in &p.lines {
                println!("{}", shown(&l.text()));
            }
            continue;
        }
        println!("=== page {} ({:.1} x {:.1})", p.number, p.width, p.height);
        for l in &p.lines {
            let runs: Vec<String> = l
                .runs
                .iter()
                .map(|r| format!("{:.1}..{:.1} '{}'", r.x0, r.x1, shown(&r.text)))
                .collect();
            println!("{:7.2}  {}", l.y, runs.join(" | "));
        }
        if rules {
            for r in &p.rules {
                println!("rule {:.1},{:.1} - {:.1},{:.1}", r.x0, r.y0, r.x1, r.y1);
            }
        }
    }
    eprintln!("{stats:?} in {took:?}");
    ExitCode::SUCCESS
}
