//! [`Code`]: the kind of a problem, chosen where the problem is found, so that tools can rely
//! on it (`error[unknown-key]`, `"code"` in `--message-format json`) whatever the wording.

use std::fmt;

/// The kind of a problem; [`Code::as_str`] is its stable name, listed in `specs/README.md`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// The spec file cannot be read.
    Io,
    /// The file is not UTF-8 text.
    NotUtf8,
    /// Not valid YAML.
    Syntax,
    /// A flow list `[` or mapping `{` that is never closed.
    Unclosed,
    /// Nested or indented deeper than a spec ever needs.
    TooDeep,
    /// A key written twice in one mapping.
    DuplicateKey,
    /// A key the format does not have there.
    UnknownKey,
    /// Something the format needs is not given.
    MissingKey,
    /// A value of the wrong kind (text where a number belongs, a list for a mapping, ...).
    WrongType,
    /// A word that is not one of the values allowed there.
    UnknownValue,
    /// A reference that names nothing (a field, signature, credential, environment, ...).
    UnknownName,
    /// A name that cannot be used (not snake_case, reserved, no identifier in generated code).
    BadName,
    /// Two things with one name, or two writers of one field.
    Collision,
    /// A signature used before it is computed, or a cycle.
    Order,
    /// Options that contradict each other.
    Conflict,
    /// An option that cannot apply where it is written.
    NotApplicable,
    /// A value that breaks another rule of the format.
    #[default]
    Invalid,
    /// An example that does not reproduce, or is incomplete.
    Example,
    /// Warning: a callback with no signature.
    NoSignature,
    /// Warning: a call that changes state and is not safe to retry.
    UnsafeRetry,
    /// Warning: an idempotency key that may be left out.
    OptionalIdempotencyKey,
}

impl Code {
    /// Every code, in the order of the table in `specs/README.md`.
    pub const ALL: [Code; 21] = [
        Code::Io,
        Code::NotUtf8,
        Code::Syntax,
        Code::Unclosed,
        Code::TooDeep,
        Code::DuplicateKey,
        Code::UnknownKey,
        Code::MissingKey,
        Code::WrongType,
        Code::UnknownValue,
        Code::UnknownName,
        Code::BadName,
        Code::Collision,
        Code::Order,
        Code::Conflict,
        Code::NotApplicable,
        Code::Invalid,
        Code::Example,
        Code::NoSignature,
        Code::UnsafeRetry,
        Code::OptionalIdempotencyKey,
    ];

    /// The stable name, e.g. `unknown-key`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Io => "io",
            Code::NotUtf8 => "not-utf8",
            Code::Syntax => "syntax",
            Code::Unclosed => "unclosed",
            Code::TooDeep => "too-deep",
            Code::DuplicateKey => "duplicate-key",
            Code::UnknownKey => "unknown-key",
            Code::MissingKey => "missing-key",
            Code::WrongType => "wrong-type",
            Code::UnknownValue => "unknown-value",
            Code::UnknownName => "unknown-name",
            Code::BadName => "bad-name",
            Code::Collision => "collision",
            Code::Order => "order",
            Code::Conflict => "conflict",
            Code::NotApplicable => "not-applicable",
            Code::Invalid => "invalid",
            Code::Example => "example",
            Code::NoSignature => "no-signature",
            Code::UnsafeRetry => "unsafe-retry",
            Code::OptionalIdempotencyKey => "optional-idempotency-key",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_documented() {
        let readme = include_str!("../../../specs/README.md");
        let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        for name in &names {
            assert!(
                readme.contains(&format!("| `{name}` |")),
                "`{name}` is not in the table of codes in specs/README.md"
            );
        }
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Code::ALL.len());
    }
}
