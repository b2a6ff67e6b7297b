//! Text in TypeScript: doc comments, property names, string literals.

/// A `/** … */` block at `indent`: the summary, then the notes as their own paragraph.
pub(crate) fn doc_comment(indent: &str, summary: &str, notes: Option<&str>) -> String {
    let mut lines: Vec<String> = summary.lines().map(str::to_owned).collect();
    if let Some(notes) = notes.filter(|n| !n.trim().is_empty()) {
        lines.push(String::new());
        lines.extend(notes.trim().lines().map(str::to_owned));
    }
    let mut out = format!("{indent}/**\n");
    for line in lines {
        // `*/` would end the comment early.
        let line = line.replace("*/", "*\\/");
        let line = line.trim_end();
        if line.is_empty() {
            out.push_str(&format!("{indent} *\n"));
        } else {
            out.push_str(&format!("{indent} * {line}\n"));
        }
    }
    out.push_str(&format!("{indent} */\n"));
    out
}

/// A property name as written in an interface: bare when it is an identifier, else quoted.
pub(crate) fn property_name(name: &str) -> String {
    let mut chars = name.chars();
    let identifier = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if identifier {
        name.to_owned()
    } else {
        string_literal(name)
    }
}

/// A double-quoted string literal (JSON's escaping is valid TypeScript).
pub(crate) fn string_literal(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
}

/// One line of text fit for a `//` comment.
pub(crate) fn line_safe(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_cannot_be_closed_early() {
        let c = doc_comment("  ", "a */ b", Some("x\n\ny"));
        assert_eq!(
            c,
            "  /**\n   * a *\\/ b\n   *\n   * x\n   *\n   * y\n   */\n"
        );
    }

    #[test]
    fn property_names() {
        assert_eq!(property_name("offerId"), "offerId");
        assert_eq!(property_name("a-b"), "\"a-b\"");
        assert_eq!(property_name("1x"), "\"1x\"");
    }
}
