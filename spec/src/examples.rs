//! The examples stage, after validation: every example must reproduce with the interpreter
//! before anything is generated. It runs only on a sound spec, whose plans exist.

use crate::diagnostics::did_you_mean;
use crate::diagnostics::{Code, Diagnostics};
use crate::eval::{self, Inputs};
use crate::locate::LineIndex;
use crate::locate::{join_index, join_key};
use crate::model::{Endpoint, Example, ExpectedSignature, FieldType, Platform};
use crate::spec::{self, Spec};
use crate::validate::{Ctx, check_snake, scalar_text};

/// Checks every example of a validated spec and stores them, reproduced, in its model.
pub(crate) fn check(
    spec: &Spec,
    file: &str,
    index: &LineIndex,
    mut platform: Platform,
) -> (Platform, Diagnostics) {
    let mut ctx = Ctx::new(file, index);
    check_all(&mut ctx, spec, &mut platform);
    (platform, ctx.finish())
}

/// Checks every example of every endpoint and stores the computed results in the model.
fn check_all(ctx: &mut Ctx, spec: &Spec, platform: &mut Platform) {
    // By name in a map: a scan per endpoint would make large specs quadratic.
    let positions: std::collections::HashMap<String, usize> = platform
        .endpoints
        .iter()
        .enumerate()
        .map(|(i, e)| (e.name.clone(), i))
        .collect();
    for (name, endpoint_spec) in &spec.endpoints {
        let Some(endpoint_spec) = endpoint_spec.ok() else {
            continue;
        };
        let Some(&index) = positions.get(name) else {
            continue;
        };
        let mut examples: Vec<Example> = Vec::new();
        let list_at = join_key(&join_key("endpoints", name), "examples");
        for (i, example) in endpoint_spec.examples.iter().enumerate() {
            let at = join_index(&list_at, i);
            let Some(example) = ctx.item(&at, example) else {
                continue;
            };
            if reported_twice(ctx, &at, &example.name, examples.iter().map(|e| &*e.name)) {
                continue;
            }
            let endpoint = &platform.endpoints[index];
            if let Some(built) = check_one(ctx, &at, platform, endpoint, example) {
                examples.push(built);
            }
        }
        platform.endpoints[index].examples = examples;
    }
    let mut recipe_examples = std::mem::take(&mut platform.recipe_examples);
    recipe_examples.retain_mut(|x| check_alone(ctx, spec, x));
    platform.recipe_examples = recipe_examples;
}

