//! The `sp-sandbox` binary as scripts and browsers meet it: `--port 0` prints its address first,
//! `--tls` answers under the real Amazon host names to a plain HTTP client (curl, with
//! `--resolve` as a browser's `--host-resolver-rules`), drop faults close real sockets, and
//! SIGTERM stops it cleanly.
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};

struct Server {
    child: Child,
    url: String,
    port: u16,
}

impl Server {
    fn start(args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_sp-sandbox"))
            .args(["--port", "0", "--seed", "1"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
        let url = first.trim().to_owned();
        let port = url.rsplit(':').next().unwrap().parse().unwrap_or_else(|_| panic!("first line is the address: {url:?}"));
        Server { child, url, port }
    }

    /// curl against `host` (resolved to the server), returning (exit code, body).
    fn curl(&self, host: &str, path: &str, extra: &[&str]) -> (i32, String) {
        let scheme = if self.url.starts_with("https") { "https" } else { "http" };
        let out = Command::new("curl")
            .args(["-sS", "-k", "--max-time", "10", "--resolve", &format!("{host}:{}:127.0.0.1", self.port)])
            .args(extra)
            .arg(format!("{scheme}://{host}:{}{path}", self.port))
            .output()
            .expect("curl is installed (scripts/setup.sh)");
        (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
    }

    fn token(&self) -> String {
        let (code, body) = self.curl(
            "api.amazon.com",
            "/auth/o2/token",
            &[
                "-d",
                "grant_type=refresh_token",
                "-d",
                "refresh_token=Atzr|sandbox-refresh-token",
                "-d",
                "client_id=amzn1.application-oa2-client.sandbox",
                "-d",
                "client_secret=sandbox-client-secret",
            ],
        );
        assert_eq!(code, 0, "{body}");
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        v["access_token"].as_str().unwrap().to_owned()
    }

    fn stop(mut self) -> (Option<i32>, String) {
        unsafe_sigterm(self.child.id());
        let status = self.child.wait().unwrap();
        let mut err = String::new();
        self.child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
        (status.code(), err)
    }
}

fn unsafe_sigterm(pid: u32) {
    Command::new("kill").args(["-TERM", &pid.to_string()]).status().unwrap();
}

fn scenario_file(name: &str) -> String {
    let order = |id: &str, delivered: i32| {
        format!(
            r#"{{"amazonOrderId":"{id}","marketplaceId":"ATVPDKIKX0DER","status":"Shipped","purchaseDate":"now-30d","earliestDeliveryDate":"now-{}d","latestDeliveryDate":"now-{delivered}d","buyerLocale":"en-US"}}"#,
            delivered + 1
        )
    };
    let text = format!(
        r#"{{"orders":[{},{},{}]}}"#,
        order("111-0000000-0000001", 10),
        order("111-0000000-0000002", 10),
        order("111-0000000-0000003", 10)
    );
    let path = std::env::temp_dir().join(format!("sp-sandbox-{name}-{}.json", std::process::id()));
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

const REVIEW: &str =
    "/solicitations/v1/orders/111-0000000-000000N/solicitations/productReviewAndSellerFeedback?marketplaceIds=ATVPDKIKX0DER";

#[test]
fn tls_on_port_zero_under_amazons_host_names() {
    let scenario = scenario_file("tls");
    let server = Server::start(&["--tls", "--scenario", &scenario]);
    assert!(server.url.starts_with("https://127.0.0.1:"), "{}", server.url);
    let token = server.token();
    let auth = format!("x-amz-access-token: {token}");
    let (code, body) = server.curl(
        "sellingpartnerapi-na.amazon.com",
        "/solicitations/v1/orders/111-0000000-0000001?marketplaceIds=ATVPDKIKX0DER",
        &["-H", &auth],
    );
    assert_eq!(code, 0);
    assert!(body.contains("productReviewAndSellerFeedback"), "{body}");
    let (_, created) =
        server.curl("sellingpartnerapi-na.amazon.com", &REVIEW.replace('N', "1"), &["-X", "POST", "-H", &auth, "-w", "%{http_code}"]);
    assert_eq!(created, "{}201");
    // The certificate is valid for the Amazon host names: trusting exactly it, curl verifies.
    let (_, pem) = server.curl("localhost", "/_sandbox/certificate", &[]);
    let ca = std::env::temp_dir().join(format!("sp-sandbox-cert-{}.pem", std::process::id()));
    std::fs::write(&ca, &pem).unwrap();
    for host in ["sellercentral.amazon.com", "sellingpartnerapi-eu.amazon.com", "api.amazon.com", "sellercentral.amazon.co.jp"] {
        let out = Command::new("curl")
            .args([
                "-sS",
                "-o",
                "/dev/null",
                "-w",
                "%{http_code}",
                "--cacert",
                ca.to_str().unwrap(),
                "--resolve",
                &format!("{host}:{}:127.0.0.1", server.port),
                &format!("https://{host}:{}/_sandbox/clock", server.port),
            ])
            .output()
            .unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stdout), "200", "{host}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let other = Command::new("curl")
        .args([
            "-sS",
            "-o",
            "/dev/null",
            "--cacert",
            ca.to_str().unwrap(),
            "--resolve",
            &format!("example.com:{}:127.0.0.1", server.port),
            &format!("https://example.com:{}/", server.port),
        ])
        .output()
        .unwrap();
    assert_eq!(other.status.code(), Some(60), "not valid for other names");
    // Upload URLs name S3, as Amazon's do; the same process answers S3's host name.
    let (_, dest) = server.curl("sellingpartnerapi-na.amazon.com", "/uploads/2020-11-01/uploadDestinations/messaging/v1/orders/111-0000000-0000001/messages/invoice?marketplaceIds=ATVPDKIKX0DER&contentMD5=1B2M2Y8AsgTpgAmY7PhCfg%3D%3D", &["-X", "POST", "-H", &auth]);
    let dest: serde_json::Value = serde_json::from_str(&dest).unwrap();
    let url = dest["payload"]["url"].as_str().unwrap();
    let path = url.strip_prefix("https://s3.amazonaws.com").unwrap_or_else(|| panic!("{url}"));
    let (_, put) = server.curl(
        "s3.amazonaws.com",
        path,
        &[
            "-X",
            "PUT",
            "--data-binary",
            "",
            "-H",
            "Content-MD5: 1B2M2Y8AsgTpgAmY7PhCfg==",
            "-H",
            "x-amz-server-side-encryption: aws:kms",
            "-w",
            "%{http_code}",
        ],
    );
    assert_eq!(put, "200", "the empty file's PUT");
    let (status, stderr) = server.stop();
    assert_eq!(status, Some(0), "SIGTERM stops it cleanly: {stderr}");
    assert!(stderr.contains("stopped"));
}

/// curl through `--proxy` to `url`, trusting `ca`: (exit code, body).
fn via_proxy(proxy: &str, ca: &str, url: &str, extra: &[&str]) -> (i32, String) {
    let out = Command::new("curl")
        .args(["-sS", "--max-time", "10", "--proxy", proxy, "--cacert", ca])
        .args(extra)
        .arg(url)
        .output()
        .expect("curl is installed (scripts/setup.sh)");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn proxy_mode_reaches_every_amazon_host_by_its_real_name() {
    let scenario = scenario_file("proxy");
    let ca = std::env::temp_dir().join(format!("sp-sandbox-proxy-ca-{}.pem", std::process::id()));
    let server = Server::start(&["--proxy", "--scenario", &scenario, "--write-certificate", ca.to_str().unwrap()]);
    assert!(server.url.starts_with("http://127.0.0.1:"), "a plain HTTP proxy: {}", server.url);
    let (proxy, ca) = (server.url.clone(), ca.to_str().unwrap().to_owned());
    // Login with Amazon, then SP-API, under their real names, the certificate verified.
    let (code, token) = via_proxy(
        &proxy,
        &ca,
        "https://api.amazon.com/auth/o2/token",
        &["-d", "grant_type=refresh_token&refresh_token=Atzr%7Csandbox-refresh-token&client_id=amzn1.application-oa2-client.sandbox&client_secret=sandbox-client-secret"],
    );
    assert_eq!(code, 0, "{token}");
    let token: serde_json::Value = serde_json::from_str(&token).unwrap();
    let auth = format!("x-amz-access-token: {}", token["access_token"].as_str().unwrap());
    let (_, created) = via_proxy(
        &proxy,
        &ca,
        &format!("https://sellingpartnerapi-na.amazon.com{}", REVIEW.replace('N', "1")),
        &["-X", "POST", "-H", &auth, "-w", "%{http_code}"],
    );
    assert_eq!(created, "{}201");
    // The upload URL names S3; the PUT goes through the proxy to it.
    let (_, dest) = via_proxy(
        &proxy,
        &ca,
        "https://sellingpartnerapi-na.amazon.com/uploads/2020-11-01/uploadDestinations/messaging/v1/orders/111-0000000-0000001/messages/invoice?marketplaceIds=ATVPDKIKX0DER&contentMD5=1B2M2Y8AsgTpgAmY7PhCfg%3D%3D",
        &["-X", "POST", "-H", &auth],
    );
    let dest: serde_json::Value = serde_json::from_str(&dest).unwrap_or_else(|e| panic!("{e}: {dest}"));
    let url = dest["payload"]["url"].as_str().unwrap();
    assert!(url.starts_with("https://s3.amazonaws.com/buyer-seller-messaging-prod-draft-attachment-namarketplace/"), "{url}");
    let (_, put) = via_proxy(
        &proxy,
        &ca,
        url,
        &[
            "-X",
            "PUT",
            "--data-binary",
            "",
            "-H",
            "Content-MD5: 1B2M2Y8AsgTpgAmY7PhCfg==",
            "-H",
            "x-amz-server-side-encryption: aws:kms",
            "-w",
            "%{http_code}",
        ],
    );
    assert_eq!(put, "200");
    // Seller Central pages and the admin API answer under their names too; plain requests to
    // the proxy's own address still reach the admin API.
    let (code, _) = via_proxy(&proxy, &ca, "https://sellercentral.amazon.de/_sandbox/clock", &[]);
    assert_eq!(code, 0);
    let (_, clock) = server.curl("127.0.0.1", "/_sandbox/clock", &[]);
    assert!(clock.contains("\"now\""), "{clock}");
    // Nothing leaves the machine: tunnels to other hosts are refused.
    let (code, _) = via_proxy(&proxy, &ca, "https://example.com/", &[]);
    assert_eq!(code, 56, "curl's 'CONNECT refused by the proxy'");
    assert_eq!(server.stop().0, Some(0));
}

#[test]
fn drop_faults_close_real_connections() {
    let scenario = scenario_file("drops");
    let server = Server::start(&[
        "--scenario",
        &scenario,
        "--fault",
        "createProductReviewAndSellerFeedbackSolicitation:drop=after,times=1",
        "--rate-scale",
        "0",
    ]);
    let token = server.token();
    let auth = format!("x-amz-access-token: {token}");
    let host = "sellingpartnerapi-na.amazon.com";
    // Processed, then the connection closes without a byte: curl's "empty reply from server".
    let (code, body) = server.curl(host, &REVIEW.replace('N', "1"), &["-X", "POST", "-H", &auth]);
    assert_eq!((code, body.as_str()), (52, ""));
    let (_, again) = server.curl(host, &REVIEW.replace('N', "1"), &["-X", "POST", "-H", &auth]);
    assert!(again.contains("not available"), "it was processed: {again}");

    let fault = |spec: &str| server.curl(host, "/_sandbox/faults", &["-X", "PUT", "-H", "content-type: application/json", "-d", spec]);
    fault(r#"{"operation":"createProductReviewAndSellerFeedbackSolicitation","drop":"before","times":1}"#);
    let (code, _) = server.curl(host, &REVIEW.replace('N', "2"), &["-X", "POST", "-H", &auth]);
    assert_eq!(code, 52);
    let (_, after_before) = server.curl(host, &REVIEW.replace('N', "2"), &["-X", "POST", "-H", &auth, "-w", "%{http_code}"]);
    assert_eq!(after_before, "{}201", "dropped before: nothing was done");

    fault(r#"{"operation":"createProductReviewAndSellerFeedbackSolicitation","drop":"midResponse","times":1}"#);
    let (code, _) = server.curl(host, &REVIEW.replace('N', "3"), &["-X", "POST", "-H", &auth]);
    assert_eq!(code, 18, "curl's partial transfer");

    let (_, log) = server.curl(host, "/_sandbox/log?operation=createProductReviewAndSellerFeedbackSolicitation", &[]);
    let outcomes: Vec<String> = serde_json::from_str::<serde_json::Value>(&log)
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["outcome"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(outcomes, ["dropped-after", "answered", "dropped-before", "answered", "dropped-mid-response"]);
    assert!(!log.contains(&token), "the log masks tokens");
    assert_eq!(server.stop().0, Some(0));
}

#[test]
fn bad_command_lines_are_refused_with_a_reason() {
    let run = |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_sp-sandbox")).args(args).output().unwrap();
    let help = run(&["--help"]);
    let text = String::from_utf8_lossy(&help.stdout);
    for flag in ["--static", "--tls", "--proxy", "--write-certificate", "--port", "--scenario", "--rate-scale", "--www", "--fault"] {
        assert!(text.contains(flag), "--help lists {flag}");
    }
    for (args, needle) in [
        (vec!["--fault", "x:status=200"], "4xx or 5xx"),
        (vec!["--scenario", "/no/such/file.json"], "/no/such/file.json"),
        (vec!["--rate-scale=-1", "--port", "0"], "rate-scale"),
        (vec!["--www", "/no/such/dir", "--port", "0"], "not a directory"),
        (vec!["--tls", "--proxy"], "cannot be used with"),
        (vec!["--write-certificate", "/tmp/x.pem", "--port", "0"], "needs --tls or --proxy"),
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains(needle), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn the_readme_shows_the_current_help() {
    let help = Command::new(env!("CARGO_BIN_EXE_sp-sandbox")).arg("--help").output().unwrap();
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(readme.contains(help.trim()), "README.md's sp-sandbox section must show `sp-sandbox --help` as it is now:\n{help}");
}
