//! Prints how the text policy reads a text (tokens, concept flags, sentences, findings):
//! `cargo run --example policy_explain -- "text"` or ids of the tuning half
//! (`--tuning en-0110 c2-de-0121`, from the tuning halves of both corpora). For tuning the
//! lexicon and rules on the tuning halves only.
#[path = "../tests/policy_corpus/score.rs"]
mod score;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let texts: Vec<String> = if args.first().map(String::as_str) == Some("--tuning") {
        let root = env!("CARGO_MANIFEST_DIR");
        let mut items = score::read(&format!("{root}/tests/policy_corpus/tuning.jsonl"));
        items.extend(score::read(&format!("{root}/tests/policy_corpus2/tuning.jsonl")));
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
