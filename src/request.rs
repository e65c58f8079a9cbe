//! Operation + order + marketplace + body + endpoint + access token → an `HttpRequest`, or a typed
//! error and no request. Every check that can stop a bad send happens here.
use serde::Serialize;
use serde_json::Value;

use crate::catalogue::{Api, Operation, MAX_ATTACHMENTS};
use crate::error::BuildError;
use crate::http::{query_value, user_agent, HttpRequest};
use crate::ids::{Marketplace, OrderId, Region};
use crate::json::{self, Reader};
use crate::orders::Query;
use crate::out::{Out, ToJson};
use crate::policy::{lint, Finding, Severity};
use crate::upload::FileInfo;
use crate::validate::{parse_date_time, validate, Limit, Violation};

/// The `uploadDestinationId` an attachment carries while its body is checked before the upload
/// (the real id comes from the Uploads API). One value for the core and the shell (issue #11).
pub const UPLOAD_PLACEHOLDER_ID: &str = "pending-upload";

/// Where requests go: a region's production or sandbox host, or (for local testing) an explicit
/// base URL. The region still decides which marketplaces are allowed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Endpoint {
    pub region: Region,
    pub sandbox: bool,
    pub base_url: Option<String>,
}

impl Endpoint {
    pub fn new(region: Region) -> Endpoint {
        Endpoint { region, sandbox: false, base_url: None }
    }

    /// `{ region, sandbox?, baseUrl? }` from JS.
    pub fn from_value(v: &Value) -> Result<Endpoint, String> {
        let r = Reader::arg(v);
        let region = Region::parse(r.str("region")?).map_err(|e| e.to_string())?;
        Ok(Endpoint { region, sandbox: r.bool_or("sandbox", false)?, base_url: r.opt_str("baseUrl")?.map(str::to_owned) })
    }

    pub fn base(&self) -> Result<String, BuildError> {
        match &self.base_url {
            None => Ok(self.region.base_url(self.sandbox)),
            Some(url) => checked_base_url(url),
        }
    }
}

pub(crate) fn checked_base_url(url: &str) -> Result<String, BuildError> {
    let ok = (url.starts_with("https://") || url.starts_with("http://")) && url.len() > 8 && !url.contains(['?', '#', ' ']);
    if ok {
        Ok(url.trim_end_matches('/').to_owned())
    } else {
        Err(BuildError::InvalidBaseUrl(crate::ids::truncate(url)))
    }
}

/// One call to build: which operation, for which order and marketplace, with which body.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Call {
    /// operationId or message kind, e.g. `createConfirmDeliveryDetails` or `confirmDeliveryDetails`.
    pub operation: String,
    pub order_id: String,
    /// Exactly one (facts.md: "a required query array marketplaceIds with exactly one value").
    pub marketplace_ids: Vec<String>,
    pub body: Option<Value>,
    /// The JSON Schema the API returned for this action (`_embedded.schema`), if known.
    pub schema: Option<Value>,
    /// The seller confirmed that the links in the text relate to this message.
    pub confirm_links: bool,
}

impl Call {
    /// `{ operation, orderId, marketplaceIds, body?, schema?, confirmLinks? }` from JS.
    pub fn from_value(mut v: Value) -> Result<Call, String> {
        // Taken out with `take`, not `remove`: BTreeMap's removal and rebalancing cost 3 KB of wasm.
        let mut present = |key: &str| v.get_mut(key).map(Value::take).filter(|v| !v.is_null());
        let (body, schema) = (present("body"), present("schema"));
        let r = Reader::arg(&v);
        Ok(Call {
            operation: r.str("operation")?.to_owned(),
            order_id: r.str("orderId")?.to_owned(),
            marketplace_ids: r.arr("marketplaceIds")?.iter().map(|m| m.as_str().map(str::to_owned)).collect::<Result<_, _>>()?,
            confirm_links: r.bool_or("confirmLinks", false)?,
            body,
            schema,
        })
    }
}

