//! Positions for YAML paths, so that every problem can say where it is.
//!
//! serde_yaml gives no positions for values it has already parsed, so the text is walked once
//! more with yaml-rust2's event parser, recording where every key and value starts and ends.
//! The same walk finds duplicate keys, which a mapping would otherwise silently collapse.

use std::collections::{HashMap, HashSet};

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// A place on one line: 1-based line, 1-based character columns `column..end_column`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    /// 1-based line.
    pub line: usize,
    /// 1-based column of the first character.
    pub column: usize,
    /// 1-based column just past the last character.
    pub end_column: usize,
}

/// Where each YAML path is, the text's lines, and any duplicate keys.
#[derive(Debug, Default)]
pub struct LineIndex {
    keys: HashMap<String, Span>,
    /// Scalars (and aliases): the whole value.
    values: HashMap<String, Span>,
    /// Mappings and lists: their first character.
    starts: HashMap<String, Span>,
    text: String,
    line_starts: Vec<usize>,
    /// `(path, line)` of every key that repeats an earlier key of the same mapping.
    pub duplicates: Vec<(String, usize)>,
    /// Every repeated key: its path, where it is, and where the first one is.
    pub duplicate_spans: Vec<(String, Span, Span)>,
}

impl LineIndex {
    /// Indexes `text`; a text that does not parse keeps what was read before the problem
    /// (the YAML error itself is reported by the loader).
    pub fn new(text: &str) -> Self {
        let mut walker = Walker::default();
        walker.index.text = text.to_owned();
        walker.index.line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let mut parser = Parser::new_from_str(text);
        let _ = parser.load(&mut walker, false);
        walker.index
    }

    /// The line of `path`, or of its nearest ancestor that has one.
    pub fn line(&self, path: &str) -> Option<usize> {
        self.span(path).map(|s| s.line)
    }

    /// The span of `path`: its value when that is a scalar, else its key; or the span of its
    /// nearest ancestor that has one.
    pub fn span(&self, path: &str) -> Option<Span> {
        self.find(path, |p| {
            self.values
                .get(p)
                .or_else(|| self.keys.get(p))
                .or_else(|| self.starts.get(p))
        })
    }

    /// The span of the key of `path` (or of the value, for a list item), or of an ancestor.
    pub fn key_span(&self, path: &str) -> Option<Span> {
        self.find(path, |p| {
            self.keys
                .get(p)
                .or_else(|| self.values.get(p))
                .or_else(|| self.starts.get(p))
        })
    }

    /// The span of the value of `path`, or of an ancestor.
    pub fn value_span(&self, path: &str) -> Option<Span> {
        self.find(path, |p| {
            self.values
                .get(p)
                .or_else(|| self.starts.get(p))
                .or_else(|| self.keys.get(p))
        })
    }

