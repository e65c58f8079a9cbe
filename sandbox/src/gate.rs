//! What every request goes through. `front` wraps the whole router: request id, body limit,
//! request log, and the connection drops that faults ask for. `Sandbox::call` wraps each
//! operation, in the order Amazon applies them: faults, then the access token (its region and
//! role), then the rate limit, then the operation itself. Each operation says what it needs in its
//! `Op`; the gate imports no handler.
use crate::errors::{lwa_error, s3_error, ApiError};
use crate::faults::{self, Drop};
use crate::hosts;
use crate::limits::Rate;
use crate::log::{masked_body, masked_headers, LogEntry};
use crate::marketplaces::{region_of, Region};
use crate::request::{endpoint_region, marketplace_ids};
use crate::scenario::{format_date, Role};
use crate::world::{AccessToken, Sandbox, World};
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

/// The service answering, hence the shape of an injected error's body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    SpApi,
    Lwa,
    S3,
}

/// The role an operation needs (facts.md "Roles"; "Orders and the seller's marketplaces").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Nothing,
    BuyerCommunication,
    /// Buyer Solicitation or Product Listing.
    BuyerSolicitation,
    /// Inventory and Order Tracking.
    OrderTracking,
}

impl Need {
    fn allows(self, roles: &[Role]) -> bool {
        let any = |r: &[Role]| r.iter().any(|x| roles.contains(x));
        match self {
            Need::Nothing => true,
            Need::BuyerCommunication => any(&[Role::BuyerCommunication]),
            Need::BuyerSolicitation => any(&[Role::BuyerSolicitation, Role::ProductListing]),
            Need::OrderTracking => any(&[Role::InventoryAndOrderTracking]),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Need::Nothing => "",
            Need::BuyerCommunication => "Buyer Communication",
            Need::BuyerSolicitation => "Buyer Solicitation or Product Listing",
            Need::OrderTracking => "Inventory and Order Tracking",
        }
    }
}

/// An operation as the gate sees it.
pub struct Op {
    pub id: &'static str,
    /// The bucket it draws from; `None`: not rate-limited (Login with Amazon, the S3 PUT).
    pub rate: Option<Rate>,
    /// Needs a valid `x-amz-access-token`.
    pub authed: bool,
    pub style: Style,
    pub role: Need,
}

impl Op {
    /// An SP-API operation: a token, a rate, a role.
    pub const fn sp_api(id: &'static str, rate: Rate, role: Need) -> Op {
        Op { id, rate: Some(rate), authed: true, style: Style::SpApi, role }
    }

    /// Login with Amazon, or the pre-signed S3 PUT: no token, no rate limit.
    pub const fn open(id: &'static str, style: Style) -> Op {
        Op { id, rate: None, authed: false, style, role: Need::Nothing }
    }
}

/// Who is calling: the application whose access token it is, and the region it calls in (the
/// endpoint's, else the marketplace's, else the token's).
#[derive(Debug, Clone, Default)]
pub struct Caller {
    pub client_id: String,
    pub region: Option<Region>,
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
    ["/messaging/", "/solicitations/", "/uploads/", "/auth/o2/", "/orders/", "/sellers/"].iter().any(|p| path.starts_with(p))
}

