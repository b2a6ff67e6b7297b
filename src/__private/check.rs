//! Constraint checks called by generated `validate` methods and callback parsers.

use std::sync::OnceLock;

use crate::callback::CallbackRejection;
use crate::invalid::InvalidRequest;
use gamechannel_core::rules::{self, PatternCheck, Rules};
use gamechannel_core::{CompiledPattern, WireValue, wire_text};

/// Collects every violation of one value set; a generated `validate` is one call per constraint.
///
/// An empty text counts as not given, as in the rules of received values
/// ([`gamechannel_core::rules`]): only [`Self::required`] refuses it, and the checks of its
/// length, pattern and allowed values pass. So a client refuses exactly the values that the
/// platform's side of the same spec (the mock, `verify`) would refuse.
#[derive(Debug, Default)]
pub struct Checks(InvalidRequest);

impl Checks {
    /// No violation yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Required text must not be empty.
    pub fn required(&mut self, field: &str, value: &str) {
        if value.is_empty() {
            self.0.push(field, "is required and may not be empty");
        }
    }

    /// Length in characters within `min..=max` (an empty text passes).
    pub fn len(&mut self, field: &str, value: &str, min: Option<u32>, max: Option<u32>) {
        if value.is_empty() {
            return;
        }
        let n = value.chars().count();
        if let Some(max) = max.filter(|&max| n > max as usize) {
            self.0
                .push(field, format!("is longer than {max} characters ({n})"));
        }
        if let Some(min) = min.filter(|&min| n < min as usize) {
            self.0
                .push(field, format!("is shorter than {min} characters ({n})"));
        }
    }

    /// The whole value matches `pattern` (an empty text passes).
    pub fn pattern(&mut self, field: &str, value: &str, pattern: &Pattern) {
        if value.is_empty() {
            return;
        }
        match pattern.compiled() {
            Some(compiled) if !compiled.is_match(value) => {
                let source = pattern.source;
                self.0.push(field, format!("does not match {source}"));
            }
            Some(_) => {}
            // regex-lite refused a pattern the spec validator accepted: refuse, never panic.
            None => self.0.push(field, "has a pattern this build cannot check"),
        }
    }

    /// A decimal written `-?digits(.digits)?`, the only form the platforms read (an empty text
    /// passes).
    pub fn decimal(&mut self, field: &str, value: &str) {
        if !value.is_empty() && !rules::is_decimal(value) {
            self.0.push(
                field,
                "is not a decimal (digits, then optionally `.` and digits)",
            );
        }
    }

    /// An int within `min..=max`.
    pub fn range(&mut self, field: &str, value: i64, min: Option<i64>, max: Option<i64>) {
        if let Some(min) = min.filter(|&min| value < min) {
            self.0.push(field, format!("is less than {min}"));
        }
        if let Some(max) = max.filter(|&max| value > max) {
            self.0.push(field, format!("is greater than {max}"));
        }
    }

    /// An int that may not be zero.
    pub fn non_zero(&mut self, field: &str, value: i64) {
        if value == 0 {
            self.0.push(field, "may not be 0");
        }
    }

    /// The wire form is one of `allowed` (an empty text passes).
    pub fn one_of<V: WireValue + ?Sized>(&mut self, field: &str, value: &V, allowed: &[&str]) {
        let mut scratch = String::new();
        let text = wire_text(value, &mut scratch);
        if !text.is_empty() && !allowed.contains(&text) {
            self.0
                .push(field, format!("is not one of {}", allowed.join(", ")));
        }
    }

    /// The violations of a nested object's own check, under `field`.
    pub fn object(&mut self, field: &str, result: Result<(), InvalidRequest>) {
        self.0.absorb(field, result);
    }

    /// `Ok(())` when nothing was violated.
    pub fn finish(self) -> Result<(), InvalidRequest> {
        self.0.into_result()
    }
}

/// A field's pattern, compiled on first use; generated code keeps each in a `static`, so a
/// check costs no lookup and no lock.
pub struct Pattern {
    source: &'static str,
    /// `None` when the pattern does not compile (the spec validator compiled it, so never).
    compiled: OnceLock<Option<CompiledPattern>>,
}

