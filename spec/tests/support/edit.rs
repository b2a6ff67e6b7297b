//! A random edit of a spec's text, shared by the property tests that feed edited seed specs
//! to the loader (`tests/no_panic.rs`) and to the chunked reader (`src/load/chunks.rs`).

use proptest::sample::Index;

/// `text` with `cut` bytes removed at `at` and `insert` put in their place, both ends moved
/// back to a character boundary.
pub fn edited(text: &str, at: Index, cut: usize, insert: &str) -> String {
    let mut start = at.index(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (start + cut).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}{insert}{}", &text[..start], &text[end..])
}
