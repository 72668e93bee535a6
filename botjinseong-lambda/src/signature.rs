//! Slack's `v0` request signatures: nothing from Slack is read before
//! [`verify`] has accepted it.
//!
//! Slack signs `v0:{X-Slack-Request-Timestamp}:{raw body}` with HMAC-SHA256
//! under the app's signing secret and sends `v0={hex}` in
//! `X-Slack-Signature`. The check here is strict: the timestamp is decimal
//! digits within five minutes of now (either way, so a captured request can
//! not be replayed later nor a clock-skewed one pre-signed), the signature
//! is `v0=` and exactly 64 lower-case hex digits, and the MAC is compared in
//! constant time.

use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// How far, in seconds, a request's timestamp may be from now.
pub const MAX_SKEW_SECONDS: i64 = 5 * 60;

/// Why a request was not accepted as Slack's. Every one means 401 and
/// nothing else.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// The signing secret is empty, so any signature could be forged.
    #[error("no signing secret configured")]
    NoSecret,
    /// `X-Slack-Request-Timestamp` is missing or empty.
    #[error("X-Slack-Request-Timestamp is missing")]
    MissingTimestamp,
    /// `X-Slack-Signature` is missing or empty.
    #[error("X-Slack-Signature is missing")]
    MissingSignature,
    /// The timestamp is not a decimal number of seconds.
    #[error("X-Slack-Request-Timestamp is not a Unix time in seconds")]
    MalformedTimestamp,
    /// The signature is not `v0=` and 64 lower-case hex digits.
    #[error("X-Slack-Signature is not v0= and 64 lower-case hex digits")]
    MalformedSignature,
    /// The timestamp is more than five minutes from now.
    #[error("the request is {skew_seconds} s away from now, more than 300 s")]
    Stale {
        /// Now minus the request's timestamp.
        skew_seconds: i128,
    },
    /// The signature does not match the body and timestamp.
    #[error("the signature does not match")]
    Mismatch,
    /// API Gateway said the body was base64 but it is not.
    #[error("the body is marked base64-encoded but is not valid base64")]
    Base64,
}

/// Checks that a request comes from Slack: `secret` is the app's signing
/// secret, the headers are passed as received (an absent header as `""`),
/// `raw_body` is the exact bytes Slack sent (see [`raw_body`] for API
/// Gateway) and `now_unix` the current Unix time in seconds.
pub fn verify(
    secret: &[u8],
    timestamp_header: &str,
    signature_header: &str,
    raw_body: &[u8],
    now_unix: i64,
) -> Result<(), SignatureError> {
    if secret.is_empty() {
        return Err(SignatureError::NoSecret);
    }
    if timestamp_header.is_empty() {
        return Err(SignatureError::MissingTimestamp);
    }
    if signature_header.is_empty() {
        return Err(SignatureError::MissingSignature);
    }
    let timestamp = parse_timestamp(timestamp_header)?;
    let expected = parse_signature(signature_header)?;
    let skew = i128::from(now_unix) - i128::from(timestamp);
    if skew.abs() > i128::from(MAX_SKEW_SECONDS) {
        return Err(SignatureError::Stale { skew_seconds: skew });
    }
    mac_of(secret, timestamp_header, raw_body)
        .verify_slice(&expected)
        .map_err(|_| SignatureError::Mismatch)
}

