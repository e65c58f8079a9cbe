//! Marketplace ids and their regions, as listed in facts.md ("Marketplaces → region"). Kept apart
//! from the core's own table on purpose: the emulator checks the core, it does not reuse it.

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Region {
    Na,
    Eu,
    Fe,
}

impl Region {
    pub fn name(self) -> &'static str {
        match self {
            Region::Na => "na",
            Region::Eu => "eu",
            Region::Fe => "fe",
        }
    }

    /// The region an SP-API host name serves (`sellingpartnerapi-eu.amazon.com`, `sandbox.…`).
    pub fn of_host(host: &str) -> Option<Region> {
        let host = host.split(':').next().unwrap_or(host);
        let host = host.strip_prefix("sandbox.").unwrap_or(host);
        match host {
            "sellingpartnerapi-na.amazon.com" => Some(Region::Na),
            "sellingpartnerapi-eu.amazon.com" => Some(Region::Eu),
            "sellingpartnerapi-fe.amazon.com" => Some(Region::Fe),
            _ => None,
        }
    }
}

pub const MARKETPLACES: [(&str, &str, Region); 23] = [
    ("A2EUQ1WTGCTBG2", "CA", Region::Na),
    ("ATVPDKIKX0DER", "US", Region::Na),
    ("A1AM78C64UM0Y8", "MX", Region::Na),
    ("A2Q3Y263D00KWC", "BR", Region::Na),
    ("A28R8C7NBKEWEA", "IE", Region::Eu),
    ("A1RKKUPIHCS9HS", "ES", Region::Eu),
    ("A1F83G8C2ARO7P", "UK", Region::Eu),
    ("A13V1IB3VIYZZH", "FR", Region::Eu),
    ("AMEN7PMS3EDWL", "BE", Region::Eu),
    ("A1805IZSGTT6HS", "NL", Region::Eu),
    ("A1PA6795UKMFR9", "DE", Region::Eu),
    ("APJ6JRA9NG5V4", "IT", Region::Eu),
    ("A2NODRKZP88ZB9", "SE", Region::Eu),
    ("AE08WJ6YKNBMC", "ZA", Region::Eu),
    ("A1C3SOZRARQ6R3", "PL", Region::Eu),
    ("ARBP9OOSHTCHU", "EG", Region::Eu),
    ("A33AVAJ2PDY3EV", "TR", Region::Eu),
    ("A17E79C6D8DWNP", "SA", Region::Eu),
    ("A2VIGQ35RCS4UG", "AE", Region::Eu),
    ("A21TJRUUN4KGV", "IN", Region::Eu),
    ("A19VAU5U5O7RUS", "SG", Region::Fe),
    ("A39IBJ37TRP1C6", "AU", Region::Fe),
    ("A1VC38T7YXB528", "JP", Region::Fe),
];

/// What getMarketplaceParticipations and the Orders API say about a marketplace: country code,
/// name (`salesChannel.marketplaceName`, e.g. "Amazon.co.uk" as in the models' examples),
/// default currency and language, and domain (sellers.json's Marketplace).
pub struct MarketplaceInfo {
    pub id: &'static str,
    pub country_code: &'static str,
    pub name: &'static str,
    pub currency: &'static str,
    pub language: &'static str,
}

impl MarketplaceInfo {
    pub fn domain_name(&self) -> String {
        format!("www.{}", self.name.to_ascii_lowercase())
    }
}

const fn info(
    id: &'static str,
    country_code: &'static str,
    name: &'static str,
    currency: &'static str,
    language: &'static str,
) -> MarketplaceInfo {
    MarketplaceInfo { id, country_code, name, currency, language }
}

