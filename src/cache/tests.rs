use std::path::{Path, PathBuf};
use std::time::Duration;

use super::*;

/// A source file in a folder of its own, and a user cache directory.
fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("data").join("source.txt");
    std::fs::create_dir_all(source.parent().unwrap()).unwrap();
    std::fs::write(&source, "the source\n").unwrap();
    let user = dir.path().join("user-cache");
    (dir, source, user)
}

fn cache(source: &Path, user: &Path) -> Cache {
    Cache::new(&[source], b"test v1", true, Some(user)).unwrap()
}

#[test]
fn a_written_cache_reads_back() {
    let (_dir, source, user) = setup();
    let c = cache(&source, &user);
    assert!(c.read().is_none(), "nothing written yet");
    let written = c.write(b"payload bytes").unwrap().to_path_buf();
    assert_eq!(written, source.with_file_name("source.txt.trialign-cache"), "beside the source first");
    assert_eq!(c.read().unwrap().bytes(), b"payload bytes");
    assert_eq!(cache(&source, &user).read().unwrap().bytes(), b"payload bytes", "another run reads it");
    assert_eq!(Cache::new(&[&source], b"test v1", true, None).unwrap().read().unwrap().bytes(), b"payload bytes");
    assert!(c.write(b"").is_some());
    assert_eq!(c.read().unwrap().bytes(), b"", "an empty payload is one too");
}

#[test]
fn another_identity_or_a_changed_source_does_not_read_it() {
    let (_dir, source, user) = setup();
    cache(&source, &user).write(b"old").unwrap();
    assert!(Cache::new(&[&source], b"test v2", true, Some(&user)).unwrap().read().is_none());
    std::fs::write(&source, "the source, changed\n").unwrap();
    assert!(cache(&source, &user).read().is_none(), "another size");
    cache(&source, &user).write(b"new").unwrap();
    let file = std::fs::File::options().write(true).open(&source).unwrap();
    file.set_modified(std::time::SystemTime::now() + Duration::from_secs(60)).unwrap();
    assert!(cache(&source, &user).read().is_none(), "another modification time");
    // Every source counts.
    let second = source.with_file_name("second.txt");
    std::fs::write(&second, "2").unwrap();
    let both = Cache::new(&[&source, &second], b"test v1", true, Some(&user)).unwrap();
    both.write(b"both").unwrap();
    assert_eq!(both.read().unwrap().bytes(), b"both");
    std::fs::write(&second, "22").unwrap();
    assert!(Cache::new(&[&source, &second], b"test v1", true, Some(&user)).unwrap().read().is_none());
    assert!(Cache::new(&[&source.with_file_name("missing")], b"x", true, Some(&user)).is_none());
}

#[test]
fn a_damaged_cache_is_not_read() {
    let (_dir, source, user) = setup();
    let c = cache(&source, &user);
    let path = c.write(&[7; 1000]).unwrap().to_path_buf();
    let good = std::fs::read(&path).unwrap();
    let mut flipped = good.clone();
    flipped[HEADER + 500] ^= 1;
    let mut longer = good.clone();
    longer.push(7);
    for bad in [flipped, longer, good[..good.len() - 1].to_vec(), good[..HEADER - 1].to_vec(), Vec::new()] {
        std::fs::write(&path, &bad).unwrap();
        assert!(c.read().is_none(), "{} bytes", bad.len());
    }
    std::fs::write(&path, &good).unwrap();
    assert!(c.read().is_some());
}

#[test]
fn where_the_folder_beside_is_not_writable_the_users_cache_is_used() {
    let (_dir, source, user) = setup();
    let c = cache(&source, &user);
    // A folder in the way of the cache file beside the source.
    std::fs::create_dir_all(source.with_file_name("source.txt.trialign-cache").join("x")).unwrap();
    let written = c.write(b"elsewhere").unwrap().to_path_buf();
    assert!(written.starts_with(&user), "{}", written.display());
    assert_eq!(c.read().unwrap().bytes(), b"elsewhere");
    // Not beside the source at all: the user's cache only.
    let apart = Cache::new(&[&source], b"test v1", false, Some(&user)).unwrap();
    assert_eq!(apart.places(), std::slice::from_ref(&written));
    // Nowhere writable: no error, nothing written.
    let file = user.join("a file");
    std::fs::write(&file, "").unwrap();
    let nowhere = Cache::new(&[&source], b"test v1", false, Some(&file.join("trialign"))).unwrap();
    assert!(nowhere.write(b"lost").is_none());
    assert!(nowhere.read().is_none());
}

#[test]
fn sources_of_one_name_in_two_folders_have_two_user_caches() {
    let (dir, source, user) = setup();
    let other = dir.path().join("other").join("source.txt");
    std::fs::create_dir_all(other.parent().unwrap()).unwrap();
    std::fs::write(&other, "the source\n").unwrap();
    let a = Cache::new(&[&source], b"t", false, Some(&user)).unwrap();
    let b = Cache::new(&[&other], b"t", false, Some(&user)).unwrap();
    assert_ne!(a.places(), b.places());
    assert!(a.places()[0].file_name().unwrap().to_string_lossy().starts_with("source.txt."));
}

#[test]
fn the_user_cache_directory_follows_the_environment() {
    let s = |v: &str| Some(std::ffi::OsString::from(v));
    assert_eq!(user_dir_from(s("/x"), s("/h")), Some(PathBuf::from("/x/trialign")));
    assert_eq!(user_dir_from(s(""), s("/h")), Some(PathBuf::from("/h/.cache/trialign")));
    assert_eq!(user_dir_from(None, s("/h")), Some(PathBuf::from("/h/.cache/trialign")));
    assert_eq!(user_dir_from(None, None), None);
}
