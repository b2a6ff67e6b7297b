//! Worked examples: wire-form inputs and the signatures they must give.

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
