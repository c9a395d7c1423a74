//! A row's cells: column key → amount, kept as a small vector in printed order. A row has a few
//! cells, and a folder of departments has millions: a map per row costs several times more.

use super::amount::Amount;
use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cells(Vec<(String, Amount)>);

impl Cells {
    pub fn get(&self, key: &str) -> Option<&Amount> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, a)| a)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn insert(&mut self, key: String, amount: Amount) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = amount,
            None => self.0.push((key, amount)),
        }
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &Amount> {
        self.0.iter().map(|(_, a)| a)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Amount)> {
        self.0.iter().map(|(k, a)| (k, a))
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
            map.serialize_entry(k, a)?;
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
                while let Some((k, a)) = m.next_entry::<String, Amount>()? {
                    if cells.iter().any(|(seen, _): &(String, Amount)| *seen == k) {
                        return Err(serde::de::Error::custom(format!("duplicate cell \"{k}\"")));
                    }
                    cells.push((k, a));
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
        assert_eq!(
            c.keys().map(String::as_str).collect::<Vec<_>>(),
            ["total", "basic"]
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
