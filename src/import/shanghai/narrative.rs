//! The narrative around the tables: sections by their headings, paragraphs with the PDF's line
//! wraps undone.

use super::tables::At;
use crate::core::document::{GlossaryEntry, Section};

const HEADINGS: &[&str] = &[
    "主要职能",
    "机构设置",
    "名词解释",
    "预算编制说明",
    "其他相关情况说明",
    "项目经费情况说明",
];

const NUMBERS: &[&str] = &[
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
    "十五",
];

/// A line of the table of contents: numbered, or with dot leaders.
fn toc_like(s: &str) -> bool {
    s.contains('…')
        || NUMBERS.iter().any(|n| s.starts_with(&format!("{n}、")))
        || s.chars().next().is_some_and(|c| c.is_ascii_digit())
}

fn heading(s: &str) -> Option<&'static str> {
    if s.chars().count() > 40 || s.contains('。') || s.contains('，') || s.contains('…') {
        return None;
    }
    HEADINGS.iter().copied().find(|h| s.ends_with(h))
}

/// A line that begins a paragraph: numbered, or indented past the page's left margin.
fn starts_paragraph(s: &str, indented: bool) -> bool {
    indented
        || s.starts_with('（')
        || s.starts_with('(')
        || NUMBERS.iter().any(|n| s.starts_with(&format!("{n}、")))
        || numbered(s)
}

/// "1. …", "12、…", "3．…": an item number, not an amount such as "876.75万元".
fn numbered(s: &str) -> bool {
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    let mut rest = s.chars().skip(digits);
    (1..=2).contains(&digits)
        && matches!(rest.next(), Some('.' | '、' | '．'))
        && !rest.next().is_some_and(|c| c.is_ascii_digit())
}

/// Sections from the first heading on; the cover and table of contents are left out.
pub fn sections(lines: &[&At]) -> Vec<Section> {
    sections_by(lines, &|s| heading(s).is_some())
}

/// `sections` with another template's headings (the 决算 template shares the paragraphs' layout).
pub fn sections_by(lines: &[&At], is_heading: &dyn Fn(&str) -> bool) -> Vec<Section> {
    // Each page's left margin: where its wrapped lines start (first lines are indented).
    let mut margins: std::collections::HashMap<u32, f32> = std::collections::HashMap::new();
    for a in lines {
        if let Some(r) = a.line.runs.first() {
            let m = margins.entry(a.page).or_insert(f32::MAX);
            *m = m.min(r.x0);
        }
    }
    let mut out: Vec<Section> = Vec::new();
    let mut last_ended = true;
    // The table of contents repeats the headings: skip from 目录 to the first heading that is
    // not one of its lines.
    let mut in_toc = false;
    for a in lines {
        let s = a.squeezed.as_str();
        if s.is_empty() {
            continue;
        }
        if s == "目录" {
            in_toc = true;
            continue;
        }
        if in_toc {
            if is_heading(s) && !toc_like(s) {
                in_toc = false;
            } else {
                continue;
            }
        }
        if is_heading(s) {
            let number = NUMBERS.get(out.len()).copied().unwrap_or("").to_string();
            out.push(Section {
                number,
                title: a.line.text().trim().to_string(),
                paragraphs: Vec::new(),
            });
            last_ended = true;
            continue;
        }
        let Some(section) = out.last_mut() else {
            continue;
        };
        let margin = margins.get(&a.page).copied().unwrap_or(0.0);
        let x0 = a.line.runs.first().map_or(margin, |r| r.x0);
        let size = a.line.runs.first().map_or(1.0, |r| {
            let n = r.xs.len().max(1) as f32;
            ((r.x1 - r.x0) / n).max(1.0)
        });
        let indented = x0 > margin + size * 1.2;
        let text = a.line.text();
        let text = text.trim();
        if section.paragraphs.is_empty() || starts_paragraph(s, indented) || last_ended && indented
        {
            section.paragraphs.push(text.to_string());
        } else if let Some(p) = section.paragraphs.last_mut() {
            p.push_str(text);
        }
        last_ended = s.ends_with('。') || s.ends_with('：');
    }
    out
}

/// The 名词解释 section's entries ("（一）基本支出预算：是……") as a glossary; the section is
/// taken out when every paragraph is an entry, else left as printed.
pub fn glossary(sections: &mut Vec<Section>) -> Vec<GlossaryEntry> {
    let Some(at) = sections.iter().position(|s| s.title.ends_with("名词解释")) else {
        return Vec::new();
    };
    let entries: Vec<Option<GlossaryEntry>> =
        sections[at].paragraphs.iter().map(|p| entry(p)).collect();
    if entries.is_empty() || entries.iter().any(Option::is_none) {
        return Vec::new();
    }
    sections.remove(at);
    for (k, s) in sections.iter_mut().enumerate() {
        s.number = NUMBERS.get(k).copied().unwrap_or("").to_string();
    }
    entries.into_iter().flatten().collect()
}

fn entry(p: &str) -> Option<GlossaryEntry> {
    let rest = p.strip_prefix('（')?;
    let (_, rest) = rest.split_once('）')?;
    let rest = rest.trim_start_matches(['、', ' ']);
    let (term, definition) = rest.split_once('：')?;
    (!term.is_empty() && term.chars().count() <= 20).then(|| GlossaryEntry {
        term: term.to_string(),
        definition: definition.to_string(),
    })
}
