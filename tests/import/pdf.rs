//! The PDF reader: bad inputs (PDFs built here, byte by byte), and facts checked by hand on the
//! published disclosures in `../shared/disclosures/pdf` (not part of the repository: without
//! them these tests say SKIPPED, and fail under CI).

use std::path::PathBuf;
use std::time::Duration;

use yusuan::import::lines::{Line, Page};
use yusuan::import::pdf::{self, PdfError, PdfStats, MAX_PDF_BYTES};

// ---- PDFs built in the test -------------------------------------------------------------------

/// A PDF from object bodies (object i+1 is `objects[i]`; 1 must be the catalog), with a correct
/// cross-reference table; `trailer` is added to the trailer dictionary.
pub(crate) fn build(objects: &[String], trailer: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{body}\nendobj\n", i + 1).bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R {trailer} >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    out
}

fn stream(dict: &str, data: &str) -> String {
    format!(
        "<< {dict} /Length {} >>\nstream\n{data}\nendstream",
        data.len()
    )
}

/// Pages whose content streams are `contents`, with Helvetica as /F1 and a 1×1 image as /Im1.
pub(crate) fn doc(contents: &[&str], trailer: &str) -> Vec<u8> {
    let n = contents.len();
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 5 + 2 * i)).collect();
    let mut objs = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
        stream(
            "/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8",
            "\u{7f}",
        ),
    ];
    for (i, c) in contents.iter().enumerate() {
        objs.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {} 0 R \
             /Resources << /Font << /F1 3 0 R >> /XObject << /Im1 4 0 R >> >> >>",
            6 + 2 * i
        ));
        objs.push(stream("", c));
    }
    build(&objs, trailer)
}

pub(crate) const HELLO: &str = "BT /F1 12 Tf 72 700 Td (Budget 2025) Tj ET \
                     BT /F1 12 Tf 72 680 Td (Total) Tj 200 0 Td (17,887,739) Tj ET";

#[test]
fn a_small_pdf_reads_with_positions() {
    let (pages, stats) = pdf::read(&doc(&[HELLO, ""], "")).unwrap();
    assert_eq!(stats.pages, 2);
    let p = &pages[0];
    assert_eq!((p.number, p.width, p.height), (1, 595.0, 842.0));
    let texts: Vec<String> = p.lines.iter().map(Line::text).collect();
    assert_eq!(texts, ["Budget 2025", "Total 17,887,739"]);
    // y is the baseline from the top; the gap of 200 points makes two runs.
    assert!((p.lines[0].y - 142.0).abs() < 0.01, "{}", p.lines[0].y);
    let runs = &p.lines[1].runs;
    assert_eq!(runs.len(), 2);
    assert!((runs[0].x0 - 72.0).abs() < 0.01 && (runs[1].x0 - 272.0).abs() < 0.01);
    // Helvetica's widths: "Total" is 0.611+0.556+0.278+0.556+0.222 em.
    assert!(
        (runs[0].x1 - (72.0 + 2.223 * 12.0)).abs() < 0.1,
        "{}",
        runs[0].x1
    );
    assert_eq!(runs[1].xs.len(), runs[1].text.chars().count());
    // The space in "Budget 2025" is a gap, rendered as one space with its own x.
    assert_eq!(p.lines[0].runs[0].xs.len(), "Budget 2025".len());
    // A blank page is a page without lines, not an error.
    assert!(pages[1].lines.is_empty());
}

#[test]
fn text_drawn_twice_or_off_the_page_is_dropped() {
    let twice = "BT /F1 12 Tf 72 700 Td (Title) Tj ET BT /F1 12 Tf 72.2 700 Td (Title) Tj ET \
                 BT /F1 12 Tf 700 700 Td (Hidden) Tj ET BT /F1 12 Tf 72 -30 Td (Below) Tj ET";
    let (pages, stats) = pdf::read(&doc(&[twice], "")).unwrap();
    let texts: Vec<String> = pages[0].lines.iter().map(Line::text).collect();
    assert_eq!(texts, ["Title"]);
    assert_eq!(stats.doubled_dropped, 5);
    assert_eq!(stats.off_page_dropped, 11);
}

