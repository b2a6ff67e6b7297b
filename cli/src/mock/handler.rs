//! One `call` request, the way the platform would take it: faults, decoding, travelling
//! credentials, field constraints, signatures, token, then the platform's state.

use std::sync::Arc;
use std::time::Instant;

use axum::body::to_bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use gamechannel_codegen::eval::{Verdict, verify_request};
use gamechannel_codegen::model::{Endpoint, ErrorCode, ErrorWhen, FieldType, Platform};
use gamechannel_codegen::values::check_request;
use serde_json::{Map, Value};

use super::faults::Fault;
use super::routes::{Route, issues_tokens};
use super::server::ConnKill;
use super::state::{Refusal, TokenCheck, TokenSecrets, get};
use super::wire;
use super::{Shared, lock};

/// Largest body read; the platforms' requests are a few hundred bytes.
const MAX_BODY: usize = 1 << 20;

/// Serves every `call` endpoint (the router's fallback).
pub async fn call(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let query = request.uri().query().unwrap_or_default().to_owned();
    let Some(route) = shared
        .routes
        .table
        .get(&(method.clone(), path.clone()))
        .cloned()
    else {
        return wire::plain(
            StatusCode::NOT_FOUND,
            &format!("no endpoint at {method} {path}"),
        );
    };
    let kill = request.extensions().get::<ConnKill>().cloned();
    let Ok(body) = to_bytes(request.into_body(), MAX_BODY).await else {
        return wire::plain(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body unreadable or too large",
        );
    };
    let route = by_appid(&shared, route, &body);
    let (platform, endpoint) = shared.endpoint(&route);
    let (latency, fault) = lock(&shared.dice).roll(issues_tokens(endpoint));
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    let started = Instant::now();
    let (response, outcome) = match fault {
        Fault::Drop => (
            drop_connection(kill).await,
            "connection dropped (fault)".to_owned(),
        ),
        Fault::LoseAnswer => {
            // Applied for real; only the answer is lost on the way back.
            let (_applied, outcome) = answer(&shared, &route, &path, &query, &body);
            let dropped = drop_connection(kill).await;
            (dropped, format!("{outcome}, answer lost (fault)"))
        }
        Fault::Malformed => (malformed(), "malformed answer (fault)".to_owned()),
        Fault::Http500 => (
            wire::plain(StatusCode::INTERNAL_SERVER_ERROR, "mock: injected HTTP 500"),
            "HTTP 500 (fault)".to_owned(),
        ),
        Fault::Busy => {
            let refusal = Refusal::when(ErrorWhen::SystemBusy, "system busy");
            let outcome = format!("{} (fault)", refusal_outcome(platform, endpoint, &refusal));
            (refuse(platform, endpoint, &refusal), outcome)
        }
        Fault::None => answer(&shared, &route, &path, &query, &body),
    };
    if shared.config.log_requests {
        // The platform's verdict, never the request's values: they may hold tokens and keys.
        eprintln!(
            "{method} {path} -> {}.{}: {outcome} (HTTP {}, {} ms)",
            platform.name,
            endpoint.name,
            response.status().as_u16(),
            started.elapsed().as_millis()
        );
    }
    response
}

/// Among endpoints of several platforms at one path, the one whose configured `appid` the
/// request names (the first one otherwise, which then refuses the appid).
fn by_appid(shared: &Shared, route: Route, body: &[u8]) -> Route {
    if route.shared.is_empty() {
        return route;
    }
    let text = String::from_utf8_lossy(body);
    let fields = gamechannel_codegen::values::json_pairs(&text).unwrap_or_default();
    let Some(appid) = get(&fields, "appid") else {
        return route;
    };
    let names = |r: &Route| {
        let (platform, _) = shared.endpoint(r);
        shared
            .config
            .credential_in(&platform.name, "appid", &r.environment)
            == Some(appid)
    };
    match route.shared.iter().find(|r| names(r)) {
        Some(other) if !names(&route) => other.clone(),
        _ => route,
    }
}

