//! Bad input: exit code 2, a message naming the file, and no output folder.

mod common;

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use common::*;
use tempfile::TempDir;

/// Runs `trialign align PIVOT OTHERS... -o TMP/out [--langs LANGS]` and
/// checks it fails with exit code 2, names `culprit` (when given) on stderr,
/// and creates no output folder.
fn align_fails(tmp: &TempDir, files: &[&Path], langs: Option<&str>, culprit: Option<&Path>) -> String {
    let langs: Vec<OsString> = langs.map(|l| vec!["--langs".into(), l.into()]).unwrap_or_default();
    align_fails_with(tmp, files, &langs, culprit)
}

/// [`align_fails`] with `extra` arguments after the files.
fn align_fails_with(tmp: &TempDir, files: &[&Path], extra: &[OsString], culprit: Option<&Path>) -> String {
    let out = tmp.path().join("out");
    let mut args: Vec<OsString> = vec!["align".into()];
    args.extend(files.iter().map(|f| f.as_os_str().to_owned()));
    args.extend(["-o".into(), out.clone().into_os_string()]);
    args.extend(extra.iter().cloned());
    let o = run(&args);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "expected exit code 2 for {args:?}; stderr:\n{err}\nstdout:\n{}", stdout(&o));
    if let Some(f) = culprit {
        let name = f.display().to_string();
        assert!(err.contains(&name), "stderr does not name {name}:\n{err}");
    }
    assert!(err.contains("error"), "no error message:\n{err}");
    assert!(!out.exists(), "the output folder was created for {args:?}");
    err
}

