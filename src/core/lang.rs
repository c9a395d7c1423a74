//! The language of the interface's own words, and the words core itself produces (check
//! statuses and titles, derivations, scopes, levels, units), in one table: `words`.
//!
//! Core stays free of any language until a text is shown: what it builds is a `Phrase`, a term of
//! the table with its arguments (data as printed, or other phrases), rendered by whoever shows it
//! in the language the user chose. Document text (names, titles, headers, quotes) is an argument
//! and never translated. The browser's words are in `tui::i18n`, the command line's in
//! `cli::words`: one table per area, each giving every word in both languages.

use std::fmt;

/// The language of the interface's own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// One of a (Chinese, English) pair of words.
    pub fn pick<'a>(self, words: (&'a str, &'a str)) -> &'a str {
        match self {
            Lang::Zh => words.0,
            Lang::En => words.1,
        }
    }
}

/// A word or a sentence pattern that core produces. A pattern's `{}` take the arguments in
/// order, `{0}`…`{9}` by position (so that a language may put them in its own order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Term {
    Pass,
    Rounding,
    Fail,
    KindParentSum,
    KindRowIdentity,
    KindCrossTable,
    KindNarrative,
    KindCrossYear,
    /// The argument alone.
    Plain,
    /// Both sides of a check and the difference.
    Describe,
    TotalRow,
    TitleParentSum,
    FaSum,
    FaItems,
    FaItemsUnder,
    FaYearAndCarry,
    FaSides,
    FaCarryOver,
    FaHalves,
    FaComparison,
    TitleRowIdentity,
    TitleSame,
    TitleInWan,
    TitleNarrative,
    TitleNarrativeChange,
    TitleNarrativeParts,
    TitleCrossYear,
    TitleCrossYearNarrative,
    FromNarrative,
    FromGeneralBudget,
    FromSangong,
    BasicTotalIs,
    SoleChild,
    AllFunds,
    Fiscal,
    GeneralBudget,
    GovFund,
    StateCapital,
    Functional,
    Economic,
    Class,
    Subclass,
    Item,
    Total,
    New,
    Dropped,
    Wan,
    Yuan,
    /// The separator of a list: 、 or a comma.
    ListSep,
    LinkFunctionalEconomic,
    LinkSangong,
    /// The search's places: the glossary, a narrative section, a 三公 column, a project, an
    /// indicator.
    PlaceNode,
    PlaceWithTables,
    PlaceGlossary,
    PlaceSection,
    PlaceSangong,
    PlaceProject,
    PlaceIndicator,
}

