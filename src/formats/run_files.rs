//! Every file of a run folder, made from its review state and the exports
//! chosen for it: what `align` writes after aligning and `export` and a
//! save in `review` write again, byte for byte the same for the same beads,
//! statuses and exports (TMX and xlsx carry their creation date besides).

use super::{
    align_file, csv_file, join_table, jsonl_file, moses_files, pair_table, review_json_with, sentences_file, tmx_file,
    tsv_file, xlsx_file, ExportFormat, ExportOptions, Outputs, Summary, XlsxExportError, REVIEW_FILE,
};
use crate::review::{queue, Review};

/// The names of the files a run over these languages (pivot first) with
/// these exports writes, in the order [`run_outputs`] writes them: to tell
/// the files of an earlier run in the same folder from the user's own.
pub fn run_file_names(langs: &[&str], exports: &ExportOptions) -> Vec<String> {
    let Some((pivot, others)) = langs.split_first() else { return Vec::new() };
    let all = langs.join("-");
    let csv = exports.has(ExportFormat::Csv);
    let mut names = vec![format!("{pivot}.sentences.txt")];
    for x in others {
        names.extend([format!("{x}.sentences.txt"), format!("{pivot}-{x}.align")]);
        if csv {
            names.push(format!("{pivot}-{x}.csv"));
        }
    }
    if csv && others.len() >= 2 {
        names.push(format!("{all}.csv"));
    }
    for &format in exports.formats() {
        match format {
            ExportFormat::Csv => {}
            ExportFormat::Tsv | ExportFormat::Xlsx | ExportFormat::Tmx => names.push(format!("{all}.{format}")),
            ExportFormat::Moses => names.extend(langs.iter().map(|l| format!("corpus.{l}"))),
            ExportFormat::Jsonl => names.extend(others.iter().map(|x| format!("{pivot}-{x}.jsonl"))),
        }
    }
    names.extend(["summary.json".into(), REVIEW_FILE.into()]);
    names
}

/// Every file of the run folder of `review` with `exports`, `review.json`
/// (which keeps the exports) included, in the order of [`run_file_names`],
/// added to `into` ([`Outputs::staged_in`] the folder, for a long run);
/// TMX and xlsx files are dated now.
pub fn run_outputs(review: &Review, exports: &ExportOptions, into: Outputs) -> Result<Outputs, XlsxExportError> {
    let now = humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string();
    run_outputs_at(review, exports, &now, into)
}

