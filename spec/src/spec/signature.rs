//! The signing-recipe part of the format: `signatures:` entries and their parameter lists.

use std::borrow::Cow;

use gamechannel_core::{Algorithm, Output};
use indexmap::IndexMap;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;

use super::{ExpectedSignature, Location, Method, yes};
use crate::lenient::Lenient;

/// Hash or HMAC of a signing recipe: any algorithm of `gamechannel-core`, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlgorithmName(pub Algorithm);

/// Encoding of the digest: any output of `gamechannel-core`, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutputName(pub Output);

impl<'de> Deserialize<'de> for AlgorithmName {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Algorithm::from_name(&name)
            .map(AlgorithmName)
            .ok_or_else(|| serde::de::Error::unknown_variant(&name, &Algorithm::NAMES))
    }
}

impl<'de> Deserialize<'de> for OutputName {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Output::from_name(&name)
            .map(OutputName)
            .ok_or_else(|| serde::de::Error::unknown_variant(&name, &Output::NAMES))
    }
}

/// A schema of named constants, each with its description.
fn named_constants(
    description: &str,
    names: impl Iterator<Item = (&'static str, &'static str)>,
) -> Schema {
    let one_of: Vec<serde_json::Value> = names
        .map(|(name, doc)| serde_json::json!({ "description": doc, "type": "string", "const": name }))
        .collect();
    json_schema!({ "description": description, "oneOf": one_of })
}

impl JsonSchema for AlgorithmName {
    fn schema_name() -> Cow<'static, str> {
        "AlgorithmName".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        named_constants(
            "Hash or HMAC of a signing recipe.",
            Algorithm::ALL
                .into_iter()
                .map(|a| (a.name(), a.description())),
        )
    }
}

impl JsonSchema for OutputName {
    fn schema_name() -> Cow<'static, str> {
        "OutputName".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        named_constants(
            "Encoding of the digest.",
            Output::ALL.into_iter().map(|o| (o.name(), o.description())),
        )
    }
}

/// A signing recipe: which parameters, in which order, in which string, hashed how.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// Hash or HMAC.
    pub algorithm: AlgorithmName,
    /// The algorithm chosen by the value of a received or sent field instead (Huawei
    /// `signType`: `RSA256` selects `rsa_sha256`, anything else keeps `algorithm`).
    #[serde(default)]
    pub algorithm_by: Option<AlgorithmBy>,
    /// Key template, e.g. `"{app_key}"` or `"{app_key}&"`; for RSA a PEM or base64 DER key,
    /// private to sign, public to verify (`"{public_key}"`). Required for HMAC and RSA only.
    #[serde(default)]
    pub key: Option<String>,
    /// The key chosen by the value of a received or sent field instead (a sandbox key when the
    /// event says it comes from the sandbox); any other value, or an absent field, keeps `key`.
    #[serde(default)]
    pub key_by: Option<KeyBy>,
    /// The parameter list that `{params}` expands to.
    #[serde(default)]
    pub params: Option<ParamSet>,
    /// The string to sign, e.g. `"{params}&org_loc={path}&method={method}&secret={app_key}"`.
    /// Variables: `{params}`, `{path}`, `{method}`, `{body}`, any credential, any request
    /// field, any earlier signature; filters `|percent` and `|md5`.
    #[serde(default = "params_only")]
    pub template: String,
    /// Digest encoding.
    pub output: OutputName,
    /// Wire name of the signature in the request, if not the recipe's name (e.g. `sign`).
    #[serde(default)]
    pub field: Option<String>,
    /// Where the signature travels; defaults to where the endpoint's parameters go.
    #[serde(default, rename = "in")]
    pub travels_in: Option<Location>,
    /// Platforms that send hex in either case: compare ignoring ASCII case when verifying.
    #[serde(default)]
    pub case_insensitive: bool,
    /// Callbacks: the received signature is URL-encoded twice (Huawei `sign`); decode it once
    /// more before checking it.
    #[serde(default)]
    pub encoded_twice: bool,
    /// Notes shown in the docs.
    #[serde(default)]
    pub doc: Option<String>,
    /// Published vectors of the rule itself, not tied to one endpoint; each must reproduce at
    /// generation time and becomes a generated test.
    #[serde(default)]
    pub examples: Vec<Lenient<RecipeExample>>,
}

