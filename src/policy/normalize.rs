//! Normalisation before matching (issue #13, "Normalise before matching"): the text a buyer sees
//! is folded to the plain lower-case Latin, digits and CJK that the lexicon is written in, with
//! a map back to the original characters so findings underline what the seller typed.
//!
//! - Compatibility forms (what NFKC folds, for the characters that spell words and numbers):
//!   full-width and half-width forms, mathematical alphanumerics, letter-like symbols, circled,
//!   parenthesised, squared and negative forms, keycaps (the keycap mark is dropped), super- and
//!   subscripts, small capitals, ligatures, half-width katakana with their voicing marks.
//! - Accents dropped (Latin-1 and Latin Extended-A, combining marks): "évaluation" is matched as
//!   "evaluation", "Rückerstattung" as "ruckerstattung", "ß" as "ss".
//! - Cyrillic and Greek look-alikes to the Latin letter they imitate ("rеviеw" with Cyrillic е).
//! - Zero-width, soft hyphen, bidi and other format characters and variation selectors removed.
//! - Every space kind is one space (runs collapse); every dash kind is "-" (after katakana, "ー",
//!   the long-vowel mark the dash imitates); quotes and star symbols fold to one form each.
//!
//! Why tables written out instead of a crate: `unicode-normalization` 0.1.26 (NFKC) adds 63 KB
//! gzip to a minimal wasm-bindgen crate (4.8 KB → 67.6 KB; NFKD alone 60.6 KB), `decancer` 3.3.3
//! 64 KB (→ 68.7 KB), against 25 KB of room under the 125 KB gate for all of the policy; and
//! neither folds Cyrillic/Greek look-alikes and zero-width characters the way a filter needs
//! (NFKC keeps both). Measured with scripts/measure-normalization.sh (opt-level z, LTO,
//! wasm-opt -Oz, gzip -9). These tables cover the forms that spell Latin letters, digits and
//! kana; the rest of Unicode passes through unchanged.
//!
//! Spans: each folded character records the UTF-16 offsets of the original character it came
//! from (an expansion such as "⑩" → "10" repeats them; a removed character has none), so a
//! folded range maps back to the original text's `start..end`.

/// The folded text and, for each folded character, where its source starts and ends in UTF-16.
pub struct Folded {
    pub chars: Vec<char>,
    pub from: Vec<u32>,
    pub to: Vec<u32>,
}

impl Folded {
    /// UTF-16 span of the folded range `a..b` (`a < b`).
    pub fn span(&self, a: usize, b: usize) -> (usize, usize) {
        let start = self.from.get(a).copied().unwrap_or(0) as usize;
        let end = self.to.get(b.saturating_sub(1)).copied().unwrap_or(0) as usize;
        (start, end.max(start))
    }
}

/// What one character becomes.
enum Out {
    Drop,
    One(char),
    Two(char, char),
    /// A number from an enclosed form (⑫, ⒛, ❿): its decimal digits.
    Number(u32),
    /// A combining voicing mark (゛ ゜): joined to the kana before it.
    Voicing(u32),
}

