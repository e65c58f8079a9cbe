//! Attachments through the Uploads API (facts.md "Attachments"): Content-MD5, the upload
//! destination, the PUT with exactly the returned headers, then the message's attachment entry.
//! Files are checked (name, type, size) before anything is uploaded, and a destination is used
//! only when it is an https Amazon S3 URL carrying only the headers an upload answer carries
//! (issue #12 item 4).
use serde::Serialize;
use serde_json::Value;

use crate::caps::MAX_ATTACHMENT_BYTES;
use crate::catalogue::Method;
use crate::error::BuildError;
use crate::hal::HalError;
use crate::http::HttpRequest;
use crate::out::Out;

/// Base64 of the raw MD5 digest: a hex digest makes S3 answer InvalidDigest (facts.md).
/// Both written here: the `base64` crate's engine is 2.7 KB of wasm (twiggy) for these few lines,
/// and the md-5 crate's unrolled rounds cost 0.9 KB gzip of the shipped wasm + glue more than the
/// loop below (make build: 137,675 bytes with md-5, 136,802 with the loop).
/// The loop hashes 10 MB, the largest attachment, in about 40 ms natively. The tests check both
/// against the crates on random inputs (md-5 below, base64 in tests/content_md5.rs).
pub fn content_md5(bytes: &[u8]) -> String {
    base64(&md5(bytes))
}

/// MD5 (RFC 1321) of `bytes`.
pub fn md5(bytes: &[u8]) -> [u8; 16] {
    let mut h: [u32; 4] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
    let blocks = bytes.chunks_exact(64);
    let rest = blocks.remainder();
    for block in blocks {
        md5_block(&mut h, block);
    }
    // The rest, the 0x80 byte, zeros, and the length in bits: one block, or two when the rest
    // leaves no room for the length.
    let mut tail = [0u8; 128];
    for (t, b) in tail.iter_mut().zip(rest.iter().chain([0x80].iter())) {
        *t = *b;
    }
    let n = if rest.len() < 56 { 64 } else { 128 };
    let bits = (bytes.len() as u64).wrapping_mul(8).to_le_bytes();
    for (t, b) in tail.iter_mut().skip(n - 8).zip(bits) {
        *t = b;
    }
    for block in tail.chunks_exact(64).take(n / 64) {
        md5_block(&mut h, block);
    }
    let mut out = [0u8; 16];
    for (o, b) in out.iter_mut().zip(h.iter().flat_map(|w| w.to_le_bytes())) {
        *o = b;
    }
    out
}

/// One 64-byte block: the four rounds of RFC 1321 §3.4 as one loop.
fn md5_block(h: &mut [u32; 4], block: &[u8]) {
    /// floor(|sin(i + 1)| · 2^32).
    const K: [u32; 64] = [
        0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501, 0x698098d8, 0x8b44f7af, 0xffff5bb1,
        0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453,
        0xd8a1e681, 0xe7d3fbc8, 0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a, 0xfffa3942,
        0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05,
        0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665, 0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d,
        0x85845dd1, 0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
    ];
    const S: [u32; 16] = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
    let mut m = [0u32; 16];
    for (w, c) in m.iter_mut().zip(block.chunks_exact(4)) {
        *w = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
    }
    let [mut a, mut b, mut c, mut d] = *h;
    for (i, k) in K.iter().enumerate() {
        let (f, g) = match i / 16 {
            0 => ((b & c) | (!b & d), i),
            1 => ((d & b) | (!d & c), 5 * i + 1),
            2 => (b ^ c ^ d, 3 * i + 5),
            _ => (c ^ (b | !d), 7 * i),
        };
        let f = f.wrapping_add(a).wrapping_add(*k).wrapping_add(m[g % 16]);
        (a, d, c) = (d, c, b);
        b = b.wrapping_add(f.rotate_left(S[i / 16 * 4 + i % 4]));
    }
    for (x, y) in h.iter_mut().zip([a, b, c, d]) {
        *x = x.wrapping_add(y);
    }
}

/// Standard base64 (RFC 4648 §4) with `=` padding.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            let c = if i <= chunk.len() { ALPHABET[(n >> (18 - 6 * i) & 63) as usize] } else { b'=' };
            out.push(char::from(c));
        }
    }
    out
}

/// A file the seller picked, checked before anything is uploaded.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileInfo {
    pub file_name: String,
    pub content_type: String,
    pub size: usize,
}

