//! Positions for YAML paths, so that every problem can say where it is.
//!
//! serde_yaml gives no positions for values it has already parsed, so the text is walked once
//! more with yaml-rust2's event parser, recording where every key and value starts and ends.
//! The same walk finds duplicate keys, which a mapping would otherwise silently collapse.
//! The walk is made the first time a position is asked for: a spec without problems (the
//! common case, and the one that must scale to thousands of endpoints) never needs one.

mod walker;

use std::cell::OnceCell;

use yaml_rust2::parser::Parser;

use walker::{Walked, Walker};

/// A place in the text: from 1-based `line`, `column` to just before `end_line`,
/// `end_column` (columns count characters); most places are on one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    /// 1-based line of the first character.
    pub line: usize,
    /// 1-based column of the first character.
    pub column: usize,
    /// 1-based line of the last character.
    pub end_line: usize,
    /// 1-based column just past the last character, on `end_line`.
    pub end_column: usize,
}

impl Span {
    /// Columns `column..end_column` of one `line`.
    pub fn on_line(line: usize, column: usize, end_column: usize) -> Self {
        Span {
            line,
            column,
            end_line: line,
            end_column,
        }
    }

    /// Whether the place covers more than one line.
    pub fn is_multiline(&self) -> bool {
        self.end_line > self.line
    }
}

/// A key that repeats an earlier key of the same mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// YAML path of the key.
    pub path: String,
    /// The repeated key.
    pub key: Span,
    /// The first key of that name.
    pub first: Span,
    /// The repeated key and its value, up to the value's last character.
    pub entry: Span,
    /// Whether the mapping is in flow style (`{a: 1, a: 2}`).
    pub flow: bool,
}

/// Where the parts of one YAML path are.
#[derive(Debug, Default, Clone, Copy)]
struct Place {
    /// The key, for a mapping entry.
    key: Option<Span>,
    /// Which mapping the key is in (keys such as `a.b` and `a: {b: …}` share a path).
    mapping: usize,
    /// A scalar (or alias) value: all of it.
    value: Option<Span>,
    /// A mapping or list: its first character.
    start: Option<Span>,
    /// A mapping or list: all of it.
    extent: Option<Span>,
}

/// A text and where its lines start.
#[derive(Debug, Default)]
struct Lines {
    text: String,
    starts: Vec<usize>,
}

impl Lines {
    /// The text of 1-based `line`, without its line break.
    fn source_line(&self, line: usize) -> Option<&str> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let rest = &self.text[start..];
        let end = rest.find('\n').unwrap_or(rest.len());
        Some(rest[..end].trim_end_matches('\r'))
    }
}

/// Where each YAML path is, the text's lines, and any duplicate keys.
#[derive(Debug, Default)]
pub struct LineIndex {
    lines: Lines,
    /// The walk over the text, made when first needed.
    walked: OnceCell<Walked>,
}

impl LineIndex {
    /// Indexes `text`; a text that does not parse keeps what was read before the problem
    /// (the YAML error itself is reported by the loader).
    pub fn new(text: impl Into<String>) -> Self {
        let text = text.into();
        // Sized once: a large spec has hundreds of thousands of lines.
        let mut starts = Vec::with_capacity(text.bytes().filter(|&b| b == b'\n').count() + 1);
        starts.push(0);
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex {
            lines: Lines { text, starts },
            walked: OnceCell::new(),
        }
    }

    /// The text indexed.
    pub fn text(&self) -> &str {
        &self.lines.text
    }

    fn walked(&self) -> &Walked {
        self.walked.get_or_init(|| {
            let mut walker = Walker::new(&self.lines);
            let mut parser = Parser::new_from_str(&self.lines.text);
            let _ = parser.load(&mut walker, false);
            walker.found
        })
    }

    /// Every key that repeats an earlier key of the same mapping, in text order.
    pub fn duplicates(&self) -> &[Duplicate] {
        &self.walked().duplicates
    }

    /// The line of `path`, or of its nearest ancestor that has one.
    pub fn line(&self, path: &str) -> Option<usize> {
        self.span(path).map(|s| s.line)
    }

    /// The span of `path`: its value when that is a scalar, else its key; or the span of its
    /// nearest ancestor that has one.
    pub fn span(&self, path: &str) -> Option<Span> {
        self.find(path, |p| p.value.or(p.key).or(p.start))
    }

    /// The span of the key of `path` (or of the value, for a list item), or of an ancestor.
    pub fn key_span(&self, path: &str) -> Option<Span> {
        self.find(path, |p| p.key.or(p.value).or(p.start))
    }

    /// The span of the whole value of `path` (a block scalar, a mapping or a list may cover
    /// several lines), or of an ancestor.
    pub fn value_span(&self, path: &str) -> Option<Span> {
        self.find(path, |p| p.value.or(p.extent).or(p.key))
    }

