//! One attempt of `gamechannel call`: the request written from the spec (the same writer as
//! generated clients, so the wire form cannot drift), signed by the interpreter, sent through
//! the runtime's transport, and its answer read through the spec's envelope.

use std::time::Duration;

use gamechannel::__private::prelude::{Encoding, RequestWriter};
use gamechannel::client::{HttpRequest, Transport};
use gamechannel_codegen::eval::{self, Computed, EvalError, Inputs};
use gamechannel_codegen::model::{
    self, Endpoint, ErrorCode, ErrorWhen, FieldType, Location, Method, Platform,
};
use serde_json::{Map, Value};

/// What to call, and with what.
pub struct Call<'a> {
    pub platform: &'a Platform,
    pub endpoint: &'a Endpoint,
    /// Base URL, without a trailing slash.
    pub base_url: &'a str,
    /// The path in the environment called.
    pub path: &'a str,
    /// Request fields by wire name, as wire text.
    pub fields: &'a [(String, String)],
    /// Credentials by name.
    pub credentials: &'a [(String, String)],
}

/// A request ready to send, and what was signed for it.
pub struct Prepared {
    pub request: HttpRequest,
    pub signatures: Vec<Computed>,
}

/// How one attempt ended.
pub enum Outcome<'a> {
    /// A success envelope: the answer's fields.
    Ok {
        status: u16,
        answer: Map<String, Value>,
    },
    /// The platform's error code; `known` when the spec documents it.
    Api {
        status: u16,
        code: i64,
        message: String,
        known: Option<&'a ErrorCode>,
    },
    /// An answer that is no envelope (an HTTP error page, garbage).
    Unreadable { status: u16, reason: String },
    /// No answer at all.
    Transport(String),
}

impl Outcome<'_> {
    /// Whether the client's rules retry it: a code marked `retry`, a transport failure or a 5xx.
    pub fn transient(&self) -> bool {
        match self {
            Outcome::Api { known, .. } => known.is_some_and(|k| k.retry),
            Outcome::Unreadable { status, .. } => *status >= 500,
            Outcome::Transport(_) => true,
            Outcome::Ok { .. } => false,
        }
    }

    /// Whether the platform rejected the access token (`when: token_expired/token_invalid`).
    pub fn token_rejected(&self) -> bool {
        matches!(self, Outcome::Api { known: Some(k), .. } if k.when.iter().any(|w| matches!(w, ErrorWhen::TokenExpired | ErrorWhen::TokenInvalid)))
    }

    /// The HTTP status, when there was an answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            Outcome::Ok { status, .. }
            | Outcome::Api { status, .. }
            | Outcome::Unreadable { status, .. } => Some(*status),
            Outcome::Transport(_) => None,
        }
    }
}

