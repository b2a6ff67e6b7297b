//! `callback` endpoints: the typed notification, the borrowed raw values the signature is
//! checked over, `verify`/`verify_at`, and the reply the platform expects.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::call::endpoint_doc;
use super::fields::{self, Role};
use super::names::{camel_of, doc_text, snake};
use super::notification;
use super::outgoing::missing;
use super::recipe::{self, Sources, Value};
use crate::model::{Callback, Encoding, Endpoint, FieldType, Platform, SignatureRecipe, Source};

/// Name of the raw-values struct of a callback.
pub fn received_ident(endpoint: &Endpoint) -> Ident {
    camel_of(&[&endpoint.name, "Received"])
}

/// Every item of one callback endpoint.
pub fn emit(platform: &Platform, endpoint: &Endpoint, callback: &Callback) -> TokenStream {
    let notification = camel_of(&[&endpoint.name, "Notification"]);
    let doc = doc_text(&endpoint_doc(endpoint));
    let strukt = fields::emit_struct(
        &notification,
        &doc,
        &endpoint.name,
        &endpoint.request,
        Role::Received,
    );
    let strukt = quote!(#(#strukt)*);
    let validate = fields::validate_fn(&endpoint.request);
    let received = received(platform, endpoint);
    let received_ident = received_ident(endpoint);
    let twice = endpoint.encoded_twice();
    let again = (!twice.is_empty()).then(|| quote!(.decoded_again(&[#(#twice),*])?));
    // A query string or form body is read straight into the values its verifier knows, in
    // one pass; other bodies are decoded into pairs first.
    let read = match endpoint.encoding {
        Encoding::Query | Encoding::Form => quote! {
            let values = FormValues::read(raw, &#received_ident::NAMES)? #again;
            let received = #received_ident::from_values(raw, values.as_strs())?;
        },
        encoding => {
            let decode = match encoding {
                Encoding::Xml => quote!(RawPairs::from_xml(raw)),
                Encoding::JsonOrXml => quote!(RawPairs::from_body(BodyFormat::sniff(raw), raw)),
                _ => quote!(RawPairs::from_json(raw)),
            };
            quote! {
                let pairs = #decode? #again;
                let received = #received_ident::from_pairs(raw, &pairs)?;
            }
        }
    };
    let typed = endpoint.request.iter().map(|f| {
        let ident = snake(&f.rust);
        let wire = &f.wire;
        let parse = |text: TokenStream| match f.ty {
            FieldType::Int => quote!(parse_int(#wire, #text)),
            FieldType::Bool => quote!(parse_bool(#wire, #text)),
            FieldType::Object if f.json_string => quote!(parse_json(#wire, #text)),
            FieldType::Object => {
                let message = format!(
                    "gamechannel-codegen: object field `{wire}` in a callback is not supported"
                );
                quote!(compile_error!(#message))
            }
            _ => quote!(Ok(ToOwned::to_owned(#text))),
        };
        let text_like = matches!(f.ty, FieldType::String | FieldType::Decimal);
        let own = if f.secret {
            quote!(Secret::new)
        } else {
            quote!(ToOwned::to_owned)
        };
        match (f.required, text_like) {
            (true, true) => quote!(#ident: #own(received.#ident),),
            (false, true) => quote!(#ident: received.#ident.map(#own),),
            (true, false) => {
                let value = parse(quote!(received.#ident));
                quote!(#ident: #value?,)
            }
            (false, false) => {
                let value = parse(quote!(text));
                quote!(#ident: received.#ident.map(|text| #value).transpose()?,)
            }
        }
    });
    // Received values are checked on their wire text by the shared rules, then typed.
    let from_received = fields::received_checks(&endpoint.request, quote!(Self { #(#typed)* }));
    let windowed = notification::windowed_verify(endpoint, callback);
    let reply = notification::reply_items(&platform.name, endpoint, callback);
    let push = endpoint
        .is_push()
        .then(|| super::push::pairs(platform, endpoint));
    let traits = notification::trait_impls(
        &platform.name,
        endpoint,
        callback,
        &notification,
        &read,
        &received_ident,
        push.as_ref(),
    );
    let sealed = sealed(platform, endpoint);
    // Plain `verify` stays clock-free (tests, tools); say so where a window exists.
    let unwindowed = callback.timestamp.as_ref().map(|t| {
        doc_text(&format!(
            "\nDoes not look at `{}`: use [`Self::verify_within`] to refuse replays.",
            t.field
        ))
    });
    let verify_doc = super::names::doc_text(match endpoint.encoding {
        _ if endpoint.query_and_body() => {
            "Verifies a push from its query string and its body exactly as received (the body JSON or XML, decrypted first when it is encrypted), then parses and checks its values."
        }
        Encoding::Json => {
            "Verifies a callback from its JSON body exactly as received, then parses and checks its values."
        }
        Encoding::Xml | Encoding::JsonOrXml => {
            "Verifies a callback from its body exactly as received, then parses and checks its values."
        }
        Encoding::Query | Encoding::Form => {
            "Verifies a callback from its query string (or form body) exactly as received, then parses and checks its values."
        }
    });
    let verify_fn = if endpoint.query_and_body() {
        quote! {
            pub fn verify(query: &str, body: &str, credentials: &Credentials) -> Result<Self, CallbackRejection> {
                Self::verify_request(RawRequest { query, body }, credentials, None)
            }
        }
    } else {
        quote! {
            pub fn verify(raw: &str, credentials: &Credentials) -> Result<Self, CallbackRejection> {
                Self::verify_with(raw, credentials, None)
            }
        }
    };
    quote! {
        #strukt

        impl #notification {
            #verify_doc
            ///
            /// The signature is checked over the raw received values (`6.00` stays `6.00`), in constant time.
            #unwindowed
            #verify_fn

            #windowed

            fn from_received(received: &#received_ident<'_>) -> Result<Self, CallbackRejection> {
                #from_received
            }

            /// Checks every constraint of the spec, collecting all violations.
            pub fn validate(&self) -> Result<(), InvalidRequest> {
                #validate
            }

            #reply
        }

        #traits

        #received

        #sealed
    }
}

/// Members of the raw struct: received fields, then signature fields not among them.
fn raw_members(endpoint: &Endpoint) -> Vec<(Ident, String, bool)> {
    let mut members: Vec<_> = endpoint
        .request
        .iter()
        .map(|f| (snake(&f.rust), f.wire.clone(), f.required))
        .collect();
    for r in endpoint.field_signatures() {
        if !members.iter().any(|(_, wire, _)| wire == &r.wire) {
            members.push((snake(&r.wire), r.wire.clone(), true));
        }
    }
    members
}

/// Members of the struct that checks the signature over an encrypted body's ciphertext: the
/// fields it reads (query fields and the ciphertext field), then its own wire field.
fn sealed_members(endpoint: &Endpoint, recipe: &SignatureRecipe) -> Vec<(Ident, String, bool)> {
    let mut members: Vec<(Ident, String, bool)> = Vec::new();
    for source in recipe.plan.sources() {
        if let Source::Field(wire) = source
            && let Some(f) = endpoint.request_field(wire)
        {
            members.push((snake(&f.rust), f.wire.clone(), f.required));
        }
    }
    if !members.iter().any(|(_, wire, _)| wire == &recipe.wire) {
        members.push((snake(&recipe.wire), recipe.wire.clone(), true));
    }
    members
}

/// Name of the struct that checks the signature over an encrypted body's ciphertext.
pub fn sealed_ident(endpoint: &Endpoint) -> Ident {
    camel_of(&[&endpoint.name, "Sealed"])
}

/// The struct that checks the ciphertext's signature before anything is decrypted.
fn sealed(platform: &Platform, endpoint: &Endpoint) -> TokenStream {
    let Some(decrypt) = endpoint.decrypt() else {
        return TokenStream::new();
    };
    let Some(recipe) = endpoint
        .signatures
        .iter()
        .find(|r| r.name == decrypt.signature)
    else {
        return TokenStream::new();
    };
    let members = sealed_members(endpoint, recipe);
    let doc = format!(
        "The values `{}` covers, as received before `{}` is decrypted.",
        recipe.name, decrypt.field
    );
    raw_struct(
        platform,
        endpoint,
        &sealed_ident(endpoint),
        &doc,
        &members,
        &[recipe],
    )
}

fn received(platform: &Platform, endpoint: &Endpoint) -> TokenStream {
    let members = raw_members(endpoint);
    let recipes: Vec<&SignatureRecipe> = endpoint.field_signatures().collect();
    raw_struct(
        platform,
        endpoint,
        &received_ident(endpoint),
        "The received values, borrowed as they arrived: signatures are checked over these.",
        &members,
        &recipes,
    )
}

/// A struct of borrowed received values (`members`: ident, wire name, required) that checks
/// `recipes` over them.
fn raw_struct(
    platform: &Platform,
    endpoint: &Endpoint,
    ident: &Ident,
    doc: &str,
    members: &[(Ident, String, bool)],
    recipes: &[&SignatureRecipe],
) -> TokenStream {
    let doc = doc_text(doc);
    let uses_body = recipes
        .iter()
        .any(|r| recipe::sources_used(r).contains(&Source::Body));
    let body_member = uses_body.then(|| quote!(body: &'a str,));
    let body_init = uses_body.then(|| quote!(body: raw,));
    let raw_param = if uses_body { quote!(raw) } else { quote!(_raw) };
    let fields = members.iter().map(|(ident, _, required)| {
        if *required {
            quote!(#ident: &'a str,)
        } else {
            quote!(#ident: Option<&'a str>,)
        }
    });
    let inits = members
        .iter()
        .enumerate()
        .map(|(i, (ident, wire, required))| {
            let i = proc_macro2::Literal::usize_unsuffixed(i);
            if *required {
                quote!(#ident: required(values[#i], #wire)?,)
            } else {
                quote!(#ident: values[#i],)
            }
        });
    let wires = members.iter().map(|(_, wire, _)| wire);
    let values_param = if members.is_empty() {
        quote!(_values)
    } else {
        quote!(values)
    };
    let count = proc_macro2::Literal::usize_unsuffixed(members.len());
    // A plain query or form is read by `FormValues`; decoded pairs need this.
    let from_pairs = (!is_plain(endpoint)).then(|| {
        quote! {
            fn from_pairs(raw: &'a str, pairs: &'a RawPairs<'a>) -> Result<Self, CallbackRejection> {
                Self::from_values(raw, pairs.values(&Self::NAMES)?)
            }
        }
    });
    let sources = RawSources { platform, endpoint };
    let fns = recipes.iter().map(|r| {
        let fn_ident = sign_fn(&r.name);
        // A key that is one credential borrows from the credentials, not from the received
        // values, so the elided lifetime (tied to `self`) would not fit.
        let borrows_key = matches!(
            r.plan.key,
            Some(crate::plan::KeyPlan::Credential(_) | crate::plan::KeyPlan::Chosen { .. })
        );
        let (generics, lifetime, by) = if borrows_key {
            (quote!(<'c>), quote!('c), quote!('c))
        } else {
            (quote!(), quote!('_), quote!())
        };
        let ret = if recipe::is_optional(r) {
            quote!(Option<ToSign<#lifetime>>)
        } else {
            quote!(ToSign<#lifetime>)
        };
        let uses_credentials = recipe::sources_used(r)
            .iter()
            .any(|s| matches!(s, Source::Credential(_)));
        let cred = if uses_credentials {
            quote!(credentials)
        } else {
            quote!(_credentials)
        };
        let body = recipe::to_sign_body(r, &sources);
        let doc = super::names::doc_text(&format!(
            "The key and string-to-sign of `{}` over the received values.",
            r.name
        ));
        quote! {
            #doc
            fn #fn_ident #generics(&self, #cred: &#by Credentials) -> #ret {
                #body
            }
        }
    });
    let checks = recipes.iter().map(|r| {
        let fn_ident = sign_fn(&r.name);
        let member = members
            .iter()
            .find(|(_, wire, _)| wire == &r.wire)
            .map(|(i, _, _)| i.clone());
        let wire = &r.wire;
        let name = &r.name;
        let received = match members.iter().find(|(_, w, _)| w == &r.wire) {
            Some((_, _, true)) => quote!(self.#member),
            _ => quote!(self.#member.ok_or(CallbackRejection::MissingField(#wire))?),
        };
        let computed = if recipe::is_optional(r) {
            let needs = r.requires.first().cloned().unwrap_or_default();
            quote!(self.#fn_ident(credentials).ok_or(CallbackRejection::MissingCredential(#needs))?)
        } else {
            quote!(self.#fn_ident(credentials))
        };
        if !recipe::is_fallible(r) {
            return quote! {
                if !#computed.verify(#received) {
                    return Err(CallbackRejection::BadSignature { signature: #name });
                }
            };
        }
        // An unreadable key is our configuration, not the platform's forgery: say so.
        quote! {
            match #computed.try_verify(#received) {
                Ok(true) => {}
                Ok(false) => return Err(CallbackRejection::BadSignature { signature: #name }),
                Err(problem) => return Err(CallbackRejection::UnusableKey { signature: #name, problem }),
            }
        }
    });
    let cred = if recipes.is_empty() {
        quote!(_credentials)
    } else {
        quote!(credentials)
    };
    quote! {
        #doc
        struct #ident<'a> {
            #body_member
            #(#fields)*
        }

        impl<'a> #ident<'a> {
            /// Wire names of the members, in order: what the values are read by.
            const NAMES: [&'static str; #count] = [#(#wires),*];

            #from_pairs

            fn from_values(#raw_param: &'a str, #values_param: [Option<&'a str>; #count]) -> Result<Self, CallbackRejection> {
                Ok(Self { #body_init #(#inits)* })
            }

            fn check_signatures(&self, #cred: &Credentials) -> Result<(), CallbackRejection> {
                #(#checks)*
                Ok(())
            }

            #(#fns)*
        }
    }
}

/// Whether the callback arrives as a plain query string or form body (not a push).
pub fn is_plain(endpoint: &Endpoint) -> bool {
    matches!(endpoint.encoding, Encoding::Query | Encoding::Form) && !endpoint.is_push()
}

fn sign_fn(name: &str) -> Ident {
    format_ident!(
        "to_sign_{}",
        snake(name).to_string().trim_start_matches("r#")
    )
}

/// Reads sources from the borrowed raw values.
struct RawSources<'a> {
    platform: &'a Platform,
    endpoint: &'a Endpoint,
}

impl Sources for RawSources<'_> {
    fn value(&self, source: &Source) -> Value {
        match source {
            Source::Field(wire) => match self.endpoint.request_field(wire) {
                Some(f) => {
                    let ident = snake(&f.rust);
                    if f.required {
                        Value {
                            expr: quote!(self.#ident),
                            optional: false,
                        }
                    } else {
                        Value {
                            expr: quote!(self.#ident),
                            optional: true,
                        }
                    }
                }
                None => missing(wire),
            },
            Source::Credential(name) => {
                let ident = snake(name);
                if self.platform.credential(name).is_some_and(|c| c.optional) {
                    Value {
                        expr: quote!(credentials.#ident.as_ref()),
                        optional: true,
                    }
                } else {
                    Value {
                        expr: quote!(&credentials.#ident),
                        optional: false,
                    }
                }
            }
            Source::Signature(name) => {
                let wire = self
                    .endpoint
                    .signatures
                    .iter()
                    .find(|r| &r.name == name)
                    .map_or(name.as_str(), |r| r.wire.as_str());
                let member = raw_members(self.endpoint)
                    .into_iter()
                    .find(|(_, w, _)| w == wire);
                match member {
                    Some((ident, _, required)) => Value {
                        expr: quote!(self.#ident),
                        optional: !required,
                    },
                    None => missing(wire),
                }
            }
            // A callback is not signed over a path of ours.
            Source::Path => Value {
                expr: quote!(""),
                optional: false,
            },
            Source::Body => Value {
                expr: quote!(self.body),
                optional: false,
            },
        }
    }
}
