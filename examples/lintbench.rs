use std::time::Instant;
fn main() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/bench/text.txt")).unwrap();
    for _ in 0..2000 { std::hint::black_box(sp_outreach::lint(&text)); }
    let t = Instant::now();
    for _ in 0..20000 { std::hint::black_box(sp_outreach::lint(std::hint::black_box(&text))); }
    println!("lint {:.2} µs", t.elapsed().as_secs_f64() * 1e6 / 20000.0);
}
