//! Tests on the miniature files of `tests/fixtures/lexicon/`, and one on the
//! real lexicons when this machine has them.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lexicon").join(name)
}

fn has(lexicon: &Lexicon, src: &str, tgt: &str) -> bool {
    lexicon.entries.iter().any(|(s, t)| s == src && t == tgt)
}

fn targets<'a>(lexicon: &'a Lexicon, src: &str) -> Vec<&'a str> {
    lexicon.entries.iter().filter(|(s, _)| s == src).map(|(_, t)| t.as_str()).collect()
}

#[test]
fn cedict_entries_both_scripts_cleaned() {
    let (lex, _) = read_cedict(&fixture("zh-en-miniature.txt")).unwrap();
    assert_eq!((lex.name.as_str(), lex.src.as_str(), lex.tgt.as_str()), ("CC-CEDICT", "zh", "en"));
    assert_eq!(targets(&lex, "传统"), ["custom handed down", "traditional"]);
    assert_eq!(targets(&lex, "傳統"), ["custom handed down", "traditional"]);
    assert_eq!(targets(&lex, "银行"), ["bank"], "classifiers dropped");
    assert_eq!(targets(&lex, "普京"), ["Vladimir Putin", "Putin"]);
    assert_eq!(targets(&lex, "习近平"), ["Xi Jinping"]);
    assert_eq!(targets(&lex, "习"), ["Xi", "train", "learn", "custom"]);
    assert_eq!(targets(&lex, "吕"), ["Lü"]);
    assert_eq!(targets(&lex, "欧洲"), ["Europe"]);
    assert_eq!(targets(&lex, "的"), ["taxi", "cab"]);
    assert_eq!(targets(&lex, "哪儿"), ["where", "anywhere"]);
    assert_eq!(targets(&lex, "见风转舵"), ["bend with the times"], "the literal sense is dropped");
    assert!(targets(&lex, "糊口").is_empty() && targets(&lex, "餬口").is_empty(), "variant entries give nothing");
    // Same simplified and traditional: one entry, not two.
    assert_eq!(lex.entries.iter().filter(|(s, t)| s == "普京" && t == "Putin").count(), 1);
}

#[test]
fn cedict_readings() {
    let (_, readings) = read_cedict(&fixture("zh-en-miniature.txt")).unwrap();
    for (c, r) in [
        ('习', "xi"),
        ('習', "xi"),
        ('近', "jin"),
        ('平', "ping"),
        ('吕', "lu"),
        ('儿', "er"),
        ('兒', "er"),
        ('行', "hang"),
    ] {
        assert_eq!(readings.get(&c).map(|v| v[0].as_str()), Some(r), "{c}");
    }
    assert_eq!(readings[&'习'], ["xi"], "Xi2 and xi2 are one reading");
    assert_eq!(readings[&'儿'], ["er"], "the erhua r5 is not a reading");
    assert_eq!(readings[&'哪'], ["na"]);
}

#[test]
fn cedict_malformed_line_is_an_error_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cedict.txt");
    std::fs::write(&path, "# c\n近 近 [jin4] /near/\n平 平 [ping2 /flat/\n").unwrap();
    let err = read_cedict(&path).unwrap_err();
    assert!(matches!(err, LexiconError::Malformed { line: 3, .. }), "{err:?}");
    assert!(err.to_string().contains("cedict.txt"), "{err}");
}

#[test]
fn cedict_gzip_and_bad_gzip() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let gz = dir.path().join("cedict.txt.gz");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(&std::fs::read(fixture("zh-en-miniature.txt")).unwrap()).unwrap();
    std::fs::write(&gz, enc.finish().unwrap()).unwrap();
    let (lex, _) = read_cedict(&gz).unwrap();
    assert!(has(&lex, "普京", "Putin"));
    std::fs::write(&gz, b"not gzip at all").unwrap();
    let err = read_cedict(&gz).unwrap_err();
    assert!(matches!(err, LexiconError::Corrupt { .. }) && err.to_string().contains("cedict.txt.gz"), "{err}");
}