/// Any call the core builds: one about an order in one marketplace (Messaging, Solicitations),
/// or a read of the Orders or Sellers API with its own parameters (`Query`).
#[derive(Debug, Clone, PartialEq)]
pub enum ApiCall {
    Order(Call),
    Query(Query),
}

impl ApiCall {
    /// From JS: `operation` tells which shape the rest has (`Call`, or a `Query` by the model's
    /// parameter names).
    pub fn from_value(v: Value) -> Result<ApiCall, String> {
        let r = Reader::arg(&v);
        match Operation::find(r.str("operation")?) {
            Ok(op) if matches!(op.api, Api::Orders | Api::Sellers) => Ok(ApiCall::Query(Query::from_value(op, &r)?)),
            // An unknown operation is the builder's typed error (unknownOperation), as before.
            _ => Ok(ApiCall::Order(Call::from_value(v)?)),
        }
    }
}

/// Build the request for any call, or say why not.
pub fn build_call(call: &ApiCall, endpoint: &Endpoint, access_token: &str) -> Result<HttpRequest, BuildError> {
    match call {
        ApiCall::Order(c) => build(c, endpoint, access_token),
        ApiCall::Query(q) => q.build(endpoint, access_token),
    }
}

/// Everything wrong with a message body: schema violations (built-in rules and the API's schema)
/// and text-policy findings with their spans — or the limit that stopped the check.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub violations: Vec<Violation>,
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(type = "Finding[]"))]
    pub findings: Vec<Finding>,
    /// The body or a schema is beyond what can be checked at all (crate::validate::Limit): the
    /// body is not valid, nothing is sent on it, and `limit_error` says why. The JS export throws
    /// that error instead of returning the report.
    #[serde(skip)]
    pub stopped: Option<Limit>,
}

impl Report {
    /// No violation and no blocking finding; links still need the seller's confirmation.
    pub fn is_valid(&self) -> bool {
        self.stopped.is_none() && self.violations.is_empty() && self.findings.iter().all(|f| f.severity != Severity::Error)
    }
    /// `schemaTooComplex` or `bodyTooLarge` when a limit stopped the check.
    pub fn limit_error(&self) -> Option<BuildError> {
        self.stopped.map(BuildError::from)
    }
    pub fn needs_link_confirmation(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Confirm)
    }
    /// The violations that stop a send, policy findings included.
    pub fn blocking(&self, confirm_links: bool) -> Vec<Violation> {
        let mut out = self.violations.clone();
        for f in &self.findings {
            if f.severity == Severity::Error || !confirm_links {
                out.push(Violation::new("$.text", f.rule.id(), f.message.clone()));
            }
        }
        out
    }
}

impl ToJson for Report {
    fn to_json(&self, o: &mut Out) {
        o.obj();
        self.fields(o);
        o.end();
    }
}

impl Report {
    /// The fields without the braces: the JS export adds its own to them.
    pub fn fields(&self, o: &mut Out) {
        o.key("violations").list(&self.violations).key("findings").list(&self.findings);
    }
}

/// The text policy's finding as JS sees it (the `Finding` interface of src/wasm/mod.rs).
impl ToJson for Finding {
    fn to_json(&self, o: &mut Out) {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Confirm => "confirm",
        };
        o.obj().key("rule").str(self.rule.id()).key("severity").str(severity);
        o.key("start").uint(self.start as u64).key("end").uint(self.end as u64).key("message").str(&self.message);
        o.key("excerpt").str(&self.excerpt).key("words").arr();
        for [a, b] in &self.words {
            o.arr().uint(*a as u64).uint(*b as u64).end_arr();
        }
        o.end_arr().end();
    }
}

