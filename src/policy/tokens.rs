//! Tokens of the folded text: words, numbers, symbols and Japanese lexicon hits, each with the
//! concept flags of the lexicon (lexicon.rs), in one left-to-right pass plus joins that undo the
//! usual disguises:
//! - letters spaced out or dotted ("r e v i e w", "f.r.e.e", "5 - s t a r"): a run of three or
//!   more single characters with one kind of separator is one word;
//! - a word cut in two ("re view", "feed-back"): two unknown pieces that make a known word;
//! - digits for letters ("r3v13w", "fr33") and letters repeated ("freeee"): tried when the word
//!   as written is unknown; a number glued to a word ("5star", "5sterne") is split.
//!
//! Every step looks at a bounded number of neighbours, so tokenising is linear in the text.
use super::heap_sort;
use super::lexicon::{self, Flags, LISTS, NONE};
use super::work::tick;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Num,
    Sym(char),
    /// A Japanese lexicon entry, or (flags 0) a run of Japanese text between entries.
    Cjk,
}

#[derive(Debug, Clone, Copy)]
pub struct Tok {
    /// Folded-text range.
    pub a: u32,
    pub b: u32,
    pub kind: Kind,
    pub flags: Flags,
    /// White space before the token, and how many line breaks in it (0, 1, 2 = a blank line).
    pub space: bool,
    pub nl: u8,
    /// The value of a number (saturating), and how many digits it has.
    pub num: u32,
    pub digits: u32,
    /// FNV-1a of the folded word (`word_hash`).
    pub hash: u64,
}

impl Tok {
    pub fn is(&self, f: Flags) -> bool {
        self.flags & f != 0
    }
    pub fn len(&self) -> usize {
        (self.b - self.a) as usize
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
fn fnv(h: u64, c: char) -> u64 {
    (h ^ c as u64).wrapping_mul(0x0000_0100_0000_01b3)
}
pub fn hash(chars: impl IntoIterator<Item = char>) -> u64 {
    chars.into_iter().fold(FNV_OFFSET, fnv)
}

/// Letters and digits that make Latin-script words (and any other alphabetic script's): after
/// folding, Latin letters are ASCII; other scripts' letters are told from punctuation by range,
/// without Unicode's tables (11 KB of wasm).
pub fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || (c >= 'À'
            && !lexicon::is_cjk(c)
            && !matches!(c, '×' | '÷' | '\u{2000}'..='\u{2BFF}' | '\u{3000}'..='\u{303F}' | '\u{FE30}'..='\u{FE4F}' | '\u{FF00}'..='\u{FF65}' | '\u{1F000}'..='\u{1FAFF}')
            && !c.is_whitespace())
}

/// Japanese entries starting with one character: (characters, flags), longest first.
type CjkEntries = Vec<(Vec<char>, Flags)>;

struct Lexicon {
    /// Word hash → flags, sorted by hash.
    words: Vec<(u64, Flags)>,
    /// Phrases by the hash of their first word: the other words' hashes and the flags.
    phrases: Vec<(u64, Vec<u64>, Flags)>,
    /// Japanese entries by first character.
    cjk: Vec<(char, CjkEntries)>,
}

fn lex() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut words: Vec<(u64, Flags)> = Vec::new();
        let mut phrases: Vec<(u64, Vec<u64>, Flags)> = Vec::new();
        let mut cjk: Vec<(char, CjkEntries)> = Vec::new();
        for &(flags, list) in LISTS {
            for entry in list.split('|') {
                let folded = super::normalize::fold_text(entry).chars;
                if folded.iter().any(|&c| lexicon::is_cjk(c)) {
                    let Some(&first) = folded.first() else { continue };
                    match cjk.binary_search_by_key(&first, |e| e.0) {
                        Ok(k) => cjk[k].1.push((folded, flags)),
                        Err(k) => cjk.insert(k, (first, vec![(folded, flags)])),
                    }
                    continue;
                }
                let parts: Vec<u64> =
                    folded.split(|c| !is_word_char(*c)).filter(|w| !w.is_empty()).map(|w| hash(w.iter().copied())).collect();
                match parts.as_slice() {
                    [] => {}
                    [one] => words.push((*one, flags)),
                    [first, rest @ ..] => phrases.push((*first, rest.to_vec(), flags)),
                }
            }
        }
        // One entry per word, its lists' flags together; a NONE-only phrase keeps NONE.
        heap_sort(&mut words, |x, y| x.0 < y.0);
        let mut merged: Vec<(u64, Flags)> = Vec::with_capacity(words.len());
        for (h, f) in words {
            match merged.last_mut() {
                Some(last) if last.0 == h => last.1 |= f,
                _ => merged.push((h, f)),
            }
        }
        // Longest phrase first where several start with the same word.
        heap_sort(&mut phrases, |x, y| (x.0, y.1.len()) < (y.0, x.1.len()));
        for (_, list) in &mut cjk {
            heap_sort(list, |x, y| (y.0.len(), &x.0) < (x.0.len(), &y.0));
            // The same entry in several lists: one entry with their flags together.
            let mut merged: CjkEntries = Vec::with_capacity(list.len());
            for (p, f) in list.drain(..) {
                match merged.last_mut() {
                    Some(last) if last.0 == p => last.1 |= f,
                    _ => merged.push((p, f)),
                }
            }
            // A longer entry means what the entries it starts with mean ("レビューで" is a
            // review), unless it is there to cancel them ("評価後": after an inspection).
            for k in 0..merged.len() {
                if merged[k].1 & NONE != 0 {
                    continue;
                }
                let inherited =
                    merged.iter().filter(|(p, _)| p.len() < merged[k].0.len() && merged[k].0.starts_with(p)).fold(0, |f, (_, g)| f | g);
                merged[k].1 |= inherited & !NONE;
            }
            *list = merged;
        }
        Lexicon { words: merged, phrases, cjk }
    })
}

