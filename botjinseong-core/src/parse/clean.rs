//! De-noising: turns a paste into one flat line of plain text.
//!
//! Pastes come wrapped by terminals and editors, escaped as JSON, coloured
//! with ANSI codes, formatted as Markdown or Slack mrkdwn, and prefixed by
//! comment markers. This module undoes all of that in two passes (characters,
//! then lines) and returns the input untouched, borrowed, when it is already
//! clean. Its output separates words by plain spaces only (no tabs or line
//! breaks), so the keyword patterns elsewhere need no `\s`.

use std::borrow::Cow;

use super::ascii::{ends_alphanumeric, find_marked, str_starts_ci, trim_end, trim_start};

/// How much of a paste is read; the rest is ignored and reported as truncated.
pub(crate) const LIMIT: usize = 64 * 1024;

/// How far a link's closing bracket is looked for.
const WINDOW: usize = 1024;

/// Words that, starting a wrapped line, continue the sentence of the line before
/// (lowercase: compared ignoring ASCII case).
const CONTINUATIONS: &[&str] = &[
    "is not",
    "on resource",
    "because",
    "with an",
    "operation",
    "action",
    "to perform",
    "authorized",
    "authorised",
    "api error",
    "https response",
    "status code",
    "request id",
];

/// Cuts `text` to [`LIMIT`] bytes on a char boundary; says whether it cut.
pub(crate) fn truncate(text: &str) -> (&str, bool) {
    let cut = prefix(text, LIMIT);
    (cut, cut.len() < text.len())
}

/// Returns `text` with all known noise removed and its lines re-joined.
///
/// Each pass runs only when the text holds what it undoes: the first only
/// with a byte that can start noise, the second only with a line break or
/// marker. A text that is merely wrapped is not copied before it is joined.
pub(crate) fn clean(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let (first, broken) = first_special(bytes);
    let stripped = match first {
        Some(first) => strip_chars(text, first),
        None => Cow::Borrowed(text),
    };
    let wrapped = broken
        || match &stripped {
            Cow::Borrowed(_) => first.is_some() && memchr::memchr(b'\n', bytes).is_some(),
            Cow::Owned(s) => memchr::memchr(b'\n', s.as_bytes()).is_some(),
        };
    if !wrapped && !has_line_marker(&stripped) {
        return match stripped {
            Cow::Owned(s) if s != text => Cow::Owned(s),
            _ => Cow::Borrowed(text),
        };
    }
    let flat = join_lines(&stripped);
    if flat == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(flat)
    }
}

/// Capitalised words that start a sentence even right after a word cut by a wrap.
const SENTENCE_STARTS: &[&str] = &[
    "A", "After", "An", "Caused", "Check", "Error", "Failed", "For", "If", "It", "Learn", "Make",
    "Please", "See", "The", "This", "To", "Try", "Unable", "We", "You",
];

/// The longest prefix of `s` of at most `max` bytes that ends on a char boundary.
pub(crate) fn prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Whether the first line starts with a comment, quote or box-drawing marker.
fn has_line_marker(text: &str) -> bool {
    let start = trim_start(text);
    start.starts_with(['#', '/', '>', '│', '|', '┃'])
}

