//! Glyphs → lines of runs, and segments → rules. Pure geometry: no hayro here.
//!
//! Thresholds are in ems of the glyphs involved, measured on the Shanghai disclosures (see
//! `RUN_GAP`, `SPACE_GAP`); nothing depends on one generator's habits.

use super::device::{Glyph, Seg};
use crate::import::lines::{Line, Rule, Run};

/// Glyphs whose baselines differ by less than this share a line. Cells of one table row share
/// a baseline exactly; the next row is at least one em away.
const BASELINE_TOL: f32 = 0.3;
/// A gap wider than this (between one glyph's advance and the next glyph) starts a new run.
/// Measured on the 14 disclosures: code columns stand 1.6–2.4 em apart, other cells more; prose
/// gaps stay under 0.7 em; but neighbouring cells may come as close as 0.8–1.0 em (a 项 code and
/// its name, wrapped text in 绩效 forms), so a vertical rule between two glyphs also cuts.
const RUN_GAP: f32 = 1.0;
/// A gap wider than this inside a run is a space in the text (a space in SimSun or Times is
/// 0.25–0.5 em; letter-spaced Chinese prose stays below 0.2 em).
const SPACE_GAP: f32 = 0.22;
/// A glyph repeated with the same text closer than this (fraction of its advance) to an earlier
/// one is the same glyph drawn again: fill then stroke, or a fake-bold double strike.
const DOUBLE_FRACTION: f32 = 0.5;

/// What the cleaning dropped, for `PdfStats`.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Dropped {
    pub off_page: usize,
    pub doubled: usize,
}

/// Builds the lines of one page of `width` × `height` points from its glyphs; `rules` are the
/// page's rules (see `rules`), whose vertical ones separate cells.
pub(crate) fn lines(
    glyphs: Vec<Glyph>,
    width: f32,
    height: f32,
    rules: &[Rule],
    dropped: &mut Dropped,
) -> Vec<Line> {
    let mut kept: Vec<Glyph> = Vec::with_capacity(glyphs.len());
    for g in glyphs {
        // Spaces carry no text of their own: the gap they leave decides (see SPACE_GAP).
        if g.text.chars().all(char::is_whitespace) {
            continue;
        }
        // WPS repeats overflowing cells wholly outside the page, and a table row split by a page
        // break is drawn on both pages, cut by the edge. A glyph counts when its middle is on the
        // page and its baseline not below it: the cut copy shows less than that.
        let cx = g.x + g.w / 2.0;
        let cy = g.y - g.size * 0.4;
        if !(0.0..=width).contains(&cx) || !(0.0..=height).contains(&cy) || g.y > height {
            dropped.off_page += 1;
            continue;
        }
        kept.push(g);
    }
    kept.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));

    let mut out = Vec::new();
    let mut start = 0;
    while start < kept.len() {
        let first = &kept[start];
        let tol = BASELINE_TOL * first.size.max(1.0);
        let end = start
            + kept[start..]
                .iter()
                .take_while(|g| g.y - first.y <= tol)
                .count();
        out.push(line(&mut kept[start..end], rules, dropped));
        start = end;
    }
    out.retain(|l: &Line| !l.runs.is_empty());
    out
}

fn line(glyphs: &mut [Glyph], rules: &[Rule], dropped: &mut Dropped) -> Line {
    glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
    let mut ys: Vec<f32> = glyphs.iter().map(|g| g.y).collect();
    ys.sort_by(f32::total_cmp);
    let y = ys[ys.len() / 2];
    let tallest = glyphs.iter().map(|g| g.size).fold(0.0, f32::max);
    // Vertical rules beside the line's glyphs (baseline up to half an em), sorted.
    let mut walls: Vec<f32> = rules
        .iter()
        .filter(|r| r.x0 == r.x1 && r.y0 <= y - 0.5 * tallest && r.y1 >= y)
        .map(|r| r.x0)
        .collect();
    walls.sort_by(f32::total_cmp);

    let mut kept: Vec<&Glyph> = Vec::with_capacity(glyphs.len());
    'next: for g in glyphs.iter() {
        // A few glyphs back is enough (a triple strike at most), and bounds the work on
        // hostile input that stacks thousands of glyphs in one place.
        for k in kept.iter().rev().take(4) {
            if g.x - k.x > g.size.max(k.w) {
                break;
            }
            let near = (g.x - k.x).abs() <= DOUBLE_FRACTION * k.w.max(g.w).min(g.size) + 0.01
                && (g.y - k.y).abs() <= 0.2 * g.size;
            if near && g.text == k.text {
                dropped.doubled += 1;
                continue 'next;
            }
        }
        kept.push(g);
    }

    let mut runs: Vec<Run> = Vec::new();
    let mut prev: Option<&Glyph> = None;
    for g in kept {
        let em = prev.map_or(g.size, |p| p.size.min(g.size)).max(1.0);
        let gap = prev.map_or(f32::INFINITY, |p| g.x - (p.x + p.w));
        match runs.last_mut() {
            Some(run) if gap <= RUN_GAP * em && !walled(&walls, prev, g) => {
                if gap > SPACE_GAP * em {
                    run.text.push(' ');
                    run.xs.push(run.x1);
                }
                push_glyph(run, g);
            }
            _ => {
                let mut run = Run {
                    x0: g.x,
                    x1: g.x,
                    text: String::new(),
                    xs: Vec::new(),
                };
                push_glyph(&mut run, g);
                runs.push(run);
            }
        }
        prev = Some(g);
    }
    Line { y, runs }
}

