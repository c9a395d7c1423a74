//! The core against the data: the bundled document, the seed text, other templates, folders, search ranking.
//! One test binary with a module per concern (one link instead of one per file).

#[path = "../../examples/synth/generate.rs"]
mod generate;
#[path = "../common/wanli.rs"]
mod wanli;

mod bundled_loads;
mod cache;
mod cache_search;
mod cached_documents;
mod collection;
mod fresh;
mod other_templates;
mod parquet;
#[path = "../common/run.rs"]
mod run;
mod search_rank;
mod seed_fidelity;
mod stream;
mod years;