/// Check a message body of `op` against its built-in rules, the API's schema if given, and the
/// text policy. What is wrong with the body is reported as violations; a body or schema beyond
/// what can be checked at all stops the check (`Report::stopped`).
pub fn check_body(op: &Operation, body: &Value, api_schema: Option<&Value>) -> Report {
    let mut report = Report::default();
    if let Err(limit) = check_into(&mut report, op, body, api_schema) {
        report = Report { stopped: Some(limit), ..Report::default() };
    }
    report
}

fn check_into(report: &mut Report, op: &Operation, body: &Value, api_schema: Option<&Value>) -> Result<(), Limit> {
    let Some(builtin) = op.builtin_schema() else {
        if !body.is_null() && body.as_object().is_none_or(|o| !o.is_empty()) {
            report.violations.push(Violation::new("$", "type", format!("{} takes no request body", op.operation_id)));
        }
        return Ok(());
    };
    report.violations = validate(builtin, body)?;
    if let Some(schema) = api_schema {
        for v in validate(schema, body)? {
            if !report.violations.iter().any(|seen| seen.path == v.path && seen.keyword == v.keyword) {
                report.violations.push(v);
            }
        }
    }
    if let (Some(start), Some(end)) =
        (body.get("coverageStartDate").and_then(Value::as_str), body.get("coverageEndDate").and_then(Value::as_str))
    {
        if let (Some(s), Some(e)) = (parse_date_time(start), parse_date_time(end)) {
            if e < s {
                report.violations.push(Violation::new(
                    "$.coverageEndDate",
                    "coverageEndDate",
                    "the warranty must end after it starts".into(),
                ));
            }
        }
    }
    // The length is checked first: a text far over the limit (a pasted 10 MB, issue #12) is not
    // linted, as it can't be sent anyway. Up to twice the limit it is, so the seller sees what
    // else to fix while shortening it.
    let text_max = op.body.and_then(|b| b.text_max).unwrap_or(0) as usize;
    if let Some(text) = body.get("text").and_then(Value::as_str) {
        if text.len() <= 2 * text_max || text.chars().count() <= 2 * text_max {
            report.findings = lint(text);
        }
    }
    // The buyer sees attachment file names too (issue #13): the same rules, and any finding in a
    // name (a link or phone number included) stops the send, since the seller can rename it.
    if let Some(files) = body.get("attachments").and_then(Value::as_array) {
        for (i, file) in files.iter().take(crate::catalogue::MAX_ATTACHMENTS as usize).enumerate() {
            let Some(name) = file.get("fileName").and_then(Value::as_str) else { continue };
            for f in lint(name).into_iter().filter(|f| f.rule != crate::policy::Rule::Empty) {
                report.violations.push(Violation::new(&format!("$.attachments[{i}].fileName"), f.rule.id(), f.message));
            }
        }
    }
    Ok(())
}

pub(crate) fn common_headers(access_token: &str, with_body: bool) -> Result<Vec<(String, String)>, BuildError> {
    if access_token.trim().is_empty() {
        return Err(BuildError::MissingField("the access token"));
    }
    let mut h = vec![
        ("x-amz-access-token".to_owned(), access_token.to_owned()),
        ("accept".to_owned(), "application/json".to_owned()),
        ("user-agent".to_owned(), user_agent()),
    ];
    if with_body {
        h.push(("content-type".to_owned(), "application/json".to_owned()));
    }
    Ok(h)
}

pub(crate) fn region_error(m: &Marketplace, endpoint: &Endpoint) -> BuildError {
    BuildError::MarketplaceRegion {
        marketplace: m.id.into(),
        country: m.country.into(),
        marketplace_region: m.region.as_str().into(),
        endpoint_region: endpoint.region.as_str().into(),
    }
}

fn marketplace(ids: &[String], endpoint: &Endpoint) -> Result<&'static Marketplace, BuildError> {
    let [id] = ids else { return Err(BuildError::MarketplaceCount(ids.len())) };
    let m = Marketplace::by_id(id)?;
    if m.region != endpoint.region {
        return Err(region_error(m, endpoint));
    }
    Ok(m)
}

