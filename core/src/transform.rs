//! Value transforms a signing recipe applies to text: the filters of spec templates
//! (`{params|percent}`, `{key|md5}`) and the per-value encodings of parameter lists.
//!
//! This is the only place where a transform's meaning lives: the spec interpreter, literals
//! encoded at generation time and generated code all call [`Transform::apply_into`].

use crate::algorithm::md5_hex_into;
use crate::encoding::percent_encode_into;
use crate::wire::WireValue;

/// One text-to-text transform.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Transform {
    /// Percent-encoding, Tencent's rule: only `A-Z a-z 0-9 - _ .` are kept.
    Percent,
    /// Lowercase hex MD5 of the UTF-8 bytes.
    Md5,
    /// Percent-encoding keeping only `0-9 a-z A-Z ! * ( )`, every other UTF-8 byte as `%XX`
    /// in uppercase (so `-` is `%2D`): the per-value pre-encoding of Tencent v3 callbacks.
    PercentAlnumMarks,
}

impl Transform {
    /// Every transform, in declaration order.
    pub const ALL: [Transform; 3] = [
        Transform::Percent,
        Transform::Md5,
        Transform::PercentAlnumMarks,
    ];

    /// The name used in spec templates, e.g. `"percent"` in `{params|percent}`.
    pub fn name(self) -> &'static str {
        match self {
            Transform::Percent => "percent",
            Transform::Md5 => "md5",
            Transform::PercentAlnumMarks => "percent_alnum_marks",
        }
    }

    /// Parses a name produced by [`Transform::name`]; exact match only.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.name() == name)
    }

    /// Whether the transform of a concatenation is the concatenation of the transformed pieces.
    ///
    /// Such a transform needs no buffer of its own: literals are transformed at generation
    /// time and each value as it is written. Any other one (a digest) runs over a buffer.
    pub fn is_piecewise(self) -> bool {
        match self {
            Transform::Percent | Transform::PercentAlnumMarks => true,
            Transform::Md5 => false,
        }
    }

    /// Appends the transform of `input` to `out`.
    pub fn apply_into(self, out: &mut String, input: &str) {
        match self {
            Transform::Percent => percent_encode_into(out, input),
            Transform::Md5 => md5_hex_into(out, input.as_bytes()),
            Transform::PercentAlnumMarks => percent_alnum_marks_into(out, input),
        }
    }

    /// The transform of `input`.
    pub fn apply(self, input: &str) -> String {
        let mut out = String::with_capacity(input.len() + 32);
        self.apply_into(&mut out, input);
        out
    }
}

fn percent_alnum_marks_into(out: &mut String, input: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in input.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'!' | b'*' | b'(' | b')') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0x0f)]));
        }
    }
}

/// `input` put through `transforms` left to right.
pub fn apply_all(input: &str, transforms: &[Transform]) -> String {
    let mut text = input.to_owned();
    for transform in transforms {
        text = transform.apply(&text);
    }
    text
}

/// Appends `input` put through `transforms` left to right; without transforms, as it is.
pub fn write_through(out: &mut String, input: &str, transforms: &[Transform]) {
    match transforms {
        [] => out.push_str(input),
        [only] => only.apply_into(out, input),
        [init @ .., last] => last.apply_into(out, &apply_all(input, init)),
    }
}

/// Appends the wire form of `value` put through `transforms` (the general case of generated
/// code; a lone `percent` has its own faster path, [`WireValue::write_wire_percent`]).
pub fn write_value_through<V: WireValue + ?Sized>(
    out: &mut String,
    value: &V,
    transforms: &[Transform],
) {
    match transforms {
        [] => value.write_wire(out),
        [Transform::Percent] => value.write_wire_percent(out),
        _ => {
            let mut raw = String::new();
            value.write_wire(&mut raw);
            write_through(out, &raw, transforms);
        }
    }
}

/// Appends parameters ordered by their written value (byte order; equal values keep their
/// order), each as its prefix (`name=`, or nothing for values only) then its value, `join`
/// between two: the run-time half of a list sorted by value, shared by the interpreter and
/// generated code.
pub fn write_by_value(out: &mut String, items: &mut [(&str, String)], join: &str) {
    items.sort_by(|a, b| a.1.as_bytes().cmp(b.1.as_bytes()));
    for (i, (prefix, value)) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(join);
        }
        out.push_str(prefix);
        out.push_str(value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for t in Transform::ALL {
            assert_eq!(Transform::from_name(t.name()), Some(t));
        }
        assert_eq!(Transform::from_name("MD5"), None);
    }

    #[test]
    fn alnum_marks() {
        assert_eq!(
            Transform::PercentAlnumMarks.apply("-A_b.c~*!()9 中"),
            "%2DA%5Fb%2Ec%7E*!()9%20%E4%B8%AD"
        );
    }

    #[test]
    fn chains() {
        assert_eq!(
            apply_all("a b", &[Transform::Percent, Transform::Percent]),
            "a%2520b"
        );
        assert_eq!(
            apply_all("", &[Transform::Md5]),
            "d41d8cd98f00b204e9800998ecf8427e"
        );
        let mut out = String::from(">");
        write_value_through(&mut out, "a b", &[Transform::Percent, Transform::Md5]);
        assert_eq!(out, format!(">{}", apply_all("a%20b", &[Transform::Md5])));
    }

    proptest::proptest! {
        /// The property the generator relies on to pre-encode literals.
        #[test]
        fn piecewise_transforms_distribute(a in ".*", b in ".*") {
            for t in Transform::ALL.into_iter().filter(|t| t.is_piecewise()) {
                proptest::prop_assert_eq!(t.apply(&format!("{a}{b}")), t.apply(&a) + &t.apply(&b));
            }
        }
    }
}
