//! What a callback endpoint gets beyond verification: the replay-window check, the reply the
//! platform expects, the dedup key, and the runtime traits (`SignedCallback`, `Callback`)
//! that let `gamechannel::dedup` and `gamechannel::axum` handle any platform's callbacks.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::names::{doc, doc_text, snake};
use crate::model::{Encoding, Endpoint, FieldType, Reply};

/// `verify_within` and `verify_at`, for endpoints with a `timestamp_field`.
///
/// `decode` turns `raw` into `pairs`; `received` is the raw-values struct.
pub fn windowed_verify(endpoint: &Endpoint, decode: &TokenStream, received: &Ident) -> TokenStream {
    let Some(wire) = endpoint.timestamp_field.as_deref() else {
        return TokenStream::new();
    };
    let field = endpoint.request_field(wire);
    let ident = snake(field.map_or(wire, |f| f.rust.as_str()));
    let text = if field.is_some_and(|f| f.required) {
        quote!(received.#ident)
    } else {
        quote!(received.#ident.ok_or(::gamechannel::CallbackRejection::MissingField(#wire))?)
    };
    let within_doc = doc_text(&format!(
        "Like [`Self::verify`], and refuses a `{wire}` outside `window` around `now_unix_secs` \
         ([`::gamechannel::CallbackRejection::StaleTimestamp`]): a captured callback stays \
         correctly signed, so only its age tells a replay apart."
    ));
    quote! {
        #within_doc
        pub fn verify_within(raw: &str, credentials: &Credentials, now_unix_secs: u64, window: &::gamechannel::ReplayWindow) -> ::core::result::Result<Self, ::gamechannel::CallbackRejection> {
            let pairs = #decode;
            let received = #received::from_pairs(raw, &pairs)?;
            received.check_signatures(credentials)?;
            window.check(#wire, #text, now_unix_secs)?;
            Self::from_received(&received)
        }

        /// Like [`Self::verify_within`] with a window of `max_age_secs` back from `now_unix_secs`
        /// and the default clock-skew allowance ([`::gamechannel::ReplayWindow::DEFAULT`]) ahead.
        pub fn verify_at(raw: &str, credentials: &Credentials, now_unix_secs: u64, max_age_secs: u64) -> ::core::result::Result<Self, ::gamechannel::CallbackRejection> {
            let window = ::gamechannel::ReplayWindow {
                max_age: ::core::time::Duration::from_secs(max_age_secs),
                ..::gamechannel::ReplayWindow::DEFAULT
            };
            Self::verify_within(raw, credentials, now_unix_secs, &window)
        }
    }
}

/// The inherent reply constants, `failure_reply` and `dedup_key` (endpoints with a `reply`).
pub fn reply_items(platform: &str, endpoint: &Endpoint) -> TokenStream {
    let Some(reply) = &endpoint.reply else {
        return TokenStream::new();
    };
    let replies = reply_consts(reply);
    let dedup = dedup_key(platform, endpoint);
    quote! {
        #replies
        #dedup
    }
}

/// `impl SignedCallback` for every callback; `impl Callback` for those with a `reply`.
pub fn trait_impls(platform: &str, endpoint: &Endpoint, notification: &Ident) -> TokenStream {
    let name = &endpoint.name;
    let from = if endpoint.encoding == Encoding::Query {
        quote!(::gamechannel::RawFrom::Query)
    } else {
        quote!(::gamechannel::RawFrom::Body)
    };
    let (timestamp, verify) = match endpoint.timestamp_field.as_deref() {
        Some(wire) => (
            quote!(::core::option::Option::Some(#wire)),
            quote! {
                match window {
                    ::core::option::Option::Some((now, window)) => #notification::verify_within(raw, credentials, now, window),
                    ::core::option::Option::None => #notification::verify(raw, credentials),
                }
            },
        ),
        None => (
            quote!(::core::option::Option::None),
            quote! {
                // No signed timestamp: the clock cannot tell a replay apart; dedup does.
                let _ = window;
                #notification::verify(raw, credentials)
            },
        ),
    };
    let callback = endpoint.reply.as_ref().map(|reply| {
        let success = &reply.success;
        let content_type = &reply.content_type;
        // Paths to the inherent items: inherent associated items take precedence over trait ones.
        quote! {
            impl ::gamechannel::Callback for #notification {
                const SUCCESS_REPLY: &'static str = #success;
                const REPLY_CONTENT_TYPE: &'static str = #content_type;
                fn failure_reply(reason: &str) -> ::std::string::String {
                    #notification::failure_reply(reason)
                }
                fn dedup_key(&self) -> ::std::string::String {
                    #notification::dedup_key(self)
                }
            }
        }
    });
    quote! {
        impl ::gamechannel::SignedCallback for #notification {
            type Credentials = Credentials;
            const PLATFORM: &'static str = #platform;
            const ENDPOINT: &'static str = #name;
            const FROM: ::gamechannel::RawFrom = #from;
            const TIMESTAMP_FIELD: ::core::option::Option<&'static str> = #timestamp;
            fn verify_with(raw: &str, credentials: &Credentials, window: ::core::option::Option<(u64, &::gamechannel::ReplayWindow)>) -> ::core::result::Result<Self, ::gamechannel::CallbackRejection> {
                #verify
            }
        }

        #callback
    }
}

/// `dedup_key`: the spec's `dedup_key` fields, else every signed field (secrets hashed).
fn dedup_key(platform: &str, endpoint: &Endpoint) -> TokenStream {
    let name = &endpoint.name;
    let scalar = |ty: FieldType| ty != FieldType::Object;
    let chosen: Vec<_> = if endpoint.dedup_key.is_empty() {
        let signed: Vec<_> = endpoint
            .request
            .iter()
            .filter(|f| f.signed && !f.secret && scalar(f.ty))
            .collect();
        if signed.is_empty() {
            // Nothing is signed by field: any received value is better than one key for all.
            endpoint
                .request
                .iter()
                .filter(|f| !f.secret && scalar(f.ty))
                .collect()
        } else {
            signed
        }
    } else {
        endpoint
            .dedup_key
            .iter()
            .filter_map(|wire| endpoint.request_field(wire))
            .filter(|f| scalar(f.ty))
            .collect()
    };
    let wires: Vec<String> = chosen.iter().map(|f| format!("`{}`", f.wire)).collect();
    let source = if endpoint.dedup_key.is_empty() {
        "the spec gives no `dedup_key`, so every signed field"
    } else {
        "the spec's `dedup_key`"
    };
    let text = format!(
        "Identifies this notification across the platform's resends, for \
         [`::gamechannel::dedup::handle_once`]: `{platform}/{name}/` and then {source} ({}), \
         each percent-encoded (see [`::gamechannel::dedup::DedupKey`]).",
        wires.join(", ")
    );
    let doc = doc_text(&text);
    let parts = chosen.iter().map(|f| {
        let ident = snake(&f.rust);
        match (f.required, f.secret) {
            (true, false) => quote!(.part(&self.#ident)),
            (false, false) => quote!(.opt_part(self.#ident.as_ref())),
            (true, true) => quote!(.secret_part(&self.#ident)),
            (false, true) => quote!(.opt_secret_part(self.#ident.as_ref())),
        }
    });
    quote! {
        #doc
        pub fn dedup_key(&self) -> ::std::string::String {
            ::gamechannel::dedup::DedupKey::new(#platform, #name)
                #(#parts)*
                .finish()
        }
    }
}

/// `SUCCESS_REPLY`, `REPLY_CONTENT_TYPE` and `failure_reply`.
fn reply_consts(reply: &Reply) -> TokenStream {
    let success = &reply.success;
    let content_type = &reply.content_type;
    let json = content_type.contains("json");
    let pieces: Vec<&str> = reply.failure.split("{message}").collect();
    let body = if pieces.len() == 1 {
        let text = &reply.failure;
        quote!({ let _ = reason; ::std::borrow::ToOwned::to_owned(#text) })
    } else {
        // The reason goes inside the platform's JSON envelope: escape it, or a quote in it
        // would break the reply.
        let escaped = if json {
            quote!(::gamechannel::__private::json_escape(reason))
        } else {
            quote!(::std::borrow::ToOwned::to_owned(reason))
        };
        let first = pieces[0];
        let rest = pieces[1..]
            .iter()
            .map(|p| quote!(out.push_str(&message); out.push_str(#p);));
        quote!({
            let message = #escaped;
            let mut out = ::std::string::String::from(#first);
            #(#rest)*
            out
        })
    };
    let notes = doc(reply.doc.as_deref());
    quote! {
        /// The body that acknowledges the callback; the platform stops resending.
        #notes
        pub const SUCCESS_REPLY: &'static str = #success;
        /// Content type of [`Self::SUCCESS_REPLY`] and [`Self::failure_reply`].
        pub const REPLY_CONTENT_TYPE: &'static str = #content_type;

        /// The body that refuses the callback, with `reason` filled in where the platform shows
        /// one; the platform resends later.
        pub fn failure_reply(reason: &str) -> ::std::string::String #body
    }
}
