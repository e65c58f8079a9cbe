//! What every request goes through. `front` wraps the whole router: request id, body limit,
//! request log, and the connection drops that faults ask for. `Sandbox::call` wraps each
//! operation, in the order Amazon applies them: faults, then the access token, then the rate
//! limit, then the operation itself.
use crate::errors::ApiError;
use crate::faults::{self, Drop};
use crate::limits::{self, Rate};
use crate::log::{masked_body, masked_headers, LogEntry};
use crate::marketplaces::{is_order_id, region_of, Region};
use crate::rules::OrderState;
use crate::scenario::format_date;
use crate::world::{Sandbox, World};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use futures_util::StreamExt;
use rand::Rng;
use std::sync::Arc;
use tokio::sync::Notify;

/// An operation as the gate sees it.
pub struct Op {
    pub id: &'static str,
    /// The bucket it draws from; `None`: not rate-limited (Login with Amazon, the S3 PUT).
    pub rate: Option<Rate>,
    /// Needs a valid `x-amz-access-token`.
    pub authed: bool,
}

impl Op {
    pub const fn sp_api(id: &'static str) -> Op {
        Op { id, rate: Some(limits::SP_API), authed: true }
    }
}

/// Request bodies above this answer 413 (messages are at most 2000 characters of text).
pub const BODY_LIMIT: usize = 64 * 1024;
/// The pre-signed upload PUT takes files.
pub const UPLOAD_LIMIT: usize = 20 * 1024 * 1024;

/// The request log keeps at most this many entries.
pub const LOG_LIMIT: usize = 100_000;

/// Put into each request by the server: closing the connection it came on.
#[derive(Clone, Default)]
pub struct Killer(pub Arc<Notify>);

/// Put into each request by `front`: its `x-amzn-RequestId`.
#[derive(Clone, Debug)]
pub struct RequestId(pub String);

