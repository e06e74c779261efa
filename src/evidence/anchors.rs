//! Anchor evidence: things a translation carries over unchanged — numbers,
//! Latin-script tokens (names, acronyms, URLs) — and punctuation that marks
//! the kind of sentence (questions, exclamations, quotations, a colon that
//! introduces a list).
//!
//! Each anchor moves a bead's score by a bounded amount, up or down: an
//! anchor found on both sides raises it, one found on a single side lowers
//! it. No anchor makes a pair certain by itself: a shared "1" is worth less
//! than a shared "1956", and both are worth less than a bad length fit.

use std::collections::HashMap;
use std::ops::Range;

use crate::segment::Sentence;

use super::Evidence;

/// Weights of the anchor features, in nats (natural-log odds); the fitted
/// ones are in `weights.tsv` ([`super::ModelOptions::fitted`]).
#[derive(Debug, Clone, PartialEq)]
pub struct AnchorWeights {
    /// A number on both sides: this much per digit, up to `number_max`.
    pub number_per_digit: f64,
    pub number_max: f64,
    /// A number on one side only.
    pub number_missing: f64,
    /// A rare token of the shared vocabulary on both sides.
    pub token: f64,
    /// A rare token of the shared vocabulary on one side only.
    pub token_missing: f64,
    /// Question or exclamation marks on both sides, or on one side only.
    pub mark: f64,
    pub mark_missing: f64,
    /// Quotation marks on both sides, or on one side only (weaker: a
    /// translator may turn a quotation into reported speech).
    pub quote: f64,
    pub quote_missing: f64,
    /// A colon at the end of the last sentence, on both or on one side.
    pub colon: f64,
    pub colon_missing: f64,
    /// A last sentence without final punctuation (a title, a list item), on
    /// both or on one side.
    pub unterminated: f64,
    pub unterminated_missing: f64,
}

/// Marks of one sentence, one bit each (see [`Marks`]).
type MarkBits = u8;

/// The kinds of sentence a punctuation mark tells.
struct Marks;

impl Marks {
    const QUESTION: MarkBits = 1;
    const EXCLAMATION: MarkBits = 2;
    const QUOTE: MarkBits = 4;
    const ENDS_WITH_COLON: MarkBits = 8;
    /// No sentence-final punctuation at the end: a title or a list item.
    const UNTERMINATED: MarkBits = 16;
    /// The marks that count anywhere in a bead's side; the others count
    /// at its end only.
    const OF_SPAN: MarkBits = Self::QUESTION | Self::EXCLAMATION | Self::QUOTE;
}

/// The anchors of one side, by sentence: ids in one list, each sentence's
/// a slice of it, so that a span's ids are one slice and a bead is scored
/// without gathering anything.
#[derive(Debug, Clone, Default)]
struct SideAnchors {
    /// Normalised numbers (`1,000`, `1 000` and `1000` are all `1000`), as
    /// ids of [`Anchors`]' list of numbers: beads compare integers.
    numbers: Vec<u32>,
    /// `numbers[number_start[i]..number_start[i + 1]]` are sentence i's.
    number_start: Vec<u32>,
    /// Latin-script tokens that both documents use rarely (see
    /// [`Anchors::new`]), as ids.
    tokens: Vec<u32>,
    token_start: Vec<u32>,
    marks: Vec<MarkBits>,
}

impl SideAnchors {
    fn numbers(&self, span: &Range<usize>) -> &[u32] {
        &self.numbers[self.number_start[span.start] as usize..self.number_start[span.end] as usize]
    }

    fn tokens(&self, span: &Range<usize>) -> &[u32] {
        &self.tokens[self.token_start[span.start] as usize..self.token_start[span.end] as usize]
    }

    /// The marks a span has as a side of a bead: those of the whole span
    /// (anywhere in it) that count there, and those of its end (the last
    /// sentence) that count there.
    fn marks(&self, span: &Range<usize>) -> MarkBits {
        let all = self.marks[span.clone()].iter().fold(0, |a, &m| a | m);
        let last = span.clone().last().map_or(0, |i| self.marks[i]);
        (all & Marks::OF_SPAN) | (last & !Marks::OF_SPAN)
    }
}

