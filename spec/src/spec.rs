//! The spec format: Rust types that mirror a platform's YAML file one to one.
//!
//! Nothing here is checked beyond its shape; `validate` turns a [`Spec`] into the checked
//! [`crate::model::Platform`]. Collection items are wrapped in [`Lenient`] so that one broken
//! item does not hide the errors of the others.

mod page;
mod push;
mod signature;

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::Deserialize;

pub use page::{Cloud, CloudCall, Sdk};
pub use push::{CipherName, Decrypt, ReplyForm};
pub use signature::{
    AlgorithmName, KeyBy, OutputName, ParamSet, ParamSource, RecipeExample, Signature, SortOrder,
    ValueEncoding,
};

use crate::lenient::Lenient;

/// One platform: everything the generator needs to build its client module and docs.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// Rust module name of the platform (snake_case), e.g. `wechat_midas`.
    pub platform: String,
    /// Human title, e.g. `WeChat mini-game virtual payment (Midas v1)`.
    pub title: String,
    /// What the platform is and how a game uses it (Markdown).
    #[serde(default)]
    pub doc: Option<String>,
    /// Link to the platform's own documentation.
    #[serde(default)]
    pub docs_url: Option<String>,
    /// Environments selectable at run time, e.g. `production` and `sandbox`, with base URLs.
    pub environments: IndexMap<String, Lenient<Environment>>,
    /// Credentials supplied at run time: keys, tokens, per-user session keys.
    #[serde(default)]
    pub credentials: IndexMap<String, Lenient<Credential>>,
    /// How every response of a `call` endpoint says success or failure.
    #[serde(default)]
    pub envelope: Option<Lenient<Envelope>>,
    /// Platform-wide error codes (keys are the numeric codes).
    #[serde(default)]
    pub errors: IndexMap<i64, Lenient<ErrorCode>>,
    /// Fields every `call` endpoint sends (the platform's "public parameters"), before its own.
    #[serde(default)]
    pub common_request: IndexMap<String, Lenient<Field>>,
    /// Signing recipes, referenced by name from endpoints' `sign` lists.
    #[serde(default)]
    pub signatures: IndexMap<String, Lenient<Signature>>,
    /// The platform's endpoints, by name (snake_case; becomes the Rust method/module name).
    pub endpoints: IndexMap<String, Lenient<Endpoint>>,
    /// The platform's JS SDK as a game page loads it (platforms with `frontend` endpoints).
    #[serde(default)]
    pub sdk: Option<Lenient<Sdk>>,
    /// The cloud-call form shared by the endpoints that have a `cloud_call`.
    #[serde(default)]
    pub cloud: Option<Lenient<Cloud>>,
}

/// One environment (`production`, `sandbox`, ...).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Environment {
    /// Scheme and host (no trailing slash), e.g. `https://api.weixin.qq.com`.
    pub base_url: String,
    /// Notes on this environment.
    #[serde(default)]
    pub doc: Option<String>,
}

/// Where a value travels in a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Location {
    /// In the URL query string.
    Query,
    /// In the request body (JSON or form, as the endpoint's `encoding` says).
    Body,
}

/// A credential: a key, a token, a per-user session key.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Credential {
    /// Secret values are wrapped in `Secret`: never printed, never logged, zeroized on drop.
    #[serde(default)]
    pub secret: bool,
    /// Differs per user (e.g. WeChat `session_key`) rather than per application.
    #[serde(default)]
    pub per_user: bool,
    /// May be absent; signatures keyed by or covering it are then not sent.
    #[serde(default)]
    pub optional: bool,
    /// Sent with every request of the platform's `call` endpoints, here. Absent: never sent.
    #[serde(default, rename = "in")]
    pub travels_in: Option<Location>,
    /// Issued at run time by one of the platform's own endpoints (WeChat `access_token`):
    /// clients get it from a token provider that calls that endpoint, cache it and refresh it.
    #[serde(default)]
    pub issued_by: Option<IssuedBy>,
    /// What it is and where the developer finds it.
    #[serde(default)]
    pub doc: Option<String>,
}

