//! The request log that tests and the demo read (wiremock's `received_requests`): every API,
//! Login with Amazon and upload request, with secrets masked.
use axum::http::HeaderMap;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LogEntry {
    pub seq: u64,
    /// The emulator's clock when the request arrived.
    pub time: String,
    pub request_id: String,
    pub method: String,
    pub path: String,
    pub query: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// The operationId that answered, when one did.
    pub operation: Option<String>,
    pub status: u16,
    /// `answered`, or the injected fault: `dropped-before`, `dropped-after`, `dropped-mid-response`.
    pub outcome: String,
    pub duration_ms: u64,
}

const SECRET_HEADERS: [&str; 3] = ["x-amz-access-token", "authorization", "cookie"];
const SECRET_FIELDS: [&str; 3] = ["client_secret", "refresh_token", "access_token"];

/// Access tokens keep their `Atza|` prefix and last four characters, so a test can tell two
/// tokens apart without the log holding either.
pub fn mask(value: &str) -> String {
    let prefix = value.split_once('|').map(|(p, _)| format!("{p}|")).unwrap_or_default();
    let tail: String = value.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
    if value.chars().count() <= 8 {
        return "****".into();
    }
    format!("{prefix}****{tail}")
}

pub fn masked_headers(headers: &HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(k, v)| {
            let v = String::from_utf8_lossy(v.as_bytes()).into_owned();
            let secret = SECRET_HEADERS.contains(&k.as_str());
            (k.as_str().to_owned(), if secret { mask(&v) } else { v })
        })
        .collect()
}

/// The body as text, with Login with Amazon's secret form (or JSON) fields masked; binary
/// bodies (uploads) are summarized.
pub fn masked_body(body: &[u8]) -> String {
    let Ok(text) = std::str::from_utf8(body) else {
        return format!("<{} bytes>", body.len());
    };
    if let Ok(mut v) = serde_json::from_str::<serde_json::Value>(text) {
        if let Some(o) = v.as_object_mut() {
            let mut masked = false;
            for f in SECRET_FIELDS {
                if let Some(s) = o.get_mut(f) {
                    *s = mask(s.as_str().unwrap_or_default()).into();
                    masked = true;
                }
            }
            if masked {
                return v.to_string();
            }
        }
        return text.to_owned();
    }
    if text.contains('=') && SECRET_FIELDS.iter().any(|f| text.contains(f)) {
        return form_urlencoded::parse(text.as_bytes())
            .map(|(k, v)| if SECRET_FIELDS.contains(&k.as_ref()) { (k, mask(&v).into()) } else { (k, v) })
            .fold(form_urlencoded::Serializer::new(String::new()), |mut s, (k, v)| {
                s.append_pair(&k, &v);
                s
            })
            .finish();
    }
    text.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_reach_the_log() {
        assert_eq!(mask("Atza|IwEBIA-very-secret-XyZ9"), "Atza|****XyZ9");
        assert_eq!(mask("short"), "****");
        let form = masked_body(
            b"grant_type=refresh_token&refresh_token=Atzr%7Csecret-refresh-0001&client_id=amzn1.app&client_secret=s3cr3t-s3cr3t",
        );
        assert!(!form.contains("secret-refresh") && !form.contains("s3cr3t-s3cr3t") && form.contains("client_id=amzn1.app"), "{form}");
        let json = masked_body(br#"{"refresh_token":"Atzr|secret-refresh-0001","client_id":"x"}"#);
        assert!(!json.contains("secret-refresh"), "{json}");
        assert_eq!(masked_body(br#"{"text":"hi"}"#), r#"{"text":"hi"}"#);
        assert_eq!(masked_body(&[0xff, 0xfe, 0]), "<3 bytes>");
        let mut h = HeaderMap::new();
        h.insert("x-amz-access-token", "Atza|secret-access-token-1234".parse().unwrap());
        assert_eq!(masked_headers(&h), vec![("x-amz-access-token".to_owned(), "Atza|****1234".to_owned())]);
    }
}
