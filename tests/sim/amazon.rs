//! A fake Amazon for the simulation: Login with Amazon, Solicitations, Messaging, Uploads and S3,
//! answering as facts.md says the real ones do (HAL actions, 201 creates, the real 403 bodies, a
//! token bucket per operation with the documented rates, 429 `QuotaExceeded`, tokens that expire),
//! with a virtual clock and a log of every create that reached it.
use std::collections::HashMap;

use md5::{Digest, Md5};
use percent_encoding::percent_decode_str;
use sp_outreach::flow::{Answer, Transport};
use sp_outreach::{HttpRequest, HttpResponse};

pub const CLIENT_ID: &str = "amzn1.application-oa2-client.sim";
pub const CLIENT_SECRET: &str = "sim-secret";
pub const REFRESH_TOKEN: &str = "Atzr|sim-refresh";
pub const US: &str = "ATVPDKIKX0DER";
const API: &str = "https://sellingpartnerapi-na.amazon.com";
const S3: &str = "https://s3.amazonaws.com/buyer-seller-messaging-prod-draft-attachment-namarketplace/";
pub const DAY: f64 = 86_400_000.0;

/// What the network does to one request (issue #11 item 2's fault kinds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    None,
    /// The connection drops before the server sees the request.
    DropBefore,
    /// The server processes it, then the connection drops with no answer.
    DropAfter,
    /// Processed; the answer's head comes, then the connection breaks.
    Broken,
    /// Processed; the answer never comes in time.
    Timeout,
    /// 503 with an HTML page, before processing.
    Unavailable,
    /// 500 after processing (the create went through).
    ServerErrorAfter,
    /// 429 `QuotaExceeded`, nothing done.
    Throttled,
    /// The browser sends a POST twice (Chrome resends on a reused connection that dropped): both
    /// reach the server, the caller sees the second one's answer.
    Resent,
    /// Every access token expires just before this request arrives.
    ExpireTokens,
    /// A 302 to elsewhere; never followed.
    Redirect,
}

#[derive(Debug, Clone)]
pub struct Order {
    pub id: String,
    pub opens: f64,
    pub closes: f64,
    /// A review request was taken (by us or before the run).
    pub taken: bool,
    pub taken_at: Option<f64>,
    /// Message kinds offered, and whether a kind is offered again after it was sent.
    pub kinds: Vec<&'static str>,
    pub reoffer: bool,
    pub sent_kinds: Vec<String>,
}

/// A create that reached the fake, in the order they came.
#[derive(Debug, Clone)]
pub struct CreateSeen {
    pub order: String,
    pub kind: String,
    /// Sent by the client (not the browser's own resend).
    pub by_client: bool,
    /// Already taken when it arrived.
    pub already_taken: bool,
    pub processed: bool,
}

pub struct Amazon {
    pub now: f64,
    tokens: HashMap<String, f64>,
    next_token: u64,
    pub orders: Vec<Order>,
    buckets: HashMap<String, (f64, f64)>,
    uploads: HashMap<String, (String, bool)>,
    next_upload: u64,
    pub creates: Vec<CreateSeen>,
    /// 429s that no fault injected: the client's own pace was too fast for Amazon's bucket.
    pub natural_429: u32,
}

fn json(status: u16, body: &str) -> HttpResponse {
    HttpResponse::new(status, &[("x-amzn-RequestId", "rid"), ("content-type", "application/json")], body)
}