fn lookup(h: u64) -> Flags {
    tick(1);
    let words = &lex().words;
    words.binary_search_by_key(&h, |w| w.0).map_or(0, |k| words[k].1)
}

/// The longest phrase that starts at word token `i`: its flags and the index after its last
/// word. Apostrophes and hyphens between the words are skipped ("n'hésitez", "don't").
fn phrase_at(toks: &[Tok], i: usize) -> Option<(Flags, usize)> {
    let phrases = &lex().phrases;
    let first = toks[i].hash;
    let start = phrases.partition_point(|p| p.0 < first);
    for (_, rest, flags) in phrases[start..].iter().take_while(|p| p.0 == first) {
        tick(rest.len() + 1);
        let mut j = i + 1;
        let mut ok = true;
        for &h in rest {
            while toks.get(j).is_some_and(|t| matches!(t.kind, Kind::Sym('\'' | '-' | '.')) && !t.space) {
                j += 1;
            }
            match toks.get(j) {
                Some(t) if t.kind == Kind::Word && t.hash == h && t.nl < 2 => j += 1,
                _ => {
                    ok = false;
                    break;
                }
            }
        }
        if ok {
            return Some((*flags, j));
        }
    }
    None
}

/// How many characters of `c` from `i` spell the Japanese entry `p`: exactly, or with one
/// space, dot, middle dot, dash or line break between its characters ("レ ビ ュ ー", "レ.ビ.ュ.ー",
/// "高評\n価"). Bounded by twice the entry's length.
fn cjk_match(c: &[char], i: usize, p: &[char]) -> Option<usize> {
    tick(p.len());
    let mut k = i;
    for (n, &want) in p.iter().enumerate() {
        if n > 0 && c.get(k) != Some(&want) && c.get(k).is_some_and(|&x| matches!(x, ' ' | '.' | '・' | '-' | '_' | '*' | '\n' | '/' | '|'))
        {
            k += 1;
        }
        if c.get(k) != Some(&want) {
            return None;
        }
        k += 1;
    }
    Some(k - i)
}

/// Digits read as the letters they imitate: 0→o 1→i 3→e 4→a 5→s 7→t 8→b 9→g.
fn unleet(c: char) -> char {
    match c {
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '7' => 't',
        '8' => 'b',
        '9' => 'g',
        _ => c,
    }
}

/// Word endings tried, in this order, on a word the lexicon does not list.
pub const ENDINGS: [&str; 11] = ["es", "en", "er", "os", "as", "s", "e", "n", "a", "o", "i"];

/// `w` spells the ASCII word `s`.
fn ascii_eq(w: &[char], s: &str) -> bool {
    w.len() == s.len() && w.iter().zip(s.bytes()).all(|(&c, b)| c == char::from(b))
}

