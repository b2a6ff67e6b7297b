//! Environments, credentials, error codes and endpoints.

use indexmap::IndexMap;

use super::recipes::{self, ParsedRecipes};
use super::{Ctx, check_snake};
use crate::diagnostics::did_you_mean;
use crate::lenient::Lenient;
use crate::locate::{join_index, join_key};
use crate::model::{self, Endpoint, EnvironmentPath, Platform};
use crate::spec::{self, Encoding, EndpointKind, FieldType, Method, PathSpec, Spec};

/// Environments, in declared order.
pub(crate) fn environments(ctx: &mut Ctx, spec: &Spec) -> Vec<model::Environment> {
    if spec.environments.is_empty() {
        ctx.error("environments", "at least one environment is needed", None);
    }
    let mut out = Vec::new();
    for (name, env) in &spec.environments {
        let at = join_key("environments", name);
        check_snake(ctx, &at, "environment", name);
        let Some(env) = ctx.item(&at, env) else {
            continue;
        };
        let url = &env.base_url;
        if !(url.starts_with("https://") || url.starts_with("http://")) || url.ends_with('/') {
            ctx.error(
                &join_key(&at, "base_url"),
                format!("base_url '{url}' must be http(s)://host without a trailing '/'"),
                None,
            );
        }
        out.push(model::Environment {
            name: name.clone(),
            base_url: url.clone(),
            doc: env.doc.clone(),
        });
    }
    out
}

/// Credentials, in declared order.
pub(crate) fn credentials(ctx: &mut Ctx, spec: &Spec) -> Vec<model::Credential> {
    let mut out = Vec::new();
    for (name, credential) in &spec.credentials {
        let at = join_key("credentials", name);
        check_snake(ctx, &at, "credential", name);
        if let Some(c) = ctx.item(&at, credential) {
            out.push(model::Credential {
                name: name.clone(),
                secret: c.secret,
                per_user: c.per_user,
                optional: c.optional,
                travels_in: c.travels_in,
                issued_by: c.issued_by.as_ref().map(|i| model::IssuedBy {
                    endpoint: i.endpoint.clone(),
                    value: i.value.clone(),
                    expires_in: i.expires_in.clone(),
                }),
                doc: c.doc.clone(),
            });
        }
    }
    out
}

