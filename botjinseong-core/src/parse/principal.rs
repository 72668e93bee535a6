//! Finding the caller: the principal written before `is not authorized`, the
//! `context.principal.arn` of a decoded authorization message, or the ARN
//! after a `User:` label (the console's copy-text box).
//!
//! The caller is not the first ARN of the text (Terraform and ECS name the
//! resource first), so it is read backwards from the statement itself.

use std::borrow::Cow;

use memchr::memchr2_iter;

use super::ascii::{spaces, starts_ci, str_starts_ci, trim_end, trim_start};
use super::clean::prefix;
use super::landmark::{Kind, Landmark};
use super::token::{MAX_TOKEN, collapse, looks_like_arn, read_token};

/// The caller of the first statement that names one, else of a decoded message.
///
pub(crate) fn find<'t>(text: &'t str, marks: &[Landmark<'_>]) -> Option<Cow<'t, str>> {
    let mut floor = 0;
    for mark in marks {
        let Kind::Statement { caller, .. } = mark.kind else {
            continue;
        };
        let found = caller
            .then(|| before_statement(&text[floor..mark.start]))
            .flatten();
        floor = mark.end;
        if found.is_some() {
            return found;
        }
    }
    let decoded_message = marks.iter().any(|m| str_starts_ci(m.phrase, "\"action\""));
    decoded_message
        .then(|| decoded(text))
        .flatten()
        .or_else(|| labelled(text))
}

/// Where each `User:` (or `User `) of `text` that starts a word (not the `user`
/// of `cdk-user`) ends: the regex `user(?: *: *| +)`, ignoring ASCII case.
///
/// Two such labels never overlap (none holds a `u` past its first byte), so
/// each `u` is judged on its own and the labels can be read from either end;
/// only a `user` is looked at further, out of line.
fn user_markers(text: &str) -> impl DoubleEndedIterator<Item = usize> + '_ {
    let b = text.as_bytes();
    memchr2_iter(b'u', b'U', b)
        .filter(|&at| starts_ci(b, at, b"user"))
        .filter_map(|at| user_marker(text, at))
}

/// Where the `User:` label starting at the `user` at `at` ends, if it is one.
fn user_marker(text: &str, at: usize) -> Option<usize> {
    let b = text.as_bytes();
    let after = spaces(b, at + 4);
    let end = if b.get(after) == Some(&b':') {
        spaces(b, after + 1)
    } else if after > at + 4 {
        after
    } else {
        return None;
    };
    let glued = text[..at].ends_with(|c: char| c.is_alphanumeric() || "-/_.@=+,".contains(c));
    (!glued).then_some(end)
}

/// The ARN after a `User:` label that starts no statement, as the console's copy-text box has it.
fn labelled(text: &str) -> Option<Cow<'_, str>> {
    user_markers(text).find_map(|end| {
        let (s, e) = read_token(text, end)?;
        let token = &text[s..e];
        looks_like_arn(token).then_some(Cow::Borrowed(token))
    })
}

/// The caller written at the end of `before`, the text in front of a statement.
fn before_statement(before: &str) -> Option<Cow<'_, str>> {
    let mut from = before.len().saturating_sub(MAX_TOKEN);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let window = &before[from..];
    if let Some(user) = user_markers(window).next_back() {
        let trim = |s| trim_end(trim_start(s));
        let span = trim(trim_ascii_matches(trim(&window[user..]), |b| {
            matches!(b, b'"' | b'\'' | b',')
        }));
        if span.is_empty() {
            return None;
        }
        let span = collapse(span);
        return (looks_like_arn(&span) || !has_bare_space(&span)).then_some(span);
    }
    let last = window.trim_end().rsplit(char::is_whitespace).next()?;
    let last = trim_ascii_matches(last, |b| matches!(b, b'"' | b'\'' | b'(' | b'['));
    looks_like_arn(last).then_some(Cow::Borrowed(last))
}

/// `s.trim_matches` for a set of ASCII chars, by byte (a non-ASCII byte is never in the set).
fn trim_ascii_matches(s: &str, drop: impl Fn(u8) -> bool) -> &str {
    let b = s.as_bytes();
    let start = b.iter().take_while(|&&c| drop(c)).count();
    let end = b.len() - b[start..].iter().rev().take_while(|&&c| drop(c)).count();
    &s[start..end]
}

/// Whether `s` has a space outside `<…>` and `[…]` placeholders.
fn has_bare_space(s: &str) -> bool {
    let mut depth = 0usize;
    for b in s.bytes() {
        match b {
            b'<' | b'[' => depth += 1,
            b'>' | b']' => depth = depth.saturating_sub(1),
            b' ' if depth == 0 => return true,
            _ => {}
        }
    }
    false
}

/// The `context.principal.arn` of a pasted decoded authorization message.
fn decoded(text: &str) -> Option<Cow<'_, str>> {
    let at = text.find("\"principal\"")?;
    let object = prefix(&text[at..], 600);
    let object = &object[..object.find('}').unwrap_or(object.len())];
    let arn_key = object.find("\"arn\"")?;
    let value = object[arn_key + 5..]
        .trim_start()
        .strip_prefix(':')?
        .trim_start();
    let value = value.strip_prefix('"')?;
    let end = value.find('"')?;
    let arn = value[..end].trim();
    (!arn.is_empty()).then_some(Cow::Borrowed(arn))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(text: &str) -> Option<Cow<'_, str>> {
        find(text, &super::super::landmark::find(text))
    }

    #[test]
    fn the_caller_is_read_backwards_from_the_statement() {
        let text = "Error: creating (arn:aws:sns:us-east-1:1:t): User: arn:aws:iam::1:user/Me is not authorized to perform";
        assert_eq!(both(text).as_deref(), Some("arn:aws:iam::1:user/Me"));
    }

    #[test]
    fn ascii_trims_are_those_of_str() {
        for s in ["", "\"'", "\"a'b,\"", ",é,", "'(x[", "é"] {
            let quotes = |b| matches!(b, b'"' | b'\'' | b',');
            assert_eq!(
                trim_ascii_matches(s, quotes),
                s.trim_matches(['"', '\'', ','])
            );
        }
    }

    #[test]
    fn a_bare_user_names_no_caller() {
        let text = "User is not authorized to access this resource";
        assert_eq!(both(text), None);
    }

    #[test]
    fn decoded_messages_name_the_caller() {
        let text = r#"{"context":{"principal":{"id":"AIDA","arn":"arn:aws:iam::1:user/x"},"action":"a:B"}}"#;
        assert_eq!(both(text).as_deref(), Some("arn:aws:iam::1:user/x"));
    }
}