#[test]
fn rules_are_found_and_merged() {
    // Two touching stroked pieces of one border, a thin filled rectangle, a vertical line.
    let c = "0.5 w 50 500 m 150 500 l S 150 500 m 300 500 l S 50 400 250 0.8 re f \
             100 300 m 100 600 l S 0 0 1 rg 50 50 200 100 re f";
    let (pages, _) = pdf::read(&doc(&[c, HELLO], "")).unwrap();
    let r = &pages[0].rules;
    assert_eq!(r.len(), 3, "{r:?}");
    let h: Vec<_> = r.iter().filter(|r| r.y0 == r.y1).collect();
    assert_eq!(h.len(), 2);
    // Top to bottom: the two stroked pieces as one, then the middle of the thin rectangle.
    assert!((h[0].y0 - 342.0).abs() < 0.01, "{h:?}");
    assert!((h[1].y0 - (842.0 - 400.4)).abs() < 0.01, "{h:?}");
    assert!(h
        .iter()
        .all(|r| (r.x0 - 50.0).abs() < 0.01 && (r.x1 - 300.0).abs() < 0.01));
    let v: Vec<_> = r.iter().filter(|r| r.x0 == r.x1).collect();
    assert_eq!(v.len(), 1);
    assert!((v[0].y0 - 242.0).abs() < 0.01 && (v[0].y1 - 542.0).abs() < 0.01);
}

/// A standard security handler whose /U does not match the empty password.
pub(crate) fn encrypted() -> Vec<u8> {
    let hex32 = "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF";
    let mut objs = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".to_string(),
    ];
    objs.push(format!(
        "<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <{hex32}> /U <{hex32}> >>"
    ));
    build(
        &objs,
        "/Encrypt 4 0 R /ID [<0123456789ABCDEF> <0123456789ABCDEF>]",
    )
}

#[test]
fn encrypted_pdf_is_refused() {
    let bytes = encrypted();
    assert_eq!(pdf::read(&bytes).unwrap_err(), PdfError::Encrypted);
    let msg = PdfError::Encrypted.to_string();
    assert!(
        msg.contains("encrypted") && msg.contains("password"),
        "{msg}"
    );
}

#[test]
fn image_only_pdf_has_no_text() {
    let img = "q 200 0 0 200 100 400 cm /Im1 Do Q";
    assert_eq!(
        pdf::read(&doc(&[img, img], "")).unwrap_err(),
        PdfError::NoText
    );
}

#[test]
fn random_bytes_are_not_a_pdf() {
    let mut x: u32 = 12345;
    let junk: Vec<u8> = (0..4096)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect();
    assert_eq!(pdf::read(&junk).unwrap_err(), PdfError::NotPdf);
    assert_eq!(pdf::read(b"").unwrap_err(), PdfError::NotPdf);
    assert_eq!(pdf::read(b"%PDF").unwrap_err(), PdfError::NotPdf);
}

#[test]
fn truncated_pdf_is_corrupt() {
    let whole = doc(&[HELLO, HELLO], "");
    for cut in [whole.len() - 7, whole.len() / 2, 20] {
        match pdf::read(&whole[..cut]) {
            Err(PdfError::Corrupt(why)) => assert!(!why.is_empty()),
            other => panic!("cut at {cut}: {other:?}"),
        }
    }
    // A damaged cross-reference table alone is repaired (hayro rebuilds it).
    let mut bad = whole.clone();
    let at = bad.windows(4).position(|w| w == b"xref").unwrap();
    bad[at + 5..at + 25].fill(b'9');
    assert_eq!(pdf::read(&bad).unwrap().1.pages, 2);
}

