//! Line-aligned corpus files for MT training (Moses, fairseq, Marian):
//! `corpus.LANG` per language, line k of each the same row of the review.
//! Only rows with sentences in every language are written (a deletion has
//! no translation to train on); a side's sentences make one line
//! ([`super::side_text`]: line breaks inside a sentence folded).

use super::side_text;
use super::tables::lowest_score;
use super::ExportOptions;
use crate::review::{Review, RowView};

/// `(file name, bytes)` of each language's corpus file, pivot first, rows
/// under `options.min_score` left out.
pub fn moses_files(review: &Review, rows: &[RowView], options: &ExportOptions) -> Vec<(String, Vec<u8>)> {
    let mut texts = vec![String::new(); review.languages.len()];
    let full = rows.iter().filter(|r| !r.pivot.is_empty() && r.others.iter().all(|o| !o.is_empty()));
    for row in full.filter(|r| options.keeps(lowest_score(r))) {
        let sides = std::iter::once(&row.pivot).chain(&row.others);
        for ((text, lang), ids) in texts.iter_mut().zip(&review.languages).zip(sides) {
            text.push_str(&side_text(&lang.lang, &lang.sentences[ids.clone()]));
            text.push('\n');
        }
    }
    review.languages.iter().zip(texts).map(|(l, t)| (format!("corpus.{}", l.lang), t.into_bytes())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::{CsvKind, ExportFormat};
    use crate::review::testing::review;

    #[test]
    fn the_files_have_a_line_per_full_row_and_agree() {
        let mut r = review(&[&[(1, 1), (1, 0), (2, 1), (0, 1), (1, 1)], &[(1, 1), (1, 1), (2, 2), (1, 1)]]);
        r.languages[1].sentences[0] = "Две\nстроки".into();
        r.pairs[0].alignment.marks_mut()[4].score = 0.1;
        let rows = r.rows();
        let files = moses_files(&r, &rows, &ExportOptions::default());
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["corpus.en", "corpus.ru", "corpus.zh"]);
        let lines: Vec<Vec<&str>> =
            files.iter().map(|(_, b)| std::str::from_utf8(b).unwrap().lines().collect()).collect();
        // en 1 is deleted in ru: not a line. The 0-1 ru insertion goes with its row.
        assert_eq!(lines[0], ["en 0 word.", "en 2 word word word. en 3 word word word word.", "en 4 word."]);
        assert_eq!(lines[1][0], "Две строки");
        assert!(lines.iter().all(|l| l.len() == 3));
        let cut = ExportOptions::new(&[ExportFormat::Moses], CsvKind::Machine, Some(0.5)).unwrap();
        let files = moses_files(&r, &rows, &cut);
        assert_eq!(std::str::from_utf8(&files[2].1).unwrap().lines().count(), 2);
    }
}
