//! Injected faults, per operation: an error status with a probability, added latency, and a
//! connection dropped before or after the request is processed. "After" is the case that tests
//! exactly-once: Amazon did the work, the client never hears of it.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Drop {
    /// The connection closes before the request is processed: nothing happened.
    Before,
    /// Processed, then the connection closes without a byte of the answer.
    After,
    /// Processed, then the status line, headers and half the body, then the connection closes.
    /// (Browsers resend a POST on their own when a reused connection closes before any byte of
    /// the answer; a partial answer they never resend.)
    MidResponse,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Fault {
    /// An operationId (`createProductReviewAndSellerFeedbackSolicitation`), `lwaToken`,
    /// `uploadPut` (the pre-signed PUT), or `*` for all of them.
    pub operation: String,
    #[serde(default = "always")]
    pub probability: f64,
    /// 500 or 503 (or any 4xx/5xx) instead of processing.
    #[serde(default)]
    pub status: Option<u16>,
    #[serde(default)]
    pub latency_ms: u64,
    #[serde(default)]
    pub drop: Option<Drop>,
    /// Fire at most this many times, then disappear.
    #[serde(default)]
    pub times: Option<u32>,
    /// With `status`: the error's `message`, as Amazon words its reason (a 400's is e.g.
    /// "marketplaceIds: Missing or invalid request parameter: marketplaceId", facts.md "How strict
    /// Amazon is"); without it, the models' text for the status.
    #[serde(default)]
    pub message: Option<String>,
}

fn always() -> f64 {
    1.0
}

impl Fault {
    /// The command line's `OPERATION:key=value,…` form, e.g.
    /// `createProductReviewAndSellerFeedbackSolicitation:drop=after,probability=0.05` or
    /// `*:latency=200`. Keys: status, probability (or p), latency (ms), drop, times.
    pub fn parse(spec: &str) -> Result<Fault, String> {
        let (operation, settings) = spec.split_once(':').unwrap_or((spec, ""));
        if operation.is_empty() {
            return Err(format!("fault {spec:?}: name an operation (or *) before the colon"));
        }
        let mut f =
            Fault { operation: operation.into(), probability: 1.0, status: None, latency_ms: 0, drop: None, times: None, message: None };
        for kv in settings.split(',').filter(|s| !s.is_empty()) {
            let (k, v) = kv.split_once('=').ok_or_else(|| format!("fault {spec:?}: {kv:?} is not key=value"))?;
            let bad = |what: &str| format!("fault {spec:?}: {k}={v:?} is not {what}");
            match k {
                "status" => f.status = Some(v.parse().map_err(|_| bad("a status code"))?),
                "probability" | "p" => f.probability = v.parse().map_err(|_| bad("a number"))?,
                "latency" | "latencyMs" => f.latency_ms = v.parse().map_err(|_| bad("milliseconds"))?,
                "times" => f.times = Some(v.parse().map_err(|_| bad("a count"))?),
                "message" => f.message = Some(v.into()),
                "drop" => {
                    f.drop = Some(match v {
                        "before" => Drop::Before,
                        "after" => Drop::After,
                        "midResponse" | "mid-response" => Drop::MidResponse,
                        _ => return Err(bad("before, after or midResponse")),
                    })
                }
                _ => return Err(format!("fault {spec:?}: unknown key {k:?} (status, probability, latency, drop, times, message)")),
            }
        }
        f.check()?;
        Ok(f)
    }

    pub fn check(&self) -> Result<(), String> {
        if !(0.0..=1.0).contains(&self.probability) {
            return Err(format!("fault for {}: probability must be between 0 and 1", self.operation));
        }
        if let Some(s) = self.status {
            if !(400..=599).contains(&s) {
                return Err(format!("fault for {}: status must be 4xx or 5xx", self.operation));
            }
        }
        if self.message.is_some() && self.status.is_none() {
            return Err(format!("fault for {}: a message goes with a status", self.operation));
        }
        if self.status.is_some() && self.drop.is_some() {
            return Err(format!("fault for {}: a status or a drop, not both", self.operation));
        }
        Ok(())
    }

    pub fn applies_to(&self, operation: &str) -> bool {
        self.operation == "*" || self.operation == operation
    }
}

/// What the faults decided for one request.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Decision {
    pub latency_ms: u64,
    pub status: Option<u16>,
    pub drop: Option<Drop>,
    /// The injected status's message, when the fault gave one.
    pub message: Option<String>,
}

/// Rolls each fault that applies (`roll` gives a number in [0, 1)); latencies add up, the first
/// status or drop that fires wins. Faults with `times` count down and are removed at zero.
pub fn decide(faults: &mut Vec<Fault>, operation: &str, mut roll: impl FnMut() -> f64) -> Decision {
    let mut d = Decision::default();
    faults.retain_mut(|f| {
        if !f.applies_to(operation) || roll() >= f.probability {
            return true;
        }
        d.latency_ms += f.latency_ms;
        if d.status.is_none() && d.drop.is_none() {
            d.status = f.status;
            d.drop = f.drop;
            d.message = f.message.clone();
        }
        match &mut f.times {
            Some(n) => {
                *n = n.saturating_sub(1);
                *n > 0
            }
            None => true,
        }
    });
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_line_form() {
        let f = Fault::parse("createProductReviewAndSellerFeedbackSolicitation:drop=after,p=0.05,times=3").unwrap();
        assert_eq!((f.drop, f.probability, f.times), (Some(Drop::After), 0.05, Some(3)));
        assert_eq!(Fault::parse("*:latency=200").unwrap().latency_ms, 200);
        assert_eq!(Fault::parse("x:status=503").unwrap().status, Some(503));
        for bad in [":status=500", "x:status=200", "x:p=2", "x:drop=sideways", "x:colour=red", "x:status", "x:status=503,drop=after"] {
            assert!(Fault::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn decisions_roll_count_down_and_combine() {
        let mut faults = vec![
            Fault::parse("a:latency=100").unwrap(),
            Fault::parse("a:status=503,times=2").unwrap(),
            Fault::parse("b:drop=before").unwrap(),
        ];
        let d = decide(&mut faults, "a", || 0.0);
        assert_eq!(d, Decision { latency_ms: 100, status: Some(503), drop: None, message: None });
        decide(&mut faults, "a", || 0.0);
        assert_eq!(faults.len(), 2, "the counted fault is gone after two");
        assert_eq!(decide(&mut faults, "a", || 0.0).status, None);
        assert_eq!(decide(&mut faults, "b", || 0.0).drop, Some(Drop::Before));
        assert_eq!(decide(&mut faults, "c", || 0.0), Decision::default());
        let mut rare = vec![Fault::parse("a:status=500,p=0.1").unwrap()];
        assert_eq!(decide(&mut rare, "a", || 0.5).status, None);
        assert_eq!(decide(&mut rare, "a", || 0.05).status, Some(500));
    }
}