pub const INFO: [MarketplaceInfo; 23] = [
    info("A2EUQ1WTGCTBG2", "CA", "Amazon.ca", "CAD", "en_CA"),
    info("ATVPDKIKX0DER", "US", "Amazon.com", "USD", "en_US"),
    info("A1AM78C64UM0Y8", "MX", "Amazon.com.mx", "MXN", "es_MX"),
    info("A2Q3Y263D00KWC", "BR", "Amazon.com.br", "BRL", "pt_BR"),
    info("A28R8C7NBKEWEA", "IE", "Amazon.ie", "EUR", "en_IE"),
    info("A1RKKUPIHCS9HS", "ES", "Amazon.es", "EUR", "es_ES"),
    info("A1F83G8C2ARO7P", "GB", "Amazon.co.uk", "GBP", "en_GB"),
    info("A13V1IB3VIYZZH", "FR", "Amazon.fr", "EUR", "fr_FR"),
    info("AMEN7PMS3EDWL", "BE", "Amazon.com.be", "EUR", "fr_BE"),
    info("A1805IZSGTT6HS", "NL", "Amazon.nl", "EUR", "nl_NL"),
    info("A1PA6795UKMFR9", "DE", "Amazon.de", "EUR", "de_DE"),
    info("APJ6JRA9NG5V4", "IT", "Amazon.it", "EUR", "it_IT"),
    info("A2NODRKZP88ZB9", "SE", "Amazon.se", "SEK", "sv_SE"),
    info("AE08WJ6YKNBMC", "ZA", "Amazon.co.za", "ZAR", "en_ZA"),
    info("A1C3SOZRARQ6R3", "PL", "Amazon.pl", "PLN", "pl_PL"),
    info("ARBP9OOSHTCHU", "EG", "Amazon.eg", "EGP", "ar_EG"),
    info("A33AVAJ2PDY3EV", "TR", "Amazon.com.tr", "TRY", "tr_TR"),
    info("A17E79C6D8DWNP", "SA", "Amazon.sa", "SAR", "ar_SA"),
    info("A2VIGQ35RCS4UG", "AE", "Amazon.ae", "AED", "en_AE"),
    info("A21TJRUUN4KGV", "IN", "Amazon.in", "INR", "en_IN"),
    info("A19VAU5U5O7RUS", "SG", "Amazon.sg", "SGD", "en_SG"),
    info("A39IBJ37TRP1C6", "AU", "Amazon.com.au", "AUD", "en_AU"),
    info("A1VC38T7YXB528", "JP", "Amazon.co.jp", "JPY", "ja_JP"),
];

pub fn info_of(marketplace_id: &str) -> Option<&'static MarketplaceInfo> {
    INFO.iter().find(|m| m.id == marketplace_id)
}

pub fn region_of(marketplace_id: &str) -> Option<Region> {
    MARKETPLACES.iter().find(|m| m.0 == marketplace_id).map(|m| m.2)
}

/// `ddd-ddddddd-ddddddd`, the form of every Amazon order id.
pub fn is_order_id(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 19 && b.iter().enumerate().all(|(i, c)| if i == 3 || i == 11 { *c == b'-' } else { c.is_ascii_digit() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_ids_and_regions() {
        assert!(is_order_id("123-1234567-1234567"));
        for bad in ["badOrderId", "123-1234567-123456", "123-1234567_1234567", "１23-1234567-1234567", ""] {
            assert!(!is_order_id(bad), "{bad}");
        }
        assert_eq!(region_of("A1VC38T7YXB528"), Some(Region::Fe));
        assert_eq!(region_of("XX"), None);
        assert_eq!(Region::of_host("sandbox.sellingpartnerapi-eu.amazon.com:8443"), Some(Region::Eu));
        assert_eq!(Region::of_host("127.0.0.1:8080"), None);
        for (m, i) in MARKETPLACES.iter().zip(INFO.iter()) {
            assert_eq!(m.0, i.id, "one order in both tables");
        }
        assert_eq!(info_of("ATVPDKIKX0DER").unwrap().domain_name(), "www.amazon.com", "sellers.json's example");
    }
}