pub fn fold_text(text: &str) -> Folded {
    let mut f = Folded { chars: Vec::with_capacity(text.len()), from: Vec::with_capacity(text.len()), to: Vec::with_capacity(text.len()) };
    let mut at: u32 = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let start = at;
        at += c.len_utf16() as u32;
        // CR LF is one line break.
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        let push = |f: &mut Folded, ch: char| {
            let last = f.chars.last().copied();
            let ch = match ch {
                // Dashes after katakana stand for the long-vowel mark: "レビュ－", "レビュ一".
                '-' | '一' if last.is_some_and(is_katakana) => 'ー',
                _ => ch,
            };
            // A line break inside Japanese text is only the line wrapping: "高評\n価".
            if f.chars.len() >= 2 && last == Some('\n') && is_japanese(ch) && is_japanese(f.chars[f.chars.len() - 2]) {
                let n = f.chars.len() - 1;
                f.chars[n] = ch;
                f.to[n] = at;
                return;
            }
            if ch == ' ' && matches!(last, Some(' ' | '\n') | None) || ch == '\n' && last == Some(' ') {
                // A run of spaces is one space; a space next to a line break is the break.
                if ch == '\n' {
                    let n = f.chars.len() - 1;
                    f.chars[n] = '\n';
                    f.to[n] = at;
                } else if let Some(t) = f.to.last_mut() {
                    *t = at;
                }
                return;
            }
            f.chars.push(ch);
            f.from.push(start);
            f.to.push(at);
        };
        match fold_char(c) {
            Out::Drop => {}
            Out::One(ch) => push(&mut f, ch),
            Out::Two(a, b) => {
                push(&mut f, a);
                push(&mut f, b);
            }
            Out::Number(n) => {
                if n >= 10 {
                    push(&mut f, digit(n / 10));
                }
                push(&mut f, digit(n % 10));
            }
            Out::Voicing(step) => match f.chars.last_mut() {
                Some(k) if voiceable(*k) => {
                    *k = char::from_u32(*k as u32 + step).unwrap_or(*k);
                    if let Some(t) = f.to.last_mut() {
                        *t = at;
                    }
                }
                _ => {}
            },
        }
    }
    f
}

fn digit(n: u32) -> char {
    char::from_digit(n % 10, 10).unwrap_or('0')
}

fn is_japanese(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}')
}

/// Kanji numerals written as a run of digits ("〇九〇の五五五五"): three or more in a row become
/// ASCII digits. Shorter runs stay, since 一 and 二 are in everyday words (一度, 二人).
pub fn kanji_digits(f: &mut Folded) {
    let value = |c: char| match c {
        '〇' => Some(0),
        '一' => Some(1),
        '二' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    };
    let mut i = 0;
    while i < f.chars.len() {
        let run = f.chars[i..].iter().take_while(|&&c| value(c).is_some()).count();
        if run >= 3 {
            for k in i..i + run {
                f.chars[k] = digit(value(f.chars[k]).unwrap_or(0) as u32);
            }
        }
        i += run.max(1);
    }
}

pub fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}' | 'ー')
}

/// Kana that take a voicing mark: か…と and は…ほ rows (hiragana and katakana), う/ウ.
fn voiceable(c: char) -> bool {
    matches!(c, 'か'..='と' | 'は'..='ほ' | 'カ'..='ト' | 'ハ'..='ホ' | 'う' | 'ウ')
}

/// Latin-1 letters À..ÿ (0xC0..0xFF) without their accents; `*`: × ÷ stay, Æ ß Þ expand apart.
const LATIN1: &str = "aaaaaa*ceeeeiiiidnooooo*ouuuuy**aaaaaa*ceeeeiiiidnooooo*ouuuuy*y";
/// Latin Extended-A (0x100..0x17F) without accents; `*`: Ĳ ĳ Œ œ expand apart.
const LATIN_EXT_A: &str = concat!(
    "aaaaaa",
    "cccccccc",
    "dddd",
    "eeeeeeeeee",
    "gggggggg",
    "hhhh",
    "iiiiiiiiii",
    "**",
    "jj",
    "kkk",
    "llllllllll",
    "nnnnnnnnn",
    "oooooo",
    "**",
    "rrrrrr",
    "ssssssss",
    "tttttt",
    "uuuuuuuuuuuu",
    "ww",
    "yyy",
    "zzzzzz",
    "s"
);
/// Latin Extended Additional in (upper, lower) pairs, run-length coded: 0x1E00..0x1E95 (ḁ ḃ …
/// ẕ), then 0x1EA0..0x1EFF (ạ … ỹ, Vietnamese).
const LATIN_EXT_ADDITIONAL: &[u8] = b"a1b3c1d5e5f1g1h5i2k3l4m3n4o4p2r4s5t4u5v2w5x2y1z3";
const VIETNAMESE: &[u8] = b"a<e8i2o<u7y4l1v1y1";
/// Greek Α..ω (0x391..0x3C9) to the Latin letter each imitates, `*` where none does.
const GREEK: &str = "ab**ezh*ik*mn*o*p**ty*x**iyaeniuaby*e*n*ik*uv*o*pcotu*x*w";
/// Cyrillic А..я (0x410..0x44F) to the Latin letter each imitates, `*` where none does.
const CYRILLIC: &str = "abb**e****k*mho*pcty*x******b***abbr*e**uuk*mhonpcty*x**ww**b***";
/// Letter-like symbols 0x2102..0x2134 (ℂ ℊ ℋ ℌ ℍ ℎ ℐ ℑ ℒ ℓ ℕ ℙ ℚ ℛ ℜ ℝ ℤ ℨ K Å ℬ ℭ ℮ ℯ ℰ ℱ ℳ ℴ).
const LETTERLIKE: &str = "c*******ghhhh*iill*n***pqrrr******z***z*kabceeef*mo";
/// Half-width katakana ･ｦｧ…ﾝ (0xFF65..0xFF9D) as full-width katakana.
const HALF_KANA: &str =
    "・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン";
