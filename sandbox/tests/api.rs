//! Every route and rule of the stateful emulator, in-process (`oneshot`) on a frozen clock.
mod common;

use axum::body::Body;
use axum::http::{Method, StatusCode};
use base64::Engine;
use common::*;
use md5::{Digest, Md5};
use serde_json::{json, Value};

#[tokio::test]
async fn a_review_is_requested_once_inside_the_window() {
    let (sb, app) = sandbox();
    let token = login(&app).await;
    let actions = get(&app, &token, &format!("/solicitations/v1/orders/{ELIGIBLE}?marketplaceIds={US}")).await;
    assert_eq!(actions.status, StatusCode::OK);
    assert_eq!(actions.header("x-amzn-ratelimit-limit"), Some("1.0"));
    assert!(actions.header("x-amzn-requestid").is_some());
    let doc = actions.json();
    assert_eq!(action_names(&doc), ["productReviewAndSellerFeedback"]);
    let embedded = &doc["_embedded"]["actions"][0];
    assert_eq!(embedded["_embedded"]["schema"]["x-ui-hidden"], true, "the tutorial seed's schema");
    assert_eq!(
        embedded["_links"]["self"]["href"],
        format!("/solicitations/v1/orders/{ELIGIBLE}/solicitations/productReviewAndSellerFeedback?marketplaceIds={US}")
    );

    let created = create_review(&app, &token, ELIGIBLE, US).await;
    assert_eq!((created.status, created.json()), (StatusCode::CREATED, json!({})));
    // Once sent, the action is no longer offered, and a second create is refused (facts.md).
    let after = get(&app, &token, &format!("/solicitations/v1/orders/{ELIGIBLE}?marketplaceIds={US}")).await;
    assert!(action_names(&after.json()).is_empty());
    let again = create_review(&app, &token, ELIGIBLE, US).await;
    assert_eq!(again.status, StatusCode::FORBIDDEN);
    assert_eq!(again.error(), ("Unauthorized".into(), "The requested solicitation is not available for this amazonOrderId.".into()));
    assert_eq!(again.header("x-amzn-ratelimit-limit"), None, "only on 2xx, 400 and 404");

    let w = sb.world();
    let sent = &w.orders[ELIGIBLE].messages;
    assert_eq!(sent.len(), 1, "exactly one solicitation recorded");
    assert_eq!(sent[0].request_id, created.header("x-amzn-requestid").unwrap());
}

#[tokio::test]
async fn outside_the_window_there_are_no_actions_and_a_create_is_refused() {
    let (sb, app) = sandbox();
    let token = login(&app).await;
    let range = "You can't use this feature to request a review outside the 5-30 day range after the order delivery date.";
    for order in [TOO_EARLY, TOO_LATE] {
        let actions = get(&app, &token, &format!("/solicitations/v1/orders/{order}?marketplaceIds={US}")).await;
        assert!(action_names(&actions.json()).is_empty(), "{order}");
        let create = create_review(&app, &token, order, US).await;
        assert_eq!((create.status, create.error()), (StatusCode::FORBIDDEN, ("Unauthorized".into(), range.into())), "{order}");
    }
    for order in [UNSHIPPED, CANCELED] {
        let create = create_review(&app, &token, order, US).await;
        assert_eq!(create.status, StatusCode::FORBIDDEN);
        assert_eq!(create.error().1, "The requested solicitation is not available for this amazonOrderId.");
    }
    // The window opens 5 days after the earliest delivery date (11 days ago + 5 = in 3 days).
    sb.world().clock.advance(time::Duration::days(3));
    let token = login(&app).await; // the old one expired meanwhile
    let opened = create_review(&app, &token, TOO_EARLY, US).await;
    assert_eq!(opened.status, StatusCode::CREATED, "{}", opened.text);
    // Refunds are the page's business: the API still offers the review.
    assert_eq!(create_review(&app, &token, UK_ORDER, UK).await.status, StatusCode::CREATED);
}

#[tokio::test]
async fn messaging_actions_carry_schemas_and_follow_the_order() {
    let (sb, app) = sandbox();
    let token = login(&app).await;
    let doc = get(&app, &token, &format!("/messaging/v1/orders/{IN_TRANSIT}?marketplaceIds={JP}")).await.json();
    let names = action_names(&doc);
    assert!(names.contains(&"confirmDeliveryDetails".to_owned()), "before delivery: {names:?}");
    assert!(names.contains(&"attributes".to_owned()));
    for a in doc["_embedded"]["actions"].as_array().unwrap() {
        let schema = &a["_embedded"]["schema"];
        assert_eq!(schema["$schema"], "http://json-schema.org/draft-04/schema#", "{a}");
        assert_eq!(schema["type"], "object");
        assert!(a["_links"]["self"]["href"].as_str().unwrap().ends_with(&format!("?marketplaceIds={JP}")));
    }
    let delivery = doc["_embedded"]["actions"].as_array().unwrap().iter().find(|a| a["name"] == "confirmDeliveryDetails").unwrap();
    assert_eq!(delivery["_embedded"]["schema"]["properties"]["text"]["maxLength"], 2000);
    assert_eq!(delivery["_embedded"]["schema"]["required"], json!(["text"]));

    // After delivery, delivery details are no longer offered.
    sb.world().clock.advance(time::Duration::days(3));
    let token = login(&app).await; // the old one expired meanwhile
    let later = action_names(&get(&app, &token, &format!("/messaging/v1/orders/{IN_TRANSIT}?marketplaceIds={JP}")).await.json());
    assert!(!later.contains(&"confirmDeliveryDetails".to_owned()), "{later:?}");
    let unshipped = action_names(&get(&app, &token, &format!("/messaging/v1/orders/{UNSHIPPED}?marketplaceIds={US}")).await.json());
    assert!(unshipped.contains(&"confirmCustomizationDetails".to_owned()) && !unshipped.contains(&"invoice".to_owned()), "{unshipped:?}");
    let canceled = action_names(&get(&app, &token, &format!("/messaging/v1/orders/{CANCELED}?marketplaceIds={US}")).await.json());
    assert_eq!(canceled, ["attributes"]);
    let late = action_names(&get(&app, &token, &format!("/messaging/v1/orders/{TOO_LATE}?marketplaceIds={US}")).await.json());
    assert!(late.contains(&"negativeFeedbackRemoval".to_owned()), "{late:?}");
}

