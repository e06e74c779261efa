use super::*;

/// A few CC-CEDICT readings, polyphonic characters with their dictionary order.
fn readings() -> Readings {
    let mut r = Readings::new();
    for (c, rs) in [
        ('习', &["xi"][..]),
        ('近', &["jin"]),
        ('平', &["ping"]),
        ('李', &["li"]),
        ('克', &["ke"]),
        ('强', &["qiang", "jiang"]),
        ('北', &["bei"]),
        ('京', &["jing"]),
        ('我', &["wo"]),
        ('们', &["men"]),
        ('曾', &["ceng", "zeng"]),
        ('国', &["guo"]),
        ('藩', &["fan"]),
        ('安', &["an"]),
        ('理', &["li"]),
        ('会', &["hui", "kuai"]),
        ('毛', &["mao"]),
        ('泽', &["ze"]),
        ('东', &["dong"]),
        ('欧', &["ou"]),
        ('阳', &["yang"]),
        ('修', &["xiu"]),
        ('吕', &["lu:"]),
        ('乐', &["le", "yue"]),
        ('行', &["xing", "hang"]),
        ('长', &["chang", "zhang"]),
        ('重', &["zhong", "chong"]),
        ('庆', &["qing"]),
        ('儿', &["er", "r"]),
        ('姚', &["yao"]),
        ('明', &["ming"]),
        ('西', &["xi"]),
        ('一', &["yi"]),
    ] {
        r.insert(c, rs.iter().map(|s| s.to_string()).collect());
    }
    r
}

fn keys(lang: &str, form: &str) -> Vec<String> {
    latin_keys(lang, form, None)
}

fn zh(form: &str) -> Vec<String> {
    latin_keys("zh", form, Some(&readings()))
}

/// Whether the two words would be taken for the same name.
fn same(a: &[String], b: &[String]) -> bool {
    a.iter().any(|k| b.contains(k))
}

#[track_caller]
fn assert_match(a: (&str, &str), b: (&str, &str)) {
    let (ka, kb) = (keys(a.0, a.1), keys(b.0, b.1));
    assert!(same(&ka, &kb), "{a:?} {ka:?} should match {b:?} {kb:?}");
}

#[track_caller]
fn assert_no_match(a: (&str, &str), b: (&str, &str)) {
    let (ka, kb) = (keys(a.0, a.1), keys(b.0, b.1));
    assert!(!same(&ka, &kb), "{a:?} {ka:?} should not match {b:?} {kb:?}");
}

// ---- Latin script ----

#[test]
fn latin_words_fold_diacritics() {
    assert_eq!(keys("en", "putin"), ["putin"]);
    assert_eq!(keys("fr", "françois"), ["francois"]);
    assert_eq!(keys("de", "straße"), ["strasse"]);
    assert_eq!(keys("da", "søren"), ["soren"]);
    assert_eq!(keys("pl", "wałęsa"), ["walesa"]);
    assert_eq!(keys("fr", "noël"), ["noel"]);
    // A decomposed accent (combining mark) folds the same.
    assert_eq!(keys("fr", "e\u{301}lise"), ["elise"]);
}

#[test]
fn umlauts_also_give_the_spelled_out_form() {
    assert_eq!(keys("de", "müller"), ["muller", "mueller"]);
    assert_match(("de", "müller"), ("en", "mueller"));
    assert_match(("de", "müller"), ("fr", "muller"));
    assert_match(("de", "schröder"), ("en", "schroeder"));
    assert_match(("hr", "đoković"), ("en", "djokovic"));
    assert_match(("hr", "đoković"), ("de", "dokovic"));
}

#[test]
fn latin_clitics_are_cut() {
    assert_eq!(keys("en", "putin's"), ["putin"]);
    assert_eq!(keys("en", "putin’s"), ["putin"]);
    assert_eq!(keys("fr", "d'estaing"), ["estaing"]);
    assert_eq!(keys("it", "dell'orto"), ["orto"]);
    assert_eq!(keys("en", "o'neill"), ["oneill"]);
    assert_eq!(keys("fr", "jean-pierre"), ["jeanpierre"]);
}

