//! Plain request and response values: the core builds the one and parses the other, and never
//! touches a socket (docs/style.md, oauth2-rs).
use serde::Serialize;
use serde_json::Value;

use crate::json::{self, Reader};
use crate::out::{Out, ToJson};

use crate::catalogue::Method;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct HttpRequest {
    pub method: Method,
    pub url: String,
    pub headers: Vec<(String, String)>,
    /// JSON or form text; `None` when the request has no body.
    pub body: Option<String>,
}

impl HttpRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl HttpResponse {
    pub fn new(status: u16, headers: &[(&str, &str)], body: &str) -> HttpResponse {
        HttpResponse { status, headers: headers.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(), body: body.to_owned() }
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// `{ status, headers?: [[name, value]], body? }`, as the JS shell hands a response over.
    pub fn from_value(v: &Value) -> Result<HttpResponse, String> {
        let r = Reader::arg(v);
        let status = r.field("status")?;
        let status =
            status.as_i64().ok().and_then(|s| u16::try_from(s).ok()).ok_or_else(|| status.error("must be an HTTP status number"))?;
        let mut headers = Vec::new();
        for pair in r.opt_arr("headers")?.iter().flat_map(|l| l.iter()) {
            match pair.value().as_array().map(Vec::as_slice) {
                Some([Value::String(k), Value::String(v)]) => headers.push((k.clone(), v.clone())),
                _ => return Err(pair.error("must be a [name, value] pair of strings").to_string()),
            }
        }
        Ok(HttpResponse { status, headers, body: r.opt_str("body")?.unwrap_or_default().to_owned() })
    }
}

impl ToJson for HttpRequest {
    fn to_json(&self, o: &mut Out) {
        o.obj().key("method").str(self.method.as_str()).key("url").str(&self.url);
        o.key("headers").pairs(&self.headers).key("body").opt_str(self.body.as_deref()).end();
    }
}

impl ToJson for HttpResponse {
    fn to_json(&self, o: &mut Out) {
        o.obj().key("status").uint(self.status.into()).key("headers").pairs(&self.headers).key("body").str(&self.body).end();
    }
}

/// HTTP header names are case-insensitive.
pub fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// Percent-encoding, uppercase hex, byte by byte of the UTF-8. A query value keeps only RFC 3986's
/// unreserved characters (letters, digits, `-._~`: base64's `+`, `/`, `=` are encoded). A form
/// field (`application/x-www-form-urlencoded`, as the URL Standard's serializer writes it) keeps
/// letters, digits and `*-._`, and writes a space as `+`. Written here rather than with the
/// percent-encoding and form_urlencoded crates (their tables, iterators and `Display`): 1.3 KB
/// gzip less of the shipped wasm + glue (make build: 138,119 → 136,802 bytes); a test checks both
/// against the crates on every ASCII character and on random text.
pub fn percent_encode(out: &mut String, s: &str, form: bool) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_') || b == if form { b'*' } else { b'~' } {
            out.push(char::from(b));
        } else if form && b == b' ' {
            out.push('+');
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
}

/// `s` percent-encoded as a query value.
pub fn query_value(s: &str) -> String {
    let mut out = String::new();
    percent_encode(&mut out, s, false);
    out
}

/// A form body of `pairs` (`a=b&c=d`), each name and value encoded as a form field.
pub fn form(pairs: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        percent_encode(&mut out, k, true);
        out.push('=');
        percent_encode(&mut out, v, true);
    }
    out
}

/// The product's user-agent, as SP-API recommends (facts.md "Auth and transport").
pub fn user_agent() -> String {
    format!("SP-Outreach/{} (Language=Rust; Platform=WebExtension)", env!("CARGO_PKG_VERSION"))
}

const REDACTED: &str = "[redacted]";
/// Header and field names whose values are secrets: never handed to a logger.
const SECRET_HEADERS: [&str; 2] = ["x-amz-access-token", "authorization"];
const SECRET_FIELDS: [&str; 4] = ["access_token", "refresh_token", "client_secret", "x-amz-access-token"];

impl HttpRequest {
    /// A copy safe to log: the access token header and LWA secrets in a form body are masked.
    pub fn redacted(&self) -> HttpRequest {
        let headers = self
            .headers
            .iter()
            .map(|(k, v)| {
                (k.clone(), if SECRET_HEADERS.iter().any(|s| k.eq_ignore_ascii_case(s)) { REDACTED.to_owned() } else { v.clone() })
            })
            .collect();
        let form = self.header("content-type").is_some_and(|c| c.starts_with("application/x-www-form-urlencoded"));
        let body = self.body.as_ref().map(|b| if form { redact_form(b) } else { redact_json(b) });
        HttpRequest { method: self.method, url: self.url.clone(), headers, body }
    }
}