#[tokio::test]
async fn actions_documents_come_in_every_shape_amazon_uses_and_schema_links_answer() {
    let (sb, app) = sandbox();
    let token = login(&app).await;
    let uri = format!("/messaging/v1/orders/{IN_TRANSIT}?marketplaceIds={JP}");
    let embedded = get(&app, &token, &uri).await.json();
    // The link each embedded action carries answers the schema it embeds.
    for a in embedded["_embedded"]["actions"].as_array().unwrap() {
        let link = a["_links"]["schema"]["href"].as_str().unwrap();
        assert_eq!(link, format!("/messaging/v1/orders/{IN_TRANSIT}/messages/{}/schema", a["name"].as_str().unwrap()));
        let read = get(&app, &token, link).await;
        assert_eq!(read.status, StatusCode::OK, "{link}: {}", read.text);
        assert_eq!(read.json(), a["_embedded"]["schema"], "{link}");
    }
    assert_eq!(
        get(&app, &token, &format!("/messaging/v1/orders/{IN_TRANSIT}/messages/nothing/schema")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(get(&app, &token, "/messaging/v1/orders/999-0000000-0000000/messages/invoice/schema").await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        get(&app, "Atza|wrong", embedded["_embedded"]["actions"][0]["_links"]["schema"]["href"].as_str().unwrap()).await.status,
        StatusCode::FORBIDDEN
    );

    // The scenario says how the document is shaped: schema links without the schemas, or `_links` alone.
    for (style, has_embedded) in [("schemaLinks", true), ("linksOnly", false)] {
        let mut scenario: Value = serde_json::from_str(&common::scenario_json()).unwrap();
        for o in scenario["orders"].as_array_mut().unwrap() {
            o["actionsDocument"] = json!(style);
        }
        {
            let mut w = sb.world();
            let config = sp_sandbox::Config { rate_scale: 0.0, ..Default::default() };
            w.load(sp_sandbox::Scenario::from_json(&scenario.to_string()).unwrap(), &config);
            w.clock.freeze(true);
            w.clock.set(time::macros::datetime!(2026-11-23 12:00 UTC));
        }
        let token = login(&app).await;
        let doc = get(&app, &token, &uri).await.json();
        assert_eq!(action_names(&doc), action_names(&embedded), "{style}: the same actions");
        assert_eq!(doc.get("_embedded").is_some(), has_embedded, "{style}: {doc}");
        for a in doc["_embedded"]["actions"].as_array().into_iter().flatten() {
            assert!(a["_embedded"].is_null() && a["_links"]["schema"]["href"].is_string(), "{style}: {a}");
        }
    }
}

#[tokio::test]
async fn an_injected_error_can_carry_amazons_reason() {
    let (sb, app) = sandbox();
    let token = login(&app).await;
    sb.world().faults = vec![
        sp_sandbox::faults::Fault::parse("createProductReviewAndSellerFeedbackSolicitation:status=400,times=1,message=marketplaceIds: Missing or invalid request parameter: marketplaceId").unwrap(),
        sp_sandbox::faults::Fault::parse("GetAttributes:status=400,times=1").unwrap(),
    ];
    let r = create_review(&app, &token, ELIGIBLE, US).await;
    assert_eq!(
        (r.status, r.error()),
        (StatusCode::BAD_REQUEST, ("InvalidInput".into(), "marketplaceIds: Missing or invalid request parameter: marketplaceId".into()))
    );
    let a = get(&app, &token, &format!("/messaging/v1/orders/{ELIGIBLE}/attributes?marketplaceIds={US}")).await;
    assert_eq!(
        (a.status, a.error().0, a.details()),
        (StatusCode::BAD_REQUEST, "InvalidInput".into(), "fault injected by sp-sandbox".into())
    );
    assert!(sp_sandbox::faults::Fault::parse("x:message=hello").is_err(), "a message goes with a status");
    // Nothing was done by the refused create: the review can still be requested.
    assert_eq!(create_review(&app, &token, ELIGIBLE, US).await.status, StatusCode::CREATED);
}

#[tokio::test]
async fn attributes_give_the_buyers_locale() {
    let (_, app) = sandbox();
    let token = login(&app).await;
    let a = get(&app, &token, &format!("/messaging/v1/orders/{IN_TRANSIT}/attributes?marketplaceIds={JP}")).await;
    assert_eq!((a.status, a.json()), (StatusCode::OK, json!({"buyer": {"locale": "ja-JP"}})));
    assert_eq!(a.header("x-amzn-ratelimit-limit"), Some("1.0"));
}

#[tokio::test]
async fn messages_are_checked_server_side() {
    let (sb, app) = sandbox();
    let token = login(&app).await;
    let url = message(IN_TRANSIT, "confirmDeliveryDetails", JP);
    let ok = post_json(&app, &token, &url, &json!({"text": "お荷物は明日届きます。"})).await;
    assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.text);

    let cases: [(Value, &str); 6] = [
        (json!({}), "text"),
        (json!({"text": ""}), "/text"),
        (json!({"text": "x".repeat(2001)}), "/text"),
        (json!({"text": "   "}), "blank"),
        (json!({"text": "See <a href=\"x\">here</a>"}), "HTML"),
        (json!({"text": "Write to me at seller@example.com"}), "email"),
    ];
    for (body, why) in cases {
        let a = post_json(&app, &token, &url, &body).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{body}");
        // The reason is in `message`, as Amazon puts it (facts.md "How strict Amazon is").
        let (code, message) = a.error();
        assert_eq!(code, "InvalidInput");
        assert!(message.contains(why), "{body}: {message}");
        assert_eq!(a.header("x-amzn-ratelimit-limit"), Some("1.0"));
    }
    // Amazon's request schemas allow more properties than they list: python-amazon-sp-api puts
    // marketplaceIds in every body, and its sends work (facts.md "How strict Amazon is").
    let extra =
        post_json(&app, &token, &url, &json!({"text": "Ihr Paket kommt morgen.", "marketplaceIds": [JP], "MarketplaceIds": [JP]})).await;
    assert_eq!(extra.status, StatusCode::CREATED, "{}", extra.text);
    // 2000 characters, not bytes: 2000 three-byte characters pass.
    assert_eq!(post_json(&app, &token, &url, &json!({"text": "あ".repeat(2000)})).await.status, StatusCode::CREATED);

    // A kind not offered for this order.
    let wrong = post_json(&app, &token, &message(IN_TRANSIT, "confirmCustomizationDetails", JP), &json!({"text": "hi"})).await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    assert_eq!(wrong.error().1, "Invalid amazonOrderId and template combination.");

    // Malformed JSON and a wrong content type.
    let malformed =
        send(&app, Method::POST, &url, &[("x-amz-access-token", &token), ("content-type", "application/json")], "{\"text\": ").await;
    assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
    assert!(malformed.error().1.contains("not valid JSON"));
    let plain =
        send(&app, Method::POST, &url, &[("x-amz-access-token", &token), ("content-type", "text/plain")], "{\"text\":\"hi\"}").await;
    assert_eq!(plain.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    // One word as every SP-API code, the model's description, and the rate limit (issue #15).
    assert_eq!(plain.error(), ("UnsupportedMediaType".into(), "The request payload is in an unsupported format.".into()));
    assert_eq!(plain.header("x-amzn-ratelimit-limit"), Some("1.0"));
    let big =
        send(&app, Method::POST, &url, &[("x-amz-access-token", &token), ("content-type", "application/json")], vec![b' '; 70 * 1024])
            .await;
    assert_eq!(big.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(big.json()["errors"][0]["code"].is_string());

    assert_eq!(sb.world().orders[IN_TRANSIT].messages.len(), 3, "only the three valid messages were recorded");
}

fn md5_b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(Md5::digest(bytes))
}

/// The path and query of a URL, and its host.
fn split_url(url: &str) -> (String, String) {
    let rest = url.split_once("://").unwrap().1;
    let (host, path) = rest.split_once('/').unwrap();
    (host.to_owned(), format!("/{path}"))
}

#[tokio::test]
async fn attachments_go_through_an_upload_destination_and_a_put_to_s3() {
    // As under --tls and --proxy: upload URLs name S3.
    let (sb, app) = sandbox_with(sp_sandbox::Config { rate_scale: 0.0, tls: true, ..Default::default() });
    let token = login(&app).await;
    let file = b"%PDF-1.4 invoice 0001".to_vec();
    let md5 = md5_b64(&file);
    let resource = format!("messaging/v1/orders/{ELIGIBLE}/messages/invoice");
    let dest_url = |md5: &str| {
        format!(
            "/uploads/2020-11-01/uploadDestinations/{resource}?marketplaceIds={US}&contentMD5={}&contentType=application%2Fpdf",
            md5.replace('+', "%2B").replace('/', "%2F").replace('=', "%3D")
        )
    };
    let destination = |uri: String, host: &'static str| {
        let (app, token) = (app.clone(), token.clone());
        async move { send(&app, Method::POST, &uri, &[("x-amz-access-token", &token), ("host", host)], Body::empty()).await }
    };
    let dest = destination(dest_url(&md5), "sellingpartnerapi-na.amazon.com").await;
    assert_eq!(dest.status, StatusCode::CREATED, "{}", dest.text);
    assert_eq!(dest.header("x-amzn-ratelimit-limit"), Some("10.0"), "uploads: 10/s");
    let p = dest.json()["payload"].clone();
    let id = p["uploadDestinationId"].as_str().unwrap().to_owned();
    assert!(uuid::Uuid::parse_str(&id).is_ok(), "a UUID, as in the model's example and real answers: {id}");
    // Exactly the two headers real answers carry (facts.md "Real upload destinations").
    assert_eq!(p["headers"], json!({"Content-MD5": md5, "x-amz-server-side-encryption": "aws:kms"}));
    let url = p["url"].as_str().unwrap();
    let prefix = "https://s3.amazonaws.com/buyer-seller-messaging-prod-draft-attachment-namarketplace/%2F";
    assert!(url.starts_with(prefix) && url.contains(&format!("/{id}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=")), "{url}");
    assert!(url.contains("X-Amz-SignedHeaders=content-md5%3Bhost%3Bx-amz-server-side-encryption&X-Amz-Expires=900"), "{url}");
    // Whatever host the destination was asked on, the URL names S3.
    let on_loopback = destination(dest_url(&md5), "127.0.0.1:9999").await.json();
    assert!(on_loopback["payload"]["url"].as_str().unwrap().starts_with("https://s3.amazonaws.com/"), "{on_loopback}");
    let eu = destination(
        format!("/uploads/2020-11-01/uploadDestinations/messaging/v1/orders/{UK_ORDER}/messages/invoice?marketplaceIds={UK}&contentMD5=x"),
        "sellingpartnerapi-eu.amazon.com",
    )
    .await
    .json();
    assert!(eu["payload"]["url"].as_str().unwrap().contains("/buyer-seller-messaging-prod-draft-attachment-eumarketplace/"), "{eu}");
    let (s3_host, put_path) = split_url(url);
    assert_eq!(s3_host, "s3.amazonaws.com");

    // The message cannot name the upload before the file is there.
    let body = json!({"attachments": [{"uploadDestinationId": id, "fileName": "invoice.pdf"}]});
    let early = post_json(&app, &token, &message(ELIGIBLE, "invoice", US), &body).await;
    assert_eq!(early.status, StatusCode::BAD_REQUEST);
    assert_eq!(early.error().1, format!("Attachment with ID {id} does not exist"));

    let put = |path: String, headers: Vec<(&'static str, String)>, bytes: Vec<u8>, method: Method| {
        let app = app.clone();
        async move {
            let mut h: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
            h.push(("host", "s3.amazonaws.com"));
            send(&app, method, &path, &h, bytes).await
        }
    };
    let good = || vec![("content-md5", md5.clone()), ("x-amz-server-side-encryption", "aws:kms".to_owned())];
    let hex: String = Md5::digest(&file).iter().map(|b| format!("{b:02x}")).collect();
    let mut wrong_md5 = good();
    wrong_md5[0].1 = hex;
    let no_encryption: Vec<_> = good().into_iter().filter(|(k, _)| *k != "x-amz-server-side-encryption").collect();
    let mut aes = good();
    aes[1].1 = "AES256".into();
    let tampered = put_path.replace("X-Amz-Signature=", "X-Amz-Signature=0");
    let other_bucket = put_path.replace("namarketplace", "somebody-elses");
    for (path, headers, bytes, method, status, code) in [
        (put_path.clone(), wrong_md5, file.clone(), Method::PUT, 403, "SignatureDoesNotMatch"),
        (put_path.clone(), no_encryption, file.clone(), Method::PUT, 403, "SignatureDoesNotMatch"),
        (put_path.clone(), aes, file.clone(), Method::PUT, 403, "SignatureDoesNotMatch"),
        (tampered, good(), file.clone(), Method::PUT, 403, "SignatureDoesNotMatch"),
        (put_path.clone(), good(), file.clone(), Method::GET, 403, "SignatureDoesNotMatch"),
        (put_path.clone(), good(), file.clone(), Method::POST, 405, "MethodNotAllowed"),
        (other_bucket, good(), file.clone(), Method::PUT, 404, "NoSuchBucket"),
        (put_path.clone(), good(), b"other bytes".to_vec(), Method::PUT, 400, "BadDigest"),
    ] {
        let a = put(path, headers, bytes, method.clone()).await;
        assert_eq!(a.status.as_u16(), status, "{method} {}", a.text);
        assert!(a.text.starts_with("<?xml") && a.text.contains(&format!("<Error><Code>{code}</Code>")), "{}", a.text);
        assert_eq!(a.header("content-type"), Some("application/xml"));
        assert_eq!(a.header("server"), Some("AmazonS3"));
    }
    let ok = put(put_path.clone(), good(), file.clone(), Method::PUT).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.text);
    assert!(ok.header("etag").is_some());
    assert_eq!(ok.header("x-amz-server-side-encryption"), Some("aws:kms"));

    let sent = post_json(&app, &token, &message(ELIGIBLE, "invoice", US), &body).await;
    assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.text);
    let unknown = post_json(
        &app,
        &token,
        &message(ELIGIBLE, "invoice", US),
        &json!({"attachments": [{"uploadDestinationId": "nope", "fileName": "x.pdf"}]}),
    )
    .await;
    assert_eq!(unknown.error().1, "Attachment with ID nope does not exist");
    let six: Vec<Value> = (0..6).map(|_| json!({"uploadDestinationId": id, "fileName": "invoice.pdf"})).collect();
    let too_many = post_json(&app, &token, &message(ELIGIBLE, "invoice", US), &json!({"attachments": six})).await;
    assert!(too_many.error().1.contains("at most 5"), "{}", too_many.text);

    // A hex digest is accepted for the destination but fails at S3 (facts.md "Attachments").
    let hex_md5: String = Md5::digest(&file).iter().map(|b| format!("{b:02x}")).collect();
    let d2 = destination(dest_url(&hex_md5), "sellingpartnerapi-na.amazon.com").await.json();
    let (_, path2) = split_url(d2["payload"]["url"].as_str().unwrap());
    let hexput =
        put(path2, vec![("content-md5", hex_md5.clone()), ("x-amz-server-side-encryption", "aws:kms".into())], file.clone(), Method::PUT)
            .await;
    assert_eq!(hexput.status, StatusCode::BAD_REQUEST);
    assert!(
        hexput.text.contains("<Code>InvalidDigest</Code><Message>The Content-MD5 you specified was invalid.</Message>"),
        "{}",
        hexput.text
    );

    // contentMD5 percent-encoded twice (python-amazon-sp-api quotes it, then its HTTP library
    // encodes the query again): decoded as meant, and the PUT with the returned header works.
    let twice = md5.replace('+', "%252B").replace('/', "%252F").replace('=', "%253D");
    let d4 = destination(
        format!("/uploads/2020-11-01/uploadDestinations/{resource}?marketplaceIds={US}&contentMD5={twice}"),
        "sellingpartnerapi-na.amazon.com",
    )
    .await
    .json();
    assert_eq!(d4["payload"]["headers"]["Content-MD5"], md5, "{d4}");
    let (_, path4) = split_url(d4["payload"]["url"].as_str().unwrap());
    assert_eq!(put(path4, good(), file.clone(), Method::PUT).await.status, StatusCode::OK);

    // The URL expires after 900 s: S3's AccessDenied "Request has expired".
    let d3 = destination(dest_url(&md5), "sellingpartnerapi-na.amazon.com").await.json();
    let (_, path3) = split_url(d3["payload"]["url"].as_str().unwrap());
    sb.world().clock.advance(time::Duration::seconds(901));
    let expired = put(path3, good(), file, Method::PUT).await;
    assert_eq!(expired.status, StatusCode::FORBIDDEN);
    assert!(expired.text.contains("<Code>AccessDenied</Code><Message>Request has expired</Message>"), "{}", expired.text);
    let puts = send(&app, Method::GET, "/_sandbox/log?operation=uploadPut", &[], Body::empty()).await.json();
    assert!(puts.as_array().unwrap().iter().any(|e| e["status"] == 200), "the PUTs are logged as uploadPut");
}

