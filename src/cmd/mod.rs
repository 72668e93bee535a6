//! The subcommands of the `botjinseong` binary, one module each.

pub mod advisor;
pub mod batch;
pub mod explain;
pub mod lookup;
pub mod refresh;