/// Anchor evidence of one document pair.
#[derive(Debug, Clone)]
pub struct Anchors {
    src: SideAnchors,
    tgt: SideAnchors,
    /// The digits of each number id.
    digits: Vec<f64>,
    /// The score of the marks of a bead's two sides (see
    /// [`SideAnchors::marks`]), `mark_scores[s << 5 | t]`: the same few sums
    /// for every bead, worked out once.
    mark_scores: Vec<f64>,
    weights: AnchorWeights,
}

impl Anchors {
    /// Extracts the anchors of every sentence. Latin tokens count only when
    /// both documents use them and neither uses them often: a word shared by
    /// two languages written alike ("in", "de") or repeated everywhere is no
    /// anchor, a name or an acronym is.
    pub fn new(src: &[Sentence], tgt: &[Sentence], weights: AnchorWeights) -> Anchors {
        let src_tokens: Vec<Vec<String>> = src.iter().map(|s| latin_tokens(&s.key)).collect();
        let tgt_tokens: Vec<Vec<String>> = tgt.iter().map(|s| latin_tokens(&s.key)).collect();
        let src_df = doc_freq(&src_tokens);
        let tgt_df = doc_freq(&tgt_tokens);
        let rare = |df: &HashMap<&str, usize>, n: usize, t: &str| df.get(t).is_some_and(|&k| k <= (n / 50).max(3));
        let keep = |t: &str| rare(&src_df, src.len(), t) && rare(&tgt_df, tgt.len(), t);
        let mut number_ids: HashMap<String, u32> = HashMap::new();
        let mut token_ids: HashMap<String, u32> = HashMap::new();
        let mut digits = Vec::new();
        let mut build = |sentences: &[Sentence], tokens: &[Vec<String>]| -> SideAnchors {
            let mut side = SideAnchors { number_start: vec![0], token_start: vec![0], ..SideAnchors::default() };
            for (s, toks) in sentences.iter().zip(tokens) {
                side.marks.push(marks(&s.key));
                for n in numbers(&s.key) {
                    let next = number_ids.len() as u32;
                    side.numbers.push(*number_ids.entry(n).or_insert_with_key(|n| {
                        digits.push(n.chars().filter(char::is_ascii_digit).count() as f64);
                        next
                    }));
                }
                for t in toks.iter().filter(|t| keep(t)) {
                    let next = token_ids.len() as u32;
                    side.tokens.push(*token_ids.entry(t.clone()).or_insert(next));
                }
                side.number_start.push(side.numbers.len() as u32);
                side.token_start.push(side.tokens.len() as u32);
            }
            side
        };
        let src_anchors = build(src, &src_tokens);
        let tgt_anchors = build(tgt, &tgt_tokens);
        let mark_scores = mark_scores(&weights);
        Anchors { src: src_anchors, tgt: tgt_anchors, digits, mark_scores, weights }
    }
}

/// Every pair of sides' marks scored: each mark present on both sides, on
/// one, or on neither.
fn mark_scores(w: &AnchorWeights) -> Vec<f64> {
    let all: MarkBits = 1 << 5;
    let mut scores = Vec::with_capacity(all as usize * all as usize);
    for s in 0..all {
        for t in 0..all {
            let mut score = 0.0;
            for (mark, agree, differ) in [
                (Marks::QUESTION, w.mark, w.mark_missing),
                (Marks::EXCLAMATION, w.mark, w.mark_missing),
                (Marks::QUOTE, w.quote, w.quote_missing),
                (Marks::ENDS_WITH_COLON, w.colon, w.colon_missing),
                (Marks::UNTERMINATED, w.unterminated, w.unterminated_missing),
            ] {
                score += match (s & mark != 0, t & mark != 0) {
                    (true, true) => agree,
                    (false, false) => 0.0,
                    _ => -differ,
                };
            }
            scores.push(score);
        }
    }
    scores
}

/// How many sentences use each token (once per sentence).
fn doc_freq(tokens: &[Vec<String>]) -> HashMap<&str, usize> {
    let mut df = HashMap::new();
    for toks in tokens {
        let mut seen: Vec<&str> = toks.iter().map(String::as_str).collect();
        seen.sort_unstable();
        seen.dedup();
        for t in seen {
            *df.entry(t).or_insert(0) += 1;
        }
    }
    df
}

