//! Comparing years of each department from its own documents: `compare` lists the largest
//! changes (absolute and %) and the new and dropped codes; `show CODE` prints a code's series.

use super::words::{say, word, Say};
use crate::core::collection::Collection;
use crate::core::compare::{scope_table, Percent, Scope};
use crate::core::lang::{term, unit as unit_name, Lang, Term};
use crate::core::tree::{Classification, TOTAL};
use crate::core::years::{departments_with_years, display_change, display_in, Change, Years};
use std::io::{self, Write};

/// Every department's years, per classification, built one at a time as they are used.
fn years_of(c: &Collection) -> impl Iterator<Item = Years> + '_ {
    departments_with_years(c)
        .into_iter()
        .flat_map(|(department, _)| {
            [Classification::Functional, Classification::Economic]
                .map(|class| (department.clone(), class))
        })
        .map(|(department, class)| Years::build(c, &department, class, Scope::AllFunds))
}

/// The years of the departments whose documents print `code` in the table of a classification:
/// a code's series builds only those, not every department's whole tree.
fn years_with<'a>(c: &'a Collection, code: &str) -> impl Iterator<Item = Years> + 'a {
    let code = code.to_string();
    departments_with_years(c)
        .into_iter()
        .flat_map(|(department, docs)| {
            [Classification::Functional, Classification::Economic]
                .map(|class| (department.clone(), docs.clone(), class))
        })
        .filter(move |(_, docs, class)| {
            docs.iter().any(|&d| {
                scope_table(&c.documents[d], *class, Scope::AllFunds)
                    .is_some_and(|t| t.row_by_code(&code).is_some())
            })
        })
        .map(|(department, _, class)| Years::build(c, &department, class, Scope::AllFunds))
}

/// Figures of a years in its display unit: as printed when every year prints in it.
fn shown(y: &Years, node: usize, column: usize) -> Option<(String, bool)> {
    let unit = y.default_unit();
    let a = y.amount(node, column, unit)?;
    let converted = y.columns[column].unit != unit;
    Some((display_in(a, converted), converted))
}

/// `compare`: per department with both years, the largest changes and the new and dropped codes.
pub fn run(
    c: &Collection,
    from: Option<i32>,
    to: Option<i32>,
    limit: usize,
    json: bool,
    lang: Lang,
    out: &mut impl Write,
) -> io::Result<i32> {
    let mut reports = Vec::new();
    let mut any = false;
    for y in years_of(c) {
        let last = y.columns.len().saturating_sub(1);
        let to_k = match to {
            Some(t) => y.column_of(t),
            None => Some(last),
        };
        let Some(to_k) = to_k else { continue };
        let from_k = match from {
            Some(f) => y.column_of(f),
            None => to_k.checked_sub(1),
        };
        let Some(from_k) = from_k.filter(|f| *f != to_k) else {
            continue;
        };
        if y.nodes.len() <= 1 {
            continue;
        }
        any = true;
        let unit = y.default_unit().to_string();
        let converted = y.columns[from_k].unit != unit || y.columns[to_k].unit != unit;
        let mut both = Vec::new();
        let mut new = Vec::new();
        let mut dropped = Vec::new();
        for (i, n) in y.codes().filter(|(i, _)| *i != TOTAL) {
            match y.change(i, from_k, to_k, &unit) {
                Change::Both(d, p) => both.push((i, n, d, p)),
                Change::New(a) => new.push((n, a)),
                Change::Dropped(a) => dropped.push((n, a)),
                Change::Absent => {}
            }
        }
        let mut by_amount = both.clone();
        by_amount.sort_by(|a, b| {
            b.2.value()
                .abs()
                .cmp(&a.2.value().abs())
                .then(a.1.code.cmp(&b.1.code))
        });
        let mut by_percent: Vec<_> = both
            .iter()
            .filter_map(|(i, n, d, p)| match p {
                Percent::Value(v) => Some((*i, *n, *d, *v)),
                _ => None,
            })
            .collect();
        by_percent.sort_by(|a, b| b.3.abs().cmp(&a.3.abs()).then(a.1.code.cmp(&b.1.code)));
        let (fy, ty) = (y.columns[from_k].year, y.columns[to_k].year);
        if json {
            let item = |code: &str, name: &str, d, p: Option<rust_decimal::Decimal>| {
                serde_json::json!({"code": code, "name": name,
                    "from": y.amount(y.get(code).unwrap_or(TOTAL), from_k, &unit),
                    "to": y.amount(y.get(code).unwrap_or(TOTAL), to_k, &unit),
                    "change": d, "percent": p})
            };
            reports.push(serde_json::json!({
                "department": y.department, "name": y.name,
                "classification": y.classification, "from": fy, "to": ty, "unit": unit,
                "total": {"from": y.amount(TOTAL, from_k, &unit), "to": y.amount(TOTAL, to_k, &unit)},
                "largest_changes": by_amount.iter().take(limit).map(|(_, n, d, p)| item(&n.code, n.name(), *d, match p { Percent::Value(v) => Some(*v), _ => None })).collect::<Vec<_>>(),
                "largest_percent_changes": by_percent.iter().take(limit).map(|(_, n, d, p)| item(&n.code, n.name(), *d, Some(*p))).collect::<Vec<_>>(),
                "new": new.iter().map(|(n, a)| serde_json::json!({"code": n.code, "name": n.name(), "amount": a})).collect::<Vec<_>>(),
                "dropped": dropped.iter().map(|(n, a)| serde_json::json!({"code": n.code, "name": n.name(), "amount": a})).collect::<Vec<_>>(),
            }));
            continue;
        }
        let (fys, tys) = (fy.to_string(), ty.to_string());
        let head = [
            &who(&y),
            y.classification.label(lang),
            unit_name(lang, &unit),
            &fys,
            &tys,
        ];
        writeln!(out, "{}", say(lang, Say::CompareHead, &head))?;
        if let Change::Both(d, p) = y.change(TOTAL, from_k, to_k, &unit) {
            let total = [
                shown(&y, TOTAL, from_k).map(|s| s.0).unwrap_or_default(),
                shown(&y, TOTAL, to_k).map(|s| s.0).unwrap_or_default(),
                display_change(d, converted),
                percent(p, lang),
            ];
            let total = total.each_ref().map(String::as_str);
            writeln!(out, "{}", say(lang, Say::CompareTotal, &total))?;
        }
        // The largest changes, by amount and by percentage: one line per code, alike.
        let by_percent = by_percent
            .iter()
            .map(|(i, n, d, p)| (*i, *n, *d, Percent::Value(*p)));
        let lists = [
            (
                Say::CompareByAmount,
                by_amount.iter().copied().take(limit).collect::<Vec<_>>(),
            ),
            (Say::CompareByPercent, by_percent.take(limit).collect()),
        ];
        for (heading, list) in lists {
            writeln!(out, "{}", word(lang, heading))?;
            for (i, n, d, p) in list {
                writeln!(
                    out,
                    "    {} {}  {} → {}  {} ({})",
                    n.code,
                    n.name(),
                    shown(&y, i, from_k).map(|s| s.0).unwrap_or_default(),
                    shown(&y, i, to_k).map(|s| s.0).unwrap_or_default(),
                    display_change(d, converted),
                    percent(p, lang)
                )?;
            }
        }
        let count = new.len().to_string();
        writeln!(out, "{}", say(lang, Say::CompareNew, &[&count, &tys, &fys]))?;
        for (n, a) in &new {
            writeln!(
                out,
                "    {} {}  {}",
                n.code,
                n.name(),
                display_in(*a, converted)
            )?;
        }
        let count = dropped.len().to_string();
        writeln!(
            out,
            "{}",
            say(lang, Say::CompareDropped, &[&count, &fys, &tys])
        )?;
        for (n, a) in &dropped {
            writeln!(
                out,
                "    {} {}  {}",
                n.code,
                n.name(),
                display_in(*a, converted)
            )?;
        }
    }
    if !any {
        eprintln!(
            "yusuan: no department has documents of both years to compare (load several years of one department: --data DIR)"
        );
        return Ok(1);
    }
    if json {
        serde_json::to_writer_pretty(&mut *out, &reports)?;
        writeln!(out)?;
    }
    Ok(0)
}

