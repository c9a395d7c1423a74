//! Loading and validating documents. Every failure names the file, the place and the problem.

use super::document::*;
use super::text::neutralise_document;
use std::collections::{BTreeSet, HashSet};
use std::fmt;
use std::path::Path;

/// The bundled disclosure, compiled into the binary.
pub const BUNDLED_NAME: &str = "data/cq_dadukou_124_2024.json";
pub const BUNDLED_JSON: &str = include_str!("../../data/cq_dadukou_124_2024.json");

/// Larger files are refused before reading: a disclosure is tens of kilobytes.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LoadError {
    pub file: String,
    /// `line 3, column 7` or a JSON path such as `tables[1].rows[4].code`.
    pub place: String,
    pub problem: String,
}

/// Neutralised (`text::neutralise`): a file name, a place and a problem all come from outside
/// (a name on disk, a quoted value), and this is what reaches stderr and the screen.
impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use super::text::neutralise as n;
        if self.place.is_empty() {
            write!(f, "{}: {}", n(&self.file), n(&self.problem))
        } else {
            let (file, place, problem) = (n(&self.file), n(&self.place), n(&self.problem));
            write!(f, "{file}: at {place}: {problem}")
        }
    }
}

impl std::error::Error for LoadError {}

impl LoadError {
    /// The message in a language: a problem the importer states in both ("中文 (English)") in
    /// that language's part; the rest (file, place, the loader's English) as it is.
    pub fn text(&self, lang: super::lang::Lang) -> String {
        LoadError {
            problem: super::lang::bilingual(&self.problem, lang).to_string(),
            ..self.clone()
        }
        .to_string()
    }
}

fn err(file: &str, place: impl Into<String>, problem: impl Into<String>) -> LoadError {
    LoadError {
        file: file.to_string(),
        place: place.into(),
        problem: problem.into(),
    }
}

/// The bundled document. It is validated by the test suite, so failure here is a build defect.
pub fn bundled() -> Document {
    parse(BUNDLED_NAME, BUNDLED_JSON.as_bytes()).expect("the bundled document is valid")
}

pub fn load_path(path: &Path) -> Result<Document, LoadError> {
    let bytes = read_file(path)?;
    parse(&path.display().to_string(), &bytes)
}

/// A document file's bytes, refused before it is read when it is a folder, not a regular file
/// (a pipe would block), or larger than any document.
pub fn read_file(path: &Path) -> Result<Vec<u8>, LoadError> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| err(&name, "", io_problem(&e)))?;
    if meta.is_dir() {
        return Err(err(&name, "", "is a folder, not a JSON document"));
    }
    // A FIFO, socket or device would block or never end: only regular files are documents.
    if !meta.is_file() {
        return Err(err(
            &name,
            "",
            "is not a regular file (a pipe, socket or device), not a JSON document",
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(err(
            &name,
            "",
            format!(
                "is {} bytes, more than the {} bytes a document may have",
                meta.len(),
                MAX_FILE_BYTES
            ),
        ));
    }
    std::fs::read(path).map_err(|e| err(&name, "", io_problem(&e)))
}

fn io_problem(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => format!("cannot be read: {e}"),
    }
}

/// Parses and validates a document from bytes; `file` names it in errors.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Document, LoadError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(err(file, "", "is empty: expected a JSON document"));
    }
    // Editors on Windows save UTF-8 with a byte-order mark; it is not part of the JSON.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if first.is_some_and(|&b| b != b'{') {
        let (line, col) = line_col(
            bytes,
            bytes
                .iter()
                .position(|b| !b.is_ascii_whitespace())
                .unwrap_or(0),
        );
        return Err(err(
            file,
            format!("line {line}, column {col}"),
            "expected a JSON object ({ \"format\": \"yusuan/1\", … }) at the top level",
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, col) = line_col(bytes, e.valid_up_to());
        err(
            file,
            format!("line {line}, column {col}"),
            "is not valid UTF-8 text (save the file as UTF-8)",
        )
    })?;
    // The fast path parses directly; only a failure is parsed again to find its JSON path.
    let mut doc: Document = match serde_json::from_str(text) {
        Ok(doc) => doc,
        Err(_) => return Err(locate_error(file, text)),
    };
    validate(&doc).map_err(|(place, problem)| err(file, place, problem))?;
    neutralise_document(&mut doc);
    shrink(&mut doc);
    Ok(doc)
}

/// Validates a document built in memory (an import) exactly as a loaded one is validated.
pub fn accept(file: &str, mut doc: Document) -> Result<Document, LoadError> {
    validate(&doc).map_err(|(place, problem)| err(file, place, problem))?;
    neutralise_document(&mut doc);
    shrink(&mut doc);
    Ok(doc)
}