/// Every word core says, in Chinese and English.
fn words(term: Term) -> (&'static str, &'static str) {
    use Term::*;
    match term {
        Pass => ("通过", "pass"),
        Rounding => ("舍入差", "rounding"),
        Fail => ("不符", "fail"),
        KindParentSum => ("上下级合计", "parent = children"),
        KindRowIdentity => ("行内恒等", "row identity"),
        KindCrossTable => ("表间一致", "across tables"),
        KindNarrative => ("说明与表", "narrative vs tables"),
        KindCrossYear => ("跨年一致", "across years"),
        Plain => ("{}", "{}"),
        Describe => ("印 {}，应为 {}，差 {}", "printed {}, expected {}, difference {}"),
        TotalRow => ("（合计行）", "(total row)"),
        TitleParentSum => ("{} {} “{}” = 下级之和", "{} {} “{}” = sum of its children"),
        FaSum => ("{} {}“{}” {} = {}", "{} {}“{}” {} = {}"),
        FaItems => ("各项之和", "the sum of its items"),
        FaItemsUnder => ("其下各项之和", "the sum of the items under it"),
        FaYearAndCarry => (
            "本年合计与结转结余之和",
            "the year's total plus the carry-overs",
        ),
        FaSides => ("{} {} “{}” = {} “{}”", "{} {} “{}” = {} “{}”"),
        FaCarryOver => (
            "{} {} 年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出",
            "{} {} carried out = carried in + income − spending",
        ),
        FaHalves => (
            "{} 各部分合计之和 = {} 合计 “基本支出”",
            "{} the sum of its parts' totals = {} total “basic expenditure”",
        ),
        FaComparison => (
            "说明（{}）“{}”：决算 {} 对 预算 {}",
            "narrative ({}) “{}”: final {} against budget {}",
        ),
        TitleRowIdentity => ("{} {} “{}” = {}", "{} {} “{}” = {}"),
        TitleSame => ("{} {} “{}” = {} {} “{}”", "{} {} “{}” = {} {} “{}”"),
        TitleInWan => ("{}（以万元比较）", "{} (compared in 10k yuan)"),
        TitleNarrative => ("说明（{}）“{}” = {} {} “{}”", "narrative ({}) “{}” = {} {} “{}”"),
        TitleNarrativeChange => (
            "说明（{}）“{}” = {} {} “{}” − “{}”",
            "narrative ({}) “{}” = {} {} “{}” − “{}”",
        ),
        TitleNarrativeParts => (
            "说明（{}）“{}” = 其分项之和（{}）",
            "narrative ({}) “{}” = the sum of its parts ({})",
        ),
        TitleCrossYear => (
            "{} {} {} {} “{}” = {} 年文件 {} “{}”",
            "{} {} {} {} “{}” = the {} document's {} “{}”",
        ),
        TitleCrossYearNarrative => (
            "{} {} 说明（{}）“{}” = {} 年文件 {} {} “{}” − {} 年文件自己的 “{}”",
            "{} {} narrative ({}) “{}” = the {} document's {} {} “{}” − the {} document's own “{}”",
        ),
        FromNarrative => (
            "由说明（{}）“{}”推算：{} {} {} = {}",
            "derived from the narrative ({}) “{}”: {} {} {} = {}",
        ),
        FromGeneralBudget => (
            "取{0}“{1}”{2}：{3} 年全部资金合计 {4} 等于{0}的 {3} 年合计 {5}，即 {3} 年无其他资金",
            "{0} “{1}” {2}: the all-funds total of {3}, {4}, equals {0}'s {3} total {5}, so there was no other money in {3}",
        ),
        FromSangong => (
            "取{}“{}”：{} 与该列同为一般公共预算的同一项支出",
            "{} “{}”: {} is the same general-budget spending as that column",
        ),
        BasicTotalIs => ("基本支出合计即{}“{}”；{}", "the basic total is {} “{}”; {}"),
        SoleChild => (
            "{0} 是 {1} 唯一的下级科目，与其相等（{1} 的 {2}）",
            "{0} is the only child of {1}, so it equals it ({1}: {2})",
        ),
        AllFunds => ("全部资金", "all funds"),
        Fiscal => ("财政拨款", "fiscal appropriations"),
        GeneralBudget => ("一般公共预算", "general budget"),
        GovFund => ("政府性基金预算", "government funds"),
        StateCapital => ("国有资本经营预算", "state capital"),
        Functional => ("功能分类", "functional"),
        Economic => ("经济分类", "economic"),
        Class => ("类", "class"),
        Subclass => ("款", "subclass"),
        Item => ("项", "item"),
        Total => ("合计", "total"),
        New => ("新增", "new"),
        Dropped => ("取消", "dropped"),
        Wan => ("万元", "10k yuan"),
        Yuan => ("元", "yuan"),
        ListSep => ("、", ", "),
        LinkFunctionalEconomic => (
            "同一笔支出的功能分类与经济分类",
            "the same spending in the functional and the economic classification",
        ),
        LinkSangong => ("“三公”经费表中的同一项支出", "the same spending in the official-spending (三公) table"),
        PlaceNode => ("{} {}", "{} {}"),
        PlaceWithTables => ("{} · {}", "{} · {}"),
        PlaceGlossary => ("名词解释", "glossary"),
        PlaceSection => ("说明 {}", "narrative {}"),
        PlaceSangong => ("{} 三公", "{} official spending"),
        PlaceProject => ("{} 项目", "{} project"),
        PlaceIndicator => ("{} 指标", "{} indicator"),
    }
}

