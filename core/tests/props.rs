//! Property tests: decoding never panics and encoding round-trips.

use gamechannel_core::{WireValue, ct_eq, form_decode, parse_query, percent_encode};
use proptest::prelude::*;

proptest! {
    #[test]
    fn form_decode_never_panics(s in any::<String>()) {
        let _ = form_decode(&s);
    }

    #[test]
    fn form_decode_never_panics_on_escapes(s in "[%+=&a-fA-F0-9\u{80}-\u{10FFFF}]{0,24}") {
        let _ = form_decode(&s);
        let _ = parse_query(&s);
    }

    #[test]
    fn parse_query_never_panics(s in any::<String>()) {
        let _ = parse_query(&s);
    }

    #[test]
    fn percent_encode_round_trips(s in any::<String>()) {
        let encoded = percent_encode(&s);
        prop_assert!(encoded
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'%')));
        prop_assert_eq!(form_decode(&encoded).unwrap(), s.as_str());
    }

    #[test]
    fn ct_eq_agrees_with_eq(a in "[ab]{0,4}", b in "[ab]{0,4}") {
        prop_assert_eq!(ct_eq(&a, &b), a == b);
    }

    #[test]
    fn ct_eq_agrees_with_eq_arbitrary(a in any::<String>(), b in any::<String>()) {
        prop_assert_eq!(ct_eq(&a, &b), a == b);
        prop_assert!(ct_eq(&a, &a));
    }

    #[test]
    fn i64_wire_matches_to_string(n in any::<i64>()) {
        let mut out = String::new();
        n.write_wire(&mut out);
        prop_assert_eq!(out, n.to_string());
    }
}
