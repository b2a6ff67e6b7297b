//! The platform's page side: a stand-in of its JS SDK that checks every payload exactly as
//! the platform would and answers through the page's callback with the spec's result codes,
//! the notify that confirms a paid payload to the game server, and a portal page that opens
//! the game with a signed login, as the platform's site does.
//!
//! Routes: the SDK script at the spec's `sdk.script` path, `POST /__mock/sdk/{platform}/{endpoint}`
//! (a payload from the stand-in), `POST /__mock/sdk/{platform}/{endpoint}/outcome` (the choice
//! made in the stand-in's payment dialog), `GET /__mock/sdk` (every SDK call seen) and
//! `GET /__mock/portal/{platform}`.

mod check;
mod portal;
mod script;

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use gamechannel_codegen::model::{Endpoint, EndpointKind, Platform, ResultCode};
use serde::Serialize;
use serde_json::{Value, json};

use super::callback::{self, CallbackReport};
use super::{Shared, lock, wire};
use check::Refusal;

/// One SDK call the stand-in passed on, as the mock judged it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SdkRecord {
    /// Platform.
    pub platform: String,
    /// Frontend endpoint.
    pub endpoint: String,
    /// The payload as received (signatures included; payloads never hold keys).
    pub fields: Vec<(String, String)>,
    /// The result code handed to the page's callback, once there is one.
    pub code: Option<i64>,
    /// Its name in the spec.
    pub result: Option<String>,
    /// Why the payload was refused, or what kept the mock from confirming it.
    pub problem: Option<String>,
    /// The notify sent to the game server after a successful payload.
    pub notify: Option<CallbackReport>,
    /// Times the acknowledged notify was sent again.
    pub resent: u32,
}

/// A payload waiting for the choice in the stand-in's payment dialog.
struct Pending {
    platform: usize,
    endpoint: usize,
    record: usize,
}

/// The page side's state.
#[derive(Default)]
pub struct PageState {
    records: std::sync::Mutex<Vec<SdkRecord>>,
    pending: std::sync::Mutex<HashMap<u64, Pending>>,
    tickets: AtomicU64,
}

impl PageState {
    /// Every SDK call seen so far, oldest first.
    pub fn records(&self) -> Vec<SdkRecord> {
        lock(&self.records).clone()
    }

    fn push(&self, record: SdkRecord) -> usize {
        let mut records = lock(&self.records);
        records.push(record);
        records.len() - 1
    }

    fn update(&self, index: usize, edit: impl FnOnce(&mut SdkRecord)) {
        if let Some(record) = lock(&self.records).get_mut(index) {
            edit(record);
        }
    }
}

/// The page-side routes, for the platforms that have an SDK.
pub(super) fn routes(shared: &Arc<Shared>) -> Router<Arc<Shared>> {
    let mut router = Router::new()
        .route("/__mock/sdk", get(records))
        .route("/__mock/sdk/{platform}/{endpoint}", post(payload))
        .route("/__mock/sdk/{platform}/{endpoint}/outcome", post(outcome))
        .route("/__mock/portal/{platform}", get(portal::page));
    let mut served: Vec<&str> = Vec::new();
    for (index, platform) in shared.platforms.iter().enumerate() {
        let Some(sdk) = &platform.sdk else {
            continue;
        };
        // Two platforms at one script path: the first one's SDK is served.
        if served.contains(&sdk.script.as_str()) {
            continue;
        }
        served.push(&sdk.script);
        router = router.route(
            &sdk.script,
            get(
                move |State(shared): State<Arc<Shared>>, headers: HeaderMap| async move {
                    script::serve(&shared, index, &headers)
                },
            ),
        );
    }
    router
}

/// Lines saying where each platform's page side is served.
pub(super) fn describe(shared: &Shared) -> Vec<String> {
    let mut lines = Vec::new();
    for platform in &shared.platforms {
        let Some(sdk) = &platform.sdk else {
            continue;
        };
        lines.push(format!(
            "{}: JS SDK stand-in at {}",
            platform.name, sdk.script
        ));
        if let Some(login) = &sdk.login {
            let target = shared
                .config
                .page
                .callback_url(&platform.name, login)
                .map_or_else(
                    || format!("set --callback-url {}.{login}=URL", platform.name),
                    str::to_owned,
                );
            lines.push(format!(
                "{}: portal at /__mock/portal/{} opens {target}",
                platform.name, platform.name
            ));
        }
        for endpoint in &platform.endpoints {
            if let Some(notify) = endpoint.frontend().and_then(|f| f.notify.as_ref()) {
                let target = shared
                    .config
                    .page
                    .callback_url(&platform.name, notify)
                    .map_or_else(
                        || {
                            format!(
                                "nowhere yet: set --callback-url {}.{notify}=URL",
                                platform.name
                            )
                        },
                        str::to_owned,
                    );
                lines.push(format!(
                    "{}: a successful {} is confirmed by {notify} at {target}",
                    platform.name, endpoint.name
                ));
            }
        }
    }
    lines
}

