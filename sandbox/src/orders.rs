//! Orders API 2026-01-01 (orders_2026-01-01.json; facts.md "Orders and the seller's
//! marketplaces"): `getOrder` and `searchOrders`, answered from the scenario's orders, shaped as
//! the model's Order. What the scenario says maps onto the model like this:
//!
//! | scenario | model |
//! |---|---|
//! | purchaseDate | createdTime (before it the order does not exist) |
//! | lastUpdatedDate (default: a day after the purchase for shipped and canceled orders) | lastUpdatedTime |
//! | marketplaceId | salesChannel {channelName AMAZON, marketplaceId, marketplaceName} |
//! | status Pending, Unshipped, PartiallyShipped, Shipped, Canceled | fulfillment.fulfillmentStatus PENDING, UNSHIPPED, PARTIALLY_SHIPPED, SHIPPED, CANCELLED |
//! | earliest/latestDeliveryDate | fulfillment.deliverByWindow; packages[].packageStatus DELIVERED after the latest date (merchant-fulfilled only, as the model notes) |
//! | fulfilledBy | fulfillment.fulfilledBy |
//! | details.items, buyerName, shipTo, orderTotal | orderItems, buyer, recipient.deliveryAddress, proceeds.grandTotal |
//! | refunded, returned | nothing: the model has no field for refunds or returns |
//!
//! Each `includedData` dataset adds its part (BUYER, RECIPIENT, PROCEEDS, FULFILLMENT, PACKAGES);
//! without it the order has its ids, times, sales channel and items only. EXPENSE, PROMOTION,
//! CANCELLATION, TAX, PAYMENT and FULFILLMENT_ORDERS are accepted and add nothing.
use crate::errors::{json_response, ApiError};
use crate::gate::{Caller, Need, Op};
use crate::limits::{GET_ORDER, SEARCH_ORDERS};
use crate::marketplaces::{info_of, is_order_id, region_of, Region, MARKETPLACES};
use crate::request::{query_param, query_values};
use crate::rules::OrderState;
use crate::scenario::{format_date, FulfilledBy, Order, OrderStatus};
use crate::static_pairs;
use crate::world::{Page, Sandbox, Search, World, PAGE_LIMIT};
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

const GET: Op = Op::sp_api("getOrder", GET_ORDER, Need::OrderTracking);
const SEARCH: Op = Op::sp_api("searchOrders", SEARCH_ORDERS, Need::OrderTracking);

/// The model's `includedData` values.
pub const DATASETS: [&str; 11] = [
    "BUYER",
    "RECIPIENT",
    "PROCEEDS",
    "EXPENSE",
    "PROMOTION",
    "CANCELLATION",
    "FULFILLMENT",
    "PACKAGES",
    "TAX",
    "PAYMENT",
    "FULFILLMENT_ORDERS",
];
/// The model's FulfillmentStatus values.
pub const STATUSES: [&str; 7] =
    ["PENDING_AVAILABILITY", "PENDING", "UNSHIPPED", "PARTIALLY_SHIPPED", "SHIPPED", "CANCELLED", "UNFULFILLABLE"];
/// searchOrders: at most this many marketplaces (the model's `maxItems`).
pub const MAX_MARKETPLACES: usize = 50;
/// Pagination tokens expire after a day (the Orders API migration guide: "Token handling with
/// 24-hour expiration").
pub const PAGE_LIFETIME: Duration = Duration::hours(24);

pub fn status_name(s: OrderStatus) -> &'static str {
    match s {
        OrderStatus::Pending => "PENDING",
        OrderStatus::Unshipped => "UNSHIPPED",
        OrderStatus::PartiallyShipped => "PARTIALLY_SHIPPED",
        OrderStatus::Shipped => "SHIPPED",
        OrderStatus::Canceled => "CANCELLED",
    }
}

fn fulfilled_by_name(f: FulfilledBy) -> &'static str {
    match f {
        FulfilledBy::Amazon => "AMAZON",
        FulfilledBy::Merchant => "MERCHANT",
    }
}

/// `includedData`: each value one of the model's.
fn included(query: Option<&str>) -> Result<Vec<&'static str>, ApiError> {
    let mut out = vec![];
    for v in query_values(query, "includedData") {
        let Some(d) = DATASETS.iter().find(|d| **d == v) else {
            return Err(ApiError::invalid_input(format!("includedData: {v:?} is not one of {}.", DATASETS.join(", "))));
        };
        if !out.contains(d) {
            out.push(*d);
        }
    }
    Ok(out)
}

