//! The one scan of a message: every keyword phrase the other modules start
//! from, ignoring ASCII case, tried only where [`anchor`] says one can start.
//!
//! The phrases are those of this pattern, matched leftmost-first and without
//! overlaps as a regex would, but by hand, with no lowercased copy of the text:
//!
//! ```text
//! authori[sz]ed(?: *to *perform *:? *)?
//! | api: * | allow *the + | don'?t *have *permissions? *to *(?:perform *:? *)?
//! | "action" *: *" | action: *
//! | when *calling *the + | operation *error + | error *executing *"
//! | "explicitdeny" *: *(?:true|false)
//! | explicit *deny(?: *in *(?:an? *)?TYPE)?
//! | TYPE *allows?
//! | encoded *authori[sz]ation *failure *message *:? *
//! ```
//!
//! where `TYPE` is a policy type (`identity-based *polic(?:y|ies)`, `service
//! *control *polic…`, `resource *control *polic…`, `permissions? *boundar(?:y|ies)`,
//! `session *polic…`, `resource-based *polic…`, `vpc *endpoint *polic…`). No
//! two alternatives can match at the same place, so their order does not
//! matter, and no quantifier ever needs to give back what it took.
//!
//! Statements start at `authorized` and implicit reasons at the policy type,
//! rare words; the `is not` or `no` in front is checked here.

use super::anchor;
use super::ascii::{spaced, spaces, word, word_before};
use super::short::Short;

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
    Reason {
        /// An explicit deny, rather than nothing allowing the request.
        explicit: bool,
        /// The type of policy the reason names, if it names one.
        policy: Option<Policy>,
    },
    /// The `Encoded authorization failure message`, its blob right after.
    Encoded,
}

/// A type of policy a reason names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Policy {
    /// `identity-based policy`
    Identity,
    /// `service control policy`
    ServiceControl,
    /// `resource control policy`
    ResourceControl,
    /// `permissions boundary`
    Boundary,
    /// `session policy`
    Session,
    /// `resource-based policy`
    ResourceBased,
    /// `vpc endpoint policy`
    VpcEndpoint,
}

/// One phrase found: what it is and where (byte offsets in the text).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Landmark<'l> {
    /// What the phrase is the landmark of.
    pub kind: Kind,
    /// Where the phrase starts.
    pub start: usize,
    /// Where the phrase ends.
    pub end: usize,
    /// The phrase, as written (compare it ignoring ASCII case).
    pub phrase: &'l str,
}

/// The landmarks of a text; a typical message has a few.
pub(crate) type Marks<'l> = Short<Landmark<'l>, 4>;

/// Every phrase of `text`, in order.
pub(crate) fn find(text: &str) -> Marks<'_> {
    let b = text.as_bytes();
    let mut marks = Marks::new(Landmark {
        kind: Kind::Encoded,
        start: 0,
        end: 0,
        phrase: "",
    });
    let mut from = 0;
    for &i in anchor::candidates(b).iter() {
        if i < from {
            continue;
        }
        let Some((end, kind)) = match_at(b, i) else {
            continue;
        };
        let start = match kind {
            Found::Statement { performs } => statement(b, i, performs),
            Found::Implicit(policy) => word_before(b, i, b"no").map(|s| {
                let kind = Kind::Reason {
                    explicit: false,
                    policy: Some(policy),
                };
                (kind, s)
            }),
            Found::Other(kind) => Some((kind, i)),
        };
        if let Some((kind, start)) = start {
            marks.push(Landmark {
                kind,
                start,
                end,
                phrase: &text[start..end],
            });
        }
        from = end;
    }
    marks
}

/// What a match at one place is, before the words in front of it are checked.
#[derive(Clone, Copy)]
enum Found {
    /// `authorized`, with or without `to perform`.
    Statement { performs: bool },
    /// `<type> allows`, a reason only with a `no` in front.
    Implicit(Policy),
    /// Any other phrase, of this kind.
    Other(Kind),
}

