//! The `sp-sandbox` command: see `sp-sandbox --help` and the README's sp-sandbox section.
use clap::Parser;
use sp_sandbox::faults::Fault;
use sp_sandbox::{app, server, tls, Config, Sandbox, Scenario};
use std::io::Write;
use std::path::PathBuf;

/// A local SP-API emulator: Messaging v1, Solicitations v1, Uploads 2020-11-01 with its S3 uploads,
/// Orders 2026-01-01, Sellers v1 and Login with Amazon on one port, with Amazon's rules, rate
/// limits and tokens, injected faults, an admin API under /_sandbox/, and the files of --www for
/// every other path. Prints the address it listens on as its first line; stops on SIGTERM or
/// Ctrl-C.
#[derive(Parser, Debug)]
#[command(name = "sp-sandbox", version)]
struct Args {
    /// Answer exactly like Amazon's static sandbox: only the models' documented request/response pairs.
    #[arg(long = "static")]
    static_mode: bool,
    /// Serve HTTPS with a certificate for the Amazon host names and S3, made at start-up.
    #[arg(long, conflicts_with = "proxy")]
    tls: bool,
    /// Be an HTTP proxy for the Amazon host names and S3: answer CONNECT and terminate TLS with a
    /// certificate made at start-up (HTTPS_PROXY=http://127.0.0.1:PORT).
    #[arg(long)]
    proxy: bool,
    /// With --tls or --proxy: write the certificate to trust (PEM) to this file.
    #[arg(long, value_name = "FILE")]
    write_certificate: Option<PathBuf>,
    /// Port on 127.0.0.1; 0 picks a free one.
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// Scenario file: applications, token lifetime, orders (e.g. www/demo/orders.json).
    #[arg(long)]
    scenario: Option<PathBuf>,
    /// Multiplies Amazon's rate limits (Messaging and Solicitations 1/s burst 5, uploads 10/s burst 10, getOrder 0.5/s burst 30, searchOrders 0.0056/s burst 20, participations 0.016/s burst 15); 0 turns them off.
    #[arg(long, default_value_t = 1.0)]
    rate_scale: f64,
    /// Directory served for every non-API path (default: ./www when it exists).
    #[arg(long)]
    www: Option<PathBuf>,
    /// A fault, OPERATION:key=value,… with status, probability, latency (ms), drop (before, after,
    /// midResponse), times; OPERATION is an operationId, lwaToken, uploadPut or *. Repeatable.
    #[arg(long = "fault", value_name = "SPEC")]
    faults: Vec<String>,
    /// Seed for fault probabilities (default: random).
    #[arg(long)]
    seed: Option<u64>,
}

fn main() {
    if let Err(e) = run(Args::parse()) {
        eprintln!("sp-sandbox: {e}");
        std::process::exit(2);
    }
}

fn run(args: Args) -> Result<(), String> {
    let scenario = match &args.scenario {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            Scenario::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))?
        }
        None => Scenario::default(),
    };
    let faults = args.faults.iter().map(|s| Fault::parse(s)).collect::<Result<Vec<_>, _>>()?;
    if !(args.rate_scale >= 0.0 && args.rate_scale.is_finite()) {
        return Err("--rate-scale must be a number ≥ 0".into());
    }
    let www = args.www.clone().or_else(|| Some(PathBuf::from("www")).filter(|p| p.is_dir()));
    if let Some(dir) = &www {
        if !dir.is_dir() {
            return Err(format!("--www {}: not a directory", dir.display()));
        }
    }
    let seed = args.seed.unwrap_or_else(rand::random);
    let (mode, certificate_pem) = match (args.tls, args.proxy) {
        (false, false) => (server::Mode::Plain, None),
        (tls_mode, _) => {
            let (config, pem) = tls::self_signed()?;
            (if tls_mode { server::Mode::Tls(config) } else { server::Mode::Proxy(config) }, Some(pem))
        }
    };
    if let Some(path) = &args.write_certificate {
        let pem = certificate_pem.as_ref().ok_or("--write-certificate needs --tls or --proxy")?;
        std::fs::write(path, pem).map_err(|e| format!("--write-certificate {}: {e}", path.display()))?;
    }
    let config = Config {
        static_mode: args.static_mode,
        rate_scale: args.rate_scale,
        www: www.clone(),
        tls: args.tls || args.proxy,
        certificate_pem,
        seed,
        faults,
    };
    let orders = scenario.orders.len();
    let sandbox = Sandbox::new(config, scenario);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", args.port)).await.map_err(|e| format!("port {}: {e}", args.port))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        let scheme = if args.tls { "https" } else { "http" };
        // The first line is the address, for scripts and tests that start us with --port 0.
        println!("{scheme}://{addr}");
        let _ = std::io::stdout().flush();
        let kind = if args.static_mode { "static" } else { "stateful" };
        let kind = if args.proxy { format!("{kind} proxy") } else { kind.to_owned() };
        let www = www.map(|d| d.display().to_string()).unwrap_or_else(|| "none".into());
        eprintln!("sp-sandbox: {kind} mode, {orders} orders, rate scale {}, fault seed {seed}, www {www}", args.rate_scale);
        server::serve(listener, app(sandbox), mode, stop_signal()).await;
        eprintln!("sp-sandbox: stopped");
        Ok(())
    })
}

async fn stop_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(s) => s,
            Err(_) => return ctrl_c.await.unwrap_or(()),
        };
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
}
