//! The text policy's floor on the labelled corpora (tests/policy_corpus/README.md, written for
//! round 1; tests/policy_corpus2/README.md, a second writer's, added in round 2), on both halves
//! of each, so its accuracy cannot fall silently. `make bench` prints the full tables for the
//! held-out halves (examples/policy_corpus.rs); the figures are in README "Text policy".
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
    let items = score::read(&format!("{}/tests/{file}", env!("CARGO_MANIFEST_DIR")));
    let (scores, _) = score::score(&items);
    let (b, c, p) = (scores.get("block", "all"), scores.get("confirm", "all"), scores.get("pass", "all"));
    assert!(b.n > 150 && c.n > 40 && p.n > 150, "{file}: the corpus is incomplete");
    let msg = format!("{file}: blocked {}/{}, confirmed {}/{}, flagged {}/{}", b.hit, b.n, c.hit, c.n, p.hit, p.n);
    assert!(b.rate() >= floor.blocked, "{msg}: must-block blocked under {}", floor.blocked);
    assert!(c.rate() >= floor.confirmed, "{msg}: confirm caught under {}", floor.confirmed);
    assert!(p.rate() <= floor.flagged, "{msg}: must-pass flagged over {}", floor.flagged);
}

/// Measured (round 2): 210/210 blocked, 91/91 confirmed, 0/239 flagged.
#[test]
fn tuning_half_floor() {
    check("policy_corpus/tuning.jsonl", Floor { blocked: 0.99, confirmed: 0.98, flagged: 0.01 });
}

/// Measured (round 2): 277/277 blocked, 46/46 confirmed, 0/253 flagged (before round 2, with
/// round 1's rules: 186/277, 45/46, 15/253).
#[test]
fn second_corpus_tuning_half_floor() {
    check("policy_corpus2/tuning.jsonl", Floor { blocked: 0.99, confirmed: 0.97, flagged: 0.01 });
}

/// Measured twice: in round 1, after that round's rules were frozen (182/199 blocked, 92/95
/// confirmed, 7/209 flagged), and in round 2, once, after rules tuned on the two tuning halves
/// were frozen: 190/199 blocked (95.5%), 92/95 confirmed (96.8%), 10/209 flagged (4.8%) —
/// under the goals (≥ 98%, ≤ 2%), and reported so.
#[test]
fn held_out_half_floor() {
    check("policy_corpus/heldout.jsonl", Floor { blocked: 0.94, confirmed: 0.95, flagged: 0.06 });
}

/// Measured once, in round 2, after the rules were frozen (the first time this half was run):
/// 284/331 blocked (85.8%), 50/52 confirmed (96.2%), 11/280 flagged (3.9%) — under the goals.
#[test]
fn second_corpus_held_out_half_floor() {
    check("policy_corpus2/heldout.jsonl", Floor { blocked: 0.85, confirmed: 0.94, flagged: 0.047 });
}
