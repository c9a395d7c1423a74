//! The detail pane's text for the selected code of a document: its comparison, every printed
//! figure, derivations, cross-references and the consistency findings that touch it.

use super::percent_text;
use crate::core::compare::Source;
use crate::core::tree::{Classification, TOTAL};
use crate::tui::app::App;
use crate::tui::i18n::{level_name, Msg};
use crate::tui::model::{cross_refs, CrossRef};
use crate::tui::text::wrap;
use crate::tui::theme::Theme;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// The pane's lines, wrapped to `width`.
pub fn lines(app: &App, c: Classification, node: usize, width: usize) -> Vec<Line<'static>> {
    let theme = Theme::new(&app.options);
    let g = theme.glyphs;
    let tree = app.tree(c);
    let Some(n) = tree.nodes.get(node) else {
        return Vec::new();
    };
    let mut out: Vec<Line<'static>> = Vec::new();
    let push_wrapped = |out: &mut Vec<Line<'static>>, text: String, style: Style| {
        for l in wrap(&text, width) {
            out.push(Line::styled(l, style));
        }
    };
    let lang = app.options.lang;
    let title = if node == TOTAL {
        n.name.clone()
    } else {
        format!("{} {} ({})", n.code, n.name, level_name(lang, n.level))
    };
    out.push(Line::styled(title, theme.total()));
    for (table, name) in &n.other_names {
        push_wrapped(&mut out, format!("  {table}: {name}"), theme.dim());
    }

    // The comparison in one line: 2023 451.66 → 2024 530.70  +79.04 (+17.50%).
    let cmp = app.comparer(c).get(node);
    let year = app.doc().fiscal_year;
    let arrow = if app.options.ascii { "->" } else { "→" };
    let amount = |v: &Option<crate::core::compare::Value>, mark: bool| match v {
        Some(v) if mark && v.is_derived() => format!("{}{}", v.amount.display(), g.derived),
        Some(v) => v.amount.display(),
        None => g.none.to_string(),
    };
    let mut spans = vec![Span::raw(format!(
        "{} {} {arrow} {} {}",
        year - 1,
        amount(&cmp.prev, true),
        year,
        amount(&cmp.cur, false)
    ))];
    if let Some(change) = cmp.change() {
        let pct = percent_text(app, cmp.percent());
        spans.push(Span::styled(
            format!("  {} ({pct})", change.display_signed()),
            theme.change_of(change.value()),
        ));
    }
    out.push(Line::from(spans));
    for (y, v) in [(year - 1, &cmp.prev), (year, &cmp.cur)] {
        if let Some(Source::Derived { how }) = v.as_ref().map(|v| &v.source) {
            push_wrapped(
                &mut out,
                format!(
                    "{} {y} {}{}{how}",
                    g.derived,
                    app.text(Msg::DerivedHow),
                    app.text(Msg::Colon)
                ),
                theme.warn(),
            );
        }
    }

    // Every printed figure, grouped by table.
    out.push(Line::styled(
        app.text(Msg::Figures).to_string(),
        theme.heading(),
    ));
    let mut tables: Vec<&str> = Vec::new();
    for cell in &n.cells {
        if !tables.contains(&cell.table.as_str()) {
            tables.push(&cell.table);
        }
    }
    for table in tables {
        let parts: Vec<String> = n
            .cells
            .iter()
            .filter(|cell| cell.table == table)
            .map(|cell| {
                let header = app
                    .doc()
                    .table(table)
                    .and_then(|t| t.column(&cell.column))
                    .map(|col| col.full_header())
                    .unwrap_or_else(|| cell.column.clone());
                format!("{header} {}", cell.amount.display())
            })
            .collect();
        push_wrapped(
            &mut out,
            format!("  {table}  {}", parts.join(&format!(" {} ", g.dot))),
            Style::new(),
        );
    }

    let refs = if node == TOTAL {
        Vec::new()
    } else {
        cross_refs(app.doc(), c, &n.code)
    };
    if !refs.is_empty() {
        out.push(Line::styled(
            app.text(Msg::CrossRefs).to_string(),
            theme.heading(),
        ));
        for r in refs {
            let text = match r {
                CrossRef::Code(other, code) => {
                    let t = app.tree(other);
                    let name_amount = t
                        .get(&code)
                        .map(|i| {
                            let cur = app
                                .model
                                .tree(other)
                                .comparer(app.scope_of(other))
                                .get(i)
                                .cur
                                .as_ref()
                                .map(|v| v.amount.display())
                                .unwrap_or_default();
                            format!("{} {cur}", t.nodes[i].name)
                        })
                        .unwrap_or_default();
                    let class = match lang {
                        crate::tui::i18n::Lang::Zh => other.label(),
                        crate::tui::i18n::Lang::En => other.as_str(),
                    };
                    format!("  {class} {code} {name_amount}")
                }
                CrossRef::Sangong { table, column } => format!("  {table} “{column}”"),
            };
            push_wrapped(&mut out, text, Style::new());
        }
    }

    let code = n.code.as_str();
    let findings: Vec<_> = if node == TOTAL {
        Vec::new()
    } else {
        app.model
            .findings
            .iter()
            .filter(|f| f.touches(code))
            .collect()
    };
    if findings.is_empty() {
        out.push(Line::styled(
            app.text(Msg::NoFindings).to_string(),
            theme.dim(),
        ));
    } else {
        out.push(Line::styled(
            app.text(Msg::Findings).to_string(),
            theme.heading(),
        ));
        for f in findings {
            push_wrapped(
                &mut out,
                format!(
                    "  [{}] {}{colon}{} {}{comma}{} {}{comma}{} {}",
                    f.status.label(),
                    f.title,
                    app.text(Msg::Printed),
                    f.printed.display2(),
                    app.text(Msg::Expected),
                    f.expected.display2(),
                    app.text(Msg::Difference),
                    f.difference.display_signed(),
                    colon = app.text(Msg::Colon),
                    comma = app.text(Msg::Comma),
                ),
                theme.warn(),
            );
        }
    }
    out
}
