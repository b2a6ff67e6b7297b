//! `Client::builder` and the module's `Wiring`: which names the runtime's generic builder
//! takes and how they fill `Credentials` and the issuing endpoint's request. Everything else
//! (checks, errors, the token cache) is runtime code.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::names::{camel_of, doc_text, snake};
use crate::model::{Credential, Endpoint, FieldType, Platform};

/// How the issuing endpoint's request is filled, when every required field can be: a fixed
/// value (a one-value enum) or a text given by name.
enum Input<'a> {
    Fixed(&'a str),
    Named,
    Absent,
}

fn issuer_inputs(issuer: &Endpoint) -> Option<Vec<Input<'_>>> {
    issuer
        .request
        .iter()
        .map(|f| match (&f.constraints.values[..], f.ty) {
            _ if !f.required => Some(Input::Absent),
            ([(value, _)], FieldType::String) => Some(Input::Fixed(value)),
            (_, FieldType::String) => Some(Input::Named),
            // An int or object the builder cannot take by name: the credential is then given.
            _ => None,
        })
        .collect()
}

/// `Client::builder`, `From<PlatformClient<Api>>` and `impl Wiring for Api`; `token` is the
/// issued credential and its issuer, when the client fetches one.
pub fn emit(platform: &Platform, token: Option<(&Credential, &Endpoint)>) -> TokenStream {
    let wired = token.and_then(|(c, issuer)| Some((c, issuer, issuer_inputs(issuer)?)));
    let issued = wired.as_ref().map(|(c, _, _)| c.name.as_str());
    let mut settings = Vec::new();
    let mut fields = Vec::new();
    for c in &platform.credentials {
        let ident = snake(&c.name);
        let name = c.name.as_str();
        let get = |optional: bool| match (c.secret, optional) {
            (true, false) => quote!(settings.secret(#name)?),
            (true, true) => quote!(settings.opt_secret(#name)),
            (false, false) => quote!(settings.text(#name)?),
            (false, true) => quote!(settings.opt_text(#name)),
        };
        let empty = if c.secret {
            quote!(Secret::new(String::new()))
        } else {
            quote!(String::new())
        };
        let value = if c.per_user {
            // Placeholders that `for_user` replaces; never sent as they are.
            if c.optional { quote!(None) } else { empty }
        } else if Some(name) == issued {
            let role = format!(
                "issued by {}; given, it is used as it is and never refreshed",
                wired.as_ref().map_or("", |(_, e, _)| e.name.as_str())
            );
            settings.push(
                quote!(::gamechannel::client::Setting { name: #name, role: #role, optional: true }),
            );
            let given = get(true);
            if c.optional {
                given
            } else {
                quote!(#given.unwrap_or_else(|| #empty))
            }
        } else {
            let optional = c.optional;
            settings.push(quote!(::gamechannel::client::Setting { name: #name, role: "credential", optional: #optional }));
            get(c.optional)
        };
        fields.push(quote!(#ident: #value,));
    }
    let tokens = wired.map(|(credential, issuer, inputs)| {
        let role = format!("for {}, which issues {}", issuer.name, credential.name);
        let values = issuer.request.iter().zip(&inputs).map(|(f, input)| {
            let ident = snake(&f.rust);
            let name = f.wire.as_str();
            let value = match input {
                Input::Absent => quote!(None),
                Input::Fixed(v) if f.secret => quote!(Secret::new(#v)),
                Input::Fixed(v) => quote!(String::from(#v)),
                Input::Named if f.secret => quote!(settings.secret(#name)?),
                Input::Named => quote!(settings.text(#name)?),
            };
            quote!(#ident: #value,)
        });
        for (f, input) in issuer.request.iter().zip(&inputs) {
            let name = f.wire.as_str();
            if matches!(input, Input::Named) && platform.credential(name).is_none() {
                settings.push(quote!(::gamechannel::client::Setting { name: #name, role: #role, optional: false }));
            }
        }
        let request = camel_of(&[&issuer.name, "Request"]);
        let source = camel_of(&[&credential.name, "Source"]);
        let name = credential.name.as_str();
        quote! {
            fn token_source(
                settings: &::gamechannel::client::Settings,
                issuer: PlatformClient<Self>,
            ) -> Result<Option<::std::sync::Arc<dyn ::gamechannel::client::TokenSource>>, ::gamechannel::client::BuildError> {
                if settings.has(#name) {
                    return Ok(None);
                }
                let request = #request { #(#values)* };
                Ok(Some(::std::sync::Arc::new(#source::new(Client(issuer), request))))
            }
        }
    });
    let doc = doc_text(&builder_doc(platform, token.filter(|_| tokens.is_some())));
    quote! {
        impl Client {
            #doc
            pub fn builder(environment: Environment) -> ::gamechannel::client::Builder<Api> {
                ::gamechannel::client::Builder::new(environment)
            }
        }

        impl From<PlatformClient<Api>> for Client {
            fn from(client: PlatformClient<Api>) -> Self {
                Self(client)
            }
        }

        impl ::gamechannel::client::Wiring for Api {
            type Client = Client;

            const SETTINGS: &'static [::gamechannel::client::Setting] = &[#(#settings),*];

            fn credentials(settings: &::gamechannel::client::Settings) -> Result<Credentials, ::gamechannel::client::BuildError> {
                Ok(Credentials { #(#fields)* })
            }

            #tokens
        }
    }
}

fn builder_doc(platform: &Platform, token: Option<(&Credential, &Endpoint)>) -> String {
    let mut doc = String::from(
        "A client for `environment` (`.base_url(..)` for a mock or proxy), its credentials \
         given by name with `.credential(name, value)`, then `.build()`.",
    );
    if let Some((c, issuer)) = token {
        doc.push_str(&format!(
            "\n\nWithout `{cred}` given, the client fetches it with [`Client::{method}`] from \
             the inputs that endpoint needs, caches it and refreshes it ahead of expiry and \
             when the platform rejects it.",
            cred = c.name,
            method = super::methods::method_ident(issuer),
        ));
    }
    let per_user: Vec<&str> = platform
        .credentials
        .iter()
        .filter(|c| c.per_user)
        .map(|c| c.name.as_str())
        .collect();
    if !per_user.is_empty() {
        doc.push_str(&format!(
            " Per-player credentials (`{}`) are given per call with [`Client::for_user`].",
            per_user.join("`, `")
        ));
    }
    doc
}