/// The answer to a request that suffered no fault, and how the log names it (`ok`, or the
/// platform's code and its name).
fn answer(
    shared: &Shared,
    route: &Route,
    path: &str,
    query: &str,
    body: &[u8],
) -> (Response, String) {
    let (platform, endpoint) = shared.endpoint(route);
    match process(shared, route, path, query, body) {
        Ok(fields) => (wire::success(platform, fields), "ok".to_owned()),
        Err(Answer::Refused(refusal)) => (
            refuse(platform, endpoint, &refusal),
            refusal_outcome(platform, endpoint, &refusal),
        ),
        Err(Answer::Misconfigured(message)) => (
            wire::plain(StatusCode::INTERNAL_SERVER_ERROR, &message),
            "the mock is misconfigured".to_owned(),
        ),
    }
}

/// Why a request was not answered with success.
enum Answer {
    /// The platform refuses it.
    Refused(Refusal),
    /// The mock cannot check it (a credential is not configured).
    Misconfigured(String),
}

impl From<Refusal> for Answer {
    fn from(r: Refusal) -> Self {
        Answer::Refused(r)
    }
}

fn process(
    shared: &Shared,
    route: &Route,
    path: &str,
    query: &str,
    body: &[u8],
) -> Result<Map<String, Value>, Answer> {
    let (platform, endpoint) = shared.endpoint(route);
    let received = wire::decode(endpoint, query, body)?;
    let mut credentials = Vec::new();
    for name in &endpoint.sends {
        match wire::travelling(platform, name, &received) {
            Some(value) if !value.is_empty() => credentials.push((name.clone(), value.to_owned())),
            _ if issues_any(platform) => {
                return Err(
                    Refusal::when(ErrorWhen::TokenInvalid, format!("{name} missing")).into(),
                );
            }
            _ => return Err(Refusal::field(name, format!("{name} missing")).into()),
        }
    }
    check_request(endpoint, &received.fields)
        .map_err(|(field, problem)| Refusal::field(&field, format!("{field}: {problem}")))?;
    if let Some(name) = received.wrong_constant(endpoint) {
        return Err(Refusal::field(name, format!("{name} missing or wrong")).into());
    }
    let signed = received.signed_pairs(endpoint);
    credentials.extend(signing_credentials(
        shared,
        route,
        &received.fields,
        &signed,
    ));
    let verdict = verify_request(endpoint, &signed, &credentials, path, &received.body)
        .map_err(|e| Answer::Misconfigured(format!("mock cannot check this request: {e}")))?;
    match verdict {
        Verdict::Genuine => {}
        Verdict::Duplicate { name } => {
            return Err(Refusal::field(&name, format!("{name} sent twice")).into());
        }
        Verdict::Missing { signature } | Verdict::Mismatch { signature, .. } => {
            let message = format!("{signature} signature error");
            return Err(Refusal {
                detail: Some(signature),
                ..Refusal::when(ErrorWhen::BadSignature, message)
            }
            .into());
        }
    }
    if issues_any(platform) {
        for (name, token) in credentials
            .iter()
            .filter(|(n, _)| endpoint.sends.contains(n))
        {
            match shared.stores.check_token(&platform.name, token) {
                TokenCheck::Valid => {}
                TokenCheck::Expired => {
                    return Err(
                        Refusal::when(ErrorWhen::TokenExpired, format!("{name} expired")).into(),
                    );
                }
                TokenCheck::Invalid => {
                    return Err(
                        Refusal::when(ErrorWhen::TokenInvalid, format!("invalid {name}")).into(),
                    );
                }
            }
        }
    }
    let secrets = TokenSecrets {
        appid: shared
            .config
            .credential_in(&platform.name, "appid", &route.environment),
        secret: shared
            .config
            .credential_in(&platform.name, "app_secret", &route.environment),
    };
    match shared
        .stores
        .apply(platform, &endpoint.name, &received.fields, &secrets)
    {
        Some(outcome) => Ok(outcome?),
        None => Ok(default_response(endpoint)),
    }
}

/// True when the platform has a token endpoint, so travelling credentials are its tokens.
fn issues_any(platform: &Platform) -> bool {
    platform.endpoints.iter().any(issues_tokens)
}

