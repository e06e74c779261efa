//! `align` and `segment` on corpora/statement (en, ru, zh): the alignments
//! equal the gold, and every output file is well formed and consistent.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;
use tempfile::TempDir;

/// Aligns en.txt with ru.txt and zh.txt into a fresh temporary folder.
fn align_statement(langs: bool) -> TempDir {
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("out");
    let mut args = vec![
        statement("en.txt").into_os_string(),
        statement("ru.txt").into_os_string(),
        statement("zh.txt").into_os_string(),
        "-o".into(),
        out.into_os_string(),
    ];
    if langs {
        args.extend(["--langs".into(), "en,ru,zh".into()]);
    }
    let mut all = vec!["align".into()];
    all.extend(args);
    ok(all);
    tmp
}

fn out(tmp: &TempDir) -> std::path::PathBuf {
    tmp.path().join("out")
}

/// The links of an `.align` file with the scores stripped.
fn links(path: &Path) -> Vec<String> {
    lines(path).iter().map(|l| split_score(l).0.to_string()).collect()
}

fn check_gold(dir: &Path) {
    for pair in ["en-ru", "en-zh"] {
        assert_eq!(
            links(&dir.join(format!("{pair}.align"))),
            lines(&statement(&format!("{pair}.gold"))),
            "{pair}.align differs from the gold"
        );
    }
}

#[test]
fn align_with_langs_equals_gold() {
    let tmp = align_statement(true);
    check_gold(&out(&tmp));
}

#[test]
fn align_with_detected_langs_equals_gold() {
    let tmp = align_statement(false);
    let dir = out(&tmp);
    check_gold(&dir);
    for f in ALIGN_FILES {
        assert!(dir.join(f).is_file(), "{f} missing with detected languages");
    }
}

#[test]
fn all_ten_files_and_nothing_else() {
    let tmp = align_statement(true);
    let mut found: Vec<String> =
        std::fs::read_dir(out(&tmp)).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    found.sort();
    let mut expected: Vec<String> = ALIGN_FILES.iter().map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(found, expected);
}

#[test]
fn align_scores_have_four_decimals_in_unit_interval() {
    let tmp = align_statement(true);
    for pair in ["en-ru", "en-zh"] {
        for line in lines(&out(&tmp).join(format!("{pair}.align"))) {
            let (_, score) = split_score(&line);
            assert!(is_score(score), "{pair}: bad score in {line:?}");
        }
    }
}

#[test]
fn sentence_files_are_verbatim_text() {
    let tmp = align_statement(true);
    for lang in ["en", "ru", "zh"] {
        let source = read(&statement(&format!("{lang}.txt"))).replace("\r\n", " ").replace('\n', " ");
        let sentences = read(&out(&tmp).join(format!("{lang}.sentences.txt")));
        assert!(sentences.ends_with('\n'));
        for s in sentences.lines() {
            assert!(!s.trim().is_empty(), "{lang}: empty sentence line");
            assert!(source.contains(s), "{lang}: sentence not verbatim in the source: {s:?}");
        }
    }
    // The no-break spaces of the caption survive.
    let en = read(&out(&tmp).join("en.sentences.txt"));
    let nbsp = |t: &str| t.matches('\u{a0}').count();
    assert!(nbsp(&en) > 0);
    assert_eq!(nbsp(&en), nbsp(&read(&statement("en.txt"))), "no-break spaces were lost");
    assert_eq!(en.lines().count(), 20);
    assert!(en.lines().any(|l| l.contains("Putin and\u{a0}President of\u{a0}China")));
}

/// Sentence lines of a `LANG.sentences.txt`.
fn sentences(dir: &Path, lang: &str) -> Vec<String> {
    read(&dir.join(format!("{lang}.sentences.txt"))).lines().map(str::to_string).collect()
}

/// The text of sentences `ids` as a CSV cell (joined with a space, without
/// separator in Chinese).
fn cell_text(sents: &[String], ids: &[usize], lang: &str) -> String {
    let sep = if lang == "zh" { "" } else { " " };
    ids.iter().map(|&i| sents[i].as_str()).collect::<Vec<_>>().join(sep)
}

/// Every id of 0..n once, in increasing order, over the cells.
fn assert_each_id_once(cells: &[Vec<usize>], n: usize, what: &str) {
    let all: Vec<usize> = cells.iter().flatten().copied().collect();
    assert_eq!(all, (0..n).collect::<Vec<_>>(), "{what}: ids not each once in order");
}

