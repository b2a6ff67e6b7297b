//! Pieces of the straight-line signing code that are not worth inlining. Transforms and
//! algorithms are not here: they live in `gamechannel-core`, shared with the spec interpreter.

use gamechannel_core::{KeyError, Secret, Signer, WireValue};

use crate::Signed;

/// One signature's key and string-to-sign, ready to be signed (requests) or checked
/// (callbacks) by its algorithm.
///
/// Verification goes through [`Signer::verify`], never through recomputing and comparing
/// here, so an algorithm that cannot recompute (an asymmetric one) checks in its own way.
pub struct ToSign<'k> {
    signer: Signer,
    key: Key<'k>,
    message: String,
}

enum Key<'k> {
    /// A credential's own bytes, borrowed.
    Borrowed(&'k [u8]),
    /// A key built from a template; wiped when dropped.
    Built(Secret),
}

impl<'k> ToSign<'k> {
    /// A key that is one credential as it is (or none: `&[]`).
    pub fn new(signer: Signer, key: &'k [u8], message: String) -> Self {
        Self {
            signer,
            key: Key::Borrowed(key),
            message,
        }
    }

    /// A key built from a template.
    pub fn with_built_key(signer: Signer, key: String, message: String) -> Self {
        Self {
            signer,
            key: Key::Built(Secret::new(key)),
            message,
        }
    }

    fn key(&self) -> &[u8] {
        match &self.key {
            Key::Borrowed(key) => key,
            Key::Built(key) => key.expose().as_bytes(),
        }
    }

    /// The signature, with the string it was computed over. Generated code calls this only
    /// for digests and HMACs, which cannot fail; an RSA recipe goes through [`Self::try_sign`].
    pub fn sign(self) -> Signed {
        match self.try_sign() {
            Ok(signed) => signed,
            Err(error) => unreachable!("only an asymmetric algorithm fails to sign: {error}"),
        }
    }

    /// The signature, or why the key cannot make it (an RSA key that is not a private key).
    pub fn try_sign(mut self) -> Result<Signed, KeyError> {
        // The value goes after the message in the same buffer, which generated code sizes
        // for both.
        let split = self.message.len();
        let mut text = std::mem::take(&mut self.message);
        self.signer.sign_appending(self.key(), &mut text)?;
        Ok(Signed::appended(text, split))
    }

    /// The string to sign.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Whether `received` is this message's signature (constant time). Generated code calls
    /// this only for digests and HMACs, which cannot fail; an RSA recipe goes through
    /// [`Self::try_verify`], so a key error is never mistaken for a forgery.
    pub fn verify(&self, received: &str) -> bool {
        self.try_verify(received).unwrap_or(false)
    }

    /// Whether `received` is this message's signature; an error when an RSA key cannot be read.
    pub fn try_verify(&self, received: &str) -> Result<bool, KeyError> {
        self.signer
            .verify(self.key(), self.message.as_bytes(), received)
    }
}

/// The bytes of a key that is one credential as it is: no copy, no temporary to zeroize.
pub trait KeyBytes {
    /// The key's bytes.
    fn key_bytes(&self) -> &[u8];
}

impl KeyBytes for gamechannel_core::Secret {
    fn key_bytes(&self) -> &[u8] {
        self.expose().as_bytes()
    }
}

impl KeyBytes for String {
    fn key_bytes(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl KeyBytes for str {
    fn key_bytes(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl<T: KeyBytes + ?Sized> KeyBytes for &T {
    fn key_bytes(&self) -> &[u8] {
        (**self).key_bytes()
    }
}

/// An object field's JSON text as a wire value (object fields are signed and sent as JSON).
pub struct JsonText<'a, T: serde::Serialize>(pub &'a T);

impl<T: serde::Serialize> WireValue for JsonText<'_, T> {
    fn write_wire(&self, out: &mut String) {
        // Derived structs of strings and numbers always serialize.
        if let Ok(json) = serde_json::to_string(self.0) {
            out.push_str(&json);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_text() {
        let mut out = String::new();
        JsonText(&serde_json::json!({"a": 1})).write_wire(&mut out);
        assert_eq!(out, r#"{"a":1}"#);
    }
}
