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
        out.push(doc.finding(Rule::Empty, 0, doc.lower.len(), "The message is empty: write what the buyer needs to know.".into()));
        return out;
    }
    doc.scan(&mut out);
    // In text order, and by rule where spans are equal. Findings come nearly sorted: an
    // insertion sort is linear in practice and keeps core's driftsort (4.6 KB of wasm) out.
    let key = |f: &Finding| (f.start, f.end, f.rule as u8);
    for i in 1..out.len() {
        let mut j = i;
        while j > 0 && key(&out[j - 1]) > key(&out[j]) {
            out.swap(j - 1, j);
            j -= 1;
        }
    }
    out
}

/// Case folding for matching: ASCII and Latin-1 letters to lower case, full-width ASCII (common
/// in Japanese text: "５", "＠") to ASCII. Every pattern below is Latin-1 or CJK, so no other
/// script needs folding; `char::to_lowercase` would add Unicode's case tables (11 KB of wasm).
fn fold(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    match c {
        'A'..='Z' | 'À'..='Þ' if c != '×' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
        _ => c,
    }
}

/// Letters and digits for word boundaries: ASCII ones, and any character from Latin-1's letters
/// up that is not white space or punctuation (general, CJK and full-width). Close to
/// `char::is_alphanumeric` for every script a seller writes in, without its Unicode tables.
fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || (c >= 'À'
            && !matches!(c, '×' | '÷' | '\u{2000}'..='\u{2BFF}' | '\u{3000}'..='\u{303F}' | '\u{FE30}'..='\u{FE4F}' | '\u{FF00}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}')
            && !c.is_whitespace())
}

/// The text as characters, folded one-for-one (so indices stay aligned), and where each character
/// starts in UTF-16 when that differs from its index (only text with characters beyond the BMP).
struct Doc<'t> {
    text: &'t str,
    lower: Vec<char>,
    utf16: Option<Vec<usize>>,
}