/// Small capitals ᴀ..ᴢ (0x1D00..0x1D22).
const SMALL_CAPS: &str = "a**bcd*e**jklmno********prrtu***vwz";
/// Subscript letters ₐ..ₜ (0x2090..0x209C).
const SUBSCRIPTS: &str = "aeox*hklmnpst";

/// Entry `i` of a run-length table ("a1b3…": letter, count; ':' counts 10+).
fn runs(t: &[u8], mut i: u32, c: char) -> Out {
    for pair in t.chunks_exact(2) {
        let n = u32::from(pair[1] - b'0');
        if i < n {
            return Out::One(pair[0] as char);
        }
        i -= n;
    }
    Out::One(c)
}

/// What each range of code points folds to, sorted, one row per run of characters that fold
/// the same way: `(first | (count - 1) << 21, kind << 24 | parameter)`. The parameter makes the output a
/// function of the code point itself (a shift, a table offset), so neighbours share a row.
/// A table rather than a 160-arm `match`: 0.6 KB less gzip in the shipped wasm (make build,
/// 127,350 → 126,884 bytes, then 0.1 KB more from 8-byte rows). Generated from the `match` it
/// replaced and checked equal to it on every code point before the `match` went (git history).
const FOLDS: &[(u32, u32)] = &[
    (0x1000000, 0x0),
    (0x9, 0x1000020),
    (0xa, 0x100000a),
    (0x20000b, 0x1000020),
    (0xd, 0x100000a),
    (0x220000e, 0x0),
    (0x3200041, 0x2000020),
    (0x60, 0x1000027),
    (0xa0007f, 0x0),
    (0x85, 0x100000a),
    (0x3200086, 0x0),
    (0xa0, 0x1000020),
    (0xab, 0x1000022),
    (0xad, 0x0),
    (0x2000b2, 0x4000004),
    (0xb4, 0x1000027),
    (0xb9, 0x1000031),
    (0xbb, 0x1000022),
    (0xa000c0, 0x61fff40),
    (0xc6, 0x8006561),
    (0x2c000c7, 0x61fff40),
    (0xde, 0x8006874),
    (0xdf, 0x8007373),
    (0xa000e0, 0x61fff40),
    (0xe6, 0x8006561),
    (0x2c000e7, 0x61fff40),
    (0xfe, 0x8006874),
    (0xff, 0x61fff40),
    (0x6200100, 0x62fff00),
    (0x200132, 0x8006a69),
    (0x3a00134, 0x62fff00),
    (0x200152, 0x800656f),
    (0x5600154, 0x62fff00),
    (0x180, 0x1000062),
    (0x200250, 0x1000061),
    (0x200261, 0x1000067),
    (0x26a, 0x1000069),
    (0x274, 0x100006e),
    (0x280, 0x1000072),
    (0x28f, 0x1000079),
    (0x299, 0x1000062),
    (0x29c, 0x1000068),
    (0x29f, 0x100006c),
    (0x2b0, 0x1000068),
    (0x2b2, 0x100006a),
    (0x2b3, 0x1000072),
    (0x2b7, 0x1000077),
    (0x2b8, 0x1000079),
    (0x2b9, 0x1000027),
    (0x2bc, 0x1000027),
    (0x2e1, 0x100006c),
    (0x2e2, 0x1000073),
    (0x2e3, 0x1000078),
    (0xde00300, 0x0),
    (0x386, 0x1000061),
    (0x388, 0x1000065),
    (0x389, 0x100006e),
    (0x38a, 0x1000069),
    (0x38c, 0x100006f),
    (0x38e, 0x1000075),
    (0x38f, 0x1000077),
    (0x390, 0x1000069),
    (0x3400391, 0x63ffc6f),
    (0x3ac, 0x1000061),
    (0x3ad, 0x1000065),
    (0x3ae, 0x100006e),
    (0x3af, 0x1000069),
    (0x32003b0, 0x63ffc6f),
    (0x3ca, 0x1000069),
    (0x3cb, 0x1000075),
    (0x3cc, 0x100006f),
    (0x3cd, 0x1000075),
    (0x3ce, 0x1000077),
    (0x3f2, 0x1000063),
    (0x3f3, 0x100006a),
    (0x200400, 0x1000065),
    (0x405, 0x1000073),
    (0x200406, 0x1000069),
    (0x408, 0x100006a),
    (0x7e00410, 0x64ffbf0),
    (0x200450, 0x1000065),
    (0x455, 0x1000073),
    (0x200456, 0x1000069),
    (0x458, 0x100006a),
    (0xc00483, 0x0),
    (0x2004ae, 0x1000079),
    (0x2004ba, 0x1000068),
    (0x4c0, 0x100006c),
    (0x4cf, 0x100006c),
    (0x200500, 0x1000064),
    (0x20051a, 0x1000071),
    (0x20051c, 0x1000077),
    (0x54d, 0x1000075),
    (0x555, 0x100006f),
    (0x570, 0x1000068),
    (0x578, 0x100006e),
    (0x57d, 0x1000075),
    (0x585, 0x100006f),
    (0x61c, 0x0),
    (0x20115f, 0x0),
    (0x1680, 0x1000020),
    (0x2017b4, 0x0),
    (0x80180b, 0x0),
    (0x9e01ab0, 0x0),
    (0x4401d00, 0x65fe300),
    (0x1d43, 0x1000061),
    (0x1d47, 0x1000062),
    (0x1d48, 0x1000064),
    (0x1d49, 0x1000065),
    (0x1d4d, 0x1000067),
    (0x1d4f, 0x100006b),
    (0x1d50, 0x100006d),
    (0x1d52, 0x100006f),
    (0x1d56, 0x1000070),
    (0x1d57, 0x1000074),
    (0x1d58, 0x1000075),
    (0x1d5b, 0x1000076),
    (0x1d9c, 0x1000063),
    (0x1da0, 0x1000066),
    (0x1dbb, 0x100007a),
    (0x7e01dc0, 0x0),
    (0x12a01e00, 0x70fe200),
    (0x1e96, 0x1000068),
    (0x1e97, 0x1000074),
    (0x1e98, 0x1000077),
    (0x1e99, 0x1000079),
    (0x1e9a, 0x1000061),
    (0x1e9b, 0x1000073),
    (0x1e9e, 0x8007373),
    (0xbe01ea0, 0x71fe160),
    (0x1402000, 0x1000020),
    (0x80200b, 0x0),
    (0xa02010, 0x100002d),
    (0x202018, 0x1000027),
    (0x201b, 0x1000027),
    (0x60201c, 0x1000022),
    (0x202028, 0x100000a),
    (0x80202a, 0x0),
    (0x202f, 0x1000020),
    (0x2032, 0x1000027),
    (0x2033, 0x1000022),
    (0x2043, 0x100002d),
    (0x205f, 0x1000020),
    (0x1e02060, 0x0),
    (0x2070, 0x4000006),
    (0x2071, 0x1000069),
    (0xa02074, 0x4000006),
    (0x207f, 0x100006e),
    (0x1202080, 0x4000000),
    (0x1802090, 0x66fdf70),
    (0x5e020d0, 0x0),
    (0x6402102, 0x67fdefe),
    (0x2139, 0x1000069),
    (0x202145, 0x1000064),
    (0x2147, 0x1000065),
    (0x2148, 0x1000069),
    (0x2149, 0x100006a),
    (0x2160, 0x1000069),
    (0x2164, 0x1000076),
    (0x2169, 0x1000078),
    (0x216c, 0x100006c),
    (0x216d, 0x1000063),
    (0x216e, 0x1000064),
    (0x216f, 0x100006d),
    (0x2170, 0x1000069),
    (0x2174, 0x1000076),
    (0x2179, 0x1000078),
    (0x217c, 0x100006c),
    (0x217d, 0x1000063),
    (0x217e, 0x1000064),
    (0x217f, 0x100006d),
    (0x2212, 0x100002d),
    (0x235f, 0x1002605),
    (0x2602460, 0x5ffdba1),
    (0x2602474, 0x5ffdb8d),
    (0x2602488, 0x5ffdb79),
    (0x9a0249c, 0x300000e),
    (0x24ea, 0x1000030),
    (0x12024eb, 0x5ffdb20),
    (0x12024f5, 0x5ffdb0c),
    (0x24ff, 0x1000030),
    (0x202605, 0x1002605),
    (0xe02729, 0x1002605),
    (0x602736, 0x1002605),
    (0x1202776, 0x5ffd88b),
    (0x1202780, 0x5ffd881),
    (0x120278a, 0x5ffd877),
    (0x2796, 0x100002d),
    (0x202b50, 0x1002605),
    (0x402be8, 0x1002605),
    (0x202e3a, 0x100002d),
    (0x2e40, 0x100002d),
    (0x3000, 0x1000020),
    (0x60300c, 0x1000022),
    (0x3099, 0x9000001),
    (0x309a, 0x9000002),
    (0x3164, 0x0),
    (0xa730, 0x1000066),
    (0xa731, 0x1000073),
    (0xfb00, 0x8006666),
    (0xfb01, 0x8006966),
    (0xfb02, 0x8006c66),
    (0x20fb05, 0x8007473),
    (0x1e0fe00, 0x0),
    (0x1e0fe20, 0x0),
    (0xfe58, 0x100002d),
    (0xfe63, 0x100002d),
    (0xfe6b, 0x1000040),
    (0xfeff, 0x0),
    (0xff01, 0x2ff0120),
    (0xff02, 0x1000022),
    (0x60ff03, 0x2ff0120),
    (0xff07, 0x1000027),
    (0x80ff08, 0x2ff0120),
    (0xff0d, 0x100002d),
    (0xa00ff0e, 0x2ff0120),
    (0xff61, 0x1003002),
    (0x700ff65, 0x60f009b),
    (0xff9e, 0x9000001),
    (0xff9f, 0x9000002),
    (0xffa0, 0x0),
    (0x40fff9, 0x0),
    (0x61bca0, 0x0),
    (0xe1d173, 0x0),
    (0x5461d400, 0x3000000),
    (0x1d6a4, 0x1000069),
    (0x1d6a5, 0x100006a),
    (0x2421d6a8, 0xa000024),
    (0x621d7ce, 0x4000008),
    (0x1f100, 0x1000030),
    (0x121f101, 0x4000007),
    (0x21f10b, 0x1000030),
    (0x321f110, 0x3000016),
    (0x321f130, 0x3000010),
    (0x321f150, 0x300000a),
    (0x321f170, 0x3000004),
    (0x321f1e6, 0x3000010),
    (0x21f31f, 0x1002605),
    (0x121fbf0, 0x4000008),
    (0xfee0000, 0x0),
    (0x1dee0100, 0x0),
];

