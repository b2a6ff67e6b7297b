//! Markdown text helpers: every piece of spec text passes through one of these before it
//! reaches a template, so the templates never have to think about escaping.

/// An inline code span that shows `text` exactly, whatever backticks or spaces it holds.
///
/// Empty text has no code span (CommonMark would print the backticks), so it reads as a
/// placeholder instead.
pub(crate) fn code(text: &str) -> String {
    if text.is_empty() {
        return "*(empty)*".to_owned();
    }
    let fence = "`".repeat(longest_run(text, '`') + 1);
    // CommonMark strips one space from each end when both are present; padding whenever an
    // edge is a space or a backtick keeps the content intact and the fence unambiguous.
    let pad = text.starts_with([' ', '`']) || text.ends_with([' ', '`']);
    let pad = if pad { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// A fenced code block holding `text` verbatim (it ends with a newline).
pub(crate) fn block(text: &str) -> String {
    let fence = "`".repeat((longest_run(text, '`') + 1).max(3));
    format!("{fence}text\n{text}\n{fence}\n")
}

/// Makes text safe inside a table cell: one line, and `|` escaped (GFM honours `\|` even
/// inside code spans, so this is applied after [`code`]).
pub(crate) fn cell(text: &str) -> String {
    one_line(text).replace('|', "\\|")
}

/// Collapses line breaks (and the indentation after them) into single spaces, for headings,
/// list items and table cells, where a newline would end the construct.
pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Block Markdown written by a spec author, kept as written but without trailing blank lines
/// that would pile up against the template's own spacing.
pub(crate) fn paragraph(text: &str) -> String {
    text.trim_end().to_owned()
}

/// A link to a URL; an autolink when the URL can be one, else a code span so that a strange
/// URL is still shown rather than breaking the page.
pub(crate) fn link(url: &str) -> String {
    if url.is_empty() || url.contains(|c: char| c.is_whitespace() || c == '<' || c == '>') {
        code(url)
    } else {
        format!("<{url}>")
    }
}

/// The anchor GitHub gives a heading: lowercase, punctuation dropped, spaces to hyphens.
pub(crate) fn anchor(heading_text: &str) -> String {
    heading_text
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Text that can sit inside an HTML comment: `--` may not appear there.
pub(crate) fn comment_safe(text: &str) -> String {
    one_line(text).replace("--", "- -")
}

/// `yes` or `no`, the way every boolean column reads.
pub(crate) fn yes_no(value: bool) -> &'static str {
    if value { "yes" } else { "no" }
}

fn longest_run(text: &str, wanted: char) -> usize {
    let (mut longest, mut current) = (0, 0);
    for c in text.chars() {
        current = if c == wanted { current + 1 } else { 0 };
        longest = longest.max(current);
    }
    longest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_survive_backticks_and_spaces() {
        assert_eq!(code("a"), "`a`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(code(" x"), "`  x `");
        assert_eq!(code(""), "*(empty)*");
    }

    #[test]
    fn cells_are_one_line_with_pipes_escaped() {
        assert_eq!(cell("a|b\n  c"), "a\\|b c");
    }

    #[test]
    fn blocks_outgrow_inner_fences() {
        assert_eq!(block("x```y"), "````text\nx```y\n````\n");
    }

    #[test]
    fn anchors_follow_github() {
        assert_eq!(anchor("`pay_notify` (callback)"), "pay_notify-callback");
    }
}
