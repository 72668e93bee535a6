//! The one scan of a message: every keyword phrase the other modules start
//! from, found in a single pass of one pattern over the lowercased text.
//!
//! Each phrase starts with a distinct literal (`not`, `is`, `because`-less
//! `no`, `explicit`, `when`, …), so the search runs on a SIMD prefilter and
//! the rest of the parser only looks near what it found.

use std::sync::LazyLock;

use regex::Regex;

/// The kinds of policies a reason can name, as a pattern.
const POLICY_TYPES: &str = concat!(
    "identity-based *polic(?:y|ies)|service *control *polic(?:y|ies)",
    "|resource *control *polic(?:y|ies)|permissions? *boundar(?:y|ies)",
    "|session *polic(?:y|ies)|resource-based *polic(?:y|ies)",
    "|vpc *endpoint *polic(?:y|ies)",
);

/// Every phrase, lowercase, words separated by plain spaces (or glued by a wrap).
static PHRASES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        concat!(
            r"authori[sz]ed(?: *to *perform *:? *)?",
            r#"|api: *|allow *the +|don'?t *have *permissions? *to *(?:perform *:? *)?"#,
            r#"|"action" *: *"|action: *"#,
            r#"|when *calling *the +|operation *error +|error *executing *""#,
            r#"|"explicitdeny" *: *(?:true|false)"#,
            r"|explicit *deny(?: *in *(?:an? *)?(?:{types}))?",
            r"|(?:{types}) *allows?",
            r"|encoded *authori[sz]ation *failure *message *:? *",
        ),
        types = POLICY_TYPES
    ))
    .expect("valid pattern")
});

/// What a phrase is the landmark of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `[is] not authorized [to perform:]`: a caller before it (with `is`), an action after (with `perform`).
    Statement {
        /// The phrase starts with `is`, so a caller may be written in front of it.
        caller: bool,
        /// The phrase ends with `to perform`, so an action follows it.
        performs: bool,
    },
    /// Another wording that puts an action right after itself.
    Introducer,
    /// A wording that puts an SDK operation right after itself.
    Operation,
    /// A reason for the denial.
    Reason,
    /// The `Encoded authorization failure message`, its blob right after.
    Encoded,
}

/// One phrase found: what it is and where (byte offsets, the same in the text and its lowercase copy).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Landmark<'l> {
    /// What the phrase is the landmark of.
    pub kind: Kind,
    /// Where the phrase starts.
    pub start: usize,
    /// Where the phrase ends.
    pub end: usize,
    /// The phrase, lowercase.
    pub phrase: &'l str,
}

/// Every phrase of `lower`, in order.
///
/// The pattern starts statements at `authorized` and implicit reasons at the
/// policy type, rare words, then checks the `is not` or `no` in front here.
pub(crate) fn find(lower: &str) -> Vec<Landmark<'_>> {
    PHRASES
        .find_iter(lower)
        .filter_map(|m| {
            let (kind, start) = match m.as_str().as_bytes()[0] {
                b'a' if m.as_str().starts_with("authori") => {
                    statement(lower, m.start(), m.as_str())?
                }
                b'i' | b'r' | b's' | b'p' | b'v' => {
                    (Kind::Reason, word_before(lower, m.start(), "no")?)
                }
                _ => (kind(m.as_str()), m.start()),
            };
            Some(Landmark {
                kind,
                start,
                end: m.end(),
                phrase: &lower[start..m.end()],
            })
        })
        .collect()
}

/// A `[is] not authorized …` statement ending at an `authorized` found at `at`.
fn statement(lower: &str, at: usize, phrase: &str) -> Option<(Kind, usize)> {
    let not = word_before(lower, at, "not")?;
    let is = word_before(lower, not, "is");
    let kind = Kind::Statement {
        caller: is.is_some(),
        performs: phrase.contains("perform"),
    };
    Some((kind, is.unwrap_or(not)))
}

/// Where `word` starts when it is what precedes `at` (spaces between allowed, or glued by a wrap).
fn word_before(lower: &str, at: usize, word: &str) -> Option<usize> {
    let before = lower[..at].trim_end_matches(' ');
    before.ends_with(word).then(|| before.len() - word.len())
}

/// The kind of another matched phrase, from its first words.
fn kind(phrase: &str) -> Kind {
    match phrase.as_bytes()[0] {
        b'a' | b'd' => Kind::Introducer,
        b'"' if phrase.starts_with("\"action\"") => Kind::Introducer,
        b'w' | b'o' => Kind::Operation,
        b'e' if phrase.starts_with("error") => Kind::Operation,
        b'e' if phrase.starts_with("encoded") => Kind::Encoded,
        _ => Kind::Reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_scan_finds_every_phrase() {
        let text = "an error occurred (accessdenied) when calling the putobject operation: user: x is not authorized to perform: s3:putobject on resource: y because no identity-based policy allows the s3:putobject action";
        let kinds: Vec<Kind> = find(text).iter().map(|l| l.kind).collect();
        assert_eq!(
            kinds,
            [
                Kind::Operation,
                Kind::Statement {
                    caller: true,
                    performs: true
                },
                Kind::Reason
            ]
        );
    }
}
