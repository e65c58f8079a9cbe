//! Uploads 2020-11-01 (uploads_2020-11-01.json): an upload destination for a message's
//! attachment. Like Amazon's, it points at S3 whatever host was asked (facts.md "Real upload
//! destinations"): `https://s3.amazonaws.com/buyer-seller-messaging-prod-draft-attachment-namarketplace/%2F067/<id>?X-Amz-…`,
//! with the headers `Content-MD5` and `x-amz-server-side-encryption: aws:kms`. s3.rs answers the PUT.
use crate::errors::{json_response, ApiError};
use crate::gate::{Need, Op};
use crate::hosts::{self, BUCKET_PREFIX};
use crate::limits::UPLOADS;
use crate::marketplaces::region_of;
use crate::request::{marketplace_ids, query_param};
use crate::world::{Sandbox, Upload};
use axum::extract::{OriginalUri, Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use rand::Rng;
use serde_json::json;

const CREATE: Op = Op::sp_api("createUploadDestinationForResource", UPLOADS, Need::BuyerCommunication);
/// The pre-signed URL's lifetime (facts.md "Attachments").
pub const URL_LIFETIME_SECONDS: i64 = 900;
/// At most this many upload destinations are remembered.
pub const UPLOAD_LIMIT: usize = 100_000;

/// `resource` is the message path the file will be attached to, e.g.
/// `messaging/v1/orders/123-1234567-1234567/messages/invoice`.
fn check_resource(resource: &str) -> Result<(), ApiError> {
    let parts: Vec<&str> = resource.split('/').collect();
    let ok = matches!(parts.as_slice(), ["messaging", "v1", "orders", id, "messages", kind]
        if crate::marketplaces::is_order_id(id) && crate::messaging::KINDS.iter().any(|(k, _)| k == kind));
    if ok {
        Ok(())
    } else {
        Err(ApiError::invalid_input(format!(
            "resource: {resource:?} is not a message path (messaging/v1/orders/{{amazonOrderId}}/messages/{{kind}})."
        )))
    }
}

/// `contentMD5` as the client meant it. Base64 never holds `%` or a space: a `%` left after the
/// query's own decoding means the client encoded it twice (python-amazon-sp-api quotes it, then
/// its HTTP library encodes the query again — and its uploads work against Amazon, issue #15),
/// and a space is a `+` sent unencoded.
fn content_md5(raw: &str) -> String {
    let once = if raw.contains('%') { percent_encoding::percent_decode_str(raw).decode_utf8_lossy().into_owned() } else { raw.to_owned() };
    once.replace(' ', "+")
}

/// `YYYYMMDDTHHMMSSZ`, SigV4's date form.
pub fn amz_date(t: time::OffsetDateTime) -> String {
    format!("{:04}{:02}{:02}T{:02}{:02}{:02}Z", t.year(), u8::from(t.month()), t.day(), t.hour(), t.minute(), t.second())
}

pub async fn create_destination(
    State(sb): State<Sandbox>,
    Path(resource): Path<String>,
    OriginalUri(uri): OriginalUri,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    sb.call(&CREATE, &headers, query.as_deref(), |w, _| {
        if sb.config.static_mode {
            return crate::static_pairs::answer(CREATE.id, &[("resource", &resource)], query.as_deref(), None);
        }
        // The resource's slashes must stay literal: reported issues got 403s for %2F (facts.md).
        if uri.path().to_ascii_lowercase().contains("%2f") {
            return Err(ApiError::unauthorized("Access to requested resource is denied.")
                .with_details("The resource path's slashes were percent-encoded (%2F)."));
        }
        check_resource(&resource)?;
        let ids = marketplace_ids(query.as_deref());
        let marketplace = match ids.as_slice() {
            [one] => one,
            [] => return Err(ApiError::invalid_input("marketplaceIds: Missing or invalid request parameter: marketplaceIds is required.")),
            _ => return Err(ApiError::invalid_input("marketplaceIds: Only one marketplace can be specified.")),
        };
        let region = region_of(marketplace)
            .ok_or_else(|| ApiError::invalid_input(format!("marketplaceIds: Invalid marketplaceId {marketplace:?}.")))?;
        // Amazon takes any string here; a hex digest fails later, at the PUT (facts.md).
        let Some(md5) = query_param(query.as_deref(), "contentMD5").filter(|m| !m.is_empty()) else {
            return Err(ApiError::invalid_input("contentMD5: Missing or invalid request parameter: contentMD5 is required."));
        };
        let content_md5 = content_md5(&md5);
        let now = w.clock.now();
        let id = uuid::Uuid::new_v4().to_string();
        let key = format!("%2F{:03}/{id}", w.rng.random_range(0..1000));
        let bucket = format!("{BUCKET_PREFIX}{}marketplace", region.name());
        let signature = format!("{}{}", uuid::Uuid::new_v4().simple(), uuid::Uuid::new_v4().simple());
        let date = amz_date(now);
        // The global endpoint signs in us-east-1, as the real answers show; EU and FE buckets
        // are not documented, and are named and signed the same way here.
        let credential = format!("AKIASPSANDBOX0EXAMPLE%2F{}%2Fus-east-1%2Fs3%2Faws4_request", &date[..8]);
        let origin = if sb.config.tls { "https://s3.amazonaws.com".to_owned() } else { format!("http://{}", headers_host(&headers)) };
        let url = format!(
            "{origin}/{bucket}/{key}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date={date}&X-Amz-SignedHeaders=content-md5%3Bhost%3Bx-amz-server-side-encryption&X-Amz-Expires={URL_LIFETIME_SECONDS}&X-Amz-Credential={credential}&X-Amz-Signature={signature}"
        );
        let expires = now + time::Duration::seconds(URL_LIFETIME_SECONDS);
        let upload = Upload { content_md5: content_md5.clone(), resource, bucket, key, signature, expires, finished: false, size: 0 };
        if w.uploads.len() >= UPLOAD_LIMIT {
            // Bounded however long a run uploads: destinations never used and expired go first.
            w.uploads.retain(|_, u| u.finished || u.expires > now);
            if w.uploads.len() >= UPLOAD_LIMIT {
                return Err(ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "ServiceUnavailable", "Temporary overloading or maintenance of the server.")
                    .with_details(format!("sp-sandbox keeps at most {UPLOAD_LIMIT} upload destinations; reset it")));
            }
        }
        w.uploads.insert(id.clone(), upload);
        let put_headers = json!({"x-amz-server-side-encryption": "aws:kms", "Content-MD5": content_md5});
        Ok(json_response(StatusCode::CREATED, &json!({"payload": {"uploadDestinationId": id, "url": url, "headers": put_headers}})))
    })
    .await
}

/// Without TLS there is no S3 name a client could reach: the URL names the emulator's own
/// address, path-style, and the same S3 look-alike answers it.
fn headers_host(headers: &HeaderMap) -> String {
    headers.get(axum::http::header::HOST).and_then(|h| h.to_str().ok()).filter(|h| !hosts::is_s3_host(h)).unwrap_or("127.0.0.1").to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_md5_decoded_as_meant() {
        assert_eq!(content_md5("kAFQmDzST7DWlj99KOF/cg=="), "kAFQmDzST7DWlj99KOF/cg==");
        assert_eq!(content_md5("kAFQmDzST7DWlj99KOF%2Fcg%3D%3D"), "kAFQmDzST7DWlj99KOF/cg==", "encoded twice");
        assert_eq!(content_md5("a b%2B"), "a+b+");
        assert_eq!(amz_date(time::macros::datetime!(2026-01-02 3:04:05 UTC)), "20260102T030405Z");
    }
}
