//! The constraints of a received value, checked on its wire text: one rule set for the
//! generated verifiers, the interpreter behind `gamechannel verify` and the mock platform, so
//! that all of them accept and refuse the same values.
//!
//! The rules, in order: a value not received is refused when required; an empty value is
//! refused when required and not `allow_empty`, and otherwise counts as not given (lists that
//! skip empty values never sign it either); any other value must have its type's form, then
//! its length (in characters), pattern, integer bounds and allowed values.

/// The form a field's wire text must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WireType {
    /// Any text.
    Text,
    /// A 64-bit integer (`-42`).
    Int,
    /// `true`/`false` or `1`/`0`.
    Bool,
    /// `-?digits(.digits)?`, the only decimal form the platforms write.
    Decimal,
    /// A JSON object.
    Object,
}

/// A field's pattern, as a checker holds it (compiled once, wherever it is kept).
pub trait PatternCheck {
    /// The pattern's source, for messages.
    fn source(&self) -> &str;
    /// Whether `text` matches; `None` when the pattern cannot be used (never for a pattern
    /// the spec validator accepted).
    fn check(&self, text: &str) -> Option<bool>;
}

/// One field's constraints.
#[derive(Clone, Copy)]
pub struct Rules<'a> {
    /// The form of the text.
    pub ty: WireType,
    /// Whether the value must be received.
    pub required: bool,
    /// Whether a required value may be empty.
    pub allow_empty: bool,
    /// Most characters.
    pub max_len: Option<u32>,
    /// Fewest characters.
    pub min_len: Option<u32>,
    /// The pattern the whole text matches.
    pub pattern: Option<&'a dyn PatternCheck>,
    /// Smallest integer.
    pub min: Option<i64>,
    /// Largest integer.
    pub max: Option<i64>,
    /// The integer may not be 0.
    pub non_zero: bool,
    /// The allowed texts (empty: any).
    pub values: &'a [&'a str],
}

impl Rules<'_> {
    /// Optional text with no constraint: the base of struct updates (`..Rules::NONE`).
    pub const NONE: Rules<'static> = Rules {
        ty: WireType::Text,
        required: false,
        allow_empty: false,
        max_len: None,
        min_len: None,
        pattern: None,
        min: None,
        max: None,
        non_zero: false,
        values: &[],
    };

    /// Required non-empty text with no other constraint.
    pub const REQUIRED: Rules<'static> = Rules {
        required: true,
        ..Rules::NONE
    };
}

/// Checks the received text of a field (`None`: not received) against its `rules`; `Err` says
/// what is wrong.
pub fn check(rules: &Rules<'_>, text: Option<&str>) -> Result<(), String> {
    let text = match text {
        None if rules.required => return Err("missing".to_owned()),
        Some("") if rules.required && !rules.allow_empty => return Err("empty".to_owned()),
        None | Some("") => return Ok(()),
        Some(text) => text,
    };
    check_type(rules.ty, text)?;
    // Counted only where a length is constrained: most fields have none.
    if rules.max_len.is_some() || rules.min_len.is_some() {
        let chars = text.chars().count();
        if let Some(max) = rules.max_len.filter(|&max| chars > max as usize) {
            return Err(format!("longer than {max} characters"));
        }
        if let Some(min) = rules.min_len.filter(|&min| chars < min as usize) {
            return Err(format!("shorter than {min} characters"));
        }
    }
    if let Some(pattern) = rules.pattern {
        match pattern.check(text) {
            Some(true) => {}
            Some(false) => return Err(format!("does not match {}", pattern.source())),
            None => return Err(format!("pattern {} cannot be checked", pattern.source())),
        }
    }
    if rules.ty == WireType::Int {
        check_int(rules, text)?;
    }
    if !rules.values.is_empty() && !rules.values.contains(&text) {
        return Err(format!("not one of {}", rules.values.join(", ")));
    }
    Ok(())
}

/// A received integer.
pub fn int_of(text: &str) -> Option<i64> {
    text.parse().ok()
}

