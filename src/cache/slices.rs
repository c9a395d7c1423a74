//! A folder's figures sliced by code, so that `show CODE` on a fresh cache reads one code's rows
//! instead of every document.
//!
//! Of each document the cache keeps a head: the document without its text, with only the two
//! tables `show` reads (the functional and the economic table of all funds, as `scope_table`
//! chooses them in the whole document), and of their rows only the first (a table without rows
//! is not chosen: the first keeps the choice the same). A code's part adds the rows printing that
//! code. Named MessagePack, like the shards: the document's types skip empty fields, which a
//! positional encoding cannot. The documents rebuilt from a head and one code's rows give `show CODE` exactly what the
//! whole documents give it: tests compare the two outputs byte for byte.

use super::fresh::Fresh;
use super::write::Writer;
use crate::core::collection::Collection;
use crate::core::compare::{scope_table, Scope};
use crate::core::document::{Department, Document, DocumentKind, Row, Table, TableSection};
use crate::core::parallel::for_each_in_order;
use crate::core::tree::Classification;
use foldhash::{HashMap, HashMapExt};
use serde::{Deserialize, Serialize};

const TABLES: &str = "slices/tables";
/// The heads are in this many parts, decoded on every core.
const HEAD_PARTS: usize = 8;

fn heads_part(k: usize) -> String {
    format!("slices/heads/{k}")
}

fn code_part(code: &str) -> String {
    format!("slices/code/{code}")
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
    /// The kept tables in the document's order: head id, title (which names the department,
    /// so it is not in the shared head) and the rows always kept.
    tables: Vec<(u32, String, Vec<Placed>)>,
}

/// (document, kept table's position, row) for every row printing one code.
type CodeRows = Vec<(u32, u8, Placed)>;
/// Where a coded row is: its code's index, its document, kept table, section and row.
type Place = (u32, u32, u8, u16, u32);
/// What a `CodeRows` entry is written from: the row borrowed.
type CodeRow<'a> = (u32, u8, (u16, u32, &'a Row));