/// First pass: ANSI codes, escapes, entities, backticks, Slack and Markdown links, bold.
///
/// Plain runs between the few bytes that can start noise are copied whole,
/// from the first such byte (at `first`) on; when none of those bytes starts
/// noise after all, the text is returned as is. Nothing is allocated before
/// a byte that may start noise: a wildcard's lone `*` or an XML tag's `<`
/// is passed over as it stands.
fn strip_chars(text: &str, first: usize) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    let mut changed = false;
    let mut next = Some(first);
    while let Some(i) = next {
        if inert(&bytes[i..]) {
            next = next_marked(bytes, i + 1, NOISE);
            continue;
        }
        if out.capacity() == 0 {
            out.reserve(text.len());
        }
        out.push_str(&text[copied..i]);
        copied = i;
        let rest = &text[i..];
        let consumed = match bytes[i] {
            0x1b => skip_ansi(rest),
            b'\\' => unescape(rest, &mut out),
            b'&' => decode_entity(rest, &mut out),
            b'`' => skip_backticks(rest),
            b'<' => slack_link(rest, &mut out),
            b'[' => markdown_link(rest, &mut out),
            b'*' if rest.starts_with("**") && is_bold_marker(&out, &rest[2..]) => 2,
            b'\t' | 0x0b | 0x0c => {
                out.push(' ');
                1
            }
            0xc2 if rest.starts_with('\u{a0}') => {
                out.push(' ');
                2
            }
            _ => 0,
        };
        let resume = if consumed == 0 {
            i + 1
        } else {
            copied = i + consumed;
            changed = true;
            copied
        };
        next = next_marked(bytes, resume, NOISE);
    }
    if !changed {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// Whether the special byte that starts `rest` starts no noise, for
/// certain: a `*` that is not doubled (no bold marker), a `<` that opens no
/// Slack link (`<http…`, `<mailto:…`, `<@…`, `<#…`, `<!…`).
fn inert(rest: &[u8]) -> bool {
    match rest.first() {
        Some(b'*') => rest.get(1) != Some(&b'*'),
        Some(b'<') => !matches!(rest.get(1), Some(b'h' | b'm' | b'@' | b'#' | b'!')),
        _ => false,
    }
}

/// Where the first byte that can start noise is, and whether a line break
/// comes before it (anywhere, if none does): what [`clean`] needs to know
/// before its passes, in one scan.
fn first_special(bytes: &[u8]) -> (Option<usize>, bool) {
    match next_marked(bytes, 0, NOISE | BREAK) {
        Some(at) if bytes[at] == b'\n' => (next_marked(bytes, at + 1, NOISE), true),
        first => (first, false),
    }
}

/// Where the first byte at or after `from` of a kind in `kinds` ([`NOISE`],
/// [`BREAK`]) is; chunks are tested by [`chunk_has`] first.
fn next_marked(bytes: &[u8], from: usize, kinds: u8) -> Option<usize> {
    find_marked(bytes, from, chunk_has, |b| {
        KINDS[usize::from(b)] & kinds != 0
    })
}

/// The kind of a byte that can start noise that [`strip_chars`] rewrites.
const NOISE: u8 = 1;

/// The kind of a line break.
const BREAK: u8 = 2;

/// The kinds of every byte, as [`NOISE`] and [`BREAK`] bits.
static KINDS: [u8; 256] = {
    let mut t = [0; 256];
    let noise = [
        0x1b, b'\\', b'&', b'`', b'<', b'[', b'*', 0xc2, b'\t', 0x0b, 0x0c,
    ];
    let mut k = 0;
    while k < noise.len() {
        t[noise[k] as usize] = NOISE;
        k += 1;
    }
    t[b'\n' as usize] = BREAK;
    t
};

/// Whether a 16-byte chunk may hold a special byte or a line break: it holds
/// one, or a control byte or a non-ASCII byte (which [`next_marked`] then
/// tells apart).
///
/// Written as plain comparisons without branches, so that it compiles to
/// vector compares: the controls and the non-ASCII bytes are one signed
/// comparison, and `&` and `\\` share a masked compare with a control each.
#[inline]
fn chunk_has(chunk: &[u8; 16]) -> bool {
    let mut acc = 0u8;
    for &b in chunk {
        let special = (i8::from_ne_bytes([b]) < 0x1c)
            | (b & 0xdf == b'&' & 0xdf)
            | (b & 0xbf == b'\\' & 0xbf)
            | (b == b'*')
            | (b == b'<')
            | (b == b'[')
            | (b == b'`');
        acc |= u8::from(special);
    }
    acc != 0
}

/// Length of the ANSI escape sequence at the start of `s` (at least 1).
fn skip_ansi(s: &str) -> usize {
    let bytes = s.as_bytes();
    match bytes.get(1) {
        Some(b'[') => {
            let mut i = 2;
            while i < bytes.len() && (0x20..0x40).contains(&bytes[i]) {
                i += 1;
            }
            if i < bytes.len() && (0x40..0x7f).contains(&bytes[i]) {
                i + 1
            } else {
                i
            }
        }
        Some(b']') => {
            let mut i = 2;
            while i < bytes.len() && bytes[i] != 0x07 && bytes[i] != 0x1b {
                i += 1;
            }
            if bytes.get(i) == Some(&0x1b) && bytes.get(i + 1) == Some(&b'\\') {
                i + 2
            } else {
                (i + 1).min(bytes.len())
            }
        }
        Some(b) if b.is_ascii() => 2,
        _ => 1,
    }
}

/// Undoes a JSON or Python escape at the start of `s`, or copies a plain backslash run.
///
/// A run of backslashes before `n`, `r`, `t`, `"`, `'` or `/` is one escape,
/// whatever its depth of nesting; any other backslash (as in `\*`) is kept.
fn unescape(s: &str, out: &mut String) -> usize {
    let run = s.bytes().take_while(|&b| b == b'\\').count();
    let replacement = match s.as_bytes().get(run) {
        Some(b'n' | b'r' | b't') => ' ',
        Some(b'"') => '"',
        Some(b'\'') => '\'',
        Some(b'/') => '/',
        _ => {
            out.push_str(&s[..run]);
            return run;
        }
    };
    out.push(replacement);
    run + 1
}

/// Decodes an HTML entity (also `&amp;`-escaped ones) at the start of `s`; 0 if none.
fn decode_entity(s: &str, out: &mut String) -> usize {
    let mut i = 1;
    while s[i..].starts_with("amp;") {
        i += 4;
    }
    for (name, c) in [
        ("lt;", '<'),
        ("gt;", '>'),
        ("quot;", '"'),
        ("#39;", '\''),
        ("#x27;", '\''),
        ("apos;", '\''),
        ("nbsp;", ' '),
    ] {
        if s[i..].starts_with(name) {
            out.push(c);
            return i + name.len();
        }
    }
    if i > 1 {
        out.push('&');
        return i;
    }
    0
}

/// Length of a backtick run, with the language tag of an opening code fence.
fn skip_backticks(s: &str) -> usize {
    let run = s.bytes().take_while(|&b| b == b'`').count();
    if run >= 3 {
        let tag = s[run..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'+'))
            .count();
        if tag > 0 && matches!(s.as_bytes().get(run + tag), None | Some(b'\n' | b'\r')) {
            return run + tag;
        }
    }
    run
}