/// A term in a language.
pub fn term(lang: Lang, term: Term) -> &'static str {
    lang.pick(words(term))
}

/// A unit as the interface names it: 万元 and 元 in the language; any other unit (an indicator's
/// 个, 次) is data and stays as printed.
pub fn unit(lang: Lang, unit: &str) -> &str {
    match unit {
        "万元" => term(lang, Term::Wan),
        "元" => term(lang, Term::Yuan),
        other => other,
    }
}

/// Whether a text holds a CJK ideograph or CJK punctuation (full-width forms included).
pub fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(c, '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}')
    })
}

/// A message the importer writes in both languages, "中文 (English)", split in two; `None` for
/// any other text. The English part says the whole message, data included.
pub fn split_bilingual(s: &str) -> Option<(&str, &str)> {
    let inner = s.strip_suffix(')')?;
    // The English part is the last parenthesis whose opening follows Chinese text.
    let mut depth = 0usize;
    for (i, c) in inner.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth > 0 => depth -= 1,
            '(' => {
                let (zh, en) = (inner[..i].trim_end(), &inner[i + 1..]);
                let words = |s: &str| unquoted(s).iter().any(|p| has_cjk(p));
                return (words(zh) && !words(en)).then_some((zh, en));
            }
            _ => {}
        }
    }
    None
}

/// A text's parts outside “quotes” (quoted text is data, in either language).
fn unquoted(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find('“') {
        out.push(&rest[..open]);
        match rest[open..].find('”') {
            Some(close) => rest = &rest[open + close + '”'.len_utf8()..],
            None => return out,
        }
    }
    out.push(rest);
    out
}

/// A message of the importer in a language: the whole "中文 (English)" in Chinese, the English
/// part in English; any other text as it is.
pub fn bilingual(s: &str, lang: Lang) -> &str {
    match (lang, split_bilingual(s)) {
        (Lang::En, Some((_, en))) => en,
        _ => s,
    }
}

