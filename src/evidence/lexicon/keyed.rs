//! A lexicon whose phrases are already word keys, as the aligner compares
//! words: what is cached of CC-CEDICT and Müller, so that a run neither
//! parses them nor splits their 300k phrases into words again.
//!
//! The keys of each column are a sorted table; an entry is the ids of its
//! words in that table. Entries are grouped by their first source word, so
//! that the entries a document can match are found from its words alone,
//! and numbered in the lexicon's order, which [`KeyedLexicon::matches`]
//! keeps. Entries that can never match (a phrase without content words, or
//! with too many) are left out when it is built.
//!
//! Layout of the payload (`u32` little-endian, varints LEB128): the source
//! keys, the target keys (each: their number, the end of each key in the
//! text, the text); per source key, where its group starts in the stream,
//! and where the stream ends; the stream: per entry its number's distance
//! from the previous one in the group (the first: the number), the number
//! of source and of target words, the source ids after the first and the
//! target ids (varints); then the pinyin readings: whether there are any (0
//! or 1), the number of characters, the characters (ascending) and where
//! each one's readings end, and per character the number of its readings
//! and each one's length and bytes.

use std::collections::HashMap;
use std::path::PathBuf;

use super::{Lexicon, Readings};
use crate::cache::bytes::{Reader, U32s, Writer};

/// The word keys of a phrase, or `None` for a phrase that can never match.
pub type Keys<'k> = dyn Fn(&str) -> Option<Vec<String>> + 'k;

/// A lexicon as word keys (see the module).
pub struct KeyedLexicon {
    /// For reports: "CC-CEDICT", "Müller 7", or the user's file name.
    pub name: String,
    pub path: PathBuf,
    /// Language codes of the two columns.
    pub src: String,
    pub tgt: String,
    bytes: Stored,
}

/// The payload, built in memory or read from a cache file.
enum Stored {
    Built(Vec<u8>),
    Cached(crate::cache::Payload),
}

impl std::fmt::Debug for KeyedLexicon {
    /// Without the payload's megabytes.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyedLexicon")
            .field("name", &self.name)
            .field("path", &self.path)
            .field("src", &self.src)
            .field("tgt", &self.tgt)
            .field("payload_bytes", &self.payload().len())
            .finish()
    }
}

impl KeyedLexicon {
    /// Keys the entries of `lexicon` (`src_keys` for its source column,
    /// `tgt_keys` for its target column), with `readings` to keep beside them.
    pub fn build(lexicon: &Lexicon, src_keys: &Keys, tgt_keys: &Keys, readings: Option<&Readings>) -> KeyedLexicon {
        let payload = encode(lexicon, src_keys, tgt_keys, readings);
        debug_assert!(Index::parse(&payload).is_some(), "an index just built is valid");
        KeyedLexicon {
            name: lexicon.name.clone(),
            path: lexicon.path.clone(),
            src: lexicon.src.clone(),
            tgt: lexicon.tgt.clone(),
            bytes: Stored::Built(payload),
        }
    }

    /// The lexicon `like` describes (its names and languages) from a cache
    /// payload; `None` when the payload is not a valid one.
    pub(super) fn from_cache(like: Described, payload: crate::cache::Payload) -> Option<KeyedLexicon> {
        Index::parse(payload.bytes())?;
        let Described { name, path, src, tgt } = like;
        Some(KeyedLexicon { name, path, src, tgt, bytes: Stored::Cached(payload) })
    }

    /// The payload, as a cache file keeps it.
    pub fn payload(&self) -> &[u8] {
        match &self.bytes {
            Stored::Built(bytes) => bytes,
            Stored::Cached(payload) => payload.bytes(),
        }
    }

