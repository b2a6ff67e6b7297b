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
        wipe(std::mem::take(&mut self.0).into_bytes());
    }
}

/// Overwrites the whole allocation of `bytes`, spare capacity included, with volatile stores
/// (which the optimizer may not drop before the free), a machine word at a time where aligned:
/// the same guarantee as `zeroize` on the `String`, with about 8 times fewer stores. Signed
/// strings-to-sign hold a key and are dropped on every call, so this is on the signing path.
fn wipe(mut bytes: Vec<u8>) {
    bytes.resize(bytes.capacity(), 0);
    // SAFETY: every bit pattern is a valid `u64` and a valid `u8`, so viewing the aligned middle
    // of a byte slice as words is sound; the views do not outlive `bytes`.
    let (head, words, tail) = unsafe { bytes.align_to_mut::<u64>() };
    head.zeroize();
    words.zeroize();
    tail.zeroize();
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

    #[test]
    fn wipes_any_length() {
        for len in [0, 1, 7, 8, 9, 63, 295] {
            let mut text = String::with_capacity(len + 3);
            text.extend(std::iter::repeat_n('k', len));
            drop(Secret::new(text));
        }
    }
}