/// Reports an example `name` already among `earlier` (the examples of one list); true if it was.
pub(crate) fn reported_twice<'a>(
    ctx: &mut Ctx,
    at: &str,
    name: &str,
    mut earlier: impl Iterator<Item = &'a str>,
) -> bool {
    let twice = earlier.any(|e| e == name);
    if twice {
        ctx.error(
            Code::Collision,
            &join_key(at, "name"),
            format!("example name '{name}' is used twice"),
            None,
        );
    }
    twice
}
/// Reproduces one example of a recipe on its own; `false` after reporting why it does not.
fn check_alone(ctx: &mut Ctx, spec: &Spec, x: &mut crate::model::RecipeExample) -> bool {
    let list_at = join_key(&join_key("signatures", &x.signature), "examples");
    let position = spec
        .signatures
        .get(&x.signature)
        .and_then(|r| r.ok())
        .and_then(|r| {
            r.examples
                .iter()
                .position(|e| e.ok().is_some_and(|e| e.name == x.example.name))
        })
        .unwrap_or_default();
    let at = join_key(&join_index(&list_at, position), "expect");
    let inputs = Inputs {
        fields: &x.example.request,
        credentials: &x.example.credentials,
        path: &x.example.path,
        body: x.example.body.as_deref().unwrap_or_default(),
    };
    let Some(expected) = x.example.expect.first_mut() else {
        return false;
    };
    let claimed = expected.value.clone();
    let computed = match eval::reproduce(&x.endpoint, &inputs, &|_| Some(claimed.clone())) {
        Ok(mut c) if !c.is_empty() => c.remove(0),
        Ok(_) => {
            let needs = x.endpoint.signatures.first().map(|r| r.requires.join(", "));
            ctx.error(
                Code::Example,
                &at,
                format!(
                    "'{}' is not computed: it needs credential(s) {}",
                    x.signature,
                    needs.unwrap_or_default()
                ),
                None,
            );
            return false;
        }
        Err(e) => {
            ctx.error(
                Code::Example,
                &at,
                format!("the example cannot be signed: {e}"),
                None,
            );
            return false;
        }
    };
    if computed.string_to_sign != expected.string_to_sign {
        ctx.error(
            Code::Example,
            &join_key(&at, "string_to_sign"),
            "does not reproduce: the recipe gives another string to sign",
            Some(first_difference(
                &expected.string_to_sign,
                &computed.string_to_sign,
            )),
        );
        return false;
    }
    match (&x.refutes, computed.value == expected.value) {
        (None, false) => {
            ctx.error(
                Code::Example,
                &join_key(&at, "value"),
                "does not reproduce: the recipe gives another value",
                Some(first_difference(&expected.value, &computed.value)),
            );
            false
        }
        (Some(_), true) => {
            ctx.error(
                Code::Example,
                &join_key(&at, "value"),
                "the example `refutes` this value, yet the recipe gives it",
                Some("remove `refutes`: the value is right".into()),
            );
            false
        }
        _ => true,
    }
}