/// Fills a pattern's `{}` (in order) and `{0}`…`{9}` (by position) with `args`; a placeholder
/// without an argument is left empty. Only these braces are special.
pub fn fill(pattern: &str, args: &[&str]) -> String {
    let mut out =
        String::with_capacity(pattern.len() + args.iter().map(|a| a.len()).sum::<usize>());
    let mut next = 0;
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let (index, skip) = match after.as_bytes() {
            [b'}', ..] => {
                next += 1;
                (Some(next - 1), 1)
            }
            [d @ b'0'..=b'9', b'}', ..] => (Some((d - b'0') as usize), 2),
            _ => (None, 0),
        };
        match index {
            Some(i) => {
                out.push_str(args.get(i).copied().unwrap_or(""));
                rest = &after[skip..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A text core produces: a term with its arguments, rendered in a language when shown.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Phrase {
    term: Term,
    args: Vec<Arg>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
enum Arg {
    /// Text as printed (or a figure): the same in every language.
    Data(String),
    Phrase(#[serde(with = "phrase_parts")] Phrase),
    /// Items joined by the language's list separator.
    List(Vec<String>),
}

impl Phrase {
    pub fn new(term: Term) -> Phrase {
        Phrase {
            term,
            args: Vec::new(),
        }
    }

    /// Appends an argument that is data: shown as it is in every language.
    pub fn data(mut self, s: impl Into<String>) -> Phrase {
        self.args.push(Arg::Data(s.into()));
        self
    }

    /// Appends an argument that is itself a phrase.
    pub fn phrase(mut self, p: Phrase) -> Phrase {
        self.args.push(Arg::Phrase(p));
        self
    }

    /// Appends a list of data, joined in the language's way.
    pub fn list(mut self, items: Vec<String>) -> Phrase {
        self.args.push(Arg::List(items));
        self
    }

    pub fn text(&self, lang: Lang) -> String {
        let args: Vec<String> = self
            .args
            .iter()
            .map(|a| match a {
                Arg::Data(s) => s.clone(),
                Arg::Phrase(p) => p.text(lang),
                Arg::List(items) => items.join(term(lang, Term::ListSep)),
            })
            .collect();
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        fill(term(lang, self.term), &refs)
    }

    /// Whether the Chinese text contains `s` (for tests and searches over titles).
    pub fn contains(&self, s: &str) -> bool {
        self.to_string().contains(s)
    }
}

impl Phrase {
    /// Data alone, in a phrase.
    pub fn plain(s: impl Into<String>) -> Phrase {
        Phrase::new(Term::Plain).data(s)
    }
}

/// As the default language's text (the JSON of the Chinese interface).
impl serde::Serialize for Phrase {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// A phrase as its term and arguments, to be rendered later in any language: for the cache
/// (`#[serde(with = "phrase_parts")]`; a cached search index keeps its items' places).
pub mod phrase_parts {
    use super::{Arg, Phrase, Term};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize)]
    struct Ref<'a> {
        term: Term,
        args: &'a [Arg],
    }

    #[derive(Deserialize)]
    struct Own {
        term: Term,
        args: Vec<Arg>,
    }

    pub fn serialize<S: Serializer>(p: &Phrase, s: S) -> Result<S::Ok, S::Error> {
        let parts = Ref {
            term: p.term,
            args: &p.args,
        };
        parts.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Phrase, D::Error> {
        let Own { term, args } = Own::deserialize(d)?;
        Ok(Phrase { term, args })
    }
}

/// The default language's text.
impl fmt::Display for Phrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::Zh))
    }
}

impl From<Term> for Phrase {
    fn from(t: Term) -> Phrase {
        Phrase::new(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_in_order_and_by_position() {
        assert_eq!(fill("{} = {}", &["a", "b"]), "a = b");
        assert_eq!(fill("{1} {0} {1}", &["a", "b"]), "b a b");
        assert_eq!(fill("{x} {}", &["a"]), "{x} a");
        assert_eq!(fill("{} {}", &["a"]), "a ");
        assert_eq!(fill("{", &[]), "{");
    }

    #[test]
    fn bilingual_messages_split_at_their_english_part() {
        let s = "表 4: 文本未印空格子 (table 4: 2 lines (of 3) placed)";
        assert_eq!(bilingual(s, Lang::En), "table 4: 2 lines (of 3) placed");
        assert_eq!(bilingual(s, Lang::Zh), s);
        assert_eq!(bilingual("line 3 (a row)", Lang::En), "line 3 (a row)");
        assert_eq!(bilingual("编码 (“2010”)", Lang::En), "“2010”");
        assert_eq!(bilingual("“合计” (a row)", Lang::En), "“合计” (a row)");
        assert_eq!(
            bilingual("两列“合计” (one column, “合计”)", Lang::En),
            "one column, “合计”"
        );
    }

    #[test]
    fn phrases_render_in_either_language() {
        let p = Phrase::new(Term::TitleParentSum)
            .data("表三")
            .phrase(Term::TotalRow.into())
            .data("合计");
        assert_eq!(p.text(Lang::Zh), "表三 （合计行） “合计” = 下级之和");
        assert_eq!(
            p.text(Lang::En),
            "表三 (total row) “合计” = sum of its children"
        );
        assert_eq!(p.to_string(), p.text(Lang::Zh));
    }

    #[test]
    fn every_english_word_is_free_of_cjk_but_the_named_budget_terms() {
        use Term::*;
        for t in [
            Pass,
            Rounding,
            Fail,
            Describe,
            TotalRow,
            TitleParentSum,
            TitleInWan,
            FromNarrative,
            FromGeneralBudget,
            AllFunds,
            GeneralBudget,
            Class,
            Wan,
            Yuan,
            New,
            Dropped,
            PlaceGlossary,
            PlaceSangong,
        ] {
            let en = term(Lang::En, t);
            assert!(
                !en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{t:?}: {en}"
            );
        }
    }
}
