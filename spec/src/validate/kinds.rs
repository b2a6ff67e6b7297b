//! Keys that only some kinds of endpoint have: where each is allowed, and the checks of a
//! call's method, paths and query constants.

use super::Ctx;
use crate::diagnostics::{Code, did_you_mean};
use crate::locate::join_key;
use crate::model::{EnvironmentPath, Platform};
use crate::spec::{self, EndpointKind, Method, PathSpec};

/// Fixed query parameters: call endpoints only, names not used by anything else sent.
pub(super) fn query_constants(
    ctx: &mut Ctx,
    at: &str,
    spec: &spec::Endpoint,
) -> Vec<(String, String)> {
    let here = join_key(at, "query_constants");
    if !spec.query_constants.is_empty() && spec.kind != EndpointKind::Call {
        ctx.error(
            Code::NotApplicable,
            &here,
            "only call endpoints send query constants",
            None,
        );
        return Vec::new();
    }
    let mut out = Vec::new();
    for (name, value) in &spec.query_constants {
        let item = join_key(&here, name);
        if spec.request.contains_key(name) || spec.sign.contains(name) {
            ctx.error(
                Code::Collision,
                &item,
                format!("`{name}` is already sent as a field or a signature"),
                Some("a query constant is a parameter of its own, with a fixed value".into()),
            );
        } else if value.is_empty() {
            ctx.error(
                Code::MissingKey,
                &item,
                "a query constant needs a value",
                None,
            );
        } else {
            out.push((name.clone(), value.clone()));
        }
    }
    out
}

/// The HTTP method: required of calls and callbacks, refused on frontend payloads.
pub(super) fn method(ctx: &mut Ctx, at: &str, spec: &spec::Endpoint) -> Option<Method> {
    match (spec.kind, spec.method) {
        (EndpointKind::Frontend, Some(_)) => {
            ctx.error(
                Code::NotApplicable,
                &join_key(at, "method"),
                "frontend payloads have no HTTP method",
                None,
            );
            None
        }
        (EndpointKind::Call | EndpointKind::Callback, None) => {
            ctx.error(
                Code::MissingKey,
                at,
                format!("a {:?} endpoint needs `method`", spec.kind).to_lowercase(),
                None,
            );
            None
        }
        (_, m) => m,
    }
}

pub(super) fn paths(
    ctx: &mut Ctx,
    at: &str,
    platform: &Platform,
    spec: &spec::Endpoint,
) -> Vec<EnvironmentPath> {
    let path_at = join_key(at, "path");
    let Some(path) = &spec.path else {
        if spec.kind == EndpointKind::Call {
            ctx.error(Code::MissingKey, at, "a call endpoint needs `path`", None);
        }
        return Vec::new();
    };
    if spec.kind != EndpointKind::Call {
        ctx.error(
            Code::NotApplicable,
            &path_at,
            "only call endpoints have a path (the game chooses its callback URL)",
            None,
        );
        return Vec::new();
    }
    let names: Vec<&str> = platform
        .environments
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    let mut out = Vec::new();
    match path {
        PathSpec::Same(p) => {
            for env in &names {
                out.push(EnvironmentPath {
                    environment: (*env).to_owned(),
                    path: p.clone(),
                });
            }
        }
        PathSpec::PerEnvironment(map) => {
            for key in map.keys() {
                if !names.contains(&key.as_str()) {
                    ctx.error(
                        Code::UnknownName,
                        &join_key(&path_at, key),
                        format!("'{key}' is not an environment"),
                        did_you_mean(key, names.iter().copied()),
                    );
                }
            }
            for env in &names {
                match map.get(*env) {
                    Some(p) => out.push(EnvironmentPath {
                        environment: (*env).to_owned(),
                        path: p.clone(),
                    }),
                    None => ctx.error(
                        Code::MissingKey,
                        &path_at,
                        format!("no path for environment '{env}'"),
                        None,
                    ),
                }
            }
        }
    }
    for p in &out {
        if !p.path.starts_with('/') {
            ctx.error(
                Code::Invalid,
                &path_at,
                format!("path '{}' must start with '/'", p.path),
                None,
            );
        }
    }
    out
}

/// Keys that only make sense for some kinds of endpoint.
pub(super) fn kind_rules(ctx: &mut Ctx, at: &str, spec: &spec::Endpoint) {
    let kind = spec.kind;
    let only = |ctx: &mut Ctx, key: &str, present: bool, wanted: EndpointKind| {
        if present && kind != wanted {
            ctx.error(
                Code::NotApplicable,
                &join_key(at, key),
                format!("`{key}` applies to {wanted:?} endpoints only").to_lowercase(),
                None,
            );
        }
    };
    only(ctx, "reply", spec.reply.is_some(), EndpointKind::Callback);
    only(
        ctx,
        "timestamp_field",
        spec.timestamp_field.is_some(),
        EndpointKind::Callback,
    );
    only(
        ctx,
        "sdk_function",
        spec.sdk_function.is_some(),
        EndpointKind::Frontend,
    );
    only(
        ctx,
        "results",
        !spec.results.is_empty(),
        EndpointKind::Frontend,
    );
    only(
        ctx,
        "response",
        !spec.response.is_empty(),
        EndpointKind::Call,
    );
    only(
        ctx,
        "idempotency_key",
        spec.idempotency_key.is_some(),
        EndpointKind::Call,
    );
    only(ctx, "read_only", spec.read_only, EndpointKind::Call);
    only(
        ctx,
        "dedup_key",
        !spec.dedup_key.is_empty(),
        EndpointKind::Callback,
    );
}
