//! Signing recipes: parsed once per platform, then compiled for each endpoint that uses them
//! into a flat list of parts with the parameter order fixed.

mod alone;
mod compiler;
mod key_by;

use super::{Ctx, check_snake};
use crate::diagnostics::{Code, did_you_mean};
use crate::locate::{join_index, join_key};
use crate::model::{
    self, Param, ParamList, ParamValue, Part, Platform, SignatureRecipe, Source, Template,
    Transform,
};
use crate::plan::{KeyPlan, RecipePlan};
use crate::spec::{self, Encoding, EndpointKind, Location, ParamSource, SortOrder, Spec};
use crate::template::{self, Token};
pub(crate) use alone::compile_alone;
use compiler::Compiler;
use key_by::key_choice;

/// A recipe whose templates parsed.
pub(crate) struct ParsedRecipe<'s> {
    name: &'s str,
    spec: &'s spec::Signature,
    params: spec::ParamSet,
    key: Option<Vec<Token>>,
    message: Vec<Token>,
    extras: Vec<(&'s str, Vec<Token>)>,
    /// `key_by`, checked: field value and the credential it selects.
    key_by: Option<(&'s str, Vec<(String, String)>)>,
}

/// Every readable recipe of a spec, and the names of all declared ones (broken included, so
/// that a broken recipe is reported once, not again by every endpoint that uses it).
pub(crate) struct ParsedRecipes<'s>(Vec<ParsedRecipe<'s>>, Vec<&'s str>);

impl ParsedRecipes<'_> {
    /// The names a recipe's templates and `include` refer to.
    fn references(&self, name: &str) -> Vec<&str> {
        let Some(recipe) = self.0.iter().find(|r| r.name == name) else {
            return Vec::new();
        };
        let tokens = recipe
            .message
            .iter()
            .chain(recipe.key.iter().flatten())
            .chain(recipe.extras.iter().flat_map(|(_, t)| t));
        let mut out: Vec<&str> = tokens
            .filter_map(|t| match t {
                Token::Variable { name, .. } => Some(name.as_str()),
                Token::Literal(_) => None,
            })
            .collect();
        out.extend(recipe.params.include.iter().map(String::as_str));
        out
    }

    /// `from` → `to` → … → `from`, when `to` leads back to `from` through recipe references.
    fn cycle<'n>(&'n self, from: &'n str, to: &'n str) -> Option<Vec<&'n str>> {
        let mut stack: Vec<Vec<&str>> = vec![vec![from, to]];
        let mut visited: Vec<&str> = Vec::new();
        while let Some(path) = stack.pop() {
            let last = *path.last()?;
            if last == from {
                return Some(path);
            }
            if visited.contains(&last) {
                continue;
            }
            visited.push(last);
            for next in self.references(last) {
                if self.1.contains(&next) {
                    let mut longer = path.clone();
                    longer.push(next);
                    stack.push(longer);
                }
            }
        }
        None
    }
}

/// Parses every recipe's templates; problems are reported at the recipe.
pub(crate) fn parse_all<'s>(ctx: &mut Ctx, spec: &'s Spec) -> ParsedRecipes<'s> {
    let mut out = Vec::new();
    let declared = spec.signatures.keys().map(String::as_str).collect();
    for (name, recipe) in &spec.signatures {
        let at = join_key("signatures", name);
        check_snake(ctx, &at, "signature", name);
        let Some(recipe) = ctx.item(&at, recipe) else {
            continue;
        };
        let hmac = recipe.algorithm.0.takes_key();
        if let Some(by) = &recipe.algorithm_by {
            let by_at = join_key(&at, "algorithm_by");
            if by.values.values().any(|a| a.0.takes_key() != hmac) {
                ctx.error(
                    Code::Conflict,
                    &join_key(&by_at, "values"),
                    "every algorithm `algorithm_by` chooses must take a key exactly when `algorithm` does",
                    None,
                );
            }
        }
        let key_by = recipe
            .key_by
            .as_ref()
            .and_then(|by| key_choice(ctx, spec, &at, recipe, by));
        let key = match (&recipe.key, hmac) {
            (Some(k), true) => parse(ctx, &join_key(&at, "key"), k),
            (None, true) => {
                ctx.error(
                    Code::MissingKey,
                    &at,
                    format!("{:?} needs a `key`", recipe.algorithm).to_lowercase(),
                    None,
                );
                None
            }
            (Some(_), false) => {
                ctx.error(
                    Code::NotApplicable,
                    &join_key(&at, "key"),
                    "a plain hash has no key; put secrets in the template",
                    None,
                );
                None
            }
            (None, false) => None,
        };
        if recipe.case_insensitive && recipe.output.0 == gamechannel_core::Output::Base64 {
            ctx.error(
                Code::NotApplicable,
                &join_key(&at, "case_insensitive"),
                "`case_insensitive` cannot apply to base64 output: case changes base64 bytes",
                Some("remove `case_insensitive`, or use `output: hex`".into()),
            );
        }
        let Some(message) = parse(ctx, &join_key(&at, "template"), &recipe.template) else {
            continue;
        };
        let uses_params = message
            .iter()
            .any(|t| matches!(t, Token::Variable { name, .. } if name == "params"));
        if recipe.params.is_some() && !uses_params {
            ctx.error(
                Code::NotApplicable,
                &join_key(&at, "params"),
                "`params` is given but the template never uses {params}",
                None,
            );
        }
        let params = recipe.params.clone().unwrap_or_else(default_params);
        let mut extras = Vec::new();
        for (extra, text) in recipe.params.iter().flat_map(|p| &p.extra) {
            let extra_at = join_key(&join_key(&join_key(&at, "params"), "extra"), extra);
            if let Some(tokens) = parse(ctx, &extra_at, text) {
                extras.push((extra.as_str(), tokens));
            }
        }
        out.push(ParsedRecipe {
            name,
            spec: recipe,
            params,
            key,
            message,
            extras,
            key_by,
        });
    }
    ParsedRecipes(out, declared)
}

