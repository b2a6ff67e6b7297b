//! What call and frontend endpoints share: reading recipe sources from a typed struct,
//! the per-recipe sign functions and the `<Endpoint>Signatures` struct.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::names::{camel_of, doc_or, snake};
use super::recipe::{self, Sources, Value};
use crate::model::{Endpoint, FieldType, Platform, Source};

/// Reads sources from `&self` (typed fields), `credentials`, `path`, `body` and earlier signatures.
pub struct TypedSources<'a> {
    /// The platform.
    pub platform: &'a Platform,
    /// The endpoint.
    pub endpoint: &'a Endpoint,
}

/// Local name of an earlier signature inside a sign function.
pub fn signature_local(name: &str) -> Ident {
    format_ident!(
        "signature_{}",
        snake(name).to_string().trim_start_matches("r#")
    )
}

impl Sources for TypedSources<'_> {
    fn value(&self, source: &Source) -> Value {
        match source {
            Source::Field(wire) => {
                let Some(field) = self.endpoint.request_field(wire) else {
                    return missing(wire);
                };
                let ident = snake(&field.rust);
                let optional = !field.required;
                let expr = match (field.ty == FieldType::Object, optional) {
                    (false, false) => quote!(&self.#ident),
                    (false, true) => quote!(self.#ident.as_ref()),
                    (true, false) => {
                        quote!(&JsonText(&self.#ident))
                    }
                    (true, true) => {
                        quote!(self.#ident.as_ref().map(JsonText).as_ref())
                    }
                };
                Value { expr, optional }
            }
            Source::Credential(name) => {
                let ident = snake(name);
                let optional = self.platform.credential(name).is_some_and(|c| c.optional);
                let expr = if optional {
                    quote!(credentials.#ident.as_ref())
                } else {
                    quote!(&credentials.#ident)
                };
                Value { expr, optional }
            }
            Source::Signature(name) => {
                let local = signature_local(name);
                let optional = self
                    .endpoint
                    .signatures
                    .iter()
                    .find(|r| &r.name == name)
                    .is_some_and(recipe::is_optional);
                Value {
                    expr: quote!(#local),
                    optional,
                }
            }
            Source::Path => Value {
                expr: quote!(path),
                optional: false,
            },
            Source::Body => Value {
                expr: quote!(body),
                optional: false,
            },
        }
    }
}

/// A source the model promised but did not resolve: fail the build loudly, not the request.
pub fn missing(wire: &str) -> Value {
    let message = format!("gamechannel-codegen: unresolved field `{wire}`");
    Value {
        expr: quote!(compile_error!(#message)),
        optional: false,
    }
}

/// What signing adds to an outgoing endpoint: methods of its struct, and the struct of its
/// signatures.
pub struct Signing {
    /// `sign` (and `sign_body`, and a method per signature that may be absent).
    pub methods: TokenStream,
    /// The `...Signatures` struct.
    pub signatures: TokenStream,
}

/// `<Endpoint>Signatures` and the public `sign`; a recipe that needs an optional credential
/// gets its own `sign_<recipe>` (its `?` on the credential ends only that recipe).
/// `public_path`: whether `sign` takes the path (calls) or signs over an empty one (frontend).
pub fn signing(platform: &Platform, endpoint: &Endpoint, public_path: bool) -> Signing {
    let sources = TypedSources { platform, endpoint };
    let request = camel_of(&[&endpoint.name, self_suffix(endpoint)]);
    let signatures = camel_of(&[&endpoint.name, "Signatures"]);
    let mut fns = Vec::new();
    let mut steps = Vec::new();
    let mut fields = Vec::new();
    let mut used_all = Vec::new();
    for r in &endpoint.signatures {
        let used = recipe::sources_used(r);
        let local = signature_local(&r.name);
        let ret = if recipe::is_optional(r) {
            quote!(Option<Signed>)
        } else {
            quote!(Signed)
        };
        let body = recipe::sign_body(r, &sources);
        if recipe::is_optional(r) {
            let fn_ident = format_ident!(
                "sign_{}",
                snake(&r.name).to_string().trim_start_matches("r#")
            );
            let mut params = Vec::new();
            let mut args = Vec::new();
            if used.contains(&Source::Path) {
                params.push(quote!(path: &str));
                args.push(quote!(path));
            }
            if used.contains(&Source::Body) {
                params.push(quote!(body: &str));
                args.push(quote!(body));
            }
            if used.iter().any(|s| matches!(s, Source::Credential(_))) {
                params.push(quote!(credentials: &Credentials));
                args.push(quote!(credentials));
            }
            for s in used {
                if let Source::Signature(name) = s {
                    let earlier_local = signature_local(name);
                    let earlier = endpoint.signatures.iter().find(|e| &e.name == name);
                    if earlier.is_some_and(recipe::is_optional) {
                        params.push(quote!(#earlier_local: Option<&Signed>));
                        args.push(quote!(#earlier_local.as_ref()));
                    } else {
                        params.push(quote!(#earlier_local: &Signed));
                        args.push(quote!(&#earlier_local));
                    }
                }
            }
            let doc = super::names::doc_text(&format!(
                "Computes `{}` over this request's values, when its credentials are present.",
                r.name
            ));
            fns.push(quote! {
                #doc
                fn #fn_ident(&self, #(#params),*) -> #ret {
                    #body
                }
            });
            steps.push(quote!(let #local = self.#fn_ident(#(#args),*);));
        } else {
            // Earlier signatures are read by reference, as the recipe emitter expects.
            let earlier = used.iter().filter_map(|s| match s {
                Source::Signature(name) => {
                    let l = signature_local(name);
                    let optional = endpoint
                        .signatures
                        .iter()
                        .find(|e| &e.name == name)
                        .is_some_and(recipe::is_optional);
                    Some(if optional {
                        quote!(let #l = #l.as_ref();)
                    } else {
                        quote!(let #l = &#l;)
                    })
                }
                _ => None,
            });
            steps.push(quote!(let #local = { #(#earlier)* #body };));
        }
        used_all.extend_from_slice(used);
        let field = snake(&r.name);
        let fdoc = doc_or(
            r.doc.as_deref(),
            &format!("`{}`, sent as `{}`.", r.name, r.wire),
        );
        let absent = recipe::is_optional(r).then(|| {
            let text = format!(
                " `None` when a credential it needs ({}) is absent.",
                r.requires.join(", ")
            );
            quote!(#[doc = ""] #[doc = #text])
        });
        fields.push(quote!(#fdoc #absent pub #field: #ret,));
    }
    let locals = endpoint.signatures.iter().map(|r| {
        let field = snake(&r.name);
        let local = signature_local(&r.name);
        quote!(#field: #local)
    });
    let uses_body = used_all.contains(&Source::Body);
    let uses_path = used_all.contains(&Source::Path);
    let uses_credentials = used_all.iter().any(|s| matches!(s, Source::Credential(_)));
    let credentials = if uses_credentials {
        quote!(credentials)
    } else {
        quote!(_credentials)
    };
    let (path_param, path_let) = match (public_path, uses_path) {
        (true, true) => (quote!(path: &str,), quote!()),
        (true, false) => (quote!(_path: &str,), quote!()),
        (false, true) => (quote!(), quote!(let path = "";)),
        (false, false) => (quote!(), quote!()),
    };
    let path_doc = super::names::doc_text(if public_path {
        "Computes every signature, over `path` (the path actually called: sandbox paths differ)."
    } else {
        "Computes every signature of the payload."
    });
    let struct_doc = super::names::doc_text(&format!("The signatures of one [`{request}`]."));
    // An RSA recipe fails on a key that is not a private key: then `sign` says why.
    let (returns, result) = if endpoint.signatures.iter().any(recipe::is_fallible) {
        (
            quote!(Result<#signatures, KeyError>),
            quote!(Ok(#signatures { #(#locals),* })),
        )
    } else {
        (quote!(#signatures), quote!(#signatures { #(#locals),* }))
    };
    let sign = if uses_body {
        // `sign` builds the body the client would send; `sign_body` signs the bytes given,
        // which is what `prepare` (the body it sends) and a vector's own body need.
        let (path_arg, sign_path_param) = match public_path {
            true => (quote!(path,), quote!(path: &str,)),
            false => (quote!(), quote!()),
        };
        let path_let = if public_path { quote!() } else { path_let };
        let body_doc = super::names::doc_text(
            "Computes every signature over `body`, the raw body exactly as sent.",
        );
        quote! {
            #path_doc
            #[inline]
            pub fn sign(&self, #sign_path_param credentials: &Credentials) -> #returns {
                self.sign_body(#path_arg &self.unsigned_body(credentials), credentials)
            }

            #body_doc
            #[inline]
            pub fn sign_body(&self, #path_param body: &str, #credentials: &Credentials) -> #returns {
                #path_let
                #(#steps)*
                #result
            }
        }
    } else {
        quote! {
            #path_doc
            #[inline]
            pub fn sign(&self, #path_param #credentials: &Credentials) -> #returns {
                #path_let
                #(#steps)*
                #result
            }
        }
    };
    Signing {
        methods: quote! {
            #sign

            #(#fns)*
        },
        signatures: quote! {
            #struct_doc
            #[derive(Debug)]
            pub struct #signatures {
                #(#fields)*
            }
        },
    }
}

/// The struct suffix of an outgoing endpoint: `Request` for calls, `Payload` for frontend.
pub fn self_suffix(endpoint: &Endpoint) -> &'static str {
    match endpoint.kind() {
        crate::model::EndpointKind::Frontend => "Payload",
        _ => "Request",
    }
}