pub async fn get_order(State(sb): State<Sandbox>, Path(order_id): Path<String>, RawQuery(query): RawQuery, headers: HeaderMap) -> Response {
    sb.call(&GET, &headers, query.as_deref(), |w, caller| {
        if sb.config.static_mode {
            return static_pairs::answer(GET.id, &[("orderId", &order_id)], query.as_deref(), None);
        }
        if !is_order_id(&order_id) {
            return Err(ApiError::invalid_input(format!("orderId: {order_id:?} is not an Amazon order id (ddd-ddddddd-ddddddd).")));
        }
        let included = included(query.as_deref())?;
        let now = w.clock.now();
        // The order id alone tells the order (facts.md); an order of another region's
        // marketplaces, or one not placed yet, does not exist on this endpoint.
        let found =
            w.orders.get(&order_id).filter(|o| o.created <= now && caller.region.is_none_or(|r| region_of(&o.marketplace_id) == Some(r)));
        let Some(o) = found else {
            return Err(ApiError::not_found(format!("Order {order_id} was not found.")));
        };
        let details = w.scenario.orders.iter().find(|s| s.amazon_order_id == order_id);
        Ok(json_response(StatusCode::OK, &json!({"order": order_json(o, details, &included, now)})))
    })
    .await
}

/// ISO 8601 as clients send it: RFC 3339, or a date alone (midnight UTC).
fn parse_time(name: &str, v: &str) -> Result<OffsetDateTime, ApiError> {
    if let Ok(t) = OffsetDateTime::parse(v, &Rfc3339) {
        return Ok(t);
    }
    let date = time::Date::parse(v, time::macros::format_description!("[year]-[month]-[day]"));
    date.map(|d| d.midnight().assume_utc())
        .map_err(|_| ApiError::invalid_input(format!("{name}: {v:?} is not an ISO 8601 date-time such as 2026-01-31T12:00:00Z.")))
}

/// The query's filters (those given), checked like Amazon checks them.
struct Filters {
    by_update: Option<bool>,
    after: Option<OffsetDateTime>,
    before: Option<OffsetDateTime>,
    statuses: Vec<String>,
    marketplaces: Vec<String>,
    fulfilled_by: Vec<String>,
    included: Vec<&'static str>,
    max: Option<usize>,
}

fn filters(query: Option<&str>, caller: &Caller, now: OffsetDateTime) -> Result<Filters, ApiError> {
    let time = |name: &str| query_param(query, name).filter(|v| !v.is_empty()).map(|v| parse_time(name, &v)).transpose();
    let (ca, cb, ua, ub) = (time("createdAfter")?, time("createdBefore")?, time("lastUpdatedAfter")?, time("lastUpdatedBefore")?);
    let (by_update, after, before) = match (ca, ua) {
        (Some(_), Some(_)) => {
            return Err(ApiError::invalid_input("createdAfter, lastUpdatedAfter: provide exactly one of them, not both."))
        }
        (Some(a), None) if ub.is_some() => {
            let _ = a;
            return Err(ApiError::invalid_input("lastUpdatedBefore: cannot be combined with createdAfter."));
        }
        (None, Some(_)) if cb.is_some() => return Err(ApiError::invalid_input("createdBefore: cannot be combined with lastUpdatedAfter.")),
        (Some(a), None) => (Some(false), Some(a), cb),
        (None, Some(a)) => (Some(true), Some(a), ub),
        (None, None) if cb.is_some() || ub.is_some() => {
            return Err(ApiError::invalid_input("createdAfter, lastUpdatedAfter: a Before bound needs its After bound."))
        }
        (None, None) => (None, None, None),
    };
    let latest = now - Duration::minutes(2);
    let (after_name, before_name) =
        if by_update == Some(true) { ("lastUpdatedAfter", "lastUpdatedBefore") } else { ("createdAfter", "createdBefore") };
    if let Some(a) = after {
        if a > latest {
            return Err(ApiError::invalid_input(format!("{after_name}: must be at least two minutes before the time of the request.")));
        }
    }
    if let (Some(a), Some(b)) = (after, before) {
        if b < a {
            return Err(ApiError::invalid_input(format!("{before_name}: must be equal to or after {after_name}.")));
        }
        if b > latest {
            return Err(ApiError::invalid_input(format!("{before_name}: must be at least two minutes before the time of the request.")));
        }
    }
    let mut statuses = vec![];
    for s in query_values(query, "fulfillmentStatuses") {
        if !STATUSES.contains(&s.as_str()) {
            return Err(ApiError::invalid_input(format!("fulfillmentStatuses: {s:?} is not one of {}.", STATUSES.join(", "))));
        }
        statuses.push(s);
    }
    let mut marketplaces = query_values(query, "marketplaceIds");
    if marketplaces.len() > MAX_MARKETPLACES {
        return Err(ApiError::invalid_input(format!(
            "marketplaceIds: at most {MAX_MARKETPLACES} marketplaces, got {}.",
            marketplaces.len()
        )));
    }
    for m in &marketplaces {
        match region_of(m) {
            None => return Err(ApiError::invalid_input(format!("marketplaceIds: Invalid marketplaceId {m:?}."))),
            Some(r) if caller.region.is_some_and(|c| c != r) => {
                return Err(ApiError::invalid_input(format!(
                    "marketplaceIds: Marketplace {m} belongs to the {} region; this endpoint serves {}.",
                    r.name(),
                    caller.region.map_or("", Region::name)
                )))
            }
            Some(_) => {}
        }
    }
    let mut fulfilled_by = vec![];
    for f in query_values(query, "fulfilledBy") {
        if f != "MERCHANT" && f != "AMAZON" {
            return Err(ApiError::invalid_input(format!("fulfilledBy: {f:?} is not one of MERCHANT, AMAZON.")));
        }
        fulfilled_by.push(f);
    }
    let max = match query_param(query, "maxResultsPerPage").filter(|v| !v.is_empty()) {
        None => None,
        Some(v) => match v.parse::<usize>() {
            Ok(n) if (1..=100).contains(&n) => Some(n),
            _ => return Err(ApiError::invalid_input(format!("maxResultsPerPage: {v:?} must be a whole number between 1 and 100."))),
        },
    };
    for list in [&mut statuses, &mut marketplaces, &mut fulfilled_by] {
        list.sort();
        list.dedup();
    }
    Ok(Filters { by_update, after, before, statuses, marketplaces, fulfilled_by, included: included(query)?, max })
}

