//! The sentence rules (issue #13, "Understand the sentence, not a word"). Amazon forbids, in
//! any buyer message (Communication Guidelines; facts.md "Business rules"):
//! - asking for a positive review or a top rating ("a 5-star review", "5/5", "glowing feedback");
//! - review gating: asking only satisfied buyers for a review, or steering unhappy ones away
//!   ("happy? leave a review; not happy? write to us first");
//! - an incentive for a review: anything of value in return, in the same or the next sentence;
//! - asking to change or remove a review or feedback.
//!
//! A review term counts only in the sense "a review on Amazon": "we will review your claim",
//! "Bewertung Ihres Schadens", "avis de passage" and "評価後" are something else. Reward words
//! alone never flag. Each rule looks at one sentence and its neighbours through the sentence's
//! flags and a few tokens around each candidate, so the pass is linear in the text.
use super::lexicon::*;
use super::tokens::{hash, Kind, Tok};
use super::work::tick;
use super::Rule;

/// A sentence: its tokens `start..end` and the union of their flags.
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub flags: Flags,
    /// Ends with a question mark.
    pub question: bool,
    /// On a line that starts with ">" or "＞": the buyer's words quoted back, which the rules
    /// read as context only ("> I'm leaving 2 stars" before "could you bump that up to 5?").
    pub quoted: bool,
}

/// A rule's finding: the tokens that triggered it.
pub struct RuleHit {
    pub rule: Rule,
    pub tokens: Vec<usize>,
}

/// Sentences end at . ! ? 。 … (a "." only before white space or the end, and not after an
/// abbreviation such as "neg." before a word on the same line), at blank lines, and around
/// quoted lines.
pub fn sentences(toks: &[Tok]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut flags = 0;
    let mut quoted = false;
    for (i, t) in toks.iter().enumerate() {
        let line_start = i == 0 || t.nl >= 1;
        let quote_mark = line_start && matches!(t.kind, Kind::Sym('>' | '＞'));
        // A bullet or a box at the start of a line starts a new sentence.
        let star = t.kind == Kind::Cjk && t.is(STAR) && t.len() == 1;
        let bullet = t.nl >= 1
            && (star
                || matches!(
                    t.kind,
                    Kind::Sym('•' | '-' | '*' | '・' | '→' | '▶' | '►' | '✓' | '✔' | '☐' | '□' | '■' | '◆' | '◇' | '●' | '○')
                ));
        if i > start && (t.nl >= 2 || t.nl >= 1 && (quoted || quote_mark || bullet)) {
            out.push(Sentence { start, end: i, flags, question: false, quoted });
            start = i;
            flags = 0;
        }
        if line_start {
            quoted = quote_mark;
        }
        flags |= t.flags;
        let next = toks.get(i + 1);
        let terminal = match t.kind {
            Kind::Sym('!' | '?' | '。' | '…' | '！' | '？') => true,
            Kind::Sym('.') => {
                let abbr = i > 0 && toks[i - 1].is(ABBR) && next.is_some_and(|n| n.kind == Kind::Word && n.nl == 0);
                // ". ." is a dotted-out gap between words ("p.l.e.a.s.e. .l.e.a.v.e"), not an end.
                let dotted = next.is_some_and(|n| n.kind == Kind::Sym('.'));
                next.is_none_or(|n| n.space || n.kind == Kind::Cjk) && !abbr && !dotted
            }
            _ => false,
        };
        // "!!", "?!" end once; "(but hopefully 5-star!) review" does not end at all.
        let more_marks = next.is_some_and(|n| !n.space && matches!(n.kind, Kind::Sym('!' | '?' | '.' | '。' | '…' | ')')));
        if terminal && !more_marks {
            let question = t.kind == Kind::Sym('?') || t.kind == Kind::Sym('？');
            out.push(Sentence { start, end: i + 1, flags, question, quoted });
            start = i + 1;
            flags = 0;
        }
    }
    if start < toks.len() {
        out.push(Sentence { start, end: toks.len(), flags, question: false, quoted });
    }
    out
}

struct Ctx<'a> {
    t: &'a [Tok],
    s: &'a [Sentence],
    /// The flags of the whole message, quoted lines included: the context a sentence answers.
    all: Flags,
    /// `talk()`, worked out once per message.
    talk: std::cell::OnceCell<bool>,
}

