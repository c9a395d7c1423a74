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
    Backspace,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Suspend,
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
    /// Every 项 (leaf row) of the tree in one list, in the sort order.
    Flat,
    /// `[` scrolls the detail pane up, `]` down.
    DetailScroll,
    Copy,
    Mouse,
    /// `/`: open the search pane.
    Search,
    /// `n` / `N`: the next / previous match of the last search.
    SearchNext,
    SearchPrev,
    /// `p`: the document picker.
    Picker,
    /// `a`: this document ↔ the sum over every department of its year.
    Aggregate,
    /// `c`: choose one of the departments behind an aggregate figure.
    Contributors,
    /// `t`: the department's years side by side in the trees, on / off.
    Years,
    /// `w`: the next pair of years compared.
    YearPair,
    /// `W`: every year's column at once / only the pair.
    AllYears,
    /// `u`: the display unit of the year columns, 万元 / 元.
    Unit,
    /// In a pane: delete the last character typed.
    Backspace,
}

/// Where a binding applies: everywhere, while browsing, or while typing in a pane (the search
/// pane and the document picker), where every other character goes to the text typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Global,
    Browse,
    Input,
}

pub struct KeyBinding {
    pub keys: &'static [Key],
    pub action: Action,
    pub context: Context,
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
        context: Context::Browse,
        action: Action::Help,
        help_zh: "打开／关闭帮助",
        help_en: "open / close this help",
        hint_zh: "帮助",
        hint_en: "help",
    },
    KeyBinding {
        keys: &[Key::Ctrl('c')],
        context: Context::Global,
        action: Action::Quit,
        help_zh: "在任何地方都退出",
        help_en: "quit from anywhere",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::Ctrl('z')],
        context: Context::Global,
        action: Action::Suspend,
        help_zh: "挂起到 shell（fg 回来）",
        help_en: "suspend to the shell (fg brings it back)",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::Char('q')],
        context: Context::Browse,
        action: Action::Quit,
        help_zh: "退出",
        help_en: "quit",
        hint_zh: "退出",
        hint_en: "quit",
    },
    KeyBinding {
        keys: &[Key::Esc],
        context: Context::Browse,
        action: Action::Close,
        help_zh: "关闭打开的窗口",
        help_en: "close whatever is open",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::Char('/')],
        context: Context::Browse,
        action: Action::Search,
        help_zh: "搜索：编码、名称、拼音（全部已载入的文件）",
        help_en: "search codes, names, pinyin (all loaded documents)",
        hint_zh: "搜索",
        hint_en: "search",
    },
    KeyBinding {
        keys: &[Key::Char('n')],
        context: Context::Browse,
        action: Action::SearchNext,
        help_zh: "跳到上次搜索的下一个结果",
        help_en: "jump to the next match of the last search",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::Char('N')],
        context: Context::Browse,
        action: Action::SearchPrev,
        help_zh: "跳到上次搜索的上一个结果",
        help_en: "jump to the previous match of the last search",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::Char('p')],
        context: Context::Browse,
        action: Action::Picker,
        help_zh: "选择文件（载入多个文件时）",
        help_en: "choose a document (when several are loaded)",
        hint_zh: "文件",
        hint_en: "documents",
    },
    KeyBinding {
        keys: &[Key::Char('a')],
        context: Context::Browse,
        action: Action::Aggregate,
        help_zh: "本文件／同年全部部门汇总",
        help_en: "this document <-> the sum over all departments of its year",
        hint_zh: "汇总",
        hint_en: "sum",
    },
    KeyBinding {
        keys: &[Key::Char('c')],
        context: Context::Browse,
        action: Action::Contributors,
        help_zh: "汇总中：选择组成该数的部门（↑↓ 选，Enter 打开）",
        help_en: "in the sum: choose a contributing department (arrows, Enter opens)",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::Char('t')],
        context: Context::Browse,
        action: Action::Years,
        help_zh: "历年对比：本部门各年度文件并列（按编码对应）／只看本文件",
        help_en: "the department's years side by side (matched by code) <-> this document",
        hint_zh: "历年",
        hint_en: "years",
    },
    KeyBinding {
        keys: &[Key::Char('w')],
        context: Context::Browse,
        action: Action::YearPair,
        help_zh: "历年对比中：换一对年度（2025/2024 → 2024/2023 → 2025/2023）",
        help_en: "in the years: the next pair compared (2025/2024 -> 2024/2023 -> 2025/2023)",
        hint_zh: "换年",
        hint_en: "pair",
    },
    KeyBinding {
        keys: &[Key::Char('W')],
        context: Context::Browse,
        action: Action::AllYears,
        help_zh: "历年对比中：显示全部年度的列／只显示对比的两年",
        help_en: "in the years: every year's column <-> only the pair",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::Char('u')],
        context: Context::Browse,
        action: Action::Unit,
        help_zh: "历年对比中：单位 万元／元（精确换算）",
        help_en: "in the years: unit 10k yuan (万元) <-> yuan (元), converted exactly",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::Tab],
        context: Context::Browse,
        action: Action::NextView,
        help_zh: "下一个视图",
        help_en: "next view",
        hint_zh: "视图",
        hint_en: "view",
    },
    KeyBinding {
        keys: &[Key::BackTab],
        context: Context::Browse,
        action: Action::PrevView,
        help_zh: "上一个视图",
        help_en: "previous view",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: DIGITS,
        context: Context::Browse,
        action: Action::GotoView,
        help_zh: "直接切换到第 1-8 个视图",
        help_en: "go to view 1-8",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::Up, Key::Char('k')],
        context: Context::Browse,
        action: Action::Up,
        help_zh: "上移",
        help_en: "move up",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::Down, Key::Char('j')],
        context: Context::Browse,
        action: Action::Down,
        help_zh: "下移",
        help_en: "move down",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::PageUp],
        context: Context::Browse,
        action: Action::PageUp,
        help_zh: "上翻一页",
        help_en: "page up",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::PageDown],
        context: Context::Browse,
        action: Action::PageDown,
        help_zh: "下翻一页",
        help_en: "page down",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::Char('g'), Key::Home],
        context: Context::Browse,
        action: Action::First,
        help_zh: "到第一行",
        help_en: "go to the first row",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::Char('G'), Key::End],
        context: Context::Browse,
        action: Action::Last,
        help_zh: "到最后一行",
        help_en: "go to the last row",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::Right, Key::Char('l'), Key::Enter],
        context: Context::Browse,
        action: Action::Expand,
        help_zh: "展开；已展开则进入第一个下级",
        help_en: "expand; on an expanded row, go to its first child",
        hint_zh: "展开",
        hint_en: "expand",
    },
    KeyBinding {
        keys: &[Key::Left, Key::Char('h')],
        context: Context::Browse,
        action: Action::Collapse,
        help_zh: "收起；已收起则回到上级",
        help_en: "collapse; on a collapsed row, go to its parent",
        hint_zh: "收起",
        hint_en: "collapse",
    },
    KeyBinding {
        keys: &[Key::Char(' ')],
        context: Context::Browse,
        action: Action::Toggle,
        help_zh: "展开／收起",
        help_en: "toggle expanded",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::Char('e'), Key::Char('*')],
        context: Context::Browse,
        action: Action::ExpandAll,
        help_zh: "全部展开",
        help_en: "expand all",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::Char('E'), Key::Char('-')],
        context: Context::Browse,
        action: Action::CollapseAll,
        help_zh: "全部收起",
        help_en: "collapse all",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::Char('s')],
        context: Context::Browse,
        action: Action::Scope,
        help_zh: "口径：全部资金／一般公共预算",
        help_en: "scope: all funds <-> general budget",
        hint_zh: "口径",
        hint_en: "scope",
    },
    KeyBinding {
        keys: &[Key::Char('o')],
        context: Context::Browse,
        action: Action::SortField,
        help_zh: "排序：编码、金额、增减、增减% 轮换",
        help_en: "sort by: code, amount, change, change %",
        hint_zh: "排序",
        hint_en: "sort",
    },
    KeyBinding {
        keys: &[Key::Char('O')],
        context: Context::Browse,
        action: Action::SortDirection,
        help_zh: "升序／降序",
        help_en: "ascending <-> descending",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::Char('f')],
        context: Context::Browse,
        action: Action::Flat,
        help_zh: "全部项（末级）排成一列，按金额或增减（汇总中跨部门）<->树",
        help_en: "every item (leaf row) in one list, by amount or change (across departments in the sum) <-> the tree",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::Char('['), Key::Char(']')],
        context: Context::Browse,
        action: Action::DetailScroll,
        help_zh: "详情窗口上／下滚动（[ 上，] 下）",
        help_en: "scroll the detail pane ([ up, ] down)",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::Char('y')],
        context: Context::Browse,
        action: Action::Copy,
        help_zh: "复制所选行（制表符分隔，OSC 52）；文字视图中复制当前行",
        help_en: "copy the selected row (tab-separated, OSC 52); in a text view, the current line",
        hint_zh: "复制",
        hint_en: "copy",
    },
    KeyBinding {
        keys: &[Key::Char('m')],
        context: Context::Browse,
        action: Action::Mouse,
        help_zh: "鼠标捕获开／关（关后可用鼠标选择文字）",
        help_en: "mouse capture on / off (off lets you select text)",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::Enter],
        context: Context::Input,
        action: Action::Expand,
        help_zh: "跳到所选结果／打开所选文件",
        help_en: "jump to the chosen result / open the chosen document",
        hint_zh: "打开",
        hint_en: "open",
    },
    KeyBinding {
        keys: &[Key::Esc],
        context: Context::Input,
        action: Action::Close,
        help_zh: "关闭，回到原处",
        help_en: "close and go back to where you were",
        hint_zh: "返回",
        hint_en: "back",
    },
    KeyBinding {
        keys: &[Key::Up, Key::Ctrl('p')],
        context: Context::Input,
        action: Action::Up,
        help_zh: "上一个",
        help_en: "previous",
        hint_zh: "选择",
        hint_en: "choose",
    },
    KeyBinding {
        keys: &[Key::Down, Key::Ctrl('n')],
        context: Context::Input,
        action: Action::Down,
        help_zh: "下一个",
        help_en: "next",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::PageUp],
        context: Context::Input,
        action: Action::PageUp,
        help_zh: "上翻一页",
        help_en: "page up",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::PageDown],
        context: Context::Input,
        action: Action::PageDown,
        help_zh: "下翻一页",
        help_en: "page down",
        hint_zh: "",
        hint_en: "",
    },
    KeyBinding {
        keys: &[Key::Backspace],
        context: Context::Input,
        action: Action::Backspace,
        help_zh: "删去一个字",
        help_en: "delete a character",
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
            Key::Backspace => "Backspace".into(),
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
            | (Key::BackTab, KeyCode::BackTab)
            | (Key::Backspace, KeyCode::Backspace) => true,
            _ => false,
        }
    }
}

/// The binding and the exact key of the table that a key event is in a context (or in every
/// context), if any.
pub fn lookup(ev: &KeyEvent, context: Context) -> Option<(&'static KeyBinding, Key)> {
    KEYS.iter()
        .filter(|b| b.context == context || b.context == Context::Global)
        .find_map(|binding| {
            binding
                .keys
                .iter()
                .find(|k| k.matches(ev))
                .map(|k| (binding, *k))
        })
}

/// The character a key event types, when it is a plain one (no Ctrl, no Alt): what a pane's
/// text box takes when the key is not bound there.
pub fn typed(ev: &KeyEvent) -> Option<char> {
    match ev.code {
        KeyCode::Char(c)
            if !ev
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(c)
        }
        _ => None,
    }
}
