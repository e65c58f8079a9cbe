//! Golden requests: the exact request built for every operation in the catalogue.
#![cfg(not(target_arch = "wasm32"))]
use serde_json::{json, Value};
use sp_outreach::request::{build, build_call, build_upload_destination, ApiCall, Call, Endpoint};
use sp_outreach::upload::{content_md5, FileInfo};
use sp_outreach::{Region, OPERATIONS};

const ORDER: &str = "902-3159896-1390916";

fn att() -> Value {
    json!([{"uploadDestinationId": "4e936e26-7b72-4b84-af27-e6baee1d546d", "fileName": "guide.pdf"}])
}

/// (operation, marketplace, body, expected method, expected URL path and query)
fn cases() -> Vec<(&'static str, &'static str, Option<Value>, &'static str, String)> {
    let m = format!("/messaging/v1/orders/{ORDER}");
    let s = format!("/solicitations/v1/orders/{ORDER}");
    vec![
        ("getSolicitationActionsForOrder", "ATVPDKIKX0DER", None, "GET", format!("{s}?marketplaceIds=ATVPDKIKX0DER")),
        (
            "createProductReviewAndSellerFeedbackSolicitation",
            "ATVPDKIKX0DER",
            None,
            "POST",
            format!("{s}/solicitations/productReviewAndSellerFeedback?marketplaceIds=ATVPDKIKX0DER"),
        ),
        ("getMessagingActionsForOrder", "A2EUQ1WTGCTBG2", None, "GET", format!("{m}?marketplaceIds=A2EUQ1WTGCTBG2")),
        ("GetAttributes", "A1AM78C64UM0Y8", None, "GET", format!("{m}/attributes?marketplaceIds=A1AM78C64UM0Y8")),
        (
            "confirmCustomizationDetails",
            "ATVPDKIKX0DER",
            Some(json!({"text": "Your engraving will read \"Anna\".", "attachments": att()})),
            "POST",
            format!("{m}/messages/confirmCustomizationDetails?marketplaceIds=ATVPDKIKX0DER"),
        ),
        (
            "createConfirmDeliveryDetails",
            "ATVPDKIKX0DER",
            Some(json!({"text": "The courier will call before delivery."})),
            "POST",
            format!("{m}/messages/confirmDeliveryDetails?marketplaceIds=ATVPDKIKX0DER"),
        ),
        (
            "createLegalDisclosure",
            "ATVPDKIKX0DER",
            Some(json!({"attachments": att()})),
            "POST",
            format!("{m}/messages/legalDisclosure?marketplaceIds=ATVPDKIKX0DER"),
        ),
        (
            "createNegativeFeedbackRemoval",
            "ATVPDKIKX0DER",
            None,
            "POST",
            format!("{m}/messages/negativeFeedbackRemoval?marketplaceIds=ATVPDKIKX0DER"),
        ),
        (
            "createConfirmOrderDetails",
            "ATVPDKIKX0DER",
            Some(json!({"text": "Please confirm the size you need."})),
            "POST",
            format!("{m}/messages/confirmOrderDetails?marketplaceIds=ATVPDKIKX0DER"),
        ),
        (
            "createConfirmServiceDetails",
            "ATVPDKIKX0DER",
            Some(json!({"text": "The technician arrives at 10:00."})),
            "POST",
            format!("{m}/messages/confirmServiceDetails?marketplaceIds=ATVPDKIKX0DER"),
        ),
        (
            "CreateAmazonMotors",
            "ATVPDKIKX0DER",
            Some(json!({"attachments": att()})),
            "POST",
            format!("{m}/messages/amazonMotors?marketplaceIds=ATVPDKIKX0DER"),
        ),
        (
            "CreateWarranty",
            "ATVPDKIKX0DER",
            Some(json!({"attachments": att(), "coverageStartDate": "2026-11-01T00:00:00Z", "coverageEndDate": "2028-11-01T00:00:00Z"})),
            "POST",
            format!("{m}/messages/warranty?marketplaceIds=ATVPDKIKX0DER"),
        ),
        (
            "createDigitalAccessKey",
            "ATVPDKIKX0DER",
            Some(json!({"text": "Your key is in the attached file."})),
            "POST",
            format!("{m}/messages/digitalAccessKey?marketplaceIds=ATVPDKIKX0DER"),
        ),
        (
            "createUnexpectedProblem",
            "ATVPDKIKX0DER",
            Some(json!({"text": "Your parcel was delayed by the carrier."})),
            "POST",
            format!("{m}/messages/unexpectedProblem?marketplaceIds=ATVPDKIKX0DER"),
        ),
        (
            "sendInvoice",
            "ATVPDKIKX0DER",
            Some(json!({"attachments": att()})),
            "POST",
            format!("{m}/messages/invoice?marketplaceIds=ATVPDKIKX0DER"),
        ),
    ]
}

