//! 绩效目标: the department's overall targets and each project's (表十 to 表十三): amounts,
//! owners, goals and indicators.

use super::grid::title;
use crate::core::document::{Indicator, TableKind};
use crate::tui::app::App;
use crate::tui::i18n::Msg;
use crate::tui::text::{pad_left, pad_right, wrap};
use crate::tui::theme::Theme;
use ratatui::text::{Line, Span};

pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    // Long lines are hard to read: past this width the text keeps to the left.
    let width = width.min(100);
    let theme = Theme::new(&app.options);
    let g = theme.glyphs;
    let mut out: Vec<Line<'static>> = Vec::new();
    let wrapped = |out: &mut Vec<Line<'static>>, text: &str, indent: usize| {
        let pad = " ".repeat(indent);
        for l in wrap(text, width.saturating_sub(indent)) {
            out.push(Line::raw(format!("{pad}{l}")));
        }
    };
    for table in app.doc().tables_of(TableKind::Performance) {
        if !out.is_empty() {
            out.push(Line::raw(""));
        }
        out.extend(title(app, table, width));
        let perf = table.performance.as_ref();
        for field in perf.map(|p| p.fields.as_slice()).unwrap_or_default() {
            let colon = app.text(Msg::Colon);
            wrapped(
                &mut out,
                &format!("{}{colon}{}", field.label, field.value),
                2,
            );
        }
        for sec in table.sections() {
            for row in sec.rows {
                let amount = row
                    .cells
                    .values()
                    .next()
                    .map(|a| a.display())
                    .unwrap_or_else(|| g.none.to_string());
                let name_w = width.saturating_sub(14);
                out.push(Line::from(vec![
                    Span::raw(pad_right(
                        &format!("  {}", row.display_name()),
                        name_w,
                        g.ellipsis,
                    )),
                    Span::styled(pad_left(&amount, 12, g.ellipsis), theme.total()),
                ]));
            }
        }
        let Some(perf) = perf else { continue };
        if !perf.goals.is_empty() {
            let header = perf
                .goals_header
                .clone()
                .unwrap_or_else(|| app.text(Msg::Goals).to_string());
            out.push(Line::styled(format!("  {header}"), theme.heading()));
            for goal in &perf.goals {
                wrapped(&mut out, goal, 4);
            }
        }
        if !perf.indicators.is_empty() {
            out.push(Line::styled(
                format!("  {}", app.text(Msg::Indicators)),
                theme.heading(),
            ));
            for ind in &perf.indicators {
                indicator(&mut out, ind, width, g.ellipsis);
            }
        }
    }
    if out.is_empty() {
        out.push(Line::raw(app.text(Msg::NoTable)));
    }
    out
}

/// One indicator: its path (一级 / 二级 / name), then its target and weight on the right; on the
/// next line when the path is too long.
fn indicator(out: &mut Vec<Line<'static>>, ind: &Indicator, width: usize, ellipsis: &str) {
    let levels: Vec<&str> = [ind.level1.as_deref(), ind.level2.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let path = if levels.is_empty() {
        ind.name.clone()
    } else {
        format!("{} / {}", levels.join(" / "), ind.name)
    };
    let target = format!(
        "{} {}{}",
        ind.nature,
        ind.value.as_deref().unwrap_or(""),
        ind.unit.as_deref().unwrap_or("")
    );
    let weight = format!("{}%", ind.weight);
    let right = format!("{target}  {}", pad_left(&weight, 4, ellipsis));
    let right_w = crate::tui::text::width(&right);
    let left_w = width.saturating_sub(right_w + 1);
    if crate::tui::text::width(&path) + 4 <= left_w {
        out.push(Line::raw(format!(
            "{} {right}",
            pad_right(&format!("    {path}"), left_w, ellipsis)
        )));
    } else {
        // Too long for one line: the indicator wrapped, its target on the next line.
        for l in wrap(&path, width.saturating_sub(4)) {
            out.push(Line::raw(format!("    {l}")));
        }
        out.push(Line::raw(pad_left(&right, width, ellipsis)));
    }
}
