//! Sentences built from their pieces, for the texts every analysis writes
//! (the explanation, the risk rule's reason).
//!
//! `format!` walks its pieces through the formatting machinery (a dynamic
//! `write_str` per piece, padding checks per argument) and grows its buffer
//! from an estimate: on a typical message the two texts cost about 1.1 k
//! instructions that way, a fifteenth of the whole analysis, and about 0.4 k
//! here, where the pieces are plain string slices, measured first and copied
//! into one allocation of the final size.

/// The pieces joined, in one allocation of exactly their length.
pub(crate) fn concat(pieces: &[&str]) -> String {
    let mut sentence = String::with_capacity(pieces.iter().map(|p| p.len()).sum());
    for piece in pieces {
        sentence.push_str(piece);
    }
    sentence
}

/// `n` in decimal, as a piece: a slice of [`DIGITS`], so nothing is
/// formatted or checked at run time.
pub(crate) fn decimal(n: u8) -> &'static str {
    let at = 3 * usize::from(n);
    let leading_zeros = match n {
        100.. => 0,
        10.. => 1,
        _ => 2,
    };
    &DIGITS[at + leading_zeros..at + 3]
}

/// Every number from 0 to 255 in three digits, in order: `000001002…255`.
const DIGITS: &str = match std::str::from_utf8(&three_digits()) {
    Ok(digits) => digits,
    Err(_) => panic!("digits are ASCII"),
};

/// The bytes of [`DIGITS`].
const fn three_digits() -> [u8; 768] {
    let mut bytes = [0; 768];
    let mut n = 0;
    while n < 256 {
        bytes[3 * n] = b'0' + (n / 100) as u8;
        bytes[3 * n + 1] = b'0' + (n / 10 % 10) as u8;
        bytes[3 * n + 2] = b'0' + (n % 10) as u8;
        n += 1;
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_number_reads_as_format_writes_it() {
        for n in 0..=u8::MAX {
            assert_eq!(decimal(n), n.to_string());
        }
    }

    #[test]
    fn pieces_are_joined_in_order_at_their_exact_length() {
        let joined = concat(&["risk ", decimal(42), " (", "IAMFullAccess", ")"]);
        assert_eq!(joined, "risk 42 (IAMFullAccess)");
        assert_eq!(joined.capacity(), joined.len());
        assert_eq!(concat(&[]), "");
    }
}
