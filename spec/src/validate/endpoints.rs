//! Endpoints: fields, credentials sent, the kind's own part (its keys checked in `kinds`),
//! signatures, and the rules between them.

use super::recipes::{self, ParsedRecipes};
use super::{Ctx, check_snake};
use crate::diagnostics::{Code, did_you_mean};

use crate::locate::{join_index, join_key};
use crate::model::{self, Endpoint, Platform, Shape};
use crate::spec::{self, Encoding, EndpointKind, FieldType, Method};

/// One endpoint, checked against the platform built so far.
pub(crate) fn endpoint(
    ctx: &mut Ctx,
    platform: &Platform,
    recipes: &ParsedRecipes,
    common: &[model::Field],
    name: &str,
    spec: &spec::Endpoint,
) -> Endpoint {
    let at = join_key("endpoints", name);
    check_snake(ctx, &at, "endpoint", name);
    let kind = spec.kind;
    let method = super::kinds::method(ctx, &at, spec);
    let paths = super::kinds::paths(ctx, &at, platform, spec);
    let encoding = spec.encoding.unwrap_or(match method {
        Some(Method::Post) => Encoding::Json,
        _ => Encoding::Query,
    });
    if spec.encoding.is_some() && kind == EndpointKind::Frontend {
        ctx.error(
            Code::NotApplicable,
            &join_key(&at, "encoding"),
            "frontend payloads have no encoding",
            None,
        );
    }
    let own = super::fields::fields(ctx, &join_key(&at, "request"), &spec.request);
    let mut request = Vec::new();
    if kind == EndpointKind::Call && spec.common {
        request.extend(common.iter().cloned());
    }
    for field in own {
        let here = join_key(&join_key(&at, "request"), &field.wire);
        if let Some(common) = request
            .iter()
            .find(|f: &&model::Field| f.rust == field.rust)
        {
            let label = ctx.label(
                &join_key("common_request", &common.wire),
                "the common field",
            );
            let message = if common.wire == field.wire {
                format!("field `{}` is already a common_request field", field.wire)
            } else {
                format!(
                    "field `{}` and common_request field `{}` both become `{}` in generated code",
                    field.wire, common.wire, field.rust
                )
            };
            ctx.error_with_label(
                Code::Collision,
                &here,
                message,
                Some("remove or rename it here, or set `common: false` on the endpoint".into()),
                label,
            );
        } else {
            request.push(field);
        }
    }
    let response = super::fields::fields(ctx, &join_key(&at, "response"), &spec.response);
    let errors = super::platform::error_codes(
        ctx,
        &join_key(&at, "errors"),
        &spec.errors,
        &platform.errors,
    );
    let idempotency_key = field_ref(
        ctx,
        &join_key(&at, "idempotency_key"),
        &request,
        &spec.idempotency_key,
    );
    let timestamp_field = field_ref(
        ctx,
        &join_key(&at, "timestamp_field"),
        &request,
        &spec.timestamp_field,
    );
    let dedup_key: Vec<String> = spec
        .dedup_key
        .iter()
        .enumerate()
        .filter_map(|(i, f)| {
            let at = join_index(&join_key(&at, "dedup_key"), i);
            field_ref(ctx, &at, &request, &Some(f.clone()))
        })
        .collect();
    if let Some(ts) = timestamp_field
        .as_deref()
        .and_then(|w| request.iter().find(|f| f.wire == w))
        && ts.ty != FieldType::Int
    {
        ctx.error(
            Code::Invalid,
            &join_key(&at, "timestamp_field"),
            "the timestamp field must be an int",
            None,
        );
    }
    if spec.timestamp_max_age.is_some() && spec.timestamp_field.is_none() {
        ctx.error(
            Code::MissingKey,
            &join_key(&at, "timestamp_max_age"),
            "`timestamp_max_age` needs a `timestamp_field`",
            None,
        );
    }
    super::kinds::kind_rules(ctx, &at, spec);
    let mut results: Vec<model::ResultCode> = Vec::new();
    for (code, r) in &spec.results {
        let result_at = join_key(&join_key(&at, "results"), &code.to_string());
        let Some(r) = ctx.item(&result_at, r) else {
            continue;
        };
        let name_at = join_key(&result_at, "name");
        check_snake(ctx, &name_at, "result name", &r.name);
        if let Some(other) = results.iter().find(|o| o.name == r.name) {
            let label = ctx.label(
                &join_key(
                    &join_key(&join_key(&at, "results"), &other.code.to_string()),
                    "name",
                ),
                "first used here",
            );
            ctx.error_with_label(
                Code::Collision,
                &name_at,
                format!(
                    "result name `{}` is used by code {} too",
                    r.name, other.code
                ),
                Some("give each result its own name".into()),
                label,
            );
            continue;
        }
        results.push(super::page::result_code(ctx, &result_at, *code, r));
    }
    let sends = sends(ctx, &at, platform, spec);
    super::callbacks::json_strings(ctx, &at, kind, &request, &response);
    let reply = spec
        .reply
        .as_ref()
        .map(|r| super::callbacks::reply(ctx, &join_key(&at, "reply"), r));
    let query_constants = super::kinds::query_constants(ctx, &at, spec);
    // A missing method is reported above, so the platform is rejected whatever stands here.
    let method = method.unwrap_or(Method::Get);
    let shape = match kind {
        EndpointKind::Call => Shape::Call(model::Call {
            method,
            paths,
            query_constants,
            idempotency_key,
            read_only: spec.read_only,
            cloud_call: None,
        }),
        EndpointKind::Callback => Shape::Callback(model::Callback {
            method,
            reply,
            dedup_key,
            timestamp: timestamp_field.map(|field| model::Timestamp {
                field,
                max_age: spec.timestamp_max_age,
            }),
            decrypt: None,
        }),
        EndpointKind::Frontend => Shape::Frontend(model::Frontend {
            sdk_function: spec.sdk_function.clone(),
            results,
            sdk_callback: false,
            notify: None,
        }),
    };
    let mut endpoint = Endpoint {
        name: name.to_owned(),
        shape,
        title: spec.title.clone(),
        doc: spec.doc.clone(),
        encoding,
        sends,
        request,
        response,
        errors,
        omit_empty: false,
        signatures: Vec::new(),
        examples: Vec::new(),
    };
    super::page::endpoint_parts(ctx, &at, platform, spec, &mut endpoint);
    endpoint.signatures = recipes::compile_for(ctx, platform, recipes, &endpoint, &at, &spec.sign);
    super::push::check(ctx, &at, platform, spec, &mut endpoint);
    // Whether empty optional values are sent follows the signatures; if they disagreed, one
    // of them would sign what is not sent (or the reverse).
    let modes: Vec<bool> = endpoint
        .signatures
        .iter()
        .flat_map(|s| &s.message.parts)
        .filter_map(|part| match part {
            model::Part::Params { list, .. } if list.items.iter().any(is_field) => {
                Some(list.skip_empty)
            }
            _ => None,
        })
        .collect();
    if modes.windows(2).any(|pair| pair[0] != pair[1]) {
        ctx.error(
            Code::Conflict,
            &join_key(&at, "sign"),
            "these signatures disagree on `skip_empty`, so what is sent would differ from what one of them signs",
            Some("give every recipe of this endpoint the same `skip_empty`".into()),
        );
    }
    endpoint.omit_empty = modes.first().copied().unwrap_or(false);
    body_signatures_in_query(ctx, &endpoint);
    warnings(ctx, &at, &endpoint, spec);
    endpoint
}