#[test]
fn pair_csv_matches_align_and_sentences() {
    let tmp = align_statement(true);
    let dir = out(&tmp);
    for other in ["ru", "zh"] {
        let pair = format!("en-{other}");
        let (header, rows) = read_csv(&dir.join(format!("{pair}.csv")));
        assert_eq!(header.join(","), format!("bead,en_ids,{other}_ids,type,score,en,{other},status,flags,queue"));
        let en = sentences(&dir, "en");
        let ot = sentences(&dir, other);
        let align = lines(&dir.join(format!("{pair}.align")));
        assert_eq!(rows.len(), align.len(), "{pair}: one row per bead");
        let mut en_cells = vec![];
        let mut ot_cells = vec![];
        for (k, (row, link)) in rows.iter().zip(&align).enumerate() {
            assert_eq!(row.len(), 10);
            assert_eq!(&row[7], "auto", "{pair} row {k}: a fresh run is unreviewed");
            assert!(row[9].parse::<usize>().is_ok_and(|q| q >= 1), "{pair} row {k}: queue rank {:?}", &row[9]);
            assert_eq!(&row[0], k.to_string().as_str());
            let (e, o) = (ids(&row[1]), ids(&row[2]));
            if e.len() != 1 || o.len() != 1 {
                assert!(row[8].split(' ').any(|f| f == "not-1-1"), "{pair} row {k}: flags {:?}", &row[8]);
            }
            assert_eq!(&row[3], format!("{}-{}", e.len(), o.len()).as_str(), "{pair} row {k}: type");
            assert!(is_score(&row[4]), "{pair} row {k}: score {:?}", &row[4]);
            // The same bead and score as the .align line.
            let fmt = |v: &[usize]| v.iter().map(usize::to_string).collect::<Vec<_>>().join(",");
            assert_eq!(format!("[{}]:[{}]:{}", fmt(&e), fmt(&o), &row[4]), *link, "{pair} row {k}");
            assert_eq!(&row[5], cell_text(&en, &e, "en"), "{pair} row {k}: en text");
            assert_eq!(&row[6], cell_text(&ot, &o, other), "{pair} row {k}: {other} text");
            en_cells.push(e);
            ot_cells.push(o);
        }
        assert_each_id_once(&en_cells, en.len(), &format!("{pair}.csv en"));
        assert_each_id_once(&ot_cells, ot.len(), &format!("{pair}.csv {other}"));
    }
}

#[test]
fn three_language_table() {
    let tmp = align_statement(true);
    let dir = out(&tmp);
    let (header, rows) = read_csv(&dir.join("en-ru-zh.csv"));
    assert_eq!(header.join(","), "row,en_ids,ru_ids,zh_ids,en,ru,zh,ru_score,zh_score,status,flags,queue");
    let langs = ["en", "ru", "zh"];
    let sents: Vec<Vec<String>> = langs.iter().map(|l| sentences(&dir, l)).collect();
    let mut cells: Vec<Vec<Vec<usize>>> = vec![vec![]; 3];
    for (k, row) in rows.iter().enumerate() {
        assert_eq!(row.len(), 12);
        assert_eq!(&row[9], "auto");
        assert_eq!(&row[0], k.to_string().as_str());
        for (j, lang) in langs.iter().enumerate() {
            let v = ids(&row[1 + j]);
            assert_eq!(&row[4 + j], cell_text(&sents[j], &v, lang), "row {k}: {lang} text");
            cells[j].push(v);
        }
        for j in [7, 8] {
            assert!(row[j].is_empty() || is_score(&row[j]), "row {k}: score {:?}", &row[j]);
        }
        assert!(!cells[0][k].is_empty(), "row {k} has no English sentence");
    }
    for (j, lang) in langs.iter().enumerate() {
        assert_each_id_once(&cells[j], sents[j].len(), &format!("en-ru-zh.csv {lang}"));
    }
    // Chinese merges English 7 and 8, Russian keeps them apart: one row.
    let row = rows.iter().find(|r| &r[1] == "7 8").expect("a row with en ids \"7 8\"");
    assert_eq!(&row[2], "4 5");
    assert_eq!(&row[3], "4");
    assert!(row[10].split(' ').any(|f| f == "pairings-differ"), "flags {:?}", &row[10]);
    // ... and Russian merges 11 and 12 where Chinese keeps them apart.
    let row = rows.iter().find(|r| &r[1] == "11 12").expect("a row with en ids \"11 12\"");
    assert_eq!((&row[2], &row[3]), ("9", "8 9"));
    // English-only rows (web-page leftovers) have empty ru/zh cells.
    let first = &rows[0];
    assert_eq!((&first[1], &first[2], &first[3], &first[4]), ("0", "", "", "Skip to content"));
}