/// The items two lists share (as multisets), each passed to `hit` in the
/// order of `a`, and the number of those left over.
fn matched(a: &[u32], b: &[u32], mut hit: impl FnMut(u32)) -> usize {
    // Which items of `b` are taken: bits of a word for the usual few, a
    // list past 64 (a table of figures).
    let mut word: u64 = 0;
    let mut list = if b.len() > 64 { vec![false; b.len()] } else { Vec::new() };
    let mut hits = 0;
    for &x in a {
        let free = |k: usize| if list.is_empty() { word & (1 << k) == 0 } else { !list[k] };
        if let Some(k) = (0..b.len()).find(|&k| b[k] == x && free(k)) {
            if list.is_empty() {
                word |= 1 << k;
            } else {
                list[k] = true;
            }
            hits += 1;
            hit(x);
        }
    }
    a.len() + b.len() - 2 * hits
}

impl Evidence for Anchors {
    fn name(&self) -> &'static str {
        "anchors"
    }

    fn log_ratio(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        let w = &self.weights;
        let mut score = 0.0;

        // Most spans have neither numbers nor rare tokens: nothing to match.
        let (sn, tn) = (self.src.numbers(&src), self.tgt.numbers(&tgt));
        if !sn.is_empty() || !tn.is_empty() {
            let missing =
                matched(sn, tn, |k| score += (w.number_per_digit * self.digits[k as usize]).min(w.number_max));
            score -= w.number_missing * missing as f64;
        }
        let (st, tt) = (self.src.tokens(&src), self.tgt.tokens(&tgt));
        if !st.is_empty() || !tt.is_empty() {
            let mut hits = 0;
            let missing = matched(st, tt, |_| hits += 1);
            score += w.token * hits as f64 - w.token_missing * missing as f64;
        }

        let (s, t) = (self.src.marks(&src), self.tgt.marks(&tgt));
        score + self.mark_scores[(s as usize) << 5 | t as usize]
    }
}

/// Latin-script tokens of a key (letters, digits, inner `.`/`-`/`'`), at
/// least two characters and one letter long: names, acronyms, domains.
pub fn latin_tokens(key: &str) -> Vec<String> {
    let is_part = |c: char| c.is_ascii_alphanumeric() || matches!(c, 'à'..='ÿ' | 'ß');
    let mut out = Vec::new();
    let mut token = String::new();
    let mut chars = key.chars().peekable();
    while let Some(c) = chars.next() {
        let joins = matches!(c, '.' | '-' | '\'') && !token.is_empty() && chars.peek().is_some_and(|&n| is_part(n));
        if is_part(c) || joins {
            token.push(c);
        } else if !token.is_empty() {
            push_token(&mut out, std::mem::take(&mut token));
        }
    }
    push_token(&mut out, token);
    out
}

fn push_token(out: &mut Vec<String>, token: String) {
    if token.chars().count() >= 2 && token.chars().any(|c| c.is_alphabetic()) {
        out.push(token);
    }
}

/// Normalised numbers of a key: thousands separators (`,` `.` space, `'`)
/// removed, a decimal comma made a point: `1,000` `1 000` `1.000` → `1000`,
/// `3,5` → `3.5`.
pub fn numbers(key: &str) -> Vec<String> {
    let chars: Vec<char> = key.chars().collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        if !chars[k].is_ascii_digit() {
            k += 1;
            continue;
        }
        let mut num = String::new();
        let mut group = 0; // digits since the last separator
        let mut first_group = true;
        let mut lead = 0; // digits of the first group
        while k < chars.len() {
            let c = chars[k];
            if c.is_ascii_digit() {
                num.push(c);
                group += 1;
                if first_group {
                    lead += 1;
                }
                k += 1;
                continue;
            }
            let digits_after = chars[k + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
            let is_sep = matches!(c, ',' | '.' | ' ' | '\'');
            if is_sep && digits_after == 3 && lead <= 3 && (first_group || group == 3) && !num.contains('.') {
                // A thousands separator: skip it.
                first_group = false;
                group = 0;
                k += 1;
            } else if matches!(c, ',' | '.') && digits_after > 0 && !num.contains('.') && first_group {
                num.push('.');
                first_group = false;
                group = 0;
                k += 1;
            } else {
                break;
            }
        }
        out.push(num);
    }
    out
}

