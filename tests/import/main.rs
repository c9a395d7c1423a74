//! Import: published disclosures (PDFs and their texts) become documents. One test binary with a
//! module per template or layer. The published inputs are read from ../shared/ and never
//! committed: without them a test says SKIPPED, and under CI it fails.

mod bad_input;
mod chongqing;
mod fuzz;
mod jiangsu;
mod juesuan;
mod pdf;
#[path = "../common/run.rs"]
mod run;
mod shanghai;
mod shiquan;
