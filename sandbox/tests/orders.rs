//! Orders 2026-01-01 and Sellers from the scenario, every answer checked against the model's
//! response schema (../shared/spapi/models); refresh tokens per region; the Orders role;
//! grantless tokens; `--static` taking any app.
mod common;

use axum::body::Body;
use axum::http::{Method, StatusCode};
use common::*;
use serde_json::{json, Value};
use sp_sandbox::Config;
use std::collections::BTreeSet;

fn model(file: &str) -> Value {
    let path = format!("{}/../../shared/spapi/models/{file}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))).unwrap()
}

/// Validates `doc` against definition `name` of a model (draft-04, as Swagger 2.0 schemas are).
fn assert_valid(file: &str, name: &str, doc: &Value) {
    let m = model(file);
    let schema = json!({"$ref": format!("#/definitions/{name}"), "definitions": m["definitions"]});
    let v = jsonschema::draft4::new(&schema).unwrap();
    let errors: Vec<String> = v.iter_errors(doc).map(|e| format!("{}: {e}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{name}: {errors:?}\n{doc}");
}

const ALL: &str =
    "includedData=BUYER,RECIPIENT,PROCEEDS,FULFILLMENT,PACKAGES,EXPENSE,PROMOTION,CANCELLATION,TAX,PAYMENT,FULFILLMENT_ORDERS";

#[tokio::test]
async fn get_order_answers_in_the_models_shape_from_the_scenario() {
    let (_, app) = sandbox();
    let token = login(&app).await;
    let a = get(&app, &token, &format!("/orders/2026-01-01/orders/{ELIGIBLE}?{ALL}")).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text);
    assert_valid("orders_2026-01-01.json", "GetOrderResponse", &a.json());
    let o = &a.json()["order"];
    assert_eq!(o["salesChannel"], json!({"channelName": "AMAZON", "marketplaceId": US, "marketplaceName": "Amazon.com"}));
    assert_eq!(o["createdTime"], "2026-10-09T12:00:00Z", "purchaseDate now-45d");
    assert_eq!(o["fulfillment"]["fulfillmentStatus"], "SHIPPED");
    assert_eq!(
        o["fulfillment"]["deliverByWindow"],
        json!({"earliestDateTime": "2026-11-12T12:00:00Z", "latestDateTime": "2026-11-13T12:00:00Z"}),
        "the scenario's delivery dates"
    );
    assert_eq!(o["packages"][0]["packageStatus"]["status"], "DELIVERED", "merchant-fulfilled, past the latest delivery date");
    assert!(o["orderItems"].as_array().is_some_and(|i| !i.is_empty()), "items are always included");
    assert_eq!(a.header("x-amzn-ratelimit-limit"), Some("0.5"));
    assert!(o.get("refunded").is_none() && o.get("returned").is_none(), "the model has no field for refunds or returns");

    // Without includedData: ids, times, sales channel and items only.
    let bare = get(&app, &token, &format!("/orders/2026-01-01/orders/{ELIGIBLE}")).await.json();
    assert_valid("orders_2026-01-01.json", "GetOrderResponse", &bare);
    let keys: BTreeSet<&str> = bare["order"].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, BTreeSet::from(["orderId", "createdTime", "lastUpdatedTime", "salesChannel", "orderItems"]));

    for (id, status) in [(CANCELED, "CANCELLED"), (UNSHIPPED, "UNSHIPPED")] {
        let a = get(&app, &token, &format!("/orders/2026-01-01/orders/{id}?includedData=FULFILLMENT,PACKAGES")).await.json();
        assert_valid("orders_2026-01-01.json", "GetOrderResponse", &a);
        assert_eq!(a["order"]["fulfillment"]["fulfillmentStatus"], status);
        assert!(a["order"].get("packages").is_none(), "{id}: nothing shipped");
    }
    // The UK order, with page details.
    let uk = get(&app, &token, &format!("/orders/2026-01-01/orders/{UK_ORDER}?includedData=BUYER")).await.json();
    assert_eq!(uk["order"]["buyer"]["buyerName"], "Amelia Clarke");
    assert_eq!(uk["order"]["salesChannel"]["marketplaceName"], "Amazon.co.uk");

    // On a regional host, another region's order does not exist; nor does an unknown one.
    let on_na = |id: &str| {
        let (app, token, uri) = (app.clone(), token.clone(), format!("/orders/2026-01-01/orders/{id}"));
        async move {
            send(&app, Method::GET, &uri, &[("x-amz-access-token", &token), ("host", "sellingpartnerapi-na.amazon.com")], Body::empty())
                .await
        }
    };
    assert_eq!(on_na(ELIGIBLE).await.status, StatusCode::OK);
    assert_eq!(on_na(UK_ORDER).await.status, StatusCode::NOT_FOUND);
    assert_eq!(on_na("999-9999999-9999999").await.status, StatusCode::NOT_FOUND);
    let bad = get(&app, &token, "/orders/2026-01-01/orders/TEST_CASE_400").await;
    assert_eq!((bad.status, bad.error().0.as_str()), (StatusCode::BAD_REQUEST, "InvalidInput"));
    assert!(bad.error().1.starts_with("orderId: "), "{}", bad.text);
    let bad = get(&app, &token, &format!("/orders/2026-01-01/orders/{ELIGIBLE}?includedData=EVERYTHING")).await;
    assert!(bad.error().1.starts_with("includedData: "), "{}", bad.text);
}

