//! `#[cfg(test)] mod examples_tests`: one test per spec example, reproducing its signatures
//! with the generated straight-line code (and, for callbacks, verifying and tampering).

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::callback::received_ident;
use super::fields::nested_ident;
use super::names::{camel_of, snake};
use super::outgoing::self_suffix;
use super::recipe;
use crate::model::{
    Encoding, Endpoint, EndpointKind, Example, Field, FieldType, Platform, RecipeExample, Source,
};

/// The test module, or nothing when no endpoint has examples.
pub fn emit(platform: &Platform) -> TokenStream {
    let mut tests: Vec<_> = platform
        .endpoints
        .iter()
        .flat_map(|e| e.examples.iter().map(move |x| test(platform, e, x)))
        .collect();
    tests.extend(platform.recipe_examples.iter().map(recipe_test));
    if tests.is_empty() {
        return TokenStream::new();
    }
    quote! {
        /// The spec's worked examples, reproduced by the generated code.
        #[cfg(test)]
        mod examples_tests {
            use super::*;
            #(#tests)*
        }
    }
}

fn test(platform: &Platform, endpoint: &Endpoint, example: &Example) -> TokenStream {
    let name = format_ident!(
        "{}_{}",
        ident_text(&endpoint.name),
        ident_text(&example.name)
    );
    let credentials = credentials(platform, example);
    let body = match endpoint.kind() {
        EndpointKind::Callback => callback_body(endpoint, example),
        EndpointKind::Call | EndpointKind::Frontend => outgoing_body(endpoint, example),
    };
    let doc = super::names::doc(example.source.as_deref());
    quote! {
        #doc
        #[test]
        fn #name() {
            #credentials
            #body
        }
    }
}