async fn records(State(shared): State<Arc<Shared>>) -> Response {
    let value = serde_json::to_value(shared.page.records()).unwrap_or(Value::Null);
    wire::json(StatusCode::OK, &value)
}

/// A payload from the stand-in: checked, then answered with a result code or, when the
/// platform would show the user a choice (pay or not), with the choices.
async fn payload(
    State(shared): State<Arc<Shared>>,
    Path((platform, endpoint)): Path<(String, String)>,
    body: String,
) -> Response {
    let Some((pi, ei)) = find(&shared, &platform, &endpoint) else {
        return cors(wire::plain(
            StatusCode::NOT_FOUND,
            &format!("no frontend endpoint {platform}.{endpoint}"),
        ));
    };
    let p = &shared.platforms[pi];
    let e = &p.endpoints[ei];
    let checked = check::payload(&shared, p, e, &body);
    if shared.config.log_requests {
        // Names, codes and the reason only: payload values stay out of the log.
        let verdict = match &checked {
            Ok(_) => "accepted".to_owned(),
            Err(refusal) => format!("refused: {}", refusal.message),
        };
        eprintln!("SDK {platform}.{endpoint}: {verdict}");
    }
    let mut record = SdkRecord {
        platform: platform.clone(),
        endpoint: endpoint.clone(),
        fields: Vec::new(),
        code: None,
        result: None,
        problem: None,
        notify: None,
        resent: 0,
    };
    let fields = match checked {
        Ok(fields) => fields,
        Err(Refusal {
            when,
            message,
            fields,
        }) => {
            record.fields = fields;
            let result = when.and_then(|w| check::result_for(e, w));
            record.problem = Some(message.clone());
            let answer = answer_json(result, Some(&message));
            set_result(&mut record, result);
            shared.page.push(record);
            return cors(wire::json(StatusCode::OK, &answer));
        }
    };
    record.fields = fields;
    let results = results(e);
    let ok = results.iter().find(|r| r.ok);
    let choices: Vec<&ResultCode> = results.iter().filter(|r| r.when.is_empty()).collect();
    if choices.len() > 1 {
        let index = shared.page.push(record);
        let ticket = shared.page.tickets.fetch_add(1, Ordering::Relaxed) + 1;
        lock(&shared.page.pending).insert(
            ticket,
            Pending {
                platform: pi,
                endpoint: ei,
                record: index,
            },
        );
        let choices: Vec<Value> = choices
            .iter()
            .map(|r| json!({ "code": r.code, "name": r.name, "doc": r.doc, "ok": r.ok }))
            .collect();
        let title = e.title.clone().unwrap_or_else(|| e.name.clone());
        let answer = json!({ "ticket": ticket, "title": title, "choices": choices });
        return cors(wire::json(StatusCode::OK, &answer));
    }
    set_result(&mut record, ok);
    let index = shared.page.push(record);
    if ok.is_some() {
        confirm(&shared, pi, ei, index);
    }
    cors(wire::json(StatusCode::OK, &answer_json(ok, None)))
}

/// The user's choice in the stand-in's dialog: answered as that result code; the success one
/// is confirmed to the game server.
async fn outcome(
    State(shared): State<Arc<Shared>>,
    Path((platform, endpoint)): Path<(String, String)>,
    body: String,
) -> Response {
    let parsed: Option<(u64, i64)> = serde_json::from_str::<Value>(&body)
        .ok()
        .and_then(|v| Some((v.get("ticket")?.as_u64()?, v.get("code")?.as_i64()?)));
    let Some((ticket, code)) = parsed else {
        return cors(wire::plain(
            StatusCode::BAD_REQUEST,
            "expected {\"ticket\": N, \"code\": N}",
        ));
    };
    let Some(pending) = lock(&shared.page.pending).remove(&ticket) else {
        return cors(wire::plain(StatusCode::NOT_FOUND, "unknown or used ticket"));
    };
    let p = &shared.platforms[pending.platform];
    let e = &p.endpoints[pending.endpoint];
    let chosen = results(e)
        .iter()
        .find(|r| r.code == code && r.when.is_empty());
    if p.name != platform || e.name != endpoint || chosen.is_none() {
        return cors(wire::plain(
            StatusCode::BAD_REQUEST,
            "not a choice of this payload",
        ));
    }
    shared
        .page
        .update(pending.record, |r| set_result(r, chosen));
    if chosen.is_some_and(|r| r.ok) {
        confirm(&shared, pending.platform, pending.endpoint, pending.record);
    }
    cors(wire::json(StatusCode::OK, &answer_json(chosen, None)))
}

