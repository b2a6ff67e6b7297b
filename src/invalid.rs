//! Every constraint a request broke, collected before anything is sent.

use std::fmt;

/// One broken constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// Wire name of the field (`outer.inner` for members of an object field).
    pub field: String,
    /// What is wrong, without the value itself (it may be personal data).
    pub problem: String,
}

/// A request that breaks its spec's constraints; lists all violations, not just the first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InvalidRequest {
    violations: Vec<Violation>,
}

impl InvalidRequest {
    /// An empty collection, to push violations into.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records one violation.
    pub fn push(&mut self, field: impl Into<String>, problem: impl Into<String>) {
        self.violations.push(Violation {
            field: field.into(),
            problem: problem.into(),
        });
    }

    /// The violations in the order they were found.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// Whether nothing was violated.
    pub fn is_empty(&self) -> bool {
        self.violations.is_empty()
    }

    /// `Ok(())` when nothing was violated, else `Err(self)`.
    pub fn into_result(self) -> Result<(), Self> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }

    /// Moves the violations of a nested object's check in, prefixing their field names.
    pub fn absorb(&mut self, prefix: &str, nested: Result<(), InvalidRequest>) {
        if let Err(nested) = nested {
            for v in nested.violations {
                self.push(format!("{prefix}.{}", v.field), v.problem);
            }
        }
    }
}

impl fmt::Display for InvalidRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid request")?;
        for (i, v) in self.violations.iter().enumerate() {
            f.write_str(if i == 0 { ": " } else { "; " })?;
            write!(f, "{} {}", v.field, v.problem)?;
        }
        Ok(())
    }
}

impl std::error::Error for InvalidRequest {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_all() {
        let mut inv = InvalidRequest::new();
        assert!(inv.clone().into_result().is_ok());
        inv.push("bill_no", "is longer than 63 characters");
        let mut nested = InvalidRequest::new();
        nested.push("id", "is required");
        inv.absorb("item", Err(nested));
        assert_eq!(
            inv.to_string(),
            "invalid request: bill_no is longer than 63 characters; item.id is required"
        );
        assert_eq!(inv.violations().len(), 2);
    }
}
