//! Slack user ids, checked once where they enter the adapter.

use std::fmt;

/// A Slack user id: `U…` (or `W…` on Enterprise Grid) followed by
/// upper-case letters and digits.
///
/// Admins, requesters and clickers are compared as these, never as display
/// names, which anyone can change.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct SlackUserId(String);

/// The longest id accepted; real ones are 9 to 11 characters.
const MAX_LEN: usize = 32;

impl SlackUserId {
    /// Checks `text` is a user id (`U`/`W`, then `A-Z0-9`, at most 32
    /// characters in all).
    pub fn parse(text: &str) -> Option<Self> {
        let bytes = text.as_bytes();
        let shaped = bytes.len() >= 2
            && bytes.len() <= MAX_LEN
            && matches!(bytes[0], b'U' | b'W')
            && bytes[1..]
                .iter()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        shaped.then(|| Self(text.to_owned()))
    }

    /// The id as Slack writes it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SlackUserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for SlackUserId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("{text:?} is not a Slack user id")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_user_and_grid_ids() {
        assert_eq!(
            SlackUserId::parse("U2CERLKJA").unwrap().as_str(),
            "U2CERLKJA"
        );
        assert!(SlackUserId::parse("W012A3CDE").is_some());
    }

    #[test]
    fn refuses_anything_else() {
        for bad in [
            "",
            "U",
            "u2cerlkja",
            "B01ABCDEF",
            "C01ABCDEF",
            "U2CER LKJA",
            "U2CER-LKJ",
            "<@U2CERLKJA>",
            "U2cerlkja",
            &format!("U{}", "A".repeat(40)),
        ] {
            assert!(SlackUserId::parse(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn deserializes_only_valid_ids() {
        let ok: SlackUserId = serde_json::from_str("\"U123ABC\"").unwrap();
        assert_eq!(ok.to_string(), "U123ABC");
        assert!(serde_json::from_str::<SlackUserId>("\"B123\"").is_err());
    }
}
