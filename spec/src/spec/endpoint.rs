//! Endpoints: what a platform offers (calls, callbacks, frontend payloads), their replies,
//! frontend result codes and worked examples.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::Deserialize;

use super::{CloudCall, Decrypt, ErrorCode, ErrorWhen, Field, ReplyForm, yes};
use crate::lenient::Lenient;

/// Who calls whom.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EndpointKind {
    /// The game server calls the platform.
    #[default]
    Call,
    /// The platform calls the game server (login redirect, pay notify).
    Callback,
    /// A payload the game page hands to the platform's JS SDK.
    Frontend,
}

/// HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum Method {
    /// GET.
    #[serde(rename = "GET")]
    Get,
    /// POST.
    #[serde(rename = "POST")]
    Post,
}

impl Method {
    /// `GET` or `POST`, as on the wire and in strings to sign.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// How an endpoint's parameters are carried.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    /// URL query string.
    #[default]
    Query,
    /// `application/x-www-form-urlencoded` body.
    Form,
    /// JSON object body.
    Json,
    /// XML document body (`<xml><Name>value</Name>…</xml>`), callbacks only: the root's
    /// children are the fields, text or CDATA their values.
    Xml,
    /// A JSON object or an XML document, as the platform is configured to push (callbacks
    /// only): told apart by the body's first character, and answered in the same format.
    JsonOrXml,
}

impl Encoding {
    /// Whether the parameters travel in a body (form, JSON or XML).
    pub fn has_body(self) -> bool {
        self != Encoding::Query
    }

    /// Whether the body may be an XML document.
    pub fn reads_xml(self) -> bool {
        matches!(self, Encoding::Xml | Encoding::JsonOrXml)
    }
}

/// A path for every environment, or one per environment.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum PathSpec {
    /// The same path everywhere.
    Same(String),
    /// Environment name -> path.
    PerEnvironment(IndexMap<String, String>),
}

/// An endpoint.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Endpoint {
    /// `call`, `callback` or `frontend`.
    pub kind: EndpointKind,
    /// The platform's own name for it, e.g. `midas.present`.
    #[serde(default)]
    pub title: Option<String>,
    /// What it does.
    #[serde(default)]
    pub doc: Option<String>,
    /// HTTP method (`call` and `callback`).
    #[serde(default)]
    pub method: Option<Method>,
    /// URL path (`call`): one for all environments or one per environment.
    #[serde(default)]
    pub path: Option<PathSpec>,
    /// How parameters travel; defaults to `query` for GET and `json` for POST.
    #[serde(default)]
    pub encoding: Option<Encoding>,
    /// Whether the platform's `common_request` fields are part of this endpoint.
    #[serde(default = "yes")]
    pub common: bool,
    /// Call: parameters with a fixed value sent in the query string of every request, never
    /// signed (WeChat mini-game pay 2.0 `sig_method: hmac_sha256`): wire name -> value.
    #[serde(default)]
    pub query_constants: IndexMap<String, String>,
    /// Credentials (with `in`) this endpoint sends; default: every credential that has `in`.
    /// `[]` for an endpoint that must not carry them (the token endpoint itself).
    #[serde(default)]
    pub send_credentials: Option<Vec<String>>,
    /// Signatures (names from `signatures`) in the order they are computed.
    #[serde(default)]
    pub sign: Vec<String>,
    /// Request field that makes a retry safe: the platform never applies the same value twice.
    #[serde(default)]
    pub idempotency_key: Option<String>,
    /// Changes nothing on the platform, so a retry is always safe.
    #[serde(default)]
    pub read_only: bool,
    /// Request fields (call, frontend) or received fields (callback), by wire name.
    #[serde(default)]
    pub request: IndexMap<String, Lenient<Field>>,
    /// Response fields besides the envelope's.
    #[serde(default)]
    pub response: IndexMap<String, Lenient<Field>>,
    /// Error codes of this endpoint only.
    #[serde(default)]
    pub errors: IndexMap<i64, Lenient<ErrorCode>>,
    /// Callback: the exact replies the platform expects.
    #[serde(default)]
    pub reply: Option<Reply>,
    /// Callback: the fields that identify one notification; a resent notification has the same
    /// values, so a handler delivers goods once per key.
    #[serde(default)]
    pub dedup_key: Vec<String>,
    /// Callback: a timestamp field (seconds) checked against a replay window.
    #[serde(default)]
    pub timestamp_field: Option<String>,
    /// Callback: the platform's own replay window, in seconds back from now (Tencent v3
    /// delivery: 900); the generated `MAX_AGE_SECS` and `gamechannel verify` use it.
    #[serde(default)]
    pub timestamp_max_age: Option<u64>,
    /// Frontend: the JS SDK function the page calls, e.g. `wancmssdk.pay`.
    #[serde(default)]
    pub sdk_function: Option<String>,
    /// Frontend: result codes the SDK hands back to the page's callback.
    #[serde(default)]
    pub results: IndexMap<i64, Lenient<ResultCode>>,
    /// Frontend: the SDK function takes a `function (code, msg)` callback; default: when it
    /// has `results`.
    #[serde(default)]
    pub callback: Option<bool>,
    /// Frontend: the `callback` endpoint by which the platform confirms this payload's
    /// outcome to the game server (wancms `pay` -> `pay_notify`).
    #[serde(default)]
    pub notify: Option<String>,
    /// Call: the endpoint also exists as a cloud call (needs the top-level `cloud`).
    #[serde(default)]
    pub cloud_call: Option<CloudCall>,
    /// Callback: the body, or part of it, arrives encrypted and is decrypted before its fields
    /// are read (WeChat push safe mode).
    #[serde(default)]
    pub decrypt: Option<Decrypt>,
    /// Worked examples; each becomes a test and must reproduce at generation time.
    #[serde(default)]
    pub examples: Vec<Lenient<Example>>,
}

