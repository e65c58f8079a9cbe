//! The Orders API 2026-01-01 and the Sellers API (facts.md "Orders and the seller's marketplaces";
//! models/orders_2026-01-01.json, sellers.json): which marketplace an order belongs to, whether it
//! shipped and when it is to be delivered, and which marketplaces the seller sells in. The page
//! only names orders; every send decision rests on what these reads say (issue #10).
//!
//! Both directions are table-driven, for size: a `Query` is an operation and its parameters,
//! checked against one table of the model's parameters (`params`) before anything is built; an
//! answer is read by one projection of Amazon's document onto what the core keeps (`ORDER`,
//! `PARTICIPATION`), every field typed and every error naming its JSON path. Measured on the
//! shipped wasm + glue (make build, gzip -9): the requests cost 3.6 KB, the answers 2.8 KB; a
//! struct per request and per answer with field-by-field readers and derived `Serialize` cost
//! 0.6 KB more. An answer that crosses to JS as a newtype variant of `Success` holding a JSON
//! value took serde's tagged-newtype serializer along (2.2 KB): `Success::Order` is a struct variant.
use serde::Serialize;
use serde_json::{Map, Value};

use crate::catalogue::{Api, Operation};
use crate::error::BuildError;
use crate::http::HttpRequest;
use crate::ids::{Marketplace, OrderId};
use crate::json::{push_key, ReadError, Reader};
use crate::request::{common_headers, Endpoint};
use crate::validate::parse_date_time;

/// `includedData` (both operations): the datasets Amazon adds to an order.
pub const INCLUDED_DATA: [&str; 11] = [
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
/// definitions.FulfillmentStatus, in the model's order.
pub const FULFILLMENT_STATUSES: [&str; 7] =
    ["PENDING_AVAILABILITY", "PENDING", "UNSHIPPED", "PARTIALLY_SHIPPED", "SHIPPED", "CANCELLED", "UNFULFILLABLE"];
/// searchOrders `fulfilledBy`.
pub const FULFILLED_BY: [&str; 2] = ["MERCHANT", "AMAZON"];
/// searchOrders: `marketplaceIds` maxItems; `maxResultsPerPage` "between 1 and 100".
pub const MAX_MARKETPLACES: usize = 50;
pub const MAX_RESULTS_PER_PAGE: u32 = 100;
/// Longest pagination token passed on. Amazon's are short base64 (the model's example has 30
/// characters); anything far longer is not one of Amazon's.
const MAX_TOKEN: usize = 4096;

/// What a parameter's values must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One date-time.
    Date,
    /// Values from a list.
    Enum(&'static [&'static str]),
    /// Marketplace ids: at most 50, known, of the endpoint's region.
    Marketplaces,
    /// One whole number from 1 to 100.
    Count,
    /// One token from a previous page.
    Token,
}

/// searchOrders' query parameters, in the model's order (orders_2026-01-01.json).
const SEARCH: [(&str, Kind); 10] = [
    ("createdAfter", Kind::Date),
    ("createdBefore", Kind::Date),
    ("lastUpdatedAfter", Kind::Date),
    ("lastUpdatedBefore", Kind::Date),
    ("fulfillmentStatuses", Kind::Enum(&FULFILLMENT_STATUSES)),
    ("marketplaceIds", Kind::Marketplaces),
    ("fulfilledBy", Kind::Enum(&FULFILLED_BY)),
    ("maxResultsPerPage", Kind::Count),
    ("paginationToken", Kind::Token),
    ("includedData", Kind::Enum(&INCLUDED_DATA)),
];
/// getOrder's query parameter (its order id is in the path).
const GET_ORDER: [(&str, Kind); 1] = [("includedData", Kind::Enum(&INCLUDED_DATA))];

/// The query parameters of an Orders or Sellers operation (getMarketplaceParticipations has none).
pub fn params(op: &Operation) -> &'static [(&'static str, Kind)] {
    match op.operation_id {
        "searchOrders" => &SEARCH,
        "getOrder" => &GET_ORDER,
        _ => &[],
    }
}

fn bad(parameter: &'static str, reason: impl Into<String>) -> BuildError {
    BuildError::InvalidParameter { parameter, reason: reason.into() }
}