#[tokio::test]
async fn without_tls_upload_urls_point_back_at_the_emulator_path_style() {
    let (_, app) = sandbox();
    let token = login(&app).await;
    let file = b"hello".to_vec();
    let md5 = md5_b64(&file).replace('+', "%2B").replace('/', "%2F").replace('=', "%3D");
    let uri = format!(
        "/uploads/2020-11-01/uploadDestinations/messaging/v1/orders/{ELIGIBLE}/messages/invoice?marketplaceIds={US}&contentMD5={md5}"
    );
    let d = send(&app, Method::POST, &uri, &[("x-amz-access-token", &token), ("host", "127.0.0.1:8080")], Body::empty()).await.json();
    let url = d["payload"]["url"].as_str().unwrap();
    assert!(url.starts_with("http://127.0.0.1:8080/buyer-seller-messaging-prod-draft-attachment-namarketplace/%2F"), "{url}");
    let (_, path) = split_url(url);
    let headers = [("content-md5", md5_b64(&file)), ("x-amz-server-side-encryption", "aws:kms".to_owned())];
    let h: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).chain([("host", "127.0.0.1:8080")]).collect();
    assert_eq!(send(&app, Method::PUT, &path, &h, file).await.status, StatusCode::OK);
}

#[tokio::test]
async fn upload_destinations_check_their_parameters() {
    let (_, app) = sandbox();
    let token = login(&app).await;
    let base = format!("/uploads/2020-11-01/uploadDestinations/messaging/v1/orders/{ELIGIBLE}/messages/invoice");
    let post = |uri: String| {
        let (app, token) = (app.clone(), token.clone());
        async move { send(&app, Method::POST, &uri, &[("x-amz-access-token", &token)], Body::empty()).await }
    };
    let missing_md5 = post(format!("{base}?marketplaceIds={US}")).await;
    assert!(missing_md5.error().1.starts_with("contentMD5: "), "{}", missing_md5.text);
    assert_eq!(post(format!("{base}?contentMD5=abc")).await.status, StatusCode::BAD_REQUEST);
    let encoded = post(format!("/uploads/2020-11-01/uploadDestinations/messaging%2Fv1%2Forders%2F{ELIGIBLE}%2Fmessages%2Finvoice?marketplaceIds={US}&contentMD5=abc")).await;
    assert_eq!(encoded.status, StatusCode::FORBIDDEN, "percent-encoded slashes: {}", encoded.text);
    let not_a_message = post(format!("/uploads/2020-11-01/uploadDestinations/orders/v0/x?marketplaceIds={US}&contentMD5=abc")).await;
    assert_eq!(not_a_message.status, StatusCode::BAD_REQUEST);
    let unknown = send(
        &app,
        Method::PUT,
        "/buyer-seller-messaging-prod-draft-attachment-namarketplace/%2F001/unknown?X-Amz-Signature=x",
        &[("host", "s3.amazonaws.com")],
        "x",
    )
    .await;
    assert_eq!(unknown.status, StatusCode::FORBIDDEN, "a URL no destination was made for fails its signature");
    assert!(unknown.text.contains("<Code>SignatureDoesNotMatch</Code>"), "{}", unknown.text);
}

