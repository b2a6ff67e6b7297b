//! What a callback endpoint gets beyond verification: the replay-window check, the reply the
//! platform expects, the dedup key, and the runtime traits (`SignedCallback`, `Callback`)
//! that let `gamechannel::dedup` and `gamechannel::axum` handle any platform's callbacks.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::names::{doc, doc_text, snake};
use crate::model::{Callback, Encoding, Endpoint, FieldType, Reply};

/// `verify_within` and `verify_at`, for endpoints with a `timestamp_field`.
pub fn windowed_verify(endpoint: &Endpoint, callback: &Callback) -> TokenStream {
    let Some(timestamp) = &callback.timestamp else {
        return TokenStream::new();
    };
    let wire = timestamp.field.as_str();
    let within_doc = doc_text(&format!(
        "Like [`Self::verify`], and refuses a `{wire}` outside `window` around `now_unix_secs` \
         ([`CallbackRejection::StaleTimestamp`]): a captured callback stays \
         correctly signed, so only its age tells a replay apart."
    ));
    // The platform's documented window, when there is one, for `verify_at` and handlers.
    let max_age = timestamp.max_age.map(|secs| {
        let doc = doc_text(&format!(
            "The platform's replay window for `{wire}`, in seconds: pass it to [`Self::verify_at`]."
        ));
        quote! {
            #doc
            pub const MAX_AGE_SECS: u64 = #secs;
        }
    });
    if endpoint.query_and_body() {
        return quote! {
            #max_age

            #within_doc
            pub fn verify_within(query: &str, body: &str, credentials: &Credentials, now_unix_secs: u64, window: &ReplayWindow) -> Result<Self, CallbackRejection> {
                Self::verify_request(RawRequest { query, body }, credentials, Some((now_unix_secs, window)))
            }

            /// Like [`Self::verify_within`] with a window of `max_age_secs` back from `now_unix_secs`
            /// and the default clock-skew allowance ([`ReplayWindow::DEFAULT`]) ahead.
            pub fn verify_at(query: &str, body: &str, credentials: &Credentials, now_unix_secs: u64, max_age_secs: u64) -> Result<Self, CallbackRejection> {
                let window = ReplayWindow {
                    max_age: std::time::Duration::from_secs(max_age_secs),
                    ..ReplayWindow::DEFAULT
                };
                Self::verify_within(query, body, credentials, now_unix_secs, &window)
            }
        };
    }
    quote! {
        #max_age

        #within_doc
        pub fn verify_within(raw: &str, credentials: &Credentials, now_unix_secs: u64, window: &ReplayWindow) -> Result<Self, CallbackRejection> {
            Self::verify_with(raw, credentials, Some((now_unix_secs, window)))
        }

        /// Like [`Self::verify_within`] with a window of `max_age_secs` back from `now_unix_secs`
        /// and the default clock-skew allowance ([`ReplayWindow::DEFAULT`]) ahead.
        pub fn verify_at(raw: &str, credentials: &Credentials, now_unix_secs: u64, max_age_secs: u64) -> Result<Self, CallbackRejection> {
            verify_at(raw, credentials, now_unix_secs, max_age_secs)
        }
    }
}

/// The inherent reply constants, `failure_reply` and `dedup_key` (endpoints with a `reply`).
pub fn reply_items(platform: &str, endpoint: &Endpoint, callback: &Callback) -> TokenStream {
    let Some(reply) = &callback.reply else {
        return TokenStream::new();
    };
    let replies = reply_consts(reply);
    let dedup = dedup_key(platform, endpoint, &callback.dedup_key);
    quote! {
        #replies
        #dedup
    }
}