#[test]
fn german_genitive_gives_the_name() {
    assert_eq!(keys("de", "putins"), ["putins", "putin"]);
    assert_eq!(keys("de", "weiss"), ["weiss"]);
    assert_eq!(keys("en", "putins"), ["putins"]);
}

#[test]
fn two_letter_keys_only_for_pinyin_syllables() {
    assert_eq!(keys("en", "xi"), ["xi"]);
    assert_eq!(keys("en", "hu"), ["hu"]);
    assert_eq!(keys("en", "li"), ["li"]);
    assert!(keys("en", "ok").is_empty());
    assert!(keys("en", "uk").is_empty());
    assert!(keys("de", "zu").is_empty());
    assert!(keys("en", "x").is_empty());
}

#[test]
fn function_words_give_no_keys() {
    for (lang, word) in
        [("en", "he"), ("en", "the"), ("en", "most"), ("fr", "les"), ("fr", "son"), ("de", "da"), ("de", "was")]
    {
        assert!(keys(lang, word).is_empty(), "{lang} {word}: {:?}", keys(lang, word));
    }
}

#[test]
fn not_words_give_no_keys() {
    assert!(keys("en", "g7").is_empty());
    assert!(keys("en", "1956").is_empty());
    assert!(keys("en", "").is_empty());
    assert!(keys("en", "put.in").is_empty());
    // Mixed scripts.
    assert!(keys("ru", "путinx").is_empty());
    // Scripts without rules.
    assert!(keys("el", "αθήνα").is_empty());
    assert!(latin_keys("ja", "とうきょう", Some(&readings())).is_empty());
}

// ---- Cyrillic ----

#[test]
fn russian_names_match_english_spellings() {
    for (ru, en) in [
        ("путин", "putin"),
        ("лавров", "lavrov"),
        ("медведев", "medvedev"),
        ("шойгу", "shoigu"),
        ("хрущёв", "khrushchev"),
        ("горбачёв", "gorbachev"),
        ("ельцин", "yeltsin"),
        ("юрий", "yuri"),
        ("юрий", "yury"),
        ("дмитрий", "dmitry"),
        ("сергей", "sergei"),
        ("сергей", "sergey"),
        ("евгений", "yevgeny"),
        ("навальный", "navalny"),
        ("зеленский", "zelensky"),
        ("достоевский", "dostoevsky"),
        ("толстой", "tolstoy"),
        ("чайковский", "chaikovsky"),
        ("михаил", "mikhail"),
        ("васильев", "vasilyev"),
        ("васильев", "vasiliev"),
        ("соловьёв", "solovyov"),
        ("алексей", "alexei"),
        ("александр", "alexander"),
        ("александр", "aleksandr"),
        ("мария", "maria"),
        ("наталья", "natalya"),
        ("цой", "tsoi"),
        ("щербаков", "shcherbakov"),
        ("жуков", "zhukov"),
        ("киев", "kiev"),
    ] {
        assert_match(("ru", ru), ("en", en));
    }
}

#[test]
fn russian_names_match_german_and_french_spellings() {
    for (ru, lang, other) in [
        ("путин", "de", "putin"),
        ("лавров", "de", "lawrow"),
        ("медведев", "de", "medwedew"),
        ("шойгу", "de", "schoigu"),
        ("хрущёв", "de", "chruschtschow"),
        ("горбачёв", "de", "gorbatschow"),
        ("ельцин", "de", "jelzin"),
        ("путин", "fr", "poutine"),
        ("лавров", "fr", "lavrov"),
        ("шойгу", "fr", "choïgou"),
        ("хрущёв", "fr", "khrouchtchev"),
        ("горбачёв", "fr", "gorbatchev"),
        ("ельцин", "fr", "eltsine"),
        ("сергей", "fr", "sergueï"),
        ("толстой", "fr", "tolstoï"),
        ("василий", "fr", "vassili"),
    ] {
        assert_match(("ru", ru), (lang, other));
    }
}