/// The reply a callback handler must send.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reply {
    /// Content type of the reply, e.g. `text/plain` or `application/json`.
    pub content_type: String,
    /// Body that acknowledges the callback; the platform stops resending. Empty when absent
    /// (with `echo`, or a platform that takes an empty body).
    #[serde(default)]
    pub success: String,
    /// Body that refuses it; `{message}` is replaced by the reason (JSON-escaped for JSON replies).
    pub failure: String,
    /// HTTP status of the refusal (default 200), for platforms that read only the status.
    #[serde(default)]
    pub failure_status: Option<u16>,
    /// The success reply is the received value of this field instead of `success` (a URL
    /// handshake that echoes `echostr`).
    #[serde(default)]
    pub echo: Option<String>,
    /// The replies to a request that came as XML (`encoding: json_or_xml`).
    #[serde(default)]
    pub xml: Option<ReplyForm>,
    /// Where the reply format is an assumption rather than documented.
    #[serde(default)]
    pub doc: Option<String>,
}

/// A result code a front-end SDK reports.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResultCode {
    /// snake_case name; becomes an enum variant.
    pub name: String,
    /// What it means.
    #[serde(default)]
    pub doc: Option<String>,
    /// The code of success (wancms pay `paid`, share `shared`).
    #[serde(default)]
    pub ok: bool,
    /// The situations in which the SDK answers this code (`bad_parameter`, `bad_signature`,
    /// `parameter_count`); the mock platform answers it then.
    #[serde(default)]
    pub when: Vec<ErrorWhen>,
}

/// A worked example: inputs and what the signatures must come out as.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// Short name; becomes the generated test's name.
    pub name: String,
    /// Where the vector comes from (official documentation or computed).
    #[serde(default)]
    pub source: Option<String>,
    /// Environment whose path is signed (default: the first environment).
    #[serde(default)]
    pub environment: Option<String>,
    /// Sign over this path instead (a vector published for another path of the same family).
    #[serde(default)]
    pub path: Option<String>,
    /// Credential values.
    #[serde(default)]
    pub credentials: IndexMap<String, String>,
    /// Request field values as sent (scalars). Not with `body`, which gives them.
    #[serde(default)]
    #[schemars(with = "IndexMap<String, serde_json::Value>")]
    pub request: IndexMap<String, serde_yaml::Value>,
    /// The raw request body exactly as sent, for recipes that sign `{body}` (a vector computed
    /// over a body spaced or ordered unlike the generated client's); the request fields are
    /// read from it.
    #[serde(default)]
    pub body: Option<String>,
    /// Expected results, by signature name.
    pub expect: IndexMap<String, ExpectedSignature>,
}

/// The expected outcome of one signature in an example.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExpectedSignature {
    /// The exact string that is hashed.
    pub string_to_sign: String,
    /// The signature as it travels.
    pub value: String,
}