#[tokio::test]
async fn login_with_amazon_issues_tokens_and_refuses_bad_requests() {
    let (sb, app) = sandbox();
    let form = |pairs: &[(&str, &str)]| {
        pairs
            .iter()
            .fold(form_urlencoded::Serializer::new(String::new()), |mut s, (k, v)| {
                s.append_pair(k, v);
                s
            })
            .finish()
    };
    let lwa = |body: String, ct: &'static str| {
        let app = app.clone();
        async move { send(&app, Method::POST, "/auth/o2/token", &[("content-type", ct)], body).await }
    };
    let good =
        [("grant_type", "refresh_token"), ("refresh_token", REFRESH_TOKEN), ("client_id", CLIENT_ID), ("client_secret", CLIENT_SECRET)];
    let ok = lwa(form(&good), "application/x-www-form-urlencoded").await;
    let t = ok.json();
    assert_eq!(
        (t["token_type"].as_str(), t["expires_in"].as_i64(), t["refresh_token"].as_str()),
        (Some("bearer"), Some(3600), Some(REFRESH_TOKEN))
    );
    assert!(t["access_token"].as_str().unwrap().starts_with("Atza|"));
    let json_ok = lwa(
        json!({"grant_type": "refresh_token", "refresh_token": REFRESH_TOKEN, "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET})
            .to_string(),
        "application/json",
    )
    .await;
    assert_eq!(json_ok.status, StatusCode::OK);

    let with = |k: &str, v: &'static str| good.iter().map(|(n, x)| (*n, if *n == k { v } else { *x })).collect::<Vec<_>>();
    let without = |k: &str| good.iter().filter(|(n, _)| *n != k).copied().collect::<Vec<_>>();
    for (pairs, status, error) in [
        (with("client_secret", "wrong"), 401, "invalid_client"),
        (with("client_id", "amzn1.application-oa2-client.other"), 401, "invalid_client"),
        (with("refresh_token", "Atzr|revoked"), 400, "invalid_grant"),
        (with("grant_type", "authorization_code"), 400, "unsupported_grant_type"),
        (without("refresh_token"), 400, "invalid_request"),
        (without("grant_type"), 400, "invalid_request"),
    ] {
        let a = lwa(form(&pairs), "application/x-www-form-urlencoded").await;
        assert_eq!((a.status.as_u16(), a.json()["error"].as_str()), (status, Some(error)), "{pairs:?}");
        assert!(a.json()["error_description"].is_string());
    }
    assert_eq!(lwa(form(&good), "text/plain").await.json()["error"], "invalid_request");

    // Tokens expire with the clock; SP-API answers 403 with its own body.
    let token = t["access_token"].as_str().unwrap();
    let uri = format!("/messaging/v1/orders/{ELIGIBLE}/attributes?marketplaceIds={US}");
    assert_eq!(get(&app, token, &uri).await.status, StatusCode::OK);
    sb.world().clock.advance(time::Duration::seconds(3600));
    let expired = get(&app, token, &uri).await;
    assert_eq!(expired.status, StatusCode::FORBIDDEN);
    assert_eq!(expired.error().0, "Unauthorized");
    assert!(expired.details().contains("expired"));
    let unknown = get(&app, "Atza|made-up", &uri).await;
    assert!(unknown.details().contains("revoked, malformed or invalid"), "{}", unknown.text);
    let none = send(&app, Method::GET, &uri, &[], Body::empty()).await;
    assert_eq!(none.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn tokens_can_be_expired_from_the_admin_api() {
    let (_, app) = sandbox();
    let token = login(&app).await;
    let uri = format!("/messaging/v1/orders/{ELIGIBLE}/attributes?marketplaceIds={US}");
    assert_eq!(get(&app, &token, &uri).await.status, StatusCode::OK);
    assert_eq!(send(&app, Method::POST, "/_sandbox/tokens/expire", &[], Body::empty()).await.json()["expired"], 1);
    assert!(get(&app, &token, &uri).await.details().contains("expired"));
}

#[tokio::test]
async fn a_revoked_refresh_token_is_refused_and_its_access_tokens_stop() {
    let (_, app) = sandbox();
    let token = login(&app).await;
    let uri = format!("/messaging/v1/orders/{ELIGIBLE}/attributes?marketplaceIds={US}");
    let json = [("content-type", "application/json")];
    let revoke = format!(r#"{{"refreshToken":"{REFRESH_TOKEN}"}}"#);
    assert_eq!(send(&app, Method::POST, "/_sandbox/tokens/revoke", &json, revoke.clone()).await.json()["revoked"], 1);
    assert_eq!(get(&app, &token, &uri).await.status, StatusCode::FORBIDDEN);
    let form = format!(
        "grant_type=refresh_token&refresh_token={}&client_id={CLIENT_ID}&client_secret={CLIENT_SECRET}",
        REFRESH_TOKEN.replace('|', "%7C")
    );
    let again = send(&app, Method::POST, "/auth/o2/token", &[("content-type", "application/x-www-form-urlencoded")], form).await;
    assert_eq!(again.json()["error"], "invalid_grant", "{}", again.text);
    // Unknown now: a plain error, nothing changed.
    assert_eq!(send(&app, Method::POST, "/_sandbox/tokens/revoke", &json, revoke).await.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn every_answer_carries_the_emulators_time_in_date() {
    let (sb, app) = sandbox();
    sb.world().clock.set(time::macros::datetime!(2026-03-01 08:49:37 UTC));
    let a = send(&app, Method::GET, "/_sandbox/clock", &[], Body::empty()).await;
    assert_eq!(a.header("date"), Some("Sun, 01 Mar 2026 08:49:37 GMT"));
    let token = login(&app).await;
    let api = get(&app, &token, &format!("/messaging/v1/orders/{ELIGIBLE}/attributes?marketplaceIds={US}")).await;
    assert!(api.header("date").is_some_and(|d| d.ends_with(" 2026 08:49:37 GMT") || d.contains("Mar 2026")), "{:?}", api.header("date"));
}

#[tokio::test]
async fn bad_input_gets_amazons_error_body_never_a_500() {
    let (_, app) = sandbox();
    let token = login(&app).await;
    for (uri, status, needle) in [
        ("/solicitations/v1/orders/badOrderId?marketplaceIds=ATVPDKIKX0DER".to_owned(), 400, "not an Amazon order id"),
        (format!("/solicitations/v1/orders/{ELIGIBLE}"), 400, "marketplaceIds is required"),
        (format!("/solicitations/v1/orders/{ELIGIBLE}?marketplaceIds=XYZ"), 400, "Invalid marketplaceId"),
        (format!("/solicitations/v1/orders/{ELIGIBLE}?marketplaceIds={US},{UK}"), 400, "Only one marketplace"),
        (format!("/solicitations/v1/orders/{ELIGIBLE}?marketplaceIds={US}&marketplaceIds={UK}"), 400, "Only one marketplace"),
        (format!("/solicitations/v1/orders/{ELIGIBLE}?marketplaceIds={UK}"), 404, "No order"),
        ("/solicitations/v1/orders/999-9999999-9999999?marketplaceIds=ATVPDKIKX0DER".to_owned(), 404, "No order"),
        ("/messaging/v1/orders/123-1234567-1234567/messages/sendFlowers?marketplaceIds=ATVPDKIKX0DER".to_owned(), 404, ""),
        ("/solicitations/v2/anything".to_owned(), 404, ""),
    ] {
        let a = get(&app, &token, &uri).await;
        assert_eq!(a.status.as_u16(), status, "{uri}: {}", a.text);
        assert!(a.json()["errors"][0]["code"].is_string(), "{uri}");
        assert!(a.reason().contains(needle), "{uri}: {}", a.text);
        assert!(a.header("x-amzn-requestid").is_some());
    }
    // A marketplace of another region than the endpoint's host.
    let eu = send(
        &app,
        Method::GET,
        &format!("/solicitations/v1/orders/{ELIGIBLE}?marketplaceIds={US}"),
        &[("x-amz-access-token", &token), ("host", "sellingpartnerapi-eu.amazon.com")],
        Body::empty(),
    )
    .await;
    assert_eq!(eu.status, StatusCode::BAD_REQUEST);
    assert!(eu.error().1.contains("na region"), "the reason is in the message: {}", eu.text);
    let wrong_method = send(
        &app,
        Method::DELETE,
        &format!("/solicitations/v1/orders/{ELIGIBLE}?marketplaceIds={US}"),
        &[("x-amz-access-token", &token)],
        Body::empty(),
    )
    .await;
    assert_eq!(wrong_method.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(wrong_method.error().0, "MethodNotAllowed");
}

#[tokio::test]
async fn the_log_masks_secrets_and_records_outcomes() {
    let (_, app) = sandbox();
    let token = login(&app).await;
    create_review(&app, &token, ELIGIBLE, US).await;
    get(&app, &token, "/").await; // not an API path: not logged
    let log = send(&app, Method::GET, "/_sandbox/log", &[], Body::empty()).await.json();
    let entries = log.as_array().unwrap();
    assert_eq!(entries.len(), 2, "{log}");
    let text = log.to_string();
    assert!(!text.contains(CLIENT_SECRET) && !text.contains("test-refresh-token") && !text.contains(&token), "{text}");
    assert_eq!(entries[0]["operation"], "lwaToken");
    assert_eq!(entries[1]["operation"], "createProductReviewAndSellerFeedbackSolicitation");
    assert_eq!((entries[1]["status"].as_u64(), entries[1]["outcome"].as_str()), (Some(201), Some("answered")));
    assert_eq!(entries[1]["time"], "2026-11-23T12:00:00Z", "the emulator's clock");
    let since =
        send(&app, Method::GET, "/_sandbox/log?since=1&operation=createProductReviewAndSellerFeedbackSolicitation", &[], Body::empty())
            .await
            .json();
    assert_eq!(since.as_array().unwrap().len(), 1);
    send(&app, Method::DELETE, "/_sandbox/log", &[], Body::empty()).await;
    assert_eq!(send(&app, Method::GET, "/_sandbox/log", &[], Body::empty()).await.json(), json!([]));
}

#[tokio::test]
async fn admin_api_resets_loads_scenarios_and_moves_the_clock() {
    let (_, app) = sandbox();
    let token = login(&app).await;
    create_review(&app, &token, ELIGIBLE, US).await;
    let orders = send(&app, Method::GET, "/_sandbox/orders", &[], Body::empty()).await.json();
    let by_id = |doc: &Value, id: &str| doc["orders"].as_array().unwrap().iter().find(|o| o["amazonOrderId"] == id).unwrap().clone();
    assert_eq!(by_id(&orders, ELIGIBLE)["reviewRequest"], "alreadyRequested");
    assert_eq!(by_id(&orders, ELIGIBLE)["sent"].as_array().unwrap().len(), 1);
    assert_eq!(by_id(&orders, TOO_EARLY)["reviewRequest"], "outsideWindow");
    assert_eq!(by_id(&orders, TOO_EARLY)["reviewWindow"]["from"], "2026-11-25T12:00:00Z");
    assert_eq!(by_id(&orders, UK_ORDER)["details"]["buyerName"], "Amelia Clarke");
    assert_eq!(by_id(&orders, UK_ORDER)["refunded"], true);
    assert_eq!(
        (by_id(&orders, UK_ORDER)["fulfilledBy"].as_str(), by_id(&orders, UK_ORDER)["lastUpdatedDate"].as_str()),
        (Some("MERCHANT"), Some("2026-10-10T12:00:00Z"))
    );

    let reset = send(&app, Method::POST, "/_sandbox/reset", &[], Body::empty()).await;
    assert_eq!(reset.json()["orders"], 7);
    let after = send(&app, Method::GET, "/_sandbox/orders", &[], Body::empty()).await.json();
    assert_eq!(by_id(&after, ELIGIBLE)["reviewRequest"], "eligible", "a reset forgets what was sent");
    assert!(
        get(&app, &token, &format!("/messaging/v1/orders/{ELIGIBLE}/attributes?marketplaceIds={US}")).await.status == StatusCode::FORBIDDEN,
        "and the tokens"
    );

    let clock = send(&app, Method::POST, "/_sandbox/clock", &[], json!({"advanceSeconds": 86400}).to_string()).await.json();
    assert_eq!(clock["now"], "2026-11-24T12:00:00Z");
    let clock = send(&app, Method::POST, "/_sandbox/clock", &[], json!({"now": "now+2d"}).to_string()).await.json();
    assert_eq!((clock["now"].as_str(), clock["frozen"].as_bool()), (Some("2026-11-26T12:00:00Z"), Some(true)));
    assert_eq!(send(&app, Method::POST, "/_sandbox/clock", &[], "{\"when\":1}").await.status, StatusCode::BAD_REQUEST);

    let small = r#"{"now":"2026-01-10T00:00:00Z","orders":[{"amazonOrderId":"303-1111111-2222222","marketplaceId":"A1PA6795UKMFR9","status":"Shipped","purchaseDate":"now-12d","earliestDeliveryDate":"now-9d","latestDeliveryDate":"now-8d","buyerLocale":"de-DE"}]}"#;
    assert_eq!(send(&app, Method::PUT, "/_sandbox/scenario", &[], small).await.json()["orders"], 1);
    let now = send(&app, Method::GET, "/_sandbox/clock", &[], Body::empty()).await.json();
    assert_eq!(now["now"], "2026-01-10T00:00:00Z");
    let bad = send(&app, Method::PUT, "/_sandbox/scenario", &[], r#"{"orders":[{"amazonOrderId":"x"}]}"#).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn www_files_are_served_for_every_other_path() {
    let dir = std::env::temp_dir().join(format!("sp-sandbox-www-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("orders-v3")).unwrap();
    std::fs::write(dir.join("index.html"), "<h1>Seller Central</h1>").unwrap();
    let (_, app) = sandbox_with(sp_sandbox::Config { www: Some(dir.clone()), ..Default::default() });
    let page = send(&app, Method::GET, "/", &[], Body::empty()).await;
    assert_eq!((page.status, page.text.as_str()), (StatusCode::OK, "<h1>Seller Central</h1>"));
    assert!(page.header("content-type").unwrap().starts_with("text/html"));
    let missing = send(&app, Method::GET, "/no/such/page.html", &[], Body::empty()).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.error().0, "NotFound");
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn the_shipped_demo_scenario_loads_and_is_realistic() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../www/demo/orders.json")).unwrap();
    let scenario = sp_sandbox::Scenario::from_json(&text).unwrap();
    assert!(scenario.orders.len() >= 40);
    let sb = sp_sandbox::Sandbox::new(Default::default(), scenario);
    let router = sp_sandbox::app(sb.clone());
    let doc = send(&router, Method::GET, "/_sandbox/orders", &[], Body::empty()).await.json();
    let orders = doc["orders"].as_array().unwrap();
    let count = |f: &dyn Fn(&Value) -> bool| orders.iter().filter(|o| f(o)).count();
    for market in [US, UK, "A1PA6795UKMFR9", JP] {
        assert!(count(&|o| o["marketplaceId"] == market) >= 8, "{market}");
    }
    for status in ["Shipped", "Unshipped", "Canceled"] {
        assert!(count(&|o| o["status"] == status) >= 3, "{status}");
    }
    assert!(count(&|o| o["refunded"] == true) >= 3);
    assert!(count(&|o| o["reviewRequest"] == "eligible") >= 10);
    assert!(count(&|o| o["reviewRequest"] == "outsideWindow" && o["status"] == "Shipped") >= 6, "before and after the window");
    assert!(count(&|o| o["reviewRequest"] == "alreadyRequested") >= 2);
    let locales: std::collections::HashSet<&str> = orders.iter().filter_map(|o| o["buyerLocale"].as_str()).collect();
    assert!(locales.len() >= 5, "{locales:?}");
    // A US-default seller with Amazon.ca orders: the marketplace must come from the order.
    let ca = |o: &Value| o["marketplaceId"] == "A2EUQ1WTGCTBG2";
    assert!(count(&|o| ca(o)) >= 3 && count(&|o| ca(o) && o["reviewRequest"] == "eligible") >= 2);
}

#[tokio::test]
async fn an_application_without_the_role_is_denied() {
    let (sb, app) = sandbox();
    {
        let mut w = sb.world();
        w.scenario.applications[0].roles = Some(vec![sp_sandbox::scenario::Role::BuyerCommunication]);
    }
    let token = login(&app).await;
    let denied = get(&app, &token, &format!("/solicitations/v1/orders/{ELIGIBLE}?marketplaceIds={US}")).await;
    assert_eq!((denied.status, denied.error().1.as_str()), (StatusCode::FORBIDDEN, "Access to requested resource is denied."));
    assert!(denied.details().contains("Buyer Solicitation"), "{}", denied.text);
    assert_eq!(get(&app, &token, &format!("/messaging/v1/orders/{ELIGIBLE}/attributes?marketplaceIds={US}")).await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_reset_puts_a_real_time_clock_back_to_now() {
    let sb = sp_sandbox::Sandbox::new(sp_sandbox::Config { rate_scale: 0.0, ..Default::default() }, sp_sandbox::Scenario::default());
    let app = sp_sandbox::app(sb.clone());
    send(&app, Method::POST, "/_sandbox/clock", &[], json!({"advanceSeconds": 9 * 86400}).to_string()).await;
    assert!(sb.now() > time::OffsetDateTime::now_utc() + time::Duration::days(8));
    send(&app, Method::POST, "/_sandbox/reset", &[], Body::empty()).await;
    assert!((sb.now() - time::OffsetDateTime::now_utc()).abs() < time::Duration::minutes(1));
}