/// Every page of a search, following nextToken (URL-encoded, as it may hold + / =).
async fn all_pages(app: &axum::Router, token: &str, query: &str) -> (Vec<String>, usize) {
    let (mut ids, mut pages, mut next) = (vec![], 0, None::<String>);
    loop {
        let q = match &next {
            Some(t) => format!("{query}&paginationToken={}", form_urlencoded::byte_serialize(t.as_bytes()).collect::<String>()),
            None => query.to_owned(),
        };
        let a = get(app, token, &format!("/orders/2026-01-01/orders?{q}")).await;
        assert_eq!(a.status, StatusCode::OK, "{q}: {}", a.text);
        let doc = a.json();
        assert_valid("orders_2026-01-01.json", "SearchOrdersResponse", &doc);
        pages += 1;
        ids.extend(doc["orders"].as_array().unwrap().iter().map(|o| o["orderId"].as_str().unwrap().to_owned()));
        match doc["pagination"]["nextToken"].as_str() {
            Some(t) => next = Some(t.to_owned()),
            None => return (ids, pages),
        }
    }
}

#[tokio::test]
async fn search_orders_filters_and_pages_with_opaque_tokens() {
    let (sb, app) = sandbox();
    let token = login(&app).await;
    let (ids, pages) = all_pages(&app, &token, &format!("createdAfter=2026-01-01T00:00:00Z&maxResultsPerPage=2&{ALL}")).await;
    let unique: BTreeSet<&String> = ids.iter().collect();
    assert_eq!((ids.len(), unique.len(), pages), (7, 7, 4), "every order once, two a page: {ids:?}");
    let first = get(&app, &token, "/orders/2026-01-01/orders?createdAfter=2026-01-01").await;
    assert_eq!(first.json()["createdBefore"], "2026-11-23T11:58:00Z", "the upper bound used: two minutes before now");
    assert_eq!(first.header("x-amzn-ratelimit-limit"), Some("0.0056"));

    let count = |q: &'static str| {
        let (app, token) = (app.clone(), token.clone());
        async move { all_pages(&app, &token, q).await.0.len() }
    };
    assert_eq!(count("createdAfter=2026-01-01T00:00:00Z&fulfillmentStatuses=SHIPPED").await, 5);
    assert_eq!(count("createdAfter=2026-01-01T00:00:00Z&fulfillmentStatuses=UNSHIPPED,CANCELLED").await, 2);
    assert_eq!(count("createdAfter=2026-01-01T00:00:00Z&marketplaceIds=A1F83G8C2ARO7P&marketplaceIds=A1PA6795UKMFR9").await, 1);
    assert_eq!(count("createdAfter=2026-01-01T00:00:00Z&marketplaceIds=ATVPDKIKX0DER,A2EUQ1WTGCTBG2").await, 5);
    assert_eq!(count("createdAfter=2026-01-01T00:00:00Z&fulfilledBy=AMAZON").await, 0);
    assert_eq!(count("lastUpdatedAfter=2026-10-10T12:00:00Z").await, 6, "shipped and canceled: updated a day after purchase");
    assert_eq!(count("lastUpdatedAfter=2026-10-10T12:00:01Z").await, 0);
    // On a regional host, that region's orders only.
    let na = send(
        &app,
        Method::GET,
        "/orders/2026-01-01/orders?createdAfter=2026-01-01",
        &[("x-amz-access-token", &token), ("host", "sellingpartnerapi-na.amazon.com")],
        Body::empty(),
    )
    .await
    .json();
    assert_eq!(na["orders"].as_array().unwrap().len(), 5, "the US orders");

    let fifty_one = vec!["marketplaceIds=ATVPDKIKX0DER"; 51].join("&");
    for (query, reason) in [
        ("".to_owned(), "createdAfter, lastUpdatedAfter"),
        ("createdAfter=2026-01-01&lastUpdatedAfter=2026-01-01".into(), "not both"),
        ("createdAfter=2026-01-01&lastUpdatedBefore=2026-02-01".into(), "lastUpdatedBefore: cannot be combined"),
        ("lastUpdatedAfter=2026-01-01&createdBefore=2026-02-01".into(), "createdBefore: cannot be combined"),
        ("createdAfter=2026-02-01&createdBefore=2026-01-01".into(), "createdBefore: must be equal to or after"),
        ("createdAfter=2026-11-23T11:59:00Z".into(), "two minutes before"),
        ("createdAfter=2026-01-01&createdBefore=2026-11-23T11:59:00Z".into(), "two minutes before"),
        ("createdAfter=yesterday".into(), "ISO 8601"),
        ("createdAfter=2026-01-01&fulfillmentStatuses=SENT".into(), "fulfillmentStatuses: "),
        ("createdAfter=2026-01-01&maxResultsPerPage=0".into(), "maxResultsPerPage: "),
        ("createdAfter=2026-01-01&maxResultsPerPage=101".into(), "maxResultsPerPage: "),
        ("createdAfter=2026-01-01&marketplaceIds=XX".into(), "marketplaceIds: Invalid"),
        ("createdAfter=2026-01-01&marketplaceIds=A1F83G8C2ARO7P,A1VC38T7YXB528".into(), "belongs to the fe region"),
        (format!("createdAfter=2026-01-01&{fifty_one}"), "at most 50"),
        ("createdAfter=2026-01-01&fulfilledBy=ME".into(), "fulfilledBy: "),
        ("createdAfter=2026-01-01&paginationToken=bm9wZQ%3D%3D".into(), "paginationToken: Invalid"),
    ] {
        let a = get(&app, &token, &format!("/orders/2026-01-01/orders?{query}")).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{query}: {}", a.text);
        assert!(a.error().1.contains(reason), "{query}: {}", a.text);
        assert_eq!(a.header("x-amzn-ratelimit-limit"), Some("0.0056"));
    }
    // A token is for its own search, and lasts a day.
    let page = get(&app, &token, "/orders/2026-01-01/orders?createdAfter=2026-01-01&maxResultsPerPage=1").await.json();
    let next: String = form_urlencoded::byte_serialize(page["pagination"]["nextToken"].as_str().unwrap().as_bytes()).collect();
    let other = get(&app, &token, &format!("/orders/2026-01-01/orders?createdAfter=2026-02-01&paginationToken={next}")).await;
    assert!(other.error().1.contains("other parameters"), "{}", other.text);
    assert_eq!(get(&app, &token, &format!("/orders/2026-01-01/orders?paginationToken={next}")).await.status, StatusCode::OK);
    sb.world().clock.advance(time::Duration::hours(25));
    let token = login(&app).await;
    let expired = get(&app, &token, &format!("/orders/2026-01-01/orders?paginationToken={next}")).await;
    assert!(expired.error().1.contains("expired"), "{}", expired.text);
}