impl Ctx<'_> {
    /// Tokens `i - back ..= i + fwd` inside sentence `s`, in text order.
    fn window(&self, s: &Sentence, i: usize, back: usize, fwd: usize) -> std::ops::Range<usize> {
        i.saturating_sub(back).max(s.start)..(i + fwd + 1).min(s.end)
    }

    fn near(&self, s: &Sentence, i: usize, f: Flags, back: usize, fwd: usize) -> Option<usize> {
        tick(back + fwd + 1);
        self.window(s, i, back, fwd).find(|&j| j != i && self.t[j].is(f))
    }

    fn first(&self, s: &Sentence, f: Flags) -> Option<usize> {
        if s.flags & f == 0 {
            return None;
        }
        tick(s.end - s.start);
        (s.start..s.end).find(|&j| self.t[j].is(f))
    }

    /// The tokens of `s` that carry `f`.
    fn each<'s>(&'s self, s: &'s Sentence, f: Flags) -> impl Iterator<Item = usize> + 's {
        let n = if s.flags & f == 0 { 0 } else { s.end - s.start };
        tick(n);
        (s.start..s.start + n).filter(move |&j| self.t[j].is(f))
    }

    /// The previous token that is a word (skipping quotes and dashes, not a clause's end), within
    /// the sentence.
    fn prev_word(&self, s: &Sentence, i: usize) -> Option<usize> {
        tick(3);
        (s.start..i)
            .rev()
            .take(3)
            .take_while(|&j| !matches!(self.t[j].kind, Kind::Sym(',' | ';' | ':' | '(' | ')' | '、' | '：')))
            .find(|&j| matches!(self.t[j].kind, Kind::Word | Kind::Cjk | Kind::Num))
    }

    /// The sentence's first word (after bullets and symbols).
    fn first_word(&self, s: &Sentence) -> Option<usize> {
        tick(4);
        (s.start..s.end).take(4).find(|&j| matches!(self.t[j].kind, Kind::Word | Kind::Cjk))
    }

    /// `i` is negated: "not happy", "nicht zufrieden", "pas satisfait", "満足いただけない".
    fn negated(&self, s: &Sentence, i: usize) -> bool {
        self.t[i].is(NOT)
            || self.near(s, i, NOT, 3, 0).is_some()
            || self.t.get(i + 1).is_some_and(|n| n.kind == Kind::Word && n.is(NOT) && !n.is(EITHER) && i + 1 < s.end)
            || self.t.get(i + 1).is_some_and(|n| n.kind == Kind::Cjk && n.is(NOT) && i + 1 < s.end)
    }

    /// `i` is denied by a "not" earlier in its clause: "we cannot offer discounts nor refunds in
    /// exchange for a review", "nunca le pediríamos que la cambie".
    fn denied(&self, s: &Sentence, i: usize) -> bool {
        tick(12);
        // Japanese denies at the end: "特典を差し上げることはできません".
        if self.t[i].kind == Kind::Cjk && (i + 1..s.end).take(6).any(|j| self.t[j].kind == Kind::Cjk && self.t[j].is(NOT)) {
            return true;
        }
        for j in (s.start..i).rev().take(6) {
            let t = &self.t[j];
            if matches!(t.kind, Kind::Sym(',' | ';' | ':' | '-' | '(' | ')' | '、')) {
                return false;
            }
            if t.is(NOT) {
                return true;
            }
        }
        false
    }

    /// +1 for praise (a positive qualifier, a top rating, satisfaction), -1 for its opposite.
    fn polarity(&self, s: &Sentence, j: usize) -> i8 {
        let t = &self.t[j];
        if t.is(NEGQ | UNSAT | LOW) {
            -1
        } else if t.is(POS | HIGH | SAT | FIVE) {
            if self.negated(s, j) {
                -1
            } else {
                1
            }
        } else {
            0
        }
    }

    /// The sentence leaves the outcome open (Amazon allows a neutral request): "positive or
    /// negative", "egal ob … oder nicht", "one star or five", "bueno o malo".
    fn neutral(&self, s: &Sentence) -> bool {
        if s.flags & EITHER != 0 {
            return true;
        }
        if s.flags & OR == 0 {
            return false;
        }
        self.each(s, OR).any(|o| {
            tick(8);
            let before = (s.start..o).rev().take(3).map(|j| self.polarity(s, j)).find(|&p| p != 0);
            let after = (o + 1..s.end).take(3).map(|j| self.polarity(s, j)).find(|&p| p != 0);
            matches!((before, after), (Some(a), Some(b)) if a != b)
        })
    }

    /// The seller speaking of itself as the subject ("we will", "wir", "nosotros"), not as the
    /// object of the buyer's act ("rate us", "uns bewerten").
    fn seller_subject(&self, s: &Sentence, i: usize, back: usize) -> bool {
        self.near(s, i, WE, back, 0).is_some_and(|w| !self.t[w].is(USOBJ | OUR | DEF))
    }

    /// A review term used in the sense "a review on Amazon" at token `i`.
    fn review_sense(&self, s: &Sentence, i: usize) -> bool {
        tick(4);
        let t = &self.t[i];
        if t.is(NONE) {
            return false;
        }
        if !t.is(REVIEW | RATE) {
            // A mark or grade is a rating beside a qualifier or stars: "une bonne note sur
            // Amazon", "i voti alti", "la nota máxima" — not "a note for the driver".
            let asked = s.flags & (REQ | COND | HELP | AMAZON | VENUE | USOBJ) != 0 || s.question;
            return t.is(GRADE) && asked && (self.near(s, i, POS | HIGH, 2, 2).is_some() || self.near(s, i, STAR, 3, 3).is_some());
        }
        // A specification: "an IP67 rating", "a 3A rating".
        if let Some(p) = self.prev_word(s, i) {
            if self.t[p].kind == Kind::Word && self.t[p].digits > 0 && self.t[p].flags == 0 {
                return false;
            }
        }
        // Clearly Amazon's: on Amazon, with stars or a qualifier, left or written by the buyer.
        if self.near(s, i, AMAZON | VENUE | STAR | HIGH, 5, 5).is_some() || self.near(s, i, POS | NEGQ, 2, 2).is_some() || t.is(POS | NEGQ)
        {
            return true;
        }
        if self.near(s, i, LEAVE, 3, 0).is_some() && !self.t[i].is(RATE) {
            return true;
        }
        // The verb, done by the seller: "we will review", "we'll review", "I have" — not "bitten
        // Sie, uns … zu bewerten", where the buyer is asked.
        if t.is(RATE) {
            if let Some(p) = self.prev_word(s, i) {
                let asked = (s.start..i).any(|j| self.t[j].is(REQ));
                if self.t[p].is(MODAL | WE) && self.near(s, i, YOU, 3, 0).is_none() && (self.seller_subject(s, i, 4) || !asked) {
                    return false;
                }
            }
        }
        // An assessment of listed parts: "après évaluation (écran, batterie, coque)".
        if t.is(ASSESS) && self.t.get(i + 1).is_some_and(|n| n.kind == Kind::Sym('(')) {
            return false;
        }
        // Followed by what is reviewed, assessed or noticed: "review your claim", "Bewertung
        // Ihres Schadens", "valutazione della richiesta" (in Japanese what follows belongs to
        // the review: "レビューの内容" is the review's content).
        let cjk = t.kind == Kind::Cjk;
        for j in (i + 1..s.end).take(if cjk { 0 } else { 4 }) {
            let n = &self.t[j];
            if n.is(OTHEROBJ) && !n.is(REVIEW | PRODUCT) {
                return false;
            }
            if !(n.is(LINK | YOU | WE) || matches!(n.kind, Kind::Sym('\'' | '-'))) {
                break;
            }
        }
        // Preceded by it: "claim review", "品質評価", "状態の評価".
        if let Some(p) = self.prev_word(s, i) {
            if self.t[p].is(OTHEROBJ) && !self.t[p].is(PRODUCT | REVIEW) {
                return false;
            }
            if self.t[p].is(LINK) && self.t[p].kind == Kind::Cjk {
                if let Some(q) = self.prev_word(s, p) {
                    if self.t[q].is(OTHEROBJ) && !self.t[q].is(PRODUCT) {
                        return false;
                    }
                }
            }
            // "Tras la valoración le enviaremos una oferta": an assessment with the definite
            // article and nothing of the buyer's is the seller's process ("your review" is not).
            if t.is(ASSESS) && self.t[p].is(DEF) && self.near(s, i, YOU | LEAVE | RATE | REQ, 3, 3).is_none() {
                return false;
            }
        }
        // "rate" and "bewerten" on their own: only for what a buyer rates ("rate us", "rate
        // your purchase"), not "exchange rate".
        if !t.is(REVIEW) {
            if self.near(s, i, WE | PRODUCT | YOU | STAR | REQ, 2, 3).is_some() {
                return true;
            }
            // A verb the buyer is asked to do: "wenn Sie im Gegenzug die Kopfhörer bewerten",
            // or told to as the sentence's first word: "Bewerten!".
            let english = t.hash == hash("rate".chars());
            return !english && (s.flags & YOU != 0 && s.flags & (REQ | COND) != 0 || self.first_word(s) == Some(i));
        }
        true
    }

    /// The sentence asks the buyer for something (not thanks for what they did).
    fn asks(&self, s: &Sentence) -> bool {
        let f = s.flags;
        if f & (REQ | COND) != 0 {
            return true;
        }
        if f & THANKS != 0 || f & PAST != 0 && f & YOU == 0 {
            return false;
        }
        if f & (LEAVE | HELP) != 0 || s.question && f & YOU != 0 {
            return true;
        }
        // An imperative: the sentence starts with the verb ("Bewerten!", "Tell others…"); or a
        // review exclaimed on its own ("Ravi ? Un avis !").
        let exclaimed = s.end > s.start && matches!(self.t[s.end - 1].kind, Kind::Sym('!' | '！')) && f & (REVIEW | RATE) != 0;
        exclaimed || self.first_word(s).is_some_and(|j| self.t[j].is(RATE | LEAVE | TELL | CONTACT))
    }

    /// The seller speaking of its own reviews: "our 5-star rating", "unsere positiven
    /// Bewertungen", "we have received many positive reviews" — not "give us 5 stars".
    fn own(&self, s: &Sentence, i: usize) -> bool {
        let ours = self.near(s, i, OUR, 3, 0).is_some() || s.flags & PAST != 0 && s.flags & WE != 0;
        ours && s.flags & (REQ | COND | HELP) == 0
    }

    /// One to three stars at `j`: "1 star", "one star", "ein Stern", "2 étoiles".
    fn low_stars(&self, j: usize) -> bool {
        tick(3);
        self.t[j].is(STAR)
            && (j.saturating_sub(3)..j).rev().find(|&n| !matches!(self.t[n].kind, Kind::Sym('-'))).is_some_and(|n| {
                let t = &self.t[n];
                t.kind == Kind::Num && (1..=3).contains(&t.num) || t.is(LOW)
            })
    }

    /// A high rating at `i`: "5 stars", "five-star", "★★★★★", "5/5", "10 out of 10", "満点".
    /// The tokens that make it, or `None`.
    fn high_rating(&self, s: &Sentence, i: usize) -> Option<Vec<usize>> {
        let t = &self.t[i];
        if t.is(HIGH) {
            return Some(vec![i]);
        }
        let high_num = |j: usize| self.t.get(j).is_some_and(|n| n.kind == Kind::Num && (4..=5).contains(&n.num) || n.is(FIVE));
        if t.is(STAR) {
            // A run of four or five stars, counted from its first star only (so each star is
            // counted once, however long the run).
            let star = |j: usize| self.t[j].is(STAR) && self.t[j].kind == Kind::Cjk && self.t[j].len() == 1;
            if star(i) {
                if i > s.start && star(i - 1) {
                    return None;
                }
                let run = (i..s.end).take_while(|&j| star(j)).count();
                tick(run);
                if run >= 4 {
                    return Some(vec![i, i + run - 1]);
                }
            }
            // The number before ("5 stars", "5-star", "fünf Sterne", "5つ星") or after ("星5", "★5").
            let mut k = i;
            let num = loop {
                if k == s.start || i - k > 4 {
                    break None;
                }
                k -= 1;
                // An average: "4,8 Sternen", "4.9 stars".
                if k >= s.start + 2 && self.t[k].kind == Kind::Num && matches!(self.t[k - 1].kind, Kind::Sym(',' | '.')) && high_num(k - 2)
                {
                    break Some(k - 2);
                }
                if high_num(k) {
                    break Some(k);
                }
                let dot = self.t[k].kind == Kind::Sym('.') && !self.t[k].space;
                if !matches!(self.t[k].kind, Kind::Sym('-' | '/')) && !self.t[k].is(LINK) && !dot {
                    break None;
                }
            };
            let num = num.or_else(|| (i + 1 < s.end && high_num(i + 1) && self.t[i + 1].kind == Kind::Num).then_some(i + 1))?;
            // A target ("passer à 5 étoiles", "subirlo a 5 estrellas") is given, not described.
            let target = num > s.start && self.t[num - 1].is(TO) && self.asks(s);
            // "a 5-star hotel", "5 star-shaped cutters": the stars describe what follows (a
            // singular star, or one joined to the next word by a hyphen)...
            let hyphen = self.t.get(i + 1).is_some_and(|n| n.kind == Kind::Sym('-') && !n.space);
            let n = if hyphen { i + 2 } else { i + 1 };
            if num < i && n < s.end && (hyphen || singular(&self.t[i])) {
                let next = &self.t[n];
                // (a noun that is not about reviews: "hotel", "energy rating", "cutters")
                let about_reviews = REVIEW | RATE | GRADE | FUNC | LINK | REQ | HELP | POS | SAT | CUSTOMER | OTHERS | STILL;
                if next.kind == Kind::Word && next.len() >= 3 && !next.is(about_reviews) {
                    return None;
                }
            }
            // ... or what precedes it: "un hôtel 5 étoiles", "un albergo a 5 stelle".
            let review_near = s.flags & (REVIEW | RATE | LEAVE | AMAZON | VENUE | TELL) != 0 || target;
            if let Some(p) = (s.start..num.min(i)).rev().find(|&j| !(self.t[j].is(LINK) && self.t[j].kind == Kind::Word)) {
                let before = &self.t[p];
                if !review_near && before.kind == Kind::Word && before.flags == 0 && before.len() >= 4 {
                    return None;
                }
            }
            return Some(vec![num.min(i), num.max(i)]);
        }
        // "5/5", "10/10", "5 out of 5", "5 von 5", "5 sur 5" — not "Paket 5 von 5", a count.
        if t.kind == Kind::Num && t.num > 0 {
            let sep = self.t.get(i + 1)?;
            let den = self.t.get(i + 2)?;
            let slash = matches!(sep.kind, Kind::Sym('/'));
            let frac = slash || sep.is(OUTOF);
            if frac && i + 2 < s.end && den.kind == Kind::Num && den.num == t.num && matches!(den.num, 5 | 10 | 20 | 100) {
                let counted = self.prev_word(s, i).is_some_and(|p| self.t[p].kind == Kind::Word && self.t[p].flags & !IDCUE == 0);
                if counted && !slash && s.flags & (REVIEW | RATE | LEAVE | STAR | GRADE) == 0 {
                    return None;
                }
                return Some(vec![i, i + 2]);
            }
        }
        None
    }

    /// A review request or mention in the Amazon sense anywhere in `s`, or a high rating.
    fn review_in(&self, s: &Sentence) -> Option<usize> {
        if s.flags & (REVIEW | RATE | STAR | HIGH | GRADE) == 0 && !(s.start..s.end).any(|j| self.t[j].kind == Kind::Num) {
            return None;
        }
        tick(s.end - s.start);
        (s.start..s.end).find(|&j| self.review_sense(s, j) || self.high_rating(s, j).is_some())
    }

    /// Where reviews are written, as a place the buyer goes to review: "on Amazon", "publicly",
    /// "before going to Amazon" — not "an Amazon return".
    fn venue(&self, s: &Sentence, j: usize) -> bool {
        self.t[j].is(AMAZON | VENUE) && self.near(s, j, OTHEROBJ, 0, 2).is_none()
    }

    /// The message speaks of a review or rating on Amazon somewhere (quoted lines included).
    fn talk(&self) -> bool {
        *self.talk.get_or_init(|| self.s.iter().any(|s| s.flags & STAR != 0 || self.review_in(s).is_some()))
    }

    /// A neighbouring sentence that is not a quoted line.
    fn sentence(&self, k: Option<usize>) -> Option<&Sentence> {
        k.and_then(|k| self.s.get(k)).filter(|s| !s.quoted)
    }

    /// The buyer is unhappy in `s`: "not happy", "a problem", "nicht zufrieden", "ご不満".
    fn unhappy(&self, s: &Sentence) -> bool {
        s.flags & UNSAT != 0 || self.each(s, SAT).any(|j| self.negated(s, j))
    }
}