fn write(tmp: &TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let p = tmp.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Each bad file is tried as the translation and as the pivot.
fn bad_file_fails(name: &str, bytes: Option<&[u8]>) -> String {
    let tmp = TempDir::new().unwrap();
    let bad = match bytes {
        Some(b) => write(&tmp, name, b),
        None => tmp.path().join(name),
    };
    let (en, ru) = (statement("en.txt"), statement("ru.txt"));
    let err = align_fails(&tmp, &[&en, &bad], None, Some(&bad));
    align_fails(&tmp, &[&en, &bad], Some("en,ru"), Some(&bad));
    align_fails(&tmp, &[&bad, &ru], None, Some(&bad));
    align_fails(&tmp, &[&en, &ru, &bad], Some("en,ru,zh"), Some(&bad));
    // segment refuses it too.
    let o = run(["segment".as_ref(), bad.as_os_str()]);
    assert_eq!(o.status.code(), Some(2), "segment {name}: {}", stderr(&o));
    assert!(stderr(&o).contains(&bad.display().to_string()));
    err
}

#[test]
fn missing_file() {
    let err = bad_file_fails("no-such-file.txt", None);
    assert!(err.to_lowercase().contains("no such file"), "{err}");
}

#[test]
fn binary_file() {
    let mut bytes = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0".to_vec();
    bytes.extend((0..=255u8).cycle().take(2000));
    let err = bad_file_fails("program.bin", Some(&bytes));
    assert!(err.contains("binary"), "{err}");
}

#[test]
fn binary_file_with_text_extension() {
    bad_file_fails("looks-like.txt", Some(b"Some text\0\0\0 with NUL bytes\0 in it.\n"));
}

#[test]
fn invalid_utf8_when_utf8_is_given() {
    // Without --encoding such a file is another encoding's, and read as it
    // (tests/input_files.rs); named as UTF-8 it is garbled.
    let tmp = TempDir::new().unwrap();
    let bad = write(&tmp, "latin.txt", b"abc \xc3\x28 def. Another sentence here.\n");
    let o = run(["segment".as_ref(), bad.as_os_str(), "--encoding".as_ref(), "utf-8".as_ref()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("latin.txt: decoded as UTF-8 (as given)") && err.contains("bytes that are not UTF-8"),
        "{err}"
    );
}

#[test]
fn windows_1251_file_is_decoded() {
    // "Привет, мир. Как дела?" in Windows-1251.
    let tmp = TempDir::new().unwrap();
    let file = write(&tmp, "cp1251.txt", b"\xcf\xf0\xe8\xe2\xe5\xf2, \xec\xe8\xf0. \xca\xe0\xea \xe4\xe5\xeb\xe0?\n");
    let o = run(["segment".as_ref(), file.as_os_str(), "--lang".as_ref(), "ru".as_ref()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "Привет, мир.\nКак дела?\n");
    assert!(stderr(&o).contains("decoded from windows-1251 (guessed"), "{}", stderr(&o));
}

#[test]
fn empty_file() {
    let err = bad_file_fails("empty.txt", Some(b""));
    assert!(err.contains("empty"), "{err}");
}

#[test]
fn whitespace_only_file() {
    bad_file_fails("blank.txt", Some(b"  \n\t\r\n \xc2\xa0 \n\n"));
}

#[test]
fn russian_file_declared_chinese() {
    let tmp = TempDir::new().unwrap();
    let ru = statement("ru.txt");
    let err = align_fails(&tmp, &[&statement("en.txt"), &ru], Some("en,zh"), Some(&ru));
    assert!(err.contains("Cyrillic"), "{err}");
    align_fails(&tmp, &[&statement("en.txt"), &ru, &statement("zh.txt")], Some("en,zh,ru"), Some(&ru));
}

#[test]
fn files_in_the_wrong_order() {
    let tmp = TempDir::new().unwrap();
    let ru = statement("ru.txt");
    align_fails(&tmp, &[&ru, &statement("en.txt")], Some("en,ru"), Some(&ru));
}

#[test]
fn segment_with_wrong_language() {
    let ru = statement("ru.txt");
    let o = run(["segment".as_ref(), ru.as_os_str(), "--lang".as_ref(), "en".as_ref()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains(&ru.display().to_string()));
    assert!(o.stdout.is_empty());
}

#[test]
fn langs_with_wrong_count() {
    let tmp = TempDir::new().unwrap();
    let (en, ru, zh) = (statement("en.txt"), statement("ru.txt"), statement("zh.txt"));
    align_fails(&tmp, &[&en, &ru, &zh], Some("en,ru"), None);
    align_fails(&tmp, &[&en, &ru], Some("en,ru,zh"), None);
    align_fails(&tmp, &[&en, &ru], Some("en"), None);
}

#[test]
fn malformed_language_code() {
    let tmp = TempDir::new().unwrap();
    align_fails(&tmp, &[&statement("en.txt"), &statement("ru.txt")], Some("en,r1"), None);
}

/// An English text about growing tomatoes (15 sentences of even, moderate
/// length) and a Russian text about an ice-hockey match (seven very long
/// sentences, then eight very short ones), with unrelated numbers.
const UNRELATED_EN: &str = "\
Tomatoes need about 6 hours of direct sunlight every single day.
Gardeners in cold regions usually start their seedlings indoors in March.
Water the plants deeply twice a week rather than a little every day.
A thick layer of straw keeps the soil moist and suppresses the weeds.
Pinch off the small side shoots that grow between the stem and branches.
Some growers prefer sturdy wire cages to the traditional wooden stakes.
In 1893 a court ruled that the tomato counted as a vegetable for tariffs.
Botanically, however, the tomato is a berry and therefore a true fruit.
Pick the fruit when it is fully red but still firm to the touch.
Never store ripe tomatoes in the refrigerator, since cold ruins the taste.
Seeds from heirloom plants can be saved and sown again the next spring.
Ferment the seeds in a jar of water for 3 days before drying them.
Brandywine and Green Zebra are two of the best known heirloom varieties.
Rotate the beds every year so that soil diseases do not build up.
With a little care, 2 plants can feed a family for the whole summer.
";

const UNRELATED_RU: &str = "\
Вчера в Новосибирске прошёл первый в этом сезоне матч местной хоккейной команды, на который, несмотря на сильный мороз, снегопад и пробки, парализовавшие движение на нескольких центральных улицах города, пришли более 11 400 болельщиков, заполнивших трибуны почти целиком.
Во втором периоде нападающий хозяев дважды попал в штангу, а вратарь соперников отразил 47 бросков, что стало рекордом арены за всю её долгую историю, начиная с торжественного открытия в 1964 году, когда на первый матч пришёл весь городской актив.
После игры главный тренер заявил журналистам, что его команде явно не хватает скорости и дисциплины в обороне и что руководство клуба в ближайшие недели намерено подписать контракты сразу с двумя опытными защитниками из Финляндии и Чехии.
Многие болельщики жалуются на бесконечные очереди у входа, где проверка билетов и сумок занимает до 40 минут, и требуют от администрации открыть дополнительные турникеты со стороны парковки и трамвайной остановки, а также продлить работу буфетов.
Соперником в субботу будет клуб из Омска, который в прошлом сезоне неожиданно дошёл до полуфинала плей-офф и теперь считается одним из главных претендентов на чемпионство в восточной конференции лиги, по мнению большинства экспертов и букмекеров.
Клуб также объявил о запуске детской хоккейной школы, куда в течение ближайших 3 месяцев смогут бесплатно записаться мальчики и девочки в возрасте от 8 до 12 лет, проживающие в любом районе города или области, при наличии медицинской справки.
Мэрия пообещала к следующему сезону отремонтировать крышу ледового дворца, которая протекает уже несколько лет, заменить освещение и установить новое табло стоимостью около 90 миллионов рублей, часть которых выделит областной бюджет.
Счёт открыли гости.
Трибуны свистели.
Тренер злился.
Билеты подорожали.
Мэр молчит.
Прогноз неясен.
Ставки принимаются.
Сезон начинается.
";

/// Documents that are not translations of each other are refused: here
/// few aligned sentence pairs share a word the English–Russian lexicon
/// pairs. Fifteen short sentences a side are too few for the lengths alone
/// to tell, so this needs the Müller dictionary (scripts/setup.sh).
#[test]
fn documents_that_are_not_translations() {
    if !lexicons_installed(&["en", "ru"], "the not-a-translation check") {
        return;
    }
    let tmp = TempDir::new().unwrap();
    let en = write(&tmp, "tomatoes.en.txt", UNRELATED_EN.as_bytes());
    let ru = write(&tmp, "hockey.ru.txt", UNRELATED_RU.as_bytes());
    let err = align_fails(&tmp, &[&en, &ru], Some("en,ru"), Some(&ru));
    assert!(err.contains("translations"), "{err}");
    align_fails(&tmp, &[&en, &ru], None, Some(&ru));
}

/// The statement's English aligned with an unrelated Russian text, as the
/// second translation next to a good one: the whole run is refused.
#[test]
fn unrelated_document_among_translations() {
    let tmp = TempDir::new().unwrap();
    let ru = write(&tmp, "hockey.ru.txt", UNRELATED_RU.as_bytes());
    align_fails(&tmp, &[&statement("en.txt"), &statement("zh.txt"), &ru], Some("en,zh,ru"), Some(&ru));
}

/// A failed write exits with 1, not 2.
#[test]
fn unwritable_output_folder_exits_1() {
    let tmp = TempDir::new().unwrap();
    let file = write(&tmp, "a-file", b"not a folder");
    let out = file.join("out");
    let o = run([
        "align".as_ref(),
        statement("en.txt").as_os_str(),
        statement("ru.txt").as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
        "-q".as_ref(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains(&out.display().to_string()), "{}", stderr(&o));
}

#[test]
fn eval_bad_files_exit_2() {
    let tmp = TempDir::new().unwrap();
    let gold = statement("en-ru.gold");
    let missing = tmp.path().join("missing.align");
    let garbage = write(&tmp, "garbage.align", b"[0]:[0]:0.5\nthis is not a bead\n");
    for (g, p, culprit) in [(&gold, &missing, &missing), (&missing, &gold, &missing), (&gold, &garbage, &garbage)] {
        let o = run(["eval".as_ref(), g.as_os_str(), p.as_os_str()]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains(&culprit.display().to_string()), "{}", stderr(&o));
    }
    let o = run(["eval".as_ref(), "--set".as_ref(), tmp.path().join("no-set-en-ru").as_os_str()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn perturb_needs_two_languages() {
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("set-en");
    let o = run([
        "perturb".as_ref(),
        tmp.path().as_os_str(),
        "--langs".as_ref(),
        "en".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!out.exists());
}

#[test]
fn bad_weights_file() {
    let tmp = TempDir::new().unwrap();
    let short = write(&tmp, "weights.tsv", b"lexical\t0.45\nparagraph\t2.5\n");
    let missing = tmp.path().join("no-such-weights.tsv");
    for (weights, says) in [(&short, "no weight for smoothing"), (&missing, "cannot be read")] {
        let extra = ["--weights".into(), weights.clone().into_os_string()];
        let err = align_fails_with(&tmp, &[&statement("en.txt"), &statement("ru.txt")], &extra, Some(weights));
        assert!(err.contains(says), "{err}");
    }
}

/// Two documents in one language, or the pivot given again, would write the
/// same files: refused before anything is aligned.
#[test]
fn two_files_in_one_language_or_the_pivot_twice() {
    let tmp = TempDir::new().unwrap();
    let (en, ru) = (statement("en.txt"), statement("ru.txt"));
    let copy = write(&tmp, "copy.ru.txt", &std::fs::read(&ru).unwrap());
    let err = align_fails(&tmp, &[&en, &ru, &copy], None, Some(&copy));
    assert!(err.contains("both ru"), "{err}");
    let err = align_fails(&tmp, &[&en, &en], Some("en,en"), Some(&en));
    assert!(err.contains("both en"), "{err}");
}

#[test]
fn review_threshold_out_of_range() {
    let tmp = TempDir::new().unwrap();
    let (en, ru) = (statement("en.txt"), statement("ru.txt"));
    for bad in ["2", "-0.1", "NaN"] {
        let err = align_fails_with(&tmp, &[&en, &ru], &[format!("--review-threshold={bad}").into()], None);
        assert!(err.contains("--review-threshold") && err.contains("between 0 and 1"), "{err}");
    }
}

#[test]
fn output_naming_a_file() {
    let tmp = TempDir::new().unwrap();
    let file = write(&tmp, "taken.txt", b"not a folder\n");
    let (en, ru) = (statement("en.txt"), statement("ru.txt"));
    let o = run(["align".as_ref(), en.as_os_str(), ru.as_os_str(), "-o".as_ref(), file.as_os_str()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains(&format!("-o {}: is a file", file.display())), "{}", stderr(&o));
    assert_eq!(read(&file), "not a folder\n");
}

#[test]
fn missing_lexicon_is_reported_once() {
    let tmp = TempDir::new().unwrap();
    let missing = tmp.path().join("missing.tsv");
    let (en, ru) = (statement("en.txt"), statement("ru.txt"));
    let err = align_fails_with(&tmp, &[&en, &ru], &["--lexicon".into(), missing.clone().into()], Some(&missing));
    let line = err.lines().find(|l| l.contains("error")).unwrap();
    assert_eq!(line.matches("No such file").count(), 1, "{line}");
}

#[test]
fn segment_help_describes_file() {
    let help = ok(["segment", "--help"]);
    assert!(help.contains("<FILE>  The document to split"), "{help}");
}

/// An unknown code is accepted, with a warning; its pair finds no lexicon,
/// and the summary says how to install them (but not with --no-lexicons).
#[test]
fn unknown_language_code_warns_and_no_lexicon_gives_a_hint() {
    let tmp = TempDir::new().unwrap();
    let (en, ru) = (statement("en.txt"), statement("ru.txt"));
    let out = tmp.path().join("out");
    let args = |extra: &[&str]| {
        let mut a: Vec<OsString> = vec!["align".into(), en.clone().into(), ru.clone().into(), "-o".into()];
        a.extend([out.clone().into_os_string(), "--langs".into(), "en,xx".into(), "--force".into()]);
        a.extend(extra.iter().map(OsString::from));
        a
    };
    let o = run(args(&[]));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("warning: `xx` is not a language trialign knows"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("`en` is not"), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("lexicons: none (run scripts/setup.sh to install CC-CEDICT and Müller"),
        "{}",
        stdout(&o)
    );
    let o = run(args(&["--no-lexicons"]));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("lexicons: none;"), "{}", stdout(&o));
}

#[test]
fn eval_of_different_documents_is_refused() {
    let tmp = TempDir::new().unwrap();
    let gold = statement("en-ru.gold");
    let other = write(&tmp, "other.align", b"[0]:[0]:0.9\n[1]:[1]:0.8\n");
    // As GOLD, the short file: the prediction has sentences its document lacks.
    let o = run(["eval".as_ref(), other.as_os_str(), gold.as_os_str()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains(&gold.display().to_string()) && err.contains(&other.display().to_string()), "{err}");
    assert!(err.contains("different documents"), "{err}");
    assert_eq!(stdout(&o), "");
    // A prediction that covers fewer sentences is scored, with a warning.
    let o = run(["eval".as_ref(), gold.as_os_str(), other.as_os_str()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("warning") && stderr(&o).contains(&gold.display().to_string()), "{}", stderr(&o));
    // The gold against itself is scored, without a warning.
    let o = run(["eval".as_ref(), gold.as_os_str(), gold.as_os_str()]);
    assert!(o.status.success() && stderr(&o).is_empty(), "{}", stderr(&o));
}

/// A text without sentence punctuation is split at its line breaks, and
/// the user is told.
#[test]
fn text_without_sentence_punctuation_falls_back_to_lines() {
    let tmp = TempDir::new().unwrap();
    let text = vec!["a line of verse without any punctuation at all"; 80].join("\n");
    let file = write(&tmp, "verse.txt", text.as_bytes());
    let o = run(["segment".as_ref(), file.as_os_str(), "--lang".as_ref(), "en".as_ref()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 80, "{}", stdout(&o));
    assert!(stderr(&o).contains("split at their line breaks"), "{}", stderr(&o));
}

/// An unrelated English text of the statement's size (a bread recipe,
/// tests/fixtures/unrelated) is refused against the statement's Russian and
/// Chinese without any lexicon: its sentence lengths do not go with theirs.
#[test]
fn unrelated_text_refused_without_lexicons() {
    let recipe = root().join("tests/fixtures/unrelated/recipe.en.txt");
    for other in ["ru.txt", "zh.txt"] {
        let tmp = TempDir::new().unwrap();
        let other = statement(other);
        let err = align_fails_with(&tmp, &[&recipe, &other], &["--no-lexicons".into()], Some(&other));
        assert!(err.contains(&recipe.display().to_string()), "{err}");
        assert!(err.contains("do not look like translations") && err.contains("no lexicon could tell more"), "{err}");
    }
}

/// The statement itself is accepted without lexicons, and the summary (and
/// summary.json) says it could not be checked: 12 aligned pairs are too few
/// for the words alone.
#[test]
fn shipped_corpus_accepted_without_lexicons_with_a_warning() {
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("out");
    let o = run([
        OsString::from("align"),
        statement("en.txt").into(),
        statement("ru.txt").into(),
        statement("zh.txt").into(),
        "--no-lexicons".into(),
        "-o".into(),
        out.clone().into(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let said = stdout(&o);
    assert_eq!(said.matches("warning: could not check that these are translations").count(), 2, "{said}");
    let summary: serde_json::Value = serde_json::from_str(&read(&out.join("summary.json"))).unwrap();
    for pair in summary["pairs"].as_array().unwrap() {
        assert!(pair["unchecked"].as_str().unwrap().contains("too few for the words alone"), "{pair}");
    }
}
