//! Constraint checks called by generated `validate` methods and callback parsers.

use crate::callback::CallbackRejection;
use crate::invalid::InvalidRequest;
use gamechannel_core::WireValue;
use regex_lite::Regex;

/// Required text must not be empty.
pub fn required(inv: &mut InvalidRequest, field: &str, value: &str) {
    if value.is_empty() {
        inv.push(field, "is required and may not be empty");
    }
}

/// Length in characters within `min..=max`.
pub fn len(inv: &mut InvalidRequest, field: &str, value: &str, min: Option<u32>, max: Option<u32>) {
    let n = value.chars().count();
    if let Some(max) = max.filter(|&max| n > max as usize) {
        inv.push(field, format!("is longer than {max} characters ({n})"));
    }
    if let Some(min) = min.filter(|&min| n < min as usize) {
        inv.push(field, format!("is shorter than {min} characters ({n})"));
    }
}

/// The whole value matches the (anchored) pattern.
pub fn pattern(inv: &mut InvalidRequest, field: &str, value: &str, re: &Regex) {
    if !re.is_match(value) {
        inv.push(field, format!("does not match {}", re.as_str()));
    }
}

/// An int within `min..=max`.
pub fn range(
    inv: &mut InvalidRequest,
    field: &str,
    value: i64,
    min: Option<i64>,
    max: Option<i64>,
) {
    if let Some(min) = min.filter(|&min| value < min) {
        inv.push(field, format!("is less than {min}"));
    }
    if let Some(max) = max.filter(|&max| value > max) {
        inv.push(field, format!("is greater than {max}"));
    }
}

/// An int that may not be zero.
pub fn non_zero(inv: &mut InvalidRequest, field: &str, value: i64) {
    if value == 0 {
        inv.push(field, "may not be 0");
    }
}

/// The wire form is one of `allowed`.
pub fn one_of<V: WireValue + ?Sized>(
    inv: &mut InvalidRequest,
    field: &str,
    value: &V,
    allowed: &[&str],
) {
    let mut text = String::new();
    value.write_wire(&mut text);
    if !allowed.contains(&text.as_str()) {
        inv.push(field, format!("is not one of {}", allowed.join(", ")));
    }
}

/// The first violation of a verified callback's values, as a rejection.
pub fn callback_values(result: Result<(), InvalidRequest>) -> Result<(), CallbackRejection> {
    match result {
        Ok(()) => Ok(()),
        Err(inv) => {
            let first = inv.violations().first();
            Err(CallbackRejection::BadValue {
                field: first.map(|v| v.field.clone()).unwrap_or_default(),
                reason: first.map(|v| v.problem.clone()).unwrap_or_default(),
            })
        }
    }
}

/// A received int.
pub fn parse_int(field: &'static str, text: &str) -> Result<i64, CallbackRejection> {
    text.parse().map_err(|_| CallbackRejection::BadValue {
        field: field.to_owned(),
        reason: "is not an integer".to_owned(),
    })
}

/// A received boolean: `true`/`false` or `1`/`0`.
pub fn parse_bool(field: &'static str, text: &str) -> Result<bool, CallbackRejection> {
    match text {
        "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        _ => Err(CallbackRejection::BadValue {
            field: field.to_owned(),
            reason: "is not a boolean".to_owned(),
        }),
    }
}

/// A timestamp (seconds) no further than `max_age_secs` from `now_unix_secs`, either way.
pub fn fresh(
    field: &'static str,
    text: &str,
    now_unix_secs: u64,
    max_age_secs: u64,
) -> Result<(), CallbackRejection> {
    let ts: u64 = text.parse().map_err(|_| CallbackRejection::BadValue {
        field: field.to_owned(),
        reason: "is not a timestamp".to_owned(),
    })?;
    if ts.abs_diff(now_unix_secs) > max_age_secs {
        return Err(CallbackRejection::StaleTimestamp { field });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_collect() {
        let mut inv = InvalidRequest::new();
        required(&mut inv, "a", "");
        len(&mut inv, "b", "元元元", Some(4), Some(2));
        pattern(&mut inv, "c", "x y", &Regex::new("^[a-z]+$").unwrap());
        range(&mut inv, "d", 5, Some(6), Some(4));
        non_zero(&mut inv, "e", 0);
        one_of(&mut inv, "f", &3i64, &["1", "2"]);
        one_of(&mut inv, "g", "1", &["1", "2"]);
        assert_eq!(inv.violations().len(), 8, "{inv}");
        assert!(callback_values(Err(inv)).is_err());
        assert_eq!(parse_int("n", "-5"), Ok(-5));
        assert!(parse_int("n", "5.0").is_err());
        assert_eq!(parse_bool("b", "1"), Ok(true));
        assert!(fresh("ts", "100", 150, 60).is_ok());
        assert!(fresh("ts", "100", 30, 60).is_err());
        assert_eq!(
            fresh("ts", "100", 200, 60),
            Err(CallbackRejection::StaleTimestamp { field: "ts" })
        );
    }
}
