//! The botjinseong engine: parse → resolve → score → decide.
//!
//! It knows no specific AWS data: the catalog of actions and managed policies
//! is passed in as a value ([`Catalog`]), so tests build small catalogs and the
//! root package `botjinseong` bakes AWS's own data in at build time.

pub mod advisor;
pub mod analysis;
pub mod catalog;
#[cfg(feature = "codegen")]
pub mod codegen;
pub mod compile;
pub mod decide;
pub mod engine;
pub mod evaluate;
pub mod exclusion;
#[cfg(feature = "advisor")]
pub mod http;
pub mod infer;
pub mod kinds;
pub mod natural;
pub mod parse;
pub mod policy;
pub mod resolve;
pub mod risk;
pub mod select;
mod sentence;
pub mod snapshot;
pub mod wildcard;

pub use analysis::{AlsoPolicy, Analysis, Decision, ParsedFields, Recommendation, Source};
pub use catalog::{
    AccessLevel, ActionRecord, Catalog, Grant, GrantScope, PolicyKind, PolicyRecord,
};
pub use decide::Config;
pub use engine::Engine;
pub use evaluate::{Access, Evaluation, Request, Variables, evaluate};
pub use kinds::{DenialKind, PrincipalKind};
pub use parse::{Parsed, parse, parse_with};
pub use policy::{Effect, PolicyDocument, PolicyError, Selector, Statement};
