//! Callbacks out (wancms pay notify, llewan gift codes): fill in the fields, sign them with the
//! configured credentials, and resend until the game answers the spec's success reply.

use std::time::{SystemTime, UNIX_EPOCH};

use gamechannel_codegen::eval::{Inputs, sign_endpoint};
use gamechannel_codegen::model::{Encoding, Field, FieldType, Method};
use serde::Serialize;
use serde_json::{Map, Value};

use super::Shared;
use super::push::{self, PushOptions, PushWire};

/// Longest reply body kept in a report.
const KEPT_REPLY: usize = 512;

/// How a callback went.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CallbackReport {
    /// Platform.
    pub platform: String,
    /// Callback endpoint.
    pub endpoint: String,
    /// Times it was sent.
    pub attempts: u32,
    /// The game answered the spec's success reply.
    pub delivered: bool,
    /// HTTP status of the last answer, if any.
    pub last_status: Option<u16>,
    /// Body of the last answer (cut at 512 bytes).
    pub last_body: String,
    /// Transport error of the last attempt, if it had one.
    pub last_error: Option<String>,
    /// The fields sent, signatures included (signatures are not credentials).
    pub fields: Vec<(String, String)>,
}

impl CallbackReport {
    /// A report of a callback not sent yet.
    fn new(platform: &str, endpoint: &str, fields: Vec<(String, String)>) -> Self {
        CallbackReport {
            platform: platform.to_owned(),
            endpoint: endpoint.to_owned(),
            attempts: 0,
            delivered: false,
            last_status: None,
            last_body: String::new(),
            last_error: None,
            fields,
        }
    }
}

/// Sends one callback; `Err` when it cannot be built (unknown endpoint, missing credential).
pub(super) async fn send(
    shared: &Shared,
    platform: &str,
    endpoint: &str,
    target_url: &str,
    given: Vec<(String, String)>,
) -> Result<CallbackReport, String> {
    send_as(
        shared,
        platform,
        endpoint,
        target_url,
        given,
        PushOptions::default(),
    )
    .await
}

/// [`send`], with a push's body format and encryption chosen.
pub(super) async fn send_as(
    shared: &Shared,
    platform: &str,
    endpoint: &str,
    target_url: &str,
    given: Vec<(String, String)>,
    options: PushOptions,
) -> Result<CallbackReport, String> {
    let p = shared
        .platforms
        .iter()
        .find(|p| p.name == platform)
        .ok_or_else(|| format!("unknown platform '{platform}'"))?;
    let (e, callback) = p
        .endpoint(endpoint)
        .and_then(|e| Some((e, e.callback()?)))
        .ok_or_else(|| format!("platform '{platform}' has no callback endpoint '{endpoint}'"))?;
    let mut fields = given;
    for field in &e.request {
        let is_timestamp = callback
            .timestamp
            .as_ref()
            .is_some_and(|t| t.field == field.wire);
        let given = fields.iter().any(|(n, _)| *n == field.wire);
        // A member of a JSON document carried as a string is part of that string's value.
        if (field.required || is_timestamp) && !given && !e.inside_json(&field.wire) {
            fields.push((field.wire.clone(), filler(field, is_timestamp)));
        }
    }
    let environment = p
        .environments
        .first()
        .map(|env| env.name.as_str())
        .unwrap_or_default();
    let credentials: Vec<(String, String)> = p
        .credentials
        .iter()
        .filter_map(|c| {
            let value = shared.config.credential_in(&p.name, &c.name, environment)?;
            Some((c.name.clone(), value.to_owned()))
        })
        .collect();
    if e.is_push() {
        let wire = push::build(e, &fields, &credentials, options)?;
        return deliver_push(shared, platform, endpoint, target_url, wire).await;
    }
    let inputs = Inputs {
        fields: &fields,
        credentials: &credentials,
        path: "",
        body: "",
    };
    let signatures = sign_endpoint(e, &inputs)
        .map_err(|err| format!("cannot sign {platform}.{endpoint}: {err}"))?;
    fields.retain(|(n, _)| !signatures.iter().any(|s| s.wire == *n));
    fields.extend(signatures.into_iter().map(|s| (s.wire, s.value)));
    // What the platform URL-encodes twice goes out encoded once here and once by the transport.
    let twice = e.encoded_twice();
    let wire_fields: Vec<(String, String)> = fields
        .iter()
        .map(|(n, v)| match twice.contains(&n.as_str()) {
            true => (n.clone(), gamechannel_core::percent_encode(v)),
            false => (n.clone(), v.clone()),
        })
        .collect();

    let report = CallbackReport::new(platform, endpoint, fields);
    let request = || {
        build(
            shared,
            callback.method,
            e.encoding,
            &e.request,
            target_url,
            &wire_fields,
        )
    };
    let acknowledged = |body: &str, sent: &[(String, String)]| match &callback.reply {
        Some(reply) => match &reply.echo {
            Some(echo) => Some(body) == super::state::get(sent, echo),
            None => body == reply.success,
        },
        None => true,
    };
    Ok(resend(shared, report, request, acknowledged).await)
}