/// The content types an attachment may have: documents and pictures a buyer can open (PDF,
/// JPEG, PNG, GIF, plain text, Word). Buyer-Seller Messaging lists the formats it supports
/// (Seller Central Help 200389080); anything else is refused with this list before any upload.
pub const ATTACHMENT_TYPES: [&str; 7] = [
    "application/pdf",
    "image/jpeg",
    "image/png",
    "image/gif",
    "text/plain",
    "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
];

/// Reject files that cannot become a valid attachment, with a reason.
pub fn check_file(f: &FileInfo) -> Result<(), BuildError> {
    let name = f.file_name.trim();
    let bad = |why: String| Err(BuildError::InvalidAttachment(why));
    if name.is_empty() {
        return bad("the file has no name".into());
    }
    if name.chars().count() > 255 {
        return bad("the file name is longer than 255 characters".into());
    }
    if name.chars().any(|c| c.is_control() || c == '/' || c == '\\') {
        return bad(format!("the file name \"{}\" contains a path separator or control character", crate::ids::truncate(name)));
    }
    if f.size == 0 {
        return bad(format!("{} is empty", crate::ids::truncate(name)));
    }
    if f.size > MAX_ATTACHMENT_BYTES {
        return bad(format!("{} is larger than 10 MB, the most Amazon takes in one message", crate::ids::truncate(name)));
    }
    let ct = f.content_type.as_str();
    let base = ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let valid_type = base.split_once('/').is_some_and(|(t, s)| {
        let token = |x: &str| {
            !x.is_empty()
                && x.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '!' | '#' | '$' | '&' | '-' | '^' | '_' | '.' | '+'))
        };
        token(t) && token(s)
    });
    if !valid_type {
        return bad(format!("\"{}\" is not a content type like application/pdf", crate::ids::truncate(ct)));
    }
    if !ATTACHMENT_TYPES.contains(&base.as_str()) {
        return bad(format!(
            "{} is of type {}; attachments can be PDF, JPEG, PNG, GIF, plain text or Word documents",
            crate::ids::truncate(name),
            crate::ids::truncate(&base)
        ));
    }
    Ok(())
}

/// The AWS regions whose S3 hosts SP-API's upload destinations use (facts.md "Real upload
/// destinations": us-east-1's global host for NA; eu-west-1 and us-west-2 for EU and FE).
pub const S3_REGIONS: [&str; 3] = ["us-east-1", "eu-west-1", "us-west-2"];

/// `s3.amazonaws.com`, `<bucket>.s3.amazonaws.com`, `s3.<region>.amazonaws.com` or
/// `<bucket>.s3.<region>.amazonaws.com` for the regions above: the hosts the manifest's
/// host_permissions list, and no other.
pub fn amazon_s3_host(host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    let Some(rest) = host.strip_suffix(".amazonaws.com") else { return false };
    let bucket = |b: &str| {
        b.len() <= 63 && !b.is_empty() && b.split('.').all(|l| !l.is_empty() && l.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-'))
    };
    let region = |r: &str| S3_REGIONS.contains(&r);
    if rest == "s3" {
        return true;
    }
    if let Some(r) = rest.strip_prefix("s3.") {
        if region(r) {
            return true;
        }
    }
    // `<bucket>.s3` or `<bucket>.s3.<region>`: the region is the last label but the region's own
    // dashes, so it is found from the end (no substring search: 2.5 KB of wasm).
    if let Some(b) = rest.strip_suffix(".s3") {
        return bucket(b);
    }
    S3_REGIONS.iter().any(|r| rest.strip_suffix(r).and_then(|x| x.strip_suffix(".s3.")).is_some_and(bucket))
}

/// The headers an upload answer may carry (facts.md: `Content-MD5` and
/// `x-amz-server-side-encryption`; a content type and the KMS key id of the encryption header's
/// family, which S3's presigned PUTs also sign). Names compared without case.
pub const UPLOAD_HEADERS: [&str; 4] =
    ["content-md5", "content-type", "x-amz-server-side-encryption", "x-amz-server-side-encryption-aws-kms-key-id"];

/// Whether the destination may be used for the file whose Content-MD5 is `md5`: an https Amazon S3
/// URL (or, for local testing only, a URL under `local_origin`, the explicit base URL's origin:
/// the extension never sets one), only the headers above, and the file's own Content-MD5.
pub fn check_destination(dest: &UploadDestination, md5: &str, local_origin: Option<&str>) -> Result<(), String> {
    let url = dest.url.as_str();
    let local = local_origin.is_some_and(|o| url.strip_prefix(o).is_some_and(|r| r.starts_with('/')));
    let s3 = url.strip_prefix("https://").is_some_and(|rest| {
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (host, path) = rest.split_at(end);
        !host.contains(['@', ':']) && path.starts_with('/') && amazon_s3_host(host)
    });
    if url.len() > 4096 || url.chars().any(|c| c.is_control() || c == ' ') || !(local || s3) {
        return Err(format!("its URL {} is not an https Amazon S3 URL", crate::ids::truncate(url)));
    }
    for (name, value) in &dest.headers {
        if !UPLOAD_HEADERS.iter().any(|h| name.eq_ignore_ascii_case(h)) {
            return Err(format!("the upload answer asks for a header {} that uploads never carry", crate::ids::truncate(name)));
        }
        if value.len() > 1024 || value.chars().any(char::is_control) {
            return Err(format!("the upload header {} has an unusable value", crate::ids::truncate(name)));
        }
        if name.eq_ignore_ascii_case("content-md5") && value != md5 {
            return Err("the upload answer's Content-MD5 is not the file's".into());
        }
    }
    Ok(())
}

/// The `payload` of a createUploadDestinationForResource response (uploads_2020-11-01.json).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct UploadDestination {
    pub upload_destination_id: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
}

