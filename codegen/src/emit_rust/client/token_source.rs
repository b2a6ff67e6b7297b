//! The `TokenSource` of an issued credential, and which endpoints use a credential.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::names::{camel_of, doc_text, snake};
use super::methods::method_ident;
use crate::model::{Credential, Endpoint, FieldType, Source};

/// `<Credential>Source`: fetches the credential by calling its issuing endpoint.
pub fn emit(credential: &Credential, issuer: &Endpoint) -> Option<TokenStream> {
    let issued = credential.issued_by.as_ref()?;
    let ident = camel_of(&[&credential.name, "Source"]);
    let request = camel_of(&[&issuer.name, "Request"]);
    let method = method_ident(issuer);
    let value_field = issuer.response.iter().find(|f| f.wire == issued.value)?;
    let value = snake(&value_field.rust);
    let missing = format!("the answer has no `{}`", issued.value);
    let raw = if value_field.required {
        quote!(response.#value)
    } else {
        quote!(response.#value.ok_or_else(|| ::gamechannel::client::TokenError::new(#missing))?)
    };
    let token = match value_field.ty {
        FieldType::String | FieldType::Decimal if value_field.secret => raw,
        FieldType::String | FieldType::Decimal => quote!(Secret::from(#raw)),
        _ => quote!(Secret::new(::std::string::ToString::to_string(&#raw))),
    };
    let lifetime_field = issued
        .expires_in
        .as_ref()
        .and_then(|wire| issuer.response.iter().find(|f| &f.wire == wire))
        .filter(|f| f.ty == FieldType::Int);
    // A negative lifetime from the platform means "already expired", not a panic.
    let seconds = |secs| quote!(Duration::from_secs(u64::try_from(#secs).unwrap_or(0)));
    let lifetime = match lifetime_field {
        Some(f) if f.required => {
            let f = snake(&f.rust);
            let lifetime = seconds(quote!(response.#f));
            quote!(Some(#lifetime))
        }
        Some(f) => {
            let f = snake(&f.rust);
            let lifetime = seconds(quote!(secs));
            quote!(response.#f.map(|secs| #lifetime))
        }
        None => quote!(None),
    };
    let doc = doc_text(&format!(
        "Fetches `{cred}` by calling [`Client::{method}`], for a \
         [`::gamechannel::client::CachedTokens`] to cache and refresh:\n\n\
         ```ignore\n\
         let source = {ident}::new(client.clone(), {request} {{ /* ... */ }});\n\
         let tokens = ::std::sync::Arc::new(::gamechannel::client::CachedTokens::new(source));\n\
         let client = Client::with_transport(config.with_tokens(tokens), transport);\n\
         ```",
        cred = credential.name,
    ));
    Some(quote! {
        #doc
        #[derive(Debug, Clone)]
        pub struct #ident {
            client: Client,
            request: #request,
        }

        impl #ident {
            /// A source sending `request` through `client`; the client's own token provider
            /// is not asked, the issuing endpoint needs no token.
            pub fn new(client: Client, request: #request) -> Self {
                Self { client, request }
            }
        }

        impl ::gamechannel::client::TokenSource for #ident {
            fn fetch(&self) -> ::gamechannel::client::BoxFuture<'_, Result<(Secret, Option<Duration>), ::gamechannel::client::TokenError>> {
                ::std::boxed::Box::pin(async move {
                    let response = self.client.#method(&self.request).await.map_err(|error| match error {
                        // The excerpt of an undecodable answer could hold the token itself.
                        Error::Decode { reason, .. } => ::gamechannel::client::TokenError::new(reason),
                        Error::Api { code, message } => ::gamechannel::client::TokenError::platform(code.code(), message),
                        other => ::gamechannel::client::TokenError::new(other),
                    })?;
                    let token = #token;
                    Ok((token, #lifetime))
                })
            }
        }
    })
}

/// Whether an endpoint's requests send or are signed with credential `name`.
pub fn uses_credential(endpoint: &Endpoint, name: &str) -> bool {
    endpoint.sends.iter().any(|s| s == name)
        || endpoint.signatures.iter().any(|s| {
            s.plan
                .sources()
                .iter()
                .any(|source| matches!(source, Source::Credential(c) if c == name))
        })
}
