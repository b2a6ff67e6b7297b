//! Positions for YAML paths, so that every problem can say where it is.
//!
//! serde_yaml gives no positions for values it has already parsed, so the text is walked once
//! more with yaml-rust2's event parser, recording where every key and value starts and ends.
//! The same walk finds duplicate keys, which a mapping would otherwise silently collapse.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

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

/// Where each YAML path is, the text's lines, and any duplicate keys.
#[derive(Debug, Default)]
pub struct LineIndex {
    /// One entry per path: a large spec has hundreds of thousands, so one map, not four.
    places: HashMap<String, Place>,
    text: String,
    line_starts: Vec<usize>,
    /// Every key that repeats an earlier key of the same mapping, in text order.
    pub duplicates: Vec<Duplicate>,
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
            if let Some(span) = self.places.get(path).and_then(&get) {
                return Some(span);
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

enum Frame {
    Mapping {
        /// Tells this mapping from others of the same path.
        id: usize,
        path: String,
        /// The full path of the key just read, whose value comes next.
        key: Option<String>,
        /// The repeated key whose value comes next: where it is, and where the first one is.
        repeated: Option<(String, Span, Span)>,
    },
    Sequence {
        path: String,
        next: usize,
    },
    /// A mapping or list used as a key: nothing inside it is indexed.
    Key,
}

/// An open mapping or list: what it is, where it starts, and whether it is in flow style.
struct Open {
    frame: Frame,
    start: Span,
    flow: bool,
    /// The repeated key this collection is the value of.
    repeated: Option<(String, Span, Span)>,
    /// Whether nothing inside it was read yet.
    fresh: bool,
}

#[derive(Default)]
struct Walker {
    stack: Vec<Open>,
    index: LineIndex,
    /// How many mappings were opened so far.
    mappings: usize,
    /// Just past the last character of the last node read: where a block collection ends.
    last_end: (usize, usize),
}

impl Walker {
    /// Where a scalar that starts at `mark` ends: a quoted or plain scalar on its first line,
    /// a block scalar (`|`, `>`, whose mark is at its first line of content) at the end of its
    /// last line that is not blank.
    fn scalar_end(&self, mark: Marker, value: &str, style: TScalarStyle) -> (usize, usize) {
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
            TScalarStyle::Literal | TScalarStyle::Folded => {
                return self.block_scalar_end(mark.line(), mark.col(), mark.col() + 1 + available);
            }
        };
        (mark.line(), mark.col() + 1 + width.clamp(1, available))
    }

    /// The end of a block scalar whose content starts on `line`, indented `indent` columns:
    /// the last line that is not blank among the following ones indented as much (or blank).
    fn block_scalar_end(&self, line: usize, indent: usize, first_end: usize) -> (usize, usize) {
        let mut end = (line, first_end);
        let mut next = line + 1;
        while let Some(text) = self.index.source_line(next) {
            if !text.trim().is_empty() {
                if text.chars().take_while(|c| *c == ' ').count() < indent {
                    break;
                }
                end = (next, text.chars().count() + 1);
            }
            next += 1;
        }
        end
    }

    /// Records the node at `span` (a scalar when `leaf`); returns the path of a mapping or
    /// list, `None` for a scalar, a key, or a node inside a key.
    fn node(&mut self, span: Span, scalar: Option<&str>, leaf: bool) -> Option<String> {
        // The parser marks a block mapping where its first key ends; it starts at that key.
        if let Some(open) = self.stack.last_mut()
            && open.fresh
        {
            open.fresh = false;
            if let (false, Frame::Mapping { path, .. }) = (open.flow, &open.frame) {
                open.start = Span::on_line(span.line, span.column, span.column + 1);
                if let Some(place) = self.index.places.get_mut(path.as_str()) {
                    place.start = Some(open.start);
                }
            }
        }
        let path = match self.stack.last_mut().map(|open| &mut open.frame) {
            None => String::new(),
            Some(Frame::Key) => return None,
            Some(Frame::Sequence { path, next }) => {
                let item = join_index(path, *next);
                *next += 1;
                item
            }
            Some(Frame::Mapping {
                id,
                path,
                key,
                repeated,
            }) => match key.take() {
                Some(full) => full,
                None => {
                    // A key: only scalar keys are meaningful in specs.
                    let full = join_key(path, scalar.unwrap_or("?"));
                    let place = self.index.places.entry(full.clone()).or_default();
                    if let Some(first) = place.key.filter(|_| place.mapping == *id) {
                        *repeated = Some((full.clone(), span, first));
                        // The value of a repeated key must not overwrite the first one's.
                        *key = Some(format!("{full}\u{0}dup{}:{}", span.line, span.column));
                    } else {
                        place.key.get_or_insert(span);
                        place.mapping = *id;
                        *key = Some(full);
                    }
                    return None;
                }
            },
        };
        let place = |index: &mut LineIndex, path: String| {
            let place = index.places.entry(path).or_default();
            let slot = if leaf {
                &mut place.value
            } else {
                &mut place.start
            };
            slot.get_or_insert(span);
        };
        if leaf {
            place(&mut self.index, path);
            None
        } else {
            place(&mut self.index, path.clone());
            Some(path)
        }
    }

    /// The repeated key (if any) whose value is the node about to be read.
    fn take_repeated(&mut self) -> Option<(String, Span, Span)> {
        match self.stack.last_mut().map(|open| &mut open.frame) {
            Some(Frame::Mapping { key, repeated, .. }) if key.is_some() => repeated.take(),
            _ => None,
        }
    }

    /// Notes that a node ended at `end`, and a repeated key's entry with it.
    fn ended(&mut self, end: (usize, usize), repeated: Option<(String, Span, Span)>) {
        self.last_end = end;
        if let Some((path, key, first)) = repeated {
            let entry = Span {
                line: key.line,
                column: key.column,
                end_line: end.0,
                end_column: end.1,
            };
            let flow = self.stack.last().is_some_and(|open| open.flow);
            self.index.duplicates.push(Duplicate {
                path,
                key,
                first,
                entry,
                flow,
            });
        }
    }

    /// Opens a mapping or list that starts at `span`.
    fn open(&mut self, span: Span, frame: impl FnOnce(String) -> Frame) {
        let repeated = self.take_repeated();
        let flow = self
            .index
            .source_line(span.line)
            .and_then(|l| l.chars().nth(span.column - 1))
            .is_some_and(|c| c == '[' || c == '{');
        let frame = self.node(span, None, false).map_or(Frame::Key, frame);
        self.stack.push(Open {
            frame,
            start: span,
            flow,
            repeated,
            fresh: true,
        });
    }

    /// Closes the innermost mapping or list; `mark` is where the parser ended it.
    fn close(&mut self, mark: Marker) {
        let Some(open) = self.stack.pop() else { return };
        // A flow collection ends at its bracket; a block one with its last node.
        let end = if open.flow {
            (mark.line(), mark.col() + 2)
        } else {
            self.last_end
        };
        let path = match &open.frame {
            Frame::Mapping { path, .. } | Frame::Sequence { path, .. } => Some(path.clone()),
            Frame::Key => None,
        };
        if let Some(path) = path {
            let extent = Span {
                end_line: end.0,
                end_column: end.1,
                ..open.start
            };
            let place = self.index.places.entry(path).or_default();
            place.extent.get_or_insert(extent);
        }
        self.ended(end, open.repeated);
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
        let start = Span::on_line(mark.line(), mark.col() + 1, mark.col() + 2);
        match event {
            Event::Scalar(value, style, ..) => {
                let repeated = self.take_repeated();
                let end = self.scalar_end(mark, &value, style);
                let span = Span {
                    end_line: end.0,
                    end_column: end.1,
                    ..start
                };
                // A key is underlined on its own line only.
                let is_key = matches!(
                    self.stack.last().map(|o| &o.frame),
                    Some(Frame::Mapping { key: None, .. })
                );
                let recorded = if is_key && span.is_multiline() {
                    Span::on_line(span.line, span.column, span.column + 1)
                } else {
                    span
                };
                self.node(recorded, Some(&value), true);
                self.ended(end, repeated);
            }
            Event::Alias(_) => {
                let repeated = self.take_repeated();
                self.node(start, None, true);
                self.ended((start.line, start.end_column), repeated);
            }
            Event::MappingStart(..) => {
                self.mappings += 1;
                let id = self.mappings;
                self.open(start, |path| Frame::Mapping {
                    id,
                    path,
                    key: None,
                    repeated: None,
                })
            }
            Event::SequenceStart(..) => self.open(start, |path| Frame::Sequence { path, next: 0 }),
            Event::MappingEnd | Event::SequenceEnd => self.close(mark),
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
        let found: Vec<_> = index.duplicates.iter().map(|d| (&*d.path, d.key)).collect();
        assert_eq!(found, vec![("b.c", Span::on_line(4, 3, 4))]);
        assert_eq!(index.span("b.c").map(|s| s.line), Some(3));
    }

    #[test]
    fn reports_duplicate_keys_in_flow_style_with_their_entries() {
        let index = LineIndex::new("a: {x: 1, x: [2, 3], x: \"4\"}\n");
        let entries: Vec<_> = index.duplicates.iter().map(|d| d.entry).collect();
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
