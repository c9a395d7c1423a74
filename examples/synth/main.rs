//! `cargo run --release --example synth -- --departments N --years 2023,2024 --seed S --out DIR`
//! writes synthetic disclosures for benchmarks and tests (never for reading as real data).

mod generate;

use clap::Parser;

#[derive(Parser)]
#[command(about = "Write synthetic department budget documents in the yusuan format")]
struct Args {
    #[arg(long, default_value_t = 100)]
    departments: usize,
    /// Comma-separated fiscal years.
    #[arg(long, value_delimiter = ',', default_values_t = [2023, 2024])]
    years: Vec<i32>,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    #[arg(long)]
    out: std::path::PathBuf,
}

fn main() {
    let args = Args::parse();
    match generate::write_all(&args.out, args.departments, &args.years, args.seed) {
        Ok(n) => eprintln!("wrote {n} documents to {}", args.out.display()),
        Err(e) => {
            eprintln!("synth: error: {}: {e}", args.out.display());
            std::process::exit(2);
        }
    }
}