#[test]
fn declined_russian_names_give_the_nominative() {
    for ru in ["путина", "путину", "путиным", "путине"] {
        assert_match(("ru", ru), ("en", "putin"));
    }
    assert_match(("ru", "лаврову"), ("en", "lavrov"));
    assert_match(("ru", "медведевым"), ("de", "medwedew"));
    assert_match(("ru", "зеленского"), ("en", "zelensky"));
    assert_match(("ru", "зеленскому"), ("en", "zelensky"));
    assert_match(("ru", "трампом"), ("ru", "трамп"));
    assert_match(("ru", "игоря"), ("en", "igor"));
    assert_match(("ru", "петровой"), ("en", "petrova"));
    // Both readings of the ambiguous form.
    assert_match(("ru", "медведева"), ("en", "medvedeva"));
    assert_match(("ru", "медведева"), ("en", "medvedev"));
}

#[test]
fn russian_variants_are_bounded_and_best_first() {
    let k = keys("ru", "шойгу");
    assert_eq!(k[0], "shoigu");
    assert!(k.contains(&"shoygu".to_string()), "{k:?}");
    for word in ["хрущёвым", "юрьевич", "щёлковского", "александровичем", "достоевского", "цзиньпина", "тяньаньмэнь"]
    {
        let k = keys("ru", word);
        assert!(!k.is_empty() && k.len() <= MAX_KEYS, "{word}: {k:?}");
    }
    assert_eq!(keys("ru", "ельцин")[0], "yeltsin");
}

#[test]
fn ukrainian_names() {
    assert_match(("uk", "зеленський"), ("en", "zelensky"));
    assert_match(("uk", "зеленський"), ("en", "zelenskyy"));
    assert_match(("uk", "зеленського"), ("en", "zelensky"));
    assert_match(("uk", "київ"), ("en", "kyiv"));
    assert_match(("uk", "харків"), ("en", "kharkiv"));
    assert_match(("uk", "володимир"), ("en", "volodymyr"));
    assert_match(("uk", "шевченка"), ("en", "shevchenko"));
    assert_match(("uk", "гончаренко"), ("en", "honcharenko"));
    // Russian reading of the same letters differs where the languages do.
    assert_no_match(("ru", "гончаренко"), ("en", "honcharenko"));
}

#[test]
fn bulgarian_and_serbian_names() {
    assert_match(("bg", "търново"), ("en", "tarnovo"));
    assert_match(("bg", "щерев"), ("en", "shterev"));
    assert_match(("sr", "ђоковић"), ("en", "djokovic"));
    assert_match(("sr", "ђоковић"), ("hr", "đoković"));
    assert_match(("sr", "вучић"), ("hr", "vučić"));
}

#[test]
fn cyrillic_word_in_a_latin_language_is_read_as_russian() {
    assert_match(("en", "путин"), ("en", "putin"));
    assert_match(("de", "сергей"), ("en", "sergei"));
}

// ---- Palladius ----

#[test]
fn palladius_reads_chinese_names_in_russian() {
    assert_eq!(keys("ru", "си"), ["xi"]);
    assert_eq!(keys("ru", "цзиньпин")[0], "jinping");
    for (ru, pinyin) in [
        ("цзиньпин", "jinping"),
        ("цзинь", "jin"),
        ("пин", "ping"),
        ("цзян", "jiang"),
        ("чжоу", "zhou"),
        ("сюй", "xu"),
        ("ши", "shi"),
        ("шэнь", "shen"),
        ("цзэдун", "zedong"),
        ("цзэминь", "zemin"),
        ("кэцян", "keqiang"),
        ("сяопин", "xiaoping"),
        ("цзиньтао", "jintao"),
        ("эньлай", "enlai"),
        ("хуэй", "hui"),
        ("люй", "lu"),
        ("шанхай", "shanghai"),
        ("тяньаньмэнь", "tiananmen"),
        ("чанъань", "changan"),
        ("сиань", "xian"),
        ("гуанчжоу", "guangzhou"),
        ("чжуань", "zhuan"),
        ("цзюань", "juan"),
    ] {
        let k = keys("ru", ru);
        assert!(k.contains(&pinyin.to_string()), "{ru}: {k:?} lacks {pinyin}");
    }
}

