//! A wrapper that keeps credentials out of logs and memory dumps.

use std::fmt;

use zeroize::Zeroize;

use crate::compare::ct_eq;

/// A credential value that never shows in Debug/Display/logs and is zeroized on drop.
///
/// There is deliberately no `Display`, `Deref` or serde support: every read
/// goes through [`Secret::expose`], so leaks are easy to find in review.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    /// Wrap a credential.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The raw credential, for signing; avoid keeping the returned borrow around.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the credential is empty (usually a configuration mistake).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    // Not even the length: it narrows down what a key could be.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        ct_eq(&self.0, &other.0)
    }
}

impl Eq for Secret {}

impl Drop for Secret {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basics() {
        let s = Secret::new("k3y");
        assert_eq!(s.expose(), "k3y");
        assert!(!s.is_empty());
        assert!(Secret::from(String::new()).is_empty());
        assert_eq!(s.clone(), Secret::from("k3y"));
        assert_ne!(s, Secret::from("k3z"));
        assert_eq!(format!("{s:?}"), "Secret(***)");
        assert_eq!(format!("{s:#?}"), "Secret(***)");
    }
}
