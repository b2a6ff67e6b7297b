//! Straight-line signing code: one statement per step of a recipe's
//! [plan](gamechannel_spec::plan), written into one buffer.
//!
//! Nothing is decided here: order, encoded literals, separators and skip rules come from the
//! plan, which the interpreter follows too.

use gamechannel_core::Transform;
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use super::names::snake;
use crate::model::{SignatureRecipe, Source};
use crate::plan::{KeyPlan, Plan, Step};

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

/// Every source a recipe reads, key and message, in first-use order.
pub fn sources_used(recipe: &SignatureRecipe) -> &[Source] {
    recipe.plan.sources()
}

/// Whether the recipe yields `Option<Signed>` (it needs an optional credential).
pub fn is_optional(recipe: &SignatureRecipe) -> bool {
    !recipe.requires.is_empty()
}

/// The local an optional credential is bound to once it is known to be there.
fn credential_local(name: &str) -> Ident {
    format_ident!(
        "credential_{}",
        snake(name).to_string().trim_start_matches("r#")
    )
}

/// The body of a function returning `Signed` (or `Option<Signed>`, see [`is_optional`]).
pub fn sign_body(recipe: &SignatureRecipe, sources: &dyn Sources) -> TokenStream {
    let (statements, to_sign) = to_sign_parts(recipe, sources);
    let signed = if is_fallible(recipe) {
        quote!(#to_sign.try_sign()?)
    } else {
        quote!(#to_sign.sign())
    };
    let result = if is_optional(recipe) {
        quote!(Some(#signed))
    } else {
        signed
    };
    quote! {
        #statements
        #result
    }
}

/// The body of a function returning `ToSign` (or `Option<ToSign>`, see [`is_optional`]): the
/// key and string-to-sign, for a verifier to check with the recipe's algorithm.
pub fn to_sign_body(recipe: &SignatureRecipe, sources: &dyn Sources) -> TokenStream {
    let (statements, to_sign) = to_sign_parts(recipe, sources);
    let result = if is_optional(recipe) {
        quote!(Some(#to_sign))
    } else {
        to_sign
    };
    quote! {
        #statements
        #result
    }
}

/// Whether signing can fail (an RSA key that is not a private key): the function computing
/// the signature then returns a `Result` and the caller passes the error on.
pub fn is_fallible(recipe: &SignatureRecipe) -> bool {
    recipe.algorithms().iter().any(|a| a.is_asymmetric())
}

/// `Signer::new(Algorithm::.., Output::..)`, comparing as the recipe says; with
/// `algorithm_by`, a `match` on the deciding field's wire text.
fn signer(recipe: &SignatureRecipe, sources: &dyn Sources) -> TokenStream {
    let one = |algorithm: gamechannel_core::Algorithm| {
        let algorithm = format_ident!("{}", format!("{algorithm:?}"));
        let output = format_ident!("{}", format!("{:?}", recipe.output));
        let signer = quote!(Signer::new(Algorithm::#algorithm, Output::#output));
        if recipe.case_insensitive {
            quote!(#signer.ignoring_case())
        } else {
            signer
        }
    };
    let Some(choice) = &recipe.algorithm_by else {
        return one(recipe.algorithm);
    };
    let arms = choice
        .values
        .iter()
        .map(|(value, algorithm)| (value.as_str(), one(*algorithm)));
    chosen_by(&choice.field, arms, one(recipe.algorithm), sources)
}

/// A `match` on a field's wire text (nothing when it is absent): each value's expression,
/// else `default`.
fn chosen_by<'a>(
    field: &str,
    arms: impl Iterator<Item = (&'a str, TokenStream)>,
    default: TokenStream,
    sources: &dyn Sources,
) -> TokenStream {
    let field = sources.value(&Source::Field(field.to_owned()));
    let expr = field.expr;
    // A text field is matched in place; only another type's wire form is written out.
    if field.optional {
        let arms = arms.map(|(value, chosen)| quote!(Some(#value) => #chosen,));
        quote!({
            let mut scratch = String::new();
            match #expr.map(|value| wire_text(value, &mut scratch)) {
                #(#arms)*
                _ => #default,
            }
        })
    } else {
        let arms = arms.map(|(value, chosen)| quote!(#value => #chosen,));
        quote!({
            let mut scratch = String::new();
            match wire_text(#expr, &mut scratch) {
                #(#arms)*
                _ => #default,
            }
        })
    }
}

/// The statements building a recipe's key and message (after binding, each with `?`, the
/// optional credentials it requires), and the expression of its `ToSign`.
fn to_sign_parts(recipe: &SignatureRecipe, sources: &dyn Sources) -> (TokenStream, TokenStream) {
    let unwraps = recipe.requires.iter().map(|name| {
        let local = credential_local(name);
        let expr = sources.value(&Source::Credential(name.clone())).expr;
        quote!(let #local = #expr?;)
    });
    let unwraps = quote!(#(#unwraps)*);
    let sources = Unwrapped {
        inner: sources,
        requires: &recipe.requires,
    };
    let out = Ident::new("out", Span::call_site());
    let message = plan_statements(&out, &recipe.plan.message, &sources);
    let signer = signer(recipe, &sources);
    match &recipe.plan.key {
        Some(KeyPlan::Credential(name)) => {
            let expr = sources.value(&Source::Credential(name.clone())).expr;
            (
                quote!(#unwraps #message),
                quote!(ToSign::new(#signer, KeyBytes::key_bytes(#expr), out)),
            )
        }
        Some(KeyPlan::Chosen {
            field,
            values,
            otherwise,
        }) => {
            let key = |name: &String| {
                let expr = sources.value(&Source::Credential(name.clone())).expr;
                quote!(KeyBytes::key_bytes(#expr))
            };
            let arms = values
                .iter()
                .map(|(value, name)| (value.as_str(), key(name)));
            let key = chosen_by(field, arms, key(otherwise), &sources);
            (
                quote!(#unwraps #message),
                quote!(ToSign::new(#signer, #key, out)),
            )
        }
        Some(KeyPlan::Built(plan)) => {
            let key = plan_statements(&Ident::new("key", Span::call_site()), plan, &sources);
            (
                quote!(#unwraps #key #message),
                quote!(ToSign::with_built_key(#signer, key, out)),
            )
        }
        None => (
            quote!(#unwraps #message),
            quote!(ToSign::new(#signer, &[], out)),
        ),
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
                let local = credential_local(name);
                Value {
                    expr: quote!(#local),
                    optional: false,
                }
            }
            other => self.inner.value(other),
        }
    }
}

/// `let mut <buf> = String::with_capacity(..);`, its separator flags, then its steps.
fn plan_statements(buf: &Ident, plan: &Plan, sources: &dyn Sources) -> TokenStream {
    let capacity = super::names::size(plan.capacity);
    let flags = (0..plan.flags).map(|n| {
        let flag = flag(n);
        quote!(let mut #flag = false;)
    });
    let mut digests = 0;
    let steps = steps(buf, &plan.steps, sources, None, &mut digests);
    quote! {
        let mut #buf = String::with_capacity(#capacity);
        #(#flags)*
        #steps
    }
}

fn flag(n: usize) -> Ident {
    format_ident!("wrote{}", n)
}

/// One statement per step. `bound`: the optional field an enclosing `if let` bound to `value`.
fn steps(
    buf: &Ident,
    steps: &[Step],
    sources: &dyn Sources,
    bound: Option<&str>,
    digests: &mut usize,
) -> TokenStream {
    let stmts = steps.iter().map(|step| match step {
        Step::Text(text) => push_text(buf, text),
        Step::Value { source, encode } => {
            let expr = match (source, bound) {
                (Source::Field(name), Some(field)) if name == field => quote!(value),
                _ => present(sources.value(source), source),
            };
            write_value(buf, &expr, encode)
        }
        Step::IfPresent {
            field,
            skip_empty,
            then,
        } => {
            let expr = sources.value(&Source::Field(field.clone())).expr;
            let expr = if *skip_empty {
                quote!(non_empty(#expr))
            } else {
                expr
            };
            let body = self::steps(buf, then, sources, Some(field), digests);
            quote!(if let Some(value) = #expr { #body })
        }
        Step::SeparatorIf { flag, text } => {
            let flag = self::flag(*flag);
            let push = push_text(buf, text);
            quote!(if #flag { #push })
        }
        Step::Mark { flag } => {
            let flag = self::flag(*flag);
            quote!(#flag = true;)
        }
        Step::SortedByValue { items, join } => {
            let text = Ident::new("value_text", Span::call_site());
            let count = items.len();
            let pushes = items.iter().map(|item| {
                let here = item.field.as_deref().or(bound);
                let inner = self::steps(&text, &item.steps, sources, here, digests);
                let prefix = &item.prefix;
                let body = quote! {
                    let mut #text = String::new();
                    #inner
                    sorted.push((#prefix, #text));
                };
                match &item.field {
                    None => body,
                    Some(field) => {
                        let expr = sources.value(&Source::Field(field.clone())).expr;
                        let expr = if item.skip_empty {
                            quote!(non_empty(#expr))
                        } else {
                            expr
                        };
                        quote!(if let Some(value) = #expr { #body })
                    }
                }
            });
            quote! {
                {
                    let mut sorted: Vec<(&str, String)> = Vec::with_capacity(#count);
                    #(#pushes)*
                    write_by_value(&mut #buf, &mut sorted, #join);
                }
            }
        }
        Step::Digest {
            steps,
            transforms,
            encode,
        } => {
            *digests += 1;
            let temp = format_ident!("part{}", *digests);
            let inner = self::steps(&temp, steps, sources, bound, digests);
            let transforms = transform_list(transforms);
            let write = write_value(buf, &quote!(#temp.as_str()), encode);
            quote! {
                let #temp = {
                    let mut #temp = String::new();
                    #inner
                    apply_all(&#temp, &[#(#transforms),*])
                };
                #write
            }
        }
    });
    quote!(#(#stmts)*)
}

/// The expression of a value the plan says is present; were the generated struct to hold it as
/// an `Option`, the model and the plan disagree, and the build says so instead of guessing.
fn present(value: Value, source: &Source) -> TokenStream {
    if value.optional {
        let message = format!(
            "gamechannel-codegen: `{}` may be absent where its recipe needs it",
            source.name()
        );
        quote!(compile_error!(#message))
    } else {
        value.expr
    }
}

fn transform_list(transforms: &[Transform]) -> Vec<TokenStream> {
    transforms
        .iter()
        .map(|t| {
            let variant = format_ident!("{}", format!("{t:?}"));
            quote!(Transform::#variant)
        })
        .collect()
}

/// Writes a value's wire form through piecewise transforms; a lone `percent` has a fast path.
fn write_value(buf: &Ident, expr: &TokenStream, encode: &[Transform]) -> TokenStream {
    match encode {
        [] => quote!(WireValue::write_wire(#expr, &mut #buf);),
        [Transform::Percent] => {
            quote!(WireValue::write_wire_percent(#expr, &mut #buf);)
        }
        _ => {
            let transforms = transform_list(encode);
            quote!(write_value_through(&mut #buf, #expr, &[#(#transforms),*]);)
        }
    }
}

/// `buf.push(c)` for one character (clippy's preference in generated code), else `push_str`.
fn push_text(buf: &Ident, text: &str) -> TokenStream {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => quote!(#buf.push(#c);),
        _ => quote!(#buf.push_str(#text);),
    }
}