/// Response markers read by `front`.
#[derive(Clone, Copy)]
struct Answered(&'static str);
#[derive(Clone, Copy)]
struct Dropped(Drop);

/// Paths that are logged and answered with API error bodies rather than static files.
pub fn is_api_path(path: &str) -> bool {
    ["/messaging/", "/solicitations/", "/uploads/", "/auth/o2/", "/_s3/"].iter().any(|p| path.starts_with(p))
}

pub async fn front(State(sb): State<Sandbox>, req: Request, next: Next) -> Response {
    let request_id = uuid::Uuid::new_v4().to_string();
    let path = req.uri().path().to_owned();
    if !is_api_path(&path) {
        let mut resp = next.run(req).await;
        set_request_id(&mut resp, &request_id);
        return resp;
    }
    let started = std::time::Instant::now();
    let time = format_date(sb.now());
    let (mut parts, body) = req.into_parts();
    let limit = if path.starts_with("/_s3/") { UPLOAD_LIMIT } else { BODY_LIMIT };
    let (bytes, too_large) = match axum::body::to_bytes(body, limit).await {
        Ok(bytes) => (bytes, false),
        Err(_) => (Bytes::new(), true),
    };
    let killer = parts.extensions.get::<Killer>().cloned();
    let mut entry = LogEntry {
        seq: 0,
        time,
        request_id: request_id.clone(),
        method: parts.method.to_string(),
        path,
        query: parts.uri.query().unwrap_or_default().to_owned(),
        headers: masked_headers(&parts.headers),
        body: masked_body(&bytes),
        operation: None,
        status: 0,
        outcome: "answered".into(),
        duration_ms: 0,
    };
    parts.extensions.insert(RequestId(request_id.clone()));
    let mut resp =
        if too_large { ApiError::too_large(limit).into_response() } else { next.run(Request::from_parts(parts, Body::from(bytes))).await };
    set_request_id(&mut resp, &request_id);
    entry.operation = resp.extensions().get::<Answered>().map(|a| a.0.to_owned());
    entry.status = resp.status().as_u16();
    let dropped = resp.extensions().get::<Dropped>().map(|d| d.0);
    if let Some(d) = dropped {
        entry.outcome = match d {
            Drop::Before => "dropped-before",
            Drop::After => "dropped-after",
            Drop::MidResponse => "dropped-mid-response",
        }
        .into();
    }
    entry.duration_ms = started.elapsed().as_millis() as u64;
    {
        let mut w = sb.world();
        entry.seq = w.log.last().map_or(1, |e| e.seq + 1);
        if w.log.len() >= LOG_LIMIT {
            // A long demo or benchmark must not grow without bound: forget the oldest tenth.
            w.log.drain(..LOG_LIMIT / 10);
        }
        w.log.push(entry);
    }
    match (dropped, killer) {
        (None, _) => resp,
        (Some(Drop::MidResponse), killer) => {
            let (mut parts, body) = resp.into_parts();
            let full = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
            let half = full.slice(..full.len() / 2);
            parts.headers.insert(header::CONTENT_LENGTH, HeaderValue::from(full.len().max(2)));
            if killer.is_none() {
                parts.headers.insert("x-sp-sandbox-dropped", HeaderValue::from_static("mid-response"));
            }
            // The error comes a moment after the first half, so the status line, headers and
            // that half are on the wire before the connection breaks.
            let broken = futures_util::stream::iter([Ok(half)]).chain(futures_util::stream::once(async {
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                Err(std::io::Error::new(std::io::ErrorKind::ConnectionReset, "sp-sandbox: fault drop=midResponse"))
            }));
            Response::from_parts(parts, Body::from_stream(broken))
        }
        (Some(_), Some(killer)) => {
            // The server closes the connection without a byte of the answer; this future is
            // dropped with it.
            killer.0.notify_one();
            std::future::pending::<Response>().await
        }
        (Some(d), None) => {
            // In-process (tests calling the router directly) there is no connection to close:
            // the marker header says what would have happened.
            let v = if d == Drop::Before { "before" } else { "after" };
            resp.headers_mut().insert("x-sp-sandbox-dropped", HeaderValue::from_static(v));
            resp
        }
    }
}

fn set_request_id(resp: &mut Response, id: &str) {
    if let Ok(v) = HeaderValue::from_str(id) {
        resp.headers_mut().insert("x-amzn-RequestId", v);
    }
}

impl Sandbox {
    /// Runs one operation through faults, token and rate limit. `handle` gets the world and the
    /// client id of the application whose token it is.
    /// `query` tells the marketplace, hence the region, when the host name doesn't.
    pub async fn call(
        &self,
        op: &Op,
        headers: &HeaderMap,
        query: Option<&str>,
        handle: impl FnOnce(&mut World, &str) -> Result<Response, ApiError>,
    ) -> Response {
        let decision = {
            let mut guard = self.world();
            let w: &mut World = &mut guard;
            faults::decide(&mut w.faults, op.id, || w.rng.random::<f64>())
        };
        if decision.latency_ms > 0 {
            tokio::time::sleep(std::time::Duration::from_millis(decision.latency_ms)).await;
        }
        let mut resp = if decision.drop == Some(Drop::Before) {
            StatusCode::BAD_GATEWAY.into_response()
        } else if let Some(status) = decision.status {
            injected_error(op, StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR))
        } else {
            let mut guard = self.world();
            let w: &mut World = &mut guard;
            self.run(op, headers, query, w, handle).unwrap_or_else(IntoResponse::into_response)
        };
        if let Some(rate) = op.rate {
            // Best effort on 2xx, 400 and 404; never on 429 (facts.md).
            let s = resp.status().as_u16();
            if (200..300).contains(&s) || s == 400 || s == 404 {
                if let Ok(v) = HeaderValue::from_str(&limits::header_value(rate, self.config.rate_scale)) {
                    resp.headers_mut().insert("x-amzn-RateLimit-Limit", v);
                }
            }
        }
        resp.extensions_mut().insert(Answered(op.id));
        if let Some(d) = decision.drop {
            resp.extensions_mut().insert(Dropped(d));
        }
        resp
    }

    fn run(
        &self,
        op: &Op,
        headers: &HeaderMap,
        query: Option<&str>,
        w: &mut World,
        handle: impl FnOnce(&mut World, &str) -> Result<Response, ApiError>,
    ) -> Result<Response, ApiError> {
        let now = w.clock.now();
        let client = if op.authed { authorize(w, headers, now)? } else { String::new() };
        if op.authed {
            check_role(w, headers, op)?;
        }
        if let Some(rate) = op.rate {
            // Each regional endpoint keeps its own buckets: the region comes from the host name,
            // or (on 127.0.0.1) from the marketplace asked for.
            let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or_default();
            let region = Region::of_host(host).or_else(|| marketplace_ids(query).first().and_then(|m| region_of(m)));
            let bucket = format!("{client} {}", region.map_or("", Region::name));
            if !w.limiter.take(&bucket, op.id, rate, self.config.rate_scale, now) {
                return Err(ApiError::quota_exceeded());
            }
        }
        handle(w, &client)
    }
}

