//! Shared strings for what repeats across a folder's documents: row codes and names, column
//! keys. Every document of a template prints the same 社会保障和就业支出 and 2080505; a folder of
//! 20,000 documents held each as its own `String` (a pointer, a length, a capacity and a heap
//! block per row), and names were most of a folder's memory. An `Interned` is one pointer and
//! a length to text kept once per loading thread.

use foldhash::{HashSet, HashSetExt};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cell::RefCell;
use std::fmt;
use std::sync::Arc;

#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Interned(Arc<str>);

/// Past this many distinct strings a thread stops adding to its table (a folder of real
/// documents has hundreds of thousands of project names; sharing is for what repeats), and
/// starts a new one, so that a long-lived thread does not keep every string it ever saw.
const TABLE_LIMIT: usize = 200_000;

thread_local! {
    static TABLE: RefCell<HashSet<Arc<str>>> = RefCell::new(HashSet::new());
}

impl Interned {
    /// The text, shared with every equal string interned on this thread.
    pub fn new(text: &str) -> Interned {
        TABLE.with(|t| {
            let mut table = t.borrow_mut();
            if let Some(shared) = table.get(text) {
                return Interned(Arc::clone(shared));
            }
            if table.len() >= TABLE_LIMIT {
                table.clear();
            }
            let shared: Arc<str> = Arc::from(text);
            table.insert(Arc::clone(&shared));
            Interned(shared)
        })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Interned {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Interned {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Interned {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl Default for Interned {
    fn default() -> Interned {
        Interned::new("")
    }
}

impl From<&str> for Interned {
    fn from(s: &str) -> Interned {
        Interned::new(s)
    }
}

impl From<String> for Interned {
    fn from(s: String) -> Interned {
        Interned::new(&s)
    }
}

impl From<&String> for Interned {
    fn from(s: &String) -> Interned {
        Interned::new(s)
    }
}

impl From<Interned> for String {
    fn from(s: Interned) -> String {
        s.0.to_string()
    }
}

impl PartialEq<str> for Interned {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Interned {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Interned {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Interned> for str {
    fn eq(&self, other: &Interned) -> bool {
        self == &*other.0
    }
}

impl PartialEq<Interned> for &str {
    fn eq(&self, other: &Interned) -> bool {
        *self == &*other.0
    }
}

impl PartialEq<Interned> for String {
    fn eq(&self, other: &Interned) -> bool {
        **self == *other.0
    }
}

impl fmt::Debug for Interned {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Interned {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Interned {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Interned {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Interned, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Interned;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Interned, E> {
                Ok(Interned::new(s))
            }
        }
        d.deserialize_str(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_strings_share_one_block() {
        let a = Interned::new("社会保障和就业支出");
        let b: Interned = serde_json::from_str("\"社会保障和就业支出\"").unwrap();
        assert!(Arc::ptr_eq(&a.0, &b.0));
        assert_eq!(a, "社会保障和就业支出");
        assert_eq!(serde_json::to_string(&b).unwrap(), "\"社会保障和就业支出\"");
        let c = Interned::new("2080505");
        assert!(!Arc::ptr_eq(&a.0, &c.0));
        assert_eq!(std::mem::size_of::<Option<Interned>>(), 16);
    }

    #[test]
    fn a_full_table_starts_again_and_strings_stay_right() {
        let first = Interned::new("x0");
        for i in 0..TABLE_LIMIT + 10 {
            assert_eq!(Interned::new(&format!("x{i}")).as_str(), format!("x{i}"));
        }
        // Equal text still compares equal, shared or not.
        assert_eq!(Interned::new("x0"), first);
    }
}
