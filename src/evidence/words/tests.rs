use std::path::{Path, PathBuf};

use super::*;

fn tiny_dict() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/evidence/words/testdata/jieba_tiny.txt")
}

fn tokenizer(lang: &str) -> Tokenizer {
    Tokenizer::new(lang, None).unwrap()
}

fn forms(t: &Tokenizer, text: &str) -> Vec<String> {
    t.words(text).into_iter().map(|w| w.form).collect()
}

fn keys(t: &Tokenizer, text: &str) -> Vec<String> {
    t.words(text).into_iter().map(|w| w.key).collect()
}

fn word<'w>(words: &'w [Word], form: &str) -> &'w Word {
    words.iter().find(|w| w.form == form).unwrap_or_else(|| panic!("no {form:?} in {words:?}"))
}

#[test]
fn english_stems_drops_stop_words_numbers_and_clitics() {
    let en = tokenizer("en");
    let words = en.words("The President's talks don't start until Monday, and 2,000 people waited.");
    let got: Vec<&str> = words.iter().map(|w| w.form.as_str()).collect();
    assert_eq!(got, ["president", "talks", "start", "monday", "people", "waited"]);
    assert_eq!(word(&words, "talks").key, "talk");
    assert_eq!(word(&words, "waited").key, "wait");
    assert!(word(&words, "president").capitalised);
    assert!(word(&words, "monday").capitalised);
    assert!(!word(&words, "people").capitalised);
    // They're / we've / I'm: pronouns once the clitic is off.
    assert!(en.words("They're sure we've seen what I'm doing").iter().all(|w| w.form != "they" && w.form != "we"));
}

#[test]
fn english_keys_are_shared_by_inflections() {
    let en = tokenizer("en");
    assert_eq!(keys(&en, "negotiations"), keys(&en, "Negotiation"));
    assert_eq!(keys(&en, "agreed"), keys(&en, "agreeing"));
}

#[test]
fn one_letter_words_and_numbers_are_left_out() {
    let en = tokenizer("en");
    assert_eq!(forms(&en, "A b c 42 3.14 1,000,000 x-ray"), ["ray"]);
    // Digits inside a word keep it a word; alone they are a number.
    assert_eq!(forms(&en, "G20 leaders met in 2019; COVID-19 spread"), ["g20", "leaders", "met", "covid", "spread"]);
    // Numbers with endings are numbers; with capitals they are names.
    assert_eq!(forms(&en, "the 1960s, the 10th, 5km, 5G and 3D"), ["5g", "3d"]);
}

#[test]
fn dashes_and_hyphens_separate_words() {
    let en = tokenizer("en");
    assert_eq!(forms(&en, "Putin–Xi talks—again"), ["putin", "xi", "talks"]);
    let ru = tokenizer("ru");
    assert_eq!(forms(&ru, "Нью-Йорк"), ["нью", "йорк"]);
    // -то, -либо, -нибудь are particles.
    assert_eq!(forms(&ru, "кто-нибудь"), Vec::<String>::new());
}

#[test]
fn acronyms_are_not_stop_words() {
    let en = tokenizer("en");
    assert_eq!(forms(&en, "the US and the WHO, us and who"), ["us", "who"]);
}

#[test]
fn abbreviations_keep_their_dots() {
    let en = tokenizer("en");
    let words = en.words("The U.S. economy, e.g. jobs");
    let got: Vec<&str> = words.iter().map(|w| w.form.as_str()).collect();
    assert_eq!(got, ["u.s.", "economy", "jobs"]);
    assert_eq!(words[0].key, "u.s.");
    assert!(words[0].capitalised);
    let ru = tokenizer("ru");
    assert_eq!(forms(&ru, "т.е. США"), ["сша"]);
}

#[test]
fn russian_folds_yo_and_stems() {
    let ru = tokenizer("ru");
    assert_eq!(keys(&ru, "переговоров"), keys(&ru, "Переговоры"));
    let words = ru.words("Ёлки и ёлка, ещё её");
    assert_eq!(words.len(), 2, "{words:?}");
    assert_eq!(words[0].form, "ёлки", "the form keeps ё");
    assert!(words[0].capitalised);
    assert!(!words[0].key.contains('ё'));
    assert_eq!(words[0].key, keys(&ru, "елки")[0]);
    assert_eq!(words[0].key, words[1].key);
    // Stress marks are not letters of the word.
    assert_eq!(forms(&ru, "приве́т"), ["привет"]);
}

#[test]
fn russian_stop_words() {
    let ru = tokenizer("ru");
    let text = "Он сказал, что это было бы не так, и они с ним согласились.";
    assert_eq!(forms(&ru, text), ["сказал", "согласились"]);
}

