//! Sentence boundary rules: a generic mechanism here, the language-specific
//! lists in data files beside this module (`rules/*.txt`).
//!
//! # Data files
//!
//! UTF-8 text. `#` starts a comment that runs to the end of the line; blank
//! lines are ignored. A line `[name]` starts a section; every other line is
//! an entry of the current section:
//!
//! | section | entries |
//! |---|---|
//! | `[terminators]` | marks, separated by white space, that end a sentence when white space and the start of a sentence follow (`. ! ? …`) |
//! | `[tight-terminators]` | marks that end a sentence whatever follows (`。 ！ ？`) |
//! | `[abbreviations]` | one per line: never ends a sentence (`Mr.`, `e.g.`) |
//! | `[may-end]` | ends a sentence only before a capital letter (`etc.`) |
//! | `[before-number]` | never ends a sentence before a number, else like any word (`No. 5`) |
//! | `[after-number]` | ends a sentence before a capital only right after a number (`2023 г. Эксперты`, but `г. Москва`) |
//!
//! Abbreviations are written with their final full stop, matched without
//! regard to case, and may be two words separated by a space (`т. д.`,
//! `et al.`); the two-word reading is tried first. Each rule set merges one or
//! two files ([`RuleSet`]).
//!
//! # Sentences
//!
//! A sentence ends after a run of terminators and the closing quotes and
//! brackets that follow them (`.”`, `?»`, `!)`, `。」`) when:
//!
//! - the run holds a tight terminator; or
//! - white space follows, then the start of a sentence: a letter that is not
//!   lower-case, a digit, or opening quotes, brackets or a dash (dialogue)
//!   before anything but a lower-case letter (`— Да? — спросил он.` is one
//!   sentence); or
//! - a Chinese or Japanese character follows directly; or
//! - a lone terminator sits between a lower-case word of two letters or more
//!   (not an abbreviation) and a capitalised word (`conflict.The`), outside
//!   e-mail addresses, URLs and paths.
//!
//! A single full stop does not end a sentence after an abbreviation of the
//! data file (or the first word of a two-word one: `z. B.`), after an initial (a single capital: `J. R. R. Tolkien`,
//! `U.S.`; so `World War I. Then` is not split either), or after a list
//! number at the start of a sentence (`1.`, `IV.`, `a.`). Numbers (`3.5`),
//! domains (`kremlin.ru`) and ellipses before a lower-case word are no
//! boundaries because no white space or no capital follows.
//!
//! Ambiguous cases are settled in the data files: `e.g.`, `i.e.` and titles
//! (`Mr.`, `St.`, `Jr.`) never end a sentence; `etc.`, `Inc.`, `т.д.` end
//! one before a capital letter; `г.` ends one before a capital only after a
//! number (`2023 г. Эксперты` is split, and so is `в 2023 г. Москва …`).
//!
//! # Lines and paragraphs
//!
//! A blank line (only white space) ends a sentence and a paragraph. A single
//! line break inside a paragraph also ends a sentence (titles, list items,
//! `Subscribe`), unless the line ends without a terminator and the next one
//! starts with a lower-case letter: then the sentence runs on.
//!
//! Hard-wrapped prose (most line breaks fall after a long line without a
//! terminator and before a word that is not capitalised) is read the other
//! way: a line break is white space, so `said\nI` and `Mr.\nDarcy` stay
//! together, except after a short line without a terminator (a title or a
//! list item in the middle of the text).
//!
//! A document without blank lines that is not hard-wrapped has one paragraph
//! per line (a line that runs on into the next belongs to its paragraph).
//! Paragraph numbers count paragraphs that hold a sentence, from 0.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

use crate::input::is_space;
use crate::lang::{dominant_script, Lang, Script};

/// Closing quotes and brackets: they stay with the sentence they follow.
/// `“`, `‘` and `«` close quotations in German (`„Ja.“`) and are only read
/// this way right after a terminator.
const CLOSERS: &[char] = &[
    '"', '\'', '”', '’', '“', '‘', '»', '«', '›', '‹', ')', ']', '}', '）', '］', '｝', '」', '』', '〉', '》', '】',
    '〕',
];

/// Opening quotes and brackets (and Spanish `¿ ¡`): a sentence may start
/// with them. `»` opens quotations in German (`»Ja«`).
const OPENERS: &[char] = &[
    '"', '\'', '“', '‘', '„', '‚', '«', '»', '‹', '›', '(', '[', '{', '（', '［', '｛', '「', '『', '〈', '《', '【',
    '〔', '¿', '¡',
];

/// Dashes that open a line of dialogue (`— Да. — Нет.`).
const DASHES: &[char] = &['-', '‐', '–', '—', '―'];

/// The mark of abbreviations, initials and list numbers.
const FULL_STOP: char = '.';

/// Longest word (in bytes) looked at around a full stop. Longer runs without
/// white space are not abbreviations or initials, and bounding the look keeps
/// the split linear in the length of the text.
const MAX_WORD: usize = 64;

/// Most quotes, brackets and dashes looked through for the first letter of
/// a sentence.
const MAX_LEAD: usize = 8;

/// Lines of hard-wrapped prose are at least this wide (in columns, Chinese
/// and Japanese characters counting two); titles and list items are often
/// shorter.
const WRAP_MIN_COLUMNS: usize = 30;

/// What the full stop of an abbreviation means for the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Abbreviation {
    /// Never ends a sentence.
    Never,
    /// Ends a sentence only before a capital letter.
    MayEnd,
    /// Never ends a sentence before a number; elsewhere an ordinary word.
    BeforeNumber,
    /// Ends a sentence before a capital letter right after a number only.
    AfterNumber,
}

/// The sections of a data file.
#[derive(Debug, Clone, Copy)]
enum Section {
    Terminators,
    TightTerminators,
    Abbreviations(Abbreviation),
}

impl Section {
    fn parse(name: &str) -> Option<Section> {
        Some(match name {
            "terminators" => Section::Terminators,
            "tight-terminators" => Section::TightTerminators,
            "abbreviations" => Section::Abbreviations(Abbreviation::Never),
            "may-end" => Section::Abbreviations(Abbreviation::MayEnd),
            "before-number" => Section::Abbreviations(Abbreviation::BeforeNumber),
            "after-number" => Section::Abbreviations(Abbreviation::AfterNumber),
            _ => return None,
        })
    }
}

