//! What of a document is worth finding: tree nodes (in code order), then each table's rows,
//! 三公 columns, performance projects and indicators, the glossary and the narrative's titles.

use super::{Item, Target};
use crate::core::compare::{Comparer, Scope};
use crate::core::document::*;
use crate::core::lang::{Phrase, Term};
use crate::core::tree::{Classification, Tree, TOTAL};
use foldhash::{HashMap, HashMapExt};

/// Everything of one document worth finding, trees first (in code order), then tables in order.
pub fn items_of(doc: &Document, doc_index: usize) -> Vec<Item> {
    let mut items = Vec::new();
    let base = |code: &str, name: &str, place: Phrase, target: Target| Item {
        doc: doc_index,
        code: code.to_string(),
        name: name.to_string(),
        place,
        tables: Vec::new(),
        target,
        year: doc.fiscal_year,
        amount: None,
        prev_amount: None,
    };
    let classes = tree_items(doc, &base, &mut items);
    for table in &doc.tables {
        match table.kind {
            TableKind::Performance => performance_items(doc, table, &base, &mut items),
            TableKind::Sangong => sangong_items(doc, table, &base, &mut items),
            _ => row_items(doc, table, &classes, &base, &mut items),
        }
    }
    for item in items.iter_mut() {
        if matches!(item.target, Target::Node { .. }) && !item.tables.is_empty() {
            item.place = Phrase::new(Term::PlaceWithTables)
                .phrase(item.place.clone())
                .data(item.tables.join(" "));
        }
    }
    for (i, g) in doc.glossary.iter().enumerate() {
        items.push(base(
            "",
            &g.term,
            Term::PlaceGlossary.into(),
            Target::Glossary { index: i },
        ));
    }
    for (i, s) in doc.sections.iter().enumerate() {
        let place = Phrase::new(Term::PlaceSection).data(s.number.clone());
        items.push(base(
            "",
            &s.title,
            place,
            Target::Narrative { section_index: i },
        ));
    }
    items
}

/// Every node of both trees but the total, with the tables printing it and its amounts; returns
/// the functional 类 by name, to merge summary rows that repeat them (表一 支出 side).
fn tree_items(
    doc: &Document,
    base: &dyn Fn(&str, &str, Phrase, Target) -> Item,
    items: &mut Vec<Item>,
) -> HashMap<String, usize> {
    let mut classes: HashMap<String, usize> = HashMap::new();
    for classification in [Classification::Functional, Classification::Economic] {
        let tree = Tree::build(doc, classification);
        if tree.is_empty() {
            continue;
        }
        let comparer = Comparer::new(doc, &tree, Scope::AllFunds);
        for (i, node) in tree.nodes.iter().enumerate().filter(|&(i, _)| i != TOTAL) {
            let mut tables: Vec<String> = Vec::new();
            for c in &node.cells {
                if !tables.iter().any(|t| *t == c.table) {
                    tables.push(c.table.to_string());
                }
            }
            let place = Phrase::new(Term::PlaceNode)
                .phrase(classification.term().into())
                .phrase(crate::core::tree::level_term(node.level).into());
            let target = Target::Node {
                classification,
                code: node.code.clone(),
            };
            let cmp = comparer.get(i);
            if classification == Classification::Functional && node.level == 1 {
                classes.insert(node.name.clone(), items.len());
            }
            items.push(Item {
                tables,
                amount: cmp.cur.as_ref().map(|v| v.amount),
                prev_amount: cmp.prev.as_ref().map(|v| v.amount),
                ..base(&node.code, &node.name, place, target)
            });
        }
    }
    classes
}

/// The named rows of a table that the trees do not already hold; a summary row repeating a 类
/// with the same amount only adds its table to the 类's item.
fn row_items(
    doc: &Document,
    table: &Table,
    classes: &HashMap<String, usize>,
    base: &dyn Fn(&str, &str, Phrase, Target) -> Item,
    items: &mut Vec<Item>,
) {
    let kind = table.kind;
    let coded = matches!(kind, TableKind::Functional | TableKind::Economic);
    for s in table.sections() {
        let (cur, prev) = total_columns(doc, &s);
        for (ri, row) in s.rows.iter().enumerate() {
            let Some(name) = row.name.as_deref().filter(|n| !n.trim().is_empty()) else {
                continue;
            };
            // Coded rows and their totals are the tree's.
            if coded && (row.code.is_some() || row.role == RowRole::Total) {
                continue;
            }
            let amount = cur.and_then(|k| row.cells.get(k)).copied();
            let prev_amount = prev.and_then(|k| row.cells.get(k)).copied();
            if let Some(&ci) = classes.get(name) {
                let class = &mut items[ci];
                if kind == TableKind::Summary && class.amount == amount {
                    if !class.tables.contains(&table.id) {
                        class.tables.push(table.id.clone());
                    }
                    continue;
                }
            }
            let place = match s.name {
                Some(side) => Phrase::plain(format!("{} {side}", table.id)),
                None => Phrase::plain(table.id.clone()),
            };
            let target = Target::TableRow {
                table_id: table.id.clone(),
                section: s.name.map(str::to_string),
                row_index: ri,
            };
            items.push(Item {
                tables: vec![table.id.clone()],
                amount,
                prev_amount,
                ..base(row.code.as_deref().unwrap_or(""), name, place, target)
            });
        }
    }
}

