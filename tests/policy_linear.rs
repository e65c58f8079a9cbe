//! The text policy is linear in the text (issue #12: it was quadratic in the number of
//! findings; 100,000 pasted characters cost 1.4 s per keystroke). Measured by the policy's own
//! step counter (`lint_counting`: every loop of the policy ticks it), not by wall time: each
//! adversarial text of 100,000 and 1,000,000 characters — many findings, many candidate
//! triggers that come to nothing — must take at most a fixed number of steps per character, and
//! ten times the text at most about ten times the steps.
use sp_outreach::policy::lint_counting;

/// Steps per character allowed: generous (the texts below take 5-60), but a quadratic loop
/// over 100,000 characters would take thousands.
const STEPS_PER_CHAR: u64 = 200;

fn repeat(unit: &str, chars: usize) -> String {
    let n = unit.chars().count().max(1);
    unit.repeat(chars / n + 1).chars().take(chars).collect()
}

fn adversarial(chars: usize) -> Vec<(&'static str, String)> {
    vec![
        ("many findings", repeat("Please leave a 5-star review and get a free gift! Write to a@b.com or call +44 7700 900123. ", chars)),
        ("one sentence of triggers", repeat("review positive free gift change remove if happy contact first stars 5 ", chars)),
        ("star run", repeat("★", chars)),
        ("spaced letters", repeat("r e v i e w ", chars)),
        ("digits", repeat("0 1 2 3 4 5 6 7 8 9 ", chars)),
        ("at signs", repeat("a@", chars)),
        ("dots", repeat("a.", chars)),
        ("tags", repeat("<a", chars)),
        ("open tag", format!("<b{}", "x".repeat(chars))),
        ("references", repeat("&amp", chars)),
        ("links", repeat("www.a.com/", chars)),
        ("one long word", "r3v13w".repeat(chars / 6)),
        ("number words", repeat("five, ", chars)),
        ("japanese", repeat("レビューを書いていただいた方にクーポンをプレゼント！高評価お願いします。", chars)),
        ("japanese pieces", repeat("お", chars)),
        ("look-alikes", repeat("р\u{200B}о\u{AD}ѕ𝐢𝐭𝐢𝐯𝐞 ⑤ ", chars)),
        ("blank", repeat("\u{200B} ", chars)),
    ]
}

#[test]
fn the_policy_is_linear_in_the_text() {
    for ((name, small), (_, large)) in adversarial(100_000).into_iter().zip(adversarial(1_000_000)) {
        let (findings_small, steps_small) = lint_counting(&small);
        let (findings_large, steps_large) = lint_counting(&large);
        let (n_small, n_large) = (small.chars().count() as u64, large.chars().count() as u64);
        assert!(steps_small <= STEPS_PER_CHAR * n_small, "{name}: {steps_small} steps for {n_small} characters");
        assert!(steps_large <= STEPS_PER_CHAR * n_large, "{name}: {steps_large} steps for {n_large} characters");
        // Ten times the text: at most about ten times the steps (12 allows for the findings'
        // sort, n log n in the number of findings).
        assert!(steps_large <= 12 * steps_small.max(1), "{name}: {steps_small} → {steps_large} steps for 10× the text");
        assert!(findings_large.len() >= findings_small.len(), "{name}");
        println!(
            "{name:<24} {:>6.1} steps/char, {:>7} findings at 1M characters",
            steps_large as f64 / n_large as f64,
            findings_large.len()
        );
    }
}

#[test]
fn findings_stay_in_bounds_and_in_order_on_large_texts() {
    for (name, text) in adversarial(100_000) {
        let units = text.encode_utf16().count();
        let (findings, _) = lint_counting(&text);
        for w in findings.windows(2) {
            assert!((w[0].start, w[0].end) <= (w[1].start, w[1].end), "{name}: findings out of order");
        }
        for f in &findings {
            assert!(f.start <= f.end && f.end <= units, "{name}: {}..{} of {units}", f.start, f.end);
            assert!(f.excerpt.chars().count() <= 61, "{name}");
        }
    }
}

/// Short texts stitched from the policy's own trigger words, symbols and scripts (review terms,
/// qualifiers, rewards, conditions, negations, dotted and spaced letters, addresses with '@'
/// written as another symbol, phone numbers, links, Japanese endings…) in random order, with and
/// without spaces: these reach the rules' deeper branches that random characters seldom do. No
/// panic, and every span — the finding's and each triggering word's — inside the text and on a
/// character boundary, the words inside the finding. Deterministic (xorshift from a fixed seed);
/// 200,000 texts ran clean while the rules were written, 20,000 run here.
#[test]
fn texts_of_trigger_words_never_panic_and_spans_stay_in_bounds() {
    let words: Vec<&str> = "review rating 5 stars ★ ★★★★★ free gift if happy not contact us first before change update remove > ＞ \n \n\n . ! ? , ; : - ( ) @ a b.c 1 2 3 10 5/5 von sur de à a to up bump neutral positive or negative egal ob every each for with your we our us uns nos tell others Amazon publicly note bonne 4,8 Sternen レビュー 評価 星5 前に ではなく ません ないでしょうか 引き換え 件で 返金 無料 p.l.e.a.s.e. r e v i e w f ü n f S t e r n e neg. pls reviewers points donate plant a tree in return in exchange would could ¿ ¡ • ★ ☐ □ 大変満足 選んで 1 star one star ein Stern harsh still now anytime jederzeit quando dopo nach after once info★shop.jp @ # 07700900789 +44 7700 900123 https://x.de/y www.a.com 0 00 iert revidiert ritirata subiría retirarse 😀 ｒｅｖｉｅｗ"
        .split(' ')
        .collect();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut flagged = 0;
    for _ in 0..20_000 {
        let mut text = String::new();
        for _ in 0..next() % 40 {
            text.push_str(words[(next() % words.len() as u64) as usize]);
            if next() % 3 != 0 {
                text.push(' ');
            }
        }
        let units: Vec<u16> = text.encode_utf16().collect();
        let boundary = |i: usize| i == units.len() || !(0xDC00..0xE000).contains(&units[i]);
        let (findings, _) = lint_counting(&text);
        flagged += usize::from(!findings.is_empty());
        for f in &findings {
            assert!(f.start <= f.end && f.end <= units.len() && boundary(f.start) && boundary(f.end), "{text:?}: {f:?}");
            for &[a, b] in &f.words {
                assert!(f.start <= a && a <= b && b <= f.end && boundary(a) && boundary(b), "{text:?}: {f:?}");
            }
        }
    }
    // The vocabulary is built to trigger: a run where nothing is flagged tests nothing.
    assert!(flagged > 5_000, "only {flagged} of 20,000 texts flagged");
}