/// Flags of a word written `w`, trying its disguises when it is unknown as written.
fn resolve(w: &[char]) -> Flags {
    tick(w.len());
    let f = lookup(hash(w.iter().copied()));
    if f != 0 {
        return f;
    }
    let digits = w.iter().filter(|c| c.is_ascii_digit()).count();
    if digits > 0 && digits < w.len() {
        // Read again without digits (so this recursion is one level deep).
        let letters: Vec<char> = w.iter().map(|&c| unleet(c)).collect();
        if letters.iter().all(char::is_ascii_lowercase) {
            let f = resolve(&letters);
            if f != 0 {
                return f;
            }
        }
    }
    // A German compound ending or starting with a stem: "Verkäuferfeedback", "Gratisprobe",
    // "Produktbewertungen". Words of up to 40 letters; each split is one lookup.
    // A word that starts with one stem and ends with another means both ("Fünfsternebewertung":
    // a top rating and a review).
    if w.len() >= 7 && w.len() <= 40 {
        let mut f = 0;
        for stem in lexicon::STEMS {
            let n = stem.len();
            tick(2);
            // The ending stem also with a plural or case ending: "Verkäuferbewertungen".
            let ends = (0..3).any(|e| n + 3 + e <= w.len() && ascii_eq(&w[w.len() - n - e..w.len() - e], stem));
            if n + 3 <= w.len() && (ascii_eq(&w[..n], stem) || ends) {
                f |= lookup(hash(stem.chars())) & !lexicon::STEM;
            }
        }
        if f != 0 {
            return f;
        }
    }
    // Spanish and Italian pronouns written onto the verb: "valórenos", "déjenos", "lasciateci".
    for suffix in ["nos", "le", "les", "lo", "la", "los", "las", "me", "te", "se", "ci", "vi", "mi", "ti", "ne", "selo", "glielo"] {
        let n = suffix.len();
        if w.len() > n + 3 && ascii_eq(&w[w.len() - n..], suffix) {
            let f = lookup(hash(w[..w.len() - n].iter().copied()));
            if f & (lexicon::LEAVE | lexicon::RATE | lexicon::CHANGE | lexicon::CONTACT | lexicon::REQ) != 0 {
                return f;
            }
        }
    }
    // Inflected forms of a listed word: plurals, feminines, German and Romance endings
    // ("positiven" → "positiv", "recensioni" → "recension…"). The lexicon lists base forms and
    // the forms this does not reach (scripts/prune-lexicon.py keeps it that way).
    if w.iter().all(char::is_ascii_lowercase) {
        for end in ENDINGS {
            let n = end.len();
            if w.len() >= n + 4 && ascii_eq(&w[w.len() - n..], end) {
                let f = lookup(hash(w[..w.len() - n].iter().copied()));
                if f != 0 {
                    return f;
                }
            }
        }
    }
    if w.iter().all(char::is_ascii_lowercase) && w.len() >= 6 {
        // German participles of -ieren verbs: "revidiert", "aktualisiert" → "revidieren".
        if let [stem @ .., 'i', 'e', 'r', 't'] = w {
            let f = lookup(hash(stem.iter().copied().chain("ieren".chars())));
            if f != 0 {
                return f;
            }
        }
        // Italian and Spanish participles: "ritirata" → "ritirare", "eliminado" → "eliminar".
        for (end, base) in
            [("ata", "are"), ("ato", "are"), ("ate", "are"), ("ada", "ar"), ("ado", "ar"), ("ita", "ire"), ("ito", "ire"), ("ida", "ir")]
        {
            if ascii_eq(&w[w.len() - 3..], end) {
                let f = lookup(hash(w[..w.len() - 3].iter().copied().chain(base.chars())));
                if f & (lexicon::CHANGE | lexicon::LEAVE | lexicon::RATE) != 0 {
                    return f;
                }
            }
        }
        // The conditional mood asks politely ("nos alegraría", "ci renderebbe felici", "nous
        // ravirait"): Spanish -aría(n), Italian -rebbe(ro)/-remmo, French -rait/-raient (not
        // "-trait": portrait, retrait). A wish is a request (REQ), whatever the verb.
        let ends = |s: &str| w.len() > s.len() + 2 && ascii_eq(&w[w.len() - s.len()..], s);
        let french = (ends("rait") || ends("raient")) && !ends("trait") && !ends("traient");
        if ends("aria") || ends("arian") || ends("rebbe") || ends("rebbero") || ends("remmo") || french {
            return lexicon::REQ;
        }
    }
    // Letters repeated three times or more: as two ("freeee" → "free"), then as one.
    if w.windows(3).any(|x| x[0] == x[1] && x[1] == x[2]) {
        for keep in [2, 1] {
            let mut run = 0;
            let mut prev = '\0';
            let squeezed: Vec<char> = w
                .iter()
                .copied()
                .filter(|&c| {
                    run = if c == prev { run + 1 } else { 1 };
                    prev = c;
                    run <= keep
                })
                .collect();
            // No letter three times in a row any more: one level of recursion.
            let f = resolve(&squeezed);
            if f != 0 {
                return f;
            }
        }
    }
    0
}