    fn find<'s>(&'s self, path: &str, get: impl Fn(&str) -> Option<&'s Span>) -> Option<Span> {
        let mut path = path;
        loop {
            if let Some(span) = get(path) {
                return Some(*span);
            }
            path = parent(path)?;
        }
    }

    /// The text of 1-based `line`, without its line break.
    pub fn source_line(&self, line: usize) -> Option<&str> {
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        let rest = &self.text[start..];
        let end = rest.find('\n').unwrap_or(rest.len());
        Some(rest[..end].trim_end_matches('\r'))
    }

    /// The span of the text `needle` on `line`, if it is there.
    pub fn find_on_line(&self, line: usize, needle: &str) -> Option<Span> {
        let text = self.source_line(line)?;
        let at = text.find(needle)?;
        let column = text[..at].chars().count() + 1;
        Some(Span {
            line,
            column,
            end_column: column + needle.chars().count(),
        })
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

enum Frame {
    Mapping {
        path: String,
        key: Option<String>,
        seen: HashSet<String>,
    },
    Sequence {
        path: String,
        next: usize,
    },
}

#[derive(Default)]
struct Walker {
    stack: Vec<Frame>,
    index: LineIndex,
}

impl Walker {
    /// How many characters a scalar covers on its first line.
    fn scalar_width(&self, mark: Marker, value: &str, style: TScalarStyle) -> usize {
        let line = self.index.source_line(mark.line()).unwrap_or_default();
        let rest = line
            .char_indices()
            .nth(mark.col())
            .map_or("", |(at, _)| &line[at..]);
        let available = rest.chars().count().max(1);
        let width = match style {
            TScalarStyle::Plain => value.chars().count(),
            TScalarStyle::DoubleQuoted => closing(rest, '"', Some('\\')),
            TScalarStyle::SingleQuoted => closing(rest, '\'', None),
            _ => 1,
        };
        width.clamp(1, available)
    }

    /// Records the node that starts at `span`; returns its path, or `None` for a mapping key.
    fn node(&mut self, span: Span, scalar: Option<&str>, leaf: bool) -> Option<String> {
        let values = if leaf {
            &mut self.index.values
        } else {
            &mut self.index.starts
        };
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Sequence { path, next }) => {
                let item = join_index(path, *next);
                *next += 1;
                values.entry(item.clone()).or_insert(span);
                Some(item)
            }
            Some(Frame::Mapping { path, key, seen }) => match key.take() {
                Some(key) => {
                    let full = join_key(path, &key);
                    values.entry(full.clone()).or_insert(span);
                    Some(full)
                }
                None => {
                    // A key: only scalar keys are meaningful in specs.
                    let name = scalar.unwrap_or("?").to_owned();
                    let full = join_key(path, &name);
                    if !seen.insert(name.clone()) {
                        let first = self.index.keys.get(&full).copied().unwrap_or(span);
                        self.index.duplicates.push((full.clone(), span.line));
                        self.index.duplicate_spans.push((full, span, first));
                        // The value of a repeated key must not overwrite the first one's.
                        *key = Some(format!("\u{0}dup{}", span.line));
                    } else {
                        self.index.keys.insert(full, span);
                        *key = Some(name);
                    }
                    None
                }
            },
        }
    }
}

/// Width in characters of a quoted scalar, quotes included, in `rest` (which starts at the
/// opening quote); the rest of the line when it does not close there.
fn closing(rest: &str, quote: char, escape: Option<char>) -> usize {
    let mut chars = rest.chars().enumerate().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        if Some(c) == escape {
            chars.next();
        } else if c == quote {
            if escape.is_none() && chars.peek().map(|(_, c)| *c) == Some(quote) {
                chars.next();
                continue;
            }
            return i + 1;
        }
    }
    rest.chars().count()
}

impl MarkedEventReceiver for Walker {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let at = |width: usize| Span {
            line: mark.line(),
            column: mark.col() + 1,
            end_column: mark.col() + 1 + width,
        };
        match event {
            Event::Scalar(value, style, ..) => {
                let width = self.scalar_width(mark, &value, style);
                self.node(at(width), Some(&value), true);
            }
            Event::Alias(_) => {
                self.node(at(1), None, true);
            }
            Event::MappingStart(..) => {
                if let Some(path) = self.node(at(1), None, false) {
                    self.stack.push(Frame::Mapping {
                        path,
                        key: None,
                        seen: HashSet::new(),
                    });
                }
            }
            Event::SequenceStart(..) => {
                if let Some(path) = self.node(at(1), None, false) {
                    self.stack.push(Frame::Sequence { path, next: 0 });
                }
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
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
        let span = |line, column, end_column| Span {
            line,
            column,
            end_column,
        };
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
        assert_eq!(index.duplicates, vec![("b.c".to_owned(), 4)]);
        assert_eq!(index.span("b.c").map(|s| s.line), Some(3));
    }

    #[test]
    fn broken_text_keeps_what_came_before() {
        let index = LineIndex::new("a: 1\nb: [");
        assert_eq!(index.line("a"), Some(1));
    }
}
