//! A folder's figures sliced by code, so that `show CODE` on a fresh cache reads one code's rows
//! instead of every document.
//!
//! Of each document the cache keeps a head: the document without its text, with only the two
//! tables `show` reads (the functional and the economic table of all funds, as `scope_table`
//! chooses them in the whole document), and of their rows only the first (a table without rows
//! is not chosen: the first keeps the choice the same). A code's part adds the rows printing that
//! code, packed (`rows`). The heads are named MessagePack, like the shards: the document's types
//! skip empty fields, which a positional encoding cannot. The documents rebuilt from a head and
//! one code's rows give `show CODE` exactly what the whole documents give it: tests compare the
//! two outputs byte for byte.

use super::fresh::Fresh;
use super::rows::{Packed, Placed as CodeRow};
use super::write::Writer;
use crate::core::collection::Collection;
use crate::core::compare::{scope_table, Scope};
use crate::core::document::{Department, Document, DocumentKind, Row, Table, TableSection};
use crate::core::tree::Classification;
use foldhash::{HashMap, HashMapExt};
use serde::{Deserialize, Serialize};

/// Documents per part: each part has its heads, its table heads and, per code, its rows of
/// that code, all made from its documents alone, so that parts are encoded on every core and
/// each document's rows are read in memory order (taking them code by code across a whole
/// folder missed the processor's cache at every row).
pub(super) const DOCS_PER_PART: usize = 1024;

fn heads_part(k: usize) -> String {
    format!("slices/heads/{k}")
}

fn tables_part(k: usize) -> String {
    format!("slices/tables/{k}")
}

fn code_part(code: &str, k: usize) -> String {
    format!("slices/code/{code}/{k}")
}

/// A row of a kept table: (section index, row index in it, the row).
type Placed = (u16, u32, Row);

#[derive(Serialize, Deserialize)]
struct Head {
    format: String,
    department: Department,
    fiscal_year: i32,
    kind: DocumentKind,
    unit: String,
    title: String,
    source: Option<String>,
    /// The kept tables in the document's order: its part's table head id, title (which names
    /// the department, so it is not in the shared head) and the rows always kept.
    tables: Vec<(u32, String, Vec<Placed>)>,
}

/// One part, encoded.
pub(super) struct Part {
    heads: Vec<u8>,
    tables: Vec<u8>,
    /// Per code its rows in this part's documents, in code order.
    codes: Vec<(String, Vec<u8>)>,
}

/// Writes part `k` (its documents from `k * DOCS_PER_PART`): their heads, the distinct table
/// heads, and one part per code they print.
pub(super) fn write_part(w: &mut Writer, k: usize, part: &Part) -> Option<()> {
    w.extra(&heads_part(k), &part.heads)?;
    w.extra(&tables_part(k), &part.tables)?;
    for (code, bytes) in &part.codes {
        w.extra(&code_part(code, k), bytes)?;
    }
    Some(())
}

