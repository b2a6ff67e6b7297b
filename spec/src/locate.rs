//! Line numbers for YAML paths, so that every error can say where it is.
//!
//! serde_yaml gives no positions for values it has already parsed, so the text is walked once
//! more with yaml-rust2's event parser, recording the line of every key and list item. The same
//! walk finds duplicate keys, which a mapping would otherwise silently collapse.

use std::collections::{HashMap, HashSet};

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// Where each YAML path starts (1-based lines), and any duplicate keys.
#[derive(Debug, Default)]
pub struct LineIndex {
    lines: HashMap<String, usize>,
    /// `(path, line)` of every key that repeats an earlier key of the same mapping.
    pub duplicates: Vec<(String, usize)>,
}

impl LineIndex {
    /// Indexes `text`; a text that does not parse yields an empty index (serde_yaml reports it).
    pub fn new(text: &str) -> Self {
        let mut walker = Walker::default();
        let mut parser = Parser::new_from_str(text);
        if parser.load(&mut walker, false).is_err() {
            return LineIndex::default();
        }
        walker.index
    }

    /// The line of `path`, or of its nearest ancestor that has one.
    pub fn line(&self, path: &str) -> Option<usize> {
        let mut path = path;
        loop {
            if let Some(line) = self.lines.get(path) {
                return Some(*line);
            }
            path = parent(path)?;
        }
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
    /// The path of the node that starts now, or `None` when a mapping key starts.
    fn node_path(&mut self, line: usize, scalar: Option<&str>) -> Option<String> {
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Sequence { path, next }) => {
                let item = join_index(path, *next);
                *next += 1;
                self.index.lines.entry(item.clone()).or_insert(line);
                Some(item)
            }
            Some(Frame::Mapping { path, key, seen }) => match key.take() {
                Some(key) => Some(join_key(path, &key)),
                None => {
                    // A key: only scalar keys are meaningful in specs.
                    let name = scalar.unwrap_or("?").to_owned();
                    let full = join_key(path, &name);
                    if !seen.insert(name.clone()) {
                        self.index.duplicates.push((full.clone(), line));
                    } else {
                        self.index.lines.insert(full, line);
                    }
                    *key = Some(name);
                    None
                }
            },
        }
    }
}

impl MarkedEventReceiver for Walker {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let line = mark.line();
        match event {
            Event::Scalar(value, ..) => {
                self.node_path(line, Some(&value));
            }
            Event::Alias(_) => {
                self.node_path(line, None);
            }
            Event::MappingStart(..) => {
                if let Some(path) = self.node_path(line, None) {
                    self.stack.push(Frame::Mapping {
                        path,
                        key: None,
                        seen: HashSet::new(),
                    });
                }
            }
            Event::SequenceStart(..) => {
                if let Some(path) = self.node_path(line, None) {
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

    const TEXT: &str = "platform: x\nendpoints:\n  pay:\n    request:\n      bill_no: { type: string }\n    sign: [a, b]\n";

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
    fn reports_duplicate_keys() {
        let index = LineIndex::new("a: 1\nb:\n  c: 1\n  c: 2\n");
        assert_eq!(index.duplicates, vec![("b.c".to_owned(), 4)]);
    }

    #[test]
    fn broken_text_gives_empty_index() {
        assert_eq!(LineIndex::new("a: [").line("a"), None);
    }
}
