//! The reads the extension's background resolves orders and message forms with (issue #10): an
//! Orders or Sellers query and an action's schema link, run as flows with the client's token and
//! rate limits, driven here with canned answers. A schema link is read from the endpoint's own
//! host only: no other host, path or character gets the access token.
#![cfg(not(target_arch = "wasm32"))]
use sp_outreach::flow::{Answer, FlowError, Machine, Outcome, Read, Session, SessionConfig, Step, Transport};
use sp_outreach::hal::parse_actions;
use sp_outreach::http::HttpResponse;
use sp_outreach::ids::Region;
use sp_outreach::lwa::Credentials;
use sp_outreach::orders::Query;
use sp_outreach::request::{build_schema_read, Endpoint};
use sp_outreach::response::Success;

const NOW: f64 = 1_790_000_000_000.0;
const ORDER: &str = "902-1234567-7654321";
const TOKEN: &str = r#"{"access_token":"Atza|t","token_type":"bearer","expires_in":3600,"refresh_token":"Atzr|r"}"#;

fn session() -> Session {
    let credentials =
        Credentials { client_id: "amzn1.application-oa2-client.a".into(), client_secret: "s".into(), refresh_token: "Atzr|r".into() };
    Session::new(SessionConfig { credentials, endpoint: Endpoint::new(Region::Na), lwa_url: None, timeout_ms: None }, NOW, 1).unwrap()
}

/// Runs `read` to its end: the token request gets a token, every other request `answer(url)`.
/// Returns the outcome and the URLs sent (the token request's left out).
fn run(read: &mut Read, answer: impl Fn(&str) -> Answer) -> (Result<Outcome, FlowError>, Vec<String>) {
    let (mut s, mut now, mut urls) = (session(), NOW, Vec::new());
    for _ in 0..100 {
        match read.poll(&mut s, now) {
            Step::Send(o) if o.label == "lwaToken" => read.handle(&mut s, Answer::Response(HttpResponse::new(200, &[], TOKEN)), now),
            Step::Send(o) => {
                assert_eq!(o.request.header("x-amz-access-token"), Some("Atza|t"));
                assert!(!o.save_first, "a read is never stored before it is sent");
                urls.push(o.request.url.clone());
                read.handle(&mut s, answer(&o.request.url), now);
            }
            Step::Wait(w) => now += w.ms,
            Step::Done(r) => return (r, urls),
        }
    }
    panic!("no end in 100 steps");
}

fn ok(body: &str) -> Answer {
    Answer::Response(HttpResponse::new(200, &[], body))
}

#[test]
fn get_order_reads_the_marketplace_status_and_window() {
    let q = Query::get_order(ORDER).with("includedData", &["FULFILLMENT"]).unwrap();
    let body = format!(
        r#"{{"order":{{"orderId":"{ORDER}","createdTime":"2026-10-01T10:00:00Z","lastUpdatedTime":"2026-10-02T10:00:00Z","salesChannel":{{"channelName":"AMAZON","marketplaceId":"A2EUQ1WTGCTBG2","marketplaceName":"Amazon.ca"}},"fulfillment":{{"fulfillmentStatus":"SHIPPED","deliverByWindow":{{"earliestDateTime":"2026-10-05T00:00:00Z","latestDateTime":"2026-10-07T00:00:00Z"}}}}}}}}"#
    );
    let (r, urls) = run(&mut Read::query(q), |_| ok(&body));
    assert_eq!(urls, [format!("https://sellingpartnerapi-na.amazon.com/orders/2026-01-01/orders/{ORDER}?includedData=FULFILLMENT")]);
    let Ok(Outcome::Read(Success::Order { order })) = r else { panic!("{r:?}") };
    assert_eq!(order.marketplace_id(), Some("A2EUQ1WTGCTBG2"));
    assert_eq!(order.fulfillment_status(), Some("SHIPPED"));
    assert!(order.deliver_by().is_some());
}

