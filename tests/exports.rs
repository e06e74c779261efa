//! The exports end to end (`--export`, `--excel`, `--min-score`): each
//! written by `align`, read back by a real reader of its format (xmllint and
//! translate-toolkit for the TMX, calamine and openpyxl for the xlsx, the
//! project's readers for TSV and JSON lines) and checked against the CSV
//! tables; kept by `export` and a review save; created with the umask.
//! Without xmllint or the Python readers (scripts/setup.sh) those checks
//! print a notice and pass, except in CI, where they fail.

mod common;

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use calamine::{open_workbook, Data, Reader, Xlsx};
use common::*;
use tempfile::TempDir;
use trialign::formats::{read_jsonl, read_tmx, read_tsv};

const ALL: &str = "csv,tsv,xlsx,tmx,moses,jsonl";

/// `align` of the shipped statement, en with ru and zh, into `dir` (lengths
/// and anchors only: fast, and what is tested here is the files).
fn align(dir: &Path, extra: &[&str]) -> String {
    let mut args: Vec<std::ffi::OsString> = vec!["align".into()];
    args.extend(["en.txt", "ru.txt", "zh.txt"].map(|f| statement(f).into_os_string()));
    args.extend(["-o".into(), dir.as_os_str().to_owned(), "--no-lexical".into()]);
    args.extend(extra.iter().map(|e| e.into()));
    ok(args)
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    names
}

/// A joined-table record's ids per language (en, ru, zh) and its lowest score.
fn row_ids(r: &csv::StringRecord) -> [Vec<usize>; 3] {
    [ids(&r[1]), ids(&r[2]), ids(&r[3])]
}

fn row_score(r: &csv::StringRecord) -> f64 {
    [&r[7], &r[8]].iter().filter(|s| !s.is_empty()).map(|s| s.parse::<f64>().unwrap()).fold(f64::INFINITY, f64::min)
}