/// The sentence rules of one language or script, read from data files.
#[derive(Debug)]
struct Rules {
    /// End a sentence when white space and a sentence start follow.
    terminators: Vec<char>,
    /// End a sentence whatever follows.
    tight: Vec<char>,
    /// Lower-cased, with the final full stop, words separated by one space.
    abbreviations: HashMap<String, Abbreviation>,
    /// The first words of the two-word abbreviations, and the last words of
    /// all (lower-cased, with their full stops): most words before a full
    /// stop are neither, and need no more look-ups.
    first_words: HashSet<String>,
    last_words: HashSet<String>,
    /// The first bytes of the terminators in UTF-8: the scan for the next
    /// terminator looks at bytes and decodes only these.
    leads: [bool; 256],
}

/// A data file: its name (for messages) and its text.
type Source = (&'static str, &'static str);

const EN: Source = ("en.txt", include_str!("rules/en.txt"));
const LATIN: Source = ("latin.txt", include_str!("rules/latin.txt"));
const RU: Source = ("ru.txt", include_str!("rules/ru.txt"));
const CYRILLIC: Source = ("cyrillic.txt", include_str!("rules/cyrillic.txt"));
const CJK: Source = ("cjk.txt", include_str!("rules/cjk.txt"));

/// The rule sets, each merged from one or two data files.
#[derive(Debug, Clone, Copy)]
enum RuleSet {
    English,
    Latin,
    Russian,
    Cyrillic,
    Cjk,
}

impl RuleSet {
    const ALL: [RuleSet; 5] = [RuleSet::English, RuleSet::Latin, RuleSet::Russian, RuleSet::Cyrillic, RuleSet::Cjk];

    /// English and Russian have rules of their own; any other language (or
    /// an unknown code, by the script of the text) gets the merged rules of
    /// its script. Scripts without rules fall back to the Latin ones, whose
    /// terminators most scripts share.
    fn of(lang: &Lang, text: &str) -> RuleSet {
        match lang.code() {
            "en" => RuleSet::English,
            "ru" => RuleSet::Russian,
            _ => match lang.script().or_else(|| dominant_script(text)) {
                Some(Script::Cyrillic) => RuleSet::Cyrillic,
                Some(Script::Han | Script::Kana) => RuleSet::Cjk,
                Some(Script::Latin | Script::Other) | None => RuleSet::Latin,
            },
        }
    }

    fn sources(self) -> &'static [Source] {
        match self {
            RuleSet::English => &[EN],
            RuleSet::Latin => &[EN, LATIN],
            RuleSet::Russian => &[RU],
            RuleSet::Cyrillic => &[RU, CYRILLIC],
            RuleSet::Cjk => &[CJK],
        }
    }

    fn rules(self) -> &'static Rules {
        static PARSED: [OnceLock<Rules>; RuleSet::ALL.len()] = [const { OnceLock::new() }; RuleSet::ALL.len()];
        PARSED[self as usize].get_or_init(|| {
            // The files are part of the program and tested: an error is a bug.
            Rules::parse(self.sources()).unwrap_or_else(|e| panic!("sentence rules: {e}"))
        })
    }
}

impl Rules {
    /// Merges data files; an error names the file and line.
    fn parse(sources: &[Source]) -> Result<Rules, String> {
        let mut rules = Rules {
            terminators: Vec::new(),
            tight: Vec::new(),
            abbreviations: HashMap::new(),
            first_words: HashSet::new(),
            last_words: HashSet::new(),
            leads: [false; 256],
        };
        for (name, text) in sources {
            let mut section = None;
            for (n, line) in text.lines().enumerate() {
                let line = line.split('#').next().unwrap_or_default().trim();
                if line.is_empty() {
                    continue;
                }
                let at = format!("{name}:{}", n + 1);
                if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                    let parsed = Section::parse(header);
                    section = Some(parsed.ok_or_else(|| format!("{at}: unknown section [{header}]"))?);
                    continue;
                }
                match section.ok_or_else(|| format!("{at}: entry before any [section]"))? {
                    Section::Terminators => rules.terminators.extend(marks(line, &at)?),
                    Section::TightTerminators => rules.tight.extend(marks(line, &at)?),
                    Section::Abbreviations(kind) => {
                        let words: Vec<&str> = line.split_whitespace().collect();
                        if words.len() > 2 || !line.ends_with(FULL_STOP) {
                            return Err(format!(
                                "{at}: `{line}`: an abbreviation is one or two words ending in a full stop"
                            ));
                        }
                        let key = words.join(" ").to_lowercase();
                        if let Some((first, last)) = key.split_once(' ') {
                            rules.first_words.insert(first.to_string());
                            rules.last_words.insert(last.to_string());
                        } else {
                            rules.last_words.insert(key.clone());
                        }
                        if let Some(old) = rules.abbreviations.insert(key, kind) {
                            if old != kind {
                                return Err(format!("{at}: `{line}` is listed in two sections"));
                            }
                        }
                    }
                }
            }
        }
        for c in rules.terminators.iter().chain(&rules.tight) {
            rules.leads[usize::from(c.encode_utf8(&mut [0; 4]).as_bytes()[0])] = true;
        }
        Ok(rules)
    }

    fn is_terminator(&self, c: char) -> bool {
        self.terminators.contains(&c) || self.tight.contains(&c)
    }

    /// Where the first terminator of `text` is.
    fn find_terminator(&self, text: &str) -> Option<usize> {
        let bytes = text.as_bytes();
        let mut from = 0;
        while let Some(i) = bytes[from..].iter().position(|&b| self.leads[usize::from(b)]) {
            // A lead byte starts a character.
            let at = from + i;
            if text[at..].chars().next().is_some_and(|c| self.is_terminator(c)) {
                return Some(at);
            }
            from = at + 1;
        }
        None
    }

    /// The abbreviation written as `parts` one after the other: one or two
    /// words as written, with their full stops, separated by a space. `key`
    /// is room for its lower-case form, kept from one look-up to the next.
    fn abbreviation(&self, parts: &[&str], key: &mut String) -> Option<Abbreviation> {
        lower_case(parts, key);
        self.abbreviations.get(key.as_str()).copied()
    }

    /// Is `word` (with its full stop) the first word of a two-word
    /// abbreviation, and the last word of any?
    fn word_roles(&self, word: &str, key: &mut String) -> (bool, bool) {
        lower_case(&[word], key);
        (self.first_words.contains(key.as_str()), self.last_words.contains(key.as_str()))
    }
}

/// Writes `parts`, one after the other, lower-cased into `key`.
fn lower_case(parts: &[&str], key: &mut String) {
    key.clear();
    parts.iter().for_each(|p| key.push_str(p));
    if key.is_ascii() {
        key.make_ascii_lowercase();
    } else if key.contains('Σ') {
        // A capital sigma lower-cases by its neighbours: the whole key at once.
        *key = key.to_lowercase();
    } else {
        key.clear();
        key.extend(parts.iter().flat_map(|p| p.chars()).flat_map(char::to_lowercase));
    }
}