fn number(w: &[char]) -> u32 {
    w.iter().fold(0u32, |n, c| n.saturating_mul(10).saturating_add(c.to_digit(10).unwrap_or(0)))
}

/// Separators that may stand between spaced-out letters: "r e v", "r.e.v", "r-e-v", "r_e_v", "r*e*v".
fn letter_separator(c: char) -> bool {
    matches!(c, '.' | '-' | '_' | '*' | '·' | '•' | '/' | '|' | '+' | '~' | '=' | '\'' | ':')
}

pub fn tokenize(c: &[char]) -> Vec<Tok> {
    let lex = lex();
    let mut toks: Vec<Tok> = Vec::with_capacity(c.len() / 3 + 4);
    let mut space = false;
    let mut nl = 0u8;
    let mut i = 0;
    let tok = |a: usize, b: usize, kind: Kind, space: bool, nl: u8| Tok {
        a: a as u32,
        b: b as u32,
        kind,
        flags: 0,
        space,
        nl,
        num: 0,
        digits: 0,
        hash: 0,
    };
    while i < c.len() {
        let ch = c[i];
        if ch == ' ' || ch == '\n' {
            space = true;
            nl = nl.saturating_add(u8::from(ch == '\n'));
            i += 1;
            continue;
        }
        if is_word_char(ch) {
            let start = i;
            while i < c.len() && is_word_char(c[i]) {
                i += 1;
            }
            toks.push(tok(start, i, Kind::Word, space, nl));
        } else if lexicon::is_cjk(ch) {
            let hit = lex
                .cjk
                .binary_search_by_key(&ch, |e| e.0)
                .ok()
                .and_then(|k| lex.cjk[k].1.iter().find_map(|(p, f)| cjk_match(c, i, p).map(|n| (n, *f))));
            match hit {
                Some((n, flags)) => {
                    toks.push(Tok { flags, ..tok(i, i + n, Kind::Cjk, space, nl) });
                    i += n;
                }
                None => {
                    // Japanese text between entries: one filler token per run.
                    match toks.last_mut() {
                        Some(t) if t.kind == Kind::Cjk && t.flags == 0 && t.b as usize == i && !space => t.b += 1,
                        _ => toks.push(tok(i, i + 1, Kind::Cjk, space, nl)),
                    }
                    i += 1;
                }
            }
        } else {
            // "a review = a gift", "satisfied → review": the symbols say exchange and condition.
            let flags = match ch {
                '=' => lexicon::EXCH,
                '→' | '⇒' | '➡' | '➔' => lexicon::COND,
                _ => 0,
            };
            toks.push(Tok { flags, ..tok(i, i + 1, Kind::Sym(ch), space, nl) });
            i += 1;
        }
        space = false;
        nl = 0;
    }
    for t in toks.iter_mut().filter(|t| t.kind == Kind::Word) {
        classify(c, t);
    }
    let toks = split_numbers(c, toks);
    let toks = join_spaced(c, toks);
    let toks = join_pairs(c, toks);
    phrases(toks)
}

/// A word's hash, flags, and whether it is a number.
fn classify(c: &[char], t: &mut Tok) {
    let w = &c[t.a as usize..t.b as usize];
    t.hash = hash(w.iter().copied());
    if w.iter().all(|c| c.is_ascii_digit()) {
        t.kind = Kind::Num;
        t.num = number(w);
        t.digits = w.len() as u32;
        t.flags = lookup(t.hash);
    } else {
        t.kind = Kind::Word;
        t.flags = resolve(w);
        // Digits inside a word: a code such as "IP67", not a number.
        t.digits = w.iter().filter(|c| c.is_ascii_digit()).count() as u32;
    }
}

