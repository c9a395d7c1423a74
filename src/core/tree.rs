//! Classification trees (功能分类 208 → 20801 → 2080101; 经济分类 301 → 30101), built from every
//! table coded by that classification. Each node carries every amount printed for its code.

use super::amount::Amount;
use super::cells::Key;
use super::document::*;
use super::interned::Interned;
use super::lang::{term, Lang, Term};
use super::load::parent_code;
use foldhash::{HashMap, HashMapExt};

/// The two classifications of spending. Serialised (JSON, CSV) as "functional" / "economic".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Classification {
    Functional,
    Economic,
}

impl Classification {
    /// The word scripts read: "functional" or "economic" (what serde writes, too).
    pub fn as_str(self) -> &'static str {
        match self {
            Classification::Functional => "functional",
            Classification::Economic => "economic",
        }
    }

    /// The classification whose table is of this kind, if any.
    pub fn of_table(kind: TableKind) -> Option<Classification> {
        match kind {
            TableKind::Functional => Some(Classification::Functional),
            TableKind::Economic => Some(Classification::Economic),
            _ => None,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        term(lang, self.term())
    }

    pub fn term(self) -> Term {
        match self {
            Classification::Functional => Term::Functional,
            Classification::Economic => Term::Economic,
        }
    }

    pub fn table_kind(self) -> TableKind {
        match self {
            Classification::Functional => TableKind::Functional,
            Classification::Economic => TableKind::Economic,
        }
    }

    /// 类 / 款 / 项 for the functional classification, 类 / 款 for the economic one.
    pub fn level_name(self, level: u8, lang: Lang) -> &'static str {
        level_name(lang, level)
    }
}

/// 类 / 款 / 项 (合计 for level 0) in a language.
pub fn level_name(lang: Lang, level: u8) -> &'static str {
    term(lang, level_term(level))
}

pub fn level_term(level: u8) -> Term {
    match level {
        0 => Term::Total,
        1 => Term::Class,
        2 => Term::Subclass,
        _ => Term::Item,
    }
}

/// One printed amount: which table, which column, how much.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    // Shared, not copied: a tree holds a cell per code, table and column, and trees are built
    // for every document of a folder (search items, checks). The table's id is shared within
    // the thread that builds the tree, the column key within the process (see `cells`): a
    // string shared across threads would have its count changed by both cores at every cell.
    pub table: Interned,
    pub column: &'static str,
    pub amount: Amount,
}

#[derive(Debug, Clone)]
pub struct Node {
    /// Empty for the total row (合计).
    pub code: String,
    pub name: String,
    /// 0 for the total row, 1 for 类, 2 for 款, 3 for 项.
    pub level: u8,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// Every amount printed for this code, in table order.
    pub cells: Vec<Cell>,
    /// Other names printed for the same code in other tables, when they differ.
    pub other_names: Vec<(String, String)>,
}

impl Node {
    pub fn amount(&self, table: &str, column: &str) -> Option<Amount> {
        self.cells
            .iter()
            .find(|c| c.table == table && c.column == column)
            .map(|c| c.amount)
    }
}

#[derive(Debug, Clone)]
pub struct Tree {
    pub classification: Classification,
    /// Index 0 is the total row; codes follow in code order.
    pub nodes: Vec<Node>,
    pub roots: Vec<usize>,
    index: HashMap<String, usize>,
}

pub const TOTAL: usize = 0;