/// The `X-Slack-Signature` value Slack would send for this timestamp and
/// body: what [`verify`] checks against, and what tests and local tools sign
/// with.
pub fn sign(secret: &[u8], timestamp: &str, raw_body: &[u8]) -> String {
    let tag = mac_of(secret, timestamp, raw_body).finalize().into_bytes();
    let mut out = String::with_capacity(3 + 2 * tag.len());
    out.push_str("v0=");
    for byte in tag {
        out.push(char::from(HEX[usize::from(byte >> 4)]));
        out.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    out
}

/// The body as Slack sent it, from an API Gateway event's `body` and
/// `isBase64Encoded`: the signature covers the decoded bytes.
pub fn raw_body(body: &str, is_base64_encoded: bool) -> Result<Vec<u8>, SignatureError> {
    if is_base64_encoded {
        base64::engine::general_purpose::STANDARD
            .decode(body)
            .map_err(|_| SignatureError::Base64)
    } else {
        Ok(body.as_bytes().to_vec())
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

fn mac_of(secret: &[u8], timestamp: &str, raw_body: &[u8]) -> Hmac<Sha256> {
    // HMAC takes keys of any length, so this cannot fail.
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC accepts any key length");
    mac.update(b"v0:");
    mac.update(timestamp.as_bytes());
    mac.update(b":");
    mac.update(raw_body);
    mac
}

fn parse_timestamp(header: &str) -> Result<i64, SignatureError> {
    // Digits only: `parse` alone would also take "+1531420618", a different
    // base string for the same time.
    if header.len() > 18 || !header.bytes().all(|b| b.is_ascii_digit()) {
        return Err(SignatureError::MalformedTimestamp);
    }
    header
        .parse()
        .map_err(|_| SignatureError::MalformedTimestamp)
}

fn parse_signature(header: &str) -> Result<[u8; 32], SignatureError> {
    let hex = header
        .strip_prefix("v0=")
        .ok_or(SignatureError::MalformedSignature)?
        .as_bytes();
    if hex.len() != 64 {
        return Err(SignatureError::MalformedSignature);
    }
    let mut out = [0u8; 32];
    for (byte, pair) in out.iter_mut().zip(hex.chunks_exact(2)) {
        *byte = (nibble(pair[0])? << 4) | nibble(pair[1])?;
    }
    Ok(out)
}

fn nibble(digit: u8) -> Result<u8, SignatureError> {
    match digit {
        b'0'..=b'9' => Ok(digit - b'0'),
        b'a'..=b'f' => Ok(digit - b'a' + 10),
        _ => Err(SignatureError::MalformedSignature),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Slack's worked example in "Verifying requests from Slack".
    const DOC_SECRET: &[u8] = b"8f742231b10e8888abcd99yyyzzz85a5";
    const DOC_TIMESTAMP: &str = "1531420618";
    const DOC_BODY: &[u8] = b"token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    const DOC_SIGNATURE: &str =
        "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    const DOC_NOW: i64 = 1_531_420_618;

    const SECRET: &[u8] = b"test-signing-secret";
    const NOW: i64 = 1_700_000_000;
    const BODY: &[u8] = br#"{"type":"event_callback","event_id":"Ev1"}"#;

    fn signed(ts: i64, body: &[u8]) -> (String, String) {
        let ts = ts.to_string();
        let sig = sign(SECRET, &ts, body);
        (ts, sig)
    }

    #[test]
    fn accepts_slacks_documented_example() {
        assert_eq!(sign(DOC_SECRET, DOC_TIMESTAMP, DOC_BODY), DOC_SIGNATURE);
        assert_eq!(
            verify(DOC_SECRET, DOC_TIMESTAMP, DOC_SIGNATURE, DOC_BODY, DOC_NOW),
            Ok(())
        );
    }

    #[test]
    fn sign_is_hmac_sha256_of_the_v0_base_string() {
        // Computed independently of `sign`: the documented algorithm, spelt out.
        let mut mac = Hmac::<Sha256>::new_from_slice(SECRET).unwrap();
        mac.update(format!("v0:{NOW}:").as_bytes());
        mac.update(BODY);
        let hex: String = mac
            .finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let (ts, sig) = signed(NOW, BODY);
        assert_eq!(sig, format!("v0={hex}"));
        assert_eq!(verify(SECRET, &ts, &sig, BODY, NOW), Ok(()));
    }

    #[test]
    fn accepts_the_edges_of_the_window() {
        for ts in [NOW - MAX_SKEW_SECONDS, NOW + MAX_SKEW_SECONDS] {
            let (ts, sig) = signed(ts, BODY);
            assert_eq!(verify(SECRET, &ts, &sig, BODY, NOW), Ok(()));
        }
    }

    #[test]
    fn refuses_another_secret() {
        let (ts, sig) = signed(NOW, BODY);
        assert_eq!(
            verify(b"other-secret", &ts, &sig, BODY, NOW),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify(
                DOC_SECRET,
                DOC_TIMESTAMP,
                &sign(b"x", DOC_TIMESTAMP, DOC_BODY),
                DOC_BODY,
                DOC_NOW
            ),
            Err(SignatureError::Mismatch)
        );
    }

    #[test]
    fn refuses_an_empty_secret_even_with_its_own_signature() {
        let sig = sign(b"", "1700000000", BODY);
        assert_eq!(
            verify(b"", "1700000000", &sig, BODY, NOW),
            Err(SignatureError::NoSecret)
        );
    }

    #[test]
    fn refuses_a_tampered_body() {
        let (ts, sig) = signed(NOW, BODY);
        for tampered in [
            &br#"{"type":"event_callback","event_id":"Ev2"}"#[..],
            &BODY[..BODY.len() - 1],
            b"",
            &[BODY, b" "].concat(),
        ] {
            assert_eq!(
                verify(SECRET, &ts, &sig, tampered, NOW),
                Err(SignatureError::Mismatch)
            );
        }
    }

    #[test]
    fn refuses_stale_and_future_requests() {
        for (ts, skew) in [
            (NOW - MAX_SKEW_SECONDS - 1, 301),
            (NOW + MAX_SKEW_SECONDS + 1, -301),
            (0, i128::from(NOW)),
        ] {
            let (ts, sig) = signed(ts, BODY);
            assert_eq!(
                verify(SECRET, &ts, &sig, BODY, NOW),
                Err(SignatureError::Stale { skew_seconds: skew })
            );
        }
        // The documented example is years old by now.
        assert!(matches!(
            verify(DOC_SECRET, DOC_TIMESTAMP, DOC_SIGNATURE, DOC_BODY, NOW),
            Err(SignatureError::Stale { .. })
        ));
    }

    #[test]
    fn refuses_a_signature_made_for_another_timestamp() {
        let (_, sig) = signed(NOW - 10, BODY);
        assert_eq!(
            verify(SECRET, &NOW.to_string(), &sig, BODY, NOW),
            Err(SignatureError::Mismatch)
        );
        // Same time, other spelling: the base string differs, so must the MAC.
        let sig = sign(SECRET, &NOW.to_string(), BODY);
        for spelling in [format!("0{NOW}"), format!("+{NOW}"), format!(" {NOW}")] {
            assert!(
                verify(SECRET, &spelling, &sig, BODY, NOW).is_err(),
                "{spelling:?}"
            );
        }
    }

    #[test]
    fn refuses_malformed_signatures() {
        let (ts, sig) = signed(NOW, BODY);
        let hex = &sig[3..];
        for bad in [
            hex.to_owned(),                       // no v0=
            format!("v1={hex}"),                  // another version
            format!("V0={hex}"),                  // another spelling
            sig[..sig.len() - 1].to_owned(),      // truncated
            sig[..sig.len() - 2].to_owned(),      // truncated by a byte
            format!("{sig}00"),                   // too long
            format!("v0={}", hex.to_uppercase()), // upper-case hex
            format!("v0={}", "z".repeat(64)),     // not hex
            format!("v0={}", "é".repeat(32)),     // multi-byte, 64 bytes
            "v0=".to_owned(),
            format!(" {sig}"),
        ] {
            assert_eq!(
                verify(SECRET, &ts, &bad, BODY, NOW),
                Err(SignatureError::MalformedSignature),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn refuses_malformed_timestamps() {
        for bad in [
            "abc",
            "-1700000000",
            "1700000000.5",
            "1e9",
            "99999999999999999999",
        ] {
            let sig = sign(SECRET, bad, BODY);
            assert_eq!(
                verify(SECRET, bad, &sig, BODY, NOW),
                Err(SignatureError::MalformedTimestamp),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn refuses_missing_headers() {
        let (ts, sig) = signed(NOW, BODY);
        assert_eq!(
            verify(SECRET, "", &sig, BODY, NOW),
            Err(SignatureError::MissingTimestamp)
        );
        assert_eq!(
            verify(SECRET, &ts, "", BODY, NOW),
            Err(SignatureError::MissingSignature)
        );
    }

    #[test]
    fn decodes_api_gateway_base64_bodies_before_verifying() {
        let encoded = base64::engine::general_purpose::STANDARD.encode(DOC_BODY);
        let body = raw_body(&encoded, true).unwrap();
        assert_eq!(body, DOC_BODY);
        assert_eq!(
            verify(DOC_SECRET, DOC_TIMESTAMP, DOC_SIGNATURE, &body, DOC_NOW),
            Ok(())
        );
        // Verifying the still-encoded text fails, as it must.
        assert_eq!(
            verify(
                DOC_SECRET,
                DOC_TIMESTAMP,
                DOC_SIGNATURE,
                encoded.as_bytes(),
                DOC_NOW
            ),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(raw_body("plain {}", false).unwrap(), b"plain {}");
        assert_eq!(raw_body("not base64!", true), Err(SignatureError::Base64));
    }
}
