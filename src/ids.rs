//! Order ids, marketplaces and regions: the identifiers every SP-API call is keyed on.
use serde::Serialize;
use std::fmt;

use crate::error::BuildError;

/// An SP-API selling region: each has its own endpoint host (facts.md "Auth and transport").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Region {
    Na,
    Eu,
    Fe,
}

impl Region {
    pub fn parse(s: &str) -> Result<Region, BuildError> {
        match s.to_ascii_lowercase().as_str() {
            "na" => Ok(Region::Na),
            "eu" => Ok(Region::Eu),
            "fe" => Ok(Region::Fe),
            _ => Err(BuildError::InvalidRegion(s.to_owned())),
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Region::Na => "na",
            Region::Eu => "eu",
            Region::Fe => "fe",
        }
    }
    /// `https://sellingpartnerapi-na.amazon.com`, or with the `sandbox.` prefix.
    pub fn base_url(self, sandbox: bool) -> String {
        let prefix = if sandbox { "sandbox." } else { "" };
        format!("https://{prefix}sellingpartnerapi-{}.amazon.com", self.as_str())
    }
}

/// One Amazon marketplace: its id, country code and region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[cfg_attr(all(test, not(target_arch = "wasm32")), ts(rename = "MarketplaceInfo"))]
#[serde(rename_all = "camelCase")]
pub struct Marketplace {
    pub id: &'static str,
    pub country: &'static str,
    pub region: Region,
}

const fn mp(id: &'static str, country: &'static str, region: Region) -> Marketplace {
    Marketplace { id, country, region }
}

/// All 23 marketplaces of facts.md "Marketplaces → region".
pub static MARKETPLACES: [Marketplace; 23] = [
    mp("A2EUQ1WTGCTBG2", "CA", Region::Na),
    mp("ATVPDKIKX0DER", "US", Region::Na),
    mp("A1AM78C64UM0Y8", "MX", Region::Na),
    mp("A2Q3Y263D00KWC", "BR", Region::Na),
    mp("A28R8C7NBKEWEA", "IE", Region::Eu),
    mp("A1RKKUPIHCS9HS", "ES", Region::Eu),
    mp("A1F83G8C2ARO7P", "UK", Region::Eu),
    mp("A13V1IB3VIYZZH", "FR", Region::Eu),
    mp("AMEN7PMS3EDWL", "BE", Region::Eu),
    mp("A1805IZSGTT6HS", "NL", Region::Eu),
    mp("A1PA6795UKMFR9", "DE", Region::Eu),
    mp("APJ6JRA9NG5V4", "IT", Region::Eu),
    mp("A2NODRKZP88ZB9", "SE", Region::Eu),
    mp("AE08WJ6YKNBMC", "ZA", Region::Eu),
    mp("A1C3SOZRARQ6R3", "PL", Region::Eu),
    mp("ARBP9OOSHTCHU", "EG", Region::Eu),
    mp("A33AVAJ2PDY3EV", "TR", Region::Eu),
    mp("A17E79C6D8DWNP", "SA", Region::Eu),
    mp("A2VIGQ35RCS4UG", "AE", Region::Eu),
    mp("A21TJRUUN4KGV", "IN", Region::Eu),
    mp("A19VAU5U5O7RUS", "SG", Region::Fe),
    mp("A39IBJ37TRP1C6", "AU", Region::Fe),
    mp("A1VC38T7YXB528", "JP", Region::Fe),
];

impl Marketplace {
    /// A known marketplace id, exactly as Amazon spells it.
    pub fn by_id(id: &str) -> Result<&'static Marketplace, BuildError> {
        MARKETPLACES.iter().find(|m| m.id == id).ok_or_else(|| BuildError::UnknownMarketplace(truncate(id)))
    }
}

/// An Amazon order id, `ddd-ddddddd-ddddddd` (seeds 000/001; seller-central.md).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct OrderId(String);

impl OrderId {
    pub fn parse(s: &str) -> Result<OrderId, BuildError> {
        let b = s.as_bytes();
        let ok = b.len() == 19
            && b.iter().enumerate().all(|(i, c)| match i {
                3 | 11 => *c == b'-',
                _ => c.is_ascii_digit(),
            });
        if ok {
            Ok(OrderId(s.to_owned()))
        } else {
            Err(BuildError::InvalidOrderId(truncate(s)))
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for OrderId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Echo user input back in an error without letting a megabyte of it through.
pub(crate) fn truncate(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() <= MAX {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(MAX).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_ids() {
        assert!(OrderId::parse("123-1234567-1234567").is_ok());
        for bad in [
            "",
            "badOrderId",
            "123-1234567-123456",
            "123-1234567-12345678",
            "1234-234567-1234567",
            "123_1234567_1234567",
            "١٢٣-1234567-1234567",
            "123-1234567-123456x",
        ] {
            assert!(matches!(OrderId::parse(bad), Err(BuildError::InvalidOrderId(_))), "{bad}");
        }
    }

    #[test]
    fn marketplaces_are_unique_and_split_by_region() {
        let mut ids: Vec<_> = MARKETPLACES.iter().map(|m| m.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 23);
        let count = |r| MARKETPLACES.iter().filter(|m| m.region == r).count();
        assert_eq!((count(Region::Na), count(Region::Eu), count(Region::Fe)), (4, 16, 3));
        assert_eq!(Marketplace::by_id("A1VC38T7YXB528").unwrap().region, Region::Fe);
        assert!(Marketplace::by_id("atvpdkikx0der").is_err());
    }

    #[test]
    fn endpoints() {
        assert_eq!(Region::Eu.base_url(false), "https://sellingpartnerapi-eu.amazon.com");
        assert_eq!(Region::Na.base_url(true), "https://sandbox.sellingpartnerapi-na.amazon.com");
    }
}
