//! Where a landmark phrase can start, found without trying every byte.
//!
//! Every phrase of [`landmark`](super::landmark) holds one of the letters
//! `c`, `h`, `p` or `x` (either case) at a known place: inside its first word
//! at a fixed offset (`authori` has its `h` at 3), or at the start of a later
//! word from which the words in front are read backwards (`don't have`,
//! `allow the`, `encoded authorization`, `error executing`, the policy types
//! in front of `policy`). The text is read eight bytes at a time, and a few
//! word operations flag those letters in all eight at once; each letter
//! flagged gives the few places where a phrase holding it there would start.

use super::ascii::{starts_ci, word_before};
use super::short::Short;

/// The phrase starts of a text; a typical message has a few.
pub(crate) type Starts = Short<usize, 8>;

/// Possible phrase starts in `b`, ascending and without repeats.
///
/// Every place where a phrase starts is among them; a few others may be.
pub(crate) fn candidates(b: &[u8]) -> Starts {
    let mut found = Starts::new(0);
    let mut chunks = b.chunks_exact(8);
    let mut base = 0;
    for chunk in &mut chunks {
        let word = <[u8; 8]>::try_from(chunk).unwrap_or_default();
        flagged(b, base, letters(u64::from_le_bytes(word)), &mut found);
        base += 8;
    }
    let mut tail = [0u8; 8];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    flagged(b, base, letters(u64::from_le_bytes(tail)), &mut found);
    let starts = found.as_mut_slice();
    starts.sort_unstable();
    let mut kept = 0;
    for at in 0..starts.len() {
        if kept == 0 || starts[at] != starts[kept - 1] {
            starts[kept] = starts[at];
            kept += 1;
        }
    }
    found.truncate(kept);
    found
}

/// Every byte repeating `byte`.
const fn splat(byte: u8) -> u64 {
    u64::from_ne_bytes([byte; 8])
}

/// The high bit of every byte of `w` that is zero, and no other bit.
///
/// Exact: the sum of a byte's low seven bits and `0x7f` never carries into
/// the next byte.
fn zero_bytes(w: u64) -> u64 {
    let low = splat(0x7f);
    !(((w & low) + low) | w | low)
}

/// The high bit of every byte of `w` that may be an anchor letter.
///
/// `h`, `p`, `x` and their capitals are the bytes with `b & 0xc7 == 0x40`
/// (with `@` and `` ` ``, which start nothing); `c` and `C` are `b & 0xdf == 0x43`.
fn letters(w: u64) -> u64 {
    let is = |mask: u8, value: u8| zero_bytes((w & splat(mask)) ^ splat(value));
    is(0xc7, 0x40) | is(0xdf, 0x43)
}

/// Calls [`starts_at`] for every byte flagged in the word read at `base`
/// that is an anchor: `h`, `p` and `x` always, `c` only after an `a` (as in
/// `action`, its only phrase), which spares most `c`s the call.
#[inline]
fn flagged(b: &[u8], base: usize, mut flags: u64, found: &mut Starts) {
    while flags != 0 {
        let k = base + flags.trailing_zeros() as usize / 8;
        let stray_c = b[k] | 0x20 == b'c' && (k == 0 || b[k - 1] | 0x20 != b'a');
        if !stray_c {
            starts_at(b, k, found);
        }
        flags &= flags - 1;
    }
}

/// Records where a phrase whose anchor may be the letter at `k` would start
/// (a `c` comes here only after an `a`).
///
/// The letter and the bytes on either side of it tell which phrases can
/// hold it; only those are compared. Kept out of line: letters are rare, and
/// the scan loop stays small without it.
#[inline(never)]
fn starts_at(b: &[u8], k: usize, found: &mut Starts) {
    let near = |i: Option<usize>| i.and_then(|i| b.get(i)).map_or(0, |c| c | 0x20);
    let prev = near(k.checked_sub(1));
    let next = near(Some(k + 1));
    let mut first = |word: &[u8], at: usize| {
        if let Some(start) = k.checked_sub(at)
            && starts_ci(b, start, word)
        {
            found.push(start);
        }
    };
    let before = match (b[k] | 0x20, prev, next) {
        (b'h', b't', b'o') => {
            first(b"authori", 3);
            encoded(b, k)
        }
        (b'h', b't', b'e') => the(b, k),
        (b'h', b'w', _) => {
            first(b"when", 1);
            None
        }
        (b'h', _, b'a') => have(b, k),
        (b'p', _, _) => {
            match prev {
                b'a' => first(b"api:", 1),
                b'o' => first(b"operation", 1),
                b'v' => first(b"vpc", 1),
                _ => {}
            }
            match next {
                b'e' => {
                    first(b"permission", 0);
                    None
                }
                b'o' => policy(b, k),
                _ => None,
            }
        }
        (b'x', b'e', _) => {
            first(b"explicit", 1);
            first(b"\"explicitdeny\"", 2);
            executing(b, k)
        }
        (b'c', _, _) => {
            first(b"action:", 1);
            first(b"\"action\"", 2);
            None
        }
        _ => None,
    };
    if let Some(start) = before {
        found.push(start);
    }
}