#[test]
fn xi_jinping_matches_word_by_word() {
    let xi = zh("习近平");
    assert!(same(&keys("ru", "си"), &xi));
    assert!(same(&keys("ru", "цзиньпин"), &xi));
    assert!(same(&keys("en", "xi"), &xi));
    assert!(same(&keys("en", "jinping"), &xi));
    assert_match(("ru", "си"), ("en", "xi"));
    assert_match(("ru", "цзиньпин"), ("en", "jinping"));
    // Declined, as Russian does with consonant-final given names.
    for ru in ["цзиньпина", "цзиньпину", "цзиньпином"] {
        assert!(same(&keys("ru", ru), &xi), "{ru}: {:?}", keys("ru", ru));
    }
    // A soft-sign stem: Цзян Цзэминь, Цзэминя, Цзэминем, Цзэмине.
    for ru in ["цзэминя", "цзэминем", "цзэмине"] {
        assert!(keys("ru", ru).contains(&"zemin".to_string()), "{ru}: {:?}", keys("ru", ru));
    }
}

#[test]
fn ukrainian_spelling_of_chinese_names() {
    assert!(keys("uk", "сі").contains(&"xi".to_string()));
    assert!(keys("uk", "цзіньпін").contains(&"jinping".to_string()));
    assert!(keys("uk", "ден").contains(&"deng".to_string()));
}

#[test]
fn palladius_needs_the_whole_word() {
    // Москва: мо-с-… does not divide into syllables.
    assert!(!keys("ru", "москва").iter().any(|k| is_pinyin_syllable(k) || k.starts_with("mo") && k.len() < 4));
    assert!(palladius::pinyin("ru", &"москва".chars().collect::<Vec<_>>()).is_none());
    assert!(palladius::pinyin("ru", &"цзиньпинх".chars().collect::<Vec<_>>()).is_none());
    assert!(palladius::pinyin("ru", &"ъси".chars().collect::<Vec<_>>()).is_none());
    assert!(palladius::pinyin("bg", &"си".chars().collect::<Vec<_>>()).is_some());
    assert!(keys("bg", "си").is_empty());
}

#[test]
fn palladius_table_is_complete_and_one_to_one() {
    let t = palladius::table();
    assert!(t.syllables.len() >= 400, "{}", t.syllables.len());
    let mut seen = HashSet::new();
    for line in data_lines(include_str!("palladius.tsv")) {
        let (c, p) = line.split_once('\t').unwrap();
        assert!(seen.insert(p), "{p} twice");
        assert!(c.chars().all(|c| ('а'..='я').contains(&c) || c == 'ё'), "{c}");
        // Each syllable reads as itself.
        let p = p.replace('ü', "u");
        assert_eq!(
            palladius::pinyin("ru", &c.chars().collect::<Vec<_>>()).filter(|_| c.chars().count() >= 2),
            (c.chars().count() >= 2).then_some(p)
        );
    }
    for s in ["xi", "jin", "ping", "zhuang", "lu", "nue", "er", "yo", "shei"] {
        assert!(is_pinyin_syllable(s), "{s}");
    }
    for s in ["of", "to", "he'", "tin", "ti ", "x", ""] {
        assert!(!is_pinyin_syllable(s), "{s}");
    }
}

#[test]
fn cyrillic_table_reads_every_letter() {
    for c in ('а'..='я').chain("ёіїєґўђјљњћџѓќѕ".chars()) {
        let r = cyrillic::read("ru", &[c]);
        assert!(r.is_some(), "{c}");
    }
    for lang in ["ru", "uk", "bg", "sr"] {
        for word in ["шойгу", "ельцин", "всё", "ъ"] {
            let r = cyrillic::read(lang, &word.chars().collect::<Vec<_>>()).unwrap();
            for k in r.en.iter().chain([&r.de, &r.fr]) {
                assert!(k.bytes().all(|b| b.is_ascii_lowercase()), "{lang} {word}: {k}");
            }
        }
    }
    assert!(cyrillic::read("ru", &['ә']).is_none());
}

