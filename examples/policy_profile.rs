//! Loops the text policy on 2,000-character messages for a profiler (`perf record`).
fn main() {
    let fill = |u: &str, n: usize| u.repeat(n / u.len() + 1).chars().take(n).collect::<String>();
    let texts = [
        fill("Hello, your sofa was collected by the carrier this morning and will be delivered on Thursday between 8 and 12. If that day does not suit you, reply with a better one and we will rebook. We reviewed your claim about the scratch and refund 20 EUR today. ", 2000),
        fill("Manual: https://example-shop.com/manual/sofa-3.pdf — carrier hotline +44 7700 900123, depot 0161 496 0000, tracking www.example-carrier.co.uk/track. ", 2000),
        fill("ご注文ありがとうございます。商品は明日発送いたします。レビューを書いていただいた方にクーポンをプレゼント！高評価をお願いします。", 2000),
    ];
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(2000);
    for t in &texts {
        let start = std::time::Instant::now();
        for _ in 0..n {
            std::hint::black_box(sp_outreach::policy::lint(std::hint::black_box(t)));
        }
        println!("{:.1} µs per lint", start.elapsed().as_secs_f64() * 1e6 / n as f64);
    }
}
