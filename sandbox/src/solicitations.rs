//! Solicitations v1 (solicitations.json): the actions for an order and the one solicitation there
//! is, a product review and seller feedback request — once per order, inside the 5–30 day window.
use crate::errors::{json_response, ApiError};
use crate::gate::{Need, Op, RequestId};
use crate::hal::{actions_document, Action};
use crate::limits::SP_API;
use crate::request::target;
use crate::scenario::ActionsDocument;
use crate::static_pairs;
use crate::world::Sandbox;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Extension;
use serde_json::json;

const GET_ACTIONS: Op = Op::sp_api("getSolicitationActionsForOrder", SP_API, Need::BuyerSolicitation);
const CREATE: Op = Op::sp_api("createProductReviewAndSellerFeedbackSolicitation", SP_API, Need::BuyerSolicitation);
const NAME: &str = "productReviewAndSellerFeedback";
const TITLE: &str = "Request seller feedback and product review";

pub async fn actions(State(sb): State<Sandbox>, Path(order): Path<String>, RawQuery(query): RawQuery, headers: HeaderMap) -> Response {
    sb.call(&GET_ACTIONS, &headers, query.as_deref(), |w, _| {
        if sb.config.static_mode {
            return static_pairs::answer(GET_ACTIONS.id, &[("amazonOrderId", &order)], query.as_deref(), None);
        }
        let t = target(&order, query.as_deref(), &headers)?;
        let now = w.clock.now();
        let eligible = w.order(&t)?.review_request(now).is_ok();
        let base = format!("/solicitations/v1/orders/{order}");
        // The tutorial seed's schema for this action: no payload (`properties: {}`), hidden from UIs.
        let schema = json!({
            "type": "object", "name": NAME, "title": TITLE, "description": TITLE,
            "properties": {}, "required": [], "$schema": "http://json-schema.org/draft-04/schema#", "x-ui-hidden": true,
        });
        let offered: Vec<Action> = if eligible {
            vec![Action { name: NAME, title: TITLE, path: format!("{base}/solicitations/{NAME}"), schema: Some(schema) }]
        } else {
            vec![]
        };
        Ok(json_response(StatusCode::OK, &actions_document(&base, &t.marketplace_id, &offered, ActionsDocument::Embedded)))
    })
    .await
}

pub async fn create(
    State(sb): State<Sandbox>,
    Path(order): Path<String>,
    RawQuery(query): RawQuery,
    Extension(rid): Extension<RequestId>,
    headers: HeaderMap,
) -> Response {
    sb.call(&CREATE, &headers, query.as_deref(), |w, _| {
        if sb.config.static_mode {
            return static_pairs::answer(CREATE.id, &[("amazonOrderId", &order)], query.as_deref(), None);
        }
        let t = target(&order, query.as_deref(), &headers)?;
        let now = w.clock.now();
        let o = w.order(&t)?;
        o.review_request(now).map_err(|why| ApiError::unauthorized(why.message()))?;
        o.solicited_at = Some(now);
        o.messages.push(crate::rules::SentMessage {
            kind: NAME.into(),
            at: crate::scenario::format_date(now),
            request_id: rid.0,
            body: json!({}),
        });
        Ok(json_response(StatusCode::CREATED, &json!({})))
    })
    .await
}
