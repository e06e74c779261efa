//! Every file of a run folder, made from its review state: what `align`
//! writes after aligning and `export` writes again after a review, byte for
//! byte the same for the same beads and statuses.

use super::{align_file, join_csv, pair_csv, review_json, sentences_file, Outputs, Summary, REVIEW_FILE};
use crate::review::{queue, Review};

/// The names of the files a run over these languages writes (pivot first),
/// to tell the files of an earlier run in the same folder from the user's
/// own.
pub fn run_file_names(langs: &[&str]) -> Vec<String> {
    let Some((pivot, others)) = langs.split_first() else { return Vec::new() };
    let mut names = vec![format!("{pivot}.sentences.txt")];
    for x in others {
        names.extend([format!("{x}.sentences.txt"), format!("{pivot}-{x}.align"), format!("{pivot}-{x}.csv")]);
    }
    if others.len() >= 2 {
        names.push(format!("{}.csv", langs.join("-")));
    }
    names.extend(["summary.json".into(), REVIEW_FILE.into()]);
    names
}

/// Every file of the run folder of `review`, `review.json` included, in the
/// order of [`run_file_names`]: what `align`, `export` and a save in
/// `review` write.
pub fn run_outputs(review: &Review) -> Outputs {
    let rows = review.rows();
    let order = queue::queue(review);
    let ranks = queue::ranks(&order, rows.len());
    let langs: Vec<&str> = review.languages.iter().map(|l| l.lang.code()).collect();
    let mut out = Outputs::default();
    let pivot = review.pivot();
    out.add(format!("{}.sentences.txt", pivot.lang), sentences_file(&pivot.sentences));
    for (k, pair) in review.pairs.iter().enumerate() {
        let other = review.other(k);
        out.add(format!("{}.sentences.txt", other.lang), sentences_file(&other.sentences));
        let beads = pair.alignment.beads().map(|(b, m)| (b, m.score));
        out.add(format!("{}-{}.align", pivot.lang, other.lang), align_file(beads));
        out.add(format!("{}-{}.csv", pivot.lang, other.lang), pair_csv(review, k, &rows, &ranks));
    }
    if review.pairs.len() >= 2 {
        out.add(format!("{}.csv", langs.join("-")), join_csv(review, &rows, &ranks));
    }
    out.add("summary.json", Summary::of(review, &rows, order.len()).to_json());
    out.add(REVIEW_FILE, review_json(review));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_names_of_a_run_are_those_it_writes() {
        assert_eq!(
            run_file_names(&["en", "ru", "zh"]),
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
    }
}