#[test]
fn dictd_index_points_into_the_dictionary() {
    let d = read_dictd(&fixture("mini.index"), &fixture("mini.dict.dz")).unwrap();
    assert_eq!(d.articles.len(), 9);
    let i = d.articles.iter().position(|(h, _)| h == "apple").unwrap();
    assert!(d.article(i).starts_with("apple\n   [↗æpl] _n. яблоко"));
}

#[test]
fn mueller_entries_from_miniature() {
    let lex = read_mueller(&fixture("mini.index"), &fixture("mini.dict.dz")).unwrap();
    assert_eq!((lex.name.as_str(), lex.src.as_str(), lex.tgt.as_str()), ("Müller 7", "en", "ru"));
    assert_eq!(targets(&lex, "apple"), ["яблоко", "яблоня"]);
    assert_eq!(targets(&lex, "bank"), ["берег", "вираж", "делать вираж", "банк"]);
    assert_eq!(
        targets(&lex, "run"),
        ["бег", "пробежка", "рейс", "маршрут", "бегать", "бежать", "управлять", "течь", "литься"]
    );
    assert_eq!(targets(&lex, "mother of pearl"), ["перламутр"]);
    assert_eq!(targets(&lex, "northeast"), ["северо-восток"]);
    assert!(targets(&lex, "'cause").is_empty() && targets(&lex, "went").is_empty());
    assert!(lex.entries.iter().all(|(s, _)| !s.starts_with("00")), "meta entries skipped");
}

#[test]
fn dictd_plain_dictionary_reads_too() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = gunzip(&fixture("mini.dict.dz"), &std::fs::read(fixture("mini.dict.dz")).unwrap()).unwrap();
    let plain = dir.path().join("mini.dict");
    std::fs::write(&plain, bytes).unwrap();
    let lex = read_mueller(&fixture("mini.index"), &plain).unwrap();
    assert!(has(&lex, "apple", "яблоко"));
}

#[test]
fn dictd_bad_index_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("bad.index");
    std::fs::write(&index, "apple\tCD\tBe\nbeyond\t////\tB\n").unwrap();
    let err = read_dictd(&index, &fixture("mini.dict.dz")).unwrap_err();
    assert!(matches!(err, LexiconError::Malformed { line: 2, .. }), "{err:?}");
    assert!(err.to_string().contains("bad.index"), "{err}");
    std::fs::write(&index, "apple\tC-D\tBe\n").unwrap();
    assert!(matches!(read_dictd(&index, &fixture("mini.dict.dz")), Err(LexiconError::Malformed { line: 1, .. })));
    std::fs::write(&index, "apple CD Be\n").unwrap();
    assert!(matches!(read_dictd(&index, &fixture("mini.dict.dz")), Err(LexiconError::Malformed { line: 1, .. })));
    let missing = dir.path().join("none.dict.dz");
    let err = read_dictd(&fixture("mini.index"), &missing).unwrap_err();
    assert!(matches!(err, LexiconError::Io { .. }) && err.to_string().contains("none.dict.dz"), "{err}");
}

#[test]
fn tsv_reads_phrases_skips_comments_and_bom() {
    let lex = read_tsv(&fixture("user.tsv"), "en", "ru").unwrap();
    assert_eq!(lex.name, "user.tsv");
    assert_eq!(
        lex.entries,
        [
            ("bank".into(), "банк".into()),
            ("high school".into(), "старшая школа".into()),
            ("Putin".into(), "Путин".into())
        ]
    );
}