/// The start of the policy type in front of a `polic…` at `k`, unless it
/// holds an anchor itself (`permissions boundary`, `vpc endpoint policy`).
fn policy(b: &[u8], k: usize) -> Option<usize> {
    if !starts_ci(b, k, b"polic") {
        return None;
    }
    let typed = |w: &[u8]| word_before(b, k, w);
    let end = b[..k].iter().rposition(|&c| c != b' ')?;
    match b[end] | 0x20 {
        b'd' => typed(b"identity-based").or_else(|| typed(b"resource-based")),
        b'n' => typed(b"session"),
        b'l' => {
            let control = typed(b"control")?;
            word_before(b, control, b"service").or_else(|| word_before(b, control, b"resource"))
        }
        _ => None,
    }
}

/// The start of `error` when it stands before an `executing` whose `x` is at `k`.
fn executing(b: &[u8], k: usize) -> Option<usize> {
    let at = k.checked_sub(1)?;
    if !starts_ci(b, at, b"executing") {
        return None;
    }
    word_before(b, at, b"error")
}

/// The start of `encoded` when it stands before an `authori…` whose `h` is at `k`.
fn encoded(b: &[u8], k: usize) -> Option<usize> {
    let at = k.checked_sub(3)?;
    if !starts_ci(b, at, b"authori") {
        return None;
    }
    word_before(b, at, b"encoded")
}

/// The start of `don't` (or `dont`) when it stands before a `have` at `k`.
fn have(b: &[u8], k: usize) -> Option<usize> {
    if !starts_ci(b, k, b"have") {
        return None;
    }
    let t = word_before(b, k, b"t")?;
    let end = if t > 0 && b[t - 1] == b'\'' { t - 1 } else { t };
    let start = end.checked_sub(3)?;
    starts_ci(b, start, b"don").then_some(start)
}

/// The start of `allow` when it stands before a `the` whose `h` is at `k`.
fn the(b: &[u8], k: usize) -> Option<usize> {
    let t = k.checked_sub(1)?;
    if !starts_ci(b, t, b"the") {
        return None;
    }
    word_before(b, t, b"allow")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_phrase_start_is_a_candidate() {
        let text = b"x not Authorized; API: x; Allow  the x; \"Action\": \"x\"; action: x; \
            DONT   have permission; when calling the x; operation error x; error executing \"x\"; \
            \"explicitDeny\": true; explicit deny; noidentity-basedpolicy allows; \
            service control policy; no session policies allow; resource-based policy; \
            vpc endpoint policy; permissions boundary; encoded authorization failure message";
        let found = candidates(text);
        let text = std::str::from_utf8(text).expect("ASCII");
        for phrase in [
            "Authorized",
            "API:",
            "Allow  the",
            "\"Action\"",
            "action:",
            "DONT",
            "permission",
            "when",
            "operation",
            "error executing",
            "\"explicitDeny\"",
            "explicit deny",
            "identity-based",
            "service",
            "session",
            "resource-based",
            "vpc",
            "encoded",
        ] {
            let at = text.find(phrase).expect("phrase is in the text");
            assert!(found.contains(&at), "{phrase} at {at}");
        }
    }

    #[test]
    fn starts_are_found_across_chunks_and_in_the_tail() {
        let text = format!("{}when", " ".repeat(15));
        assert_eq!(*candidates(text.as_bytes()), [15]);
        assert_eq!(*candidates(b"wHen"), [0]);
        assert!(candidates(b"").is_empty());
    }
}
