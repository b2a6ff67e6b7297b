//! Fields of requests, responses and received values, with their constraints.

use super::FieldType;

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
