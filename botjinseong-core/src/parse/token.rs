//! Reading single tokens out of cleaned text: ARNs and resource names, IAM
//! actions, and the punctuation people glue to them.

use std::borrow::Cow;

use super::ascii::{find_marked, str_starts_ci};

/// The longest a principal or resource is allowed to be, in bytes.
pub(crate) const MAX_TOKEN: usize = 2048;

/// Reads an ARN or resource name starting at `text[start..]`; returns its range.
///
/// Quoted tokens run to their closing quote. Otherwise the token ends at
/// whitespace, except inside redaction placeholders such as `<account id>` or
/// `[account id]`; it also ends where an XML closing tag or a JSON quote begins.
pub(crate) fn read_token(text: &str, start: usize) -> Option<(usize, usize)> {
    let rest = text.get(start..)?;
    let first = rest.chars().next()?;
    if matches!(first, '"' | '\'') {
        let inner = &rest[1..];
        let close = memchr::memchr(rest.as_bytes()[0], inner.as_bytes())
            .filter(|&c| c <= MAX_TOKEN && c > 0)?;
        let token = trim_punct(&inner[..close]);
        return (!token.is_empty()).then(|| (start + 1, start + 1 + token.len()));
    }
    let bytes = rest.as_bytes();
    let scanned = &bytes[..bytes.len().min(MAX_TOKEN + 1)];
    let mut depth = 0usize;
    let mut end = 0;
    loop {
        end = next_mark(scanned, end);
        let Some(&b) = scanned.get(end) else {
            break;
        };
        match b {
            b'<' if bytes.get(end + 1) == Some(&b'/') => break,
            b'<' | b'[' => depth += 1,
            b'>' | b']' => depth = depth.saturating_sub(1),
            b'"' => break,
            b' ' | b'\t' | b'\n' | b'\r' if depth == 0 => break,
            b' ' if !placeholder_continues(&bytes[end..]) => break,
            _ => {}
        }
        end += 1;
    }
    while end > 0 && !rest.is_char_boundary(end) {
        end -= 1;
    }
    let token = trim_punct(&rest[..end]);
    (!token.is_empty()).then(|| (start, start + token.len()))
}

/// Where the first byte at or after `from` that [`read_token`] acts on is
/// (`bytes.len()` if none): a bracket, a quote, or whitespace. Controls and
/// non-ASCII bytes pass too: the token reader lets them by.
fn next_mark(bytes: &[u8], from: usize) -> usize {
    let is_mark = |b: u8| {
        (i8::from_ne_bytes([b]) <= 0x20)
            | (b == b'"')
            | (b & 0xfd == b'<')
            | (b == b'[')
            | (b == b']')
    };
    let may = |chunk: &[u8; 16]| chunk.iter().fold(false, |seen, &b| seen | is_mark(b));
    find_marked(bytes, from, may, is_mark).unwrap_or(bytes.len())
}

/// Whether a space inside an open `<…>` or `[…]` belongs to a placeholder.
fn placeholder_continues(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .take(40)
        .take_while(|&&b| b != b'<' && b != b'[' && b != b'\n')
        .any(|&b| b == b'>' || b == b']')
}

/// Strips trailing sentence punctuation and unbalanced closing brackets.
///
/// A trailing `...` is a redaction and stays.
pub(crate) fn trim_punct(mut s: &str) -> &str {
    loop {
        if s.ends_with("...") {
            return s;
        }
        let Some(last) = s.chars().next_back() else {
            return s;
        };
        let drop = match last {
            '.' | ',' | ';' | ':' | '!' | '?' | '"' | '\'' => true,
            ')' => unbalanced(s, '(', ')'),
            ']' => unbalanced(s, '[', ']'),
            '}' => unbalanced(s, '{', '}'),
            '>' => unbalanced(s, '<', '>'),
            _ => false,
        };
        if !drop {
            return s;
        }
        s = &s[..s.len() - last.len_utf8()];
    }
}

/// Whether `s` closes more `close` brackets than it opens.
fn unbalanced(s: &str, open: char, close: char) -> bool {
    s.matches(close).count() > s.matches(open).count()
}

/// Removes the whitespace a wrap left inside an ARN, keeping it inside placeholders.
pub(crate) fn collapse(s: &str) -> Cow<'_, str> {
    if !looks_like_arn(s) || !has_whitespace(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '<' | '[' => depth += 1,
            '>' | ']' => depth = depth.saturating_sub(1),
            c if c.is_whitespace() && depth == 0 => continue,
            _ => {}
        }
        out.push(c);
    }
    Cow::Owned(out)
}

