//! The walk over the YAML events that records where every path is, and repeated keys.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use super::{Duplicate, Lines, Place, Span, join_index, join_key};

/// What one walk over a text found.
#[derive(Debug, Default)]
pub(super) struct Walked {
    /// One entry per path: a large spec has hundreds of thousands, so one map, not four.
    pub(super) places: HashMap<String, Place>,
    /// Every key that repeats an earlier key of the same mapping, in text order.
    pub(super) duplicates: Vec<Duplicate>,
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

pub(super) struct Walker<'t> {
    lines: &'t Lines,
    stack: Vec<Open>,
    pub(super) found: Walked,
    /// How many mappings were opened so far.
    mappings: usize,
    /// Just past the last character of the last node read: where a block collection ends.
    last_end: (usize, usize),
}

impl<'t> Walker<'t> {
    /// A walker over the text of `lines`.
    pub(super) fn new(lines: &'t Lines) -> Self {
        Walker {
            lines,
            stack: Vec::new(),
            found: Walked::default(),
            mappings: 0,
            last_end: (0, 0),
        }
    }

    /// Where a scalar that starts at `mark` ends: a quoted or plain scalar on its first line,
    /// a block scalar (`|`, `>`, whose mark is at its first line of content) at the end of its
    /// last line that is not blank.
    fn scalar_end(&self, mark: Marker, value: &str, style: TScalarStyle) -> (usize, usize) {
        let line = self.lines.source_line(mark.line()).unwrap_or_default();
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
        while let Some(text) = self.lines.source_line(next) {
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
                if let Some(place) = self.found.places.get_mut(path.as_str()) {
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
                    let place = self.found.places.entry(full.clone()).or_default();
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
        let place = |found: &mut Walked, path: String| {
            let place = found.places.entry(path).or_default();
            let slot = if leaf {
                &mut place.value
            } else {
                &mut place.start
            };
            slot.get_or_insert(span);
        };
        if leaf {
            place(&mut self.found, path);
            None
        } else {
            place(&mut self.found, path.clone());
            Some(path)
        }
    }

    /// The span of the key whose value is the node about to be read.
    fn current_key_span(&self) -> Option<Span> {
        match self.stack.last().map(|open| &open.frame) {
            Some(Frame::Mapping {
                key: Some(full), ..
            }) => self.found.places.get(full)?.key,
            _ => None,
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
            self.found.duplicates.push(Duplicate {
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
            .lines
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
            let place = self.found.places.entry(path).or_default();
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

impl MarkedEventReceiver for Walker<'_> {
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
                } else if value.is_empty() && style == TScalarStyle::Plain {
                    // Nothing written after a key: the parser marks where the next token is,
                    // maybe lines below, so the value is placed at its key.
                    self.current_key_span().unwrap_or(span)
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