impl HttpResponse {
    /// A copy safe to log: tokens in an LWA answer are masked.
    pub fn redacted(&self) -> HttpResponse {
        HttpResponse { status: self.status, headers: self.headers.clone(), body: redact_json(&self.body) }
    }
}

/// Masks the secret fields of a form body. Field names are never encoded in the forms the core
/// builds (lwa::token_request), so pairs are split, not decoded: form_urlencoded's parser and its
/// lossy UTF-8 decoding are 2 KB of wasm.
fn redact_form(body: &str) -> String {
    let mut masked = String::new();
    percent_encode(&mut masked, REDACTED, true);
    let pairs: Vec<String> = body
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((k, _)) if SECRET_FIELDS.contains(&k) => format!("{k}={masked}"),
            _ => pair.to_owned(),
        })
        .collect();
    pairs.join("&")
}

fn redact_json(body: &str) -> String {
    match serde_json::from_str::<serde_json::Value>(body) {
        Ok(serde_json::Value::Object(mut o)) if SECRET_FIELDS.iter().any(|f| o.contains_key(*f)) => {
            for f in SECRET_FIELDS {
                if let Some(v) = o.get_mut(f) {
                    *v = serde_json::Value::String(REDACTED.into());
                }
            }
            json::text(&serde_json::Value::Object(o))
        }
        _ => body.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lwa::{token_request, Credentials};

    #[test]
    fn responses_from_js_values() {
        let r = HttpResponse::from_value(&serde_json::json!({"status": 429, "headers": [["x-amzn-RequestId", "r1"]]})).unwrap();
        assert_eq!((r.status, r.header("x-amzn-requestid"), r.body.as_str()), (429, Some("r1"), ""));
        for (v, why) in [
            (serde_json::json!({"status": 70000}), "status must be an HTTP status number"),
            (serde_json::json!({"body": ""}), "status is missing"),
            (serde_json::json!({"status": 200, "headers": {"a": "b"}}), "headers must be an array, not an object"),
            (serde_json::json!({"status": 200, "headers": [["a"]]}), "headers[0] must be a [name, value] pair of strings"),
            (serde_json::json!({"status": 200, "body": 5}), "body must be a string, not a number"),
            (serde_json::json!([]), "the value must be an object, not an array"),
        ] {
            assert_eq!(HttpResponse::from_value(&v).unwrap_err(), why);
        }
    }

    /// The hand-written percent-encoding is the crates' (percent-encoding with RFC 3986's
    /// unreserved set for queries, form_urlencoded for forms) on every byte and on random text.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn percent_encoding_agrees_with_the_crates() {
        use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
        const UNRESERVED: &percent_encoding::AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');
        let mut texts: Vec<String> = (0..=0x7f_u8).map(|b| char::from(b).to_string()).collect();
        texts.extend(
            ["", "a b+c/d=e?f&g", "2Yg+YW5=", "é€😀 ~*", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"]
                .map(String::from),
        );
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..500 {
            let text: String = (0..(seed % 24))
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    char::from_u32((seed % 0x3000) as u32).unwrap_or('x')
                })
                .collect();
            texts.push(text);
        }
        for t in &texts {
            assert_eq!(query_value(t), utf8_percent_encode(t, UNRESERVED).to_string(), "{t:?}");
            let want = form_urlencoded::Serializer::new(String::new()).append_pair(t, t).finish();
            assert_eq!(form(&[(t, t)]), want, "{t:?}");
        }
    }

    #[test]
    fn logs_never_carry_secrets() {
        let c = Credentials {
            client_id: "amzn1.application-oa2-client.x".into(),
            client_secret: "SECRET1".into(),
            refresh_token: "Atzr|SECRET2".into(),
        };
        let r = token_request(&c, None).unwrap().redacted();
        let body = r.body.unwrap();
        assert!(!body.contains("SECRET"), "{body}");
        assert!(body.contains("client_id=amzn1.application-oa2-client.x"));
        assert_eq!(
            body,
            "grant_type=refresh_token&refresh_token=%5Bredacted%5D&client_id=amzn1.application-oa2-client.x&client_secret=%5Bredacted%5D"
        );
        let api = HttpRequest {
            method: Method::Get,
            url: "u".into(),
            headers: vec![("X-Amz-Access-Token".into(), "Atza|SECRET3".into())],
            body: None,
        };
        assert_eq!(api.redacted().headers[0].1, REDACTED);
        let resp =
            HttpResponse::new(200, &[], r#"{"access_token":"Atza|SECRET4","refresh_token":"Atzr|SECRET5","expires_in":3600}"#).redacted();
        assert!(!resp.body.contains("SECRET") && resp.body.contains("3600"));
        assert_eq!(HttpResponse::new(200, &[], "<html>").redacted().body, "<html>");
    }
}