// ---- Chinese ----

#[test]
fn chinese_personal_names_give_surname_and_given_name() {
    assert_eq!(zh("习近平"), ["xijinping", "xi", "jinping"]);
    assert_eq!(zh("毛泽东"), ["maozedong", "mao", "zedong"]);
    // Polyphonic given name: both readings, dictionary order.
    assert_eq!(zh("李克强"), ["likeqiang", "likejiang", "li", "keqiang", "kejiang"]);
    // The surname's own reading, not the dictionary's first.
    assert_eq!(zh("曾国藩"), ["zengguofan", "zeng", "guofan"]);
    // Compound surname with a one-character given name: no lone given-name key.
    assert_eq!(zh("欧阳修"), ["ouyangxiu", "ouyang"]);
    assert!(same(&zh("毛泽东"), &keys("ru", "цзэдун")));
    assert!(same(&zh("毛泽东"), &keys("ru", "мао")));
}

#[test]
fn other_chinese_words_give_their_whole_pinyin() {
    assert_eq!(zh("北京"), ["beijing"]);
    assert_eq!(zh("重庆"), ["zhongqing", "chongqing"]);
    assert!(same(&zh("重庆"), &keys("en", "chongqing")));
    assert_eq!(zh("姚明"), ["yaoming"]);
    // Two-character names match two words keyed together, as the module docs suggest.
    assert!(same(&zh("姚明"), &keys("en", "yaoming")));
    assert!(same(&zh("姚明"), &keys("ru", "яомин")));
    assert!(same(&zh("西安"), &keys("en", "xi'an")));
    assert!(same(&zh("西安"), &keys("ru", "сиань")));
    // 安理会 (the Security Council) starts with the surname 安 but ends like a word.
    assert_eq!(zh("安理会"), ["anlihui", "anlikuai"]);
    // ü written as u; erhua "r" is no syllable.
    assert_eq!(zh("吕一"), ["luyi"]);
    assert_eq!(zh("儿一"), ["eryi"]);
}

#[test]
fn chinese_without_readings_or_alone_gives_nothing() {
    assert!(latin_keys("zh", "习近平", None).is_empty());
    assert!(zh("习").is_empty());
    assert!(zh("平").is_empty());
    // A character without readings.
    assert!(zh("习近兲").is_empty());
    // Mixed with digits or Latin letters.
    assert!(zh("习7").is_empty());
}

#[test]
fn chinese_polyphony_is_bounded() {
    let mut r = readings();
    for c in ['甲', '乙', '丙', '丁'] {
        r.insert(c, ["a", "ba", "ca", "da", "fa"].iter().map(|s| s.to_string()).collect());
    }
    let k = latin_keys("zh", "甲乙丙丁", Some(&r));
    assert_eq!(k.len(), 4);
    assert_eq!(k[0], "aaaa"); // every first reading first
    let k = latin_keys("zh", "李乙丙", Some(&r));
    assert!(k.len() <= MAX_KEYS && k.contains(&"li".to_string()), "{k:?}");
}

// ---- Precision ----

