//! A classification tree with its comparison: guides, markers, codes and names on the left,
//! amounts right-aligned in columns that appear as the width allows.

use crate::core::amount::{display_percent, Amount};
use crate::core::compare::Percent;
use crate::core::tree::{Classification, TOTAL};
use crate::tui::app::App;
use crate::tui::i18n::Msg;
use crate::tui::model::{cell_columns, CellColumn};
use crate::tui::text::{pad_left, pad_right, width};
use crate::tui::theme::Theme;
use crate::tui::tree_state::VisibleRow;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use rust_decimal::Decimal;

/// The code-and-name column never gets narrower than this while amount columns are added.
pub const TREE_MIN: usize = 30;
const SHARE_WIDTH: usize = 12;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnKind {
    Prev,
    Cur,
    Change,
    Percent,
    Cell(CellColumn),
    Share,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub kind: ColumnKind,
    pub title: String,
    pub width: usize,
}

/// One cell's text and colour.
fn value(app: &App, c: Classification, node: usize, kind: &ColumnKind) -> (String, Style) {
    let theme = Theme::new(&app.options);
    let g = theme.glyphs;
    let cmp = app.comparer(c).get(node);
    let plain = |s: String| (s, Style::new());
    match kind {
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
        ColumnKind::Percent => match cmp.percent() {
            Percent::Value(p) => (display_percent(p), theme.change_of(p)),
            Percent::New => (
                app.text(Msg::New).to_string(),
                theme.change_of(Decimal::ONE),
            ),
            Percent::None => plain(g.none.to_string()),
        },
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

fn candidates(app: &App, c: Classification) -> Vec<Column> {
    let year = app.doc().fiscal_year;
    let mut cols = vec![
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
            let widest = match kind {
                ColumnKind::Share => SHARE_WIDTH,
                _ => (0..nodes)
                    .map(|n| width(&value(app, c, n, &kind).0))
                    .max()
                    .unwrap_or(0),
            };
            Column {
                width: widest.max(width(&title)),
                kind,
                title,
            }
        })
        .collect()
}

fn display_rank(kind: &ColumnKind) -> usize {
    match kind {
        ColumnKind::Prev => 0,
        ColumnKind::Cur => 1,
        ColumnKind::Change => 2,
        ColumnKind::Percent => 3,
        ColumnKind::Cell(_) => 4,
        ColumnKind::Share => 5,
    }
}

/// The columns that fit in `total` cells, in display order, and the width left for the tree.
pub fn columns(app: &App, c: Classification, total: usize) -> (usize, Vec<Column>) {
    let mut room = total.saturating_sub(TREE_MIN);
    let mut chosen = Vec::new();
    for col in candidates(app, c) {
        // Columns are added in priority order; one that does not fit ends the list, so a wide
        // cell column never squeezes in ahead of one that came before it.
        if col.width + 1 > room {
            break;
        }
        room -= col.width + 1;
        chosen.push(col);
    }
    chosen.sort_by_key(|col| display_rank(&col.kind));
    let used: usize = chosen.iter().map(|col| col.width + 1).sum();
    // Amounts stay next to the names on a wide screen instead of drifting to the far right.
    let tree_width = total
        .saturating_sub(used)
        .min(widest_tree_cell(app, c).max(TREE_MIN));
    (tree_width, chosen)
}

/// The widest code-and-name cell the tree can show, with every node expanded.
fn widest_tree_cell(app: &App, c: Classification) -> usize {
    let tree = app.tree(c);
    tree.nodes
        .iter()
        .map(|n| {
            // Guides and connector two cells a level below the root, then marker and a space.
            let prefix = (n.level as usize).saturating_sub(1) * 2 + 2;
            prefix + width(&n.code) + 1 + width(&n.name)
        })
        .max()
        .unwrap_or(TREE_MIN)
}

/// The cell (relative to the pane) where a row's expand marker is drawn.
pub fn marker_column(row: &VisibleRow) -> u16 {
    (row.depth * 2).min(u16::MAX as usize) as u16
}

fn tree_cell(app: &App, c: Classification, row: &VisibleRow) -> String {
    let mut s = tree_prefix(app, row);
    if let Some(node) = app.tree(c).nodes.get(row.node) {
        if !node.code.is_empty() {
            s.push_str(&node.code);
            s.push(' ');
        }
        s.push_str(&node.name);
    }
    s
}

/// A row's guides, connector and expand marker, and the space before its code.
pub fn tree_prefix(app: &App, row: &VisibleRow) -> String {
    let g = Theme::new(&app.options).glyphs;
    let mut s = String::new();
    for &continues in &row.guides {
        s.push_str(if continues { g.pipe } else { " " });
        s.push(' ');
    }
    if row.depth > 0 {
        s.push_str(if row.last { g.elbow } else { g.tee });
        s.push_str(g.rule);
    }
    let marker = match (row.has_children, row.expanded) {
        (false, _) => g.leaf,
        (true, false) => g.collapsed,
        (true, true) => g.expanded,
    };
    s.push_str(marker);
    s.push(' ');
    s
}

/// A row of a tree view, the document's or the aggregate's: the tree cell padded to its width,
/// then each amount right-aligned in its column; the total and top-level rows bold, the
/// selected row highlighted.
pub fn row_line(
    theme: &Theme,
    row: &VisibleRow,
    selected: usize,
    (cell, cell_width): (String, usize),
    amounts: impl Iterator<Item = ((String, Style), usize)>,
) -> Line<'static> {
    let ellipsis = theme.glyphs.ellipsis;
    let mut spans = vec![Span::raw(pad_right(&cell, cell_width, ellipsis))];
    for ((text, style), w) in amounts {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(pad_left(&text, w, ellipsis), style));
    }
    let mut line = Line::from(spans);
    if row.node == TOTAL || row.depth == 0 {
        line = line.style(Style::new().add_modifier(Modifier::BOLD));
    }
    if row.node == selected {
        line = line.patch_style(theme.selected());
    }
    line
}

