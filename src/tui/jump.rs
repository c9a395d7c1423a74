//! Jumping to where a search result lives: its document, its view, its row or line. The line of
//! a text view is found in the same text the view draws (`content`), so it lands on what shows.

use super::app::{App, View};
use super::i18n::Msg;
use super::layout;
use crate::core::compare::Scope;
use crate::core::document::{FundScope, TableKind};
use crate::core::search::{Item, Target};
use crate::core::tree::Classification;

/// Shows where an item lives: its document, its view, its row.
pub fn jump(app: &mut App, item: &Item) {
    app.open_document(item.doc);
    if app.current != item.doc {
        // It did not read (the status line says why): nothing to jump to.
        return;
    }
    app.sum = false;
    if app.years.department != app.doc().department.code {
        app.years.on = false;
    }
    app.mark = None;
    if let Target::Node {
        classification,
        code,
    } = &item.target
    {
        jump_to_node(app, *classification, code);
        return;
    }
    let (view, anchors) = text_target(app, item);
    app.view = view;
    let width = layout::areas(app.size, false).main.width;
    let lines: Vec<String> = app
        .text_lines(view, width)
        .iter()
        .map(|l| l.to_string())
        .collect();
    if let Some(line) = locate(&lines, &anchors) {
        app.scroll[view.index()] = line;
        app.mark = Some((view, line));
    }
}

fn jump_to_node(app: &mut App, c: Classification, code: &str) {
    app.view = match c {
        Classification::Functional => View::Functional,
        Classification::Economic => View::Economic,
    };
    if c == Classification::Functional && app.scope != Scope::AllFunds {
        let shown = app.model.functional.tree.get(code).is_some_and(|i| {
            let cmp = app.model.functional.comparer(app.scope).get(i);
            cmp.cur.is_some() || cmp.prev.is_some()
        });
        if !shown {
            app.scope = Scope::AllFunds;
        }
    }
    app.select_code(c, code);
    // The year columns stay on for the same department, on the code found.
    if app.years.on && app.years.department == app.doc().department.code {
        let scope = app.scope_of(c);
        app.years.reveal(c, scope, code);
    } else {
        app.years.on = false;
    }
}

/// What a line must contain, in order: the table's title, then the row.
#[derive(Debug, Clone)]
pub enum Anchor {
    Starts(String),
    Contains(Vec<String>),
}

fn text_target(app: &App, item: &Item) -> (View, Vec<Anchor>) {
    let doc = app.doc();
    let title = |id: &str| Anchor::Starts(format!("{id} "));
    let names = |n: &[&str]| {
        Anchor::Contains(
            n.iter()
                .filter(|s| !s.trim().is_empty())
                .map(|s| s.trim().to_string())
                .collect(),
        )
    };
    match &item.target {
        Target::Node { .. } => (View::Functional, Vec::new()),
        Target::TableRow { table_id, .. } => {
            let view = doc
                .table(table_id)
                .map(|t| match (t.kind, t.scope) {
                    (TableKind::Procurement, _) => View::Procurement,
                    (TableKind::Functional, FundScope::GovFund) => View::GovFund,
                    (TableKind::Sangong, _) => View::Sangong,
                    (TableKind::Performance, _) => View::Performance,
                    _ => View::Summary,
                })
                .unwrap_or(View::Summary);
            (view, vec![title(table_id), names(&[&item.name])])
        }
        Target::TableCell {
            table_id, column, ..
        } => {
            let header = doc
                .table(table_id)
                .and_then(|t| t.column(column))
                .map(|c| c.header.clone())
                .unwrap_or_default();
            (
                View::Sangong,
                vec![title(table_id), names(&[&item.name, &header])],
            )
        }
        Target::Project { table_id } => (View::Performance, vec![title(table_id)]),
        Target::Indicator { table_id, .. } => (
            View::Performance,
            vec![title(table_id), names(&[&item.name])],
        ),
        Target::Glossary { .. } => (
            View::Narrative,
            vec![
                Anchor::Contains(vec![app.text(Msg::Glossary).to_string()]),
                names(&[&item.name]),
            ],
        ),
        Target::Narrative { section_index } => {
            let heading = doc
                .sections
                .get(*section_index)
                .map(|s| crate::tui::content::section_heading(app, s))
                .unwrap_or_else(|| item.name.clone());
            (View::Narrative, vec![names(&[&heading, &item.name])])
        }
    }
}

/// The line of the last anchor found, each searched for after the one before; an anchor that
/// is not found (a name cut short on a narrow screen) leaves the previous one's line. Names are
/// tried whole, then by their first few characters.
pub fn locate(lines: &[String], anchors: &[Anchor]) -> Option<usize> {
    let mut found: Option<usize> = None;
    for anchor in anchors {
        let from = found.unwrap_or(0);
        let hit = |pred: &dyn Fn(&str) -> bool| {
            lines
                .iter()
                .enumerate()
                .skip(from)
                .find(|(_, l)| pred(l))
                .map(|(i, _)| i)
        };
        let at = match anchor {
            Anchor::Starts(prefix) => hit(&|l: &str| l.starts_with(prefix.as_str())),
            Anchor::Contains(options) => options
                .iter()
                .find_map(|o| hit(&|l: &str| l.contains(o.as_str())))
                .or_else(|| {
                    options.iter().find_map(|o| {
                        let head: String = o.chars().take(4).collect();
                        hit(&|l: &str| l.contains(head.as_str()))
                    })
                }),
        };
        match at {
            Some(i) => found = Some(i),
            None => break,
        }
    }
    found
}
