//! The header (department, year, unit, view, scope, sort), the view tabs, the breadcrumb and the
//! key-hint line.

use crate::core::tree::{Classification, TOTAL};
use crate::tui::app::{App, View};
use crate::tui::content;
use crate::tui::i18n::Msg;
use crate::tui::keys::{Action, Context, Key, KEYS};
use crate::tui::layout;
use crate::tui::model::scope_table_id;
use crate::tui::text::truncate;
use crate::tui::theme::Theme;
use crate::tui::tree_state::SortField;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

pub fn header_text(app: &App) -> String {
    let doc = app.doc();
    let sep = "  ";
    // The view is the highlighted tab below; this line says whose budget, in what unit.
    let lang = app.options.lang;
    let doc_unit = crate::core::lang::unit(lang, &doc.unit);
    let unit = match app.text(Msg::Unit) {
        "" => doc_unit.to_string(),
        label => format!("{label} {doc_unit}"),
    };
    let who = match app.agg.view(doc.fiscal_year, Classification::Functional) {
        Some(v) if app.sum && app.view.classification().is_some() => format!(
            "{} {} {} {}",
            app.text(Msg::SumOf),
            v.departments,
            app.text(Msg::Departments),
            doc.fiscal_year
        ),
        _ => format!("{} {}", doc.department.name, doc.fiscal_year),
    };
    if let Some((_, years, _)) = app.shown_years() {
        let mut parts = content::years::header_parts(app, years);
        if let Some(c) = app.view.classification() {
            let table = scope_table_id(doc, c, app.scope_of(c)).unwrap_or_default();
            let scope_label = doc
                .table(&table)
                .map(|t| t.scope.label(lang))
                .unwrap_or(app.scope_of(c).label(lang));
            parts.push(format!("{} {scope_label}", app.text(Msg::Scope)));
        }
        parts.push(sort_part(app));
        return parts.join(sep);
    }
    let mut parts = vec![who, unit];
    if app.many() && !app.sum {
        parts.push(format!(
            "{} {}/{}",
            app.text(Msg::DocumentOf),
            app.current + 1,
            app.documents()
        ));
    }
    if app.has_failures() {
        let n = app.library.errors().len();
        parts.push(format!("{n} {} (p)", app.text(Msg::Skipped)));
    }
    if app.sum && app.view.classification().is_some() {
        parts.push(format!(
            "{} {}",
            app.text(Msg::Scope),
            crate::core::compare::Scope::AllFunds.label(lang)
        ));
    } else if let Some(c) = app.view.classification() {
        let scope = app.scope_of(c);
        let table = scope_table_id(doc, c, scope).unwrap_or_default();
        // The table's own scope: the economic tree (表三) is general-budget money only.
        let scope_label = doc
            .table(&table)
            .map(|t| t.scope.label(lang))
            .unwrap_or(scope.label(lang));
        parts.push(format!("{} {scope_label}({table})", app.text(Msg::Scope)));
        parts.push(sort_part(app));
        if app.sort.flat {
            parts.push(app.text(Msg::Flat).to_string());
        }
    }
    parts.join(sep)
}

/// "排序 编码↑".
fn sort_part(app: &App) -> String {
    let g = Theme::new(&app.options).glyphs;
    let field = match app.sort.field {
        SortField::Code => Msg::SortCode,
        SortField::Amount => Msg::SortAmount,
        SortField::Change => Msg::SortChange,
        SortField::Percent => Msg::SortPercent,
    };
    let dir = if app.sort.descending { g.down } else { g.up };
    format!("{} {}{dir}", app.text(Msg::Sort), app.text(field))
}