fn check_one(
    ctx: &mut Ctx,
    at: &str,
    platform: &Platform,
    endpoint: &Endpoint,
    example: &spec::Example,
) -> Option<Example> {
    let problems_before = ctx.count();
    check_snake(ctx, &join_key(at, "name"), "example name", &example.name);
    let environment = match &example.environment {
        Some(env) if platform.environments.iter().all(|e| &e.name != env) => {
            ctx.error(
                Code::UnknownName,
                &join_key(at, "environment"),
                format!("'{env}' is not an environment"),
                did_you_mean(env, platform.environments.iter().map(|e| e.name.as_str())),
            );
            return None;
        }
        Some(env) => env.clone(),
        None => platform.environments.first()?.name.clone(),
    };
    let path = example
        .path
        .clone()
        .or_else(|| endpoint.path_in(&environment).map(str::to_owned))
        .unwrap_or_default();
    let mut credentials = Vec::new();
    for (name, value) in &example.credentials {
        if platform.credential(name).is_none() {
            ctx.error(
                Code::UnknownName,
                &join_key(&join_key(at, "credentials"), name),
                format!("'{name}' is not a credential"),
                did_you_mean(name, platform.credentials.iter().map(|c| c.name.as_str())),
            );
        }
        credentials.push((name.clone(), value.clone()));
    }
    let given = match given_body(ctx, at, endpoint, example) {
        Ok(given) => given,
        Err(()) => return None,
    };
    let mut request = given.clone().map(|(_, fields)| fields).unwrap_or_default();
    for (wire, value) in &example.request {
        let value_at = join_key(&join_key(at, "request"), wire);
        let Some(field) = endpoint.request_field(wire) else {
            ctx.error(
                Code::UnknownName,
                &value_at,
                format!(
                    "'{wire}' is not a request field of endpoint '{}'",
                    endpoint.name
                ),
                did_you_mean(wire, endpoint.request.iter().map(|f| f.wire.as_str())),
            );
            continue;
        };
        match wire_text(field.ty, field.json_string, value) {
            Ok(text) => request.push((wire.clone(), text)),
            Err(problem) => ctx.error(Code::WrongType, &value_at, problem, None),
        }
    }
    if ctx.count() > problems_before {
        return None;
    }
    let body = match &given {
        Some((raw, _)) => raw.clone(),
        None => crate::body::request_body(platform, endpoint, &request, &credentials),
    };
    let inputs = Inputs {
        fields: &request,
        credentials: &credentials,
        path: &path,
        body: &body,
    };
    let expected = |name: &str| example.expect.get(name).map(|e| e.value.clone());
    let computed = match eval::reproduce(endpoint, &inputs, &expected) {
        Ok(c) => c,
        Err(e) => {
            ctx.error(
                Code::Example,
                at,
                format!("the example cannot be signed: {e}"),
                None,
            );
            return None;
        }
    };
    let mut expect = Vec::new();
    for (name, expected) in &example.expect {
        let expect_at = join_key(&join_key(at, "expect"), name);
        let Some(recipe) = endpoint.signatures.iter().find(|s| &s.name == name) else {
            ctx.error(
                Code::UnknownName,
                &expect_at,
                format!("endpoint '{}' has no signature '{name}'", endpoint.name),
                did_you_mean(name, endpoint.signatures.iter().map(|s| s.name.as_str())),
            );
            continue;
        };
        let Some(got) = computed.iter().find(|c| &c.signature == name) else {
            ctx.error(
                Code::Example,
                &expect_at,
                format!(
                    "'{name}' is not computed: it needs credential(s) {}",
                    recipe.requires.join(", ")
                ),
                None,
            );
            continue;
        };
        if got.string_to_sign != expected.string_to_sign {
            ctx.error(
                Code::Example,
                &join_key(&expect_at, "string_to_sign"),
                "does not reproduce: the recipe gives another string to sign",
                Some(first_difference(
                    &expected.string_to_sign,
                    &got.string_to_sign,
                )),
            );
        } else if got.value != expected.value {
            ctx.error(
                Code::Example,
                &join_key(&expect_at, "value"),
                "does not reproduce: the recipe gives another value",
                Some(first_difference(&expected.value, &got.value)),
            );
        }
        expect.push(ExpectedSignature {
            signature: name.clone(),
            string_to_sign: got.string_to_sign.clone(),
            value: got.value.clone(),
        });
    }
    // An example that leaves out a signature the endpoint computes would let that one drift.
    let missing: Vec<&str> = computed
        .iter()
        .map(|c| c.signature.as_str())
        .filter(|name| !example.expect.contains_key(*name))
        .collect();
    if !missing.is_empty() {
        let plural = if missing.len() == 1 { "" } else { "s" };
        ctx.error(
            Code::Example,
            &join_key(at, "expect"),
            format!(
                "the example leaves out signature{plural} {} that the endpoint computes",
                crate::diagnostics::list_names(&missing, 5)
            ),
            Some(format!(
                "add `{}: {{ string_to_sign: ..., value: ... }}` under `expect`",
                missing[0]
            )),
        );
    }
    // Keep the endpoint's computation order, whatever order the spec listed them in.
    expect.sort_by_key(|e| {
        endpoint
            .signatures
            .iter()
            .position(|s| s.name == e.signature)
    });
    Some(Example {
        name: example.name.clone(),
        source: example.source.clone(),
        environment,
        path,
        credentials,
        request,
        body: given.map(|(raw, _)| raw),
        expect,
    })
}

