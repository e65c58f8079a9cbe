//! The emulator's state: config that never changes, and the world that requests change (clock,
//! orders, tokens, buckets, uploads, faults, the request log), behind one lock that is never held
//! across an await.
use crate::clock::Clock;
use crate::errors::ApiError;
use crate::faults::Fault;
use crate::limits::Limiter;
use crate::log::LogEntry;
use crate::marketplaces::Region;
use crate::request::Target;
use crate::rules::OrderState;
use crate::scenario::{parse_date, OrderStatus, Scenario};
use rand::rngs::SmallRng;
use rand::SeedableRng;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use time::OffsetDateTime;

#[derive(Debug, Clone)]
pub struct Config {
    /// Answer like Amazon's static sandbox: only the models' request/response pairs.
    pub static_mode: bool,
    /// Multiplies Amazon's refill rates; 0 turns rate limiting off.
    pub rate_scale: f64,
    /// Served for every path that is not an API.
    pub www: Option<PathBuf>,
    /// Upload URLs name S3 (https://s3.amazonaws.com/…), reachable through --tls with a host
    /// mapping or through --proxy; without either they point back at the emulator's address.
    pub tls: bool,
    /// With --tls or --proxy: the self-signed certificate, PEM.
    pub certificate_pem: Option<String>,
    /// Seeds fault probabilities, so a run can be repeated.
    pub seed: u64,
    /// Faults given on the command line; a reset restores them.
    pub faults: Vec<Fault>,
}

impl Default for Config {
    fn default() -> Self {
        Config { static_mode: false, rate_scale: 1.0, www: None, tls: false, certificate_pem: None, seed: 0, faults: vec![] }
    }
}

#[derive(Debug, Clone)]
pub struct AccessToken {
    pub client_id: String,
    pub roles: Option<Vec<crate::scenario::Role>>,
    /// The region of the refresh token it came from; `None`: every region (the scenario's
    /// `refreshToken` shorthand, or `--static`).
    pub region: Option<Region>,
    /// A `client_credentials` token's scope: it calls only grantless operations.
    pub grantless_scope: Option<String>,
    pub expires: OffsetDateTime,
}

/// An upload destination: where the file goes (bucket and key on the S3 look-alike) and what the
/// pre-signed PUT must carry.
#[derive(Debug, Clone)]
pub struct Upload {
    pub content_md5: String,
    pub resource: String,
    pub bucket: String,
    /// The object key as it appears in the URL's path (`%2F067/<id>`, like the real answers).
    pub key: String,
    pub signature: String,
    pub expires: OffsetDateTime,
    pub finished: bool,
    pub size: usize,
}

/// One page of a searchOrders result set: what the next page continues from.
#[derive(Debug, Clone)]
pub struct Page {
    pub client_id: String,
    pub search: Search,
    /// The sort key of the last order returned.
    pub after: (OffsetDateTime, String),
    pub issued: OffsetDateTime,
}

/// A searchOrders query, normalized: what a pagination token continues.
#[derive(Debug, Clone, PartialEq)]
pub struct Search {
    /// `lastUpdatedAfter`/`Before` (true) or `createdAfter`/`Before`.
    pub by_update: bool,
    pub after: OffsetDateTime,
    /// The upper bound used, answered back as `createdBefore` / `lastUpdatedBefore`.
    pub before: OffsetDateTime,
    pub statuses: Vec<String>,
    /// Empty: every marketplace of the region.
    pub marketplaces: Vec<String>,
    pub fulfilled_by: Vec<String>,
    pub included: Vec<&'static str>,
    pub max: usize,
}

/// At most this many pagination tokens are kept (the oldest go first).
pub const PAGE_LIMIT: usize = 10_000;

pub struct World {
    pub clock: Clock,
    pub scenario: Scenario,
    pub orders: BTreeMap<String, OrderState>,
    pub tokens: HashMap<String, AccessToken>,
    pub token_lifetime: time::Duration,
    pub limiter: Limiter,
    pub uploads: HashMap<String, Upload>,
    pub pages: HashMap<String, Page>,
    pub faults: Vec<Fault>,
    pub log: Vec<LogEntry>,
    pub rng: SmallRng,
}

