//! SP-API's own error body, `{"errors":[{"code","message","details"}]}` (ErrorList in every model
//! file), with the status Amazon uses: the emulator never answers a blanket 500 for bad input.
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

    /// The static sandbox pairs' own 400 body is `InvalidInput` / "Invalid Input"; the details say what.
    pub fn invalid_input(details: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, "InvalidInput", "Invalid Input").with_details(details)
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

    pub fn unsupported_media_type(got: &str) -> Self {
        ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type", "The request's Content-Type header is invalid.")
            .with_details(format!("expected application/json, got {got:?}"))
    }

    pub fn too_large(limit: usize) -> Self {
        ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "RequestEntityTooLarge", "The request size exceeded the maximum accepted size.")
            .with_details(format!("at most {limit} bytes"))
    }

    /// An injected fault's status (the models' 500 and 503 descriptions).
    pub fn injected(status: StatusCode) -> Self {
        let (code, message) = match status.as_u16() {
            503 => ("ServiceUnavailable", "Temporary overloading or maintenance of the server."),
            _ => ("InternalFailure", "An unexpected condition occurred that prevented the server from fulfilling the request."),
        };
        ApiError::new(status, code, message).with_details("fault injected by sp-sandbox")
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
