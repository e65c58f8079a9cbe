//! sp-sandbox: a local SP-API emulator. Messaging v1, Solicitations v1, Uploads 2020-11-01 (and
//! the S3 look-alike its URLs point at), Orders 2026-01-01, Sellers v1 and Login with Amazon on
//! one port, with Amazon's rules, rate limits, tokens and injected faults, plus the Seller Central
//! look-alike pages of `www/` for every other path. `--proxy` answers HTTP CONNECT for the Amazon
//! host names, so a client reaches it with `HTTPS_PROXY` alone.
//!
//! Modules import downwards only: handlers (`lwa`, `messaging`, `solicitations`, `uploads`, `s3`,
//! `orders`, `sellers`, `admin`) use `gate` (what every operation goes through), `request`
//! (reading a request), `errors`, `world`; none of those imports a handler. This file routes.
pub mod admin;
pub mod clock;
pub mod errors;
pub mod faults;
pub mod gate;
pub mod hal;
pub mod hosts;
pub mod limits;
pub mod log;
pub mod lwa;
pub mod marketplaces;
pub mod messaging;
pub mod orders;
pub mod proxy;
pub mod request;
pub mod rules;
pub mod s3;
pub mod scenario;
pub mod sellers;
pub mod server;
pub mod solicitations;
pub mod static_pairs;
pub mod tls;
pub mod uploads;
pub mod world;

pub use scenario::Scenario;
pub use world::{Config, Sandbox};

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use errors::ApiError;
use tower::ServiceExt;

/// Every path the emulator answers, in one place: the real SP-API and LWA paths, S3 (by host
/// name, or by bucket path on the emulator's own address), the admin API, and `www/` for the rest.
pub fn app(sandbox: Sandbox) -> Router {
    const ORDER: &str = "/messaging/v1/orders/{amazonOrderId}";
    let message = |kind: &str| format!("{ORDER}/messages/{kind}");
    Router::new()
        .route("/auth/o2/token", post(lwa::token))
        .route("/solicitations/v1/orders/{amazonOrderId}", get(solicitations::actions))
        .route("/solicitations/v1/orders/{amazonOrderId}/solicitations/productReviewAndSellerFeedback", post(solicitations::create))
        .route(ORDER, get(messaging::actions))
        .route(&format!("{ORDER}/attributes"), get(messaging::attributes))
        .route(&format!("{ORDER}/messages/{{kind}}/schema"), get(messaging::schema))
        .route(&message("confirmCustomizationDetails"), post(messaging::create))
        .route(&message("confirmDeliveryDetails"), post(messaging::create))
        .route(&message("legalDisclosure"), post(messaging::create))
        .route(&message("confirmOrderDetails"), post(messaging::create))
        .route(&message("confirmServiceDetails"), post(messaging::create))
        .route(&message("warranty"), post(messaging::create))
        .route(&message("digitalAccessKey"), post(messaging::create))
        .route(&message("unexpectedProblem"), post(messaging::create))
        .route(&message("invoice"), post(messaging::create))
        .route(&message("negativeFeedbackRemoval"), post(messaging::create))
        .route(&message("amazonMotors"), post(messaging::create))
        .route("/uploads/2020-11-01/uploadDestinations/{*resource}", post(uploads::create_destination))
        .route("/orders/2026-01-01/orders", get(orders::search_orders))
        .route("/orders/2026-01-01/orders/{orderId}", get(orders::get_order))
        .route("/sellers/v1/marketplaceParticipations", get(sellers::participations))
        .nest("/_sandbox", admin::router())
        .fallback(www)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(sandbox.clone(), by_host))
        .layer(axum::middleware::from_fn_with_state(sandbox.clone(), date))
        .layer(axum::middleware::from_fn_with_state(sandbox.clone(), gate::front))
        .with_state(sandbox)
}

/// S3's host names (and the attachment buckets' paths) go to the S3 look-alike, whatever the
/// path; everything else to the routes.
async fn by_host(State(sb): State<Sandbox>, req: Request, next: Next) -> Response {
    if hosts::is_s3_request(hosts::host(req.headers()), req.uri().path()) {
        return s3::object(State(sb), req).await;
    }
    next.run(req).await
}

/// Every answer carries HTTP's `Date` (RFC 9110 §6.6.1: an origin server with a clock sends it),
/// from the emulator's clock: Amazon's time, which the extension's autopilot plans by (issue #14),
/// so a test that moves the clock moves Amazon's "now" and nothing in the extension.
async fn date(State(sb): State<Sandbox>, req: Request, next: Next) -> Response {
    let mut r = next.run(req).await;
    let now = sb.now();
    if let Ok(v) = axum::http::HeaderValue::from_str(&http_date(now)) {
        r.headers_mut().insert(axum::http::header::DATE, v);
    }
    r
}

/// IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 9110 §5.6.7).
pub fn http_date(t: time::OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    format!(
        "{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT",
        DAYS[t.weekday().number_days_from_monday() as usize],
        t.day(),
        MONTHS[t.month() as usize - 1],
        t.year(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Static files for every other path; API-looking paths and missing files get SP-API's 404.
async fn www(State(sb): State<Sandbox>, req: Request) -> Response {
    let path = req.uri().path().to_owned();
    let not_found = || ApiError::not_found(format!("No resource at {path}.")).into_response();
    let Some(dir) = sb.config.www.as_ref().filter(|_| !gate::is_api_path(&path) && !path.starts_with("/_sandbox")) else {
        return not_found();
    };
    // Seller Central's order pages are one single-page app: every /orders-v3 path gets the app's
    // page, which renders the path itself.
    let app_page = dir.join("orders-v3/index.html");
    let result = if path.starts_with("/orders-v3") && app_page.is_file() {
        tower_http::services::ServeFile::new(app_page).oneshot(req).await
    } else {
        tower_http::services::ServeDir::new(dir).oneshot(req).await
    };
    match result {
        Ok(r) if r.status() != StatusCode::NOT_FOUND => r.into_response(),
        _ => not_found(),
    }
}

async fn method_not_allowed(req: Request) -> Response {
    ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "MethodNotAllowed", format!("{} is not allowed on {}.", req.method(), req.uri().path()))
        .into_response()
}