/// A read of the Orders or Sellers API: the operation, the order id of getOrder, and each
/// parameter's values as text (a date-time, a count, list entries), as they go in the query.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    pub op: &'static Operation,
    pub order_id: Option<String>,
    values: Vec<Vec<String>>,
}

impl Query {
    fn new(operation: &str, order_id: Option<&str>) -> Query {
        // The three names are in the catalogue (its tests say so): `find` cannot fail for them,
        // and the catalogue's first entry would only make `check` refuse the query.
        let op = Operation::find(operation).unwrap_or(&crate::catalogue::OPERATIONS[0]);
        Query { op, order_id: order_id.map(str::to_owned), values: vec![Vec::new(); params(op).len()] }
    }
    /// getOrder: one order by id (its marketplace is Amazon's answer, not a parameter). Ask for
    /// `includedData` FULFILLMENT (and PACKAGES): without it an order has no status or window.
    pub fn get_order(order_id: &str) -> Query {
        Query::new("getOrder", Some(order_id))
    }
    /// searchOrders: the orders created (or last updated) in a time range, up to 100 a page.
    pub fn search_orders() -> Query {
        Query::new("searchOrders", None)
    }
    pub fn marketplace_participations() -> Query {
        Query::new("getMarketplaceParticipations", None)
    }
    /// Sets a parameter by its model name; a name the operation does not take is an error.
    pub fn with(mut self, name: &str, values: &[&str]) -> Result<Query, BuildError> {
        let i = self.index(name)?;
        self.values[i] = values.iter().map(|v| (*v).to_owned()).collect();
        Ok(self)
    }
    pub fn get(&self, name: &str) -> &[String] {
        params(self.op).iter().position(|(n, _)| *n == name).map_or(&[], |i| &self.values[i])
    }
    fn index(&self, name: &str) -> Result<usize, BuildError> {
        params(self.op).iter().position(|(n, _)| *n == name).ok_or_else(|| {
            let known: Vec<&str> = params(self.op).iter().map(|(n, _)| *n).collect();
            bad(
                "query",
                format!("{} takes no parameter \"{}\" (it takes {})", self.op.operation_id, crate::ids::truncate(name), known.join(", ")),
            )
        })
    }

    /// `{ operation, orderId? (getOrder), …parameters }` from JS, by the model's names; a list
    /// parameter takes an array, a count may be a number. An unknown field is refused, not
    /// ignored: a misspelt filter must not widen a search.
    pub fn from_value(op: &'static Operation, r: &Reader) -> Result<Query, ReadError> {
        let by_id = op.operation_id == "getOrder";
        let mut known = vec!["operation"];
        if by_id {
            known.push("orderId");
        }
        known.extend(params(op).iter().map(|(name, _)| *name));
        r.only(&known)?;
        let mut q = Query::new(op.operation_id, if by_id { Some(r.str("orderId")?) } else { None });
        for ((name, _), values) in params(op).iter().zip(&mut q.values) {
            let Some(field) = r.get(name)? else { continue };
            *values = match field.value() {
                Value::Array(_) => {
                    let mut list = Vec::new();
                    for item in field.as_list()?.iter() {
                        list.push(item.as_str()?.to_owned());
                    }
                    list
                }
                Value::Number(_) => vec![field.as_i64()?.to_string()],
                _ => vec![field.as_str()?.to_owned()],
            };
        }
        Ok(q)
    }

