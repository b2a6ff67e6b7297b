//! `call` endpoints: request struct, metadata, validation, signing, sans-IO `prepare`,
//! response struct and `decode`.

use proc_macro2::TokenStream;
use quote::quote;

use super::fields::{self, Role};
use super::names::{camel_of, doc_text, snake};
use super::outgoing;
use crate::model::{Encoding, Endpoint, FieldType, Location, Method, Platform, Source};

/// Every item of one call endpoint.
pub fn emit(platform: &Platform, endpoint: &Endpoint) -> TokenStream {
    let request = camel_of(&[&endpoint.name, "Request"]);
    let response = camel_of(&[&endpoint.name, "Response"]);
    let doc = doc_text(&endpoint_doc(endpoint));
    let request_struct = fields::emit_struct(
        &request,
        &doc,
        &endpoint.name,
        &endpoint.request,
        Role::Outgoing,
    );
    let response_doc = doc_text(&format!(
        "The answer of [`{request}`], envelope fields removed."
    ));
    let response_stem = format!("{}_response", endpoint.name);
    let response_struct = fields::emit_struct(
        &response,
        &response_doc,
        &response_stem,
        &endpoint.response,
        Role::Response,
    );
    let validate = fields::validate_fn(&endpoint.request);
    let method = match endpoint.method {
        Some(Method::Get) => "GET",
        _ => "POST",
    };
    let idempotency = match &endpoint.idempotency_key {
        Some(k) => quote!(::core::option::Option::Some(#k)),
        None => quote!(::core::option::Option::None),
    };
    let retry_safe = endpoint.retry_safe();
    let path_fn = path_fn(platform, endpoint);
    let signing =
        (!endpoint.signatures.is_empty()).then(|| outgoing::signing(platform, endpoint, true));
    let prepare = prepare(platform, endpoint);
    let unsigned_body = uses_body(endpoint).then(|| unsigned_body(platform, endpoint));
    // An answer with a secret field (an issued token) keeps no excerpt: errors reach logs.
    let withhold = has_secret(&endpoint.response)
        .then(|| quote!(.map_err(::gamechannel::Error::without_excerpts)));
    let decode = if platform.envelope.is_some() {
        quote!(::gamechannel::__private::envelope::decode(body, &ENVELOPE))
    } else {
        quote!(::gamechannel::__private::envelope::decode_plain(body))
    };
    quote! {
        #request_struct

        impl #request {
            /// HTTP method.
            pub const METHOD: &'static str = #method;
            /// Wire name of the field that makes a retry safe: the platform never applies the same value twice.
            pub const IDEMPOTENCY_KEY: ::core::option::Option<&'static str> = #idempotency;
            /// Whether retrying cannot apply this request twice (read-only or idempotent).
            pub const RETRY_SAFE: bool = #retry_safe;

            #path_fn

            /// Checks every constraint of the spec, collecting all violations.
            pub fn validate(&self) -> ::core::result::Result<(), ::gamechannel::InvalidRequest> {
                #validate
            }

            #prepare
            #unsigned_body
        }

        #signing

        #response_struct

        impl #response {
            /// Decodes a response body: the envelope's error code becomes [`::gamechannel::Error::Api`].
            pub fn decode(body: &[u8]) -> ::core::result::Result<Self, ::gamechannel::Error<ErrorCode>> {
                #decode.map_err(|e| e.map_code(ErrorCode::from_code)) #withhold
            }
        }
    }
}

/// Title and doc of an endpoint, for its main struct.
pub fn endpoint_doc(endpoint: &Endpoint) -> String {
    let mut doc = String::new();
    if let Some(title) = &endpoint.title {
        doc.push_str(&format!("`{title}`"));
    } else {
        doc.push_str(&format!("`{}`", endpoint.name));
    }
    if let Some(text) = &endpoint.doc {
        doc.push_str(": ");
        doc.push_str(text.trim());
    }
    doc
}

