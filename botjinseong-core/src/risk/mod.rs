//! The cost-risk model: how much an action, and a policy that grants many
//! actions, can cost a student who has used AWS for less than half a year.
//!
//! The model is data: a hand-kept catalog (`data/risk.toml`) read by
//! [`RiskModel::from_toml`]. It scores in two steps.
//!
//! 1. **One action** ([`RiskModel::action_risk`]) gets 1–100 points from the
//!    first of these that applies:
//!    an explicit entry for the action (`[[actions]]`), the most specific
//!    matching pattern entry (`[[patterns]]`), the cost tier of the action's
//!    service for writes and permission changes (`[services]` and `[tiers]`),
//!    and finally the default of its access level (`[levels]`).
//! 2. **One policy** ([`RiskModel::score_policy`]) takes the highest points
//!    among what it grants (a grant limited to some resources or to
//!    conditions counts a little less), adds a small bonus for breadth, and
//!    names the few catalog entries that set the score. See
//!    [`score`] for the formula.
//!
//! Everything here is pure and allocation-light, and every table is a
//! [`Cow`](std::borrow::Cow), so a model can be emitted as a `static`.

mod action;
mod error;
mod file;
mod model;
mod pattern;
mod reasons;
pub mod score;

pub use error::RiskError;
pub use model::{
    ActionEntry, ActionRisk, Breadth, LevelDefault, NeverGrant, PatternEntry, RiskModel,
    RiskSource, ScopeWeights, ServiceEntry, Tier,
};
pub use score::PolicyRisk;
