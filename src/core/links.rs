//! Which codes stand for the same spending in another place: a functional 项 and an economic
//! 款 (2080505 ↔ 30108 …), an economic code and a column of the 三公 table (30217 ↔ 公务接待费).
//! The checks, `show`, search and the browser's detail pane all read them here.

use super::document::{Column, Document, Measure, Table, TableKind};
use super::tree::Classification;

/// Known correspondences between a functional 项 and an economic 款 that hold by definition of
/// the two classifications for a unit like this one (its pension, annuity, housing fund and
/// civil-servant medical subsidy are paid exactly as those contributions), and 303 for
/// 2080599 (retirees' subsidies paid as 对个人和家庭的补助).
pub const FUNCTIONAL_ECONOMIC_LINKS: &[(&str, &str)] = &[
    ("2080505", "30108"),
    ("2080506", "30109"),
    ("2210201", "30113"),
    ("2101103", "30114"),
    ("2080599", "303"),
];

/// Known correspondences between an economic code and a column of the 三公 table.
pub const SANGONG_LINKS: &[(&str, Measure)] = &[
    ("30217", Measure::Reception),
    ("30231", Measure::VehicleOperation),
];

/// The codes of the other classification that stand for the same spending as `code`
/// (2080505 ↔ 30108 …), with that classification.
pub fn linked_codes(
    classification: Classification,
    code: &str,
) -> Vec<(Classification, &'static str)> {
    FUNCTIONAL_ECONOMIC_LINKS
        .iter()
        .filter_map(|(f, e)| match classification {
            Classification::Functional if *f == code => Some((Classification::Economic, *e)),
            Classification::Economic if *e == code => Some((Classification::Functional, *f)),
            _ => None,
        })
        .collect()
}

/// The 三公 table and its columns (of every year) that stand for the same spending as an
/// economic code (30217 ↔ 公务接待费, 30231 ↔ 公务用车运行费).
pub fn sangong_columns<'a>(
    doc: &'a Document,
    classification: Classification,
    code: &str,
) -> Option<(&'a Table, Vec<&'a Column>)> {
    if classification != Classification::Economic {
        return None;
    }
    let sg = doc.tables_of(TableKind::Sangong).next()?;
    let measures: Vec<Measure> = SANGONG_LINKS
        .iter()
        .filter(|(c, _)| *c == code)
        .map(|(_, m)| *m)
        .collect();
    let columns: Vec<&Column> = sg
        .sections()
        .into_iter()
        .flat_map(|s| s.columns.iter())
        .filter(|c| measures.contains(&c.measure))
        .collect();
    (!columns.is_empty()).then_some((sg, columns))
}
