//! Percent-encoding, form decoding and hex: the text transforms every platform's
//! signing rule is built from.

use std::borrow::Cow;
use std::fmt;

const HEX_LOWER: &[u8; 16] = b"0123456789abcdef";
const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";

/// Percent-encode: every byte of the UTF-8 input except A-Z a-z 0-9 - _ . becomes %XX with UPPERCASE hex
/// (so '~' -> %7E, ' ' -> %20, '+' -> %2B, '*' -> %2A), the Tencent OpenAPI v3 rule.
pub fn percent_encode_into(out: &mut String, s: &str) {
    out.reserve(s.len());
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX_UPPER[usize::from(b >> 4)] as char);
            out.push(HEX_UPPER[usize::from(b & 0xf)] as char);
        }
    }
}

/// Percent-encode `s` into a new string; see [`percent_encode_into`].
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    percent_encode_into(&mut out, s);
    out
}

/// Encode one component for a URL query (same as percent_encode_into) — used to build query strings.
///
/// Appends `&` first unless `out` is empty or ends with `?`, then `name=value`
/// with both sides percent-encoded.
pub fn push_query_pair(out: &mut String, name: &str, value: &str) {
    if !(out.is_empty() || out.ends_with('?')) {
        out.push('&');
    }
    percent_encode_into(out, name);
    out.push('=');
    percent_encode_into(out, value);
}

/// Appends `s` as a JSON string literal, quotes included: `"`, `\` and control characters
/// escaped, everything else (non-ASCII included) as it is. The one JSON string writer, so that a
/// body built by the runtime and one rebuilt by the interpreter are the same bytes.
pub fn json_string_into(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Lowercase hex of `bytes` appended to `out`.
pub fn hex_lower_into(out: &mut String, bytes: &[u8]) {
    // Through a stack buffer: one copy per 32 bytes instead of a push per digit.
    let mut buf = [0u8; 64];
    for chunk in bytes.chunks(32) {
        for (pair, &b) in buf.chunks_exact_mut(2).zip(chunk) {
            pair[0] = HEX_LOWER[usize::from(b >> 4)];
            pair[1] = HEX_LOWER[usize::from(b & 0xf)];
        }
        out.push_str(std::str::from_utf8(&buf[..2 * chunk.len()]).unwrap_or_default());
    }
}

/// Why a query string or form component could not be decoded, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    kind: DecodeErrorKind,
    offset: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DecodeErrorKind {
    BadEscape,
    InvalidUtf8,
}

impl DecodeError {
    /// Byte offset in the input that was passed to the decoding function.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Whether the input had a `%` not followed by two hex digits (otherwise: invalid UTF-8).
    pub fn is_bad_escape(&self) -> bool {
        self.kind == DecodeErrorKind::BadEscape
    }

    pub(crate) fn shifted(self, by: usize) -> Self {
        Self {
            offset: self.offset + by,
            ..self
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            DecodeErrorKind::BadEscape => "bad percent escape",
            DecodeErrorKind::InvalidUtf8 => "invalid UTF-8 after decoding",
        };
        write!(f, "{what} at byte {}", self.offset)
    }
}

impl std::error::Error for DecodeError {}

fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Decode one application/x-www-form-urlencoded component: '+' -> space, %XX -> byte (either hex case).
/// Returns Err on a bad escape ('%' not followed by two hex digits) or on invalid UTF-8 after decoding.
pub fn form_decode(s: &str) -> Result<Cow<'_, str>, DecodeError> {
    let input = s.as_bytes();
    // Most values carry nothing to decode; borrowing avoids an allocation per pair.
    if !input.iter().any(|&b| b == b'%' || b == b'+') {
        return Ok(Cow::Borrowed(s));
    }
    let mut bytes = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        match input[i] {
            b'+' => {
                bytes.push(b' ');
                i += 1;
            }
            b'%' => {
                let hi = input.get(i + 1).copied().and_then(hex_val);
                let lo = input.get(i + 2).copied().and_then(hex_val);
                let (Some(hi), Some(lo)) = (hi, lo) else {
                    return Err(DecodeError {
                        kind: DecodeErrorKind::BadEscape,
                        offset: i,
                    });
                };
                bytes.push(hi << 4 | lo);
                i += 3;
            }
            b => {
                bytes.push(b);
                i += 1;
            }
        }
    }
    match String::from_utf8(bytes) {
        Ok(decoded) => Ok(Cow::Owned(decoded)),
        Err(e) => Err(DecodeError {
            kind: DecodeErrorKind::InvalidUtf8,
            offset: input_offset(input, e.utf8_error().valid_up_to()),
        }),
    }
}

