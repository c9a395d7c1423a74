//! The help overlay, generated from the key table so that it can never drift from the keys.

use crate::tui::app::App;
use crate::tui::i18n::Msg;
use crate::tui::keys::{Context, KEYS};
use crate::tui::text::{pad_right, width};
use crate::tui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::symbols::border;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;

/// The border set: plain box drawing, or pure ASCII where box drawing may be two cells wide.
pub fn border_set(ascii: bool) -> border::Set<'static> {
    if ascii {
        border::Set {
            top_left: "+",
            top_right: "+",
            bottom_left: "+",
            bottom_right: "+",
            vertical_left: "|",
            vertical_right: "|",
            horizontal_top: "-",
            horizontal_bottom: "-",
        }
    } else {
        border::PLAIN
    }
}

pub fn lines(app: &App) -> Vec<Line<'static>> {
    let theme = Theme::new(&app.options);
    let labels: Vec<String> = KEYS
        .iter()
        .map(|k| k.keys_label(app.options.ascii))
        .collect();
    let key_width = labels.iter().map(|l| width(l)).max().unwrap_or(0);
    let mut out: Vec<Line<'static>> = Vec::new();
    for (i, (binding, label)) in KEYS.iter().zip(labels).enumerate() {
        // The keys of the panes come under a heading of their own.
        if binding.context == Context::Input
            && KEYS.get(i.wrapping_sub(1)).map(|b| b.context) != Some(Context::Input)
        {
            out.push(Line::raw(""));
            out.push(Line::styled(
                app.text(Msg::InPanes).to_string(),
                theme.heading(),
            ));
        }
        out.push(Line::from(vec![
            Span::styled(pad_right(&label, key_width, ""), theme.heading()),
            Span::raw("  "),
            Span::raw(binding.help(app.options.lang)),
        ]));
    }
    out.push(Line::raw(""));
    out.push(Line::styled(
        app.text(Msg::DerivedMark).to_string(),
        theme.dim(),
    ));
    out
}

/// A centred box, as large as the help needs and the screen allows.
pub fn popup_area(app: &App, size: Rect) -> Rect {
    let content = lines(app);
    let want_w = content.iter().map(|l| l.width()).max().unwrap_or(0) + 4;
    let want_h = content.len() + 2;
    let w = (want_w as u16).min(size.width);
    let h = (want_h.min(u16::MAX as usize) as u16).min(size.height);
    Rect::new(
        size.x + (size.width - w) / 2,
        size.y + (size.height - h) / 2,
        w,
        h,
    )
}

pub fn max_scroll(app: &App, size: Rect) -> usize {
    let inner = popup_area(app, size).height.saturating_sub(2) as usize;
    lines(app).len().saturating_sub(inner)
}

pub fn render(app: &App, frame: &mut Frame, size: Rect) {
    let theme = Theme::new(&app.options);
    let area = popup_area(app, size);
    let block = Block::bordered()
        .border_set(border_set(app.options.ascii))
        .title(Span::styled(
            format!(" {} ", app.text(Msg::HelpTitle)),
            theme.heading(),
        ))
        .title_bottom(Span::styled(
            format!(" {} ", app.text(Msg::HelpFooter)),
            theme.dim(),
        ));
    let skip = app.help.unwrap_or(0).min(max_scroll(app, size));
    let content: Vec<Line> = lines(app).into_iter().skip(skip).collect();
    frame.render_widget(Clear, area);
    clear_wide_overhang(frame, area);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let padded = Rect::new(
        inner.x.saturating_add(1),
        inner.y,
        inner.width.saturating_sub(1),
        inner.height,
    );
    frame.render_widget(Paragraph::new(content), padded);
}

/// A wide character just left of the box would be drawn over its left border by the terminal:
/// blank it.
pub fn clear_wide_overhang(frame: &mut Frame, area: Rect) {
    let Some(x) = area.x.checked_sub(1) else {
        return;
    };
    let buf = frame.buffer_mut();
    for y in area.y..area.y.saturating_add(area.height) {
        if let Some(cell) = buf.cell_mut((x, y)) {
            if width(cell.symbol()) > 1 {
                cell.set_symbol(" ");
            }
        }
    }
}
