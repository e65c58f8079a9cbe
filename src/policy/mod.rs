//! The text policy: what Amazon forbids in buyer messages, checked before any send.
//!
//! Sources: the model descriptions of every `text` field ("Do not include HTML or email
//! addresses", "Only links related to … are allowed", models/messaging.json) and Amazon's
//! Communication Guidelines as summarised in facts.md "Business rules": no asking for positive
//! reviews, no incentives, no review gating, no asking to change or remove a review. Sellers
//! lose their accounts over these, so they are errors that block the send; phone numbers and
//! links that leave Amazon are for the seller to confirm.
//!
//! How (issue #13): the text is folded (normalize.rs: compatibility forms, look-alike letters,
//! invisible characters, every space and dash kind) with a map back to the original; cut into
//! tokens that carry the concepts of a six-language lexicon (tokens.rs, lexicon.rs), undoing
//! spaced-out letters and digit swaps; then sentence rules combine concepts (rules.rs) and
//! detectors find contact details (contact.rs). Rules rather than a model: every finding names
//! its rule and the words that triggered it, and the lexicon and rules fit in a few KB of wasm
//! (figures in README "Text policy"). Every stage is linear in the text: each step looks at a
//! bounded number of neighbours (tests/policy_linear.rs counts the work).
//!
//! Spans are UTF-16 code unit offsets (`start`..`end`), so the JS UI can slice or underline the
//! text directly.
use serde::Serialize;

mod contact;
mod lexicon;
mod normalize;
mod rules;
mod tokens;

/// Texts longer than this many bytes of UTF-8 are not looked at (a `tooLong` finding): no
/// message kind takes more than 2,000 characters (models/messaging.json), and the policy's
/// memory grows with the text (about 60 bytes per character in the worst case).
pub const MAX_TEXT_BYTES: usize = 4 << 20;

/// A finding's rule. The ids are stable: the extension localizes `finding_<rule>` by them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Rule {
    Empty,
    TooLong,
    Html,
    Email,
    Phone,
    Link,
    PositiveReview,
    ReviewGating,
    ReviewIncentive,
    ReviewChange,
}

impl Rule {
    pub fn id(self) -> &'static str {
        match self {
            Rule::Empty => "empty",
            Rule::TooLong => "tooLong",
            Rule::Html => "html",
            Rule::Email => "email",
            Rule::Phone => "phone",
            Rule::Link => "link",
            Rule::PositiveReview => "positiveReview",
            Rule::ReviewGating => "reviewGating",
            Rule::ReviewIncentive => "reviewIncentive",
            Rule::ReviewChange => "reviewChange",
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            Rule::Phone | Rule::Link => Severity::Confirm,
            _ => Severity::Error,
        }
    }

    /// The English message; `{}` is the excerpt. The extension shows `finding_<rule>` from its
    /// locales instead, with the excerpt as `$1`.
    fn message(self, excerpt: &str) -> String {
        // (before, after) the excerpt: one string join instead of a format! per rule.
        let (before, after) = match self {
            Rule::Empty => ("The message is empty: write what the buyer needs to know.", ""),
            Rule::TooLong => ("The text is too long to check: no message kind takes more than 2,000 characters.", ""),
            Rule::Html => ("HTML is not allowed in buyer messages: ", ""),
            Rule::Email => ("Email addresses are not allowed in buyer messages: ", ""),
            Rule::Phone => ("A phone number takes the buyer off Amazon: confirm that ", " is needed for this order."),
            Rule::Link => ("Links are allowed only when they relate to this message: confirm ", ""),
            Rule::PositiveReview => ("Amazon forbids asking for a positive or 5-star review: \"", "\". Ask for honest feedback only."),
            Rule::ReviewGating => {
                ("Amazon forbids asking only satisfied buyers for a review, or steering unhappy buyers away from one: \"", "\".")
            }
            Rule::ReviewIncentive => ("Amazon forbids offering anything in exchange for a review: \"", "\"."),
            Rule::ReviewChange => ("Amazon forbids asking a buyer to change or remove a review or feedback: \"", "\"."),
        };
        if matches!(self, Rule::Empty | Rule::TooLong) {
            return before.to_owned();
        }
        [before, excerpt, after].concat()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    /// Blocks the send.
    Error,
    /// The seller must confirm it before the send.
    Confirm,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub rule: Rule,
    pub severity: Severity,
    /// UTF-16 offsets of the offending text: from the first triggering word to the last.
    pub start: usize,
    pub end: usize,
    /// In English; the extension localizes by `rule` with `excerpt`.
    pub message: String,
    /// The original text of `start..end` (at most 60 characters, then "…").
    pub excerpt: String,
    /// UTF-16 spans of each word that triggered the rule ("positive" and "review").
    pub words: Vec<[usize; 2]>,
}

/// A finding in folded-text offsets, before it is mapped back to the original text.
struct Hit {
    rule: Rule,
    words: Vec<(usize, usize)>,
}

impl Hit {
    fn new(rule: Rule, a: usize, b: usize) -> Hit {
        Hit { rule, words: vec![(a, b)] }
    }
}

