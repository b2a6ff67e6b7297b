//! Pushes: callbacks read from the query and a JSON or XML body together, and encrypted
//! bodies opened (after the signature over the ciphertext is checked) before anything else.

use proc_macro2::TokenStream;
use quote::quote;

use super::callback::sealed_ident;
use super::names::snake;
use crate::model::{Encoding, Endpoint, Platform};

/// `pairs` extended by the members of the JSON documents carried as strings.
fn json_members(endpoint: &Endpoint) -> TokenStream {
    let names = endpoint.json_fields();
    if names.is_empty() {
        return TokenStream::new();
    }
    quote!(let pairs = pairs.with_json_members(&[#(#names),*])?;)
}

/// Statements binding `format` and `pairs` (the values the signatures are checked over) from
/// `request` and `credentials`.
pub fn pairs(platform: &Platform, endpoint: &Endpoint) -> TokenStream {
    let format = match endpoint.encoding {
        Encoding::Xml => quote!(BodyFormat::Xml),
        Encoding::JsonOrXml => quote!(BodyFormat::sniff(request.body)),
        _ => quote!(BodyFormat::Json),
    };
    let query = if endpoint.query_and_body() {
        quote!(RawPairs::from_query(request.query)?)
    } else {
        quote!(RawPairs::default())
    };
    let members = json_members(endpoint);
    let Some(decrypt) = endpoint.decrypt() else {
        return quote! {
            let format = #format;
            let pairs = #query.and(RawPairs::from_body(format, request.body)?);
            #members
        };
    };
    let field = &decrypt.field;
    let key = snake(&decrypt.key);
    let sealed = sealed_ident(endpoint);
    let trailer_ident = snake(&decrypt.trailer);
    let plain = if decrypt.required {
        quote!(return Err(CallbackRejection::NotEncrypted { field: #field }))
    } else {
        quote!(query.and(body))
    };
    let trailer = if platform
        .credential(&decrypt.trailer)
        .is_some_and(|c| c.secret)
    {
        quote!(credentials.#trailer_ident.expose())
    } else {
        quote!(&credentials.#trailer_ident)
    };
    quote! {
        let format = #format;
        let query = #query;
        let body = RawPairs::from_body(format, request.body)?;
        // A plain push is read as it is (unless the spec requires encryption); an encrypted one
        // only once the signature over its ciphertext holds, so that nothing forged is ever
        // decrypted.
        let pairs = match body.get(#field)? {
            None => #plain,
            Some(ciphertext) => {
                let sealed = query.with(#field, ciphertext.to_owned());
                #sealed::from_pairs(request.body, &sealed)?.check_signatures(credentials)?;
                sealed.opened(#field, &credentials.#key, #trailer, format)?
            }
        };
        #members
    }
}
