//! The client's state shared by every flow: credentials, where requests go, the access token, the
//! rate limiter's buckets and the retry policy. It is saved as JSON text before every send (the
//! driver's `saveState` hook) so that a service worker started after one was stopped goes on with
//! the same token and the same buckets: Amazon's buckets do not refill because ours were forgotten
//! (issue #16 item 5), and a woken worker sends its first request without a token round trip.
use super::saved::{self, Codec};
use super::FlowError;
use crate::caps;
use crate::error::BuildError;
use crate::limiter::{BucketRow, Limiter, RetryPolicy};
use crate::lwa::{self, AccessToken, Credentials};
use crate::request::Endpoint;

/// LWA access tokens last 3600 s (facts.md "Auth and transport"): a saved one that claims to last
/// longer than that from now is not one LWA gave, and is not used.
const TOKEN_LIFETIME_MS: f64 = 3_600_000.0;
/// Rows of a saved limiter: one per catalogue operation, with room for the catalogue to grow.
const MAX_BUCKETS: usize = 200;

/// What a client is made from.
#[derive(Debug, Clone)]
pub struct SessionConfig {
    pub credentials: Credentials,
    pub endpoint: Endpoint,
    /// Login with Amazon's base URL, for local testing only.
    pub lwa_url: Option<String>,
    pub timeout_ms: Option<f64>,
}

#[derive(Debug, Clone)]
pub struct Session {
    pub(crate) credentials: Credentials,
    pub(crate) endpoint: Endpoint,
    pub(crate) lwa_url: Option<String>,
    pub(crate) timeout_ms: f64,
    pub(crate) token: Option<AccessToken>,
    pub(crate) limiter: Limiter,
    pub(crate) policy: RetryPolicy,
    rng: u64,
}

/// The saved form: `{accessToken?, expiresAtMs?, for?, buckets: [{op, perSecond, tokens, atMs,
/// inFlight}]}`. `for` says whose token it is (`Session::owner`): a token is never used for
/// other credentials.
#[derive(Default)]
struct Saved {
    token: Option<(String, Option<f64>, String)>,
    buckets: Vec<BucketRow>,
}

impl Saved {
    fn visit(&mut self, c: &mut dyn Codec) {
        let mut t = self.token.take().unwrap_or_default();
        let mut token = Some(t.0).filter(|a| !a.is_empty());
        c.opt_text("accessToken", &mut token);
        c.time("expiresAtMs", &mut t.1);
        let mut owner = Some(t.2);
        c.opt_text("for", &mut owner);
        self.token = token.map(|a| (a, t.1, owner.unwrap_or_default()));
        let rows = &mut self.buckets;
        let n = c.list("buckets", rows.len(), MAX_BUCKETS, &mut |i, c| {
            if i == rows.len() {
                rows.push(BucketRow::default());
            }
            if let Some(r) = rows.get_mut(i) {
                c.text("op", &mut r.0);
                c.number("perSecond", &mut r.1);
                c.number("tokens", &mut r.2);
                c.number("atMs", &mut r.3);
                c.number("inFlight", &mut r.4);
            }
        });
        rows.truncate(n);
    }
}

impl Session {
    /// Checks everything a request will need now (credentials present, region and URLs valid),
    /// rather than at the first send. `seed` feeds the back-off's jitter: the core has no
    /// randomness of its own.
    pub fn new(config: SessionConfig, now_ms: f64, seed: u64) -> Result<Session, BuildError> {
        lwa::token_request(&config.credentials, config.lwa_url.as_deref())?;
        config.endpoint.base()?;
        Ok(Session {
            credentials: config.credentials,
            endpoint: config.endpoint,
            lwa_url: config.lwa_url,
            timeout_ms: caps::timeout_ms(config.timeout_ms),
            token: None,
            limiter: Limiter::new(now_ms),
            policy: RetryPolicy::default(),
            // xorshift needs a state other than zero.
            rng: seed | 1,
        })
    }

