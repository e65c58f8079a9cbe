//! Contact details and markup (models/messaging.json `text`: "Do not include HTML or email
//! addresses"; "Only links related to … are allowed"): e-mail addresses in every written form
//! block the send; phone numbers and links that leave Amazon need the seller's confirmation;
//! HTML tags and character references block it.
//!
//! Each detector starts at a token that can only begin (or be the middle of) one of these, and
//! looks at a bounded number of tokens around it, so the whole pass is linear.
use super::lexicon::{AMAZON, AT, DOT, MAIL, PHONE};
use super::tokens::{Kind, Tok};
use super::{Hit, Rule};

/// At most this many tokens in the part of an address before or after its "@".
const ADDRESS_TOKENS: usize = 24;

/// Top-level domains a written-out address or a bare domain may end in. An "@" with letters
/// after a dot is an address whatever the ending; "shop dot com" and "shop.de" need one of these.
const TLDS: &str = "com|net|org|info|biz|de|fr|es|it|jp|co|uk|eu|io|me|us|ca|au|at|ch|be|nl|lu|ie|pl|se|dk|no|fi|pt|br|mx|in|cn|ru|tv|cc|ly|gl|to|shop|store|online|site|xyz|app|dev|email|mail|web|link|page|top|club|cat|gal|ar|cl";
/// Mail providers named without their domain ("john at gmail").
const PROVIDERS: &str = "gmail|googlemail|yahoo|hotmail|outlook|icloud|gmx|aol|protonmail|wanadoo|libero|tiscali|docomo|ezweb";

fn word<'c>(c: &'c [char], t: &Tok) -> &'c [char] {
    &c[t.a as usize..t.b as usize]
}

fn in_list(list: &str, w: &[char]) -> bool {
    list.split('|').any(|x| x.len() == w.len() && x.chars().zip(w).all(|(a, &b)| a == b))
}

fn alphabetic(w: &[char]) -> bool {
    !w.is_empty() && w.iter().all(|c| c.is_ascii_lowercase())
}

fn is_sym(t: Option<&Tok>, set: &[char]) -> bool {
    matches!(t.map(|t| t.kind), Some(Kind::Sym(s)) if set.contains(&s))
}

pub fn scan(c: &[char], toks: &[Tok], out: &mut Vec<Hit>) {
    html(c, out);
    let mut until = 0; // tokens before this index belong to a finding already
    let mut i = 0;
    while i < toks.len() {
        if i >= until {
            if let Some(end) = email(c, toks, i, out).or_else(|| link(c, toks, i, out)).or_else(|| phone(toks, i, out)) {
                until = end;
            }
        }
        i += 1;
    }
}

/// `<tag …>`, `</tag>`, `<!-- … -->` or a character reference like `&nbsp;`.
fn html(c: &[char], out: &mut Vec<Hit>) {
    let mut i = 0;
    while i < c.len() {
        let end = match c[i] {
            '<' => {
                let j = if c.get(i + 1) == Some(&'/') { i + 2 } else { i + 1 };
                if c.get(j).is_some_and(|ch| ch.is_ascii_alphabetic() || *ch == '!') {
                    // Up to the next '>' unless another '<' comes first: each character is
                    // looked at once from here, since scanning resumes where this one stopped.
                    let stop = (j..c.len().min(j + 2000)).find(|&k| c[k] == '>' || c[k] == '<');
                    match stop {
                        Some(k) if c[k] == '>' => Some(k + 1),
                        Some(k) => {
                            i = k;
                            continue;
                        }
                        None => None,
                    }
                } else {
                    None
                }
            }
            '&' => (i + 1..c.len().min(i + 12))
                .find(|&k| !(c[k].is_ascii_alphanumeric() || c[k] == '#'))
                .filter(|&k| c[k] == ';' && k > i + 1)
                .map(|k| k + 1),
            _ => None,
        };
        match end {
            Some(e) => {
                out.push(Hit::new(Rule::Html, i, e));
                i = e;
            }
            None => i += 1,
        }
    }
}

