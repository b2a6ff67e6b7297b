//! Plain (query or form) callbacks: the generated verifier and the path `gamechannel verify`
//! takes read the same raw variants of one request (repeats, bad escapes, `+`, random text) to
//! the same verdict.

use super::*;

/// What a verifier made of a received callback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// Refused before any signature: a bad escape, or a read name received twice.
    Unreadable,
    /// A signature is missing or does not match.
    Forged,
    /// Read and signed, but a value breaks the spec (or a required one is absent).
    BadValue,
    /// Accepted.
    Accepted,
}

/// The generated verifier's reading of the raw query string or form body `raw`.
fn generated_reading<T: SignedCallback>(raw: &str, credentials: &T::Credentials) -> Reading {
    match T::verify_with(raw, credentials, None) {
        Err(CallbackRejection::Malformed(_)) => Reading::Unreadable,
        Err(CallbackRejection::BadSignature { .. }) => Reading::Forged,
        Err(CallbackRejection::BadValue { .. } | CallbackRejection::MissingField(_)) => {
            Reading::BadValue
        }
        Err(other) => panic!("not a plain callback's refusal: {other:?}"),
        Ok(_) => Reading::Accepted,
    }
}

/// The reading of `raw` by the path `gamechannel verify` takes: the shared form reader, the
/// interpreter's verdict, then the shared value rules.
fn interpreted_reading(
    endpoint: &Endpoint,
    raw: &str,
    credentials: &[(String, String)],
) -> Result<Reading, TestCaseError> {
    let Ok(pairs) = form_pairs(raw, &read_names(endpoint)) else {
        return Ok(Reading::Unreadable);
    };
    let verdict = eval::verify_callback(endpoint, &pairs, credentials)
        .map_err(|e| TestCaseError::fail(format!("interpreter: {e}")))?;
    Ok(match verdict {
        Verdict::Genuine if values::check_request(endpoint, &pairs).is_err() => Reading::BadValue,
        Verdict::Genuine => Reading::Accepted,
        Verdict::Duplicate { .. } => Reading::Unreadable,
        Verdict::Missing { .. } | Verdict::Mismatch { .. } => Reading::Forged,
    })
}

/// Raw variants of a correctly signed plain callback `raw`: a read parameter repeated, an
/// unread one repeated, bad escapes in a read and an unread value, spaces sent as `+`, and
/// random wire text appended.
fn raw_variants(raw: &str, pairs: &[(String, String)], pick: u8, garbage: &str) -> Vec<String> {
    let encode = gamechannel::percent_encode;
    let mut variants = vec![
        raw.replace("%20", "+"),
        format!("{raw}&zz_unread=1&zz_unread=%32"),
        format!("{raw}&zz_unread=%g1"),
        format!("{raw}{garbage}"),
        format!("{garbage}&{raw}"),
    ];
    if !pairs.is_empty() {
        let (name, value) = &pairs[usize::from(pick) % pairs.len()];
        variants.push(format!("{raw}&{}={}", encode(name), encode(value)));
        let bad = ["%", "%zz", "%e4", "%4"][usize::from(pick) % 4];
        let at = format!("{}=", encode(name));
        variants.push(raw.replacen(&at, &format!("{at}{bad}"), 1));
    }
    variants
}

/// Plain callbacks: random raw variants read the same by the generated verifier and by the
/// path `gamechannel verify` takes.
pub(super) fn plain_agreement<T: SignedCallback>(
    endpoint: &Endpoint,
    pairs: &[(String, String)],
    credentials: &T::Credentials,
    interpreted: &[(String, String)],
    pick: u8,
    garbage: &str,
) -> Result<(), TestCaseError> {
    let (raw, body) = raw(endpoint, pairs, false);
    let raw = if endpoint.encoding == Encoding::Query {
        raw
    } else {
        body
    };
    for variant in raw_variants(&raw, pairs, pick, garbage) {
        let generated = generated_reading::<T>(&variant, credentials);
        let interpreted = interpreted_reading(endpoint, &variant, interpreted)?;
        prop_assert_eq!(generated, interpreted, "on {}", variant);
    }
    Ok(())
}