/// The marks of a sentence's key.
fn marks(key: &str) -> MarkBits {
    let end = key.trim_end_matches(['"', '\'', '»', '”', '’', ')', '」', '』', '）', ' ']);
    let bit = |set: bool, mark: MarkBits| if set { mark } else { 0 };
    bit(key.contains('?'), Marks::QUESTION)
        | bit(key.contains('!'), Marks::EXCLAMATION)
        | bit(key.contains(['"', '“', '”', '„', '«', '»', '「', '」', '『', '』']), Marks::QUOTE)
        | bit(end.ends_with(':'), Marks::ENDS_WITH_COLON)
        // Keys are NFKC: full-width ！？：； are ASCII here.
        | bit(!end.ends_with(['.', '!', '?', ':', ';', '…', '。', '｡']), Marks::UNTERMINATED)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::key;

    #[test]
    fn numbers_are_normalised() {
        assert_eq!(numbers(&key("1,000 and 1 000 and 1000")), ["1000", "1000", "1000"]);
        assert_eq!(numbers(&key("3,5 млн и 2.75 и 1.000.000")), ["3.5", "2.75", "1000000"]);
        assert_eq!(numbers(&key("8 мая 2025 г.")), ["8", "2025"]);
        assert_eq!(numbers(&key("May 8, 2025")), ["8", "2025"]);
        assert_eq!(numbers(&key("5月8日")), ["5", "8"]);
        assert_eq!(numbers(&key("in 2023 100 people")), ["2023", "100"]);
    }

    #[test]
    fn latin_tokens_keep_domains_and_acronyms() {
        assert_eq!(latin_tokens(&key("Credit: kremlin.ru, NATO и U.S.")), ["credit", "kremlin.ru", "nato", "u.s"]);
        assert_eq!(latin_tokens(&key("美国（U.S.）表示")), ["u.s"]);
    }

    fn sentences(texts: &[&str]) -> Vec<Sentence> {
        texts.iter().map(|t| Sentence { text: t.to_string(), span: 0..0, paragraph: 0, key: key(t) }).collect()
    }

    #[test]
    fn a_shared_number_helps_and_a_missing_one_hurts_but_boundedly() {
        let src = sentences(&["In 1956 they climbed.", "Chapter 1.", "No numbers here."]);
        let tgt = sentences(&["En 1956 ils ont grimpé.", "Libro 1.", "Il y a 3 sommets."]);
        let weights = crate::evidence::ModelOptions::fitted().anchors.clone();
        let a = Anchors::new(&src, &tgt, weights.clone());
        let year = a.log_ratio(0..1, 0..1);
        let one = a.log_ratio(1..2, 1..2);
        assert!(year > one && one > 0.0, "a shared year tells more than a shared digit: {year} {one}");
        assert!(year <= weights.number_max, "no number is worth more than number_max: {year}");
        assert!(a.log_ratio(2..3, 2..3) < 0.0);
        assert!(a.log_ratio(0..1, 2..3) < 0.0);
    }

    #[test]
    fn questions_quotes_and_colons_must_agree() {
        let src = sentences(&["Why?", "It called for:", "Fine.", "He said “yes.”"]);
        let tgt = sentences(&["为什么？", "它呼吁：", "好。", "他说：「是。」"]);
        let a = Anchors::new(&src, &tgt, crate::evidence::ModelOptions::fitted().anchors.clone());
        assert!(a.log_ratio(0..1, 0..1) > 0.0);
        assert!(a.log_ratio(1..2, 1..2) > 0.0);
        assert!(a.log_ratio(0..1, 2..3) < 0.0);
        assert!(a.log_ratio(2..3, 1..2) < 0.0);
        assert!(a.log_ratio(3..4, 3..4) > a.log_ratio(3..4, 2..3));
        // A colon counts at the end of a side only, a question mark anywhere.
        assert!(a.log_ratio(1..3, 1..2) < 0.0);
        assert!(a.log_ratio(0..2, 0..1) < a.log_ratio(0..1, 0..1));
        assert!(a.log_ratio(0..2, 0..1) > a.log_ratio(1..2, 0..1));
    }
}
