//! serde's messages, restated in the spec's own words: no Rust type names.

/// What serde expected, as a spec author would say it, with a hint when one helps.
fn expected(what: &str) -> (String, Option<String>) {
    let what = what.trim();
    let whole = |n: &str| n.len() <= 5 && n.starts_with(['u', 'i']) && n[1..].parse::<u8>().is_ok();
    match what {
        "a boolean" => (
            "`true` or `false`".into(),
            Some("write `true` or `false`".into()),
        ),
        "a string" | "a borrowed string" => ("text".into(), Some("quote it: \"...\"".into())),
        "a sequence" => (
            "a list".into(),
            Some("write `[a, b]` or one `- item` a line".into()),
        ),
        "a map" => ("a mapping of keys to values".into(), None),
        "usize" | "u8" | "u16" | "u32" | "u64" => ("a whole number, 0 or more".into(), None),
        "isize" => ("a whole number".into(), None),
        "f32" | "f64" => ("a number".into(), None),
        n if whole(n) && n.starts_with('u') => ("a whole number, 0 or more".into(), None),
        n if whole(n) => ("a whole number".into(), None),
        n if n.starts_with("struct ") || n.starts_with("map") => {
            ("a mapping of keys to values".into(), None)
        }
        n if n.starts_with("enum ") || n.starts_with("variant") => {
            ("one of the listed words".into(), None)
        }
        // serde_yaml's wording when an enum (a word of the format) gets a mapping or list.
        n if n.contains("Tagged") => (
            "one word".into(),
            Some("write one of the allowed words here, not a mapping or a list".into()),
        ),
        other => (other.to_owned(), None),
    }
}

/// What serde found, as a spec author would say it.
fn found(what: &str) -> String {
    let what = what.trim();
    if let Some(text) = what.strip_prefix("string ") {
        // A block scalar is shown escaped on one line (`"a\nb\n"`): name its first line only.
        let lines = text.matches("\\n").count();
        if let Some((first, _)) = text.split_once("\\n").filter(|_| lines > 1) {
            return format!("a text of {lines} lines ({first}…\")");
        }
        return format!("the text {text}");
    }
    for prefix in ["integer ", "floating point "] {
        if let Some(n) = what.strip_prefix(prefix) {
            return format!("the number {}", n.trim_matches('`'));
        }
    }
    if let Some(b) = what.strip_prefix("boolean ") {
        return format!("`{}`", b.trim_matches('`'));
    }
    match what {
        "map" => "a mapping".into(),
        "sequence" => "a list".into(),
        "unit value" => "nothing".into(),
        other => other.to_owned(),
    }
}

/// Restates `problem` ("invalid type: string \"x\", expected a boolean") in the spec's words.
pub(crate) fn in_spec_words(problem: &str) -> (String, Option<String>) {
    let problem = problem.split(" at line ").next().unwrap_or(problem);
    let body = problem
        .strip_prefix("invalid type: ")
        .or_else(|| problem.strip_prefix("invalid value: "));
    if let Some((got, want)) = body.and_then(|b| b.split_once(", expected ")) {
        let (want, hint) = expected(want);
        let hint = match got.trim() {
            "unit value" => Some("write a value after the colon".into()),
            _ => hint,
        };
        return (format!("expected {want}, found {}", found(got)), hint);
    }
    if let Some(n) = problem.strip_prefix("invalid length ")
        && let Some((len, want)) = n.split_once(", expected ")
    {
        return (
            format!("{len} items, but expected {}", expected(want).0),
            None,
        );
    }
    (problem.to_owned(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_of_several_lines_is_named_by_its_first() {
        let (message, _) =
            in_spec_words(r#"invalid type: string "one\ntwo\n", expected a boolean"#);
        assert_eq!(
            message,
            r#"expected `true` or `false`, found a text of 2 lines ("one…")"#
        );
    }

    #[test]
    fn no_rust_words() {
        let (m, h) = in_spec_words("invalid type: string \"yes please\", expected a boolean");
        assert_eq!(
            m,
            "expected `true` or `false`, found the text \"yes please\""
        );
        assert_eq!(h.as_deref(), Some("write `true` or `false`"));
        let (m, _) = in_spec_words("invalid value: integer `-1`, expected u32");
        assert_eq!(m, "expected a whole number, 0 or more, found the number -1");
        let (m, _) = in_spec_words("invalid type: sequence, expected struct Spec");
        assert_eq!(m, "expected a mapping of keys to values, found a list");
        let (m, h) = in_spec_words("invalid type: map, expected a Value::Tagged enum");
        assert_eq!(m, "expected one word, found a mapping");
        assert!(h.is_some_and(|h| !h.contains("Value")));
        let (m, _) = in_spec_words("invalid type: string \"x\", expected i64");
        assert_eq!(m, "expected a whole number, found the text \"x\"");
    }
}
