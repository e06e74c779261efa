//! Small reviews built through the library for the UI's tests and `tests/review_cli.rs` (which
//! includes this file): an English article with its Russian and Chinese versions, where Russian
//! merges two sentences and leaves one out, and a long Chinese sentence needs wrapping.

use std::path::Path;

use trialign::align::{Alignment, Bead};
use trialign::formats::save_review;
use trialign::lang::Lang;
use trialign::review::{BeadMark, Flag, Flags, Language, PairReview, PairRun, Review, ReviewedAlignment, Status};

pub const EN: [&str; 7] = [
    "The Security Council met on Monday.",
    "Its members discussed the situation in the region.",
    "Xi Jinping and Vladimir Putin signed 12 agreements.",
    "The agreements cover trade, energy and transport.",
    "Subscribe to our newsletter.",
    "Both leaders called the talks constructive.",
    "The next meeting will take place in Beijing in May.",
];
pub const RU: [&str; 5] = [
    "Совет Безопасности собрался в понедельник.",
    "Его члены обсудили положение в регионе.",
    "Си Цзиньпин и Владимир Путин подписали 12 соглашений о торговле, энергетике и транспорте.",
    "Оба лидера назвали переговоры конструктивными.",
    "Следующая встреча состоится в Пекине в мае.",
];
pub const ZH: [&str; 7] = [
    "安全理事会星期一举行会议。",
    "安理会成员讨论了该地区局势。",
    "习近平和弗拉基米尔·普京签署了12项协议。",
    "这些协议涵盖贸易、能源和交通运输等多个领域，双方还同意在未来五年内进一步扩大合作规模。",
    "订阅我们的新闻通讯。",
    "两位领导人称会谈具有建设性。",
    "下次会议将于五月在北京举行。",
];

/// en | ru | zh: six joined rows (`2-1-2` for the merged Russian sentence, `1-0-1` for the
/// newsletter line Russian left out).
pub fn three_languages() -> Review {
    let ru = pair_review(
        1,
        &[
            (1, 1, 0.97, &[]),
            (1, 1, 0.95, &[]),
            (2, 1, 0.62, &[Flag::NotOneToOne]),
            (1, 0, 0.31, &[Flag::NotOneToOne, Flag::LowScore]),
            (1, 1, 0.93, &[]),
            (1, 1, 0.98, &[]),
        ],
    );
    let zh = pair_review(
        2,
        &[
            (1, 1, 0.96, &[]),
            (1, 1, 0.94, &[]),
            (1, 1, 0.91, &[]),
            (1, 1, 0.88, &[]),
            (1, 1, 0.45, &[Flag::LowScore]),
            (1, 1, 0.92, &[]),
            (1, 1, 0.97, &[]),
        ],
    );
    Review::new(vec![language("en", &EN), language("ru", &RU), language("zh", &ZH)], vec![ru, zh], 0.5, 1.0, vec![])
        .expect("a valid review")
}

/// en | ru alone.
pub fn pair() -> Review {
    let mut review = three_languages();
    review.languages.truncate(2);
    review.pairs.truncate(1);
    Review::new(review.languages, review.pairs, 0.5, 1.0, vec![]).expect("a valid review")
}

/// Writes `review` as `dir/review.json` with the library's writer.
pub fn write(dir: &Path, review: &Review) {
    save_review(dir, review).expect("review.json written");
}

fn language(code: &str, sentences: &[&str]) -> Language {
    let text = sentences.join("\n");
    let lang = Lang::new(code).expect("a language code");
    Language::new(lang, format!("{code}.txt"), text.as_bytes(), sentences.iter().map(|s| s.to_string()).collect())
}

/// A pair from its beads: pivot sentences, other sentences, score, flags.
fn pair_review(other: usize, beads: &[(usize, usize, f64, &[Flag])]) -> PairReview {
    let (mut i, mut j) = (0, 0);
    let mut shapes = Vec::new();
    let mut marks = Vec::new();
    for &(a, b, score, flags) in beads {
        shapes.push(Bead::new(i..i + a, j..j + b));
        (i, j) = (i + a, j + b);
        let mut set = Flags::new();
        for &f in flags {
            set.insert(f);
        }
        marks.push(BeadMark { score, status: Status::Auto, risk: None, flags: set });
    }
    let alignment = Alignment::new(shapes, i, j).expect("contiguous beads");
    PairReview {
        other,
        run: PairRun::default(),
        alignment: ReviewedAlignment::new(alignment, marks).expect("one mark per bead"),
    }
}
