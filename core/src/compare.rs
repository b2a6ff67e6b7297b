//! Constant-time signature comparison, so verifying a callback leaks no timing
//! hint about how many leading characters of a forged signature were right.

use subtle::{
    Choice, ConditionallySelectable, ConstantTimeEq, ConstantTimeGreater, ConstantTimeLess,
};

/// Constant-time equality of two signatures (length may leak, content does not) using subtle.
pub fn ct_eq(a: &str, b: &str) -> bool {
    a.as_bytes().ct_eq(b.as_bytes()).into()
}

/// Constant-time, ASCII-case-insensitive equality (for hex signatures that a platform may send in either case).
pub fn ct_eq_ignore_ascii_case(a: &str, b: &str) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut equal = Choice::from(1);
    for (&x, &y) in a.as_bytes().iter().zip(b.as_bytes()) {
        equal &= ct_lower(x).ct_eq(&ct_lower(y));
    }
    equal.into()
}

/// ASCII lowercase without a data-dependent branch.
fn ct_lower(b: u8) -> u8 {
    let is_upper = b.ct_gt(&(b'A' - 1)) & b.ct_lt(&(b'Z' + 1));
    u8::conditional_select(&b, &(b | 0x20), is_upper)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact() {
        assert!(ct_eq("abc", "abc"));
        assert!(ct_eq("", ""));
        assert!(!ct_eq("abc", "abd"));
        assert!(!ct_eq("abc", "abcd"));
        assert!(!ct_eq("abc", "ABC"));
    }

    #[test]
    fn ignore_case() {
        assert!(ct_eq_ignore_ascii_case("1ad64E8d", "1AD64e8D"));
        assert!(!ct_eq_ignore_ascii_case("1ad64e8d", "1ad64e8e"));
        assert!(!ct_eq_ignore_ascii_case("ab", "abc"));
        // '@' and '`' differ from 'A'/'a' by the case bit yet are not letters.
        assert!(!ct_eq_ignore_ascii_case("@", "`"));
        assert!(!ct_eq_ignore_ascii_case("[", "{"));
        for x in 0..=255u8 {
            assert_eq!(ct_lower(x), x.to_ascii_lowercase());
        }
    }
}
