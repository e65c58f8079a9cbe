//! `--static`: answers exactly like Amazon's static sandbox, from the request/response pairs of
//! the models (`x-amzn-api-sandbox` in ../shared/spapi/models, and the seed Messaging model's
//! `x-amazon-spds-sandbox-behaviors`; Orders 2026-01-01 and Sellers), copied into
//! data/static-pairs.json; sandbox/tests/models.rs keeps the copy equal to the models and replays
//! every pair.
use crate::errors::{json_response, ApiError};
use crate::request::query_values;
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

/// The pair whose parameters all match, the most specific first: path parameters (`path`),
/// query parameters (a pair's array value against the query's values, repeated or
/// comma-separated), and the body. No match is the sandbox's 400.
pub fn answer(operation: &str, path: &[(&str, &str)], query: Option<&str>, body: Option<&Value>) -> Result<Response, ApiError> {
    let matching = pairs().iter().filter(|p| p.operation_id == operation).filter_map(|p| {
        let params = p.request["parameters"].as_object()?;
        for (name, want) in params {
            let want = &want["value"];
            let ok = if name == "body" {
                Some(want) == body
            } else if let Some((_, got)) = path.iter().find(|(n, _)| n == name) {
                want.as_str() == Some(*got)
            } else {
                let got = query_values(query, name);
                match want {
                    Value::Array(list) => list.iter().map(Value::as_str).eq(got.iter().map(|g| Some(g.as_str()))),
                    Value::String(one) => got == [one.as_str()],
                    _ => false,
                }
            };
            if !ok {
                return None;
            }
        }
        Some((params.len(), p))
    });
    match matching.max_by_key(|(s, _)| *s) {
        Some((_, p)) => Ok(json_response(StatusCode::from_u16(p.status).unwrap_or(StatusCode::OK), &p.response)),
        None => Err(ApiError::invalid_input(
            "Could not match input arguments: the static sandbox answers only the requests of its documented examples.",
        )),
    }
}
