//! `make bench`, text policy: recall and false-positive rate of the policy on the labelled
//! corpora, per language and per category (tests/policy_corpus/README.md,
//! tests/policy_corpus2/README.md).
//!
//! `cargo run --release --example policy_corpus -- FILE… [--misses]`: the tables for each file
//! and, for several files, for all of them together. `--misses` prints every miss and false
//! positive with its findings: for the tuning halves only (the held-out halves are never read
//! while rules are written; `make bench` prints their figures, nothing else). `--off-target`
//! prints the caught messages whose findings miss the expected words (tuning halves only too).
#[path = "../tests/policy_corpus/score.rs"]
mod score;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let files: Vec<String> = args.iter().filter(|a| !a.starts_with("--")).cloned().collect();
    let misses = args.iter().any(|a| a == "--misses");
    let off_target = args.iter().any(|a| a == "--off-target");
    if files.is_empty() {
        // No default file: a mistyped command must not read a held-out half.
        eprintln!("usage: policy_corpus FILE.jsonl… [--misses]");
        std::process::exit(2);
    }
    if (misses || off_target) && files.iter().any(|f| f.contains("heldout")) {
        eprintln!("--misses and --off-target are for the tuning halves only");
        std::process::exit(2);
    }
    let mut all = Vec::new();
    for file in &files {
        let items = score::read(file);
        let (scores, outcomes) = score::score(&items);
        let name = file.rsplit('/').take(2).collect::<Vec<_>>().into_iter().rev().collect::<Vec<_>>().join("/");
        scores.print(&format!("text policy on {name} ({} messages)", items.len()));
        print_notes(&items, &outcomes);
        if misses || off_target {
            for (k, o) in &outcomes {
                let item = &items[*k];
                let wrong = if item.label == "pass" { o.hit } else { !o.hit };
                if wrong || off_target && o.hit && item.label != "pass" && !o.on_target {
                    println!("--- {} {} {} span={:?}", item.id, item.label, item.category, item.span);
                    println!("{}", item.text);
                    for f in &o.findings {
                        println!("  => {:?} {:?} {:?}", f.rule, f.severity, f.excerpt);
                    }
                }
            }
        }
        all.extend(items);
    }
    if files.len() > 1 {
        let (scores, outcomes) = score::score(&all);
        scores.print(&format!("text policy on all {} files together ({} messages)", files.len(), all.len()));
        print_notes(&all, &outcomes);
    }
}

/// The file names and the entries the corpus tags `doubtful` (counted with their labels).
fn print_notes(items: &[score::Item], outcomes: &[(usize, score::Outcome)]) {
    let right = |pick: &dyn Fn(&score::Item) -> bool| {
        let picked: Vec<_> = outcomes.iter().filter(|(k, _)| pick(&items[*k])).collect();
        let ok = picked.iter().filter(|(k, o)| (items[*k].label == "pass") != o.hit).count();
        (ok, picked.len())
    };
    let (ok, n) = right(&|i| i.is_file_name());
    if n > 0 {
        println!("attachment file names (checked as the core checks them): {ok}/{n} right");
    }
    let (ok, n) = right(&|i| i.tags.iter().any(|t| t == "doubtful"));
    if n > 0 {
        println!("tagged doubtful (counted with the corpus's label): {ok}/{n} as labelled");
    }
    println!();
}