#[test]
fn a_search_pages_and_a_missing_role_is_a_typed_error() {
    let q = Query::search_orders().with("createdAfter", &["2026-10-01T00:00:00Z"]).unwrap().with("maxResultsPerPage", &["100"]).unwrap();
    let (r, urls) = run(&mut Read::query(q), |_| ok(r#"{"orders":[],"pagination":{"nextToken":"abc+/="}}"#));
    assert!(urls[0].ends_with("/orders/2026-01-01/orders?createdAfter=2026-10-01T00%3A00%3A00Z&maxResultsPerPage=100"), "{urls:?}");
    assert!(matches!(r, Ok(Outcome::Read(Success::Orders { ref next_token, .. })) if next_token.as_deref() == Some("abc+/=")), "{r:?}");

    // No Inventory and Order Tracking role: Amazon's 403, said as the role that is missing.
    let denied = r#"{"errors":[{"code":"Unauthorized","message":"Access to requested resource is denied.","details":""}]}"#;
    let (r, _) = run(&mut Read::query(Query::get_order(ORDER)), |_| Answer::Response(HttpResponse::new(403, &[], denied)));
    let Err(e) = r else { panic!("{r:?}") };
    assert_eq!(e.kind(), "accessDenied");
    assert!(e.message().contains("Inventory and Order Tracking"), "{}", e.message());
    // A query that breaks the model's rules sends nothing.
    let (r, urls) = run(&mut Read::query(Query::search_orders()), |_| unreachable!());
    assert_eq!((r.map_err(|e| e.kind().to_owned()).err().as_deref(), urls.len()), (Some("invalidParameter"), 0));
}

#[test]
fn a_schema_link_is_read_from_the_same_host() {
    let href = format!("/messaging/v1/orders/{ORDER}/messages/confirmDeliveryDetails/schema");
    let schema = r#"{"type":"object","properties":{"text":{"type":"string","maxLength":2000}}}"#;
    let (r, urls) = run(&mut Read::schema(&href), |_| ok(schema));
    assert_eq!(urls, [format!("https://sellingpartnerapi-na.amazon.com{href}")]);
    let Ok(Outcome::Read(Success::Schema { schema: read })) = r else { panic!("{r:?}") };
    assert_eq!(read["properties"]["text"]["maxLength"], 2000);
    // The same link, absolute on the endpoint's host.
    let (r, _) = run(&mut Read::schema(&format!("https://sellingpartnerapi-na.amazon.com{href}")), |_| ok(schema));
    assert!(r.is_ok(), "{r:?}");
    // Not a JSON object: Amazon's answer could not be read. An error status is Amazon's error.
    for (status, body, kind) in [(200, "[1]", "malformedResponse"), (200, "<html>", "malformedResponse"), (404, "", "notFound")] {
        let (r, _) = run(&mut Read::schema(&href), |_| Answer::Response(HttpResponse::new(status, &[], body)));
        assert_eq!(r.err().map(|e| e.kind().to_owned()).as_deref(), Some(kind), "{status} {body}");
    }
    // A read that got no answer is retried, then gives up with a transport error.
    let (r, urls) = run(&mut Read::schema(&href), |_| Answer::Failed(Transport::NoAnswer));
    assert!(r.is_err() && urls.len() > 1, "{r:?} {urls:?}");
}

#[test]
fn a_schema_link_elsewhere_gets_no_token() {
    let e = Endpoint::new(Region::Na);
    let order = format!("/messaging/v1/orders/{ORDER}/messages/invoice");
    for bad in [
        "https://evil.example/messaging/v1/orders/1/messages/invoice/schema".to_owned(),
        "//evil.example/messaging/v1/orders/1/messages/invoice/schema".into(),
        "https://sellingpartnerapi-na.amazon.com.evil.example/messaging/v1/orders/1/schema".into(),
        "https://sellingpartnerapi-eu.amazon.com/messaging/v1/orders/1/messages/invoice/schema".into(),
        "/orders/2026-01-01/orders/1/schema".into(),
        "/uploads/2020-11-01/uploadDestinations/x/schema".into(),
        order.clone(),
        format!("{order}/schema#x"),
        format!("{order}/../../../../auth/o2/token/schema"),
        format!("{order}//schema"),
        format!("{order}/sch ema"),
        format!("{order}/schema?next=https://evil.example/"),
        format!("{order}/{}/schema", "a".repeat(600)),
        "messaging/v1/orders/1/schema".into(),
        String::new(),
    ] {
        let (r, urls) = run(&mut Read::schema(&bad), |_| unreachable!("nothing may be sent for {bad}"));
        assert!(urls.is_empty());
        assert_eq!(r.err().map(|e| e.kind().to_owned()).as_deref(), Some("invalidParameter"), "{bad}");
        assert!(build_schema_read(&bad, &e, "Atza|t").is_err(), "{bad}");
    }
    let (req, op) = build_schema_read(&format!("{order}/schema?marketplaceIds=ATVPDKIKX0DER"), &e, "Atza|t").unwrap();
    assert_eq!(req.url, format!("https://sellingpartnerapi-na.amazon.com{order}/schema?marketplaceIds=ATVPDKIKX0DER"));
    assert_eq!(op.operation_id, "getMessagingActionsForOrder");
    let (_, op) = build_schema_read("/solicitations/v1/orders/1/solicitations/productReviewAndSellerFeedback/schema", &e, "t").unwrap();
    assert_eq!(op.operation_id, "getSolicitationActionsForOrder");
}

#[test]
fn an_action_linked_but_not_embedded_keeps_its_schema_link() {
    let base = format!("/messaging/v1/orders/{ORDER}");
    let doc = format!(
        r#"{{"_links":{{"actions":[{{"href":"{base}/messages/invoice?marketplaceIds=ATVPDKIKX0DER","name":"invoice"}}],"self":{{"href":"{base}"}}}},"_embedded":{{"actions":[{{"_links":{{"self":{{"href":"{base}/messages/invoice"}},"schema":{{"href":"{base}/messages/invoice/schema","name":"invoice"}}}},"name":"invoice","title":"Send an invoice"}}]}}}}"#
    );
    let a = parse_actions(sp_outreach::catalogue::Api::Messaging, &doc).unwrap();
    assert_eq!(a.actions[0].schema, None);
    assert_eq!(a.actions[0].schema_href.as_deref(), Some(format!("{base}/messages/invoice/schema").as_str()));
    // `_links` alone (facts.md: `_embedded` may be missing): no title, no schema, no link.
    let bare =
        format!(r#"{{"_links":{{"actions":[{{"href":"{base}/messages/invoice?marketplaceIds=ATVPDKIKX0DER","name":"invoice"}}]}}}}"#);
    let a = parse_actions(sp_outreach::catalogue::Api::Messaging, &bare).unwrap();
    assert_eq!(
        (a.actions[0].schema.as_ref(), a.actions[0].schema_href.as_ref(), a.actions[0].operation_id),
        (None, None, Some("sendInvoice"))
    );
}