#[test]
fn tsv_malformed_line_names_file_and_line() {
    let err = read_tsv(&fixture("bad.tsv"), "en", "ru").unwrap_err();
    assert!(matches!(err, LexiconError::Malformed { line: 3, .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains("bad.tsv") && msg.contains("line 3"), "{msg}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.tsv");
    for bad in ["a\t\n", "a\tb\tc\n", "\tb\n"] {
        std::fs::write(&path, bad).unwrap();
        assert!(matches!(read_tsv(&path, "en", "ru"), Err(LexiconError::Malformed { line: 1, .. })), "{bad:?}");
    }
    std::fs::write(&path, b"a\tb\nc\t\xff\n").unwrap();
    assert!(matches!(read_tsv(&path, "en", "ru"), Err(LexiconError::Malformed { line: 2, .. })));
}

/// A data directory laid out as `scripts/setup.sh` installs it, from the fixtures.
fn data_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let put = |name: &str, from: PathBuf| {
        let to = dir.path().join(name);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(from, to).unwrap();
    };
    put(CEDICT_FILE, fixture("zh-en-miniature.txt"));
    put(JIEBA_DICT_FILE, fixture("user.tsv"));
    put(&format!("{MUELLER_DIR}/{MUELLER_INDEX}"), fixture("mini.index"));
    put(&format!("{MUELLER_DIR}/{MUELLER_DICT}"), fixture("mini.dict.dz"));
    dir
}

#[test]
fn find_finds_what_the_languages_need() {
    let dir = data_dir();
    let dirs = [PathBuf::from("/nonexistent/trialign"), dir.path().to_path_buf()];
    let dictd = [dir.path().join(MUELLER_DIR), PathBuf::from("/nonexistent/dictd")];
    let names = |f: &Found| f.sources.iter().map(|s| s.name()).collect::<Vec<_>>();

    let f = find_in(&dirs, &dictd, &["en", "ru", "zh-Hans"]).unwrap();
    assert_eq!(names(&f), ["CC-CEDICT", "Müller 7"]);
    assert_eq!(f.sources[0].kind, SourceKind::Cedict(dir.path().join(CEDICT_FILE)));
    assert_eq!(f.sources[1].path(), dir.path().join(MUELLER_DIR).join(MUELLER_DICT));
    assert!(f.sources.iter().all(|s| s.in_data_dir));
    assert_eq!(f.jieba_dict, Some(dir.path().join(JIEBA_DICT_FILE)));

    let f = find_in(&dirs, &dictd, &["EN", "de"]).unwrap();
    assert!(f.sources.is_empty() && f.jieba_dict.is_none());
    let f = find_in(&dirs, &dictd, &["ru", "en"]).unwrap();
    assert_eq!(names(&f), ["Müller 7"]);
    assert_eq!(f.sources[0].langs(), ("en", "ru"));
    // Müller outside the data directories (a system package): its cache goes elsewhere.
    let f = find_in(&dirs[..1], &dictd, &["ru", "en"]).unwrap();
    assert!(!f.sources[0].in_data_dir);
}

#[test]
fn find_with_nothing_installed_is_empty_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let f = find_in(&[dir.path().to_path_buf()], &[dir.path().join(MUELLER_DIR)], &["en", "ru", "zh"]).unwrap();
    assert!(f.sources.is_empty() && f.jieba_dict.is_none());
}

#[test]
fn find_reports_a_broken_installation() {
    let dir = data_dir();
    std::fs::remove_file(dir.path().join(MUELLER_DIR).join(MUELLER_DICT)).unwrap();
    let err = find_in(&[], &[dir.path().join(MUELLER_DIR)], &["en", "ru"]).unwrap_err();
    assert!(err.to_string().contains(MUELLER_INDEX), "{err}");
    std::fs::write(dir.path().join(CEDICT_FILE), "garbage\n").unwrap();
    let f = find_in(&[dir.path().to_path_buf()], &[], &["zh"]).unwrap();
    let err = f.sources[0].read().unwrap_err();
    assert!(matches!(err, LexiconError::Malformed { line: 1, .. }), "{err:?}");
    let user = tempfile::tempdir().unwrap();
    let err = load(&f.sources[0], user.path(), &|| panic!("nothing to key")).unwrap_err();
    assert!(matches!(err, LexiconError::Malformed { line: 1, .. }), "{err:?}");
}