#[test]
fn too_large_is_refused_before_reading() {
    let big = MAX_PDF_BYTES + 1;
    let want = PdfError::TooLarge {
        bytes: big,
        limit: MAX_PDF_BYTES,
    };
    assert_eq!(pdf::check_size(big).unwrap_err(), want);
    // calloc'd zeroes: cheap, and refused by length alone.
    let bytes = vec![0u8; big as usize];
    assert_eq!(pdf::read(&bytes).unwrap_err(), want);
    assert_eq!(
        pdf::read_with_limit(&bytes, Duration::from_secs(5)).unwrap_err(),
        want
    );
    assert!(want.to_string().contains("too large"));
}

#[test]
fn read_with_limit_returns_what_read_returns() {
    let bytes = doc(&[HELLO], "");
    let a = pdf::read(&bytes).unwrap();
    let b = pdf::read_with_limit(&bytes, Duration::from_secs(30)).unwrap();
    assert_eq!(a, b);
    assert_eq!(
        PdfError::TimedOut { seconds: 3 }.to_string(),
        "reading the PDF took longer than 3 s and was abandoned"
    );
}

// ---- the published disclosures ----------------------------------------------------------------

fn shared_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/disclosures/pdf");
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!("../shared/disclosures/pdf absent under CI");
    }
    eprintln!("SKIPPED: ../shared/disclosures/pdf absent");
    None
}