/// Writes the parts: the table heads, the documents' heads, and one part per code.
pub fn write(c: &Collection, w: &mut Writer) -> Option<()> {
    // The distinct table heads (a table without its rows): a folder of one template has few.
    let mut tables: Vec<Table> = Vec::new();
    // The heads of one part at a time, written when it is full.
    let per = per_part(c.documents.len());
    let mut heads: Vec<Head> = Vec::with_capacity(per);
    let mut part = 0;
    let mut interned: HashMap<Vec<u8>, u32> = HashMap::new();
    // Where each coded row is: (its code's index, document, kept table, section, row), 16
    // bytes, the rows themselves borrowed when their code's part is encoded (a vector per code
    // held as much again in growth).
    let mut code_ids: HashMap<&str, u32> = HashMap::new();
    let mut code_texts: Vec<&str> = Vec::new();
    let mut places: Vec<Place> = Vec::new();
    let mut kept_of: Vec<Vec<&Table>> = Vec::with_capacity(c.documents.len());
    for (d, doc) in c.documents.iter().enumerate() {
        let mut kept = Vec::new();
        kept_of.push(kept_tables(doc));
        for (t, &table) in kept_of[d].iter().enumerate() {
            let head = head_of(table);
            let bytes = rmp_serde::to_vec_named(&head).ok()?;
            let id = *interned.entry(bytes).or_insert_with(|| {
                tables.push(head);
                tables.len() as u32 - 1
            });
            let mut always = Vec::new();
            let mut first = true;
            for (s, section) in table.sections().into_iter().enumerate() {
                for (r, row) in section.rows.iter().enumerate() {
                    if let Some(code) = row.code.as_deref() {
                        let next = code_texts.len() as u32;
                        let id = *code_ids.entry(code).or_insert_with(|| {
                            code_texts.push(code);
                            next
                        });
                        places.push((id, d as u32, t as u8, s as u16, r as u32));
                    }
                    if first {
                        always.push((s as u16, r as u32, row.clone()));
                    }
                    first = false;
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
        if heads.len() == per || d + 1 == c.documents.len() {
            w.extra(&heads_part(part), &rmp_serde::to_vec_named(&heads).ok()?)?;
            heads.clear();
            part += 1;
        }
    }
    w.extra(TABLES, &rmp_serde::to_vec_named(&tables).ok()?)?;
    // A few codes at a time (a code's part can hold a row of every document), encoded on every
    // core and written before the next.
    // By code, each code's rows in the documents' order.
    places.sort_unstable();
    let mut codes: Vec<(&str, &[Place])> = places
        .chunk_by(|a, b| a.0 == b.0)
        .map(|rows| (code_texts[rows[0].0 as usize], rows))
        .collect();
    codes.sort_unstable_by_key(|(code, _)| *code);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    for_each_in_order(
        &codes,
        cores,
        |(_, rows)| {
            let rows = rows
                .iter()
                .map(|&(_, d, t, s, r)| {
                    let table = kept_of[d as usize][t as usize];
                    let row = table.each_section().nth(s as usize)?.rows.get(r as usize)?;
                    Some((d, t, (s, r, row)))
                })
                .collect::<Option<Vec<CodeRow>>>()?;
            rmp_serde::to_vec_named(&rows).ok()
        },
        |(code, _), bytes| w.extra(&code_part(code), &bytes.ok_or(())?).ok_or(()),
    )
    .ok()
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
/// so that `show` sums a handful of rows per document instead of whole trees. Each whole
/// document is dropped once its light one is made, so that the two are never all in memory.
pub fn light(c: Collection, code: &str) -> Collection {
    let documents = c
        .documents
        .into_iter()
        .map(|doc| {
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
        })
        .collect();
    Collection {
        documents,
        errors: c.errors,
    }
}

/// Documents per heads part.
fn per_part(documents: usize) -> usize {
    documents.div_ceil(HEAD_PARTS).max(1)
}

/// The collection `show CODE` needs, from a fresh cache: every document, each with its kept
/// tables holding the rows always kept and the rows of `code`. `None` when a part is missing
/// or does not decode (the caller then loads the whole folder).
pub fn for_code(fresh: &mut Fresh, code: &str) -> Option<Collection> {
    let tables: Vec<Table> = rmp_serde::from_slice(&fresh.part(TABLES)?).ok()?;
    let mut rows: CodeRows = match fresh.part_if_any(&code_part(code))? {
        Some(bytes) => rmp_serde::from_slice(&bytes).ok()?,
        // No document prints the code: the heads alone say so.
        None => Vec::new(),
    };
    rows.sort_by_key(|(d, t, (s, r, _))| (*d, *t, *s, *r));
    let per = per_part(fresh.documents);
    let parts = (0..fresh.documents.div_ceil(per))
        .map(|k| fresh.part(&heads_part(k)))
        .collect::<Option<Vec<_>>>()?;
    // Each part's documents with their rows of the code, on every core.
    let by_part: Vec<Option<Vec<Document>>> = crate::core::parallel::map(&parts, |k, bytes| {
        let heads: Vec<Head> = rmp_serde::from_slice(bytes).ok()?;
        let first = (k * per) as u32;
        let from = rows.partition_point(|r| r.0 < first);
        let to = rows.partition_point(|r| r.0 < first + heads.len() as u32);
        let mut mine = rows[from..to].iter().peekable();
        let mut documents = Vec::with_capacity(heads.len());
        for (i, mut head) in heads.into_iter().enumerate() {
            let d = first + i as u32;
            let mut kept = Vec::with_capacity(head.tables.len());
            for (t, (id, title, mut placed)) in
                std::mem::take(&mut head.tables).into_iter().enumerate()
            {
                while let Some((_, _, p)) = mine.next_if(|r| r.0 == d && r.1 as usize == t) {
                    placed.push(p.clone());
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
    // The rows' documents must all be there.
    if rows.last().is_some_and(|r| r.0 as usize >= documents.len()) {
        return None;
    }
    Some(Collection {
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
