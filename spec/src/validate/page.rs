//! The page side of a platform: its JS SDK (`sdk`, frontend callbacks, result meanings,
//! `notify`) and the cloud-call form (`cloud`, `cloud_call`, `cloud_name`).

use super::Ctx;
use crate::diagnostics::{Code, did_you_mean};
use crate::locate::join_key;
use crate::model::{self, Endpoint, Platform, Shape};
use crate::spec::{self, EndpointKind, ErrorWhen, Method, PathSpec, Spec};

/// Situations a frontend result code can stand for: what the platform checks in a payload.
const RESULT_WHEN: [ErrorWhen; 3] = [
    ErrorWhen::BadParameter,
    ErrorWhen::BadSignature,
    ErrorWhen::ParameterCount,
];

/// The platform-level `sdk` and `cloud` sections (their references are checked later, by
/// [`check_page`], once every endpoint is known).
pub(crate) fn platform_parts(
    ctx: &mut Ctx,
    spec: &Spec,
) -> (Option<model::Sdk>, Option<model::Cloud>) {
    let sdk = spec.sdk.as_ref().and_then(|s| ctx.item("sdk", s)).map(|s| {
        if !s.script.starts_with('/') {
            ctx.error(
                Code::Invalid,
                "sdk.script",
                "the script path must start with '/'",
                None,
            );
        }
        s.clone()
    });
    let cloud = spec
        .cloud
        .as_ref()
        .and_then(|c| ctx.item("cloud", c))
        .cloned();
    (sdk, cloud)
}

/// One result code of a frontend endpoint.
pub(crate) fn result_code(
    ctx: &mut Ctx,
    at: &str,
    code: i64,
    r: &spec::ResultCode,
) -> model::ResultCode {
    for when in &r.when {
        if !RESULT_WHEN.contains(when) {
            ctx.error(
                Code::Invalid,
                &join_key(at, "when"),
                format!(
                    "a result code stands for bad_parameter, bad_signature or parameter_count, not {}",
                    when.name()
                ),
                None,
            );
        }
    }
    if r.ok && !r.when.is_empty() {
        ctx.error(
            Code::Invalid,
            at,
            "a result code is either `ok` or has `when`",
            None,
        );
    }
    model::ResultCode {
        code,
        name: r.name.clone(),
        doc: r.doc.clone(),
        ok: r.ok,
        when: r.when.clone(),
    }
}

