//! The encoded authorization failure message of EC2 and friends, which STS
//! `DecodeAuthorizationMessage` turns back into the full reason.

use std::sync::LazyLock;

use regex::Regex;

/// The words in front of the blob.
static LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)encoded\s*authori[sz]ation\s*failure\s*message\s*:?\s*").expect("valid pattern")
});

/// The encoded blob (URL-safe base64), if the text carries one.
pub(crate) fn find(text: &str) -> Option<&str> {
    let m = LEAD.find(text)?;
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
        assert_eq!(find(text), Some("sPwGqJ6vBHg1vPHLcn4g_CP-o5jO"));
        assert_eq!(find("Encoded authorization failure message: <redacted>"), None);
    }
}
