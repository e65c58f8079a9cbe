//! The text policy: what Amazon forbids in buyer messages, checked before any send.
//!
//! Sources: the model descriptions of every `text` field ("Do not include HTML or email
//! addresses", "Only links related to … are allowed", models/messaging.json) and Amazon's
//! Communication Guidelines as summarised in facts.md "Business rules": no asking for positive
//! reviews, no incentives for reviews. Sellers lose their accounts over these, so they are
//! errors that block the send, not hints.
//!
//! Spans are UTF-16 code unit offsets (`start`..`end`), so the JS UI can slice or underline the
//! text directly.
use serde::Serialize;
use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Rule {
    Empty,
    Html,
    Email,
    Link,
    PositiveReview,
    ReviewIncentive,
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
    /// UTF-16 offsets of the offending text.
    pub start: usize,
    pub end: usize,
    pub message: String,
}

/// Check a message text. Empty result: nothing to object to.
pub fn lint(text: &str) -> Vec<Finding> {
    let doc = Doc::new(text);
    let mut out = Vec::new();
    if text.trim().is_empty() {
        out.push(doc.finding(Rule::Empty, 0, doc.chars.len(), "The message is empty: write what the buyer needs to know.".into()));
        return out;
    }
    doc.html(&mut out);
    doc.emails(&mut out);
    doc.links(&mut out);
    doc.review_phrases(&mut out);
    out.sort_by_key(|f| (f.start, f.end));
    out
}

/// The text as characters (lower-cased one-for-one, so indices stay aligned) with UTF-16 offsets.
struct Doc {
    chars: Vec<char>,
    lower: Vec<char>,
    utf16: Vec<usize>,
}

impl Doc {
    fn new(text: &str) -> Doc {
        let chars: Vec<char> = text.chars().collect();
        // Full-width letters and digits (common in Japanese text) fold to ASCII so "５" matches "5".
        let lower = chars
            .iter()
            .map(|&c| {
                let c = match c as u32 {
                    0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                    _ => c,
                };
                c.to_lowercase().next().unwrap_or(c)
            })
            .collect();
        let mut utf16 = Vec::with_capacity(chars.len() + 1);
        let mut at = 0;
        for c in &chars {
            utf16.push(at);
            at += c.len_utf16();
        }
        utf16.push(at);
        Doc { chars, lower, utf16 }
    }

    fn finding(&self, rule: Rule, start: usize, end: usize, message: String) -> Finding {
        let severity = if rule == Rule::Link { Severity::Confirm } else { Severity::Error };
        Finding { rule, severity, start: self.utf16[start], end: self.utf16[end], message }
    }

    fn excerpt(&self, start: usize, end: usize) -> String {
        let s: String = self.chars[start..end.min(start + 60)].iter().collect();
        if end > start + 60 {
            s + "…"
        } else {
            s
        }
    }

    /// `<tag …>`, `</tag>`, `<!-- … -->`, `<br/>` and character references like `&nbsp;`.
    fn html(&self, out: &mut Vec<Finding>) {
        let c = &self.lower;
        let mut i = 0;
        while i < c.len() {
            if c[i] == '<' {
                let mut j = i + 1;
                if c.get(j) == Some(&'/') {
                    j += 1;
                }
                let tag_start = c.get(j).is_some_and(|ch| ch.is_ascii_alphabetic() || *ch == '!');
                if tag_start {
                    if let Some(close) = (j..c.len().min(j + 2000)).find(|&k| c[k] == '>' || c[k] == '<') {
                        if c[close] == '>' {
                            let tag = self.excerpt(i, close + 1);
                            out.push(self.finding(Rule::Html, i, close + 1, format!("HTML is not allowed in buyer messages: {tag}")));
                            i = close + 1;
                            continue;
                        }
                    }
                }
            } else if c[i] == '&' {
                let name_end = (i + 1..c.len().min(i + 12)).find(|&k| !(c[k].is_ascii_alphanumeric() || c[k] == '#'));
                if let Some(k) = name_end {
                    if c[k] == ';' && k > i + 1 {
                        out.push(self.finding(Rule::Html, i, k + 1, format!("HTML character references are not allowed: {}", self.excerpt(i, k + 1))));
                        i = k + 1;
                        continue;
                    }
                }
            }
            i += 1;
        }
    }

