//! Problems found in the text before any YAML is parsed, or by the YAML parser itself: bytes
//! that are not UTF-8, nesting too deep to parse, syntax errors; and duplicate keys blanked out
//! so that the rest of the spec is still checked.

use crate::diagnostics::{Code, Diagnostic, Label};
use crate::locate::{LineIndex, Span};

/// Deepest nesting a spec may have; real specs stay under 10, and the parsers recurse.
pub const MAX_DEPTH: usize = 64;

/// Widest indentation (in columns) a spec may have, for the same reason.
const MAX_INDENT: usize = 512;

/// A problem of kind `code` at `span` of `text` (1-based lines, char columns).
pub(crate) fn located(
    code: Code,
    file: &str,
    text: &str,
    span: Span,
    message: String,
) -> Diagnostic {
    Diagnostic {
        file: file.to_owned(),
        line: Some(span.line),
        column: Some(span.column),
        end_line: Some(span.end_line),
        end_column: Some(span.end_column),
        source_line: (span.line..=span.end_line)
            .map(|line| source_line(text, line))
            .collect::<Option<Vec<_>>>()
            .map(|lines| lines.join("\n")),
        code,
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
        Code::NotUtf8,
        file,
        &text,
        Span::on_line(line, column, column + 1),
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
            let span = Span::on_line(n + 1, column + 1, column + 2);
            Some(located(Code::TooDeep, file, text, span, message))
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
            Code::Syntax,
            file,
            text,
            Span::on_line(1, 1, 2),
            format!("not valid YAML: {message}"),
        );
        d.line = None;
        d.column = None;
        d.end_line = None;
        d.end_column = None;
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
            let opened = context(&full, "parsing a flow sequence");
            return unclosed(file, text, '[', (line, column), opened);
        } else if message.contains("did not find expected ',' or '}'") {
            let opened = context(&full, "parsing a flow mapping");
            return unclosed(file, text, '{', (line, column), opened);
        } else if message.contains("mapping values are not allowed") {
            return misplaced_key(file, text, line, column);
        } else if let Some((l, c)) = context(&full, "scanning a quoted scalar") {
            let quote = source_line(text, l).and_then(|s| s.chars().nth(c - 1));
            return unclosed(
                file,
                text,
                quote.unwrap_or('"'),
                (line, column),
                Some((l, c)),
            );
        } else {
            (
                format!("not valid YAML: {}", message.replace('\'', "`")),
                None,
            )
        };
    let span = Span::on_line(line.max(1), column.max(1), column.max(1) + 1);
    let mut d = located(Code::Syntax, file, text, span, message);
    d.hint = hint;
    d
}