/// The phrase that starts at `b[i]`, if any: where it ends and what it is.
fn match_at(b: &[u8], i: usize) -> Option<(usize, Found)> {
    let other = |end: usize, kind| (end, Found::Other(kind));
    match b[i].to_ascii_lowercase() {
        b'a' => {
            if let Some(e) = authori(b, i, b"ed") {
                let perform = spaced(b, e, b"to").and_then(|j| spaced(b, j, b"perform"));
                return Some(match perform {
                    Some(j) => (colon_spaces(b, j), Found::Statement { performs: true }),
                    None => (e, Found::Statement { performs: false }),
                });
            }
            if let Some(e) = word(b, i, b"api:") {
                return Some(other(spaces(b, e), Kind::Introducer));
            }
            if let Some(e) = word(b, i, b"allow").and_then(|j| spaced(b, j, b"the")) {
                return one_space(b, e).map(|e| other(e, Kind::Introducer));
            }
            word(b, i, b"action:").map(|e| other(spaces(b, e), Kind::Introducer))
        }
        b'd' => {
            let mut j = word(b, i, b"don")?;
            if b.get(j) == Some(&b'\'') {
                j += 1;
            }
            let j = word(b, j, b"t").and_then(|j| spaced(b, j, b"have"))?;
            let j = plural(b, spaced(b, j, b"permission")?, b"s");
            let j = spaces(b, spaced(b, j, b"to")?);
            let e = word(b, j, b"perform").map_or(j, |j| colon_spaces(b, j));
            Some(other(e, Kind::Introducer))
        }
        b'"' => {
            if let Some(j) = word(b, i, b"\"action\"") {
                let j = word(b, colon_spaces_strict(b, j)?, b"\"")?;
                return Some(other(j, Kind::Introducer));
            }
            let j = colon_spaces_strict(b, word(b, i, b"\"explicitdeny\"")?)?;
            let (e, explicit) = match word(b, j, b"true") {
                Some(e) => (e, true),
                None => (word(b, j, b"false")?, false),
            };
            let kind = Kind::Reason {
                explicit,
                policy: None,
            };
            Some(other(e, kind))
        }
        b'w' => {
            let j = word(b, i, b"when").and_then(|j| spaced(b, j, b"calling"))?;
            let e = one_space(b, spaced(b, j, b"the")?)?;
            Some(other(e, Kind::Operation))
        }
        b'o' => {
            let j = word(b, i, b"operation").and_then(|j| spaced(b, j, b"error"))?;
            Some(other(one_space(b, j)?, Kind::Operation))
        }
        b'e' => match b.get(i + 1).map(u8::to_ascii_lowercase) {
            Some(b'r') => {
                let j = word(b, i, b"error").and_then(|j| spaced(b, j, b"executing"))?;
                Some(other(word(b, spaces(b, j), b"\"")?, Kind::Operation))
            }
            Some(b'x') => {
                let e = word(b, i, b"explicit").and_then(|j| spaced(b, j, b"deny"))?;
                let typed = spaced(b, e, b"in").and_then(|j| {
                    let j = spaces(b, j);
                    let j = match word(b, j, b"a") {
                        Some(k) => spaces(b, plural(b, k, b"n")),
                        None => j,
                    };
                    policy_type(b, j)
                });
                let kind = Kind::Reason {
                    explicit: true,
                    policy: typed.map(|(_, policy)| policy),
                };
                Some(other(typed.map_or(e, |(end, _)| end), kind))
            }
            Some(b'n') => {
                let j = word(b, i, b"encoded")?;
                let j = authori(b, spaces(b, j), b"ation")?;
                let j = spaced(b, j, b"failure").and_then(|j| spaced(b, j, b"message"))?;
                Some(other(colon_spaces(b, j), Kind::Encoded))
            }
            _ => None,
        },
        _ => {
            let (j, policy) = policy_type(b, i)?;
            let j = spaced(b, j, b"allow")?;
            Some((plural(b, j, b"s"), Found::Implicit(policy)))
        }
    }
}

/// `authori[sz]` then `rest`, at `i`.
fn authori(b: &[u8], i: usize, rest: &[u8]) -> Option<usize> {
    let j = word(b, i, b"authori")?;
    match b.get(j).map(u8::to_ascii_lowercase) {
        Some(b's' | b'z') => word(b, j + 1, rest),
        _ => None,
    }
}

/// The regex ` *:? *` at `j`.
fn colon_spaces(b: &[u8], j: usize) -> usize {
    let j = spaces(b, j);
    spaces(b, plural(b, j, b":"))
}

/// The regex ` *: *` at `j`.
fn colon_spaces_strict(b: &[u8], j: usize) -> Option<usize> {
    word(b, spaces(b, j), b":").map(|j| spaces(b, j))
}

/// The regex ` +` at `j`.
fn one_space(b: &[u8], j: usize) -> Option<usize> {
    let e = spaces(b, j);
    (e > j).then_some(e)
}

/// The optional `suffix` at `j` (the regex `suffix?`).
fn plural(b: &[u8], j: usize, suffix: &[u8]) -> usize {
    word(b, j, suffix).unwrap_or(j)
}

/// A policy type at `i` (`identity-based policy`, `permissions boundaries`, …):
/// where it ends and which it is.
fn policy_type(b: &[u8], i: usize) -> Option<(usize, Policy)> {
    let (j, policy) = match b.get(i).map(u8::to_ascii_lowercase)? {
        b'i' => (word(b, i, b"identity-based")?, Policy::Identity),
        b's' => {
            if let Some(j) = word(b, i, b"service") {
                (spaced(b, j, b"control")?, Policy::ServiceControl)
            } else {
                (word(b, i, b"session")?, Policy::Session)
            }
        }
        b'r' => {
            let j = word(b, i, b"resource")?;
            if let Some(k) = word(b, j, b"-based") {
                (k, Policy::ResourceBased)
            } else {
                (spaced(b, j, b"control")?, Policy::ResourceControl)
            }
        }
        b'p' => {
            let j = plural(b, word(b, i, b"permission")?, b"s");
            let j = spaced(b, j, b"boundar")?;
            let end = word(b, j, b"y").or_else(|| word(b, j, b"ies"))?;
            return Some((end, Policy::Boundary));
        }
        b'v' => {
            let j = word(b, i, b"vpc").and_then(|j| spaced(b, j, b"endpoint"))?;
            (j, Policy::VpcEndpoint)
        }
        _ => return None,
    };
    let j = spaced(b, j, b"polic")?;
    let end = word(b, j, b"y").or_else(|| word(b, j, b"ies"))?;
    Some((end, policy))
}

/// A `[is] not authorized …` statement ending at an `authorized` found at `at`.
fn statement(b: &[u8], at: usize, performs: bool) -> Option<(Kind, usize)> {
    let not = word_before(b, at, b"not")?;
    let is = word_before(b, not, b"is");
    let kind = Kind::Statement {
        caller: is.is_some(),
        performs,
    };
    Some((kind, is.unwrap_or(not)))
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
                Kind::Reason {
                    explicit: false,
                    policy: Some(Policy::Identity)
                }
            ]
        );
    }
}