/// `impl SignedCallback` (the verification itself) for every callback; `impl Callback` for
/// those with a `reply`. `read` binds `received`, the raw-values struct (named `received`),
/// from `raw`.
pub fn trait_impls(
    platform: &str,
    endpoint: &Endpoint,
    callback: &Callback,
    notification: &Ident,
    read: &TokenStream,
    received: &Ident,
    push: Option<&TokenStream>,
) -> TokenStream {
    let name = &endpoint.name;
    let from = if endpoint.query_and_body() {
        quote!(RawFrom::QueryAndBody)
    } else if endpoint.encoding == Encoding::Query {
        quote!(RawFrom::Query)
    } else {
        quote!(RawFrom::Body)
    };
    let (timestamp, window_param, window_check) =
        match callback.timestamp.as_ref().map(|t| t.field.as_str()) {
            Some(wire) => {
                let field = endpoint.request_field(wire);
                let ident = snake(field.map_or(wire, |f| f.rust.as_str()));
                let text = if field.is_some_and(|f| f.required) {
                    quote!(received.#ident)
                } else {
                    quote!(received.#ident.ok_or(CallbackRejection::MissingField(#wire))?)
                };
                (
                    quote!(Some(#wire)),
                    quote!(window),
                    quote! {
                        if let Some((now, window)) = window {
                            window.check(#wire, #text, now)?;
                        }
                    },
                )
            }
            // No signed timestamp: the clock cannot tell a replay apart; dedup does.
            None => (quote!(None), quote!(_window), quote!()),
        };
    let callback_impl = callback.reply.as_ref().map(|reply| {
        let success = &reply.success;
        let content_type = &reply.content_type;
        let per_request = per_request_replies(endpoint, reply);
        let status = (reply.failure_status != 200)
            .then(|| quote!(const FAILURE_STATUS: u16 = #notification::FAILURE_STATUS;));
        // Paths to the inherent items: inherent associated items take precedence over trait ones.
        quote! {
            impl Callback for #notification {
                const SUCCESS_REPLY: &'static str = #success;
                const REPLY_CONTENT_TYPE: &'static str = #content_type;
                #status

                fn failure_reply(reason: &str) -> String {
                    #notification::failure_reply(reason)
                }

                fn dedup_key(&self) -> String {
                    #notification::dedup_key(self)
                }

                #per_request
            }
        }
    });
    let verify = match push {
        // The query and the body together: `verify_with` has the body alone.
        Some(pairs) => quote! {
            fn verify_with(raw: &str, credentials: &Credentials, window: Option<(u64, &ReplayWindow)>) -> Result<Self, CallbackRejection> {
                Self::verify_request(RawRequest { query: "", body: raw }, credentials, window)
            }

            fn verify_request(request: RawRequest<'_>, credentials: &Credentials, #window_param: Option<(u64, &ReplayWindow)>) -> Result<Self, CallbackRejection> {
                #pairs
                let received = #received::from_pairs(request.body, &pairs)?;
                received.check_signatures(credentials)?;
                #window_check
                Self::from_received(&received)
            }
        },
        None => quote! {
            fn verify_with(raw: &str, credentials: &Credentials, #window_param: Option<(u64, &ReplayWindow)>) -> Result<Self, CallbackRejection> {
                #read
                received.check_signatures(credentials)?;
                #window_check
                Self::from_received(&received)
            }
        },
    };
    quote! {
        impl SignedCallback for #notification {
            type Credentials = Credentials;
            const PLATFORM: &'static str = #platform;
            const ENDPOINT: &'static str = #name;
            const FROM: RawFrom = #from;
            const TIMESTAMP_FIELD: Option<&'static str> = #timestamp;

            #verify
        }

        #callback_impl
    }
}

/// The `Callback` methods whose reply depends on the request: an echoed value, or the XML
/// replies of a push that came as XML.
fn per_request_replies(endpoint: &Endpoint, reply: &Reply) -> TokenStream {
    let echo = reply
        .echo
        .as_ref()
        .and_then(|wire| endpoint.request_field(wire));
    let echo = echo.map(|field| {
        let ident = snake(&field.rust);
        let value = match (field.required, field.ty) {
            (true, FieldType::String | FieldType::Decimal) => quote!(self.#ident.clone()),
            (false, FieldType::String | FieldType::Decimal) => {
                quote!(self.#ident.clone().unwrap_or_default())
            }
            (true, _) => quote!(self.#ident.to_string()),
            (false, _) => quote!(self.#ident.map(|v| v.to_string()).unwrap_or_default()),
        };
        let wire = &field.wire;
        let doc = doc_text(&format!("The received `{wire}`, sent back unchanged."));
        quote! {
            #doc
            fn success_reply_to(&self, _request: RawRequest<'_>) -> String {
                #value
            }
        }
    });
    let xml = reply.xml.as_ref().map(|form| {
        let success = &form.success;
        let failure = &form.failure;
        let content_type = &form.content_type;
        quote! {
            fn success_reply_to(&self, request: RawRequest<'_>) -> String {
                match BodyFormat::sniff(request.body) {
                    BodyFormat::Xml => #success.to_owned(),
                    BodyFormat::Json => Self::SUCCESS_REPLY.to_owned(),
                }
            }

            fn failure_reply_to(request: RawRequest<'_>, reason: &str) -> String {
                match BodyFormat::sniff(request.body) {
                    BodyFormat::Xml => xml_failure_reply(#failure, reason),
                    BodyFormat::Json => Self::failure_reply(reason),
                }
            }

            fn reply_content_type_to(request: RawRequest<'_>) -> &'static str {
                match BodyFormat::sniff(request.body) {
                    BodyFormat::Xml => #content_type,
                    BodyFormat::Json => Self::REPLY_CONTENT_TYPE,
                }
            }
        }
    });
    quote!(#echo #xml)
}

/// `dedup_key`: the spec's `dedup_key` fields, else every signed field (secrets hashed).
fn dedup_key(platform: &str, endpoint: &Endpoint, dedup_key: &[String]) -> TokenStream {
    let name = &endpoint.name;
    // An object received as a JSON string identifies the notification like a scalar does.
    let keyable = |f: &crate::model::Field| f.ty != FieldType::Object || f.json_string;
    let chosen: Vec<_> = if dedup_key.is_empty() {
        let signed: Vec<_> = endpoint
            .request
            .iter()
            .filter(|f| f.signed && !f.secret && keyable(f))
            .collect();
        if signed.is_empty() {
            // Nothing is signed by field: any received value is better than one key for all.
            endpoint
                .request
                .iter()
                .filter(|f| !f.secret && keyable(f))
                .collect()
        } else {
            signed
        }
    } else {
        dedup_key
            .iter()
            .filter_map(|wire| endpoint.request_field(wire))
            .filter(|f| keyable(f))
            .collect()
    };
    let wires: Vec<String> = chosen.iter().map(|f| format!("`{}`", f.wire)).collect();
    let source = if dedup_key.is_empty() {
        "the spec gives no `dedup_key`, so every signed field"
    } else {
        "the spec's `dedup_key`"
    };
    let text = format!(
        "Identifies this notification across the platform's resends, for \
         [`::gamechannel::dedup::handle_once`]: `{platform}/{name}/` and then {source} ({}), \
         each percent-encoded (see [`DedupKey`]).",
        wires.join(", ")
    );
    let doc = doc_text(&text);
    let parts = chosen.iter().map(|f| {
        let ident = snake(&f.rust);
        if f.ty == FieldType::Object {
            return match f.required {
                true => quote!(.part(&JsonText(&self.#ident))),
                false => quote!(.opt_part(self.#ident.as_ref().map(JsonText).as_ref())),
            };
        }
        match (f.required, f.secret) {
            (true, false) => quote!(.part(&self.#ident)),
            (false, false) => quote!(.opt_part(self.#ident.as_ref())),
            (true, true) => quote!(.secret_part(&self.#ident)),
            (false, true) => quote!(.opt_secret_part(self.#ident.as_ref())),
        }
    });
    quote! {
        #doc
        pub fn dedup_key(&self) -> String {
            DedupKey::new(#platform, #name)
                #(#parts)*
                .finish()
        }
    }
}

/// `SUCCESS_REPLY`, `REPLY_CONTENT_TYPE` and `failure_reply`.
fn reply_consts(reply: &Reply) -> TokenStream {
    let success = &reply.success;
    let content_type = &reply.content_type;
    let failure = &reply.failure;
    // The reason goes inside the platform's JSON envelope: escaped, or a quote in it would
    // break the reply.
    let json = content_type.contains("json");
    let notes = doc(reply.doc.as_deref());
    // Only a platform that reads the status alone needs one other than 200.
    let status = (reply.failure_status != 200).then(|| {
        let status = proc_macro2::Literal::u16_unsuffixed(reply.failure_status);
        quote! {
            /// HTTP status of [`Self::failure_reply`]: the platform reads only the status.
            pub const FAILURE_STATUS: u16 = #status;
        }
    });
    let fill = if content_type.contains("xml") {
        quote!(xml_failure_reply(#failure, reason))
    } else {
        quote!(failure_reply(#failure, reason, #json))
    };
    quote! {
        /// The body that acknowledges the callback; the platform stops resending.
        #notes
        pub const SUCCESS_REPLY: &'static str = #success;

        #status

        /// Content type of [`Self::SUCCESS_REPLY`] and [`Self::failure_reply`].
        pub const REPLY_CONTENT_TYPE: &'static str = #content_type;

        /// The body that refuses the callback, with `reason` filled in where the platform shows
        /// one; the platform resends later.
        pub fn failure_reply(reason: &str) -> String {
            #fill
        }
    }
}
