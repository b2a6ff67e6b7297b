//! The platform wire form of typed values, written straight into the
//! string-to-sign or query string so generated code never formats twice.

use crate::encoding::percent_encode_into;
use crate::secret::Secret;

/// How a typed value is written into a string-to-sign or a query string: the platform's wire form.
pub trait WireValue {
    /// Append the raw wire form (no encoding) to `out`.
    fn write_wire(&self, out: &mut String);

    /// Whether the wire form is empty; platforms such as Midas require empty optional values to be left out.
    fn is_empty_wire(&self) -> bool {
        false
    }

    /// The wire form when the value already is that text (strings), so that a check can read
    /// it without writing a copy; `None` for values whose wire form must be written.
    fn wire_str(&self) -> Option<&str> {
        None
    }

    /// Append the wire form percent-encoded with [`percent_encode_into`] rules.
    ///
    /// The default goes through a temporary string; implementors whose wire
    /// form is already text (or needs no encoding) override it.
    fn write_wire_percent(&self, out: &mut String) {
        let mut raw = String::new();
        self.write_wire(&mut raw);
        percent_encode_into(out, &raw);
    }
}

/// The wire text of `value`: borrowed when it already is text, else written into `scratch`
/// (so that reading a string field's text to choose by it allocates nothing).
pub fn wire_text<'a, V: WireValue + ?Sized>(value: &'a V, scratch: &'a mut String) -> &'a str {
    match value.wire_str() {
        Some(text) => text,
        None => {
            value.write_wire(scratch);
            scratch
        }
    }
}

/// An optional value, unless it is empty on the wire: what a recipe that skips empty values
/// reads of an optional field.
#[inline]
pub fn non_empty<V: WireValue + ?Sized>(value: Option<&V>) -> Option<&V> {
    value.filter(|v| !v.is_empty_wire())
}

/// Write `value` percent-encoded (percent_encode_into rules) — for values inside a `|percent` template.
pub fn write_wire_percent<V: WireValue + ?Sized>(out: &mut String, value: &V) {
    value.write_wire_percent(out);
}

impl WireValue for str {
    #[inline]
    fn write_wire(&self, out: &mut String) {
        out.push_str(self);
    }
    fn is_empty_wire(&self) -> bool {
        self.is_empty()
    }
    fn wire_str(&self) -> Option<&str> {
        Some(self)
    }
    fn write_wire_percent(&self, out: &mut String) {
        percent_encode_into(out, self);
    }
}

impl WireValue for String {
    #[inline]
    fn write_wire(&self, out: &mut String) {
        out.push_str(self);
    }
    fn is_empty_wire(&self) -> bool {
        self.is_empty()
    }
    fn wire_str(&self) -> Option<&str> {
        Some(self)
    }
    fn write_wire_percent(&self, out: &mut String) {
        percent_encode_into(out, self);
    }
}

impl WireValue for Secret {
    #[inline]
    fn write_wire(&self, out: &mut String) {
        out.push_str(self.expose());
    }
    fn is_empty_wire(&self) -> bool {
        self.is_empty()
    }
    fn write_wire_percent(&self, out: &mut String) {
        percent_encode_into(out, self.expose());
    }
}

impl<T: WireValue + ?Sized> WireValue for &T {
    #[inline]
    fn write_wire(&self, out: &mut String) {
        (**self).write_wire(out);
    }
    fn is_empty_wire(&self) -> bool {
        (**self).is_empty_wire()
    }
    fn wire_str(&self) -> Option<&str> {
        (**self).wire_str()
    }
    fn write_wire_percent(&self, out: &mut String) {
        (**self).write_wire_percent(out);
    }
}

impl WireValue for bool {
    fn write_wire(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
    fn write_wire_percent(&self, out: &mut String) {
        self.write_wire(out);
    }
}

// Digits and '-' are unreserved, so the percent form equals the raw form.
macro_rules! wire_integer {
    ($($t:ty),*) => {$(
        impl WireValue for $t {
            fn write_wire(&self, out: &mut String) {
                out.push_str(itoa::Buffer::new().format(*self));
            }
            fn write_wire_percent(&self, out: &mut String) {
                self.write_wire(out);
            }
        }
    )*};
}

wire_integer!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

#[cfg(test)]
mod tests {
    use super::*;

    fn wire<V: WireValue + ?Sized>(v: &V) -> (String, String) {
        let mut raw = String::new();
        v.write_wire(&mut raw);
        let mut pct = String::new();
        write_wire_percent(&mut pct, v);
        (raw, pct)
    }

    #[test]
    fn integers() {
        assert_eq!(wire(&0u8).0, "0");
        assert_eq!(wire(&u64::MAX).0, u64::MAX.to_string());
        assert_eq!(wire(&i64::MIN).0, i64::MIN.to_string());
        assert_eq!(wire(&i8::MIN).1, "-128");
        assert_eq!(wire(&-7isize).0, "-7");
        assert_eq!(wire(&usize::MAX).0, usize::MAX.to_string());
    }

    #[test]
    fn text_and_bool() {
        assert_eq!(wire("a b/c"), ("a b/c".into(), "a%20b%2Fc".into()));
        assert_eq!(wire(&String::from("~")).1, "%7E");
        assert_eq!(wire(&&"x=1").1, "x%3D1");
        assert_eq!(wire(&true), ("true".into(), "true".into()));
        assert_eq!(wire(&Secret::new("k+y")).1, "k%2By");
        assert!("".is_empty_wire());
        assert!(String::new().is_empty_wire());
        assert!((&"").is_empty_wire());
        assert!(!"x".is_empty_wire());
        assert!(!0u32.is_empty_wire());
        assert_eq!((&"x").wire_str(), Some("x"));
        assert_eq!(String::from("y").wire_str(), Some("y"));
        assert_eq!(7u8.wire_str(), None);
        assert!(Secret::new("").is_empty_wire());
    }

    /// Uses the trait's default method, as a third-party type would.
    struct Custom;
    impl WireValue for Custom {
        fn write_wire(&self, out: &mut String) {
            out.push_str("a&b");
        }
    }

    #[test]
    fn default_percent() {
        assert_eq!(wire(&Custom), ("a&b".into(), "a%26b".into()));
    }
}
