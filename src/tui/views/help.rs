//! The help overlay: its lines (`content::help`) in a box (`layout::help_area`).

use crate::tui::app::App;
use crate::tui::content;
use crate::tui::i18n::Msg;
use crate::tui::layout;
use crate::tui::text::width;
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

pub fn render(app: &App, frame: &mut Frame, size: Rect) {
    let theme = Theme::new(&app.options);
    let lines = content::help::lines(&app.options);
    let area = layout::help_area(&lines, size);
    let max = layout::help_max_scroll(&lines, size);
    let skip = (app.overlay.help().unwrap_or(0)).min(max);
    // A sign of the lines below the box: how many, with an arrow (PgDn / End reach them).
    let more = if skip < max {
        format!(" {} +{}", theme.glyphs.down, max - skip)
    } else {
        String::new()
    };
    let block = Block::bordered()
        .border_set(border_set(app.options.ascii))
        .title(Span::styled(
            format!(" {} ", app.text(Msg::HelpTitle)),
            theme.heading(),
        ))
        .title_bottom(Span::styled(
            format!(" {}{more} ", app.text(Msg::HelpFooter)),
            theme.dim(),
        ));
    let shown: Vec<Line> = lines.into_iter().skip(skip).collect();
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
    frame.render_widget(Paragraph::new(shown), padded);
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
