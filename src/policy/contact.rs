//! Contact details and markup (models/messaging.json `text`: "Do not include HTML or email
//! addresses"; "Only links related to … are allowed"): e-mail addresses in every written form
//! block the send; phone numbers and links that leave Amazon need the seller's confirmation;
//! HTML tags and character references block it.
//!
//! Each detector starts at a token that can only begin (or be the middle of) one of these, and
//! looks at a bounded number of tokens around it, so the whole pass is linear.
use super::lexicon::{AMAZON, AT, CONTACT, DIGIT, DOT, IDCUE, MAIL, PHONE, STAR, TENS};
use super::tokens::{hash, Kind, Tok};
use super::work::tick;
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

/// The token is one of `list` (by hash: a word spaced out as "j p" is "jp").
fn is_one_of(list: &str, t: &Tok) -> bool {
    t.kind == Kind::Word && list.split('|').any(|x| x.len() <= t.len() && hash(x.chars()) == t.hash)
}

/// The letters of a word token, without the spaces or dots of a spaced-out word.
fn letters(c: &[char], t: &Tok) -> Vec<char> {
    word(c, t).iter().copied().filter(|c| c.is_ascii_alphanumeric()).collect()
}

fn alphabetic(w: &[char]) -> bool {
    !w.is_empty() && w.iter().all(|c| c.is_ascii_lowercase())
}

fn is_sym(t: Option<&Tok>, set: &[char]) -> bool {
    matches!(t.map(|t| t.kind), Some(Kind::Sym(s)) if set.contains(&s))
}

pub fn scan(c: &[char], toks: &[Tok], out: &mut Vec<Hit>) {
    html(c, out);
    // "info★shop.jp (★を@に変えて)": with an "@" elsewhere, a symbol glued into an address
    // stands for it.
    let at_sign = toks.iter().any(|t| t.kind == Kind::Sym('@'));
    let mut until = 0; // tokens before this index belong to a finding already
    let mut i = 0;
    while i < toks.len() {
        tick(1);
        if i >= until {
            if let Some(end) = email(c, toks, i, at_sign, out).or_else(|| link(c, toks, i, out)).or_else(|| phone(c, toks, i, out)) {
                until = end;
            }
        }
        i += 1;
    }
}

/// HTML element names: a `<Reset>` or `<WPS>` in a text names a button, `<b>` is markup.
const TAGS: &str = "a|abbr|b|big|blink|blockquote|body|br|button|center|code|del|div|em|embed|font|form|h1|h2|h3|h4|h5|h6|head|hr|html|i|iframe|img|input|ins|li|link|mark|marquee|meta|object|ol|p|pre|q|s|script|small|span|strike|strong|style|sub|sup|svg|table|td|th|title|tr|tt|u|ul|video";

