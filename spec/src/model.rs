//! The checked model: every name resolved, every recipe compiled to a flat list of parts in
//! its final order. Emitters and the recipe evaluator read only this, never the raw spec.

pub use crate::spec::{
    CipherName, Cloud, Decrypt, Encoding, EndpointKind, Envelope, ErrorWhen, FieldType, IssuedBy,
    Location, Method, ReplyForm, Sdk, ValueEncoding,
};
pub use gamechannel_core::{Algorithm, Output, Signer, Transform};

mod endpoint;
mod example;
mod field;
mod kind;
mod recipe;

pub use endpoint::Endpoint;
pub use example::{Example, ExpectedSignature};
pub use field::{Constraints, Field};
pub use kind::{
    Call, Callback, CloudCall, EnvironmentPath, Frontend, Reply, ResultCode, Shape, Timestamp,
};
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
    /// Every code the platform answers, each once: platform-wide ones, then those of each
    /// endpoint in order; the first declaration of a code wins. Built by
    /// [`Platform::merge_errors`].
    pub error_table: Vec<ErrorCode>,
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

    /// Builds [`Platform::error_table`] from `errors` and the endpoints' own codes; call it
    /// again after changing either.
    pub fn merge_errors(&mut self) {
        let mut seen = std::collections::HashSet::new();
        self.error_table = self
            .errors
            .iter()
            .chain(self.endpoints.iter().flat_map(|e| &e.errors))
            .filter(|e| seen.insert(e.code))
            .cloned()
            .collect();
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