#[test]
fn german() {
    let de = tokenizer("de");
    let words = de.words("Die Verhandlungen über den Vertrag wurden am 3. Mai fortgesetzt.");
    let got: Vec<&str> = words.iter().map(|w| w.form.as_str()).collect();
    assert_eq!(got, ["verhandlungen", "vertrag", "mai", "fortgesetzt"]);
    assert!(word(&words, "vertrag").capitalised);
    assert_eq!(keys(&de, "Verhandlungen"), keys(&de, "Verhandlung"));
    // ß, umlauts: stemmed keys match across spellings the stemmer knows.
    assert_eq!(keys(&de, "Straße"), keys(&de, "Strasse"));
}

#[test]
fn french_elisions_are_split_off() {
    let fr = tokenizer("fr");
    let words = fr.words("L'Europe et l’Asie, qu'il s'agisse d'aujourd'hui ou jusqu'à demain, c'est l'avenir.");
    let got: Vec<&str> = words.iter().map(|w| w.form.as_str()).collect();
    assert_eq!(got, ["europe", "asie", "agisse", "aujourd'hui", "demain", "avenir"]);
    assert!(word(&words, "europe").capitalised, "the capital of Europe, not of L'");
    assert!(word(&words, "asie").capitalised);
    assert_eq!(keys(&fr, "l'Europe"), keys(&fr, "Europe"));
}

#[test]
fn chinese_without_dictionary_is_cut_into_characters() {
    let zh = tokenizer("zh");
    assert!(!zh.has_dictionary());
    let words = zh.words("习近平和普京在北京会见了记者。");
    let got: Vec<&str> = words.iter().map(|w| w.form.as_str()).collect();
    // 和 在 了 are stop-words; 会 is kept, as it may be part of 会见, 会议 or 社会.
    assert_eq!(got, ["习", "近", "平", "普", "京", "北", "京", "会", "见", "记", "者"]);
    assert!(words.iter().all(|w| w.key == w.form && !w.capitalised));
}

#[test]
fn chinese_with_dictionary_keeps_words_whole() {
    let zh = Tokenizer::new("zh", Some(&tiny_dict())).unwrap();
    assert!(zh.has_dictionary());
    let got = forms(&zh, "习近平和普京在北京会见。中国与俄罗斯举行会谈");
    assert_eq!(got, ["习近平", "普京", "北京", "会见", "中国", "俄罗斯", "举行", "会谈"]);
    // 会 alone is the modal "can": a stop-word once the dictionary cut it out.
    assert!(!forms(&zh, "习近平会会见普京").contains(&"会".to_string()));
}

#[test]
fn chinese_with_latin_words_and_fullwidth_forms() {
    for zh in [tokenizer("zh"), Tokenizer::new("zh", Some(&tiny_dict())).unwrap()] {
        let words = zh.words("俄罗斯总统普京（Putin）说，U.S.的Ｇ２０会议在2019年举行！");
        let latin: Vec<&Word> = words.iter().filter(|w| w.form.is_ascii()).collect();
        assert_eq!(latin.len(), 3, "{words:?}");
        assert_eq!((latin[0].form.as_str(), latin[0].key.as_str(), latin[0].capitalised), ("putin", "putin", true));
        assert_eq!(latin[1].form, "u.s.");
        assert_eq!(latin[2].form, "g20", "full-width letters and digits made plain by NFKC");
        assert!(words.iter().all(|w| {
            !w.form.contains(['（', '，', '！']) && w.form != "2019" && w.form != "的" && w.form != "在"
        }));
    }
}

#[test]
fn han_characters_in_other_languages_are_words_too() {
    let en = tokenizer("en");
    assert_eq!(forms(&en, "The word 和平 means peace"), ["word", "和", "平", "means", "peace"]);
}

#[test]
fn unknown_language_has_no_stop_words_and_no_stemmer() {
    let xx = tokenizer("xx");
    assert!(!xx.has_stemmer());
    let words = xx.words("The cats Ёлки");
    assert_eq!(words.iter().map(|w| w.key.as_str()).collect::<Vec<_>>(), ["the", "cats", "елки"]);
    assert_eq!(words[2].form, "ёлки");
}

#[test]
fn language_codes_use_their_primary_subtag() {
    assert_eq!(tokenizer("EN-us").lang(), "en");
    assert!(tokenizer("zh_Hant").is_stop_word("的"));
    assert!(Tokenizer::new("zh-Hans", Some(&tiny_dict())).unwrap().has_dictionary());
    // The dictionary is Chinese only.
    assert!(!Tokenizer::new("en", Some(&tiny_dict())).unwrap().has_dictionary());
}

