//! The simple matcher against regex-lite on the same patterns and texts.

use proptest::prelude::*;

use super::*;

/// Patterns of the seed specs and neighbours that exercise each rule.
const PATTERNS: &[&str] = &[
    r"^[0-9]+\.[0-9]{2}$",
    r"^[0-9A-Za-z_-]+$",
    r"^[0-9A-Za-z*-][0-9A-Za-z_*-]*$",
    r"^[a-f0-9]{32}$",
    r"^[^,=]{1,8}=?$",
    r"^a.c$",
    r"^[a-z]*a$",
    r"^a{1,2}a$",
    r"^[a-c]?[b-d]?b$",
    r"^[-a]+[0-9]{2,}$",
    r"^元[一-龥]{0,3}$",
    r"^$",
    r"^(ab|c)+$",
    r"^\d{3}$",
    r"^x[a-]*$",
];

fn simple(pattern: &str) -> bool {
    matches!(CompiledPattern::new(pattern).unwrap().0, Matcher::Pieces(_))
}

#[test]
fn which_patterns_are_simple() {
    assert!(simple(PATTERNS[0]));
    assert!(simple(PATTERNS[1]));
    assert!(simple(PATTERNS[2]));
    assert!(simple(r"^[^,=]{1,8}=?$"));
    // A repeated piece that could give its last character to the next one.
    assert!(!simple(r"^[a-z]*a$"));
    assert!(!simple(r"^a{1,2}a$"));
    assert!(!simple(r"^[a-c]?[b-d]?b$"));
    assert!(!simple(r"^(ab|c)+$"));
    assert!(!simple(r"^\d{3}$"));
    assert!(!simple("[a-z]+"));
    assert!(!simple(r"^a\$"));
    assert!(CompiledPattern::new("^(?<unclosed").is_err());
}

#[test]
fn known_answers() {
    let price = CompiledPattern::new(PATTERNS[0]).unwrap();
    assert!(price.is_match("6.00"));
    assert!(price.is_match("12345.67"));
    assert!(!price.is_match("6.0"));
    assert!(!price.is_match(".00"));
    assert!(!price.is_match("6.000"));
    assert!(!price.is_match("6,00"));
    assert!(!price.is_match("6.00\n"));
}

proptest! {
    #[test]
    fn agrees_with_regex(text in "[a-f0-9._,=\\-*元一x\n]{0,12}", which in 0..PATTERNS.len()) {
        let pattern = PATTERNS[which];
        let regex = Regex::new(pattern).unwrap();
        let compiled = CompiledPattern::new(pattern).unwrap();
        prop_assert_eq!(compiled.is_match(&text), regex.is_match(&text), "{} on {:?}", pattern, text);
    }

    #[test]
    fn agrees_on_generated_patterns(
        atoms in prop::collection::vec(("(\\[[a-c0-9-]{1,3}\\]|[a-c.]|\\\\\\.)", "(|\\?|\\*|\\+|\\{[0-2]\\}|\\{1,2\\}|\\{1,\\})"), 0..4),
        text in "[a-d0-9.\\-]{0,8}",
    ) {
        let pattern: String = atoms.iter().map(|(a, q)| format!("{a}{q}")).collect();
        let pattern = format!("^{pattern}$");
        if let Ok(regex) = Regex::new(&pattern) {
            let compiled = CompiledPattern::new(&pattern).unwrap();
            prop_assert_eq!(compiled.is_match(&text), regex.is_match(&text), "{} on {:?}", pattern, text);
        } else {
            prop_assert!(CompiledPattern::new(&pattern).is_err());
        }
    }
}
