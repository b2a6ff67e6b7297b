//! The `Client` struct and its methods: one per `call` endpoint, each a few lines handing the
//! request to the runtime's shared call loop and returning its `Call` future.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::super::call::endpoint_doc;
use super::super::names::{camel_of, doc_text, snake};
use crate::model::{self, Credential, Endpoint, EndpointKind, Platform};

/// Client methods that an endpoint method must not shadow.
const RESERVED: &[&str] = &["new", "with_transport", "config", "for_user", "builder"];

/// The `Client` struct, its constructors and endpoint methods.
pub fn client(
    platform: &Platform,
    token: Option<&Credential>,
    per_user: &[&Credential],
) -> TokenStream {
    let for_user = (!per_user.is_empty()).then(|| {
        quote! {
            /// This client for one player: calls are signed with `user`'s credentials instead of
            /// those in [`Config::credentials`]. Cheap: the configuration and transport are shared.
            pub fn for_user(&self, user: UserCredentials) -> Self {
                Self(self.0.for_user(user))
            }
        }
    });
    let methods = platform
        .endpoints
        .iter()
        .filter(|e| e.kind() == EndpointKind::Call)
        .map(|e| method(e, token));
    quote! {
        /// An async client of the platform: one method per endpoint, each validating, signing,
        /// sending, decoding and retrying as the [`Config`] says.
        ///
        /// Cheap to clone (shared configuration and transport); `Debug` shows no secret.
        #[derive(Debug, Clone)]
        pub struct Client(PlatformClient<Api>);

        impl Client {
            /// A client sending through `transport` (a test double, a configured HTTP client).
            pub fn with_transport(config: Config, transport: impl Transport + 'static) -> Self {
                Self(PlatformClient::with_transport(config, transport))
            }

            /// The configuration.
            pub fn config(&self) -> &Config {
                self.0.config()
            }

            #for_user
            #(#methods)*
        }
    }
}

/// The client method of an endpoint: its name, unless that is a constructor's.
pub fn method_ident(endpoint: &Endpoint) -> proc_macro2::Ident {
    let name = snake(&endpoint.name);
    if RESERVED.contains(&name.to_string().as_str()) {
        format_ident!("{}_endpoint", name)
    } else {
        name
    }
}

/// The method of one `call` endpoint.
///
/// `#[inline]`, like every per-endpoint function: a crate compiles only the endpoints it calls,
/// not all of them in the crate that includes the spec.
fn method(endpoint: &Endpoint, token: Option<&Credential>) -> TokenStream {
    let name = method_ident(endpoint);
    let request = camel_of(&[&endpoint.name, "Request"]);
    let response = camel_of(&[&endpoint.name, "Response"]);
    let wire_name = &endpoint.name;
    // The issuer never asks for the token it issues: a cache fetching it would wait on itself.
    let uses_token = token.filter(|c| {
        super::token_source::uses_credential(endpoint, &c.name)
            && c.issued_by
                .as_ref()
                .is_none_or(|i| i.endpoint != endpoint.name)
    });
    let call = match uses_token {
        Some(_) => quote!(call_with_token),
        None => quote!(call),
    };
    let mut doc = endpoint_doc(endpoint);
    doc.push_str(&format!("\n\nSends a [`{request}`]; "));
    let shape = endpoint.call();
    if shape.is_some_and(model::Call::retry_safe) {
        doc.push_str("transient failures are retried with the same request, as the ");
        doc.push_str("[`Config::retry`] policy allows (retry-safe: ");
        match shape.and_then(|c| c.idempotency_key.as_ref()) {
            Some(key) => doc.push_str(&format!("`{key}` is never applied twice).")),
            None => doc.push_str("read-only)."),
        }
    } else {
        doc.push_str("never retried automatically: not retry-safe.");
    }
    if let Some(c) = uses_token {
        doc.push_str(&format!(
            " Signed with the token of [`Config::tokens`]; a rejected `{}` is refreshed once \
             and the request sent again.",
            c.name
        ));
    }
    let doc = doc_text(&doc);
    quote! {
        #doc
        #[inline]
        pub fn #name<'a>(&'a self, request: &'a #request) -> Call<'a, #response, ErrorCode> {
            self.0.#call(
                #wire_name,
                #request::RETRY_SAFE,
                request,
                #request::validate,
                #request::prepare,
                #response::decode,
            )
        }
    }
}