    /// The text of lines `span.line..=span.end_line`, joined by `\n`, line breaks removed.
    pub fn source_lines(&self, span: Span) -> Option<String> {
        let lines: Option<Vec<&str>> = (span.line..=span.end_line.max(span.line))
            .map(|line| self.source_line(line))
            .collect();
        Some(lines?.join("\n"))
    }

    fn find(&self, path: &str, get: impl Fn(&Place) -> Option<Span>) -> Option<Span> {
        let mut path = path;
        loop {
            if let Some(span) = self.walked().places.get(path).and_then(&get) {
                return Some(span);
            }
            path = parent(path)?;
        }
    }

    /// The text of 1-based `line`, without its line break.
    pub fn source_line(&self, line: usize) -> Option<&str> {
        self.lines.source_line(line)
    }

    /// The span of the text `needle` on `line`, if it is there.
    pub fn find_on_line(&self, line: usize, needle: &str) -> Option<Span> {
        let text = self.source_line(line)?;
        let at = text.find(needle)?;
        let column = text[..at].chars().count() + 1;
        Some(Span::on_line(line, column, column + needle.chars().count()))
    }
}

/// `a.b[2]` -> `a.b`, `a.b` -> `a`, `a` -> `` (the document), `` -> none.
fn parent(path: &str) -> Option<&str> {
    if path.is_empty() {
        return None;
    }
    let cut = path.rfind(['.', '[']).unwrap_or(0);
    Some(&path[..cut])
}

/// Joins a path and a mapping key.
pub fn join_key(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// Joins a path and a list index.
pub fn join_index(path: &str, index: usize) -> String {
    format!("{path}[{index}]")
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "platform: x\nendpoints:\n  pay:\n    request:\n      bill_no: { type: string }\n    sign: [a, \"bc\"]\n";

    #[test]
    fn finds_lines_of_keys_and_items() {
        let index = LineIndex::new(TEXT);
        assert_eq!(index.line("platform"), Some(1));
        assert_eq!(index.line("endpoints.pay.request.bill_no"), Some(5));
        assert_eq!(index.line("endpoints.pay.request.bill_no.type"), Some(5));
        assert_eq!(index.line("endpoints.pay.sign[1]"), Some(6));
        assert_eq!(index.line("endpoints.pay.nothing.here"), Some(3));
    }

    #[test]
    fn finds_columns_and_widths() {
        let index = LineIndex::new(TEXT);
        let span = Span::on_line;
        assert_eq!(index.span("platform"), Some(span(1, 11, 12)));
        assert_eq!(index.key_span("platform"), Some(span(1, 1, 9)));
        assert_eq!(
            index.span("endpoints.pay.request.bill_no.type"),
            Some(span(5, 24, 30))
        );
        assert_eq!(index.span("endpoints.pay.sign[1]"), Some(span(6, 15, 19)));
        assert_eq!(index.key_span("endpoints.pay"), Some(span(3, 3, 6)));
    }

    #[test]
    fn reports_duplicate_keys() {
        let index = LineIndex::new("a: 1\nb:\n  c: 1\n  c: 2\n");
        let found: Vec<_> = index
            .duplicates()
            .iter()
            .map(|d| (&*d.path, d.key))
            .collect();
        assert_eq!(found, vec![("b.c", Span::on_line(4, 3, 4))]);
        assert_eq!(index.span("b.c").map(|s| s.line), Some(3));
    }

    #[test]
    fn reports_duplicate_keys_in_flow_style_with_their_entries() {
        let index = LineIndex::new("a: {x: 1, x: [2, 3], x: \"4\"}\n");
        let entries: Vec<_> = index.duplicates().iter().map(|d| d.entry).collect();
        assert_eq!(
            entries,
            vec![Span::on_line(1, 11, 20), Span::on_line(1, 22, 28)]
        );
        assert_eq!(index.span("a.x"), Some(Span::on_line(1, 8, 9)));
    }

    #[test]
    fn multi_line_values_cover_their_extent() {
        let text = "a:\n  doc: |\n    one\n\n    two\n  b: {c: 1,\n      d: 2}\ne: x\n";
        let index = LineIndex::new(text);
        let span = |line, column, end_line, end_column| Span {
            line,
            column,
            end_line,
            end_column,
        };
        assert_eq!(index.span("a.doc"), Some(span(3, 5, 5, 8)));
        assert_eq!(index.value_span("a.b"), Some(span(6, 6, 7, 12)));
        assert_eq!(index.value_span("a"), Some(span(2, 3, 7, 12)));
        assert_eq!(index.key_span("a.b"), Some(Span::on_line(6, 3, 4)));
        assert_eq!(
            index.source_lines(span(6, 6, 7, 12)).as_deref(),
            Some("  b: {c: 1,\n      d: 2}")
        );
    }

    #[test]
    fn broken_text_keeps_what_came_before() {
        let index = LineIndex::new("a: 1\nb: [");
        assert_eq!(index.line("a"), Some(1));
    }
}
