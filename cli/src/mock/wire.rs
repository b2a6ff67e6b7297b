//! The wire: received requests as ordered (name, wire text) pairs, and answers in a platform's
//! envelope.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use gamechannel_codegen::model::{Encoding, Endpoint, ErrorWhen, Location, Platform};
use gamechannel_codegen::received::form_pairs;
use gamechannel_core::{ReadError, Repeated};
use serde_json::{Map, Value};

use super::state::Refusal;

/// One received request, decoded but never re-formatted.
pub struct Received {
    /// Query string pairs in order.
    pub query: Vec<(String, String)>,
    /// Request fields (query, form or JSON body, as the endpoint's encoding says).
    pub fields: Vec<(String, String)>,
    /// The raw body text, for `{body}` templates.
    pub body: String,
}

/// Decodes a request for `endpoint` by the rules the generated verifiers share
/// ([`gamechannel_core::received`]); a refusal says why it cannot be read.
pub fn decode(endpoint: &Endpoint, query: &str, body: &[u8]) -> Result<Received, Refusal> {
    let read = read_names(endpoint);
    let query = pairs(query, &read)?;
    let text = String::from_utf8_lossy(body).into_owned();
    let fields = match endpoint.encoding {
        Encoding::Query => query.clone(),
        Encoding::Form => pairs(&text, &read)?,
        Encoding::Json | Encoding::Xml | Encoding::JsonOrXml => {
            let pairs = gamechannel_codegen::received::BodyFormat::of(endpoint.encoding, &text)
                .pairs(&text)
                .map_err(|m| Refusal::when(ErrorWhen::BadParameter, m))?;
            gamechannel_core::dedupe_pairs(pairs, &read)
                .map_err(|Repeated(name)| repeated(&name))?
        }
    };
    Ok(Received {
        query,
        fields,
        body: text,
    })
}

/// The names the mock reads from a request: the fields and signatures a verifier reads, the
/// credentials that travel with it and its fixed query parameters.
fn read_names(endpoint: &Endpoint) -> Vec<&str> {
    let mut read = gamechannel_codegen::received::read_names(endpoint);
    read.extend(endpoint.sends.iter().map(String::as_str));
    read.extend(endpoint.query_constants().iter().map(|(n, _)| n.as_str()));
    read
}

impl Received {
    /// What the signatures are checked over: the request fields, plus the signatures that
    /// travel in the query of a request whose fields are in its body (WeChat `pay_sig`).
    pub fn signed_pairs(&self, endpoint: &Endpoint) -> Vec<(String, String)> {
        let mut pairs = self.fields.clone();
        if endpoint.encoding != Encoding::Query {
            let in_query = |name: &str| {
                endpoint
                    .signatures
                    .iter()
                    .any(|s| s.travels_in == Location::Query && s.wire == name)
            };
            pairs.extend(self.query.iter().filter(|(n, _)| in_query(n)).cloned());
        }
        pairs
    }

    /// The first query constant of `endpoint` that is missing or has another value.
    pub fn wrong_constant<'e>(&self, endpoint: &'e Endpoint) -> Option<&'e str> {
        endpoint
            .query_constants()
            .iter()
            .find(|(name, value)| !self.query.iter().any(|(n, v)| n == name && v == value))
            .map(|(name, _)| name.as_str())
    }
}

/// The pairs of a query string or form body; a name of `read` received twice is refused.
pub fn pairs(raw: &str, read: &[&str]) -> Result<Vec<(String, String)>, Refusal> {
    form_pairs(raw, read).map_err(|e| match e {
        ReadError::Repeated(name) => repeated(&name),
        ReadError::Malformed(e) => Refusal::when(ErrorWhen::BadParameter, e.to_string()),
    })
}

/// A name the mock reads, received twice: which copy was meant would be a guess.
fn repeated(name: &str) -> Refusal {
    Refusal::field(name, format!("{name} sent twice"))
}

/// The value of a credential that travels with `endpoint`'s requests, from where it travels.
pub fn travelling<'a>(platform: &Platform, name: &str, received: &'a Received) -> Option<&'a str> {
    let location = platform.credential(name)?.travels_in?;
    let list = match location {
        Location::Query => &received.query,
        Location::Body => &received.fields,
    };
    list.iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// A success in the platform's envelope with the endpoint's response fields.
pub fn success(platform: &Platform, fields: Map<String, Value>) -> Response {
    let mut body = Map::new();
    if let Some(env) = &platform.envelope {
        body.insert(env.code.clone(), Value::from(env.ok));
        if let Some(message) = &env.message {
            // llewan-style envelopes (ok = 1) say "success"; WeChat and Tencent say "ok".
            let text = if env.ok == 1 { "success" } else { "ok" };
            body.insert(message.clone(), Value::from(text));
        }
    }
    body.extend(fields);
    json(StatusCode::OK, &Value::Object(body))
}

/// An in-band error (HTTP 200, as the platforms answer them) with the platform's code.
pub fn error(platform: &Platform, code: i64, message: &str) -> Response {
    let mut body = Map::new();
    match &platform.envelope {
        Some(env) => {
            body.insert(env.code.clone(), Value::from(code));
            if let Some(m) = &env.message {
                body.insert(m.clone(), Value::from(message));
            }
        }
        None => {
            body.insert("code".to_owned(), Value::from(code));
            body.insert("message".to_owned(), Value::from(message));
        }
    }
    json(StatusCode::OK, &Value::Object(body))
}

/// A JSON answer.
pub fn json(status: StatusCode, value: &Value) -> Response {
    let mut response = (status, value.to_string()).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// A plain-text answer, for situations the spec has no code for and for admin errors.
pub fn plain(status: StatusCode, text: &str) -> Response {
    (status, text.to_owned()).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_pairs_decode_percent() {
        let p = pairs("sig=o%2FnGo1Qk%3D&pf=qqgame&x=1&x=2", &["sig"]).unwrap();
        assert_eq!(p[0], ("sig".to_owned(), "o/nGo1Qk=".to_owned()));
        assert_eq!(p.len(), 3);
        assert!(pairs("sig=1&sig=2", &["sig"]).is_err());
        assert!(pairs("a=%zz", &[]).is_err());
    }
}