/// The keys of a section's total-measure columns for the fiscal year and the year before.
pub(super) fn total_columns<'a>(
    doc: &Document,
    s: &SectionView<'a>,
) -> (Option<&'a str>, Option<&'a str>) {
    let find = |year: i32| {
        s.columns
            .iter()
            .find(|c| c.measure == Measure::Total && c.year_in(doc) == year)
            .map(|c| c.key.as_str())
    };
    (find(doc.fiscal_year), find(doc.fiscal_year - 1))
}

/// 三公: each current-year column of each row is a line of its own (公务接待费), with the same
/// measure's prior-year column beside it.
pub(super) fn sangong_items(
    doc: &Document,
    table: &Table,
    base: &dyn Fn(&str, &str, Phrase, Target) -> Item,
    items: &mut Vec<Item>,
) {
    for s in table.sections() {
        for (ri, row) in s.rows.iter().enumerate() {
            for col in s
                .columns
                .iter()
                .filter(|c| c.year_in(doc) == doc.fiscal_year)
            {
                let prev = s
                    .columns
                    .iter()
                    .find(|c| c.measure == col.measure && c.year_in(doc) == doc.fiscal_year - 1);
                let label = match col.header.as_str() {
                    // "小计" says nothing alone: name it by its group (公务用车购置及运行费).
                    "小计" => col
                        .group
                        .as_deref()
                        .and_then(|g| g.rsplit(" / ").next())
                        .unwrap_or("小计")
                        .to_string(),
                    "合计" => "“三公”经费合计".to_string(),
                    h => h.to_string(),
                };
                let name = match row.name.as_deref() {
                    Some(n) if row.role != RowRole::Total && !n.is_empty() => {
                        format!("{n} {label}")
                    }
                    _ => label,
                };
                let target = Target::TableCell {
                    table_id: table.id.clone(),
                    section: s.name.map(str::to_string),
                    row_index: ri,
                    column: col.key.to_string(),
                };
                items.push(Item {
                    tables: vec![table.id.clone()],
                    amount: row.cells.get(&col.key).copied(),
                    prev_amount: prev.and_then(|p| row.cells.get(&p.key)).copied(),
                    ..base(
                        "",
                        &name,
                        Phrase::new(Term::PlaceSangong).data(table.id.clone()),
                        target,
                    )
                });
            }
        }
    }
}

/// A performance table: the project (code and name from 项目名称 "5001…-name", or the table's
/// title for a department's overall table) with its funds, then each indicator.
pub(super) fn performance_items(
    doc: &Document,
    table: &Table,
    base: &dyn Fn(&str, &str, Phrase, Target) -> Item,
    items: &mut Vec<Item>,
) {
    let Some(perf) = &table.performance else {
        return;
    };
    let field = perf.fields.iter().find(|f| f.label == "项目名称");
    let (code, name) = match field.map(|f| f.value.split_once('-')) {
        Some(Some((code, name))) if code.bytes().all(|b| b.is_ascii_alphanumeric()) => (code, name),
        _ => ("", field.map_or(table.title.as_str(), |f| f.value.as_str())),
    };
    let amount = table.sections().into_iter().find_map(|s| {
        let (cur, _) = total_columns(doc, &s);
        s.rows.iter().find_map(|r| cur.and_then(|k| r.cells.get(k)))
    });
    items.push(Item {
        tables: vec![table.id.clone()],
        amount: amount.copied(),
        ..base(
            code,
            name,
            Phrase::new(Term::PlaceProject).data(table.id.clone()),
            Target::Project {
                table_id: table.id.clone(),
            },
        )
    });
    for (i, ind) in perf.indicators.iter().enumerate() {
        let target = Target::Indicator {
            table_id: table.id.clone(),
            index: i,
        };
        let mut item = base(
            "",
            &ind.name,
            Phrase::new(Term::PlaceIndicator).data(table.id.clone()),
            target,
        );
        item.tables = vec![table.id.clone()];
        items.push(item);
    }
}