/// The "at" of an address at token `i`: "@", or a written-out "at" ("(at)", "[at]", " at ",
/// "arobase", "アットマーク"); how many tokens it takes, and whether it is the "@" itself.
fn at_marker(toks: &[Tok], i: usize) -> Option<(usize, bool)> {
    let t = &toks[i];
    match t.kind {
        Kind::Sym('@') => Some((1, true)),
        Kind::Sym('(' | '[' | '{' | '<')
            if toks.get(i + 1).is_some_and(|n| n.is(AT) || n.kind == Kind::Sym('@')) && is_sym(toks.get(i + 2), &[')', ']', '}', '>']) =>
        {
            Some((3, true))
        }
        Kind::Word | Kind::Cjk if t.is(AT) => Some((1, false)),
        _ => None,
    }
}

/// A written-out or bracketed dot at token `i`: how many tokens it takes.
fn dot_marker(toks: &[Tok], i: usize) -> Option<usize> {
    let t = toks.get(i)?;
    match t.kind {
        Kind::Sym('.' | '。' | ',') => Some(1),
        Kind::Sym('(' | '[' | '{' | '<')
            if toks.get(i + 1).is_some_and(|n| n.is(DOT) || n.kind == Kind::Sym('.')) && is_sym(toks.get(i + 2), &[')', ']', '}', '>']) =>
        {
            Some(3)
        }
        Kind::Word | Kind::Cjk if t.is(DOT) => Some(1),
        _ => None,
    }
}

fn label(t: Option<&Tok>) -> bool {
    t.is_some_and(|t| matches!(t.kind, Kind::Word | Kind::Num) && !t.is(DOT | AT))
}

/// An e-mail address around the "at" at token `i`, in any written form: "anna@shop.de",
/// "anna @ shop . de", "anna (at) shop (dot) de", "anna at shop dot de", "anna＠shop。jp".
fn email(c: &[char], toks: &[Tok], i: usize, out: &mut Vec<Hit>) -> Option<usize> {
    let (n, strong) = at_marker(toks, i)?;
    // The local part: words and numbers joined by . _ - + (or a written-out "dot"), written
    // together or spaced; two words with only white space between them are two words.
    let mut s = i;
    let mut want_label = true;
    while s > 0 && i - s < ADDRESS_TOKENS {
        let p = &toks[s - 1];
        if want_label && label(Some(p)) {
            s -= 1;
            want_label = false;
        } else if !want_label && (matches!(p.kind, Kind::Sym('.' | '_' | '-' | '+')) || p.is(DOT)) && s >= 2 && label(toks.get(s - 2)) {
            s -= 1;
            want_label = true;
        } else {
            break;
        }
    }
    if s == i || (!strong && toks[s].is(MAIL)) {
        return None;
    }
    // A written-out "at" needs a written-out dot or a word like "e-mail" shortly before.
    let mail_cue = (s.saturating_sub(8)..s).any(|j| toks[j].is(MAIL));
    // The domain: labels separated by dots (". 。 (dot) dot punkt"), up to its last label.
    let mut e = i + n;
    let mut labels: Vec<usize> = Vec::new();
    let mut written_dot = false;
    while e < toks.len() && e - i < ADDRESS_TOKENS && label(toks.get(e)) {
        labels.push(e);
        // Labels may be hyphenated: "my-shop".
        let mut k = e + 1;
        while is_sym(toks.get(k), &['-']) && label(toks.get(k + 1)) && !toks[k].space {
            k += 2;
        }
        match dot_marker(toks, k) {
            Some(d) if label(toks.get(k + d)) => {
                written_dot |= toks[k].kind != Kind::Sym('.');
                e = k + d;
            }
            _ => break,
        }
    }
    let last = *labels.last()?;
    let tld = word(c, &toks[last]);
    let first = word(c, &toks[labels[0]]);
    let ok = if labels.len() >= 2 {
        alphabetic(tld) && tld.len() >= 2 && (strong && tld.len() <= 12 || in_list(TLDS, tld)) && (strong || written_dot || mail_cue)
    } else {
        // "anna at gmail", "anna@gmail": a mail provider named alone.
        in_list(PROVIDERS, first)
    };
    if !ok {
        return None;
    }
    let end = if labels.len() >= 2 { last } else { labels[0] };
    out.push(Hit::new(Rule::Email, toks[s].a as usize, toks[end].b as usize));
    Some(end + 1)
}

