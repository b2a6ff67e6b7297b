//! The `Client` struct and its methods: one `async fn` per `call` endpoint.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::super::call::endpoint_doc;
use super::super::names::{camel_of, doc_text, snake};
use crate::model::{Credential, Endpoint, EndpointKind, Platform};

/// Client methods that an endpoint method must not shadow.
const RESERVED: &[&str] = &["new", "with_transport", "config", "for_user"];

/// The `Client` struct, its `Debug`, constructors and endpoint methods.
pub fn client(
    platform: &Platform,
    token: Option<&Credential>,
    per_user: &[&Credential],
) -> TokenStream {
    let user_field = (!per_user.is_empty())
        .then(|| quote!(user: ::core::option::Option<::std::sync::Arc<UserCredentials>>,));
    let user_init = (!per_user.is_empty()).then(|| quote!(user: ::core::option::Option::None,));
    let user_debug = (!per_user.is_empty()).then(|| quote!(.field("user", &self.user)));
    let for_user = (!per_user.is_empty()).then(|| {
        quote! {
            /// This client for one player: calls are signed with `user`'s credentials instead of
            /// those in [`Config::credentials`]. Cheap: the configuration and transport are shared.
            pub fn for_user(&self, user: UserCredentials) -> Self {
                Self {
                    user: ::core::option::Option::Some(::std::sync::Arc::new(user)),
                    ..self.clone()
                }
            }
        }
    });
    let attempt_credentials = attempt_credentials(token, per_user);
    let methods = platform
        .endpoints
        .iter()
        .filter(|e| e.kind == EndpointKind::Call)
        .map(|e| method(e, token, attempt_credentials.is_some()));
    quote! {
        /// An async client of the platform: one method per endpoint, each validating, signing,
        /// sending, decoding and retrying as the [`Config`] says.
        ///
        /// Cheap to clone (shared configuration and transport); `Debug` shows no secret.
        #[derive(Clone)]
        pub struct Client {
            config: ::std::sync::Arc<Config>,
            transport: ::std::sync::Arc<dyn ::gamechannel::client::Transport>,
            #user_field
        }

        impl ::core::fmt::Debug for Client {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct("Client")
                    .field("config", &self.config)
                    #user_debug
                    .finish_non_exhaustive()
            }
        }

        impl Client {
            /// A client sending through `transport` (a test double, a configured HTTP client).
            pub fn with_transport(config: Config, transport: impl ::gamechannel::client::Transport + 'static) -> Self {
                Self {
                    config: ::std::sync::Arc::new(config),
                    transport: ::std::sync::Arc::new(transport),
                    #user_init
                }
            }

            /// The configuration.
            pub fn config(&self) -> &Config {
                &self.config
            }

            #for_user
            #attempt_credentials

            /// The engine of one call, with the token provider when the endpoint uses the token.
            fn engine_for_call<'a>(&'a self, tokens: ::core::option::Option<&'a dyn ::gamechannel::client::TokenProvider>) -> ::gamechannel::client::Engine<'a> {
                ::gamechannel::client::Engine {
                    platform: PLATFORM,
                    transport: &*self.transport,
                    base_url: self.config.target.base_url(Environment::base_url),
                    retry: self.config.retry,
                    timeout: self.config.timeout,
                    tokens,
                }
            }

            #(#methods)*
        }
    }
}

/// `credentials_for_attempt`, when a token or a player's credentials replace configured ones.
fn attempt_credentials(
    token: Option<&Credential>,
    per_user: &[&Credential],
) -> Option<TokenStream> {
    if token.is_none() && per_user.is_empty() {
        return None;
    }
    let set_token = token.map(|c| {
        let ident = snake(&c.name);
        let value = if c.secret {
            quote!(token.clone())
        } else {
            quote!(::std::string::String::from(token.expose()))
        };
        let value = if c.optional {
            quote!(::core::option::Option::Some(#value))
        } else {
            value
        };
        quote! {
            if let ::core::option::Option::Some(token) = token {
                credentials.#ident = #value;
            }
        }
    });
    let token_param = if token.is_some() {
        quote!(token)
    } else {
        quote!(_token)
    };
    let set_user = (!per_user.is_empty()).then(|| {
        let idents: Vec<_> = per_user.iter().map(|c| snake(&c.name)).collect();
        quote! {
            if let ::core::option::Option::Some(user) = &self.user {
                #(credentials.#idents = user.#idents.clone();)*
            }
        }
    });
    Some(quote! {
        /// The credentials of one attempt: configured ones, with the attempt's token and the
        /// player's credentials put in.
        fn credentials_for_attempt(&self, #token_param: ::core::option::Option<&::gamechannel::Secret>) -> Credentials {
            let mut credentials = self.config.credentials.clone();
            #set_token
            #set_user
            credentials
        }
    })
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

/// The `async fn` of one `call` endpoint.
fn method(endpoint: &Endpoint, token: Option<&Credential>, per_attempt: bool) -> TokenStream {
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
    let tokens = match uses_token {
        Some(_) => quote!(self.config.tokens.as_deref()),
        None => quote!(::core::option::Option::None),
    };
    let credentials = if per_attempt {
        quote!(&self.credentials_for_attempt(token))
    } else {
        quote!(&self.config.credentials)
    };
    let token_param = if per_attempt {
        quote!(token)
    } else {
        quote!(_token)
    };
    let mut doc = endpoint_doc(endpoint);
    doc.push_str(&format!("\n\nSends a [`{request}`]; "));
    if endpoint.retry_safe() {
        doc.push_str("transient failures are retried with the same request, as the ");
        doc.push_str("[`Config::retry`] policy allows (retry-safe: ");
        match &endpoint.idempotency_key {
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
        pub async fn #name(&self, request: &#request) -> ::core::result::Result<#response, ::gamechannel::Error<ErrorCode>> {
            // Refused before anything is sent, a token fetch included.
            request.validate()?;
            let path = #request::path(self.config.target.environment());
            self.engine_for_call(#tokens)
                .call(
                    #wire_name,
                    #request::RETRY_SAFE,
                    |#token_param| request.prepare_at(path, #credentials),
                    #response::decode,
                )
                .await
        }
    }
}
