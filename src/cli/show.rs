//! `yusuan show CODE`: everything the data holds for one code.

use crate::core::checks::Status;
use crate::core::document::Document;
use crate::core::lookup::{self, CodeReport};
use std::io::{self, Write};

pub fn run(doc: &Document, code: &str, json: bool, out: &mut impl Write) -> io::Result<i32> {
    let code = code.trim();
    let Some(report) = lookup::report(doc, code) else {
        let code = crate::core::text::neutralise(code);
        eprintln!(
            "yusuan: no code \"{code}\" in {} {} (try `yusuan search {code}`)",
            doc.department.name, doc.fiscal_year,
        );
        return Ok(1);
    };
    if json {
        serde_json::to_writer_pretty(&mut *out, &report)?;
        writeln!(out)?;
    } else {
        write_text(doc, &report, out)?;
    }
    Ok(0)
}

fn write_text(doc: &Document, r: &CodeReport, out: &mut impl Write) -> io::Result<()> {
    let class = r.classification.label();
    writeln!(
        out,
        "{} {}（{}·{}，单位：{}）",
        r.code, r.name, class, r.level_name, doc.unit
    )?;
    if let Some(p) = &r.parent {
        writeln!(out, "上级：{} {}", p.code, p.name)?;
    }
    for c in &r.children {
        writeln!(out, "下级：{} {}", c.code, c.name)?;
    }
    for n in &r.other_names {
        writeln!(out, "另印作（{}）：{}", n.code, n.name)?;
    }
    for s in &r.comparisons {
        writeln!(
            out,
            "\n[{}{}]",
            s.scope,
            s.table
                .as_deref()
                .map(|t| format!("，{t}"))
                .unwrap_or_default()
        )?;
        let fmt = |v: &Option<lookup::YearValue>| match v {
            Some(v) if v.source == "derived" => format!("{}（推算）", v.amount.display()),
            Some(v) => v.amount.display(),
            None => "—".into(),
        };
        writeln!(
            out,
            "  {} 年 {} → {} 年 {}  增减 {}  {}",
            doc.fiscal_year - 1,
            fmt(&s.previous),
            doc.fiscal_year,
            fmt(&s.current),
            s.change
                .map(|c| c.display_signed())
                .unwrap_or_else(|| "—".into()),
            s.percent.as_deref().unwrap_or("—")
        )?;
        if let Some(b) = s.basic {
            writeln!(out, "  基本支出 {}", b.display())?;
        }
        if let Some(p) = s.project {
            writeln!(out, "  项目支出 {}", p.display())?;
        }
        for v in [&s.previous, &s.current].into_iter().flatten() {
            if let Some(how) = &v.derivation {
                writeln!(out, "  {} 年为推算值：{how}", v.year)?;
            }
        }
    }
    writeln!(out, "\n印于各表：")?;
    for a in &r.amounts {
        writeln!(out, "  {} “{}”：{}", a.table, a.column, a.amount.display())?;
    }
    if !r.links.is_empty() {
        writeln!(out, "\n对应：")?;
        for l in &r.links {
            writeln!(
                out,
                "  {} {} {}（{}）",
                l.code.as_deref().unwrap_or(&l.to),
                l.name,
                l.amount.map(|a| a.display()).unwrap_or_else(|| "—".into()),
                l.why
            )?;
        }
    }
    writeln!(out, "\n检查：")?;
    for c in &r.checks {
        let detail = if c.status == Status::Pass {
            String::new()
        } else {
            format!("：{}", c.describe())
        };
        writeln!(out, "  [{}] {}{detail}", c.status.label(), c.title)?;
    }
    Ok(())
}