/// Rewrites a Slack `<url|text>`, `<mailto:…>` or `<@U…>` token at the start of `s`.
fn slack_link(s: &str, out: &mut String) -> usize {
    let body = &s[1..];
    let Some(close) = memchr::memchr3(b'>', b'<', b'\n', prefix(body, WINDOW).as_bytes()) else {
        return 0;
    };
    if body.as_bytes()[close] != b'>' {
        return 0;
    }
    let inner = &body[..close];
    let (target, label) = match inner.split_once('|') {
        Some((t, l)) => (t, Some(l)),
        None => (inner, None),
    };
    if target.starts_with("http://") || target.starts_with("https://") {
        out.push_str(label.unwrap_or(target));
    } else if let Some(address) = target.strip_prefix("mailto:") {
        out.push_str(label.unwrap_or(address));
    } else if target.starts_with('@') || target.starts_with('#') || target.starts_with('!') {
        if let Some(l) = label {
            out.push_str(l);
        }
    } else {
        return 0;
    }
    close + 2
}

/// Rewrites a Markdown link `[text](mailto:…)` or `[text](http…)` at the start of `s` to its text.
///
/// The text may hold no line break or bracket, so the first of those after
/// the opening `[` must be the `]` of `](`.
fn markdown_link(s: &str, out: &mut String) -> usize {
    let window = prefix(s, WINDOW).as_bytes();
    let Some(mid) = memchr::memchr3(b']', b'[', b'\n', &window[1..]).map(|m| m + 1) else {
        return 0;
    };
    if window[mid] != b']' || window.get(mid + 1) != Some(&b'(') {
        return 0;
    }
    let text = &s[1..mid];
    let target = &s[mid + 2..];
    if !(target.starts_with("mailto:")
        || target.starts_with("http://")
        || target.starts_with("https://"))
    {
        return 0;
    }
    let Some(close) = memchr::memchr3(b')', b' ', b'\n', prefix(target, WINDOW).as_bytes()) else {
        return 0;
    };
    if target.as_bytes()[close] != b')' {
        return 0;
    }
    out.push_str(text);
    mid + 2 + close + 1
}

