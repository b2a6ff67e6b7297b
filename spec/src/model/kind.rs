//! What each kind of endpoint has and no other kind has: a call's path and retry safety, a
//! callback's reply and replay rules, a frontend payload's SDK function. One enum, so that a
//! frontend with a method or a callback with a path cannot be built.

use super::{Decrypt, EndpointKind, ErrorWhen, Method, ReplyForm};

/// An endpoint's kind, with what only that kind has.
// Unboxed: an endpoint is built once and then only read, never passed around by value.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Shape {
    /// The game server calls the platform.
    Call(Call),
    /// The platform calls the game server.
    Callback(Callback),
    /// A payload the game page hands to the platform's JS SDK.
    Frontend(Frontend),
}

impl Default for Shape {
    /// A call, the format's default kind.
    fn default() -> Self {
        Shape::Call(Call::default())
    }
}

impl Shape {
    /// The kind, as the spec names it.
    pub fn kind(&self) -> EndpointKind {
        match self {
            Shape::Call(_) => EndpointKind::Call,
            Shape::Callback(_) => EndpointKind::Callback,
            Shape::Frontend(_) => EndpointKind::Frontend,
        }
    }
}

/// What only a call has.
#[derive(Debug, Clone)]
pub struct Call {
    /// HTTP method.
    pub method: Method,
    /// Path per environment, in the platform's environment order.
    pub paths: Vec<EnvironmentPath>,
    /// Fixed, unsigned query parameters of every request (wire name, value).
    pub query_constants: Vec<(String, String)>,
    /// Wire name of the idempotency-key field.
    pub idempotency_key: Option<String>,
    /// Changes nothing on the platform.
    pub read_only: bool,
    /// Its cloud-call form.
    pub cloud_call: Option<CloudCall>,
}

impl Default for Call {
    /// A GET to no path: a starting point for endpoints built by hand.
    fn default() -> Self {
        Call {
            method: Method::Get,
            paths: Vec::new(),
            query_constants: Vec::new(),
            idempotency_key: None,
            read_only: false,
            cloud_call: None,
        }
    }
}

impl Call {
    /// The path called in an environment.
    pub fn path_in(&self, environment: &str) -> Option<&str> {
        self.paths
            .iter()
            .find(|p| p.environment == environment)
            .map(|p| p.path.as_str())
    }

    /// True when a retry can never apply the request twice.
    pub fn retry_safe(&self) -> bool {
        self.read_only || self.idempotency_key.is_some()
    }
}

/// What only a callback has.
#[derive(Debug, Clone)]
pub struct Callback {
    /// HTTP method.
    pub method: Method,
    /// The reply the platform expects.
    pub reply: Option<Reply>,
    /// Fields identifying one notification (wire names), for exactly-once delivery.
    pub dedup_key: Vec<String>,
    /// The replay-window timestamp.
    pub timestamp: Option<Timestamp>,
    /// How an encrypted body is opened before its fields are read.
    pub decrypt: Option<Decrypt>,
}

impl Default for Callback {
    /// A GET without reply: a starting point for endpoints built by hand.
    fn default() -> Self {
        Callback {
            method: Method::Get,
            reply: None,
            dedup_key: Vec::new(),
            timestamp: None,
            decrypt: None,
        }
    }
}

/// A callback's replay-window timestamp.
#[derive(Debug, Clone, Default)]
pub struct Timestamp {
    /// The int field (wire name) holding it.
    pub field: String,
    /// The platform's replay window in seconds, when its documentation gives one.
    pub max_age: Option<u64>,
}

/// What only a frontend payload has.
#[derive(Debug, Clone, Default)]
pub struct Frontend {
    /// The SDK function it is handed to.
    pub sdk_function: Option<String>,
    /// The SDK's result codes.
    pub results: Vec<ResultCode>,
    /// The SDK function takes a `(code, msg)` callback.
    pub sdk_callback: bool,
    /// The callback endpoint that confirms the outcome to the game server.
    pub notify: Option<String>,
}

/// An endpoint's cloud-call form, checked.
#[derive(Debug, Clone, Default)]
pub struct CloudCall {
    /// Function name per environment, in the platform's environment order.
    pub functions: Vec<(String, String)>,
    /// (recipe name, parameter name) of the signatures passed in the cloud call.
    pub signatures: Vec<(String, String)>,
}

/// An endpoint's path in one environment.
#[derive(Debug, Clone, Default)]
pub struct EnvironmentPath {
    /// Environment name.
    pub environment: String,
    /// Path, starting with `/`.
    pub path: String,
}

/// The reply to a callback.
#[derive(Debug, Clone, Default)]
pub struct Reply {
    /// Content type.
    pub content_type: String,
    /// Acknowledgement body.
    pub success: String,
    /// Refusal body; may contain `{message}`.
    pub failure: String,
    /// HTTP status of a refusal (200 unless the platform reads only the status).
    pub failure_status: u16,
    /// The success reply is this received field's value (wire name) instead of `success`.
    pub echo: Option<String>,
    /// The replies to a request that came as XML (`json_or_xml` endpoints).
    pub xml: Option<ReplyForm>,
    /// Notes (e.g. an assumption).
    pub doc: Option<String>,
}

/// A front-end SDK result code.
#[derive(Debug, Clone, Default)]
pub struct ResultCode {
    /// Code.
    pub code: i64,
    /// snake_case name.
    pub name: String,
    /// Meaning.
    pub doc: Option<String>,
    /// The code of success.
    pub ok: bool,
    /// When the SDK answers it.
    pub when: Vec<ErrorWhen>,
}