    /// The model's rules, each a build error: values of each parameter's kind; for searchOrders
    /// exactly one of `createdAfter` / `lastUpdatedAfter`, a `*Before` only with its own `*After`
    /// and not before it (orders_2026-01-01.json parameter descriptions). "At least two minutes
    /// before the time of the request" depends on Amazon's clock, not ours: Amazon checks it.
    pub fn check(&self, endpoint: &Endpoint) -> Result<(), BuildError> {
        if !matches!(self.op.api, Api::Orders | Api::Sellers) {
            return Err(BuildError::UnknownOperation(format!("{}: not an Orders or Sellers read", self.op.operation_id)));
        }
        if let Some(id) = &self.order_id {
            OrderId::parse(id)?;
        }
        for ((name, kind), values) in params(self.op).iter().zip(&self.values) {
            let (name, one) = (*name, values.first().map_or("", String::as_str));
            match kind {
                _ if values.is_empty() => {}
                Kind::Date | Kind::Count | Kind::Token if values.len() > 1 => return Err(bad(name, "takes one value")),
                Kind::Date if parse_date_time(one).is_none() => {
                    return Err(bad(name, format!("\"{}\" is not a date and time like 2026-01-01T00:00:00Z", crate::ids::truncate(one))))
                }
                Kind::Enum(allowed) => {
                    if let Some(v) = values.iter().find(|v| !allowed.contains(&v.as_str())) {
                        return Err(bad(name, format!("\"{}\" is not one of {}", crate::ids::truncate(v), allowed.join(", "))));
                    }
                }
                Kind::Marketplaces if values.len() > MAX_MARKETPLACES => {
                    return Err(bad(name, format!("holds {}; Amazon takes at most {MAX_MARKETPLACES}", values.len())))
                }
                Kind::Marketplaces => {
                    for id in values {
                        let m = Marketplace::by_id(id)?;
                        if m.region != endpoint.region {
                            return Err(crate::request::region_error(m, endpoint));
                        }
                    }
                }
                Kind::Count if !one.parse::<u32>().is_ok_and(|n| (1..=MAX_RESULTS_PER_PAGE).contains(&n)) => {
                    return Err(bad(
                        name,
                        format!("is {}; it must be a whole number from 1 to {MAX_RESULTS_PER_PAGE}", crate::ids::truncate(one)),
                    ))
                }
                Kind::Token if one.is_empty() || one.len() > MAX_TOKEN || one.chars().any(char::is_control) => {
                    return Err(bad(name, "is not a token Amazon gave (nextToken of the previous page)"))
                }
                _ => {}
            }
        }
        if self.op.operation_id != "searchOrders" {
            return Ok(());
        }
        let time = |name| self.get(name).first().and_then(|d| parse_date_time(d));
        let (ca, cb) = (time("createdAfter"), time("createdBefore"));
        let (ua, ub) = (time("lastUpdatedAfter"), time("lastUpdatedBefore"));
        match (ca, ua) {
            (Some(_), Some(_)) | (None, None) => Err(bad("createdAfter", "give exactly one of createdAfter and lastUpdatedAfter")),
            (Some(_), None) if ub.is_some() => Err(bad("lastUpdatedBefore", "goes with lastUpdatedAfter, not createdAfter")),
            (None, Some(_)) if cb.is_some() => Err(bad("createdBefore", "goes with createdAfter, not lastUpdatedAfter")),
            (Some(a), None) if cb.is_some_and(|b| b < a) => Err(bad("createdBefore", "is before the start of the range")),
            (None, Some(a)) if ub.is_some_and(|b| b < a) => Err(bad("lastUpdatedBefore", "is before the start of the range")),
            _ => Ok(()),
        }
    }

    /// The request, or why not: nothing is built from a query that breaks a rule.
    pub fn build(&self, endpoint: &Endpoint, access_token: &str) -> Result<HttpRequest, BuildError> {
        self.check(endpoint)?;
        let mut url = endpoint.base()? + &self.op.path_for(self.order_id.as_deref().unwrap_or(""));
        let mut sep = '?';
        // Swagger 2.0 arrays default to `collectionFormat: csv`: each value encoded, commas kept.
        for ((name, _), values) in params(self.op).iter().zip(&self.values).filter(|(_, v)| !v.is_empty()) {
            url.push(sep);
            url.push_str(name);
            url.push('=');
            for (i, v) in values.iter().enumerate() {
                if i > 0 {
                    url.push(',');
                }
                crate::http::percent_encode(&mut url, v, false);
            }
            sep = '&';
        }
        Ok(HttpRequest { method: self.op.method, url, headers: common_headers(access_token, false)?, body: None })
    }
}

