//! Uploads 2020-11-01 (uploads_2020-11-01.json): an upload destination for a message's
//! attachment, and the pre-signed PUT it points at, checked like S3 checks it (facts.md
//! "Attachments": base64 Content-MD5, the returned headers exactly, the URL expires after 900 s).
use crate::errors::{json_response, ApiError};
use crate::gate::{marketplace_ids, Op};
use crate::limits::UPLOADS;
use crate::marketplaces::{region_of, Region};
use crate::world::{Sandbox, Upload};
use axum::extract::{OriginalUri, Path, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use bytes::Bytes;
use md5::{Digest, Md5};
use serde_json::json;

const CREATE: Op = Op { id: "createUploadDestinationForResource", rate: Some(UPLOADS), authed: true };
pub const PUT_OPERATION: &str = "uploadPut";
const PUT: Op = Op { id: PUT_OPERATION, rate: None, authed: false };
const URL_LIFETIME_SECONDS: i64 = 900;

/// S3's XML error body.
pub fn s3_error(status: StatusCode, code: &str, message: &str) -> Response {
    let body = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{message}</Message></Error>");
    (status, [(header::CONTENT_TYPE, "application/xml")], body).into_response()
}

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
            "resource {resource:?} is not a message path (messaging/v1/orders/{{amazonOrderId}}/messages/{{kind}})."
        )))
    }
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
            return crate::static_pairs::answer(CREATE.id, "", query.as_deref(), None);
        }
        // The resource's slashes must stay literal: reported issues got 403s for %2F (facts.md).
        if uri.path().to_ascii_lowercase().contains("%2f") {
            return Err(ApiError::unauthorized("Access to requested resource is denied.").with_details("The resource path's slashes were percent-encoded (%2F)."));
        }
        check_resource(&resource)?;
        let ids = marketplace_ids(query.as_deref());
        let marketplace = match ids.as_slice() {
            [one] => one,
            [] => return Err(ApiError::invalid_input("marketplaceIds is required.")),
            _ => return Err(ApiError::invalid_input("Only one marketplace can be specified.")),
        };
        let region = region_of(marketplace).ok_or_else(|| ApiError::invalid_input(format!("Invalid marketplaceId {marketplace:?}.")))?;
        let param = |k: &str| form_urlencoded::parse(query.as_deref().unwrap_or_default().as_bytes()).find(|(n, _)| n == k).map(|(_, v)| v.into_owned());
        // Amazon takes any string here; a hex digest fails later, at the PUT (facts.md).
        let Some(content_md5) = param("contentMD5").filter(|m| !m.is_empty()) else {
            return Err(ApiError::invalid_input("contentMD5 is required."));
        };
        let content_type = param("contentType").filter(|c| !c.is_empty());
        let region = match region {
            Region::Na => "na",
            Region::Eu => "eu",
            Region::Fe => "fe",
        };
        let id = format!("amzn1.tortuga.4.{region}.{}", uuid::Uuid::new_v4());
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("127.0.0.1");
        let scheme = if sb.config.tls { "https" } else { "http" };
        let signature = uuid::Uuid::new_v4().simple().to_string();
        let url = format!("{scheme}://{host}/_s3/{id}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires={URL_LIFETIME_SECONDS}&X-Amz-SignedHeaders=content-md5%3Bhost%3Bx-amz-server-side-encryption&X-Amz-Signature={signature}");
        let mut put_headers = json!({"Content-MD5": content_md5, "x-amz-server-side-encryption": "AES256"});
        if let Some(ct) = &content_type {
            put_headers["Content-Type"] = json!(ct);
        }
        let expires = w.clock.now() + time::Duration::seconds(URL_LIFETIME_SECONDS);
        w.uploads.insert(id.clone(), Upload { content_md5, content_type, resource, expires, finished: false, size: 0 });
        Ok(json_response(StatusCode::CREATED, &json!({"payload": {"uploadDestinationId": id, "url": url, "headers": put_headers}})))
    })
    .await
}

pub async fn put_object(State(sb): State<Sandbox>, Path(id): Path<String>, headers: HeaderMap, body: Bytes) -> Response {
    sb.call(&PUT, &headers, None, |w, _| {
        let now = w.clock.now();
        let Some(upload) = w.uploads.get_mut(&id) else {
            return Ok(s3_error(StatusCode::NOT_FOUND, "NoSuchUpload", "The specified upload does not exist."));
        };
        if now > upload.expires {
            return Ok(s3_error(StatusCode::FORBIDDEN, "AccessDenied", "Request has expired"));
        }
        let header = |k: &str| headers.get(k).and_then(|v| v.to_str().ok());
        // The URL is signed over these headers: anything else than what was returned breaks it.
        let Some(md5_header) = header("content-md5") else {
            return Ok(s3_error(
                StatusCode::FORBIDDEN,
                "SignatureDoesNotMatch",
                "The Content-MD5 header that the upload destination returned is missing.",
            ));
        };
        if md5_header != upload.content_md5 {
            return Ok(s3_error(
                StatusCode::FORBIDDEN,
                "SignatureDoesNotMatch",
                "The Content-MD5 header differs from the contentMD5 the upload destination was made for.",
            ));
        }
        if header("x-amz-server-side-encryption") != Some("AES256") {
            return Ok(s3_error(
                StatusCode::FORBIDDEN,
                "SignatureDoesNotMatch",
                "The x-amz-server-side-encryption header must be AES256, as returned.",
            ));
        }
        if let Some(ct) = &upload.content_type {
            if header("content-type") != Some(ct.as_str()) {
                return Ok(s3_error(
                    StatusCode::FORBIDDEN,
                    "SignatureDoesNotMatch",
                    "The Content-Type header differs from the contentType the upload destination was made for.",
                ));
            }
        }
        let digest = base64::engine::general_purpose::STANDARD.decode(md5_header).ok().filter(|d| d.len() == 16);
        let Some(digest) = digest else {
            return Ok(s3_error(
                StatusCode::BAD_REQUEST,
                "InvalidDigest",
                "The Content-MD5 you specified was invalid (it must be the base64 of the 16-byte MD5 digest, not hex).",
            ));
        };
        if Md5::digest(&body).as_slice() != digest.as_slice() {
            return Ok(s3_error(StatusCode::BAD_REQUEST, "BadDigest", "The Content-MD5 you specified did not match what we received."));
        }
        upload.finished = true;
        upload.size = body.len();
        let etag = format!("\"{}\"", digest.iter().map(|b| format!("{b:02x}")).collect::<String>());
        Ok((StatusCode::OK, [(header::ETAG, etag)]).into_response())
    })
    .await
}
