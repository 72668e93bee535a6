//! The encoded authorization failure message of EC2 and friends, which STS
//! `DecodeAuthorizationMessage` turns back into the full reason.

use super::landmark::{Kind, Landmark};

/// The bytes of a blob: ASCII letters and digits, `-`, `_`, `+`, `/` and `=`.
///
/// A table: blobs run to a few kilobytes, and a lookup is cheaper than the
/// range compares per byte.
static BLOB: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'+' | b'/' | b'=');
        b += 1;
    }
    t
};

/// The encoded blob (URL-safe base64), if `text` carries one, from its landmarks.
pub(crate) fn find<'t>(text: &'t str, marks: &[Landmark<'_>]) -> Option<&'t str> {
    let mark = marks.iter().find(|m| m.kind == Kind::Encoded)?;
    let rest = &text[mark.end..];
    let len = rest.bytes().take_while(|&b| BLOB[usize::from(b)]).count();
    (len >= 16).then(|| &rest[..len])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blob(text: &str) -> Option<&str> {
        find(text, &super::super::landmark::find(text))
    }

    #[test]
    fn the_blob_is_read_whole() {
        let text = "You are not authorized to perform this operation. Encoded authorization failure message: sPwGqJ6vBHg1vPHLcn4g_CP-o5jO. Next";
        assert_eq!(blob(text), Some("sPwGqJ6vBHg1vPHLcn4g_CP-o5jO"));
        assert_eq!(
            blob("Encoded authorization failure message: <redacted>"),
            None
        );
    }
}