/// "5star", "5sterne", "10stars": a number glued to a known word is two tokens.
fn split_numbers(c: &[char], toks: Vec<Tok>) -> Vec<Tok> {
    let mut out = Vec::with_capacity(toks.len());
    for t in toks {
        if t.kind == Kind::Word && t.flags == 0 {
            let w = &c[t.a as usize..t.b as usize];
            let n = w.iter().take_while(|c| c.is_ascii_digit()).count();
            if n > 0 && n < w.len() && w[n..].iter().all(|c| !c.is_ascii_digit()) {
                let rest = lookup(hash(w[n..].iter().copied()));
                if rest != 0 {
                    let mut num = Tok { b: t.a + n as u32, ..t };
                    classify(c, &mut num);
                    let word = Tok { a: t.a + n as u32, space: false, nl: 0, ..t };
                    let mut word = word;
                    classify(c, &mut word);
                    out.push(num);
                    out.push(word);
                    continue;
                }
            }
        }
        out.push(t);
    }
    out
}

/// Whether tokens `j` (a separator or none) sit between single characters like "r e v": the
/// separator between `prev` and `next`, `None` for white space only.
fn gap(toks: &[Tok], k: usize) -> Option<(Option<char>, usize)> {
    // From token k (a single character) to the next single character: white space, or one
    // separator symbol (with optional spaces around it).
    let next = toks.get(k + 1)?;
    if next.nl >= 2 {
        return None;
    }
    if matches!(next.kind, Kind::Word | Kind::Num) {
        return next.space.then_some((None, k + 1));
    }
    if let Kind::Sym(s) = next.kind {
        if letter_separator(s) {
            let after = toks.get(k + 2)?;
            if matches!(after.kind, Kind::Word | Kind::Num) && after.nl < 2 {
                return Some((Some(s), k + 2));
            }
        }
    }
    None
}

fn single(t: &Tok) -> bool {
    matches!(t.kind, Kind::Word | Kind::Num) && t.len() == 1
}

/// Runs of three or more single letters or digits with the same separator become one word.
fn join_spaced(c: &[char], toks: Vec<Tok>) -> Vec<Tok> {
    let mut out = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        if single(&toks[i]) {
            let mut sep = None;
            let mut letters = vec![i];
            let mut k = i;
            while let Some((s, next)) = gap(&toks, k) {
                if !single(&toks[next]) || (letters.len() > 1 && s != sep) {
                    break;
                }
                sep = s;
                letters.push(next);
                k = next;
            }
            if letters.len() >= 3 {
                let w: Vec<char> = letters.iter().map(|&j| c[toks[j].a as usize]).collect();
                let mut t = Tok { b: toks[k].b, ..toks[i] };
                t.hash = hash(w.iter().copied());
                if w.iter().all(|c| c.is_ascii_digit()) {
                    t.kind = Kind::Num;
                    t.num = number(&w);
                    t.digits = w.len() as u32;
                    t.flags = 0;
                } else {
                    t.kind = Kind::Word;
                    t.flags = resolve(&w);
                    // "a p o s i t i v e": the article before a spaced-out word is a word.
                    if t.flags == 0 && w.len() >= 5 {
                        let rest = resolve(&w[1..]);
                        if rest != 0 {
                            let mut first = toks[i];
                            classify(c, &mut first);
                            out.push(first);
                            t = Tok { a: toks[letters[1]].a, flags: rest, hash: hash(w[1..].iter().copied()), space: true, nl: 0, ..t };
                        }
                    }
                    // "c i n c o   e s t r e l l a s": folding made the wide gap one space, so
                    // the run spells two words; cut where both halves are known.
                    if t.flags == 0 && w.len() >= 6 {
                        if let Some((k, fa, fb)) = two_words(&w) {
                            let first = Tok { b: toks[letters[k - 1]].b, flags: fa, hash: hash(w[..k].iter().copied()), ..t };
                            out.push(first);
                            t = Tok { a: toks[letters[k]].a, flags: fb, hash: hash(w[k..].iter().copied()), space: true, nl: 0, ..t };
                        }
                    }
                    // "5 s t a r s": a number and a word.
                    let n = w.iter().take_while(|c| c.is_ascii_digit()).count();
                    if t.flags == 0 && n > 0 && n < w.len() {
                        let rest = lookup(hash(w[n..].iter().copied()));
                        if rest != 0 {
                            let num = Tok {
                                kind: Kind::Num,
                                b: toks[letters[n - 1]].b,
                                num: number(&w[..n]),
                                digits: n as u32,
                                flags: 0,
                                hash: hash(w[..n].iter().copied()),
                                ..t
                            };
                            out.push(num);
                            t = Tok { a: toks[letters[n]].a, flags: rest, hash: hash(w[n..].iter().copied()), space: true, nl: 0, ..t };
                        }
                    }
                }
                out.push(t);
                i = k + 1;
                continue;
            }
        }
        out.push(toks[i]);
        i += 1;
    }
    out
}