/// The endpoint's own page-side keys: `callback`, `notify` (resolved later), `cloud_call`.
pub(crate) fn endpoint_parts(
    ctx: &mut Ctx,
    at: &str,
    platform: &Platform,
    spec: &spec::Endpoint,
    endpoint: &mut Endpoint,
) {
    let frontend = spec.kind == EndpointKind::Frontend;
    if !frontend && (spec.callback.is_some() || spec.notify.is_some()) {
        let key = if spec.callback.is_some() {
            "callback"
        } else {
            "notify"
        };
        ctx.error(
            Code::NotApplicable,
            &join_key(at, key),
            format!("`{key}` applies to frontend endpoints only"),
            None,
        );
    }
    if spec.callback == Some(false) && !spec.results.is_empty() {
        ctx.error(
            Code::Conflict,
            &join_key(at, "callback"),
            "an SDK function with result codes hands them to a callback",
            None,
        );
    }
    if let Shape::Frontend(page) = &mut endpoint.shape {
        page.sdk_callback = spec.callback.unwrap_or(!spec.results.is_empty());
        page.notify = spec.notify.clone();
        if page.results.iter().filter(|r| r.ok).count() > 1 {
            ctx.error(
                Code::Conflict,
                &join_key(at, "results"),
                "at most one result code is `ok`",
                None,
            );
        }
    }
    for (wire, field) in &spec.request {
        let named = field.ok().is_some_and(|f| f.cloud_name.is_some());
        if named && spec.cloud_call.is_none() {
            ctx.error(
                Code::NotApplicable,
                &join_key(&join_key(&join_key(at, "request"), wire), "cloud_name"),
                "`cloud_name` needs a `cloud_call` on the endpoint",
                None,
            );
        }
    }
    let Some(cloud) = &spec.cloud_call else {
        return;
    };
    let cat = join_key(at, "cloud_call");
    if spec.kind != EndpointKind::Call {
        ctx.error(
            Code::NotApplicable,
            &cat,
            "only call endpoints have a cloud-call form",
            None,
        );
    }
    let envs: Vec<&str> = platform
        .environments
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    let mut functions = Vec::new();
    match &cloud.function {
        PathSpec::Same(name) => {
            functions.extend(envs.iter().map(|e| ((*e).to_owned(), name.clone())));
        }
        PathSpec::PerEnvironment(map) => {
            for key in map.keys().filter(|k| !envs.contains(&k.as_str())) {
                ctx.error(
                    Code::UnknownName,
                    &join_key(&join_key(&cat, "function"), key),
                    format!("'{key}' is not an environment"),
                    did_you_mean(key, envs.iter().copied()),
                );
            }
            for env in &envs {
                match map.get(*env) {
                    Some(name) => functions.push(((*env).to_owned(), name.clone())),
                    None => ctx.error(
                        Code::MissingKey,
                        &join_key(&cat, "function"),
                        format!("no cloud function for environment '{env}'"),
                        None,
                    ),
                }
            }
        }
    }
    for (_, name) in &functions {
        let usable = !name.is_empty()
            && name.split('.').all(|part| {
                !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            });
        if !usable {
            ctx.error(
                Code::BadName,
                &join_key(&cat, "function"),
                format!("'{name}' is not a dotted JavaScript name"),
                None,
            );
        }
    }
    for name in cloud.signatures.keys() {
        if !spec.sign.contains(name) {
            ctx.error(
                Code::UnknownName,
                &join_key(&join_key(&cat, "signatures"), name),
                format!("'{name}' is not a signature of this endpoint"),
                did_you_mean(name, spec.sign.iter().map(String::as_str)),
            );
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    let names = endpoint
        .request
        .iter()
        .map(|f| f.cloud_name.as_deref().unwrap_or(&f.wire))
        .chain(cloud.signatures.values().map(String::as_str));
    for name in names {
        if seen.contains(&name) {
            ctx.error(
                Code::Collision,
                &cat,
                format!("two parameters are named '{name}' in the cloud call"),
                None,
            );
        }
        seen.push(name);
    }
    if let Shape::Call(call) = &mut endpoint.shape {
        call.cloud_call = Some(model::CloudCall {
            functions,
            signatures: cloud
                .signatures
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        });
    }
}

/// Checks that need every endpoint: `sdk.login`, `notify` targets, `cloud` present where used.
pub(crate) fn check_page(ctx: &mut Ctx, platform: &Platform) {
    let frontend = platform
        .endpoints
        .iter()
        .any(|e| e.kind() == EndpointKind::Frontend);
    if platform.sdk.is_some() && !frontend {
        ctx.error(
            Code::NotApplicable,
            "sdk",
            "`sdk` describes the SDK of frontend endpoints; there are none",
            None,
        );
    }
    if let Some(login) = platform.sdk.as_ref().and_then(|s| s.login.as_deref()) {
        check_opener(ctx, platform, "sdk.login", login, false);
    }
    for endpoint in &platform.endpoints {
        let at = join_key("endpoints", &endpoint.name);
        if let Some(notify) = endpoint.frontend().and_then(|f| f.notify.as_ref()) {
            check_opener(ctx, platform, &join_key(&at, "notify"), notify, true);
        }
        if endpoint.cloud_call().is_some() && platform.cloud.is_none() {
            ctx.error(
                Code::MissingKey,
                &join_key(&at, "cloud_call"),
                "a cloud call needs the platform's `cloud` section (errCode/errMsg names)",
                None,
            );
        }
    }
}

/// A reference to a callback endpoint: a login opener (GET, no reply) or a notify (any).
fn check_opener(ctx: &mut Ctx, platform: &Platform, at: &str, name: &str, notify: bool) {
    let callbacks = || {
        platform
            .endpoints
            .iter()
            .filter_map(|e| Some((e, e.callback()?)))
    };
    let Some((_, target)) = callbacks().find(|(e, _)| e.name == name) else {
        ctx.error(
            Code::UnknownName,
            at,
            format!("'{name}' is not a callback endpoint"),
            did_you_mean(name, callbacks().map(|(e, _)| e.name.as_str())),
        );
        return;
    };
    if !notify && (target.method != Method::Get || target.reply.is_some()) {
        ctx.error(
            Code::Invalid,
            at,
            format!("'{name}' opens the game page, so it must be a GET callback without `reply`"),
            None,
        );
    }
}