#[test]
fn common_words_do_not_match_by_accident() {
    // Short Russian words: no transliteration below 3 letters, function words none at all.
    assert_no_match(("ru", "ше"), ("en", "she"));
    assert_no_match(("ru", "но"), ("en", "no"));
    assert_no_match(("ru", "он"), ("en", "on"));
    assert_no_match(("ru", "то"), ("en", "to"));
    assert_no_match(("ru", "мы"), ("en", "my"));
    assert_no_match(("ru", "бы"), ("en", "by"));
    assert_no_match(("ru", "да"), ("de", "da"));
    assert_no_match(("ru", "не"), ("fr", "ne"));
    assert_no_match(("ru", "лес"), ("fr", "les"));
    assert_no_match(("ru", "сон"), ("fr", "son"));
    assert_no_match(("ru", "мост"), ("en", "most"));
    assert_no_match(("ru", "его"), ("en", "ego"));
    assert_no_match(("ru", "мой"), ("fr", "moi"));
    assert_no_match(("ru", "вас"), ("de", "was"));
    // Russian words that are Palladius syllables: the particle ли is not the surname Li.
    assert!(!same(&keys("ru", "ли"), &zh("李克强")));
    assert!(keys("ru", "и").is_empty() && keys("ru", "у").is_empty());
    // Chinese function words whose pinyin is an English word.
    assert!(!same(&zh("我们"), &keys("en", "women")));
    // The English pronoun is not the surname He.
    assert!(keys("en", "he").is_empty());
    // Different names stay apart.
    assert_no_match(("ru", "путин"), ("en", "pushkin"));
    assert_no_match(("ru", "лавров"), ("en", "lavrova"));
    assert_no_match(("ru", "си"), ("en", "si"));
    assert_no_match(("ru", "цзиньпин"), ("en", "jingping"));
}

#[test]
fn every_key_is_valid() {
    let r = readings();
    let words = [
        ("ru", "путиным"),
        ("ru", "хрущёв"),
        ("ru", "александровичем"),
        ("ru", "цзиньпина"),
        ("ru", "шанхай"),
        ("uk", "зеленський"),
        ("uk", "їжак"),
        ("bg", "щастие"),
        ("sr", "џеј"),
        ("de", "müßiggänger"),
        ("fr", "l'œuvre"),
        ("zh", "习近平"),
        ("zh", "李克强"),
        ("zh", "北京"),
    ];
    for (lang, w) in words {
        let k = latin_keys(lang, w, Some(&r));
        assert!(!k.is_empty() && k.len() <= MAX_KEYS, "{w}: {k:?}");
        let unique: HashSet<&String> = k.iter().collect();
        assert_eq!(unique.len(), k.len(), "{w}: {k:?}");
        for key in &k {
            assert!(is_valid_key(key, 2), "{w}: {key}");
        }
    }
}

#[test]
fn language_codes_are_normalised() {
    assert_eq!(latin_keys("ZH-Hans", "习近平", Some(&readings())), zh("习近平"));
    assert_eq!(keys("uk_UA", "київ"), keys("uk", "київ"));
}

#[test]
fn k_best_orders_by_rank_sum() {
    let a: &[&str] = &["kh", "h"];
    let b: &[&str] = &["a"];
    let c: &[&str] = &["y", "i"];
    assert_eq!(k_best(&[a, b, c], 8), ["khay", "khai", "hay", "hai"]);
    assert_eq!(k_best(&[a, b, c], 2), ["khay", "khai"]);
    assert_eq!(k_best::<&str>(&[], 2), [""]);
}

#[test]
fn latin_words_in_other_scripts_use_english_function_words() {
    assert!(keys("ru", "the").is_empty());
    assert_eq!(keys("ru", "putin"), ["putin"]);
    assert_eq!(keys("en", "Putin"), ["putin"]);
    assert_eq!(keys("ru", "Путин"), keys("ru", "путин"));
}

/// cargo test --release --lib evidence::names::tests::speed -- --ignored --nocapture
#[test]
#[ignore]
fn speed() {
    let r = readings();
    let words = [
        ("ru", "путиным"),
        ("ru", "александровичем"),
        ("ru", "цзиньпина"),
        ("ru", "правительства"),
        ("en", "government"),
        ("de", "müller"),
        ("zh", "习近平"),
        ("zh", "北京"),
        ("uk", "зеленського"),
    ];
    let start = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..20_000 {
        for (l, w) in words {
            n += latin_keys(l, w, Some(&r)).len();
        }
    }
    let calls = 20_000 * words.len();
    println!("{calls} calls, {n} keys, {:.2} µs a call", start.elapsed().as_secs_f64() * 1e6 / calls as f64);
}
