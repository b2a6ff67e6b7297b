//! Platform-wide items: `PLATFORM`, `Environment`, `Credentials`.

use proc_macro2::TokenStream;
use quote::quote;

use super::names::{camel, doc_or, snake};
use crate::model::{Credential, Platform};

/// The Rust type of a credential's value.
pub fn credential_type(credential: &Credential) -> TokenStream {
    let base = if credential.secret {
        quote!(Secret)
    } else {
        quote!(String)
    };
    if credential.optional {
        quote!(Option<#base>)
    } else {
        base
    }
}

/// `PLATFORM`, `Environment` and `Credentials`.
pub fn emit(platform: &Platform) -> TokenStream {
    let name = &platform.name;
    let environment = environment(platform);
    let credentials = credentials(platform);
    quote! {
        /// The platform's name in specs and on the command line.
        pub const PLATFORM: &str = #name;
        #environment
        #credentials
    }
}

fn environment(platform: &Platform) -> TokenStream {
    let envs = &platform.environments;
    let variants = envs.iter().enumerate().map(|(i, e)| {
        let v = camel(&e.name);
        let d = doc_or(e.doc.as_deref(), &format!("`{}`: <{}>", e.name, e.base_url));
        let default = (i == 0).then(|| quote!(#[default]));
        quote!(#d #default #v,)
    });
    let idents: Vec<_> = envs.iter().map(|e| camel(&e.name)).collect();
    let names = envs.iter().map(|e| &e.name);
    let urls = envs.iter().map(|e| &e.base_url);
    let count = super::names::size(envs.len());
    let (name_body, url_body) = if envs.is_empty() {
        (quote!(match *self {}), quote!(match *self {}))
    } else {
        (
            quote!(match self { #(Self::#idents => #names,)* }),
            quote!(match self { #(Self::#idents => #urls,)* }),
        )
    };
    quote! {
        /// Where requests go; the first environment is the default.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub enum Environment {
            #(#variants)*
        }

        impl Environment {
            /// Every environment, in the spec's order.
            pub const ALL: [Environment; #count] = [#(Environment::#idents),*];

            /// The environment's name in the spec.
            pub fn name(self) -> &'static str {
                #name_body
            }

            /// Scheme and host, without a trailing slash.
            pub fn base_url(self) -> &'static str {
                #url_body
            }
        }
    }
}

fn credentials(platform: &Platform) -> TokenStream {
    let fields = platform.credentials.iter().map(|c| {
        let ident = snake(&c.name);
        let ty = credential_type(c);
        let d = doc_or(c.doc.as_deref(), &format!("`{}`.", c.name));
        let per_user = c.per_user.then(|| {
            quote!(#[doc = ""] #[doc = " Differs per user: build one `Credentials` per player session."])
        });
        quote!(#d #per_user pub #ident: #ty,)
    });
    quote! {
        /// What the platform gave you; secret values are [`Secret`] and never printed.
        #[derive(Debug, Clone)]
        pub struct Credentials {
            #(#fields)*
        }
    }
}
