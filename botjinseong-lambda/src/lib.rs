//! The Slack adapter around the botjinseong engine: what a request from
//! Slack is and whether it counts (pure, no I/O), and the Slack Web API
//! calls the bot makes. The HTTP server, the Lambda runtime and the IAM
//! grants come in later steps.
//!
//! - [`signature`]: a request is Slack's only if its `v0` signature checks.
//! - [`config`]: the adapter's settings, read from the environment.
//! - [`intake`]: from a verified Events API body to what should happen.
//! - [`dedupe`]: an event is handled once per instance, whatever Slack retries.
//! - [`interaction`]: an Approve / Reject click, and whether the clicker may.
//! - [`ids`]: Slack user ids, checked where they come in.
//! - [`slack`]: the Slack Web API calls the bot makes, and their HTTP client.

pub mod config;
pub mod dedupe;
pub mod ids;
pub mod intake;
pub mod interaction;
pub mod signature;
pub mod slack;

pub use config::Config;
pub use ids::SlackUserId;
