//! A computed signature together with the exact string that was hashed.

use std::fmt;

use gamechannel_core::{Secret, WireValue};

/// One computed signature: the value that travels, and the string-to-sign it came from.
///
/// The string-to-sign is kept in a [`Secret`] because many platforms append their key to it
/// (Midas `&secret=<AppKey>`); it is only readable through [`Signed::string_to_sign`] and never
/// shows in `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct Signed {
    /// The string-to-sign followed by the value: one allocation for both, made on every call.
    text: Secret,
    /// Where the value starts in `text`.
    split: usize,
}

impl Signed {
    /// Pairs a signature value with the string it was computed over.
    pub fn new(value: String, string_to_sign: String) -> Self {
        let mut text = string_to_sign;
        let split = text.len();
        text.push_str(&value);
        Self::appended(text, split)
    }

    /// A string-to-sign whose signature value was appended to it from byte `split` on.
    pub(crate) fn appended(text: String, split: usize) -> Self {
        Self {
            text: Secret::new(text),
            split,
        }
    }

    /// The signature as it travels (hex or base64 text).
    pub fn value(&self) -> &str {
        self.text.expose().get(self.split..).unwrap_or_default()
    }

    /// The exact string that was hashed; may contain a key, so never log it in production.
    pub fn string_to_sign(&self) -> &str {
        self.text.expose().get(..self.split).unwrap_or_default()
    }

    /// The signature value, dropping the string-to-sign.
    pub fn into_value(self) -> String {
        self.value().to_owned()
    }
}

impl fmt::Debug for Signed {
    // The value is public on the wire anyway; the string-to-sign may hold a key.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signed")
            .field("value", &self.value())
            .finish_non_exhaustive()
    }
}

// Later signatures may cover earlier ones (Midas `mp_sig` signs over `sig`).
impl WireValue for Signed {
    fn write_wire(&self, out: &mut String) {
        out.push_str(self.value());
    }
    fn is_empty_wire(&self) -> bool {
        self.value().is_empty()
    }
    fn write_wire_percent(&self, out: &mut String) {
        gamechannel_core::percent_encode_into(out, self.value());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_string_to_sign() {
        let s = Signed::new("abc".into(), "a=1&secret=KEY".into());
        assert_eq!(s.value(), "abc");
        assert_eq!(s.string_to_sign(), "a=1&secret=KEY");
        let debug = format!("{s:?}");
        assert!(!debug.contains("KEY"), "{debug}");
        let mut out = String::new();
        s.write_wire(&mut out);
        assert_eq!(out, "abc");
        assert_eq!(s.into_value(), "abc");
    }
}