/// Check a message text. Empty result: nothing to object to.
pub fn lint(text: &str) -> Vec<Finding> {
    lint_counting(text).0
}

/// `lint`, and how many steps its loops took (tests/policy_linear.rs).
#[doc(hidden)]
pub fn lint_counting(text: &str) -> (Vec<Finding>, u64) {
    work::reset();
    if text.len() > MAX_TEXT_BYTES {
        let end = text.encode_utf16().count();
        let mut out = vec![finding(Rule::TooLong, 0, end, vec![])];
        excerpts(text, &mut out);
        return (out, work::get());
    }
    let mut folded = normalize::fold_text(text);
    normalize::kanji_digits(&mut folded);
    work::tick(folded.chars.len());
    if folded.chars.iter().all(|&c| c == ' ' || c == '\n') {
        // Only spaces, line breaks, zero-width and format characters.
        let end = text.encode_utf16().count();
        return (vec![finding(Rule::Empty, 0, end, vec![])], work::get());
    }
    let toks = tokens::tokenize(&folded.chars);
    let sents = rules::sentences(&toks);
    let mut hits = Vec::new();
    contact::scan(&folded.chars, &toks, &mut hits);
    let mut rule_hits = Vec::new();
    rules::check(&toks, &sents, &mut rule_hits);
    for h in rule_hits {
        hits.push(Hit { rule: h.rule, words: h.tokens.iter().map(|&i| (toks[i].a as usize, toks[i].b as usize)).collect() });
    }
    let mut out: Vec<Finding> = hits
        .into_iter()
        .filter_map(|h| {
            let a = h.words.iter().map(|w| w.0).min()?;
            let b = h.words.iter().map(|w| w.1).max()?;
            let (start, end) = folded.span(a, b);
            let words = h.words.iter().map(|&(x, y)| folded.span(x, y)).map(|(x, y)| [x, y]).collect();
            Some(finding(h.rule, start, end, words))
        })
        .collect();
    sort(&mut out);
    excerpts(text, &mut out);
    (out, work::get())
}

/// A step counter for the loops of the policy, so a test can show the work is linear in the
/// text without timing it (tests/policy_linear.rs). One thread-local cell: a static in wasm.
/// Counted natively only: in the shipped wasm the ticks compile to nothing.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) mod work {
    use std::cell::Cell;
    thread_local! {
        static WORK: Cell<u64> = const { Cell::new(0) };
    }
    pub fn tick(n: usize) {
        WORK.with(|w| w.set(w.get().saturating_add(n as u64)));
    }
    pub fn reset() {
        WORK.with(|w| w.set(0));
    }
    pub fn get() -> u64 {
        WORK.with(Cell::get)
    }
}
#[cfg(target_arch = "wasm32")]
pub(crate) mod work {
    pub fn tick(_: usize) {}
    pub fn reset() {}
    pub fn get() -> u64 {
        0
    }
}

/// The tokens, their flags and the sentences, one per line: for tuning the lexicon and rules.
#[doc(hidden)]
pub fn explain(text: &str) -> String {
    let mut folded = normalize::fold_text(text);
    normalize::kanji_digits(&mut folded);
    let toks = tokens::tokenize(&folded.chars);
    let sents = rules::sentences(&toks);
    let mut out = String::new();
    for (k, s) in sents.iter().enumerate() {
        out.push_str(&format!("[{k}{}{}]", if s.question { "?" } else { "" }, if s.quoted { ">" } else { "" }));
        for t in &toks[s.start..s.end] {
            let w: String = folded.chars[t.a as usize..t.b as usize].iter().collect();
            out.push_str(&format!(" {w}"));
            if t.flags != 0 {
                out.push_str(&format!("<{}>", lexicon::names(t.flags)));
            }
        }
        out.push('\n');
    }
    out
}

fn finding(rule: Rule, start: usize, end: usize, words: Vec<[usize; 2]>) -> Finding {
    Finding { rule, severity: rule.severity(), start, end, message: String::new(), excerpt: String::new(), words }
}

/// Each finding's excerpt (the original text of `start..end`, at most 60 characters) and
/// message. The findings are in start order, so one cursor walks the text once.
fn excerpts(text: &str, findings: &mut [Finding]) {
    let mut chars = text.char_indices().peekable();
    let mut at = 0; // UTF-16 offset of the cursor
    for f in findings.iter_mut() {
        while let Some(&(_, c)) = chars.peek() {
            if at >= f.start {
                break;
            }
            at += c.len_utf16();
            chars.next();
        }
        let byte = chars.peek().map_or(text.len(), |&(b, _)| b);
        let (mut u, mut n) = (at, 0);
        let mut excerpt = String::new();
        for c in text[byte..].chars() {
            if u >= f.end {
                break;
            }
            if n == 60 {
                excerpt.push('…');
                break;
            }
            excerpt.push(c);
            u += c.len_utf16();
            n += 1;
        }
        work::tick(n + 1);
        f.message = f.rule.message(&excerpt);
        f.excerpt = excerpt;
    }
}

/// In text order, and by rule where spans are equal.
fn sort(v: &mut [Finding]) {
    heap_sort(v, |a, b| (a.start, a.end, a.rule) < (b.start, b.end, b.rule));
}