/// Build the request for `call`, or say why not. Nothing invalid is ever built.
pub fn build(call: &Call, endpoint: &Endpoint, access_token: &str) -> Result<HttpRequest, BuildError> {
    let op = Operation::find(&call.operation)?;
    if !op.is_order_scoped() {
        let how = if op.api == Api::Uploads { "build_upload_destination" } else { "build_call with its own parameters" };
        return Err(BuildError::UnknownOperation(format!("{}: use {how}", op.operation_id)));
    }
    let order = OrderId::parse(&call.order_id)?;
    let m = marketplace(&call.marketplace_ids, endpoint)?;
    let body = match (op.body, &call.body) {
        (None, None | Some(Value::Null)) => None,
        (None, Some(Value::Object(o))) if o.is_empty() => None,
        (None, Some(_)) => return Err(BuildError::BodyNotAllowed { operation: op.operation_id }),
        (Some(_), body) => {
            let body = body.clone().unwrap_or(Value::Object(Default::default()));
            let report = check_body(op, &body, call.schema.as_ref());
            if let Some(e) = report.limit_error() {
                return Err(e);
            }
            let blocking = report.blocking(call.confirm_links);
            if !blocking.is_empty() {
                return Err(BuildError::InvalidBody(blocking));
            }
            Some(json::text(&body))
        }
    };
    let url = format!("{}{}?marketplaceIds={}", endpoint.base()?, op.path_for(order.as_str()), m.id);
    let headers = common_headers(access_token, body.is_some())?;
    Ok(HttpRequest { method: op.method, url, headers, body })
}

/// The GET of an action's schema link (`_embedded.actions[]._links.schema.href`, facts.md "HAL"),
/// on the endpoint's own host and nowhere else, with the access token: a path under
/// `/messaging/v1/orders/` or `/solicitations/v1/orders/` ending in `/schema`, or the same as an
/// absolute URL of the endpoint. Anything else — another host, `..`, an odd character — is refused
/// before a token could go to it. Returns the request and the actions read whose rate it shares
/// (Amazon documents no rate for schema links).
pub fn build_schema_read(href: &str, endpoint: &Endpoint, access_token: &str) -> Result<(HttpRequest, &'static Operation), BuildError> {
    let base = endpoint.base()?;
    let bad =
        |why: &str| BuildError::InvalidParameter { parameter: "schemaHref", reason: format!("\"{}\" {why}", crate::ids::truncate(href)) };
    let path = match href.strip_prefix(base.as_str()) {
        Some(p) if p.starts_with('/') => p,
        _ if href.starts_with('/') && !href.starts_with("//") => href,
        _ => return Err(bad("is not a link on the SP-API host")),
    };
    let (route, query) = path.split_once('?').unwrap_or((path, ""));
    let op = match route {
        _ if route.starts_with("/messaging/v1/orders/") => "getMessagingActionsForOrder",
        _ if route.starts_with("/solicitations/v1/orders/") => "getSolicitationActionsForOrder",
        _ => return Err(bad("is not a Messaging or Solicitations schema link")),
    };
    let plain = |s: &str, extra: &[u8]| s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.~".contains(&b) || extra.contains(&b));
    // A window scan, not `str::contains`: its two-way substring search costs 2.5 KB of wasm (response.rs).
    let climbs = route.as_bytes().windows(2).any(|w| w == b".." || w == b"//");
    let clean = path.len() <= 500 && plain(route, b"/") && plain(query, b"=&,%") && !climbs;
    if !clean || !route.ends_with("/schema") {
        return Err(bad("is not a schema link"));
    }
    let request =
        HttpRequest { method: crate::catalogue::Method::Get, url: base + path, headers: common_headers(access_token, false)?, body: None };
    Ok((request, Operation::find(op)?))
}