pub async fn front(State(sb): State<Sandbox>, req: Request, next: Next) -> Response {
    let request_id = uuid::Uuid::new_v4().to_string();
    let path = req.uri().path().to_owned();
    let s3 = hosts::is_s3_request(hosts::host(req.headers()), &path);
    if !s3 && !is_api_path(&path) {
        let mut resp = next.run(req).await;
        set_request_id(&mut resp, &request_id);
        return resp;
    }
    let started = std::time::Instant::now();
    let time = format_date(sb.now());
    let (mut parts, body) = req.into_parts();
    let limit = if s3 { UPLOAD_LIMIT } else { BODY_LIMIT };
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
    /// caller. `query` tells the marketplace, hence the region, when the host name doesn't.
    pub async fn call(
        &self,
        op: &Op,
        headers: &HeaderMap,
        query: Option<&str>,
        handle: impl FnOnce(&mut World, &Caller) -> Result<Response, ApiError>,
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
            injected_error(op, StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR), decision.message.as_deref())
        } else {
            let mut guard = self.world();
            let w: &mut World = &mut guard;
            self.run(op, headers, query, w, handle).unwrap_or_else(IntoResponse::into_response)
        };
        if let Some(rate) = op.rate {
            // Best effort on 2xx, 400, 404 and 415; never on 429 (facts.md, issue #15).
            let s = resp.status().as_u16();
            if (200..300).contains(&s) || s == 400 || s == 404 || s == 415 {
                if let Ok(v) = HeaderValue::from_str(&crate::limits::header_value(rate, self.config.rate_scale)) {
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
        handle: impl FnOnce(&mut World, &Caller) -> Result<Response, ApiError>,
    ) -> Result<Response, ApiError> {
        let now = w.clock.now();
        let endpoint = endpoint_region(headers).or_else(|| marketplace_ids(query).first().and_then(|m| region_of(m)));
        let mut caller = Caller { client_id: String::new(), region: endpoint };
        if op.authed {
            let token = authorize(w, headers, now)?;
            check_token(&token, op, endpoint)?;
            caller = Caller { client_id: token.client_id, region: endpoint.or(token.region) };
        }
        if let Some(rate) = op.rate {
            // Each regional endpoint keeps its own buckets.
            let bucket = format!("{} {}", caller.client_id, caller.region.map_or("", Region::name));
            if !w.limiter.take(&bucket, op.id, rate, self.config.rate_scale, now) {
                return Err(ApiError::quota_exceeded());
            }
        }
        handle(w, &caller)
    }
}

const DENIED: &str = "Access to requested resource is denied.";

/// The access token's record. Every SP-API call needs one from Login with Amazon (facts.md "Auth
/// and transport"); SigV4 signatures are ignored.
fn authorize(w: &World, headers: &HeaderMap, now: time::OffsetDateTime) -> Result<AccessToken, ApiError> {
    let token = headers.get("x-amz-access-token").and_then(|v| v.to_str().ok()).filter(|t| !t.is_empty());
    let Some(token) = token else {
        return Err(ApiError::unauthorized(DENIED).with_details("The request has no x-amz-access-token header."));
    };
    match w.tokens.get(token) {
        None => Err(ApiError::unauthorized(DENIED).with_details("The access token you provided is revoked, malformed or invalid.")),
        Some(t) if now >= t.expires => Err(ApiError::unauthorized(DENIED).with_details("The access token you provided has expired.")),
        Some(t) => Ok(t.clone()),
    }
}

/// What the token may do, checked after it is known valid: a grantless token calls no
/// operation emulated here; a seller's token works only in the region its refresh token was
/// issued for (facts.md "How a seller gets credentials": one refresh token per region); the
/// seller must have granted the operation's role.
fn check_token(token: &AccessToken, op: &Op, endpoint: Option<Region>) -> Result<(), ApiError> {
    if let Some(scope) = &token.grantless_scope {
        return Err(ApiError::unauthorized(DENIED)
            .with_details(format!("{} needs a seller's authorization; this is a grantless token for {scope}.", op.id)));
    }
    if let (Some(issued), Some(endpoint)) = (token.region, endpoint) {
        if issued != endpoint {
            return Err(ApiError::unauthorized(DENIED).with_details(format!(
                "The access token was issued for the {} region (its refresh token's); this call is for the {} region.",
                issued.name(),
                endpoint.name()
            )));
        }
    }
    match &token.roles {
        Some(roles) if !op.role.allows(roles) => {
            Err(ApiError::unauthorized(DENIED).with_details(format!("The application lacks the {} role for {}.", op.role.name(), op.id)))
        }
        _ => Ok(()),
    }
}

fn injected_error(op: &Op, status: StatusCode, message: Option<&str>) -> Response {
    match op.style {
        Style::Lwa => lwa_error(status, "server_error", message.unwrap_or("fault injected by sp-sandbox")),
        Style::S3 => s3_error(status, "InternalError", message.unwrap_or("We encountered an internal error. Please try again."), &[]),
        Style::SpApi => ApiError::injected(status, message).into_response(),
    }
}