/// Writes and signs the request; `Err` says which input is missing.
pub fn prepare(call: &Call, timeout: Duration) -> Result<Prepared, String> {
    let endpoint = call.endpoint;
    let encoding = match endpoint.encoding {
        model::Encoding::Form => Encoding::Form,
        model::Encoding::Json => Encoding::Json,
        model::Encoding::Query => Encoding::Query,
        // Only callbacks read XML; the validator refuses it for calls.
        model::Encoding::Xml | model::Encoding::JsonOrXml => {
            return Err(format!("{} is not a call", endpoint.name));
        }
    };
    let mut writer = match endpoint.method() {
        Some(Method::Get) => RequestWriter::get(encoding),
        _ => RequestWriter::post(encoding),
    };
    if endpoint.omit_empty {
        writer = writer.omit_empty();
    }
    for field in &endpoint.request {
        let Some((_, value)) = call.fields.iter().find(|(n, _)| *n == field.wire) else {
            continue;
        };
        if endpoint.leaves_out(field, value) {
            continue;
        }
        match field.ty {
            FieldType::Int | FieldType::Bool => writer.bare(&field.wire, value.as_str()),
            FieldType::Object => {
                let object: Value = serde_json::from_str(value)
                    .map_err(|e| format!("field '{}' is an object, not JSON: {e}", field.wire))?;
                writer.object(&field.wire, &object);
            }
            FieldType::String | FieldType::Decimal => writer.text(&field.wire, value.as_str()),
        }
    }
    for name in &endpoint.sends {
        let credential = call.platform.credential(name);
        let Some((_, value)) = call.credentials.iter().find(|(n, _)| n == name) else {
            if credential.is_some_and(|c| c.optional) {
                continue;
            }
            return Err(format!("credential `{name}` was not given"));
        };
        match credential.and_then(|c| c.travels_in) {
            Some(Location::Query) => writer.query(name, value.as_str()),
            _ => writer.text(name, value.as_str()),
        }
    }
    for (name, value) in endpoint.query_constants() {
        writer.query(name, value.as_str());
    }
    let body = writer.body_text();
    let signatures = eval::sign_endpoint(
        endpoint,
        &Inputs {
            fields: call.fields,
            credentials: call.credentials,
            path: call.path,
            body: &body,
        },
    )
    .map_err(|e| match e {
        EvalError::MissingCredential(name) => format!("credential `{name}` was not given"),
        other => other.to_string(),
    })?;
    for (recipe, computed) in endpoint.signatures.iter().filter_map(|r| {
        let c = signatures.iter().find(|c| c.signature == r.name)?;
        Some((r, c))
    }) {
        match recipe.travels_in {
            Location::Query => writer.query(&computed.wire, computed.value.as_str()),
            Location::Body => writer.text(&computed.wire, computed.value.as_str()),
        }
    }
    // The bytes signed are the bytes sent (a body signature never travels in the body).
    let prepared = match endpoint.signs_body() {
        true => writer.finish_with_body(call.path, body),
        false => writer.finish(call.path),
    };
    Ok(Prepared {
        request: HttpRequest {
            method: prepared.method,
            url: prepared.url(call.base_url),
            body: prepared.body,
            content_type: prepared.content_type,
            timeout,
        },
        signatures,
    })
}

/// Sends one attempt and reads the answer.
pub async fn send<'p>(
    transport: &dyn Transport,
    platform: &'p Platform,
    endpoint: &'p Endpoint,
    request: HttpRequest,
) -> Outcome<'p> {
    let response = match transport.send(request).await {
        Ok(response) => response,
        Err(error) => return Outcome::Transport(error.to_string()),
    };
    let status = response.status;
    let object = match serde_json::from_slice::<Value>(&response.body) {
        Ok(Value::Object(object)) => object,
        Ok(_) => return unreadable(status, "the answer is not a JSON object"),
        Err(_) => {
            return unreadable(
                status,
                &format!("the answer is not JSON ({} bytes)", response.body.len()),
            );
        }
    };
    let Some(envelope) = &platform.envelope else {
        return Outcome::Ok {
            status,
            answer: object,
        };
    };
    let code = match object.get(&envelope.code) {
        None if envelope.missing_is_ok => envelope.ok,
        None => return unreadable(status, &format!("the answer has no `{}`", envelope.code)),
        Some(Value::Number(n)) => match n.as_i64() {
            Some(code) => code,
            None => return unreadable(status, &format!("`{}` is not an integer", envelope.code)),
        },
        Some(Value::String(s)) => match s.parse() {
            Ok(code) => code,
            Err(_) => return unreadable(status, &format!("`{}` is not an integer", envelope.code)),
        },
        Some(_) => return unreadable(status, &format!("`{}` is not an integer", envelope.code)),
    };
    if code == envelope.ok && status < 300 {
        return Outcome::Ok {
            status,
            answer: object,
        };
    }
    if code == envelope.ok {
        return unreadable(status, &format!("HTTP {status}"));
    }
    let message = envelope
        .message
        .as_ref()
        .and_then(|m| object.get(m))
        .map(|m| m.as_str().map_or_else(|| m.to_string(), str::to_owned))
        .unwrap_or_default();
    let known = platform.errors_of(endpoint).find(|e| e.code == code);
    Outcome::Api {
        status,
        code,
        message,
        known,
    }
}

fn unreadable<'p>(status: u16, reason: &str) -> Outcome<'p> {
    Outcome::Unreadable {
        status,
        reason: reason.to_owned(),
    }
}
