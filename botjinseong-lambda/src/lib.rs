//! The Slack adapter around the botjinseong engine. Thin: every rule is the
//! engine's or one of the small modules here; the rest is I/O behind traits
//! (Slack, IAM, STS) so tests point it at local servers.
//!
//! - [`signature`]: a request is Slack's only if its `v0` signature checks.
//! - [`config`]: the adapter's settings, read from the environment.
//! - [`intake`]: from a verified Events API body to what should happen.
//! - [`dedupe`]: an event is handled once per instance, whatever Slack retries.
//! - [`interaction`]: an Approve / Reject click, and whether the clicker may.
//! - [`ids`]: Slack user ids, checked where they come in.
//! - [`slack`]: the Slack Web API calls the bot makes, and their HTTP client.
//! - [`iam`]: the IAM and STS calls, and [`aws`]: them over the AWS SDK.
//! - [`grant`]: the checks before any grant, and the grant.
//! - [`messages`]: the replies and the admins' DMs.
//! - [`flow`]: a request or a click, from first reaction to last reply.
//! - [`audit`]: one structured log event per decision.
//! - [`app`]: the two routes, answered within Slack's 3 seconds, and the
//!   job that runs after the answer.
//! - [`serve`]: the routes as a plain HTTP server; [`lambda`]: on Lambda.
//!
//! Slack's payloads are read with small serde types of only the fields the
//! bot uses, not a Slack SDK: the bot reads a handful of fields from three
//! payload shapes, verifies signatures itself (a few lines over `hmac`), and
//! a full model crate would add compile time on a 2-core build for types it
//! never touches.

pub mod app;
pub mod audit;
pub mod aws;
pub mod config;
pub mod dedupe;
pub mod flow;
pub mod grant;
pub mod iam;
pub mod ids;
pub mod intake;
pub mod interaction;
pub mod lambda;
pub mod messages;
pub mod serve;
pub mod signature;
pub mod slack;

pub use config::Config;
pub use ids::SlackUserId;