pub async fn search_orders(State(sb): State<Sandbox>, RawQuery(query): RawQuery, headers: HeaderMap) -> Response {
    sb.call(&SEARCH, &headers, query.as_deref(), |w, caller| {
        if sb.config.static_mode {
            return static_pairs::answer(SEARCH.id, &[], query.as_deref(), None);
        }
        let now = w.clock.now();
        let f = filters(query.as_deref(), caller, now)?;
        let token = query_param(query.as_deref(), "paginationToken").filter(|t| !t.is_empty());
        let (search, after) = match token {
            Some(t) => continue_page(w, &t, &f, caller, now)?,
            None => {
                let (Some(by_update), Some(after)) = (f.by_update, f.after) else {
                    return Err(ApiError::invalid_input("createdAfter, lastUpdatedAfter: provide exactly one of them."));
                };
                let search = Search {
                    by_update,
                    after,
                    before: f.before.unwrap_or(now - Duration::minutes(2)),
                    statuses: f.statuses,
                    marketplaces: f.marketplaces,
                    fulfilled_by: f.fulfilled_by,
                    included: f.included,
                    max: f.max.unwrap_or(100),
                };
                (search, None)
            }
        };
        Ok(json_response(StatusCode::OK, &page(w, caller, search, after, now)))
    })
    .await
}

/// The search a pagination token continues. Filters repeated with the token must be the
/// token's; `includedData` and `maxResultsPerPage` may change from page to page.
fn continue_page(
    w: &mut World,
    token: &str,
    f: &Filters,
    caller: &Caller,
    now: OffsetDateTime,
) -> Result<(Search, Option<(OffsetDateTime, String)>), ApiError> {
    let Some(p) = w.pages.get(token).filter(|p| p.client_id == caller.client_id) else {
        return Err(ApiError::invalid_input(
            "paginationToken: Invalid paginationToken; pass nextToken back exactly as returned, URL-encoded.",
        ));
    };
    if now - p.issued > PAGE_LIFETIME {
        return Err(ApiError::invalid_input("paginationToken: The paginationToken has expired (tokens last 24 hours); search again."));
    }
    let mut s = p.search.clone();
    let same = f.by_update.is_none_or(|b| b == s.by_update)
        && f.after.is_none_or(|a| a == s.after)
        && f.before.is_none_or(|b| b == s.before)
        && (f.statuses.is_empty() || f.statuses == s.statuses)
        && (f.marketplaces.is_empty() || f.marketplaces == s.marketplaces)
        && (f.fulfilled_by.is_empty() || f.fulfilled_by == s.fulfilled_by);
    if !same {
        return Err(ApiError::invalid_input("paginationToken: The paginationToken was issued for a search with other parameters."));
    }
    if !f.included.is_empty() {
        s.included = f.included.clone();
    }
    if let Some(m) = f.max {
        s.max = m;
    }
    Ok((s, Some(p.after.clone())))
}

