//! The one key table. Dispatch looks keys up here, and both the help overlay and the hint line
//! are generated from it, so what the help says is what the keys do.

use super::i18n::Lang;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key as the table names it (const-constructible, unlike crossterm's events).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    Enter,
    Esc,
    Tab,
    BackTab,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Close,
    Help,
    NextView,
    PrevView,
    /// 1..8: the digit says which view.
    GotoView,
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    Expand,
    Collapse,
    Toggle,
    ExpandAll,
    CollapseAll,
    Scope,
    SortField,
    SortDirection,
    /// `[` scrolls the detail pane up, `]` down.
    DetailScroll,
    Copy,
    Mouse,
}

pub struct KeyBinding {
    pub keys: &'static [Key],
    pub action: Action,
    pub help_zh: &'static str,
    pub help_en: &'static str,
    /// A word or two for the hint line; empty keeps the binding out of it.
    pub hint_zh: &'static str,
    pub hint_en: &'static str,
}

impl KeyBinding {
    pub fn help(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.help_zh,
            Lang::En => self.help_en,
        }
    }

    pub fn hint(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.hint_zh,
            Lang::En => self.hint_en,
        }
    }

    /// "↑ k" or, with `ascii`, "Up k".
    pub fn keys_label(&self, ascii: bool) -> String {
        self.keys
            .iter()
            .map(|k| k.label(ascii))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

const DIGITS: &[Key] = &[
    Key::Char('1'),
    Key::Char('2'),
    Key::Char('3'),
    Key::Char('4'),
    Key::Char('5'),
    Key::Char('6'),
    Key::Char('7'),
    Key::Char('8'),
];

pub const KEYS: &[KeyBinding] = &[
    KeyBinding {
        keys: &[Key::Char('?')],
        action: Action::Help,
        help_zh: "打开／关闭帮助",
        help_en: "open / close this help",
        hint_zh: "帮助",
        hint_en: "help",
    },
    KeyBinding {
        keys: &[Key::Char('q'), Key::Ctrl('c')],
        action: Action::Quit,
        help_zh: "退出（Ctrl-C 在任何地方都退出）",
        help_en: "quit (Ctrl-C quits from anywhere)",
        hint_zh: "退出",
        hint_en: "quit",
    },
    KeyBinding {
        keys: &[Key::Esc],
        action: Action::Close,
        help_zh: "关闭打开的窗口",
        help_en: "close whatever is open",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::Tab],
        action: Action::NextView,
        help_zh: "下一个视图",
        help_en: "next view",
        hint_zh: "视图",
        hint_en: "view",
    },
    KeyBinding {
        keys: &[Key::BackTab],
        action: Action::PrevView,
        help_zh: "上一个视图",
        help_en: "previous view",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: DIGITS,
        action: Action::GotoView,
        help_zh: "直接切换到第 1-8 个视图",
        help_en: "go to view 1-8",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::Up, Key::Char('k')],
        action: Action::Up,
        help_zh: "上移",
        help_en: "move up",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::Down, Key::Char('j')],
        action: Action::Down,
        help_zh: "下移",
        help_en: "move down",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::PageUp],
        action: Action::PageUp,
        help_zh: "上翻一页",
        help_en: "page up",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::PageDown],
        action: Action::PageDown,
        help_zh: "下翻一页",
        help_en: "page down",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::Char('g'), Key::Home],
        action: Action::First,
        help_zh: "到第一行",
        help_en: "go to the first row",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::Char('G'), Key::End],
        action: Action::Last,
        help_zh: "到最后一行",
        help_en: "go to the last row",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::Right, Key::Char('l'), Key::Enter],
        action: Action::Expand,
        help_zh: "展开；已展开则进入第一个下级",
        help_en: "expand; on an expanded row, go to its first child",
        hint_zh: "展开",
        hint_en: "expand",
    },
    KeyBinding {
        keys: &[Key::Left, Key::Char('h')],
        action: Action::Collapse,
        help_zh: "收起；已收起则回到上级",
        help_en: "collapse; on a collapsed row, go to its parent",
        hint_zh: "收起",
        hint_en: "collapse",
    },
    KeyBinding {
        keys: &[Key::Char(' ')],
        action: Action::Toggle,
        help_zh: "展开／收起",
        help_en: "toggle expanded",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::Char('e'), Key::Char('*')],
        action: Action::ExpandAll,
        help_zh: "全部展开",
        help_en: "expand all",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::Char('E'), Key::Char('-')],
        action: Action::CollapseAll,
        help_zh: "全部收起",
        help_en: "collapse all",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::Char('s')],
        action: Action::Scope,
        help_zh: "口径：全部资金／一般公共预算",
        help_en: "scope: all funds <-> general budget",
        hint_zh: "口径",
        hint_en: "scope",
    },
    KeyBinding {
        keys: &[Key::Char('o')],
        action: Action::SortField,
        help_zh: "排序：编码、金额、增减、增减% 轮换",
        help_en: "sort by: code, amount, change, change %",
        hint_zh: "排序",
        hint_en: "sort",
    },
    KeyBinding {
        keys: &[Key::Char('O')],
        action: Action::SortDirection,
        help_zh: "升序／降序",
        help_en: "ascending <-> descending",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::Char('['), Key::Char(']')],
        action: Action::DetailScroll,
        help_zh: "详情窗口上／下滚动（[ 上，] 下）",
        help_en: "scroll the detail pane ([ up, ] down)",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::Char('y')],
        action: Action::Copy,
        help_zh: "复制所选行（制表符分隔，OSC 52）",
        help_en: "copy the selected row (tab-separated, OSC 52)",
        hint_zh: "复制",
        hint_en: "copy",
    },
    KeyBinding {
        keys: &[Key::Char('m')],
        action: Action::Mouse,
        help_zh: "鼠标捕获开／关（关后可用鼠标选择文字）",
        help_en: "mouse capture on / off (off lets you select text)",
        hint_zh: "",
        hint_en: "",
    },
];

