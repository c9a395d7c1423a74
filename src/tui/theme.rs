//! Glyphs and colours, chosen once from the options.
//! Every glyph is one cell wide in every terminal when `ascii` is set: the fancy set uses
//! box-drawing and block characters whose width is East-Asian-ambiguous.

use super::app::Options;
use crate::core::compare::Percent;
use ratatui::style::{Color, Modifier, Style};
use rust_decimal::Decimal;
use std::cmp::Ordering;

#[derive(Debug, Clone, Copy)]
pub struct Glyphs {
    pub collapsed: &'static str,
    pub expanded: &'static str,
    pub leaf: &'static str,
    /// Guide for a child with later siblings, for the last child, and for an ancestor's line.
    pub tee: &'static str,
    pub elbow: &'static str,
    pub pipe: &'static str,
    pub ellipsis: &'static str,
    pub bar: &'static str,
    pub derived: &'static str,
    pub up: &'static str,
    pub down: &'static str,
    pub none: &'static str,
    pub rule: &'static str,
    pub dot: &'static str,
}

// ▸ and ▾ are narrow even where ambiguous characters are wide; ▶ ▼ are not.
const FANCY: Glyphs = Glyphs {
    collapsed: "▸",
    expanded: "▾",
    leaf: " ",
    tee: "├",
    elbow: "└",
    pipe: "│",
    ellipsis: "…",
    bar: "█",
    derived: "*",
    up: "↑",
    down: "↓",
    none: "—",
    rule: "─",
    dot: "·",
};

const ASCII: Glyphs = Glyphs {
    collapsed: "+",
    expanded: "-",
    leaf: " ",
    tee: "|",
    elbow: "`",
    pipe: "|",
    ellipsis: "...",
    bar: "#",
    derived: "*",
    up: "^",
    down: "v",
    none: "-",
    rule: "-",
    dot: "|",
};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub glyphs: Glyphs,
    color: bool,
    green_up: bool,
}

impl Theme {
    pub fn new(options: &Options) -> Theme {
        Theme {
            glyphs: if options.ascii { ASCII } else { FANCY },
            color: options.color,
            green_up: options.green_up,
        }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    /// Red up, green down (the Chinese convention), flipped by `--green-up`.
    pub fn change(&self, sign: Ordering) -> Style {
        let (up, down) = if self.green_up {
            (Color::Green, Color::Red)
        } else {
            (Color::Red, Color::Green)
        };
        match sign {
            Ordering::Greater => self.fg(up),
            Ordering::Less => self.fg(down),
            Ordering::Equal => Style::new(),
        }
    }

    pub fn change_of(&self, d: Decimal) -> Style {
        self.change(d.cmp(&Decimal::ZERO))
    }

    /// A percent's colour: as its sign; 新增 as an increase; none without colour.
    pub fn percent_style(&self, p: Percent) -> Style {
        match p {
            Percent::Value(x) => self.change_of(x),
            Percent::New => self.change_of(Decimal::ONE),
            Percent::None => Style::new(),
        }
    }

    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn heading(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn total(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }

    pub fn bar(&self) -> Style {
        self.fg(Color::Blue)
    }

    pub fn warn(&self) -> Style {
        self.fg(Color::Yellow)
    }

    pub fn active_tab(&self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::REVERSED)
    }
}