fn parse(ctx: &mut Ctx, at: &str, text: &str) -> Option<Vec<Token>> {
    template::parse(text)
        .map_err(|e| ctx.error(Code::Invalid, at, format!("malformed template: {e}"), None))
        .ok()
}

fn default_params() -> spec::ParamSet {
    serde_yaml::from_str("{}").expect("the empty param set uses only defaults")
}

/// Compiles the endpoint's `sign` list, in order.
pub(crate) fn compile_for(
    ctx: &mut Ctx,
    platform: &Platform,
    recipes: &ParsedRecipes,
    endpoint: &model::Endpoint,
    at: &str,
    sign: &[String],
) -> Vec<SignatureRecipe> {
    let mut done: Vec<SignatureRecipe> = Vec::new();
    let sign_at = join_key(at, "sign");
    for (i, name) in sign.iter().enumerate() {
        let item_at = join_index(&sign_at, i);
        let Some(recipe) = recipes.0.iter().find(|r| r.name == name) else {
            if recipes.1.contains(&name.as_str()) {
                continue;
            }
            let known = &recipes.1;
            let hint = did_you_mean(name, known.iter().copied())
                .or_else(|| Some(format!("signatures: {}", known.join(", "))));
            ctx.error(
                Code::UnknownName,
                &item_at,
                format!("unknown signature '{name}'"),
                hint,
            );
            continue;
        };
        if done.iter().any(|d| &d.name == name) {
            ctx.error(
                Code::Collision,
                &item_at,
                format!("signature '{name}' is listed twice"),
                None,
            );
            continue;
        }
        let wire = recipe.spec.field.clone().unwrap_or_else(|| name.clone());
        if let Some(other) = done.iter().find(|d| d.wire == wire) {
            ctx.error(
                Code::Collision,
                &item_at,
                format!(
                    "signatures `{}` and `{name}` both write the field `{wire}`",
                    other.name
                ),
                Some("give one of them another `field`".into()),
            );
            continue;
        }
        if endpoint.request.iter().any(|f| f.wire == wire) {
            ctx.error(
                Code::Collision,
                &join_key(&join_key(at, "request"), &wire),
                format!(
                    "'{wire}' is where signature '{name}' travels; it is not a field to declare"
                ),
                None,
            );
        }
        let mut compiler = Compiler {
            ctx,
            platform,
            endpoint,
            earlier: &done,
            requires: Vec::new(),
            at: join_key("signatures", name),
            recipes,
            sign,
            current: name,
        };
        let key = recipe
            .key
            .as_ref()
            .map(|k| compiler.template(k, &join_key(&compiler.at.clone(), "key"), None));
        let list = compiler.params(recipe);
        let message = compiler.template(
            &recipe.message,
            &join_key(&compiler.at.clone(), "template"),
            Some(&list),
        );
        let requires = compiler.requires;
        let algorithm_by = recipe
            .spec
            .algorithm_by
            .as_ref()
            .map(|by| model::AlgorithmChoice {
                field: by.field.clone(),
                values: by.values.iter().map(|(v, a)| (v.clone(), a.0)).collect(),
            });
        if let Some(by) = &algorithm_by
            && endpoint.request_field(&by.field).is_none()
        {
            ctx.error(
                Code::UnknownName,
                &join_key(
                    &join_key(&join_key("signatures", name), "algorithm_by"),
                    "field",
                ),
                format!(
                    "'{}' is not a request field of endpoint '{}'",
                    by.field, endpoint.name
                ),
                None,
            );
        }
        if let Some((field, _)) = &recipe.key_by
            && endpoint.request_field(field).is_none()
        {
            ctx.error(
                Code::UnknownName,
                &join_key(&join_key(&join_key("signatures", name), "key_by"), "field"),
                format!(
                    "'{field}' is not a request field of endpoint '{}'",
                    endpoint.name
                ),
                did_you_mean(field, endpoint.request.iter().map(|f| f.wire.as_str())),
            );
        }
        let asymmetric = recipe.spec.algorithm.0.is_asymmetric();
        if asymmetric && !requires.is_empty() {
            // A signing failure and an absent credential would share one `None`.
            ctx.error(
                Code::NotApplicable,
                &join_key(&join_key("signatures", name), "key"),
                "an RSA recipe cannot use optional credentials",
                None,
            );
        }
        let optional_field = |wire: &str| endpoint.request_field(wire).is_some_and(|f| !f.required);
        let mut plan = crate::plan::lower_recipe(key.as_ref(), &message, &optional_field);
        if let (Some((field, values)), Some(KeyPlan::Credential(otherwise))) =
            (&recipe.key_by, &plan.key)
        {
            let chosen = KeyPlan::Chosen {
                field: (*field).to_owned(),
                values: values.clone(),
                otherwise: otherwise.clone(),
            };
            plan = RecipePlan::new(Some(chosen), plan.message);
        }
        let default_in = match endpoint.encoding {
            Encoding::Query if endpoint.kind() != EndpointKind::Frontend => Location::Query,
            _ => Location::Body,
        };
        done.push(SignatureRecipe {
            name: name.clone(),
            wire,
            travels_in: recipe.spec.travels_in.unwrap_or(default_in),
            algorithm: recipe.spec.algorithm.0,
            output: recipe.spec.output.0,
            key,
            message,
            requires,
            case_insensitive: recipe.spec.case_insensitive,
            algorithm_by,
            encoded_twice: recipe.spec.encoded_twice,
            doc: recipe.spec.doc.clone(),
            plan,
        });
    }
    done
}
