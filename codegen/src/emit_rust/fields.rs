//! Typed structs over a field list, nested object structs, and their `validate` methods.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::names::{camel_of, doc_or, snake};
use crate::model::{Field, FieldType};

/// What a struct is for, which decides its derives.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Built by the game (call request, frontend payload): `Default`, validated.
    Outgoing,
    /// Parsed from a verified callback: validated.
    Received,
    /// Deserialized from a call's response.
    Response,
}

/// The Rust type of a field, `Option` when not required.
pub fn field_type(field: &Field, owner: &str) -> TokenStream {
    let base = base_type(field, owner);
    if field.required {
        base
    } else {
        quote!(::core::option::Option<#base>)
    }
}

/// The Rust type of a field's value.
pub fn base_type(field: &Field, owner: &str) -> TokenStream {
    match field.ty {
        FieldType::String | FieldType::Decimal if field.secret => quote!(::gamechannel::Secret),
        FieldType::String | FieldType::Decimal => quote!(::std::string::String),
        FieldType::Int => quote!(i64),
        FieldType::Bool => quote!(bool),
        FieldType::Object => {
            let ident = nested_ident(owner, field);
            quote!(#ident)
        }
    }
}

/// `<Owner><Field>` for an object field's struct.
pub fn nested_ident(owner: &str, field: &Field) -> Ident {
    camel_of(&[owner, &field.rust])
}

/// A struct named `ident` over `fields`, plus one struct per object field (recursively).
/// `owner` is the snake_case stem nested struct names start with.
pub fn emit_struct(
    ident: &Ident,
    doc: &TokenStream,
    owner: &str,
    fields: &[Field],
    role: Role,
) -> TokenStream {
    let members = fields.iter().map(|f| member(f, owner, role, false));
    let derives = match role {
        // `Secret` has no `Default`: a required secret must be given explicitly.
        Role::Outgoing if fields.iter().any(|f| f.secret && f.required) => {
            quote!(#[derive(Debug, Clone, PartialEq)])
        }
        Role::Outgoing => quote!(#[derive(Debug, Clone, PartialEq, Default)]),
        Role::Received => quote!(#[derive(Debug, Clone, PartialEq)]),
        Role::Response => quote! {
            #[derive(Debug, Clone, PartialEq, ::gamechannel::__private::serde::Deserialize)]
            #[serde(crate = "::gamechannel::__private::serde")]
        },
    };
    let nested = nested_structs(owner, fields);
    quote! {
        #doc
        #derives
        pub struct #ident {
            #(#members)*
        }
        #nested
    }
}

/// Structs of the object fields in `fields`, with serde both ways (sent as JSON, answered as JSON).
fn nested_structs(owner: &str, fields: &[Field]) -> TokenStream {
    let items = fields.iter().filter(|f| f.ty == FieldType::Object).map(|f| {
        let ident = nested_ident(owner, f);
        let stem = format!("{owner}_{}", f.rust);
        let members = f.fields.iter().map(|m| member(m, &stem, Role::Response, true));
        let doc = doc_or(f.doc.as_deref(), &format!("The `{}` object.", f.wire));
        let validate = validate_fn(&f.fields);
        let deeper = nested_structs(&stem, &f.fields);
        let default = (!f.fields.iter().any(|m| m.secret && m.required)).then(|| quote!(Default,));
        quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, #default ::gamechannel::__private::serde::Serialize, ::gamechannel::__private::serde::Deserialize)]
            #[serde(crate = "::gamechannel::__private::serde")]
            pub struct #ident {
                #(#members)*
            }
            impl #ident {
                /// Checks the members' constraints, collecting every violation.
                pub fn validate(&self) -> ::core::result::Result<(), ::gamechannel::InvalidRequest> {
                    #validate
                }
            }
            #deeper
        }
    });
    quote!(#(#items)*)
}

fn member(field: &Field, owner: &str, role: Role, serialize: bool) -> TokenStream {
    let ident = snake(&field.rust);
    let ty = field_type(field, owner);
    let doc = doc_or(field.doc.as_deref(), &format!("`{}`.", field.wire));
    let serde_attr = if role == Role::Response {
        serde_attrs(field, &ident, serialize)
    } else {
        TokenStream::new()
    };
    quote!(#doc #serde_attr pub #ident: #ty,)
}

/// Wire name, lenient scalar decoding, and defaults for optional members.
fn serde_attrs(field: &Field, ident: &Ident, serialize: bool) -> TokenStream {
    let mut parts = Vec::new();
    if *ident != field.wire {
        let wire = &field.wire;
        parts.push(quote!(rename = #wire));
    }
    if !field.required {
        parts.push(quote!(default));
        if serialize {
            parts.push(quote!(
                skip_serializing_if = "::core::option::Option::is_none"
            ));
        }
    }
    let helper = match (field.ty, field.required) {
        (FieldType::String | FieldType::Decimal, true) if field.secret => Some("secret"),
        (FieldType::String | FieldType::Decimal, false) if field.secret => Some("opt_secret"),
        (FieldType::String | FieldType::Decimal, true) => Some("text"),
        (FieldType::String | FieldType::Decimal, false) => Some("opt_text"),
        (FieldType::Int, true) => Some("int"),
        (FieldType::Int, false) => Some("opt_int"),
        (FieldType::Bool, true) => Some("boolean"),
        (FieldType::Bool, false) => Some("opt_boolean"),
        (FieldType::Object, _) => None,
    };
    if let Some(helper) = helper {
        let path = format!("::gamechannel::__private::de::{helper}");
        parts.push(quote!(deserialize_with = #path));
    }
    if serialize && field.secret && field.ty != FieldType::Object {
        let helper = if field.required {
            "secret"
        } else {
            "opt_secret"
        };
        let path = format!("::gamechannel::__private::ser::{helper}");
        parts.push(quote!(serialize_with = #path));
    }
    if parts.is_empty() {
        TokenStream::new()
    } else {
        quote!(#[serde(#(#parts),*)])
    }
}

/// The body of `validate(&self)`: every constraint of every field, all violations collected.
pub fn validate_fn(fields: &[Field]) -> TokenStream {
    let checks: Vec<TokenStream> = fields.iter().filter_map(field_checks).collect();
    if checks.is_empty() {
        return quote!(::core::result::Result::Ok(()));
    }
    quote! {
        let mut invalid = ::gamechannel::InvalidRequest::new();
        #(#checks)*
        invalid.into_result()
    }
}

fn field_checks(field: &Field) -> Option<TokenStream> {
    let ident = snake(&field.rust);
    let wire = &field.wire;
    let check = quote!(::gamechannel::__private::check);
    let c = &field.constraints;
    let text = matches!(field.ty, FieldType::String | FieldType::Decimal);
    let mut on_value = Vec::new();
    // Checks read text; a secret is exposed only for the check.
    let value = if field.secret && text {
        quote!(value.expose())
    } else {
        quote!(value)
    };
    if text && (c.max_len.is_some() || c.min_len.is_some()) {
        let min = opt(c.min_len.map(|n| super::names::int(n.into())));
        let max = opt(c.max_len.map(|n| super::names::int(n.into())));
        on_value.push(quote!(#check::len(&mut invalid, #wire, #value, #min, #max);));
    }
    if let Some(pattern) = c.pattern.as_ref().filter(|_| text) {
        on_value.push(quote! {
            // Compiled once; a pattern regex-lite cannot compile fails the check instead of panicking.
            static PATTERN: ::gamechannel::__private::LazyLock<::core::option::Option<::gamechannel::__private::Regex>> =
                ::gamechannel::__private::LazyLock::new(|| ::gamechannel::__private::Regex::new(#pattern).ok());
            match PATTERN.as_ref() {
                ::core::option::Option::Some(re) => #check::pattern(&mut invalid, #wire, #value, re),
                ::core::option::Option::None => invalid.push(#wire, "has a pattern this build cannot check"),
            }
        });
    }
    if field.ty == FieldType::Int {
        if c.min.is_some() || c.max.is_some() {
            let min = opt(c.min.map(super::names::int));
            let max = opt(c.max.map(super::names::int));
            on_value.push(quote!(#check::range(&mut invalid, #wire, *value, #min, #max);));
        }
        if c.non_zero {
            on_value.push(quote!(#check::non_zero(&mut invalid, #wire, *value);));
        }
    }
    if !c.values.is_empty() && field.ty != FieldType::Object {
        let allowed = c.values.iter().map(|(v, _)| v);
        on_value.push(quote!(#check::one_of(&mut invalid, #wire, value, &[#(#allowed),*]);));
    }
    if field.ty == FieldType::Object {
        on_value.push(quote!(invalid.absorb(#wire, value.validate());));
    }
    let own = if field.secret {
        quote!(self.#ident.expose())
    } else {
        quote!(&self.#ident)
    };
    let required = (field.required && !field.allow_empty && text)
        .then(|| quote!(#check::required(&mut invalid, #wire, #own);));
    if on_value.is_empty() {
        return required;
    }
    let body = if field.required {
        quote!({ let value = &self.#ident; #(#on_value)* })
    } else {
        quote!(if let ::core::option::Option::Some(value) = &self.#ident { #(#on_value)* })
    };
    Some(quote!(#required #body))
}

fn opt(value: Option<TokenStream>) -> TokenStream {
    match value {
        Some(v) => quote!(::core::option::Option::Some(#v)),
        None => quote!(::core::option::Option::None),
    }
}