impl Key {
    pub fn label(self, ascii: bool) -> String {
        let arrow = |fancy: &str, plain: &str| if ascii { plain } else { fancy }.to_string();
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Up => arrow("↑", "Up"),
            Key::Down => arrow("↓", "Down"),
            Key::Left => arrow("←", "Left"),
            Key::Right => arrow("→", "Right"),
            Key::PageUp => "PgUp".into(),
            Key::PageDown => "PgDn".into(),
            Key::Home => "Home".into(),
            Key::End => "End".into(),
            Key::Enter => "Enter".into(),
            Key::Esc => "Esc".into(),
            Key::Tab => "Tab".into(),
            Key::BackTab => "Shift-Tab".into(),
        }
    }

    /// Whether a terminal key event is this key.
    pub fn matches(self, ev: &KeyEvent) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        match (self, ev.code) {
            (Key::Ctrl(c), KeyCode::Char(e)) => ctrl && e.eq_ignore_ascii_case(&c),
            (Key::Char(c), KeyCode::Char(e)) => !ctrl && e == c,
            (Key::Up, KeyCode::Up)
            | (Key::Down, KeyCode::Down)
            | (Key::Left, KeyCode::Left)
            | (Key::Right, KeyCode::Right)
            | (Key::PageUp, KeyCode::PageUp)
            | (Key::PageDown, KeyCode::PageDown)
            | (Key::Home, KeyCode::Home)
            | (Key::End, KeyCode::End)
            | (Key::Enter, KeyCode::Enter)
            | (Key::Esc, KeyCode::Esc)
            | (Key::Tab, KeyCode::Tab)
            | (Key::BackTab, KeyCode::BackTab) => true,
            _ => false,
        }
    }
}

/// The binding and the exact key of the table that a key event is, if any.
pub fn lookup(ev: &KeyEvent) -> Option<(&'static KeyBinding, Key)> {
    KEYS.iter().find_map(|binding| {
        binding
            .keys
            .iter()
            .find(|k| k.matches(ev))
            .map(|k| (binding, *k))
    })
}
