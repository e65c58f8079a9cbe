//! `make bench`, native half: time per call of the core's hot paths, printed as a table.
//! Inputs are bench/actions.json and bench/text.txt, the same the wasm/JS half uses.
use std::hint::black_box;
use std::time::Instant;

use serde_json::json;
use sp_outreach::request::{build, Call, Endpoint};
use sp_outreach::{parse_actions, Api, Region};

fn time_per_call(iterations: u32, mut f: impl FnMut()) -> f64 {
    for _ in 0..iterations / 10 {
        f();
    }
    let start = Instant::now();
    for _ in 0..iterations {
        f();
    }
    start.elapsed().as_secs_f64() * 1e6 / iterations as f64
}

fn main() {
    let root = env!("CARGO_MANIFEST_DIR");
    let actions = std::fs::read_to_string(format!("{root}/bench/actions.json")).expect("bench/actions.json");
    let text = std::fs::read_to_string(format!("{root}/bench/text.txt")).expect("bench/text.txt");
    let schema = json!({"type": "object", "properties": {"text": {"type": "string", "minLength": 1, "maxLength": 2000}}, "additionalProperties": false, "required": ["text"]});
    let endpoint = Endpoint::new(Region::Na);
    let call = Call {
        operation: "confirmDeliveryDetails".into(),
        order_id: "902-3159896-1390916".into(),
        marketplace_ids: vec!["ATVPDKIKX0DER".into()],
        body: Some(json!({ "text": text })),
        schema: Some(schema),
        confirm_links: false,
    };
    build(&call, &endpoint, "Atza|bench").expect("the bench message is valid");
    let build_us = time_per_call(20_000, || {
        black_box(build(black_box(&call), &endpoint, "Atza|bench").ok());
    });
    let parse_us = time_per_call(20_000, || {
        black_box(parse_actions(Api::Messaging, black_box(&actions)).ok());
    });
    println!("native (Rust, release)");
    println!("| operation                                        | µs per call |");
    println!("|--------------------------------------------------|-------------|");
    println!("| build + validate + lint ({} chars, API schema)  | {build_us:>11.2} |", text.chars().count());
    println!("| parse actions (10 actions, embedded schemas)     | {parse_us:>11.2} |");
    println!();
}
