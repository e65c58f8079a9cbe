//! Login with Amazon: the refresh-token grant (facts.md "Auth and transport").
use serde::Serialize;
use serde_json::Value;
use std::fmt;
use thiserror::Error;

use crate::catalogue::Method;
use crate::error::BuildError;
use crate::http::{user_agent, HttpRequest, HttpResponse};
use crate::out::{Out, ToJson};

pub const TOKEN_URL: &str = "https://api.amazon.com/auth/o2/token";
/// Refresh a minute before the token runs out, so no request leaves with a dying token.
pub const REFRESH_EARLY_MS: f64 = 60_000.0;

/// The seller's LWA credentials. Debug output never shows the secrets.
#[derive(Clone, PartialEq)]
pub struct Credentials {
    pub client_id: String,
    pub client_secret: String,
    pub refresh_token: String,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("client_id", &self.client_id)
            .field("client_secret", &"[redacted]")
            .field("refresh_token", &"[redacted]")
            .finish()
    }
}

/// The form-encoded refresh-token request. `url` overrides the token endpoint for local testing.
pub fn token_request(c: &Credentials, url: Option<&str>) -> Result<HttpRequest, BuildError> {
    for (value, name) in
        [(&c.client_id, "the LWA client ID"), (&c.client_secret, "the LWA client secret"), (&c.refresh_token, "the refresh token")]
    {
        if value.trim().is_empty() {
            return Err(BuildError::MissingField(name));
        }
    }
    let url = match url {
        Some(u) => format!("{}/auth/o2/token", crate::request::checked_base_url(u)?),
        None => TOKEN_URL.to_owned(),
    };
    let body = crate::http::form(&[
        ("grant_type", "refresh_token"),
        ("refresh_token", c.refresh_token.trim()),
        ("client_id", c.client_id.trim()),
        ("client_secret", c.client_secret.trim()),
    ]);
    Ok(HttpRequest {
        method: Method::Post,
        url,
        headers: vec![
            ("content-type".into(), "application/x-www-form-urlencoded;charset=UTF-8".into()),
            ("accept".into(), "application/json".into()),
            ("user-agent".into(), user_agent()),
        ],
        body: Some(body),
    })
}

/// An access token and when it stops working (ms since the Unix epoch, from the caller's clock).
#[derive(Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessToken {
    pub access_token: String,
    pub expires_at_ms: f64,
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken").field("access_token", &"[redacted]").field("expires_at_ms", &self.expires_at_ms).finish()
    }
}

