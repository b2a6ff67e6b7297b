//! Reading a large spec's endpoints a few at a time.
//!
//! The YAML library holds every event of a document until the document is read: tens of
//! megabytes for thousands of endpoints, written once and read once, too large for any cache.
//! When the `endpoints` block has the plain layout every spec in this repository has, its
//! entries are read in chunks of a few dozen kilobytes instead, each a document of its own,
//! and the rest of the spec as one more document with `endpoints: {}`.
//!
//! This is only ever a faster way to the same [`Spec`]: whenever the layout is not the plain
//! one, or any chunk does not read (an alias to an anchor in another chunk, a repeated name,
//! any mistake at all), the caller reads the whole text as one document, which also reports
//! the problem.

use indexmap::IndexMap;

use crate::lenient::{Lenient, unique_keys};
use crate::spec::{Endpoint, Spec};

/// Below this size a spec is read in one piece: chunking only pays on large ones.
const MIN_TEXT: usize = 256 * 1024;

/// About how much text one chunk holds (whole endpoints, so a little more).
const CHUNK_TEXT: usize = 32 * 1024;

/// The spec, read chunk by chunk; `None` when it must be read as one document.
pub fn read(text: &str) -> Option<Spec> {
    if text.len() < MIN_TEXT {
        return None;
    }
    read_in_chunks_of(text, CHUNK_TEXT)
}

/// [`read`] at any size, with chunks of about `chunk_text` bytes.
fn read_in_chunks_of(text: &str, chunk_text: usize) -> Option<Spec> {
    let layout = Layout::of(text, chunk_text)?;
    let rest = format!(
        "{}endpoints: {{}}\n{}",
        &text[..layout.key_line],
        &text[layout.block_end..]
    );
    let mut spec: Spec = serde_yaml::from_str(&rest).ok()?;
    let mut start = layout.block_start;
    for &end in &layout.chunk_ends {
        let chunk = &text[start..end];
        let read: IndexMap<String, Lenient<Endpoint>> =
            unique_keys(serde_yaml::Deserializer::from_str(chunk)).ok()?;
        for (name, endpoint) in read {
            // A name repeated across chunks: the whole document reports it.
            if spec.endpoints.insert(name, endpoint).is_some() {
                return None;
            }
        }
        start = end;
    }
    Some(spec)
}

/// Where the `endpoints` block is, and where each chunk of it ends.
#[derive(Debug, PartialEq)]
struct Layout {
    /// Start of the `endpoints:` line.
    key_line: usize,
    /// Start of the line after it.
    block_start: usize,
    /// End of the block: the start of the next top-level line, or the end of the text.
    block_end: usize,
    /// End of each chunk, the last one `block_end`; every chunk starts with an entry's key.
    chunk_ends: Vec<usize>,
}

impl Layout {
    /// The plain layout: one document, one `endpoints:` line with nothing after it but a
    /// comment, and entries that each start with `name:` at one indentation, with nothing
    /// indented less inside the block. Anything else is `None`.
    fn of(text: &str, chunk_text: usize) -> Option<Layout> {
        if text.contains(['\r', '\t', '\u{feff}']) {
            return None;
        }
        let mut key_line = None;
        let mut block_start = 0;
        let mut block_end = text.len();
        let mut indent = None;
        let mut chunk_ends = Vec::new();
        let mut chunk_start = 0;
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let at = offset;
            offset += line.len();
            let content = line.trim_end_matches('\n');
            let trimmed = content.trim_start_matches(' ');
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let depth = content.len() - trimmed.len();
            if depth == 0 {
                if is_document_marker(content) {
                    return None;
                }
                if key_line.is_some() {
                    if block_end == text.len() {
                        block_end = at;
                    }
                    // A second `endpoints:` is a repeated key: the whole document reports it.
                    if is_endpoints_key(content) {
                        return None;
                    }
                    continue;
                }
                if is_endpoints_key(content) {
                    key_line = Some(at);
                    block_start = offset;
                    chunk_start = offset;
                }
                continue;
            }
            if key_line.is_none() || block_end != text.len() {
                continue;
            }
            let indent = *indent.get_or_insert(depth);
            if depth < indent {
                return None;
            }
            if depth == indent {
                if !is_entry_key(trimmed) {
                    return None;
                }
                if at - chunk_start >= chunk_text {
                    chunk_ends.push(at);
                    chunk_start = at;
                }
            }
        }
        let key_line = key_line?;
        indent?;
        chunk_ends.push(block_end);
        Some(Layout {
            key_line,
            block_start,
            block_end,
            chunk_ends,
        })
    }
}

/// `---`, `...` or a `%` directive: a text of several documents, or one with directives.
fn is_document_marker(line: &str) -> bool {
    line.starts_with("---") || line.starts_with("...") || line.starts_with('%')
}

/// `endpoints:`, optionally followed by a comment.
fn is_endpoints_key(line: &str) -> bool {
    line.strip_prefix("endpoints:")
        .is_some_and(|rest| rest.trim_start().is_empty() || rest.trim_start().starts_with('#'))
}

/// `name:` at the start of an entry: a plain name, then a colon ending the line or followed
/// by a space.
fn is_entry_key(line: &str) -> bool {
    let Some((name, rest)) = line.split_once(':') else {
        return false;
    };
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        && (rest.is_empty() || rest.starts_with(' '))
}

