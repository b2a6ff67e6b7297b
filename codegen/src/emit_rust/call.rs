//! `call` endpoints: request struct, validation, signing, sans-IO `prepare`, response struct
//! and `decode`. What every call shares (writers, envelope, lenient decoding) is runtime code.

use proc_macro2::TokenStream;
use quote::quote;

use super::fields::{self, Role};
use super::names::{camel_of, doc_text, snake};
use super::outgoing;
use crate::model::{Call, Encoding, Endpoint, FieldType, Location, Method, Platform};

/// Every item of one call endpoint.
///
/// Its functions are `#[inline]`: a crate then compiles the endpoints it calls, where it calls
/// them, instead of every endpoint of the spec in the crate that includes it.
pub fn emit(platform: &Platform, endpoint: &Endpoint, call: &Call) -> Vec<TokenStream> {
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
    let retry_safe = call.retry_safe();
    let retry_doc = doc_text(&match (&call.idempotency_key, call.read_only) {
        (_, true) => {
            "Whether a retry cannot apply this request twice: yes, it is read-only.".into()
        }
        (Some(key), _) => {
            format!(
                "Whether a retry cannot apply this request twice: yes, `{key}` is never applied twice."
            )
        }
        (None, false) => "Whether a retry cannot apply this request twice: no.".into(),
    });
    let path_fn = path_fn(platform, endpoint);
    let signing =
        (!endpoint.signatures.is_empty()).then(|| outgoing::signing(platform, endpoint, true));
    let (sign_methods, signatures_struct) = match signing {
        Some(s) => (Some(s.methods), Some(s.signatures)),
        None => (None, None),
    };
    let prepare = prepare(platform, endpoint);
    let unsigned_body = endpoint
        .signs_body()
        .then(|| unsigned_body(platform, endpoint));
    let decode = fields::decode_fn(platform, endpoint);
    let mut items = request_struct;
    items.push(quote! {
        impl #request {
            #retry_doc
            pub const RETRY_SAFE: bool = #retry_safe;

            #path_fn

            /// Checks every constraint of the spec, collecting all violations.
            #[inline]
            pub fn validate(&self) -> Result<(), InvalidRequest> {
                #validate
            }

            #prepare
            #unsigned_body
            #sign_methods
        }
    });
    items.extend(signatures_struct);
    items.extend(response_struct);
    items.push(quote! {
        impl #response {
            #decode
        }
    });
    items
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
    let paths: Vec<&str> = platform
        .environments
        .iter()
        .map(|e| endpoint.path_in(&e.name).unwrap_or(""))
        .collect();
    let (param, body) = match paths.first() {
        // One path everywhere: no match to read through.
        Some(path) if paths.iter().all(|p| p == path) => (quote!(_environment), quote!(#path)),
        _ => {
            let arms = platform.environments.iter().zip(&paths).map(|(e, path)| {
                let v = super::names::camel(&e.name);
                quote!(Environment::#v => #path,)
            });
            (quote!(environment), quote!(match environment { #(#arms)* }))
        }
    };
    quote! {
        /// The path called in an environment (sandbox paths may differ).
        #[inline]
        pub fn path(#param: Environment) -> &'static str {
            #body
        }
    }
}

/// Statements writing fields, travelling credentials and (optionally) signatures to `request`.
fn writes(platform: &Platform, endpoint: &Endpoint, with_signatures: bool) -> Vec<TokenStream> {
    let mut out = Vec::new();
    for f in &endpoint.request {
        let ident = snake(&f.rust);
        let wire = &f.wire;
        let method = match f.ty {
            FieldType::Int | FieldType::Bool => "bare",
            FieldType::Object => "object",
            _ => "text",
        };
        out.push(if f.required {
            let method = quote::format_ident!("{method}");
            quote!(request.#method(#wire, &self.#ident);)
        } else {
            let method = quote::format_ident!("opt_{method}");
            quote!(request.#method(#wire, self.#ident.as_ref());)
        });
    }
    let to_query = |location: Option<Location>| {
        location == Some(Location::Query) && endpoint.encoding != Encoding::Query
    };
    let sent = platform
        .credentials
        .iter()
        .filter(|c| c.travels_in.is_some() && endpoint.sends.contains(&c.name));
    for c in sent {
        let ident = snake(&c.name);
        let wire = &c.name;
        let method = if to_query(c.travels_in) {
            "query"
        } else {
            "text"
        };
        let method = quote::format_ident!("{method}");
        // Absent is not sent; present but empty still is (unlike optional fields).
        out.push(if c.optional {
            quote!(if let Some(value) = &credentials.#ident { request.#method(#wire, value); })
        } else {
            quote!(request.#method(#wire, &credentials.#ident);)
        });
    }
    for (name, value) in endpoint.query_constants() {
        out.push(quote!(request.query(#name, #value);));
    }
    if with_signatures {
        for r in &endpoint.signatures {
            let ident = snake(&r.name);
            let wire = &r.wire;
            let method = if to_query(Some(r.travels_in)) {
                "query"
            } else {
                "text"
            };
            let method = quote::format_ident!("{method}");
            out.push(if super::recipe::is_optional(r) {
                quote!(if let Some(value) = &signatures.#ident { request.#method(#wire, value); })
            } else {
                quote!(request.#method(#wire, &signatures.#ident);)
            });
        }
    }
    out
}

/// `RequestWriter::get(Encoding::Query)` and the like, with `.omit_empty()` where the spec skips
/// empty optional values.
fn writer(endpoint: &Endpoint) -> TokenStream {
    let method = match endpoint.method() {
        Some(Method::Get) => quote!(get),
        _ => quote!(post),
    };
    let encoding = match endpoint.encoding {
        Encoding::Query => quote!(Query),
        Encoding::Form => quote!(Form),
        // Calls never have XML bodies (the validator refuses them).
        Encoding::Json | Encoding::Xml | Encoding::JsonOrXml => quote!(Json),
    };
    let omit = endpoint.omit_empty.then(|| quote!(.omit_empty()));
    quote!(RequestWriter::#method(Encoding::#encoding) #omit)
}

fn unsigned_body(platform: &Platform, endpoint: &Endpoint) -> TokenStream {
    let writes = writes(platform, endpoint, false);
    let writer = writer(endpoint);
    let credentials = if writes.iter().any(|w| w.to_string().contains("credentials")) {
        quote!(credentials)
    } else {
        quote!(_credentials)
    };
    quote! {
        /// The body without signatures, for recipes that sign over `{body}`.
        fn unsigned_body(&self, #credentials: &Credentials) -> String {
            let mut request = #writer;
            #(#writes)*
            request.body_text()
        }
    }
}

fn prepare(platform: &Platform, endpoint: &Endpoint) -> TokenStream {
    if endpoint.signs_body() {
        return prepare_signing_body(platform, endpoint);
    }
    let writes = writes(platform, endpoint, true);
    let writer = writer(endpoint);
    let fallible = endpoint
        .signatures
        .iter()
        .find(|r| super::recipe::is_fallible(r));
    let signed = (!endpoint.signatures.is_empty()).then(|| match fallible {
        // A key that cannot sign is reported like a broken constraint, before any I/O.
        Some(r) => {
            let name = &r.name;
            quote! {
                let signatures = self.sign(path, credentials).map_err(|problem| {
                    let mut invalid = InvalidRequest::new();
                    invalid.push(#name, problem.to_string());
                    invalid
                })?;
            }
        }
        None => quote!(let signatures = self.sign(path, credentials);),
    });
    let credentials =
        if signed.is_some() || writes.iter().any(|w| w.to_string().contains("credentials")) {
            quote!(credentials)
        } else {
            quote!(_credentials)
        };
    let mutable = (!writes.is_empty()).then(|| quote!(mut));
    quote! {
        /// Validates, signs and encodes the request for `environment`, without any I/O.
        #[inline]
        pub fn prepare(&self, environment: Environment, credentials: &Credentials) -> Result<PreparedRequest, InvalidRequest> {
            self.prepare_at(Self::path(environment), credentials)
        }

        /// Like [`Self::prepare`], for a custom path (a proxy, a mock, a path the spec does not list).
        #[inline]
        pub fn prepare_at(&self, path: &str, #credentials: &Credentials) -> Result<PreparedRequest, InvalidRequest> {
            self.validate()?;
            #signed
            let #mutable request = #writer;
            #(#writes)*
            Ok(request.finish(path))
        }
    }
}

/// True when a field, or a member of an object field, holds a secret.
pub fn has_secret(fields: &[crate::model::Field]) -> bool {
    fields.iter().any(|f| f.secret || has_secret(&f.fields))
}

/// `prepare` of an endpoint whose raw body is signed: the body is written once, signed, and
/// those very bytes are sent; the signatures go to the query (the validator sees to it).
fn prepare_signing_body(platform: &Platform, endpoint: &Endpoint) -> TokenStream {
    let unsigned = writes(platform, endpoint, false);
    let all = writes(platform, endpoint, true);
    let signature_writes = &all[unsigned.len()..];
    let writer = writer(endpoint);
    let sign = quote!(self.sign_body(path, &body, credentials));
    let signed = match endpoint
        .signatures
        .iter()
        .find(|r| super::recipe::is_fallible(r))
    {
        Some(r) => {
            let name = &r.name;
            quote! {
                let signatures = #sign.map_err(|problem| {
                    let mut invalid = InvalidRequest::new();
                    invalid.push(#name, problem.to_string());
                    invalid
                })?;
            }
        }
        None => quote!(let signatures = #sign;),
    };
    quote! {
        /// Validates, signs and encodes the request for `environment`, without any I/O.
        #[inline]
        pub fn prepare(&self, environment: Environment, credentials: &Credentials) -> Result<PreparedRequest, InvalidRequest> {
            self.prepare_at(Self::path(environment), credentials)
        }

        /// Like [`Self::prepare`], for a custom path (a proxy, a mock, a path the spec does not list).
        #[inline]
        pub fn prepare_at(&self, path: &str, credentials: &Credentials) -> Result<PreparedRequest, InvalidRequest> {
            self.validate()?;
            let mut request = #writer;
            #(#unsigned)*
            let body = request.body_text();
            #signed
            #(#signature_writes)*
            Ok(request.finish_with_body(path, body))
        }
    }
}
