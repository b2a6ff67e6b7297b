//! Why a platform callback was refused, the replay window, the traits every generated
//! notification implements, and the decoding of its raw name/value pairs.

use std::borrow::Cow;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Why a callback was not accepted. Never carries a key, a computed signature or a string-to-sign.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallbackRejection {
    /// The query string or body could not be decoded.
    #[error("malformed callback: {0}")]
    Malformed(String),
    /// A required field (or the signature) is absent.
    #[error("missing field {0}")]
    MissingField(&'static str),
    /// The signature does not match the received values.
    #[error("bad signature {signature}")]
    BadSignature {
        /// Spec name of the signature recipe that did not match (e.g. `pay_sign`).
        signature: &'static str,
    },
    /// A signed value is not valid for its field.
    #[error("bad value for {field}: {reason}")]
    BadValue {
        /// Wire name of the field (`outer.inner` for members of an object field).
        field: String,
        /// What is wrong.
        reason: String,
    },
    /// The timestamp is outside the accepted replay window.
    #[error("stale timestamp in {field}")]
    StaleTimestamp {
        /// Wire name of the timestamp field.
        field: &'static str,
    },
    /// A credential the signature needs was not supplied, so nothing can be verified.
    #[error("credential {0} is needed to verify this callback")]
    MissingCredential(&'static str),
    /// An encrypted body does not decrypt with the configured key (a forgery, a damaged
    /// message, or a key that is not the platform's).
    #[error("the encrypted body does not decrypt: {0}")]
    Undecryptable(gamechannel_core::sealed::SealError),
    /// An encrypted body decrypted, but is meant for another application (its trailer is not
    /// the configured one).
    #[error("the encrypted body is meant for another application")]
    WrongRecipient,
    /// The push arrived without its ciphertext field, but the platform's pushes must be
    /// encrypted (`decrypt.required`): a plain push is refused, never read.
    #[error("the push is not encrypted: {field} is absent")]
    NotEncrypted {
        /// Wire name of the ciphertext field.
        field: &'static str,
    },
    /// The key configured for an RSA signature cannot be read as a public (or private) key:
    /// a configuration error on our side, not a forgery, so nothing can be verified.
    #[error("the key of signature {signature} is unusable: {problem}")]
    UnusableKey {
        /// Spec name of the signature recipe.
        signature: &'static str,
        /// What is wrong with the key (never the key itself).
        problem: gamechannel_core::KeyError,
    },
}

impl CallbackRejection {
    /// A short, stable name of the kind of rejection (`bad_signature`, ...), for logs and metrics.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Malformed(_) => "malformed",
            Self::MissingField(_) => "missing_field",
            Self::BadSignature { .. } => "bad_signature",
            Self::BadValue { .. } => "bad_value",
            Self::StaleTimestamp { .. } => "stale_timestamp",
            Self::MissingCredential(_) => "missing_credential",
            Self::UnusableKey { .. } => "unusable_key",
            Self::Undecryptable(_) => "undecryptable",
            Self::WrongRecipient => "wrong_recipient",
            Self::NotEncrypted { .. } => "not_encrypted",
        }
    }
}

/// How old (and how far in the future) a signed callback timestamp may be.
///
/// A captured callback stays correctly signed forever, so platforms that sign a timestamp
/// (llewan `timeStamp`) let the receiver refuse replays: anything older than `max_age` is
/// stale. Clocks differ, so a timestamp up to `max_skew` ahead of ours is still accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplayWindow {
    /// Oldest accepted timestamp, counted back from now.
    pub max_age: Duration,
    /// How far ahead of our clock a timestamp may be (the platform's clock runs fast).
    pub max_skew: Duration,
}

impl ReplayWindow {
    /// Five minutes back, one minute ahead.
    pub const DEFAULT: Self = Self {
        max_age: Duration::from_secs(5 * 60),
        max_skew: Duration::from_secs(60),
    };

    /// Checks the received text of the timestamp field `field` (UNIX seconds) against
    /// `now_unix_secs`.
    pub fn check(
        &self,
        field: &'static str,
        text: &str,
        now_unix_secs: u64,
    ) -> Result<(), CallbackRejection> {
        let ts: u64 = text.parse().map_err(|_| CallbackRejection::BadValue {
            field: field.to_owned(),
            reason: "is not a timestamp in seconds".to_owned(),
        })?;
        // Saturating: a window or a clock near the ends of u64 must not wrap into acceptance.
        let oldest = now_unix_secs.saturating_sub(self.max_age.as_secs());
        let newest = now_unix_secs.saturating_add(self.max_skew.as_secs());
        if ts < oldest || ts > newest {
            return Err(CallbackRejection::StaleTimestamp { field });
        }
        Ok(())
    }
}