impl World {
    fn new(scenario: Scenario, config: &Config) -> World {
        let mut w = World {
            clock: Clock::running_from(OffsetDateTime::now_utc()),
            scenario: Scenario::default(),
            orders: BTreeMap::new(),
            tokens: HashMap::new(),
            token_lifetime: time::Duration::seconds(3600),
            limiter: Limiter::default(),
            uploads: HashMap::new(),
            pages: HashMap::new(),
            faults: config.faults.clone(),
            log: vec![],
            rng: SmallRng::seed_from_u64(config.seed),
        };
        w.load(scenario, config);
        w
    }

    /// Replaces the orders and applications with the scenario's, puts the clock at the scenario's
    /// `now` (the real time when it has none), resolves relative dates against it, and forgets
    /// everything sent, issued and logged.
    pub fn load(&mut self, scenario: Scenario, config: &Config) {
        let epoch = match scenario.now.as_deref().and_then(|n| parse_date(n, OffsetDateTime::now_utc()).ok()) {
            Some(t) => {
                self.clock.set(t);
                t
            }
            None => {
                self.clock = Clock::running_from(OffsetDateTime::now_utc());
                self.clock.now()
            }
        };
        let date = |s: &Option<String>| s.as_deref().and_then(|d| parse_date(d, epoch).ok());
        self.orders = scenario
            .orders
            .iter()
            .map(|o| {
                let created = date(&Some(o.purchase_date.clone())).unwrap_or(epoch);
                let earliest_delivery = date(&o.earliest_delivery_date);
                let last_updated = date(&o.last_updated_date).unwrap_or_else(|| match o.status {
                    OrderStatus::Shipped | OrderStatus::PartiallyShipped | OrderStatus::Canceled => {
                        let shipped = created + time::Duration::days(1);
                        earliest_delivery.map_or(shipped, |d| shipped.min(d)).max(created)
                    }
                    OrderStatus::Pending | OrderStatus::Unshipped => created,
                });
                let state = OrderState {
                    id: o.amazon_order_id.clone(),
                    marketplace_id: o.marketplace_id.clone(),
                    status: o.status,
                    created,
                    last_updated,
                    fulfilled_by: o.fulfilled_by.unwrap_or_default(),
                    earliest_delivery,
                    latest_delivery: date(&o.latest_delivery_date),
                    buyer_locale: o.buyer_locale.clone(),
                    traits: o.traits.clone(),
                    messaging_actions: o.messaging_actions.clone(),
                    actions_document: o.actions_document,
                    solicited_at: date(&o.solicited_at),
                    messages: vec![],
                };
                (o.amazon_order_id.clone(), state)
            })
            .collect();
        self.token_lifetime = time::Duration::seconds(scenario.token_lifetime_seconds as i64);
        self.scenario = scenario;
        self.tokens.clear();
        self.limiter.clear();
        self.uploads.clear();
        self.pages.clear();
        self.faults = config.faults.clone();
        self.log.clear();
        self.rng = SmallRng::seed_from_u64(config.seed);
    }
}

impl World {
    /// The order a Messaging or Solicitations call names, in the marketplace it names. An order
    /// whose purchase date is still ahead does not exist yet.
    pub fn order(&mut self, t: &Target) -> Result<&mut OrderState, ApiError> {
        let now = self.clock.now();
        match self.orders.get_mut(&t.order_id) {
            Some(o) if o.marketplace_id == t.marketplace_id && o.created <= now => Ok(o),
            _ => Err(ApiError::not_found(format!("No order {} in marketplace {}.", t.order_id, t.marketplace_id))),
        }
    }
}

/// Cheap to clone: the router's state.
#[derive(Clone)]
pub struct Sandbox {
    pub config: Arc<Config>,
    world: Arc<Mutex<World>>,
}

impl Sandbox {
    pub fn new(config: Config, scenario: Scenario) -> Sandbox {
        let world = World::new(scenario, &config);
        Sandbox { config: Arc::new(config), world: Arc::new(Mutex::new(world)) }
    }

    pub fn world(&self) -> MutexGuard<'_, World> {
        // A handler that panicked mid-update cannot leave the world worse than a poisoned lock would.
        self.world.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn now(&self) -> OffsetDateTime {
        self.world().clock.now()
    }
}
