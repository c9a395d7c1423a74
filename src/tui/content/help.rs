//! The help's lines, generated from the key table so that they can never drift from the keys.

use crate::tui::app::Options;
use crate::tui::i18n::{text, Msg};
use crate::tui::keys::{Context, KEYS};
use crate::tui::text::{pad_right, width};
use crate::tui::theme::Theme;
use ratatui::text::{Line, Span};

pub fn lines(options: &Options) -> Vec<Line<'static>> {
    let theme = Theme::new(options);
    let lang = options.lang;
    let labels: Vec<String> = KEYS.iter().map(|k| k.keys_label(options.ascii)).collect();
    let key_width = labels.iter().map(|l| width(l)).max().unwrap_or(0);
    let mut out: Vec<Line<'static>> = Vec::new();
    for (i, (binding, label)) in KEYS.iter().zip(labels).enumerate() {
        // The keys of the panes come under a heading of their own.
        if binding.context == Context::Input
            && KEYS.get(i.wrapping_sub(1)).map(|b| b.context) != Some(Context::Input)
        {
            out.push(Line::raw(""));
            out.push(Line::styled(
                text(lang, Msg::InPanes).to_string(),
                theme.heading(),
            ));
        }
        out.push(Line::from(vec![
            Span::styled(pad_right(&label, key_width, ""), theme.heading()),
            Span::raw("  "),
            Span::raw(binding.help(lang)),
        ]));
    }
    out.push(Line::raw(""));
    for legend in [Msg::DerivedMark, Msg::CheckMark] {
        out.push(Line::styled(text(lang, legend).to_string(), theme.dim()));
    }
    out
}