pub fn render(app: &App, frame: &mut Frame, header: Rect, tab_area: Rect) {
    let theme = Theme::new(&app.options);
    let g = theme.glyphs;
    let text = truncate(&header_text(app), header.width as usize, g.ellipsis);
    frame.render_widget(Paragraph::new(Line::styled(text, theme.total())), header);
    let mut spans = Vec::new();
    for (i, (_, label)) in layout::tabs(app.options.lang, tab_area.width, app.view)
        .into_iter()
        .enumerate()
    {
        if i > 0 {
            spans.push(Span::raw(" "));
        }
        let style = if View::ALL[i] == app.view {
            theme.active_tab()
        } else {
            theme.dim()
        };
        spans.push(Span::styled(label, style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), tab_area);
}

/// 208 › 20801 › 2080101 行政运行
pub fn breadcrumb_text(app: &App) -> String {
    if app.years.on && app.view.classification().is_some() {
        return content::years::breadcrumb_text(app);
    }
    if app.sum {
        return content::sum::breadcrumb_text(app);
    }
    let Some((c, node)) = app.selected_node() else {
        return String::new();
    };
    let tree = app.tree(c);
    let mut out = app.text(app.view.name()).to_string();
    if node == TOTAL {
        out.push_str(" › ");
        out.push_str(&tree.nodes[TOTAL].name);
        return out;
    }
    let path = tree.path(node);
    for (k, &i) in path.iter().enumerate() {
        out.push_str(" › ");
        out.push_str(&tree.nodes[i].code);
        if k + 1 == path.len() {
            out.push(' ');
            out.push_str(&tree.nodes[i].name);
        }
    }
    out
}

pub fn render_breadcrumb(app: &App, frame: &mut Frame, area: Rect) {
    let theme = Theme::new(&app.options);
    let text = truncate(
        &breadcrumb_text(app),
        area.width as usize,
        theme.glyphs.ellipsis,
    );
    frame.render_widget(Paragraph::new(Line::styled(text, theme.heading())), area);
}

/// The hint line, generated from the key table; a status message goes first.
pub fn hints_text(app: &App) -> String {
    let lang = app.options.lang;
    let mut parts: Vec<String> = Vec::new();
    if let Some(status) = &app.status {
        parts.push(status.clone());
    }
    parts.extend(content::loading::progress_text(app));
    let context = app.overlay.context();
    for binding in KEYS.iter().filter(|b| b.context == context) {
        let hint = binding.hint(lang);
        if hint.is_empty() || !works_here(app, binding.action) {
            continue;
        }
        let ascii = app.options.ascii;
        let label = match (context, binding.action) {
            // The panes' arrows choose both ways.
            (Context::Input, Action::Up) => {
                format!("{}{}", Key::Up.label(ascii), Key::Down.label(ascii))
            }
            _ => match binding.keys.first() {
                Some(key) => key.label(ascii),
                None => continue,
            },
        };
        parts.push(format!("{label} {hint}"));
    }
    parts.join("  ")
}

/// Whether a key does something in the current view, so that the hint line offers only those.
fn works_here(app: &App, action: Action) -> bool {
    let tree = app.view.classification().is_some();
    match action {
        // The picker also lists the files that did not load; the sum needs several documents.
        Action::Picker => app.many() || app.has_failures(),
        Action::Aggregate => app.many() && tree,
        Action::Scope => app.view == View::Functional && !app.sum,
        Action::Expand
        | Action::Collapse
        | Action::Toggle
        | Action::ExpandAll
        | Action::CollapseAll
        | Action::SortField
        | Action::Flat
        | Action::SortDirection
        | Action::DetailScroll => tree,
        Action::Contributors => app.sum && tree,
        // The year keys only mean something with several years of the department.
        Action::Years => app.years_available(),
        Action::YearPair => app.years.on,
        _ => true,
    }
}

pub fn render_hints(app: &App, frame: &mut Frame, area: Rect) {
    let theme = Theme::new(&app.options);
    let text = truncate(&hints_text(app), area.width as usize, theme.glyphs.ellipsis);
    let style = if app.status.is_some() {
        theme.warn()
    } else {
        theme.dim()
    };
    frame.render_widget(Paragraph::new(Line::styled(text, style)), area);
}