fn errors(status: u16, code: &str, message: &str) -> HttpResponse {
    json(status, &format!(r#"{{"errors":[{{"code":"{code}","message":"{message}","details":""}}]}}"#))
}

fn md5_base64(bytes: &[u8]) -> String {
    sp_outreach::upload::base64(&Md5::digest(bytes))
}

/// Amazon's rates (facts.md "Rate limits"): every Messaging/Solicitations operation 1/s burst 5,
/// uploads 10/s burst 10.
fn rate(op: &str) -> (f64, f64) {
    if op == "uploads" {
        (10.0, 10.0)
    } else {
        (1.0, 5.0)
    }
}

impl Amazon {
    pub fn new(orders: Vec<Order>) -> Amazon {
        Amazon {
            now: 0.0,
            tokens: HashMap::new(),
            next_token: 0,
            orders,
            buckets: HashMap::new(),
            uploads: HashMap::new(),
            next_upload: 0,
            creates: Vec::new(),
            natural_429: 0,
        }
    }

    pub fn order(&self, id: &str) -> Option<&Order> {
        self.orders.iter().find(|o| o.id == id)
    }

    fn order_mut(&mut self, id: &str) -> Option<&mut Order> {
        self.orders.iter_mut().find(|o| o.id == id)
    }

    /// One request with its fault: what the client gets back.
    pub fn exchange(&mut self, req: &HttpRequest, bytes: Option<&[u8]>, fault: Fault) -> Answer {
        let post = req.method.as_str() != "GET";
        match fault {
            Fault::None => Answer::Response(self.process(req, bytes, true)),
            Fault::DropBefore => Answer::Failed(Transport::NoAnswer),
            Fault::DropAfter => {
                self.process(req, bytes, true);
                Answer::Failed(Transport::NoAnswer)
            }
            Fault::Broken => {
                self.process(req, bytes, true);
                Answer::Failed(Transport::Broken)
            }
            Fault::Timeout => {
                self.process(req, bytes, true);
                Answer::Failed(Transport::Timeout)
            }
            Fault::Unavailable => Answer::Response(HttpResponse::new(503, &[], "<html><body>503 Service Unavailable</body></html>")),
            Fault::ServerErrorAfter => {
                self.process(req, bytes, true);
                Answer::Response(errors(500, "InternalFailure", "We encountered an internal error. Please try again."))
            }
            Fault::Throttled => Answer::Response(errors(429, "QuotaExceeded", "You exceeded your quota for the requested resource.")),
            Fault::Resent if post => {
                self.process(req, bytes, true);
                Answer::Response(self.process(req, bytes, false))
            }
            Fault::Resent => Answer::Response(self.process(req, bytes, true)),
            Fault::ExpireTokens => {
                self.tokens.clear();
                Answer::Response(self.process(req, bytes, true))
            }
            Fault::Redirect => Answer::Failed(Transport::Redirected),
        }
    }

    fn take(&mut self, bucket: &str, by_client: bool) -> bool {
        let (per_second, burst) = rate(bucket);
        let now = self.now;
        let b = self.buckets.entry(bucket.to_owned()).or_insert((burst, now));
        b.0 = (b.0 + (now - b.1) * per_second / 1000.0).min(burst);
        b.1 = now;
        // The browser's own resend is not the client's pace: not counted against it.
        if !by_client {
            return true;
        }
        if b.0 >= 1.0 - 1e-9 {
            b.0 -= 1.0;
            true
        } else {
            false
        }
    }

    fn process(&mut self, req: &HttpRequest, bytes: Option<&[u8]>, by_client: bool) -> HttpResponse {
        let url = req.url.as_str();
        if url == "https://api.amazon.com/auth/o2/token" {
            return self.lwa(req);
        }
        if let Some(id) = url.strip_prefix(S3) {
            return self.put(req, id.split('?').next().unwrap_or(""), bytes);
        }
        let Some(rest) = url.strip_prefix(API) else { return errors(404, "NotFound", "Resource not found") };
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        let param = |k: &str| -> Option<String> {
            query
                .split('&')
                .find_map(|p| p.split_once('=').filter(|(n, _)| *n == k))
                .map(|(_, v)| percent_decode_str(v).decode_utf8_lossy().into_owned())
        };
        match req.header("x-amz-access-token").and_then(|t| self.tokens.get(t)) {
            Some(expires) if *expires > self.now => {}
            _ => return errors(403, "Unauthorized", "The security token included in the request is expired"),
        }
        if param("marketplaceIds").as_deref() != Some(US) {
            return errors(400, "InvalidInput", "marketplaceIds: Missing or invalid request parameter: marketplaceId");
        }
        let seg: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        let method = req.method.as_str();
        let bucket = match (method, seg.as_slice()) {
            (_, ["uploads", ..]) => "uploads".to_owned(),
            ("GET", [api, "v1", "orders", _]) => format!("{api}-actions"),
            ("GET", [_, "v1", "orders", _, "attributes"]) => "attributes".into(),
            (_, [.., last]) => (*last).to_owned(),
            _ => "other".into(),
        };
        if !self.take(&bucket, by_client) {
            self.natural_429 += 1;
            return errors(429, "QuotaExceeded", "You exceeded your quota for the requested resource.");
        }
        let now = self.now;
        match (method, seg.as_slice()) {
            ("GET", ["solicitations", "v1", "orders", id]) => {
                let Some(o) = self.order(id) else { return errors(404, "NotFound", "Order not found") };
                let offered = !o.taken && now >= o.opens && now <= o.closes;
                let links: Vec<String> = if offered {
                    vec![format!(
                        r#"{{"href":"/solicitations/v1/orders/{id}/solicitations/productReviewAndSellerFeedback?marketplaceIds={US}","name":"productReviewAndSellerFeedback"}}"#
                    )]
                } else {
                    vec![]
                };
                json(
                    200,
                    &format!(
                        r#"{{"_links":{{"actions":[{}],"self":{{"href":"/solicitations/v1/orders/{id}"}}}},"_embedded":{{"actions":[]}}}}"#,
                        links.join(",")
                    ),
                )
            }
            ("POST", ["solicitations", "v1", "orders", id, "solicitations", "productReviewAndSellerFeedback"]) => {
                let id = id.to_string();
                let Some(o) = self.order_mut(&id) else { return errors(404, "NotFound", "Order not found") };
                let already = o.taken;
                let open = now >= o.opens && now <= o.closes;
                let processed = !already && open;
                if processed {
                    o.taken = true;
                    o.taken_at = Some(now);
                }
                self.creates.push(CreateSeen { order: id, kind: "review".into(), by_client, already_taken: already, processed });
                if already {
                    errors(403, "Unauthorized", "The requested solicitation is not available for this amazonOrderId.")
                } else if !open {
                    errors(
                        403,
                        "Unauthorized",
                        "You can't use this feature to request a review outside the 5-30 day range after the order delivery date.",
                    )
                } else {
                    json(201, "{}")
                }
            }
            ("GET", ["messaging", "v1", "orders", id]) => {
                let Some(o) = self.order(id) else { return errors(404, "NotFound", "Order not found") };
                let offered: Vec<String> = o
                    .kinds
                    .iter()
                    .filter(|k| o.reoffer || !o.sent_kinds.iter().any(|s| s == *k))
                    .map(|k| format!(r#"{{"href":"/messaging/v1/orders/{id}/messages/{k}?marketplaceIds={US}","name":"{k}"}}"#))
                    .collect();
                json(200, &format!(r#"{{"_links":{{"actions":[{}],"self":{{"href":"/messaging/v1/orders/{id}"}}}}}}"#, offered.join(",")))
            }
            ("GET", ["messaging", "v1", "orders", _, "attributes"]) => json(200, r#"{"buyer":{"locale":"en-US"}}"#),
            ("POST", ["messaging", "v1", "orders", id, "messages", kind]) => {
                let (id, kind) = (id.to_string(), kind.to_string());
                let body: serde_json::Value = serde_json::from_str(req.body.as_deref().unwrap_or("")).unwrap_or_default();
                let missing = body["attachments"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|a| !a["uploadDestinationId"].as_str().and_then(|u| self.uploads.get(u)).is_some_and(|(_, done)| *done));
                let Some(o) = self.order_mut(&id) else { return errors(404, "NotFound", "Order not found") };
                let offered = o.kinds.contains(&kind.as_str()) && (o.reoffer || !o.sent_kinds.contains(&kind));
                let already = o.sent_kinds.contains(&kind);
                let processed = offered && !missing;
                if processed {
                    o.sent_kinds.push(kind.clone());
                }
                self.creates.push(CreateSeen { order: id, kind, by_client, already_taken: already, processed });
                if !offered {
                    errors(403, "Unauthorized", "Invalid amazonOrderId and template combination.")
                } else if missing {
                    errors(400, "InvalidInput", "Attachment with ID does not exist")
                } else {
                    json(201, "{}")
                }
            }
            ("POST", ["uploads", "2020-11-01", "uploadDestinations", ..]) => {
                let Some(md5) = param("contentMD5") else { return errors(400, "InvalidInput", "contentMD5 is required") };
                self.next_upload += 1;
                let id = format!("amzn1.tortuga.4.na.{}", self.next_upload);
                self.uploads.insert(id.clone(), (md5.clone(), false));
                json(
                    201,
                    &format!(
                        r#"{{"payload":{{"uploadDestinationId":"{id}","url":"{S3}{id}?X-Amz-Expires=900","headers":{{"Content-MD5":"{md5}","x-amz-server-side-encryption":"aws:kms"}}}}}}"#
                    ),
                )
            }
            _ => errors(404, "NotFound", "Resource not found"),
        }
    }

    fn lwa(&mut self, req: &HttpRequest) -> HttpResponse {
        let form = req.body.as_deref().unwrap_or("");
        let field = |k: &str| {
            form.split('&')
                .find_map(|p| p.split_once('=').filter(|(n, _)| *n == k))
                .map(|(_, v)| percent_decode_str(&v.replace('+', " ")).decode_utf8_lossy().into_owned())
        };
        if field("client_id").as_deref() != Some(CLIENT_ID) || field("client_secret").as_deref() != Some(CLIENT_SECRET) {
            return json(401, r#"{"error":"invalid_client","error_description":"Client authentication failed"}"#);
        }
        if field("refresh_token").as_deref() != Some(REFRESH_TOKEN) {
            return json(
                400,
                r#"{"error":"invalid_grant","error_description":"The request has an invalid grant parameter : refresh_token"}"#,
            );
        }
        self.next_token += 1;
        let token = format!("Atza|sim{}", self.next_token);
        self.tokens.insert(token.clone(), self.now + 3_600_000.0);
        json(200, &format!(r#"{{"access_token":"{token}","token_type":"bearer","expires_in":3600,"refresh_token":"{REFRESH_TOKEN}"}}"#))
    }

    fn put(&mut self, req: &HttpRequest, id: &str, bytes: Option<&[u8]>) -> HttpResponse {
        let Some((md5, done)) = self.uploads.get_mut(id) else {
            return HttpResponse::new(404, &[], "<Error><Code>NoSuchUpload</Code></Error>");
        };
        let body_md5 = md5_base64(bytes.unwrap_or_default());
        if req.header("content-md5") != Some(md5.as_str()) || body_md5 != *md5 {
            return HttpResponse::new(400, &[], "<Error><Code>InvalidDigest</Code></Error>");
        }
        *done = true;
        HttpResponse::new(200, &[], "")
    }
}