impl UploadDestination {
    /// Its fields without the braces: `Success::UploadDestination` writes them beside its tag.
    pub fn fields(&self, o: &mut Out) {
        o.key("uploadDestinationId").str(&self.upload_destination_id).key("url").str(&self.url).key("headers").pairs(&self.headers);
    }
}

pub fn parse_upload_destination(body: &str) -> Result<UploadDestination, HalError> {
    let err = |path: &str, message: &str| HalError { path: path.into(), message: message.into() };
    let v: Value = serde_json::from_str(body).map_err(|e| err("$", &crate::json::not_json(&e)))?;
    let p = v.get("payload").and_then(Value::as_object).ok_or_else(|| err("$.payload", "missing or not an object"))?;
    let s = |k: &str| p.get(k).and_then(Value::as_str).filter(|s| !s.is_empty()).map(str::to_owned);
    let upload_destination_id = s("uploadDestinationId").ok_or_else(|| err("$.payload.uploadDestinationId", "missing or not a string"))?;
    let url = s("url").ok_or_else(|| err("$.payload.url", "missing or not a string"))?;
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(err("$.payload.url", "not an http(s) URL"));
    }
    let mut headers = Vec::new();
    match p.get("headers") {
        None | Some(Value::Null) => {}
        Some(Value::Object(h)) => {
            for (k, v) in h {
                let v = v.as_str().ok_or_else(|| err(&format!("$.payload.headers.{k}"), "not a string"))?;
                headers.push((k.clone(), v.to_owned()));
            }
        }
        Some(_) => return Err(err("$.payload.headers", "not an object")),
    }
    Ok(UploadDestination { upload_destination_id, url, headers })
}

/// The PUT of the file's bytes: to the pre-signed URL with exactly the returned headers (nothing
/// added: the signature covers them). The caller sends the bytes as the body.
pub fn upload_put(dest: &UploadDestination) -> HttpRequest {
    HttpRequest { method: Method::Put, url: dest.url.clone(), headers: dest.headers.clone(), body: None }
}

