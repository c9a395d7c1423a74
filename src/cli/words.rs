//! Every word the command line itself prints, in Chinese and English, in one table. A pattern's
//! `{}` take the arguments in order, `{0}`…`{9}` by position (`core::lang::fill`). Document text
//! and core's words (statuses, check titles, scopes, levels, units) come from elsewhere: the
//! document as printed, core's table in `core::lang`.

use crate::core::lang::{fill, Lang};

/// A thing the command line says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Say {
    CheckHead,
    CheckLine,
    CheckPassed,
    CheckFinding,
    CheckCount,
    ShowHead,
    ShowParent,
    ShowChild,
    ShowOtherName,
    ShowScope,
    ShowScopeTable,
    ShowDerived,
    ShowYears,
    ShowBasic,
    ShowProject,
    ShowDerivedYear,
    ShowPrinted,
    ShowAmount,
    ShowLinks,
    ShowLink,
    ShowChecks,
    ShowCheck,
    ShowCheckDetail,
    NoResults,
    ManyCount,
    ManyFinding,
    ManyCrossYear,
    ManyFiles,
    ManySum,
    ManyPrevDocument,
    ManyPrevPrinted,
    ManyPrevCount,
    ManyPrev,
    Comma,
    CompareHead,
    CompareTotal,
    CompareByAmount,
    CompareByPercent,
    CompareNew,
    CompareDropped,
    SeriesHead,
    SeriesAbsent,
    SeriesYear,
    ImportCannot,
    ImportTemplate,
    ImportTables,
    ImportTable,
    ImportRows,
    ImportFigures,
    ImportUnreadNone,
    ImportUnread,
    ImportUnreadLine,
    ImportNote,
    ImportChecks,
    ImportBelieveSource,
    ImportBelieveImport,
    ImportFailure,
    ImportWritten,
    TemplateShanghaiDepartment,
    TemplateShanghaiUnit,
    TemplateChongqing,
    TemplateJiangsu,
    TemplateFinalAccounts,
}