/// "star" and "Stern" describe the noun after them ("a 5-star hotel"); "stars", "Sterne" and
/// "étoiles" are what is given.
fn singular(t: &Tok) -> bool {
    t.hash == hash("star".chars()) || t.hash == hash("stern".chars())
}

pub fn check(toks: &[Tok], sents: &[Sentence], out: &mut Vec<RuleHit>) {
    let all = sents.iter().fold(0, |f, s| f | s.flags);
    let cx = Ctx { t: toks, s: sents, all, talk: std::cell::OnceCell::new() };
    for (k, s) in sents.iter().enumerate() {
        tick(s.end - s.start);
        // The buyer's own words quoted back are context, never the seller's request.
        if s.quoted {
            continue;
        }
        positive(&cx, s, out);
        gating(&cx, k, out);
        incentive(&cx, k, out);
        change(&cx, s, out);
    }
}

/// Asking for a positive review or a top rating.
fn positive(cx: &Ctx, s: &Sentence, out: &mut Vec<RuleHit>) {
    if s.flags & (POS | STAR | HIGH | REVIEW | RATE | GRADE | TELL | LEAVE) == 0 && !(s.start..s.end).any(|j| cx.t[j].kind == Kind::Num) {
        return;
    }
    if cx.neutral(s) {
        return;
    }
    let asks = cx.asks(s);
    for i in s.start..s.end {
        // A positive qualifier on a review: "a positive review", "avis positif", "高評価".
        if cx.review_sense(s, i) {
            let q = if cx.t[i].is(POS) { Some(i) } else { cx.near(s, i, POS, 3, 3) };
            if let Some(q) = q {
                let neutral = cx.near(s, q, NEGQ, 3, 3).is_some() || cx.negated(s, q);
                if !neutral && (asks || s.flags & (THANKS | PAST) == 0) && !cx.own(s, q.min(i)) {
                    out.push(RuleHit { rule: Rule::PositiveReview, tokens: vec![q.min(i), q.max(i)] });
                    return;
                }
            }
        }
        // A top rating asked for: "5 stars please", "give us 5/5", "星5をお願いします".
        if let Some(r) = cx.high_rating(s, i) {
            let context = s.flags & (REVIEW | RATE | LEAVE | REQ | HELP | COND | AMAZON | TELL) != 0 || s.question;
            if context && (asks || s.flags & (THANKS | PAST) == 0) && !cx.own(s, i) {
                out.push(RuleHit { rule: Rule::PositiveReview, tokens: r });
                return;
            }
        }
    }
    // Praise asked for in public: "tell others how much you love it on the product page",
    // "erzählen Sie anderen Eltern auf Amazon, wie toll er ist", "「大変満足」を選んで".
    if s.flags & TELL != 0 && s.flags & (OTHERS | VENUE | AMAZON) != 0 && s.flags & (SAT | POS | HIGH) != 0 && s.flags & PAST == 0 {
        for i in cx.each(s, TELL) {
            let whom = cx.near(s, i, OTHERS | VENUE | AMAZON, 6, 8);
            let what = cx.window(s, i, 6, 10).find(|&q| q != i && cx.t[q].is(SAT | POS | HIGH) && !cx.negated(s, q));
            if let (Some(w), Some(q)) = (whom, what) {
                out.push(RuleHit { rule: Rule::PositiveReview, tokens: vec![i.min(w).min(q), i.max(w).max(q)] });
                return;
            }
        }
    }
    // A top mark given to the seller: "nos pondrá un 10", "give us a 10", "ci dia un 10" — not
    // "we'll give you 10 % off" or "give us 10 minutes".
    for i in cx.each(s, LEAVE) {
        if cx.near(s, i, WE, 2, 2).is_none() {
            continue;
        }
        let Some(j) = (i + 1..s.end).take(4).find(|&j| !(cx.t[j].is(WE | LINK) && cx.t[j].kind == Kind::Word)) else { continue };
        let n = &cx.t[j];
        let unit = cx.t.get(j + 1).filter(|_| j + 1 < s.end).is_some_and(|a| match a.kind {
            Kind::Sym(c) => matches!(c, '%' | '€' | '$' | '£' | '¥' | ',' | '.' | ':' | '/'),
            Kind::Word => a.flags & (STAR | REVIEW | FUNC | STILL | GRADE | POS) == 0,
            _ => true,
        });
        if n.kind == Kind::Num && matches!(n.num, 5 | 10 | 20) && n.digits <= 2 && !unit {
            out.push(RuleHit { rule: Rule::PositiveReview, tokens: vec![i, j] });
            return;
        }
    }
}