/// Sends a push until the game answers its success reply or the attempts run out.
async fn deliver_push(
    shared: &Shared,
    platform: &str,
    endpoint: &str,
    target_url: &str,
    wire: PushWire,
) -> Result<CallbackReport, String> {
    let report = CallbackReport::new(platform, endpoint, wire.sent.clone());
    let request = || {
        shared
            .http
            .post(target_url)
            .query(&wire.query)
            .header("content-type", wire.content_type)
            .body(wire.body.clone())
    };
    let acknowledged = |body: &str, _: &[(String, String)]| body == wire.success;
    Ok(resend(shared, report, request, acknowledged).await)
}

/// Sends `request()` until the game answers a 2xx whose body is `acknowledged`, or the
/// attempts of the callback policy run out, backing off between attempts.
async fn resend(
    shared: &Shared,
    mut report: CallbackReport,
    request: impl Fn() -> reqwest::RequestBuilder,
    acknowledged: impl Fn(&str, &[(String, String)]) -> bool,
) -> CallbackReport {
    let policy = &shared.config.callbacks;
    let mut backoff = policy.first_backoff;
    while report.attempts < policy.max_attempts.max(1) {
        if report.attempts > 0 {
            tokio::time::sleep(backoff).await;
            backoff = (backoff * 2).min(policy.max_backoff);
        }
        report.attempts += 1;
        match request().timeout(policy.timeout).send().await {
            Ok(response) => {
                let status = response.status();
                report.last_status = Some(status.as_u16());
                report.last_error = None;
                let body = response.text().await.unwrap_or_default();
                report.delivered = status.is_success() && acknowledged(&body, &report.fields);
                report.last_body = cut(body);
            }
            Err(err) => {
                report.last_status = None;
                report.last_error = Some(err.to_string());
            }
        }
        if report.delivered {
            break;
        }
    }
    report
}

/// A plausible value for a field the caller did not give.
pub(super) fn filler(field: &Field, is_timestamp: bool) -> String {
    if is_timestamp {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        return now.to_string();
    }
    if let Some((first, _)) = field.constraints.values.first() {
        return first.clone();
    }
    match field.ty {
        FieldType::Int => {
            let c = &field.constraints;
            c.min
                .unwrap_or(1)
                .min(c.max.unwrap_or(i64::MAX))
                .to_string()
        }
        FieldType::Bool => "true".to_owned(),
        FieldType::Decimal => "1.00".to_owned(),
        // A JSON document inside a string: members filled in the same way.
        FieldType::Object if field.json_string => {
            let members: Map<String, Value> = field
                .fields
                .iter()
                .filter(|m| m.required)
                .map(|m| {
                    let text = filler(m, false);
                    let value = match m.ty {
                        FieldType::Int => text.parse::<i64>().map(Value::from).ok(),
                        FieldType::Bool => text.parse::<bool>().map(Value::from).ok(),
                        _ => None,
                    };
                    (m.wire.clone(), value.unwrap_or(Value::String(text)))
                })
                .collect();
            Value::Object(members).to_string()
        }
        FieldType::String | FieldType::Object => format!("mock-{}", field.wire),
    }
}

/// The HTTP request of one attempt, encoded as the endpoint says.
fn build(
    shared: &Shared,
    method: Method,
    encoding: Encoding,
    declared: &[Field],
    url: &str,
    fields: &[(String, String)],
) -> reqwest::RequestBuilder {
    let request = match method {
        Method::Get => shared.http.get(url),
        _ => shared.http.post(url),
    };
    match encoding {
        Encoding::Query => request.query(fields),
        Encoding::Form => request.form(fields),
        Encoding::Json | Encoding::Xml | Encoding::JsonOrXml => {
            // (XML bodies go out as pushes.) Ints and bools go out as JSON numbers and booleans, as the platforms send them.
            let body: Map<String, Value> = fields
                .iter()
                .map(|(n, v)| {
                    let ty = declared.iter().find(|f| f.wire == *n).map(|f| f.ty);
                    let value = match ty {
                        Some(FieldType::Int) => v.parse::<i64>().map(Value::from).ok(),
                        Some(FieldType::Bool) => v.parse::<bool>().map(Value::from).ok(),
                        _ => None,
                    };
                    (n.clone(), value.unwrap_or_else(|| Value::from(v.as_str())))
                })
                .collect();
            request.json(&body)
        }
    }
}

/// Keeps the first bytes of a reply (at a char boundary).
fn cut(mut text: String) -> String {
    if text.len() > KEPT_REPLY {
        let mut end = KEPT_REPLY;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
    }
    text
}