pub fn render(app: &App, c: Classification, frame: &mut Frame, area: Rect) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let theme = Theme::new(&app.options);
    let g = theme.glyphs;
    let (tree_width, cols) = columns(app, c, area.width as usize);
    let mut header = vec![Span::raw(pad_right(
        app.text(Msg::CodeName),
        tree_width,
        g.ellipsis,
    ))];
    for col in &cols {
        header.push(Span::raw(" "));
        header.push(Span::raw(pad_left(&col.title, col.width, g.ellipsis)));
    }
    let mut lines = vec![Line::from(header).style(theme.heading())];
    let rows = app.rows(c);
    let state = app.tree_state(c);
    let height = (area.height as usize).saturating_sub(1);
    for row in rows.iter().skip(state.offset).take(height) {
        let amounts = cols
            .iter()
            .map(|col| (value(app, c, row.node, &col.kind), col.width));
        let cell = (tree_cell(app, c, row), tree_width);
        lines.push(row_line(&theme, row, state.selected, cell, amounts));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// The selected row for the clipboard: code, name and every amount column, tab-separated.
pub fn copy_text(app: &App, c: Classification, node: usize) -> String {
    let Some(n) = app.tree(c).nodes.get(node) else {
        return String::new();
    };
    let mut fields = vec![n.code.clone(), n.name.clone()];
    let mut cols = candidates(app, c);
    cols.sort_by_key(|col| display_rank(&col.kind));
    for col in cols {
        if col.kind != ColumnKind::Share {
            // Plain numbers for a spreadsheet: no derived mark, no padding.
            let text = value(app, c, node, &col.kind).0;
            let g = Theme::new(&app.options).glyphs;
            fields.push(text.trim().trim_end_matches(g.derived).to_string());
        }
    }
    fields.join("\t")
}

/// The column titles and widths in display order, for tests and the copy header.
pub fn column_titles(app: &App, c: Classification, total: usize) -> Vec<String> {
    columns(app, c, total)
        .1
        .into_iter()
        .map(|col| col.title.trim().to_string())
        .collect()
}