impl Tree {
    pub fn build(doc: &Document, classification: Classification) -> Tree {
        let kind = classification.table_kind();
        let mut nodes = vec![Node {
            code: String::new(),
            name: "合计".into(),
            level: 0,
            parent: None,
            children: Vec::new(),
            cells: Vec::new(),
            other_names: Vec::new(),
        }];
        let mut index: HashMap<String, usize> = HashMap::new();
        for table in doc.tables.iter().filter(|t| t.kind == kind) {
            let table_id = Interned::new(&table.id);
            for section in table.sections() {
                // Each column's key found once for the section's rows; its text is the
                // process's (see `Cell`).
                let keys: Vec<Option<Key>> =
                    section.columns.iter().map(|c| Key::new(&c.key)).collect();
                for row in section.rows {
                    let i = match (&row.code, row.role) {
                        (Some(code), _) => match index.get(code.as_str()) {
                            Some(&i) => i,
                            None => {
                                nodes.push(Node {
                                    code: code.to_string(),
                                    name: row.display_name().to_string(),
                                    level: level_of(code),
                                    parent: None,
                                    children: Vec::new(),
                                    cells: Vec::new(),
                                    other_names: Vec::new(),
                                });
                                index.insert(code.to_string(), nodes.len() - 1);
                                nodes.len() - 1
                            }
                        },
                        (None, RowRole::Total) => TOTAL,
                        (None, _) => continue,
                    };
                    let node = &mut nodes[i];
                    let name = row.display_name();
                    if i != TOTAL
                        && name != node.name
                        && !node.other_names.iter().any(|(_, n)| n == name)
                    {
                        node.other_names.push((table.id.clone(), name.to_string()));
                    }
                    // In the table's column order, not the cells' key order.
                    for key in keys.iter().flatten() {
                        if let Some(amount) = row.cells.get_by_key(*key) {
                            node.cells.push(Cell {
                                table: table_id.clone(),
                                column: key.as_str(),
                                amount: *amount,
                            });
                        }
                    }
                }
            }
        }
        let roots = link_codes(&index, |child, parent| {
            nodes[child].parent = Some(parent);
            nodes[parent].children.push(child);
        });
        Tree {
            classification,
            nodes,
            roots,
            index,
        }
    }

    pub fn get(&self, code: &str) -> Option<usize> {
        self.index.get(code).copied()
    }

    pub fn node(&self, i: usize) -> &Node {
        &self.nodes[i]
    }

    /// The path from a root to the node, inclusive: 208 › 20801 › 2080101.
    pub fn path(&self, i: usize) -> Vec<usize> {
        let mut path = vec![i];
        let mut at = i;
        while let Some(p) = self.nodes[at].parent {
            path.push(p);
            at = p;
        }
        path.reverse();
        path
    }

    /// Whether any table has the code (used to skip an empty tree).
    pub fn is_empty(&self) -> bool {
        self.roots.is_empty()
    }
}

/// Links every code to its parent code (2080101 → 20801 → 208) in code order, so that children
/// come out sorted by code; returns the codes without a parent (the roots), in code order.
/// Across tables a parent may be missing: such a code is a root rather than an error.
pub fn link_codes<S: std::hash::BuildHasher>(
    index: &std::collections::HashMap<String, usize, S>,
    mut link: impl FnMut(usize, usize),
) -> Vec<usize> {
    let mut codes: Vec<(&str, usize)> = index.iter().map(|(c, &i)| (c.as_str(), i)).collect();
    codes.sort_unstable();
    let mut roots = Vec::new();
    for (code, i) in codes {
        match parent_code(code).and_then(|p| index.get(p)) {
            Some(&p) => link(i, p),
            None => roots.push(i),
        }
    }
    roots
}

pub fn level_of(code: &str) -> u8 {
    match code.len() {
        3 => 1,
        5 => 2,
        _ => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::load::bundled;

    #[test]
    fn functional_tree_has_four_classes_and_nests_codes() {
        let doc = bundled();
        let t = Tree::build(&doc, Classification::Functional);
        let roots: Vec<&str> = t.roots.iter().map(|&i| t.node(i).code.as_str()).collect();
        assert_eq!(roots, ["208", "210", "221", "223"]);
        let n = t.get("2080101").unwrap();
        let path: Vec<&str> = t.path(n).iter().map(|&i| t.node(i).code.as_str()).collect();
        assert_eq!(path, ["208", "20801", "2080101"]);
        let node = t.node(n);
        assert_eq!(node.name, "行政运行");
        assert_eq!(node.amount("表二", "y2023").unwrap().display(), "451.66");
        assert_eq!(node.amount("表八", "total").unwrap().display(), "530.70");
        assert_eq!(
            node.amount("表八", "project"),
            None,
            "an empty cell is absent"
        );
        let c20805: Vec<&str> = t
            .node(t.get("20805").unwrap())
            .children
            .iter()
            .map(|&i| t.node(i).code.as_str())
            .collect();
        assert_eq!(c20805, ["2080505", "2080506", "2080599"]);
    }

    #[test]
    fn total_row_collects_the_printed_totals() {
        let doc = bundled();
        let t = Tree::build(&doc, Classification::Economic);
        assert_eq!(
            t.node(TOTAL).amount("表三", "total").unwrap().display(),
            "719.83"
        );
        assert_eq!(t.roots.len(), 3);
        assert_eq!(t.node(t.get("30217").unwrap()).level, 2);
    }
}
