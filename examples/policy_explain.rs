//! Prints how the text policy reads a text (tokens, concept flags, sentences, findings):
//! `cargo run --example policy_explain -- "text"` or ids of the tuning half
//! (`--tuning en-0110 de-0121`). For tuning the lexicon and rules on the tuning half only.
#[path = "../tests/policy_corpus/score.rs"]
mod score;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let texts: Vec<String> = if args.first().map(String::as_str) == Some("--tuning") {
        let items = score::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/policy_corpus/tuning.jsonl"));
        args[1..].iter().filter_map(|id| items.iter().find(|i| &i.id == id)).map(|i| i.text.clone()).collect()
    } else {
        args
    };
    for t in texts {
        println!("{t}\n{}", sp_outreach::policy::explain(&t));
        for f in sp_outreach::policy::lint(&t) {
            println!("  => {:?} {:?}", f.rule, f.excerpt);
        }
        println!();
    }
}