#[test]
fn every_export_reads_back_as_the_tables_say() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("out");
    let printed = align(&dir, &["--export", ALL]);
    assert!(printed.contains("exports: csv, tsv, xlsx, tmx, moses, jsonl\n"), "{printed}");
    let mut expected: Vec<String> = ALIGN_FILES.iter().map(|s| s.to_string()).collect();
    expected.extend(
        [
            "en-ru-zh.tsv",
            "en-ru-zh.xlsx",
            "en-ru-zh.tmx",
            "corpus.en",
            "corpus.ru",
            "corpus.zh",
            "en-ru.jsonl",
            "en-zh.jsonl",
        ]
        .map(String::from),
    );
    expected.sort();
    assert_eq!(names(&dir), expected);
    let (header, rows) = read_csv(&dir.join("en-ru-zh.csv"));

    // TSV: the joined table, every row (no --min-score).
    let (tsv_header, tsv_rows) = read_tsv(&read(&dir.join("en-ru-zh.tsv")));
    assert_eq!(tsv_header, header);
    let csv_rows: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(str::to_string).collect()).collect();
    assert_eq!(tsv_rows, csv_rows);

    // TMX: a unit per row with two languages or more, its texts those of the row.
    let units: Vec<&csv::StringRecord> =
        rows.iter().filter(|r| row_ids(r).iter().filter(|i| !i.is_empty()).count() >= 2).collect();
    let tmx = read_tmx(&read(&dir.join("en-ru-zh.tmx"))).unwrap();
    assert_eq!(tmx.srclang, "en");
    assert_eq!(tmx.units.len(), units.len());
    for (unit, row) in tmx.units.iter().zip(&units) {
        assert_eq!(unit.tuid.as_deref(), Some(&row[0]));
        let texts: Vec<(String, String)> = ["en", "ru", "zh"]
            .iter()
            .zip([&row[4], &row[5], &row[6]])
            .filter(|(_, t)| !t.is_empty())
            .map(|(l, t)| (l.to_string(), t.to_string()))
            .collect();
        assert_eq!(unit.texts, texts);
        let prop = |name: &str| unit.props.iter().find(|(t, _)| t == name).map(|(_, v)| v.as_str());
        assert_eq!(prop("x-status"), Some(&row[9]));
        assert_eq!(prop("x-score"), Some(format!("{:.4}", row_score(row)).as_str()));
    }
    if tool("xmllint", "the TMX well-formedness check") {
        let o = std::process::Command::new("xmllint").arg("--noout").arg(dir.join("en-ru-zh.tmx")).output().unwrap();
        assert!(o.status.success() && o.stderr.is_empty(), "xmllint: {}", String::from_utf8_lossy(&o.stderr));
    }
    if let Some(python) = python_with("translate.storage.tmx", "reading the TMX with translate-toolkit") {
        let read = python_json(&python, TRANSLATE_TOOLKIT_TMX, &[&dir.join("en-ru-zh.tmx")]);
        assert_eq!(read["srclang"], "en");
        let read_units = read["units"].as_array().unwrap();
        assert_eq!(read_units.len(), tmx.units.len());
        for (theirs, ours) in read_units.iter().zip(&tmx.units) {
            assert_eq!(theirs["id"].as_str(), ours.tuid.as_deref());
            let langs: BTreeMap<String, String> = serde_json::from_value(theirs["langs"].clone()).unwrap();
            assert_eq!(langs, ours.texts.iter().cloned().collect::<BTreeMap<_, _>>());
            assert_eq!(theirs["source"].as_str(), Some(ours.texts[0].1.as_str()), "the pivot is the source");
        }
    }

    // Moses: a line per row with every language, the same row on the same line.
    let full: Vec<&csv::StringRecord> = rows.iter().filter(|r| row_ids(r).iter().all(|i| !i.is_empty())).collect();
    assert!(full.len() < rows.len(), "the statement has deletions, which the corpus leaves out");
    for (k, lang) in ["en", "ru", "zh"].iter().enumerate() {
        let lines: Vec<String> = read(&dir.join(format!("corpus.{lang}"))).lines().map(str::to_string).collect();
        let cells: Vec<String> = full.iter().map(|r| r[4 + k].to_string()).collect();
        assert_eq!(lines, cells, "corpus.{lang}");
    }

    // JSON lines: a pair's beads, as its CSV.
    for pair in ["en-ru", "en-zh"] {
        let (_, beads) = read_csv(&dir.join(format!("{pair}.csv")));
        let lines = read_jsonl(&read(&dir.join(format!("{pair}.jsonl")))).unwrap();
        assert_eq!(lines.len(), beads.len());
        let (p, x) = pair.split_once('-').unwrap();
        for (line, bead) in lines.iter().zip(&beads) {
            assert_eq!(line.bead.to_string(), &bead[0]);
            assert_eq!((&line.ids[p], &line.ids[x]), (&ids(&bead[1]), &ids(&bead[2])));
            assert_eq!(line.kind, &bead[3]);
            assert_eq!(format!("{:.4}", line.score), &bead[4]);
            assert_eq!((line.text[p].as_str(), line.text[x].as_str()), (&bead[5], &bead[6]));
            assert_eq!(line.status, &bead[7]);
            assert_eq!(line.flags.join(" "), &bead[8]);
            assert_eq!(line.queue.map(|q| q.to_string()).unwrap_or_default(), &bead[9]);
        }
    }

    // xlsx: a sheet per pair and one of the rows, each cell as in the CSV.
    let mut book: Xlsx<_> = open_workbook(dir.join("en-ru-zh.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["en-ru", "en-zh", "en-ru-zh"]);
    for sheet in ["en-ru", "en-zh", "en-ru-zh"] {
        let range = book.worksheet_range(sheet).unwrap();
        let (header, records) = read_csv(&dir.join(format!("{sheet}.csv")));
        let scores: Vec<bool> = header.iter().map(|h| h.ends_with("score")).collect();
        let cells: Vec<Vec<String>> =
            range.rows().map(|r| r.iter().zip(&scores).map(|(d, &score)| cell_text(d, score)).collect()).collect();
        assert_eq!(cells[0], header, "{sheet}");
        assert_eq!(cells.len(), records.len() + 1, "{sheet}");
        for (got, want) in cells[1..].iter().zip(&records) {
            let want: Vec<String> = want.iter().map(str::to_string).collect();
            assert_eq!(got[..want.len()], want[..], "{sheet}");
        }
    }
}

/// A calamine cell as the CSV writes it (scores with 4 decimals, the other
/// numbers whole).
fn cell_text(d: &Data, score: bool) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if score => format!("{f:.4}"),
        Data::Float(f) => format!("{f:.0}"),
        other => panic!("unexpected cell {other:?}"),
    }
}

