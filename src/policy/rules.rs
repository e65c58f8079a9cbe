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
}

/// A rule's finding: the tokens that triggered it.
pub struct RuleHit {
    pub rule: Rule,
    pub tokens: Vec<usize>,
}

/// Sentences end at . ! ? 。 … (a "." only before white space or the end) and at blank lines.
pub fn sentences(toks: &[Tok]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut flags = 0;
    for (i, t) in toks.iter().enumerate() {
        if i > start && t.nl >= 2 {
            out.push(Sentence { start, end: i, flags, question: false });
            start = i;
            flags = 0;
        }
        flags |= t.flags;
        let next = toks.get(i + 1);
        let terminal = match t.kind {
            Kind::Sym('!' | '?' | '。' | '…' | '！' | '？') => true,
            Kind::Sym('.') => next.is_none_or(|n| n.space || n.kind == Kind::Cjk),
            _ => false,
        };
        let more_marks = next.is_some_and(|n| !n.space && matches!(n.kind, Kind::Sym('!' | '?' | '.' | '。' | '…')));
        if terminal && !more_marks {
            out.push(Sentence { start, end: i + 1, flags, question: t.kind == Kind::Sym('?') || t.kind == Kind::Sym('？') });
            start = i + 1;
            flags = 0;
        }
    }
    if start < toks.len() {
        out.push(Sentence { start, end: toks.len(), flags, question: false });
    }
    out
}

struct Ctx<'a> {
    t: &'a [Tok],
    s: &'a [Sentence],
}

