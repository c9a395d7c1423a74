//! The narrative before the tables: title, sections 一 … 六 with their paragraphs, the glossary
//! (专业性名词解释) and the contact line. A paragraph ends where the PDF line ends with a space;
//! a line without one wraps into the next.

use super::cells::is_page_number;
use super::TextLine;
use crate::core::document::{Contact, GlossaryEntry, Section};

pub struct Narrative {
    pub title: String,
    pub sections: Vec<Section>,
    pub glossary: Vec<GlossaryEntry>,
    pub contact: Option<Contact>,
}

const NUMERALS: &str = "一二三四五六七八九十";

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Undoes a wrap: the document spaces numbers from Chinese words (`2023 年`), so a wrap between
/// a digit and an ideograph was such a space.
fn join(para: &mut String, next: &str) {
    let (Some(a), Some(b)) = (para.chars().last(), next.chars().next()) else {
        para.push_str(next);
        return;
    };
    if (a.is_ascii_digit() && is_cjk(b)) || (is_cjk(a) && b.is_ascii_digit()) {
        para.push(' ');
    }
    para.push_str(next);
}

/// `一、单位基本情况` → (一, 单位基本情况).
fn heading(t: &str) -> Option<(String, String)> {
    let (n, title) = t.split_once('、')?;
    (!n.is_empty() && n.chars().all(|c| NUMERALS.contains(c)) && !title.is_empty())
        .then(|| (n.to_string(), title.to_string()))
}

/// `（一）财政拨款收入。指…` → a glossary entry.
fn glossary_entry(p: &str) -> Option<GlossaryEntry> {
    let rest = p.strip_prefix('（')?;
    let (n, rest) = rest.split_once('）')?;
    if !n.chars().all(|c| NUMERALS.contains(c)) {
        return None;
    }
    let (term, definition) = rest.split_once('。')?;
    Some(GlossaryEntry {
        term: term.to_string(),
        definition: definition.to_string(),
    })
}

/// `部门预算公开联系人：杨梅   联系方式：023-68926811`.
fn contact(t: &str) -> Option<Contact> {
    let person = t
        .split_once("联系人：")?
        .1
        .split_whitespace()
        .next()
        .map(str::to_string);
    let phone = t
        .split_once("联系方式：")
        .and_then(|(_, p)| p.split_whitespace().next())
        .map(str::to_string);
    Some(Contact {
        text: t.to_string(),
        person,
        phone,
    })
}

pub fn read(lines: &[TextLine]) -> Narrative {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut open = false;
    for l in lines {
        if is_page_number(l.text) || l.text.trim().is_empty() {
            continue;
        }
        let t = l.text.trim();
        match paragraphs.last_mut() {
            Some(p) if open => join(p, t),
            _ => paragraphs.push(t.to_string()),
        }
        // A line that ends without a space wraps into the next one.
        open = !l.text.ends_with(' ');
    }
    let mut n = Narrative {
        title: String::new(),
        sections: vec![],
        glossary: vec![],
        contact: None,
    };
    let mut paragraphs = paragraphs.into_iter();
    n.title = paragraphs.next().unwrap_or_default();
    for p in paragraphs {
        if let Some((number, title)) = heading(&p) {
            n.sections.push(Section {
                number,
                title,
                paragraphs: vec![],
            });
        } else if p.contains("联系人：") {
            n.contact = contact(&p);
        } else if let Some(s) = n.sections.last_mut() {
            match glossary_entry(&p).filter(|_| s.title.contains("名词解释")) {
                Some(g) => n.glossary.push(g),
                None => s.paragraphs.push(p),
            }
        }
    }
    n
}
