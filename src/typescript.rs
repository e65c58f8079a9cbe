//! The TypeScript of the values the core hands to JS, generated from the Rust types with ts-rs (a
//! dev-dependency: nothing of it reaches the wasm). `src/wasm/types.d.ts` is the output of the test
//! below and goes into the .d.ts that wasm-bindgen writes (src/wasm/mod.rs), so a field changed in
//! Rust changes the contract: the test rewrites the file and fails until it is committed, and
//! `make test-js` diffs the built .d.ts against tests/js/sp_outreach.d.ts.
//!
//! What JS hands to the core (calls, endpoints, responses, the client's configuration, files) is
//! read by hand from JSON (crate::json) and typed by hand in src/wasm/mod.rs, beside the readers.

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use ts_rs::{Config, TS};

    use crate::catalogue::{Api, BodySpec, Method, Operation, Rate};
    use crate::flow::{MessageResult, OrderStage, QueuedState, RetryInfo, ReviewResult};
    use crate::hal::{Action, Actions};
    use crate::http::HttpRequest;
    use crate::ids::{Marketplace, Region};
    use crate::request::Report;
    use crate::response::Success;
    use crate::upload::UploadDestination;
    use crate::validate::Violation;

    const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/wasm/types.d.ts");

    fn generated() -> String {
        let cfg = Config::default();
        let decls = [
            Region::decl(&cfg),
            Api::decl(&cfg),
            Method::decl(&cfg),
            HttpRequest::decl(&cfg),
            Violation::decl(&cfg),
            Report::decl(&cfg),
            Action::decl(&cfg),
            Actions::decl(&cfg),
            Rate::decl(&cfg),
            BodySpec::decl(&cfg),
            Operation::decl(&cfg),
            Marketplace::decl(&cfg),
            UploadDestination::decl(&cfg),
            Success::decl(&cfg),
            RetryInfo::decl(&cfg),
            ReviewResult::decl(&cfg),
            MessageResult::decl(&cfg),
            OrderStage::decl(&cfg),
            QueuedState::decl(&cfg),
        ];
        let mut text = String::from("// Generated from the Rust types by src/typescript.rs (cargo test): do not edit.\n");
        for d in decls {
            text.push_str("export ");
            text.push_str(&one_line(&d));
            text.push('\n');
        }
        text
    }

    /// A declaration on one line, without the field docs ts-rs copies from Rust (they are read
    /// there): the .d.ts stays a contract that diffs cleanly, one type a line.
    fn one_line(decl: &str) -> String {
        let mut out = String::new();
        let mut rest = decl;
        while let Some(start) = rest.find("/**") {
            out.push_str(&rest[..start]);
            rest = rest[start..].find("*/").map_or("", |end| &rest[start + end + 2..]);
        }
        out.push_str(rest);
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn the_types_js_sees_are_generated_from_the_rust_types() {
        let text = generated();
        if std::fs::read_to_string(PATH).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(PATH, &text).unwrap();
            panic!("src/wasm/types.d.ts was out of date and is regenerated: review the change and commit it");
        }
    }
}