/// Gives back the spare capacity that parsing leaves in vectors: a folder of departments holds
/// hundreds of thousands of rows.
fn shrink(doc: &mut Document) {
    doc.tables.shrink_to_fit();
    for t in &mut doc.tables {
        t.rows.shrink_to_fit();
        t.columns.shrink_to_fit();
        for s in &mut t.sections {
            s.rows.shrink_to_fit();
            s.columns.shrink_to_fit();
        }
    }
    doc.narrative_figures.shrink_to_fit();
    doc.sections.shrink_to_fit();
}

/// Parses a document known to be invalid again, tracking the JSON path, to say where it fails.
fn locate_error(file: &str, text: &str) -> LoadError {
    let mut de = serde_json::Deserializer::from_str(text);
    let result: Result<Document, _> = serde_path_to_error::deserialize(&mut de);
    let e = match result {
        Ok(_) => match de.end() {
            Ok(()) => return err(file, "", "could not be parsed"),
            Err(e) => {
                return err(
                    file,
                    format!("line {}, column {}", e.line(), e.column()),
                    json_problem(&e),
                )
            }
        },
        Err(e) => e,
    };
    let path = e.path().to_string();
    let inner = e.into_inner();
    let place = if path == "." || path.is_empty() {
        format!("line {}, column {}", inner.line(), inner.column())
    } else {
        format!("{path} (line {}, column {})", inner.line(), inner.column())
    };
    // A year is a whole number; serde would say "floating point `1e20`, expected i32".
    let last = path.rsplit('.').next().unwrap_or_default();
    let problem = if matches!(last, "fiscal_year" | "year") && inner.is_data() {
        "is not a year: a year is a whole number such as 2024".to_string()
    } else {
        json_problem(&inner)
    };
    err(file, place, problem)
}

fn json_problem(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    // serde_json appends " at line L column C"; the place already says it.
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    }
}

fn line_col(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
    (line, col)
}

type Invalid = (String, String);

fn validate(doc: &Document) -> Result<(), Invalid> {
    if doc.format != FORMAT {
        return Err((
            "format".into(),
            format!("is \"{}\", expected \"{FORMAT}\"", doc.format),
        ));
    }
    if !(1949..=2200).contains(&doc.fiscal_year) {
        return Err((
            "fiscal_year".into(),
            format!("{} is not a plausible year", doc.fiscal_year),
        ));
    }
    check_unit(&doc.unit, "unit")?;
    if doc.department.code.trim().is_empty() || doc.department.name.trim().is_empty() {
        return Err(("department".into(), "needs a code and a name".into()));
    }
    let mut ids = HashSet::new();
    for (ti, table) in doc.tables.iter().enumerate() {
        let at = format!("tables[{ti}]");
        if !ids.insert(table.id.as_str()) {
            return Err((
                format!("{at}.id"),
                format!("duplicate table id \"{}\"", table.id),
            ));
        }
        if let Some(u) = &table.unit {
            check_unit(u, &format!("{at}.unit"))?;
        }
        validate_table(table, &at)?;
    }
    validate_figures(doc)
}

fn check_unit(unit: &str, place: &str) -> Result<(), Invalid> {
    match unit {
        "万元" | "元" => Ok(()),
        _ => Err((
            place.into(),
            format!("unknown unit \"{unit}\" (expected 万元 or 元)"),
        )),
    }
}

fn validate_table(table: &Table, at: &str) -> Result<(), Invalid> {
    if !table.sections.is_empty() && (!table.columns.is_empty() || !table.rows.is_empty()) {
        return Err((
            at.into(),
            "has both sections and columns/rows: use one or the other".into(),
        ));
    }
    if table.sections.is_empty() && table.columns.is_empty() {
        return Err((at.into(), "has no columns".into()));
    }
    for (si, section) in table.sections().iter().enumerate() {
        let sat = if table.sections.is_empty() {
            at.to_string()
        } else {
            format!("{at}.sections[{si}]")
        };
        validate_section(table, section, &sat)?;
    }
    Ok(())
}

