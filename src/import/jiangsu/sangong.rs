//! 公开09表 “三公”经费、会议费、培训费支出预算表: one line of amounts under headers wrapped over
//! several lines ("因公出" / "国（境）" / "费"), two of them grouped under spanning labels.

use super::{runs, unread, L};
use crate::core::document::*;
use crate::import::chongqing::amount;
use crate::import::Unread;

const SANGONG: &str = "“三公”经费";
const VEHICLE: &str = "公务用车购置及运行维护费";

/// The template's columns left to right: joined header, key, measure, group, sum_of. The two
/// 小计 are told apart by their place. 合计 is the whole line (三公 + 会议费 + 培训费), so the
/// 三公 小计 is not `total`.
/// Header, key, measure, group, sum_of.
type Spec = (
    &'static str,
    &'static str,
    Measure,
    Option<&'static str>,
    &'static [&'static str],
);

const COLUMNS: &[Spec] = &[
    (
        "合计",
        "total",
        Measure::Total,
        None,
        &["sangong", "meeting", "training"],
    ),
    (
        "小计",
        "sangong",
        Measure::Other,
        Some(SANGONG),
        &["abroad", "vehicle", "reception"],
    ),
    (
        "因公出国（境）费",
        "abroad",
        Measure::Abroad,
        Some(SANGONG),
        &[],
    ),
    (
        "小计",
        "vehicle",
        Measure::Vehicle,
        Some("“三公”经费 / 公务用车购置及运行维护费"),
        &["vehicle_purchase", "vehicle_operation"],
    ),
    (
        "公务用车购置费",
        "vehicle_purchase",
        Measure::VehiclePurchase,
        Some("“三公”经费 / 公务用车购置及运行维护费"),
        &[],
    ),
    (
        "公务用车运行维护费",
        "vehicle_operation",
        Measure::VehicleOperation,
        Some("“三公”经费 / 公务用车购置及运行维护费"),
        &[],
    ),
    (
        "公务接待费",
        "reception",
        Measure::Reception,
        Some(SANGONG),
        &[],
    ),
    ("会议费", "meeting", Measure::Other, None, &[]),
    ("培训费", "training", Measure::Other, None, &[]),
];

pub(super) fn read(body: &[&L], table: &mut Table, out: &mut Vec<Unread>) {
    // Header fragments stacked at (nearly) the same column are one header's wrapped lines.
    let mut headers: Vec<(usize, String)> = Vec::new();
    let mut data: Vec<&L> = Vec::new();
    let mut head_lines: Vec<&L> = Vec::new();
    for l in body {
        let r = runs(l.text);
        if r.iter().all(|(_, t)| amount(t).is_some()) {
            data.push(l);
            continue;
        }
        head_lines.push(l);
        for (x, t) in r {
            if t == SANGONG || t == VEHICLE {
                continue;
            }
            match headers.iter_mut().find(|(hx, _)| hx.abs_diff(x) <= 2) {
                Some((_, h)) => h.push_str(&t),
                None => headers.push((x, t)),
            }
        }
    }
    headers.sort_by_key(|h| h.0);
    let printed: Vec<&str> = headers.iter().map(|h| h.1.as_str()).collect();
    let want: Vec<&str> = COLUMNS.iter().map(|c| c.0).collect();
    if printed != want || data.len() != 1 {
        let why = format!("headers {printed:?} are not the template's {want:?}");
        out.extend(head_lines.iter().chain(&data).map(|l| unread(l, &why)));
        return;
    }
    table.columns = COLUMNS
        .iter()
        .map(|(h, k, m, g, s)| Column {
            key: (*k).into(),
            header: (*h).into(),
            group: g.map(Into::into),
            measure: *m,
            year: None,
            sum_of: s.iter().map(|s| s.to_string()).collect(),
        })
        .collect();
    let mut row = Row {
        role: RowRole::Total,
        ..Row::default()
    };
    for (x, t) in runs(data[0].text) {
        let i = (0..headers.len())
            .min_by_key(|&i| headers[i].0.abs_diff(x))
            .unwrap_or(0);
        match amount(&t) {
            Some(a) if !row.cells.contains_key(COLUMNS[i].1) => {
                row.cells.insert(COLUMNS[i].1.into(), a)
            }
            _ => out.push(unread(
                data[0],
                &format!("{t}: a second amount under {}", COLUMNS[i].0),
            )),
        }
    }
    table.rows = vec![row];
}
