//! `make bench`: how many requests a second sp-sandbox answers on loopback with rate limits off,
//! so it never bottlenecks the browser tests. Starts the real server (the same accept loop as the
//! binary) on port 0 and drives it with keep-alive HTTP/1.1 connections: actions reads, attribute
//! reads and review creates (each order's first create succeeds, later ones answer 403).
use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper_util::rt::TokioIo;
use serde_json::json;
use sp_sandbox::{app, server, Config, Sandbox, Scenario};
use std::time::{Duration, Instant};

const CONNECTIONS: usize = 32;
const SECONDS: u64 = 3;
const ORDERS: usize = 200;

#[tokio::main]
async fn main() {
    let orders: Vec<_> = (0..ORDERS)
        .map(|i| json!({"amazonOrderId": format!("111-{:07}-{:07}", i, i), "marketplaceId": "ATVPDKIKX0DER", "status": "Shipped", "purchaseDate": "now-20d", "earliestDeliveryDate": "now-12d", "latestDeliveryDate": "now-10d", "buyerLocale": "en-US"}))
        .collect();
    let scenario = Scenario::from_json(&json!({"orders": orders}).to_string()).unwrap();
    let sandbox = Sandbox::new(Config { rate_scale: 0.0, ..Config::default() }, scenario);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(server::serve(listener, app(sandbox.clone()), server::Mode::Plain, async { stopped.await.unwrap_or(()) }));

    let token = {
        let form = "grant_type=refresh_token&refresh_token=Atzr%7Csandbox-refresh-token&client_id=amzn1.application-oa2-client.sandbox&client_secret=sandbox-client-secret";
        let resp = one_request(addr, "POST", "/auth/o2/token", Some(form)).await;
        serde_json::from_slice::<serde_json::Value>(&resp).unwrap()["access_token"].as_str().unwrap().to_owned()
    };
    let deadline = Instant::now() + Duration::from_secs(SECONDS);
    let workers: Vec<_> = (0..CONNECTIONS)
        .map(|w| {
            let token = token.clone();
            tokio::spawn(async move {
                let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
                stream.set_nodelay(true).unwrap();
                let (mut send, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await.unwrap();
                tokio::spawn(conn);
                let mut latencies = vec![];
                let mut i = w;
                while Instant::now() < deadline {
                    let order = format!("111-{:07}-{:07}", i % ORDERS, i % ORDERS);
                    let (method, path) = match i % 4 {
                        0 => ("GET", format!("/solicitations/v1/orders/{order}?marketplaceIds=ATVPDKIKX0DER")),
                        1 => ("GET", format!("/messaging/v1/orders/{order}?marketplaceIds=ATVPDKIKX0DER")),
                        2 => ("GET", format!("/messaging/v1/orders/{order}/attributes?marketplaceIds=ATVPDKIKX0DER")),
                        _ => ("POST", format!("/solicitations/v1/orders/{order}/solicitations/productReviewAndSellerFeedback?marketplaceIds=ATVPDKIKX0DER")),
                    };
                    let req = hyper::Request::builder().method(method).uri(path).header("host", "sellingpartnerapi-na.amazon.com").header("x-amz-access-token", &token).body(Empty::<Bytes>::new()).unwrap();
                    let started = Instant::now();
                    let resp = send.send_request(req).await.unwrap();
                    assert!(resp.status().as_u16() < 500, "{}", resp.status());
                    resp.into_body().collect().await.unwrap();
                    latencies.push(started.elapsed());
                    i += CONNECTIONS;
                }
                latencies
            })
        })
        .collect();
    let mut latencies = vec![];
    for w in workers {
        latencies.extend(w.await.unwrap());
    }
    latencies.sort();
    let n = latencies.len();
    let pct = |p: f64| latencies[((n as f64 * p) as usize).min(n - 1)].as_secs_f64() * 1e6;
    println!("sp-sandbox on loopback, rate limits off, {CONNECTIONS} keep-alive connections, {SECONDS} s, reads and creates 3:1");
    println!("| requests | requests/s | p50 µs | p99 µs |");
    println!("|---|---|---|---|");
    println!("| {n} | {:.0} | {:.0} | {:.0} |", n as f64 / SECONDS as f64, pct(0.5), pct(0.99));
    let _ = stop.send(());
    server.await.unwrap();
}

/// One request on its own connection (the login before the run).
async fn one_request(addr: std::net::SocketAddr, method: &str, path: &str, form: Option<&str>) -> Bytes {
    let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let (mut send, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await.unwrap();
    tokio::spawn(conn);
    let body = http_body_util::Full::new(Bytes::from(form.unwrap_or_default().to_owned()));
    let req = hyper::Request::builder()
        .method(method)
        .uri(path)
        .header("host", "api.amazon.com")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .unwrap();
    send.send_request(req).await.unwrap().into_body().collect().await.unwrap().to_bytes()
}