/// A link at token `i`: "http(s)://…", "www.…", a bare domain ("myshop.de/offer",
/// "bit.ly/x"), also written out ("myshop dot com"). Links to Amazon are not reported: the
/// buyer is on Amazon already.
fn link(c: &[char], toks: &[Tok], i: usize, out: &mut Vec<Hit>) -> Option<usize> {
    let t = &toks[i];
    if t.kind != Kind::Word {
        return None;
    }
    let w = word(c, t);
    let scheme =
        matches!(w, ['h', 't', 't', 'p'] | ['h', 't', 't', 'p', 's'] | ['h', 'x', 'x', 'p'] | ['h', 'x', 'x', 'p', 's'] | ['f', 't', 'p'])
            && is_sym(toks.get(i + 1), &[':']);
    let www = matches!(w, ['w', 'w', 'w'] | ['w', 'w', 'w', '2']) && dot_marker(toks, i + 1).is_some();
    let mut amazon = false;
    let mut labels = 0;
    let mut tld_ok = false;
    let mut k = i;
    if scheme {
        k = i + 2;
        while is_sym(toks.get(k), &['/']) {
            k += 1;
        }
    }
    // Host labels, separated by dots. A plain dot inside a host has no space after it ("ok. Com"
    // is two sentences); a written-out one may ("myshop dot com").
    while k < toks.len() && k - i < ADDRESS_TOKENS && label(toks.get(k)) {
        amazon |= toks[k].is(AMAZON) || (word(c, &toks[k]) == ['a'] && labels == 0);
        labels += 1;
        let lw = word(c, &toks[k]);
        tld_ok = alphabetic(lw) && in_list(TLDS, lw);
        let mut j = k + 1;
        while is_sym(toks.get(j), &['-']) && label(toks.get(j + 1)) && !toks[j].space {
            j += 2;
        }
        match dot_marker(toks, j) {
            Some(d) if label(toks.get(j + d)) => {
                let plain = matches!(toks[j].kind, Kind::Sym('.' | '。' | ','));
                if plain && (toks[j].space || toks[j + d].space) && !(www || scheme) || toks[j].kind == Kind::Sym(',') {
                    k = j;
                    break;
                }
                k = j + d;
            }
            _ => {
                k = j;
                break;
            }
        }
    }
    let host_end = k;
    let first_alpha = word(c, t).iter().any(|c| c.is_ascii_alphabetic());
    if !(scheme || www || labels >= 2 && tld_ok && first_alpha) {
        return None;
    }
    // The path: anything written together with the host, up to white space.
    while k < toks.len() && !toks[k].space && k - i < 400 && !matches!(toks[k].kind, Kind::Sym('"' | '<' | '>' | ')' | ']' | '}')) {
        k += 1;
    }
    // A sentence's full stop or comma after a link is not part of it.
    while k > host_end && is_sym(toks.get(k - 1), &['.', ',', ';', ':', '!', '?', '。', '、']) {
        k -= 1;
    }
    if amazon {
        return Some(k.max(i + 1));
    }
    let end = toks[k.max(i + 1) - 1].b as usize;
    out.push(Hit::new(Rule::Link, t.a as usize, end));
    Some(k.max(i + 1))
}

