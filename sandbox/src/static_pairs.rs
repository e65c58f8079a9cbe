//! `--static`: answers exactly like Amazon's static sandbox, from the request/response pairs of
//! the models (`x-amzn-api-sandbox` in ../shared/spapi/models, and the seed Messaging model's
//! `x-amazon-spds-sandbox-behaviors`), copied into data/static-pairs.json; sandbox/tests/
//! static_mode.rs keeps the copy equal to the models and replays every pair.
use crate::errors::{json_response, ApiError};
use crate::gate::marketplace_ids;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use serde_json::Value;
use std::sync::OnceLock;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Pair {
    pub operation_id: String,
    pub status: u16,
    pub request: Value,
    pub response: Value,
}

pub fn pairs() -> &'static [Pair] {
    static PAIRS: OnceLock<Vec<Pair>> = OnceLock::new();
    PAIRS.get_or_init(|| serde_json::from_str(include_str!("../data/static-pairs.json")).expect("data/static-pairs.json is valid"))
}

/// The pair whose parameters all match (order id, and the marketplaces and body where the pair
/// names them), the most specific first; no match is the sandbox's 400.
pub fn answer(operation: &str, order_id: &str, query: Option<&str>, body: Option<&Value>) -> Result<Response, ApiError> {
    let markets = marketplace_ids(query);
    let matching = pairs().iter().filter(|p| p.operation_id == operation).filter_map(|p| {
        let params = &p.request["parameters"];
        let mut specificity = 0;
        if params["amazonOrderId"]["value"].as_str() != Some(order_id) {
            return None;
        }
        if let Some(m) = params.get("marketplaceIds") {
            let want: Vec<&str> = m["value"].as_array()?.iter().filter_map(Value::as_str).collect();
            if want != markets {
                return None;
            }
            specificity += 1;
        }
        if let Some(b) = params.get("body") {
            if Some(&b["value"]) != body {
                return None;
            }
            specificity += 1;
        }
        Some((specificity, p))
    });
    match matching.max_by_key(|(s, _)| *s) {
        Some((_, p)) => Ok(json_response(StatusCode::from_u16(p.status).unwrap_or(StatusCode::OK), &p.response)),
        None => Err(ApiError::invalid_input(
            "Could not match input arguments: the static sandbox answers only the requests of its documented examples.",
        )),
    }
}