impl Default for ReplayWindow {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// The current UNIX time in seconds (0 if the system clock is set before 1970).
pub fn now_unix_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Where a callback's signed values arrive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawFrom {
    /// The URL query string (`GET` callbacks such as wancms `pay_notify`).
    Query,
    /// The request body: a form or a JSON object (llewan `gift_code`).
    Body,
    /// Both: signatures in the query, the message in a JSON or XML body (WeChat message push).
    /// Verify with [`SignedCallback::verify_request`].
    QueryAndBody,
}

/// Anything a platform sends us signed: implemented by every generated `callback` endpoint.
///
/// This is all a login redirect (wancms `login`) has: the user's browser brings it, so
/// there is no reply to send and no resending to deduplicate. Notifications the platform
/// resends until acknowledged also implement [`Callback`].
pub trait SignedCallback: Sized {
    /// The platform's `Credentials` struct.
    type Credentials;
    /// The platform's name in specs (`wancms`).
    const PLATFORM: &'static str;
    /// The endpoint's name in the spec (`pay_notify`).
    const ENDPOINT: &'static str;
    /// Whether [`Self::verify_with`] takes the query string or the body.
    const FROM: RawFrom;
    /// Wire name of the signed timestamp that [`ReplayWindow`] checks, if the platform sends one.
    const TIMESTAMP_FIELD: Option<&'static str>;

    /// Verifies the raw query string or body exactly as received (constant-time comparison
    /// over the raw wire values), then parses and checks the values.
    ///
    /// With `Some((now_unix_secs, window))` the timestamp field, where the spec has one, must
    /// be inside the window; without, or for platforms without a timestamp, nothing is
    /// checked against the clock.
    fn verify_with(
        raw: &str,
        credentials: &Self::Credentials,
        window: Option<(u64, &ReplayWindow)>,
    ) -> Result<Self, CallbackRejection>;

    /// Verifies a request from both its query string and its body, as received: what a
    /// [`RawFrom::QueryAndBody`] callback needs, and the same as [`Self::verify_with`] over
    /// the part [`Self::FROM`] names for the others.
    fn verify_request(
        request: RawRequest<'_>,
        credentials: &Self::Credentials,
        window: Option<(u64, &ReplayWindow)>,
    ) -> Result<Self, CallbackRejection> {
        match Self::FROM {
            RawFrom::Query => Self::verify_with(request.query, credentials, window),
            RawFrom::Body | RawFrom::QueryAndBody => {
                Self::verify_with(request.body, credentials, window)
            }
        }
    }
}

/// A received request's raw parts: what a verifier reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RawRequest<'a> {
    /// The query string, without `?`, as received (still percent-encoded).
    pub query: &'a str,
    /// The body, as received.
    pub body: &'a str,
}

/// A notification the platform resends until it receives [`Self::SUCCESS_REPLY`]: implemented
/// by every generated `callback` endpoint that has a `reply` in its spec.
pub trait Callback: SignedCallback {
    /// The exact body that acknowledges the notification.
    const SUCCESS_REPLY: &'static str;
    /// Content type of both replies.
    const REPLY_CONTENT_TYPE: &'static str;
    /// HTTP status of a refusal: 200 unless the platform reads only the status, where a
    /// refusal must be another status to be resent (the spec's `failure_status`).
    const FAILURE_STATUS: u16 = 200;
    /// The body that refuses the notification; `reason` is shown where the platform has a
    /// place for it (llewan `msg`), so it must not contain secrets.
    fn failure_reply(reason: &str) -> String;
    /// Identifies the notification across resends (the spec's `dedup_key`); see
    /// [`crate::dedup::DedupKey`] for its form.
    fn dedup_key(&self) -> String;

    /// The acknowledgement of this notification received as `request`: the spec's reply in
    /// the request's format (an XML push is answered in XML), or the value it echoes.
    fn success_reply_to(&self, _request: RawRequest<'_>) -> String {
        Self::SUCCESS_REPLY.to_owned()
    }

    /// The refusal of `request`, in its format.
    fn failure_reply_to(_request: RawRequest<'_>, reason: &str) -> String {
        Self::failure_reply(reason)
    }