/// An example's raw `body` and the fields read from it (a generic vector may carry members the
/// endpoint does not declare); `None` when it gives `request`
/// instead. `Err` when the body cannot be used (reported).
#[allow(clippy::type_complexity)]
fn given_body(
    ctx: &mut Ctx,
    at: &str,
    endpoint: &Endpoint,
    example: &spec::Example,
) -> Result<Option<(String, Vec<(String, String)>)>, ()> {
    let Some(raw) = &example.body else {
        return Ok(None);
    };
    let body_at = join_key(at, "body");
    if !endpoint.signs_body() {
        ctx.error(
            Code::NotApplicable,
            &body_at,
            format!(
                "endpoint '{}' signs no `{{body}}`, so an example body would not be signed",
                endpoint.name
            ),
            Some("give the values under `request`".into()),
        );
        return Err(());
    }
    if !example.request.is_empty() {
        ctx.error(
            Code::Conflict,
            &join_key(at, "request"),
            "give either `request` or `body`: the body already carries the request values",
            None,
        );
        return Err(());
    }
    let fields = match crate::body::body_fields(endpoint, raw) {
        Ok(fields) => fields,
        Err(problem) => {
            ctx.error(Code::Example, &body_at, problem, None);
            return Err(());
        }
    };
    // Members the endpoint does not declare are only bytes of the body: signed, never read.
    Ok(Some((raw.clone(), fields)))
}

/// The wire text of an example value, checked against the field's type.
fn wire_text(
    ty: FieldType,
    json_string: bool,
    value: &serde_yaml::Value,
) -> Result<String, String> {
    use serde_yaml::Value as V;
    match (ty, value) {
        (_, V::Mapping(_) | V::Sequence(_) | V::Tagged(_)) => {
            Err("example values are scalars".into())
        }
        (_, V::Null) => {
            Err("an example value may not be empty; leave the field out instead".into())
        }
        (FieldType::Int, V::Number(n)) if n.is_i64() => Ok(n.to_string()),
        (FieldType::Int, V::String(s)) if s.parse::<i64>().is_ok() => Ok(s.clone()),
        (FieldType::Int, other) => Err(format!("'{}' is not an int", scalar_text(other))),
        (FieldType::Bool, V::Bool(b)) => Ok(b.to_string()),
        (FieldType::Bool, other) => Err(format!("'{}' is not a bool", scalar_text(other))),
        (FieldType::Decimal, V::String(s)) => Ok(s.clone()),
        (FieldType::Decimal, other) => Err(format!(
            "write decimal '{}' as a quoted string so its exact text is kept",
            scalar_text(other)
        )),
        (FieldType::Object, V::String(s)) if json_string => Ok(s.clone()),
        (FieldType::Object, _) if json_string => {
            Err("write the JSON document as a quoted string, exactly as received".into())
        }
        (FieldType::Object, _) => Err("object fields cannot have example values".into()),
        (FieldType::String, V::Number(n)) if !n.is_f64() => Ok(n.to_string()),
        (FieldType::String, V::String(s)) => Ok(s.clone()),
        (FieldType::String, other) => Err(format!(
            "write '{}' as a quoted string so its exact text is kept",
            scalar_text(other)
        )),
    }
}

/// Both strings aligned, with a caret under the first byte where they differ.
pub(crate) fn first_difference(expected: &str, got: &str) -> String {
    let at = expected
        .bytes()
        .zip(got.bytes())
        .position(|(a, b)| a != b)
        .unwrap_or(expected.len().min(got.len()));
    // Show a window around the difference so that long strings stay readable.
    let start = at.saturating_sub(30);
    let window = |s: &str| {
        let bytes = &s.as_bytes()[start.min(s.len())..s.len().min(at + 30)];
        String::from_utf8_lossy(bytes).escape_debug().to_string()
    };
    let prefix = if start > 0 { "…" } else { "" };
    let caret = " ".repeat(
        String::from_utf8_lossy(&expected.as_bytes()[start..at.min(expected.len())])
            .escape_debug()
            .count()
            + prefix.chars().count(),
    );
    format!(
        "first difference at byte {at}:\n  expected: {prefix}{}\n       got: {prefix}{}\n           {caret}^",
        window(expected),
        window(got)
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn first_difference_aligns_both_strings() {
        let shown = super::first_difference("a=1&b=2", "a=1&b=3");
        assert_eq!(
            shown,
            "first difference at byte 6:\n  expected: a=1&b=2\n       got: a=1&b=3\n                 ^"
        );
    }
}