    /// `name@domain.tld`, also with a full-width `＠` (folded above).
    fn emails(&self, out: &mut Vec<Finding>) {
        let c = &self.lower;
        let local = |ch: char| ch.is_alphanumeric() || "._%+-'".contains(ch);
        let domain = |ch: char| ch.is_alphanumeric() || ch == '-' || ch == '.';
        for at in (0..c.len()).filter(|&i| c[i] == '@') {
            let mut s = at;
            while s > 0 && local(c[s - 1]) {
                s -= 1;
            }
            let mut e = at + 1;
            while e < c.len() && domain(c[e]) {
                e += 1;
            }
            while e > at + 1 && c[e - 1] == '.' {
                e -= 1; // a sentence's full stop is not part of the address
            }
            let dom = &c[at + 1..e];
            let has_tld = dom.iter().rposition(|&ch| ch == '.').is_some_and(|dot| dot > 0 && dom.len() - dot > 2);
            if s < at && has_tld {
                out.push(self.finding(Rule::Email, s, e, format!("Email addresses are not allowed in buyer messages: {}", self.excerpt(s, e))));
            }
        }
    }

    /// `http://`, `https://` and `www.` links: allowed only when related to the message kind, which
    /// only the seller can judge, so each needs confirming.
    fn links(&self, out: &mut Vec<Finding>) {
        let c = &self.lower;
        let mut i = 0;
        while i < c.len() {
            let boundary = i == 0 || !c[i - 1].is_alphanumeric();
            let is_link = boundary && (starts_with(c, i, "http://") || starts_with(c, i, "https://") || starts_with(c, i, "www."));
            if is_link {
                let mut e = i;
                while e < c.len() && !c[e].is_whitespace() && !"<>\"'()[]{}".contains(c[e]) {
                    e += 1;
                }
                while e > i && ".,;:!?。、".contains(c[e - 1]) {
                    e -= 1;
                }
                out.push(self.finding(Rule::Link, i, e, format!("Links are allowed only when they relate to this message: confirm {}", self.excerpt(i, e))));
                i = e.max(i + 1);
            } else {
                i += 1;
            }
        }
    }

    /// Asking for a positive review, and offering something for a review (any language covered).
    fn review_phrases(&self, out: &mut Vec<Finding>) {
        let lex = lexicon();
        let mut incentives = Vec::new();
        let mut reviews = Vec::new();
        for i in 0..self.lower.len() {
            let Some(candidates) = lex.starting_with(self.lower[i]) else { continue };
            for &(idx, ref pat) in candidates {
                if !self.matches_at(i, pat) {
                    continue;
                }
                let end = i + pat.len();
                match lex.kinds[idx] {
                    Kind::Positive => {
                        out.push(self.finding(Rule::PositiveReview, i, end, format!("Amazon forbids asking for a positive or 5-star review: \"{}\". Ask for honest feedback only.", self.excerpt(i, end))))
                    }
                    Kind::Incentive => incentives.push((i, end)),
                    Kind::Review => reviews.push((i, end)),
                }
            }
        }
        // An incentive is a violation when it shares a sentence with a review word:
        // "a free gift for your review", "Gutschein für eine Bewertung", "レビューでクーポン".
        let mut flagged_sentences = Vec::new();
        for &(s, e) in &incentives {
            let sentence = self.sentence_of(s);
            if flagged_sentences.contains(&sentence) {
                continue;
            }
            if reviews.iter().any(|&(rs, _)| self.sentence_of(rs) == sentence) {
                flagged_sentences.push(sentence);
                out.push(self.finding(
                    Rule::ReviewIncentive,
                    s,
                    e,
                    format!("Amazon forbids offering anything in exchange for a review: \"{}\".", self.excerpt(s, e)),
                ));
            }
        }
    }

    fn matches_at(&self, i: usize, pat: &Pattern) -> bool {
        let end = i + pat.len();
        if end > self.lower.len() || self.lower[i..end] != pat.chars[..] {
            return false;
        }
        // Latin words need word boundaries ("free" is not "freedom"); CJK text has no spaces.
        let word = |k: usize| self.lower.get(k).is_some_and(|c| c.is_alphanumeric());
        !pat.bounded || ((i == 0 || !word(i - 1)) && !word(end))
    }

    /// Sentence index of character `i`: sentences end at . ! ? 。！？ and line breaks.
    fn sentence_of(&self, i: usize) -> usize {
        self.lower[..i].iter().filter(|c| ".!?。！？\n".contains(**c)).count()
    }
}

fn starts_with(c: &[char], i: usize, s: &str) -> bool {
    let mut k = i;
    for ch in s.chars() {
        if c.get(k) != Some(&ch) {
            return false;
        }
        k += 1;
    }
    true
}

#[derive(Clone, Copy)]
enum Kind {
    Positive,
    Incentive,
    Review,
}

struct Pattern {
    chars: Vec<char>,
    bounded: bool,
}

impl Pattern {
    fn len(&self) -> usize {
        self.chars.len()
    }
}

/// Patterns indexed by their first character: a message is scanned once, comparing each position
/// only with the few patterns that start with its character. ASCII first characters index an
/// array directly (no hashing on the hot path); the rest go through a map.
struct Lexicon {
    kinds: Vec<Kind>,
    ascii: Vec<Vec<(usize, Pattern)>>,
    other: HashMap<char, Vec<(usize, Pattern)>>,
}

