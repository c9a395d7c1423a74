//! A hayro `Device` that keeps only what a table reader needs: each glyph's text, baseline origin,
//! advance and size, and the horizontal/vertical segments of stroked lines and thin filled
//! rectangles. Everything arrives already in page coordinates (top-left origin, y down) because
//! the interpretation starts from the page's `initial_transform(true)`.

use hayro_interpret::font::{Glyph as HGlyph, GlyphRun};
use hayro_interpret::hayro_cmap::BfString;
use hayro_interpret::kurbo::{Affine, BezPath, PathEl, Point, Rect, Shape, Vec2};
use hayro_interpret::{
    BlendMode, ClipPath, Device, DrawMode, DrawProps, Image, ImageDrawProps, SoftMask,
};

/// One drawn glyph. `x`,`y` is its origin on the baseline; `w` its advance; `size` the font size
/// (the em) on the page.
#[derive(Debug, Clone)]
pub(crate) struct Glyph {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub size: f32,
    pub text: String,
}

/// A segment, normalised so that `x0 <= x1` and `y0 <= y1`; either horizontal or vertical.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Seg {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

/// Filled rectangles thinner than this (points) are drawn borders, not shaded cells.
const THIN: f64 = 2.5;
/// Segments shorter than this are dots or ticks, not rules.
const SHORT: f64 = 2.0;
/// How far from horizontal/vertical a segment may lean (points across its length) and still count.
const SLANT: f64 = 0.5;

#[derive(Default)]
pub(crate) struct Collector {
    pub glyphs: Vec<Glyph>,
    pub segs: Vec<Seg>,
    /// Glyphs with no Unicode mapping; kept as U+FFFD so that the loss is visible.
    pub unmapped: usize,
}

impl Collector {
    fn push_seg(&mut self, a: Point, b: Point) {
        let (dx, dy) = ((b.x - a.x).abs(), (b.y - a.y).abs());
        if dx.max(dy) < SHORT
            || !(a.x.is_finite() && a.y.is_finite() && b.x.is_finite() && b.y.is_finite())
        {
            return;
        }
        if dy <= SLANT || dx <= SLANT {
            let (x0, x1) = if dy <= SLANT {
                (a.x.min(b.x), a.x.max(b.x))
            } else {
                let x = (a.x + b.x) / 2.0;
                (x, x)
            };
            let (y0, y1) = if dy <= SLANT {
                let y = (a.y + b.y) / 2.0;
                (y, y)
            } else {
                (a.y.min(b.y), a.y.max(b.y))
            };
            self.segs.push(Seg {
                x0: x0 as f32,
                y0: y0 as f32,
                x1: x1 as f32,
                y1: y1 as f32,
            });
        }
    }

    /// A thin filled rectangle becomes the segment along its middle.
    fn push_thin_rect(&mut self, r: Rect) {
        let r = r.abs();
        if r.height() <= THIN && r.width() > r.height() {
            let y = (r.y0 + r.y1) / 2.0;
            self.push_seg(Point::new(r.x0, y), Point::new(r.x1, y));
        } else if r.width() <= THIN && r.height() > r.width() {
            let x = (r.x0 + r.x1) / 2.0;
            self.push_seg(Point::new(x, r.y0), Point::new(x, r.y1));
        }
    }

    /// Stroked paths give every straight segment; filled paths give each closed four-sided
    /// axis-aligned subpath that is thin (one path often holds all of a table's borders).
    fn path(&mut self, path: &BezPath, t: Affine, stroke: bool) {
        let mut pts: Vec<Point> = Vec::new();
        let flush = |me: &mut Self, pts: &mut Vec<Point>| {
            if !stroke && (4..=5).contains(&pts.len()) {
                let bb = pts
                    .iter()
                    .fold(Rect::from_points(pts[0], pts[0]), |r, p| r.union_pt(*p));
                let axis = pts
                    .windows(2)
                    .all(|w| (w[0].x - w[1].x).abs() < 0.01 || (w[0].y - w[1].y).abs() < 0.01);
                if axis {
                    me.push_thin_rect(bb);
                }
            }
            pts.clear();
        };
        for el in path.elements() {
            match *el {
                PathEl::MoveTo(p) => {
                    flush(self, &mut pts);
                    pts.push(t * p);
                }
                PathEl::LineTo(p) => {
                    let p = t * p;
                    if stroke {
                        if let Some(&a) = pts.last() {
                            self.push_seg(a, p);
                        }
                    }
                    pts.push(p);
                }
                PathEl::ClosePath => {
                    if let (true, Some(&a), Some(&b)) = (stroke, pts.first(), pts.last()) {
                        self.push_seg(b, a);
                    }
                    flush(self, &mut pts);
                }
                // Curves are never table borders; they end the straight run.
                PathEl::QuadTo(..) | PathEl::CurveTo(..) => flush(self, &mut pts),
            }
        }
        flush(self, &mut pts);
    }
}