impl Ctx<'_> {
    /// Tokens `i - back ..= i + fwd` inside sentence `s`, nearest first... in text order.
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

    /// The previous/next token that is a word (skipping punctuation), within the sentence.
    fn prev_word(&self, s: &Sentence, i: usize) -> Option<usize> {
        tick(3);
        (s.start..i).rev().take(3).find(|&j| matches!(self.t[j].kind, Kind::Word | Kind::Cjk | Kind::Num))
    }

    /// `i` is negated: "not happy", "nicht zufrieden", "pas satisfait", "満足いただけない".
    fn negated(&self, s: &Sentence, i: usize) -> bool {
        self.t[i].is(NOT)
            || self.near(s, i, NOT, 3, 0).is_some()
            || self.t.get(i + 1).is_some_and(|n| n.kind == Kind::Cjk && n.is(NOT) && i + 1 < s.end)
    }

    /// A review term used in the sense "a review on Amazon" at token `i`.
    fn review_sense(&self, s: &Sentence, i: usize) -> bool {
        tick(4);
        let t = &self.t[i];
        if !t.is(REVIEW | RATE) || t.is(NONE) {
            return false;
        }
        // Clearly Amazon's: on Amazon, with stars or a qualifier, left or written by the buyer.
        if self.near(s, i, AMAZON | STAR | HIGH, 5, 5).is_some() || self.near(s, i, POS | NEGQ, 2, 2).is_some() || t.is(POS | NEGQ) {
            return true;
        }
        if self.near(s, i, LEAVE, 3, 0).is_some() && !self.t[i].is(RATE) {
            return true;
        }
        // The verb, done by the seller: "we will review", "we'll review", "to review", "I have".
        if t.is(RATE) {
            if let Some(p) = self.prev_word(s, i) {
                if self.t[p].is(MODAL | WE) && self.near(s, i, YOU, 3, 0).is_none() {
                    return false;
                }
            }
        }
        // Followed by what is reviewed, assessed or noticed: "review your claim", "Bewertung
        // Ihres Schadens", "valutazione della richiesta".
        for j in (i + 1..s.end).take(4) {
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
        }
        // "rate" and "bewerten" on their own: only for what a buyer rates ("rate us", "rate
        // your purchase"), not "exchange rate".
        if !t.is(REVIEW) {
            return self.near(s, i, WE | PRODUCT | YOU | STAR | REQ, 2, 3).is_some();
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
        f & (LEAVE | HELP) != 0 || s.question && f & YOU != 0
    }

    /// The seller speaking of its own reviews: "our 5-star rating", "unsere positiven
    /// Bewertungen", "we have received many positive reviews" — not "give us 5 stars".
    fn own(&self, s: &Sentence, i: usize) -> bool {
        let ours = self.near(s, i, OUR, 3, 0).is_some() || s.flags & PAST != 0 && s.flags & WE != 0;
        ours && s.flags & (REQ | COND) == 0
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
            // A run of four or five stars.
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
                if k == s.start || i - k > 2 {
                    break None;
                }
                k -= 1;
                if high_num(k) {
                    break Some(k);
                }
                if !matches!(self.t[k].kind, Kind::Sym('-' | '/')) && !self.t[k].is(LINK) {
                    break None;
                }
            };
            let num = num.or_else(|| (i + 1 < s.end && high_num(i + 1) && self.t[i + 1].kind == Kind::Num).then_some(i + 1))?;
            // "a 5-star hotel", "5 star-shaped cutters": the stars describe what follows (a
            // singular star, or one joined to the next word by a hyphen)...
            let hyphen = self.t.get(i + 1).is_some_and(|n| n.kind == Kind::Sym('-') && !n.space);
            let n = if hyphen { i + 2 } else { i + 1 };
            if num < i && n < s.end && (hyphen || singular(&self.t[i])) {
                let next = &self.t[n];
                if next.kind == Kind::Word && next.flags & !(FUNC | LINK) == 0 && next.len() >= 3 && !next.is(FUNC) {
                    return None;
                }
            }
            // ... or what precedes it: "un hôtel 5 étoiles", "un albergo a 5 stelle".
            let review_near = s.flags & (REVIEW | RATE | LEAVE) != 0;
            if let Some(p) = (s.start..num.min(i)).rev().find(|&j| !(self.t[j].is(LINK) && self.t[j].kind == Kind::Word)) {
                let before = &self.t[p];
                if !review_near && before.kind == Kind::Word && before.flags == 0 && before.len() >= 4 {
                    return None;
                }
            }
            return Some(vec![num.min(i), num.max(i)]);
        }
        // "5/5", "10/10", "5 out of 5", "5 von 5", "5 sur 5".
        if t.kind == Kind::Num && t.num > 0 {
            let sep = self.t.get(i + 1)?;
            let den = self.t.get(i + 2)?;
            let frac = matches!(sep.kind, Kind::Sym('/')) || sep.is(OUTOF);
            if frac && i + 2 < s.end && den.kind == Kind::Num && den.num == t.num && matches!(den.num, 5 | 10 | 20 | 100) {
                return Some(vec![i, i + 2]);
            }
        }
        None
    }

    /// A review request or mention in the Amazon sense anywhere in `s`, or a high rating.
    fn review_in(&self, s: &Sentence) -> Option<usize> {
        if s.flags & (REVIEW | RATE | STAR | HIGH) == 0 && !(s.start..s.end).any(|j| self.t[j].kind == Kind::Num) {
            return None;
        }
        tick(s.end - s.start);
        (s.start..s.end).find(|&j| self.review_sense(s, j) || self.high_rating(s, j).is_some())
    }
}

/// "star" and "Stern" describe the noun after them ("a 5-star hotel"); "stars", "Sterne" and
/// "étoiles" are what is given.
fn singular(t: &Tok) -> bool {
    t.hash == hash("star".chars()) || t.hash == hash("stern".chars())
}

pub fn check(toks: &[Tok], sents: &[Sentence], out: &mut Vec<RuleHit>) {
    let cx = Ctx { t: toks, s: sents };
    for (k, s) in sents.iter().enumerate() {
        tick(s.end - s.start);
        positive(&cx, s, out);
        gating(&cx, k, out);
        incentive(&cx, k, out);
        change(&cx, s, out);
    }
}