/// A phone number at token `i`: "+49 30 1234567", "(555) 123-4567", "090-1234-5678",
/// "06 12 34 56 78", or any 7-15 digits right after a word like "phone", "call", "WhatsApp",
/// "電話". Not Amazon order numbers (3-7-7), dates or times.
fn phone(toks: &[Tok], i: usize, out: &mut Vec<Hit>) -> Option<usize> {
    let t = &toks[i];
    let plus = t.kind == Kind::Sym('+') && toks.get(i + 1).is_some_and(|n| n.kind == Kind::Num && !n.space);
    let paren = t.kind == Kind::Sym('(') && toks.get(i + 1).is_some_and(|n| n.kind == Kind::Num) && is_sym(toks.get(i + 2), &[')']);
    if !(plus || paren || t.kind == Kind::Num) {
        return None;
    }
    // The groups of digits and what separates them.
    let mut groups: Vec<u32> = Vec::new();
    let mut seps: Vec<char> = Vec::new();
    let mut k = if plus { i + 1 } else { i };
    while k < toks.len() && groups.len() < 8 {
        match toks[k].kind {
            Kind::Num => {
                groups.push(toks[k].digits);
                k += 1;
            }
            Kind::Sym('(') if is_sym(toks.get(k + 2), &[')']) && toks.get(k + 1).is_some_and(|n| n.kind == Kind::Num) => {
                groups.push(toks[k + 1].digits);
                seps.push('(');
                k += 3;
            }
            _ => break,
        }
        // The next group: after white space, or one of - . / with optional spaces.
        match toks.get(k) {
            Some(n) if n.kind == Kind::Num && n.space && n.nl == 0 => seps.push(' '),
            Some(n)
                if matches!(n.kind, Kind::Sym('-' | '.' | '/'))
                    && n.nl == 0
                    && toks.get(k + 1).is_some_and(|m| m.kind == Kind::Num || m.kind == Kind::Sym('(')) =>
            {
                if let Kind::Sym(s) = n.kind {
                    seps.push(s);
                }
                k += 1;
            }
            Some(n) if n.kind == Kind::Sym('(') && n.space => {}
            _ => break,
        }
    }
    let end = k;
    let digits: u32 = groups.iter().sum();
    if !(7..=15).contains(&digits) || groups.is_empty() {
        return None;
    }
    let order_id = groups == [3, 7, 7];
    let date = groups.len() == 3
        && seps.iter().all(|&s| s == seps[0])
        && matches!((groups[0], groups[1], groups[2]), (1..=2, 1..=2, 2 | 4) | (4, 1..=2, 1..=2));
    if order_id || date {
        return None;
    }
    let cue = (i.saturating_sub(6)..i).any(|j| toks[j].is(PHONE)) && !(i.saturating_sub(6)..i).any(|j| toks[j].is(MAIL));
    let lead = toks[if plus { i + 1 } else { i }];
    let national = groups.len() >= 2 && lead.kind == Kind::Num && leading_zero(&lead) && groups[0] <= 5;
    let plain_seps = seps.iter().all(|&s| s == ' ' || s == '-');
    // Numbers without a trunk prefix: US/CA 3-3-4, Spanish and Italian mobiles 3-3-3, 3-2-2-2.
    let mobile = plain_seps && (groups == [3, 3, 4] || (matches!(groups[..], [3, 3, 3] | [3, 2, 2, 2]) && lead.num / 100 >= 6));
    let shaped = plus || paren || seps.first() == Some(&'(') || national || mobile;
    if !(shaped || cue) {
        return None;
    }
    out.push(Hit::new(Rule::Phone, t.a as usize, toks[end - 1].b as usize));
    Some(end)
}

/// A national number starts with 0 (the trunk prefix): "030 1234567", "06 12 34 56 78".
fn leading_zero(t: &Tok) -> bool {
    // A number written with a leading zero has a value shorter than its digits.
    t.digits > 1 && t.num < 10u32.saturating_pow(t.digits - 1)
}
