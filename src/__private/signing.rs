//! Pieces of the straight-line signing code that are not worth inlining.

use gamechannel_core::{WireValue, md5_hex_into, percent_encode_into};

/// Appends the wire form percent-encoded `times` times (a `|percent` filter over encoded values).
pub fn write_percent_n<V: WireValue + ?Sized>(out: &mut String, value: &V, times: u8) {
    let mut text = String::new();
    value.write_wire(&mut text);
    for _ in 0..times {
        text = percent(&text);
    }
    out.push_str(&text);
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

/// The `|percent` filter.
pub fn percent(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    percent_encode_into(&mut out, text);
    out
}

/// The `|md5` filter: lowercase hex MD5.
pub fn md5(text: &str) -> String {
    let mut out = String::with_capacity(32);
    md5_hex_into(&mut out, text.as_bytes());
    out
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
    fn filters() {
        let mut out = String::new();
        write_percent_n(&mut out, "a b", 2);
        assert_eq!(out, "a%2520b");
        assert_eq!(md5(""), "d41d8cd98f00b204e9800998ecf8427e");
        let mut out = String::new();
        JsonText(&serde_json::json!({"a": 1})).write_wire(&mut out);
        assert_eq!(out, r#"{"a":1}"#);
    }
}