fn path_fn(platform: &Platform, endpoint: &Endpoint) -> TokenStream {
    let arms = platform.environments.iter().map(|e| {
        let v = super::names::camel(&e.name);
        let path = endpoint.path_in(&e.name).unwrap_or("");
        quote!(Environment::#v => #path,)
    });
    let body = if platform.environments.is_empty() {
        quote!(match environment {})
    } else {
        quote!(match environment { #(#arms)* })
    };
    quote! {
        /// The path called in an environment (sandbox paths may differ).
        pub fn path(environment: Environment) -> &'static str {
            #body
        }
    }
}

/// Whether any recipe of the endpoint signs over `{body}`.
pub fn uses_body(endpoint: &Endpoint) -> bool {
    endpoint
        .signatures
        .iter()
        .any(|r| super::recipe::sources_used(r).contains(&Source::Body))
}

/// Where a value goes: `true` for the query string.
fn in_query(endpoint: &Endpoint, location: Option<Location>) -> bool {
    endpoint.encoding == Encoding::Query || location == Some(Location::Query)
}

/// Statements writing fields, travelling credentials and (optionally) signatures to `query`/`body`.
fn writes(
    platform: &Platform,
    endpoint: &Endpoint,
    with_signatures: bool,
) -> (Vec<TokenStream>, Vec<TokenStream>) {
    let json = endpoint.encoding == Encoding::Json;
    let (mut query, mut body) = (Vec::new(), Vec::new());
    let fields_to_query = in_query(endpoint, None);
    for f in &endpoint.request {
        let ident = snake(&f.rust);
        let wire = &f.wire;
        let to_json = json && !fields_to_query;
        let write = |value: TokenStream| -> TokenStream {
            match (to_json, f.ty) {
                (true, FieldType::Int | FieldType::Bool) => quote!(body.bare(#wire, #value);),
                (true, FieldType::Object) => quote!(body.nested(#wire, #value);),
                (true, _) => quote!(body.text(#wire, #value);),
                (false, FieldType::Object) => {
                    let w = if fields_to_query {
                        quote!(query)
                    } else {
                        quote!(body)
                    };
                    quote!(#w.pair(#wire, &::gamechannel::__private::signing::JsonText(#value));)
                }
                (false, _) => {
                    let w = if fields_to_query {
                        quote!(query)
                    } else {
                        quote!(body)
                    };
                    quote!(#w.pair(#wire, #value);)
                }
            }
        };
        let stmt = if f.required {
            write(quote!(&self.#ident))
        } else {
            let inner = write(quote!(value));
            let filter = (endpoint.omit_empty && f.ty != FieldType::Object)
                .then(|| quote!(.filter(|value| !::gamechannel::WireValue::is_empty_wire(*value))));
            quote!(if let ::core::option::Option::Some(value) = self.#ident.as_ref() #filter { #inner })
        };
        if fields_to_query {
            query.push(stmt)
        } else {
            body.push(stmt)
        }
    }
    let sent = platform
        .credentials
        .iter()
        .filter(|c| c.travels_in.is_some() && endpoint.sends.contains(&c.name));
    for c in sent {
        let ident = snake(&c.name);
        let wire = &c.name;
        let to_query = in_query(endpoint, c.travels_in);
        let target = if to_query { &mut query } else { &mut body };
        let call = if !to_query && json {
            quote!(body.text)
        } else if to_query {
            quote!(query.pair)
        } else {
            quote!(body.pair)
        };
        target.push(if c.optional {
            quote!(if let ::core::option::Option::Some(value) = credentials.#ident.as_ref() { #call(#wire, value); })
        } else {
            quote!(#call(#wire, &credentials.#ident);)
        });
    }
    if with_signatures {
        for r in &endpoint.signatures {
            let ident = snake(&r.name);
            let wire = &r.wire;
            let to_query = in_query(endpoint, Some(r.travels_in));
            let target = if to_query { &mut query } else { &mut body };
            let call = if !to_query && json {
                quote!(body.text)
            } else if to_query {
                quote!(query.pair)
            } else {
                quote!(body.pair)
            };
            target.push(if super::recipe::is_optional(r) {
                quote!(if let ::core::option::Option::Some(value) = signatures.#ident.as_ref() { #call(#wire, value); })
            } else {
                quote!(#call(#wire, &signatures.#ident);)
            });
        }
    }
    (query, body)
}

fn body_writer(endpoint: &Endpoint) -> (TokenStream, TokenStream, Option<&'static str>) {
    match endpoint.encoding {
        Encoding::Json => (
            quote!(::gamechannel::__private::JsonWriter::new()),
            quote!(body.finish()),
            Some("application/json"),
        ),
        Encoding::Form => (
            quote!(::gamechannel::__private::PairWriter::new()),
            quote!(body.finish()),
            Some("application/x-www-form-urlencoded"),
        ),
        Encoding::Query => (quote!(), quote!(), None),
    }
}

fn unsigned_body(platform: &Platform, endpoint: &Endpoint) -> TokenStream {
    let (_, body) = writes(platform, endpoint, false);
    let (new, finish, _) = body_writer(endpoint);
    let text = if endpoint.encoding == Encoding::Query {
        quote!(::std::string::String::new())
    } else {
        let m = (!body.is_empty()).then(|| quote!(mut));
        quote!({ let #m body = #new; #(#body)* #finish })
    };
    quote! {
        /// The body without signatures, for recipes that sign over `{body}`.
        fn unsigned_body(&self, credentials: &Credentials) -> ::std::string::String {
            let _ = credentials;
            #text
        }
    }
}

fn prepare(platform: &Platform, endpoint: &Endpoint) -> TokenStream {
    let (query, body) = writes(platform, endpoint, true);
    let (new, finish, content_type) = body_writer(endpoint);
    let signed = (!endpoint.signatures.is_empty())
        .then(|| quote!(let signatures = self.sign(path, credentials);));
    let qm = (!query.is_empty()).then(|| quote!(mut));
    let body_expr = if endpoint.encoding == Encoding::Query {
        quote!(::core::option::Option::None)
    } else {
        let m = (!body.is_empty()).then(|| quote!(mut));
        quote!(::core::option::Option::Some({ let #m body = #new; #(#body)* #finish }))
    };
    let content_type = match content_type {
        Some(t) => quote!(::core::option::Option::Some(#t)),
        None => quote!(::core::option::Option::None),
    };
    quote! {
        /// Validates, signs and encodes the request for `environment`, without any I/O.
        pub fn prepare(&self, environment: Environment, credentials: &Credentials) -> ::core::result::Result<::gamechannel::PreparedRequest, ::gamechannel::InvalidRequest> {
            self.prepare_at(Self::path(environment), credentials)
        }

        /// Like [`Self::prepare`], for a custom path (a proxy, a mock, a path the spec does not list).
        pub fn prepare_at(&self, path: &str, credentials: &Credentials) -> ::core::result::Result<::gamechannel::PreparedRequest, ::gamechannel::InvalidRequest> {
            self.validate()?;
            let _ = credentials;
            #signed
            let #qm query = ::gamechannel::__private::PairWriter::new();
            #(#query)*
            let body = #body_expr;
            ::core::result::Result::Ok(::gamechannel::PreparedRequest {
                method: Self::METHOD,
                path_and_query: query.after_path(path),
                body,
                content_type: #content_type,
            })
        }
    }
}

/// True when a field, or a member of an object field, holds a secret.
fn has_secret(fields: &[crate::model::Field]) -> bool {
    fields.iter().any(|f| f.secret || has_secret(&f.fields))
}