#[test]
fn data_dirs_follow_the_environment() {
    let s = |v: &str| Some(std::ffi::OsString::from(v));
    assert_eq!(data_dirs_from(s("/d"), s("/x"), s("/h")), [PathBuf::from("/d")]);
    assert_eq!(data_dirs_from(s(""), s("/x"), s("/h")), [PathBuf::from("lexicons"), PathBuf::from("/x/trialign")]);
    assert_eq!(
        data_dirs_from(None, None, s("/h")),
        [PathBuf::from("lexicons"), PathBuf::from("/h/.local/share/trialign")]
    );
    assert_eq!(data_dirs_from(None, None, None), [PathBuf::from("lexicons")]);
}

/// The real CC-CEDICT and Müller, where installed (`scripts/setup.sh`,
/// `apt-get install mueller7-dict`): they parse whole, quickly enough, and
/// give the entries the aligner relies on.
#[test]
fn real_lexicons_when_installed() {
    let dirs = data_dirs();
    match dirs.iter().map(|d| d.join(CEDICT_FILE)).find(|p| p.is_file()) {
        None => eprintln!("notice: CC-CEDICT not installed (scripts/setup.sh); real-file test skipped"),
        Some(path) => {
            let start = Instant::now();
            let (lex, readings) = read_cedict(&path).unwrap();
            eprintln!(
                "CC-CEDICT: {} entries, readings of {} characters, {:?}",
                lex.entries.len(),
                readings.len(),
                start.elapsed()
            );
            assert!(lex.entries.len() > 200_000);
            assert!(has(&lex, "普京", "Putin") && has(&lex, "习近平", "Xi Jinping") && has(&lex, "传统", "tradition"));
            assert!(has(&lex, "习", "Xi"));
            assert_eq!(readings[&'习'][0], "xi");
            assert_eq!(readings[&'近'][0], "jin");
            assert_eq!(readings[&'平'][0], "ping");
            assert!(lex.entries.iter().all(|(_, g)| !g.starts_with("CL:") && !g.contains("variant of")));
        }
    }
    let dictd: Vec<PathBuf> =
        dirs.iter().map(|d| d.join(MUELLER_DIR)).chain([PathBuf::from(SYSTEM_DICTD_DIR)]).collect();
    match find_in(&[], &dictd, &["en", "ru"]).unwrap().sources.pop() {
        None => eprintln!("notice: Müller not installed (apt-get install mueller7-dict); real-file test skipped"),
        Some(_) => {
            let index = dictd.iter().map(|d| d.join(MUELLER_INDEX)).find(|p| p.is_file()).unwrap();
            let start = Instant::now();
            let lex = read_mueller(&index, &index.with_file_name(MUELLER_DICT)).unwrap();
            let heads: std::collections::HashSet<&str> = lex.entries.iter().map(|(s, _)| s.as_str()).collect();
            eprintln!("Müller: {} entries for {} headwords, {:?}", lex.entries.len(), heads.len(), start.elapsed());
            assert!(heads.len() > 35_000);
            for (en, ru) in [("dog", "собака"), ("house", "дом"), ("president", "президент"), ("table", "стол")]
            {
                assert!(has(&lex, en, ru), "{en} → {ru}");
            }
            assert!(lex.entries.iter().all(|(_, g)| !has_latin_letter(g)));
        }
    }
}

fn has_latin_letter(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_alphabetic())
}

/// Keys for the tests of keyed lexicons: lower-case words, up to three.
fn words(phrase: &str) -> Option<Vec<String>> {
    let words: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
    (1..=3).contains(&words.len()).then_some(words)
}