/// Error codes at `path`; `platform_wide` are the codes already defined for the platform.
pub(crate) fn error_codes(
    ctx: &mut Ctx,
    path: &str,
    map: &IndexMap<i64, Lenient<spec::ErrorCode>>,
    platform_wide: &[model::ErrorCode],
) -> Vec<model::ErrorCode> {
    let mut out: Vec<model::ErrorCode> = Vec::new();
    for (code, error) in map {
        let at = join_key(path, &code.to_string());
        let Some(error) = ctx.item(&at, error) else {
            continue;
        };
        check_snake(ctx, &join_key(&at, "name"), "error name", &error.name);
        if platform_wide.iter().any(|e| e.code == *code) {
            ctx.error(
                &at,
                format!("error code {code} is already defined in the platform-wide `errors`"),
                Some("define it in one place".into()),
            );
        }
        if let Some(other) = out
            .iter()
            .chain(platform_wide)
            .find(|e| e.name == error.name)
        {
            ctx.error(
                &join_key(&at, "name"),
                format!(
                    "error name '{}' is already used by code {}",
                    error.name, other.code
                ),
                None,
            );
        }
        if error.field.is_some() && !error.when.contains(&spec::ErrorWhen::BadParameter) {
            ctx.error(
                &join_key(&at, "field"),
                "`field` goes with `when: bad_parameter`",
                None,
            );
        }
        if error.signature.is_some() && !error.when.contains(&spec::ErrorWhen::BadSignature) {
            ctx.error(
                &join_key(&at, "signature"),
                "`signature` goes with `when: bad_signature`",
                None,
            );
        }
        out.push(model::ErrorCode {
            code: *code,
            name: error.name.clone(),
            doc: error.doc.clone(),
            retry: error.retry,
            when: error.when.clone(),
            field: error.field.clone(),
            signature: error.signature.clone(),
        });
    }
    out
}

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
    let method = method(ctx, &at, spec);
    let paths = paths(ctx, &at, platform, spec);
    let encoding = spec.encoding.unwrap_or(match method {
        Some(Method::Post) => Encoding::Json,
        _ => Encoding::Query,
    });
    if spec.encoding.is_some() && kind == EndpointKind::Frontend {
        ctx.error(
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
        if request.iter().any(|f: &model::Field| f.wire == field.wire) {
            ctx.error(
                &join_key(&join_key(&at, "request"), &field.wire),
                format!("field '{}' is already a common_request field", field.wire),
                Some("remove it here, or set `common: false` on the endpoint".into()),
            );
        } else {
            request.push(field);
        }
    }
    let response = super::fields::fields(ctx, &join_key(&at, "response"), &spec.response);
    let errors = error_codes(
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
    {
        if ts.ty != FieldType::Int {
            ctx.error(
                &join_key(&at, "timestamp_field"),
                "the timestamp field must be an int",
                None,
            );
        }
    }
    kind_rules(ctx, &at, spec);
    let results = spec
        .results
        .iter()
        .filter_map(|(code, r)| {
            let r = ctx.item(&join_key(&join_key(&at, "results"), &code.to_string()), r)?;
            check_snake(ctx, &join_key(&at, "results"), "result name", &r.name);
            Some(model::ResultCode {
                code: *code,
                name: r.name.clone(),
                doc: r.doc.clone(),
            })
        })
        .collect();
    let sends = sends(ctx, &at, platform, spec);
    let mut endpoint = Endpoint {
        name: name.to_owned(),
        kind,
        title: spec.title.clone(),
        doc: spec.doc.clone(),
        method,
        paths,
        encoding,
        sends,
        request,
        response,
        errors,
        idempotency_key,
        read_only: spec.read_only,
        omit_empty: false,
        signatures: Vec::new(),
        reply: spec.reply.as_ref().map(|r| model::Reply {
            content_type: r.content_type.clone(),
            success: r.success.clone(),
            failure: r.failure.clone(),
            doc: r.doc.clone(),
        }),
        dedup_key,
        timestamp_field,
        sdk_function: spec.sdk_function.clone(),
        results,
        examples: Vec::new(),
    };
    endpoint.signatures = recipes::compile_for(ctx, platform, recipes, &endpoint, &at, &spec.sign);
    endpoint.omit_empty = endpoint.signatures.iter().any(|s| {
        s.message
            .parts
            .iter()
            .any(|p| matches!(p, model::Part::Params { list, .. } if list.skip_empty))
    });
    endpoint
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
            &join_key(at, "send_credentials"),
            "only call endpoints send credentials",
            None,
        );
    }
    for (i, name) in list.iter().enumerate() {
        if !travelling().any(|c| &c.name == name) {
            ctx.error(
                &join_index(&join_key(at, "send_credentials"), i),
                format!("'{name}' is not a credential with `in`"),
                did_you_mean(name, travelling().map(|c| c.name.as_str())),
            );
        }
    }
    list.clone()
}

fn method(ctx: &mut Ctx, at: &str, spec: &spec::Endpoint) -> Option<Method> {
    match (spec.kind, spec.method) {
        (EndpointKind::Frontend, Some(_)) => {
            ctx.error(
                &join_key(at, "method"),
                "frontend payloads have no HTTP method",
                None,
            );
            None
        }
        (EndpointKind::Call | EndpointKind::Callback, None) => {
            ctx.error(
                at,
                format!("a {:?} endpoint needs `method`", spec.kind).to_lowercase(),
                None,
            );
            None
        }
        (_, m) => m,
    }
}

fn paths(
    ctx: &mut Ctx,
    at: &str,
    platform: &Platform,
    spec: &spec::Endpoint,
) -> Vec<EnvironmentPath> {
    let path_at = join_key(at, "path");
    let Some(path) = &spec.path else {
        if spec.kind == EndpointKind::Call {
            ctx.error(at, "a call endpoint needs `path`", None);
        }
        return Vec::new();
    };
    if spec.kind != EndpointKind::Call {
        ctx.error(
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
                    None => ctx.error(&path_at, format!("no path for environment '{env}'"), None),
                }
            }
        }
    }
    for p in &out {
        if !p.path.starts_with('/') {
            ctx.error(
                &path_at,
                format!("path '{}' must start with '/'", p.path),
                None,
            );
        }
    }
    out
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
        at,
        format!("'{name}' is not a request field"),
        did_you_mean(name, request.iter().map(|f| f.wire.as_str())),
    );
    None
}

