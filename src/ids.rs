//! Order ids, marketplaces and regions: the identifiers every SP-API call is keyed on.
use serde::Serialize;
use std::fmt;

use crate::error::BuildError;
use crate::out::{Out, ToJson};

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

/// One Amazon marketplace: its id, country code, region and name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[cfg_attr(all(test, not(target_arch = "wasm32")), ts(rename = "MarketplaceInfo"))]
#[serde(rename_all = "camelCase")]
pub struct Marketplace {
    pub id: &'static str,
    pub country: &'static str,
    pub region: Region,
    /// The channel name Seller Central and the Orders API show ("Sales channel: Amazon.ca",
    /// `salesChannel.marketplaceName`); the shopping site is this name's domain, lower-cased.
    pub name: &'static str,
}

impl ToJson for Marketplace {
    fn to_json(&self, o: &mut Out) {
        o.obj()
            .key("id")
            .str(self.id)
            .key("country")
            .str(self.country)
            .key("region")
            .str(self.region.as_str())
            .key("name")
            .str(self.name)
            .end();
    }
}

const fn mp(id: &'static str, country: &'static str, region: Region, name: &'static str) -> Marketplace {
    Marketplace { id, country, region, name }
}

/// All 23 marketplaces of facts.md "Marketplaces → region". Names as the Orders API writes them
/// (orders_2026-01-01.json examples: Amazon.co.jp, Amazon.co.uk, Amazon.com.br, Amazon.com.tr;
/// sellers.json: Amazon.com) and Seller Central's sales-channel value shows them.
pub static MARKETPLACES: [Marketplace; 23] = [
    mp("A2EUQ1WTGCTBG2", "CA", Region::Na, "Amazon.ca"),
    mp("ATVPDKIKX0DER", "US", Region::Na, "Amazon.com"),
    mp("A1AM78C64UM0Y8", "MX", Region::Na, "Amazon.com.mx"),
    mp("A2Q3Y263D00KWC", "BR", Region::Na, "Amazon.com.br"),
    mp("A28R8C7NBKEWEA", "IE", Region::Eu, "Amazon.ie"),
    mp("A1RKKUPIHCS9HS", "ES", Region::Eu, "Amazon.es"),
    mp("A1F83G8C2ARO7P", "UK", Region::Eu, "Amazon.co.uk"),
    mp("A13V1IB3VIYZZH", "FR", Region::Eu, "Amazon.fr"),
    mp("AMEN7PMS3EDWL", "BE", Region::Eu, "Amazon.com.be"),
    mp("A1805IZSGTT6HS", "NL", Region::Eu, "Amazon.nl"),
    mp("A1PA6795UKMFR9", "DE", Region::Eu, "Amazon.de"),
    mp("APJ6JRA9NG5V4", "IT", Region::Eu, "Amazon.it"),
    mp("A2NODRKZP88ZB9", "SE", Region::Eu, "Amazon.se"),
    mp("AE08WJ6YKNBMC", "ZA", Region::Eu, "Amazon.co.za"),
    mp("A1C3SOZRARQ6R3", "PL", Region::Eu, "Amazon.pl"),
    mp("ARBP9OOSHTCHU", "EG", Region::Eu, "Amazon.eg"),
    mp("A33AVAJ2PDY3EV", "TR", Region::Eu, "Amazon.com.tr"),
    mp("A17E79C6D8DWNP", "SA", Region::Eu, "Amazon.sa"),
    mp("A2VIGQ35RCS4UG", "AE", Region::Eu, "Amazon.ae"),
    mp("A21TJRUUN4KGV", "IN", Region::Eu, "Amazon.in"),
    mp("A19VAU5U5O7RUS", "SG", Region::Fe, "Amazon.sg"),
    mp("A39IBJ37TRP1C6", "AU", Region::Fe, "Amazon.com.au"),
    mp("A1VC38T7YXB528", "JP", Region::Fe, "Amazon.co.jp"),
];