/// A call whose body is signed sends its signatures in the query: one written into the body
/// would change the bytes another one signed.
fn body_signatures_in_query(ctx: &mut Ctx, endpoint: &Endpoint) {
    if endpoint.kind() != EndpointKind::Call || !endpoint.signs_body() {
        return;
    }
    for recipe in &endpoint.signatures {
        if recipe.travels_in == model::Location::Body {
            ctx.error(
                Code::Conflict,
                &join_key(&join_key("signatures", &recipe.name), "in"),
                format!(
                    "signature `{}` would travel in the body of `{}`, whose raw body is signed",
                    recipe.name, endpoint.name
                ),
                Some("set `in: query`: the signed body must be the body sent".into()),
            );
        }
    }
}

/// Legal but probably wrong: shown, never failing.
fn warnings(ctx: &mut Ctx, at: &str, endpoint: &Endpoint, spec: &spec::Endpoint) {
    if endpoint.kind() == EndpointKind::Callback && spec.sign.is_empty() {
        ctx.warning(
            Code::NoSignature,
            at,
            "this callback has no signature: anyone can send it",
            Some("list the platform's signature under `sign`".into()),
        );
    }
    let Some(call) = endpoint.call() else {
        return;
    };
    if !call.retry_safe() {
        ctx.warning(
            Code::UnsafeRetry,
            at,
            "this call may change state, but has neither `read_only: true` nor an `idempotency_key`, so a retry may repeat it",
            Some("mark it `read_only: true`, or name the field that makes a retry safe in `idempotency_key`".into()),
        );
    }
    if let Some(key) = &call.idempotency_key
        && endpoint.request_field(key).is_some_and(|f| !f.required)
    {
        ctx.warning(
            Code::OptionalIdempotencyKey,
            &join_key(at, "idempotency_key"),
            format!("idempotency key `{key}` is optional: a call without it is not safe to retry"),
            Some(format!("mark `{key}` `required: true`")),
        );
    }
}

/// The credentials an endpoint sends: the explicit list, or every credential that travels.
fn sends(ctx: &mut Ctx, at: &str, platform: &Platform, spec: &spec::Endpoint) -> Vec<String> {
    let travelling = || {
        platform
            .credentials
            .iter()
            .filter(|c| c.travels_in.is_some())
    };
    let Some(list) = &spec.send_credentials else {
        return if spec.kind == EndpointKind::Call {
            travelling().map(|c| c.name.clone()).collect()
        } else {
            Vec::new()
        };
    };
    if spec.kind != EndpointKind::Call {
        ctx.error(
            Code::NotApplicable,
            &join_key(at, "send_credentials"),
            "only call endpoints send credentials",
            None,
        );
    }
    for (i, name) in list.iter().enumerate() {
        if !travelling().any(|c| &c.name == name) {
            ctx.error(
                Code::UnknownName,
                &join_index(&join_key(at, "send_credentials"), i),
                format!("'{name}' is not a credential with `in`"),
                did_you_mean(name, travelling().map(|c| c.name.as_str())),
            );
        }
    }
    list.clone()
}

/// Resolves a reference to a request field by wire name.
fn field_ref(
    ctx: &mut Ctx,
    at: &str,
    request: &[model::Field],
    name: &Option<String>,
) -> Option<String> {
    let name = name.as_ref()?;
    if request.iter().any(|f| &f.wire == name) {
        return Some(name.clone());
    }
    ctx.error(
        Code::UnknownName,
        at,
        format!("'{name}' is not a request field"),
        did_you_mean(name, request.iter().map(|f| f.wire.as_str())),
    );
    None
}

/// A parameter taken from a request field.
fn is_field(param: &model::Param) -> bool {
    matches!(
        &param.value,
        model::ParamValue::Source(model::Source::Field(_))
    )
}
