//! The host names sp-sandbox answers for: Seller Central, SP-API in every region (production and
//! sandbox), Login with Amazon, and S3, where upload destinations point (facts.md "Real upload
//! destinations"). `--tls` and `--proxy` present one certificate for all of them.
use axum::http::{header, HeaderMap};

/// S3's global endpoint and the regional ones of the AWS regions SP-API runs in (us-east-1 for
/// NA, eu-west-1 for EU, us-west-2 for FE).
pub const S3_HOSTS: [&str; 4] =
    ["s3.amazonaws.com", "s3.us-east-1.amazonaws.com", "s3.eu-west-1.amazonaws.com", "s3.us-west-2.amazonaws.com"];

/// Buckets of Messaging attachments: `…-namarketplace` is the one real answers show (facts.md);
/// `…-eumarketplace` and `…-femarketplace` follow its pattern for the other regions (only the NA
/// form is documented).
pub const BUCKET_PREFIX: &str = "buyer-seller-messaging-prod-draft-attachment-";

/// Seller Central (seller-central.md "Hosts"), SP-API in every region, production and sandbox
/// (facts.md "Endpoints"), Login with Amazon, S3 (path-style and virtual-hosted), and loopback.
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
    for s3 in S3_HOSTS {
        names.push(s3.to_owned());
        names.push(format!("*.{s3}"));
    }
    names
}

/// The request's host name without the port: the Host header, or the authority of an
/// absolute-form request target (what a client sends to a plain HTTP proxy).
pub fn host(headers: &HeaderMap) -> &str {
    let h = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or_default();
    strip_port(h)
}

pub fn strip_port(host: &str) -> &str {
    match host.rsplit_once(':') {
        Some((name, port)) if !name.contains(':') && port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    }
}

/// An S3 endpoint, path-style (`s3.amazonaws.com`) or virtual-hosted (`bucket.s3.amazonaws.com`).
pub fn is_s3_host(host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    S3_HOSTS.iter().any(|s3| host == *s3 || host.strip_suffix(s3).is_some_and(|b| b.ends_with('.') && b.len() > 1))
}

/// A request for the S3 look-alike: to an S3 host, or path-style to one of the attachment
/// buckets on the emulator's own address (plain HTTP, where no S3 host name can be reached).
pub fn is_s3_request(host: &str, path: &str) -> bool {
    is_s3_host(host) || path.trim_start_matches('/').starts_with(BUCKET_PREFIX)
}

/// Whether `--proxy` opens a tunnel to this host: only the names the certificate holds.
pub fn is_served(host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    is_s3_host(&host) || host_names().contains(&host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        assert!(is_s3_host("s3.amazonaws.com") && is_s3_host("S3.EU-WEST-1.amazonaws.com"));
        assert!(is_s3_host("buyer-seller-messaging-prod-draft-attachment-namarketplace.s3.amazonaws.com"));
        assert!(!is_s3_host("evil-s3.amazonaws.com") && !is_s3_host(".s3.amazonaws.com") && !is_s3_host("s3.amazonaws.com.evil"));
        assert!(is_s3_request("127.0.0.1", "/buyer-seller-messaging-prod-draft-attachment-namarketplace/%2F068/x"));
        assert!(!is_s3_request("sellingpartnerapi-na.amazon.com", "/messaging/v1/orders/x"));
        assert_eq!(strip_port("sellingpartnerapi-na.amazon.com:443"), "sellingpartnerapi-na.amazon.com");
        assert_eq!(strip_port("127.0.0.1"), "127.0.0.1");
        assert!(is_served("sellercentral.amazon.ca") && is_served("s3.us-west-2.amazonaws.com") && !is_served("example.com"));
    }
}
