//! Marketplace ids and their regions, as listed in facts.md ("Marketplaces → region"). Kept apart
//! from the core's own table on purpose: the emulator checks the core, it does not reuse it.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    }
}
