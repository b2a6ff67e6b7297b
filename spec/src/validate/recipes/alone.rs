//! Recipe examples: a recipe compiled on its own, for a stand-in endpoint whose request
//! fields are the example's parameters.

use super::{ParsedRecipes, compile_for};
use crate::diagnostics::{Code, did_you_mean};
use crate::examples::reported_twice;
use crate::locate::{join_index, join_key};
use crate::model::{self, Platform};
use crate::spec::{self, Encoding, Method, Spec};
use crate::validate::{Ctx, check_snake, scalar_text};

/// Compiles every recipe that has examples of its own, once per example, for a stand-in
/// endpoint whose request fields are the example's parameters. The examples stage reproduces
/// them.
pub(crate) fn compile_alone(
    ctx: &mut Ctx,
    spec: &Spec,
    platform: &Platform,
    recipes: &ParsedRecipes,
) -> Vec<model::RecipeExample> {
    let mut out = Vec::new();
    for (name, recipe) in &spec.signatures {
        let Some(recipe) = recipe.ok() else {
            continue;
        };
        let list_at = join_key(&join_key("signatures", name), "examples");
        let mut names: Vec<&str> = Vec::new();
        for (i, example) in recipe.examples.iter().enumerate() {
            let at = join_index(&list_at, i);
            let Some(example) = ctx.item(&at, example) else {
                continue;
            };
            check_snake(ctx, &join_key(&at, "name"), "example name", &example.name);
            if reported_twice(ctx, &at, &example.name, names.iter().copied()) {
                continue;
            }
            names.push(&example.name);
            if let Some(built) = alone(ctx, &at, platform, recipes, name, example) {
                out.push(built);
            }
        }
    }
    out
}

/// One recipe example: its stand-in endpoint, and the recipe compiled for it.
fn alone(
    ctx: &mut Ctx,
    at: &str,
    platform: &Platform,
    recipes: &ParsedRecipes,
    name: &str,
    example: &spec::RecipeExample,
) -> Option<model::RecipeExample> {
    let before = ctx.count();
    // Said here, in the example's terms, rather than as an endpoint's missing body or method.
    let reads = recipes.references(name);
    for (variable, given) in [
        ("body", example.body.is_some()),
        ("method", example.method.is_some()),
    ] {
        if reads.contains(&variable) && !given {
            ctx.error(
                Code::MissingKey,
                at,
                format!("the recipe reads {{{variable}}}: give the example a `{variable}`"),
                None,
            );
        }
    }
    let mut request = Vec::new();
    let mut values = Vec::new();
    for (wire, value) in &example.request {
        let value_at = join_key(&join_key(at, "request"), wire);
        if platform.credential(wire).is_some() {
            ctx.error(
                Code::Invalid,
                &value_at,
                format!("'{wire}' is a credential; give it under `credentials`"),
                None,
            );
            continue;
        }
        match value {
            serde_yaml::Value::Mapping(_)
            | serde_yaml::Value::Sequence(_)
            | serde_yaml::Value::Tagged(_)
            | serde_yaml::Value::Null => {
                ctx.error(
                    Code::WrongType,
                    &value_at,
                    "example values are scalars",
                    None,
                );
                continue;
            }
            other => values.push((wire.clone(), scalar_text(other))),
        }
        request.push(model::Field {
            wire: wire.clone(),
            rust: heck::ToSnakeCase::to_snake_case(wire.as_str()),
            required: true,
            allow_empty: true,
            signed: true,
            ..model::Field::default()
        });
    }
    for credential in example.credentials.keys() {
        if platform.credential(credential).is_none() {
            ctx.error(
                Code::UnknownName,
                &join_key(&join_key(at, "credentials"), credential),
                format!("'{credential}' is not a credential"),
                did_you_mean(
                    credential,
                    platform.credentials.iter().map(|c| c.name.as_str()),
                ),
            );
        }
    }
    if ctx.count() > before {
        return None;
    }
    let path = example.path.clone().unwrap_or_default();
    let environment = platform
        .environments
        .first()
        .map(|e| e.name.clone())
        .unwrap_or_default();
    let mut endpoint = model::Endpoint {
        name: example.name.clone(),
        // A method the recipe reads is given (checked above); any other is never read.
        shape: model::Shape::Call(model::Call {
            method: example.method.unwrap_or(Method::Get),
            paths: vec![model::EnvironmentPath {
                environment: environment.clone(),
                path: path.clone(),
            }],
            ..model::Call::default()
        }),
        // `{body}` is known exactly when the example gives one.
        encoding: if example.body.is_some() {
            Encoding::Json
        } else {
            Encoding::Query
        },
        request,
        ..model::Endpoint::default()
    };
    let sign = [name.to_owned()];
    endpoint.signatures = compile_for(ctx, platform, recipes, &endpoint, at, &sign);
    if ctx.count() > before || endpoint.signatures.is_empty() {
        return None;
    }
    let expect = model::ExpectedSignature {
        signature: name.to_owned(),
        string_to_sign: example.expect.string_to_sign.clone(),
        value: example.expect.value.clone(),
    };
    Some(model::RecipeExample {
        signature: name.to_owned(),
        refutes: example.refutes.clone(),
        endpoint,
        example: model::Example {
            name: example.name.clone(),
            source: example.source.clone(),
            environment,
            path,
            credentials: example
                .credentials
                .iter()
                .map(|(n, v)| (n.clone(), v.clone()))
                .collect(),
            request: values,
            expect: vec![expect],
            body: example.body.clone(),
        },
    })
}