impl Marketplace {
    /// A known marketplace id, exactly as Amazon spells it.
    pub fn by_id(id: &str) -> Result<&'static Marketplace, BuildError> {
        MARKETPLACES.iter().find(|m| m.id == id).ok_or_else(|| BuildError::UnknownMarketplace(truncate(id)))
    }

    /// The marketplace a sales-channel text names: "Amazon.ca", "amazon.co.uk", "www.amazon.de"
    /// (a page hint, used only when the Orders API can't say: issue #10). Anything else, such as
    /// "Non-Amazon" or another shop's name, names none.
    pub fn by_channel(text: &str) -> Option<&'static Marketplace> {
        let t = text.trim().trim_end_matches('/');
        let t = t.get(..4).filter(|p| p.eq_ignore_ascii_case("www.")).map_or(t, |_| &t[4..]);
        MARKETPLACES.iter().find(|m| m.name.eq_ignore_ascii_case(t))
    }
}

/// Seller Central hosts and their regions (facts.md "Orders and the seller's marketplaces",
/// seller-central.md "Hosts"). The host tells the region; one order's marketplace is not on it.
const SELLER_CENTRAL: [(&str, Region); 22] = [
    ("sellercentral.amazon.com", Region::Na),
    ("sellercentral.amazon.ca", Region::Na),
    ("sellercentral.amazon.com.mx", Region::Na),
    ("sellercentral.amazon.com.br", Region::Na),
    ("sellercentral-europe.amazon.com", Region::Eu),
    ("sellercentral.amazon.co.uk", Region::Eu),
    ("sellercentral.amazon.de", Region::Eu),
    ("sellercentral.amazon.fr", Region::Eu),
    ("sellercentral.amazon.it", Region::Eu),
    ("sellercentral.amazon.es", Region::Eu),
    ("sellercentral.amazon.nl", Region::Eu),
    ("sellercentral.amazon.se", Region::Eu),
    ("sellercentral.amazon.pl", Region::Eu),
    ("sellercentral.amazon.com.tr", Region::Eu),
    ("sellercentral.amazon.ae", Region::Eu),
    ("sellercentral.amazon.sa", Region::Eu),
    ("sellercentral.amazon.eg", Region::Eu),
    ("sellercentral.amazon.in", Region::Eu),
    ("sellercentral.amazon.co.jp", Region::Fe),
    ("sellercentral-japan.amazon.com", Region::Fe),
    ("sellercentral.amazon.com.au", Region::Fe),
    ("sellercentral.amazon.sg", Region::Fe),
];

impl Region {
    /// The region of a Seller Central host name (`location.hostname`), or None for any other host.
    pub fn for_seller_central_host(host: &str) -> Option<Region> {
        let h = host.trim().trim_end_matches('.');
        SELLER_CENTRAL.iter().find(|(name, _)| name.eq_ignore_ascii_case(h)).map(|(_, r)| *r)
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
    fn channels_and_hosts() {
        assert_eq!(Marketplace::by_channel(" Amazon.ca ").unwrap().id, "A2EUQ1WTGCTBG2");
        assert_eq!(Marketplace::by_channel("www.amazon.co.uk").unwrap().country, "UK");
        assert_eq!(Marketplace::by_channel("AMAZON.COM").unwrap().id, "ATVPDKIKX0DER");
        for none in ["", "Amazon", "Non-Amazon", "Amazon.com.mx.evil", "amazon.co", "www.", "bol.com", "ａｍａｚｏｎ.ca"] {
            assert_eq!(Marketplace::by_channel(none), None, "{none}");
        }
        assert_eq!(Region::for_seller_central_host("sellercentral.amazon.de"), Some(Region::Eu));
        assert_eq!(Region::for_seller_central_host("SELLERCENTRAL-JAPAN.amazon.com."), Some(Region::Fe));
        assert_eq!(Region::for_seller_central_host("sellercentral.amazon.com"), Some(Region::Na));
        for none in ["", "amazon.com", "sellercentral.amazon.com.evil.example", "xsellercentral.amazon.com"] {
            assert_eq!(Region::for_seller_central_host(none), None, "{none}");
        }
        let mut names: Vec<_> = MARKETPLACES.iter().map(|m| m.name.to_ascii_lowercase()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 23);
    }

    #[test]
    fn endpoints() {
        assert_eq!(Region::Eu.base_url(false), "https://sellingpartnerapi-eu.amazon.com");
        assert_eq!(Region::Na.base_url(true), "https://sandbox.sellingpartnerapi-na.amazon.com");
    }
}