/// Reads a TMX with translate-toolkit: the header's source language and,
/// per unit, its id, source, and text per language.
const TRANSLATE_TOOLKIT_TMX: &str = r#"
import json, sys
from translate.storage import tmx
with open(sys.argv[1], "rb") as f:
    store = tmx.tmxfile(f)
units = []
for u in store.units:
    langs = {n.get("{http://www.w3.org/XML/1998/namespace}lang"): u.getNodeText(n) for n in u.getlanguageNodes()}
    units.append({"id": u.getid(), "source": u.source, "langs": langs})
print(json.dumps({"srclang": store.sourcelanguage, "units": units}))
"#;

/// Reads the look of an xlsx with openpyxl: per sheet the frozen panes, the
/// autofilter, the column widths, and per row its fill and whether its
/// status cell is bold.
const OPENPYXL_LOOK: &str = r#"
import json, sys
import openpyxl
book = openpyxl.load_workbook(sys.argv[1])
out = {}
for ws in book.worksheets:
    header = [c.value for c in ws[1]]
    status = header.index("status")
    rows = []
    for row in ws.iter_rows(min_row=2):
        rows.append({"fill": row[0].fill.fgColor.rgb, "status": row[status].value,
                     "bold": bool(row[status].font.bold), "wrap": bool(row[header.index("en")].alignment.wrap_text)})
    widths = {k: round(d.width) for k, d in ws.column_dimensions.items() if d.width}
    out[ws.title] = {"freeze": ws.freeze_panes, "filter": ws.auto_filter.ref, "widths": widths,
                     "header_bold": bool(ws["A1"].font.bold), "rows": rows}
print(json.dumps(out))
"#;

#[test]
fn the_workbook_looks_as_a_translator_needs_and_a_save_keeps_the_exports() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("out");
    align(&dir, &["--export", "csv,xlsx,tmx", "-q"]);
    // A person confirms the first rows; the save writes the folder's exports again.
    let edits = tmp.path().join("edits.txt");
    std::fs::write(&edits, "confirm-to #3\n").unwrap();
    ok(["review".as_ref(), dir.as_os_str(), "--apply".as_ref(), edits.as_os_str()]);
    let tmx = read_tmx(&read(&dir.join("en-ru-zh.tmx"))).unwrap();
    let status = |u: &trialign::formats::TmxUnit| u.props.iter().find(|(t, _)| t == "x-status").unwrap().1.clone();
    let first = tmx.units.iter().find(|u| u.tuid.as_deref() == Some("1")).unwrap();
    assert_eq!(status(first), "confirmed", "the TMX was written again by the save");
    let (_, rows) = read_csv(&dir.join("en-ru-zh.csv"));
    assert_eq!(&rows[1][9], "confirmed");

    let Some(python) = python_with("openpyxl", "reading the xlsx's look with openpyxl") else { return };
    let look = python_json(&python, OPENPYXL_LOOK, &[&dir.join("en-ru-zh.xlsx")]);
    const BACKGROUNDS: [&str; 5] = ["FFFBE3E3", "FFFDEBD9", "FFFDF3CF", "FFEEF6E2", "FFE3F1E4"];
    let band = |s: f64| [0.0, 0.3, 0.5, 0.7, 0.9].iter().rposition(|&low| s >= low).unwrap();
    for sheet in ["en-ru", "en-zh", "en-ru-zh"] {
        let s = &look[sheet];
        let (header, records) = read_csv(&dir.join(format!("{sheet}.csv")));
        assert_eq!(s["freeze"], "A2", "{sheet}: the header is frozen");
        let last = char::from(b'A' + header.len() as u8 - 1);
        assert_eq!(s["filter"], format!("A1:{last}{}", records.len() + 1), "{sheet}: an autofilter over the table");
        assert_eq!(s["header_bold"], true);
        let text_col = char::from(b'A' + header.iter().position(|h| h == "en").unwrap() as u8).to_string();
        // Excel adds its padding to the 60 characters asked for.
        assert!((60..=61).contains(&s["widths"][&text_col].as_i64().unwrap()), "{sheet}: {}", s["widths"]);
        assert!(s["widths"]["A"].as_i64().unwrap() < 10, "{sheet}: narrow number column");
        let score_cols: Vec<usize> =
            header.iter().enumerate().filter(|(_, h)| h.ends_with("score")).map(|(k, _)| k).collect();
        for (row, record) in s["rows"].as_array().unwrap().iter().zip(&records) {
            let lowest =
                score_cols.iter().filter(|&&k| !record[k].is_empty()).map(|&k| record[k].parse::<f64>().unwrap());
            let lowest = lowest.fold(f64::INFINITY, f64::min);
            assert_eq!(row["fill"], BACKGROUNDS[band(lowest)], "{sheet}: {record:?}");
            let reviewed =
                matches!(&record[header.iter().position(|h| h == "status").unwrap()], "confirmed" | "edited");
            assert_eq!(row["bold"], reviewed, "{sheet}: reviewed rows are marked: {record:?}");
            assert_eq!(row["wrap"], true);
        }
        assert!(s["rows"].as_array().unwrap().iter().any(|r| r["bold"] == true), "{sheet}: some rows were confirmed");
    }
}

