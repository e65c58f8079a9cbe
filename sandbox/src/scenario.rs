//! Scenario files: the applications that may log in (one client id and secret, a refresh token per
//! region), and the orders the APIs answer for
//! (`www/demo/orders.json` is the shipped example). Dates are absolute RFC 3339 or relative to
//! the moment the scenario is loaded (`"now-12d"`, `"now+3d"`, `"now-36h"`), so a scenario stays
//! realistic whatever day it is run — and the browser's clock agrees with the emulator's.
use crate::marketplaces::Region;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Scenario {
    /// Where the clock starts; absent: the real time.
    #[serde(default)]
    pub now: Option<String>,
    #[serde(default = "default_applications")]
    pub applications: Vec<Application>,
    /// Login with Amazon access-token lifetime (facts.md: `expires_in` 3600).
    #[serde(default = "default_token_lifetime")]
    pub token_lifetime_seconds: u64,
    #[serde(default)]
    pub orders: Vec<Order>,
}

/// A registered SP-API application and the refresh tokens a seller authorized it with: one per
/// region (facts.md "How a seller gets credentials": an account merged across NA and EU gets two
/// refresh tokens for one app). An access token works only in its refresh token's region.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Application {
    pub client_id: String,
    pub client_secret: String,
    /// The refresh token of each region the seller authorized the app in.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub refresh_tokens: BTreeMap<Region, String>,
    /// A shorthand that Amazon has no equivalent of: one refresh token honoured in every region,
    /// for single-credential clients and older scenarios.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    /// The roles the seller granted (facts.md "Roles": Messaging needs Buyer Communication;
    /// Solicitations needs Buyer Solicitation or Product Listing; Orders needs Inventory and
    /// Order Tracking). Absent: all of them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<Role>>,
    /// The marketplaces getMarketplaceParticipations lists (those of the token's region).
    /// Absent: every marketplace the scenario has orders in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marketplaces: Option<Vec<String>>,
    /// The seller's store name in getMarketplaceParticipations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store_name: Option<String>,
}

