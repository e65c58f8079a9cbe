//! Attachments through the Uploads API (facts.md "Attachments"): Content-MD5, the upload
//! destination, the PUT with exactly the returned headers, then the message's attachment entry.
use md5::{Digest, Md5};
use serde::Serialize;
use serde_json::Value;

use crate::catalogue::Method;
use crate::error::BuildError;
use crate::hal::HalError;
use crate::http::HttpRequest;

/// Base64 of the raw MD5 digest: a hex digest makes S3 answer InvalidDigest (facts.md).
/// MD5 is the md-5 crate. The base64 of its 16 bytes is written here: the `base64` crate's
/// engine is 2.7 KB of wasm (twiggy) for these few lines; tests/content_md5.rs checks this
/// against the crate on random inputs.
pub fn content_md5(bytes: &[u8]) -> String {
    base64(&Md5::digest(bytes))
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
    let ct = f.content_type.as_str();
    let valid_type = ct.split_once('/').is_some_and(|(t, s)| {
        let token = |x: &str| {
            !x.is_empty()
                && x.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '!' | '#' | '$' | '&' | '-' | '^' | '_' | '.' | '+'))
        };
        token(t) && token(s.split(';').next().unwrap_or("").trim())
    });
    if !valid_type {
        return bad(format!("\"{}\" is not a content type like application/pdf", crate::ids::truncate(ct)));
    }
    Ok(())
}

/// The `payload` of a createUploadDestinationForResource response (uploads_2020-11-01.json).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadDestination {
    pub upload_destination_id: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
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

    #[test]
    fn files() {
        let f = |n: &str, t: &str, s| FileInfo { file_name: n.into(), content_type: t.into(), size: s };
        assert!(check_file(&f("invoice.pdf", "application/pdf", 10)).is_ok());
        assert!(check_file(&f("a.txt", "text/plain; charset=utf-8", 1)).is_ok());
        for bad in [
            f("", "application/pdf", 1),
            f("a.pdf", "application/pdf", 0),
            f("../a.pdf", "application/pdf", 1),
            f("a.pdf", "pdf", 1),
            f("a.pdf", "", 1),
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
}
