//! A map that remembers which of its keys were changed, so that `--state` writes only
//! what an operation touched: the cost of an operation stays independent of how much the
//! state holds. Every way to change an entry goes through it (reading derefs to the map).

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Deref;

/// A `BTreeMap<String, V>` that records the keys changed since [`Tracked::take_touched`].
pub(crate) struct Tracked<V> {
    map: BTreeMap<String, V>,
    touched: BTreeSet<String>,
}

impl<V> Tracked<V> {
    /// An empty map.
    pub(crate) fn new() -> Self {
        Tracked {
            map: BTreeMap::new(),
            touched: BTreeSet::new(),
        }
    }

    /// The entry of `key`, to change (the key is recorded as changed).
    pub(crate) fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        let value = self.map.get_mut(key)?;
        if !self.touched.contains(key) {
            self.touched.insert(key.to_owned());
        }
        Some(value)
    }

    /// Sets `key`; returns what it replaced.
    pub(crate) fn insert(&mut self, key: String, value: V) -> Option<V> {
        self.touched.insert(key.clone());
        self.map.insert(key, value)
    }

    /// Removes `key`; returns what it held.
    pub(crate) fn remove(&mut self, key: &str) -> Option<V> {
        let removed = self.map.remove(key)?;
        self.touched.insert(key.to_owned());
        Some(removed)
    }

    /// Keeps the entries `keep` says to keep (each one removed is recorded).
    pub(crate) fn retain(&mut self, mut keep: impl FnMut(&String, &mut V) -> bool) {
        let touched = &mut self.touched;
        self.map.retain(|key, value| {
            let kept = keep(key, value);
            if !kept {
                touched.insert(key.clone());
            }
            kept
        });
    }

    /// The keys changed since the last call, and forgets them.
    pub(crate) fn take_touched(&mut self) -> BTreeSet<String> {
        std::mem::take(&mut self.touched)
    }

    /// The entry of `key`, to change without recording it: for `--state`'s writer, which
    /// takes the changes recorded inside an entry.
    pub(crate) fn get_mut_untracked(&mut self, key: &str) -> Option<&mut V> {
        self.map.get_mut(key)
    }
}

impl<V> Deref for Tracked<V> {
    type Target = BTreeMap<String, V>;

    fn deref(&self) -> &Self::Target {
        &self.map
    }
}

impl<V> FromIterator<(String, V)> for Tracked<V> {
    /// Entries read back from `--state`: nothing is recorded as changed.
    fn from_iter<I: IntoIterator<Item = (String, V)>>(entries: I) -> Self {
        Tracked {
            map: entries.into_iter().collect(),
            touched: BTreeSet::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Tracked;

    #[test]
    fn every_change_is_recorded_and_reads_are_not() {
        let mut map: Tracked<u32> = [("a".to_owned(), 1), ("b".to_owned(), 2)]
            .into_iter()
            .collect();
        assert!(map.take_touched().is_empty());
        let _ = map.get("a");
        let _ = map.get_mut("missing");
        assert!(map.take_touched().is_empty(), "reads change nothing");
        *map.get_mut("a").expect("a") += 1;
        map.insert("c".to_owned(), 3);
        map.remove("missing");
        map.retain(|key, _| key != "b");
        let touched: Vec<String> = map.take_touched().into_iter().collect();
        assert_eq!(touched, ["a", "b", "c"]);
        assert!(map.take_touched().is_empty(), "taken once");
        assert_eq!(map.len(), 2);
    }
}
