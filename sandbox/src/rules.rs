//! Amazon's business rules for one order at one moment, from facts.md "Business rules users hit".
use crate::scenario::{ActionsDocument, FulfilledBy, OrderStatus, Trait};
use time::{Duration, OffsetDateTime};

/// An order as the emulator runs it: the scenario's order with its dates resolved, and what has
/// been sent for it.
#[derive(Debug, Clone)]
pub struct OrderState {
    pub id: String,
    pub marketplace_id: String,
    pub status: OrderStatus,
    /// The purchase date: the Orders API's `createdTime`.
    pub created: OffsetDateTime,
    pub last_updated: OffsetDateTime,
    pub fulfilled_by: FulfilledBy,
    pub earliest_delivery: Option<OffsetDateTime>,
    pub latest_delivery: Option<OffsetDateTime>,
    pub buyer_locale: String,
    pub traits: Vec<Trait>,
    pub messaging_actions: Option<Vec<String>>,
    pub actions_document: ActionsDocument,
    pub solicited_at: Option<OffsetDateTime>,
    pub messages: Vec<SentMessage>,
}

#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SentMessage {
    pub kind: String,
    pub at: String,
    pub request_id: String,
    pub body: serde_json::Value,
}

/// Why no review request can be sent now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotEligible {
    AlreadySolicited,
    NotShipped,
    OutsideWindow,
}

impl NotEligible {
    /// The 403 message Amazon gives for each case (facts.md).
    pub fn message(self) -> &'static str {
        match self {
            NotEligible::AlreadySolicited | NotEligible::NotShipped => {
                "The requested solicitation is not available for this amazonOrderId."
            }
            NotEligible::OutsideWindow => {
                "You can't use this feature to request a review outside the 5-30 day range after the order delivery date."
            }
        }
    }
}

impl OrderState {
    /// The review-request window: from 5 days after the earliest delivery date to 30 days after
    /// the latest (facts.md), inclusive.
    pub fn review_window(&self) -> Option<(OffsetDateTime, OffsetDateTime)> {
        Some((self.earliest_delivery? + Duration::days(5), self.latest_delivery? + Duration::days(30)))
    }

    pub fn review_request(&self, now: OffsetDateTime) -> Result<(), NotEligible> {
        if self.solicited_at.is_some() {
            return Err(NotEligible::AlreadySolicited);
        }
        if self.status != OrderStatus::Shipped {
            return Err(NotEligible::NotShipped);
        }
        match self.review_window() {
            Some((from, to)) if now >= from && now <= to => Ok(()),
            _ => Err(NotEligible::OutsideWindow),
        }
    }

    pub fn delivered(&self, now: OffsetDateTime) -> bool {
        self.status == OrderStatus::Shipped && self.latest_delivery.is_some_and(|d| now >= d)
    }

    /// The message kinds Amazon offers for this order now, by the names of `_links.actions`.
    /// Which kinds are offered "depend[s] on order status and seller type" (facts.md); this table
    /// follows each kind's description in messaging.json: delivery details only before delivery,
    /// customization and service details only for such orders, nothing for canceled orders.
    pub fn message_kinds(&self, now: OffsetDateTime) -> Vec<&str> {
        if let Some(kinds) = &self.messaging_actions {
            return kinds.iter().map(String::as_str).collect();
        }
        let has = |t: Trait| self.traits.contains(&t);
        let mut kinds = Vec::new();
        match self.status {
            OrderStatus::Canceled | OrderStatus::Pending => return kinds,
            OrderStatus::Unshipped | OrderStatus::PartiallyShipped => {
                kinds.extend(["confirmOrderDetails", "confirmDeliveryDetails"]);
                if has(Trait::Customized) {
                    kinds.push("confirmCustomizationDetails");
                }
                if has(Trait::HomeService) {
                    kinds.push("confirmServiceDetails");
                }
            }
            OrderStatus::Shipped => {
                if !self.delivered(now) {
                    kinds.push("confirmDeliveryDetails");
                }
                kinds.extend(["invoice", "warranty"]);
                if has(Trait::NegativeFeedback) && self.delivered(now) {
                    kinds.push("negativeFeedbackRemoval");
                }
                if has(Trait::Motors) {
                    kinds.push("amazonMotors");
                }
            }
        }
        if has(Trait::Digital) {
            kinds.push("digitalAccessKey");
        }
        kinds.extend(["legalDisclosure", "unexpectedProblem"]);
        kinds
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn order(status: OrderStatus, traits: Vec<Trait>) -> OrderState {
        OrderState {
            id: "111-1111111-1111111".into(),
            marketplace_id: "ATVPDKIKX0DER".into(),
            status,
            created: datetime!(2026-10-28 0:00 UTC),
            last_updated: datetime!(2026-10-29 0:00 UTC),
            fulfilled_by: FulfilledBy::Merchant,
            earliest_delivery: Some(datetime!(2026-11-01 0:00 UTC)),
            latest_delivery: Some(datetime!(2026-11-03 0:00 UTC)),
            buyer_locale: "en-US".into(),
            traits,
            messaging_actions: None,
            actions_document: ActionsDocument::Embedded,
            solicited_at: None,
            messages: vec![],
        }
    }

    #[test]
    fn the_review_window_is_5_to_30_days_after_delivery() {
        let o = order(OrderStatus::Shipped, vec![]);
        assert_eq!(o.review_request(datetime!(2026-11-05 23:59 UTC)), Err(NotEligible::OutsideWindow));
        assert_eq!(o.review_request(datetime!(2026-11-06 0:00 UTC)), Ok(()));
        assert_eq!(o.review_request(datetime!(2026-12-03 0:00 UTC)), Ok(()));
        assert_eq!(o.review_request(datetime!(2026-12-03 0:01 UTC)), Err(NotEligible::OutsideWindow));
        let mut sent = o.clone();
        sent.solicited_at = Some(datetime!(2026-11-10 0:00 UTC));
        assert_eq!(sent.review_request(datetime!(2026-11-11 0:00 UTC)), Err(NotEligible::AlreadySolicited));
        for s in [OrderStatus::Unshipped, OrderStatus::Canceled, OrderStatus::Pending] {
            assert_eq!(order(s, vec![]).review_request(datetime!(2026-11-10 0:00 UTC)), Err(NotEligible::NotShipped));
        }
    }

    #[test]
    fn message_kinds_follow_the_order() {
        let before = datetime!(2026-11-02 0:00 UTC);
        let after = datetime!(2026-11-10 0:00 UTC);
        let shipped = order(OrderStatus::Shipped, vec![Trait::NegativeFeedback]);
        assert!(shipped.message_kinds(before).contains(&"confirmDeliveryDetails"));
        assert!(!shipped.message_kinds(after).contains(&"confirmDeliveryDetails"));
        assert!(shipped.message_kinds(after).contains(&"negativeFeedbackRemoval"));
        assert!(!shipped.message_kinds(before).contains(&"negativeFeedbackRemoval"));
        let unshipped = order(OrderStatus::Unshipped, vec![Trait::Customized]);
        assert!(unshipped.message_kinds(before).contains(&"confirmCustomizationDetails"));
        assert!(!unshipped.message_kinds(before).contains(&"invoice"));
        assert!(order(OrderStatus::Canceled, vec![]).message_kinds(before).is_empty());
        let digital = order(OrderStatus::Shipped, vec![Trait::Digital, Trait::Motors]);
        assert!(digital.message_kinds(after).contains(&"digitalAccessKey") && digital.message_kinds(after).contains(&"amazonMotors"));
    }
}
