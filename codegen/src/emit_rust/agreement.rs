//! Agreement tests: one property test per endpoint that runs the generated code and the spec
//! interpreter over the same random values (see [`crate::Builder::agreement_tests`]).
//!
//! The emitted tests call a support module, `support`, that the including test file provides:
//! it draws the values and compares; each test here only maps them onto the generated types.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::names::{camel_of, snake};
use super::outgoing::self_suffix;
use super::recipe;
use crate::model::{Endpoint, EndpointKind, Field, FieldType, Platform};

/// The formatted tests of several platforms whose modules are `<krate>::<platform>`;
/// `gated` puts each behind the platform's cargo feature.
pub fn emit_all(platforms: &[Platform], krate: &str, gated: bool) -> String {
    let modules = platforms.iter().map(|p| emit(p, krate, gated));
    let tokens = quote!(#(#modules)*);
    match syn::parse2::<syn::File>(tokens) {
        Ok(file) => prettyplease::unparse(&file),
        Err(e) => format!("compile_error!({:?});\n", e.to_string()),
    }
}

/// The tests of one platform.
fn emit(platform: &Platform, krate: &str, gated: bool) -> TokenStream {
    let module = format_ident!("{}", platform.name);
    let krate = format_ident!("{}", krate);
    let spec = &platform.source;
    let credentials = credential_kinds(platform);
    let typed_credentials = typed_credentials(platform);
    // An endpoint that signs nothing has nothing to agree on; an RSA one needs a real key
    // pair, not random text, and is covered by its examples instead.
    let signed = platform
        .endpoints
        .iter()
        .filter(|e| !e.signatures.is_empty() && !e.signatures.iter().any(recipe::is_fallible));
    let signed: Vec<&Endpoint> = signed.collect();
    if signed.is_empty() {
        return TokenStream::new();
    }
    let tests = signed.into_iter().map(|endpoint| {
        let test = format_ident!("{}", endpoint.name);
        let name = &endpoint.name;
        let fields = endpoint.request.iter().map(|f| {
            let wire = &f.wire;
            // A JSON document inside a string is signed as text.
            let kind = if f.json_string { kind(FieldType::String) } else { kind(f.ty) };
            let optional = !f.required;
            quote!((#wire, Kind::#kind, #optional))
        });
        let body = match endpoint.kind() {
            EndpointKind::Callback => {
                let notification = camel_of(&[&endpoint.name, "Notification"]);
                quote! {
                    support::callback::<#notification>(&endpoint, FIELDS, CREDENTIALS, |c| #typed_credentials);
                }
            }
            EndpointKind::Call | EndpointKind::Frontend => outgoing(platform, endpoint, &typed_credentials),
        };
        quote! {
            #[test]
            fn #test() {
                const FIELDS: &[(&str, Kind, bool)] = &[#(#fields),*];
                let endpoint = support::endpoint(SPEC, #name);
                #body
            }
        }
    });
    let gate = gated.then(|| {
        let feature = &platform.name;
        quote!(#[cfg(feature = #feature)])
    });
    quote! {
        #gate
        mod #module {
            use super::support::{self, Kind};
            use #krate::#module::*;

            const SPEC: &str = #spec;
            const CREDENTIALS: &[(&str, Kind, bool)] = &[#(#credentials),*];

            #(#tests)*
        }
    }
}

fn kind(ty: FieldType) -> proc_macro2::Ident {
    format_ident!(
        "{}",
        match ty {
            FieldType::Int => "Int",
            FieldType::Bool => "Bool",
            FieldType::Object => "Object",
            FieldType::String | FieldType::Decimal => "Text",
        }
    )
}

fn credential_kinds(platform: &Platform) -> Vec<TokenStream> {
    platform
        .credentials
        .iter()
        .map(|c| {
            let name = &c.name;
            let optional = c.optional;
            quote!((#name, Kind::Text, #optional))
        })
        .collect()
}

/// `Credentials { .. }` from the values `c`.
fn typed_credentials(platform: &Platform) -> TokenStream {
    let members = platform.credentials.iter().enumerate().map(|(i, c)| {
        let ident = snake(&c.name);
        let getter = match (c.secret, c.optional) {
            (true, false) => "secret",
            (true, true) => "opt_secret",
            (false, false) => "text",
            (false, true) => "opt_text",
        };
        let getter = format_ident!("{}", getter);
        quote!(#ident: c.#getter(#i),)
    });
    quote!(Credentials { #(#members)* })
}

/// The typed value of field `i` from the values `v`.
fn typed_field(field: &Field, i: usize) -> TokenStream {
    let getter = match (field.ty, field.secret) {
        (FieldType::Object, _) if field.required => {
            return quote!(::core::default::Default::default());
        }
        (FieldType::Object, _) => return quote!(::core::option::Option::None),
        (FieldType::Int, _) => "int",
        (FieldType::Bool, _) => "boolean",
        (FieldType::String | FieldType::Decimal, true) => "secret",
        (FieldType::String | FieldType::Decimal, false) => "text",
    };
    let getter = if field.required {
        format_ident!("{}", getter)
    } else {
        format_ident!("opt_{}", getter)
    };
    quote!(v.#getter(#i))
}

fn outgoing(platform: &Platform, endpoint: &Endpoint, credentials: &TokenStream) -> TokenStream {
    let ty = camel_of(&[&endpoint.name, self_suffix(endpoint)]);
    let members = endpoint.request.iter().enumerate().map(|(i, f)| {
        let ident = snake(&f.rust);
        let value = typed_field(f, i);
        quote!(#ident: #value,)
    });
    let objects = endpoint
        .request
        .iter()
        .filter(|f| f.ty == FieldType::Object && f.required)
        .map(|f| {
            let ident = snake(&f.rust);
            let wire = &f.wire;
            quote!((#wire, ::gamechannel::__private::serde_json::to_string(&request.#ident).ok()))
        });
    let signed = endpoint.signatures.iter().map(|r| {
        let name = &r.name;
        let field = snake(&r.name);
        if recipe::is_optional(r) {
            quote!((#name, signatures.#field.clone()))
        } else {
            quote!((#name, ::core::option::Option::Some(signatures.#field.clone())))
        }
    });
    let (path, sign) = if endpoint.kind() == EndpointKind::Frontend {
        (String::new(), quote!(request.sign(&credentials)))
    } else {
        let default = platform.environments.first().map(|e| e.name.as_str());
        let path = default
            .and_then(|env| endpoint.path_in(env))
            .unwrap_or_default()
            .to_owned();
        (path.clone(), quote!(request.sign(#path, &credentials)))
    };
    quote! {
        support::outgoing(SPEC, &endpoint, FIELDS, CREDENTIALS, #path, |v, c| {
            let request = #ty { #(#members)* };
            let credentials = #credentials;
            let signatures = #sign;
            support::Outgoing {
                refused: support::refused_fields(request.validate()),
                signed: vec![#(#signed),*],
                objects: vec![#(#objects),*],
            }
        });
    }
}