/// Sends the endpoint's notify, if it has one, in the background: the platform confirms a
/// payment server to server, whatever the page does meanwhile.
fn confirm(shared: &Arc<Shared>, platform: usize, endpoint: usize, record: usize) {
    let p = &shared.platforms[platform];
    let page = p.endpoints[endpoint].frontend();
    let Some(notify) = page.and_then(|f| f.notify.clone()) else {
        return;
    };
    let Some(url) = shared
        .config
        .page
        .callback_url(&p.name, &notify)
        .map(str::to_owned)
    else {
        shared.page.update(record, |r| {
            r.problem = Some(format!(
                "not confirmed: no URL for {}.{notify} (--callback-url {}.{notify}=URL)",
                p.name, p.name
            ));
        });
        return;
    };
    let shared = shared.clone();
    tokio::spawn(async move {
        let p = &shared.platforms[platform];
        let Some(target) = p.endpoint(&notify) else {
            return;
        };
        let payload = shared
            .page
            .records()
            .get(record)
            .map(|r| r.fields.clone())
            .unwrap_or_default();
        let given = check::notify_fields(target, &payload, record);
        match callback::send(&shared, &p.name, &notify, &url, given).await {
            Ok(report) => {
                let mut resent = 0;
                if report.delivered {
                    for _ in 0..shared.config.page.resend_acknowledged {
                        let again = report.fields.clone();
                        if callback::send(&shared, &p.name, &notify, &url, again)
                            .await
                            .is_ok()
                        {
                            resent += 1;
                        }
                    }
                }
                shared.page.update(record, |r| {
                    r.notify = Some(report);
                    r.resent = resent;
                });
            }
            Err(message) => shared.page.update(record, |r| r.problem = Some(message)),
        }
    });
}

fn find(shared: &Shared, platform: &str, endpoint: &str) -> Option<(usize, usize)> {
    let pi = shared.platforms.iter().position(|p| p.name == platform)?;
    let ei = shared.platforms[pi]
        .endpoints
        .iter()
        .position(|e: &Endpoint| e.name == endpoint && e.kind() == EndpointKind::Frontend)?;
    Some((pi, ei))
}

/// The SDK's result codes of a frontend endpoint (none for other kinds).
fn results(endpoint: &Endpoint) -> &[ResultCode] {
    endpoint.frontend().map_or(&[], |f| &f.results)
}

fn set_result(record: &mut SdkRecord, result: Option<&ResultCode>) {
    record.code = result.map(|r| r.code);
    record.result = result.map(|r| r.name.clone());
}

/// `{"code": 6, "msg": "…"}`, or `{"problem": "…"}` alone when there is no code to give.
fn answer_json(result: Option<&ResultCode>, problem: Option<&str>) -> Value {
    let mut answer = serde_json::Map::new();
    if let Some(r) = result {
        answer.insert("code".into(), Value::from(r.code));
        answer.insert(
            "msg".into(),
            Value::from(r.doc.clone().unwrap_or_else(|| r.name.clone())),
        );
    }
    if let Some(problem) = problem {
        answer.insert("problem".into(), Value::from(problem));
    }
    Value::Object(answer)
}

/// The game page lives on another origin than the platform; its SDK may read the answers.
fn cors(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    response
}

/// An HTML answer.
fn html(text: String) -> Response {
    let mut response = (StatusCode::OK, text).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

/// The platform's configured credentials in its first environment, for signing.
fn credentials(shared: &Shared, platform: &Platform) -> Vec<(String, String)> {
    let environment = platform
        .environments
        .first()
        .map(|e| e.name.as_str())
        .unwrap_or_default();
    platform
        .credentials
        .iter()
        .filter_map(|c| {
            let value = shared
                .config
                .credential_in(&platform.name, &c.name, environment)?;
            Some((c.name.clone(), value.to_owned()))
        })
        .collect()
}
