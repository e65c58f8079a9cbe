//! The S3 look-alike that upload destinations point at (facts.md "Real upload destinations"):
//! path-style `https://s3.amazonaws.com/<bucket>/<key>` (and virtual-hosted `<bucket>.s3…`),
//! answered by the same process under `--tls` and `--proxy`, chosen by the Host header. The
//! pre-signed PUT is checked like S3 checks it — the URL's signature and expiry, the signed
//! headers exactly as returned (Content-MD5, x-amz-server-side-encryption), a base64 digest that
//! matches the bytes — and errors come as S3's XML.
use crate::errors::{s3_error, s3_headers};
use crate::gate::{Op, Style};
use crate::hosts::{self, BUCKET_PREFIX};
use crate::request::query_param;
use crate::uploads::{amz_date, URL_LIFETIME_SECONDS};
use crate::world::{Sandbox, World};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use md5::{Digest, Md5};

pub const PUT_OPERATION: &str = "uploadPut";
const PUT: Op = Op::open(PUT_OPERATION, Style::S3);

const SIGNATURE: &str = "The request signature we calculated does not match the signature you provided. Check your key and signing method.";

/// Every request routed to S3: the PUT of a pre-signed URL; `MethodNotAllowed` for a POST (what
/// S3 answered in amzn/selling-partner-api-models #1755); anything else fails the signature,
/// which was made for a PUT.
pub async fn object(State(sb): State<Sandbox>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let host = hosts::host(&parts.headers).to_ascii_lowercase();
    let (bucket, key) = match host.find(".s3.").filter(|_| hosts::is_s3_host(&host)) {
        Some(dot) => (host[..dot].to_owned(), parts.uri.path().trim_start_matches('/').to_owned()),
        None => {
            let path = parts.uri.path().trim_start_matches('/');
            let (b, k) = path.split_once('/').unwrap_or((path, ""));
            (b.to_owned(), k.to_owned())
        }
    };
    let ours = bucket.strip_prefix(BUCKET_PREFIX).is_some_and(|r| ["namarketplace", "eumarketplace", "femarketplace"].contains(&r));
    if !ours {
        return s3_error(StatusCode::NOT_FOUND, "NoSuchBucket", "The specified bucket does not exist", &[("BucketName", bucket)]);
    }
    if parts.method == Method::POST {
        let extra = [("Method", "POST".to_owned()), ("ResourceType", "OBJECT".to_owned())];
        return s3_error(
            StatusCode::METHOD_NOT_ALLOWED,
            "MethodNotAllowed",
            "The specified method is not allowed against this resource.",
            &extra,
        );
    }
    if parts.method != Method::PUT {
        return signature_mismatch(&format!("the URL was signed for a PUT, not a {}", parts.method));
    }
    // `front` already read the body within the upload limit.
    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
    let query = parts.uri.query().map(str::to_owned);
    sb.call(&PUT, &parts.headers, None, |w, _| Ok(put(w, &bucket, &key, query.as_deref(), &parts.headers, &bytes))).await
}

fn signature_mismatch(hint: &str) -> Response {
    s3_error(StatusCode::FORBIDDEN, "SignatureDoesNotMatch", SIGNATURE, &[("SpSandboxHint", hint.to_owned())])
}

fn put(w: &mut World, bucket: &str, key: &str, query: Option<&str>, headers: &HeaderMap, body: &[u8]) -> Response {
    let now = w.clock.now();
    let id = key.rsplit('/').next().unwrap_or_default();
    let Some(upload) = w.uploads.get_mut(id).filter(|u| u.bucket == bucket && u.key == key) else {
        return signature_mismatch("no upload destination was made for this bucket and key");
    };
    if query_param(query, "X-Amz-Signature").as_deref() != Some(upload.signature.as_str()) {
        return signature_mismatch("the URL's query differs from the one the upload destination returned");
    }
    if now > upload.expires {
        let extra =
            [("X-Amz-Expires", URL_LIFETIME_SECONDS.to_string()), ("Expires", amz_date(upload.expires)), ("ServerTime", amz_date(now))];
        return s3_error(StatusCode::FORBIDDEN, "AccessDenied", "Request has expired", &extra);
    }
    let header = |k: &str| headers.get(k).and_then(|v| v.to_str().ok());
    // The URL is signed over these headers: anything else than what was returned breaks it.
    if header("content-md5") != Some(upload.content_md5.as_str()) {
        return signature_mismatch("the Content-MD5 header differs from the one the upload destination returned");
    }
    if header("x-amz-server-side-encryption") != Some("aws:kms") {
        return signature_mismatch("the x-amz-server-side-encryption header must be aws:kms, as returned");
    }
    let md5 = upload.content_md5.clone();
    let Some(digest) = base64::engine::general_purpose::STANDARD.decode(&md5).ok().filter(|d| d.len() == 16) else {
        return s3_error(StatusCode::BAD_REQUEST, "InvalidDigest", "The Content-MD5 you specified was invalid.", &[("Content-MD5", md5)]);
    };
    let got = Md5::digest(body);
    if got.as_slice() != digest.as_slice() {
        let extra =
            [("ExpectedDigest", hex(&digest)), ("CalculatedDigest", base64::engine::general_purpose::STANDARD.encode(got.as_slice()))];
        return s3_error(StatusCode::BAD_REQUEST, "BadDigest", "The Content-MD5 you specified did not match what we received.", &extra);
    }
    upload.finished = true;
    upload.size = body.len();
    let mut resp = (StatusCode::OK, [(header::ETAG, format!("\"{}\"", hex(&digest)))]).into_response();
    resp.headers_mut().insert("x-amz-server-side-encryption", header::HeaderValue::from_static("aws:kms"));
    s3_headers(&mut resp, &uuid::Uuid::new_v4().simple().to_string()[..16].to_ascii_uppercase());
    resp
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
