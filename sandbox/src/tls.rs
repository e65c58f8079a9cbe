//! `--tls`: HTTPS with a self-signed certificate made at start-up for the real Amazon host names,
//! so a browser started with `--host-resolver-rules` and `--ignore-certificate-errors` (toolchain.md
//! "Testing the shipped extension against real host names") reaches the emulator as Amazon.
use std::sync::Arc;

/// Seller Central (seller-central.md "Hosts"), SP-API in every region, production and sandbox
/// (facts.md "Endpoints"), Login with Amazon, and loopback.
pub fn host_names() -> Vec<String> {
    let seller_central = [
        "com", "ca", "com.mx", "com.br", "co.uk", "de", "fr", "it", "es", "nl", "se", "pl", "com.tr", "ae", "sa", "eg", "in", "sg",
        "com.au", "co.jp",
    ];
    let mut names: Vec<String> = seller_central.iter().map(|tld| format!("sellercentral.amazon.{tld}")).collect();
    names.extend(
        ["sellercentral-europe.amazon.com", "sellercentral-japan.amazon.com", "api.amazon.com", "localhost", "127.0.0.1"].map(String::from),
    );
    for region in ["na", "eu", "fe"] {
        names.push(format!("sellingpartnerapi-{region}.amazon.com"));
        names.push(format!("sandbox.sellingpartnerapi-{region}.amazon.com"));
    }
    names
}

/// The TLS configuration and the certificate's PEM (served at /_sandbox/certificate, so a client
/// can trust exactly this certificate): a fresh key and certificate each start, HTTP/1.1 only (so
/// an injected connection drop affects exactly one request, not every stream of an HTTP/2
/// connection).
pub fn self_signed() -> Result<(Arc<rustls::ServerConfig>, String), String> {
    let certified = rcgen::generate_simple_self_signed(host_names()).map_err(|e| format!("certificate: {e}"))?;
    let pem = certified.cert.pem();
    let cert = certified.cert.der().clone();
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(certified.signing_key.serialize_der().into());
    let mut config = rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("tls: {e}"))?
        .with_no_client_auth()
        .with_single_cert(vec![cert], key)
        .map_err(|e| format!("tls: {e}"))?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok((Arc::new(config), pem))
}
