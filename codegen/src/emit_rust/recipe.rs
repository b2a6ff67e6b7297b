//! Straight-line signing code: a compiled recipe becomes statements that write the
//! string-to-sign into one buffer, literals already joined and encoded at generation time.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use super::names::snake;
use crate::model::{
    Filter, Param, ParamList, ParamValue, Part, SignatureRecipe, Source, Template, ValueEncoding,
};

/// How a source reads in the generated function: an expression of type `&T` (`T: WireValue`),
/// or `Option<&T>` when `optional`.
pub struct Value {
    /// The expression.
    pub expr: TokenStream,
    /// Whether `expr` is an `Option`.
    pub optional: bool,
}

/// Maps recipe sources to expressions; one implementation per kind of generated code.
pub trait Sources {
    /// The expression for `source`.
    fn value(&self, source: &Source) -> Value;
}

/// The credential a template consists of, when it is nothing else (no text, no filter).
fn lone_credential(template: &Template) -> Option<&Source> {
    match template.parts.as_slice() {
        [
            Part::Value {
                source: source @ Source::Credential(_),
                filters,
            },
        ] if filters.is_empty() => Some(source),
        _ => None,
    }
}

/// Every source a recipe reads, key and message, in first-use order.
pub fn sources_used(recipe: &SignatureRecipe) -> Vec<Source> {
    let mut out = Vec::new();
    for template in recipe.key.iter().chain([&recipe.message]) {
        collect(template, &mut out);
    }
    out
}

fn collect(template: &Template, out: &mut Vec<Source>) {
    let add = |s: &Source, out: &mut Vec<Source>| {
        if !out.contains(s) {
            out.push(s.clone());
        }
    };
    for part in &template.parts {
        match part {
            Part::Literal(_) => {}
            Part::Value { source, .. } => add(source, out),
            Part::Params { list, .. } => {
                for item in &list.items {
                    match &item.value {
                        ParamValue::Source(s) => add(s, out),
                        ParamValue::Template(t) => collect(t, out),
                    }
                }
            }
        }
    }
}

/// Whether the recipe yields `Option<Signed>` (it needs an optional credential).
pub fn is_optional(recipe: &SignatureRecipe) -> bool {
    !recipe.requires.is_empty()
}