#[test]
fn summary_json_agrees_with_align_files() {
    let tmp = align_statement(true);
    let dir = out(&tmp);
    let summary: serde_json::Value =
        serde_json::from_str(&read(&dir.join("summary.json"))).expect("summary.json parses");
    let pairs = summary["pairs"].as_array().expect("pairs");
    assert_eq!(pairs.len(), 2);
    for (p, name) in pairs.iter().zip(["en-ru", "en-zh"]) {
        assert_eq!(p["pair"], name);
        let align = lines(&dir.join(format!("{name}.align")));
        let scores: Vec<f64> = align.iter().map(|l| split_score(l).1.parse().unwrap()).collect();
        let by_type: BTreeMap<String, u64> = serde_json::from_value(p["beads_by_type"].clone()).expect("beads_by_type");
        assert_eq!(by_type.values().sum::<u64>() as usize, align.len(), "{name}: beads_by_type");
        assert_eq!(p["beads"].as_u64(), Some(align.len() as u64));
        // The statement has one 1-2 and one 2-1 bead per pair, 10 1-1 and 7 1-0.
        let expected: BTreeMap<String, u64> =
            [("1-0", 7), ("1-1", 10), ("1-2", 1), ("2-1", 1)].iter().map(|(k, v)| (k.to_string(), *v)).collect();
        assert_eq!(by_type, expected, "{name}: beads_by_type");
        let mean = p["mean_score"].as_f64().expect("mean_score");
        let expected_mean = scores.iter().sum::<f64>() / scores.len() as f64;
        assert!((mean - expected_mean).abs() < 1e-3, "{name}: mean_score {mean} vs {expected_mean}");
        let below = p["below_threshold"].as_u64().expect("below_threshold");
        assert_eq!(below as usize, scores.iter().filter(|&&s| s < 0.5).count(), "{name}: below_threshold");
        let secs = p["seconds"].as_f64().expect("seconds");
        assert!((0.0..60.0).contains(&secs), "{name}: seconds {secs}");
    }
}

#[test]
fn review_threshold_changes_below_threshold() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("out");
    ok([
        "align".as_ref(),
        statement("en.txt").as_os_str(),
        statement("ru.txt").as_os_str(),
        "-o".as_ref(),
        dir.as_os_str(),
        "--review-threshold".as_ref(),
        "1".as_ref(),
        "-q".as_ref(),
    ]);
    let summary: serde_json::Value = serde_json::from_str(&read(&dir.join("summary.json"))).unwrap();
    let p = &summary["pairs"][0];
    assert_eq!(p["below_threshold"], p["beads"], "every bead is below a threshold of 1");
    // Two files: no three-language table.
    assert!(!dir.join("en-ru-zh.csv").exists());
}

/// `align en ru -o TMP/NAME -q [--weights FILE]`: the en-ru `.align` file.
fn align_en_ru_with(tmp: &TempDir, name: &str, weights: Option<&Path>) -> String {
    let dir = tmp.path().join(name);
    let mut args = vec![
        "align".into(),
        statement("en.txt").into_os_string(),
        statement("ru.txt").into_os_string(),
        "-o".into(),
        dir.clone().into_os_string(),
        "-q".into(),
    ];
    if let Some(w) = weights {
        args.extend(["--weights".into(), w.as_os_str().to_owned()]);
    }
    ok(args);
    read(&dir.join("en-ru.align"))
}

#[test]
fn weights_file_takes_the_place_of_the_fitted_weights() {
    let tmp = TempDir::new().unwrap();
    let fitted = root().join("src/evidence/weights.tsv");
    let default = align_en_ru_with(&tmp, "default", None);
    assert_eq!(align_en_ru_with(&tmp, "same", Some(&fitted)), default, "the shipped weights are the default");
    // Without word evidence and anchors (the word table's settings kept)
    // the beads score otherwise.
    let other = tmp.path().join("other.tsv");
    let zeroed: String = read(&fitted)
        .lines()
        .map(|l| match l.split_once('\t') {
            Some((name, _)) if !l.starts_with('#') && !["smoothing", "null_prob"].contains(&name) => {
                format!("{name}\t0\n")
            }
            _ => format!("{l}\n"),
        })
        .collect();
    std::fs::write(&other, zeroed).unwrap();
    assert_ne!(align_en_ru_with(&tmp, "other", Some(&other)), default);
}

