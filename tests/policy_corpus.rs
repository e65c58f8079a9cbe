//! The text policy's floor on the labelled corpus (tests/policy_corpus/README.md), on both
//! halves, so its accuracy cannot fall silently. `make bench` prints the full tables for the
//! held-out half (examples/policy_corpus.rs); the figures are in README "Text policy".
//! The thresholds sit a little under the measured figures: a change that loses more than a
//! message or two per half fails here.
#[path = "policy_corpus/score.rs"]
mod score;

struct Floor {
    blocked: f64,
    confirmed: f64,
    /// The most must-pass messages that may be flagged.
    flagged: f64,
}

fn check(file: &str, floor: Floor) {
    let items = score::read(&format!("{}/tests/policy_corpus/{file}", env!("CARGO_MANIFEST_DIR")));
    let (scores, _) = score::score(&items);
    let (b, c, p) = (scores.get("block", "all"), scores.get("confirm", "all"), scores.get("pass", "all"));
    assert!(b.n > 150 && c.n > 50 && p.n > 150, "{file}: the corpus is incomplete");
    let msg = format!("{file}: blocked {}/{}, confirmed {}/{}, flagged {}/{}", b.hit, b.n, c.hit, c.n, p.hit, p.n);
    assert!(b.rate() >= floor.blocked, "{msg}: must-block blocked under {}", floor.blocked);
    assert!(c.rate() >= floor.confirmed, "{msg}: confirm caught under {}", floor.confirmed);
    assert!(p.rate() <= floor.flagged, "{msg}: must-pass flagged over {}", floor.flagged);
}

/// Measured: 210/210 blocked, 91/91 confirmed, 0/239 flagged.
#[test]
fn tuning_half_floor() {
    check("tuning.jsonl", Floor { blocked: 0.99, confirmed: 0.98, flagged: 0.01 });
}

/// Measured once, after the rules were frozen: 182/199 blocked (91.5%), 92/95 confirmed
/// (96.8%), 7/209 flagged (3.3%) — under the goals (≥ 98%, ≤ 2%), and reported so.
#[test]
fn held_out_half_floor() {
    check("heldout.jsonl", Floor { blocked: 0.90, confirmed: 0.95, flagged: 0.045 });
}
