//! Pieces of the straight-line signing code that are not worth inlining. Transforms and
//! algorithms are not here: they live in `gamechannel-core`, shared with the spec interpreter.

use gamechannel_core::WireValue;

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