#[test]
fn min_score_leaves_rows_out_of_the_corpus_exports_only_and_the_summary_says_how_many() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("out");
    let printed = align(&dir, &["--export", "csv,tsv,tmx,moses,jsonl", "--min-score", "0.7"]);
    let (_, rows) = read_csv(&dir.join("en-ru-zh.csv"));
    let below = rows.iter().filter(|r| row_score(r) < 0.7).count();
    assert!(below > 0 && below < rows.len(), "the statement has rows on both sides of 0.7");
    assert!(printed.contains(&format!("; {below} rows scored below 0.7 left out of tsv, tmx, moses\n")), "{printed}");
    let summary: serde_json::Value = serde_json::from_str(&read(&dir.join("summary.json"))).unwrap();
    assert_eq!(summary["exports"]["rows_below_min_score"], below);
    assert_eq!(summary["exports"]["min_score"], 0.7);
    let (_, tsv) = read_tsv(&read(&dir.join("en-ru-zh.tsv")));
    assert_eq!(tsv.len(), rows.len() - below);
    assert!(read_tmx(&read(&dir.join("en-ru-zh.tmx")))
        .unwrap()
        .units
        .iter()
        .all(|u| { u.props.iter().any(|(t, v)| t == "x-score" && v.parse::<f64>().unwrap() >= 0.7) }));
    let kept_full = rows.iter().filter(|r| row_score(r) >= 0.7 && row_ids(r).iter().all(|i| !i.is_empty())).count();
    assert_eq!(read(&dir.join("corpus.zh")).lines().count(), kept_full);
    // The review tables and the review keep every bead.
    let (_, beads) = read_csv(&dir.join("en-ru.csv"));
    assert_eq!(read(&dir.join("en-ru.jsonl")).lines().count(), beads.len());
    let review = trialign::formats::read_review(&dir.join("review.json")).unwrap();
    assert_eq!(review.pairs[0].alignment.marks().len(), beads.len());
}

#[test]
fn export_writes_what_the_folder_holds_until_others_are_named() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("out");
    align(&dir, &["--export", "tmx,jsonl", "-q"]);
    let first = names(&dir);
    assert!(first.contains(&"en-ru-zh.tmx".to_string()) && !first.contains(&"en-ru.csv".to_string()), "{first:?}");
    let kept: Vec<(String, Vec<u8>)> = first
        .iter()
        .filter(|n| !n.ends_with(".tmx"))
        .map(|n| (n.clone(), std::fs::read(dir.join(n)).unwrap()))
        .collect();
    for n in &first {
        if n != "review.json" {
            std::fs::remove_file(dir.join(n)).unwrap();
        }
    }
    ok(["export".as_ref(), dir.as_os_str(), "-q".as_ref()]);
    assert_eq!(names(&dir), first, "export writes the folder's exports again");
    for (n, bytes) in &kept {
        assert_eq!(&std::fs::read(dir.join(n)).unwrap(), bytes, "{n}: the same bytes");
    }
    // A re-run of align keeps the folder's exports too.
    align(&dir, &["-q"]);
    assert_eq!(names(&dir), first);
    // Naming others replaces them: the files of the old ones go.
    ok(["export".as_ref(), dir.as_os_str(), "-q".as_ref(), "--export".as_ref(), "csv".as_ref()]);
    let mut expected: Vec<String> = ALIGN_FILES.iter().map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(names(&dir), expected);
    assert!(!read(&dir.join("review.json")).contains("\"exports\""), "the default leaves review.json as it was");
}

