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
    const DIGITS: &str = "〇一二三四五六七八九";
    let value = |c: char| DIGITS.chars().position(|d| d == c);
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

/// Entry `i` of a one-letter-per-entry table, or `c` itself where the table has `*` or ends.
fn table(t: &str, i: u32, c: char) -> Out {
    match t.as_bytes().get(i as usize) {
        Some(&b) if b != b'*' => Out::One(b as char),
        _ => Out::One(c),
    }
}

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

/// Fold one character (see the module docs). Characters outside every table stay themselves.
fn fold_char(c: char) -> Out {
    let u = c as u32;
    let letter = |i: u32| Out::One(char::from(b'a' + (i % 26) as u8));
    let keep = Out::One(c);
    match u {
        0x41..=0x5A => Out::One(char::from(u as u8 + 32)),
        0x00..=0x08 | 0x0E..=0x1F | 0x7F..=0x84 | 0x86..=0x9F => Out::Drop,
        0x09 | 0x0B | 0x0C | 0xA0 | 0x1680 | 0x2000..=0x200A | 0x202F | 0x205F | 0x3000 => Out::One(' '),
        0x0A | 0x0D | 0x85 | 0x2028 | 0x2029 => Out::One('\n'),
        // Soft hyphen, combining grapheme joiner, Arabic letter mark, Hangul fillers, Khmer and
        // Mongolian format characters, zero-width and bidi controls, word joiner and invisible
        // operators, variation selectors, BOM, interlinear annotation, shorthand format
        // controls, musical format characters, tags.
        0xAD | 0x34F | 0x61C | 0x115F | 0x1160 | 0x17B4 | 0x17B5 | 0x180B..=0x180F | 0x200B..=0x200F | 0x202A..=0x202E => Out::Drop,
        0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F | 0xFEFF | 0xFFA0 | 0xFFF9..=0xFFFB | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A => Out::Drop,
        0xE0000..=0xE007F | 0xE0100..=0xE01EF => Out::Drop,
        // Combining marks (accents written apart, enclosing keycap and circles).
        0x300..=0x36F | 0x483..=0x489 | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F => Out::Drop,
        0x3099 | 0xFF9E => Out::Voicing(1),
        0x309A | 0xFF9F => Out::Voicing(2),
        // Dashes and minus signs.
        0x2010..=0x2015 | 0x2212 | 0x2043 | 0x2E3A | 0x2E3B | 0xFE58 | 0xFE63 | 0xFF0D | 0x2796 | 0x2E40 => Out::One('-'),
        // Quotes and apostrophes.
        0x2018 | 0x2019 | 0x201B | 0x2032 | 0xB4 | 0x60 | 0x2BC | 0x2B9 | 0xFF07 => Out::One('\''),
        0x201C..=0x201F | 0x2033 | 0xAB | 0xBB | 0xFF02 | 0x300C..=0x300F => Out::One('"'),
        // Stars: ☆ ★ ⭐ 🌟 ✩…✰ ✪ ⍟ ✶…✹ 🌠 all rate the same.
        0x2605 | 0x2606 | 0x2B50 | 0x1F31F | 0x1F320 | 0x2729..=0x2730 | 0x235F | 0x2736..=0x2739 | 0x2B51 | 0x2BE8..=0x2BEA => {
            Out::One('★')
        }
        0xFE6B => Out::One('@'),
        0xFF61 => Out::One('。'),
        // Full-width ASCII, then lower case.
        0xFF01..=0xFF5E => match char::from_u32(u - 0xFEE0) {
            Some(a) if a.is_ascii_uppercase() => Out::One(a.to_ascii_lowercase()),
            Some(a) => Out::One(a),
            None => keep,
        },
        0xFF65..=0xFF9D => HALF_KANA.chars().nth((u - 0xFF65) as usize).map_or(keep, Out::One),
        0xC6 | 0xE6 => Out::Two('a', 'e'),
        0xDF => Out::Two('s', 's'),
        0xDE | 0xFE => Out::Two('t', 'h'),
        0xC0..=0xFF => table(LATIN1, u - 0xC0, c),
        0x132 | 0x133 => Out::Two('i', 'j'),
        0x152 | 0x153 => Out::Two('o', 'e'),
        0x100..=0x17F => table(LATIN_EXT_A, u - 0x100, c),
        // Latin letters from IPA and others that imitate ASCII ones.
        0x180 => Out::One('b'),
        0x251 | 0x250 => Out::One('a'),
        0x261 | 0x262 => Out::One('g'),
        0x26A => Out::One('i'),
        0x274 => Out::One('n'),
        0x280 => Out::One('r'),
        0x28F => Out::One('y'),
        0x29C => Out::One('h'),
        0x29F => Out::One('l'),
        0x299 => Out::One('b'),
        0x1E00..=0x1E95 => runs(LATIN_EXT_ADDITIONAL, (u - 0x1E00) / 2, c),
        0x1E96 => Out::One('h'),
        0x1E97 => Out::One('t'),
        0x1E98 => Out::One('w'),
        0x1E99 => Out::One('y'),
        0x1E9A => Out::One('a'),
        0x1E9B => Out::One('s'),
        0x1E9E => Out::Two('s', 's'),
        0x1EA0..=0x1EFF => runs(VIETNAMESE, (u - 0x1EA0) / 2, c),
        0x2B0 => Out::One('h'),
        0x2B2 => Out::One('j'),
        0x2B3 => Out::One('r'),
        0x2B7 => Out::One('w'),
        0x2B8 => Out::One('y'),
        0x2E1 => Out::One('l'),
        0x2E2 => Out::One('s'),
        0x2E3 => Out::One('x'),
        // Greek and Cyrillic look-alikes (accented Greek vowels first).
        0x386 | 0x3AC => Out::One('a'),
        0x388 | 0x3AD => Out::One('e'),
        0x389 | 0x3AE => Out::One('n'),
        0x38A | 0x3AF | 0x3CA | 0x390 => Out::One('i'),
        0x38C | 0x3CC => Out::One('o'),
        0x38E | 0x3CD | 0x3CB => Out::One('u'),
        0x38F | 0x3CE => Out::One('w'),
        0x391..=0x3C9 => table(GREEK, u - 0x391, c),
        0x3F2 => Out::One('c'),
        0x3F3 => Out::One('j'),
        0x400 | 0x401 | 0x450 | 0x451 => Out::One('e'),
        0x405 | 0x455 => Out::One('s'),
        0x406 | 0x407 | 0x456 | 0x457 => Out::One('i'),
        0x408 | 0x458 => Out::One('j'),
        0x410..=0x44F => table(CYRILLIC, u - 0x410, c),
        0x4AE | 0x4AF => Out::One('y'),
        0x4BA | 0x4BB => Out::One('h'),
        0x4C0 | 0x4CF => Out::One('l'),
        0x500 | 0x501 => Out::One('d'),
        0x51A | 0x51B => Out::One('q'),
        0x51C | 0x51D => Out::One('w'),
        0x555 | 0x585 => Out::One('o'),
        0x54D | 0x57D => Out::One('u'),
        0x570 => Out::One('h'),
        0x578 => Out::One('n'),
        0x1D00..=0x1D22 => table(SMALL_CAPS, u - 0x1D00, c),
        0xA730 => Out::One('f'),
        0xA731 => Out::One('s'),
        // Modifier (superscript) letters.
        0x1D43 => Out::One('a'),
        0x1D47 => Out::One('b'),
        0x1D48 => Out::One('d'),
        0x1D49 => Out::One('e'),
        0x1D4D => Out::One('g'),
        0x1D4F => Out::One('k'),
        0x1D50 => Out::One('m'),
        0x1D52 => Out::One('o'),
        0x1D56 => Out::One('p'),
        0x1D57 => Out::One('t'),
        0x1D58 => Out::One('u'),
        0x1D5B => Out::One('v'),
        0x1D9C => Out::One('c'),
        0x1DA0 => Out::One('f'),
        0x1DBB => Out::One('z'),
        0x2071 => Out::One('i'),
        0x207F => Out::One('n'),
        // Superscript and subscript digits and letters.
        0xB9 => Out::One('1'),
        0xB2 | 0xB3 => Out::One(digit(u - 0xB0)),
        0x2070 | 0x2074..=0x2079 => Out::One(digit(u - 0x2070)),
        0x2080..=0x2089 => Out::One(digit(u - 0x2080)),
        0x2090..=0x209C => table(SUBSCRIPTS, u - 0x2090, c),
        // Letter-like symbols and ligatures.
        0x2102..=0x2134 => table(LETTERLIKE, u - 0x2102, c),
        0x2139 => Out::One('i'),
        0x2145 | 0x2146 => Out::One('d'),
        0x2147 => Out::One('e'),
        0x2148 => Out::One('i'),
        0x2149 => Out::One('j'),
        0xFB00 => Out::Two('f', 'f'),
        0xFB01 => Out::Two('f', 'i'),
        0xFB02 => Out::Two('f', 'l'),
        0xFB05 | 0xFB06 => Out::Two('s', 't'),
        // Roman numerals used as letters (Ⅰ Ⅴ Ⅹ Ⅼ Ⅽ Ⅾ Ⅿ and small ones).
        0x2160 | 0x2170 => Out::One('i'),
        0x2164 | 0x2174 => Out::One('v'),
        0x2169 | 0x2179 => Out::One('x'),
        0x216C | 0x217C => Out::One('l'),
        0x216D | 0x217D => Out::One('c'),
        0x216E | 0x217E => Out::One('d'),
        0x216F | 0x217F => Out::One('m'),
        // Enclosed alphanumerics: ①–⑳ ⑴–⒇ ⒈–⒛, ⒜–⒵ Ⓐ–Ⓩ ⓐ–ⓩ, ⓪, ⓫–⓴, ⓵–⓾, ⓿.
        0x2460..=0x2473 => Out::Number(u - 0x2460 + 1),
        0x2474..=0x2487 => Out::Number(u - 0x2474 + 1),
        0x2488..=0x249B => Out::Number(u - 0x2488 + 1),
        0x249C..=0x24B5 => letter(u - 0x249C),
        0x24B6..=0x24CF => letter(u - 0x24B6),
        0x24D0..=0x24E9 => letter(u - 0x24D0),
        0x24EA | 0x24FF => Out::One('0'),
        0x24EB..=0x24F4 => Out::Number(u - 0x24EB + 11),
        0x24F5..=0x24FE => Out::Number(u - 0x24F5 + 1),
        // Dingbat circled digits ❶–❿ ➀–➉ ➊–➓.
        0x2776..=0x277F => Out::Number(u - 0x2776 + 1),
        0x2780..=0x2789 => Out::Number(u - 0x2780 + 1),
        0x278A..=0x2793 => Out::Number(u - 0x278A + 1),
        // Mathematical alphanumerics: 13 alphabets of 52 letters, dotless ı ȷ, 5 Greek
        // alphabets of 58 (to the Greek letter, then its look-alike), 5 digit sets of 10.
        0x1D400..=0x1D6A3 => letter((u - 0x1D400) % 52),
        0x1D6A4 => Out::One('i'),
        0x1D6A5 => Out::One('j'),
        0x1D6A8..=0x1D7C9 => {
            let i = (u - 0x1D6A8) % 58;
            match i {
                0..=24 => fold_char(char::from_u32(0x391 + i).unwrap_or(c)),
                26..=50 => fold_char(char::from_u32(0x3B1 + i - 26).unwrap_or(c)),
                _ => keep,
            }
        }
        0x1D7CE..=0x1D7FF => Out::One(digit((u - 0x1D7CE) % 10)),
        // Enclosed alphanumeric supplement: digit with full stop or comma, parenthesised,
        // circled, squared, negative circled and squared letters, regional indicators;
        // segmented digits.
        0x1F100 | 0x1F10B | 0x1F10C => Out::One('0'),
        0x1F101..=0x1F10A => Out::One(digit(u - 0x1F101)),
        0x1F110..=0x1F129 => letter(u - 0x1F110),
        0x1F130..=0x1F149 => letter(u - 0x1F130),
        0x1F150..=0x1F169 => letter(u - 0x1F150),
        0x1F170..=0x1F189 => letter(u - 0x1F170),
        0x1F1E6..=0x1F1FF => letter(u - 0x1F1E6),
        0x1FBF0..=0x1FBF9 => Out::One(digit(u - 0x1FBF0)),
        _ => keep,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(s: &str) -> String {
        fold_text(s).chars.into_iter().collect()
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
        assert_eq!(total(LATIN_EXT_ADDITIONAL), (0x1E95 - 0x1E00 + 1) / 2);
        assert_eq!(total(VIETNAMESE), (0x1EFF - 0x1EA0 + 1) / 2);
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