// The random edit of the property test below, shared with the loader's integration tests.
#[cfg(test)]
#[path = "../../tests/support/edit.rs"]
mod edit;

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(text: &str) -> Option<Vec<&str>> {
        let layout = Layout::of(text, CHUNK_TEXT)?;
        let mut start = layout.block_start;
        let mut chunks = Vec::new();
        for &end in &layout.chunk_ends {
            chunks.push(&text[start..end]);
            start = end;
        }
        Some(chunks)
    }

    #[test]
    fn plain_layout_is_split_at_entries() {
        let text = "platform: p\nendpoints:\n  a:\n    kind: call\n\n  # b next\n  b:\n    kind: call\nsignatures: {}\n";
        assert_eq!(
            layout(text),
            Some(vec![
                "  a:\n    kind: call\n\n  # b next\n  b:\n    kind: call\n"
            ])
        );
    }

    #[test]
    fn anything_unusual_is_read_whole() {
        for text in [
            "endpoints: {a: {}}\n",
            "endpoints:\n  - a\n",
            "endpoints:\n    a: 1\n  b: 2\n",
            "endpoints:\n  \"a\": 1\n",
            "endpoints:\n  a: 1\nendpoints:\n  b: 1\n",
            "---\nendpoints:\n  a: 1\n",
            "endpoints:\r\n  a: 1\r\n",
            "endpoints:\n\ta: 1\n",
            "platform: p\n",
        ] {
            assert_eq!(layout(text), None, "{text:?}");
        }
    }

    #[test]
    fn yaml_that_spans_entries_is_read_whole_or_alike() {
        let head = "platform: p\ntitle: t\nenvironments:\n  production:\n    base_url: https://x\n";
        for endpoints in [
            // An alias to an anchor in another chunk.
            "  a: &shared\n    kind: call\n    method: GET\n    path: /a\n  b: *shared\n",
            // A quoted scalar continued on the next line, and a folded one.
            "  a:\n    kind: call\n    doc: \"one\n      two\"\n    method: GET\n    path: /a\n  b:\n    kind: call\n    doc: >\n      three\n      four\n    method: GET\n    path: /b\n",
            // A repeated name.
            "  a:\n    kind: call\n  a:\n    kind: call\n",
        ] {
            let text = format!("{head}endpoints:\n{endpoints}");
            let whole = serde_yaml::from_str::<Spec>(&text).map(|s| format!("{s:?}"));
            if let Some(spec) = read_in_chunks_of(&text, 1) {
                assert_eq!(
                    Ok(format!("{spec:?}")),
                    whole.map_err(|e| e.to_string()),
                    "{text}"
                );
            }
        }
        let aliased = format!("{head}endpoints:\n  a: &s\n    kind: call\n  b: *s\n");
        assert!(read_in_chunks_of(&aliased, 1).is_none());
        let repeated = format!("{head}endpoints:\n  a:\n    kind: call\n  a:\n    kind: call\n");
        assert!(read_in_chunks_of(&repeated, 1).is_none());
    }

    /// Every seed spec and every broken-spec case, each endpoint a chunk of its own: either
    /// the text is read whole, or it reads to exactly what the whole document reads to.
    #[test]
    fn chunks_read_what_the_whole_document_reads() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut chunked = 0;
        for dir in [root.join("../specs"), root.join("tests/broken")] {
            for entry in std::fs::read_dir(&dir).expect("the directory exists") {
                let path = entry.expect("a directory entry").path();
                if path.extension().is_none_or(|e| e != "yaml") {
                    continue;
                }
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                let Some(spec) = read_in_chunks_of(&text, 1) else {
                    continue;
                };
                chunked += 1;
                let whole = serde_yaml::from_str::<Spec>(&text);
                let whole = whole.unwrap_or_else(|e| {
                    panic!("{}: read in chunks, but not whole: {e}", path.display())
                });
                assert_eq!(
                    format!("{spec:?}"),
                    format!("{whole:?}"),
                    "{}",
                    path.display()
                );
            }
        }
        assert!(chunked >= 10, "only {chunked} specs were read in chunks");
    }

    const SEEDS: [&str; 4] = [
        include_str!("../../../specs/wechat_midas.yaml"),
        include_str!("../../../specs/wechat_xpay.yaml"),
        include_str!("../../../specs/wancms.yaml"),
        include_str!("../../../specs/llewan.yaml"),
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

        /// Seed specs with a random cut and insertion (YAML punctuation, anchors, aliases,
        /// quotes, line breaks and indentation among it): read whole or read alike.
        #[test]
        fn edited_specs_read_whole_or_alike(
            seed in 0usize..4,
            at in proptest::prelude::any::<proptest::sample::Index>(),
            cut in 0usize..60,
            insert in "[a-z_{}|>:&*\"'\\[\\]\\-# \n]{0,16}",
        ) {
            let edited = super::edit::edited(SEEDS[seed], at, cut, &insert);
            if let Some(spec) = read_in_chunks_of(&edited, 1) {
                let whole = serde_yaml::from_str::<Spec>(&edited).map(|s| format!("{s:?}"));
                proptest::prop_assert_eq!(Ok(format!("{spec:?}")), whole.map_err(|e| e.to_string()));
            }
        }
    }
}