/// Review gating: a review asked for only when the buyer is satisfied, or unhappy buyers sent
/// to the seller instead of to a review.
fn gating(cx: &Ctx, k: usize, out: &mut Vec<RuleHit>) {
    let s = &cx.s[k];
    if cx.neutral(s) {
        return;
    }
    let next = cx.sentence(Some(k + 1));
    let prev = cx.sentence(k.checked_sub(1));
    // The buyer's satisfaction, not the seller's ("we are happy if you write one").
    let buyer_sat = |j: usize| cx.t[j].is(SAT) && !cx.negated(s, j) && !cx.seller_subject(s, j, 2);
    // "If you are happy, please leave a review", "only review us if you loved it", and as a
    // question: "Happy with your order? Leave us a review!"
    if s.flags & SAT != 0 && (s.flags & COND != 0 || s.question) {
        if let Some(sat) = (s.start..s.end).find(|&j| buyer_sat(j)) {
            let cond = cx.first(s, COND).unwrap_or(sat);
            let here = cx.review_in(s);
            let review = here
                .or_else(|| next.filter(|n| (s.question || s.flags & (REQ | CONTACT) == 0) && cx.asks(n)).and_then(|n| cx.review_in(n)));
            if let Some(r) = review {
                // The whole construction: with the other branch when it follows ("…; not happy?
                // write to us first"), in this sentence or the next (after the review's).
                let at = if here.is_some() { k + 1 } else { k + 2 };
                let other = cx.sentence(Some(at)).filter(|n| cx.unhappy(n)).map_or(s.end.max(r + 1), |n| {
                    // "Not happy? | Write to us first": the question and its answer.
                    let answer = cx.sentence(Some(at + 1)).filter(|a| n.question && a.flags & (CONTACT | FIRST) != 0);
                    answer.map_or(n.end, |a| a.end)
                });
                let last = (r.max(sat)..other).rev().find(|&j| cx.t[j].is(CONTACT | FIRST)).unwrap_or(r.max(sat));
                out.push(RuleHit { rule: Rule::ReviewGating, tokens: vec![cond.min(sat), last] });
                return;
            }
        }
    }
    // Both branches: satisfied buyers to a review, unhappy ones to the seller ("customers who
    // are pleased are welcome to review; complaints should come straight to us", "ご満足→
    // レビュー、ご不満→まずはご連絡を"), in this sentence and the next.
    let pair = s.flags | next.map_or(0, |n| n.flags);
    if s.flags & SAT != 0 && pair & UNSAT != 0 && pair & (CONTACT | FIRST) != 0 {
        if let Some(sat) = (s.start..s.end).find(|&j| buyer_sat(j)) {
            if let Some(r) = cx.review_in(s) {
                let end = next.filter(|n| n.flags & UNSAT != 0 && s.flags & UNSAT == 0).map_or(s.end, |n| n.end);
                let last = (sat..end).rev().find(|&j| cx.t[j].is(CONTACT | FIRST | UNSAT)).unwrap_or(r);
                out.push(RuleHit { rule: Rule::ReviewGating, tokens: vec![sat.min(r), last.max(r)] });
                return;
            }
        }
    }
    // Reviews reserved for happy customers: "Le recensioni sono per i clienti felici",
    // "we only ask satisfied customers for a review".
    if s.flags & SAT != 0 && s.flags & CUSTOMER != 0 {
        if let Some(sat) = (s.start..s.end).find(|&j| buyer_sat(j) && cx.near(s, j, CUSTOMER, 2, 2).is_some()) {
            if let Some(r) = cx.review_in(s) {
                out.push(RuleHit { rule: Rule::ReviewGating, tokens: vec![sat.min(r), sat.max(r)] });
                return;
            }
        }
    }
    // "Please contact us before leaving a review", "write to us first instead of leaving
    // negative feedback", "not happy? contact us first" next to a review request.
    if s.flags & FIRST != 0 {
        let first = cx.first(s, FIRST).unwrap_or(s.start);
        let contact = cx.first(s, CONTACT).or_else(|| prev.and_then(|p| cx.first(p, CONTACT)));
        let unhappy = cx.unhappy(s);
        let review = cx.review_in(s).or_else(|| {
            if unhappy {
                prev.and_then(|p| cx.review_in(p)).or_else(|| next.and_then(|n| cx.review_in(n)))
            } else {
                None
            }
        });
        if let (Some(c), Some(r)) = (contact, review) {
            out.push(RuleHit { rule: Rule::ReviewGating, tokens: vec![c.min(first).min(r), r.max(first).max(c)] });
            return;
        }
    }
    // Steering away from a bad review: "please don't leave negative feedback", "bitte keine
    // schlechte Bewertung" — the buyer is asked for any review but a bad one.
    if s.flags & NOT != 0 && s.flags & NEGQ != 0 && cx.asks(s) {
        for q in cx.each(s, NEGQ) {
            let review = cx.near(s, q, REVIEW | STAR, 2, 2);
            let stop = cx.near(s, q, NOT, 3, 0).filter(|&n| cx.near(s, n, LEAVE | RATE, 0, 2).is_some() || cx.t[n].is(NOT) && n + 1 == q);
            if let (Some(r), Some(n)) = (review, stop) {
                out.push(RuleHit { rule: Rule::ReviewGating, tokens: vec![n, q.max(r)] });
                return;
            }
        }
    }
    // A detour before or instead of the review: "before you write a review", "antes de opinar,
    // hable con nosotros", "tell us first, not Amazon", "non in una recensione",
    // "Amazonへのご投稿の前に", "レビューではなく当店へ".
    if s.flags & (FIRST | NOT) != 0 {
        let detour = s.flags & CONTACT != 0 || prev.is_some_and(|p| p.flags & CONTACT != 0);
        let unhappy = cx.unhappy(s) || prev.is_some_and(|p| cx.unhappy(p));
        let asked = s.flags & (REQ | COND) != 0 || s.question || cx.asks(s);
        for f in cx.each(s, FIRST | NOT) {
            // "not" only turns a review into a detour when the seller offers itself instead.
            if !(cx.t[f].is(FIRST) || detour && unhappy) {
                continue;
            }
            // What comes after "before" ("before you write a review"); in Japanese, what comes
            // before 前に ("Amazonへのご投稿の前に") — not "comments on the colours before printing".
            let (back, fwd) = if cx.t[f].kind == Kind::Cjk { (6, 0) } else { (0, 6) };
            let target = cx.window(s, f, back, fwd).find(|&j| {
                j != f
                    && (cx.review_sense(s, j)
                        || cx.t[j].is(RATE) && j > f && j <= f + 3 && !cx.seller_subject(s, j, 2)
                        || cx.venue(s, j)
                            && (cx.near(s, j, LEAVE | RATE | TELL, 4, 4).is_some()
                                || cx.near(s, j, NOT | FIRST, 2, 0).is_some()
                                || detour && unhappy))
            });
            if let Some(r) = target {
                if detour || asked {
                    out.push(RuleHit { rule: Rule::ReviewGating, tokens: vec![f.min(r), f.max(r)] });
                    return;
                }
            }
        }
    }
}