#[test]
fn the_excel_csv_has_a_bom_the_delimiter_and_no_formulas_and_the_machine_csv_is_exact() {
    let tmp = TempDir::new().unwrap();
    let (en, ru) = (tmp.path().join("en.txt"), tmp.path().join("ru.txt"));
    std::fs::write(&en, "=SUM(A1:A2) is not run.\n+7 495 123-45-67 is a number.\n@all; see you.\n").unwrap();
    std::fs::write(&ru, "=SUM(A1:A2) не считается.\n+7 495 123-45-67 — это номер.\n@all; до встречи.\n").unwrap();
    let run_to = |dir: &Path, extra: &[&str]| {
        let mut args: Vec<std::ffi::OsString> = vec!["align".into(), en.clone().into(), ru.clone().into()];
        args.extend(["-o".into(), dir.as_os_str().to_owned(), "--no-lexical".into(), "-q".into()]);
        args.extend(["--langs", "en,ru", "--presegmented"].map(Into::into));
        args.extend(extra.iter().map(Into::into));
        ok(args);
        std::fs::read(dir.join("en-ru.csv")).unwrap()
    };
    let machine = run_to(&tmp.path().join("machine"), &[]);
    let text = String::from_utf8(machine).unwrap();
    assert!(text.starts_with("bead,en_ids,"), "no BOM");
    assert!(text.contains("\r\n0,0,0,1-1,") && text.contains(",=SUM(A1:A2) is not run.,=SUM(A1:A2) не считается.,"));
    let excel = run_to(&tmp.path().join("excel"), &["--excel", "--delimiter", ";"]);
    let text = std::str::from_utf8(excel.strip_prefix("\u{feff}".as_bytes()).expect("a UTF-8 BOM")).unwrap();
    assert!(text.starts_with("bead;en_ids;ru_ids;type;score;en;ru;status;flags;queue\r\n"), "{text}");
    assert!(text.contains(";'=SUM(A1:A2) is not run.;'=SUM(A1:A2) не считается.;"), "{text}");
    assert!(text.contains(";'+7 495 123-45-67 is a number.;'+7 495 123-45-67 — это номер.;"), "{text}");
    assert!(text.contains(";\"'@all; see you.\";\"'@all; до встречи.\";"), "{text}");
    assert_eq!(text.matches("\r\n").count(), 4, "CRLF line ends");
    assert_eq!(text.matches('\n').count(), 4);
}

#[test]
fn bad_export_arguments_exit_with_2_and_say_what_to_do() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("out");
    let cases: [(&[&str], &str); 5] = [
        (&["--export", "xls"], "xls"),
        (&["--export", "tmx", "--min-score", "1.5"], "between 0 and 1"),
        (&["--delimiter", ";"], "--excel"),
        (&["--export", "tmx", "--excel"], "add csv to --export"),
        (&["--min-score", "0.5"], "add one of them to --export"),
    ];
    for (extra, says) in cases {
        let mut args: Vec<std::ffi::OsString> = vec!["align".into()];
        args.extend(["en.txt", "ru.txt"].map(|f| statement(f).into_os_string()));
        args.extend(["-o".into(), dir.as_os_str().to_owned(), "--no-lexical".into(), "-q".into()]);
        args.extend(extra.iter().map(Into::into));
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{extra:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(says), "{extra:?}: {}", stderr(&o));
        assert!(!dir.exists(), "{extra:?}: nothing is written");
    }
}

#[test]
fn outputs_are_created_as_the_umask_says() {
    let tmp = TempDir::new().unwrap();
    for (umask, mode) in [("022", 0o644), ("027", 0o640)] {
        let dir = tmp.path().join(umask);
        let o = std::process::Command::new("sh")
            .args(["-c", &format!("umask {umask}; exec \"$0\" \"$@\"")])
            .arg(env!("CARGO_BIN_EXE_trialign"))
            .arg("align")
            .args(["en.txt", "ru.txt"].map(statement))
            .args([PathBuf::from("-o"), dir.clone(), "--no-lexical".into(), "-q".into(), "--export".into(), ALL.into()])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        for name in names(&dir) {
            let m = std::fs::metadata(dir.join(&name)).unwrap().permissions().mode() & 0o777;
            assert_eq!(m, mode, "{name} under umask {umask}: {m:o}");
        }
    }
}
