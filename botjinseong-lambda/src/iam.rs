//! The IAM and STS calls the bot makes, behind [`Iam`] and [`Decoder`] so
//! tests can point them at any IAM API; [`crate::aws`] implements them with
//! the AWS SDK.
//!
//! Blocking, like [`crate::slack::SlackApi`]: the work after Slack's
//! acknowledgement runs on a blocking thread, where one call after another
//! is the whole story.

/// An IAM user as `GetUser` describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IamUser {
    /// The user's name.
    pub name: String,
    /// Its ARN, which names the account and the path.
    pub arn: String,
    /// Its path, such as `/` or `/students/`.
    pub path: String,
}

/// Why an IAM or STS call failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{operation} failed: {detail}")]
pub struct IamError {
    /// The API operation, such as `AttachUserPolicy`.
    pub operation: &'static str,
    /// The service's error code, when it answered with one.
    pub code: Option<String>,
    /// What went wrong: the service's error code and message, or why it
    /// could not be reached.
    pub detail: String,
}

impl IamError {
    /// An error of `operation` with no error code from the service.
    pub fn new(operation: &'static str, detail: impl Into<String>) -> Self {
        Self {
            operation,
            code: None,
            detail: detail.into(),
        }
    }

    /// Whether the service refused the call to the bot's own role.
    pub fn is_access_denied(&self) -> bool {
        matches!(
            self.code.as_deref(),
            Some("AccessDenied" | "AccessDeniedException")
        )
    }
}

/// The IAM calls a grant needs.
pub trait Iam {
    /// `GetUser`: the user, or `None` when there is no such user.
    fn get_user(&self, name: &str) -> Result<Option<IamUser>, IamError>;

    /// `ListUserTags`: the user's tags as `(key, value)`, every page.
    fn user_tags(&self, name: &str) -> Result<Vec<(String, String)>, IamError>;

    /// `ListAttachedUserPolicies`: the ARNs of the managed policies attached
    /// to the user, every page.
    fn attached_policies(&self, name: &str) -> Result<Vec<String>, IamError>;

    /// `AttachUserPolicy`.
    fn attach_policy(&self, name: &str, policy_arn: &str) -> Result<(), IamError>;

    /// `DetachUserPolicy`: only to undo a grant of several policies that
    /// failed part-way.
    fn detach_policy(&self, name: &str, policy_arn: &str) -> Result<(), IamError>;
}

/// `sts:DecodeAuthorizationMessage`: the JSON an EC2 "encoded authorization
/// failure message" stands for.
pub trait Decoder {
    /// The decoded message.
    fn decode(&self, encoded: &str) -> Result<String, IamError>;
}
