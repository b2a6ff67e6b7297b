//! Problems found in the text before any YAML is parsed, or by the YAML parser itself: bytes
//! that are not UTF-8, nesting too deep to parse, syntax errors; and duplicate keys blanked out
//! so that the rest of the spec is still checked.

use crate::diagnostics::Diagnostic;
use crate::locate::{LineIndex, Span};

/// Deepest nesting a spec may have; real specs stay under 10, and the parsers recurse.
pub const MAX_DEPTH: usize = 64;

/// Widest indentation (in columns) a spec may have, for the same reason.
const MAX_INDENT: usize = 512;

/// A problem at `span` of `text` (1-based line, char columns).
pub(crate) fn located(file: &str, text: &str, span: Span, message: String) -> Diagnostic {
    Diagnostic {
        file: file.to_owned(),
        line: Some(span.line),
        column: Some(span.column),
        end_column: Some(span.end_column),
        source_line: text
            .lines()
            .nth(span.line - 1)
            .map(|l| l.trim_end_matches('\r').to_owned()),
        code: crate::validate::code_for(&message),
        message,
        ..Diagnostic::default()
    }
}

/// Where a text that is not UTF-8 goes wrong: one diagnostic with line, column and byte offset.
pub(crate) fn not_utf8(file: &str, bytes: &[u8], error: &std::str::Utf8Error) -> Diagnostic {
    let offset = error.valid_up_to();
    let before = String::from_utf8_lossy(&bytes[..offset]);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    let text = String::from_utf8_lossy(bytes);
    located(
        file,
        &text,
        Span {
            line,
            column,
            end_column: column + 1,
        },
        format!("not UTF-8: byte 0x{:02x} at offset {offset}", bytes[offset]),
    )
}

/// The first place nested deeper than [`MAX_DEPTH`] (flow brackets) or indented wider than
/// the parsers can follow, found in one pass before any parser recurses.
pub(crate) fn too_deep(file: &str, text: &str) -> Option<Diagnostic> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (n, line) in text.lines().enumerate() {
        let indent = line.chars().take_while(|c| *c == ' ' || *c == '-').count();
        let mut chars = line.chars().enumerate().peekable();
        let mut previous = ' ';
        let problem = |column: usize, message: String| {
            let span = Span {
                line: n + 1,
                column: column + 1,
                end_column: column + 2,
            };
            Some(located(file, text, span, message))
        };
        if indent > MAX_INDENT && quote.is_none() {
            return problem(
                indent,
                format!(
                    "nested or indented deeper than {MAX_INDENT} columns; a spec never needs that"
                ),
            );
        }
        while let Some((column, c)) = chars.next() {
            match (quote, c) {
                (Some('"'), '\\') => {
                    chars.next();
                }
                (Some(q), c) if c == q => {
                    if q == '\'' && chars.peek().map(|(_, c)| *c) == Some('\'') {
                        chars.next();
                    } else {
                        quote = None;
                    }
                }
                (Some(_), _) => {}
                (None, '#') if previous.is_whitespace() => break,
                (None, '"' | '\'') if depth > 0 || previous.is_whitespace() || column == 0 => {
                    quote = Some(c)
                }
                (None, '[' | '{') => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return problem(
                            column,
                            format!(
                                "nested deeper than {MAX_DEPTH} levels; a spec never needs that"
                            ),
                        );
                    }
                }
                (None, ']' | '}') => depth = depth.saturating_sub(1),
                _ => {}
            }
            previous = c;
        }
        // A plain flow scalar cannot span lines with an open single quote; keep going anyway.
    }
    None
}

/// serde_yaml's syntax error, located, in plain words.
pub(crate) fn yaml_error(file: &str, text: &str, error: &serde_yaml::Error) -> Diagnostic {
    let full = error.to_string();
    let message = full.split(" at line ").next().unwrap_or(&full).to_owned();
    let Some(location) = error.location() else {
        let mut d = located(
            file,
            text,
            Span {
                line: 1,
                column: 1,
                end_column: 2,
            },
            format!("not valid YAML: {message}"),
        );
        d.line = None;
        d.column = None;
        d.source_line = None;
        return d;
    };
    let (line, column) = (location.line(), location.column());
    let at = text
        .lines()
        .nth(line.saturating_sub(1))
        .and_then(|l| l.chars().nth(column.saturating_sub(1)));
    let (message, hint) =
        if at == Some('\t') || message.contains("cannot start any token") && at == Some('\t') {
            (
                "not valid YAML: a tab cannot indent YAML".to_owned(),
                Some("indent with spaces".to_owned()),
            )
        } else if message.contains("did not find expected ',' or ']'") {
            (
                "not valid YAML: a `[` list is not closed here".to_owned(),
                Some("close it with `]`, or separate its items with `,`".to_owned()),
            )
        } else if message.contains("did not find expected ',' or '}'") {
            (
                "not valid YAML: a `{` mapping is not closed here".to_owned(),
                Some("close it with `}`, or separate its entries with `,`".to_owned()),
            )
        } else {
            (
                format!("not valid YAML: {}", message.replace('\'', "`")),
                None,
            )
        };
    let span = Span {
        line: line.max(1),
        column: column.max(1),
        end_column: column.max(1) + 1,
    };
    let mut d = located(file, text, span, message);
    d.hint = hint;
    d
}

/// `text` with every repeated block-style key (and its indented value) blanked out, lines kept,
/// so that the rest of the spec can be checked; `None` when a repeat is in flow style.
pub(crate) fn without_duplicates(text: &str, index: &LineIndex) -> Option<String> {
    let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
    for (_, span, _) in &index.duplicate_spans {
        let row = span.line - 1;
        let line = lines.get(row)?;
        let indent = line.chars().take_while(|c| *c == ' ').count();
        if indent + 1 != span.column {
            return None;
        }
        lines[row] = String::new();
        for next in lines.iter_mut().skip(row + 1) {
            let inner = next.chars().take_while(|c| *c == ' ').count();
            if next.trim().is_empty() || inner > indent {
                next.clear();
            } else {
                break;
            }
        }
    }
    Some(lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_found_at_once() {
        let text = format!("a: {}", "[".repeat(100_000));
        let started = std::time::Instant::now();
        let d = too_deep("x.yaml", &text).expect("too deep");
        assert!(started.elapsed().as_millis() < 500);
        assert_eq!((d.line, d.column), (Some(1), Some(4 + MAX_DEPTH)));
        assert!(too_deep("x.yaml", "a: [[1], {b: \"[[[[\"}]  # [[[[").is_none());
    }

    #[test]
    fn not_utf8_names_the_byte_and_its_place() {
        let bytes: &[u8] = &[b"a: 1\nb: ".as_slice(), &[0xff], b"\n"].concat();
        let error = std::str::from_utf8(bytes).unwrap_err();
        let d = not_utf8("x.yaml", bytes, &error);
        assert_eq!((d.line, d.column), (Some(2), Some(4)));
        assert_eq!(d.message, "not UTF-8: byte 0xff at offset 8");
    }
}