/// A worked example of a recipe on its own: the values its templates read, and the result.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecipeExample {
    /// Short name; becomes the generated test's name.
    pub name: String,
    /// Where the vector comes from.
    #[serde(default)]
    pub source: Option<String>,
    /// Why the published `value` is wrong: the recipe must give another value for these
    /// inputs (a documentation bug kept as a negative example).
    #[serde(default)]
    pub refutes: Option<String>,
    /// HTTP method read by `{method}`.
    #[serde(default)]
    pub method: Option<Method>,
    /// Path read by `{path}`.
    #[serde(default)]
    pub path: Option<String>,
    /// Raw body read by `{body}`.
    #[serde(default)]
    pub body: Option<String>,
    /// Credential values.
    #[serde(default)]
    pub credentials: IndexMap<String, String>,
    /// Parameters by name, as their wire text (scalars); each is a required text parameter.
    #[serde(default)]
    #[schemars(with = "IndexMap<String, serde_json::Value>")]
    pub request: IndexMap<String, serde_yaml::Value>,
    /// The string to sign and the signature.
    pub expect: ExpectedSignature,
}

/// `algorithm_by:`: which field picks the algorithm, and how.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AlgorithmBy {
    /// Wire name of the field whose value decides (it is usually left out of `params`).
    pub field: String,
    /// Field value -> algorithm; any other value, or an absent field, keeps `algorithm`.
    pub values: IndexMap<String, AlgorithmName>,
}

/// `key_by:`: which field picks the key, and which credential each value selects.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KeyBy {
    /// Wire name or path of the field whose value decides (`MiniGame.Payload.Env`).
    pub field: String,
    /// Field value -> key, one credential written `"{name}"`; any other value, or an absent
    /// field, keeps `key`.
    pub values: IndexMap<String, String>,
}

fn params_only() -> String {
    "{params}".to_owned()
}

/// Which parameters `{params}` covers and how they are joined.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ParamSet {
    /// Start from every signed request field (`request`) or from nothing (`none`).
    #[serde(default)]
    pub from: ParamSource,
    /// Request fields left out by name (the signature's own field is always left out).
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Credentials or earlier signatures taken in as parameters (Midas `mp_sig`: `access_token`, `sig`).
    #[serde(default)]
    pub include: Vec<String>,
    /// Pseudo-parameters with a value template, sorted in with the others
    /// (wancms: `secret_key: "{pay_key}"`).
    #[serde(default)]
    pub extra: IndexMap<String, String>,
    /// `name`: byte order of the names; `declared`: request fields, then `include`, then
    /// `extra`, as written; `value`: byte order of the values as written, known only at run time.
    #[serde(default)]
    pub sort: SortOrder,
    /// Write each parameter as its value alone, without its name and `pair` (signatures over
    /// concatenated values).
    #[serde(default)]
    pub values_only: bool,
    /// Leave out optional parameters that are absent or empty (Midas); `false` signs them as `name=`.
    #[serde(default = "yes")]
    pub skip_empty: bool,
    /// Values `raw` or `percent`-encoded (before any template filter).
    #[serde(default)]
    pub encode: ValueEncoding,
    /// Between a name and its value.
    #[serde(default = "equals")]
    pub pair: String,
    /// Between two parameters.
    #[serde(default = "ampersand")]
    pub join: String,
}

fn equals() -> String {
    "=".to_owned()
}

fn ampersand() -> String {
    "&".to_owned()
}

/// Where the parameter list starts from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ParamSource {
    /// Every request field marked `signed` (the default).
    #[default]
    Request,
    /// Nothing; only `include` and `extra`.
    None,
}

/// Order of the parameter list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SortOrder {
    /// Byte order of the names, decided at generation time.
    #[default]
    Name,
    /// As declared: request fields, then `include`, then `extra`.
    Declared,
    /// Byte order of the values as written (ties keep the declared order), decided per run.
    Value,
}

/// How parameter values are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ValueEncoding {
    /// As sent.
    #[default]
    Raw,
    /// Percent-encoded (RFC 3986, uppercase hex, only `A-Z a-z 0-9 - _ .` kept); also Java's
    /// `URLEncoder` with `+` -> `%20`, `*` -> `%2A`, `~` -> `%7E` (Huawei `cpSign`).
    Percent,
    /// Percent-encoded keeping only `0-9 a-z A-Z ! * ( )` (uppercase hex, so `-` is `%2D`):
    /// Tencent v3 callbacks pre-encode every value this way before the list is joined.
    PercentAlnumMarks,
}

impl ValueEncoding {
    /// The transform that writes a value, if any.
    pub fn transform(self) -> Option<gamechannel_core::Transform> {
        match self {
            ValueEncoding::Raw => None,
            ValueEncoding::Percent => Some(gamechannel_core::Transform::Percent),
            ValueEncoding::PercentAlnumMarks => {
                Some(gamechannel_core::Transform::PercentAlnumMarks)
            }
        }
    }
}