    /// Uniform in [0, 1), for jitter: xorshift64* from the seed.
    pub fn random(&mut self) -> f64 {
        let mut x = self.rng;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.rng = x;
        (x.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn timeout_ms(&self) -> f64 {
        self.timeout_ms
    }

    pub fn limiter(&self) -> &Limiter {
        &self.limiter
    }

    /// Forget the access token: the next request gets a new one.
    pub fn forget_token(&mut self) {
        self.token = None;
    }

    /// The explicit base URL's origin (`scheme://host:port`), for local testing only: uploads may
    /// go there as well as to Amazon S3 (upload::check_destination).
    pub fn local_origin(&self) -> Option<String> {
        let base = self.endpoint.base_url.as_ref()?;
        let base = crate::request::checked_base_url(base).ok()?;
        // checked_base_url: it starts with "http://" or "https://".
        let scheme_end = base.find(':').map_or(0, |i| i + 3);
        let end = base.get(scheme_end..)?.find('/').map_or(base.len(), |i| scheme_end + i);
        base.get(..end).map(str::to_owned)
    }

    /// Whose credentials these are, written beside a saved token: the MD5 (base64) of the client
    /// id, the refresh token and the API host. A state saved for other credentials or another
    /// region keeps its buckets' timing but never lends its token.
    fn owner(&self) -> String {
        let base = self.endpoint.base().unwrap_or_default();
        let text = format!("{}\n{}\n{base}", self.credentials.client_id.trim(), self.credentials.refresh_token.trim());
        crate::upload::content_md5(text.as_bytes())
    }

    /// The state as JSON text (`Saved`).
    pub fn save(&self) -> String {
        let token = self.token.as_ref().map(|t| (t.access_token.clone(), Some(t.expires_at_ms), self.owner()));
        let buckets = self.limiter.snapshot().into_iter().map(|(id, r, t, at, n)| (id.to_owned(), r, t, at, f64::from(n))).collect();
        let mut saved = Saved { token, buckets };
        saved::Writer::text(&mut |c| saved.visit(c))
    }

    /// Takes back a saved state. A malformed document is an error and changes nothing; inside a
    /// well-formed one, a token that is stale, not LWA-shaped or not these credentials' is dropped,
    /// and bucket rows that are not usable are ignored (Limiter::restore). Returns how many parts
    /// were ignored.
    pub fn restore(&mut self, text: &str, now_ms: f64) -> Result<usize, FlowError> {
        let mut saved = Saved::default();
        saved::read(text, &mut |c| saved.visit(c))?;
        let mut ignored = self.limiter.restore(&saved.buckets, now_ms);
        if let Some((access_token, expires_at_ms, owner)) = saved.token {
            let expires_at_ms = expires_at_ms.unwrap_or_default();
            let usable = owner == self.owner()
                && !access_token.trim().is_empty()
                && access_token.bytes().all(|b| b.is_ascii_graphic())
                && expires_at_ms <= now_ms + TOKEN_LIFETIME_MS;
            if usable {
                self.token = Some(AccessToken { access_token, expires_at_ms });
            } else {
                ignored += 1;
            }
        }
        Ok(ignored)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Operation;
    use crate::ids::Region;
    use crate::limiter::Decision;

    fn config() -> SessionConfig {
        SessionConfig {
            credentials: Credentials {
                client_id: "amzn1.application-oa2-client.a".into(),
                client_secret: "s".into(),
                refresh_token: "Atzr|r".into(),
            },
            endpoint: Endpoint::new(Region::Na),
            lwa_url: None,
            timeout_ms: Some(1e10),
        }
    }

    #[test]
    fn a_saved_session_goes_on_with_its_token_and_buckets() {
        let op = Operation::find("productReviewAndSellerFeedback").unwrap();
        let mut a = Session::new(config(), 0.0, 7).unwrap();
        assert_eq!(a.timeout_ms(), caps::MAX_TIMEOUT_MS);
        a.token = Some(AccessToken { access_token: "Atza|t".into(), expires_at_ms: 3_600_000.0 });
        for _ in 0..5 {
            a.limiter.acquire(op, 0.0);
        }
        let text = a.save();
        assert!(
            text.contains(
                r#"{"atMs":0.0,"inFlight":5.0,"op":"createProductReviewAndSellerFeedbackSolicitation","perSecond":1.0,"tokens":0.0}"#
            ),
            "{text}"
        );
        let mut b = Session::new(config(), 100.0, 8).unwrap();
        assert_eq!(b.restore(&text, 100.0).unwrap(), 0);
        assert_eq!(b.token.as_ref().unwrap().access_token, "Atza|t");
        // The 5 in flight when it was saved may have left as late as now: refilled from now.
        assert_eq!(b.limiter.acquire(op, 100.0), Decision::Wait { ms: 1000.0 });
        // Other credentials: the buckets are taken, the token is not.
        let mut other = config();
        other.credentials.refresh_token = "Atzr|other".into();
        let mut c = Session::new(other, 100.0, 9).unwrap();
        assert_eq!(c.restore(&text, 100.0).unwrap(), 1);
        assert!(c.token.is_none());
        assert_eq!(c.limiter.acquire(op, 100.0), Decision::Wait { ms: 1000.0 });
    }

    #[test]
    fn hostile_states_change_nothing_or_are_ignored() {
        let mut s = Session::new(config(), 0.0, 1).unwrap();
        for bad in ["", "[]", "{}", r#"{"v":1,"buckets":{}}"#, r#"{"v":1,"buckets":[],"accessToken":1}"#, r#"{"v":1,"buckets":[[1,2]]}"#] {
            assert!(matches!(s.restore(bad, 0.0), Err(FlowError::State { .. })), "{bad}");
        }
        let owner = s.owner();
        let text = format!(
            r#"{{"v":1,"buckets":[{{"op":"x","perSecond":1,"tokens":1,"atMs":0,"inFlight":0}},{{"op":"getSolicitationActionsForOrder","perSecond":1e-300,"tokens":1,"atMs":0,"inFlight":0}}],"accessToken":"Atza|t","expiresAtMs":1e15,"for":"{owner}"}}"#
        );
        assert_eq!(s.restore(&text, 0.0).unwrap(), 3);
        assert!(s.token.is_none(), "a token claiming to last for years is not LWA's");
    }

    #[test]
    fn jitter_is_uniform_and_seeded() {
        let mut s = Session::new(config(), 0.0, 42).unwrap();
        let xs: Vec<f64> = (0..1000).map(|_| s.random()).collect();
        assert!(xs.iter().all(|x| (0.0..1.0).contains(x)));
        let mean = xs.iter().sum::<f64>() / 1000.0;
        assert!((0.4..0.6).contains(&mean), "{mean}");
    }

    #[test]
    fn local_origin_is_the_explicit_base_urls() {
        let mut c = config();
        c.endpoint.base_url = Some("http://127.0.0.1:9/api/".into());
        assert_eq!(Session::new(c, 0.0, 1).unwrap().local_origin().as_deref(), Some("http://127.0.0.1:9"));
        assert_eq!(Session::new(config(), 0.0, 1).unwrap().local_origin(), None);
    }
}