/// Keys that only make sense for some kinds of endpoint.
fn kind_rules(ctx: &mut Ctx, at: &str, spec: &spec::Endpoint) {
    let kind = spec.kind;
    let only = |ctx: &mut Ctx, key: &str, present: bool, wanted: EndpointKind| {
        if present && kind != wanted {
            ctx.error(
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

/// Checks that need the whole platform.
pub(crate) fn check_platform(ctx: &mut Ctx, spec: &Spec, platform: &Platform) {
    let calls = platform
        .endpoints
        .iter()
        .any(|e| e.kind == EndpointKind::Call);
    if calls && platform.envelope.is_none() {
        ctx.error(
            "envelope",
            "a platform with call endpoints needs an `envelope`",
            None,
        );
    }
    for credential in &platform.credentials {
        if let Some(issued) = &credential.issued_by {
            check_issuer(ctx, platform, &credential.name, issued);
        }
    }
    // Codes shared by endpoints become one ErrorCode variant: their meaning must agree.
    let mut seen: Vec<(&model::ErrorCode, &str)> = Vec::new();
    for endpoint in &platform.endpoints {
        for error in &endpoint.errors {
            match seen.iter().find(|(e, _)| e.code == error.code) {
                Some((other, owner)) if other.name != error.name => ctx.error(
                    &join_key(
                        &join_key(&join_key("endpoints", &endpoint.name), "errors"),
                        &error.code.to_string(),
                    ),
                    format!(
                        "code {} is named '{}' here but '{}' in endpoint '{owner}'",
                        error.code, error.name, other.name
                    ),
                    Some("use one name, or move the code to the platform-wide `errors`".into()),
                ),
                Some(_) => {}
                None => seen.push((error, &endpoint.name)),
            }
        }
    }
    for (i, (name, _)) in spec.endpoints.iter().enumerate() {
        if spec.endpoints.keys().take(i).any(|k| {
            heck::ToUpperCamelCase::to_upper_camel_case(k.as_str())
                == heck::ToUpperCamelCase::to_upper_camel_case(name.as_str())
        }) {
            ctx.error(
                &join_key("endpoints", name),
                "two endpoints produce the same Rust type names",
                None,
            );
        }
    }
}

/// An issuing endpoint must be a call endpoint answering the named response fields.
fn check_issuer(ctx: &mut Ctx, platform: &Platform, credential: &str, issued: &model::IssuedBy) {
    let at = join_key(&join_key("credentials", credential), "issued_by");
    let Some(endpoint) = platform
        .endpoint(&issued.endpoint)
        .filter(|e| e.kind == EndpointKind::Call)
    else {
        let calls = platform
            .endpoints
            .iter()
            .filter(|e| e.kind == EndpointKind::Call);
        ctx.error(
            &join_key(&at, "endpoint"),
            format!("'{}' is not a call endpoint", issued.endpoint),
            did_you_mean(&issued.endpoint, calls.map(|e| e.name.as_str())),
        );
        return;
    };
    let wanted = [
        ("value", Some(&issued.value), FieldType::String),
        ("expires_in", issued.expires_in.as_ref(), FieldType::Int),
    ];
    for (key, name, ty) in wanted {
        let Some(name) = name else { continue };
        match endpoint.response.iter().find(|f| &f.wire == name) {
            Some(f) if f.ty == ty => {}
            Some(_) => ctx.error(
                &join_key(&at, key),
                format!("response field '{name}' must be {ty:?}").to_lowercase(),
                None,
            ),
            None => ctx.error(
                &join_key(&at, key),
                format!("'{name}' is not a response field of '{}'", endpoint.name),
                did_you_mean(name, endpoint.response.iter().map(|f| f.wire.as_str())),
            ),
        }
    }
}
