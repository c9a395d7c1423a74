//! A row's cells: column key → amount, kept as a small boxed slice in printed order. A row has a
//! few cells, and a folder of departments has millions: a map per row costs several times more,
//! and so does a string per key. A key (`total`, `y2023`, `general_budget`; a folder prints a
//! handful) is an index into the process's table of keys, so that a cell is 20 bytes.

use super::amount::Amount;
use foldhash::{HashMap, HashMapExt};
use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cell::RefCell;
use std::fmt;
use std::sync::{Mutex, OnceLock};

#[derive(Clone, Default, PartialEq, Eq)]
pub struct Cells(Box<[(Key, Amount)]>);

/// A column key: its index in `TABLE`, whose text is read without a lock.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Key(u32);

const CHUNK: usize = 1024;
/// 4,194,304 distinct keys in one process: a folder's documents print a few dozen.
const CHUNKS: usize = 4096;

#[allow(clippy::declare_interior_mutable_const)]
const EMPTY: OnceLock<Box<[OnceLock<&'static str>]>> = OnceLock::new();
static TABLE: [OnceLock<Box<[OnceLock<&'static str>]>>; CHUNKS] = [EMPTY; CHUNKS];
static IDS: Mutex<Option<HashMap<&'static str, u32>>> = Mutex::new(None);

thread_local! {
    /// The keys this thread has seen: a cell's key is found without taking the lock.
    static SEEN: RefCell<HashMap<&'static str, Key>> = RefCell::new(HashMap::new());
}

impl Key {
    /// The key of `text`, added to the table if new; `None` once the table is full.
    pub fn new(text: &str) -> Option<Key> {
        if let Some(k) = SEEN.with(|s| s.borrow().get(text).copied()) {
            return Some(k);
        }
        let mut ids = IDS.lock().unwrap_or_else(|e| e.into_inner());
        let ids = ids.get_or_insert_with(HashMap::new);
        let (text, key) = match ids.get_key_value(text) {
            Some((&t, &id)) => (t, Key(id)),
            None => {
                let id = ids.len();
                if id >= CHUNK * CHUNKS {
                    return None;
                }
                // Kept for the life of the process, like the table itself.
                let t: &'static str = Box::leak(text.into());
                let chunk =
                    TABLE[id / CHUNK].get_or_init(|| (0..CHUNK).map(|_| OnceLock::new()).collect());
                let _ = chunk[id % CHUNK].set(t);
                ids.insert(t, id as u32);
                (t, Key(id as u32))
            }
        };
        SEEN.with(|s| s.borrow_mut().insert(text, key));
        Some(key)
    }

    pub fn as_str(self) -> &'static str {
        let id = self.0 as usize;
        TABLE[id / CHUNK]
            .get()
            .and_then(|c| c[id % CHUNK].get())
            .copied()
            .unwrap_or("")
    }
}

impl fmt::Debug for Cells {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl Cells {
    pub fn get(&self, key: &str) -> Option<&Amount> {
        self.0
            .iter()
            .find(|(k, _)| k.as_str() == key)
            .map(|(_, a)| a)
    }

    /// The cell of a key found once (`Key::new`) for many rows: compared as a number, not as
    /// text.
    pub fn get_by_key(&self, key: Key) -> Option<&Amount> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, a)| a)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets the cell of `key`. Panics only once the process has seen over four million
    /// distinct column keys (documents read from files get an error instead: see `Deserialize`).
    pub fn insert(&mut self, key: String, amount: Amount) {
        if let Some(slot) = self.0.iter_mut().find(|(k, _)| k.as_str() == key) {
            slot.1 = amount;
            return;
        }
        let Some(k) = Key::new(&key) else {
            panic!("more than {} distinct column keys", CHUNK * CHUNKS);
        };
        let mut cells = std::mem::take(&mut self.0).into_vec();
        cells.push((k, amount));
        self.0 = cells.into_boxed_slice();
    }

    /// The cells of `pairs` in their order; `None` when a key repeats or the table of keys is
    /// full (for readers of data this program wrote, which must not panic on a damaged copy).
    pub fn try_from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, Amount)>) -> Option<Cells> {
        let mut cells: Vec<(Key, Amount)> = Vec::new();
        for (k, a) in pairs {
            let key = Key::new(k)?;
            if cells.iter().any(|(seen, _)| *seen == key) {
                return None;
            }
            cells.push((key, a));
        }
        Some(Cells(cells.into_boxed_slice()))
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
        for (k, a) in self.0.iter() {
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
                        .any(|(seen, _): &(Key, Amount)| seen.as_str() == k)
                    {
                        return Err(serde::de::Error::custom(format!("duplicate cell \"{k}\"")));
                    }
                    let Some(key) = Key::new(&k) else {
                        return Err(serde::de::Error::custom(format!(
                            "cell \"{k}\": more than {} distinct column keys",
                            CHUNK * CHUNKS
                        )));
                    };
                    cells.push((key, a));
                }
                Ok(Cells(cells.into_boxed_slice()))
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
        assert_eq!(std::mem::size_of::<(Key, Amount)>(), 20);
        assert_eq!(std::mem::size_of::<Cells>(), 16);
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