/// The Uploads API request for an attachment of message kind `message`
/// (uploads_2020-11-01.json createUploadDestinationForResource). The resource path keeps its
/// slashes literal: percent-encoding them gave 403s (facts.md).
pub fn build_upload_destination(
    message: &str,
    order_id: &str,
    marketplace_ids: &[String],
    file: &FileInfo,
    content_md5: &str,
    endpoint: &Endpoint,
    access_token: &str,
) -> Result<HttpRequest, BuildError> {
    let op = Operation::find(message)?;
    if !op.is_message() || op.body.and_then(|b| b.attachments_min).is_none() {
        return Err(BuildError::InvalidAttachment(format!("{} messages take no attachments", op.action)));
    }
    crate::upload::check_file(file)?;
    if content_md5.len() != 24 || !content_md5.ends_with("==") {
        return Err(BuildError::InvalidAttachment("contentMD5 must be the base64 of the file's MD5 digest".into()));
    }
    let order = OrderId::parse(order_id)?;
    let m = marketplace(marketplace_ids, endpoint)?;
    let resource = op.path_for(order.as_str());
    let resource = resource.trim_start_matches('/');
    let url = format!(
        "{}/uploads/2020-11-01/uploadDestinations/{resource}?marketplaceIds={}&contentMD5={}&contentType={}",
        endpoint.base()?,
        m.id,
        query_value(content_md5),
        query_value(&file.content_type),
    );
    Ok(HttpRequest { method: crate::catalogue::Method::Post, url, headers: common_headers(access_token, false)?, body: None })
}

