//! JSON text out: everything the core hands to JS (results, errors' details, steps for the driver)
//! and everything it writes (request bodies, saved states) is written here, by hand, into one
//! `String`. Each type says its fields once in a `ToJson` impl; the writer cannot fail.
//!
//! Why not serde: a derived `Serialize` instantiates serde_json's serializer once per field type,
//! each field a call through a `Result`. Measured on the shipped wasm + glue (make build, gzip -9):
//! 146,160 bytes with derived `Serialize` and `serde_json::to_string`, 140,798 with this writer
//! (−5.2 KB; serde_json's serializer is then not in the wasm at all). The derives stay on the types
//! as the contract: ts-rs reads them for
//! the .d.ts (src/typescript.rs), and `tests` below checks that this writer's text is byte for byte
//! what `serde_json::to_string` of the derived impl writes, for every type that crosses to JS.
//!
//! The text is serde_json's compact form: strings escaped as serde_json does (`"`, `\`, control
//! characters; nothing else), integers in decimal, finite floats as the shortest text that reads
//! back the same (zmij, serde_json's own float writer: `30000.0`, `0.0056`, `1e21`), non-finite
//! floats as `null`, and object keys of a `Value` in its map's order.
use serde_json::{Number, Value};

/// A JSON writer. Values are written in order; commas are placed by the writer.
#[derive(Debug, Default)]
pub struct Out {
    buf: String,
    /// A comma goes before the next value: one was written, and no container or key since.
    comma: bool,
}

/// A type that writes itself as one JSON value.
pub trait ToJson {
    fn to_json(&self, o: &mut Out);
}

/// The JSON text of a value. Through `&dyn`: one copy of the driver for every type.
pub fn text(v: &dyn ToJson) -> String {
    let mut o = Out::default();
    v.to_json(&mut o);
    o.into_string()
}

impl Out {
    fn sep(&mut self) {
        if self.comma {
            self.buf.push(',');
        }
        self.comma = true;
    }

    /// `{`; its fields follow as `key` + value, then `end`.
    pub fn obj(&mut self) -> &mut Out {
        self.sep();
        self.buf.push('{');
        self.comma = false;
        self
    }
    /// `[`; its items follow, then `end_arr`.
    pub fn arr(&mut self) -> &mut Out {
        self.sep();
        self.buf.push('[');
        self.comma = false;
        self
    }
    pub fn end(&mut self) -> &mut Out {
        self.buf.push('}');
        self.comma = true;
        self
    }
    pub fn end_arr(&mut self) -> &mut Out {
        self.buf.push(']');
        self.comma = true;
        self
    }
    /// A field's name; its value is what is written next.
    pub fn key(&mut self, k: &str) -> &mut Out {
        self.sep();
        escaped(&mut self.buf, k);
        self.buf.push(':');
        self.comma = false;
        self
    }

    pub fn str(&mut self, s: &str) -> &mut Out {
        self.sep();
        escaped(&mut self.buf, s);
        self
    }
    pub fn opt_str(&mut self, s: Option<&str>) -> &mut Out {
        match s {
            Some(s) => self.str(s),
            None => self.null(),
        }
    }
    pub fn null(&mut self) -> &mut Out {
        self.raw("null")
    }
    pub fn bool(&mut self, b: bool) -> &mut Out {
        self.raw(if b { "true" } else { "false" })
    }
    /// A whole number.
    pub fn uint(&mut self, n: u64) -> &mut Out {
        self.raw(itoa::Buffer::new().format(n))
    }
    pub fn int(&mut self, n: i64) -> &mut Out {
        self.raw(itoa::Buffer::new().format(n))
    }
    /// A float as serde_json writes an `f64`: `5.0`, `0.5`; `null` when not finite.
    pub fn num(&mut self, f: f64) -> &mut Out {
        if f.is_finite() {
            self.raw(zmij::Buffer::new().format_finite(f))
        } else {
            self.null()
        }
    }
    pub fn opt_num(&mut self, f: Option<f64>) -> &mut Out {
        match f {
            Some(f) => self.num(f),
            None => self.null(),
        }
    }
    pub fn opt_int(&mut self, n: Option<i64>) -> &mut Out {
        match n {
            Some(n) => self.int(n),
            None => self.null(),
        }
    }
    /// Any JSON value, as serde_json writes it.
    pub fn value(&mut self, v: &Value) -> &mut Out {
        match v {
            Value::Null => self.null(),
            Value::Bool(b) => self.bool(*b),
            Value::Number(n) => self.number(n),
            Value::String(s) => self.str(s),
            Value::Array(items) => {
                self.arr();
                for item in items {
                    self.value(item);
                }
                self.end_arr()
            }
            Value::Object(map) => {
                self.obj();
                for (k, item) in map {
                    self.key(k).value(item);
                }
                self.end()
            }
        }
    }
    fn number(&mut self, n: &Number) -> &mut Out {
        match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => self.uint(u),
            (None, Some(i)) => self.int(i),
            // Neither: a float, always finite in a Number.
            (None, None) => self.num(n.as_f64().unwrap_or_default()),
        }
    }
    /// Anything that writes itself.
    pub fn item(&mut self, v: &dyn ToJson) -> &mut Out {
        v.to_json(self);
        self
    }
    /// A list of things that write themselves.
    pub fn list<T: ToJson>(&mut self, items: &[T]) -> &mut Out {
        self.arr();
        for item in items {
            item.to_json(self);
        }
        self.end_arr()
    }
    /// `[[name, value], …]`: headers as serde writes a `Vec<(String, String)>`.
    pub fn pairs(&mut self, pairs: &[(String, String)]) -> &mut Out {
        self.arr();
        for (k, v) in pairs {
            self.arr().str(k).str(v).end_arr();
        }
        self.end_arr()
    }
    /// The text written so far.
    pub fn as_str(&self) -> &str {
        &self.buf
    }
    pub fn into_string(self) -> String {
        self.buf
    }
    /// Text already written as JSON (a value of this writer's own making).
    pub fn raw(&mut self, json: &str) -> &mut Out {
        self.sep();
        self.buf.push_str(json);
        self
    }
}

