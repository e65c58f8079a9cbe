//! Scores the text policy on a labelled corpus (tests/policy_corpus/README.md): shared by the
//! floor test (tests/policy_corpus.rs) and `make bench` (examples/policy_corpus.rs).
//!
//! - a **block** message is caught when the policy raises an error finding (the send is blocked);
//! - a **confirm** message (phone, link) is caught when it raises a confirm finding;
//! - a **pass** message is flagged when it raises any finding at all, error or confirm.
//!
//! "On target": the caught message's findings overlap the corpus's `span` (the words that make
//! it forbidden), so the seller is shown the right words.
//!
//! Attachment file names: the second corpus (ids `c2-…`, tests/policy_corpus2/README.md) puts the
//! attachment's FILE NAME in `text` for the attachment-only kinds (invoice, warranty,
//! legalDisclosure, amazonMotors). Those are judged the way the core checks a file name
//! (src/request.rs: `lint(name)` without the `empty` finding, and any finding stops the send):
//! a block or confirm name is caught by any finding, a pass name is flagged by any finding. In
//! the first corpus those kinds carry a message text and are judged as text.
#![allow(dead_code)]
use std::collections::BTreeMap;

use serde_json::Value;
use sp_outreach::policy::{lint, Finding, Rule, Severity};

pub struct Item {
    pub id: String,
    pub lang: String,
    pub kind: String,
    pub label: String,
    pub category: String,
    pub text: String,
    pub span: Option<String>,
    pub tags: Vec<String>,
}

impl Item {
    /// The text is an attachment's file name (see the module docs).
    pub fn is_file_name(&self) -> bool {
        self.id.starts_with("c2-") && matches!(self.kind.as_str(), "invoice" | "warranty" | "legalDisclosure" | "amazonMotors")
    }
}

pub fn read(path: &str) -> Vec<Item> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{path}: {e}"));
            let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
            Item {
                id: s("id").unwrap_or_default(),
                lang: s("lang").unwrap_or_default(),
                kind: s("kind").unwrap_or_default(),
                label: s("label").unwrap_or_default(),
                category: s("category").unwrap_or_default(),
                text: s("text").unwrap_or_default(),
                // Pass entries carry `"span": ""` in the second corpus: no span.
                span: s("span").filter(|x| !x.is_empty()),
                tags: v
                    .get("tags")
                    .and_then(Value::as_array)
                    .map(|a| a.iter().filter_map(Value::as_str).map(str::to_owned).collect())
                    .unwrap_or_default(),
            }
        })
        .collect()
}

pub struct Outcome {
    pub findings: Vec<Finding>,
    /// Caught (block/confirm) or flagged (pass).
    pub hit: bool,
    /// A caught message whose findings overlap the expected span.
    pub on_target: bool,
}

pub fn judge(item: &Item) -> Outcome {
    let findings = lint(&item.text);
    if item.is_file_name() {
        let findings: Vec<Finding> = findings.into_iter().filter(|f| f.rule != Rule::Empty).collect();
        let hit = !findings.is_empty();
        return Outcome { on_target: hit && overlaps(item, &findings), findings, hit };
    }
    let hit = match item.label.as_str() {
        "block" => findings.iter().any(|f| f.severity == Severity::Error),
        "confirm" => findings.iter().any(|f| f.severity == Severity::Confirm),
        _ => !findings.is_empty(),
    };
    let on_target = hit && overlaps(item, &findings);
    Outcome { findings, hit, on_target }
}

/// Some finding overlaps the item's expected span (UTF-16 offsets, as findings are).
fn overlaps(item: &Item, findings: &[Finding]) -> bool {
    item.span.as_ref().is_some_and(|span| {
        let units: Vec<u16> = item.text.encode_utf16().collect();
        let want: Vec<u16> = span.encode_utf16().collect();
        let at = units.windows(want.len().max(1)).position(|w| w == want.as_slice()).unwrap_or(0);
        let (a, b) = (at, at + want.len());
        findings.iter().any(|f| f.start < b && a < f.end)
    })
}

#[derive(Default, Clone, Copy)]
pub struct Tally {
    pub n: usize,
    pub hit: usize,
    pub on_target: usize,
}

impl Tally {
    pub fn rate(&self) -> f64 {
        if self.n == 0 {
            0.0
        } else {
            self.hit as f64 / self.n as f64
        }
    }
}

/// Tallies by (label, key) where key is a language, a category or "all".
pub struct Scores {
    pub by: BTreeMap<(String, String), Tally>,
}

pub fn score(items: &[Item]) -> (Scores, Vec<(usize, Outcome)>) {
    let mut by: BTreeMap<(String, String), Tally> = BTreeMap::new();
    let mut outcomes = Vec::new();
    for (k, item) in items.iter().enumerate() {
        let o = judge(item);
        for key in [item.lang.clone(), format!("cat:{}", item.category), "all".to_owned()] {
            let t = by.entry((item.label.clone(), key)).or_default();
            t.n += 1;
            t.hit += usize::from(o.hit);
            t.on_target += usize::from(o.on_target);
        }
        outcomes.push((k, o));
    }
    (Scores { by }, outcomes)
}

impl Scores {
    pub fn get(&self, label: &str, key: &str) -> Tally {
        self.by.get(&(label.to_owned(), key.to_owned())).copied().unwrap_or_default()
    }

    /// The tables `make bench` prints.
    pub fn print(&self, title: &str) {
        let pct = |t: Tally| if t.n == 0 { "     -".to_owned() } else { format!("{:5.1}%", 100.0 * t.rate()) };
        println!("{title}");
        println!("| language | must-block blocked | confirm caught | must-pass flagged | findings on the expected words |");
        println!("|----------|--------------------|----------------|-------------------|--------------------------------|");
        for lang in ["en", "de", "fr", "es", "it", "ja", "all"] {
            let (b, c, p) = (self.get("block", lang), self.get("confirm", lang), self.get("pass", lang));
            let caught = b.hit + c.hit;
            let target =
                if caught == 0 { "-".to_owned() } else { format!("{:.1}%", 100.0 * (b.on_target + c.on_target) as f64 / caught as f64) };
            println!(
                "| {lang:<8} | {} ({:>3}/{:<3})    | {} ({:>2}/{:<2}) | {} ({:>2}/{:<3})   | {target:>30} |",
                pct(b),
                b.hit,
                b.n,
                pct(c),
                c.hit,
                c.n,
                pct(p),
                p.hit,
                p.n
            );
        }
        println!("goals: must-block blocked ≥ 98%, must-pass flagged ≤ 2%");
        println!();
        println!("| category                  | label   | messages | caught or flagged |");
        println!("|---------------------------|---------|----------|-------------------|");
        for ((label, key), t) in &self.by {
            if let Some(cat) = key.strip_prefix("cat:") {
                println!("| {cat:<25} | {label:<7} | {:>8} | {} ({:>3}) |", t.n, pct(*t), t.hit);
            }
        }
        println!();
    }
}