#[test]
fn stop_word_lists_are_read() {
    assert!(tokenizer("en").is_stop_word("The"));
    assert!(tokenizer("en").is_stop_word("don’t"));
    assert!(tokenizer("ru").is_stop_word("её"));
    assert!(tokenizer("ru").is_stop_word("ее"));
    assert!(tokenizer("de").is_stop_word("über"));
    assert!(tokenizer("fr").is_stop_word("été"));
    assert!(tokenizer("zh").is_stop_word("我们"));
    assert!(!tokenizer("en").is_stop_word("peace"));
    for (lang, text) in [
        ("en", stopwords::EN),
        ("ru", stopwords::RU),
        ("de", stopwords::DE),
        ("fr", stopwords::FR),
        ("zh", stopwords::ZH),
    ] {
        let n = stopwords::StopWords::parse(text).len();
        assert!((100..=260).contains(&n), "{lang}: {n} stop-words");
    }
}

#[test]
fn dictionary_errors() {
    let missing = Tokenizer::new("zh", Some(Path::new("/nonexistent/dict.txt")));
    assert!(matches!(missing, Err(WordsError::Dictionary { .. })));
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, "习近平 many nr\n").unwrap();
    let err = Tokenizer::new("zh", Some(&bad)).unwrap_err();
    assert!(matches!(err, WordsError::BadDictionary { .. }), "{err}");
    assert!(err.to_string().contains("bad.txt"));
    // An empty dictionary is no error and cuts as best it can.
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let zh = Tokenizer::new("zh", Some(&empty)).unwrap();
    assert!(!zh.words("普京会见习近平").is_empty());
}

#[test]
fn tokenizer_is_shared_across_threads() {
    let zh = Tokenizer::new("zh", Some(&tiny_dict())).unwrap();
    let expected = zh.words("习近平和普京在北京会见。");
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                for _ in 0..100 {
                    assert_eq!(zh.words("习近平和普京在北京会见。"), expected);
                }
            });
        }
    });
}

/// With jieba's real dictionary (`TRIALIGN_JIEBA_DICT=…/jieba-rs-0.11.0/src/data/dict.txt`):
/// names stay whole. (Not "习近平和普京": the dictionary has a word 和普京, frequency 3, and
/// jieba cuts 和普京 whole, with or without the HMM.)
#[test]
fn chinese_with_the_real_dictionary() {
    let Some(path) = std::env::var_os("TRIALIGN_JIEBA_DICT") else {
        eprintln!("TRIALIGN_JIEBA_DICT not set: skipping the test with jieba's dictionary");
        return;
    };
    let zh = Tokenizer::new("zh", Some(Path::new(&path))).unwrap();
    for text in [
        "国家主席习近平同俄罗斯总统普京举行会谈。",
        "习近平主席会见普京总统",
        "普京说，俄中关系处于历史最好水平。",
        "习近平与普京在北京签署了联合声明",
    ] {
        let got = forms(&zh, text);
        assert!(got.iter().any(|f| f == "普京"), "{text}: {got:?}");
        if text.contains("习近平") {
            assert!(got.iter().any(|f| f == "习近平"), "{text}: {got:?}");
        }
    }
    assert_eq!(forms(&zh, "我们已经在北京举行了会谈"), ["北京", "举行", "会谈"]);
    // Names missing from the dictionary: the HMM joins them (张伟 is not in it).
    assert_eq!(forms(&zh, "张伟去了渝北区"), ["张伟", "去", "渝北区"]);
}

proptest::proptest! {
    /// The shortcuts that skip NFKC must not change the words: text and its
    /// NFKC form give the same words. And no word is empty, a bare number or
    /// (outside Han) a single character.
    #[test]
    fn normalising_first_changes_nothing(
        text in "[a-zA-Zа-яА-ЯёЁ习近平普京和的会见，。（）！：？、《》 0-9'’.\u{2019}\u{0301}\u{0308}\u{00A0}\u{00AD}\u{FF21}-\u{FF3A}\u{FF10}-\u{FF19}ﬁ…-]{0,40}"
    ) {
        use unicode_normalization::UnicodeNormalization;
        let normalised: String = text.nfkc().collect();
        for t in [tokenizer("en"), tokenizer("ru"), Tokenizer::new("zh", Some(&tiny_dict())).unwrap()] {
            let words = t.words(&text);
            proptest::prop_assert_eq!(&words, &t.words(&normalised));
            for w in &words {
                proptest::prop_assert!(!w.key.is_empty());
                proptest::prop_assert!(!w.form.chars().all(|c| c.is_ascii_digit()));
                proptest::prop_assert!(w.form.chars().nth(1).is_some() || w.form.chars().all(chars::is_han));
            }
        }
    }
}
