//! Formatting emitted tokens as source a reviewer would take for hand-written: prettyplease
//! per item, a blank line between items, and between the items of an `impl`.

use proc_macro2::TokenStream;

/// `tokens` (any number of items) formatted, each item preceded by a blank line.
pub fn items(tokens: &TokenStream) -> syn::Result<String> {
    let file = syn::parse2::<syn::File>(tokens.clone())?;
    let mut out = String::new();
    for item in file.items {
        let one = syn::File {
            shebang: None,
            attrs: Vec::new(),
            items: vec![item],
        };
        out.push('\n');
        out.push_str(&spaced(&prettyplease::unparse(&one)));
    }
    Ok(out)
}

/// Inserts a blank line before an item that follows another at the same indentation inside
/// a block: prettyplease keeps associated items of an `impl` (and items of a `mod`) tight.
pub fn spaced(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut previous: Option<&str> = None;
    for line in text.lines() {
        if let Some(prev) = previous
            && starts_item(line)
            && ends_item(prev)
            && indent(prev) == indent(line)
            && indent(line) > 0
        {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        previous = Some(line);
    }
    out
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// A line that starts an item worth setting apart: its docs, attributes or keyword (bare
/// `const`s and `type`s of a trait impl stay together).
fn starts_item(line: &str) -> bool {
    let line = line.trim_start();
    [
        "///",
        "#[",
        "pub fn",
        "pub async fn",
        "fn ",
        "impl",
        "pub struct",
        "struct ",
        "pub enum",
    ]
    .iter()
    .any(|start| line.starts_with(start))
}

/// A line that ends an item: a closing brace or a `;` that closes a `const` or `type`.
fn ends_item(line: &str) -> bool {
    let line = line.trim();
    line == "}" || line == "};" || (line.ends_with(';') && !line.starts_with("//"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_between_items_not_statements() {
        let source = "impl A {\n    /// One.\n    pub const X: u8 = 1;\n    /// Two.\n    fn f() {\n        let a = 1;\n        let b = a;\n    }\n    fn g() {}\n}\n";
        let expected = "impl A {\n    /// One.\n    pub const X: u8 = 1;\n\n    /// Two.\n    fn f() {\n        let a = 1;\n        let b = a;\n    }\n\n    fn g() {}\n}\n";
        assert_eq!(spaced(source), expected);
    }
}