/// Logs in with the built-in app of a scenario that names none.
async fn login_default(app: &axum::Router) -> String {
    let form = "grant_type=refresh_token&refresh_token=Atzr%7Csandbox-refresh-token&client_id=amzn1.application-oa2-client.sandbox&client_secret=sandbox-client-secret";
    let a = send(app, Method::POST, "/auth/o2/token", &[("content-type", "application/x-www-form-urlencoded")], form).await;
    a.json()["access_token"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn orders_not_placed_yet_do_not_exist() {
    let (sb, app) = sandbox();
    let later = r#"{"now":"2026-11-23T12:00:00Z","orders":[{"amazonOrderId":"111-0000000-0000009","marketplaceId":"ATVPDKIKX0DER","status":"Shipped","purchaseDate":"now+2d","earliestDeliveryDate":"now+4d","latestDeliveryDate":"now+5d","buyerLocale":"en-US"}]}"#;
    send(&app, Method::PUT, "/_sandbox/scenario", &[], later).await;
    sb.world().clock.freeze(true);
    let token = login_default(&app).await;
    let uri = "/orders/2026-01-01/orders/111-0000000-0000009";
    assert_eq!(get(&app, &token, uri).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        get(&app, &token, &format!("/messaging/v1/orders/111-0000000-0000009?marketplaceIds={US}")).await.status,
        StatusCode::NOT_FOUND
    );
    sb.world().clock.advance(time::Duration::days(3));
    let token = login_default(&app).await;
    assert_eq!(get(&app, &token, uri).await.status, StatusCode::OK);
}

#[tokio::test]
async fn rates_like_amazon_for_orders_and_participations() {
    let (_, app) = sandbox_with(Config { rate_scale: 1.0, ..Config::default() });
    let token = login(&app).await;
    let mut statuses = vec![];
    for _ in 0..21 {
        statuses.push(get(&app, &token, "/orders/2026-01-01/orders?createdAfter=2026-01-01").await.status.as_u16());
    }
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 20, "burst 20, then 0.0056/s: {statuses:?}");
    assert_eq!(statuses[20], 429);
    let mut ok = 0;
    for _ in 0..31 {
        ok += usize::from(get(&app, &token, &format!("/orders/2026-01-01/orders/{ELIGIBLE}")).await.status == StatusCode::OK);
    }
    assert_eq!(ok, 30, "getOrder: burst 30");
    let mut ok = 0;
    for _ in 0..16 {
        ok += usize::from(get(&app, &token, "/sellers/v1/marketplaceParticipations").await.status == StatusCode::OK);
    }
    assert_eq!(ok, 15, "participations: burst 15");
}

#[tokio::test]
async fn participations_are_the_marketplaces_of_the_tokens_region() {
    let (sb, app) = sandbox();
    let token = login(&app).await;
    let on = |host: &'static str| {
        let (app, token) = (app.clone(), token.clone());
        async move {
            send(
                &app,
                Method::GET,
                "/sellers/v1/marketplaceParticipations",
                &[("x-amz-access-token", &token), ("host", host)],
                Body::empty(),
            )
            .await
        }
    };
    let ids = |doc: &Value| {
        doc["payload"].as_array().unwrap().iter().map(|p| p["marketplace"]["id"].as_str().unwrap().to_owned()).collect::<Vec<_>>()
    };
    let na = on("sellingpartnerapi-na.amazon.com").await;
    assert_eq!(na.header("x-amzn-ratelimit-limit"), Some("0.016"));
    let doc = na.json();
    assert_valid("sellers.json", "GetMarketplaceParticipationsResponse", &doc);
    assert_eq!(ids(&doc), [US]);
    assert_eq!(
        doc["payload"][0]["marketplace"],
        json!({"id": US, "countryCode": "US", "name": "Amazon.com", "defaultCurrencyCode": "USD", "defaultLanguageCode": "en_US", "domainName": "www.amazon.com"}),
        "as sellers.json's example"
    );
    assert_eq!(ids(&on("sellingpartnerapi-eu.amazon.com").await.json()), [UK]);
    assert_eq!(ids(&on("127.0.0.1").await.json()), [US, UK, JP], "an all-regions token off the regional hosts");
    sb.world().scenario.applications[0].marketplaces = Some(vec!["A2EUQ1WTGCTBG2".into(), US.into()]);
    sb.world().scenario.applications[0].store_name = Some("Maple Goods".into());
    let doc = on("sellingpartnerapi-na.amazon.com").await.json();
    assert_eq!(ids(&doc), ["A2EUQ1WTGCTBG2", US]);
    assert_eq!(doc["payload"][0]["storeName"], "Maple Goods");
}