/// A received boolean: `true`/`false` or `1`/`0`.
pub fn bool_of(text: &str) -> Option<bool> {
    match text {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

/// `-?digits(.digits)?`.
pub fn is_decimal(text: &str) -> bool {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (unsigned, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && fraction.is_none_or(digits)
}

fn check_type(ty: WireType, text: &str) -> Result<(), String> {
    let fits = match ty {
        WireType::Text => true,
        WireType::Int => int_of(text).is_some(),
        WireType::Bool => bool_of(text).is_some(),
        WireType::Decimal => is_decimal(text),
        WireType::Object => {
            matches!(
                serde_json::from_str::<serde_json::Value>(text),
                Ok(serde_json::Value::Object(_))
            )
        }
    };
    if fits {
        return Ok(());
    }
    Err(match ty {
        WireType::Int => "not an integer",
        WireType::Bool => "not true or false",
        WireType::Decimal => "not a decimal number",
        _ => "not a JSON object",
    }
    .to_owned())
}

fn check_int(rules: &Rules<'_>, text: &str) -> Result<(), String> {
    let Some(n) = int_of(text) else {
        return Err("not an integer".to_owned());
    };
    if rules.non_zero && n == 0 {
        return Err("may not be 0".to_owned());
    }
    if let Some(min) = rules.min.filter(|&min| n < min) {
        return Err(format!("less than {min}"));
    }
    if let Some(max) = rules.max.filter(|&max| n > max) {
        return Err(format!("more than {max}"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CompiledPattern;

    struct Lower(CompiledPattern);
    impl PatternCheck for Lower {
        fn source(&self) -> &str {
            "^[a-z]+$"
        }
        fn check(&self, text: &str) -> Option<bool> {
            Some(self.0.is_match(text))
        }
    }

    #[test]
    fn presence_and_emptiness() {
        let required = Rules {
            required: true,
            min_len: Some(3),
            ..Rules::NONE
        };
        assert_eq!(check(&required, None), Err("missing".into()));
        assert_eq!(check(&required, Some("")), Err("empty".into()));
        let may_be_empty = Rules {
            allow_empty: true,
            ..required
        };
        assert_eq!(check(&may_be_empty, Some("")), Ok(()));
        // Not given: no constraint applies.
        let optional = Rules {
            required: false,
            ..required
        };
        assert_eq!(check(&optional, Some("")), Ok(()));
        assert_eq!(check(&optional, None), Ok(()));
        assert!(check(&optional, Some("ab")).is_err());
    }

    #[test]
    fn types_and_constraints() {
        let int = Rules {
            ty: WireType::Int,
            min: Some(-5),
            max: Some(100),
            non_zero: true,
            values: &["1", "7", "0"],
            ..Rules::NONE
        };
        assert_eq!(check(&int, Some("7")), Ok(()));
        assert_eq!(check(&int, Some("0")), Err("may not be 0".into()));
        assert_eq!(check(&int, Some("101")), Err("more than 100".into()));
        assert_eq!(check(&int, Some("-6")), Err("less than -5".into()));
        assert_eq!(check(&int, Some("4.2")), Err("not an integer".into()));
        // Allowed values are compared as received text.
        assert!(check(&int, Some("07")).is_err());
        let bool = Rules {
            ty: WireType::Bool,
            ..Rules::NONE
        };
        assert!(check(&bool, Some("1")).is_ok() && check(&bool, Some("yes")).is_err());
        let decimal = Rules {
            ty: WireType::Decimal,
            ..Rules::NONE
        };
        assert!(check(&decimal, Some("-6.00")).is_ok());
        assert!(check(&decimal, Some("6.")).is_err() && check(&decimal, Some("abc")).is_err());
        let object = Rules {
            ty: WireType::Object,
            ..Rules::NONE
        };
        assert!(check(&object, Some(r#"{"a":1}"#)).is_ok());
        assert!(check(&object, Some("[1]")).is_err());
        let lower = Lower(CompiledPattern::new("^[a-z]+$").unwrap());
        let text = Rules {
            max_len: Some(2),
            pattern: Some(&lower),
            ..Rules::NONE
        };
        // Lengths count characters, not bytes.
        assert_eq!(
            check(&text, Some("元宝")),
            Err("does not match ^[a-z]+$".into())
        );
        assert_eq!(check(&text, Some("ab")), Ok(()));
        assert_eq!(
            check(&text, Some("abc")),
            Err("longer than 2 characters".into())
        );
    }
}
