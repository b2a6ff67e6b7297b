//! The checked model: every name resolved, every recipe compiled to a flat list of parts in
//! its final order. Emitters and the recipe evaluator read only this, never the raw spec.

pub use crate::spec::{
    CipherName, Decrypt, Encoding, EndpointKind, ErrorWhen, FieldType, Location, Method, ReplyForm,
    ValueEncoding,
};
pub use gamechannel_core::{Algorithm, Output, Signer, Transform};

mod recipe;

pub use recipe::{
    AlgorithmChoice, Param, ParamList, ParamValue, Part, SignatureRecipe, Source, Template,
};

/// One platform, checked.
#[derive(Debug, Clone, Default)]
pub struct Platform {
    /// Module name (snake_case).
    pub name: String,
    /// Human title.
    pub title: String,
    /// Overview (Markdown).
    pub doc: Option<String>,
    /// Link to the platform's documentation.
    pub docs_url: Option<String>,
    /// The spec file this came from, as given to the loader.
    pub source: String,
    /// Environments in declared order; the first is the default.
    pub environments: Vec<Environment>,
    /// Credentials in declared order.
    pub credentials: Vec<Credential>,
    /// How responses say success; `None` when the platform has no `call` endpoint.
    pub envelope: Option<Envelope>,
    /// Platform-wide error codes, in declared order.
    pub errors: Vec<ErrorCode>,
    /// Endpoints in declared order.
    pub endpoints: Vec<Endpoint>,
    /// The platform's JS SDK, for platforms with `frontend` endpoints.
    pub sdk: Option<Sdk>,
    /// The cloud-call form, for platforms with `cloud_call` endpoints.
    pub cloud: Option<Cloud>,
    /// Examples of recipes on their own (`signatures.<name>.examples`), each reproduced.
    pub recipe_examples: Vec<RecipeExample>,
}

/// A published vector of one recipe, not tied to an endpoint: the recipe compiled for the
/// example's own parameters, and the example checked against it.
#[derive(Debug, Clone, Default)]
pub struct RecipeExample {
    /// Recipe name.
    pub signature: String,
    /// Why the published value is wrong, for a negative example: the recipe gives another.
    pub refutes: Option<String>,
    /// The recipe compiled alone: a stand-in endpoint whose request fields are the example's
    /// parameters (required text) and whose only signature is the recipe.
    pub endpoint: Endpoint,
    /// The example (its `expect` holds the one signature; its `body` is what `{body}` reads).
    pub example: Example,
}

/// The platform's JS SDK as a page loads it.
#[derive(Debug, Clone, Default)]
pub struct Sdk {
    /// Path of the script on the environment's host.
    pub script: String,
    /// The callback endpoint (GET, no reply) by which the platform opens the game page.
    pub login: Option<String>,
    /// Notes.
    pub doc: Option<String>,
}

/// The platform's cloud-call form.
#[derive(Debug, Clone, Default)]
pub struct Cloud {
    /// Name of the result code in an answer or exception (`errCode`).
    pub code: String,
    /// Name of the message (`errMsg`).
    pub message: Option<String>,
    /// Notes.
    pub doc: Option<String>,
}

/// An endpoint's cloud-call form, checked.
#[derive(Debug, Clone, Default)]
pub struct CloudCall {
    /// Function name per environment, in the platform's environment order.
    pub functions: Vec<(String, String)>,
    /// (recipe name, parameter name) of the signatures passed in the cloud call.
    pub signatures: Vec<(String, String)>,
}

impl Platform {
    /// Looks up a credential by name.
    pub fn credential(&self, name: &str) -> Option<&Credential> {
        self.credentials.iter().find(|c| c.name == name)
    }

    /// Looks up an endpoint by name.
    pub fn endpoint(&self, name: &str) -> Option<&Endpoint> {
        self.endpoints.iter().find(|e| e.name == name)
    }

