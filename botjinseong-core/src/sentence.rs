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

/// A number from 0 to 255 in decimal, to be used as a piece.
pub(crate) struct Decimal {
    digits: [u8; 3],
    len: usize,
}

impl Decimal {
    /// The digits of `n`, without leading zeros.
    pub(crate) fn new(n: u8) -> Self {
        let digits = [b'0' + n / 100, b'0' + n / 10 % 10, b'0' + n % 10];
        let len = match n {
            100.. => 3,
            10.. => 2,
            _ => 1,
        };
        Self { digits, len }
    }

    /// The digits, as text.
    pub(crate) fn as_str(&self) -> &str {
        let digits = &self.digits[self.digits.len() - self.len..];
        std::str::from_utf8(digits).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_number_reads_as_format_writes_it() {
        for n in 0..=u8::MAX {
            assert_eq!(Decimal::new(n).as_str(), n.to_string());
        }
    }

    #[test]
    fn pieces_are_joined_in_order_at_their_exact_length() {
        let joined = concat(&[
            "risk ",
            Decimal::new(42).as_str(),
            " (",
            "IAMFullAccess",
            ")",
        ]);
        assert_eq!(joined, "risk 42 (IAMFullAccess)");
        assert_eq!(joined.capacity(), joined.len());
        assert_eq!(concat(&[]), "");
    }
}