fn validate_section(table: &Table, section: &SectionView, at: &str) -> Result<(), Invalid> {
    let mut keys = BTreeSet::new();
    for (ci, c) in section.columns.iter().enumerate() {
        if !keys.insert(c.key.as_str()) {
            return Err((
                format!("{at}.columns[{ci}].key"),
                format!("duplicate column key \"{}\"", c.key),
            ));
        }
    }
    for (ci, c) in section.columns.iter().enumerate() {
        for part in &c.sum_of {
            if part == &c.key || !keys.contains(part.as_str()) {
                return Err((
                    format!("{at}.columns[{ci}].sum_of"),
                    format!("\"{part}\" is not another column of this table"),
                ));
            }
        }
    }
    let coded = matches!(table.kind, TableKind::Functional | TableKind::Economic);
    let mut codes = foldhash::HashSet::default();
    for (ri, row) in section.rows.iter().enumerate() {
        // Where the row is, spelled only for an error (a folder has millions of valid rows).
        let rat = || format!("{at}.rows[{ri}]");
        for key in row.cells.keys() {
            if !keys.contains(key) {
                return Err((
                    format!("{}.cells.{key}", rat()),
                    format!(
                        "unknown column \"{key}\" (the table's columns are: {})",
                        join(&keys)
                    ),
                ));
            }
        }
        match (&row.code, coded, row.role) {
            (Some(code), _, _) => {
                check_code(code, table.kind).map_err(|p| (format!("{}.code", rat()), p))?;
                if !codes.insert(code.as_str()) {
                    return Err((
                        format!("{}.code", rat()),
                        format!("duplicate code {code} in table {}", table.id),
                    ));
                }
            }
            (None, true, RowRole::Item) => {
                return Err((
                    format!("{}.code", rat()),
                    "a classified row needs a code".into(),
                ));
            }
            _ => {}
        }
    }
    if coded {
        for (ri, row) in section.rows.iter().enumerate() {
            if let Some(code) = &row.code {
                if let Some(parent) = parent_code(code) {
                    if !codes.contains(parent) {
                        return Err((
                            format!("{at}.rows[{ri}].code"),
                            format!(
                                "orphan code {code}: its parent {parent} is not in table {}",
                                table.id
                            ),
                        ));
                    }
                }
            }
        }
    }
    Ok(())
}

fn join(keys: &BTreeSet<&str>) -> String {
    keys.iter().copied().collect::<Vec<_>>().join(", ")
}

fn check_code(code: &str, kind: TableKind) -> Result<(), String> {
    if !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "code \"{}\" must be digits only (write \"212 01 01\" as \"2120101\")",
            code.escape_debug()
        ));
    }
    let ok = match kind {
        TableKind::Economic => matches!(code.len(), 3 | 5),
        _ => matches!(code.len(), 3 | 5 | 7),
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "code {code} has {} digits: expected 3 (类), 5 (款) or 7 (项)",
            code.len()
        ))
    }
}

/// The parent of a classification code: 2080101 → 20801 → 208 → none.
pub fn parent_code(code: &str) -> Option<&str> {
    match code.len() {
        7 => Some(&code[..5]),
        5 => Some(&code[..3]),
        _ => None,
    }
}

fn validate_figures(doc: &Document) -> Result<(), Invalid> {
    let mut ids = HashSet::new();
    for (fi, f) in doc.narrative_figures.iter().enumerate() {
        let at = format!("narrative_figures[{fi}]");
        if !ids.insert(f.id.as_str()) {
            return Err((
                format!("{at}.id"),
                format!("duplicate figure id \"{}\"", f.id),
            ));
        }
        match (f.kind, f.direction, f.amount.is_some()) {
            (FigureKind::Level, None, true) => {}
            (FigureKind::Level, _, _) => {
                return Err((at, "a level needs an amount and no direction".into()));
            }
            (FigureKind::Change, Some(Direction::Same), false) => {}
            (FigureKind::Change, Some(Direction::Increase | Direction::Decrease), true) => {}
            (FigureKind::Change, _, _) => {
                return Err((
                    at,
                    "a change needs a direction, and an amount unless it is \"same\"".into(),
                ));
            }
            (FigureKind::Comparison, Some(_), false) if f.parts.len() == 2 => {}
            (FigureKind::Comparison, _, _) => {
                return Err((
                    at,
                    "a comparison needs a direction, two parts and no amount".into(),
                ));
            }
        }
        if let Some(r) = &f.r#ref {
            let table = doc.table(&r.table).ok_or_else(|| {
                (
                    format!("{at}.ref.table"),
                    format!("no table \"{}\"", r.table),
                )
            })?;
            if table.resolve(r).is_none() {
                return Err((
                    format!("{at}.ref"),
                    format!("no such cell in table {}: {r:?}", r.table),
                ));
            }
        }
    }
    for (fi, f) in doc.narrative_figures.iter().enumerate() {
        for p in &f.parts {
            if !ids.contains(p.as_str()) {
                return Err((
                    format!("narrative_figures[{fi}].parts"),
                    format!("no figure \"{p}\""),
                ));
            }
        }
    }
    Ok(())
}