#[test]
fn golden_requests_for_every_operation() {
    let endpoint = Endpoint::new(Region::Na);
    let cases = cases();
    for (op, marketplace, body, method, path) in &cases {
        let call = Call {
            operation: op.to_string(),
            order_id: ORDER.into(),
            marketplace_ids: vec![marketplace.to_string()],
            body: body.clone(),
            ..Default::default()
        };
        let r = build(&call, &endpoint, "Atza|golden").unwrap_or_else(|e| panic!("{op}: {e}"));
        assert_eq!(r.method.as_str(), *method, "{op}");
        assert_eq!(r.url, format!("https://sellingpartnerapi-na.amazon.com{path}"), "{op}");
        assert_eq!(r.body, body.as_ref().map(|b| b.to_string()), "{op}");
        let names: Vec<&str> = r.headers.iter().map(|(k, _)| k.as_str()).collect();
        let mut expected = vec!["x-amz-access-token", "accept", "user-agent"];
        if body.is_some() {
            expected.push("content-type");
        }
        assert_eq!(names, expected, "{op}");
        assert_eq!(r.header("x-amz-access-token"), Some("Atza|golden"));
    }
    // Uploads: the 16th operation.
    let bytes = b"%PDF-1.4 invoice";
    let file = FileInfo { file_name: "invoice.pdf".into(), content_type: "application/pdf".into(), size: bytes.len() };
    let md5 = content_md5(bytes);
    let r = build_upload_destination("sendInvoice", ORDER, &["ATVPDKIKX0DER".into()], &file, &md5, &endpoint, "Atza|golden").unwrap();
    assert_eq!(r.method.as_str(), "POST");
    let enc: String = md5.replace('+', "%2B").replace('/', "%2F").replace('=', "%3D");
    assert_eq!(
        r.url,
        format!("https://sellingpartnerapi-na.amazon.com/uploads/2020-11-01/uploadDestinations/messaging/v1/orders/{ORDER}/messages/invoice?marketplaceIds=ATVPDKIKX0DER&contentMD5={enc}&contentType=application%2Fpdf")
    );
    // The Orders and Sellers reads, built from the calls JS hands over.
    let reads = orders_cases();
    for (call, url) in &reads {
        let c = ApiCall::from_value(call.clone()).unwrap_or_else(|e| panic!("{call}: {e}"));
        let r = build_call(&c, &endpoint, "Atza|golden").unwrap_or_else(|e| panic!("{call}: {e}"));
        assert_eq!((r.method.as_str(), r.url.as_str(), r.body.as_deref()), ("GET", url.as_str(), None), "{call}");
        let names: Vec<&str> = r.headers.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, ["x-amz-access-token", "accept", "user-agent"]);
    }
    let covered: std::collections::BTreeSet<&str> = reads.iter().map(|(c, _)| c["operation"].as_str().unwrap()).collect();
    assert_eq!(cases.len() + 1 + covered.len(), OPERATIONS.len(), "one golden case per operation");
}

/// (call as JS gives it, expected URL)
fn orders_cases() -> Vec<(Value, String)> {
    let base = "https://sellingpartnerapi-na.amazon.com";
    vec![
        (json!({"operation": "getOrder", "orderId": ORDER}), format!("{base}/orders/2026-01-01/orders/{ORDER}")),
        (
            json!({"operation": "getOrder", "orderId": ORDER, "includedData": ["FULFILLMENT", "PACKAGES"]}),
            format!("{base}/orders/2026-01-01/orders/{ORDER}?includedData=FULFILLMENT,PACKAGES"),
        ),
        (
            json!({"operation": "searchOrders", "createdAfter": "2026-11-01T00:00:00Z", "createdBefore": "2026-11-08T00:00:00Z",
                   "marketplaceIds": ["ATVPDKIKX0DER", "A2EUQ1WTGCTBG2"], "fulfillmentStatuses": ["SHIPPED"], "maxResultsPerPage": 100,
                   "includedData": ["FULFILLMENT"]}),
            format!("{base}/orders/2026-01-01/orders?createdAfter=2026-11-01T00%3A00%3A00Z&createdBefore=2026-11-08T00%3A00%3A00Z&fulfillmentStatuses=SHIPPED&marketplaceIds=ATVPDKIKX0DER,A2EUQ1WTGCTBG2&maxResultsPerPage=100&includedData=FULFILLMENT"),
        ),
        (
            json!({"operation": "searchOrders", "lastUpdatedAfter": "2026-11-01T00:00:00Z", "fulfilledBy": ["MERCHANT"], "paginationToken": "2YgYW55IGNhcm5hbCBwbGVhc3VyZS4"}),
            format!("{base}/orders/2026-01-01/orders?lastUpdatedAfter=2026-11-01T00%3A00%3A00Z&fulfilledBy=MERCHANT&paginationToken=2YgYW55IGNhcm5hbCBwbGVhc3VyZS4"),
        ),
        (json!({"operation": "getMarketplaceParticipations"}), format!("{base}/sellers/v1/marketplaceParticipations")),
    ]
}

#[test]
fn sandbox_and_other_regions() {
    let call = |m: &str| Call {
        operation: "getSolicitationActionsForOrder".into(),
        order_id: ORDER.into(),
        marketplace_ids: vec![m.into()],
        ..Default::default()
    };
    let eu = Endpoint { region: Region::Eu, sandbox: true, base_url: None };
    assert_eq!(
        build(&call("A1PA6795UKMFR9"), &eu, "t").unwrap().url,
        format!("https://sandbox.sellingpartnerapi-eu.amazon.com/solicitations/v1/orders/{ORDER}?marketplaceIds=A1PA6795UKMFR9")
    );
    let fe = Endpoint::new(Region::Fe);
    assert_eq!(
        build(&call("A1VC38T7YXB528"), &fe, "t").unwrap().url,
        format!("https://sellingpartnerapi-fe.amazon.com/solicitations/v1/orders/{ORDER}?marketplaceIds=A1VC38T7YXB528")
    );
    assert!(build(&call("ATVPDKIKX0DER"), &fe, "t").is_err());
}
