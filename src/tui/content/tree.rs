//! The text of a document's tree table: which columns it has, each cell's text and colour, and
//! the selected row for the clipboard.

use super::columns::{fit, label_width, Column};
use super::percent_text;
use crate::core::amount::Amount;
use crate::core::checks::Status;
use crate::core::tree::{Classification, TOTAL};
use crate::tui::app::App;
use crate::tui::i18n::Msg;
use crate::tui::model::{cell_columns, CellColumn};
use crate::tui::text::width;
use crate::tui::theme::Theme;
use ratatui::style::Style;
use rust_decimal::Decimal;

const SHARE_WIDTH: usize = 12;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnKind {
    /// `!` when a check reading the row fails, `~` for a rounding difference (legend in help).
    Check,
    Prev,
    Cur,
    Change,
    Percent,
    Cell(CellColumn),
    Share,
}

/// One cell's text and colour.
pub fn value(app: &App, c: Classification, node: usize, kind: &ColumnKind) -> (String, Style) {
    let theme = Theme::new(&app.options);
    let g = theme.glyphs;
    let cmp = app.comparer(c).get(node);
    let plain = |s: String| (s, Style::new());
    match kind {
        ColumnKind::Check => check_mark(app, c, node),
        ColumnKind::Prev => match &cmp.prev {
            // The trailing mark column keeps printed and derived amounts aligned.
            Some(v) if v.is_derived() => plain(format!("{}{}", v.amount.display(), g.derived)),
            Some(v) => plain(format!("{} ", v.amount.display())),
            None => plain(format!("{} ", g.none)),
        },
        ColumnKind::Cur => match &cmp.cur {
            Some(v) => plain(v.amount.display()),
            None => plain(g.none.to_string()),
        },
        ColumnKind::Change => match cmp.change() {
            Some(d) => (d.display_signed(), theme.change_of(d.value())),
            None => plain(g.none.to_string()),
        },
        ColumnKind::Percent => {
            let p = cmp.percent();
            (percent_text(app, p), theme.percent_style(p))
        }
        ColumnKind::Cell(col) => plain(
            app.tree(c)
                .nodes
                .get(node)
                .and_then(|n| n.amount(&col.table, &col.key))
                .map(Amount::display)
                .unwrap_or_default(),
        ),
        ColumnKind::Share => (share_bar(app, c, node), theme.bar()),
    }
}

/// The row's mark: the worst of the findings the detail pane lists for it.
fn check_mark(app: &App, c: Classification, node: usize) -> (String, Style) {
    let theme = Theme::new(&app.options);
    let code = match app.tree(c).nodes.get(node) {
        Some(n) if node != TOTAL => n.code.as_str(),
        _ => return (" ".into(), Style::new()),
    };
    let worst = app
        .model
        .findings
        .iter()
        .filter(|f| f.touches(code))
        .map(|f| f.status)
        .max();
    match worst {
        Some(Status::Fail) => ("!".into(), theme.warn()),
        Some(Status::Rounding) => ("~".into(), theme.dim()),
        _ => (" ".into(), Style::new()),
    }
}

/// The node's share of its parent (of the total for a 类) as a bar and a whole percent.
fn share_bar(app: &App, c: Classification, node: usize) -> String {
    if node == TOTAL {
        return String::new();
    }
    let tree = app.tree(c);
    let cmp = app.comparer(c);
    let parent = tree.nodes.get(node).and_then(|n| n.parent).unwrap_or(TOTAL);
    let amount = |i: usize| cmp.get(i).cur.as_ref().map(|v| v.amount.value());
    let (Some(part), Some(whole)) = (amount(node), amount(parent)) else {
        return String::new();
    };
    if whole <= Decimal::ZERO || part < Decimal::ZERO {
        return String::new();
    }
    let share = (part / whole).min(Decimal::ONE);
    let bar_cells = SHARE_WIDTH - 5;
    let cells = (share * Decimal::from(bar_cells as u64))
        .round()
        .try_into()
        .unwrap_or(0usize);
    let pct: u64 = (share * Decimal::ONE_HUNDRED)
        .round()
        .try_into()
        .unwrap_or(0);
    let g = Theme::new(&app.options).glyphs;
    format!(
        "{}{} {:>3}%",
        g.bar.repeat(cells),
        " ".repeat(bar_cells - cells.min(bar_cells)),
        pct
    )
}

/// Every column the tree could show, in the order they are given room.
fn candidates(app: &App, c: Classification) -> Vec<Column<ColumnKind>> {
    let year = app.doc().fiscal_year;
    let mut cols = vec![
        (ColumnKind::Check, "!".to_string()),
        (ColumnKind::Cur, year.to_string()),
        (ColumnKind::Prev, format!("{} ", year - 1)),
        (ColumnKind::Change, app.text(Msg::Change).to_string()),
        (
            ColumnKind::Percent,
            app.text(Msg::ChangePercent).to_string(),
        ),
    ];
    for cell in cell_columns(app.doc(), c, app.scope_of(c)) {
        let title = cell.label.clone();
        cols.push((ColumnKind::Cell(cell), title));
    }
    cols.push((ColumnKind::Share, app.text(Msg::Share).to_string()));
    let nodes = app.tree(c).nodes.len();
    cols.into_iter()
        .map(|(kind, title)| {
            let cells: Vec<usize> = match kind {
                ColumnKind::Share => vec![SHARE_WIDTH],
                ColumnKind::Check => vec![1],
                _ => (0..nodes)
                    .map(|n| width(&value(app, c, n, &kind).0))
                    .collect(),
            };
            Column::new(kind, title, cells.into_iter())
        })
        .collect()
}

pub fn display_rank(kind: &ColumnKind) -> usize {
    match kind {
        ColumnKind::Check => 0,
        ColumnKind::Prev => 1,
        ColumnKind::Cur => 2,
        ColumnKind::Change => 3,
        ColumnKind::Percent => 4,
        ColumnKind::Cell(_) => 5,
        ColumnKind::Share => 6,
    }
}

/// The columns that fit in `total` cells, in display order, and the width left for the tree.
pub fn columns(app: &App, c: Classification, total: usize) -> (usize, Vec<Column<ColumnKind>>) {
    let widest = app
        .tree(c)
        .nodes
        .iter()
        .map(|n| label_width(n.level, &n.code, &n.name))
        .max()
        .unwrap_or(super::columns::TREE_MIN);
    fit(candidates(app, c), display_rank, widest, total)
}

/// The selected row for the clipboard: code, name and every amount column, tab-separated.
pub fn copy_text(app: &App, c: Classification, node: usize) -> String {
    let Some(n) = app.tree(c).nodes.get(node) else {
        return String::new();
    };
    let g = Theme::new(&app.options).glyphs;
    let mut fields = vec![n.code.clone(), n.name.clone()];
    let mut cols = candidates(app, c);
    cols.sort_by_key(|col| display_rank(&col.kind));
    for col in cols {
        if !matches!(col.kind, ColumnKind::Share | ColumnKind::Check) {
            // Plain numbers for a spreadsheet: no derived mark, no padding.
            let text = value(app, c, node, &col.kind).0;
            fields.push(text.trim().trim_end_matches(g.derived).to_string());
        }
    }
    fields.join("\t")
}
