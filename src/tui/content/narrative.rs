//! 说明: the narrative sections and the glossary, wrapped by display width.

use crate::tui::app::App;
use crate::tui::i18n::Msg;
use crate::tui::text::wrap;
use crate::tui::theme::Theme;
use ratatui::text::Line;

pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    // Long lines are hard to read: past this width the text keeps to the left.
    let width = width.min(100);
    let theme = Theme::new(&app.options);
    let doc = app.doc();
    let mut out = Vec::new();
    let wrapped = |out: &mut Vec<Line<'static>>, text: &str, indent: usize| {
        let pad = " ".repeat(indent);
        for l in wrap(text, width.saturating_sub(indent)) {
            out.push(Line::raw(format!("{pad}{l}")));
        }
    };
    for l in wrap(&doc.title, width) {
        out.push(Line::styled(l, theme.total()));
    }
    for section in &doc.sections {
        out.push(Line::raw(""));
        out.push(Line::styled(
            crate::tui::content::section_heading(app, section),
            theme.heading(),
        ));
        for p in &section.paragraphs {
            wrapped(&mut out, p, 2);
        }
    }
    if !doc.glossary.is_empty() {
        out.push(Line::raw(""));
        out.push(Line::styled(
            app.text(Msg::Glossary).to_string(),
            theme.heading(),
        ));
        for entry in &doc.glossary {
            out.push(Line::styled(format!("  {}", entry.term), theme.total()));
            wrapped(&mut out, &entry.definition, 4);
        }
    }
    if let Some(contact) = &doc.contact {
        out.push(Line::raw(""));
        out.push(Line::styled(
            app.text(Msg::Contact).to_string(),
            theme.heading(),
        ));
        wrapped(&mut out, &contact.text, 2);
    }
    if let Some(source) = &doc.source {
        out.push(Line::raw(""));
        out.push(Line::styled(
            app.text(Msg::Source).to_string(),
            theme.heading(),
        ));
        wrapped(&mut out, source, 2);
    }
    out
}
