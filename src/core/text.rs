//! Untrusted text made safe to show: done once, at load, so that every view, export and search
//! sees the same neutral text and column widths are computed on what is drawn.

use super::document::*;

/// Replaces every character that a terminal would act on, or that would reorder or hide text,
/// with a visible stand-in: C0 controls and DEL by their Control Pictures (ESC → ␛, TAB → ␉),
/// C1 controls, bidi overrides and zero-width characters by U+FFFD.
pub fn neutralise(text: &str) -> String {
    if !text.chars().any(needs_neutralising) {
        return text.to_string();
    }
    text.chars().map(neutral_char).collect()
}

/// `neutralise` line by line: the line breaks of a multi-line message stay line breaks.
pub fn neutralise_lines(text: &str) -> String {
    text.split_inclusive('\n')
        .map(|l| match l.strip_suffix('\n') {
            Some(l) => format!("{}\n", neutralise(l)),
            None => neutralise(l),
        })
        .collect()
}

fn needs_neutralising(c: char) -> bool {
    neutral_char(c) != c
}

fn neutral_char(c: char) -> char {
    match c {
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
        '\u{7f}' => '\u{2421}',
        '\u{80}'..='\u{9f}' => '\u{FFFD}',
        // Bidi embeddings, overrides and isolates; marks that reorder text.
        '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{061c}' => '\u{FFFD}',
        // Zero-width and invisible formatting characters.
        '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{00ad}' => '\u{FFFD}',
        // Line and paragraph separators: some terminals and editors break the line at them.
        '\u{2028}' | '\u{2029}' => '\u{FFFD}',
        _ => c,
    }
}

fn fix(s: &mut String) {
    if s.chars().any(needs_neutralising) {
        *s = neutralise(s);
    }
}

fn fix_opt(s: &mut Option<String>) {
    if let Some(s) = s {
        fix(s);
    }
}

fn fix_interned(s: &mut Option<crate::core::interned::Interned>) {
    if let Some(t) = s {
        if t.chars().any(needs_neutralising) {
            *t = neutralise(t).into();
        }
    }
}

/// Neutralises every string of a document in place.
pub fn neutralise_document(doc: &mut Document) {
    fix(&mut doc.title);
    fix(&mut doc.unit);
    fix(&mut doc.department.code);
    fix(&mut doc.department.name);
    fix_opt(&mut doc.source);
    if let Some(c) = &mut doc.contact {
        fix(&mut c.text);
        fix_opt(&mut c.person);
        fix_opt(&mut c.phone);
    }
    for s in &mut doc.sections {
        fix(&mut s.number);
        fix(&mut s.title);
        s.paragraphs.iter_mut().for_each(fix);
    }
    for g in &mut doc.glossary {
        fix(&mut g.term);
        fix(&mut g.definition);
    }
    for t in &mut doc.tables {
        neutralise_table(t);
    }
    for f in &mut doc.narrative_figures {
        fix(&mut f.id);
        fix(&mut f.section);
        fix(&mut f.quote);
        fix_opt(&mut f.unit);
    }
}

fn neutralise_columns_rows(columns: &mut [Column], rows: &mut [Row]) {
    for c in columns {
        let mut header = Some(std::mem::take(&mut c.header));
        fix_interned(&mut header);
        c.header = header.unwrap_or_default();
        fix_interned(&mut c.group);
    }
    for r in rows {
        fix_interned(&mut r.name);
        fix_interned(&mut r.printed_code);
    }
}

fn neutralise_table(t: &mut Table) {
    fix(&mut t.id);
    fix(&mut t.title);
    fix_opt(&mut t.group_header);
    fix_opt(&mut t.code_header);
    fix_opt(&mut t.name_header);
    fix_opt(&mut t.note);
    neutralise_columns_rows(&mut t.columns, &mut t.rows);
    for s in &mut t.sections {
        fix_opt(&mut s.name);
        fix_opt(&mut s.item_header);
        neutralise_columns_rows(&mut s.columns, &mut s.rows);
    }
    if let Some(p) = &mut t.performance {
        for f in &mut p.fields {
            fix(&mut f.label);
            fix(&mut f.value);
        }
        fix_opt(&mut p.goals_header);
        fix_opt(&mut p.indicators_header);
        p.goals.iter_mut().for_each(fix);
        p.indicator_columns.iter_mut().for_each(fix);
        for i in &mut p.indicators {
            fix_opt(&mut i.level1);
            fix_opt(&mut i.level2);
            fix(&mut i.name);
            fix(&mut i.nature);
            fix_opt(&mut i.value);
            fix_opt(&mut i.unit);
            fix(&mut i.weight);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_visible_stand_ins() {
        assert_eq!(neutralise("a\u{1b}[2Jb"), "a␛[2Jb");
        assert_eq!(neutralise("x\ty\nz\u{7}"), "x␉y␊z␇");
        assert_eq!(neutralise("\u{9b}31m"), "\u{FFFD}31m");
        assert_eq!(neutralise("abc\u{202e}def"), "abc\u{FFFD}def");
        assert_eq!(neutralise("零\u{200b}宽"), "零\u{FFFD}宽");
        assert_eq!(neutralise("\0"), "␀");
        assert_eq!(neutralise("a\u{2028}b\u{2029}c"), "a\u{FFFD}b\u{FFFD}c");
    }

    #[test]
    fn ordinary_text_is_untouched() {
        let s = "机关事业单位基本养老保险缴费支出 “三公” （境） 1,213.45 ≥ ＝";
        assert_eq!(neutralise(s), s);
    }
}
