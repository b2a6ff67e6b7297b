//! Rust names and doc attributes for generated items.

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// Words that need `r#` to be identifiers.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Words that cannot even be raw identifiers.
const UNRAWABLE: &[&str] = &["self", "Self", "super", "crate", "_"];

fn make(name: String) -> Ident {
    let name = if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{name}")
    } else {
        name
    };
    if UNRAWABLE.contains(&name.as_str()) {
        Ident::new(&format!("{name}_"), Span::call_site())
    } else if KEYWORDS.contains(&name.as_str()) {
        Ident::new_raw(&name, Span::call_site())
    } else {
        Ident::new(&name, Span::call_site())
    }
}

/// A value identifier (field, function, local) from a snake_case or wire name.
pub fn snake(name: &str) -> Ident {
    make(name.to_snake_case())
}

/// A type or variant identifier.
pub fn camel(name: &str) -> Ident {
    make(name.to_upper_camel_case())
}

/// A type identifier made of several name parts, e.g. endpoint + `Request`.
pub fn camel_of(parts: &[&str]) -> Ident {
    camel(&parts.join("_"))
}

/// An integer literal without a type suffix (`90011`, not `90011i64`).
pub fn int(n: i64) -> TokenStream {
    let lit = proc_macro2::Literal::u64_unsuffixed(n.unsigned_abs());
    if n < 0 { quote!(-#lit) } else { quote!(#lit) }
}

/// A `usize` literal without a type suffix.
pub fn size(n: usize) -> TokenStream {
    let lit = proc_macro2::Literal::usize_unsuffixed(n);
    quote!(#lit)
}

/// `#[doc]` attributes, one per line, from optional spec text.
pub fn doc(text: Option<&str>) -> TokenStream {
    text.map(doc_text).unwrap_or_default()
}

/// `#[doc]` attributes, one per line.
pub fn doc_text(text: &str) -> TokenStream {
    let lines = text.trim().lines().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#[doc = #line])
    });
    quote!(#(#lines)*)
}

/// Doc text with a fallback when the spec says nothing.
pub fn doc_or(text: Option<&str>, fallback: &str) -> TokenStream {
    match text {
        Some(t) if !t.trim().is_empty() => doc_text(t),
        _ => doc_text(fallback),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(snake("type").to_string(), "r#type");
        assert_eq!(snake("self").to_string(), "self_");
        assert_eq!(snake("roleId").to_string(), "role_id");
        assert_eq!(snake("1x").to_string(), "_1x");
        assert_eq!(camel("self").to_string(), "Self_");
        assert_eq!(
            camel_of(&["pay_notify", "Notification"]).to_string(),
            "PayNotifyNotification"
        );
    }
}
