//! The three 万里 budgets (2023, 2024, 2025) imported from their PDFs in ../shared, which the
//! project does not commit: absent, a test says SKIPPED and returns; under CI it fails.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use yusuan::core::collection::Collection;

pub const YEARS: [&str; 3] = ["shpt_wanli_2023", "shpt_wanli_2024", "shpt_wanli_2025"];

/// The PDFs, when ../shared holds them.
pub fn pdfs(test: &str) -> Option<Vec<PathBuf>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/disclosures/pdf");
    let paths: Vec<PathBuf> = YEARS.iter().map(|y| dir.join(format!("{y}.pdf"))).collect();
    if paths.iter().all(|p| p.exists()) {
        return Some(paths);
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "{test}: the 万里 PDFs are absent under CI ({})",
            dir.display()
        );
    }
    println!(
        "SKIPPED: {test}: the 万里 PDFs are absent ({})",
        dir.display()
    );
    None
}

/// A folder holding only the three PDFs (symlinks), as a user would have: `yusuan DIR`.
pub fn folder(test: &str) -> Option<PathBuf> {
    let pdfs = pdfs(test)?;
    let dir = std::env::temp_dir().join(format!("yusuan-wanli-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp folder");
    for p in pdfs {
        let to = dir.join(p.file_name().expect("a file name"));
        std::os::unix::fs::symlink(&p, &to).expect("symlink");
    }
    Some(dir)
}

/// The three years imported in memory, as `yusuan DIR` loads them.
pub fn collection(test: &str) -> Option<Collection> {
    let dir = folder(test)?;
    let c = yusuan::open::open(Some(&dir), true).expect("the 万里 PDFs import");
    let _ = std::fs::remove_dir_all(&dir);
    Some(c)
}