/// A `key:` where the parser cannot take one (1-based `line`, `column` of the `:`): most
/// often a key indented deeper than the one above it, which already has its value.
fn misplaced_key(file: &str, text: &str, line: usize, column: usize) -> Diagnostic {
    let indent = |l: &str| l.chars().take_while(|c| *c == ' ').count();
    let here = source_line(text, line).unwrap_or_default();
    let key = |l: &str| {
        let trimmed = l.trim_start().trim_start_matches("- ");
        trimmed
            .split_once(':')
            .map(|(k, v)| (k.trim().to_owned(), !v.trim().is_empty()))
    };
    let above = (1..line)
        .rev()
        .map(|n| (n, source_line(text, n).unwrap_or_default()))
        .find(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
    let start = indent(&here) + 1;
    let deeper = above.as_ref().filter(|(_, l)| indent(&here) > indent(l));
    let found = key(&here)
        .zip(deeper)
        .and_then(
            |((name, _), (above_line, above_text))| match key(above_text) {
                Some((other, true)) => Some((name, other, *above_line, above_text.clone())),
                _ => None,
            },
        );
    let Some((name, other, above_line, above_text)) = found else {
        let colon = Span::on_line(line, column.max(1), column.max(1) + 1);
        let message = "not valid YAML: a `: ` cannot appear here".to_owned();
        let mut d = located(Code::Syntax, file, text, colon, message);
        d.hint =
            Some("put the value in quotes, or indent this key like the keys next to it".into());
        return d;
    };
    let at = Span::on_line(line, start, start + name.chars().count());
    let message = format!(
        "not valid YAML: `{name}` is indented deeper than `{other}` above it, which already has a value"
    );
    let mut d = located(Code::Syntax, file, text, at, message);
    d.hint = Some(format!("indent `{name}` as `{other}` is indented"));
    let other_at = indent(&above_text) + 1;
    d.labels.push(Label {
        line: above_line,
        column: other_at,
        end_column: other_at + other.chars().count(),
        message: format!("`{other}` is here"),
        source_line: above_text,
    });
    d
}

/// What the parser was reading when it stopped: `(line, column)` of the opening bracket or
/// quote, from libyaml's "..., while parsing a flow sequence at line 1 column 4".
fn context(full: &str, what: &str) -> Option<(usize, usize)> {
    let rest = full.split(&format!(", while {what} at line ")).nth(1)?;
    let (line, rest) = rest.split_once(" column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.parse().ok()?, column.parse().ok()?))
}

/// A flow list or mapping, or a quoted text, that is never closed: located at what opens it
/// (`opened`, when the parser said), with a label where the parser gave up (`stop`).
fn unclosed(
    file: &str,
    text: &str,
    opener: char,
    stop: (usize, usize),
    opened: Option<(usize, usize)>,
) -> Diagnostic {
    let (what, hint) = match opener {
        '[' => (
            "`[` list",
            "close it with `]`, or separate its items with `,`".to_owned(),
        ),
        '{' => (
            "`{` mapping",
            "close it with `}`, or separate its entries with `,`".to_owned(),
        ),
        quote => ("quoted text", format!("close it with `{quote}`")),
    };
    let stop = Span::on_line(stop.0.max(1), stop.1.max(1), stop.1.max(1) + 1);
    let Some((line, column)) = opened else {
        let message = format!("not valid YAML: a {what} is not closed here");
        let mut d = located(Code::Unclosed, file, text, stop, message);
        d.hint = Some(hint);
        return d;
    };
    let at = Span::on_line(line, column, column + 1);
    let message = format!("not valid YAML: this {what} is never closed");
    let mut d = located(Code::Unclosed, file, text, at, message);
    d.hint = Some(hint);
    let noun = match opener {
        '[' => "the list",
        '{' => "the mapping",
        _ => "the quoted text",
    };
    d.labels.push(stop_label(text, stop, noun));
    d
}

/// A label where the parser gave up on `noun` ("the list"): there, or at the end of the last line that is not blank
/// when only blank lines follow (the parser stops past the end of the file).
fn stop_label(text: &str, stop: Span, noun: &str) -> Label {
    let offset: usize = text
        .split('\n')
        .take(stop.line - 1)
        .map(|l| l.len() + 1)
        .sum();
    let rest = text.get(offset.min(text.len())..).unwrap_or_default();
    let at_end = rest.chars().skip(stop.column - 1).all(char::is_whitespace);
    let last = (1..=stop.line)
        .rev()
        .find(|&n| source_line(text, n).is_some_and(|l| !l.trim().is_empty()));
    match last.filter(|_| at_end) {
        Some(line) => {
            let source = source_line(text, line).unwrap_or_default();
            let column = source.trim_end().chars().count() + 1;
            Label {
                line,
                column,
                end_column: column + 1,
                message: "the file ends before it is closed".into(),
                source_line: source,
            }
        }
        None => Label {
            line: stop.line,
            column: stop.column,
            end_column: stop.end_column,
            message: format!("{noun} should have ended before this"),
            source_line: source_line(text, stop.line).unwrap_or_default(),
        },
    }
}

/// The text of 1-based `line`, without its line break.
fn source_line(text: &str, line: usize) -> Option<String> {
    text.lines()
        .nth(line.checked_sub(1)?)
        .map(|l| l.trim_end_matches('\r').to_owned())
}

/// `text` with every repeated key (and its value) blanked out, lines and columns kept, so
/// that the rest of the spec can be checked; `None` if that cannot be done.
pub(crate) fn without_duplicates(text: &str, index: &LineIndex) -> Option<String> {
    let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
    for duplicate in index.duplicates() {
        if duplicate.flow {
            blank_flow_entry(&mut lines, duplicate.entry)?;
            continue;
        }
        let row = duplicate.key.line - 1;
        let line = lines.get(row)?;
        let indent = line.chars().take_while(|c| *c == ' ').count();
        if indent + 1 != duplicate.key.column {
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

/// Blanks out an entry of a flow mapping and the `,` before it (a repeated key is never
/// the first entry), e.g. `{a: 1, a: 2}` → `{a: 1      }`.
fn blank_flow_entry(lines: &mut [String], entry: Span) -> Option<()> {
    let blank = |line: &mut String, from: usize, to: usize| {
        *line = line
            .chars()
            .enumerate()
            .map(|(i, c)| {
                if (from..to).contains(&(i + 1)) {
                    ' '
                } else {
                    c
                }
            })
            .collect();
    };
    for row in entry.line..=entry.end_line {
        let line = lines.get_mut(row - 1)?;
        let from = if row == entry.line { entry.column } else { 1 };
        let to = if row == entry.end_line {
            entry.end_column
        } else {
            usize::MAX
        };
        blank(line, from, to);
    }
    // The `,` before the entry, on its line or an earlier one.
    let mut row = entry.line;
    let mut before = entry.column - 1;
    loop {
        let line = lines.get_mut(row - 1)?;
        let chars: Vec<char> = line.chars().take(before).collect();
        if let Some(at) = chars.iter().rposition(|c| !c.is_whitespace()) {
            if chars[at] != ',' {
                return None;
            }
            blank(line, at + 1, at + 2);
            return Some(());
        }
        row = row.checked_sub(1).filter(|r| *r > 0)?;
        before = usize::MAX;
    }
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
    fn flow_duplicates_are_blanked_with_their_comma() {
        let text = "a: {x: 1, x: [2, 3],\n  x: \"4\", y: 5}\nb: 6\n";
        let index = LineIndex::new(text);
        assert_eq!(
            without_duplicates(text, &index).as_deref(),
            Some("a: {x: 1            \n        , y: 5}\nb: 6\n")
        );
    }

    #[test]
    fn an_unclosed_bracket_is_located_where_it_opens() {
        let text = "a: [x, y\nb: {c: 1, d: \"[\"\n";
        let error = serde_yaml::from_str::<serde_yaml::Value>(text).unwrap_err();
        let d = yaml_error("x.yaml", text, &error);
        assert_eq!((d.line, d.column), (Some(1), Some(4)), "{d}");
        assert_eq!(d.message, "not valid YAML: this `[` list is never closed");
        assert_eq!(d.labels.len(), 1);
        assert!(d.labels[0].line > 1, "{:?}", d.labels);
    }

    #[test]
    fn an_unclosed_quote_is_located_where_it_opens_and_the_file_ends() {
        let text = "a: 1\nb: 'it is\n\n";
        let error = serde_yaml::from_str::<serde_yaml::Value>(text).unwrap_err();
        let d = yaml_error("x.yaml", text, &error);
        assert_eq!((d.line, d.column), (Some(2), Some(4)), "{d}");
        assert_eq!(
            d.message,
            "not valid YAML: this quoted text is never closed"
        );
        assert_eq!(d.hint.as_deref(), Some("close it with `'`"));
        let label = &d.labels[0];
        assert_eq!((label.line, label.column), (2, 10), "{label:?}");
        assert_eq!(label.message, "the file ends before it is closed");
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
