//! Reading a request as Amazon does: query parameters (arrays repeated or comma-separated), the
//! order and marketplace a Messaging or Solicitations call is about, the region the endpoint
//! serves, and JSON bodies. Shared by every handler; imports no handler.
use crate::errors::ApiError;
use crate::hosts;
use crate::marketplaces::{is_order_id, region_of, Region};
use axum::http::{header, HeaderMap};

/// Every value of a query parameter: repeated (`a=1&a=2`) or comma-separated (`a=1,2`), empty
/// ones dropped.
pub fn query_values(query: Option<&str>, name: &str) -> Vec<String> {
    form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .filter(|(k, _)| k == name)
        .flat_map(|(_, v)| v.split(',').map(str::to_owned).collect::<Vec<_>>())
        .filter(|v| !v.is_empty())
        .collect()
}

/// The first value of a query parameter, as sent (no comma splitting).
pub fn query_param(query: Option<&str>, name: &str) -> Option<String> {
    form_urlencoded::parse(query.unwrap_or_default().as_bytes()).find(|(k, _)| k == name).map(|(_, v)| v.into_owned())
}

/// `marketplaceIds` as the query gives them.
pub fn marketplace_ids(query: Option<&str>) -> Vec<String> {
    query_values(query, "marketplaceIds")
}

/// The region the SP-API host name serves; `None` on 127.0.0.1 and other names.
pub fn endpoint_region(headers: &HeaderMap) -> Option<Region> {
    Region::of_host(hosts::host(headers))
}

/// The order and marketplace a Messaging or Solicitations call is about.
pub struct Target {
    pub order_id: String,
    pub marketplace_id: String,
}

/// Checks the path's order id and the query's single marketplace (facts.md: "a required query
/// array marketplaceIds with exactly one value"), and that the endpoint serves that marketplace.
pub fn target(order_id: &str, query: Option<&str>, headers: &HeaderMap) -> Result<Target, ApiError> {
    if !is_order_id(order_id) {
        return Err(ApiError::invalid_input(format!("amazonOrderId {order_id:?} is not an Amazon order id (ddd-ddddddd-ddddddd).")));
    }
    let ids = marketplace_ids(query);
    let marketplace_id = match ids.as_slice() {
        [] => return Err(ApiError::invalid_input("marketplaceIds: Missing or invalid request parameter: marketplaceIds is required.")),
        [one] => one.clone(),
        _ => return Err(ApiError::invalid_input(format!("marketplaceIds: Only one marketplace can be specified; got {}.", ids.len()))),
    };
    let Some(region) = region_of(&marketplace_id) else {
        return Err(ApiError::invalid_input(format!("marketplaceIds: Invalid marketplaceId {marketplace_id:?}.")));
    };
    if let Some(served) = endpoint_region(headers) {
        if served != region {
            return Err(ApiError::invalid_input(format!(
                "marketplaceIds: Marketplace {marketplace_id} belongs to the {} region; this endpoint serves {}.",
                region.name(),
                served.name()
            )));
        }
    }
    Ok(Target { order_id: order_id.to_owned(), marketplace_id })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_arrays() {
        let q = Some("a=1,2&b=x&a=3&a=&marketplaceIds=ATVPDKIKX0DER");
        assert_eq!(query_values(q, "a"), ["1", "2", "3"]);
        assert_eq!(query_param(q, "b").as_deref(), Some("x"));
        assert_eq!(marketplace_ids(q), ["ATVPDKIKX0DER"]);
        assert!(query_values(None, "a").is_empty());
    }
}