const DROP: u32 = 0;
const CHAR: u32 = 1;
const SHIFT: u32 = 2;
const LETTER: u32 = 3;
const DIGIT: u32 = 4;
const NUMBER: u32 = 5;
const TABLE: u32 = 6;
const RUNS: u32 = 7;
const TWO: u32 = 8;
const VOICE: u32 = 9;
const GREEK_MATH: u32 = 10;

/// One-letter-per-entry tables by number (`TABLE` rows); `*` keeps the character.
const TABLES: [&str; 8] = [HALF_KANA, LATIN1, LATIN_EXT_A, GREEK, CYRILLIC, SMALL_CAPS, SUBSCRIPTS, LETTERLIKE];

/// `x` as a signed number of `bits` bits.
fn signed(x: u32, bits: u32) -> i64 {
    i64::from(((x << (32 - bits)) as i32) >> (32 - bits))
}

/// Fold one character (see the module docs). Characters outside every range stay themselves.
fn fold_char(c: char) -> Out {
    let u = c as u32;
    // Printable ASCII other than capitals and the backquote stays: most text, without a search.
    if matches!(u, 0x20..=0x40 | 0x5B..=0x5F | 0x61..=0x7E) {
        return Out::One(c);
    }
    let first = |r: &(u32, u32)| r.0 & 0x1F_FFFF;
    let row = FOLDS.partition_point(|r| first(r) <= u).checked_sub(1).and_then(|k| FOLDS.get(k));
    let Some(&(_, op)) = row.filter(|r| u <= first(r) + (r.0 >> 21)) else { return Out::One(c) };
    let p = op & 0xFF_FFFF;
    let at = |d: i64| u32::try_from(i64::from(u) + d).unwrap_or(0);
    let index = || (((op >> 20) & 0xF) as usize, at(signed(op & 0xF_FFFF, 20)));
    match op >> 24 {
        DROP => Out::Drop,
        CHAR => char::from_u32(p).map_or(Out::One(c), Out::One),
        SHIFT => char::from_u32(at(signed(p, 24))).map_or(Out::One(c), |a| Out::One(a.to_ascii_lowercase())),
        LETTER => Out::One(char::from(b'a' + ((u + p) % 26) as u8)),
        DIGIT => Out::One(digit((u + p) % 10)),
        NUMBER => Out::Number(at(signed(p, 24))),
        TABLE => {
            let (t, i) = index();
            match TABLES
                .get(t)
                .and_then(|s| if t == 0 { s.chars().nth(i as usize) } else { s.as_bytes().get(i as usize).map(|&b| b as char) })
            {
                Some(x) if x != '*' => Out::One(x),
                _ => Out::One(c),
            }
        }
        RUNS => {
            let (t, i) = index();
            runs(if t == 0 { LATIN_EXT_ADDITIONAL } else { VIETNAMESE }, i / 2, c)
        }
        TWO => Out::Two(char::from((p & 0xFF) as u8), char::from((p >> 8 & 0xFF) as u8)),
        VOICE => Out::Voicing(p),
        GREEK_MATH => match (u + p) % 58 {
            i @ 0..=24 => fold_char(char::from_u32(0x391 + i).unwrap_or(c)),
            i @ 26..=50 => fold_char(char::from_u32(0x3B1 + i - 26).unwrap_or(c)),
            _ => Out::One(c),
        },
        _ => Out::One(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(s: &str) -> String {
        fold_text(s).chars.into_iter().collect()
    }

    #[test]
    fn range_table_is_sorted() {
        for w in FOLDS.windows(2) {
            let (first, last) = (w[1].0 & 0x1F_FFFF, (w[0].0 & 0x1F_FFFF) + (w[0].0 >> 21));
            assert!(last < first, "FOLDS rows overlap or are out of order at U+{first:04X}");
        }
    }

    #[test]
    fn tables_have_their_ranges_length() {
        assert_eq!(LATIN1.len(), 0x40);
        assert_eq!(LATIN_EXT_A.len(), 0x80);
        assert_eq!(GREEK.len(), 0x3C9 - 0x391 + 1);
        assert_eq!(CYRILLIC.len(), 0x40);
        assert_eq!(LETTERLIKE.len(), 0x2134 - 0x2102 + 1);
        assert_eq!(HALF_KANA.chars().count(), 0xFF9D - 0xFF65 + 1);
        assert_eq!(SMALL_CAPS.len(), 0x1D22 - 0x1D00 + 1);
        assert_eq!(SUBSCRIPTS.len(), 0x209C - 0x2090 + 1);
        let total = |t: &[u8]| t.chunks_exact(2).map(|p| u32::from(p[1] - b'0')).sum::<u32>();
        assert_eq!(total(LATIN_EXT_ADDITIONAL), 0x96 / 2); // 0x1E00..=0x1E95 in pairs
        assert_eq!(total(VIETNAMESE), 0x60 / 2); // 0x1EA0..=0x1EFF in pairs
    }

    #[test]
    fn compatibility_forms_fold_to_ascii() {
        assert_eq!(folded("ＰＯＳＩＴＩＶＥ ＲＥＶＩＥＷ"), "positive review");
        assert_eq!(folded("𝐟𝐢𝐯𝐞 𝓼𝓽𝓪𝓻𝓼 𝟓 𝙧𝙚𝙫𝙞𝙚𝙬"), "five stars 5 review");
        assert_eq!(folded("ⓡⓔⓥⓘⓔⓦ Ⓡⓔⓥⓘⓔⓦ ⑤ ⑩ ❺ 🄵🅁🄴🄴 🅵🆁🅴🅴 🇫🇷"), "review review 5 10 5 free free fr");
        assert_eq!(folded("5\u{FE0F}\u{20E3} ⁵ ₅ ʀᴇᴠɪᴇᴡ ꜱᴛᴀʀ"), "5 5 5 review star");
        assert_eq!(folded("ﬁve ℯxcℯllℯnt ⭐⭐☆🌟"), "five excellent ★★★★");
        assert_eq!(folded("ṙėvïêw ạ ẞ"), "review a ss");
    }

    #[test]
    fn accents_case_and_look_alikes() {
        assert_eq!(folded("ÉVALUATION Rückerstattung Straße reseña œuvre Łódź"), "evaluation ruckerstattung strasse resena oeuvre lodz");
        // Cyrillic е о р с, Greek ο ν α, Greek capitals Ρ Ε Β.
        assert_eq!(
            folded("r\u{435}vi\u{435}w \u{440}\u{43E}\u{441}itive \u{3BF}\u{3BD}\u{3B1} \u{3A1}\u{395}\u{392}"),
            "review pocitive ova peb"
        );
        assert_eq!(folded("×÷"), "×÷");
    }

    #[test]
    fn invisible_characters_go_and_spaces_fold() {
        assert_eq!(folded("re\u{200B}vi\u{AD}ew\u{2060} 5\u{00A0}\u{2003} stars"), "review 5 stars");
        assert_eq!(folded("a\r\nb \n c\u{2028}d"), "a\nb\nc\nd");
        assert_eq!(folded("\u{200B}\u{FEFF}\u{2060}"), "");
        assert_eq!(folded("5‐star 5—star 5−star"), "5-star 5-star 5-star");
    }

    #[test]
    fn kana() {
        assert_eq!(folded("ﾚﾋﾞｭｰ"), "レビュー");
        assert_eq!(folded("レビュ－ レビュ一"), "レビュー レビュー");
        assert_eq!(folded("ヒ\u{3099}"), "ビ");
    }

    #[test]
    fn spans_map_back_to_the_original() {
        let f = fold_text("😀 r\u{200B}e ⑩");
        assert_eq!(f.chars.iter().collect::<String>(), "😀 re 10");
        // "😀" takes two UTF-16 units: " " is at 2, "r" at 3, the zero-width space (4) lies
        // inside "re", "⑩" at 7 became two characters that both map to it.
        assert_eq!(f.span(2, 4), (3, 6));
        assert_eq!(f.span(5, 7), (7, 8));
        assert_eq!(f.span(6, 7), (7, 8));
    }
}
