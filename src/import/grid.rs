//! A ruled table's cells, from the page's ruling lines: columns between vertical rules, bands
//! between horizontal rules, and a merged cell wherever a rule is missing between two of them.
//!
//! Some generators (ONLYOFFICE) centre a cell's text vertically, so that a row's amounts stand on
//! a line of their own above or below its name, and wrap header words character by character.
//! The rules say which words share a cell where the lines of text cannot.

use super::lines::{Page, Rule};
use super::tokens::{tokens, Token};

/// Rules closer than this (points) are one.
const SNAP: f32 = 2.0;

/// A cell of the grid, merged over columns `c0..=c1` and bands `r0..=r1`.
#[derive(Debug, Clone)]
pub struct Cell {
    pub c0: usize,
    pub c1: usize,
    pub r0: usize,
    pub r1: usize,
    /// The words in the cell, top to bottom and left to right.
    pub words: Vec<Token>,
}

impl Cell {
    /// The cell's text with its line wraps undone (table cells wrap without a space).
    pub fn text(&self) -> String {
        self.words.iter().map(|t| t.text.as_str()).collect()
    }
}

/// The grid of one page's table.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    /// Column edges, left to right (`xs.len() - 1` columns).
    pub xs: Vec<f32>,
    /// Band edges, top to bottom.
    pub ys: Vec<f32>,
    pub cells: Vec<Cell>,
    /// Words between `top` and the table's bottom that stand in no cell.
    pub outside: Vec<(f32, Token)>,
}

fn cluster(mut v: Vec<f32>) -> Vec<f32> {
    v.sort_by(f32::total_cmp);
    let mut out: Vec<f32> = Vec::new();
    for x in v {
        match out.last() {
            Some(&last) if x - last <= SNAP => {}
            _ => out.push(x),
        }
    }
    out
}

fn vertical(r: &Rule) -> bool {
    (r.x1 - r.x0).abs() < 1.0 && (r.y1 - r.y0).abs() > 3.0
}

fn horizontal(r: &Rule) -> bool {
    (r.y1 - r.y0).abs() < 1.0 && (r.x1 - r.x0).abs() > 3.0
}

impl Grid {
    /// The grid of the rules between `top` and `bottom` on `page` (its title and unit line stand above the
    /// rules); `None` when the page draws no table there.
    pub fn of(page: &Page, top: f32, bottom: f32) -> Option<Grid> {
        let rules: Vec<&Rule> = page
            .rules
            .iter()
            .filter(|r| r.y0.min(r.y1) >= top - SNAP && r.y0.max(r.y1) <= bottom + SNAP)
            .collect();
        let xs = cluster(rules.iter().filter(|r| vertical(r)).map(|r| r.x0).collect());
        let ys = cluster(
            rules
                .iter()
                .filter(|r| horizontal(r))
                .map(|r| r.y0)
                .collect(),
        );
        if xs.len() < 2 || ys.len() < 2 || xs.len() > 64 || ys.len() > 512 {
            return None;
        }
        let (ncol, nband) = (xs.len() - 1, ys.len() - 1);
        // Is there a rule between column c and c+1 in band r, between band r and r+1 in column c?
        let v_edge = |c: usize, r: usize| {
            let (x, y) = (xs[c + 1], (ys[r] + ys[r + 1]) / 2.0);
            rules.iter().any(|u| {
                vertical(u)
                    && (u.x0 - x).abs() <= SNAP
                    && u.y0.min(u.y1) <= y
                    && u.y0.max(u.y1) >= y
            })
        };
        let h_edge = |c: usize, r: usize| {
            let (x, y) = ((xs[c] + xs[c + 1]) / 2.0, ys[r + 1]);
            rules.iter().any(|u| {
                horizontal(u)
                    && (u.y0 - y).abs() <= SNAP
                    && u.x0.min(u.x1) <= x
                    && u.x0.max(u.x1) >= x
            })
        };
        // Union-find over the cells of the grid.
        let mut parent: Vec<usize> = (0..ncol * nband).collect();
        fn find(p: &mut [usize], mut i: usize) -> usize {
            while p[i] != i {
                p[i] = p[p[i]];
                i = p[i];
            }
            i
        }
        for r in 0..nband {
            for c in 0..ncol {
                let here = r * ncol + c;
                if c + 1 < ncol && !v_edge(c, r) {
                    let (a, b) = (find(&mut parent, here), find(&mut parent, here + 1));
                    parent[a] = b;
                }
                if r + 1 < nband && !h_edge(c, r) {
                    let (a, b) = (find(&mut parent, here), find(&mut parent, here + ncol));
                    parent[a] = b;
                }
            }
        }
        let mut cells: Vec<Cell> = Vec::new();
        let mut cell_of = vec![usize::MAX; ncol * nband];
        let mut root_cell: std::collections::HashMap<usize, usize> = Default::default();
        for r in 0..nband {
            for c in 0..ncol {
                let root = find(&mut parent, r * ncol + c);
                let k = *root_cell.entry(root).or_insert_with(|| {
                    cells.push(Cell {
                        c0: c,
                        c1: c,
                        r0: r,
                        r1: r,
                        words: Vec::new(),
                    });
                    cells.len() - 1
                });
                let cell = &mut cells[k];
                cell.c0 = cell.c0.min(c);
                cell.c1 = cell.c1.max(c);
                cell.r0 = cell.r0.min(r);
                cell.r1 = cell.r1.max(r);
                cell_of[r * ncol + c] = k;
            }
        }
        let mut grid = Grid {
            xs,
            ys,
            cells,
            outside: Vec::new(),
        };
        let (left, right) = (grid.xs[0], grid.xs[ncol]);
        let (upper, lower) = (grid.ys[0], grid.ys[nband]);
        for line in &page.lines {
            // A baseline sits near the bottom of its glyphs: the glyphs' middle decides the band.
            let y = line.y - 3.0;
            if line.y < upper || y > lower {
                continue;
            }
            for t in tokens(line) {
                let x = t.center();
                let c = grid.xs.windows(2).position(|w| x >= w[0] && x < w[1]);
                let r = grid.ys.windows(2).position(|w| y >= w[0] && y < w[1]);
                match (c, r) {
                    (Some(c), Some(r)) if x >= left && x < right => {
                        grid.cells[cell_of[r * ncol + c]].words.push(t)
                    }
                    _ => grid.outside.push((line.y, t)),
                }
            }
        }
        Some(grid)
    }

    pub fn columns(&self) -> usize {
        self.xs.len().saturating_sub(1)
    }

    pub fn bands(&self) -> usize {
        self.ys.len().saturating_sub(1)
    }

    /// The cell covering column `c` in band `r`.
    pub fn at(&self, c: usize, r: usize) -> Option<&Cell> {
        self.cells
            .iter()
            .find(|k| k.c0 <= c && c <= k.c1 && k.r0 <= r && r <= k.r1)
    }

    /// The bottom of the table: what is printed below it (a note) is not in a cell.
    pub fn bottom(&self) -> f32 {
        self.ys.last().copied().unwrap_or(0.0)
    }
}
