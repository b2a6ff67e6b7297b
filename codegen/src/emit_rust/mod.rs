//! Rust emitter: one platform of the checked model becomes the items of its client module.
//!
//! The output is meant to be `include!`d inside `pub mod <platform> { ... }`, so it carries no
//! inner attributes; [`module_doc`] gives the wrapper's doc text. Generated code reaches the
//! runtime only through `::gamechannel::...` paths, so it compiles in any crate that depends on
//! `gamechannel`, and in `gamechannel` itself.

pub mod agreement;
mod call;
mod callback;
mod client;
mod codes;
mod examples;
mod fields;
mod frontend;
mod names;
mod notification;
mod outgoing;
mod platform;
mod recipe;

#[cfg(test)]
mod tests;

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{EndpointKind, Platform};

/// The formatted Rust source of one platform's items (no inner attributes).
///
/// A generator bug that yields unparsable tokens becomes a `compile_error!` naming the
/// platform instead of a panic in the build script.
pub fn emit_platform(platform: &Platform) -> String {
    let tokens = platform_tokens(platform);
    match syn::parse2::<syn::File>(tokens) {
        // The client goes after the rest, formatted on its own inside its feature gate.
        Ok(file) => prettyplease::unparse(&file) + &client::gated_source(platform),
        Err(e) => {
            let message = format!(
                "gamechannel-codegen emitted invalid Rust for `{}`: {e}",
                platform.name
            );
            format!("compile_error!({message:?});\n")
        }
    }
}

/// The doc text of a platform's module: title, overview, link, and the spec it came from.
pub fn module_doc(platform: &Platform) -> String {
    let mut doc = format!("{}\n", platform.title.trim());
    if let Some(text) = &platform.doc {
        doc.push('\n');
        doc.push_str(text.trim());
        doc.push('\n');
    }
    if let Some(url) = &platform.docs_url {
        doc.push_str(&format!("\nPlatform documentation: <{url}>\n"));
    }
    doc.push_str(&format!("\nGenerated from `{}`.\n", platform.source));
    doc
}

/// The unformatted tokens of [`emit_platform`], but for the feature-gated client it appends.
pub fn platform_tokens(platform: &Platform) -> TokenStream {
    let head = platform::emit(platform);
    let errors = codes::error_code(platform);
    let token_errors = client::error_code_items(platform);
    let has_calls = platform
        .endpoints
        .iter()
        .any(|e| e.kind == EndpointKind::Call);
    let envelope = platform.envelope.as_ref().filter(|_| has_calls).map(|env| {
        let code = &env.code;
        let message = match &env.message {
            Some(m) => quote!(::core::option::Option::Some(#m)),
            None => quote!(::core::option::Option::None),
        };
        let ok = names::int(env.ok);
        let missing_is_ok = env.missing_is_ok;
        quote! {
            /// How every response of this platform says success or failure.
            const ENVELOPE: ::gamechannel::__private::envelope::Envelope = ::gamechannel::__private::envelope::Envelope {
                code: #code,
                message: #message,
                ok: #ok,
                missing_is_ok: #missing_is_ok,
            };
        }
    });
    let endpoints = platform.endpoints.iter().map(|e| match e.kind {
        EndpointKind::Call => call::emit(platform, e),
        EndpointKind::Callback => callback::emit(platform, e),
        EndpointKind::Frontend => frontend::emit(platform, e),
    });
    let examples = examples::emit(platform);
    quote! {
        #head
        #errors
        #token_errors
        #envelope
        #(#endpoints)*
        #examples
    }
}