impl Application {
    /// The region a refresh token of this app was issued for: `Some(None)` for the all-regions
    /// shorthand, `None` when it is not one of the app's tokens.
    pub fn region_of_refresh_token(&self, token: &str) -> Option<Option<Region>> {
        if let Some((region, _)) = self.refresh_tokens.iter().find(|(_, t)| *t == token) {
            return Some(Some(*region));
        }
        (self.refresh_token.as_deref() == Some(token)).then_some(None)
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub enum Role {
    BuyerCommunication,
    BuyerSolicitation,
    ProductListing,
    /// Amazon's "Inventory and Order Tracking": the Orders API.
    InventoryAndOrderTracking,
}

/// Who ships an order: the Orders API's `fulfilledBy`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum FulfilledBy {
    Amazon,
    #[default]
    Merchant,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub enum OrderStatus {
    Pending,
    Unshipped,
    PartiallyShipped,
    Shipped,
    Canceled,
}

/// What sets an order apart for Messaging: which message kinds Amazon offers "depend on order
/// status and seller type" (facts.md "Reported quirks").
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub enum Trait {
    Customized,
    Digital,
    HomeService,
    Motors,
    NegativeFeedback,
}

/// How the messaging actions document of an order is shaped (facts.md "HAL": `_embedded` may be
/// missing), so a client's every path can be tried.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ActionsDocument {
    /// `_embedded.actions[]` with `_links.schema` and `_embedded.schema` (the tutorial's form).
    #[default]
    Embedded,
    /// `_embedded.actions[]` with `_links.schema` but no `_embedded.schema`: the schema is read
    /// from its link.
    SchemaLinks,
    /// `_links.actions` alone, no `_embedded` at all.
    LinksOnly,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Order {
    pub amazon_order_id: String,
    pub marketplace_id: String,
    pub status: OrderStatus,
    /// Refunds and returns show on Seller Central's pages; the APIs don't look at them (the
    /// Orders model has no field for either).
    #[serde(default)]
    pub refunded: bool,
    #[serde(default)]
    pub returned: bool,
    /// The order's `createdTime`; before it the order does not exist for any API.
    pub purchase_date: String,
    /// The Orders API's `lastUpdatedTime`. Absent: a day after the purchase for shipped and
    /// canceled orders (no later than the earliest delivery date), the purchase itself otherwise.
    #[serde(default)]
    pub last_updated_date: Option<String>,
    /// Absent: MERCHANT.
    #[serde(default)]
    pub fulfilled_by: Option<FulfilledBy>,
    #[serde(default)]
    pub earliest_delivery_date: Option<String>,
    #[serde(default)]
    pub latest_delivery_date: Option<String>,
    pub buyer_locale: String,
    #[serde(default)]
    pub traits: Vec<Trait>,
    /// A review request sent before the scenario starts.
    #[serde(default)]
    pub solicited_at: Option<String>,
    /// Overrides the message kinds offered (names as in the API's `_links.actions`).
    #[serde(default)]
    pub messaging_actions: Option<Vec<String>>,
    /// The shape of the messaging actions document (default: schemas embedded).
    #[serde(default)]
    pub actions_document: ActionsDocument,
    /// Whatever the look-alike pages show; served back by /_sandbox/orders. The Orders API reads
    /// `buyerName`, `shipTo`, `items` (title, asin, sku, quantity, price {amount, currency}) and
    /// `orderTotal` from it, so page and API agree.
    #[serde(default)]
    pub details: Value,
}

fn default_applications() -> Vec<Application> {
    vec![Application {
        client_id: "amzn1.application-oa2-client.sandbox".into(),
        client_secret: "sandbox-client-secret".into(),
        refresh_tokens: BTreeMap::new(),
        refresh_token: Some("Atzr|sandbox-refresh-token".into()),
        roles: None,
        marketplaces: None,
        store_name: None,
    }]
}

fn default_token_lifetime() -> u64 {
    3600
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario { now: None, applications: default_applications(), token_lifetime_seconds: 3600, orders: vec![] }
    }
}

impl Scenario {
    pub fn from_json(text: &str) -> Result<Scenario, String> {
        let s: Scenario = serde_json::from_str(text).map_err(|e| format!("scenario: {e}"))?;
        let epoch = OffsetDateTime::UNIX_EPOCH;
        if let Some(now) = &s.now {
            parse_date(now, epoch).map_err(|e| format!("scenario now: {e}"))?;
        }
        let mut seen = std::collections::HashSet::new();
        for o in &s.orders {
            let at = |what: &str, e: String| format!("order {}: {what}: {e}", o.amazon_order_id);
            if !crate::marketplaces::is_order_id(&o.amazon_order_id) {
                return Err(at("amazonOrderId", "not ddd-ddddddd-ddddddd".into()));
            }
            if !seen.insert(&o.amazon_order_id) {
                return Err(at("amazonOrderId", "listed twice".into()));
            }
            if crate::marketplaces::region_of(&o.marketplace_id).is_none() {
                return Err(at("marketplaceId", "unknown".into()));
            }
            for (what, d) in [
                ("purchaseDate", Some(&o.purchase_date)),
                ("lastUpdatedDate", o.last_updated_date.as_ref()),
                ("earliestDeliveryDate", o.earliest_delivery_date.as_ref()),
                ("latestDeliveryDate", o.latest_delivery_date.as_ref()),
                ("solicitedAt", o.solicited_at.as_ref()),
            ] {
                if let Some(d) = d {
                    parse_date(d, epoch).map_err(|e| at(what, e))?;
                }
            }
            if o.status == OrderStatus::Shipped && (o.earliest_delivery_date.is_none() || o.latest_delivery_date.is_none()) {
                return Err(at("status", "a Shipped order needs earliestDeliveryDate and latestDeliveryDate".into()));
            }
        }
        if s.applications.is_empty() {
            return Err("scenario: at least one application is needed".into());
        }
        let mut tokens = std::collections::HashSet::new();
        for a in &s.applications {
            let at = |e: &str| format!("application {}: {e}", a.client_id);
            if a.refresh_tokens.is_empty() && a.refresh_token.is_none() {
                return Err(at("needs refreshTokens (one per region) or refreshToken"));
            }
            for t in a.refresh_tokens.values().chain(a.refresh_token.iter()) {
                if t.is_empty() || !tokens.insert(t.as_str()) {
                    return Err(at(&format!("refresh token {t:?} is empty or listed twice")));
                }
            }
            for m in a.marketplaces.iter().flatten() {
                if crate::marketplaces::region_of(m).is_none() {
                    return Err(at(&format!("marketplaces: unknown marketplace {m:?}")));
                }
            }
        }
        Ok(s)
    }
}

/// RFC 3339, or `now`, `now±N` with a unit of d, h, m or s, relative to `epoch`.
pub fn parse_date(s: &str, epoch: OffsetDateTime) -> Result<OffsetDateTime, String> {
    if let Some(rest) = s.strip_prefix("now") {
        if rest.is_empty() {
            return Ok(epoch);
        }
        let (sign, rest) = match rest.as_bytes()[0] {
            b'+' => (1, &rest[1..]),
            b'-' => (-1, &rest[1..]),
            _ => return Err(format!("{s:?}: expected now+N<unit> or now-N<unit>")),
        };
        let unit = rest.chars().last().ok_or_else(|| format!("{s:?}: missing amount"))?;
        let n: i64 = rest[..rest.len() - unit.len_utf8()].parse().map_err(|_| format!("{s:?}: the amount is not a whole number"))?;
        let d = match unit {
            'd' => Duration::days(n),
            'h' => Duration::hours(n),
            'm' => Duration::minutes(n),
            's' => Duration::seconds(n),
            _ => return Err(format!("{s:?}: the unit must be d, h, m or s")),
        };
        return Ok(epoch + d * sign);
    }
    OffsetDateTime::parse(s, &Rfc3339).map_err(|e| format!("{s:?}: not RFC 3339 ({e})"))
}

pub fn format_date(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn relative_and_absolute_dates() {
        let e = datetime!(2026-11-23 12:00 UTC);
        assert_eq!(parse_date("now", e).unwrap(), e);
        assert_eq!(parse_date("now-12d", e).unwrap(), datetime!(2026-11-11 12:00 UTC));
        assert_eq!(parse_date("now+36h", e).unwrap(), datetime!(2026-11-25 0:00 UTC));
        assert_eq!(parse_date("2026-01-02T03:04:05Z", e).unwrap(), datetime!(2026-01-02 3:04:05 UTC));
        for bad in ["now-", "now*3d", "now-3w", "now-xd", "yesterday", "now-3é"] {
            assert!(parse_date(bad, e).is_err(), "{bad}");
        }
    }

    #[test]
    fn scenarios_are_checked_when_loaded() {
        assert!(Scenario::from_json("{}").unwrap().orders.is_empty());
        let order = |id: &str, extra: &str| {
            format!(
                r#"{{"orders":[{{"amazonOrderId":"{id}","marketplaceId":"ATVPDKIKX0DER","status":"Shipped","purchaseDate":"now-20d","earliestDeliveryDate":"now-15d","latestDeliveryDate":"now-14d","buyerLocale":"en-US"{extra}}}]}}"#
            )
        };
        assert!(Scenario::from_json(&order("111-1111111-1111111", "")).is_ok());
        for (bad, why) in [
            (order("1-2-3", ""), "amazonOrderId"),
            (order("111-1111111-1111111", r#","colour":"red""#), "unknown field"),
            (order("111-1111111-1111111", r#","solicitedAt":"last week""#), "solicitedAt"),
            (r#"{"orders":[{"amazonOrderId":"111-1111111-1111111","marketplaceId":"ATVPDKIKX0DER","status":"Shipped","purchaseDate":"now","buyerLocale":"en-US"}]}"#.into(), "needs earliestDeliveryDate"),
            (r#"{"applications":[]}"#.into(), "at least one application"),
        ] {
            let e = Scenario::from_json(&bad).unwrap_err();
            assert!(e.contains(why), "{e}");
        }
    }
}