/// The entries a keyed lexicon matches when every key is known, as keys.
fn all_entries(keyed: &KeyedLexicon, lexicon: &Lexicon) -> Vec<(Vec<String>, Vec<String>)> {
    let mut src: Vec<String> = lexicon.entries.iter().filter_map(|(s, _)| words(s)).flatten().collect();
    let mut tgt: Vec<String> = lexicon.entries.iter().filter_map(|(_, t)| words(t)).flatten().collect();
    src.sort();
    src.dedup();
    tgt.sort();
    tgt.dedup();
    let ids = |keys: &[String]| keys.iter().enumerate().map(|(i, k)| (k.clone(), i as u32)).collect::<Vec<_>>();
    let (src_ids, tgt_ids) = (ids(&src), ids(&tgt));
    let mut out = Vec::new();
    keyed.matches(
        src_ids.iter().map(|(k, i)| (k.as_str(), *i)),
        tgt_ids.iter().map(|(k, i)| (k.as_str(), *i)),
        |s, t| {
            let keys = |table: &[String], ids: &[u32]| ids.iter().map(|&i| table[i as usize].clone()).collect();
            out.push((keys(&src, s), keys(&tgt, t)));
        },
    );
    out
}

/// What [`all_entries`] must give: every entry with keys on both sides, in order.
fn expected_entries(lexicon: &Lexicon) -> Vec<(Vec<String>, Vec<String>)> {
    lexicon.entries.iter().filter_map(|(s, t)| Some((words(s)?, words(t)?))).collect()
}

/// [`load_keyed`] with [`words`] for both columns and `user` as the user's
/// cache directory; `called` is called when the source had to be keyed.
fn load(source: &Source, user: &Path, called: &dyn Fn()) -> Result<KeyedLexicon, LexiconError> {
    let keying = Keying { identity: b"test words".to_vec(), files: Vec::new() };
    load_keyed(source, &keying, Some(user), || {
        called();
        Ok::<_, LexiconError>((Box::new(words) as Box<Keys>, Box::new(words) as Box<Keys>))
    })
}

