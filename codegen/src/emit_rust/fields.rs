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
        quote!(Option<#base>)
    }
}

/// The Rust type of a field's value.
pub fn base_type(field: &Field, owner: &str) -> TokenStream {
    match field.ty {
        FieldType::String | FieldType::Decimal if field.secret => quote!(Secret),
        FieldType::String | FieldType::Decimal => quote!(String),
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

/// A struct named `ident` over `fields`, plus one struct per object field (recursively): one
/// item each. `owner` is the snake_case stem nested struct names start with.
pub fn emit_struct(
    ident: &Ident,
    doc: &TokenStream,
    owner: &str,
    fields: &[Field],
    role: Role,
) -> Vec<TokenStream> {
    let members = fields.iter().map(|f| member(f, owner, false));
    let derives = match role {
        // `Secret` has no `Default`: a required secret must be given explicitly.
        Role::Outgoing if fields.iter().any(|f| f.secret && f.required) => {
            quote!(#[derive(Debug, Clone)])
        }
        Role::Outgoing => quote!(#[derive(Debug, Clone, Default)]),
        // Decoded member by member by the runtime (see `decode_fn`): no serde derive to compile.
        Role::Received => quote!(#[derive(Debug, Clone, PartialEq)]),
        Role::Response => quote!(#[derive(Debug, Clone)]),
    };
    let mut items = vec![quote! {
        #doc
        #derives
        pub struct #ident {
            #(#members)*
        }
    }];
    nested_structs(owner, fields, &mut items);
    items
}

/// Structs of the object fields in `fields`, with serde both ways (sent as JSON, answered as JSON).
fn nested_structs(owner: &str, fields: &[Field], items: &mut Vec<TokenStream>) {
    for f in fields.iter().filter(|f| f.ty == FieldType::Object) {
        let ident = nested_ident(owner, f);
        let stem = format!("{owner}_{}", f.rust);
        let members = f.fields.iter().map(|m| member(m, &stem, true));
        let doc = doc_or(f.doc.as_deref(), &format!("The `{}` object.", f.wire));
        let validate = validate_fn(&f.fields);
        let default = (!f.fields.iter().any(|m| m.secret && m.required)).then(|| quote!(Default,));
        items.push(quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, #default Serialize, Deserialize)]
            #[serde(crate = "::gamechannel::__private::serde")]
            pub struct #ident {
                #(#members)*
            }
        });
        items.push(quote! {
            impl #ident {
                /// Checks the members' constraints, collecting every violation.
                pub fn validate(&self) -> Result<(), InvalidRequest> {
                    #validate
                }
            }
        });
        nested_structs(&stem, &f.fields, items);
    }
}

/// A struct member; `serialize`: of a nested object struct, which serde reads and writes.
fn member(field: &Field, owner: &str, serialize: bool) -> TokenStream {
    let ident = snake(&field.rust);
    let ty = field_type(field, owner);
    let doc = doc_or(field.doc.as_deref(), &format!("`{}`.", field.wire));
    let serde_attr = if serialize {
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
            parts.push(quote!(skip_serializing_if = "Option::is_none"));
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
        let path = format!("de::{helper}");
        parts.push(quote!(deserialize_with = #path));
    }
    if serialize && field.secret && field.ty != FieldType::Object {
        let helper = if field.required {
            "secret"
        } else {
            "opt_secret"
        };
        let path = format!("ser::{helper}");
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
    let checks: Vec<TokenStream> = fields.iter().flat_map(field_checks).collect();
    if checks.is_empty() {
        return quote!(Ok(()));
    }
    // One `static` per pattern: compiled on first use, then checked with no lookup.
    let patterns = fields.iter().filter_map(|field| {
        let pattern = field
            .constraints
            .pattern
            .as_ref()
            .filter(|_| is_text(field))?;
        let name = pattern_static(field);
        Some(quote!(static #name: Pattern = Pattern::new(#pattern);))
    });
    quote! {
        #(#patterns)*
        let mut checks = Checks::new();
        #(#checks)*
        checks.finish()
    }
}

/// One statement per constraint of a field (optional fields: one `if let` around them).
fn field_checks(field: &Field) -> Vec<TokenStream> {
    let ident = snake(&field.rust);
    let wire = &field.wire;
    let c = &field.constraints;
    let text = is_text(field);
    let mut on_value = Vec::new();
    // Checks read text; a secret is exposed only for the check.
    let value = match (field.secret && text, field.required) {
        (true, true) => quote!(self.#ident.expose()),
        (true, false) => quote!(value.expose()),
        (false, true) => quote!(&self.#ident),
        (false, false) => quote!(value),
    };
    let number = if field.required {
        quote!(self.#ident)
    } else {
        quote!(*value)
    };
    if text && (c.max_len.is_some() || c.min_len.is_some()) {
        let min = opt(c.min_len.map(|n| super::names::int(n.into())));
        let max = opt(c.max_len.map(|n| super::names::int(n.into())));
        on_value.push(quote!(checks.len(#wire, #value, #min, #max);));
    }
    if field.ty == FieldType::Decimal {
        on_value.push(quote!(checks.decimal(#wire, #value);));
    }
    if c.pattern.is_some() && text {
        let pattern = pattern_static(field);
        on_value.push(quote!(checks.pattern(#wire, #value, &#pattern);));
    }
    if field.ty == FieldType::Int {
        if c.min.is_some() || c.max.is_some() {
            let min = opt(c.min.map(super::names::int));
            let max = opt(c.max.map(super::names::int));
            on_value.push(quote!(checks.range(#wire, #number, #min, #max);));
        }
        if c.non_zero {
            on_value.push(quote!(checks.non_zero(#wire, #number);));
        }
    }
    if !c.values.is_empty() && field.ty != FieldType::Object {
        let allowed = c.values.iter().map(|(v, _)| v);
        on_value.push(quote!(checks.one_of(#wire, #value, &[#(#allowed),*]);));
    }
    if field.ty == FieldType::Object {
        let object = if field.required {
            quote!(self.#ident)
        } else {
            quote!(value)
        };
        on_value.push(quote!(checks.object(#wire, #object.validate());));
    }
    let mut out = Vec::new();
    if field.required && !field.allow_empty && text {
        out.push(quote!(checks.required(#wire, #value);));
    }
    if field.required || on_value.is_empty() {
        out.extend(on_value);
    } else {
        out.push(quote!(if let Some(value) = &self.#ident { #(#on_value)* }));
    }
    out
}

/// The checks of a callback's received values, on their wire text and before they are typed,
/// by the rules the interpreter and the mock share; then the nested checks of object fields.
/// Statements of `from_received`, which has the raw values in `received` and the typed ones
/// in `notification`'s scope after `typed`.
pub fn received_checks(fields: &[Field], typed: TokenStream) -> TokenStream {
    let patterns = fields.iter().filter_map(|field| {
        let pattern = field.constraints.pattern.as_ref()?;
        let name = pattern_static(field);
        Some(quote!(static #name: Pattern = Pattern::new(#pattern);))
    });
    let checks = fields.iter().filter_map(received_check);
    let objects: Vec<TokenStream> = fields
        .iter()
        .filter(|f| f.ty == FieldType::Object)
        .map(|field| {
            let ident = snake(&field.rust);
            let wire = &field.wire;
            if field.required {
                quote!(checks.object(#wire, notification.#ident.validate());)
            } else {
                quote!(if let Some(value) = &notification.#ident { checks.object(#wire, value.validate()); })
            }
        })
        .collect();
    let build = if objects.is_empty() {
        quote!(Ok(#typed))
    } else {
        quote! {
            let notification = #typed;
            let mut checks = Checks::new();
            #(#objects)*
            callback_values(checks.finish())?;
            Ok(notification)
        }
    };
    quote! {
        #(#patterns)*
        #(#checks)*
        #build
    }
}

/// `check_received(..)?;` of one field, or nothing when nothing is constrained.
fn received_check(field: &Field) -> Option<TokenStream> {
    let c = &field.constraints;
    let mut members = Vec::new();
    let ty = match field.ty {
        FieldType::String => None,
        FieldType::Int => Some(quote!(Int)),
        FieldType::Bool => Some(quote!(Bool)),
        FieldType::Decimal => Some(quote!(Decimal)),
        FieldType::Object => Some(quote!(Object)),
    };
    if let Some(ty) = &ty {
        members.push(quote!(ty: WireType::#ty,));
    }
    if field.allow_empty {
        members.push(quote!(allow_empty: true,));
    }
    if let Some(n) = c.max_len {
        let n = super::names::int(n.into());
        members.push(quote!(max_len: Some(#n),));
    }
    if let Some(n) = c.min_len {
        let n = super::names::int(n.into());
        members.push(quote!(min_len: Some(#n),));
    }
    if c.pattern.is_some() {
        let name = pattern_static(field);
        members.push(quote!(pattern: Some(&#name),));
    }
    if let Some(n) = c.min {
        let n = super::names::int(n);
        members.push(quote!(min: Some(#n),));
    }
    if let Some(n) = c.max {
        let n = super::names::int(n);
        members.push(quote!(max: Some(#n),));
    }
    if c.non_zero {
        members.push(quote!(non_zero: true,));
    }
    if !c.values.is_empty() {
        let allowed = c.values.iter().map(|(v, _)| v);
        members.push(quote!(values: &[#(#allowed),*],));
    }
    // A text nothing constrains (present when required, which reading it already ensured, and
    // that may be empty) is accepted as it comes.
    let constrained = ty.is_some() || !c.is_empty() || (field.required && !field.allow_empty);
    if !constrained {
        return None;
    }
    let ident = snake(&field.rust);
    let wire = &field.wire;
    let text = if field.required {
        quote!(Some(received.#ident))
    } else {
        quote!(received.#ident)
    };
    let base = if field.required {
        quote!(Rules::REQUIRED)
    } else {
        quote!(Rules::NONE)
    };
    let rules = if members.is_empty() {
        quote!(&#base)
    } else {
        quote!(&Rules { #(#members)* ..#base })
    };
    Some(quote!(check_received(#wire, #text, #rules)?;))
}

fn is_text(field: &Field) -> bool {
    matches!(field.ty, FieldType::String | FieldType::Decimal)
}

/// `PRICE_PATTERN` for field `price`.
fn pattern_static(field: &Field) -> proc_macro2::Ident {
    let name = snake(&field.rust).to_string();
    let name = name.trim_start_matches("r#").to_uppercase();
    quote::format_ident!("{name}_PATTERN")
}

fn opt(value: Option<TokenStream>) -> TokenStream {
    match value {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    }
}

/// `decode` of a call's response: the envelope, then one lenient read per member.
pub fn decode_fn(
    platform: &crate::model::Platform,
    endpoint: &crate::model::Endpoint,
) -> TokenStream {
    // An idempotent call whose platform says "applied before" succeeded earlier.
    let idempotent = endpoint.call().is_some_and(|c| c.idempotency_key.is_some());
    let applied: Vec<i64> = if idempotent {
        platform
            .errors_of(endpoint)
            .filter(|e| e.when.contains(&crate::model::ErrorWhen::AlreadyApplied))
            .map(|e| e.code)
            .collect()
    } else {
        Vec::new()
    };
    let doc = super::names::doc_text(if applied.is_empty() {
        "Decodes a response body: the envelope's error code becomes [`Error::Api`]."
    } else {
        "Decodes a response body: the envelope's error code becomes [`Error::Api`], except a code\nsaying that the request was applied before, which is a success."
    });
    let open = if platform.envelope.is_some() && !applied.is_empty() {
        let codes = applied.iter().map(|c| super::names::int(*c));
        quote!(ENVELOPE.open_applied(body, ErrorCode::from_code, &[#(#codes),*]))
    } else if platform.envelope.is_some() {
        quote!(ENVELOPE.open(body, ErrorCode::from_code))
    } else {
        quote!(Fields::<ErrorCode>::parse(body))
    };
    // An answer with a secret field (an issued token) keeps no excerpt: errors reach logs.
    let open = if super::call::has_secret(&endpoint.response) {
        quote!(#open.map_err(Error::without_excerpts)?.withholding())
    } else {
        quote!(#open?)
    };
    let members = endpoint.response.iter().map(|f| {
        let ident = snake(&f.rust);
        let wire = &f.wire;
        let read = match f.ty {
            FieldType::String | FieldType::Decimal if f.secret => "secret",
            FieldType::String | FieldType::Decimal => "text",
            FieldType::Int => "int",
            FieldType::Bool => "bool",
            FieldType::Object => "object",
        };
        let read = if f.required {
            quote::format_ident!("{read}")
        } else {
            quote::format_ident!("opt_{read}")
        };
        // Only an object, which has no placeholder value, returns its error at once.
        let early = (f.ty == FieldType::Object && f.required).then(|| quote!(?));
        quote!(#ident: fields.#read(#wire)#early,)
    });
    let build = if endpoint.response.is_empty() {
        quote!(let _fields = #open; Ok(Self {}))
    } else {
        quote! {
            let fields = #open;
            let response = Self { #(#members)* };
            fields.finish(response)
        }
    };
    quote! {
        #doc
        #[inline]
        pub fn decode(body: &[u8]) -> Result<Self, Error<ErrorCode>> {
            #build
        }
    }
}
