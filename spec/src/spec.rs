//! The spec format: Rust types that mirror a platform's YAML file one to one.
//!
//! Nothing here is checked beyond its shape; `validate` turns a [`Spec`] into the checked
//! [`crate::model::Platform`]. Collection items are wrapped in [`Lenient`] so that one broken
//! item does not hide the errors of the others.

mod endpoint;
mod page;
mod push;
mod signature;

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::Deserialize;

pub use endpoint::{
    Encoding, Endpoint, EndpointKind, Example, ExpectedSignature, Method, PathSpec, Reply,
    ResultCode,
};
pub use page::{Cloud, CloudCall, Sdk};
pub use push::{CipherName, Decrypt, ReplyForm};
pub use signature::{
    AlgorithmName, KeyBy, OutputName, ParamSet, ParamSource, RecipeExample, Signature, SortOrder,
    ValueEncoding,
};

use crate::lenient::{Lenient, optional_text, text, unique_keys};

/// One platform: everything the generator needs to build its client module and docs.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// Rust module name of the platform (snake_case), e.g. `wechat_midas`.
    #[serde(deserialize_with = "text")]
    pub platform: String,
    /// Human title, e.g. `WeChat mini-game virtual payment (Midas v1)`.
    #[serde(deserialize_with = "text")]
    pub title: String,
    /// What the platform is and how a game uses it (Markdown).
    #[serde(default, deserialize_with = "optional_text")]
    pub doc: Option<String>,
    /// Link to the platform's own documentation.
    #[serde(default, deserialize_with = "optional_text")]
    pub docs_url: Option<String>,
    /// Environments selectable at run time, e.g. `production` and `sandbox`, with base URLs.
    #[serde(deserialize_with = "unique_keys")]
    pub environments: IndexMap<String, Lenient<Environment>>,
    /// Credentials supplied at run time: keys, tokens, per-user session keys.
    #[serde(default, deserialize_with = "unique_keys")]
    pub credentials: IndexMap<String, Lenient<Credential>>,
    /// How every response of a `call` endpoint says success or failure.
    #[serde(default)]
    pub envelope: Option<Lenient<Envelope>>,
    /// Platform-wide error codes (keys are the numeric codes).
    #[serde(default, deserialize_with = "unique_keys")]
    pub errors: IndexMap<i64, Lenient<ErrorCode>>,
    /// Fields every `call` endpoint sends (the platform's "public parameters"), before its own.
    #[serde(default, deserialize_with = "unique_keys")]
    pub common_request: IndexMap<String, Lenient<Field>>,
    /// Signing recipes, referenced by name from endpoints' `sign` lists.
    #[serde(default, deserialize_with = "unique_keys")]
    pub signatures: IndexMap<String, Lenient<Signature>>,
    /// The platform's endpoints, by name (snake_case; becomes the Rust method/module name).
    #[serde(deserialize_with = "unique_keys")]
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