    fn index(&self) -> Index<'_> {
        Index::parse(self.payload()).expect("checked when made")
    }

    /// The entries all of whose words have an id, in the lexicon's order:
    /// `each(source ids, target ids)`, the ids those of `src_ids` and
    /// `tgt_ids` (the words of the documents in this lexicon's source and
    /// target language, with the caller's ids), a word as many times as its
    /// phrase has it.
    pub fn matches<'w>(
        &self,
        src_ids: impl IntoIterator<Item = (&'w str, u32)>,
        tgt_ids: impl IntoIterator<Item = (&'w str, u32)>,
        mut each: impl FnMut(&[u32], &[u32]),
    ) {
        let index = self.index();
        let ids = |keys: &KeyTable, words: &mut dyn Iterator<Item = (&'w str, u32)>| {
            let mut ids: Vec<(u32, u32)> = words.filter_map(|(w, id)| Some((keys.find(w.as_bytes())?, id))).collect();
            ids.sort_unstable();
            ids
        };
        let src = ids(&index.src, &mut src_ids.into_iter());
        let tgt = ids(&index.tgt, &mut tgt_ids.into_iter());
        let id =
            |table: &[(u32, u32)], key: u32| table.binary_search_by_key(&key, |&(k, _)| k).ok().map(|i| table[i].1);
        // (entry number, where its ids start in `words`, source words, target words)
        let mut found: Vec<(u32, usize, usize, usize)> = Vec::new();
        let mut words: Vec<u32> = Vec::new();
        for &(key, first) in &src {
            let mut entries = index.group(key);
            while let Some(entry) = entries.next_entry() {
                let start = words.len();
                words.push(first);
                let all = entry.src.iter().chain(&entry.tgt).enumerate().all(|(k, &key)| {
                    let table = if k < entry.src.len() { &src } else { &tgt };
                    id(table, key).map(|i| words.push(i)).is_some()
                });
                if all {
                    found.push((entry.number, start, entry.src.len() + 1, entry.tgt.len()));
                } else {
                    words.truncate(start);
                }
            }
        }
        found.sort_unstable_by_key(|&(number, ..)| number);
        for (_, start, ns, nt) in found {
            each(&words[start..start + ns], &words[start + ns..start + ns + nt]);
        }
    }

    /// The pinyin readings kept with the lexicon (CC-CEDICT's) of the
    /// characters `chars` holds; `None` when it has none.
    pub fn readings(&self, chars: impl IntoIterator<Item = char>) -> Option<Readings> {
        let table = self.index().readings?;
        Some(chars.into_iter().filter_map(|c| Some((c, table.of(c)?))).collect())
    }
}

/// What a lexicon is called and which languages it joins, without its entries.
#[derive(Debug, Clone)]
pub(super) struct Described {
    pub name: String,
    pub path: PathBuf,
    pub src: String,
    pub tgt: String,
}

/// A sorted table of keys.
#[derive(Clone, Copy)]
struct KeyTable<'a> {
    ends: U32s<'a>,
    text: &'a [u8],
}

impl<'a> KeyTable<'a> {
    fn read(r: &mut Reader<'a>) -> Option<KeyTable<'a>> {
        let n = r.u32()? as usize;
        let ends = r.u32s(n)?;
        let len = if n == 0 { 0 } else { ends.get(n - 1) as usize };
        Some(KeyTable { ends, text: r.take(len)? })
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn key(&self, i: usize) -> &'a [u8] {
        let start = if i == 0 { 0 } else { self.ends.get(i - 1) as usize };
        self.text.get(start..self.ends.get(i) as usize).unwrap_or_default()
    }

    fn find(&self, key: &[u8]) -> Option<u32> {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.key(mid).cmp(key) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid as u32),
            }
        }
        None
    }
}

/// The tables of a payload, read in place.
struct Index<'a> {
    src: KeyTable<'a>,
    tgt: KeyTable<'a>,
    /// Per source key, where its group starts in `stream`; one more for the end.
    starts: U32s<'a>,
    stream: &'a [u8],
    readings: Option<ReadingTable<'a>>,
}

