//! The admin API under /_sandbox/, for tests and the demo: reset, load a scenario, read the
//! request log, set or advance the clock, set faults, expire tokens, and see every order's state.
use crate::errors::{json_response, ApiError};
use crate::faults::Fault;
use crate::rules::NotEligible;
use crate::scenario::{format_date, parse_date, Scenario};
use crate::world::Sandbox;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use bytes::Bytes;
use serde::Deserialize;
use serde_json::{json, Value};

pub fn router() -> Router<Sandbox> {
    Router::new()
        .route("/reset", post(reset))
        .route("/scenario", get(scenario).put(load_scenario).post(load_scenario))
        .route("/orders", get(orders))
        .route("/log", get(log).delete(clear_log))
        .route("/clock", get(clock).post(set_clock))
        .route("/faults", get(faults).post(add_faults).put(replace_faults).delete(clear_faults))
        .route("/tokens/expire", post(expire_tokens))
        .route("/tokens/revoke", post(revoke_token))
        .route("/certificate", get(certificate))
}

/// With --tls, the certificate made at start-up, for clients that trust it rather than skip checks.
async fn certificate(State(sb): State<Sandbox>) -> Result<Response, ApiError> {
    let pem =
        sb.config.certificate_pem.clone().ok_or_else(|| ApiError::not_found("sp-sandbox runs without --tls: there is no certificate."))?;
    Ok(([(axum::http::header::CONTENT_TYPE, "application/x-pem-file")], pem).into_response())
}

fn ok(v: Value) -> Response {
    json_response(StatusCode::OK, &v)
}

fn parse<T: for<'de> Deserialize<'de>>(body: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(body).map_err(|e| ApiError::invalid_input(format!("admin request: {e}")))
}

async fn reset(State(sb): State<Sandbox>) -> Response {
    let mut w = sb.world();
    let scenario = w.scenario.clone();
    w.load(scenario, &sb.config);
    ok(json!({"orders": w.orders.len()}))
}

async fn scenario(State(sb): State<Sandbox>) -> Response {
    ok(serde_json::to_value(&sb.world().scenario).unwrap_or_default())
}

async fn load_scenario(State(sb): State<Sandbox>, body: Bytes) -> Result<Response, ApiError> {
    let text = std::str::from_utf8(&body).map_err(|_| ApiError::invalid_input("the scenario is not UTF-8"))?;
    let scenario = Scenario::from_json(text).map_err(ApiError::invalid_input)?;
    let mut w = sb.world();
    w.load(scenario, &sb.config);
    Ok(ok(json!({"orders": w.orders.len()})))
}