/// The part of `docs`, the first being document `first` of the folder.
pub(super) fn encode_part(first: usize, docs: &[Document]) -> Option<Part> {
    // The distinct table heads (a table without its rows): a folder of one template has few.
    let mut tables: Vec<Table> = Vec::new();
    let mut interned: HashMap<Vec<u8>, u32> = HashMap::new();
    let mut heads: Vec<Head> = Vec::with_capacity(docs.len());
    let mut by_code: HashMap<&str, Vec<CodeRow<&Row>>> = HashMap::new();
    for (i, doc) in docs.iter().enumerate() {
        let d = (first + i) as u32;
        let mut kept = Vec::new();
        for (t, table) in kept_tables(doc).into_iter().enumerate() {
            let head = head_of(table);
            let bytes = rmp_serde::to_vec_named(&head).ok()?;
            let id = *interned.entry(bytes).or_insert_with(|| {
                tables.push(head);
                tables.len() as u32 - 1
            });
            let mut always = Vec::new();
            for (s, section) in table.each_section().enumerate() {
                for (r, row) in section.rows.iter().enumerate() {
                    if let Some(code) = row.code.as_deref() {
                        let place = (d, t as u8, (s as u16, r as u32, row));
                        by_code.entry(code).or_default().push(place);
                    }
                    // The table's first row (see the module's comment).
                    if always.is_empty() {
                        always.push((s as u16, r as u32, row.clone()));
                    }
                }
            }
            kept.push((id, table.title.clone(), always));
        }
        heads.push(Head {
            format: doc.format.clone(),
            department: doc.department.clone(),
            fiscal_year: doc.fiscal_year,
            kind: doc.kind,
            unit: doc.unit.clone(),
            title: doc.title.clone(),
            source: doc.source.clone(),
            tables: kept,
        });
    }
    let mut codes: Vec<(&str, Vec<CodeRow<&Row>>)> = by_code.into_iter().collect();
    codes.sort_unstable_by_key(|(code, _)| *code);
    let codes = codes
        .into_iter()
        .map(|(code, rows)| {
            Some((
                code.to_string(),
                rmp_serde::to_vec(&Packed::pack(&rows)).ok()?,
            ))
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Part {
        heads: rmp_serde::to_vec_named(&heads).ok()?,
        tables: rmp_serde::to_vec_named(&tables).ok()?,
        codes,
    })
}

/// The tables `show` reads, in the document's order (at most one per classification).
fn kept_tables(doc: &Document) -> Vec<&Table> {
    let chosen: Vec<*const Table> = [Classification::Functional, Classification::Economic]
        .into_iter()
        .filter_map(|c| scope_table(doc, c, Scope::AllFunds))
        .map(|t| t as *const Table)
        .collect();
    doc.tables
        .iter()
        .filter(|t| chosen.contains(&(*t as *const Table)))
        .collect()
}

/// The table without its title and rows, built field by field so that no row is cloned (every
/// document's two tables hold most of a folder's rows).
fn head_of(table: &Table) -> Table {
    Table {
        id: table.id.clone(),
        title: String::new(),
        kind: table.kind,
        scope: table.scope,
        unit: table.unit.clone(),
        group_header: table.group_header.clone(),
        code_header: table.code_header.clone(),
        name_header: table.name_header.clone(),
        columns: table.columns.clone(),
        rows: Vec::new(),
        sections: table
            .sections
            .iter()
            .map(|s| TableSection {
                name: s.name.clone(),
                item_header: s.item_header.clone(),
                columns: s.columns.clone(),
                rows: Vec::new(),
            })
            .collect(),
        note: table.note.clone(),
        performance: table.performance.clone(),
    }
}

/// The documents `show CODE` reads, made from whole documents: what `for_code` rebuilds from a
/// fresh cache (each document's kept tables with their first row and the rows printing `code`),
/// so that `show` sums a handful of rows per document instead of whole trees. Made on every
/// core, each whole document dropped once its light one is made, so that the two are never
/// all in memory.
pub fn light(c: Collection, code: &str) -> Collection {
    let documents = crate::core::parallel::map_owned(c.documents, |doc| {
        let tables = kept_tables(&doc)
            .into_iter()
            .map(|table| {
                let mut head = head_of(table);
                head.title = table.title.clone();
                let mut placed = Vec::new();
                // The first row, as the heads keep it.
                let mut first = true;
                for (s, section) in table.each_section().enumerate() {
                    for (r, row) in section.rows.iter().enumerate() {
                        if first || row.code.as_deref() == Some(code) {
                            placed.push((s as u16, r as u32, row.clone()));
                        }
                        first = false;
                    }
                }
                fill(head, placed).unwrap_or_else(|| table.clone())
            })
            .collect();
        // Without its text, as a head is.
        Document {
            contact: None,
            sections: Vec::new(),
            glossary: Vec::new(),
            tables,
            narrative_figures: Vec::new(),
            ..doc
        }
    });
    Collection {
        documents,
        errors: c.errors,
    }
}

/// The collection `show CODE` needs, from a fresh cache: every document, each with its kept
/// tables holding the rows always kept and the rows of `code`. `None` when a part is missing
/// or does not decode (the caller then loads the whole folder).
pub fn for_code(fresh: &mut Fresh, code: &str) -> Option<Collection> {
    // Read one after another (one file), decoded on every core.
    let parts = (0..fresh.documents.div_ceil(DOCS_PER_PART))
        .map(|k| {
            let heads = fresh.part(&heads_part(k))?;
            let tables = fresh.part(&tables_part(k))?;
            // No document of the part prints the code: its heads alone say so.
            let rows = fresh.part_if_any(&code_part(code, k))?;
            Some((heads, tables, rows))
        })
        .collect::<Option<Vec<_>>>()?;
    let by_part: Vec<Option<Vec<Document>>> =
        crate::core::parallel::map(&parts, |k, (heads, tables, rows)| {
            let heads: Vec<Head> = rmp_serde::from_slice(heads).ok()?;
            let tables: Vec<Table> = rmp_serde::from_slice(tables).ok()?;
            let mut rows = match rows {
                Some(bytes) => rmp_serde::from_slice::<Packed>(bytes).ok()?.unpack()?,
                None => Vec::new(),
            };
            rows.sort_by_key(|(d, t, (s, r, _))| (*d, *t, *s, *r));
            let first = (k * DOCS_PER_PART) as u32;
            let mut mine = rows.into_iter().peekable();
            let mut documents = Vec::with_capacity(heads.len());
            for (i, mut head) in heads.into_iter().enumerate() {
                let d = first + i as u32;
                let mut kept = Vec::with_capacity(head.tables.len());
                for (t, (id, title, mut placed)) in
                    std::mem::take(&mut head.tables).into_iter().enumerate()
                {
                    while let Some((_, _, p)) = mine.next_if(|r| r.0 == d && r.1 as usize == t) {
                        placed.push(p);
                    }
                    let mut table = tables.get(id as usize)?.clone();
                    table.title = title;
                    kept.push(fill(table, placed)?);
                }
                documents.push(document(head, kept));
            }
            // Rows of a document or table the heads do not have: not this cache's.
            mine.next().is_none().then_some(documents)
        });
    let mut documents = Vec::with_capacity(fresh.documents);
    for part in by_part {
        documents.extend(part?);
    }
    (documents.len() == fresh.documents).then_some(Collection {
        documents,
        errors: Vec::new(),
    })
}

/// A table head with its rows put back in their places, in their order.
fn fill(mut table: Table, mut placed: Vec<Placed>) -> Option<Table> {
    placed.sort_by_key(|(s, r, _)| (*s, *r));
    placed.dedup_by_key(|(s, r, _)| (*s, *r));
    for (s, _, row) in placed {
        if table.sections.is_empty() && s == 0 {
            table.rows.push(row);
        } else {
            table.sections.get_mut(s as usize)?.rows.push(row);
        }
    }
    Some(table)
}

fn document(head: Head, tables: Vec<Table>) -> Document {
    Document {
        format: head.format,
        department: head.department,
        fiscal_year: head.fiscal_year,
        kind: head.kind,
        unit: head.unit,
        title: head.title,
        source: head.source,
        contact: None,
        sections: Vec::new(),
        glossary: Vec::new(),
        tables,
        narrative_figures: Vec::new(),
    }
}