    /// The content type of the replies to `request`.
    fn reply_content_type_to(_request: RawRequest<'_>) -> &'static str {
        Self::REPLY_CONTENT_TYPE
    }
}

/// Decoded `(name, value)` pairs of a callback, as received.
#[derive(Debug, Default)]
pub struct RawPairs<'a> {
    pub(crate) pairs: Vec<(Cow<'a, str>, Cow<'a, str>)>,
}

impl<'a> RawPairs<'a> {
    /// Pairs of a query string or form body.
    pub fn from_query(raw: &'a str) -> Result<Self, CallbackRejection> {
        gamechannel_core::parse_query(raw)
            .map(|pairs| Self { pairs })
            .map_err(|e| CallbackRejection::Malformed(e.to_string()))
    }

    /// Members of a flat JSON object: strings as their decoded text, numbers and booleans as
    /// their exact JSON text (`6.00` stays `6.00`), nested values as their raw JSON; `null` is
    /// treated as absent.
    pub fn from_json(raw: &'a str) -> Result<Self, CallbackRejection> {
        gamechannel_core::json_pairs(raw)
            .map(|pairs| Self { pairs })
            .map_err(|e| CallbackRejection::Malformed(e.to_string()))
    }

    /// The value of `name`, if present. A name received twice is refused: which copy the
    /// platform signed would be a guess.
    pub fn get(&self, name: &'static str) -> Result<Option<&str>, CallbackRejection> {
        let [value] = self.values(&[name])?;
        Ok(value)
    }

    /// The value of a required `name`.
    pub fn require(&self, name: &'static str) -> Result<&str, CallbackRejection> {
        self.get(name)?.ok_or(CallbackRejection::MissingField(name))
    }

    /// The same pairs with the values of `names` URL-decoded once more: fields a platform
    /// encodes twice (Huawei `extReserved`) are signed and parsed in their plain form.
    pub fn decoded_again(mut self, names: &[&str]) -> Result<Self, CallbackRejection> {
        for (name, value) in &mut self.pairs {
            if names.contains(&&**name) {
                let plain = gamechannel_core::form_decode(value)
                    .map_err(|e| CallbackRejection::Malformed(format!("{name}: {e}")))?
                    .into_owned();
                *value = Cow::Owned(plain);
            }
        }
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_members() {
        let raw = r#"{"price":6.00,"name":"a\"b","n":null,"o":{"x":1},"ok":true}"#;
        let pairs = RawPairs::from_json(raw).unwrap();
        assert_eq!(pairs.get("price").unwrap(), Some("6.00"));
        assert_eq!(pairs.get("name").unwrap(), Some("a\"b"));
        assert_eq!(pairs.get("n").unwrap(), None);
        assert_eq!(pairs.get("o").unwrap(), Some(r#"{"x":1}"#));
        assert_eq!(pairs.get("o.x").unwrap(), Some("1"));
        assert_eq!(pairs.require("ok").unwrap(), "true");
        assert_eq!(
            pairs.require("zz").unwrap_err(),
            CallbackRejection::MissingField("zz")
        );
        assert!(RawPairs::from_json("[1]").is_err());
        assert!(RawPairs::from_json("{").is_err());
        let dup = RawPairs::from_json(r#"{"a":1,"a":2}"#).unwrap();
        assert!(matches!(dup.get("a"), Err(CallbackRejection::Malformed(_))));
    }

    #[test]
    fn replay_window() {
        let w = ReplayWindow::default();
        assert!(w.check("ts", "1000", 1000).is_ok());
        assert!(w.check("ts", "700", 1000).is_ok());
        assert!(w.check("ts", "1060", 1000).is_ok());
        let stale = Err(CallbackRejection::StaleTimestamp { field: "ts" });
        assert_eq!(w.check("ts", "699", 1000), stale);
        assert_eq!(w.check("ts", "1061", 1000), stale);
        assert_eq!(w.check("ts", "0", u64::MAX), stale);
        assert!(w.check("ts", &u64::MAX.to_string(), 5).is_err());
        assert!(matches!(
            w.check("ts", "-5", 1000),
            Err(CallbackRejection::BadValue { .. })
        ));
        assert!(now_unix_secs() > 1_700_000_000);
        assert_eq!(CallbackRejection::MissingField("a").kind(), "missing_field");
    }

    #[test]
    fn query_pairs() {
        let pairs = RawPairs::from_query("a=1&b=x+y&a=2").unwrap();
        assert_eq!(pairs.get("b").unwrap(), Some("x y"));
        assert!(pairs.get("a").is_err());
        assert!(RawPairs::from_query("a=%zz").is_err());
    }
}