/// A heap sort: O(n log n), and a few hundred bytes of wasm per use where core's sorts add
/// 3-5 KB each (driftsort 4.6 KB; the policy sorts five kinds of things).
pub(crate) fn heap_sort<T>(v: &mut [T], less: impl Fn(&T, &T) -> bool) {
    let sift = |v: &mut [T], mut root: usize, end: usize| loop {
        work::tick(1);
        let mut child = 2 * root + 1;
        if child >= end {
            break;
        }
        if child + 1 < end && less(&v[child], &v[child + 1]) {
            child += 1;
        }
        if !less(&v[root], &v[child]) {
            break;
        }
        v.swap(root, child);
        root = child;
    };
    for i in (0..v.len() / 2).rev() {
        sift(v, i, v.len());
    }
    for end in (1..v.len()).rev() {
        v.swap(0, end);
        sift(v, 0, end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(text: &str) -> Vec<Rule> {
        lint(text).into_iter().map(|f| f.rule).collect()
    }

    #[test]
    fn clean_text_has_no_findings() {
        for t in [
            "Your order has shipped and will arrive on Tuesday.",
            "Ihre Bestellung wurde versandt.",
            "Votre commande est en route. Merci de votre confiance.",
            "ご注文の商品を発送しました。",
            "We will refund the shipping cost. Thank you for your patience.",
            "Feel free to contact us through Amazon messaging.",
            "5 < 6 and 7 > 3",
        ] {
            assert!(lint(t).is_empty(), "{t}: {:?}", lint(t));
        }
    }

    #[test]
    fn empty_and_whitespace() {
        assert_eq!(rules(""), [Rule::Empty]);
        assert_eq!(rules(" \n\t\u{3000}"), [Rule::Empty]);
    }

    #[test]
    fn html_with_spans() {
        let f = lint("Hi <b>there</b>&nbsp;!");
        assert_eq!(
            f.iter().map(|f| (f.rule, f.start, f.end)).collect::<Vec<_>>(),
            [(Rule::Html, 3, 6), (Rule::Html, 11, 15), (Rule::Html, 15, 21)]
        );
        assert_eq!(rules("<!-- x -->"), [Rule::Html]);
        assert_eq!(rules("<a href=\"x\">"), [Rule::Html]);
    }

    #[test]
    fn emails_spans_are_utf16() {
        let f = lint("😀 write to anna.m+shop@example.co.uk.");
        assert_eq!((f[0].rule, f[0].start, f[0].end), (Rule::Email, 12, 37));
        assert_eq!(rules("contact：ｓｈｏｐ＠ｅｘａｍｐｌｅ．ｃｏｍ"), [Rule::Email]);
        assert!(lint("we are @home today").is_empty());
    }

    #[test]
    fn links_need_confirmation() {
        let f = lint("Track it at https://track.example.com/123.");
        assert_eq!((f[0].rule, f[0].severity), (Rule::Link, Severity::Confirm));
        assert_eq!(&"Track it at https://track.example.com/123."[f[0].start..f[0].end], "https://track.example.com/123");
        assert_eq!(rules("see www.example.de"), [Rule::Link]);
    }

    #[test]
    fn positive_review_requests_in_six_languages() {
        for t in [
            "Please leave us a 5-star review!",
            "We'd love a positive review.",
            "Bitte geben Sie uns 5 Sterne.",
            "Über eine positive Bewertung freuen wir uns.",
            "Merci de laisser un avis positif.",
            "Déjà 5 étoiles ?",
            "Por favor, deja una reseña positiva.",
            "Danos 5 estrellas.",
            "Lascia una recensione positiva.",
            "Dacci 5 stelle!",
            "星５のレビューをお願いします。",
            "高評価をお願いします",
            "Bitte FÜNF STERNE!",
            "UNE ÉVALUATION POSITIVE, SVP",
            "ＰＯＳＩＴＩＶＥ ＲＥＶＩＥＷ please",
        ] {
            assert!(rules(t).contains(&Rule::PositiveReview), "{t}: {:?}", lint(t));
        }
    }

    #[test]
    fn incentives_for_reviews_in_six_languages() {
        for t in [
            "Leave a review and get a free gift.",
            "We'll send a $10 gift card in exchange for your review.",
            "Für Ihre Bewertung erhalten Sie einen Gutschein.",
            "Un cadeau pour votre avis !",
            "Recibirá un descuento por su reseña.",
            "Uno sconto per la tua recensione.",
            "レビューを書いていただいた方にクーポンをプレゼント。",
        ] {
            assert!(rules(t).contains(&Rule::ReviewIncentive), "{t}: {:?}", lint(t));
        }
        // An incentive word and a review word in different sentences is not an offer.
        assert!(lint("We issued your refund. Thanks for the feedback.").is_empty());
        // Whole words only: "freedom" and "reviewed" are not "free" and "review".
        assert!(lint("Enjoy the freedom of the road; we reviewed your order.").is_empty());
        assert!(lint("Voucherless deliveries, the preview is ready.").is_empty());
    }
}
