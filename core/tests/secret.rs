//! `Secret` must never reveal its value through formatting.

use gamechannel_core::Secret;

#[test]
fn debug_never_shows_value() {
    for value in ["abc", "zNLgAGgqsEWJOg1nFVaO5r7fAlIQxr1u", "", "元宝", "***"] {
        let s = Secret::new(value);
        for shown in [format!("{s:?}"), format!("{s:#?}")] {
            assert_eq!(shown, "Secret(***)");
        }
        assert_eq!(s.expose(), value);
    }
    let nested = format!("{:?}", Some(Secret::new("abc")));
    assert!(!nested.contains("abc"), "{nested}");
    let in_vec = format!("{:?}", vec![Secret::from("hunter2".to_string())]);
    assert!(!in_vec.contains("hunter2"));
    assert!(!in_vec.contains('7'), "length must not leak: {in_vec}");
}
