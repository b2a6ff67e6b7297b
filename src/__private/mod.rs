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

/// A success reply that echoes received values: each `(placeholder, value)` filled in
/// (JSON-escaped for JSON replies), in one pass so that a value is never filled in again.
pub fn echo_reply(template: &str, fills: &[(&str, &str)], json: bool) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    'scan: while !rest.is_empty() {
        for (placeholder, value) in fills {
            if let Some(after) = rest.strip_prefix(placeholder) {
                match json {
                    true => out.push_str(&json_escape(value)),
                    false => out.push_str(value),
                }
                rest = after;
                continue 'scan;
            }
        }
        let mut chars = rest.chars();
        out.extend(chars.next());
        rest = chars.as_str();
    }
    out
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

#[cfg(test)]
mod tests {
    use super::echo_reply;

    #[test]
    fn echoes_fill_in_once_and_escape_for_json() {
        assert_eq!(
            echo_reply("{echostr}", &[("{echostr}", "abc")], false),
            "abc"
        );
        // A value that looks like a placeholder is not filled in again.
        let fills = [("{a}", "{b}"), ("{b}", "x")];
        assert_eq!(echo_reply("{a}-{b}", &fills, false), "{b}-x");
        let json = echo_reply(r#"{"echo":"{a}"}"#, &[("{a}", "say \"hi\"")], true);
        assert_eq!(json, r#"{"echo":"say \"hi\""}"#);
        assert_eq!(echo_reply("元{a}宝", &[("{a}", "1")], false), "元1宝");
    }
}