/// `<tag …>` (a known element, or any name with attributes), `</tag>`, `<!-- … -->`, or a
/// character reference like `&nbsp;` or `&#9733;`.
fn html(c: &[char], out: &mut Vec<Hit>) {
    let mut i = 0;
    while i < c.len() {
        tick(1);
        let end = match c[i] {
            '<' => tag_end(c, i),
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

/// Where the tag that starts at `c[i] == '<'` ends, if it is markup.
fn tag_end(c: &[char], i: usize) -> Option<usize> {
    let closing = c.get(i + 1) == Some(&'/');
    let j = if closing { i + 2 } else { i + 1 };
    // Up to the next '>' unless another '<' comes first (then that one is looked at next, so
    // each character is scanned once).
    let stop = (j..c.len().min(j + 2000)).find(|&k| c[k] == '>' || c[k] == '<');
    tick(stop.map_or(2000, |k| k - j + 1));
    let stop = stop?;
    if c[stop] != '>' {
        return None;
    }
    if c.get(j) == Some(&'!') {
        return Some(stop + 1); // <!-- comment -->, <!doctype>
    }
    let name_end = (j..stop).find(|&k| !c[k].is_ascii_alphanumeric()).unwrap_or(stop);
    let name = &c[j..name_end];
    if name.is_empty() || !name[0].is_ascii_alphabetic() {
        return None;
    }
    let rest = &c[name_end..stop];
    let attributes = rest.first().is_some_and(|&x| x == ' ' || x == '\n') && rest.contains(&'=');
    let self_closing = rest.last() == Some(&'/');
    (in_list(TAGS, name) || attributes || closing && rest.iter().all(|&x| x == ' ') || self_closing && rest.len() <= 2).then_some(stop + 1)
}

/// The "at" of an address at token `i`: "@", or a written-out "at" ("(at)", "[at]", " at ",
/// "arobase", "アットマーク"); how many tokens it takes, and whether it is the "@" itself.
fn at_marker(toks: &[Tok], i: usize, at_sign: bool) -> Option<(usize, bool)> {
    let t = &toks[i];
    let glued = !t.space && toks.get(i + 1).is_some_and(|n| !n.space) && i > 0;
    let stand_in = t.kind == Kind::Cjk && t.is(STAR) && t.len() == 1 || matches!(t.kind, Kind::Sym('#' | '*' | '●' | '◆' | '■'));
    match t.kind {
        Kind::Sym('@') => Some((1, true)),
        _ if at_sign && glued && stand_in => Some((1, true)),
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

fn spaced_dot_ok(toks: &[Tok], k: usize, d: usize) -> bool {
    let (before, after) = (toks[k].space, toks[k + d].space);
    match toks[k].kind {
        Kind::Sym(',') => !before && !after,
        Kind::Sym('.' | '。') => before || !after,
        _ => true,
    }
}

fn label(t: Option<&Tok>) -> bool {
    t.is_some_and(|t| matches!(t.kind, Kind::Word | Kind::Num) && !t.is(DOT | AT))
}

/// An e-mail address around the "at" at token `i`, in any written form: "anna@shop.de",
/// "anna @ shop . de", "anna (at) shop (dot) de", "anna at shop dot de", "anna＠shop。jp".
fn email(c: &[char], toks: &[Tok], i: usize, at_sign: bool, out: &mut Vec<Hit>) -> Option<usize> {
    let (n, strong) = at_marker(toks, i, at_sign)?;
    // The local part: words and numbers joined by . _ - + (or a written-out "dot"), written
    // together or spaced; two words with only white space between them are two words.
    let mut s = i;
    let mut want_label = true;
    while s > 0 && i - s < ADDRESS_TOKENS {
        tick(1);
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
    tick(8);
    let mail_cue = (s.saturating_sub(8)..s).any(|j| toks[j].is(MAIL));
    // The domain: labels separated by dots (". 。 (dot) dot punkt"), up to its last label.
    let mut e = i + n;
    let mut labels: Vec<usize> = Vec::new();
    let mut written_dot = false;
    while e < toks.len() && e - i < ADDRESS_TOKENS && label(toks.get(e)) {
        tick(1);
        labels.push(e);
        // Labels may be hyphenated: "my-shop" (after an "@", also spaced out: "m y - s h o p").
        let mut k = e + 1;
        while is_sym(toks.get(k), &['-']) && label(toks.get(k + 1)) && (strong || !toks[k].space) {
            k += 2;
        }
        match dot_marker(toks, k) {
            // A plain dot with white space only after it ends the sentence ("shop.de. Next"); a
            // comma joins labels only when written without spaces ("gmail,com").
            Some(d) if label(toks.get(k + d)) && spaced_dot_ok(toks, k, d) => {
                written_dot |= !matches!(toks[k].kind, Kind::Sym('.' | '。'));
                e = k + d;
            }
            _ => break,
        }
    }
    let mut last = *labels.last()?;
    let mut tld = letters(c, &toks[last]);
    // A two-letter ending spaced out ("j p") is too short to have been joined as a word.
    while tld.len() == 1
        && toks.get(last + 1).is_some_and(|n| n.kind == Kind::Word && n.len() == 1 && n.space && n.nl == 0)
        && tld.len() < 2
    {
        last += 1;
        tld.extend(letters(c, &toks[last]));
    }
    let spelled_tld = tld.len() == 2 && last != *labels.last()?;
    let tld = tld.as_slice();
    let ok = if labels.len() >= 2 {
        alphabetic(tld)
            && tld.len() >= 2
            && (strong && tld.len() <= 12 || spelled_tld || is_one_of(TLDS, &toks[last]))
            && (strong || written_dot || mail_cue)
    } else {
        // "anna at gmail", "anna@gmail": a mail provider named alone.
        is_one_of(PROVIDERS, &toks[labels[0]])
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
    // Only a word followed by ":" (a scheme) or a dot can start a link.
    if t.kind != Kind::Word || !(is_sym(toks.get(i + 1), &[':']) || dot_marker(toks, i + 1).is_some()) {
        return None;
    }
    let w = letters(c, t);
    let w = w.as_slice();
    let scheme =
        matches!(w, ['h', 't', 't', 'p'] | ['h', 't', 't', 'p', 's'] | ['h', 'x', 'x', 'p'] | ['h', 'x', 'x', 'p', 's'] | ['f', 't', 'p'])
            && is_sym(toks.get(i + 1), &[':']);
    let www = matches!(w, ['w', 'w', 'w'] | ['w', 'w', 'w', '2']) && dot_marker(toks, i + 1).is_some();
    let mut amazon = false;
    let mut labels = 0;
    let mut last = i;
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
        tick(1);
        // Amazon's hosts: amazon.*, amzn.*, and the a.co short links.
        amazon |= toks[k].is(AMAZON) || labels == 0 && word(c, &toks[k]) == ['a'];
        labels += 1;
        last = k;
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
    let tld_ok = labels >= 2 && alphabetic(&letters(c, &toks[last])) && is_one_of(TLDS, &toks[last]);
    let first_alpha = word(c, t).iter().any(|c| c.is_ascii_alphabetic());
    if !(scheme || www || labels >= 2 && tld_ok && first_alpha) {
        return None;
    }
    // The path: anything written together with the host, up to white space.
    while k < toks.len()
        && !toks[k].space
        && k - i < 400
        && {
            tick(1);
            true
        }
        && !matches!(toks[k].kind, Kind::Sym('"' | '<' | '>' | ')' | ']' | '}'))
    {
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

/// How many digits a spelled-out number word stands for: one, or two for the tens (lexicon.rs
/// DIGIT, TENS: "null eins sieben", "zéro six, cinquante-cinq"); 0 for other words.
fn digit_word(t: &Tok) -> u32 {
    if t.kind != Kind::Word {
        0
    } else if t.is(DIGIT) {
        1
    } else if t.is(TENS) {
        2
    } else {
        0
    }
}

/// A phone number spelled out: five or more number words, 7 to 15 digits in all.
fn spelled_phone(toks: &[Tok], i: usize, out: &mut Vec<Hit>) -> Option<usize> {
    if digit_word(&toks[i]) == 0 || i > 0 && digit_word(&toks[i - 1]) > 0 {
        return None;
    }
    let (mut words, mut digits, mut k, mut last) = (0, 0, i, i);
    while k < toks.len() && words < 20 {
        tick(1);
        let t = &toks[k];
        let d = if t.kind == Kind::Num { t.digits } else { digit_word(t) };
        if d > 0 {
            // "cinquante-cinq": the unit after a hyphenated ten is part of it.
            let compound = k > i && toks[k - 1].kind == Kind::Sym('-') && !t.space && digit_word(&toks[k - 2]) == 2;
            digits += if compound { 0 } else { d };
            words += 1;
            last = k;
            k += 1;
        } else if matches!(t.kind, Kind::Sym(',' | '-')) && t.nl == 0 {
            k += 1;
        } else {
            break;
        }
    }
    if words < 5 || !(7..=15).contains(&digits) {
        return None;
    }
    out.push(Hit::new(Rule::Phone, toks[i].a as usize, toks[last].b as usize));
    Some(last + 1)
}

/// A phone number at token `i`: "+49 30 1234567", "(555) 123-4567", "090-1234-5678",
/// "06 12 34 56 78", "985.550.188", or 7-15 digits shortly after a word like "phone", "call",
/// "WhatsApp", "電話", "contact … on"; or spelled out. Not Amazon order numbers (3-7-7), dates,
/// times, or numbers after "tracking", "order", "invoice", "〒".
fn phone(c: &[char], toks: &[Tok], i: usize, out: &mut Vec<Hit>) -> Option<usize> {
    if let Some(end) = spelled_phone(toks, i, out) {
        return Some(end);
    }
    let t = &toks[i];
    let plus = t.kind == Kind::Sym('+') && toks.get(i + 1).is_some_and(|n| n.kind == Kind::Num && !n.space);
    let paren = t.kind == Kind::Sym('(') && toks.get(i + 1).is_some_and(|n| n.kind == Kind::Num) && is_sym(toks.get(i + 2), &[')']);
    if !(plus || paren || t.kind == Kind::Num) {
        return None;
    }
    // The rest of a code or number that did not qualify ("1Z 999 AA1 01 2345", the 7-7 end of
    // an order number "404-4417789-1190735"): not a start.
    let coded = |p: &Tok| p.kind == Kind::Num || p.kind == Kind::Word && c[p.a as usize..p.b as usize].iter().any(char::is_ascii_digit);
    if !plus && !paren && i > 0 {
        let p = &toks[i - 1];
        let after_sep = matches!(p.kind, Kind::Sym('-' | '.' | '/')) && !p.space && i > 1 && coded(&toks[i - 2]);
        if coded(p) || after_sep {
            return None;
        }
    }
    // The groups of digits and what separates them: white space, - . / (…), or Japanese の.
    let mut groups: Vec<u32> = Vec::new();
    let mut seps: Vec<char> = Vec::new();
    let mut k = if plus { i + 1 } else { i };
    while k < toks.len() && groups.len() < 8 {
        tick(1);
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
        match toks.get(k) {
            Some(n) if n.kind == Kind::Num && (n.space || seps.last() == Some(&'(')) && n.nl == 0 => seps.push(' '),
            Some(n) if n.kind == Kind::Sym('(') => {}
            Some(n) if n.nl == 0 && toks.get(k + 1).is_some_and(|m| m.kind == Kind::Num || m.kind == Kind::Sym('(')) => {
                let sep = match n.kind {
                    Kind::Sym(s @ ('-' | '.' | '/')) => s,
                    Kind::Cjk if n.len() == 1 && matches!(c[n.a as usize], 'の' | 'ー') => '-',
                    _ => break,
                };
                seps.push(sep);
                k += 1;
            }
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
    // Pairs only ("09/04–11/04"): a phone written in pairs has five of them ("06 12 34 56 78").
    let pairs = groups.iter().all(|&g| g <= 2) && !(groups.len() >= 5 && seps.iter().all(|&s| matches!(s, ' ' | '.' | '/')));
    if order_id || date || pairs {
        return None;
    }
    tick(12);
    let before = i.saturating_sub(8)..i;
    let phone_cue = before.clone().any(|j| toks[j].is(PHONE));
    let cue = phone_cue || before.clone().any(|j| toks[j].is(CONTACT)) && !before.clone().any(|j| toks[j].is(MAIL));
    // "tracking number 7755 2210 9981", "Sendungsnummer …", "お問い合わせ番号 …".
    if (i.saturating_sub(4)..i).any(|j| toks[j].is(IDCUE)) && !phone_cue && !plus && !paren {
        return None;
    }
    let lead = toks[if plus || paren { i + 1 } else { i }];
    // A national number in groups ("030 1234567"), or written in one piece ("07700900789").
    let national = leading_zero(c, &lead) && (groups.len() >= 2 && groups[0] <= 5 || groups.len() == 1 && (10..=11).contains(&groups[0]));
    let plain_seps = seps.iter().all(|&s| matches!(s, ' ' | '-' | '.'));
    // Numbers without a trunk prefix: US/CA 3-3-4, Spanish and Italian 3-3-3, 3-2-2-2.
    let mobile = plain_seps && (groups == [3, 3, 4] || (matches!(groups[..], [3, 3, 3] | [3, 2, 2, 2]) && lead.num / 100 >= 6));
    let shaped = plus || paren || seps.first() == Some(&'(') || national || mobile;
    if !(shaped || cue) {
        return None;
    }
    out.push(Hit::new(Rule::Phone, t.a as usize, toks[end - 1].b as usize));
    Some(end)
}

/// A national number starts with 0 (the trunk prefix): "030 1234567", "06 12 34 56 78".
fn leading_zero(c: &[char], t: &Tok) -> bool {
    t.digits > 1 && c.get(t.a as usize) == Some(&'0')
}