/// One page: the matching orders after `after` in (time, orderId) order, and a token for the
/// next page when there is one.
fn page(w: &mut World, caller: &Caller, search: Search, after: Option<(OffsetDateTime, String)>, now: OffsetDateTime) -> Value {
    let key = |o: &OrderState| (if search.by_update { o.last_updated } else { o.created }, o.id.clone());
    let region_ok = |m: &str| caller.region.is_none_or(|r| region_of(m) == Some(r));
    let mut hits: Vec<&OrderState> = w
        .orders
        .values()
        .filter(|o| o.created <= now && region_ok(&o.marketplace_id))
        .filter(|o| search.marketplaces.is_empty() || search.marketplaces.contains(&o.marketplace_id))
        .filter(|o| search.statuses.is_empty() || search.statuses.iter().any(|s| s == status_name(o.status)))
        .filter(|o| search.fulfilled_by.is_empty() || search.fulfilled_by.iter().any(|f| f == fulfilled_by_name(o.fulfilled_by)))
        .filter(|o| {
            let (t, _) = key(o);
            t >= search.after && t <= search.before
        })
        .filter(|o| after.as_ref().is_none_or(|a| key(o) > *a))
        .collect();
    hits.sort_by_key(|o| key(o));
    let more = hits.len() > search.max;
    hits.truncate(search.max);
    let details: HashMap<&str, &Order> = w.scenario.orders.iter().map(|o| (o.amazon_order_id.as_str(), o)).collect();
    let orders: Vec<Value> = hits.iter().map(|o| order_json(o, details.get(o.id.as_str()).copied(), &search.included, now)).collect();
    let last = hits.last().map(|o| key(o));
    let bound = if search.by_update { "lastUpdatedBefore" } else { "createdBefore" };
    let mut body = json!({"orders": orders, bound: format_date(search.before)});
    if let (true, Some(last)) = (more, last) {
        let token = new_token(w);
        if w.pages.len() >= PAGE_LIMIT {
            // Bounded: expired tokens go first, then the oldest.
            w.pages.retain(|_, p| now - p.issued <= PAGE_LIFETIME);
            if let Some(oldest) =
                w.pages.iter().min_by_key(|(_, p)| p.issued).map(|(k, _)| k.clone()).filter(|_| w.pages.len() >= PAGE_LIMIT)
            {
                w.pages.remove(&oldest);
            }
        }
        w.pages.insert(token.clone(), Page { client_id: caller.client_id.clone(), search, after: last, issued: now });
        body["pagination"] = json!({"nextToken": token});
    }
    body
}