/// Asking for a positive review or a top rating.
fn positive(cx: &Ctx, s: &Sentence, out: &mut Vec<RuleHit>) {
    if s.flags & (POS | STAR | HIGH | REVIEW | RATE) == 0 && !(s.start..s.end).any(|j| cx.t[j].kind == Kind::Num) {
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
            let context = s.flags & (REVIEW | RATE | LEAVE | REQ | HELP | COND) != 0;
            if context && (asks || s.flags & (THANKS | PAST) == 0) && !cx.own(s, i) {
                out.push(RuleHit { rule: Rule::PositiveReview, tokens: r });
                return;
            }
        }
    }
}

/// Review gating: a review asked for only when the buyer is satisfied, or unhappy buyers sent
/// to the seller instead of to a review.
fn gating(cx: &Ctx, k: usize, out: &mut Vec<RuleHit>) {
    let s = &cx.s[k];
    let next = cx.s.get(k + 1);
    let prev = k.checked_sub(1).map(|p| &cx.s[p]);
    // "If you are happy, please leave a review", "only review us if you loved it", and as a
    // question: "Happy with your order? Leave us a review!"
    if s.flags & SAT != 0 && (s.flags & COND != 0 || s.question) {
        if let Some(sat) = (s.start..s.end).find(|&j| cx.t[j].is(SAT) && !cx.negated(s, j)) {
            let cond = cx.first(s, COND).unwrap_or(sat);
            let review = cx
                .review_in(s)
                .or_else(|| next.filter(|n| (s.question || s.flags & (REQ | CONTACT) == 0) && cx.asks(n)).and_then(|n| cx.review_in(n)));
            if let Some(r) = review {
                out.push(RuleHit { rule: Rule::ReviewGating, tokens: vec![cond.min(sat), r.max(sat)] });
                return;
            }
        }
    }
    // Both branches: satisfied buyers to a review, unhappy ones to the seller ("customers who
    // are pleased are welcome to review; complaints should come straight to us", "ご満足→
    // レビュー、ご不満→まずはご連絡を"), in this sentence and the next.
    let pair = s.flags | next.map_or(0, |n| n.flags);
    if s.flags & SAT != 0 && pair & UNSAT != 0 && pair & (CONTACT | FIRST) != 0 {
        if let Some(sat) = (s.start..s.end).find(|&j| cx.t[j].is(SAT) && !cx.negated(s, j)) {
            if let Some(r) = cx.review_in(s) {
                let end = next.filter(|n| n.flags & UNSAT != 0 && s.flags & UNSAT == 0).map_or(s.end, |n| n.end);
                let last = (sat..end).rev().find(|&j| cx.t[j].is(CONTACT | FIRST | UNSAT)).unwrap_or(r);
                out.push(RuleHit { rule: Rule::ReviewGating, tokens: vec![sat.min(r), last.max(r)] });
                return;
            }
        }
    }
    // "Please contact us before leaving a review", "write to us first instead of leaving
    // negative feedback", "not happy? contact us first" next to a review request.
    if s.flags & FIRST != 0 {
        let first = cx.first(s, FIRST).unwrap_or(s.start);
        let contact = cx.first(s, CONTACT).or_else(|| prev.and_then(|p| cx.first(p, CONTACT)));
        let unhappy = s.flags & UNSAT != 0 || (s.start..s.end).any(|j| cx.t[j].is(SAT) && cx.negated(s, j));
        let review = cx.review_in(s).or_else(|| {
            if unhappy {
                prev.and_then(|p| cx.review_in(p)).or_else(|| next.and_then(|n| cx.review_in(n)))
            } else {
                None
            }
        });
        if let (Some(c), Some(r)) = (contact, review) {
            out.push(RuleHit { rule: Rule::ReviewGating, tokens: vec![c.min(first).min(r), r.max(first).max(c)] });
        }
    }
}