impl<'a> Device<'a> for Collector {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, mode: &DrawMode) {
        match mode {
            DrawMode::Stroke(_) => self.path(path, props.transform, true),
            DrawMode::Fill(_) => self.path(path, props.transform, false),
            DrawMode::FillAndStroke(..) => {
                self.path(path, props.transform, false);
                self.path(path, props.transform, true);
            }
            DrawMode::Invisible => {}
        }
    }

    fn draw_rect(&mut self, rect: &Rect, props: DrawProps<'a>, mode: &DrawMode) {
        let t = props.transform;
        let c = t.as_coeffs();
        // Only an axis-preserving transform keeps a rectangle a rectangle.
        if c[1].abs() < 1e-9 && c[2].abs() < 1e-9 {
            let r = Rect::from_points(
                t * Point::new(rect.x0, rect.y0),
                t * Point::new(rect.x1, rect.y1),
            );
            match mode {
                DrawMode::Fill(_) => self.push_thin_rect(r),
                DrawMode::Stroke(_) | DrawMode::FillAndStroke(..) => {
                    if matches!(mode, DrawMode::FillAndStroke(..)) {
                        self.push_thin_rect(r);
                    }
                    let r = r.abs();
                    let corners = [(r.x0, r.y0), (r.x1, r.y0), (r.x1, r.y1), (r.x0, r.y1)];
                    for i in 0..4 {
                        let (a, b) = (corners[i], corners[(i + 1) % 4]);
                        self.push_seg(Point::new(a.0, a.1), Point::new(b.0, b.1));
                    }
                }
                DrawMode::Invisible => {}
            }
        } else {
            self.draw_path(&rect.to_path(0.1), props, mode);
        }
    }

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, _: &DrawMode) {
        // Fill and stroke of one string (render mode 2) arrive as two calls; the duplicate is
        // dropped later together with strings drawn twice on purpose.
        for g in run.glyphs() {
            let m = props.transform * g.transform();
            let origin = m * Point::ZERO;
            // Glyph space is 1000 units per em: the y axis gives the em on the page. The x axis
            // may carry hayro's stretch (a substitute font's widths fitted to the PDF's), so the
            // advance uses the em and only the direction of x (generators here use Tz 100).
            let ydir = m * Point::new(0.0, 1000.0) - origin;
            let xdir = m * Point::new(1.0, 0.0) - origin;
            let size = ydir.hypot();
            let unit = if xdir.hypot() > 0.0 {
                xdir / xdir.hypot()
            } else {
                Vec2::new(1.0, 0.0)
            };
            let adv = match &**g {
                HGlyph::Outline(o) => o.advance_width().unwrap_or(0.0),
                HGlyph::Type3(t) => t.advance_width().unwrap_or(0.0),
            } as f64
                / 1000.0;
            let w = (unit * adv * size).x;
            let text = match g.as_unicode() {
                Some(BfString::Char(c)) => c.to_string(),
                Some(BfString::String(s)) => s,
                None => {
                    self.unmapped += 1;
                    '\u{FFFD}'.to_string()
                }
            };
            if !(origin.x.is_finite() && origin.y.is_finite() && size.is_finite() && w.is_finite())
            {
                continue;
            }
            self.glyphs.push(Glyph {
                x: origin.x as f32,
                y: origin.y as f32,
                w: w as f32,
                size: size as f32,
                text,
            });
        }
    }

    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {}
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}
}