/// The message's attachment entry (messaging.json#/definitions/Attachment).
pub fn attachment(dest: &UploadDestination, file_name: &str) -> Value {
    crate::json::obj(vec![("uploadDestinationId", dest.upload_destination_id.as_str().into()), ("fileName", file_name.into())])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn md5_is_base64_of_the_raw_digest() {
        // RFC 1321 test vectors, base64 of the 16 raw bytes.
        assert_eq!(content_md5(b""), "1B2M2Y8AsgTpgAmY7PhCfg==");
        assert_eq!(content_md5(b"abc"), "kAFQmDzST7DWlj99KOF/cg==");
    }

    /// The hand-written MD5 is the md-5 crate's on every length around the block and padding
    /// boundaries and on random bytes.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn md5_agrees_with_the_md5_crate() {
        use md5::{Digest, Md5};
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut bytes = Vec::new();
        for len in (0..300).chain([1000, 4096, 65_537, 1 << 20]) {
            bytes.resize(len, 0);
            for b in &mut bytes {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                *b = seed as u8;
            }
            assert_eq!(md5(&bytes)[..], Md5::digest(&bytes)[..], "{len} bytes");
        }
    }

    #[test]
    fn files() {
        let f = |n: &str, t: &str, s| FileInfo { file_name: n.into(), content_type: t.into(), size: s };
        assert!(check_file(&f("invoice.pdf", "application/pdf", 10)).is_ok());
        assert!(check_file(&f("a.txt", "text/plain; charset=utf-8", 1)).is_ok());
        assert!(check_file(&f("A.PDF", "Application/PDF", MAX_ATTACHMENT_BYTES)).is_ok());
        for bad in [
            f("", "application/pdf", 1),
            f("a.pdf", "application/pdf", 0),
            f("../a.pdf", "application/pdf", 1),
            f("a.pdf", "pdf", 1),
            f("a.pdf", "", 1),
            f("a.exe", "application/x-msdownload", 1),
            f("a.pdf", "application/pdf", MAX_ATTACHMENT_BYTES + 1),
        ] {
            assert!(matches!(check_file(&bad), Err(BuildError::InvalidAttachment(_))), "{bad:?}");
        }
    }

    #[test]
    fn destination_and_put() {
        let d = parse_upload_destination(r#"{"payload":{"uploadDestinationId":"u1","url":"https://s3.example/x?sig=1","headers":{"Content-MD5":"abc==","x-amz-server-side-encryption":"AES256"}}}"#).unwrap();
        let put = upload_put(&d);
        assert_eq!(put.method, Method::Put);
        assert_eq!(put.headers.len(), 2);
        assert_eq!(put.header("content-md5"), Some("abc=="));
        assert_eq!(attachment(&d, "a.pdf"), serde_json::json!({"uploadDestinationId": "u1", "fileName": "a.pdf"}));
        assert_eq!(parse_upload_destination(r#"{"payload":{"url":"https://x"}}"#).unwrap_err().path, "$.payload.uploadDestinationId");
        assert_eq!(parse_upload_destination("{}").unwrap_err().path, "$.payload");
    }

    #[test]
    fn only_amazon_s3_hosts() {
        for ok in [
            "s3.amazonaws.com",
            "S3.AMAZONAWS.COM",
            "buyer-seller-messaging-prod-draft-attachment-namarketplace.s3.amazonaws.com",
            "s3.eu-west-1.amazonaws.com",
            "my.bucket.s3.us-west-2.amazonaws.com",
        ] {
            assert!(amazon_s3_host(ok), "{ok}");
        }
        for bad in [
            "amazonaws.com",
            "evil.com",
            "s3.amazonaws.com.evil.com",
            "s3.ap-south-1.amazonaws.com",
            "x.s3.ap-south-1.amazonaws.com",
            "ec2.amazonaws.com",
            ".s3.amazonaws.com",
            "a..b.s3.amazonaws.com",
            "sellingpartnerapi-na.amazon.com",
        ] {
            assert!(!amazon_s3_host(bad), "{bad}");
        }
        let md5 = "kAFQmDzST7DWlj99KOF/cg==";
        let dest = |url: &str, headers: &[(&str, &str)]| UploadDestination {
            upload_destination_id: "u".into(),
            url: url.into(),
            headers: headers.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        };
        let real = "https://s3.amazonaws.com/buyer-seller-messaging-prod-draft-attachment-namarketplace/x?X-Amz-Expires=900";
        assert_eq!(check_destination(&dest(real, &[("Content-MD5", md5), ("x-amz-server-side-encryption", "aws:kms")]), md5, None), Ok(()));
        for (url, headers) in [
            ("http://s3.amazonaws.com/b/x", vec![]),
            ("https://evil.com/s3.amazonaws.com/x", vec![]),
            ("https://s3.amazonaws.com@evil.com/x", vec![]),
            ("https://s3.amazonaws.com:8443/x", vec![]),
            ("https://s3.amazonaws.com", vec![]),
            (real, vec![("authorization", "x")]),
            (real, vec![("Content-MD5", "other==")]),
            (real, vec![("x-amz-server-side-encryption", "a\r\nb")]),
        ] {
            assert!(check_destination(&dest(url, &headers), md5, None).is_err(), "{url} {headers:?}");
        }
        // The explicit base URL's origin, for local testing only.
        let local = dest("http://127.0.0.1:9/_upload/u1", &[("Content-MD5", md5)]);
        assert_eq!(check_destination(&local, md5, Some("http://127.0.0.1:9")), Ok(()));
        assert!(check_destination(&local, md5, Some("http://127.0.0.1:99")).is_err());
        assert!(check_destination(&local, md5, None).is_err());
    }
}