/// Something of value in return for a review, in the same sentence or the next.
fn incentive(cx: &Ctx, k: usize, out: &mut Vec<RuleHit>) {
    let s = &cx.s[k];
    // What is given: a reward ("a gift card", "your next order's on us"), or anything sent
    // "as a thank-you" ("as a thank-you, we'll send you a second frame").
    let thank_you_gift = s.flags & EXCH != 0 && s.flags & OFFER != 0;
    if s.flags & REWARD == 0 && !thank_you_gift {
        return;
    }
    let reward =
        (s.start..s.end)
            .find(|&j| cx.t[j].is(REWARD) && !cx.negated(s, j))
            .or_else(|| if thank_you_gift { cx.first(s, EXCH) } else { None });
    let Some(reward) = reward else { return };
    let thanks_only = s.flags & THANKS != 0 && s.flags & (REQ | COND | EXCH) == 0;
    // Same sentence: "leave a review and get a gift card", "a coupon for your review",
    // "déjenos una reseña y le devolvemos los gastos de envío".
    if let Some(r) = cx.review_in(s) {
        let for_review = cx.near(s, r, FOR, 3, 0).is_some();
        let solicited = cx.near(s, r, LEAVE | REQ, 4, 4).is_some() || s.flags & (REQ | COND) != 0 || cx.t[r].is(RATE);
        if (solicited || for_review || s.flags & EXCH != 0) && !thanks_only {
            out.push(RuleHit { rule: Rule::ReviewIncentive, tokens: vec![reward.min(r), reward.max(r)] });
            return;
        }
    }
    // Across sentences: "Leave us a review! In return, a free sample." — the reward's sentence
    // says it is in exchange (or a conditional offer), the other asks for the review.
    let strong = s.flags & EXCH != 0 || s.flags & (OFFER | AFTER) != 0 && s.flags & COND != 0;
    if !strong {
        return;
    }
    for n in [k.checked_sub(1), Some(k + 1)].into_iter().flatten() {
        let Some(o) = cx.s.get(n) else { continue };
        if let Some(r) = cx.review_in(o) {
            if cx.asks(o) || o.flags & EXCH != 0 || cx.near(o, r, FOR, 3, 0).is_some() {
                out.push(RuleHit { rule: Rule::ReviewIncentive, tokens: vec![reward.min(r), reward.max(r)] });
                return;
            }
        }
    }
}

/// Asking to change, update or remove a review: "could you update your review", "Bewertung
/// entfernen", "評価を変更していただけませんか".
fn change(cx: &Ctx, s: &Sentence, out: &mut Vec<RuleHit>) {
    if s.flags & CHANGE == 0 || s.flags & (REVIEW | RATE | NEGQ | STAR) == 0 {
        return;
    }
    let asks = s.flags & (REQ | COND | YOU) != 0 || s.question;
    if !asks {
        return;
    }
    for c in (s.start..s.end).filter(|&j| cx.t[j].is(CHANGE)) {
        tick(10);
        // The seller's own change: "we updated the listing based on your feedback".
        if cx.near(s, c, WE, 2, 0).is_some_and(|w| cx.t[w].flags & YOU == 0) && cx.near(s, c, YOU, 2, 0).is_none() {
            continue;
        }
        let low_stars =
            |j: usize| cx.t[j].is(STAR) && (j.saturating_sub(2)..j).any(|n| cx.t[n].kind == Kind::Num && (1..=3).contains(&cx.t[n].num));
        let target = cx.window(s, c, 4, 5).find(|&j| {
            j != c && (cx.review_sense(s, j) || low_stars(j) || cx.t[j].is(NEGQ) && cx.near(s, j, REVIEW | STAR, 2, 2).is_some())
        });
        if let Some(r) = target {
            let (a, b) = (c.min(r), c.max(r));
            let between = !low_stars(r)
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