/// `s` as a JSON string literal, escaped as serde_json escapes: `"` and `\`, and the control
/// characters (`\n`, `\t`, … and `\u001f`); everything else as it is.
pub fn escaped(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let esc = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        // `i` is an ASCII byte's index: a char boundary on both sides.
        out.push_str(s.get(start..i).unwrap_or_default());
        if esc.is_empty() {
            out.push_str("\\u00");
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 15) as usize] as char);
        } else {
            out.push_str(esc);
        }
        start = i + 1;
    }
    out.push_str(s.get(start..).unwrap_or_default());
    out.push('"');
}

impl ToJson for Value {
    fn to_json(&self, o: &mut Out) {
        o.value(self);
    }
}

impl ToJson for str {
    fn to_json(&self, o: &mut Out) {
        o.str(self);
    }
}

impl ToJson for String {
    fn to_json(&self, o: &mut Out) {
        o.str(self);
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn to_json(&self, o: &mut Out) {
        match self {
            Some(v) => v.to_json(o),
            None => {
                o.null();
            }
        }
    }
}

impl<T: ToJson> ToJson for [T] {
    fn to_json(&self, o: &mut Out) {
        o.list(self);
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self, o: &mut Out) {
        o.list(self);
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn to_json(&self, o: &mut Out) {
        (**self).to_json(o);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_are_written_as_serde_json_writes_them() {
        let v = json!({
            "s": "a\"b\\c\n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f}é€😀/</script>",
            "n": [0, 1, -1, u64::MAX, i64::MIN, 0.5, 5.0, -0.0, 1e21, 1e-7, 0.0056, 123456789.125, f64::MAX, f64::MIN_POSITIVE],
            "e": {}, "a": [], "t": true, "f": false, "z": null,
            "nested": {"b": [{"x": [[]]}], "a": 1}
        });
        assert_eq!(text(&v), serde_json::to_string(&v).unwrap());
        for s in ["", "\"", "\\", "\u{0}", "x\u{1b}y", "日本語"] {
            assert_eq!(text(&Value::from(s)), serde_json::to_string(s).unwrap());
        }
    }

    #[test]
    fn floats_and_integers_as_serde_json() {
        for f in [0.0, 1.0, 30000.0, 0.016, 86_400_000.0, 1.5e300, -2.25, f64::NAN, f64::INFINITY] {
            let mut o = Out::default();
            o.num(f);
            assert_eq!(o.buf, serde_json::to_string(&f).unwrap(), "{f}");
        }
        let mut o = Out::default();
        o.arr().uint(7).int(-7).opt_int(None).opt_num(Some(2.0)).opt_str(None).end_arr();
        assert_eq!(o.buf, "[7,-7,null,2.0,null]");
    }

    /// The contract: for every type that crosses to JS, this writer's text is what serde_json
    /// writes from the derived `Serialize` (which ts-rs reads for the .d.ts).
    fn same<T: ToJson + serde::Serialize>(v: &T) {
        assert_eq!(text(v), serde_json::to_string(v).unwrap());
    }

    #[test]
    fn every_type_js_sees_is_written_as_its_derived_serialize() {
        use crate::catalogue::{Operation, OPERATIONS};
        use crate::error::BuildError;
        use crate::flow::{FlowError, MessageResult, OrderStage, Outcome, QueuedState, RetryInfo, ReviewResult};
        use crate::http::{HttpRequest, HttpResponse};
        use crate::ids::MARKETPLACES;
        use crate::json::ReadError;
        use crate::lwa::parse_token_response;
        use crate::response::parse_response;
        use crate::window::review_window_at;

        same(&OPERATIONS.as_slice());
        same(&MARKETPLACES.as_slice());
        let req = HttpRequest {
            method: crate::catalogue::Method::Post,
            url: "https://x/\"q\"".into(),
            headers: vec![("a".into(), "b\n".into()), ("c".into(), "".into())],
            body: Some("{\"text\":\"é\"}".into()),
        };
        same(&req);
        same(&HttpRequest { body: None, headers: vec![], ..req });
        same(&HttpResponse::new(429, &[("x-amzn-RequestId", "r")], "{}"));
        same(&ReadError::new("$.a[0]", "is missing"));

        // Every Success, from Amazon's answers.
        let ok = |op: &str, status: u16, body: &str| parse_response(Operation::find(op).unwrap(), &HttpResponse::new(status, &[], body));
        let actions = r#"{"_links":{"self":{"href":"/s"},"actions":[{"href":"/a?x=1","name":"confirmDeliveryDetails"},{"href":"/b","title":"T"}]},
            "_embedded":{"actions":[{"_links":{"self":{"href":"/a?x=1","name":"confirmDeliveryDetails"}},"_embedded":{"schema":{"type":"object","n":1.5}}}]}}"#;
        let order = r#"{"order":{"orderId":"123-1234567-1234567","createdTime":"2026-01-02T03:04:05Z","lastUpdatedTime":"2026-01-03T00:00:00Z",
            "salesChannel":{"channelName":"AMAZON","marketplaceId":"A2EUQ1WTGCTBG2","marketplaceName":"Amazon.ca"},
            "fulfillment":{"fulfillmentStatus":"SHIPPED","fulfilledBy":"MERCHANT","deliverByWindow":{"earliestDateTime":"2026-01-05T00:00:00Z","latestDateTime":"2026-01-08T23:59:59Z"}},
            "packages":[{"packageReferenceId":"p1","packageStatus":{"status":"DELIVERED","detailedStatus":"DELIVERED"},"shipTime":"2026-01-03T10:00:00Z"}]}}"#;
        let successes = [
            ok("getMessagingActionsForOrder", 200, actions),
            ok("getSolicitationActionsForOrder", 200, r#"{"_links":{"actions":[]}}"#),
            ok("GetAttributes", 200, r#"{"buyer":{"locale":"de-DE"}}"#),
            ok("GetAttributes", 200, "{}"),
            ok("createConfirmDeliveryDetails", 201, ""),
            ok(
                "createUploadDestinationForResource",
                201,
                r#"{"payload":{"uploadDestinationId":"u","url":"https://s3","headers":{"h":"v"}}}"#,
            ),
            ok("getOrder", 200, order),
            ok("searchOrders", 200, &format!(r#"{{"orders":[{}],"pagination":{{"nextToken":"n"}}}}"#, &order[9..order.len() - 1])),
            ok("searchOrders", 200, r#"{"orders":[]}"#),
            ok(
                "getMarketplaceParticipations",
                200,
                r#"{"payload":[{"marketplace":{"id":"A1PA6795UKMFR9","countryCode":"DE","name":"Amazon.de"},"participation":{"isParticipating":true,"hasSuspendedListings":false}}]}"#,
            ),
        ];
        let mut kinds = Vec::new();
        for s in successes {
            let s = s.unwrap();
            same(&s);
            same(&Outcome::Read(s.clone()));
            kinds.push(serde_json::to_value(&s).unwrap()["type"].as_str().unwrap().to_owned());
        }
        assert_eq!(kinds.len(), 10, "{kinds:?}");

        // Amazon's and Login with Amazon's errors, and every build error.
        let err = ok(
            "createProductReviewAndSellerFeedbackSolicitation",
            403,
            r#"{"errors":[{"code":"Unauthorized","message":"m","details":"d"}]}"#,
        );
        same(err.as_ref().unwrap_err());
        same(&ok("getOrder", 200, "<html>").unwrap_err());
        let lwa = parse_token_response(&HttpResponse::new(400, &[], r#"{"error":"invalid_grant","error_description":"x"}"#), 0.0);
        same(lwa.as_ref().unwrap_err());
        same(&parse_token_response(&HttpResponse::new(503, &[], ""), 0.0).unwrap_err());
        let violation = crate::validate::Violation::new("$.text", "maxLength", "too long".into());
        let build_errors = [
            BuildError::InvalidOrderId("x".into()),
            BuildError::UnknownMarketplace("x".into()),
            BuildError::MarketplaceCount(2),
            BuildError::MarketplaceRegion {
                marketplace: "a".into(),
                country: "b".into(),
                marketplace_region: "c".into(),
                endpoint_region: "d".into(),
            },
            BuildError::UnknownOperation("x".into()),
            BuildError::InvalidRegion("x".into()),
            BuildError::InvalidBaseUrl("x".into()),
            BuildError::MissingField("orderId"),
            BuildError::BodyNotAllowed { operation: "op" },
            BuildError::InvalidBody(vec![violation.clone(), violation.clone()]),
            BuildError::InvalidAttachment("x".into()),
            BuildError::InvalidParameter { parameter: "p", reason: "r".into() },
            BuildError::SchemaTooComplex("x".into()),
            BuildError::BodyTooLarge("x".into()),
        ];
        for e in &build_errors {
            same(e);
        }

        // A flow error's details: the typed error, or its fields as an object (alphabetical keys).
        let (api, lwa) = (err.unwrap_err(), lwa.unwrap_err());
        assert_eq!(FlowError::Build(build_errors[2].clone()).details_json(), serde_json::to_string(&build_errors[2]).unwrap());
        assert_eq!(FlowError::Api(api.clone()).details_json(), serde_json::to_string(&api).unwrap());
        assert_eq!(FlowError::Lwa(lwa.clone()).details_json(), serde_json::to_string(&lwa).unwrap());
        let cases = [
            (FlowError::Network { operation: "op" }, json!({"operation": "op"})),
            (FlowError::Redirected { operation: "op" }, json!({"operation": "op"})),
            (FlowError::Unexpected { operation: "op" }, json!({"operation": "op"})),
            (FlowError::Timeout { operation: "op", ms: 30000.0 }, json!({"operation": "op", "timeoutMs": 30000.0})),
            (FlowError::KindNotOffered { kind: "k", offered: vec!["a".into()] }, json!({"kind": "k", "offered": ["a"]})),
            (FlowError::UploadFailed { file_name: "f".into(), status: 403, body: "b".into() }, json!({"status": 403, "body": "b"})),
            (FlowError::UploadRefused { reason: "r".into() }, json!({"reason": "r"})),
            (
                FlowError::OutcomeUnknown { operation: "op", order_id: "o".into(), cause: None },
                json!({"operation": "op", "orderId": "o", "cause": null}),
            ),
            (FlowError::NotSent { order_id: "o".into() }, json!({"orderId": "o"})),
            (FlowError::State { message: "m".into() }, json!({"message": "m"})),
        ];
        for (e, want) in cases {
            assert_eq!(e.details_json(), serde_json::to_string(&want).unwrap());
        }

        // What the flows end with, and the rest the exports hand out.
        let review = ReviewResult {
            status: "requested",
            order_id: "o".into(),
            reason: Some("r".into()),
            request_id: None,
            verified: true,
            explanation: "e".into(),
        };
        same(&Outcome::Review(review));
        let message = MessageResult {
            status: "sent",
            kind: "invoice",
            order_id: "o".into(),
            request_id: Some("q".into()),
            verified: false,
            attachments: vec![json!({"uploadDestinationId": "u", "fileName": "f"})],
        };
        same(&Outcome::Message(message));
        for (stage, due) in [(OrderStage::Scheduled, Some(1.5e12)), (OrderStage::Sent, None)] {
            let q = QueuedState {
                state: "{}".into(),
                order_id: "o".into(),
                stage,
                reason: None,
                due,
                request_id: None,
                verified: false,
                explanation: Some("x".into()),
                attempts: 3,
            };
            same(&q);
            same(&Outcome::Queued(q));
        }
        same(&Outcome::Checked);
        same(&RetryInfo { operation: "op", attempt: 2, wait_ms: 1500.0, reason: "HTTP 503".into() });
        for (status, e, l, now) in
            [(Some("SHIPPED"), Some(0.0), Some(86_400_000.0), 1e12), (None, None, None, 0.0), (Some("PENDING"), Some(0.0), None, 0.0)]
        {
            same(&review_window_at(status, e, l, now).unwrap());
        }
        let report = crate::request::check_body(
            Operation::find("confirmDeliveryDetails").unwrap(),
            &json!({"text": "Please leave a 5-star review! Call +1 555 123 4567 or visit https://example.com", "x": 1}),
            None,
        );
        assert!(!report.violations.is_empty() && report.findings.len() >= 2, "{report:?}");
        same(&report);
        same(&crate::policy::lint(""));
    }
}