/// A recipe's own example, computed by the same straight-line code the endpoints get, with
/// the example's values as literals.
fn recipe_test(x: &RecipeExample) -> TokenStream {
    let name = format_ident!(
        "{}_{}",
        ident_text(&x.signature),
        ident_text(&x.example.name)
    );
    let Some(recipe) = x.endpoint.signatures.first() else {
        return TokenStream::new();
    };
    let Some(expect) = x.example.expect.first() else {
        return TokenStream::new();
    };
    // Every value is a literal here, so an optional credential is simply given.
    let mut given = recipe.clone();
    given.requires.clear();
    let recipe = &given;
    let to_sign = recipe::to_sign_body(recipe, &Literals(x));
    let (string_to_sign, value) = (&expect.string_to_sign, &expect.value);
    let check = match (&x.refutes, recipe::is_fallible(recipe)) {
        (None, false) => quote!(assert_eq!(to_sign.sign().value(), #value);),
        (None, true) => quote!(assert_eq!(to_sign.try_verify(#value), Ok(true));),
        (Some(_), false) => quote!(assert_ne!(to_sign.sign().value(), #value);),
        (Some(_), true) => quote!(assert_eq!(to_sign.try_verify(#value), Ok(false));),
    };
    let doc = super::names::doc(x.refutes.as_deref().or(x.example.source.as_deref()));
    quote! {
        #doc
        #[test]
        fn #name() {
            let to_sign = { #to_sign };
            assert_eq!(to_sign.message(), #string_to_sign);
            #check
        }
    }
}

/// Reads every source of a recipe example as a string literal.
struct Literals<'a>(&'a RecipeExample);

impl recipe::Sources for Literals<'_> {
    fn value(&self, source: &Source) -> recipe::Value {
        let x = self.0;
        let find = |pairs: &[(String, String)], name: &str| {
            pairs
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.clone())
        };
        let text = match source {
            Source::Field(wire) => find(&x.example.request, wire),
            Source::Credential(name) => find(&x.example.credentials, name),
            Source::Path => Some(x.example.path.clone()),
            Source::Body => x.example.body.clone(),
            // A recipe alone has no earlier signatures: the validator refused the example.
            Source::Signature(_) => None,
        };
        let text = text.unwrap_or_default();
        recipe::Value {
            expr: quote!(#text),
            optional: false,
        }
    }
}

fn ident_text(name: &str) -> String {
    snake(name).to_string().trim_start_matches("r#").to_owned()
}

fn credentials(platform: &Platform, example: &Example) -> TokenStream {
    let fields = platform.credentials.iter().map(|c| {
        let ident = snake(&c.name);
        let given = example
            .credentials
            .iter()
            .find(|(n, _)| n == &c.name)
            .map(|(_, v)| v.as_str());
        let value = |text: &str| {
            if c.secret {
                quote!(Secret::new(#text))
            } else {
                quote!(ToOwned::to_owned(#text))
            }
        };
        let value = match (c.optional, given) {
            (true, Some(text)) => {
                let v = value(text);
                quote!(Some(#v))
            }
            (true, None) => quote!(None),
            (false, text) => value(text.unwrap_or("")),
        };
        quote!(#ident: #value,)
    });
    quote!(let credentials = Credentials { #(#fields)* };)
}

/// A typed literal for a field from its example wire text, parsed now rather than at test time.
fn literal(field: &Field, owner: &str, text: &str) -> TokenStream {
    let value = match field.ty {
        FieldType::Int => super::names::int(text.trim().parse().unwrap_or_default()),
        FieldType::Bool => {
            let b = matches!(text, "true" | "1");
            quote!(#b)
        }
        FieldType::Object => {
            let ident = nested_ident(owner, field);
            quote!(#ident::default())
        }
        FieldType::String | FieldType::Decimal if field.secret => {
            quote!(Secret::new(#text))
        }
        FieldType::String | FieldType::Decimal => quote!(ToOwned::to_owned(#text)),
    };
    if field.required {
        value
    } else {
        quote!(Some(#value))
    }
}

fn outgoing_body(endpoint: &Endpoint, example: &Example) -> TokenStream {
    let ty = camel_of(&[&endpoint.name, self_suffix(endpoint)]);
    // Every field spelled out: structs with a required `Secret` have no `Default`.
    let members = endpoint.request.iter().map(|f| {
        let ident = snake(&f.rust);
        let value = match example.request.iter().find(|(w, _)| w == &f.wire) {
            Some((_, text)) => literal(f, &endpoint.name, text),
            None if !f.required => quote!(None),
            None if f.ty == FieldType::Object => quote!(::core::default::Default::default()),
            None => literal(f, &endpoint.name, ""),
        };
        quote!(#ident: #value,)
    });
    let path = &example.path;
    let sign = match (&example.body, endpoint.kind()) {
        (_, EndpointKind::Frontend) => quote!(request.sign(&credentials)),
        // The vector's own bytes: its spacing or member order may differ from the client's.
        (Some(body), _) => quote!(request.sign_body(#path, #body, &credentials)),
        (None, _) => quote!(request.sign(#path, &credentials)),
    };
    let sign = if endpoint.signatures.iter().any(recipe::is_fallible) {
        quote!(#sign.expect("the example key signs"))
    } else {
        sign
    };
    let checks = example.expect.iter().map(|x| {
        let recipe = endpoint.signatures.iter().find(|r| r.name == x.signature);
        let field = snake(&x.signature);
        let get = if recipe.is_some_and(recipe::is_optional) {
            let message = format!("{} is computed", x.signature);
            quote!(signatures.#field.as_ref().expect(#message))
        } else {
            quote!(&signatures.#field)
        };
        assert_signed(get, &x.string_to_sign, &x.value)
    });
    quote! {
        let request = #ty { #(#members)* };
        let signatures = #sign;
        #(#checks)*
    }
}

fn assert_signed(get: TokenStream, string_to_sign: &str, value: &str) -> TokenStream {
    quote! {
        let signed = #get;
        assert_eq!(signed.string_to_sign(), #string_to_sign);
        assert_eq!(signed.value(), #value);
    }
}

/// Wire names the endpoint's recipes read as fields.
fn signed_wires(endpoint: &Endpoint) -> Vec<String> {
    let mut out = Vec::new();
    for r in &endpoint.signatures {
        for s in recipe::sources_used(r) {
            if let Source::Field(w) = s {
                out.push(w.clone());
            }
        }
    }
    out
}

/// The raw callback text of an example's values, one of them optionally altered.
fn raw_text(endpoint: &Endpoint, example: &Example, tamper: Option<&str>) -> String {
    let mut pairs: Vec<(String, String)> = example.request.clone();
    for x in &example.expect {
        let wire = endpoint
            .signatures
            .iter()
            .find(|r| r.name == x.signature)
            .map_or(x.signature.clone(), |r| r.wire.clone());
        if !pairs.iter().any(|(w, _)| w == &wire) {
            pairs.push((wire, x.value.clone()));
        }
    }
    if let Some(target) = tamper
        && let Some(pair) = pairs.iter_mut().find(|(w, _)| w == target)
    {
        pair.1.push('0');
    }
    if endpoint.encoding == Encoding::Json {
        let members: Vec<String> = pairs
            .iter()
            .map(|(w, v)| {
                let number = endpoint
                    .request_field(w)
                    .is_some_and(|f| f.ty == FieldType::Int)
                    && serde_json::from_str::<serde_json::Number>(v).is_ok();
                let value = if number {
                    v.clone()
                } else {
                    serde_json::Value::from(v.as_str()).to_string()
                };
                format!("{}:{}", serde_json::Value::from(w.as_str()), value)
            })
            .collect();
        format!("{{{}}}", members.join(","))
    } else {
        pairs
            .iter()
            .map(|(w, v)| {
                // What the platform encodes twice, the example sends encoded twice.
                let once = gamechannel_core::percent_encode(v);
                let value = if endpoint.encoded_twice().contains(&w.as_str()) {
                    gamechannel_core::percent_encode(&once)
                } else {
                    once
                };
                format!("{}={value}", gamechannel_core::percent_encode(w))
            })
            .collect::<Vec<_>>()
            .join("&")
    }
}

fn callback_body(endpoint: &Endpoint, example: &Example) -> TokenStream {
    if endpoint.is_push() {
        return push_body(endpoint, example);
    }
    let notification = camel_of(&[&endpoint.name, "Notification"]);
    let received: Ident = received_ident(endpoint);
    let raw = raw_text(endpoint, example, None);
    // Read as the verifier reads it.
    let read = if endpoint.encoding == Encoding::Json {
        quote! {
            let pairs = RawPairs::from_json(raw).expect("decodes");
            let received = #received::from_pairs(raw, &pairs).expect("has every field");
        }
    } else {
        let twice = endpoint.encoded_twice();
        let again = (!twice.is_empty())
            .then(|| quote!(.decoded_again(&[#(#twice),*]).expect("decodes twice")));
        quote! {
            let values = FormValues::read(raw, &#received::NAMES).expect("decodes") #again;
            let received = #received::from_values(raw, values.as_strs()).expect("has every field");
        }
    };
    let checks = example.expect.iter().map(|x| {
        let recipe = endpoint.signatures.iter().find(|r| r.name == x.signature);
        let f = format_ident!("to_sign_{}", ident_text(&x.signature));
        // An RSA callback is verified with a public key, which cannot sign: check the value.
        if recipe.is_some_and(recipe::is_fallible) {
            let (string_to_sign, value) = (&x.string_to_sign, &x.value);
            return quote! {
                let to_sign = received.#f(&credentials);
                assert_eq!(to_sign.message(), #string_to_sign);
                assert_eq!(to_sign.try_verify(#value), Ok(true));
            };
        }
        let get = if recipe.is_some_and(recipe::is_optional) {
            let message = format!("{} is computed", x.signature);
            quote!(&received.#f(&credentials).expect(#message).sign())
        } else {
            quote!(&received.#f(&credentials).sign())
        };
        assert_signed(get, &x.string_to_sign, &x.value)
    });
    let wires = signed_wires(endpoint);
    let target = example
        .request
        .iter()
        .map(|(w, _)| w)
        .find(|w| wires.contains(w));
    let tamper = target.map(|t| {
        let tampered = raw_text(endpoint, example, Some(t));
        quote! {
            let rejected = #notification::verify(#tampered, &credentials);
            assert!(
                matches!(rejected, Err(CallbackRejection::BadSignature { .. })),
                "{rejected:?}"
            );
        }
    });
    quote! {
        let raw = #raw;
        #read
        #(#checks)*
        #notification::verify(raw, &credentials).expect("verifies");
        #tamper
    }
}

/// An example of a push: the signatures reproduced and checked over the example's values (the
/// required fields no signature reads filled in), each by the struct that checks it at run
/// time; whole pushes, encrypted ones included, go through the verifier in end-to-end tests.
fn push_body(endpoint: &Endpoint, example: &Example) -> TokenStream {
    let received: Ident = received_ident(endpoint);
    let sealed_recipe = endpoint.decrypt().map(|d| d.signature.as_str());
    let flat = |tamper: Option<&str>| {
        let mut values = example.clone();
        for field in &endpoint.request {
            if field.required && !values.request.iter().any(|(w, _)| w == &field.wire) {
                values.request.push((field.wire.clone(), filler(field)));
            }
        }
        let mut flat = endpoint.clone();
        flat.encoding = Encoding::Query;
        raw_text(&flat, &values, tamper)
    };
    let raw = flat(None);
    let check = |x: &crate::model::ExpectedSignature, holder: &Ident| {
        let f = format_ident!("to_sign_{}", ident_text(&x.signature));
        assert_signed(
            quote!(&#holder.#f(&credentials).sign()),
            &x.string_to_sign,
            &x.value,
        )
    };
    let sealed = sealed_recipe.and_then(|name| example.expect.iter().find(|x| x.signature == name));
    let sealed = sealed.map(|x| {
        let ident = super::callback::sealed_ident(endpoint);
        let holder = format_ident!("sealed");
        let assert = check(x, &holder);
        quote! {
            let sealed = #ident::from_pairs("", &pairs).expect("has the values signed");
            #assert
            sealed.check_signatures(&credentials).expect("verifies");
        }
    });
    let holder = format_ident!("received");
    let checks = example
        .expect
        .iter()
        .filter(|x| Some(x.signature.as_str()) != sealed_recipe)
        .map(|x| check(x, &holder));
    let wires: Vec<String> = endpoint
        .field_signatures()
        .flat_map(recipe::sources_used)
        .filter_map(|s| match s {
            Source::Field(w) => Some(w.clone()),
            _ => None,
        })
        .collect();
    let target = example
        .request
        .iter()
        .map(|(w, _)| w)
        .find(|w| wires.contains(w));
    let tamper = target.map(|t| {
        let tampered = flat(Some(t));
        quote! {
            let pairs = RawPairs::from_query(#tampered).expect("decodes");
            let received = #received::from_pairs("", &pairs).expect("has every field");
            let rejected = received.check_signatures(&credentials);
            assert!(
                matches!(rejected, Err(CallbackRejection::BadSignature { .. })),
                "{rejected:?}"
            );
        }
    });
    quote! {
        let pairs = RawPairs::from_query(#raw).expect("decodes");
        #sealed
        let received = #received::from_pairs("", &pairs).expect("has every field");
        #(#checks)*
        received.check_signatures(&credentials).expect("verifies");
        #tamper
    }
}

/// A valid value for a required field an example leaves out (no signature reads it).
fn filler(field: &Field) -> String {
    if let Some((first, _)) = field.constraints.values.first() {
        return first.clone();
    }
    match field.ty {
        FieldType::Int => field.constraints.min.unwrap_or(1).to_string(),
        FieldType::Bool => "true".to_owned(),
        _ => "example".to_owned(),
    }
}