/// How many attachments a message kind accepts (0 when none).
pub fn max_attachments(op: &Operation) -> u32 {
    match op.body.and_then(|b| b.attachments_min) {
        Some(_) => MAX_ATTACHMENTS,
        None => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn calls_and_endpoints_from_js_values() {
        let v = json!({"operation": "confirmDeliveryDetails", "orderId": "123-1234567-1234567", "marketplaceIds": ["ATVPDKIKX0DER"], "body": {"text": "hi"}, "schema": null});
        let c = Call::from_value(v).unwrap();
        assert_eq!((c.body, c.schema, c.confirm_links), (Some(json!({"text": "hi"})), None, false));
        for (v, why) in [
            (json!([]), "the value must be an object, not an array"),
            (json!({"orderId": "1", "marketplaceIds": []}), "operation is missing"),
            (json!({"operation": 1, "orderId": "1", "marketplaceIds": []}), "operation must be a string, not a number"),
            (json!({"operation": "x", "orderId": "1", "marketplaceIds": "US"}), "marketplaceIds must be an array, not a string"),
            (json!({"operation": "x", "orderId": "1", "marketplaceIds": [1]}), "marketplaceIds[0] must be a string, not a number"),
            (
                json!({"operation": "x", "orderId": "1", "marketplaceIds": [], "confirmLinks": "yes"}),
                "confirmLinks must be true or false, not a string",
            ),
        ] {
            assert_eq!(Call::from_value(v).unwrap_err(), why);
        }
        let e = Endpoint::from_value(&json!({"region": "eu", "sandbox": true})).unwrap();
        assert_eq!((e.region, e.sandbox, e.base_url), (Region::Eu, true, None));
        assert_eq!(Endpoint::from_value(&json!({"region": "mars"})).unwrap_err(), "\"mars\" is not a region: use na, eu or fe");
        assert_eq!(Endpoint::from_value(&json!({})).unwrap_err(), "region is missing");
    }

    fn call(op: &str, body: Option<Value>) -> Call {
        Call {
            operation: op.into(),
            order_id: "123-1234567-1234567".into(),
            marketplace_ids: vec!["ATVPDKIKX0DER".into()],
            body,
            ..Default::default()
        }
    }
    const NA: Endpoint = Endpoint { region: Region::Na, sandbox: false, base_url: None };

    #[test]
    fn review_request() {
        let r = build(&call("createProductReviewAndSellerFeedbackSolicitation", None), &NA, "Atza|tok").unwrap();
        assert_eq!(r.url, "https://sellingpartnerapi-na.amazon.com/solicitations/v1/orders/123-1234567-1234567/solicitations/productReviewAndSellerFeedback?marketplaceIds=ATVPDKIKX0DER");
        assert_eq!(r.header("x-amz-access-token"), Some("Atza|tok"));
        assert_eq!(r.header("content-type"), None);
        assert!(r.header("user-agent").unwrap().starts_with("SP-Outreach/"));
    }

    #[test]
    fn bad_input_builds_nothing() {
        let mut c = call("confirmDeliveryDetails", Some(json!({"text": "Hello"})));
        c.order_id = "12-3".into();
        assert_eq!(build(&c, &NA, "t").unwrap_err().kind(), "invalidOrderId");
        let mut c = call("confirmDeliveryDetails", Some(json!({"text": "Hello"})));
        c.marketplace_ids = vec![];
        assert_eq!(build(&c, &NA, "t").unwrap_err(), BuildError::MarketplaceCount(0));
        c.marketplace_ids = vec!["ATVPDKIKX0DER".into(), "A2EUQ1WTGCTBG2".into()];
        assert_eq!(build(&c, &NA, "t").unwrap_err(), BuildError::MarketplaceCount(2));
        c.marketplace_ids = vec!["A1PA6795UKMFR9".into()];
        assert_eq!(build(&c, &NA, "t").unwrap_err().kind(), "marketplaceRegion");
        c.marketplace_ids = vec!["NOPE".into()];
        assert_eq!(build(&c, &NA, "t").unwrap_err().kind(), "unknownMarketplace");
        let c = call("confirmDeliveryDetails", Some(json!({"text": "Hello"})));
        assert_eq!(build(&c, &NA, " ").unwrap_err(), BuildError::MissingField("the access token"));
        let c = call("productReviewAndSellerFeedback", Some(json!({"text": "x"})));
        assert_eq!(build(&c, &NA, "t").unwrap_err().kind(), "bodyNotAllowed");
    }

    #[test]
    fn body_rules() {
        let err = |body: Value| match build(&call("confirmDeliveryDetails", Some(body)), &NA, "t") {
            Err(BuildError::InvalidBody(v)) => v.into_iter().map(|v| (v.path, v.keyword)).collect::<Vec<_>>(),
            other => panic!("{other:?}"),
        };
        assert_eq!(err(json!({})), [("$.text".to_owned(), "required".to_owned())]);
        assert_eq!(err(json!({"text": "x".repeat(2001)})), [("$.text".to_owned(), "maxLength".to_owned())]);
        assert_eq!(err(json!({"text": "   "})), [("$.text".to_owned(), "empty".to_owned())]);
        assert_eq!(err(json!({"text": "<b>hi</b>"})).len(), 2);
        assert_eq!(err(json!({"text": "mail me: a@b.com"})), [("$.text".to_owned(), "email".to_owned())]);
        assert_eq!(err(json!({"text": "hi", "attachments": []})), [("$.attachments".to_owned(), "additionalProperties".to_owned())]);
        // Links block until confirmed.
        let mut c = call("confirmDeliveryDetails", Some(json!({"text": "Track: https://t.example/1"})));
        assert!(build(&c, &NA, "t").is_err());
        c.confirm_links = true;
        let r = build(&c, &NA, "t").unwrap();
        assert_eq!(r.body.as_deref(), Some(r#"{"text":"Track: https://t.example/1"}"#));
        assert_eq!(r.header("content-type"), Some("application/json"));
    }

    #[test]
    fn warranty_dates_and_attachment_counts() {
        let a = json!({"uploadDestinationId": "u", "fileName": "w.pdf"});
        let ok = json!({"attachments": [a], "coverageStartDate": "2026-01-01T00:00:00Z", "coverageEndDate": "2027-01-01T00:00:00Z"});
        assert!(build(&call("warranty", Some(ok)), &NA, "t").is_ok());
        let backwards = json!({"attachments": [a], "coverageStartDate": "2027-01-01T00:00:00Z", "coverageEndDate": "2026-01-01T00:00:00Z"});
        assert!(build(&call("warranty", Some(backwards)), &NA, "t").is_err());
        // File names are read like the text: the buyer sees them.
        let named = |n: &str| json!({"attachments": [{"uploadDestinationId": "u", "fileName": n}]});
        let op = Operation::find("invoice").unwrap();
        let bad = check_body(op, &named("leave-a-5-star-review.pdf"), None);
        assert_eq!(
            bad.violations.iter().map(|v| (v.path.as_str(), v.keyword.as_str())).collect::<Vec<_>>(),
            [("$.attachments[0].fileName", "positiveReview")]
        );
        assert!(check_body(op, &named("sales@shop-example.com.pdf"), None).violations.iter().any(|v| v.keyword == "email"));
        assert!(check_body(op, &named("Rechnung 2026-0042 (Kopie).pdf"), None).is_valid());
        let six = json!({"attachments": vec![a.clone(); 6]});
        assert!(matches!(build(&call("invoice", Some(six)), &NA, "t"), Err(BuildError::InvalidBody(v)) if v[0].keyword == "maxItems"));
        assert!(build(&call("invoice", Some(json!({"attachments": []}))), &NA, "t").is_err());
        assert!(build(&call("legalDisclosure", Some(json!({"attachments": [{"fileName": "x"}]}))), &NA, "t").is_err());
    }

    #[test]
    fn api_schema_is_applied_too() {
        let mut c = call("confirmDeliveryDetails", Some(json!({"text": "Hello there"})));
        c.schema = Some(json!({"type": "object", "properties": {"text": {"type": "string", "maxLength": 5}}}));
        assert!(matches!(build(&c, &NA, "t"), Err(BuildError::InvalidBody(v)) if v[0].keyword == "maxLength"));
    }

    #[test]
    fn upload_destination_keeps_slashes_and_encodes_md5() {
        let f = FileInfo { file_name: "inv.pdf".into(), content_type: "application/pdf".into(), size: 3 };
        let r =
            build_upload_destination("invoice", "123-1234567-1234567", &["ATVPDKIKX0DER".into()], &f, "kAFQmDzST7DWlj99KOF/cg==", &NA, "t")
                .unwrap();
        assert_eq!(
            r.url,
            "https://sellingpartnerapi-na.amazon.com/uploads/2020-11-01/uploadDestinations/messaging/v1/orders/123-1234567-1234567/messages/invoice?marketplaceIds=ATVPDKIKX0DER&contentMD5=kAFQmDzST7DWlj99KOF%2Fcg%3D%3D&contentType=application%2Fpdf"
        );
        assert!(build_upload_destination(
            "confirmDeliveryDetails",
            "123-1234567-1234567",
            &["ATVPDKIKX0DER".into()],
            &f,
            "kAFQmDzST7DWlj99KOF/cg==",
            &NA,
            "t"
        )
        .is_err());
        assert!(build_upload_destination(
            "invoice",
            "123-1234567-1234567",
            &["ATVPDKIKX0DER".into()],
            &f,
            "900150983cd24fb0d6963f7d28e17f72",
            &NA,
            "t"
        )
        .is_err());
    }

    #[test]
    fn explicit_base_url() {
        let e = Endpoint { region: Region::Na, sandbox: false, base_url: Some("http://127.0.0.1:9/".into()) };
        let r = build(&call("getSolicitationActionsForOrder", None), &e, "t").unwrap();
        assert_eq!(r.url, "http://127.0.0.1:9/solicitations/v1/orders/123-1234567-1234567?marketplaceIds=ATVPDKIKX0DER");
        let bad = Endpoint { base_url: Some("ftp://x".into()), ..e };
        assert_eq!(build(&call("getSolicitationActionsForOrder", None), &bad, "t").unwrap_err().kind(), "invalidBaseUrl");
    }
}
