//! Platform-wide parts: environments, credentials, error codes, and the checks that need
//! every endpoint (shared error codes, credential issuers).

use std::collections::HashMap;

use indexmap::IndexMap;

use super::{Ctx, check_snake};
use crate::diagnostics::{Code, did_you_mean};
use crate::lenient::Lenient;
use crate::locate::join_key;
use crate::model::{self, Platform};
use crate::spec::{self, EndpointKind, FieldType, Spec};

/// Environments, in declared order.
pub(crate) fn environments(ctx: &mut Ctx, spec: &Spec) -> Vec<model::Environment> {
    if spec.environments.is_empty() {
        ctx.error(
            Code::MissingKey,
            "environments",
            "at least one environment is needed",
            None,
        );
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
                Code::Invalid,
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
                issued_by: c.issued_by.clone(),
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
                Code::Collision,
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
                Code::Collision,
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
                Code::NotApplicable,
                &join_key(&at, "field"),
                "`field` goes with `when: bad_parameter`",
                None,
            );
        }
        if error.signature.is_some() && !error.when.contains(&spec::ErrorWhen::BadSignature) {
            ctx.error(
                Code::NotApplicable,
                &join_key(&at, "signature"),
                "`signature` goes with `when: bad_signature`",
                None,
            );
        }
        if error.retry && error.when.contains(&spec::ErrorWhen::AlreadyApplied) {
            ctx.error(
                Code::Conflict,
                &join_key(&at, "retry"),
                "a code that means `already_applied` is a success, not something to retry",
                Some("remove `retry: true`".into()),
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

/// Checks that need the whole platform.
pub(crate) fn check_platform(ctx: &mut Ctx, spec: &Spec, platform: &Platform) {
    let calls = platform
        .endpoints
        .iter()
        .any(|e| e.kind() == EndpointKind::Call);
    if calls && platform.envelope.is_none() {
        ctx.error(
            Code::MissingKey,
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
                    Code::Collision,
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
    // One pass with a map: specs with thousands of endpoints stay linear.
    let mut types: HashMap<String, &str> = HashMap::new();
    for name in spec.endpoints.keys() {
        let camel = heck::ToUpperCamelCase::to_upper_camel_case(name.as_str());
        if let Some(first) = types.get(&camel) {
            let label = ctx.label(&join_key("endpoints", first), "the other one");
            ctx.error_with_label(
                Code::Collision,
                &join_key("endpoints", name),
                format!("endpoints `{first}` and `{name}` both become `{camel}` in generated code"),
                Some("rename one of them".into()),
                label,
            );
        } else {
            types.insert(camel, name);
        }
    }
    error_references(ctx, spec, platform);
}

/// An error's `signature` must name a recipe, and its `field` a request field.
fn error_references(ctx: &mut Ctx, spec: &Spec, platform: &Platform) {
    let recipes: Vec<&str> = spec.signatures.keys().map(String::as_str).collect();
    let all_fields: Vec<&str> = platform
        .endpoints
        .iter()
        .flat_map(|e| e.request.iter().map(|f| f.wire.as_str()))
        .collect();
    let check = |ctx: &mut Ctx, at: String, error: &model::ErrorCode, fields: &[&str]| {
        if let Some(sig) = &error.signature
            && !recipes.contains(&sig.as_str())
        {
            ctx.error(
                Code::UnknownName,
                &join_key(&at, "signature"),
                format!("`{sig}` is not a signature"),
                did_you_mean(sig, recipes.iter().copied()),
            );
        }
        if let Some(field) = &error.field
            && !fields.contains(&field.as_str())
        {
            ctx.error(
                Code::UnknownName,
                &join_key(&at, "field"),
                format!("`{field}` is not a request field"),
                did_you_mean(field, fields.iter().copied()),
            );
        }
    };
    for error in &platform.errors {
        check(
            ctx,
            join_key("errors", &error.code.to_string()),
            error,
            &all_fields,
        );
    }
    for endpoint in &platform.endpoints {
        let fields: Vec<&str> = endpoint.request.iter().map(|f| f.wire.as_str()).collect();
        let at = join_key(&join_key("endpoints", &endpoint.name), "errors");
        for error in &endpoint.errors {
            check(ctx, join_key(&at, &error.code.to_string()), error, &fields);
        }
    }
}

/// An issuing endpoint must be a call endpoint answering the named response fields.
fn check_issuer(ctx: &mut Ctx, platform: &Platform, credential: &str, issued: &model::IssuedBy) {
    let at = join_key(&join_key("credentials", credential), "issued_by");
    let Some(endpoint) = platform
        .endpoint(&issued.endpoint)
        .filter(|e| e.kind() == EndpointKind::Call)
    else {
        let calls = platform
            .endpoints
            .iter()
            .filter(|e| e.kind() == EndpointKind::Call);
        ctx.error(
            Code::UnknownName,
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
                Code::Invalid,
                &join_key(&at, key),
                format!("response field '{name}' must be {ty:?}").to_lowercase(),
                None,
            ),
            None => ctx.error(
                Code::UnknownName,
                &join_key(&at, key),
                format!("'{name}' is not a response field of '{}'", endpoint.name),
                did_you_mean(name, endpoint.response.iter().map(|f| f.wire.as_str())),
            ),
        }
    }
}
