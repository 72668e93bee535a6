//! The encoded authorization failure message of EC2 and friends, which STS
//! `DecodeAuthorizationMessage` turns back into the full reason.

use std::sync::LazyLock;

use regex::Regex;

/// The words in front of the blob.
static LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"encoded *authori[sz]ation *failure *message *:? *").expect("valid pattern")
});

/// The encoded blob (URL-safe base64), if `text` carries one; `lower` is `text` in ASCII lowercase.
pub(crate) fn find<'t>(text: &'t str, lower: &str) -> Option<&'t str> {
    let m = LEAD.find(lower)?;
    let rest = &text[m.end()..];
    let len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'+' | b'/' | b'='))
        .count();
    (len >= 16).then(|| &rest[..len])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_blob_is_read_whole() {
        let text = "You are not authorized to perform this operation. Encoded authorization failure message: sPwGqJ6vBHg1vPHLcn4g_CP-o5jO. Next";
        assert_eq!(
            find(text, &text.to_ascii_lowercase()),
            Some("sPwGqJ6vBHg1vPHLcn4g_CP-o5jO")
        );
        let text = "Encoded authorization failure message: <redacted>";
        assert_eq!(find(text, &text.to_ascii_lowercase()), None);
    }
}
