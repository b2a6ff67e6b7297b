//! The page side of the format: a platform's JS SDK and its cloud-call form.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::Deserialize;

use super::PathSpec;

/// The platform's JS SDK: where a page loads it from, and how the platform opens the game.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sdk {
    /// Path of the script on the environment's host, e.g. `/js/h5sdk.js`.
    pub script: String,
    /// The `callback` endpoint by which the platform opens the game page (wancms `login`).
    #[serde(default)]
    pub login: Option<String>,
    /// Notes for the docs.
    #[serde(default)]
    pub doc: Option<String>,
}

/// The cloud-call form of a platform (WeChat cloud functions through `wx-server-sdk`).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cloud {
    /// Name of the numeric result code in a cloud call's answer and exception (`errCode`).
    pub code: String,
    /// Name of the message in a cloud call's answer and exception (`errMsg`).
    #[serde(default)]
    pub message: Option<String>,
    /// What a cloud call is and what it needs (Markdown).
    #[serde(default)]
    pub doc: Option<String>,
}

/// An endpoint's cloud-call form: the function called per environment, and the signatures
/// passed in it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CloudCall {
    /// The function's name: one for all environments, or environment -> name
    /// (`openapi.midas.present`, `openapi.midas.presentSandbox`).
    pub function: PathSpec,
    /// Signatures passed in the cloud call: recipe name -> parameter name there. Signatures
    /// not listed are not part of the cloud form.
    #[serde(default)]
    pub signatures: IndexMap<String, String>,
}
