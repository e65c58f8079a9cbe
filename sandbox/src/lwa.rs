//! Login with Amazon: `POST /auth/o2/token` with `grant_type=refresh_token` (facts.md "Auth and
//! transport"). Errors are `{error, error_description}` with 400 or 401, not SP-API bodies.
use crate::gate::Op;
use crate::world::{AccessToken, Sandbox};
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use serde_json::json;

pub const OPERATION: &str = "lwaToken";
const OP: Op = Op { id: OPERATION, rate: None, authed: false };

pub fn error(status: StatusCode, error: &str, description: &str) -> Response {
    let body = json!({"error": error, "error_description": description});
    (status, [(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response()
}

/// Amazon also takes the fields as a JSON object.
/// The form's fields, or why the body is not a form: an `invalid_request`.
fn fields(headers: &HeaderMap, body: &[u8]) -> Result<Vec<(String, String)>, &'static str> {
    let ct = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let essence = ct.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    match essence.as_str() {
        "application/x-www-form-urlencoded" => Ok(form_urlencoded::parse(body).map(|(k, v)| (k.into_owned(), v.into_owned())).collect()),
        "application/json" => match serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(body) {
            Ok(m) => Ok(m.into_iter().filter_map(|(k, v)| Some((k, v.as_str()?.to_owned()))).collect()),
            Err(_) => Err("The request body is not a JSON object."),
        },
        _ => Err("Content-Type must be application/x-www-form-urlencoded."),
    }
}

pub async fn token(State(sb): State<Sandbox>, headers: HeaderMap, body: Bytes) -> Response {
    sb.call(&OP, &headers, None, |w, _| {
        let fields = match fields(&headers, &body) {
            Ok(f) => f,
            Err(why) => return Ok(error(StatusCode::BAD_REQUEST, "invalid_request", why)),
        };
        let get = |k: &str| fields.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str()).filter(|v| !v.is_empty());
        let missing =
            |p: &str| Ok(error(StatusCode::BAD_REQUEST, "invalid_request", &format!("The request is missing a required parameter : {p}")));
        let Some(grant) = get("grant_type") else { return missing("grant_type") };
        if grant != "refresh_token" {
            return Ok(error(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                &format!("The authorization grant type {grant} is not supported by the authorization server"),
            ));
        }
        let Some(client_id) = get("client_id") else { return missing("client_id") };
        let Some(secret) = get("client_secret") else { return missing("client_secret") };
        let Some(refresh) = get("refresh_token") else { return missing("refresh_token") };
        let Some(app) = w.scenario.applications.iter().find(|a| a.client_id == client_id && a.client_secret == secret) else {
            return Ok(error(StatusCode::UNAUTHORIZED, "invalid_client", "Client authentication failed"));
        };
        if app.refresh_token != refresh {
            return Ok(error(StatusCode::BAD_REQUEST, "invalid_grant", "The request has an invalid grant parameter : refresh_token"));
        }
        let access = format!("Atza|IwEB{}", uuid::Uuid::new_v4().simple());
        let client_id = app.client_id.clone();
        let roles = app.roles.clone();
        let refresh = app.refresh_token.clone();
        let lifetime = w.token_lifetime;
        let expires = w.clock.now() + lifetime;
        w.tokens.insert(access.clone(), AccessToken { client_id, roles, expires });
        let body =
            json!({"access_token": access, "refresh_token": refresh, "token_type": "bearer", "expires_in": lifetime.whole_seconds()});
        Ok((StatusCode::OK, [(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "no-store")], body.to_string())
            .into_response())
    })
    .await
}