#[test]
fn quiet_prints_nothing() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("out");
    let o = run([
        "align".as_ref(),
        statement("en.txt").as_os_str(),
        statement("ru.txt").as_os_str(),
        statement("zh.txt").as_os_str(),
        "-o".as_ref(),
        dir.as_os_str(),
        "-q".as_ref(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout.is_empty() && o.stderr.is_empty(), "-q printed:\n{}{}", stdout(&o), stderr(&o));
    check_gold(&dir);
}

/// A UTF-8 BOM and CRLF line breaks do not change the alignment or the
/// sentences.
#[test]
fn bom_and_crlf_align_like_the_original() {
    let tmp = TempDir::new().unwrap();
    let en = read(&statement("en.txt"));
    assert!(!en.contains('\r'));
    let crlf = format!("\u{feff}{}", en.replace('\n', "\r\n"));
    let bom = tmp.path().join("en.txt");
    std::fs::write(&bom, crlf).unwrap();
    let dir = tmp.path().join("out");
    ok([
        "align".as_ref(),
        bom.as_os_str(),
        statement("ru.txt").as_os_str(),
        statement("zh.txt").as_os_str(),
        "-o".as_ref(),
        dir.as_os_str(),
        "-q".as_ref(),
    ]);
    let orig = align_statement(true);
    for f in ["en.sentences.txt", "en-ru.align", "en-zh.align", "en-ru.csv", "en-zh.csv", "en-ru-zh.csv"] {
        assert_eq!(read(&dir.join(f)), read(&out(&orig).join(f)), "{f} differs with BOM + CRLF");
    }
    let en_sentences = read(&dir.join("en.sentences.txt"));
    assert!(!en_sentences.contains('\r') && !en_sentences.contains('\u{feff}'));
}

// ---- segment ----

fn segment_lines(file: &Path, extra: &[&str]) -> Vec<String> {
    let mut args = vec![std::ffi::OsString::from("segment"), file.as_os_str().to_owned()];
    args.extend(extra.iter().map(|a| std::ffi::OsString::from(*a)));
    ok(args).lines().map(str::to_string).collect()
}

#[test]
fn segment_statement_en() {
    let l = segment_lines(&statement("en.txt"), &[]);
    assert_eq!(l.len(), 20, "sentences:\n{}", l.join("\n"));
    assert_eq!(l[0], "Skip to content");
    assert_eq!(l[19], "Sign In");
    // `conflict.The Russian side` (no space in the source) is two sentences.
    let k = l.iter().position(|s| s.contains("conflict.")).expect("a sentence with `conflict.`");
    assert!(l[k].ends_with("the Ukraine conflict."), "{:?}", l[k]);
    assert!(l[k + 1].starts_with("The Russian side"), "{:?}", l[k + 1]);
    assert!(!l.iter().any(|s| s.contains("conflict.") && s.contains("The Russian side")));
    // Same sentences as align writes.
    let tmp = align_statement(true);
    assert_eq!(l, sentences(&out(&tmp), "en"));
    // --lang en gives the same.
    assert_eq!(segment_lines(&statement("en.txt"), &["--lang", "en"]), l);
}

fn check_spans(file: &Path) {
    let bytes = std::fs::read(file).unwrap();
    let plain = segment_lines(file, &[]);
    let spanned = segment_lines(file, &["--spans"]);
    assert_eq!(spanned.len(), plain.len());
    let mut last_end = 0;
    for (line, sentence) in spanned.iter().zip(&plain) {
        let (span, text) = line.split_once('\t').unwrap_or_else(|| panic!("no tab in {line:?}"));
        assert_eq!(text, sentence);
        let (a, b) = span.split_once('-').unwrap_or_else(|| panic!("bad span {span:?}"));
        let (a, b): (usize, usize) = (a.parse().unwrap(), b.parse().unwrap());
        assert!(a < b && b <= bytes.len() && a >= last_end, "span {a}-{b} out of order or range");
        last_end = b;
        let slice = std::str::from_utf8(&bytes[a..b]).expect("span on char boundaries");
        assert_eq!(slice, text, "{}: span {a}-{b} does not slice to the sentence", file.display());
    }
}

#[test]
fn segment_spans_slice_the_file() {
    for f in ["en.txt", "ru.txt", "zh.txt"] {
        check_spans(&statement(f));
    }
}

#[test]
fn segment_spans_with_bom_and_crlf() {
    let tmp = TempDir::new().unwrap();
    let f = tmp.path().join("en.txt");
    std::fs::write(&f, format!("\u{feff}{}", read(&statement("en.txt")).replace('\n', "\r\n"))).unwrap();
    check_spans(&f);
    assert_eq!(segment_lines(&f, &[]), segment_lines(&statement("en.txt"), &[]));
}

#[test]
fn segment_statement_translations() {
    assert_eq!(segment_lines(&statement("ru.txt"), &[]).len(), 13);
    assert_eq!(segment_lines(&statement("zh.txt"), &[]).len(), 13);
}