/// The single-character marks of a terminator line.
fn marks(line: &str, at: &str) -> Result<Vec<char>, String> {
    line.split_whitespace()
        .map(|mark| {
            let mut chars = mark.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Ok(c),
                _ => Err(format!("{at}: `{mark}`: terminators are single characters separated by white space")),
            }
        })
        .collect()
}

/// Returns the byte ranges of the sentences of `text` (trimmed, in order)
/// with the 0-based paragraph index of each.
pub(super) fn split(text: &str, lang: &Lang) -> Vec<(Range<usize>, usize)> {
    let rules = RuleSet::of(lang, text).rules();
    let layout = Layout::measure(text, rules);
    let mut splitter =
        Splitter { text, rules, start: 0, paragraph: 0, paragraph_used: false, out: Vec::new(), key: String::new() };
    let mut lines = Lines::new(text).peekable();
    while let Some(line) = lines.next() {
        if is_blank(&text[line.clone()]) {
            splitter.end_paragraph(line.start);
            continue;
        }
        splitter.scan_line(&line);
        let Some(next) = lines.peek().filter(|next| !is_blank(&text[(*next).clone()])) else {
            continue;
        };
        if layout.line_break_ends_sentence(rules, &text[line.clone()], &text[next.clone()]) {
            if layout.line_per_paragraph {
                splitter.end_paragraph(line.end);
            } else {
                splitter.cut(line.end);
            }
        }
    }
    splitter.end_paragraph(text.len());
    splitter.out
}

/// The lines of a text as byte ranges without their line breaks (LF, CRLF,
/// CR, U+2028, U+2029). A break at the very end starts no further line.
struct Lines<'a> {
    text: &'a str,
    pos: usize,
}

impl Lines<'_> {
    fn new(text: &str) -> Lines<'_> {
        Lines { text, pos: 0 }
    }
}

impl Iterator for Lines<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let start = self.pos;
        let rest = self.text.get(start..).filter(|rest| !rest.is_empty())?;
        let Some(i) = find_line_break(rest) else {
            self.pos = self.text.len();
            return Some(start..self.text.len());
        };
        let break_len =
            if rest[i..].starts_with("\r\n") { 2 } else { rest[i..].chars().next().map_or(1, char::len_utf8) };
        self.pos = start + i + break_len;
        Some(start..start + i)
    }
}

/// Where the first line break of `text` starts: LF, CR, or U+2028 and
/// U+2029, which begin with the byte E2 (found by bytes: documents are long).
fn find_line_break(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = memchr::memchr3(b'\n', b'\r', 0xE2, &bytes[from..]) {
        let at = from + i;
        if bytes[at] != 0xE2 || text[at..].starts_with(['\u{2028}', '\u{2029}']) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

fn is_blank(line: &str) -> bool {
    line.chars().all(is_space)
}

fn is_closer(c: char) -> bool {
    CLOSERS.contains(&c)
}

/// A character of a script written without spaces between words, so that
/// a sentence may follow a terminator with no space (Chinese, Japanese).
fn is_unspaced_letter(c: char) -> bool {
    Script::of(c).is_some_and(Script::is_unspaced)
}

/// A letter that may start a sentence: upper-case, title-case, or of a
/// script without case.
fn is_capital(c: char) -> bool {
    c.is_alphabetic() && !c.is_lowercase()
}

/// Can a sentence start at `rest` (which starts with no white space)? With
/// a capital or a digit, or with opening quotes, brackets and dashes that are
/// not followed by a lower-case letter (`— Да? — спросил он.` and
/// `(see below)` go on).
fn starts_sentence(rest: &str) -> bool {
    let mut opened = false;
    for c in rest.chars().take(MAX_LEAD) {
        if OPENERS.contains(&c) || DASHES.contains(&c) || (opened && is_space(c)) {
            opened = true;
        } else {
            return if opened { !c.is_lowercase() } else { is_capital(c) || c.is_numeric() };
        }
    }
    opened
}

/// Characters that delimit a word around a full stop: white space, quotes and
/// brackets, but not the apostrophes inside words (`Russia’s`).
fn is_word_boundary(c: char) -> bool {
    let u = u32::from(c);
    if u < 128 {
        // Most letters of most words, without searching the lists.
        return is_space(c) || (ASCII_QUOTES >> u & 1 == 1 && c != '\'');
    }
    is_space(c) || ((OPENERS.contains(&c) || CLOSERS.contains(&c)) && c != '’')
}

/// The ASCII [`OPENERS`] and [`CLOSERS`], one bit each.
const ASCII_QUOTES: u128 = {
    let (mut bits, mut k) = (0u128, 0);
    while k < OPENERS.len() + CLOSERS.len() {
        let c = if k < OPENERS.len() { OPENERS[k] } else { CLOSERS[k - OPENERS.len()] };
        if c.is_ascii() {
            bits |= 1 << c as u32;
        }
        k += 1;
    }
    bits
};

/// Where the word that ends at `end` starts; `None` when it is longer than
/// [`MAX_WORD`].
fn word_start(text: &str, end: usize) -> Option<usize> {
    let mut start = end;
    for (i, c) in text[..end].char_indices().rev() {
        if is_word_boundary(c) {
            break;
        }
        if end - i > MAX_WORD {
            return None;
        }
        start = i;
    }
    Some(start)
}

/// The word that starts at `start`, up to [`MAX_WORD`] bytes.
fn word_after(text: &str, start: usize) -> &str {
    let rest = &text[start..];
    let mut end = 0;
    for (i, c) in rest.char_indices() {
        if is_word_boundary(c) || i >= MAX_WORD {
            break;
        }
        end = i + c.len_utf8();
    }
    &rest[..end]
}

/// A number before an abbreviation such as `г.`: digits (`2023`,
/// `1941–1945`) or a Roman numeral (`XIX в.`).
fn is_number(word: &str) -> bool {
    word.ends_with(|c: char| c.is_ascii_digit()) || is_roman(word)
}

fn is_roman(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| "IVXLCDM".contains(c))
}

/// An initial: a single capital letter, alone or after a full stop or a
/// hyphen (`J`, `U.S`, `J.-C`).
fn is_initial(word: &str) -> bool {
    let mut rev = word.chars().rev();
    rev.next().is_some_and(char::is_uppercase) && rev.next().is_none_or(|c| !c.is_alphanumeric())
}

/// A list number: `1`, `2.3`, `IV`, `a`.
fn is_list_number(word: &str) -> bool {
    let mut chars = word.chars();
    let single_letter = chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none();
    single_letter
        || is_roman(word)
        || (word.starts_with(|c: char| c.is_ascii_digit())
            && word.chars().all(|c| c.is_ascii_digit() || c == FULL_STOP))
}

/// Width in columns, Chinese and Japanese characters counting two.
fn columns(line: &str) -> usize {
    line.chars().map(|c| if is_unspaced_letter(c) { 2 } else { 1 }).sum()
}

/// Does `line` end with a terminator (before closing quotes and brackets)?
fn ends_with_terminator(rules: &Rules, line: &str) -> bool {
    line.trim_end_matches(|c| is_space(c) || is_closer(c)).chars().next_back().is_some_and(|c| rules.is_terminator(c))
}

/// How the document uses line breaks.
struct Layout {
    /// Hard-wrapped prose: line breaks are white space.
    wrapped: bool,
    /// No blank lines and not wrapped: each line is a paragraph.
    line_per_paragraph: bool,
}

impl Layout {
    /// Looks at each line break inside a paragraph: in hard-wrapped prose
    /// most of them fall after a long line without a terminator and before a
    /// word that is not capitalised.
    fn measure(text: &str, rules: &Rules) -> Layout {
        let (mut breaks, mut wraps) = (0usize, 0usize);
        let mut has_blank_line = false;
        let mut prev: Option<&str> = None;
        let mut blank_since_prev = false;
        for line in Lines::new(text) {
            let line = &text[line];
            if is_blank(line) {
                blank_since_prev = prev.is_some();
                continue;
            }
            if let Some(prev) = prev {
                if blank_since_prev {
                    has_blank_line = true;
                } else {
                    breaks += 1;
                    let next_start = line.trim_start_matches(is_space).chars().next();
                    let wrap = !ends_with_terminator(rules, prev)
                        && next_start.is_some_and(|c| c.is_alphabetic() && !c.is_uppercase())
                        && columns(prev.trim_matches(is_space)) >= WRAP_MIN_COLUMNS;
                    wraps += usize::from(wrap);
                }
            }
            prev = Some(line);
            blank_since_prev = false;
        }
        let wrapped = wraps * 2 > breaks;
        Layout { wrapped, line_per_paragraph: !has_blank_line && !wrapped }
    }

    /// Does the line break between the non-blank lines `line` and `next` end
    /// a sentence? (Terminators at the end of `line` have been judged
    /// already, with the line break as white space.)
    fn line_break_ends_sentence(&self, rules: &Rules, line: &str, next: &str) -> bool {
        let terminated = ends_with_terminator(rules, line);
        let next_lower = next.trim_start_matches(is_space).starts_with(char::is_lowercase);
        if !terminated && next_lower {
            // A sentence that runs on in the next line.
            return false;
        }
        if !self.wrapped {
            return true;
        }
        // In wrapped prose only a short unterminated line (title, list item)
        // ends where the line ends.
        !terminated && columns(line.trim_matches(is_space)) < WRAP_MIN_COLUMNS
    }
}

/// Cuts a text into sentences.
struct Splitter<'a> {
    text: &'a str,
    rules: &'a Rules,
    /// Where the current sentence (with the white space before it) starts.
    start: usize,
    paragraph: usize,
    /// Has the current paragraph a sentence yet?
    paragraph_used: bool,
    out: Vec<(Range<usize>, usize)>,
    /// Room for the abbreviations looked up ([`Rules::abbreviation`]).
    key: String,
}