/// An opaque token, base64 like Amazon's (`2YgYW55IGNhcm5hbCBwbGVhc3VyZS4` in the model's
/// example): it may hold `+`, `/` and `=`, so a client must URL-encode it.
fn new_token(w: &mut World) -> String {
    use base64::Engine;
    use rand::RngCore;
    let mut bytes = [0u8; 24];
    w.rng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// An amount as the model's Decimal (a string), with the currency's decimals.
fn money(amount: f64, currency: &str) -> Value {
    let decimals = if currency == "JPY" { 0 } else { 2 };
    json!({"amount": format!("{amount:.decimals$}"), "currencyCode": currency})
}

/// The order as the model's Order, with the datasets asked for.
pub fn order_json(o: &OrderState, details: Option<&Order>, included: &[&str], now: OffsetDateTime) -> Value {
    let has = |d: &str| included.contains(&d);
    let info = info_of(&o.marketplace_id);
    let d = details.map(|x| &x.details).unwrap_or(&Value::Null);
    let currency = info.map_or("USD", |i| i.currency);
    let digits: String = o.id.chars().filter(char::is_ascii_digit).collect();
    let items_in: Vec<&Value> = d["items"].as_array().map(|a| a.iter().collect()).unwrap_or_default();
    let fallback = json!({"quantity": 1});
    let items_in = if items_in.is_empty() { vec![&fallback] } else { items_in };
    let items: Vec<Value> = items_in
        .iter()
        .enumerate()
        .map(|(i, it)| {
            let qty = it["quantity"].as_u64().unwrap_or(1).max(1);
            let mut product = Map::new();
            for (from, to) in [("asin", "asin"), ("title", "title"), ("sku", "sellerSku")] {
                if let Some(v) = it[from].as_str() {
                    product.insert(to.into(), json!(v));
                }
            }
            let unit = it["price"]["amount"].as_f64();
            let cur = it["price"]["currency"].as_str().unwrap_or(currency);
            if let Some(unit) = unit {
                product.insert("price".into(), json!({"unitPrice": money(unit, cur)}));
            }
            let mut item = json!({"orderItemId": format!("{}{i:02}", &digits[digits.len().saturating_sub(12)..]), "quantityOrdered": qty, "product": product});
            if has("PROCEEDS") {
                if let Some(unit) = unit {
                    item["proceeds"] = json!({"proceedsTotal": money(unit * qty as f64, cur)});
                }
            }
            if has("FULFILLMENT") {
                let fulfilled = match o.status {
                    OrderStatus::Shipped => qty,
                    OrderStatus::PartiallyShipped if i == 0 => qty,
                    _ => 0,
                };
                item["fulfillment"] = json!({"quantityFulfilled": fulfilled, "quantityUnfulfilled": qty - fulfilled});
            }
            item
        })
        .collect();
    let mut order = json!({
        "orderId": o.id,
        "createdTime": format_date(o.created),
        "lastUpdatedTime": format_date(o.last_updated.min(now).max(o.created)),
        "salesChannel": {"channelName": "AMAZON", "marketplaceId": o.marketplace_id, "marketplaceName": info.map_or("", |i| i.name)},
        "orderItems": items,
    });
    let domain = info.map_or("amazon.com".to_owned(), |i| i.name.to_ascii_lowercase());
    if has("BUYER") {
        let mut buyer = json!({"buyerEmail": format!("{}@marketplace.{domain}", &digits[digits.len().saturating_sub(10)..])});
        if let Some(name) = d["buyerName"].as_str() {
            buyer["buyerName"] = json!(name);
        }
        order["buyer"] = buyer;
    }
    if has("RECIPIENT") {
        let mut address = json!({"countryCode": info.map_or("", |i| i.country_code), "addressType": "RESIDENTIAL"});
        if let Some(name) = d["buyerName"].as_str() {
            address["name"] = json!(name);
        }
        if let Some(ship_to) = d["shipTo"].as_str() {
            let (city, state) = ship_to.split_once(", ").unwrap_or((ship_to, ""));
            address["city"] = json!(city);
            if !state.is_empty() {
                address["stateOrRegion"] = json!(state);
            }
        }
        order["recipient"] = json!({"deliveryAddress": address});
    }
    if has("PROCEEDS") {
        if let Some(total) = d["orderTotal"]["amount"].as_f64() {
            order["proceeds"] = json!({"grandTotal": money(total, d["orderTotal"]["currency"].as_str().unwrap_or(currency))});
        }
    }
    if has("FULFILLMENT") {
        let mut f = json!({"fulfillmentStatus": status_name(o.status), "fulfilledBy": fulfilled_by_name(o.fulfilled_by), "fulfillmentServiceLevel": "STANDARD"});
        if let (Some(e), Some(l)) = (o.earliest_delivery, o.latest_delivery) {
            f["deliverByWindow"] = json!({"earliestDateTime": format_date(e), "latestDateTime": format_date(l)});
        }
        order["fulfillment"] = f;
    }
    let shipped = matches!(o.status, OrderStatus::Shipped | OrderStatus::PartiallyShipped);
    if has("PACKAGES") && shipped && o.fulfilled_by == FulfilledBy::Merchant {
        let status = if o.latest_delivery.is_some_and(|l| l <= now) { "DELIVERED" } else { "IN_TRANSIT" };
        let package_items: Vec<Value> = order["orderItems"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|i| json!({"orderItemId": i["orderItemId"], "quantity": i["quantityOrdered"]}))
            .collect();
        order["packages"] = json!([{
            "packageReferenceId": "1",
            "createdTime": format_date(o.last_updated),
            "shipTime": format_date(o.last_updated),
            "packageStatus": {"status": status},
            "packageItems": package_items,
        }]);
    }
    order
}

/// Marketplaces in the order of the table (for stable answers).
pub fn sorted_marketplaces<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<&'static str> {
    let set: std::collections::HashSet<&str> = ids.collect();
    MARKETPLACES.iter().map(|m| m.0).filter(|m| set.contains(m)).collect()
}