impl Doc<'_> {
    fn new(text: &str) -> Doc<'_> {
        let mut lower = Vec::with_capacity(text.len());
        let mut astral = false;
        for c in text.chars() {
            astral |= c.len_utf16() > 1;
            lower.push(fold(c));
        }
        // Character index = UTF-16 offset, unless some character takes two code units.
        let utf16 = astral.then(|| {
            let mut at = 0;
            let mut starts: Vec<usize> = text.chars().map(|c| (at, at += c.len_utf16()).0).collect();
            starts.push(at);
            starts
        });
        Doc { text, lower, utf16 }
    }

    fn finding(&self, rule: Rule, start: usize, end: usize, message: String) -> Finding {
        let severity = if rule == Rule::Link { Severity::Confirm } else { Severity::Error };
        let at = |i: usize| self.utf16.as_ref().map_or(i, |u| u[i]);
        Finding { rule, severity, start: at(start), end: at(end), message }
    }

    /// The original text of characters `start..end`, at most 60 of them.
    fn excerpt(&self, start: usize, end: usize) -> String {
        let s: String = self.text.chars().skip(start).take(end.min(start + 60) - start).collect();
        if end > start + 60 {
            s + "…"
        } else {
            s
        }
    }

    fn is_word_at(&self, i: usize) -> bool {
        self.lower.get(i).is_some_and(|&c| is_word(c))
    }

    /// One pass over the text: each character is looked at once, and the checks that can start
    /// at it (a tag, a character reference, an address, a link, a review phrase) run from there.
    fn scan(&self, out: &mut Vec<Finding>) {
        let c: &[char] = &self.lower;
        let lex = lexicon();
        let (mut html_until, mut link_until) = (0, 0);
        let mut incentives = Vec::new();
        let mut reviews = Vec::new();
        let mut after_word = false;
        for i in 0..c.len() {
            let ch = c[i];
            let word_start = !after_word;
            after_word = is_word(ch);
            match ch {
                '<' | '&' if i >= html_until => {
                    if let Some(end) = self.html_at(i, out) {
                        html_until = end;
                    }
                }
                '@' => self.email_at(i, out),
                'h' | 'w' if word_start && i >= link_until => {
                    if let Some(end) = self.link_at(i, out) {
                        link_until = end.max(i + 1);
                    }
                }
                _ => {}
            }
            // Review phrases. Latin patterns are whole words, so they are tried only where a word
            // starts; CJK patterns (no spaces between words) at every character that can start one.
            let candidates = if ch.is_ascii() {
                if !word_start {
                    continue;
                }
                &lex.ascii[ch as usize]
            } else {
                match lex.other.binary_search_by_key(&ch, |(first, _)| *first) {
                    Ok(k) => &lex.other[k].1,
                    Err(_) => continue,
                }
            };
            for &(idx, ref pat) in candidates {
                let end = i + pat.chars.len();
                let matches = c.get(i..end) == Some(&pat.chars[..]) && (!pat.bounded || (word_start && !self.is_word_at(end)));
                if !matches {
                    continue;
                }
                match lex.kinds[idx] {
                    Kind::Positive => out.push(self.finding(
                        Rule::PositiveReview,
                        i,
                        end,
                        format!(
                            "Amazon forbids asking for a positive or 5-star review: \"{}\". Ask for honest feedback only.",
                            self.excerpt(i, end)
                        ),
                    )),
                    Kind::Incentive => incentives.push((i, end)),
                    Kind::Review => reviews.push(i),
                }
            }
        }
        self.incentives(&incentives, &reviews, out);
    }

    /// `<tag …>`, `</tag>`, `<!-- … -->`, `<br/>` or a character reference like `&nbsp;` at `i`:
    /// where it ends.
    fn html_at(&self, i: usize, out: &mut Vec<Finding>) -> Option<usize> {
        let c: &[char] = &self.lower;
        if c[i] == '<' {
            let j = if c.get(i + 1) == Some(&'/') { i + 2 } else { i + 1 };
            if !c.get(j).is_some_and(|ch| ch.is_ascii_alphabetic() || *ch == '!') {
                return None;
            }
            let close = (j..c.len().min(j + 2000)).find(|&k| c[k] == '>' || c[k] == '<').filter(|&k| c[k] == '>')?;
            out.push(self.finding(
                Rule::Html,
                i,
                close + 1,
                format!("HTML is not allowed in buyer messages: {}", self.excerpt(i, close + 1)),
            ));
            return Some(close + 1);
        }
        let k = (i + 1..c.len().min(i + 12)).find(|&k| !(c[k].is_ascii_alphanumeric() || c[k] == '#'))?;
        if c[k] != ';' || k == i + 1 {
            return None;
        }
        out.push(self.finding(Rule::Html, i, k + 1, format!("HTML character references are not allowed: {}", self.excerpt(i, k + 1))));
        Some(k + 1)
    }

    /// `name@domain.tld` around the `@` at `at`, also with a full-width `＠` (folded above).
    fn email_at(&self, at: usize, out: &mut Vec<Finding>) {
        let c: &[char] = &self.lower;
        let local = |ch: char| is_word(ch) || matches!(ch, '.' | '_' | '%' | '+' | '-' | '\'');
        let domain = |ch: char| is_word(ch) || ch == '-' || ch == '.';
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

    /// An `http://`, `https://` or `www.` link at `i`: allowed only when related to the message
    /// kind, which only the seller can judge, so each needs confirming. Where it ends.
    fn link_at(&self, i: usize, out: &mut Vec<Finding>) -> Option<usize> {
        let c: &[char] = &self.lower;
        if !(starts_with(c, i, "http://") || starts_with(c, i, "https://") || starts_with(c, i, "www.")) {
            return None;
        }
        let mut e = i;
        while e < c.len() && !c[e].is_whitespace() && !matches!(c[e], '<' | '>' | '"' | '\'' | '(' | ')' | '[' | ']' | '{' | '}') {
            e += 1;
        }
        while e > i && matches!(c[e - 1], '.' | ',' | ';' | ':' | '!' | '?' | '。' | '、') {
            e -= 1;
        }
        out.push(self.finding(
            Rule::Link,
            i,
            e,
            format!("Links are allowed only when they relate to this message: confirm {}", self.excerpt(i, e)),
        ));
        Some(e)
    }

    /// An incentive is a violation when it shares a sentence with a review word:
    /// "a free gift for your review", "Gutschein für eine Bewertung", "レビューでクーポン".
    /// Sentences end at . ! ? 。！？ and line breaks.
    fn incentives(&self, incentives: &[(usize, usize)], reviews: &[usize], out: &mut Vec<Finding>) {
        if incentives.is_empty() || reviews.is_empty() {
            return;
        }
        let mut sentence = Vec::with_capacity(self.lower.len());
        let mut n = 0;
        for &ch in &self.lower {
            sentence.push(n);
            n += usize::from(matches!(ch, '.' | '!' | '?' | '。' | '！' | '？' | '\n'));
        }
        let review_sentences: Vec<usize> = reviews.iter().map(|&r| sentence[r]).collect();
        let mut flagged = Vec::new();
        for &(s, e) in incentives {
            let at = sentence[s];
            if !flagged.contains(&at) && review_sentences.contains(&at) {
                flagged.push(at);
                out.push(self.finding(
                    Rule::ReviewIncentive,
                    s,
                    e,
                    format!("Amazon forbids offering anything in exchange for a review: \"{}\".", self.excerpt(s, e)),
                ));
            }
        }
    }
}

fn starts_with(c: &[char], i: usize, s: &str) -> bool {
    (i..).zip(s.chars()).all(|(k, ch)| c.get(k) == Some(&ch))
}

