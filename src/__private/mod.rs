//! Items only generated code uses. Not part of the public API: may change in any release.

pub mod check;
pub mod de;
pub mod envelope;
pub mod outgoing;
pub mod prelude;
pub mod ser;
pub mod signing;

pub use std::sync::LazyLock;

pub use regex_lite::Regex;
pub use serde;
pub use serde_json;

pub use crate::callback::RawPairs;
pub use crate::received::FormValues;
pub use crate::request::{JsonWriter, PairWriter, json_escape};
pub use gamechannel_core::{Algorithm, Output, ct_eq, ct_eq_ignore_ascii_case};
pub use signing::KeyBytes;

/// `Callback::failure_reply` of a spec reply: `template` with `{message}` replaced by `reason`,
/// JSON-escaped when the reply is JSON (a quote in the reason must not break it).
pub fn failure_reply(template: &str, reason: &str, json: bool) -> String {
    if json {
        template.replace("{message}", &json_escape(reason))
    } else {
        template.replace("{message}", reason)
    }
}

/// `verify_at` of every callback with a timestamp: a window of `max_age_secs` back from
/// `now_unix_secs` and the default clock-skew allowance ahead.
pub fn verify_at<T: crate::SignedCallback>(
    raw: &str,
    credentials: &T::Credentials,
    now_unix_secs: u64,
    max_age_secs: u64,
) -> Result<T, crate::CallbackRejection> {
    let window = crate::ReplayWindow {
        max_age: std::time::Duration::from_secs(max_age_secs),
        ..crate::ReplayWindow::DEFAULT
    };
    T::verify_with(raw, credentials, Some((now_unix_secs, &window)))
}