/// Something of value in return for a review, in the same sentence or the next.
fn incentive(cx: &Ctx, k: usize, out: &mut Vec<RuleHit>) {
    let s = &cx.s[k];
    // What is given: a reward ("a gift card", "your next order's on us", "500 points"), or
    // anything sent "as a thank-you" ("as a thank-you, we'll send you a second frame") — not
    // one refused ("we cannot offer discounts or refunds for reviews").
    let thank_you_gift = s.flags & EXCH != 0 && cx.each(s, OFFER).any(|j| !cx.denied(s, j));
    let reward =
        (s.start..s.end).find(|&j| cx.t[j].is(REWARD) && !cx.t[j].is(PAST) && !cx.negated(s, j) && !cx.denied(s, j)).or_else(|| {
            if thank_you_gift {
                cx.first(s, EXCH)
            } else {
                None
            }
        });
    let thanks_only = s.flags & THANKS != 0 && s.flags & (REQ | COND | EXCH | AFTER) == 0;
    let reported = s.flags & PAST != 0 && s.flags & (REQ | COND | EXCH) == 0;
    // Same sentence: "leave a review and get a gift card", "a coupon for your review",
    // "earn 500 points for every review", "Nach Ihrer Bewertung erstatten wir 50 %" — the review
    // asked for, or tied to the reward ("for", "after", "with", "your"), not "we read all
    // reviews and offer free repairs".
    if let Some(reward) = reward {
        if let Some(r) = cx.review_in(s) {
            let tied = cx.asks(s) || cx.near(s, r, FOR | AFTER | EXCH | YOU | LEAVE | REQ, 4, 4).is_some() || cx.t[r].is(RATE | EXCH);
            if tied && !thanks_only && !reported {
                out.push(RuleHit { rule: Rule::ReviewIncentive, tokens: vec![reward.min(r), reward.max(r)] });
                return;
            }
        }
    }
    // The review asked for, then something sent to the buyer: "write a review and we'll send you
    // the DLC key", "laissez un avis et nous vous enverrons…".
    if s.flags & OFFER != 0 && !thanks_only && !reported && cx.asks(s) {
        if let Some(r) = cx.review_in(s) {
            let sent = (r + 1..s.end).find(|&j| cx.t[j].is(OFFER) && !cx.denied(s, j) && cx.near(s, j, YOU, 2, 2).is_some());
            if let Some(o) = sent {
                out.push(RuleHit { rule: Rule::ReviewIncentive, tokens: vec![r, o] });
                return;
            }
        }
    }
    // An act of the seller's for each review: "for every review, we plant a tree", "pour chaque
    // avis, nous reversons…" — something given in exchange, whatever it is.
    if s.flags & EXCH != 0 && !thanks_only && !reported {
        if let Some(r) = cx.review_in(s) {
            if let Some(x) = cx.near(s, r, EXCH, 3, 0) {
                if (r + 1..s.end).any(|j| cx.t[j].is(WE) && !cx.t[j].is(USOBJ | OUR | DEF)) {
                    out.push(RuleHit { rule: Rule::ReviewIncentive, tokens: vec![x, r] });
                    return;
                }
            }
        }
    }
    // Across sentences: "Leave us a review! In return, a free sample." — the reward's sentence
    // says it is in exchange (or a conditional offer), a neighbour asks for the review.
    let strong = s.flags & EXCH != 0 || s.flags & (OFFER | AFTER) != 0 && s.flags & COND != 0;
    if let Some(reward) = reward.filter(|_| strong) {
        for n in [k.checked_sub(1), Some(k + 1), k.checked_sub(2)] {
            let Some(o) = cx.sentence(n) else { continue };
            if let Some(r) = cx.review_in(o) {
                if cx.asks(o) || o.flags & (EXCH | AFTER) != 0 || cx.near(o, r, FOR, 3, 0).is_some() {
                    out.push(RuleHit { rule: Rule::ReviewIncentive, tokens: vec![reward.min(r), reward.max(r)] });
                    return;
                }
            }
        }
    }
    // The review's sentence says "in return" and a neighbour gives something: "Here is a 15 %
    // code. In return, we'd love a review." / "…をお贈りします。その代わり…レビューを".
    if s.flags & EXCH != 0 && reward.is_none() {
        if let Some(r) = cx.review_in(s) {
            for n in [k.checked_sub(1), Some(k + 1)] {
                let Some(o) = cx.sentence(n) else { continue };
                if let Some(w) = (o.start..o.end).find(|&j| cx.t[j].is(REWARD) && !cx.negated(o, j) && !cx.denied(o, j)) {
                    out.push(RuleHit { rule: Rule::ReviewIncentive, tokens: vec![w.min(r), w.max(r)] });
                    return;
                }
            }
        }
    }
}