/// Whether `s` holds any whitespace, Unicode's included.
///
/// Bytes first: only a control, a space or a non-ASCII byte can begin
/// whitespace, and those are the bytes at most `0x20` as signed bytes; the
/// test runs over all the bytes without a branch, so it compiles to vector
/// compares.
fn has_whitespace(s: &str) -> bool {
    let maybe = s
        .bytes()
        .fold(false, |seen, b| seen | (i8::from_ne_bytes([b]) <= 0x20));
    maybe && s.contains(char::is_whitespace)
}

/// Whether `s` starts like an ARN.
pub(crate) fn looks_like_arn(s: &str) -> bool {
    str_starts_ci(s, "arn:")
}

/// The bytes of an action's service prefix: ASCII letters, digits and `-`.
const PREFIX: u8 = 1;

/// The bytes of an action's name: ASCII letters, digits and `*`.
const NAME: u8 = 2;

/// The classes of every byte, as [`PREFIX`] and [`NAME`] bits.
static CLASSES: [u8; 256] = {
    let mut t = [0; 256];
    let mut b = 0;
    while b < 256 {
        if (b as u8).is_ascii_alphanumeric() {
            t[b] = PREFIX | NAME;
        }
        b += 1;
    }
    t[b'-' as usize] = PREFIX;
    t[b'*' as usize] = NAME;
    t
};

/// Whether `b` is in `class`, a table lookup rather than range compares.
fn is_in(b: u8, class: u8) -> bool {
    CLASSES[usize::from(b)] & class != 0
}

/// Reads an IAM action `prefix:Name` at `text[start..]`, tolerating a space after the colon.
///
/// Returns the action (borrowed when written without a gap) and where it ends.
pub(crate) fn read_action(text: &str, start: usize) -> Option<(Cow<'_, str>, usize)> {
    let rest = text.get(start..)?;
    let bytes = rest.as_bytes();
    let prefix = bytes
        .iter()
        .take(41)
        .take_while(|&&b| is_in(b, PREFIX))
        .count();
    if !(2..=40).contains(&prefix) || bytes.get(prefix) != Some(&b':') {
        return None;
    }
    let gap = bytes[prefix + 1..]
        .iter()
        .take_while(|b| **b == b' ')
        .count();
    let name_start = prefix + 1 + gap;
    let name = bytes[name_start..]
        .iter()
        .take(128)
        .take_while(|&&b| is_in(b, NAME))
        .count();
    let first = *bytes.get(name_start)?;
    if name == 0 || !(first.is_ascii_alphabetic() || first == b'*') || gap > 1 {
        return None;
    }
    let end = name_start + name;
    if bytes.get(end) == Some(&b':') && bytes.get(end + 1).is_some_and(|b| !b.is_ascii_whitespace())
    {
        return None;
    }
    let action = if gap == 0 {
        Cow::Borrowed(&rest[..end])
    } else {
        Cow::Owned(format!("{}:{}", &rest[..prefix], &rest[name_start..end]))
    };
    Some((action, start + end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_end_at_whitespace_but_not_inside_placeholders() {
        let text = "x arn:aws:iam::<account id>:user/bob is";
        let (s, e) = read_token(text, 2).expect("token");
        assert_eq!(&text[s..e], "arn:aws:iam::<account id>:user/bob");
    }

    #[test]
    fn tokens_lose_glued_punctuation() {
        for (text, want) in [
            ("arn:aws:s3:::b/k.txt\".", "arn:aws:s3:::b/k.txt"),
            ("\"arn:aws:s3:::b\"", "arn:aws:s3:::b"),
            ("arn:aws:iam::1:role/x]", "arn:aws:iam::1:role/x"),
            ("arn:aws:s3:::b</Message>", "arn:aws:s3:::b"),
            (
                "arn:x:regional/webacl/test_waf/...",
                "arn:x:regional/webacl/test_waf/...",
            ),
        ] {
            let (s, e) = read_token(text, 0).expect("token");
            assert_eq!(&text[s..e], want);
        }
    }

    #[test]
    fn actions_are_read_with_or_without_a_gap() {
        assert_eq!(
            read_action("s3:GetObject on", 0).map(|a| a.0),
            Some("s3:GetObject".into())
        );
        assert_eq!(
            read_action("account: ListRegions (", 0).map(|a| a.0),
            Some("account:ListRegions".into())
        );
        assert_eq!(read_action("this operation", 0), None);
        assert_eq!(read_action("arn:aws:iam::1:user/x", 0), None);
    }
}