#[test]
fn keyed_entries_keep_their_order_and_repeated_words() {
    let lexicon = Lexicon {
        name: "t".into(),
        path: "t.tsv".into(),
        src: "en".into(),
        tgt: "ru".into(),
        entries: [
            ("bye bye", "пока"),
            ("bank", "берег"),
            ("a b c d", "слишком длинно"),
            ("bank", "банк"),
            ("river bank", "берег реки"),
            ("bank", "берег"),
            ("apple", "яблоко"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .to_vec(),
    };
    let keyed = KeyedLexicon::build(&lexicon, &words, &words, None);
    assert_eq!(all_entries(&keyed, &lexicon), expected_entries(&lexicon));
    assert_eq!(expected_entries(&lexicon)[0].0, ["bye", "bye"]);
    // Only the entries whose words are all known, and in the caller's ids.
    let mut got = Vec::new();
    keyed.matches([("bank", 7), ("river", 8), ("apple", 9)], [("берег", 1), ("банк", 2)], |s, t| {
        got.push((s.to_vec(), t.to_vec()))
    });
    assert_eq!(got, [(vec![7], vec![1]), (vec![7], vec![2]), (vec![7], vec![1])]);
    assert!(keyed.readings("x".chars()).is_none());
}

#[test]
fn keyed_miniatures_match_every_entry() {
    let (cedict, readings) = read_cedict(&fixture("zh-en-miniature.txt")).unwrap();
    let keyed = KeyedLexicon::build(&cedict, &words, &words, Some(&readings));
    assert_eq!(all_entries(&keyed, &cedict), expected_entries(&cedict));
    let kept = keyed.readings("习平吕x".chars()).unwrap();
    assert_eq!(kept.len(), 3);
    assert_eq!((kept[&'习'].clone(), kept[&'吕'].clone()), (readings[&'习'].clone(), readings[&'吕'].clone()));
    let mueller = read_mueller(&fixture("mini.index"), &fixture("mini.dict.dz")).unwrap();
    let keyed = KeyedLexicon::build(&mueller, &words, &words, None);
    assert_eq!(all_entries(&keyed, &mueller), expected_entries(&mueller));
    assert!(!expected_entries(&mueller).is_empty());
}

/// The cache files in a folder.
fn caches(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut found: Vec<PathBuf> =
        entries.map(|e| e.unwrap().path()).filter(|p| p.to_string_lossy().ends_with(".trialign-cache")).collect();
    found.sort();
    found
}

#[test]
fn a_cache_is_written_beside_a_data_directory_lexicon_and_read_back() {
    let dir = data_dir();
    let user = tempfile::tempdir().unwrap();
    let found = find_in(&[dir.path().to_path_buf()], &[dir.path().join(MUELLER_DIR)], &["en", "ru", "zh"]).unwrap();
    for source in &found.sources {
        let (lexicon, readings) = source.read().unwrap();
        let keyed = load(source, user.path(), &|| {}).unwrap();
        assert_eq!((keyed.name.as_str(), keyed.path.as_path()), (source.name(), source.path()));
        assert_eq!((keyed.src.as_str(), keyed.tgt.as_str()), source.langs());
        assert_eq!(caches(source.path().parent().unwrap()).len(), 1, "beside {}", source.path().display());
        let cached = load(source, user.path(), &|| panic!("read from the cache, not keyed again")).unwrap();
        assert_eq!(cached.payload(), keyed.payload());
        assert_eq!(all_entries(&cached, &lexicon), expected_entries(&lexicon));
        assert_eq!(cached.readings("习近平".chars()).is_some(), readings.is_some());
    }
    assert!(caches(user.path()).is_empty(), "nothing in the user's cache directory");
}

#[test]
fn a_changed_source_is_keyed_again() {
    let dir = data_dir();
    let user = tempfile::tempdir().unwrap();
    let found = find_in(&[dir.path().to_path_buf()], &[], &["zh"]).unwrap();
    let source = &found.sources[0];
    let before = load(source, user.path(), &|| {}).unwrap();
    let path = dir.path().join(CEDICT_FILE);
    let text = std::fs::read_to_string(&path).unwrap();
    // Longer: its size changes.
    std::fs::write(&path, format!("{text}新 新 [xin1] /new/\n")).unwrap();
    let called = std::cell::Cell::new(false);
    let after = load(source, user.path(), &|| called.set(true)).unwrap();
    assert!(called.get(), "the stale cache was not used");
    assert!(all_entries(&after, &source.read().unwrap().0).iter().any(|(s, t)| s == &["新"] && t == &["new"]));
    assert_ne!(after.payload(), before.payload());
    // The same size, another modification time: keyed again too.
    let mtime = std::fs::metadata(&path).unwrap().modified().unwrap();
    std::fs::write(&path, format!("{text}新 新 [xin1] /old/\n")).unwrap();
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(mtime + std::time::Duration::from_secs(7)).unwrap();
    let called = std::cell::Cell::new(false);
    let again = load(source, user.path(), &|| called.set(true)).unwrap();
    assert!(called.get(), "same size, new time");
    assert!(all_entries(&again, &source.read().unwrap().0).iter().any(|(s, t)| s == &["新"] && t == &["old"]));
    let cached = load(source, user.path(), &|| panic!("the new cache serves")).unwrap();
    assert_eq!(cached.payload(), again.payload());
}

#[test]
fn a_corrupt_cache_is_built_again() {
    let dir = data_dir();
    let user = tempfile::tempdir().unwrap();
    let found = find_in(&[], &[dir.path().join(MUELLER_DIR)], &["en", "ru"]).unwrap();
    let source = Source { in_data_dir: true, ..found.sources[0].clone() };
    let good = load(&source, user.path(), &|| {}).unwrap();
    let cache = caches(&dir.path().join(MUELLER_DIR)).pop().unwrap();
    let bytes = std::fs::read(&cache).unwrap();
    let mut flipped = bytes.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x10;
    for corrupt in [flipped, bytes[..bytes.len() - 3].to_vec(), b"not a cache".to_vec(), Vec::new()] {
        std::fs::write(&cache, &corrupt).unwrap();
        let called = std::cell::Cell::new(false);
        let keyed = load(&source, user.path(), &|| called.set(true)).unwrap();
        assert!(called.get(), "a corrupt cache is not read");
        assert_eq!(keyed.payload(), good.payload());
        assert_eq!(std::fs::read(&cache).unwrap(), bytes, "and it is replaced");
    }
}

#[test]
fn without_a_writable_folder_beside_it_the_cache_goes_to_the_users() {
    let dir = data_dir();
    let user = tempfile::tempdir().unwrap();
    let found = find_in(&[dir.path().to_path_buf()], &[], &["zh"]).unwrap();
    let source = &found.sources[0];
    // A folder where the cache file would go: it cannot be replaced.
    let beside = dir.path().join(format!("{CEDICT_FILE}.trialign-cache"));
    std::fs::create_dir_all(beside.join("x")).unwrap();
    let keyed = load(source, user.path(), &|| {}).unwrap();
    assert_eq!(caches(user.path()).len(), 1);
    let cached = load(source, user.path(), &|| panic!("the user's cache serves")).unwrap();
    assert_eq!(cached.payload(), keyed.payload());
    // Not in a data directory (a system package): only the user's cache.
    let system = Source { in_data_dir: false, ..source.clone() };
    let elsewhere = tempfile::tempdir().unwrap();
    load(&system, elsewhere.path(), &|| {}).unwrap();
    assert_eq!(caches(elsewhere.path()).len(), 1);
    assert!(beside.join("x").is_dir());
    // Nowhere to write: no error, the source is keyed every time.
    let nowhere = user.path().join("file");
    std::fs::write(&nowhere, "").unwrap();
    for _ in 0..2 {
        let called = std::cell::Cell::new(false);
        let keyed = load(&system, &nowhere.join("trialign"), &|| called.set(true)).unwrap();
        assert!(called.get());
        assert_eq!(keyed.payload(), cached.payload());
    }
}

#[test]
fn a_cache_is_only_valid_for_the_same_keys() {
    let dir = data_dir();
    let user = tempfile::tempdir().unwrap();
    let found = find_in(&[dir.path().to_path_buf()], &[], &["zh"]).unwrap();
    let source = &found.sources[0];
    load(source, user.path(), &|| {}).unwrap();
    let other = Keying { identity: b"other words".to_vec(), files: Vec::new() };
    let called = std::cell::Cell::new(false);
    load_keyed(source, &other, Some(user.path()), || {
        called.set(true);
        Ok::<_, LexiconError>((Box::new(words) as Box<Keys>, Box::new(words) as Box<Keys>))
    })
    .unwrap();
    assert!(called.get(), "other tokenizer settings: keyed again");
    // A file the keys depend on (jieba's dictionary) that changes.
    let dict = dir.path().join(JIEBA_DICT_FILE);
    let with_file = Keying { identity: b"other words".to_vec(), files: vec![dict.clone()] };
    let key = |called: &std::cell::Cell<bool>| {
        load_keyed(source, &with_file, Some(user.path()), || {
            called.set(true);
            Ok::<_, LexiconError>((Box::new(words) as Box<Keys>, Box::new(words) as Box<Keys>))
        })
        .unwrap()
    };
    let called = std::cell::Cell::new(false);
    key(&called);
    assert!(called.get());
    let called = std::cell::Cell::new(false);
    key(&called);
    assert!(!called.get(), "unchanged");
    std::fs::write(&dict, "习近平 100 nr\n").unwrap();
    key(&called);
    assert!(called.get(), "the dictionary changed");
}
