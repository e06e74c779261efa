//! Files computed from other files (the keyed lexicons, jieba's dictionary by
//! character) and kept, so that the next run reads them in one piece instead
//! of parsing the sources again.
//!
//! A cache is kept beside its source when that folder is trialign's own (a
//! data directory), else, or when that folder cannot be written, in
//! `${XDG_CACHE_HOME:-$HOME/.cache}/trialign` ([`user_dir`]) under a name
//! that tells sources of the same file name apart.
//!
//! A cache file is a header — magic, fingerprint, payload length, CRC-32 of
//! the payload — and the payload. The fingerprint is a SHA-256 of what the
//! payload depends on: the size and modification time of each source file
//! and the caller's `identity` (the format, the code that computes it, the
//! settings). A cache whose fingerprint, length or checksum does not match
//! is not read: the caller computes the payload again and replaces it.
//! Writing is atomic (a temporary file, then renamed), and a cache that
//! cannot be written anywhere is no error: the next run computes it again.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use sha2::{Digest, Sha256};

pub mod bytes;

/// The crates the cached content depends on (the gzip reader, the
/// stemmers, jieba) are those of this lock file: a cache made with other
/// versions is not valid.
pub const DEPENDENCIES: &str = include_str!("../../Cargo.lock");

const MAGIC: &[u8; 16] = b"trialign cache\x00\x01";
/// Magic, fingerprint (32), payload length (8), CRC-32 (4), padding (4).
const HEADER: usize = 16 + 32 + 8 + 4 + 4;
/// The name a cache file ends in.
const SUFFIX: &str = ".trialign-cache";

/// One cache file: where it may be, and the fingerprint it must have.
#[derive(Debug, Clone)]
pub struct Cache {
    /// Where it is looked for and written, in order.
    places: Vec<PathBuf>,
    fingerprint: [u8; 32],
}

impl Cache {
    /// The cache of `sources` (the first names it): beside it when `beside`,
    /// and in `user_dir`. `None` when a source cannot be examined: then
    /// reading the source fails too, with the error worth reporting.
    pub fn new(sources: &[&Path], identity: &[u8], beside: bool, user_dir: Option<&Path>) -> Option<Cache> {
        let first = sources.first()?;
        let name = first.file_name()?.to_string_lossy().into_owned();
        let mut hash = Sha256::new();
        hash.update(MAGIC);
        hash.update((identity.len() as u64).to_le_bytes());
        hash.update(identity);
        for source in sources {
            let meta = std::fs::metadata(source).ok()?;
            let modified = meta.modified().ok()?;
            let nanos = modified.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
            hash.update(meta.len().to_le_bytes());
            hash.update(nanos.to_le_bytes());
        }
        let mut places = Vec::new();
        if beside {
            places.push(first.with_file_name(format!("{name}{SUFFIX}")));
        }
        if let Some(dir) = user_dir {
            // The folder's hash keeps apart two sources of one file name.
            let folder = first.parent().map(|p| p.canonicalize().unwrap_or_else(|_| p.to_path_buf()));
            let folder = folder.unwrap_or_default();
            let tag = Sha256::digest(folder.as_os_str().as_encoded_bytes());
            let tag: String = tag[..6].iter().map(|b| format!("{b:02x}")).collect();
            places.push(dir.join(format!("{name}.{tag}{SUFFIX}")));
        }
        Some(Cache { places, fingerprint: hash.finalize().into() })
    }

    /// The payload of the first valid cache file, if any.
    pub fn read(&self) -> Option<Payload> {
        self.places.iter().find_map(|path| Payload::check(std::fs::read(path).ok()?, &self.fingerprint))
    }

    /// Writes the cache into the first place that takes it, and says where
    /// (`None`: nowhere, which only makes the next run slower).
    pub fn write(&self, payload: &[u8]) -> Option<&Path> {
        let mut header = Vec::with_capacity(HEADER);
        header.extend_from_slice(MAGIC);
        header.extend_from_slice(&self.fingerprint);
        header.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        header.extend_from_slice(&crc32fast::hash(payload).to_le_bytes());
        header.extend_from_slice(&[0; 4]);
        self.places.iter().find(|path| write_atomically(path, &header, payload).is_ok()).map(PathBuf::as_path)
    }

    /// Where the cache is looked for, in order.
    #[cfg(test)]
    pub fn places(&self) -> &[PathBuf] {
        &self.places
    }
}

fn write_atomically(path: &Path, header: &[u8], payload: &[u8]) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let dir = path.parent().ok_or(std::io::ErrorKind::InvalidInput)?;
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".trialign-cache.")
        // Readable like the lexicon beside it, not tempfile's private 0600.
        .permissions(std::fs::Permissions::from_mode(0o644))
        .tempfile_in(dir)?;
    tmp.write_all(header)?;
    tmp.write_all(payload)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The payload of a cache file, checked against its header.
pub struct Payload(Vec<u8>);

impl Payload {
    fn check(file: Vec<u8>, fingerprint: &[u8; 32]) -> Option<Payload> {
        let header = file.get(..HEADER)?;
        let length = u64::from_le_bytes(header[48..56].try_into().ok()?);
        let crc = u32::from_le_bytes(header[56..60].try_into().ok()?);
        let payload = &file[HEADER..];
        let valid = &header[..16] == MAGIC
            && &header[16..48] == fingerprint
            && length == payload.len() as u64
            && crc32fast::hash(payload) == crc;
        valid.then_some(Payload(file))
    }

    pub fn bytes(&self) -> &[u8] {
        &self.0[HEADER..]
    }
}

/// `${XDG_CACHE_HOME:-$HOME/.cache}/trialign`, from the environment.
pub fn user_dir() -> Option<PathBuf> {
    user_dir_from(std::env::var_os("XDG_CACHE_HOME"), std::env::var_os("HOME"))
}

/// [`user_dir`] for given values of `XDG_CACHE_HOME` and `HOME` (empty
/// values count as unset).
pub fn user_dir_from(xdg_cache_home: Option<OsString>, home: Option<OsString>) -> Option<PathBuf> {
    let set = |v: Option<OsString>| v.filter(|v| !v.is_empty()).map(PathBuf::from);
    let base = set(xdg_cache_home).or_else(|| set(home).map(|h| h.join(".cache")))?;
    Some(base.join("trialign"))
}

#[cfg(test)]
mod tests;