/// The body of a function returning `Signed` (or `Option<Signed>`, see [`is_optional`]).
pub fn sign_body(recipe: &SignatureRecipe, sources: &dyn Sources) -> TokenStream {
    let unwraps = recipe.requires.iter().map(|name| {
        let local = format_ident!(
            "credential_{}",
            snake(name).to_string().trim_start_matches("r#")
        );
        let expr = sources.value(&Source::Credential(name.clone())).expr;
        quote!(let #local = #expr?;)
    });
    let sources = Unwrapped {
        inner: sources,
        requires: &recipe.requires,
    };
    let key_ident = Ident::new("key", Span::call_site());
    let out = Ident::new("out", Span::call_site());
    let key = match &recipe.key {
        // The common case, `key: "{app_key}"`: the credential's own bytes, copied nowhere.
        Some(template) if lone_credential(template).is_some() => {
            let source = lone_credential(template).unwrap_or(&Source::Path);
            let expr = sources.value(source).expr;
            quote!(let key = ::gamechannel::__private::KeyBytes::key_bytes(#expr);)
        }
        Some(template) => {
            let write = write_template(&key_ident, template, &sources);
            quote! {
                let mut key = ::std::string::String::new();
                #write
                // Zeroized when dropped.
                let key = ::gamechannel::Secret::new(key);
                let key = key.expose().as_bytes();
            }
        }
        None => quote!(let key: &[u8] = &[];),
    };
    let capacity = super::names::size(capacity(&recipe.message));
    let message = write_template(&out, &recipe.message, &sources);
    let algorithm = format_ident!("{}", format!("{:?}", recipe.algorithm));
    let output = format_ident!("{}", format!("{:?}", recipe.output));
    let signed = quote! {
        ::gamechannel::Signed::new(
            ::gamechannel::__private::sign(
                ::gamechannel::Algorithm::#algorithm,
                key,
                out.as_bytes(),
                ::gamechannel::Output::#output,
            ),
            out,
        )
    };
    let result = if is_optional(recipe) {
        quote!(::core::option::Option::Some(#signed))
    } else {
        signed
    };
    quote! {
        #(#unwraps)*
        #key
        let mut out = ::std::string::String::with_capacity(#capacity);
        #message
        #result
    }
}

/// Optional credentials a recipe `requires` are bound up front, so they read as plain values.
struct Unwrapped<'a> {
    inner: &'a dyn Sources,
    requires: &'a [String],
}

impl Sources for Unwrapped<'_> {
    fn value(&self, source: &Source) -> Value {
        match source {
            Source::Credential(name) if self.requires.contains(name) => {
                let local = format_ident!(
                    "credential_{}",
                    snake(name).to_string().trim_start_matches("r#")
                );
                Value {
                    expr: quote!(#local),
                    optional: false,
                }
            }
            other => self.inner.value(other),
        }
    }
}

fn capacity(template: &Template) -> usize {
    template
        .parts
        .iter()
        .map(|p| match p {
            Part::Literal(s) => s.len(),
            Part::Value { .. } => 32,
            Part::Params { list, .. } => list.items.iter().map(|i| i.name.len() + 24).sum(),
        })
        .sum()
}

/// Statements writing `template` into the `String` named `buf`.
pub fn write_template(buf: &Ident, template: &Template, sources: &dyn Sources) -> TokenStream {
    let mut block = Block::new(buf.clone());
    let mut temps = 0;
    template_into(&mut block, template, 0, sources, &mut temps);
    block.finish()
}

/// Statements into one buffer; adjacent literals merge into one `push_str`.
struct Block {
    buf: Ident,
    stmts: Vec<TokenStream>,
    pending: String,
}

impl Block {
    fn new(buf: Ident) -> Self {
        Self {
            buf,
            stmts: Vec::new(),
            pending: String::new(),
        }
    }

    fn lit(&mut self, text: &str) {
        self.pending.push_str(text);
    }

    fn stmt(&mut self, stmt: TokenStream) {
        self.flush();
        self.stmts.push(stmt);
    }

    fn flush(&mut self) {
        let buf = &self.buf;
        let text = std::mem::take(&mut self.pending);
        if !text.is_empty() {
            self.stmts.push(push_text(buf, &text));
        }
    }

    fn child(&self) -> Block {
        Block::new(self.buf.clone())
    }

    fn finish(mut self) -> TokenStream {
        self.flush();
        let stmts = self.stmts;
        quote!(#(#stmts)*)
    }
}

/// `text` percent-encoded `depth` times, at generation time.
fn encode(text: &str, depth: u8) -> String {
    (0..depth).fold(text.to_owned(), |t, _| gamechannel_core::percent_encode(&t))
}

fn write_value(block: &mut Block, expr: &TokenStream, depth: u8) {
    let buf = &block.buf;
    let stmt = match depth {
        0 => quote!(::gamechannel::WireValue::write_wire(#expr, &mut #buf);),
        1 => quote!(::gamechannel::WireValue::write_wire_percent(#expr, &mut #buf);),
        n => quote!(::gamechannel::__private::signing::write_percent_n(&mut #buf, #expr, #n);),
    };
    block.stmt(stmt);
}

fn template_into(
    block: &mut Block,
    template: &Template,
    depth: u8,
    sources: &dyn Sources,
    temps: &mut usize,
) {
    for part in &template.parts {
        match part {
            Part::Literal(text) => block.lit(&encode(text, depth)),
            Part::Value { source, filters } => {
                let value = sources.value(source);
                filtered(
                    block,
                    depth,
                    filters,
                    temps,
                    &mut |b: &mut Block, d, _: &mut usize| {
                        if value.optional {
                            let mut inner = b.child();
                            write_value(&mut inner, &quote!(value), d);
                            let inner = inner.finish();
                            let expr = &value.expr;
                            b.stmt(quote!(if let ::core::option::Option::Some(value) = #expr { #inner }));
                        } else {
                            write_value(b, &value.expr, d);
                        }
                    },
                );
            }
            Part::Params { list, filters } => {
                filtered(
                    block,
                    depth,
                    filters,
                    temps,
                    &mut |b: &mut Block, d, t: &mut usize| params_into(b, list, d, sources, t),
                );
            }
        }
    }
}

type Inner<'a> = dyn FnMut(&mut Block, u8, &mut usize) + 'a;

/// Leading `|percent` filters only deepen the encoding; anything after an `|md5` runs on a
/// temporary buffer.
fn filtered(
    block: &mut Block,
    depth: u8,
    filters: &[Filter],
    temps: &mut usize,
    inner: &mut Inner<'_>,
) {
    let leading = filters
        .iter()
        .take_while(|f| **f == Filter::Percent)
        .count();
    let rest = &filters[leading..];
    let leading = u8::try_from(leading).unwrap_or(u8::MAX);
    if rest.is_empty() {
        inner(block, depth.saturating_add(leading), temps);
        return;
    }
    *temps += 1;
    let temp = format_ident!("part{}", *temps);
    let mut sub = Block::new(temp.clone());
    inner(&mut sub, leading, temps);
    let sub = sub.finish();
    let steps = rest.iter().map(|f| match f {
        Filter::Md5 => quote!(let #temp = ::gamechannel::__private::signing::md5(&#temp);),
        Filter::Percent => quote!(let #temp = ::gamechannel::__private::signing::percent(&#temp);),
    });
    let mut tail = block.child();
    write_value(&mut tail, &quote!(#temp.as_str()), depth);
    let tail = tail.finish();
    block.stmt(quote! {
        {
            let mut #temp = ::std::string::String::new();
            #sub
            #(#steps)*
            #tail
        }
    });
}

/// Whether a separator is needed before the next parameter, as far as generation time knows.
enum Sep {
    /// Nothing written yet.
    Never,
    /// Something certainly written.
    Always,
    /// Only the runtime flag knows.
    Maybe,
}

fn params_into(
    block: &mut Block,
    list: &ParamList,
    depth: u8,
    sources: &dyn Sources,
    temps: &mut usize,
) {
    let value_depth = depth + u8::from(list.encode == ValueEncoding::Percent);
    let join = encode(&list.join, depth);
    *temps += 1;
    let flag = format_ident!("wrote{}", *temps);
    let buf = block.buf.clone();
    let mut sep = Sep::Never;
    let count = list.items.len();
    for (i, item) in list.items.iter().enumerate() {
        let last = i + 1 == count;
        let head = encode(&format!("{}{}", item.name, list.pair), depth);
        let value = param_value(item, sources);
        let conditional = value.as_ref().is_some_and(|v| v.optional);
        let mut child = block.child();
        let target = if conditional { &mut child } else { &mut *block };
        match sep {
            Sep::Never => {}
            Sep::Always => target.lit(&join),
            Sep::Maybe => {
                let push = push_text(&buf, &join);
                target.stmt(quote!(if #flag { #push }));
            }
        }
        target.lit(&head);
        match (&value, &item.value) {
            (Some(v), _) if v.optional => write_value(target, &quote!(value), value_depth),
            (Some(v), _) => write_value(target, &v.expr, value_depth),
            (None, ParamValue::Template(t)) => {
                template_into(target, t, value_depth, sources, temps)
            }
            (None, ParamValue::Source(_)) => {}
        }
        if !conditional {
            sep = Sep::Always;
            continue;
        }
        // The flag is only kept while a later parameter still needs to read it.
        if !last && !matches!(sep, Sep::Always) {
            child.stmt(quote!(#flag = true;));
            if matches!(sep, Sep::Never) {
                block.stmt(quote!(let mut #flag = false;));
            }
            sep = Sep::Maybe;
        }
        let body = child.finish();
        let expr = value.map(|v| v.expr).unwrap_or_default();
        let expr = if list.skip_empty {
            quote!(#expr.filter(|value| !::gamechannel::WireValue::is_empty_wire(*value)))
        } else {
            expr
        };
        block.stmt(quote!(if let ::core::option::Option::Some(value) = #expr { #body }));
    }
}

fn param_value(item: &Param, sources: &dyn Sources) -> Option<Value> {
    match &item.value {
        ParamValue::Source(source) => Some(sources.value(source)),
        ParamValue::Template(_) => None,
    }
}

/// `buf.push(c)` for one character (clippy's preference in generated code), else `push_str`.
fn push_text(buf: &proc_macro2::Ident, text: &str) -> TokenStream {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => quote!(#buf.push(#c);),
        _ => quote!(#buf.push_str(#text);),
    }
}
