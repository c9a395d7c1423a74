//! `yusuan check`: every consistency check with its result.

use crate::core::checks::{self, Status};
use crate::core::document::Document;
use std::io::{self, Write};

pub fn run(
    doc: &Document,
    json: bool,
    findings_only: bool,
    out: &mut impl Write,
) -> io::Result<i32> {
    let all = checks::run(doc);
    let shown: Vec<_> = all
        .iter()
        .filter(|c| !findings_only || c.status != Status::Pass)
        .collect();
    if json {
        serde_json::to_writer_pretty(&mut *out, &shown)?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "{} {} 年部门预算：一致性检查（单位：{}）",
            doc.department.name, doc.fiscal_year, doc.unit
        )?;
        for c in &shown {
            let mark = match c.status {
                Status::Pass => "通过  ",
                Status::Rounding => "舍入差",
                Status::Fail => "不符  ",
            };
            write!(out, "[{mark}] {}：{}", c.kind.label(), c.title)?;
            if c.status == Status::Pass {
                writeln!(out, "（{}）", c.printed.display())?;
            } else {
                writeln!(out, "：{}（允许舍入 {} 项 × 0.01）", c.describe(), c.terms)?;
            }
        }
        let count = |s| all.iter().filter(|c| c.status == s).count();
        writeln!(
            out,
            "共 {} 项：通过 {}，舍入差 {}，不符 {}",
            all.len(),
            count(Status::Pass),
            count(Status::Rounding),
            count(Status::Fail)
        )?;
    }
    Ok(if checks::worst(&all) == Status::Fail {
        1
    } else {
        0
    })
}