/// The application whose access token this is. Every SP-API call needs one from Login with
/// Amazon (facts.md "Auth and transport"); SigV4 signatures are ignored.
fn authorize(w: &World, headers: &HeaderMap, now: time::OffsetDateTime) -> Result<String, ApiError> {
    let denied = "Access to requested resource is denied.";
    let token = headers.get("x-amz-access-token").and_then(|v| v.to_str().ok()).filter(|t| !t.is_empty());
    let Some(token) = token else {
        return Err(ApiError::unauthorized(denied).with_details("The request has no x-amz-access-token header."));
    };
    match w.tokens.get(token) {
        None => Err(ApiError::unauthorized(denied).with_details("The access token you provided is revoked, malformed or invalid.")),
        Some(t) if now >= t.expires => Err(ApiError::unauthorized(denied).with_details("The access token you provided has expired.")),
        Some(t) => Ok(t.client_id.clone()),
    }
}

/// The role an operation needs (facts.md "Roles"), checked after the token.
fn check_role(w: &World, headers: &HeaderMap, op: &Op) -> Result<(), ApiError> {
    use crate::scenario::Role;
    let token = headers.get("x-amz-access-token").and_then(|v| v.to_str().ok()).unwrap_or_default();
    let Some(roles) = w.tokens.get(token).and_then(|t| t.roles.as_ref()) else { return Ok(()) };
    let (needed, name): (&[Role], &str) = if op.id.contains("Solicitation") {
        (&[Role::BuyerSolicitation, Role::ProductListing], "Buyer Solicitation or Product Listing")
    } else {
        (&[Role::BuyerCommunication], "Buyer Communication")
    };
    if needed.iter().any(|r| roles.contains(r)) {
        Ok(())
    } else {
        Err(ApiError::unauthorized("Access to requested resource is denied.")
            .with_details(format!("The application lacks the {name} role for {}.", op.id)))
    }
}

fn injected_error(op: &Op, status: StatusCode) -> Response {
    match op.id {
        crate::lwa::OPERATION => crate::lwa::error(status, "server_error", "fault injected by sp-sandbox"),
        crate::uploads::PUT_OPERATION => crate::uploads::s3_error(status, "InternalError", "fault injected by sp-sandbox"),
        _ => ApiError::injected(status).into_response(),
    }
}

/// The order and marketplace a Messaging or Solicitations call is about.
pub struct Target {
    pub order_id: String,
    pub marketplace_id: String,
}

/// `marketplaceIds` as the query gives them: repeated or comma-separated.
pub fn marketplace_ids(query: Option<&str>) -> Vec<String> {
    form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .filter(|(k, _)| k == "marketplaceIds")
        .flat_map(|(_, v)| v.split(',').map(str::to_owned).collect::<Vec<_>>())
        .filter(|v| !v.is_empty())
        .collect()
}

/// Checks the path's order id and the query's single marketplace (facts.md: "a required query
/// array marketplaceIds with exactly one value"), and that the endpoint serves that marketplace.
pub fn target(order_id: &str, query: Option<&str>, headers: &HeaderMap) -> Result<Target, ApiError> {
    if !is_order_id(order_id) {
        return Err(ApiError::invalid_input(format!("amazonOrderId {order_id:?} is not an Amazon order id (ddd-ddddddd-ddddddd).")));
    }
    let ids = marketplace_ids(query);
    let marketplace_id = match ids.as_slice() {
        [] => return Err(ApiError::invalid_input("marketplaceIds is required.")),
        [one] => one.clone(),
        _ => return Err(ApiError::invalid_input(format!("Only one marketplace can be specified; got {}.", ids.len()))),
    };
    let Some(region) = region_of(&marketplace_id) else {
        return Err(ApiError::invalid_input(format!("Invalid marketplaceId {marketplace_id:?}.")));
    };
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or_default();
    if let Some(served) = Region::of_host(host) {
        if served != region {
            return Err(ApiError::invalid_input(format!(
                "Marketplace {marketplace_id} belongs to the {} region; this endpoint serves {}.",
                region.name(),
                served.name()
            )));
        }
    }
    Ok(Target { order_id: order_id.to_owned(), marketplace_id })
}

impl World {
    pub fn order(&mut self, t: &Target) -> Result<&mut OrderState, ApiError> {
        match self.orders.get_mut(&t.order_id) {
            Some(o) if o.marketplace_id == t.marketplace_id => Ok(o),
            _ => Err(ApiError::not_found(format!("No order {} in marketplace {}.", t.order_id, t.marketplace_id))),
        }
    }
}

/// A JSON request body: `application/json` (415 otherwise), well-formed (400 otherwise).
pub fn json_body(headers: &HeaderMap, body: &[u8]) -> Result<serde_json::Value, ApiError> {
    let ct = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let essence = ct.split(';').next().unwrap_or_default().trim();
    if !essence.eq_ignore_ascii_case("application/json") {
        return Err(ApiError::unsupported_media_type(ct));
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::invalid_input("The request body is empty; a JSON object is required."));
    }
    serde_json::from_slice(body).map_err(|e| ApiError::invalid_input(format!("The request body is not valid JSON: {e}.")))
}
