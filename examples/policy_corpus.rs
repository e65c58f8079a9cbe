//! `make bench`, text policy: recall and false-positive rate of the policy on the labelled
//! corpus, per language and per category (tests/policy_corpus/README.md).
//!
//! `cargo run --release --example policy_corpus -- FILE [--misses]`. `--misses` prints every
//! miss and false positive with its findings: for the tuning half only (the held-out half is
//! never read while rules are written; `make bench` prints its figures, nothing else).
#[path = "../tests/policy_corpus/score.rs"]
mod score;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = env!("CARGO_MANIFEST_DIR");
    let files: Vec<String> = args.iter().filter(|a| !a.starts_with("--")).cloned().collect();
    let files = if files.is_empty() { vec![format!("{root}/tests/policy_corpus/heldout.jsonl")] } else { files };
    let misses = args.iter().any(|a| a == "--misses");
    for file in files {
        if misses && file.contains("heldout") {
            eprintln!("--misses is for the tuning half only: {file}");
            std::process::exit(2);
        }
        let items = score::read(&file);
        let (scores, outcomes) = score::score(&items);
        let name = file.rsplit('/').next().unwrap_or(&file).to_owned();
        scores.print(&format!("text policy on {name} ({} messages)", items.len()));
        if misses {
            for (k, o) in outcomes {
                let item = &items[k];
                let wrong = if item.label == "pass" { o.hit } else { !o.hit };
                if wrong {
                    println!("--- {} {} {} span={:?}", item.id, item.label, item.category, item.span);
                    println!("{}", item.text);
                    for f in &o.findings {
                        println!("  => {:?} {:?} {:?}", f.rule, f.severity, f.excerpt);
                    }
                }
            }
        }
    }
}