/// Which endpoint issues a credential, and where its answer carries it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IssuedBy {
    /// The `call` endpoint that issues it.
    pub endpoint: String,
    /// Response field holding the credential's value.
    pub value: String,
    /// Response field holding its lifetime in seconds.
    #[serde(default)]
    pub expires_in: Option<String>,
}

/// How a response says success or failure.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    /// Name of the numeric result-code field, e.g. `errcode`, `ret`, `code`.
    pub code: String,
    /// Name of the message field, e.g. `errmsg`, `msg`.
    #[serde(default)]
    pub message: Option<String>,
    /// The code value that means success, e.g. `0` (WeChat, QQ) or `1` (llewan).
    pub ok: i64,
    /// A missing code field means success (WeChat omits `errcode` on some successes).
    #[serde(default)]
    pub missing_is_ok: bool,
}

/// One error code's meaning.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorCode {
    /// snake_case name; becomes the `ErrorCode` variant (`order_exists` -> `OrderExists`).
    pub name: String,
    /// What it means (English, with the platform's own wording where it helps).
    #[serde(default)]
    pub doc: Option<String>,
    /// A retry of the same request may succeed (e.g. `-1` system busy).
    #[serde(default)]
    pub retry: bool,
    /// The situations in which the platform answers this code; the mock platform answers it
    /// then, and clients react to it (a token refresh on `token_expired`).
    #[serde(default)]
    pub when: Vec<ErrorWhen>,
    /// With `when: bad_parameter`: only for this request field (wire name).
    #[serde(default)]
    pub field: Option<String>,
    /// With `when: bad_signature`: only for this signature (recipe name).
    #[serde(default)]
    pub signature: Option<String>,
}

/// Situations that platforms answer with an error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorWhen {
    /// A parameter is missing or violates its constraints.
    BadParameter,
    /// A signature does not match.
    BadSignature,
    /// The platform is overloaded; retry later.
    SystemBusy,
    /// The access token has expired or is not the latest: refresh it and retry.
    TokenExpired,
    /// The access token is not valid at all: refresh it and retry.
    TokenInvalid,
    /// The user's balance is too low.
    InsufficientBalance,
    /// The order number was already used for a different order.
    DuplicateOrder,
    /// The user's session (login state) is missing or expired.
    SessionExpired,
    /// A parameter is missing, or one is sent that the endpoint does not declare.
    ParameterCount,
    /// The request's idempotency key was applied by an earlier request, and the platform says
    /// so instead of replaying its answer (WeChat xpay `268490004` 重复操作, Douyin `90012`
    /// 订单已存在). A call with an `idempotency_key` answers such a code as a success, so a
    /// retry after a lost answer is not reported as a failure.
    AlreadyApplied,
}

impl ErrorWhen {
    /// The situation as a spec writes it (`bad_signature`).
    pub fn name(self) -> &'static str {
        match self {
            ErrorWhen::BadParameter => "bad_parameter",
            ErrorWhen::BadSignature => "bad_signature",
            ErrorWhen::SystemBusy => "system_busy",
            ErrorWhen::TokenExpired => "token_expired",
            ErrorWhen::TokenInvalid => "token_invalid",
            ErrorWhen::InsufficientBalance => "insufficient_balance",
            ErrorWhen::DuplicateOrder => "duplicate_order",
            ErrorWhen::SessionExpired => "session_expired",
            ErrorWhen::ParameterCount => "parameter_count",
            ErrorWhen::AlreadyApplied => "already_applied",
        }
    }
}

