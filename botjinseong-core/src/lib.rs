//! The botjinseong engine: parse → resolve → score → decide.
//!
//! It knows no specific AWS data: the catalog of actions and managed policies
//! is passed in as a value, so tests build small catalogs and the root
//! package `botjinseong` bakes AWS's own data in at build time.

pub mod kinds;
pub mod parse;

pub use kinds::{DenialKind, PrincipalKind};
pub use parse::{Parsed, parse};