/// Whether a `**` between `before` and `after` is Markdown bold, not an ARN wildcard.
fn is_bold_marker(before: &str, after: &str) -> bool {
    let prev = before.chars().next_back();
    let next = after.chars().next();
    let opens = prev.is_none_or(|c| c.is_whitespace() || "([{>\"'".contains(c))
        && next.is_some_and(|c| !c.is_whitespace() && c != '*');
    let closes = prev.is_some_and(|c| c.is_alphanumeric() || c == ':')
        && next.is_none_or(|c| c.is_whitespace() || ".,;:)]}\"'".contains(c));
    opens || closes
}

/// Second pass: strips line markers and re-joins lines, undoing hard wraps.
fn join_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev_soft_end = true;
    for raw in lines(text) {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let (line, marked) = strip_marker(raw);
        if line.is_empty() {
            prev_soft_end = true;
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            continue;
        }
        let indented = trim_start(raw).len() < raw.len();
        if !out.is_empty() && !out.ends_with(' ') {
            let mid_word = ends_alphanumeric(&out);
            let space = prev_soft_end || marked || indented || starts_statement(line, mid_word);
            if space {
                out.push(' ');
            }
        }
        let trimmed = trim_end(line);
        out.push_str(trimmed);
        prev_soft_end = trimmed.len() < line.len() || line.ends_with([',', ';']);
    }
    out
}

/// The lines of `text`, split at each `\n` as `str::split` would, found with `memchr`.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let left = rest?;
        match memchr::memchr(b'\n', left.as_bytes()) {
            Some(at) => {
                rest = Some(&left[at + 1..]);
                Some(&left[..at])
            }
            None => {
                rest = None;
                Some(left)
            }
        }
    })
}

/// Strips leading whitespace and comment, quote or box markers; says whether a marker went.
fn strip_marker(line: &str) -> (&str, bool) {
    let mut rest = trim_start(line);
    let mut marked = false;
    loop {
        let next = if let Some(r) = rest.strip_prefix("//") {
            r
        } else if let Some(r) = strip_marker_char(rest) {
            r
        } else if let Some(r) = rest.strip_prefix("* ") {
            r
        } else {
            break;
        };
        marked = true;
        rest = trim_start(next);
    }
    (rest, marked)
}

/// `s` without the `#`, `>`, `|`, `│` or `┃` it starts with, if it starts with one.
fn strip_marker_char(s: &str) -> Option<&str> {
    match s.as_bytes().first()? {
        b'#' | b'>' | b'|' => Some(&s[1..]),
        0xe2 => s.strip_prefix(['│', '┃']),
        _ => None,
    }
}