impl<'a> Index<'a> {
    /// The tables, `None` when their sizes do not add up. Their content is
    /// not checked again: the cache's checksum vouches that it is what
    /// [`encode`] wrote, and reading it never goes out of bounds.
    fn parse(payload: &'a [u8]) -> Option<Index<'a>> {
        let mut r = Reader::new(payload);
        let src = KeyTable::read(&mut r)?;
        let tgt = KeyTable::read(&mut r)?;
        let starts = r.u32s(src.len().checked_add(1)?)?;
        let stream = r.take(starts.get(src.len()) as usize)?;
        let readings = ReadingTable::read(&mut r)?;
        r.is_empty().then_some(Index { src, tgt, starts, stream, readings })
    }

    /// The entries whose first source word is `key`.
    fn group(&self, key: u32) -> Group<'a> {
        let range = self.starts.get(key as usize) as usize..self.starts.get(key as usize + 1) as usize;
        Group {
            r: Reader::new(self.stream.get(range).unwrap_or_default()),
            n_src: self.src.len() as u32,
            n_tgt: self.tgt.len() as u32,
            last: None,
            entry: Entry::default(),
        }
    }
}

/// One entry, its words after the first source word.
#[derive(Default)]
struct Entry {
    number: u32,
    src: Vec<u32>,
    tgt: Vec<u32>,
}

/// Reads the entries of one group.
struct Group<'a> {
    r: Reader<'a>,
    n_src: u32,
    n_tgt: u32,
    last: Option<u32>,
    entry: Entry,
}

impl Group<'_> {
    /// The next entry; `None` at the end (or where the stream does not read).
    fn next_entry(&mut self) -> Option<&Entry> {
        if self.r.is_empty() {
            return None;
        }
        let read = read_entry(&mut self.r, self.last, (self.n_src, self.n_tgt), &mut self.entry);
        if read.is_none() {
            self.r = Reader::new(&[]);
        }
        self.last = Some(self.entry.number);
        read.map(|()| &self.entry)
    }
}

fn read_entry(r: &mut Reader, last: Option<u32>, (n_src, n_tgt): (u32, u32), entry: &mut Entry) -> Option<()> {
    let step = u32::try_from(r.varint()?).ok()?;
    entry.number = match last {
        None => step,
        Some(last) => last.checked_add(step).filter(|_| step > 0)?,
    };
    let (ns, nt) = (r.count(u8::MAX.into())?, r.count(u8::MAX.into())?);
    if ns == 0 || nt == 0 {
        return None;
    }
    let mut id = |n: u32| u32::try_from(r.varint()?).ok().filter(|&id| id < n);
    entry.src.clear();
    for _ in 1..ns {
        entry.src.push(id(n_src)?);
    }
    entry.tgt.clear();
    for _ in 0..nt {
        entry.tgt.push(id(n_tgt)?);
    }
    Some(())
}

/// The pinyin readings of the characters, in a table by character.
#[derive(Clone, Copy)]
struct ReadingTable<'a> {
    chars: U32s<'a>,
    /// Where each character's readings end in `stream`.
    ends: U32s<'a>,
    stream: &'a [u8],
}

impl<'a> ReadingTable<'a> {
    /// `None` inside when the lexicon has no readings.
    fn read(r: &mut Reader<'a>) -> Option<Option<ReadingTable<'a>>> {
        if r.u32()? == 0 {
            return Some(None);
        }
        let n = r.u32()? as usize;
        let chars = r.u32s(n)?;
        let ends = r.u32s(n)?;
        let len = if n == 0 { 0 } else { ends.get(n - 1) as usize };
        Some(Some(ReadingTable { chars, ends, stream: r.take(len)? }))
    }

    /// The readings of `c`, most frequent first (none where they do not read).
    fn of(&self, c: char) -> Option<Vec<String>> {
        let i = self.chars.search(u32::from(c))?;
        let start = if i == 0 { 0 } else { self.ends.get(i - 1) as usize };
        let mut r = Reader::new(self.stream.get(start..self.ends.get(i) as usize)?);
        let n = r.count(r.rest().len())?;
        (0..n)
            .map(|_| {
                let len = r.count(r.rest().len())?;
                Some(std::str::from_utf8(r.take(len)?).ok()?.to_owned())
            })
            .collect()
    }
}

/// One column's keys while building: an id per key in order of first use,
/// and the ids of each phrase seen (phrases repeat: a headword per gloss).
struct Interner<'k> {
    keys_of: &'k Keys<'k>,
    ids: HashMap<String, u32>,
    phrases: HashMap<String, Option<Vec<u32>>>,
}

