//! Endpoints: what every kind has, the kind's own part, and facts read from both.

use super::{
    Call, Callback, CloudCall, Decrypt, Encoding, EndpointKind, ErrorCode, Example, Field,
    Frontend, Location, Method, Reply, Shape, SignatureRecipe, Source, Timestamp,
};

/// An endpoint, checked.
#[derive(Debug, Clone, Default)]
pub struct Endpoint {
    /// snake_case name.
    pub name: String,
    /// Its kind, with what only that kind has.
    pub shape: Shape,
    /// The platform's own name for it.
    pub title: Option<String>,
    /// Meaning.
    pub doc: Option<String>,
    /// How parameters travel.
    pub encoding: Encoding,
    /// Credentials that travel with this endpoint's requests (each has `travels_in`).
    pub sends: Vec<String>,
    /// Request (or received) fields: common fields first, then the endpoint's own.
    pub request: Vec<Field>,
    /// Response fields besides the envelope.
    pub response: Vec<Field>,
    /// Endpoint-only error codes.
    pub errors: Vec<ErrorCode>,
    /// Optional parameters with an empty value are neither sent nor signed.
    pub omit_empty: bool,
    /// Signatures in computation order.
    pub signatures: Vec<SignatureRecipe>,
    /// Worked examples, each already reproduced by the evaluator.
    pub examples: Vec<Example>,
}

impl Endpoint {
    /// The kind, as the spec names it.
    pub fn kind(&self) -> EndpointKind {
        self.shape.kind()
    }

    /// What only a call has, when it is one.
    pub fn call(&self) -> Option<&Call> {
        match &self.shape {
            Shape::Call(call) => Some(call),
            _ => None,
        }
    }

    /// What only a callback has, when it is one.
    pub fn callback(&self) -> Option<&Callback> {
        match &self.shape {
            Shape::Callback(callback) => Some(callback),
            _ => None,
        }
    }

    /// What only a frontend payload has, when it is one.
    pub fn frontend(&self) -> Option<&Frontend> {
        match &self.shape {
            Shape::Frontend(frontend) => Some(frontend),
            _ => None,
        }
    }

    /// The HTTP method (`None` for frontend payloads).
    pub fn method(&self) -> Option<Method> {
        match &self.shape {
            Shape::Call(call) => Some(call.method),
            Shape::Callback(callback) => Some(callback.method),
            Shape::Frontend(_) => None,
        }
    }

    /// A call's fixed query parameters (wire name, value); none for other kinds.
    pub fn query_constants(&self) -> &[(String, String)] {
        self.call().map_or(&[], |c| &c.query_constants)
    }

    /// A call's cloud-call form.
    pub fn cloud_call(&self) -> Option<&CloudCall> {
        self.call().and_then(|c| c.cloud_call.as_ref())
    }

    /// A callback's reply.
    pub fn reply(&self) -> Option<&Reply> {
        self.callback().and_then(|c| c.reply.as_ref())
    }

    /// A callback's replay-window timestamp.
    pub fn timestamp(&self) -> Option<&Timestamp> {
        self.callback().and_then(|c| c.timestamp.as_ref())
    }

    /// How a callback's encrypted body is opened, when it is encrypted.
    pub fn decrypt(&self) -> Option<&Decrypt> {
        self.callback().and_then(|c| c.decrypt.as_ref())
    }

    /// Whether an optional parameter with this value is neither sent nor signed (the
    /// endpoint's empty-value rule).
    pub fn leaves_out(&self, field: &Field, value: &str) -> bool {
        self.omit_empty && !field.required && value.is_empty()
    }

    /// Whether the endpoint reads fields from the URL query next to a body.
    pub fn query_and_body(&self) -> bool {
        self.encoding.has_body()
            && (self.request.iter().any(|f| f.in_query)
                || self
                    .signatures
                    .iter()
                    .any(|r| r.travels_in == Location::Query))
    }

    /// Whether the callback is read as a push: from the query and a body together, from an XML
    /// body, decrypted first, or with members of a JSON document carried as a string.
    pub fn is_push(&self) -> bool {
        self.query_and_body()
            || self.decrypt().is_some()
            || self.encoding.reads_xml()
            || self.request.iter().any(|f| f.json)
    }

    /// Whether `wire` names a member inside a field that carries a JSON document as a string.
    pub fn inside_json(&self, wire: &str) -> bool {
        self.request.iter().filter(|f| f.json).any(|f| {
            wire.len() > f.wire.len() + 1
                && wire.starts_with(&f.wire)
                && wire.as_bytes()[f.wire.len()] == b'.'
        })
    }

    /// Wire names of the fields that carry a JSON document as a string.
    pub fn json_fields(&self) -> Vec<&str> {
        self.request
            .iter()
            .filter(|f| f.json)
            .map(|f| f.wire.as_str())
            .collect()
    }

    /// The signatures checked over the (decrypted) fields: all but the one that covers the
    /// ciphertext, which is checked before decrypting.
    pub fn field_signatures(&self) -> impl Iterator<Item = &SignatureRecipe> {
        let sealed = self.decrypt().map(|d| d.signature.as_str());
        self.signatures
            .iter()
            .filter(move |r| Some(r.name.as_str()) != sealed)
    }

    /// Wire names of the received values that arrive URL-encoded twice (fields and
    /// signatures marked `encoded_twice`): decoded once more before anything reads them.
    pub fn encoded_twice(&self) -> Vec<&str> {
        let fields = self
            .request
            .iter()
            .filter(|f| f.encoded_twice)
            .map(|f| f.wire.as_str());
        let signatures = self
            .signatures
            .iter()
            .filter(|r| r.encoded_twice)
            .map(|r| r.wire.as_str());
        fields.chain(signatures).collect()
    }

    /// True when a signature of the endpoint signs the raw body (`{body}`).
    pub fn signs_body(&self) -> bool {
        self.signatures
            .iter()
            .any(|r| r.plan.sources().contains(&Source::Body))
    }

    /// Looks up a request field by wire name.
    pub fn request_field(&self, wire: &str) -> Option<&Field> {
        self.request.iter().find(|f| f.wire == wire)
    }

    /// The path called in an environment (calls only).
    pub fn path_in(&self, environment: &str) -> Option<&str> {
        self.call()?.path_in(environment)
    }
}