/// Asking to change, update or remove a review: "could you update your review", "Bewertung
/// entfernen", "評価を変更していただけませんか", the hint "feedback can be revised at any time",
/// a new rating asked for ("could you bump that up to 5?") and the rhetorical "is one star
/// still fair now?".
fn change(cx: &Ctx, s: &Sentence, out: &mut Vec<RuleHit>) {
    let asks = s.flags & (REQ | COND | YOU | ANYTIME) != 0 || s.question;
    if s.flags & CHANGE != 0 && s.flags & (REVIEW | RATE | NEGQ | STAR | HIGH | GRADE) != 0 && asks {
        for c in cx.each(s, CHANGE) {
            tick(10);
            // The seller's own change: "we updated the listing based on your feedback", "las
            // opiniones nos ayudan a mejorar"; and a change refused: "we'd never ask you to change it".
            if cx.near(s, c, WE, 2, 0).is_some_and(|w| !cx.t[w].is(YOU | USOBJ | DEF)) && cx.near(s, c, YOU, 2, 0).is_none() {
                continue;
            }
            if cx.denied(s, c) {
                continue;
            }
            let helped = cx.near(s, c, WE | HELP, 3, 0).is_some();
            let target = |j: usize| {
                j != c
                    && (cx.review_sense(s, j)
                        || cx.low_stars(j)
                        || cx.t[j].is(HIGH)
                        || cx.t[j].is(STAR | GRADE) && (cx.near(s, j, YOU | OUR, 2, 0).is_some() || cx.t[c].is(RAISE))
                        || cx.t[j].is(NEGQ) && cx.near(s, j, REVIEW | STAR, 2, 2).is_some())
            };
            // A hint that reviews can be changed at any time looks at the whole sentence.
            let hint = s.flags & ANYTIME != 0;
            let found = if hint { (s.start..s.end).find(|&j| target(j)) } else { cx.window(s, c, 6, 5).find(|&j| target(j)) };
            if let Some(r) = found {
                if helped && r < c {
                    continue;
                }
                let (a, b) = (c.min(r), c.max(r));
                let between = !hint
                    && !cx.low_stars(r)
                    && (a + 1..b).any(|j| {
                        cx.t[j].is(BASIS) || cx.t[j].kind == Kind::Word && cx.t[j].flags == 0 && cx.t[j].len() > 3 && !cx.t[j].is(REVIEW)
                    });
                if !between {
                    out.push(RuleHit { rule: Rule::ReviewChange, tokens: vec![a, b] });
                    return;
                }
            }
        }
    }
    // A new rating asked for, where the message is about a rating: "> I'm leaving 2 stars" …
    // "could you bump that up to 5?", "passer à 5 étoiles", "auf neutral setzen".
    let rating_talk = cx.all & (REVIEW | STAR | RATE | GRADE | HIGH) != 0;
    if (s.question || s.flags & REQ != 0) && s.flags & TO != 0 && s.flags & LEAVE == 0 && rating_talk && cx.talk() {
        for i in cx.each(s, TO) {
            // A scale ("de 1 (peut attendre) à 5"): a range, not a new rating.
            if (s.start..i).any(|j| cx.t[j].kind == Kind::Num && cx.t[j].num <= 1) {
                break;
            }
            let Some(j) = (i + 1..s.end).take(2).find(|&j| !(cx.t[j].is(LINK) && !cx.t[j].is(TO) && cx.t[j].kind == Kind::Word)) else {
                continue;
            };
            let n = &cx.t[j];
            let after = cx.t.get(j + 1).filter(|_| j + 1 < s.end);
            let plain = after.is_none_or(|a| a.kind != Kind::Word || a.flags & (STAR | REVIEW | STILL | FUNC | GRADE) != 0);
            let number = n.kind == Kind::Num && matches!(n.num, 4 | 5 | 10) && n.digits <= 2 || n.is(FIVE);
            let word = n.kind == Kind::Word && n.is(POS | HIGH) || n.hash == hash("neutral".chars());
            if number && plain || word && s.flags & (REVIEW | STAR | GRADE) != 0 || n.is(HIGH) {
                out.push(RuleHit { rule: Rule::ReviewChange, tokens: vec![i, j] });
                return;
            }
        }
    }
    // "Passt eine Ein-Stern-Rezension da eigentlich noch?", "isn't one star harsh now?"
    if s.question && s.flags & (STILL | NEGQ) != 0 {
        if let Some(j) = (s.start..s.end).find(|&j| cx.low_stars(j)) {
            out.push(RuleHit { rule: Rule::ReviewChange, tokens: vec![j] });
        }
    }
}
