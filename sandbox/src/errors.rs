//! Every error body the emulator answers with, in the shape of the service that answers: SP-API's
//! `{"errors":[{"code","message","details"}]}` (ErrorList in every model file), Login with
//! Amazon's `{error, error_description}`, and S3's XML `<Error>`. Bad input never gets a blanket
//! 500.
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub details: String,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError { status, code, message: message.into(), details: String::new() }
    }

    pub fn with_details(mut self, details: impl Into<String>) -> Self {
        self.details = details.into();
        self
    }

    /// 400 `InvalidInput` with the reason in `message`, as Amazon puts it (facts.md "How strict
    /// Amazon is": "marketplaceIds: Missing or invalid request parameter: marketplaceId"; the
    /// real "Attachment with ID … does not exist" has empty details).
    pub fn invalid_input(reason: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, "InvalidInput", reason)
    }

    /// 403 `Unauthorized`: facts.md "Business rules users hit" — most 403s are not about credentials.
    pub fn unauthorized(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::FORBIDDEN, "Unauthorized", message)
    }

    pub fn not_found(details: impl Into<String>) -> Self {
        ApiError::new(StatusCode::NOT_FOUND, "NotFound", "The resource specified does not exist.").with_details(details)
    }

    /// 429 carries `QuotaExceeded` and no x-amzn-RateLimit-Limit (facts.md "Auth and transport").
    pub fn quota_exceeded() -> Self {
        ApiError::new(StatusCode::TOO_MANY_REQUESTS, "QuotaExceeded", "You exceeded your quota for the requested resource.")
    }

    /// 415 with the models' description as the message; the code is one word like every SP-API
    /// error code (the models' ErrorList codes match `^[a-zA-Z_]+$`).
    pub fn unsupported_media_type(got: &str) -> Self {
        ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "UnsupportedMediaType", "The request payload is in an unsupported format.")
            .with_details(format!("Content-Type must be application/json, got {got:?}"))
    }

    pub fn too_large(limit: usize) -> Self {
        ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "RequestEntityTooLarge", "The request size exceeded the maximum accepted size.")
            .with_details(format!("at most {limit} bytes"))
    }

    /// An injected fault's status (the models' 500 and 503 descriptions), or its own message with
    /// the code Amazon gives that status (a 400 is `InvalidInput` with the reason in `message`).
    pub fn injected(status: StatusCode, message: Option<&str>) -> Self {
        let (code, text) = match status.as_u16() {
            400 => ("InvalidInput", "Invalid Input"),
            403 => ("Unauthorized", "Access to requested resource is denied."),
            404 => ("NotFound", "The resource specified does not exist."),
            503 => ("ServiceUnavailable", "Temporary overloading or maintenance of the server."),
            _ => ("InternalFailure", "An unexpected condition occurred that prevented the server from fulfilling the request."),
        };
        match message {
            Some(m) => ApiError::new(status, code, m),
            None => ApiError::new(status, code, text).with_details("fault injected by sp-sandbox"),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({"errors": [{"code": self.code, "message": self.message, "details": self.details}]});
        (self.status, [(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response()
    }
}

/// A JSON answer with a status.
pub fn json_response(status: StatusCode, body: &serde_json::Value) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response()
}

/// Login with Amazon's error body (facts.md "Auth and transport": 400/401 with `{error, error_description}`).
pub fn lwa_error(status: StatusCode, error: &str, description: &str) -> Response {
    let body = json!({"error": error, "error_description": description});
    (status, [(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response()
}

/// S3's XML error body (facts.md "Real upload destinations"; amzn/selling-partner-api-models
/// #1755 shows `<Error><Code>…</Code><Message>…</Message>…<RequestId>…</RequestId><HostId>…</HostId></Error>`),
/// with any extra elements S3 adds for the code (`<Method>`, `<Expires>`, …).
pub fn s3_error(status: StatusCode, code: &str, message: &str, extra: &[(&str, String)]) -> Response {
    let request_id: String = uuid::Uuid::new_v4().simple().to_string()[..16].to_ascii_uppercase();
    let host_id = base64_of(uuid::Uuid::new_v4().as_bytes());
    let mut body =
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{}</Code><Message>{}</Message>", xml(code), xml(message));
    for (k, v) in extra {
        body.push_str(&format!("<{k}>{}</{k}>", xml(v)));
    }
    body.push_str(&format!("<RequestId>{request_id}</RequestId><HostId>{host_id}</HostId></Error>"));
    let mut resp = (status, [(header::CONTENT_TYPE, "application/xml")], body).into_response();
    s3_headers(&mut resp, &request_id);
    resp
}

/// The headers every S3 answer carries.
pub fn s3_headers(resp: &mut Response, request_id: &str) {
    let h = resp.headers_mut();
    h.insert(header::SERVER, header::HeaderValue::from_static("AmazonS3"));
    if let Ok(v) = header::HeaderValue::from_str(request_id) {
        h.insert("x-amz-request-id", v);
    }
}

fn base64_of(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Text as XML character data.
pub fn xml(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&apos;")
}