/// Where `w` (letters of a spaced-out run) splits into two known words of three letters or more,
/// and their flags. At most 40 letters, one lookup and one `resolve` per cut.
fn two_words(w: &[char]) -> Option<(usize, Flags, Flags)> {
    if w.len() > 40 {
        return None;
    }
    (3..w.len().saturating_sub(2)).find_map(|k| {
        let a = lookup(hash(w[..k].iter().copied()));
        if a & !(lexicon::LINK | lexicon::FUNC | lexicon::ABBR) == 0 {
            return None;
        }
        let b = resolve(&w[k..]);
        (b != 0).then_some((k, a, b))
    })
}

/// Two unknown pieces that together are a known word: "re view", "feed-back", "bewer tung".
fn join_pairs(c: &[char], toks: Vec<Tok>) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        // A short known piece may start a split word too: "Top-Be\nwertung" is "Bewertung".
        let short = t.len() <= 3;
        if t.kind == Kind::Word && (t.flags & !NONE == 0 || short) {
            // The next word, directly (also on the next line) or across one hyphen, dot or underscore.
            let (sep_ok, j) = match toks.get(i + 1).map(|n| n.kind) {
                Some(Kind::Word) if toks[i + 1].space && toks[i + 1].nl <= 1 => (true, i + 1),
                Some(Kind::Sym('-' | '.' | '_')) => (toks.get(i + 2).is_some_and(|n| n.kind == Kind::Word && n.nl <= 1), i + 2),
                _ => (false, 0),
            };
            if sep_ok && toks[j].flags & !NONE == 0 && t.len() + toks[j].len() <= 24 {
                let w = c[t.a as usize..t.b as usize].iter().chain(&c[toks[j].a as usize..toks[j].b as usize]).copied();
                let h = hash(w.clone());
                let f = lookup(h);
                // Joining a known piece must make a word the rules care about.
                let strong = lexicon::REVIEW | lexicon::RATE | lexicon::STAR | lexicon::REWARD | lexicon::CHANGE | lexicon::POS;
                if f != 0 && f & NONE == 0 && (t.flags & !NONE == 0 || f & strong != 0) {
                    out.push(Tok { b: toks[j].b, flags: f, hash: h, ..t });
                    i = j + 1;
                    continue;
                }
            }
        }
        out.push(t);
        i += 1;
    }
    out
}

/// Phrases from the lexicon become one token.
fn phrases(toks: Vec<Tok>) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        if matches!(toks[i].kind, Kind::Word | Kind::Num) {
            if let Some((flags, end)) = phrase_at(&toks, i) {
                // A phrase adds its meaning to its words' ("would be" is still "would"), unless
                // it is there to cancel them ("feel free to" offers nothing).
                let words = toks[i..end].iter().fold(0, |f, t| f | t.flags);
                let flags = if flags & NONE != 0 { flags } else { flags | words };
                out.push(Tok { b: toks[end - 1].b, flags, kind: Kind::Word, ..toks[i] });
                i = end;
                continue;
            }
        }
        out.push(toks[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::*;
    use super::*;

    fn toks(s: &str) -> Vec<(String, Flags)> {
        let f = super::super::normalize::fold_text(s);
        tokenize(&f.chars).iter().map(|t| (f.chars[t.a as usize..t.b as usize].iter().collect(), t.flags)).collect()
    }

    #[test]
    fn disguised_words_are_found() {
        for (text, flag) in [
            ("r e v i e w", REVIEW),
            ("r.e.v.i.e.w", REVIEW),
            ("r-e-v-i-e-w", REVIEW),
            ("re view", REVIEW),
            ("feed-back", REVIEW),
            ("r3v13w", REVIEW),
            ("fr33", REWARD),
            ("freeee", REWARD),
            ("revieeeew", REVIEW),
            ("ｒｅｖｉｅｗ", REVIEW),
            ("レビュー", REVIEW),
        ] {
            let t = toks(text);
            assert!(t.len() == 1 && t[0].1 & flag != 0, "{text}: {t:?}");
        }
        let t = toks("5star 5 s t a r s");
        assert_eq!(t.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(), ["5", "star", "5 s t a r s"[..1].as_ref(), "s t a r s"]);
    }

    #[test]
    fn phrases_override_their_words() {
        let t = toks("feel free to write");
        assert_eq!(t[0].0, "feel free to");
        assert_eq!(t[0].1 & REWARD, 0);
        let t = toks("avis de passage");
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].1 & REVIEW, 0);
    }
}