impl Splitter<'_> {
    /// Ends the current sentence at `end`: keeps it trimmed, if anything is
    /// left.
    fn cut(&mut self, end: usize) {
        if end <= self.start {
            return;
        }
        let piece = &self.text[self.start..end];
        let trimmed = piece.trim_start_matches(is_space);
        let from = self.start + piece.len() - trimmed.len();
        let to = from + trimmed.trim_end_matches(is_space).len();
        if from < to {
            self.out.push((from..to, self.paragraph));
            self.paragraph_used = true;
        }
        self.start = end;
    }

    fn end_paragraph(&mut self, end: usize) {
        self.cut(end);
        if self.paragraph_used {
            self.paragraph += 1;
            self.paragraph_used = false;
        }
    }

    /// Cuts after each terminator of `line` that ends a sentence.
    fn scan_line(&mut self, line: &Range<usize>) {
        let mut pos = line.start;
        while let Some(i) = self.rules.find_terminator(&self.text[pos..line.end]) {
            let (end, ends_sentence) = self.judge(pos + i, line.end);
            if ends_sentence {
                self.cut(end);
            }
            pos = end;
        }
    }

    /// Judges the terminator at `at` in a line that ends at `line_end`:
    /// returns where its run (terminators and closing quotes and brackets)
    /// ends, and whether the sentence ends there.
    fn judge(&mut self, at: usize, line_end: usize) -> (usize, bool) {
        let text = self.text;
        let mut end = at;
        let (mut marks, mut tight, mut full_stops) = (0, false, 0);
        for c in text[at..line_end].chars() {
            if self.rules.tight.contains(&c) {
                tight = true;
            } else if self.rules.terminators.contains(&c) {
                marks += 1;
                full_stops += usize::from(c == FULL_STOP);
            } else if !is_closer(c) {
                break;
            }
            end += c.len_utf8();
        }
        if tight {
            return (end, true);
        }
        // One full stop may belong to an abbreviation; `...` and `?!` do not.
        let single_stop = marks == 1 && full_stops == 1;
        let bare = end - at == text[at..].chars().next().map_or(0, char::len_utf8);
        let end = absorb_spaced_closer(text, end, line_end);
        let spaced = !text[end..line_end].starts_with(|c: char| !is_space(c));
        let Some(next) = text[end..].find(|c: char| !is_space(c)).map(|i| end + i) else {
            return (end, true);
        };
        let rest = &text[next..];
        let may_end = if spaced {
            starts_sentence(rest)
        } else {
            rest.starts_with(is_unspaced_letter) || (bare && self.glued_sentences(at, end))
        };
        (end, may_end && !(single_stop && self.stop_continues(at, next)))
    }

    /// `conflict.The`: a terminator at `at`, with no space after it, between
    /// a lower-case word (two letters or more, not an abbreviation) and a
    /// capitalised word, outside e-mail addresses, URLs, paths and file names.
    fn glued_sentences(&mut self, at: usize, after: usize) -> bool {
        let text = self.text;
        let Some(start) = word_start(text, at) else { return false };
        let left = &text[start..at];
        let right = word_after(text, after);
        let mut right_chars = right.chars();
        let capitalised =
            right_chars.next().is_some_and(char::is_uppercase) && right_chars.next().is_some_and(char::is_lowercase);
        let address = right.contains(['@', '/', '\\']) || (right.contains(FULL_STOP) && !right.ends_with(FULL_STOP));
        let lower_word = left.chars().count() >= 2 && left.chars().all(char::is_lowercase);
        capitalised
            && !address
            && lower_word
            && self.rules.abbreviation(&[left, FULL_STOP.encode_utf8(&mut [0; 4])], &mut self.key).is_none()
    }

    /// Does the full stop at `at` belong to an abbreviation, an initial or a
    /// list number, so that the sentence goes on at `next`, where the text
    /// after it resumes?
    fn stop_continues(&mut self, at: usize, next: usize) -> bool {
        let text = self.text;
        let Some(start) = word_start(text, at) else { return false };
        let word = &text[start..at];
        // The word with its full stop.
        let stopped = &text[start..at + FULL_STOP.len_utf8()];
        let Some(next_char) = text[next..].chars().next().filter(|_| !word.is_empty()) else { return false };
        let (first_word, last_word) = self.rules.word_roles(stopped, &mut self.key);
        // The first word of a two-word abbreviation (`z. B.`, `p. ex.`).
        let following = word_after(text, next);
        if let Some(last_stop) = following.rfind(FULL_STOP).filter(|_| first_word) {
            if self.rules.abbreviation(&[stopped, " ", &following[..=last_stop]], &mut self.key).is_some() {
                return true;
            }
        }
        let before = text[..start].trim_end_matches(is_space);
        let sentence_start = before.len() <= self.start;
        if !last_word {
            return is_initial(word) || (sentence_start && is_list_number(word));
        }
        let prev = word_start(text, before.len()).map(|s| &text[s..before.len()]).filter(|p| !p.is_empty());
        let two_words = prev.and_then(|p| self.rules.abbreviation(&[p, " ", stopped], &mut self.key));
        if let Some(kind) = two_words.or_else(|| self.rules.abbreviation(&[stopped], &mut self.key)) {
            return match kind {
                Abbreviation::Never => true,
                Abbreviation::MayEnd => !is_capital(next_char),
                Abbreviation::BeforeNumber => next_char.is_numeric(),
                Abbreviation::AfterNumber => !(prev.is_some_and(is_number) && is_capital(next_char)),
            };
        }
        is_initial(word) || (sentence_start && is_list_number(word))
    }
}

