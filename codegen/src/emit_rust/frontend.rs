//! `frontend` endpoints: the payload a game page hands to the platform's JS SDK, signed when the
//! spec says so, and the SDK's result codes.

use proc_macro2::TokenStream;
use quote::quote;

use super::call::endpoint_doc;
use super::codes;
use super::fields::{self, Role};
use super::names::{camel_of, doc_text, snake};
use super::outgoing;
use crate::model::{Endpoint, FieldType, Frontend, Platform};

/// Every item of one frontend endpoint.
pub fn emit(platform: &Platform, endpoint: &Endpoint, page: &Frontend) -> TokenStream {
    let payload = camel_of(&[&endpoint.name, "Payload"]);
    let mut text = endpoint_doc(endpoint);
    if let Some(f) = &page.sdk_function {
        text.push_str(&format!("\n\nThe page passes it to `{f}`."));
    }
    let doc = doc_text(&text);
    let strukt = fields::emit_struct(
        &payload,
        &doc,
        &endpoint.name,
        &endpoint.request,
        Role::Outgoing,
    );
    let strukt = quote!(#(#strukt)*);
    let validate = fields::validate_fn(&endpoint.request);
    let members = endpoint.request.iter().map(|f| {
        let ident = snake(&f.rust);
        let wire = &f.wire;
        let write = |value: TokenStream| match f.ty {
            FieldType::Int | FieldType::Bool => quote!(json.bare(#wire, #value);),
            FieldType::Object => quote!(json.nested(#wire, #value);),
            _ => quote!(json.text(#wire, #value);),
        };
        if f.required {
            write(quote!(&self.#ident))
        } else {
            let inner = write(quote!(value));
            quote!(if let Some(value) = self.#ident.as_ref() { #inner })
        }
    });
    let members: Vec<_> = members.collect();
    let json_new = if members.is_empty() {
        quote!(let json)
    } else {
        quote!(let mut json)
    };
    let serialize = if endpoint.signatures.is_empty() {
        quote! {
            /// The JSON object the page passes to the SDK.
            pub fn to_json(&self) -> String {
                #json_new = JsonWriter::new();
                #(#members)*
                json.finish()
            }
        }
    } else {
        let sigs = endpoint.signatures.iter().map(|r| {
            let ident = snake(&r.name);
            let wire = &r.wire;
            if super::recipe::is_optional(r) {
                quote!(if let Some(value) = &signatures.#ident { json.text(#wire, value); })
            } else {
                quote!(json.text(#wire, &signatures.#ident);)
            }
        });
        let unsigned = endpoint.signs_body().then(|| {
            quote! {
                /// The payload as JSON without signatures (what recipes signing `{body}` cover).
                fn unsigned_body(&self, _credentials: &Credentials) -> String {
                    #json_new = JsonWriter::new();
                    #(#members)*
                    json.finish()
                }
            }
        });
        quote! {
            /// Validates and signs the payload; the JSON object the page passes to the SDK (every
            /// field plus the signature, never a key).
            pub fn signed_json(&self, credentials: &Credentials) -> Result<String, InvalidRequest> {
                self.validate()?;
                let signatures = self.sign(credentials);
                let mut json = JsonWriter::new();
                #(#members)*
                #(#sigs)*
                Ok(json.finish())
            }

            #unsigned
        }
    };
    let signing =
        (!endpoint.signatures.is_empty()).then(|| outgoing::signing(platform, endpoint, false));
    let (sign_methods, signatures_struct) = match signing {
        Some(s) => (Some(s.methods), Some(s.signatures)),
        None => (None, None),
    };
    let results = (!page.results.is_empty()).then(|| {
        let ident = camel_of(&[&endpoint.name, "Result"]);
        codes::result_code(&ident, &endpoint.name, &page.results)
    });
    let sdk_function = page.sdk_function.as_ref().map(|f| {
        quote! {
            /// The JS SDK function the page passes this payload to.
            pub const SDK_FUNCTION: &'static str = #f;
        }
    });
    quote! {
        #strukt

        impl #payload {
            #sdk_function

            /// Checks every constraint of the spec, collecting all violations.
            pub fn validate(&self) -> Result<(), InvalidRequest> {
                #validate
            }

            #serialize
            #sign_methods
        }

        #signatures_struct
        #results
    }
}