/// The department's code and name, once when they are the same (Shanghai prints no code).
fn who(y: &Years) -> String {
    if y.department == y.name {
        y.name.clone()
    } else {
        format!("{} {}", y.department, y.name)
    }
}

fn percent(p: Percent, lang: Lang) -> String {
    match p {
        Percent::Value(v) => crate::core::amount::display_percent(v),
        Percent::New => term(lang, Term::New).into(),
        Percent::None => "—".into(),
    }
}

/// A code's series per year for each department with several years; JSON values when `json`.
pub fn series(
    c: &Collection,
    code: &str,
    json: bool,
    lang: Lang,
    out: &mut impl Write,
) -> io::Result<Vec<serde_json::Value>> {
    let mut values = Vec::new();
    for y in years_with(c, code) {
        let Some(i) = y.get(code) else { continue };
        let n = &y.nodes[i];
        let unit = y.default_unit();
        if json {
            values.push(serde_json::json!({
                "department": y.department, "name": y.name, "code": n.code,
                "classification": y.classification, "unit": unit,
                "years": y.columns.iter().enumerate().map(|(k, col)| serde_json::json!({
                    "year": col.year, "name": n.names[k], "amount": y.amount(i, k, unit),
                    "printed_unit": col.unit,
                    "change": (k > 0).then(|| match y.change(i, k - 1, k, unit) {
                        Change::Both(d, _) => serde_json::json!(d),
                        Change::New(_) => serde_json::json!(term(lang, Term::New)),
                        Change::Dropped(_) => serde_json::json!(term(lang, Term::Dropped)),
                        Change::Absent => serde_json::Value::Null,
                    }),
                })).collect::<Vec<_>>(),
            }));
            continue;
        }
        let head = [&n.code, n.name(), &who(&y), unit_name(lang, unit)];
        writeln!(out, "{}", say(lang, Say::SeriesHead, &head))?;
        for (k, col) in y.columns.iter().enumerate() {
            let figure = match shown(&y, i, k) {
                Some((s, _)) => s,
                None => word(lang, Say::SeriesAbsent).into(),
            };
            let change = if k == 0 {
                String::new()
            } else {
                let converted = y.columns[k - 1].unit != unit || col.unit != unit;
                match y.change(i, k - 1, k, unit) {
                    Change::Both(d, p) => {
                        format!("  {} ({})", display_change(d, converted), percent(p, lang))
                    }
                    Change::New(_) => format!("  {}", term(lang, Term::New)),
                    Change::Dropped(_) => format!("  {}", term(lang, Term::Dropped)),
                    Change::Absent => String::new(),
                }
            };
            let name = match &n.names[k] {
                Some(name) if n.renamed() => format!("  [{name}]"),
                _ => String::new(),
            };
            let args = [&col.year.to_string(), &figure, &change, &name];
            writeln!(
                out,
                "{}",
                say(lang, Say::SeriesYear, &args.map(|s| s.as_str()))
            )?;
        }
    }
    Ok(values)
}