#[tokio::test]
async fn the_orders_api_needs_inventory_and_order_tracking() {
    let (sb, app) = sandbox();
    sb.world().scenario.applications[0].roles =
        Some(vec![sp_sandbox::scenario::Role::BuyerCommunication, sp_sandbox::scenario::Role::BuyerSolicitation]);
    let token = login(&app).await;
    let denied = get(&app, &token, &format!("/orders/2026-01-01/orders/{ELIGIBLE}")).await;
    assert_eq!((denied.status, denied.error().1.as_str()), (StatusCode::FORBIDDEN, "Access to requested resource is denied."));
    assert!(denied.details().contains("Inventory and Order Tracking"), "{}", denied.text);
    assert_eq!(get(&app, &token, "/orders/2026-01-01/orders?createdAfter=2026-01-01").await.status, StatusCode::FORBIDDEN);
    assert_eq!(get(&app, &token, "/sellers/v1/marketplaceParticipations").await.status, StatusCode::OK);
    let roles: Vec<sp_sandbox::scenario::Role> = serde_json::from_str(r#"["inventoryAndOrderTracking"]"#).unwrap();
    sb.world().scenario.applications[0].roles = Some(roles);
    let token = login(&app).await;
    assert_eq!(get(&app, &token, &format!("/orders/2026-01-01/orders/{ELIGIBLE}")).await.status, StatusCode::OK);
    assert_eq!(get(&app, &token, &format!("/messaging/v1/orders/{ELIGIBLE}?marketplaceIds={US}")).await.status, StatusCode::FORBIDDEN);
}

const MERGED: &str = r#"{"now":"2026-11-23T12:00:00Z","applications":[{"clientId":"amzn1.application-oa2-client.merged","clientSecret":"s","refreshTokens":{"na":"Atzr|na-token","eu":"Atzr|eu-token"}}],
 "orders":[{"amazonOrderId":"111-0000000-0000001","marketplaceId":"ATVPDKIKX0DER","status":"Shipped","purchaseDate":"now-20d","earliestDeliveryDate":"now-12d","latestDeliveryDate":"now-10d","buyerLocale":"en-US"},
           {"amazonOrderId":"302-0000000-0000002","marketplaceId":"A1PA6795UKMFR9","status":"Shipped","purchaseDate":"now-20d","earliestDeliveryDate":"now-12d","latestDeliveryDate":"now-10d","buyerLocale":"de-DE"}]}"#;

