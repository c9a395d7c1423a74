//! A code's rows in the cache's slices, packed: each distinct text (code, name, column key)
//! once per part, and each row as a tuple of numbers. Named MessagePack spelled every field
//! and column key of every row again, and encoding it was most of the time the slices took on
//! the first run; a row's types skip empty fields, so serde's positional form cannot take
//! them as they are. Amounts keep their exact value and printed scale (`Amount`'s 16 bytes).

use crate::core::amount::Amount;
use crate::core::cells::Cells;
use crate::core::document::{Row, RowRole};
use crate::core::interned::Interned;
use crate::core::search::Interner;
use serde::{Deserialize, Serialize};

/// A row of a kept table, where it is: (document, kept table, section, row index, the row).
pub type Placed<R> = (u32, u8, (u16, u32, R));

#[derive(Serialize, Deserialize)]
pub struct Packed {
    texts: Vec<String>,
    rows: Vec<PackedRow>,
}

/// (document, kept table, section, row, role, code, printed code, name, line, cells): texts
/// as indexes into `Packed::texts`.
type PackedRow = (
    u32,
    u8,
    u16,
    u32,
    u8,
    Option<u32>,
    Option<u32>,
    Option<u32>,
    Option<u32>,
    Vec<(u32, Amount)>,
);

impl Packed {
    pub fn pack(rows: &[Placed<&Row>]) -> Packed {
        // The search index's interner: distinct texts in order of first appearance.
        let mut texts = Interner::default();
        let mut id = |s: &str| texts.name(s);
        let rows = rows
            .iter()
            .map(|&(d, t, (s, r, row))| {
                (
                    d,
                    t,
                    s,
                    r,
                    role_number(row.role),
                    row.code.as_deref().map(&mut id),
                    row.printed_code.as_deref().map(&mut id),
                    row.name.as_deref().map(&mut id),
                    row.line,
                    row.cells.iter().map(|(k, a)| (id(k), *a)).collect(),
                )
            })
            .collect();
        let (texts, _) = texts.into_parts();
        Packed { texts, rows }
    }

    /// The rows, or `None` when a text index or a role is out of range, or a row repeats a
    /// column (not a part this program wrote).
    pub fn unpack(self) -> Option<Vec<Placed<Row>>> {
        let texts = self.texts;
        let text = |i: Option<u32>| -> Option<Option<Interned>> {
            match i {
                None => Some(None),
                Some(i) => texts.get(i as usize).map(|t| Some(Interned::new(t))),
            }
        };
        self.rows
            .into_iter()
            .map(|(d, t, s, r, role, code, printed, name, line, cells)| {
                let pairs = cells
                    .iter()
                    .map(|&(k, a)| Some((texts.get(k as usize)?.as_str(), a)))
                    .collect::<Option<Vec<_>>>()?;
                let row = Row {
                    role: role_of(role)?,
                    code: text(code)?,
                    printed_code: text(printed)?,
                    name: text(name)?,
                    cells: Cells::try_from_pairs(pairs)?,
                    line,
                };
                Some((d, t, (s, r, row)))
            })
            .collect()
    }
}

fn role_number(role: RowRole) -> u8 {
    match role {
        RowRole::Item => 0,
        RowRole::Subtotal => 1,
        RowRole::Total => 2,
    }
}

fn role_of(n: u8) -> Option<RowRole> {
    [RowRole::Item, RowRole::Subtotal, RowRole::Total]
        .get(n as usize)
        .copied()
}
