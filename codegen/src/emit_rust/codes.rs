//! Code enums: the platform's `ErrorCode` and frontend `<Endpoint>Result`s.

use std::collections::HashSet;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::names::{camel, doc_or};
use crate::model::{ErrorWhen, Platform};

/// One code of an enum, deduplicated.
struct Code<'a> {
    code: i64,
    name: &'a str,
    variant: Ident,
    doc: Option<&'a str>,
    retry: bool,
}

/// Dedupes by code (first wins) and keeps variant names unique by suffixing the code.
fn dedupe<'a>(codes: impl Iterator<Item = (i64, &'a str, Option<&'a str>, bool)>) -> Vec<Code<'a>> {
    let mut seen_codes = HashSet::new();
    let mut seen_variants = HashSet::from(["Other".to_owned()]);
    let mut out = Vec::new();
    for (code, name, doc, retry) in codes {
        if !seen_codes.insert(code) {
            continue;
        }
        let mut variant = camel(name);
        if !seen_variants.insert(variant.to_string()) {
            let suffix = if code < 0 {
                format!("Minus{}", code.unsigned_abs())
            } else {
                code.to_string()
            };
            variant = format_ident!("{}{}", variant, suffix);
            seen_variants.insert(variant.to_string());
        }
        out.push(Code {
            code,
            name,
            variant,
            doc,
            retry,
        });
    }
    out
}

/// `ErrorCode`: every platform-wide and endpoint error code, plus `Other(i64)`.
pub fn error_code(platform: &Platform) -> TokenStream {
    let all = platform
        .error_table
        .iter()
        .map(|e| (e.code, e.name.as_str(), e.doc.as_deref(), e.retry));
    let codes = dedupe(all);
    let ident = quote!(ErrorCode);
    let common = code_enum(
        &ident,
        &codes,
        "An error code the platform answers with.",
        "A code the spec does not list.",
    );
    let retryable: Vec<_> = codes
        .iter()
        .filter(|c| c.retry)
        .map(|c| &c.variant)
        .collect();
    let retry_body = if retryable.is_empty() {
        quote!(false)
    } else {
        quote!(matches!(self, #(Self::#retryable)|*))
    };
    // Only platforms that say "applied before" with a code get the question.
    let applied: Vec<_> = platform
        .error_table
        .iter()
        .filter(|e| e.when.contains(&ErrorWhen::AlreadyApplied))
        .map(|e| super::names::int(e.code))
        .collect();
    let applied = (!applied.is_empty()).then(|| {
        quote! {
            /// Whether the code says the request's idempotency key was applied before (the
            /// spec's `when: already_applied`): a retry after a lost answer that ends here
            /// has in fact succeeded, and nothing was applied twice.
            pub fn is_already_applied(self) -> bool {
                matches!(self.code(), #(#applied)|*)
            }
        }
    });
    quote! {
        #common
        impl ErrorCode {
            /// Whether the same request may succeed when retried (the spec marks it `retry`).
            pub fn is_retryable(self) -> bool {
                #retry_body
            }

            #applied
        }
    }
}

/// `<Endpoint>Result`: the result codes a frontend SDK reports.
pub fn result_code(
    ident: &Ident,
    endpoint_name: &str,
    codes: &[crate::model::ResultCode],
) -> TokenStream {
    let codes = dedupe(
        codes
            .iter()
            .map(|c| (c.code, c.name.as_str(), c.doc.as_deref(), false)),
    );
    let doc = format!("A result code the SDK reports to the page after `{endpoint_name}`.");
    code_enum(
        &quote!(#ident),
        &codes,
        &doc,
        "A code the spec does not list.",
    )
}

fn code_enum(ident: &TokenStream, codes: &[Code<'_>], doc: &str, other_doc: &str) -> TokenStream {
    let doc = doc_or(None, doc);
    let other_doc = doc_or(None, other_doc);
    let variants = codes.iter().map(|c| {
        let v = &c.variant;
        let d = doc_or(c.doc, &format!("`{}` ({}).", c.name, c.code));
        quote!(#d #v,)
    });
    let vs: Vec<_> = codes.iter().map(|c| &c.variant).collect();
    let nums: Vec<_> = codes.iter().map(|c| super::names::int(c.code)).collect();
    let names = codes.iter().map(|c| c.name);
    let docs = codes.iter().map(|c| c.doc.unwrap_or(""));
    let from_code = if codes.is_empty() {
        quote!(Self::Other(code))
    } else {
        quote!(match code { #(#nums => Self::#vs,)* other => Self::Other(other), })
    };
    quote! {
        #doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum #ident {
            #(#variants)*
            #other_doc
            Other(i64),
        }

        impl #ident {
            /// The variant for a numeric code.
            pub fn from_code(code: i64) -> Self {
                #from_code
            }

            /// The numeric code.
            pub fn code(self) -> i64 {
                match self {
                    #(Self::#vs => #nums,)*
                    Self::Other(code) => code,
                }
            }

            /// The spec's snake_case name (`other` for unlisted codes).
            pub fn name(self) -> &'static str {
                match self {
                    #(Self::#vs => #names,)*
                    Self::Other(_) => "other",
                }
            }

            /// The spec's description (empty when it has none).
            pub fn doc(self) -> &'static str {
                match self {
                    #(Self::#vs => #docs,)*
                    Self::Other(_) => "",
                }
            }
        }

        impl fmt::Display for #ident {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{} ({})", self.name(), self.code())
            }
        }
    }
}