/// Value type of a field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    /// UTF-8 text.
    #[default]
    String,
    /// Signed 64-bit integer; written in decimal when signed.
    Int,
    /// `true` / `false`.
    Bool,
    /// A decimal amount kept as its exact text (`6.00` stays `6.00`).
    Decimal,
    /// A nested object; its members are listed under `fields`.
    Object,
}

/// A request or response field. The map key is the wire name; the Rust name comes from it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// Value type.
    #[serde(rename = "type")]
    pub ty: FieldType,
    /// Must be present (and, for strings, non-empty unless `allow_empty`).
    #[serde(default)]
    pub required: bool,
    /// With `required`: always sent and signed, but the empty string is a valid value
    /// (wancms `ext`, which its signature always covers as `ext=` at least).
    #[serde(default)]
    pub allow_empty: bool,
    /// What it means; may carry the platform's Chinese term.
    #[serde(default)]
    pub doc: Option<String>,
    /// Maximum length in characters (strings).
    #[serde(default)]
    pub max_len: Option<u32>,
    /// Minimum length in characters (strings).
    #[serde(default)]
    pub min_len: Option<u32>,
    /// Regular expression the whole value must match (strings, decimals).
    #[serde(default)]
    pub pattern: Option<String>,
    /// Smallest allowed value (ints).
    #[serde(default)]
    pub min: Option<i64>,
    /// Largest allowed value (ints).
    #[serde(default)]
    pub max: Option<i64>,
    /// The value may not be zero (ints), e.g. Midas `present_counts`.
    #[serde(default)]
    pub non_zero: bool,
    /// The only allowed values, each with its meaning.
    #[serde(default, rename = "enum", deserialize_with = "scalar_keys")]
    pub values: Option<IndexMap<String, String>>,
    /// Holds a secret (an app secret, an issued token): typed `Secret`, never printed.
    #[serde(default)]
    pub secret: bool,
    /// Sent but not covered by the endpoint's signatures (wancms pay `app_id`).
    #[serde(default = "yes")]
    pub signed: bool,
    /// Members of an `object` field.
    #[serde(default)]
    pub fields: Option<IndexMap<String, Lenient<Field>>>,
    /// The field's name in the endpoint's cloud-call form (`offerId` for `offer_id`).
    #[serde(default)]
    pub cloud_name: Option<String>,
    /// Callbacks: the platform URL-encodes this value once more before the transport encoding
    /// (Huawei `extReserved`, `sysReserved`, `sign`), so it is decoded twice before it is
    /// signed and parsed.
    #[serde(default)]
    pub encoded_twice: bool,
    /// Callbacks with a body: the field arrives in the URL query instead (WeChat push
    /// `timestamp`, `nonce`, next to a JSON or XML body).
    #[serde(default, rename = "in")]
    pub travels_in: Option<Location>,
    /// Callbacks: a JSON document carried as a string, signed as the string received. On a
    /// `string` field (WeChat `MiniGame.Payload`) its members are readable by path
    /// (`MiniGame.Payload.OutTradeNo`); on an `object` field with `fields` (Douyin `msg`) it
    /// is parsed into those typed members.
    #[serde(default)]
    pub json: bool,
}

fn yes() -> bool {
    true
}

/// An `enum` map whose keys may be written as YAML integers (`{0: none, 1: one}`, as `int`
/// fields need) or booleans, each kept as its text.
fn scalar_keys<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<IndexMap<String, String>>, D::Error> {
    #[derive(Deserialize, PartialEq, Eq, Hash)]
    #[serde(untagged)]
    enum Key {
        Int(i64),
        Bool(bool),
        Text(String),
    }
    let map = Option::<IndexMap<Key, String>>::deserialize(deserializer)?;
    Ok(map.map(|map| {
        map.into_iter()
            .map(|(key, doc)| {
                let key = match key {
                    Key::Int(n) => n.to_string(),
                    Key::Bool(b) => b.to_string(),
                    Key::Text(text) => text,
                };
                (key, doc)
            })
            .collect()
    }))
}

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
