//! The language-model fallback: asked only when AWS's data has no answer,
//! and never trusted unchecked.
//!
//! The engine asks an [`Advisor`] a [`Question`] (the pasted message, cut to
//! [`MAX_MESSAGE`] bytes, and the fields the engine already read) and gets an
//! [`Answer`]: the denied IAM actions and the AWS managed policies that would
//! grant them, each with a short reason. The answer is untrusted text;
//! [`validate`] is the trust boundary that keeps only what the catalog
//! confirms, and records in plain words why everything else was dropped.
//! Risk always comes from the catalog.
//!
//! This module is pure: [`request_body`] builds one chat-completions request
//! and [`parse_response`] reads one response, so both are tested without a
//! network. The HTTP client, `OpenAiAdvisor`, is behind the cargo feature
//! `advisor`.

#[cfg(feature = "advisor")]
mod openai;
mod request;
mod validate;

use serde::{Deserialize, Serialize};

use crate::analysis::ParsedFields;

#[cfg(feature = "advisor")]
pub use openai::{
    DEFAULT_BASE_URL, DEFAULT_MODEL, DEFAULT_RETRIES, DEFAULT_TIMEOUT, OpenAiAdvisor,
};
pub use request::{
    SCHEMA_NAME, SYSTEM_PROMPT, answer_schema, parse_content, parse_response, request_body,
};
pub use validate::{KeptAction, KeptPolicy, MAX_ITEMS, Validated, validate};

/// The longest pasted message sent to the advisor, in bytes.
pub const MAX_MESSAGE: usize = 8 * 1024;

/// Asks a language model what the data could not answer.
///
/// Synchronous: an async caller runs it on a blocking task.
pub trait Advisor {
    /// Asks one question; one answer or one error, never a partial answer.
    fn advise(&self, question: &Question) -> Result<Answer, AdvisorError>;
}

/// What the advisor is asked about one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    message: String,
    cut: bool,
    parsed: ParsedFields,
}

impl Question {
    /// A question about `message` (cut to [`MAX_MESSAGE`] bytes on a
    /// character boundary) of which the engine read `parsed`.
    pub fn new(message: &str, parsed: ParsedFields) -> Self {
        let mut end = message.len().min(MAX_MESSAGE);
        while !message.is_char_boundary(end) {
            end -= 1;
        }
        Self {
            message: message[..end].to_owned(),
            cut: end < message.len(),
            parsed,
        }
    }

    /// The pasted message, at most [`MAX_MESSAGE`] bytes.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Whether the pasted message was longer and has been cut.
    pub fn is_cut(&self) -> bool {
        self.cut
    }

    /// What the engine already read from the message.
    pub fn parsed(&self) -> &ParsedFields {
        &self.parsed
    }
}

/// The model's answer, exactly as its JSON schema ([`answer_schema`]) says:
/// no field more, none less. Untrusted until [`validate`]d.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// The IAM actions the message says were denied.
    pub actions: Vec<AnsweredAction>,
    /// AWS managed policies that would grant them.
    pub policies: Vec<AnsweredPolicy>,
}

/// One denied action, as the model names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnsweredAction {
    /// `prefix:Action`.
    pub action: String,
    /// Whether the model says the action is newer than public references.
    pub new: bool,
    /// Why the model reads this action from the message.
    pub reason: String,
}

/// One policy the model suggests for one action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnsweredPolicy {
    /// The policy's ARN.
    pub policy_arn: String,
    /// The action it would grant, `prefix:Action`.
    pub action: String,
    /// Why the model suggests it.
    pub reason: String,
}

/// Why the advisor gave no answer. Each ends the analysis `unresolved`, with
/// the message as its reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AdvisorError {
    /// The advisor is configured wrongly (a bad base URL, a client that
    /// cannot be built).
    #[error("the advisor is not configured correctly: {0}")]
    Config(String),
    /// No answer arrived in time.
    #[error("the advisor did not answer within {} s", .0.as_secs_f32())]
    Timeout(std::time::Duration),
    /// The server could not be reached.
    #[error("the advisor at {url} could not be reached: {detail}")]
    Connection {
        /// Where it was asked.
        url: String,
        /// What went wrong, as the HTTP client says it.
        detail: String,
    },
    /// The server answered with an HTTP error, retries included.
    #[error("the advisor answered HTTP {status} after {attempts} attempt(s){}", hint(*.status))]
    Status {
        /// The last HTTP status.
        status: u16,
        /// How many requests were made.
        attempts: u32,
    },
    /// The model declined to answer.
    #[error("the model refused to answer: {0}")]
    Refused(String),
    /// The answer is not the JSON asked for.
    #[error("the advisor's answer is not the JSON asked for: {0}")]
    Malformed(String),
}

/// A hint for the statuses whose cause is known.
fn hint(status: u16) -> &'static str {
    match status {
        401 | 403 => " (check OPENAI_API_KEY)",
        404 => " (check OPENAI_BASE_URL and BOTJINSEONG_ADVISOR_MODEL)",
        429 => " (rate limited or out of quota)",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_message_is_cut_on_a_character_boundary() {
        let short = Question::new("User: x is not authorized", ParsedFields::default());
        assert_eq!(short.message(), "User: x is not authorized");
        assert!(!short.is_cut());

        // 'é' is two bytes: 8191 ASCII bytes put one across the limit.
        let text = format!("{}é and more", "a".repeat(MAX_MESSAGE - 1));
        let cut = Question::new(&text, ParsedFields::default());
        assert!(cut.is_cut());
        assert_eq!(cut.message().len(), MAX_MESSAGE - 1);
        assert!(text.starts_with(cut.message()));

        let exact = "b".repeat(MAX_MESSAGE);
        let q = Question::new(&exact, ParsedFields::default());
        assert!(!q.is_cut());
        assert_eq!(q.message().len(), MAX_MESSAGE);
    }

    #[test]
    fn errors_say_plainly_what_happened() {
        let e = AdvisorError::Status {
            status: 401,
            attempts: 1,
        };
        assert_eq!(
            e.to_string(),
            "the advisor answered HTTP 401 after 1 attempt(s) (check OPENAI_API_KEY)"
        );
        let e = AdvisorError::Timeout(std::time::Duration::from_millis(1500));
        assert_eq!(e.to_string(), "the advisor did not answer within 1.5 s");
    }
}