/// French sets closing guillemets off with a space (`« Oui. » Puis`): the
/// `»` still belongs to the sentence. Returns the end of the run after it.
fn absorb_spaced_closer(text: &str, end: usize, line_end: usize) -> usize {
    let rest = &text[end..line_end];
    let after_space = rest.trim_start_matches(is_space);
    let mut chars = after_space.chars();
    match (chars.next(), chars.next()) {
        (Some(c @ ('»' | '›')), next) if after_space.len() < rest.len() && next.is_none_or(is_space) => {
            line_end - after_space.len() + c.len_utf8()
        }
        _ => end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Checks what every split must satisfy: ranges in order, not
    /// overlapping, non-empty, trimmed, only white space between them, and
    /// paragraph numbers that start at 0 and grow by at most one.
    fn check_ranges(text: &str, got: &[(Range<usize>, usize)]) {
        let mut pos = 0;
        let mut paragraph = 0;
        for (range, para) in got {
            assert!(range.start >= pos && range.start < range.end, "{got:?} in {text:?}");
            let gap = &text[pos..range.start];
            assert!(gap.chars().all(is_space), "not white space: {gap:?} in {text:?}");
            let s = &text[range.clone()];
            assert_eq!(s, s.trim_matches(is_space), "untrimmed {s:?}");
            assert!(*para == paragraph || *para == paragraph + 1 || (pos == 0 && *para == 0), "{got:?}");
            paragraph = *para;
            pos = range.end;
        }
        assert!(text[pos..].chars().all(is_space), "text left after the last sentence in {text:?}");
        if let Some((_, first)) = got.first() {
            assert_eq!(*first, 0);
        }
    }

    fn split_in<'t>(text: &'t str, code: &str) -> Vec<(&'t str, usize)> {
        let got = split(text, &Lang::new(code).unwrap());
        check_ranges(text, &got);
        got.into_iter().map(|(r, p)| (&text[r], p)).collect()
    }

    fn sentences<'t>(text: &'t str, code: &str) -> Vec<&'t str> {
        split_in(text, code).into_iter().map(|(s, _)| s).collect()
    }

    #[test]
    fn data_files_parse() {
        for set in RuleSet::ALL {
            let rules = Rules::parse(set.sources()).unwrap();
            assert!(!rules.terminators.is_empty() || !rules.tight.is_empty(), "{set:?}");
        }
        assert_eq!(RuleSet::Latin.rules().abbreviations.get("z.b."), Some(&Abbreviation::Never));
        assert_eq!(RuleSet::Russian.rules().abbreviations.get("т. д."), Some(&Abbreviation::MayEnd));
    }

    #[test]
    fn data_file_errors_name_file_and_line() {
        let err = |text: &'static str| Rules::parse(&[("t.txt", text)]).unwrap_err();
        assert_eq!(err("Mr."), "t.txt:1: entry before any [section]");
        assert_eq!(err("# c\n[words]"), "t.txt:2: unknown section [words]");
        assert!(err("[abbreviations]\nMr").starts_with("t.txt:2: `Mr`"));
        assert!(err("[terminators]\n.!").starts_with("t.txt:2: `.!`"));
        assert!(err("[abbreviations]\nMr.\n[may-end]\nmr.").starts_with("t.txt:4: `mr.` is listed in two"));
    }

    #[test]
    fn abbreviations_are_looked_up_lower_cased_as_one_text() {
        let rules = Rules::parse(&[("t.txt", "[abbreviations]\nz. B.\nΟΔΟΣ.")]).unwrap();
        let mut key = String::new();
        assert_eq!(rules.abbreviation(&["Z.", " ", "b."], &mut key), Some(Abbreviation::Never));
        // A final sigma lower-cases to ς, as the data file's entry did.
        assert_eq!(rules.abbreviation(&["ΟΔΟ", "Σ."], &mut key), Some(Abbreviation::Never));
        assert_eq!(rules.abbreviation(&["z."], &mut key), None);
    }

    #[test]
    fn language_picks_rule_set() {
        let set = |code: &str, text: &str| RuleSet::of(&Lang::new(code).unwrap(), text) as usize;
        assert_eq!(set("en", ""), RuleSet::English as usize);
        assert_eq!(set("de", ""), RuleSet::Latin as usize);
        assert_eq!(set("uk", ""), RuleSet::Cyrillic as usize);
        assert_eq!(set("ja", ""), RuleSet::Cjk as usize);
        assert_eq!(set("xx", "Привет, мир."), RuleSet::Cyrillic as usize);
        assert_eq!(set("xx", "你好。"), RuleSet::Cjk as usize);
        assert_eq!(set("xx", "Hello."), RuleSet::Latin as usize);
        assert_eq!(set("xx", "123"), RuleSet::Latin as usize);
    }

    #[test]
    fn word_boundaries_are_spaces_and_quotes_but_apostrophes() {
        for c in (0..0x10000).filter_map(char::from_u32) {
            let quote = (OPENERS.contains(&c) || CLOSERS.contains(&c)) && !matches!(c, '\'' | '’');
            assert_eq!(is_word_boundary(c), is_space(c) || quote, "{c:?}");
        }
    }

    #[test]
    fn titles_before_names() {
        assert_eq!(
            sentences("Mr. Smith met Dr. Jones and Prof. Lee. They talked.", "en"),
            ["Mr. Smith met Dr. Jones and Prof. Lee.", "They talked."]
        );
        assert_eq!(sentences("Mrs. Brown lives on St. Mark's Place.", "en"), ["Mrs. Brown lives on St. Mark's Place."]);
    }

    #[test]
    fn dotted_abbreviations_and_initials() {
        assert_eq!(
            sentences("The U.S. Army and the U.K. agreed. Then they left.", "en"),
            ["The U.S. Army and the U.K. agreed.", "Then they left."]
        );
        assert_eq!(
            sentences("Some sports, e.g. Tennis, i.e. a game. Yes.", "en"),
            ["Some sports, e.g. Tennis, i.e. a game.", "Yes."]
        );
        assert_eq!(
            sentences("J. R. R. Tolkien wrote it. G. O. Dyhrenfurth too.", "en"),
            ["J. R. R. Tolkien wrote it.", "G. O. Dyhrenfurth too."]
        );
        assert_eq!(
            sentences("Led by G.O.DYHRENFURTH in 1952. Back.", "de"),
            ["Led by G.O.DYHRENFURTH in 1952.", "Back."]
        );
    }

    #[test]
    fn two_word_abbreviations() {
        assert_eq!(
            sentences("Berge, z. B. Ama Dablam, d. h. Nepal. Und p. ex. Paris.", "de"),
            ["Berge, z. B. Ama Dablam, d. h. Nepal.", "Und p. ex. Paris."]
        );
    }

    #[test]
    fn may_end_before_number_and_after_number_abbreviations() {
        assert_eq!(
            sentences("Apples, pears, etc. The rest is cheap.", "en"),
            ["Apples, pears, etc.", "The rest is cheap."]
        );
        assert_eq!(sentences("Apples, pears, etc. are cheap.", "en"), ["Apples, pears, etc. are cheap."]);
        assert_eq!(
            sentences("See No. 5 and p. 7 on Jan. 3. No. It is not.", "en"),
            ["See No. 5 and p. 7 on Jan. 3.", "No.", "It is not."]
        );
        assert_eq!(sentences("Smith et al. Showed it.", "en"), ["Smith et al.", "Showed it."]);
    }

    #[test]
    fn russian_abbreviations() {
        assert_eq!(
            sentences("Это т.е. пример, т. е. образец. Далее проф. Иванов и т.д. Конец.", "ru"),
            ["Это т.е. пример, т. е. образец.", "Далее проф. Иванов и т.д.", "Конец."]
        );
        assert_eq!(
            sentences("Он живёт на ул. Ленина, д. 5 и в г. Москве.", "ru"),
            ["Он живёт на ул. Ленина, д. 5 и в г. Москве."]
        );
        assert_eq!(
            sentences("Рост составил 5 млн. руб. и т. д. Затем всё.", "ru"),
            ["Рост составил 5 млн. руб. и т. д.", "Затем всё."]
        );
        assert_eq!(sentences("Длина 5 см. Далее см. Рис. 2.", "ru"), ["Длина 5 см.", "Далее см. Рис. 2."]);
    }

    #[test]
    fn russian_year_abbreviation_after_a_number() {
        // Ambiguous by nature: a year at the end of a sentence is split,
        // `г.` before a name (город) is not.
        assert_eq!(
            sentences("Это было в 2023 г. Эксперты согласны.", "ru"),
            ["Это было в 2023 г.", "Эксперты согласны."]
        );
        assert_eq!(sentences("Он приехал в г. Москва.", "ru"), ["Он приехал в г. Москва."]);
        assert_eq!(sentences("Это было в XIX в. Потом нет.", "ru"), ["Это было в XIX в.", "Потом нет."]);
        assert_eq!(sentences("В 1941–1945 гг. Война шла.", "ru"), ["В 1941–1945 гг.", "Война шла."]);
    }

    #[test]
    fn russian_initials() {
        assert_eq!(
            sentences("В. В. Путин и А.С. Пушкин пришли. Потом ушли.", "ru"),
            ["В. В. Путин и А.С. Пушкин пришли.", "Потом ушли."]
        );
    }

    #[test]
    fn numbers_are_not_boundaries() {
        assert_eq!(
            sentences("It grew 3.5 percent to 1.000 units, or $1,000.50 each. Fine.", "en"),
            ["It grew 3.5 percent to 1.000 units, or $1,000.50 each.", "Fine."]
        );
        assert_eq!(sentences("It ended in 2023. 2024 began.", "en"), ["It ended in 2023.", "2024 began."]);
        assert_eq!(
            sentences("Am 3. Oktober 1990. Dann kam 2023. Ende.", "de"),
            ["Am 3. Oktober 1990.", "Dann kam 2023.", "Ende."]
        );
    }

    #[test]
    fn list_numbers_at_the_start_of_a_sentence() {
        assert_eq!(sentences("1. Introduction\nIV. Results", "en"), ["1. Introduction", "IV. Results"]);
    }

    #[test]
    fn domains_urls_and_addresses_are_not_boundaries() {
        assert_eq!(
            sentences("Credit: kremlin.ru and www.example.com/a.b or e-mail@x.org today. Next.", "en"),
            ["Credit: kremlin.ru and www.example.com/a.b or e-mail@x.org today.", "Next."]
        );
        assert_eq!(
            sentences("See example.Com/Path and mail.Box@x.org now.", "en"),
            ["See example.Com/Path and mail.Box@x.org now."]
        );
    }

    #[test]
    fn full_stop_glued_to_a_capitalised_word() {
        assert_eq!(
            sentences("They discussed the conflict.The Russian side agreed.", "en"),
            ["They discussed the conflict.", "The Russian side agreed."]
        );
        assert_eq!(
            sentences("Обсудили конфликт.Российская сторона согласна.", "ru"),
            ["Обсудили конфликт.", "Российская сторона согласна."]
        );
        assert_eq!(sentences("Not a.The or Mr.Smith or etc.Foo.", "en"), ["Not a.The or Mr.Smith or etc.Foo."]);
    }

    #[test]
    fn closing_quotes_and_brackets_stay() {
        assert_eq!(
            sentences("He said “go.” Then “why?” she asked. (Yes!) Next 'one.’ Last \"two?\" End.", "en"),
            ["He said “go.”", "Then “why?” she asked.", "(Yes!)", "Next 'one.’", "Last \"two?\"", "End."]
        );
        assert_eq!(sentences("Он сказал: «Да.» Потом ушёл.", "ru"), ["Он сказал: «Да.»", "Потом ушёл."]);
        assert_eq!(
            sentences("Il a dit : « Oui. » Puis il est parti.", "fr"),
            ["Il a dit : « Oui. »", "Puis il est parti."]
        );
        assert_eq!(sentences("Er sagte: „Ja.“ Dann »Nein.« Ende.", "de"), ["Er sagte: „Ja.“", "Dann »Nein.«", "Ende."]);
    }

    #[test]
    fn dialogue_dashes_start_sentences() {
        assert_eq!(sentences("— Да. — Нет! — Почему?", "ru"), ["— Да.", "— Нет!", "— Почему?"]);
        assert_eq!(sentences("— Да? — спросил он. — «Нет».", "ru"), ["— Да? — спросил он.", "— «Нет»."]);
        assert_eq!(sentences("It ended. (see below) Then.", "en"), ["It ended. (see below) Then."]);
    }

    #[test]
    fn ellipses() {
        assert_eq!(
            sentences("I waited... and waited… then. Next... Then… Done.", "en"),
            ["I waited... and waited… then.", "Next...", "Then…", "Done."]
        );
    }

    #[test]
    fn chinese_terminators() {
        assert_eq!(
            sentences("他来了。她走了！真的吗？是的；好……然后呢", "zh"),
            ["他来了。", "她走了！", "真的吗？", "是的；", "好……", "然后呢"]
        );
        assert_eq!(
            sentences("他说：“好。”她说：「走！」（对？）完", "zh"),
            ["他说：“好。”", "她说：「走！」", "（对？）", "完"]
        );
    }

    #[test]
    fn chinese_ascii_punctuation() {
        assert_eq!(
            sentences("美国（U.S.）表示增长3.5%。好!我们走? OK! fine", "zh"),
            ["美国（U.S.）表示增长3.5%。", "好!", "我们走?", "OK! fine"]
        );
        assert_eq!(sentences("すごい！本当？はい。", "ja"), ["すごい！", "本当？", "はい。"]);
    }

    #[test]
    fn unknown_codes_use_the_script_of_the_text() {
        assert_eq!(sentences("他来了。她走了。", "xx"), ["他来了。", "她走了。"]);
        assert_eq!(sentences("Это т.е. пример. Далее.", "xx"), ["Это т.е. пример.", "Далее."]);
        assert_eq!(sentences("Das ist z.B. gut. Ja.", "xx"), ["Das ist z.B. gut.", "Ja."]);
    }

    #[test]
    fn blank_line_ends_sentence_and_paragraph() {
        assert_eq!(
            split_in("First part\n\nsecond part.\n \t\nThird. Fourth.", "en"),
            [("First part", 0), ("second part.", 1), ("Third.", 2), ("Fourth.", 2)]
        );
    }

    #[test]
    fn title_and_list_lines_are_sentences() {
        assert_eq!(
            split_in("Title Here\nThe text starts. It goes on,\nand on.\n\nItems:\n- one\n- two", "en"),
            [
                ("Title Here", 0),
                ("The text starts.", 0),
                ("It goes on,\nand on.", 0),
                ("Items:", 1),
                ("- one", 1),
                ("- two", 1)
            ]
        );
    }

    #[test]
    fn line_per_paragraph_documents() {
        assert_eq!(
            split_in("Skip to content\nA title\nOne. Two.\nThree,\nfour.", "en"),
            [("Skip to content", 0), ("A title", 1), ("One.", 2), ("Two.", 2), ("Three,\nfour.", 3)]
        );
    }

    #[test]
    fn hard_wrapped_prose() {
        let text = "It is a truth universally acknowledged, that a single\n\
                    man in possession of a good fortune, must be in want\n\
                    of a wife. However little known the feelings or views\n\
                    of such a man may be on his first entering a neighbour-\n\
                    hood, this truth is so well fixed in the minds of the\n\
                    surrounding families, that he is considered by Mr.\n\
                    Bennet and I as the rightful property of some one or\n\
                    other of their daughters.\n\
                    Chapter 2\n\
                    Mr. Bennet was among the earliest of those who waited.";
        let got = split_in(text, "en");
        let texts: Vec<&str> = got.iter().map(|(s, _)| *s).collect();
        assert_eq!(texts.len(), 4, "{texts:#?}");
        assert!(texts[0].ends_with("of a wife."));
        assert!(texts[1].starts_with("However") && texts[1].ends_with("daughters."));
        assert_eq!(texts[2..], ["Chapter 2", "Mr. Bennet was among the earliest of those who waited."]);
        assert!(got.iter().all(|&(_, p)| p == 0));
    }

    #[test]
    fn crlf_and_cr_line_endings() {
        let crlf = split_in("Title\r\nOne. Two,\r\nthree.\r\n\r\nFour.\r\n", "en");
        assert_eq!(crlf, [("Title", 0), ("One.", 0), ("Two,\r\nthree.", 0), ("Four.", 1)]);
        let cr = split_in("Title\rOne. Two,\rthree.\r\rFour.\r", "en");
        assert_eq!(cr, [("Title", 0), ("One.", 0), ("Two,\rthree.", 0), ("Four.", 1)]);
    }

    #[test]
    fn unicode_spaces() {
        assert_eq!(
            sentences(
                "\u{FEFF}\u{A0}Talks in\u{A0}the Kremlin.\u{A0}Credit: kremlin.ru\u{2003}\n\u{3000}\nNext.\u{200B}",
                "en"
            ),
            ["Talks in\u{A0}the Kremlin.", "Credit: kremlin.ru", "Next."]
        );
    }

    #[test]
    fn ranges_are_exact_byte_spans() {
        let text = "  «Привет.»  Как дела?\r\n\r\n  Ünïcödé. Да. ";
        let got = split(text, &Lang::new("ru").unwrap());
        assert_eq!(got, [(2..19, 0), (21..37, 0), (43..55, 1), (56..61, 1)]);
        let texts: Vec<&str> = got.into_iter().map(|(r, _)| &text[r]).collect();
        assert_eq!(texts, ["«Привет.»", "Как дела?", "Ünïcödé.", "Да."]);
        let text = "\u{3000}你好。\u{3000}再见！";
        assert_eq!(split(text, &Lang::new("zh").unwrap()), [(3..12, 0), (15..24, 0)]);
    }

    #[test]
    fn empty_and_blank_texts() {
        assert!(split_in("", "en").is_empty());
        assert!(split_in(" \n\r\n\u{A0}", "zh").is_empty());
        assert_eq!(split_in("\n\nword", "en"), [("word", 0)]);
    }

    #[test]
    fn long_pathological_inputs_stay_linear() {
        // Quadratic work on any of these would take minutes.
        let n = 200_000;
        for text in [
            "a.".repeat(n),
            "x".repeat(n) + ". Next.",
            " ".repeat(n) + &"Mr. ".repeat(n / 4),
            "conflict.The".repeat(n / 10),
            "\n".repeat(n) + &"Line\n".repeat(n / 5),
            "。".repeat(n),
        ] {
            for code in ["en", "zh"] {
                split_in(&text, code);
            }
        }
    }

    #[test]
    fn seed_statement() {
        let text = include_str!("../../corpora/statement/en.txt");
        let got = split_in(text, "en");
        let texts: Vec<&str> = got.iter().map(|(s, _)| *s).collect();
        assert_eq!(
            texts,
            [
                "Skip to content",
                "Putin and Xi Issue Comprehensive Joint Statement after Meeting in Moscow",
                "Talks between Vladimir Putin and\u{A0}President of\u{A0}China Xi Jinping took place in\u{A0}the\u{A0}Kremlin.",
                "Credit: kremlin.ru",
                "Russian President Vladimir Putin and Chinese President Xi Jinping met in Moscow for more than seven hours, after which they signed a series of cooperation agreements.",
                "There was a larger meeting with the delegates, and then a one-on-one session over tea, where, among other matters, the leaders spoke about the possibility of resolving the Ukraine conflict.",
                "The Russian side noted that the visit of Xi to the Victory Day ceremonies was the most important visit of the many world leaders attending the event.",
                "In his comments to the gathering, Xi underlined that China intended to “unswervingly deepen” its strategic relationship.",
                "In the joint statement, the two affirmed, “The parties will resolutely defend the results of the Victory in World War II, suppress attempts to falsify its history, belittle and deny the historical contribution of Russia and China to the Victory in World War II, denigrate the liberators, and sharply condemn actions related to the desecration or destruction of memorials to those who died during World War II.”",
                "It also noted that “Moscow and Beijing will make every effort to counteract the increasing attempts to rehabilitate the misanthropic ideology of Nazism and racial superiority, and will continue to jointly oppose the glorification of Nazis and their accomplices, the rise of neo-Nazism, militaristic revanchism and practices that contribute to the escalation of various forms of racial discrimination, racism, xenophobia and related intolerance.”",
                "“The parties declare their firm support for each other in ensuring sovereignty, territorial integrity, security and stability, preventing any attempts by external forces to impede the normal development of relations between the two states and interfere in their internal affairs, the right to independently choose a path of development, and the preservation of cultural and historical identity and traditional moral values.”",
                "Russia recognized the one-China policy and rejected any moves by Taiwan to declare independence.",
                "China, in turn, stated that it “supports the efforts of the Russian side to ensure security and stability, national development and prosperity, sovereignty and territorial integrity, and opposes outside interference in Russia’s internal affairs.”",
                "The agreement also called for the two sides to:",
                "Promote the stable development of bilateral trade",
                "Deepen ties in the field of investment",
                "This post is for paying subscribers only",
                "Subscribe",
                "Already have an account?",
                "Sign In",
            ]
        );
        let paragraphs: Vec<usize> = got.iter().map(|&(_, p)| p).collect();
        assert_eq!(paragraphs, [0, 1, 2, 2, 3, 3, 3, 4, 4, 5, 6, 7, 7, 8, 9, 10, 11, 12, 13, 13]);
    }

    /// The translations of the statement: the gold alignments of the corpus
    /// count their sentences as split here.
    #[test]
    fn statement_translations() {
        let ru = split_in(include_str!("../../corpora/statement/ru.txt"), "ru");
        assert_eq!(ru.iter().map(|&(_, p)| p).collect::<Vec<_>>(), [0, 1, 1, 1, 2, 2, 3, 3, 4, 5, 6, 7, 8]);
        assert!(ru[6].0.ends_with("расового превосходства»."));
        assert!(ru[9].0.ends_with("во внутренние дела России»."));
        let zh = split_in(include_str!("../../corpora/statement/zh.txt"), "zh");
        assert_eq!(zh.iter().map(|&(_, p)| p).collect::<Vec<_>>(), [0, 1, 1, 1, 2, 3, 4, 4, 5, 5, 6, 7, 8]);
        assert!(zh[6].0.ends_with("干涉两国内政。"));
        assert!(zh[7].0.starts_with("双方坚定支持") && zh[7].0.ends_with("价值观。”"));
        assert_eq!(zh[10].0, "该协议还要求双方：");
    }

    /// Pieces that meet every rule: words, terminators, abbreviations,
    /// quotes, numbers, Chinese, and every kind of white space and line break.
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "word",
            "Word",
            "слово",
            "Слово",
            "字",
            ".",
            "!",
            "?",
            "…",
            "...",
            "。",
            "！",
            "；",
            "”",
            "»",
            "«",
            "“",
            "\"",
            "(",
            ")",
            "Mr.",
            "U.S.",
            "т.е.",
            "г.",
            "2023",
            "3.5",
            "kremlin.ru",
            "conflict.The",
            " ",
            " ",
            " ",
            "\u{A0}",
            "\n",
            "\r\n",
            "\r",
            "\n\n",
            "— ",
            "e.g.",
            "1.",
            "etc.",
        ])
    }

    proptest! {
        #[test]
        fn any_text_gives_well_formed_ranges(pieces in prop::collection::vec(piece(), 0..60), code in prop::sample::select(vec!["en", "ru", "zh", "de", "xx"])) {
            let text = pieces.concat();
            check_ranges(&text, &split(&text, &Lang::new(code).unwrap()));
        }

        #[test]
        fn arbitrary_strings_give_well_formed_ranges(text in any::<String>(), code in prop::sample::select(vec!["en", "zh"])) {
            check_ranges(&text, &split(&text, &Lang::new(code).unwrap()));
        }
    }
}