fn words(say: Say) -> (&'static str, &'static str) {
    use Say::*;
    match say {
        CheckHead => (
            "{} {} 年部门预算：一致性检查（单位：{}）",
            "{} {} budget: consistency checks (unit: {})",
        ),
        CheckLine => ("[{}] {}：{}", "[{}] {}: {}"),
        CheckPassed => ("（{}）", " ({})"),
        CheckFinding => (
            "：{}（允许舍入 {} 项 × 0.01）",
            ": {} (rounding allowed: {} × 0.01)",
        ),
        CheckCount => (
            "共 {} 项：通过 {}，舍入差 {}，不符 {}",
            "{} checks: pass {}, rounding {}, fail {}",
        ),
        ShowHead => ("{} {}（{}·{}，单位：{}）", "{} {} ({} {}, unit: {})"),
        ShowParent => ("上级：{} {}", "parent: {} {}"),
        ShowChild => ("下级：{} {}", "child: {} {}"),
        ShowOtherName => ("另印作（{}）：{}", "also printed ({}) as: {}"),
        ShowScope => ("\n[{}{}]", "\n[{}{}]"),
        ShowScopeTable => ("，{}", ", {}"),
        ShowDerived => ("{}（推算）", "{} (derived)"),
        ShowYears => (
            "  {} 年 {} → {} 年 {}  增减 {}  {}",
            "  {} {} → {} {}  change {}  {}",
        ),
        ShowBasic => ("  基本支出 {}", "  basic expenditure {}"),
        ShowProject => ("  项目支出 {}", "  project expenditure {}"),
        ShowDerivedYear => ("  {} 年为推算值：{}", "  {} is derived: {}"),
        ShowPrinted => ("\n印于各表：", "\nprinted in the tables:"),
        ShowAmount => ("  {} “{}”：{}", "  {} “{}”: {}"),
        ShowLinks => ("\n对应：", "\ncross-references:"),
        ShowLink => ("  {} {} {}（{}）", "  {} {} {} ({})"),
        ShowChecks => ("\n检查：", "\nchecks:"),
        ShowCheck => ("  [{}] {}{}", "  [{}] {}{}"),
        ShowCheckDetail => ("：{}", ": {}"),
        NoResults => ("无结果 / no results", "no results"),
        ManyCount => (
            "{} {} {}：{} 项，通过 {}，舍入差 {}，不符 {}",
            "{} {} {}: {} checks, pass {}, rounding {}, fail {}",
        ),
        ManyFinding => ("  [{}] {}：{}", "  [{}] {}: {}"),
        ManyCrossYear => (
            "跨年一致：{} 项，不一致 {}",
            "across years: {} checks, {} disagree",
        ),
        ManyFiles => (
            "共 {} 份文件，{} 份未能载入",
            "{} documents, {} did not load",
        ),
        ManySum => (
            "{} 年 {} {}：{} 个部门合计 {}（基本 {}，项目 {}）",
            "{} {} {}: {} departments, total {} (basic {}, project {})",
        ),
        ManyPrevDocument => ("取上年文件", "from the prior year's document"),
        ManyPrevPrinted => (
            "取本年文件所印上年数",
            "from the prior-year column printed this year",
        ),
        ManyPrevCount => ("{} {} 个", "{} {}"),
        ManyPrev => ("  {} 年 {}（{} 个部门；{}）", "  {} {} ({} departments; {})"),
        Comma => ("，", ", "),
        CompareHead => ("{} {}（单位：{}）{} → {}", "{} {} (unit: {}) {} → {}"),
        CompareTotal => ("  合计 {} → {}  {} ({})", "  total {} → {}  {} ({})"),
        CompareByAmount => ("  增减最大（金额）：", "  largest changes (amount):"),
        CompareByPercent => ("  增减最大（%）：", "  largest changes (%):"),
        CompareNew => (
            "  新增 {0} 个（{1} 年有，{2} 年无）：",
            "  new: {0} (in {1}, not in {2}):",
        ),
        CompareDropped => (
            "  取消 {0} 个（{1} 年有，{2} 年无）：",
            "  dropped: {0} (in {1}, not in {2}):",
        ),
        SeriesHead => ("{} {} 历年（{}，单位：{}）：", "{} {} by year ({}, unit: {}):"),
        SeriesAbsent => ("—（未列此科目）", "— (code not printed)"),
        SeriesYear => ("  {} 年 {}{}{}", "  {} {}{}{}"),
        ImportCannot => ("  无法导入: {}", "  cannot be imported: {}"),
        ImportTemplate => ("  模板：{}；{} {} 年；{} 页", "  template: {}; {} {}; {} pages"),
        ImportTables => ("  表格 ({}):", "  tables ({}):"),
        ImportTable => (
            "    {}  {} → {} / {} / {}，{}，{}，{}",
            "    {}  {} → {} / {} / {}, {}, {}, {}",
        ),
        ImportRows => ("{} 行", "{} rows"),
        ImportFigures => ("{} 个数", "{} figures"),
        ImportUnreadNone => ("  未读懂的行：无", "  unread lines: none"),
        ImportUnread => ("  未读懂的行 ({}):", "  unread lines ({}):"),
        ImportUnreadLine => ("    p.{} “{}”：{}", "    p.{} “{}”: {}"),
        ImportNote => ("  注: {}", "  note: {}"),
        ImportChecks => (
            "  检查：{} 项，通过 {}，舍入差 {}，不符 {}",
            "  checks: {}, pass {}, rounding {}, fail {}",
        ),
        ImportBelieveSource => (
            "  每个表格行都已读懂，不符之处应是原文件本身的问题",
            "  every table line was read: the failures are believed to be findings about the source",
        ),
        ImportBelieveImport => (
            "  有未读懂的行，不符之处可能来自导入",
            "  some lines were not read: the failures may be flaws of the import",
        ),
        ImportFailure => ("    [{}] {}：{}", "    [{}] {}: {}"),
        ImportWritten => ("  已写入: {}", "  written: {}"),
        TemplateShanghaiDepartment => (
            "上海 9 表部门预算",
            "Shanghai 9-table department budget",
        ),
        TemplateShanghaiUnit => ("上海 9 表单位预算", "Shanghai 9-table unit budget"),
        TemplateChongqing => ("重庆 13 表部门预算", "Chongqing 13-table department budget"),
        TemplateJiangsu => ("江苏 12 表部门预算", "Jiangsu 12-table department budget"),
        TemplateFinalAccounts => (
            "全国 9 表部门决算",
            "national 9-table department final accounts",
        ),
    }
}

/// A word of the command line in a language.
pub fn word(lang: Lang, say: Say) -> &'static str {
    lang.pick(words(say))
}

/// A pattern of the command line filled with its arguments.
pub fn say(lang: Lang, say: Say, args: &[&str]) -> String {
    fill(word(lang, say), args)
}

/// An importer's template by its (Chinese) name, in a language; an unknown one as it is.
pub fn template(lang: Lang, name: &str) -> String {
    use Say::*;
    [
        TemplateShanghaiDepartment,
        TemplateShanghaiUnit,
        TemplateChongqing,
        TemplateJiangsu,
        TemplateFinalAccounts,
    ]
    .into_iter()
    .find(|t| words(*t).0 == name)
    .map_or_else(|| name.to_string(), |t| word(lang, t).to_string())
}