    /// The code answered in situation `when` by `endpoint`, preferring one that names
    /// `detail` (a field for bad parameters, a signature for bad signatures), then a general one.
    pub fn error_when<'a>(
        &'a self,
        endpoint: &'a Endpoint,
        when: ErrorWhen,
        detail: Option<&str>,
    ) -> Option<&'a ErrorCode> {
        let candidates = || {
            self.errors_of(endpoint)
                .filter(move |e| e.when.contains(&when))
        };
        let specific = candidates().find(|e| {
            let named = e.field.as_deref().or(e.signature.as_deref());
            named.is_some() && named == detail
        });
        specific.or_else(|| candidates().find(|e| e.field.is_none() && e.signature.is_none()))
    }

    /// Every error code an endpoint can answer: platform-wide first, then its own.
    pub fn errors_of<'a>(&'a self, endpoint: &'a Endpoint) -> impl Iterator<Item = &'a ErrorCode> {
        self.errors.iter().chain(endpoint.errors.iter())
    }
}

/// An environment.
#[derive(Debug, Clone, Default)]
pub struct Environment {
    /// `production`, `sandbox`, ...
    pub name: String,
    /// Scheme and host, no trailing slash.
    pub base_url: String,
    /// Notes.
    pub doc: Option<String>,
}

/// A credential.
#[derive(Debug, Clone, Default)]
pub struct Credential {
    /// Name (snake_case), also its wire name when it travels.
    pub name: String,
    /// Never printed; `Secret` in generated code.
    pub secret: bool,
    /// Differs per user.
    pub per_user: bool,
    /// May be absent.
    pub optional: bool,
    /// Sent with every `call` request, here.
    pub travels_in: Option<Location>,
    /// Issued at run time by an endpoint of the platform.
    pub issued_by: Option<IssuedBy>,
    /// Notes.
    pub doc: Option<String>,
}

/// Which endpoint issues a credential (checked: a call endpoint with those response fields).
#[derive(Debug, Clone, Default)]
pub struct IssuedBy {
    /// Endpoint name.
    pub endpoint: String,
    /// Response field (wire name) with the value.
    pub value: String,
    /// Response field (wire name) with the lifetime in seconds.
    pub expires_in: Option<String>,
}

/// Response envelope.
#[derive(Debug, Clone, Default)]
pub struct Envelope {
    /// Code field wire name.
    pub code: String,
    /// Message field wire name.
    pub message: Option<String>,
    /// Success value.
    pub ok: i64,
    /// A response without the code field is a success.
    pub missing_is_ok: bool,
}

/// An error code.
#[derive(Debug, Clone, Default)]
pub struct ErrorCode {
    /// Numeric code.
    pub code: i64,
    /// snake_case name.
    pub name: String,
    /// Meaning.
    pub doc: Option<String>,
    /// Safe to retry the same request.
    pub retry: bool,
    /// When the platform answers it (drives the mock platform and token refresh).
    pub when: Vec<ErrorWhen>,
    /// With `BadParameter`: only for this request field.
    pub field: Option<String>,
    /// With `BadSignature`: only for this signature.
    pub signature: Option<String>,
}

/// A field with its constraints.
#[derive(Debug, Clone, Default)]
pub struct Field {
    /// Name on the wire.
    pub wire: String,
    /// Rust field name (snake_case, not yet escaped for keywords).
    pub rust: String,
    /// Type.
    pub ty: FieldType,
    /// Must be present.
    pub required: bool,
    /// Required, yet the empty string is valid (always sent and signed).
    pub allow_empty: bool,
    /// Meaning.
    pub doc: Option<String>,
    /// Checked before sending (requests) or after verifying (callbacks).
    pub constraints: Constraints,
    /// Holds a secret: typed `Secret`, never printed.
    pub secret: bool,
    /// Covered by `from: request` parameter lists.
    pub signed: bool,
    /// Members of an `object` field.
    pub fields: Vec<Field>,
    /// Name in the endpoint's cloud-call form, when it has one.
    pub cloud_name: Option<String>,
    /// Arrives URL-encoded twice: decoded once more after the transport decoding.
    pub encoded_twice: bool,
    /// An object received as a JSON document inside a string (`json: true` on an `object`):
    /// signed as that string, then parsed into its members.
    pub json_string: bool,
    /// A callback field that arrives in the URL query although the endpoint has a body.
    pub in_query: bool,
    /// A string carrying a JSON document (`json: true` on a `string`), whose members are
    /// readable by path.
    pub json: bool,
}

