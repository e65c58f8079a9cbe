//! Login with Amazon: `POST /auth/o2/token` (facts.md "Auth and transport"). `refresh_token`
//! grants give a seller's access token, valid in its refresh token's region; `client_credentials`
//! grants (with a `scope`) give a grantless token. Errors are `{error, error_description}` with
//! 400 or 401, not SP-API bodies.
use crate::errors::lwa_error as error;
use crate::gate::{Op, Style};
use crate::world::{AccessToken, Sandbox, World};
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use serde_json::json;

pub const OPERATION: &str = "lwaToken";
const OP: Op = Op::open(OPERATION, Style::Lwa);
/// At most this many access tokens are remembered.
const TOKEN_LIMIT: usize = 100_000;

/// The scopes of grantless operations (Notifications, client-secret rotation).
const GRANTLESS_SCOPES: [&str; 3] =
    ["sellingpartnerapi::notifications", "sellingpartnerapi::client_credential:rotation", "sellingpartnerapi::migration"];

/// The form's fields, or why the body is not a form: an `invalid_request`. Amazon also takes
/// the fields as a JSON object.
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
        if grant != "refresh_token" && grant != "client_credentials" {
            return Ok(error(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                &format!("The authorization grant type {grant} is not supported by the authorization server"),
            ));
        }
        let Some(client_id) = get("client_id") else { return missing("client_id") };
        let Some(secret) = get("client_secret") else { return missing("client_secret") };
        let app = w.scenario.applications.iter().find(|a| a.client_id == client_id && a.client_secret == secret).cloned();
        // Amazon's sandbox endpoints take the developer's own app (--static answers like them):
        // any client id and secret log in there, with every role in every region.
        let app = match app {
            Some(a) => Some(a),
            None if sb.config.static_mode => None,
            None => return Ok(error(StatusCode::UNAUTHORIZED, "invalid_client", "Client authentication failed")),
        };
        if grant == "client_credentials" {
            let Some(scope) = get("scope") else { return missing("scope") };
            if !GRANTLESS_SCOPES.contains(&scope) {
                return Ok(error(StatusCode::BAD_REQUEST, "invalid_scope", "The request has an invalid parameter : scope"));
            }
            let token = AccessToken {
                client_id: client_id.into(),
                roles: None,
                region: None,
                grantless_scope: Some(scope.into()),
                expires: w.clock.now(),
            };
            return Ok(issue(w, token, None));
        }
        let Some(refresh) = get("refresh_token") else { return missing("refresh_token") };
        let (roles, region) = match &app {
            Some(a) => match a.region_of_refresh_token(refresh) {
                Some(region) => (a.roles.clone(), region),
                None => {
                    return Ok(error(
                        StatusCode::BAD_REQUEST,
                        "invalid_grant",
                        "The request has an invalid grant parameter : refresh_token",
                    ))
                }
            },
            None => (None, None),
        };
        let token = AccessToken { client_id: client_id.into(), roles, region, grantless_scope: None, expires: w.clock.now() };
        Ok(issue(w, token, Some(refresh)))
    })
    .await
}

/// Records the token with the scenario's lifetime and answers it; a refresh-token grant echoes
/// the refresh token, a grantless one has none.
fn issue(w: &mut World, mut token: AccessToken, refresh: Option<&str>) -> Response {
    let access = format!("Atza|IwEB{}", uuid::Uuid::new_v4().simple());
    let lifetime = w.token_lifetime;
    let now = w.clock.now();
    token.expires = now + lifetime;
    if w.tokens.len() >= TOKEN_LIMIT {
        // Bounded however long a run logs in: expired tokens go first, then any.
        w.tokens.retain(|_, t| t.expires > now);
        if let Some(k) = w.tokens.keys().next().cloned().filter(|_| w.tokens.len() >= TOKEN_LIMIT) {
            w.tokens.remove(&k);
        }
    }
    w.tokens.insert(access.clone(), token);
    let mut body = json!({"access_token": access, "token_type": "bearer", "expires_in": lifetime.whole_seconds()});
    if let Some(r) = refresh {
        body["refresh_token"] = json!(r);
    }
    (StatusCode::OK, [(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "no-store")], body.to_string()).into_response()
}