#[derive(Clone, Copy)]
enum Kind {
    Positive,
    Incentive,
    Review,
}

struct Pattern {
    chars: Vec<char>,
    /// Latin words match only as whole words ("free" is not "freedom"); CJK text has no spaces.
    bounded: bool,
}

/// Patterns indexed by their first character: a message is scanned once, comparing each position
/// only with the few patterns that start with its character. ASCII first characters index an
/// array directly; the others are in a list sorted by first character for a binary search.
struct Lexicon {
    kinds: Vec<Kind>,
    ascii: Vec<Vec<(usize, Pattern)>>,
    other: Vec<(char, Vec<(usize, Pattern)>)>,
}

/// The patterns are `|`-separated in one string per list: a `&[&str]` would add 8 bytes of
/// pointer per word to the wasm's data.
///
/// Asking for a positive or 5-star review, in English, German, French, Spanish, Italian, Japanese.
const POSITIVE: &str = concat!(
    // en
    "5 star|5-star|5 stars|five star|five-star|five stars|positive review|positive reviews|",
    "positive feedback|positive rating|good review|great review|glowing review|good rating|",
    "top rating|perfect rating|highest rating|★★★★★|⭐⭐⭐⭐⭐|",
    // de
    "5 sterne|5-sterne|fünf sterne|5-sterne-bewertung|positive bewertung|positiven bewertung|",
    "gute bewertung|guten bewertung|positives feedback|positive rezension|gute rezension|",
    // fr
    "5 étoiles|cinq étoiles|avis positif|avis positifs|bon avis|bonne évaluation|",
    "évaluation positive|commentaire positif|note maximale|bonne note|",
    // es
    "5 estrellas|cinco estrellas|reseña positiva|opinión positiva|buena reseña|buena opinión|",
    "valoración positiva|comentario positivo|buena valoración|",
    // it
    "5 stelle|cinque stelle|recensione positiva|buona recensione|feedback positivo|",
    "valutazione positiva|opinione positiva|ottima recensione|",
    // ja
    "星5|星５|星五つ|星5つ|5つ星|五つ星|☆5|★5|高評価|良いレビュー|いいレビュー|",
    "良い評価|いい評価|好評価|",
);

/// Something offered in return, when it shares a sentence with a review word.
const INCENTIVE: &str = concat!(
    // en
    "free|gift|gift card|discount|coupon|refund|reward|bonus|cashback|cash back|",
    "in exchange|in return|compensation|voucher|promo code|",
    // de
    "gratis|kostenlos|kostenlose|kostenloses|geschenk|gutschein|rabatt|rückerstattung|",
    "im austausch|belohnung|als dankeschön|erstattung|",
    // fr
    "gratuit|gratuite|cadeau|réduction|remise|bon d'achat|remboursement|en échange|",
    "récompense|code promo|",
    // es
    "regalo|descuento|cupón|reembolso|a cambio|recompensa|código promocional|",
    // it
    "gratuito|gratuita|omaggio|sconto|buono|rimborso|in cambio|ricompensa|codice promozionale|",
    // ja
    "無料|プレゼント|ギフト|割引|クーポン|返金|特典|ポイント|引き換え|お礼として|謝礼|",
);

/// Words that name a review or rating.
const REVIEW: &str = concat!(
    "review|reviews|feedback|rating|ratings|rate us|stars|",                        // en
    "bewertung|bewertungen|rezension|rezensionen|bewerten|",                        // de
    "avis|évaluation|évaluations|commentaire|commentaires|évaluer|",                // fr
    "reseña|reseñas|opinión|opiniones|valoración|valoraciones|comentario|valorar|", // es
    "recensione|recensioni|valutazione|valutazioni|opinione|valutare|",             // it
    "レビュー|評価|口コミ|クチコミ|感想|",                                          // ja
);

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut lex = Lexicon { kinds: Vec::new(), ascii: (0..128).map(|_| Vec::new()).collect(), other: Vec::new() };
        for (kind, words) in [(Kind::Positive, POSITIVE), (Kind::Incentive, INCENTIVE), (Kind::Review, REVIEW)] {
            for w in words.split('|').filter(|w| !w.is_empty()) {
                let chars: Vec<char> = w.chars().collect();
                let bounded = chars.iter().all(|c| (*c as u32) < 0x2000);
                let idx = lex.kinds.len();
                lex.kinds.push(kind);
                let Some(&first) = chars.first() else { continue };
                let pattern = (idx, Pattern { chars, bounded });
                match lex.ascii.get_mut(first as usize) {
                    Some(list) => list.push(pattern),
                    None => match lex.other.binary_search_by_key(&first, |(c, _)| *c) {
                        Ok(k) => lex.other[k].1.push(pattern),
                        Err(k) => lex.other.insert(k, (first, vec![pattern])),
                    },
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