/// Value constraints of a field.
#[derive(Debug, Clone, Default)]
pub struct Constraints {
    /// Max length in characters.
    pub max_len: Option<u32>,
    /// Min length in characters.
    pub min_len: Option<u32>,
    /// Regex the whole value must match (already anchored `^...$` by the validator).
    pub pattern: Option<String>,
    /// Smallest int.
    pub min: Option<i64>,
    /// Largest int.
    pub max: Option<i64>,
    /// Int may not be zero.
    pub non_zero: bool,
    /// Allowed values with their meaning (empty: any).
    pub values: Vec<(String, String)>,
}

impl Constraints {
    /// True when nothing is constrained.
    pub fn is_empty(&self) -> bool {
        self.max_len.is_none()
            && self.min_len.is_none()
            && self.pattern.is_none()
            && self.min.is_none()
            && self.max.is_none()
            && !self.non_zero
            && self.values.is_empty()
    }
}

/// An endpoint, checked.
#[derive(Debug, Clone, Default)]
pub struct Endpoint {
    /// snake_case name.
    pub name: String,
    /// Kind.
    pub kind: EndpointKind,
    /// The platform's own name for it.
    pub title: Option<String>,
    /// Meaning.
    pub doc: Option<String>,
    /// HTTP method (`None` for frontend payloads).
    pub method: Option<Method>,
    /// Path per environment, in the platform's environment order (`call` only; else empty).
    pub paths: Vec<EnvironmentPath>,
    /// How parameters travel.
    pub encoding: Encoding,
    /// Credentials that travel with this endpoint's requests (each has `travels_in`).
    pub sends: Vec<String>,
    /// Fixed, unsigned query parameters of every request (wire name, value).
    pub query_constants: Vec<(String, String)>,
    /// Request (or received) fields: common fields first, then the endpoint's own.
    pub request: Vec<Field>,
    /// Response fields besides the envelope.
    pub response: Vec<Field>,
    /// Endpoint-only error codes.
    pub errors: Vec<ErrorCode>,
    /// Wire name of the idempotency-key field.
    pub idempotency_key: Option<String>,
    /// Changes nothing on the platform.
    pub read_only: bool,
    /// Optional parameters with an empty value are neither sent nor signed.
    pub omit_empty: bool,
    /// Signatures in computation order.
    pub signatures: Vec<SignatureRecipe>,
    /// Callback reply.
    pub reply: Option<Reply>,
    /// Callback fields identifying one notification (wire names), for exactly-once delivery.
    pub dedup_key: Vec<String>,
    /// Callback replay-window timestamp field (wire name).
    pub timestamp_field: Option<String>,
    /// The platform's replay window in seconds, when its documentation gives one.
    pub timestamp_max_age: Option<u64>,
    /// Frontend SDK function.
    pub sdk_function: Option<String>,
    /// Frontend result codes.
    pub results: Vec<ResultCode>,
    /// Frontend: the SDK function takes a `(code, msg)` callback.
    pub sdk_callback: bool,
    /// Frontend: the callback endpoint that confirms the outcome to the game server.
    pub notify: Option<String>,
    /// Call: its cloud-call form.
    pub cloud_call: Option<CloudCall>,
    /// Callback: how an encrypted body is opened before its fields are read.
    pub decrypt: Option<Decrypt>,
    /// Worked examples, each already reproduced by the evaluator.
    pub examples: Vec<Example>,
}

impl Endpoint {
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
            || self.decrypt.is_some()
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
        let sealed = self.decrypt.as_ref().map(|d| d.signature.as_str());
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

/// A worked example, with wire-form inputs.
#[derive(Debug, Clone, Default)]
pub struct Example {
    /// Test name (snake_case).
    pub name: String,
    /// Provenance.
    pub source: Option<String>,
    /// Environment signed for.
    pub environment: String,
    /// Path signed over (empty when the endpoint has none).
    pub path: String,
    /// Credential values by name.
    pub credentials: Vec<(String, String)>,
    /// Request values by wire name, as their wire text.
    pub request: Vec<(String, String)>,
    /// The raw body the example signs, when it gives one (else the body built from `request`).
    pub body: Option<String>,
    /// Expected signatures, in the endpoint's computation order.
    pub expect: Vec<ExpectedSignature>,
}

/// One expected signature of an example.
#[derive(Debug, Clone, Default)]
pub struct ExpectedSignature {
    /// Recipe name.
    pub signature: String,
    /// Exact string to sign.
    pub string_to_sign: String,
    /// Signature value.
    pub value: String,
}
