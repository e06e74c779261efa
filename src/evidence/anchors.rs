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

/// What one sentence offers as anchors.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SentenceAnchors {
    /// Normalised numbers (`1,000`, `1 000` and `1000` are all `1000`),
    /// as ids of [`Anchors`]' list of numbers: beads compare integers.
    pub numbers: Vec<u32>,
    /// Latin-script tokens that both documents use rarely (see
    /// [`Anchors::new`]), as ids.
    pub tokens: Vec<u32>,
    pub questions: bool,
    pub exclamations: bool,
    pub quotes: bool,
    pub ends_with_colon: bool,
    /// No sentence-final punctuation at the end: a title or a list item.
    pub unterminated: bool,
}

/// Anchor evidence of one document pair.
#[derive(Debug, Clone)]
pub struct Anchors {
    src: Vec<SentenceAnchors>,
    tgt: Vec<SentenceAnchors>,
    /// The digits of each number id.
    digits: Vec<f64>,
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
        let mut build = |sentences: &[Sentence], tokens: &[Vec<String>]| -> Vec<SentenceAnchors> {
            sentences
                .iter()
                .zip(tokens)
                .map(|(s, toks)| {
                    let mut a = punctuation(&s.key);
                    a.numbers = numbers(&s.key)
                        .into_iter()
                        .map(|n| {
                            let next = number_ids.len() as u32;
                            *number_ids.entry(n).or_insert_with_key(|n| {
                                digits.push(n.chars().filter(char::is_ascii_digit).count() as f64);
                                next
                            })
                        })
                        .collect();
                    a.tokens = toks
                        .iter()
                        .filter(|t| keep(t))
                        .map(|t| {
                            let next = token_ids.len() as u32;
                            *token_ids.entry(t.clone()).or_insert(next)
                        })
                        .collect();
                    a
                })
                .collect()
        };
        let src_anchors = build(src, &src_tokens);
        let tgt_anchors = build(tgt, &tgt_tokens);
        Anchors { src: src_anchors, tgt: tgt_anchors, digits, weights }
    }
}

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

/// The items two lists share (as multisets), each passed to `hit`, and the
/// number of those left over.
fn matched(a: &[u32], b: &[u32], mut hit: impl FnMut(u32)) -> usize {
    let mut used = vec![false; b.len()];
    let mut hits = 0;
    for &x in a {
        if let Some(k) = (0..b.len()).find(|&k| !used[k] && b[k] == x) {
            used[k] = true;
            hits += 1;
            hit(x);
        }
    }
    a.len() + b.len() - 2 * hits
}

/// The ids of a span's sentences, in order.
fn gathered(side: &[SentenceAnchors], ids: fn(&SentenceAnchors) -> &Vec<u32>) -> Vec<u32> {
    side.iter().flat_map(|a| ids(a).iter().copied()).collect()
}

impl Evidence for Anchors {
    fn name(&self) -> &'static str {
        "anchors"
    }

    fn log_ratio(&self, src: Range<usize>, tgt: Range<usize>) -> f64 {
        let (s, t) = (&self.src[src], &self.tgt[tgt]);
        let w = &self.weights;
        let mut score = 0.0;

        // Most spans have neither numbers nor rare tokens: nothing to match.
        let any = |f: fn(&SentenceAnchors) -> bool| s.iter().any(f) || t.iter().any(f);
        if any(|a| !a.numbers.is_empty()) {
            let (sn, tn) = (gathered(s, |a| &a.numbers), gathered(t, |a| &a.numbers));
            let missing =
                matched(&sn, &tn, |k| score += (w.number_per_digit * self.digits[k as usize]).min(w.number_max));
            score -= w.number_missing * missing as f64;
        }
        if any(|a| !a.tokens.is_empty()) {
            let (st, tt) = (gathered(s, |a| &a.tokens), gathered(t, |a| &a.tokens));
            let mut hits = 0;
            let missing = matched(&st, &tt, |_| hits += 1);
            score += w.token * hits as f64 - w.token_missing * missing as f64;
        }

        // Marks of the whole span (anywhere in it) and of its end (the last
        // sentence): present on both sides, on one, or on neither.
        let both = |f: fn(&SentenceAnchors) -> bool| (s.iter().any(f), t.iter().any(f));
        let last = |f: fn(&SentenceAnchors) -> bool| (s.last().is_some_and(f), t.last().is_some_and(f));
        for ((a, b), (agree, differ)) in [
            (both(|a| a.questions), (w.mark, w.mark_missing)),
            (both(|a| a.exclamations), (w.mark, w.mark_missing)),
            (both(|a| a.quotes), (w.quote, w.quote_missing)),
            (last(|a| a.ends_with_colon), (w.colon, w.colon_missing)),
            (last(|a| a.unterminated), (w.unterminated, w.unterminated_missing)),
        ] {
            score += match (a, b) {
                (true, true) => agree,
                (false, false) => 0.0,
                _ => -differ,
            };
        }
        score
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

fn punctuation(key: &str) -> SentenceAnchors {
    let end = key.trim_end_matches(['"', '\'', '»', '”', '’', ')', '」', '』', '）', ' ']);
    SentenceAnchors {
        questions: key.contains('?'),
        exclamations: key.contains('!'),
        quotes: key.contains(['"', '“', '”', '„', '«', '»', '「', '」', '『', '』']),
        ends_with_colon: end.ends_with(':'),
        // Keys are NFKC: full-width ！？：； are ASCII here.
        unterminated: !end.ends_with(['.', '!', '?', ':', ';', '…', '。', '｡']),
        ..SentenceAnchors::default()
    }
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
    }
}