impl<'k> Interner<'k> {
    fn new(keys_of: &'k Keys<'k>) -> Interner<'k> {
        Interner { keys_of, ids: HashMap::new(), phrases: HashMap::new() }
    }

    fn phrase(&mut self, phrase: &str) -> Option<Vec<u32>> {
        if let Some(ids) = self.phrases.get(phrase) {
            return ids.clone();
        }
        let ids = (self.keys_of)(phrase).filter(|k| (1..=usize::from(u8::MAX)).contains(&k.len())).map(|keys| {
            keys.into_iter()
                .map(|k| {
                    let next = self.ids.len() as u32;
                    *self.ids.entry(k).or_insert(next)
                })
                .collect()
        });
        self.phrases.insert(phrase.to_owned(), ids.clone());
        ids
    }

    /// The keys sorted, and each first-use id's place among them.
    fn sorted(self) -> (Vec<String>, Vec<u32>) {
        let mut keys: Vec<(String, u32)> = self.ids.into_iter().collect();
        keys.sort_unstable();
        let mut place = vec![0; keys.len()];
        for (i, (_, id)) in keys.iter().enumerate() {
            place[*id as usize] = i as u32;
        }
        (keys.into_iter().map(|(k, _)| k).collect(), place)
    }
}

fn encode(lexicon: &Lexicon, src_keys: &Keys, tgt_keys: &Keys, readings: Option<&Readings>) -> Vec<u8> {
    let (mut src, mut tgt) = (Interner::new(src_keys), Interner::new(tgt_keys));
    let mut entries: Vec<(Vec<u32>, Vec<u32>)> = Vec::new();
    for (a, b) in &lexicon.entries {
        let Some(s) = src.phrase(a) else { continue };
        let Some(t) = tgt.phrase(b) else { continue };
        entries.push((s, t));
    }
    let (src_keys, src_place) = src.sorted();
    let (tgt_keys, tgt_place) = tgt.sorted();
    let mut groups: Vec<Vec<u32>> = vec![Vec::new(); src_keys.len()];
    for (number, (s, _)) in entries.iter().enumerate() {
        groups[src_place[s[0] as usize] as usize].push(number as u32);
    }
    let mut stream = Writer::default();
    let mut starts = Vec::with_capacity(groups.len() + 1);
    for group in &groups {
        starts.push(offset(stream.written()));
        let mut last = None;
        for &number in group {
            let (s, t) = &entries[number as usize];
            stream.varint(u64::from(last.map_or(number, |last| number - last)));
            last = Some(number);
            stream.varint(s.len() as u64);
            stream.varint(t.len() as u64);
            for &id in &s[1..] {
                stream.varint(src_place[id as usize].into());
            }
            for &id in t {
                stream.varint(tgt_place[id as usize].into());
            }
        }
    }
    starts.push(offset(stream.written()));
    let mut w = Writer::default();
    for keys in [&src_keys, &tgt_keys] {
        w.u32(keys.len() as u32);
        let mut end = 0;
        for k in keys.iter() {
            end += k.len();
            w.u32(offset(end));
        }
        for k in keys.iter() {
            w.bytes(k.as_bytes());
        }
    }
    for start in starts {
        w.u32(start);
    }
    w.bytes(&stream.into_bytes());
    match readings {
        None => w.u32(0),
        Some(readings) => {
            w.u32(1);
            let mut chars: Vec<(&char, &Vec<String>)> = readings.iter().collect();
            chars.sort_unstable();
            let mut stream = Writer::default();
            let mut ends = Vec::with_capacity(chars.len());
            for (_, list) in &chars {
                stream.varint(list.len() as u64);
                for r in list.iter() {
                    stream.varint(r.len() as u64);
                    stream.bytes(r.as_bytes());
                }
                ends.push(offset(stream.written()));
            }
            w.u32(chars.len() as u32);
            for (&c, _) in &chars {
                w.u32(c.into());
            }
            for end in ends {
                w.u32(end);
            }
            w.bytes(&stream.into_bytes());
        }
    }
    w.into_bytes()
}

/// A position in a table, which `u32`s address.
fn offset(at: usize) -> u32 {
    u32::try_from(at).expect("a keyed lexicon is smaller than 4 GiB")
}
