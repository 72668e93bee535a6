//! ASCII case-insensitive matching on the bytes of the text itself, so that
//! keywords are found without a lowercased copy (offsets are the text's own),
//! and whitespace tests that read ASCII bytes directly where `str`'s methods
//! decode every char (they still handle the non-ASCII whitespace).

/// Whether `hay[at..]` starts with `lower` (a lowercase ASCII pattern), ignoring ASCII case.
///
/// The pattern says where to fold: a text byte is folded (`| 0x20`) only
/// against a letter, where the fold is exact (only `x` and `X` become `x`),
/// and compared as is elsewhere; with a literal pattern that is an OR and a
/// compare per byte.
#[inline]
pub(crate) fn starts_ci(hay: &[u8], at: usize, lower: &[u8]) -> bool {
    hay.get(at..at + lower.len()).is_some_and(|h| {
        h.iter()
            .zip(lower)
            .all(|(a, b)| a | (u8::from(b.is_ascii_lowercase()) << 5) == *b)
    })
}

/// Whether `s` starts with `lower` (a lowercase ASCII pattern), ignoring ASCII case.
#[inline]
pub(crate) fn str_starts_ci(s: &str, lower: &str) -> bool {
    starts_ci(s.as_bytes(), 0, lower.as_bytes())
}

/// Where the run of spaces starting at `at` ends.
#[inline]
pub(crate) fn spaces(hay: &[u8], mut at: usize) -> usize {
    while hay.get(at) == Some(&b' ') {
        at += 1;
    }
    at
}

/// Where `lower` ends when it is at `at` (ignoring ASCII case).
#[inline]
pub(crate) fn word(hay: &[u8], at: usize, lower: &[u8]) -> Option<usize> {
    starts_ci(hay, at, lower).then_some(at + lower.len())
}

/// Where `lower` ends after the spaces at `at` (the regex ` *word`).
#[inline]
pub(crate) fn spaced(hay: &[u8], at: usize, lower: &[u8]) -> Option<usize> {
    word(hay, spaces(hay, at), lower)
}

/// Where `word` starts when it is what precedes `at`, spaces between allowed
/// (or none, glued by a wrap), ignoring ASCII case.
#[inline]
pub(crate) fn word_before(hay: &[u8], at: usize, lower: &[u8]) -> Option<usize> {
    let mut end = at;
    while end > 0 && hay[end - 1] == b' ' {
        end -= 1;
    }
    let start = end.checked_sub(lower.len())?;
    starts_ci(hay, start, lower).then_some(start)
}

/// Where the first byte at or after `from` that `is` holds for is.
///
/// Sixteen bytes are tested at once by `may`, which holds for every chunk
/// that has such a byte and may hold for others (written without branches,
/// it compiles to vector compares); only a chunk it holds for is searched
/// byte by byte. The bytes past the last whole chunk are searched only if
/// `may` holds for the last sixteen bytes of `bytes`, which end with them.
#[inline]
pub(crate) fn find_marked(
    bytes: &[u8],
    from: usize,
    may: impl Fn(&[u8; 16]) -> bool,
    is: impl Fn(u8) -> bool,
) -> Option<usize> {
    let mut i = from;
    while let Some(Ok(chunk)) = bytes.get(i..i + 16).map(<&[u8; 16]>::try_from) {
        if may(chunk)
            && let Some(at) = chunk.iter().position(|&b| is(b))
        {
            return Some(i + at);
        }
        i += 16;
    }
    if bytes.last_chunk::<16>().is_some_and(|last| !may(last)) {
        return None;
    }
    let tail = bytes.get(i..).unwrap_or_default();
    tail.iter().position(|&b| is(b)).map(|at| i + at)
}

/// Whether `b` is ASCII whitespace as [`char::is_whitespace`] has it (the vertical tab included).
fn is_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// `s.trim_start()`, with the ASCII whitespace skipped by byte.
pub(crate) fn trim_start(s: &str) -> &str {
    let rest = &s[s.bytes().take_while(|&b| is_space(b)).count()..];
    if rest.bytes().next().is_some_and(|b| !b.is_ascii()) {
        rest.trim_start()
    } else {
        rest
    }
}

/// `s.trim_end()`, with the ASCII whitespace skipped by byte.
pub(crate) fn trim_end(s: &str) -> &str {
    let rest = &s[..s.len() - s.bytes().rev().take_while(|&b| is_space(b)).count()];
    if rest.bytes().next_back().is_some_and(|b| !b.is_ascii()) {
        rest.trim_end()
    } else {
        rest
    }
}

/// Whether the last char of `s` is alphanumeric, read by byte when it is ASCII.
pub(crate) fn ends_alphanumeric(s: &str) -> bool {
    match s.bytes().next_back() {
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => s.ends_with(char::is_alphanumeric),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_tests_are_those_of_str() {
        for s in [
            "",
            " ",
            "  a b  ",
            "\u{3000} a\u{a0}",
            "\u{2003}",
            "é ",
            " é",
            " \u{b}x\t\r\n",
            "x\u{a0}",
            "a1",
            "ß",
            "a.",
        ] {
            assert_eq!(trim_start(s), s.trim_start(), "{s:?}");
            assert_eq!(trim_end(s), s.trim_end(), "{s:?}");
            assert_eq!(
                ends_alphanumeric(s),
                s.ends_with(char::is_alphanumeric),
                "{s:?}"
            );
        }
    }
}
