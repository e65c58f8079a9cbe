//! Sellers v1 (sellers.json): `getMarketplaceParticipations`, the marketplaces the seller sells
//! in — those of the calling token's region (a refresh token is per region), from the
//! application's `marketplaces` or, absent, every marketplace the scenario has orders in.
//!
//! Amazon lists the roles that may call it (Product Listing, Selling Partner Insights, … and in FE
//! also Buyer Communication, Inventory and Order Tracking); the scenario's roles don't model
//! those, so any seller's token may call it here.
use crate::errors::json_response;
use crate::gate::{Need, Op};
use crate::limits::PARTICIPATIONS;
use crate::marketplaces::{info_of, region_of};
use crate::orders::sorted_marketplaces;
use crate::static_pairs;
use crate::world::Sandbox;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{json, Value};

const GET: Op = Op::sp_api("getMarketplaceParticipations", PARTICIPATIONS, Need::Nothing);

pub async fn participations(State(sb): State<Sandbox>, RawQuery(query): RawQuery, headers: HeaderMap) -> Response {
    sb.call(&GET, &headers, query.as_deref(), |w, caller| {
        if sb.config.static_mode {
            return static_pairs::answer(GET.id, &[], query.as_deref(), None);
        }
        let app = w.scenario.applications.iter().find(|a| a.client_id == caller.client_id);
        let ids: Vec<&'static str> = match app.and_then(|a| a.marketplaces.as_ref()) {
            Some(list) => sorted_marketplaces(list.iter().map(String::as_str)),
            None => sorted_marketplaces(w.scenario.orders.iter().map(|o| o.marketplace_id.as_str())),
        };
        let store = app.and_then(|a| a.store_name.clone()).unwrap_or_else(|| "sp-sandbox store".into());
        let payload: Vec<Value> = ids
            .into_iter()
            .filter(|m| caller.region.is_none_or(|r| region_of(m) == Some(r)))
            .filter_map(info_of)
            .map(|i| {
                json!({
                    "marketplace": {
                        "id": i.id, "countryCode": i.country_code, "name": i.name, "defaultCurrencyCode": i.currency,
                        "defaultLanguageCode": i.language, "domainName": i.domain_name(),
                    },
                    "storeName": store,
                    "participation": {"isParticipating": true, "hasSuspendedListings": false},
                })
            })
            .collect();
        Ok(json_response(StatusCode::OK, &json!({"payload": payload})))
    })
    .await
}