/// The configured (non-travelling) credentials a request is verified with. An optional
/// credential (Midas `session_key`) is given only when a signature that needs it was sent, so
/// that `mp_sig` is checked when present and skipped when absent.
fn signing_credentials(
    shared: &Shared,
    route: &Route,
    fields: &[(String, String)],
    signed: &[(String, String)],
) -> Vec<(String, String)> {
    let (platform, endpoint) = shared.endpoint(route);
    let user = get(fields, "openid").unwrap_or_default();
    let mut out = Vec::new();
    for c in platform
        .credentials
        .iter()
        .filter(|c| !endpoint.sends.contains(&c.name))
    {
        if c.optional {
            let sent = endpoint
                .signatures
                .iter()
                .any(|s| s.requires.contains(&c.name) && signed.iter().any(|(n, _)| *n == s.wire));
            if !sent {
                continue;
            }
        }
        let per_user = c.per_user.then(|| {
            shared
                .config
                .credential(&platform.name, &format!("{}:{user}", c.name))
        });
        let value = per_user.flatten().or_else(|| {
            shared
                .config
                .credential_in(&platform.name, &c.name, &route.environment)
        });
        if let Some(value) = value {
            out.push((c.name.clone(), value.to_owned()));
        }
    }
    out
}

/// The platform's own code for a refusal, in its envelope; a plain HTTP error when the spec
/// has no code for the situation.
pub fn refuse(platform: &Platform, endpoint: &Endpoint, refusal: &Refusal) -> Response {
    match refusal_code(platform, endpoint, refusal) {
        Some(code) => wire::error(platform, code.code, &refusal.message),
        None => {
            let status = match refusal.when {
                ErrorWhen::SystemBusy => StatusCode::SERVICE_UNAVAILABLE,
                ErrorWhen::BadSignature | ErrorWhen::TokenExpired | ErrorWhen::TokenInvalid => {
                    StatusCode::UNAUTHORIZED
                }
                _ => StatusCode::BAD_REQUEST,
            };
            wire::plain(
                status,
                &format!(
                    "{} (the spec has no code for {:?})",
                    refusal.message, refusal.when
                ),
            )
        }
    }
}

/// The spec's code for a refusal: the one it names, else the one for its situation.
fn refusal_code<'p>(
    platform: &'p Platform,
    endpoint: &'p Endpoint,
    refusal: &Refusal,
) -> Option<&'p ErrorCode> {
    let by_name = refusal
        .name
        .and_then(|n| platform.errors_of(endpoint).find(|e| e.name == n));
    by_name
        .or_else(|| platform.error_when(endpoint, refusal.when, refusal.detail.as_deref()))
        // A platform without a declared busy code still has retryable codes that mean it.
        .or_else(|| match refusal.when {
            ErrorWhen::SystemBusy => platform.errors_of(endpoint).find(|e| e.retry),
            _ => None,
        })
}

/// How the log names a refusal: `90011 bad_sig`, or the situation the spec has no code for.
fn refusal_outcome(platform: &Platform, endpoint: &Endpoint, refusal: &Refusal) -> String {
    match refusal_code(platform, endpoint, refusal) {
        Some(code) => format!("{} {}", code.code, code.name),
        None => format!("refused, the spec has no code for {}", refusal.when.name()),
    }
}

/// Response fields of an endpoint the mock keeps no state for: each at its type's zero.
fn default_response(endpoint: &Endpoint) -> Map<String, Value> {
    fn zero(ty: FieldType) -> Value {
        match ty {
            FieldType::Int => Value::from(0),
            FieldType::Bool => Value::from(false),
            FieldType::Decimal => Value::from("0.00"),
            FieldType::String => Value::from(""),
            FieldType::Object => Value::Object(Map::new()),
        }
    }
    endpoint
        .response
        .iter()
        .map(|f| (f.wire.clone(), zero(f.ty)))
        .collect()
}

/// A gateway error page where JSON was expected, as a misbehaving proxy would answer.
fn malformed() -> Response {
    let mut response =
        (StatusCode::OK, "<html><body>502 Bad Gateway</body></html>").into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
    response
}

/// Closes the connection without an answer (the connection task drops this handler along with
/// the socket); answers HTTP 500 where the connection cannot be reached.
async fn drop_connection(kill: Option<ConnKill>) -> Response {
    if let Some(kill) = kill {
        kill.kill();
        std::future::pending::<()>().await;
    }
    wire::plain(
        StatusCode::INTERNAL_SERVER_ERROR,
        "connection drop not possible here",
    )
}