async fn token_for(app: &axum::Router, refresh: &str) -> (StatusCode, Value) {
    let form = format!(
        "grant_type=refresh_token&refresh_token={}&client_id=amzn1.application-oa2-client.merged&client_secret=s",
        refresh.replace('|', "%7C")
    );
    let a = send(app, Method::POST, "/auth/o2/token", &[("content-type", "application/x-www-form-urlencoded")], form).await;
    (a.status, a.json())
}

#[tokio::test]
async fn one_app_a_refresh_token_per_region_and_tokens_bound_to_their_region() {
    let (sb, app) = sandbox();
    assert_eq!(send(&app, Method::PUT, "/_sandbox/scenario", &[], MERGED).await.status, StatusCode::OK);
    sb.world().clock.freeze(true);
    let (status, na) = token_for(&app, "Atzr|na-token").await;
    assert_eq!((status, na["refresh_token"].as_str()), (StatusCode::OK, Some("Atzr|na-token")));
    let (_, eu) = token_for(&app, "Atzr|eu-token").await;
    assert_eq!(token_for(&app, "Atzr|fe-token").await.1["error"], "invalid_grant");
    let call = |token: Value, host: &'static str, uri: String| {
        let app = app.clone();
        async move {
            let t = token["access_token"].as_str().unwrap().to_owned();
            send(&app, Method::GET, &uri, &[("x-amz-access-token", &t), ("host", host)], Body::empty()).await
        }
    };
    let us = "/solicitations/v1/orders/111-0000000-0000001?marketplaceIds=ATVPDKIKX0DER".to_owned();
    let de = "/solicitations/v1/orders/302-0000000-0000002?marketplaceIds=A1PA6795UKMFR9".to_owned();
    assert_eq!(call(na.clone(), "sellingpartnerapi-na.amazon.com", us.clone()).await.status, StatusCode::OK);
    assert_eq!(call(eu.clone(), "sellingpartnerapi-eu.amazon.com", de.clone()).await.status, StatusCode::OK);
    let wrong = call(na.clone(), "sellingpartnerapi-eu.amazon.com", de.clone()).await;
    assert_eq!((wrong.status, wrong.error().0.as_str()), (StatusCode::FORBIDDEN, "Unauthorized"));
    assert!(wrong.details().contains("issued for the na region"), "{}", wrong.text);
    // Off the regional hosts, the marketplace tells the region.
    assert_eq!(call(eu.clone(), "127.0.0.1", us).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        call(eu.clone(), "127.0.0.1", "/sellers/v1/marketplaceParticipations".into()).await.json()["payload"][0]["marketplace"]["id"],
        "A1PA6795UKMFR9"
    );
    let found = call(eu, "127.0.0.1", "/orders/2026-01-01/orders?createdAfter=2026-01-01".into()).await.json();
    assert_eq!(found["orders"].as_array().unwrap().len(), 1, "the EU token's region only: {found}");

    for (bad, why) in [
        (r#"{"applications":[{"clientId":"a","clientSecret":"s"}]}"#, "needs refreshTokens"),
        (r#"{"applications":[{"clientId":"a","clientSecret":"s","refreshTokens":{"na":"t","eu":"t"}}]}"#, "listed twice"),
        (r#"{"applications":[{"clientId":"a","clientSecret":"s","refreshTokens":{"xx":"t"}}]}"#, "unknown variant"),
        (r#"{"applications":[{"clientId":"a","clientSecret":"s","refreshToken":"t","marketplaces":["XX"]}]}"#, "unknown marketplace"),
    ] {
        let e = sp_sandbox::Scenario::from_json(bad).unwrap_err();
        assert!(e.contains(why), "{bad}: {e}");
    }
}

#[tokio::test]
async fn client_credentials_give_a_grantless_token() {
    let (_, app) = sandbox();
    let lwa = |body: String| {
        let app = app.clone();
        async move { send(&app, Method::POST, "/auth/o2/token", &[("content-type", "application/x-www-form-urlencoded")], body).await }
    };
    let creds = format!("client_id={CLIENT_ID}&client_secret={CLIENT_SECRET}");
    let ok = lwa(format!("grant_type=client_credentials&scope=sellingpartnerapi%3A%3Anotifications&{creds}")).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.text);
    let t = ok.json();
    assert_eq!((t["token_type"].as_str(), t["expires_in"].as_i64()), (Some("bearer"), Some(3600)));
    assert!(t.get("refresh_token").is_none(), "no refresh token for a grantless token");
    assert_eq!(lwa(format!("grant_type=client_credentials&{creds}")).await.json()["error"], "invalid_request");
    assert_eq!(lwa(format!("grant_type=client_credentials&scope=everything&{creds}")).await.json()["error"], "invalid_scope");
    assert_eq!(
        lwa("grant_type=client_credentials&scope=sellingpartnerapi%3A%3Anotifications&client_id=x&client_secret=y".into()).await.status,
        StatusCode::UNAUTHORIZED
    );
    let denied = get(&app, t["access_token"].as_str().unwrap(), &format!("/messaging/v1/orders/{ELIGIBLE}?marketplaceIds={US}")).await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
    assert!(denied.details().contains("grantless"), "{}", denied.text);
}

#[tokio::test]
async fn the_static_sandbox_takes_the_developers_own_app() {
    let (_, app) = sandbox_with(Config { static_mode: true, rate_scale: 0.0, ..Config::default() });
    let form = "grant_type=refresh_token&refresh_token=Atzr%7Cmy-real-token&client_id=amzn1.application-oa2-client.mine&client_secret=mine";
    let a = send(&app, Method::POST, "/auth/o2/token", &[("content-type", "application/x-www-form-urlencoded")], form).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text);
    let token = a.json()["access_token"].as_str().unwrap().to_owned();
    let p = get(&app, &token, "/sellers/v1/marketplaceParticipations").await;
    assert_eq!(p.status, StatusCode::OK);
    assert_valid("sellers.json", "GetMarketplaceParticipationsResponse", &p.json());
    let missing = send(
        &app,
        Method::POST,
        "/auth/o2/token",
        &[("content-type", "application/x-www-form-urlencoded")],
        "grant_type=refresh_token&client_id=a&client_secret=b",
    )
    .await;
    assert_eq!(missing.json()["error"], "invalid_request", "still a well-formed request");
}

#[tokio::test]
async fn the_month_scenario_is_a_seller_merged_across_two_regions() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../www/demo/month.json")).unwrap();
    let scenario = sp_sandbox::Scenario::from_json(&text).unwrap();
    assert!(scenario.orders.len() >= 300, "{}", scenario.orders.len());
    let markets: BTreeSet<&str> = scenario.orders.iter().map(|o| o.marketplace_id.as_str()).collect();
    assert_eq!(markets, BTreeSet::from(["A1F83G8C2ARO7P", "A1PA6795UKMFR9", "A2EUQ1WTGCTBG2", US]), "4 marketplaces, 2 regions");
    let n = |f: &dyn Fn(&sp_sandbox::scenario::Order) -> bool| scenario.orders.iter().filter(|o| f(o)).count();
    assert!(n(&|o| o.refunded) >= 5 && n(&|o| o.returned) >= 3, "refunded and returned orders");
    assert!(n(&|o| o.status == sp_sandbox::scenario::OrderStatus::Canceled) >= 5, "canceled orders");
    let app = scenario.applications[0].clone();
    assert_eq!(app.refresh_tokens.len(), 2, "one refresh token per region");
    let eu_orders = n(&|o| o.marketplace_id == UK || o.marketplace_id == "A1PA6795UKMFR9");

    let sb = sp_sandbox::Sandbox::new(Config { rate_scale: 0.0, ..Config::default() }, scenario);
    sb.world().clock.freeze(true);
    let router = sp_sandbox::app(sb.clone());
    let form = format!(
        "grant_type=refresh_token&refresh_token={}&client_id={}&client_secret={}",
        app.refresh_tokens[&sp_sandbox::marketplaces::Region::Eu].replace('|', "%7C"),
        app.client_id,
        app.client_secret
    );
    let lwa = send(&router, Method::POST, "/auth/o2/token", &[("content-type", "application/x-www-form-urlencoded")], form).await;
    let token = lwa.json()["access_token"].as_str().unwrap().to_owned();
    // The autopilot's first look: the last 35 days, every page, on the EU endpoint.
    let (mut seen, mut next) = (vec![], None::<String>);
    loop {
        let mut uri = "/orders/2026-01-01/orders?lastUpdatedAfter=".to_owned();
        uri += &sp_sandbox::scenario::format_date(sb.now() - time::Duration::days(40));
        if let Some(t) = &next {
            uri += &format!("&paginationToken={}", form_urlencoded::byte_serialize(t.as_bytes()).collect::<String>());
        }
        let a =
            send(&router, Method::GET, &uri, &[("x-amz-access-token", &token), ("host", "sellingpartnerapi-eu.amazon.com")], Body::empty())
                .await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.text);
        let doc = a.json();
        seen.extend(doc["orders"].as_array().unwrap().iter().map(|o| o["salesChannel"]["marketplaceId"].as_str().unwrap().to_owned()));
        match doc["pagination"]["nextToken"].as_str() {
            Some(t) => next = Some(t.to_owned()),
            None => break,
        }
    }
    assert!(seen.iter().all(|m| m == UK || m == "A1PA6795UKMFR9"), "the EU token sees EU orders only");
    assert!(seen.len() + 20 >= eu_orders && seen.len() <= eu_orders, "all but the last minutes' orders: {} of {eu_orders}", seen.len());
}
