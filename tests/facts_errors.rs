//! Every error example in ../shared/spapi/facts.md parsed to the right explanation. The bodies are
//! taken from facts.md itself where it quotes them whole, and each quoted message is checked to
//! still be in facts.md, so the test follows the document.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use sp_outreach::lwa::{parse_token_response, LwaErrorKind};
use sp_outreach::response::{parse_response, ApiErrorKind};
use sp_outreach::{HttpResponse, Operation};

fn body(code: &str, message: &str) -> String {
    serde_json::json!({"errors": [{"code": code, "message": message, "details": ""}]}).to_string()
}

#[test]
fn business_rule_errors_are_explained() {
    let facts = common::facts();
    // The one body facts.md quotes whole: the 5-30 day window.
    let start = facts.find(r#"{"errors":[{"code":"Unauthorized","message":"You can't"#).expect("window body in facts.md");
    let end = start + facts[start..].find("}]}").unwrap() + 3;
    let window = &facts[start..end];

    let cases: Vec<(&str, u16, String, ApiErrorKind, &str)> = vec![
        (
            "createProductReviewAndSellerFeedbackSolicitation",
            403,
            window.to_owned(),
            ApiErrorKind::OutsideReviewWindow,
            "5 to 30 days after delivery",
        ),
        (
            "createProductReviewAndSellerFeedbackSolicitation",
            403,
            body("Unauthorized", "The requested solicitation is not available for this amazonOrderId."),
            ApiErrorKind::AlreadyRequestedOrOutsideWindow,
            "already requested",
        ),
        (
            "createConfirmDeliveryDetails",
            403,
            body("Unauthorized", "Invalid amazonOrderId and template combination."),
            ApiErrorKind::MessageKindNotOffered,
            "doesn't offer this kind of message",
        ),
        (
            "sendInvoice",
            400,
            body("InvalidInput", "Attachment with ID 4e936e26-7b72-4b84-af27-e6baee1d546d does not exist"),
            ApiErrorKind::AttachmentMissing,
            "Upload the file again",
        ),
        (
            "confirmCustomizationDetails",
            429,
            body("QuotaExceeded", "You exceeded your quota for the requested resource."),
            ApiErrorKind::QuotaExceeded,
            "rate limit",
        ),
    ];
    for (op, status, text, kind, phrase) in cases {
        let e = parse_response(Operation::find(op).unwrap(), &HttpResponse::new(status, &[("x-amzn-RequestId", "r")], &text)).unwrap_err();
        assert_eq!(e.kind, kind, "{op} {text}");
        assert!(e.explanation.contains(phrase), "{op}: {}", e.explanation);
        let message = e.message().unwrap();
        let cited = message.split(" 4e93").next().unwrap(); // facts.md writes the id as "…"
        assert!(facts.contains(cited) || kind == ApiErrorKind::QuotaExceeded, "{cited} is no longer in facts.md");
        // Never "bad credentials" for a business rule.
        assert!(!e.explanation.to_lowercase().contains("credentials") || kind == ApiErrorKind::AccessDenied);
    }
    assert!(facts.contains("QuotaExceeded"));
}

#[test]
fn lwa_errors_are_explained() {
    let facts = common::facts();
    assert!(facts.contains("Errors come as `{error, error_description}` with 400/401"));
    let e = parse_token_response(
        &HttpResponse::new(
            400,
            &[],
            r#"{"error":"invalid_grant","error_description":"The request has an invalid grant parameter : refresh_token"}"#,
        ),
        0.0,
    )
    .unwrap_err();
    assert_eq!(e.kind, LwaErrorKind::InvalidGrant);
    assert!(e.explanation.contains("refresh token"));
    let e = parse_token_response(
        &HttpResponse::new(401, &[], r#"{"error":"invalid_client","error_description":"Client authentication failed"}"#),
        0.0,
    )
    .unwrap_err();
    assert_eq!(e.kind, LwaErrorKind::InvalidClient);
    assert!(e.explanation.contains("client secret"));
}

#[test]
fn a_403_that_is_really_about_access_says_so() {
    let role = body("Unauthorized", "Access to requested resource is denied.");
    let e = parse_response(Operation::find("getMessagingActionsForOrder").unwrap(), &HttpResponse::new(403, &[], &role)).unwrap_err();
    assert_eq!(e.kind, ApiErrorKind::AccessDenied);
    assert!(e.explanation.contains("Buyer Communication"));
    let expired = body("Unauthorized", "The security token included in the request is expired");
    let e = parse_response(Operation::find("getSolicitationActionsForOrder").unwrap(), &HttpResponse::new(403, &[], &expired)).unwrap_err();
    assert_eq!(e.kind, ApiErrorKind::TokenRejected);
}

/// facts.md "How strict Amazon is": a 400 carries the reason in `message`; the seller reads it,
/// never just "Invalid Input" (issue #10 item 4).
#[test]
fn a_400_says_amazons_reason() {
    let facts = common::facts();
    let cited = "marketplaceIds: Missing or invalid request parameter: marketplaceId";
    assert!(facts.contains(cited), "facts.md no longer quotes the 400 message");
    let r = HttpResponse::new(400, &[("x-amzn-RequestId", "r")], &body("InvalidInput", cited));
    let e = parse_response(Operation::find("createConfirmDeliveryDetails").unwrap(), &r).unwrap_err();
    assert_eq!(e.kind, ApiErrorKind::InvalidInput);
    assert_eq!(e.explanation, format!("Amazon refused the request: {cited}."));
    // Details that add to the message are shown with it.
    let both = serde_json::json!({"errors": [{"code": "InvalidInput", "message": "Invalid Input", "details": "createdAfter must be at least two minutes before now"}]});
    let e = parse_response(Operation::find("searchOrders").unwrap(), &HttpResponse::new(400, &[], &both.to_string())).unwrap_err();
    assert_eq!(e.explanation, "Amazon refused the request: createdAfter must be at least two minutes before now.");
    let both = serde_json::json!({"errors": [{"code": "InvalidInput", "message": "Bad date", "details": "createdAfter"}]});
    let e = parse_response(Operation::find("searchOrders").unwrap(), &HttpResponse::new(400, &[], &both.to_string())).unwrap_err();
    assert_eq!(e.explanation, "Amazon refused the request: Bad date (createdAfter).");
    // The sandbox's bare "Invalid Input": said plainly that Amazon gave no reason.
    let bare = serde_json::json!({"errors": [{"code": "InvalidInput", "message": "Invalid Input", "details": "Invalid Input"}]});
    let e = parse_response(Operation::find("getOrder").unwrap(), &HttpResponse::new(400, &[], &bare.to_string())).unwrap_err();
    assert_eq!(e.explanation, "Amazon refused the request as invalid without saying why (HTTP 400, \"Invalid Input\"); nothing was done.");
    assert!(!e.retryable && !e.outcome_unknown);
}

/// facts.md "Orders and the seller's marketplaces": the Orders API needs its own role; a 403
/// access denial on an order read names it, so the seller can fix the app (issue #10 item 3).
#[test]
fn orders_access_denied_names_the_role() {
    let facts = common::facts();
    assert!(facts.contains("the Orders API needs the \"Inventory and Order Tracking\" role"));
    let denied = body("Unauthorized", "Access to requested resource is denied.");
    for op in ["getOrder", "searchOrders"] {
        let e = parse_response(Operation::find(op).unwrap(), &HttpResponse::new(403, &[], &denied)).unwrap_err();
        assert_eq!(e.kind, ApiErrorKind::AccessDenied, "{op}");
        assert!(e.explanation.contains("Inventory and Order Tracking"), "{op}: {}", e.explanation);
    }
    let e = parse_response(Operation::find("getOrder").unwrap(), &HttpResponse::new(404, &[], &body("NotFound", "Order not found")))
        .unwrap_err();
    assert_eq!(e.kind, ApiErrorKind::NotFound);
    assert!(e.explanation.contains("this order for this seller in this region"), "{}", e.explanation);
}