/// Whether a vertical rule stands in the gap between `prev` and `g` (half a point of slack).
fn walled(walls: &[f32], prev: Option<&Glyph>, g: &Glyph) -> bool {
    prev.is_some_and(|p| {
        let (a, b) = (p.x + p.w - 0.5, g.x + 0.5);
        let i = walls.partition_point(|&x| x < a);
        walls.get(i).is_some_and(|&x| x <= b)
    })
}

/// Appends a glyph's chars (a ligature may hold several) sharing its advance.
fn push_glyph(run: &mut Run, g: &Glyph) {
    let n = g.text.chars().count().max(1) as f32;
    for (i, c) in g.text.chars().enumerate() {
        run.text.push(c);
        run.xs.push(g.x + g.w * i as f32 / n);
    }
    run.x1 = run.x1.max(g.x + g.w.max(0.0));
}

/// Merges collinear segments that touch or overlap into rules; sorted top to bottom, then left
/// to right, horizontal ones first.
pub(crate) fn rules(mut segs: Vec<Seg>, width: f32, height: f32) -> Vec<Rule> {
    // Tolerance for "same line" and "touching", in points.
    const TOL: f32 = 0.6;
    let on_page = |s: &Seg| s.x1 >= 0.0 && s.x0 <= width && s.y1 >= 0.0 && s.y0 <= height;
    segs.retain(on_page);
    let (mut hs, mut vs): (Vec<Seg>, Vec<Seg>) =
        segs.into_iter().partition(|s| s.y1 - s.y0 <= s.x1 - s.x0);
    let mut out = Vec::new();
    // Horizontal: sort by y then x; vertical: the same with axes swapped.
    hs.sort_by(|a, b| a.y0.total_cmp(&b.y0).then(a.x0.total_cmp(&b.x0)));
    merge(
        &hs,
        |s| (s.y0, s.x0, s.x1),
        TOL,
        &mut out,
        |c, a, b| Rule {
            x0: a,
            y0: c,
            x1: b,
            y1: c,
        },
    );
    vs.sort_by(|a, b| a.x0.total_cmp(&b.x0).then(a.y0.total_cmp(&b.y0)));
    merge(
        &vs,
        |s| (s.x0, s.y0, s.y1),
        TOL,
        &mut out,
        |c, a, b| Rule {
            x0: c,
            y0: a,
            x1: c,
            y1: b,
        },
    );
    out
}

/// `key` gives (cross coordinate, start, end) of a sorted segment; segments within `tol` on the
/// cross axis are grouped (the group keeps its first coordinate), then joined where they touch.
fn merge(
    segs: &[Seg],
    key: impl Fn(&Seg) -> (f32, f32, f32),
    tol: f32,
    out: &mut Vec<Rule>,
    make: impl Fn(f32, f32, f32) -> Rule,
) {
    let mut i = 0;
    while i < segs.len() {
        let c = key(&segs[i]).0;
        let n = segs[i..].iter().take_while(|s| key(s).0 - c <= tol).count();
        let mut spans: Vec<(f32, f32)> = segs[i..i + n]
            .iter()
            .map(|s| (key(s).1, key(s).2))
            .collect();
        spans.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut cur = spans[0];
        for &(a, b) in &spans[1..] {
            if a <= cur.1 + tol {
                cur.1 = cur.1.max(b);
            } else {
                out.push(make(c, cur.0, cur.1));
                cur = (a, b);
            }
        }
        out.push(make(c, cur.0, cur.1));
        i += n;
    }
}