/// Whether a wrapped line begins a new statement rather than continuing a word.
///
/// After a line that ends inside a word, a capitalised word followed by a
/// lower-case one is more likely the rest of a CamelCase name cut by the wrap,
/// unless it is a common first word of a sentence.
fn starts_statement(line: &str, mid_word: bool) -> bool {
    let bytes = line.as_bytes();
    if CONTINUATIONS.iter().any(|w| str_starts_ci(line, w)) {
        return true;
    }
    match bytes.first() {
        Some(b'[' | b'{' | b'(' | b'"' | b'\'') => return true,
        Some(b'-') => return bytes.get(1) == Some(&b' '),
        Some(b'A'..=b'Z') => {}
        Some(b'0'..=b'9') => return is_timestamp(bytes) || is_list_item(bytes),
        _ => return false,
    }
    let upper = bytes[1..]
        .iter()
        .take_while(|b| b.is_ascii_uppercase())
        .count();
    if upper > 0 {
        return match bytes.get(1 + upper) {
            Some(b'_' | b':') => true,
            Some(b' ') | None => !mid_word,
            _ => false,
        };
    }
    let lower = bytes[1..]
        .iter()
        .take_while(|b| b.is_ascii_lowercase())
        .count();
    lower > 0
        && match bytes.get(1 + lower) {
            Some(b':') => true,
            Some(b' ') => {
                bytes.get(2 + lower).is_some_and(|b| b.is_ascii_lowercase())
                    && (!mid_word || SENTENCE_STARTS.contains(&&line[..1 + lower]))
            }
            _ => false,
        }
}

/// Whether a line starts with a numbered-list marker such as `2) ` or `10. `.
fn is_list_item(bytes: &[u8]) -> bool {
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    digits <= 3
        && matches!(bytes.get(digits), Some(b')' | b'.'))
        && bytes.get(digits + 1) == Some(&b' ')
}

/// Whether a line starts with a date or a time of day.
fn is_timestamp(bytes: &[u8]) -> bool {
    let digits = |r: std::ops::Range<usize>| {
        bytes
            .get(r)
            .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
    };
    (digits(0..4) && matches!(bytes.get(4), Some(b'-' | b'/')) && digits(5..7))
        || (digits(0..2) && bytes.get(2) == Some(&b':') && digits(3..5))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_borrowed() {
        let text = "User: arn:aws:iam::123456789012:user/bob is not authorized";
        assert!(matches!(clean(text), Cow::Borrowed(_)));
    }

    #[test]
    fn wildcards_and_tags_that_start_no_noise_are_left_alone() {
        for text in [
            "on resource: arn:aws:s3:::bucket/* with an explicit deny",
            "<Error><Code>AccessDenied</Code></Error>",
            "a <b> and 2 * 3",
        ] {
            assert!(matches!(clean(text), Cow::Borrowed(_)), "{text}");
        }
        assert_eq!(
            clean("**Error:** <https://x.example|docs> s3:*"),
            "Error: docs s3:*"
        );
    }

    #[test]
    fn wraps_inside_an_arn_are_joined() {
        let text = "on resource: arn:aws:sns:ap-northeast-1:278280499340:\nmulticloud-alarms";
        assert_eq!(
            clean(text),
            "on resource: arn:aws:sns:ap-northeast-1:278280499340:multicloud-alarms"
        );
    }

    #[test]
    fn wraps_between_words_keep_a_space() {
        assert_eq!(
            clean("s3:PutObject\non resource: x\nError: y"),
            "s3:PutObject on resource: x Error: y"
        );
    }

    #[test]
    fn noise_is_removed() {
        assert_eq!(
            clean("\x1b[31m`s3:GetObject`\x1b[0m &amp;lt;x&amp;gt; <https://a.b|link> **bold**"),
            "s3:GetObject <x> link bold"
        );
        assert_eq!(clean(r#"a\"b\\nc \* d"#), r#"a"b c \* d"#);
    }

    #[test]
    fn comment_markers_are_stripped() {
        assert_eq!(
            clean("// User: x is\n    // not authorized"),
            "User: x is not authorized"
        );
    }

    #[test]
    fn truncation_respects_char_boundaries() {
        let text = "é".repeat(LIMIT);
        let (cut, truncated) = truncate(&text);
        assert!(truncated);
        assert!(cut.len() <= LIMIT);
    }
}