impl Lexicon {
    fn starting_with(&self, c: char) -> Option<&Vec<(usize, Pattern)>> {
        if c.is_ascii() {
            self.ascii.get(c as usize).filter(|v| !v.is_empty())
        } else {
            self.other.get(&c)
        }
    }
}

/// Asking for a positive or 5-star review, in English, German, French, Spanish, Italian, Japanese.
const POSITIVE: &[&str] = &[
    // en
    "5 star", "5-star", "5 stars", "five star", "five-star", "five stars", "positive review", "positive reviews",
    "positive feedback", "positive rating", "good review", "great review", "glowing review", "good rating",
    "top rating", "perfect rating", "highest rating", "★★★★★", "⭐⭐⭐⭐⭐",
    // de
    "5 sterne", "5-sterne", "fünf sterne", "5-sterne-bewertung", "positive bewertung", "positiven bewertung",
    "gute bewertung", "guten bewertung", "positives feedback", "positive rezension", "gute rezension",
    // fr
    "5 étoiles", "cinq étoiles", "avis positif", "avis positifs", "bon avis", "bonne évaluation",
    "évaluation positive", "commentaire positif", "note maximale", "bonne note",
    // es
    "5 estrellas", "cinco estrellas", "reseña positiva", "opinión positiva", "buena reseña", "buena opinión",
    "valoración positiva", "comentario positivo", "buena valoración",
    // it
    "5 stelle", "cinque stelle", "recensione positiva", "buona recensione", "feedback positivo",
    "valutazione positiva", "opinione positiva", "ottima recensione",
    // ja
    "星5", "星５", "星五つ", "星5つ", "5つ星", "五つ星", "☆5", "★5", "高評価", "良いレビュー", "いいレビュー",
    "良い評価", "いい評価", "好評価",
];

/// Something offered in return, when it shares a sentence with a review word.
const INCENTIVE: &[&str] = &[
    // en
    "free", "gift", "gift card", "discount", "coupon", "refund", "reward", "bonus", "cashback", "cash back",
    "in exchange", "in return", "compensation", "voucher", "promo code",
    // de
    "gratis", "kostenlos", "kostenlose", "kostenloses", "geschenk", "gutschein", "rabatt", "rückerstattung",
    "im austausch", "belohnung", "als dankeschön", "erstattung",
    // fr
    "gratuit", "gratuite", "cadeau", "réduction", "remise", "bon d'achat", "remboursement", "en échange",
    "récompense", "code promo",
    // es
    "regalo", "descuento", "cupón", "reembolso", "a cambio", "recompensa", "código promocional",
    // it
    "gratuito", "gratuita", "omaggio", "sconto", "buono", "rimborso", "in cambio", "ricompensa", "codice promozionale",
    // ja
    "無料", "プレゼント", "ギフト", "割引", "クーポン", "返金", "特典", "ポイント", "引き換え", "お礼として", "謝礼",
];

/// Words that name a review or rating.
const REVIEW: &[&str] = &[
    "review", "reviews", "feedback", "rating", "ratings", "rate us", "stars", // en
    "bewertung", "bewertungen", "rezension", "rezensionen", "bewerten", // de
    "avis", "évaluation", "évaluations", "commentaire", "commentaires", "évaluer", // fr
    "reseña", "reseñas", "opinión", "opiniones", "valoración", "valoraciones", "comentario", "valorar", // es
    "recensione", "recensioni", "valutazione", "valutazioni", "opinione", "valutare", // it
    "レビュー", "評価", "口コミ", "クチコミ", "感想", // ja
];

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut lex = Lexicon { kinds: Vec::new(), ascii: (0..128).map(|_| Vec::new()).collect(), other: HashMap::new() };
        for (kind, words) in [(Kind::Positive, POSITIVE), (Kind::Incentive, INCENTIVE), (Kind::Review, REVIEW)] {
            for w in words {
                let chars: Vec<char> = w.chars().collect();
                let bounded = chars.iter().all(|c| (*c as u32) < 0x2000);
                let idx = lex.kinds.len();
                lex.kinds.push(kind);
                let Some(&first) = chars.first() else { continue };
                let pattern = (idx, Pattern { chars, bounded });
                match lex.ascii.get_mut(first as usize) {
                    Some(list) => list.push(pattern),
                    None => lex.other.entry(first).or_default().push(pattern),
                }
            }
        }
        lex
    })
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
        assert_eq!(f.iter().map(|f| (f.rule, f.start, f.end)).collect::<Vec<_>>(), [(Rule::Html, 3, 6), (Rule::Html, 11, 15), (Rule::Html, 15, 21)]);
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
    }
}