impl AccessToken {
    /// Still good at `now_ms`, with a minute to spare.
    pub fn is_fresh(&self, now_ms: f64) -> bool {
        now_ms + REFRESH_EARLY_MS < self.expires_at_ms
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum LwaErrorKind {
    /// invalid_grant: the refresh token is wrong, revoked or for another app.
    InvalidGrant,
    /// invalid_client: the client ID or secret is wrong.
    InvalidClient,
    UnauthorizedClient,
    InvalidRequest,
    /// 5xx or 429: try again later.
    Unavailable,
    Malformed,
    Other,
}

#[derive(Debug, Clone, PartialEq, Error, Serialize)]
#[error("{explanation}")]
#[serde(rename_all = "camelCase")]
pub struct LwaError {
    pub kind: LwaErrorKind,
    pub status: u16,
    pub error: Option<String>,
    pub error_description: Option<String>,
    pub retryable: bool,
    pub explanation: String,
}

impl LwaErrorKind {
    pub fn as_str(self) -> &'static str {
        ["invalidGrant", "invalidClient", "unauthorizedClient", "invalidRequest", "unavailable", "malformed", "other"][self as usize]
    }
}

impl ToJson for LwaError {
    fn to_json(&self, o: &mut Out) {
        o.obj().key("kind").str(self.kind.as_str()).key("status").uint(self.status.into()).key("error").opt_str(self.error.as_deref());
        o.key("errorDescription").opt_str(self.error_description.as_deref()).key("retryable").bool(self.retryable);
        o.key("explanation").str(&self.explanation).end();
    }
}

/// Parse the token endpoint's answer, stamping the expiry from `now_ms`.
pub fn parse_token_response(r: &HttpResponse, now_ms: f64) -> Result<AccessToken, LwaError> {
    let v: Option<Value> = serde_json::from_str(&r.body).ok();
    let s = |k: &str| v.as_ref().and_then(|v| v.get(k)).and_then(Value::as_str).map(str::to_owned);
    if (200..300).contains(&r.status) {
        let token = s("access_token").filter(|t| !t.is_empty());
        let expires_in = v.as_ref().and_then(|v| v.get("expires_in")).and_then(Value::as_f64).filter(|e| e.is_finite() && *e > 0.0);
        return match (token, expires_in) {
            (Some(access_token), Some(secs)) => Ok(AccessToken { access_token, expires_at_ms: now_ms + secs * 1000.0 }),
            _ => Err(lwa_error(r.status, LwaErrorKind::Malformed, None, None)),
        };
    }
    let (error, description) = (s("error"), s("error_description"));
    let kind = match (r.status, error.as_deref()) {
        (_, Some("invalid_grant")) => LwaErrorKind::InvalidGrant,
        (_, Some("invalid_client")) => LwaErrorKind::InvalidClient,
        (_, Some("unauthorized_client")) => LwaErrorKind::UnauthorizedClient,
        (_, Some("invalid_request" | "unsupported_grant_type")) => LwaErrorKind::InvalidRequest,
        (429 | 500..=599, _) => LwaErrorKind::Unavailable,
        (401, None) => LwaErrorKind::InvalidClient,
        (_, None) if v.is_none() => LwaErrorKind::Malformed,
        _ => LwaErrorKind::Other,
    };
    Err(lwa_error(r.status, kind, error, description))
}

fn lwa_error(status: u16, kind: LwaErrorKind, error: Option<String>, error_description: Option<String>) -> LwaError {
    let explanation = match kind {
        LwaErrorKind::InvalidGrant => "Amazon rejected the refresh token: it is wrong, was revoked, or belongs to another app. Authorise the app again and paste the new refresh token.".to_owned(),
        LwaErrorKind::InvalidClient => "Amazon rejected the LWA client ID or client secret: check both in the options.".to_owned(),
        LwaErrorKind::UnauthorizedClient => "This LWA app is not allowed to use refresh tokens; check the app's settings in Seller Central.".to_owned(),
        LwaErrorKind::InvalidRequest => "Login with Amazon rejected the token request as malformed.".to_owned(),
        LwaErrorKind::Unavailable => format!("Login with Amazon is temporarily unavailable (HTTP {status}); it will be tried again."),
        LwaErrorKind::Malformed => "Login with Amazon's answer could not be read.".to_owned(),
        LwaErrorKind::Other => format!("Login with Amazon refused the token request (HTTP {status})."),
    };
    LwaError { kind, status, error, error_description, retryable: kind == LwaErrorKind::Unavailable, explanation }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creds() -> Credentials {
        Credentials {
            client_id: "amzn1.application-oa2-client.abc".into(),
            client_secret: "s3cr&t".into(),
            refresh_token: "Atzr|IwEB x".into(),
        }
    }

    #[test]
    fn form_encoded_request() {
        let r = token_request(&creds(), None).unwrap();
        assert_eq!(r.url, TOKEN_URL);
        assert_eq!(
            r.body.as_deref(),
            Some("grant_type=refresh_token&refresh_token=Atzr%7CIwEB+x&client_id=amzn1.application-oa2-client.abc&client_secret=s3cr%26t")
        );
        let mut c = creds();
        c.client_secret = "".into();
        assert_eq!(token_request(&c, None).unwrap_err(), BuildError::MissingField("the LWA client secret"));
        assert!(!format!("{:?}", creds()).contains("s3cr"));
    }

    #[test]
    fn token_freshness() {
        let t = parse_token_response(
            &HttpResponse::new(200, &[], r#"{"access_token":"Atza|a","token_type":"bearer","expires_in":3600,"refresh_token":"Atzr|x"}"#),
            1_000.0,
        )
        .unwrap();
        assert_eq!(t.expires_at_ms, 3_601_000.0);
        assert!(t.is_fresh(1_000.0));
        assert!(t.is_fresh(3_540_999.0));
        assert!(!t.is_fresh(3_541_000.0));
        assert!(!format!("{t:?}").contains("Atza"));
    }

    #[test]
    fn errors() {
        let e = parse_token_response(
            &HttpResponse::new(
                400,
                &[],
                r#"{"error":"invalid_grant","error_description":"The request has an invalid grant parameter : refresh_token"}"#,
            ),
            0.0,
        )
        .unwrap_err();
        assert_eq!(e.kind, LwaErrorKind::InvalidGrant);
        let e = parse_token_response(
            &HttpResponse::new(401, &[], r#"{"error":"invalid_client","error_description":"Client authentication failed"}"#),
            0.0,
        )
        .unwrap_err();
        assert_eq!(e.kind, LwaErrorKind::InvalidClient);
        let e = parse_token_response(&HttpResponse::new(503, &[], "<html>"), 0.0).unwrap_err();
        assert!(e.retryable);
        assert_eq!(parse_token_response(&HttpResponse::new(200, &[], "{}"), 0.0).unwrap_err().kind, LwaErrorKind::Malformed);
    }
}