fn load(dir: &std::path::Path, name: &str) -> (Vec<Page>, PdfStats) {
    let bytes = std::fs::read(dir.join(name)).unwrap();
    pdf::read(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn page_text(p: &Page) -> String {
    p.lines
        .iter()
        .map(Line::text)
        .collect::<Vec<_>>()
        .join("\n")
}

/// (file, pages) as SOURCES.md gives them.
const FILES: [(&str, u32); 14] = [
    ("sh_caizhengju_unit_2025.pdf", 21),
    ("shpt_bangongshi_2025.pdf", 22),
    ("shpt_bangongshi_unit_2025.pdf", 21),
    ("shpt_caizhengju_2024_juesuan.pdf", 25),
    ("shpt_caizhengju_2024_juesuan_faulty.pdf", 26),
    ("shpt_caizhengju_2025.pdf", 24),
    ("shpt_fuliyuan_unit_2024.pdf", 16),
    ("shpt_shangwuwei_2025.pdf", 26),
    ("shpt_shangwuwei_unit_2025.pdf", 22),
    ("shpt_sifaju_2026.pdf", 23),
    ("shpt_sifaju_unit_2026.pdf", 21),
    ("shpt_wanli_2023.pdf", 35),
    ("shpt_wanli_2024.pdf", 33),
    ("shpt_wanli_2025.pdf", 31),
];

/// WPS repeats cells that overflow the print area outside the page in these files.
const OFF_PAGE: [&str; 4] = [
    "shpt_caizhengju_2025.pdf",
    "shpt_shangwuwei_2025.pdf",
    "shpt_shangwuwei_unit_2025.pdf",
    "shpt_sifaju_2026.pdf",
];

#[test]
fn every_disclosure_reads_cleanly() {
    let Some(dir) = shared_dir() else { return };
    for (name, pages) in FILES {
        let (ps, stats) = load(&dir, name);
        assert_eq!(stats.pages, pages, "{name}");
        assert_eq!(ps.len() as u32, pages, "{name}");
        assert_eq!(stats.unmapped, 0, "{name}");
        assert_eq!(stats.font_failures, 0, "{name}");
        for p in &ps {
            for l in &p.lines {
                assert!(
                    l.y > 0.0 && l.y <= p.height,
                    "{name} p{}: y {}",
                    p.number,
                    l.y
                );
                for r in &l.runs {
                    assert!(
                        !r.text.contains('\u{FFFD}'),
                        "{name} p{}: {}",
                        p.number,
                        r.text
                    );
                    assert_eq!(r.xs.len(), r.text.chars().count());
                    assert!(r.x0 <= r.x1 && r.x0 >= 0.0 && r.x1 <= p.width + 1.0);
                    assert!(r.xs.windows(2).all(|w| w[0] <= w[1]), "{name}: {r:?}");
                }
                assert!(l.runs.windows(2).all(|w| w[0].x1 <= w[1].x0 + 0.5), "{l:?}");
            }
            assert!(p.lines.windows(2).all(|w| w[0].y < w[1].y));
        }
        if OFF_PAGE.contains(&name) {
            assert!(stats.off_page_dropped > 0, "{name}");
        } else {
            assert_eq!(stats.off_page_dropped, 0, "{name}");
        }
    }
}

/// Table titles on their pages: each on one line of its own, once (the title page draws the
/// document's title twice, fill then stroke; table titles are not doubled, but a doubling
/// would show here).
#[test]
fn titles_appear_once_on_their_pages() {
    let Some(dir) = shared_dir() else { return };
    let cases: [(&str, &[(usize, &str)]); 3] = [
        (
            "shpt_wanli_2025.pdf",
            &[
                (1, "上海市普陀区2025年区级部门预算"),
                (9, "2025年部门财务收支预算总表"),
                (10, "2025年部门收入预算总表"),
                (14, "2025年部门支出预算总表"),
                (19, "2025年部门财政拨款收支预算总表"),
                (20, "2025年部门一般公共预算支出功能分类预算表"),
                (25, "2025年部门政府性基金预算支出功能分类预算表"),
                (26, "2025年部门国有资本经营预算支出功能分类预算表"),
                (27, "2025年部门一般公共预算基本支出部门预算经济分类预算表"),
                (29, "2025年部门“三公”经费和机关运行经费预算表"),
            ],
        ),
        (
            "sh_caizhengju_unit_2025.pdf",
            &[
                (7, "2025年预算单位财务收支预算总表"),
                (13, "2025年预算单位一般公共预算支出功能分类预算表"),
                (20, "2025年单位“三公”经费和机关运行经费预算表"),
            ],
        ),
        (
            "shpt_caizhengju_2024_juesuan.pdf",
            &[
                (6, "收入支出决算总表"),
                (15, "一般公共预算财政拨款支出决算表"),
                (18, "财政拨款“三公”经费支出决算表"),
            ],
        ),
    ];
    for (name, titles) in cases {
        let (ps, _) = load(&dir, name);
        for &(page, title) in titles {
            let p = &ps[page - 1];
            let on_own_line = p.lines.iter().filter(|l| l.text() == title).count();
            assert_eq!(on_own_line, 1, "{name} p{page}: {title}\n{}", page_text(p));
            assert_eq!(page_text(p).matches(title).count(), 1, "{name} p{page}");
        }
    }
}

fn run_texts(l: &Line) -> Vec<&str> {
    l.runs.iter().map(|r| r.text.as_str()).collect()
}

/// wanli 2025 p.23, table 5 (一般公共预算支出功能分类), checked against the printed page:
/// 212 01 01 行政运行 | 合计 17,887,739 | 基本支出 17,737,739 | 项目支出 150,000. Each amount
/// stands in its header's column (between the same two vertical rules), right-aligned with the
/// amounts above and below it.
#[test]
fn a_table_row_lines_up_with_its_header() {
    let Some(dir) = shared_dir() else { return };
    let (ps, _) = load(&dir, "shpt_wanli_2025.pdf");
    let p = &ps[22];
    let row = p
        .lines
        .iter()
        .find(|l| l.runs.iter().any(|r| r.text == "行政运行"))
        .expect("行政运行 on p.23");
    assert_eq!(
        run_texts(row),
        [
            "212",
            "01",
            "01",
            "行政运行",
            "17,887,739",
            "17,737,739",
            "150,000"
        ]
    );
    let header = p
        .lines
        .iter()
        .find(|l| l.runs.iter().any(|r| r.text == "合计"))
        .expect("header");
    assert_eq!(run_texts(header)[1..], ["合计", "基本支出", "项目支出"]);
    let walls: Vec<f32> = p
        .rules
        .iter()
        .filter(|r| r.x0 == r.x1 && r.y0 < header.y && r.y1 > row.y)
        .map(|r| r.x0)
        .collect();
    assert!(walls.len() >= 6, "{walls:?}");
    for (h, a) in header.runs[1..].iter().zip(&row.runs[4..]) {
        let left = walls
            .iter()
            .copied()
            .filter(|&x| x < h.x0)
            .fold(f32::MIN, f32::max);
        let right = walls
            .iter()
            .copied()
            .filter(|&x| x > h.x1)
            .fold(f32::MAX, f32::min);
        assert!(
            left < a.x0 && a.x1 < right,
            "{} {:?} vs {:?}",
            a.text,
            (left, right),
            a
        );
        // Right-aligned 6 points inside the cell, like every amount of the column.
        assert!(
            (right - a.x1 - 7.1).abs() < 1.0,
            "{} {right} {}",
            a.text,
            a.x1
        );
        let column: Vec<f32> = p
            .lines
            .iter()
            .flat_map(|l| &l.runs)
            .filter(|r| {
                r.x0 > left && r.x1 < right && r.text.starts_with(|c: char| c.is_ascii_digit())
            })
            .map(|r| r.x1)
            .collect();
        assert!(column.len() >= 10);
        assert!(column.iter().all(|x| (x - a.x1).abs() < 0.5), "{column:?}");
    }
    // The same row in table 3 (p.12): 类, 款, 项 codes one run each, in code order.
    let p12 = &ps[11];
    let row = p12
        .lines
        .iter()
        .find(|l| l.text().contains("行政运行"))
        .unwrap();
    assert_eq!(
        run_texts(row)[..5],
        ["212", "01", "01", "行政运行", "17,887,739"]
    );
    assert!(row.runs.windows(2).all(|w| w[0].x1 < w[1].x0));
}

#[test]
fn rules_on_table_pages_blank_page_and_fonts() {
    let Some(dir) = shared_dir() else { return };
    let (ps, _) = load(&dir, "shpt_wanli_2025.pdf");
    for page in [9, 10, 12, 20, 23, 27, 29] {
        let r = &ps[page - 1].rules;
        let h = r
            .iter()
            .filter(|r| r.y0 == r.y1 && r.x1 - r.x0 > 100.0)
            .count();
        let v = r
            .iter()
            .filter(|r| r.x0 == r.x1 && r.y1 - r.y0 > 50.0)
            .count();
        assert!(h >= 5 && v >= 4, "p{page}: {h} horizontal, {v} vertical");
    }
    // Prose pages have none.
    assert!(ps[5].rules.is_empty(), "{:?}", ps[5].rules);

    // sifaju 2026 p.3 is blank.
    let (ps, _) = load(&dir, "shpt_sifaju_2026.pdf");
    assert!(ps[2].lines.is_empty());

    // The Excel file draws strings, not glyphs one by one: widths must come from the font.
    // "行政运行" is four ems of a 12-point font; the amounts' digits half an em each.
    let (ps, _) = load(&dir, "sh_caizhengju_unit_2025.pdf");
    let row = ps[12]
        .lines
        .iter()
        .find(|l| l.text().contains("行政运行"))
        .unwrap();
    let name = row.runs.iter().find(|r| r.text == "行政运行").unwrap();
    assert!((name.x1 - name.x0 - 48.0).abs() < 0.5, "{name:?}");
    assert!(name.xs.windows(2).all(|w| (w[1] - w[0] - 12.0).abs() < 0.5));

    // The faulty 决算 sets p.24 in a FangSong that is not embedded (GBK-EUC-H, no ToUnicode).
    let (ps, _) = load(&dir, "shpt_caizhengju_2024_juesuan_faulty.pdf");
    assert!(page_text(&ps[23]).contains("上海市普陀区财政局共有车辆"));
}

#[test]
fn a_truncated_disclosure_is_corrupt() {
    let Some(dir) = shared_dir() else { return };
    let bytes = std::fs::read(dir.join("shpt_wanli_2025.pdf")).unwrap();
    for cut in [bytes.len() - 100, bytes.len() * 2 / 3, 3000] {
        assert!(
            matches!(pdf::read(&bytes[..cut]), Err(PdfError::Corrupt(_))),
            "cut at {cut}"
        );
    }
}
