//! Any GET operation of the catalogue to its typed answer: the actions of an order, the buyer's
//! attributes, and whatever read the catalogue gains (an order from the Orders API is one more
//! operation here, nothing else).
use super::exchange::{Exchange, Target};
use super::saved::{self, Codec};
use super::{Answer, FlowError, FlowStep, Machine, Outcome, Session, Step};
use crate::catalogue::{Api, Method, Operation};
use crate::error::BuildError;
use crate::orders::Query;
use crate::request::Call;
use crate::response::Success;

/// The call of operation `operation_id` for one order in one marketplace, without a body.
pub(crate) fn order_call(operation_id: &str, order_id: &str, marketplace_id: &str) -> Call {
    Call { operation: operation_id.into(), order_id: order_id.into(), marketplace_ids: vec![marketplace_id.into()], ..Call::default() }
}

/// The actions read of `api` for an order.
pub(crate) fn actions_call(api: Api, order_id: &str, marketplace_id: &str) -> Call {
    let op = if api == Api::Solicitations { "getSolicitationActionsForOrder" } else { "getMessagingActionsForOrder" };
    order_call(op, order_id, marketplace_id)
}

#[derive(Debug, Clone, PartialEq)]
pub struct Read {
    call: Call,
    ex: Exchange,
    result: Option<Result<Outcome, FlowError>>,
}

impl Read {
    /// A read of `call`; a create is refused here (it has its own flow, with verification).
    pub fn new(call: Call) -> Result<Read, FlowError> {
        let op = Operation::find(&call.operation).map_err(FlowError::Build)?;
        if op.method != Method::Get || op.creates {
            return Err(FlowError::Build(BuildError::UnknownOperation(format!("{} is not a read", op.operation_id))));
        }
        Ok(Read { ex: Exchange::new(Target::Call(call.clone())), call, result: None })
    }

    /// The Messaging or Solicitations actions Amazon offers for an order.
    pub fn actions(api: Api, order_id: &str, marketplace_id: &str) -> Read {
        let call = actions_call(api, order_id, marketplace_id);
        Read { ex: Exchange::new(Target::Call(call.clone())), call, result: None }
    }

    /// Only a fresh access token from Login with Amazon: whether the credentials work.
    pub fn credentials() -> Read {
        let call = Call { operation: "lwaToken".into(), ..Call::default() };
        Read { call, ex: Exchange::new(Target::Token), result: None }
    }

    /// A read of the Orders or Sellers API (getOrder, searchOrders, getMarketplaceParticipations):
    /// the order's marketplace, status and delivery window come from these (issue #10).
    pub fn query(q: Query) -> Read {
        let call = Call { operation: q.op.operation_id.into(), order_id: q.order_id.clone().unwrap_or_default(), ..Call::default() };
        Read { ex: Exchange::new(Target::Query(q)), call, result: None }
    }

    /// An action's JSON Schema from its schema link, on the endpoint's own host: for a Messaging
    /// answer that links the schema without embedding it (facts.md "HAL").
    pub fn schema(href: &str) -> Read {
        let call = Call { operation: SCHEMA.into(), ..Call::default() };
        Read { ex: Exchange::new(Target::Schema(href.into())), call, result: None }
    }

    /// The buyer's attributes (GetAttributes): the language to write in.
    pub fn attributes(order_id: &str, marketplace_id: &str) -> Read {
        let call = order_call("GetAttributes", order_id, marketplace_id);
        Read { ex: Exchange::new(Target::Call(call.clone())), call, result: None }
    }

    /// `{flow: "read", operation, orderId, marketplaceId}`: a restored read is sent afresh. Reads
    /// are never stored before a send (only creates are); the parameters of an Orders or Sellers
    /// query and a schema link are not kept, so such a read restores as a typed error.
    fn visit(&mut self, c: &mut dyn Codec) {
        c.tag("flow", "read");
        c.text("operation", &mut self.call.operation);
        c.text("orderId", &mut self.call.order_id);
        let mut market = self.call.marketplace_ids.first().cloned().unwrap_or_default();
        c.text("marketplaceId", &mut market);
        self.call.marketplace_ids = vec![market];
    }

    pub fn restore(text: &str) -> Result<Read, FlowError> {
        let mut read = Read::credentials();
        saved::read(text, &mut |c| read.visit(c))?;
        if read.call.operation == "lwaToken" {
            return Ok(Read::credentials());
        }
        Read::new(read.call)
    }

    fn finish(&mut self, outcome: super::exchange::Outcome) {
        let op = self.ex.label();
        self.result = Some(match outcome {
            Ok(reply) => match reply.success {
                None if self.ex.is_token() => Ok(Outcome::Checked),
                Some(s) if expected(&self.call.operation, &s) => Ok(Outcome::Read(s)),
                _ => Err(FlowError::Unexpected { operation: op }),
            },
            Err(f) => Err(f.error),
        });
    }
}

/// The operation name of a schema link's read.
const SCHEMA: &str = "schema";

/// The answer of the reads whose type is known is that type.
fn expected(operation: &str, s: &Success) -> bool {
    match operation {
        "getSolicitationActionsForOrder" | "getMessagingActionsForOrder" => matches!(s, Success::Actions(_)),
        "GetAttributes" => matches!(s, Success::Attributes { .. }),
        "getOrder" => matches!(s, Success::Order { .. }),
        "searchOrders" => matches!(s, Success::Orders { .. }),
        "getMarketplaceParticipations" => matches!(s, Success::Participations { .. }),
        SCHEMA => matches!(s, Success::Schema { .. }),
        _ => true,
    }
}

impl Machine for Read {
    fn poll(&mut self, s: &mut Session, now_ms: f64) -> FlowStep {
        if let Some(r) = self.result.take() {
            return Step::Done(r);
        }
        match self.ex.poll(s, now_ms) {
            Step::Send(o) => Step::Send(o),
            Step::Wait(w) => Step::Wait(w),
            Step::Done(outcome) => {
                self.finish(outcome);
                self.poll(s, now_ms)
            }
        }
    }

    fn handle(&mut self, s: &mut Session, answer: Answer, now_ms: f64) {
        if let Some(outcome) = self.ex.handle(s, answer, now_ms) {
            self.finish(outcome);
        }
    }

    fn save(&mut self) -> String {
        saved::Writer::text(&mut |c| self.visit(c))
    }
}