/// Every order as the APIs see it now, with the scenario's page details: what the look-alike
/// pages render and what tests assert on.
async fn orders(State(sb): State<Sandbox>) -> Response {
    let w = sb.world();
    let now = w.clock.now();
    let list: Vec<Value> = w
        .scenario
        .orders
        .iter()
        .filter_map(|o| {
            let s = w.orders.get(&o.amazon_order_id)?;
            let window = s.review_window().map(|(from, to)| json!({"from": format_date(from), "to": format_date(to)}));
            let review = match s.review_request(now) {
                Ok(()) => "eligible",
                Err(NotEligible::AlreadySolicited) => "alreadyRequested",
                Err(NotEligible::NotShipped) => "notShipped",
                Err(NotEligible::OutsideWindow) => "outsideWindow",
            };
            let date = |d: &Option<String>| d.as_deref().and_then(|d| parse_date(d, now).ok()).map(format_date);
            Some(json!({
                "amazonOrderId": s.id,
                "marketplaceId": s.marketplace_id,
                "status": o.status,
                "refunded": o.refunded,
                "returned": o.returned,
                "purchaseDate": date(&Some(o.purchase_date.clone())),
                "lastUpdatedDate": format_date(s.last_updated),
                "fulfilledBy": s.fulfilled_by,
                "earliestDeliveryDate": s.earliest_delivery.map(format_date),
                "latestDeliveryDate": s.latest_delivery.map(format_date),
                "buyerLocale": s.buyer_locale,
                "reviewWindow": window,
                "reviewRequest": review,
                "solicitedAt": s.solicited_at.map(format_date),
                "messageKinds": s.message_kinds(now),
                "sent": s.messages,
                "details": o.details,
            }))
        })
        .collect();
    ok(json!({"now": format_date(now), "orders": list}))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct LogQuery {
    since: Option<u64>,
    operation: Option<String>,
}

async fn log(State(sb): State<Sandbox>, Query(q): Query<LogQuery>) -> Response {
    let w = sb.world();
    let entries: Vec<&crate::log::LogEntry> = w
        .log
        .iter()
        .filter(|e| e.seq > q.since.unwrap_or(0))
        .filter(|e| q.operation.as_ref().is_none_or(|op| e.operation.as_ref() == Some(op)))
        .collect();
    ok(serde_json::to_value(entries).unwrap_or_default())
}

async fn clear_log(State(sb): State<Sandbox>) -> Response {
    sb.world().log.clear();
    ok(json!({}))
}

async fn clock(State(sb): State<Sandbox>) -> Response {
    let w = sb.world();
    ok(json!({"now": format_date(w.clock.now()), "frozen": w.clock.is_frozen()}))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ClockChange {
    /// RFC 3339 or `now±N<unit>` relative to the clock's current time.
    now: Option<String>,
    advance_seconds: Option<i64>,
    frozen: Option<bool>,
}

async fn set_clock(State(sb): State<Sandbox>, body: Bytes) -> Result<Response, ApiError> {
    let change: ClockChange = parse(&body)?;
    let mut w = sb.world();
    if let Some(frozen) = change.frozen {
        w.clock.freeze(frozen);
    }
    if let Some(now) = change.now {
        let at = parse_date(&now, w.clock.now()).map_err(ApiError::invalid_input)?;
        w.clock.set(at);
    }
    if let Some(s) = change.advance_seconds {
        w.clock.advance(time::Duration::seconds(s));
    }
    Ok(ok(json!({"now": format_date(w.clock.now()), "frozen": w.clock.is_frozen()})))
}

async fn faults(State(sb): State<Sandbox>) -> Response {
    ok(serde_json::to_value(&sb.world().faults).unwrap_or_default())
}

/// One fault object or a list of them.
fn fault_list(body: &[u8]) -> Result<Vec<Fault>, ApiError> {
    let v: Value = parse(body)?;
    let list: Vec<Fault> = if v.is_array() { parse(body)? } else { vec![parse(body)?] };
    for f in &list {
        f.check().map_err(ApiError::invalid_input)?;
    }
    Ok(list)
}

async fn add_faults(State(sb): State<Sandbox>, body: Bytes) -> Result<Response, ApiError> {
    let list = fault_list(&body)?;
    let mut w = sb.world();
    w.faults.extend(list);
    Ok(ok(serde_json::to_value(&w.faults).unwrap_or_default()))
}

async fn replace_faults(State(sb): State<Sandbox>, body: Bytes) -> Result<Response, ApiError> {
    let list = fault_list(&body)?;
    let mut w = sb.world();
    w.faults = list;
    Ok(ok(serde_json::to_value(&w.faults).unwrap_or_default()))
}

async fn clear_faults(State(sb): State<Sandbox>) -> Response {
    sb.world().faults.clear();
    ok(json!([]))
}

async fn expire_tokens(State(sb): State<Sandbox>) -> Response {
    let mut w = sb.world();
    let now = w.clock.now();
    let n = w.tokens.len();
    w.tokens.values_mut().for_each(|t| t.expires = now);
    ok(json!({"expired": n}))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Revoke {
    refresh_token: String,
}

/// The seller revoked the app's authorization (Seller Central → Manage Your Apps): the refresh
/// token is refused from now on (LWA's `invalid_grant`), and the access tokens it gave stop
/// working (Amazon: revoking an authorization invalidates its tokens).
async fn revoke_token(State(sb): State<Sandbox>, body: Bytes) -> Result<Response, ApiError> {
    let r: Revoke = parse(&body)?;
    let mut w = sb.world();
    let mut found = 0;
    let mut apps = vec![];
    for a in &mut w.scenario.applications {
        let before = a.refresh_tokens.len() + usize::from(a.refresh_token.is_some());
        a.refresh_tokens.retain(|_, t| *t != r.refresh_token);
        if a.refresh_token.as_deref() == Some(r.refresh_token.as_str()) {
            a.refresh_token = None;
        }
        let gone = before - a.refresh_tokens.len() - usize::from(a.refresh_token.is_some());
        if gone > 0 {
            apps.push(a.client_id.clone());
        }
        found += gone;
    }
    if found == 0 {
        return Err(ApiError::invalid_input("no application has that refresh token"));
    }
    let now = w.clock.now();
    w.tokens.values_mut().filter(|t| apps.contains(&t.client_id)).for_each(|t| t.expires = now);
    Ok(ok(json!({"revoked": found})))
}