impl Pattern {
    /// The pattern `source` (anchored by the generator), not compiled yet.
    pub const fn new(source: &'static str) -> Self {
        Self {
            source,
            compiled: OnceLock::new(),
        }
    }

    fn compiled(&self) -> Option<&CompiledPattern> {
        self.compiled
            .get_or_init(|| CompiledPattern::new(self.source).ok())
            .as_ref()
    }
}

impl PatternCheck for Pattern {
    fn source(&self) -> &str {
        self.source
    }

    fn check(&self, text: &str) -> Option<bool> {
        self.compiled().map(|compiled| compiled.is_match(text))
    }
}

/// Checks a received value's wire text (`None`: not received) by the rules the interpreter
/// and the mock share ([`gamechannel_core::rules`]), before it is typed.
pub fn check_received(
    field: &'static str,
    text: Option<&str>,
    rules: &Rules<'_>,
) -> Result<(), CallbackRejection> {
    rules::check(rules, text).map_err(|reason| CallbackRejection::BadValue {
        field: field.to_owned(),
        reason,
    })
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
    rules::int_of(text).ok_or_else(|| CallbackRejection::BadValue {
        field: field.to_owned(),
        reason: "is not an integer".to_owned(),
    })
}

/// A received JSON document carried inside a string, parsed into its typed members (the
/// signature was checked over the string itself).
pub fn parse_json<T: serde::de::DeserializeOwned>(
    field: &'static str,
    text: &str,
) -> Result<T, CallbackRejection> {
    serde_json::from_str(text).map_err(|e| CallbackRejection::BadValue {
        field: field.to_owned(),
        reason: format!("is not the JSON document expected: {e}"),
    })
}

/// A received boolean: `true`/`false` or `1`/`0`.
pub fn parse_bool(field: &'static str, text: &str) -> Result<bool, CallbackRejection> {
    rules::bool_of(text).ok_or_else(|| CallbackRejection::BadValue {
        field: field.to_owned(),
        reason: "is not a boolean".to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_collect() {
        let mut checks = Checks::new();
        checks.required("a", "");
        checks.len("b", "元元元", Some(4), Some(2));
        static LOWER: Pattern = Pattern::new("^[a-z]+$");
        static BROKEN: Pattern = Pattern::new("^(?<unclosed");
        checks.pattern("c", "x y", &LOWER);
        checks.pattern("c", "xy", &LOWER);
        checks.pattern("c2", "xy", &BROKEN);
        checks.range("d", 5, Some(6), Some(4));
        checks.non_zero("e", 0);
        checks.one_of("f", &3i64, &["1", "2"]);
        checks.one_of("g", "1", &["1", "2"]);
        checks.decimal("h", "1.5e3");
        let inv = checks.finish().unwrap_err();
        assert_eq!(inv.violations().len(), 10, "{inv}");
        assert_eq!(inv.violations()[4].field, "c2");
        assert!(callback_values(Err(inv)).is_err());
        assert_eq!(parse_int("n", "-5"), Ok(-5));
        assert!(parse_int("n", "5.0").is_err());
        assert_eq!(parse_bool("b", "1"), Ok(true));
    }

    #[test]
    fn empty_text_counts_as_not_given() {
        static DIGITS: Pattern = Pattern::new("^[0-9]+$");
        let mut checks = Checks::new();
        checks.len("a", "", Some(1), Some(4));
        checks.pattern("b", "", &DIGITS);
        checks.one_of("c", "", &["1", "2"]);
        checks.decimal("e", "");
        checks.decimal("e", "-12.50");
        assert!(checks.finish().is_ok());
        // Required and empty: one violation, the same reason the received rules give.
        let mut checks = Checks::new();
        checks.required("d", "");
        checks.len("d", "", Some(1), None);
        checks.pattern("d", "", &DIGITS);
        let inv = checks.finish().unwrap_err();
        assert_eq!(inv.violations().len(), 1, "{inv}");
        let rules = gamechannel_core::rules::Rules {
            min_len: Some(1),
            ..gamechannel_core::rules::Rules::NONE
        };
        assert_eq!(gamechannel_core::rules::check(&rules, Some("")), Ok(()));
    }
}