/// Map an offset in the decoded bytes back to the input, so errors point at
/// what the caller actually sent. Only called on well-formed escapes.
fn input_offset(input: &[u8], decoded: usize) -> usize {
    let (mut i, mut d) = (0, 0);
    while d < decoded && i < input.len() {
        i += if input[i] == b'%' { 3 } else { 1 };
        d += 1;
    }
    i
}

/// Decoded (name, value) pairs of a query string, in received order.
pub type QueryPairs<'a> = Vec<(Cow<'a, str>, Cow<'a, str>)>;

/// Split a raw query string (no leading '?'; a leading '?' is tolerated and ignored) or a form body
/// into decoded (name, value) pairs in received order, by the rules of
/// [`crate::received`] ("a" without '=' gives value "", empty segments are skipped). Never
/// panics on any input.
///
/// Error offsets are relative to `raw` as passed in.
pub fn parse_query(raw: &str) -> Result<QueryPairs<'_>, DecodeError> {
    crate::received::form_pairs(raw)
        .map(|pair| pair.map(|p| (p.name, p.value)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_tencent_rule() {
        assert_eq!(percent_encode("~ +*"), "%7E%20%2B%2A");
        assert_eq!(percent_encode("aZ09-_."), "aZ09-_.");
        assert_eq!(percent_encode("元"), "%E5%85%83");
    }

    #[test]
    fn query_pairs() {
        let mut q = String::from("https://h/p?");
        push_query_pair(&mut q, "a b", "1+1");
        push_query_pair(&mut q, "sig", "o/n=");
        assert_eq!(q, "https://h/p?a%20b=1%2B1&sig=o%2Fn%3D");
        let mut q = String::new();
        push_query_pair(&mut q, "x", "");
        assert_eq!(q, "x=");
    }

    #[test]
    fn decodes() {
        assert_eq!(form_decode("a+b%2fc%2F").unwrap(), "a b/c/");
        assert!(matches!(form_decode("plain").unwrap(), Cow::Borrowed(_)));
        assert_eq!(form_decode("%E5%85%83").unwrap(), "元");
        let e = form_decode("abc%4").unwrap_err();
        assert!(e.is_bad_escape());
        assert_eq!(e.to_string(), "bad percent escape at byte 3");
        let e = form_decode("a%zz").unwrap_err();
        assert_eq!(e.offset(), 1);
        let e = form_decode("ab%E5%85").unwrap_err();
        assert!(!e.is_bad_escape());
        assert_eq!(e.to_string(), "invalid UTF-8 after decoding at byte 2");
    }

    #[test]
    fn parses_query() {
        let p = parse_query("?a=1&&b=x+y&c&=v&d=%3D=").unwrap();
        let p: Vec<(&str, &str)> = p.iter().map(|(n, v)| (&**n, &**v)).collect();
        assert_eq!(
            p,
            [("a", "1"), ("b", "x y"), ("c", ""), ("", "v"), ("d", "==")]
        );
        assert!(parse_query("").unwrap().is_empty());
        assert!(parse_query("?").unwrap().is_empty());
        assert_eq!(
            parse_query("a=1&b=%x").unwrap_err().to_string(),
            "bad percent escape at byte 6"
        );
        assert_eq!(parse_query("?a=1&%g=1").unwrap_err().offset(), 5);
    }

    #[test]
    fn hex() {
        let mut s = String::new();
        hex_lower_into(&mut s, &[0x00, 0xab, 0xff, 0x10]);
        assert_eq!(s, "00abff10");
    }
}