/// How a kept field is read from Amazon's document.
#[derive(Debug, Clone, Copy)]
pub enum Field {
    Text,
    /// A date-time, kept as ms since the Unix epoch.
    Time,
    Bool,
    /// A marketplace id, kept as the region of our table (null for an id we don't know).
    RegionOf,
    /// An object, projected by its own table.
    Object(&'static [Keep]),
    /// An array of objects, each projected by the table.
    List(&'static [Keep]),
}

/// One field the core keeps: its name in our output, where it is in Amazon's document, how it
/// reads, and whether Amazon's model requires it. Public for tests/catalogue_drift.rs, which
/// checks each path against the model.
#[derive(Debug, Clone, Copy)]
pub struct Keep(pub &'static str, pub &'static [&'static str], pub Field, pub bool);

/// definitions.DateTimeRange → `{earliest, latest}` in ms.
pub const RANGE: [Keep; 2] =
    [Keep("earliest", &["earliestDateTime"], Field::Time, false), Keep("latest", &["latestDateTime"], Field::Time, false)];

/// definitions.OrderPackage (merchant-fulfilled orders only) and its PackageStatus.
pub const PACKAGE: [Keep; 4] = [
    Keep("packageReferenceId", &["packageReferenceId"], Field::Text, true),
    Keep("status", &["packageStatus", "status"], Field::Text, false),
    Keep("detailedStatus", &["packageStatus", "detailedStatus"], Field::Text, false),
    Keep("shippedAt", &["shipTime"], Field::Time, false),
];

/// What the core keeps of definitions.Order (see `Order` for each field).
pub const ORDER: [Keep; 10] = [
    Keep("orderId", &["orderId"], Field::Text, true),
    Keep("salesChannel", &["salesChannel", "channelName"], Field::Text, true),
    Keep("marketplaceId", &["salesChannel", "marketplaceId"], Field::Text, false),
    Keep("marketplaceName", &["salesChannel", "marketplaceName"], Field::Text, false),
    Keep("purchasedAt", &["createdTime"], Field::Time, true),
    Keep("lastUpdatedAt", &["lastUpdatedTime"], Field::Time, true),
    Keep("fulfillmentStatus", &["fulfillment", "fulfillmentStatus"], Field::Text, false),
    Keep("fulfilledBy", &["fulfillment", "fulfilledBy"], Field::Text, false),
    Keep("deliverBy", &["fulfillment", "deliverByWindow"], Field::Object(&RANGE), false),
    Keep("packages", &["packages"], Field::List(&PACKAGE), false),
];

/// sellers.json MarketplaceParticipation.
pub const PARTICIPATION: [Keep; 8] = [
    Keep("marketplaceId", &["marketplace", "id"], Field::Text, true),
    Keep("countryCode", &["marketplace", "countryCode"], Field::Text, true),
    Keep("name", &["marketplace", "name"], Field::Text, true),
    Keep("domainName", &["marketplace", "domainName"], Field::Text, false),
    Keep("storeName", &["storeName"], Field::Text, false),
    Keep("region", &["marketplace", "id"], Field::RegionOf, false),
    Keep("participating", &["participation", "isParticipating"], Field::Bool, true),
    Keep("suspendedListings", &["participation", "hasSuspendedListings"], Field::Bool, true),
];

/// getOrder's, searchOrders' and getMarketplaceParticipations' 200 bodies: what the core keeps.
const GET_ORDER_ANSWER: [Keep; 1] = [Keep("order", &["order"], Field::Object(&ORDER), true)];
const SEARCH_ANSWER: [Keep; 2] =
    [Keep("orders", &["orders"], Field::List(&ORDER), true), Keep("nextToken", &["pagination", "nextToken"], Field::Text, false)];
const PARTICIPATIONS_ANSWER: [Keep; 1] = [Keep("participations", &["payload"], Field::List(&PARTICIPATION), true)];

/// The fields of `table` read from the object at `r`, into a JSON object with every field (null
/// when Amazon left an optional one out).
fn project(r: &Reader, table: &[Keep]) -> Result<Value, ReadError> {
    let mut out = Map::new();
    for Keep(name, path, field, required) in table {
        let mut at = Some(r.clone());
        for key in *path {
            at = match at {
                Some(a) => a.get(key)?,
                None => None,
            };
        }
        let value = match (at, field) {
            (None, _) if *required => {
                let mut p = r.path().to_owned();
                for key in *path {
                    push_key(&mut p, key);
                }
                return Err(ReadError::new(p, "is missing"));
            }
            (None, _) => Value::Null,
            (Some(a), Field::Text) => Value::String(a.as_str()?.to_owned()),
            (Some(a), Field::Time) => {
                let secs = parse_date_time(a.as_str()?).ok_or_else(|| a.error("is not a date and time (RFC 3339)"))?;
                Value::from(secs.saturating_mul(1000))
            }
            (Some(a), Field::Bool) => Value::Bool(a.as_bool()?),
            (Some(a), Field::RegionOf) => Marketplace::by_id(a.as_str()?).map_or(Value::Null, |m| Value::from(m.region.as_str())),
            (Some(a), Field::Object(sub)) => {
                a.as_obj()?;
                project(&a, sub)?
            }
            (Some(a), Field::List(sub)) => {
                let mut items = Vec::new();
                for item in a.as_list()?.iter() {
                    item.as_obj()?;
                    items.push(project(&item, sub)?);
                }
                Value::Array(items)
            }
        };
        out.insert((*name).to_owned(), value);
    }
    Ok(Value::Object(out))
}

/// An order as the core keeps it (definitions.Order), read from getOrder or searchOrders. It
/// crosses to JS as it is: `{orderId, salesChannel ("AMAZON" | "NON_AMAZON"), marketplaceId,
/// marketplaceName, purchasedAt, lastUpdatedAt (ms), fulfillmentStatus, fulfilledBy, deliverBy:
/// {earliest, latest} (ms), packages: [{packageReferenceId, status, detailedStatus, shippedAt}]}`,
/// null where Amazon said nothing (no FULFILLMENT or PACKAGES asked for, or none).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Order(Value);

impl Order {
    fn text(&self, key: &str) -> Option<&str> {
        self.0.get(key).and_then(Value::as_str)
    }
    pub fn order_id(&self) -> &str {
        self.text("orderId").unwrap_or_default()
    }
    /// salesChannel.marketplaceId: the marketplace every call about this order must name.
    pub fn marketplace_id(&self) -> Option<&str> {
        self.text("marketplaceId")
    }
    /// fulfillment.fulfillmentStatus, as Amazon wrote it (`FULFILLMENT_STATUSES`, or a newer one).
    pub fn fulfillment_status(&self) -> Option<&str> {
        self.text("fulfillmentStatus")
    }
    /// fulfillment.deliverByWindow in ms: the promised delivery dates the review window counts from.
    pub fn deliver_by(&self) -> Option<DateRange> {
        let d = self.0.get("deliverBy").filter(|d| d.is_object())?;
        Some(DateRange { earliest: d.get("earliest").and_then(Value::as_i64), latest: d.get("latest").and_then(Value::as_i64) })
    }
    pub fn value(&self) -> &Value {
        &self.0
    }
}

/// A time range as milliseconds since the Unix epoch (definitions.DateTimeRange).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct DateRange {
    pub earliest: Option<i64>,
    pub latest: Option<i64>,
}

/// A 200 body read by its table: the kept fields, by name.
fn answer(doc: &Value, table: &[Keep]) -> Result<Map<String, Value>, ReadError> {
    let r = Reader::root(doc);
    r.as_obj()?;
    match project(&r, table)? {
        Value::Object(kept) => Ok(kept),
        _ => Ok(Map::new()),
    }
}

/// The items of a kept list.
fn items(kept: &mut Map<String, Value>, key: &str) -> Vec<Value> {
    match kept.get_mut(key).map(Value::take) {
        Some(Value::Array(a)) => a,
        _ => Vec::new(),
    }
}

/// getOrder's 200 body: `{"order": Order}`.
pub fn parse_order(doc: &Value) -> Result<Order, ReadError> {
    Ok(Order(answer(doc, &GET_ORDER_ANSWER)?.get_mut("order").map(Value::take).unwrap_or_default()))
}

/// searchOrders' 200 body: the page's orders and the token of the next page (absent on the last).
pub fn parse_orders(doc: &Value) -> Result<(Vec<Order>, Option<String>), ReadError> {
    let mut kept = answer(doc, &SEARCH_ANSWER)?;
    let next = kept.get("nextToken").and_then(Value::as_str).filter(|t| !t.is_empty()).map(str::to_owned);
    Ok((items(&mut kept, "orders").into_iter().map(Order).collect(), next))
}

/// A marketplace the seller can sell in (sellers.json MarketplaceParticipation), as it crosses to
/// JS: `{marketplaceId, countryCode, name, domainName, storeName, region (ours, or null),
/// participating, suspendedListings}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Participation(Value);

impl Participation {
    pub fn marketplace_id(&self) -> &str {
        self.0.get("marketplaceId").and_then(Value::as_str).unwrap_or_default()
    }
    pub fn participating(&self) -> bool {
        self.0.get("participating") == Some(&Value::Bool(true))
    }
    pub fn value(&self) -> &Value {
        &self.0
    }
}

/// getMarketplaceParticipations' 200 body: `{"payload": [MarketplaceParticipation]}`.
pub fn parse_participations(doc: &Value) -> Result<Vec<Participation>, ReadError> {
    Ok(items(&mut answer(doc, &PARTICIPATIONS_ANSWER)?, "participations").into_iter().map(Participation).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::Region;
    use serde_json::json;

    const NA: Endpoint = Endpoint { region: Region::Na, sandbox: false, base_url: None };

    fn search(v: Value) -> Result<Query, String> {
        Ok(Query::from_value(Operation::find("searchOrders").unwrap(), &Reader::arg(&v))?)
    }

    #[test]
    fn get_order_requests() {
        let q = Query::get_order("123-1234567-1234567").with("includedData", &["FULFILLMENT", "PACKAGES"]).unwrap();
        let r = q.build(&NA, "Atza|t").unwrap();
        assert_eq!(
            r.url,
            "https://sellingpartnerapi-na.amazon.com/orders/2026-01-01/orders/123-1234567-1234567?includedData=FULFILLMENT,PACKAGES"
        );
        assert_eq!((r.method.as_str(), r.header("x-amz-access-token"), r.body.as_deref()), ("GET", Some("Atza|t"), None));
        assert!(Query::get_order("123-1234567-1234567").build(&NA, "t").unwrap().url.ends_with("/orders/123-1234567-1234567"));
        assert_eq!(Query::get_order("S01-1234567-1234567").build(&NA, "t").unwrap_err().kind(), "invalidOrderId");
        let everything = Query::get_order("123-1234567-1234567").with("includedData", &["EVERYTHING"]).unwrap();
        assert_eq!(everything.build(&NA, "t").unwrap_err().to_string(), "includedData: \"EVERYTHING\" is not one of BUYER, RECIPIENT, PROCEEDS, EXPENSE, PROMOTION, CANCELLATION, FULFILLMENT, PACKAGES, TAX, PAYMENT, FULFILLMENT_ORDERS");
        assert_eq!(
            Query::get_order("123-1234567-1234567").with("marketplaceIds", &["ATVPDKIKX0DER"]).unwrap_err().to_string(),
            "query: getOrder takes no parameter \"marketplaceIds\" (it takes includedData)"
        );
        let p = Query::marketplace_participations().build(&NA, "t").unwrap();
        assert_eq!(p.url, "https://sellingpartnerapi-na.amazon.com/sellers/v1/marketplaceParticipations");
    }

    #[test]
    fn search_requests_are_checked_before_building() {
        let s = search(json!({"operation": "searchOrders", "lastUpdatedAfter": "2026-01-01T00:00:00+01:00", "marketplaceIds": ["ATVPDKIKX0DER", "A2EUQ1WTGCTBG2"], "fulfillmentStatuses": ["SHIPPED"], "maxResultsPerPage": 100, "paginationToken": "2Yg+YW5=", "includedData": ["FULFILLMENT"]})).unwrap();
        assert_eq!(
            s.build(&NA, "t").unwrap().url,
            "https://sellingpartnerapi-na.amazon.com/orders/2026-01-01/orders?lastUpdatedAfter=2026-01-01T00%3A00%3A00%2B01%3A00&fulfillmentStatuses=SHIPPED&marketplaceIds=ATVPDKIKX0DER,A2EUQ1WTGCTBG2&maxResultsPerPage=100&paginationToken=2Yg%2BYW5%3D&includedData=FULFILLMENT"
        );
        let refused = |v: Value| search(v).and_then(|s| s.build(&NA, "t").map_err(|e| e.to_string())).unwrap_err();
        let after = "2026-01-01T00:00:00Z";
        for (v, why) in [
            (json!({}), "createdAfter: give exactly one of createdAfter and lastUpdatedAfter"),
            (json!({"createdAfter": after, "lastUpdatedAfter": after}), "createdAfter: give exactly one of createdAfter and lastUpdatedAfter"),
            (json!({"createdAfter": after, "lastUpdatedBefore": after}), "lastUpdatedBefore: goes with lastUpdatedAfter, not createdAfter"),
            (json!({"lastUpdatedAfter": after, "createdBefore": after}), "createdBefore: goes with createdAfter, not lastUpdatedAfter"),
            (json!({"createdAfter": after, "createdBefore": "2025-12-31T23:59:59Z"}), "createdBefore: is before the start of the range"),
            (json!({"lastUpdatedAfter": after, "lastUpdatedBefore": "2025-12-31T23:59:59Z"}), "lastUpdatedBefore: is before the start of the range"),
            (json!({"createdAfter": "yesterday"}), "createdAfter: \"yesterday\" is not a date and time like 2026-01-01T00:00:00Z"),
            (json!({"createdAfter": [after, after]}), "createdAfter: takes one value"),
            (json!({"createdAfter": after, "fulfillmentStatuses": ["DELIVERED"]}), "fulfillmentStatuses: \"DELIVERED\" is not one of PENDING_AVAILABILITY, PENDING, UNSHIPPED, PARTIALLY_SHIPPED, SHIPPED, CANCELLED, UNFULFILLABLE"),
            (json!({"createdAfter": after, "fulfilledBy": ["ME"]}), "fulfilledBy: \"ME\" is not one of MERCHANT, AMAZON"),
            (json!({"createdAfter": after, "maxResultsPerPage": 0}), "maxResultsPerPage: is 0; it must be a whole number from 1 to 100"),
            (json!({"createdAfter": after, "maxResultsPerPage": 101}), "maxResultsPerPage: is 101; it must be a whole number from 1 to 100"),
            (json!({"createdAfter": after, "maxResultsPerPage": -1}), "maxResultsPerPage: is -1; it must be a whole number from 1 to 100"),
            (json!({"createdAfter": after, "maxResultsPerPage": 2.5}), "maxResultsPerPage must be a whole number, not a number"),
            (json!({"createdAfter": after, "marketplaceIds": vec!["ATVPDKIKX0DER"; 51]}), "marketplaceIds: holds 51; Amazon takes at most 50"),
            (json!({"createdAfter": after, "marketplaceIds": ["A1PA6795UKMFR9"]}), "marketplace A1PA6795UKMFR9 (DE) belongs to region eu, but the endpoint is region na"),
            (json!({"createdAfter": after, "marketplaceIds": ["XX"]}), "\"XX\" is not a known Amazon marketplace id"),
            (json!({"createdAfter": after, "paginationToken": ""}), "paginationToken: is not a token Amazon gave (nextToken of the previous page)"),
            (json!({"createdAfter": after, "paginationToken": "a\nb"}), "paginationToken: is not a token Amazon gave (nextToken of the previous page)"),
            (json!({"createdAfter": after, "createdAftr": after}), "createdAftr is not a field here (expected one of operation, createdAfter, createdBefore, lastUpdatedAfter, lastUpdatedBefore, fulfillmentStatuses, marketplaceIds, fulfilledBy, maxResultsPerPage, paginationToken, includedData)"),
            (json!({"createdAfter": 5}), "createdAfter: \"5\" is not a date and time like 2026-01-01T00:00:00Z"),
            (json!({"createdAfter": {}}), "createdAfter must be a string, not an object"),
            (json!({"createdAfter": [1]}), "createdAfter[0] must be a string, not a number"),
        ] {
            assert_eq!(refused(v.clone()), why, "{v}");
        }
    }

    #[test]
    fn orders_read_with_paths() {
        let doc = json!({"order": {"orderId": "123-1234567-1234567", "createdTime": "2026-01-02T03:04:05Z", "lastUpdatedTime": "2026-01-03T00:00:00Z",
            "salesChannel": {"channelName": "AMAZON", "marketplaceId": "A2EUQ1WTGCTBG2", "marketplaceName": "Amazon.ca"},
            "fulfillment": {"fulfillmentStatus": "SHIPPED", "fulfilledBy": "MERCHANT", "deliverByWindow": {"earliestDateTime": "2026-01-05T00:00:00Z", "latestDateTime": "2026-01-08T23:59:59Z"}},
            "packages": [{"packageReferenceId": "p1", "packageStatus": {"status": "DELIVERED", "detailedStatus": "DELIVERED"}, "shipTime": "2026-01-03T10:00:00Z"}],
            "orderItems": []}});
        let o = parse_order(&doc).unwrap();
        assert_eq!(o.marketplace_id(), Some("A2EUQ1WTGCTBG2"));
        assert_eq!(o.fulfillment_status(), Some("SHIPPED"));
        assert_eq!(o.deliver_by(), Some(DateRange { earliest: Some(1_767_571_200_000), latest: Some(1_767_916_799_000) }));
        assert_eq!(
            serde_json::to_value(&o).unwrap(),
            json!({"orderId": "123-1234567-1234567", "salesChannel": "AMAZON", "marketplaceId": "A2EUQ1WTGCTBG2", "marketplaceName": "Amazon.ca",
                "purchasedAt": 1_767_323_045_000i64, "lastUpdatedAt": 1_767_398_400_000i64, "fulfillmentStatus": "SHIPPED", "fulfilledBy": "MERCHANT",
                "deliverBy": {"earliest": 1_767_571_200_000i64, "latest": 1_767_916_799_000i64},
                "packages": [{"packageReferenceId": "p1", "status": "DELIVERED", "detailedStatus": "DELIVERED", "shippedAt": 1_767_434_400_000i64}]})
        );
        let bare = json!({"order": {"orderId": "1", "createdTime": "2026-01-02T03:04:05Z", "lastUpdatedTime": "2026-01-02T03:04:05Z", "salesChannel": {"channelName": "NON_AMAZON"}}});
        let o = parse_order(&bare).unwrap();
        assert_eq!((o.marketplace_id(), o.fulfillment_status(), o.deliver_by()), (None, None, None));
        assert_eq!(o.value()["packages"], Value::Null);
        for (path, value, why) in [
            (
                "/order/fulfillment/deliverByWindow/latestDateTime",
                json!("soon"),
                "$.order.fulfillment.deliverByWindow.latestDateTime is not a date and time (RFC 3339)",
            ),
            ("/order/salesChannel", Value::Null, "$.order.salesChannel.channelName is missing"),
            ("/order/salesChannel", json!("Amazon.ca"), "$.order.salesChannel must be an object, not a string"),
            ("/order/createdTime", json!(5), "$.order.createdTime must be a string, not a number"),
            ("/order/packages", json!({}), "$.order.packages must be an array, not an object"),
            ("/order/packages/0/packageStatus", json!([]), "$.order.packages[0].packageStatus must be an object, not an array"),
            ("/order/packages/0", json!(1), "$.order.packages[0] must be an object, not a number"),
            ("/order", json!([]), "$.order must be an object, not an array"),
        ] {
            let mut broken = doc.clone();
            *broken.pointer_mut(path).unwrap() = value;
            assert_eq!(parse_order(&broken).unwrap_err().to_string(), why, "{path}");
        }
    }

    #[test]
    fn participations_read() {
        let doc = json!({"payload": [
            {"marketplace": {"id": "ATVPDKIKX0DER", "countryCode": "US", "name": "Amazon.com", "domainName": "www.amazon.com", "defaultCurrencyCode": "USD", "defaultLanguageCode": "en_US"}, "storeName": "S", "participation": {"isParticipating": true, "hasSuspendedListings": false}},
            {"marketplace": {"id": "A1NEWMARKET", "countryCode": "XX", "name": "Amazon.xx"}, "participation": {"isParticipating": false, "hasSuspendedListings": true}}]});
        let p = parse_participations(&doc).unwrap();
        assert_eq!(p[0].value()["region"], "na");
        assert!(p[0].participating() && !p[1].participating());
        assert_eq!(
            (p[1].marketplace_id(), &p[1].value()["region"], &p[1].value()["storeName"]),
            ("A1NEWMARKET", &Value::Null, &Value::Null)
        );
        let mut broken = doc;
        broken["payload"][1]["participation"] = json!({"isParticipating": "yes"});
        assert_eq!(
            parse_participations(&broken).unwrap_err().to_string(),
            "$.payload[1].participation.isParticipating must be true or false, not a string"
        );
    }
}
