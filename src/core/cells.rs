//! A row's cells: column key → amount, kept as a small vector in printed order. A row has a few
//! cells, and a folder of departments has millions: a map per row costs several times more.

use super::amount::Amount;
use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cells(Vec<(CellKey, Amount)>);

/// A column key held inline when short (they are: `total`, `y2023`, `general_budget`), so that a
/// cell costs no allocation of its own.
#[derive(Clone, PartialEq, Eq)]
pub enum CellKey {
    Inline { len: u8, bytes: [u8; 22] },
    Heap(Box<str>),
}

impl CellKey {
    pub fn new(key: &str) -> CellKey {
        if key.len() <= 22 {
            let mut bytes = [0u8; 22];
            bytes[..key.len()].copy_from_slice(key.as_bytes());
            CellKey::Inline {
                len: key.len() as u8,
                bytes,
            }
        } else {
            CellKey::Heap(key.into())
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            // The bytes were copied from a &str at a char boundary (the whole string).
            CellKey::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..*len as usize]).unwrap_or("")
            }
            CellKey::Heap(s) => s,
        }
    }
}

impl std::ops::Deref for CellKey {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Debug for CellKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for CellKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Cells {
    pub fn get(&self, key: &str) -> Option<&Amount> {
        self.0
            .iter()
            .find(|(k, _)| k.as_str() == key)
            .map(|(_, a)| a)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn insert(&mut self, key: String, amount: Amount) {
        match self.0.iter_mut().find(|(k, _)| k.as_str() == key) {
            Some(slot) => slot.1 = amount,
            None => self.0.push((CellKey::new(&key), amount)),
        }
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }

    pub fn values(&self) -> impl Iterator<Item = &Amount> {
        self.0.iter().map(|(_, a)| a)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Amount)> {
        self.0.iter().map(|(k, a)| (k.as_str(), a))
    }
}

impl std::ops::Index<&str> for Cells {
    type Output = Amount;
    fn index(&self, key: &str) -> &Amount {
        match self.get(key) {
            Some(a) => a,
            None => panic!("no cell \"{key}\""),
        }
    }
}

impl FromIterator<(String, Amount)> for Cells {
    fn from_iter<I: IntoIterator<Item = (String, Amount)>>(iter: I) -> Cells {
        let mut cells = Cells::default();
        for (k, a) in iter {
            cells.insert(k, a);
        }
        cells
    }
}

impl Serialize for Cells {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, a) in &self.0 {
            map.serialize_entry(k.as_str(), a)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Cells {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Cells, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Cells;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of column key → amount")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut m: M) -> Result<Cells, M::Error> {
                let mut cells = Vec::with_capacity(m.size_hint().unwrap_or(4));
                while let Some((k, a)) = m.next_entry::<std::borrow::Cow<'de, str>, Amount>()? {
                    if cells
                        .iter()
                        .any(|(seen, _): &(CellKey, Amount)| seen.as_str() == k)
                    {
                        return Err(serde::de::Error::custom(format!("duplicate cell \"{k}\"")));
                    }
                    cells.push((CellKey::new(&k), a));
                }
                cells.shrink_to_fit();
                Ok(Cells(cells))
            }
        }
        d.deserialize_map(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_and_refuses_duplicates() {
        let c: Cells = serde_json::from_str(r#"{"total": "2.00", "basic": "1.50"}"#).unwrap();
        assert_eq!(c.keys().collect::<Vec<_>>(), ["total", "basic"]);
        assert_eq!(std::mem::size_of::<CellKey>(), 24);
        let long = "a_column_key_longer_than_22_bytes";
        let l: Cells = [(long.to_string(), Amount::ZERO)].into_iter().collect();
        assert_eq!(l.keys().next(), Some(long));
        assert_eq!(
            serde_json::to_string(&l).unwrap(),
            format!("{{\"{long}\":\"0\"}}")
        );
        assert_eq!(c["basic"].display(), "1.50");
        assert_eq!(c.get("project"), None);
        let err = serde_json::from_str::<Cells>(r#"{"total": "1", "total": "2"}"#).unwrap_err();
        assert!(
            err.to_string().contains("duplicate cell \"total\""),
            "{err}"
        );
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            r#"{"total":"2.00","basic":"1.50"}"#
        );
    }
}
