//! The detail pane's text for the selected code of a document: its comparison, every printed
//! figure, derivations, cross-references and the consistency findings that touch it.

use super::{comparison_line, detail_title};
use crate::core::compare::{Source, Value};
use crate::core::tree::{Classification, Node, TOTAL};
use crate::tui::app::App;
use crate::tui::i18n::Msg;
use crate::tui::model::{cross_refs, CrossRef};
use crate::tui::text::wrap;
use crate::tui::theme::Theme;
use ratatui::style::Style;
use ratatui::text::Line;

/// The lines being built, each paragraph wrapped to the pane's width.
struct Pane<'a> {
    app: &'a App,
    theme: Theme,
    width: usize,
    out: Vec<Line<'static>>,
}

impl Pane<'_> {
    fn wrapped(&mut self, text: String, style: Style) {
        for l in wrap(&text, self.width) {
            self.out.push(Line::styled(l, style));
        }
    }

    fn heading(&mut self, msg: Msg, style: Style) {
        self.out
            .push(Line::styled(self.app.text(msg).to_string(), style));
    }
}

/// The pane's lines, wrapped to `width`.
pub fn lines(app: &App, c: Classification, node: usize, width: usize) -> Vec<Line<'static>> {
    let Some(n) = app.tree(c).nodes.get(node) else {
        return Vec::new();
    };
    let mut pane = Pane {
        app,
        theme: Theme::new(&app.options),
        width,
        out: Vec::new(),
    };
    title(&mut pane, n, node);
    comparison(&mut pane, c, node);
    figures(&mut pane, n);
    if node != TOTAL {
        references(&mut pane, c, &n.code);
    }
    findings(&mut pane, (node != TOTAL).then_some(n.code.as_str()));
    pane.out
}

/// "2080505 name (项)" and the other names printed for the code.
fn title(pane: &mut Pane, n: &Node, node: usize) {
    let title = detail_title(pane.app, node == TOTAL, &n.code, &n.name, n.level);
    pane.out.push(Line::styled(title, pane.theme.total()));
    for (table, name) in &n.other_names {
        pane.wrapped(format!("  {table}: {name}"), pane.theme.dim());
    }
}

/// The comparison in one line: 2023 451.66 → 2024 530.70  +79.04 (+17.50%); then how a derived
/// year was derived.
fn comparison(pane: &mut Pane, c: Classification, node: usize) {
    let (app, theme) = (pane.app, pane.theme);
    let g = theme.glyphs;
    let cmp = app.comparer(c).get(node);
    let year = app.doc().fiscal_year;
    let amount = |v: &Option<Value>, mark: bool| match v {
        Some(v) if mark && v.is_derived() => format!("{}{}", v.amount.display(), g.derived),
        Some(v) => v.amount.display(),
        None => g.none.to_string(),
    };
    let years = (amount(&cmp.prev, true), amount(&cmp.cur, false));
    let line = comparison_line(app, years, cmp.change(), cmp.percent());
    pane.out.push(line);
    for (y, v) in [(year - 1, &cmp.prev), (year, &cmp.cur)] {
        if let Some(Source::Derived { how }) = v.as_ref().map(|v| &v.source) {
            let how_word = app.text(Msg::DerivedHow);
            let colon = app.text(Msg::Colon);
            pane.wrapped(
                format!(
                    "{} {y} {how_word}{colon}{}",
                    g.derived,
                    how.text(app.options.lang)
                ),
                theme.warn(),
            );
        }
    }
}

/// Every printed figure, grouped by table.
fn figures(pane: &mut Pane, n: &Node) {
    pane.heading(Msg::Figures, pane.theme.heading());
    let doc = pane.app.doc();
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
                let header = doc
                    .table(table)
                    .and_then(|t| t.column(cell.column))
                    .map(|col| col.full_header())
                    .unwrap_or_else(|| cell.column.to_string());
                format!("{header} {}", cell.amount.display())
            })
            .collect();
        let dot = format!(" {} ", pane.theme.glyphs.dot);
        pane.wrapped(format!("  {table}  {}", parts.join(&dot)), Style::new());
    }
}

/// The linked code of the other classification (with its name and this year's amount) and the
/// 三公 columns that stand for the same spending.
fn references(pane: &mut Pane, c: Classification, code: &str) {
    let app = pane.app;
    let refs = cross_refs(app.doc(), c, code);
    if refs.is_empty() {
        return;
    }
    pane.heading(Msg::CrossRefs, pane.theme.heading());
    for r in refs {
        let text = match r {
            CrossRef::Code(other, code) => {
                let t = app.tree(other);
                let name_amount = t
                    .get(&code)
                    .map(|i| {
                        let cur = app.comparer(other).get(i).cur.as_ref();
                        let cur = cur.map(|v| v.amount.display()).unwrap_or_default();
                        format!("{} {cur}", t.nodes[i].name)
                    })
                    .unwrap_or_default();
                let class = other.label(app.options.lang);
                format!("  {class} {code} {name_amount}")
            }
            CrossRef::Sangong { table, column } => format!("  {table} “{column}”"),
        };
        pane.wrapped(text, Style::new());
    }
}

/// The checks that do not pass and read this code (none for the total row).
fn findings(pane: &mut Pane, code: Option<&str>) {
    let app = pane.app;
    let findings: Vec<_> = match code {
        Some(code) => app
            .model
            .findings
            .iter()
            .filter(|f| f.touches(code))
            .collect(),
        None => Vec::new(),
    };
    if findings.is_empty() {
        pane.heading(Msg::NoFindings, pane.theme.dim());
        return;
    }
    pane.heading(Msg::Findings, pane.theme.heading());
    let (colon, comma) = (app.text(Msg::Colon), app.text(Msg::Comma));
    for f in findings {
        pane.wrapped(
            format!(
                "  [{}] {}{colon}{} {}{comma}{} {}{comma}{} {}",
                f.status.label(app.options.lang),
                f.title.text(app.options.lang),
                app.text(Msg::Printed),
                f.printed.display(),
                app.text(Msg::Expected),
                f.expected.display(),
                app.text(Msg::Difference),
                f.difference.display_signed(),
            ),
            pane.theme.warn(),
        );
    }
}