/// [`run_outputs`] with `created` (RFC 3339) as the date of the TMX and
/// xlsx files.
pub fn run_outputs_at(
    review: &Review,
    exports: &ExportOptions,
    created: &str,
    into: Outputs,
) -> Result<Outputs, XlsxExportError> {
    let rows = review.rows();
    let order = queue::queue(review);
    let ranks = queue::ranks(&order, rows.len());
    let langs: Vec<&str> = review.languages.iter().map(|l| l.lang.code()).collect();
    let all = langs.join("-");
    let csv = exports.has(ExportFormat::Csv);
    let mut out = into;
    let pivot = review.pivot();
    out.add(format!("{}.sentences.txt", pivot.lang), sentences_file(&pivot.sentences));
    let mut sheets = Vec::new();
    for (k, pair) in review.pairs.iter().enumerate() {
        let other = review.other(k);
        out.add(format!("{}.sentences.txt", other.lang), sentences_file(&other.sentences));
        let beads = pair.alignment.beads().map(|(b, m)| (b, m.score));
        out.add(format!("{}-{}.align", pivot.lang, other.lang), align_file(beads));
        let name = format!("{}-{}", pivot.lang, other.lang);
        let table = pair_table(review, k, &rows, &ranks);
        if csv {
            out.add(format!("{name}.csv"), csv_file(&table, exports.csv));
        }
        if exports.has(ExportFormat::Xlsx) {
            sheets.push((name, table));
        }
    }
    let joined = join_table(review, &rows, &ranks);
    if csv && review.pairs.len() >= 2 {
        out.add(format!("{all}.csv"), csv_file(&joined, exports.csv));
    }
    for &format in exports.formats() {
        match format {
            ExportFormat::Csv => {}
            ExportFormat::Tsv => out.add(format!("{all}.tsv"), tsv_file(&joined, exports)),
            ExportFormat::Xlsx => {
                if review.pairs.len() >= 2 {
                    sheets.push((all.clone(), joined.clone()));
                }
                out.add(format!("{all}.xlsx"), xlsx_file(&sheets, created)?);
            }
            ExportFormat::Tmx => out.add(format!("{all}.tmx"), tmx_file(review, &rows, exports, created)),
            ExportFormat::Moses => {
                for (name, bytes) in moses_files(review, &rows, exports) {
                    out.add(name, bytes);
                }
            }
            ExportFormat::Jsonl => {
                for k in 0..review.pairs.len() {
                    let name = format!("{}-{}.jsonl", pivot.lang, review.other(k).lang);
                    out.add(name, jsonl_file(review, k, &rows, &ranks, None));
                }
            }
        }
    }
    out.add("summary.json", Summary::of(review, &rows, order.len(), exports).to_json());
    out.add(REVIEW_FILE, review_json_with(review, exports));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::CsvKind;
    use crate::review::testing::review;

    #[test]
    fn the_names_of_a_run_are_those_it_writes() {
        assert_eq!(
            run_file_names(&["en", "ru", "zh"], &ExportOptions::default()),
            [
                "en.sentences.txt",
                "ru.sentences.txt",
                "en-ru.align",
                "en-ru.csv",
                "zh.sentences.txt",
                "en-zh.align",
                "en-zh.csv",
                "en-ru-zh.csv",
                "summary.json",
                "review.json"
            ]
        );
        let all = ExportOptions::new(&ExportFormat::ALL, CsvKind::Machine, None).unwrap();
        for (r, langs) in
            [(review(&[&[(1, 1)]]), vec!["en", "ru"]), (review(&[&[(1, 1)], &[(1, 1)]]), vec!["en", "ru", "zh"])]
        {
            for exports in [ExportOptions::default(), all.clone()] {
                let out = run_outputs_at(&r, &exports, "2026-12-02T10:00:00Z", Outputs::default()).unwrap();
                let written: Vec<&str> = out.names().collect();
                assert_eq!(written, run_file_names(&langs, &exports), "{exports:?}");
            }
        }
        let only_tmx = ExportOptions::new(&[ExportFormat::Tmx], CsvKind::Machine, None).unwrap();
        assert_eq!(
            run_file_names(&["en", "ru"], &only_tmx),
            ["en.sentences.txt", "ru.sentences.txt", "en-ru.align", "en-ru.tmx", "summary.json", "review.json"]
        );
    }

    #[test]
    fn the_same_review_and_date_give_the_same_bytes() {
        let r = review(&[&[(1, 1), (2, 1)], &[(1, 1), (1, 2), (1, 0)]]);
        let all = ExportOptions::new(&ExportFormat::ALL, CsvKind::Excel { delimiter: b';' }, Some(0.5)).unwrap();
        let files = |o: Outputs| o.into_files().unwrap();
        let a = files(run_outputs_at(&r, &all, "2026-12-02T10:00:00Z", Outputs::default()).unwrap());
        let b = files(run_outputs_at(&r, &all, "2026-12-02T10:00:00Z", Outputs::default()).unwrap());
        assert_eq!(a, b);
        // Staged in a folder as they are made, the same bytes.
        let dir = tempfile::tempdir().unwrap();
        let staged = files(run_outputs_at(&r, &all, "2026-12-02T10:00:00Z", Outputs::staged_in(dir.path())).unwrap());
        assert_eq!(a, staged);
    }
}
