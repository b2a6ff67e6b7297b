//! The push part of the format: encrypted callback bodies and replies in a second format.

use schemars::JsonSchema;
use serde::Deserialize;

/// How an encrypted callback body is opened (the model uses it as written, once checked).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decrypt {
    /// The received field (wire name) holding the base64 ciphertext (`Encrypt`); declare it as
    /// an optional string field. When it is absent the callback is read as it is.
    pub field: String,
    /// The cipher and frame; `aes_256_cbc_framed` is the only one.
    pub algorithm: CipherName,
    /// The credential holding the key as base64 text (`=` padding optional).
    pub key: String,
    /// The credential the frame's trailer must equal (an application id).
    pub trailer: String,
    /// The signature (recipe name, listed in `sign`) that covers the ciphertext; checked before
    /// decrypting, and only when the ciphertext is there.
    pub signature: String,
    /// Refuse a push without the ciphertext (plain mode) instead of reading it as it is: for a
    /// spec whose pushes are always encrypted (a console set to safe mode only).
    #[serde(default)]
    pub required: bool,
}

/// Ciphers of encrypted callback bodies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CipherName {
    /// AES-256-CBC, key = base64 of the key text, IV = its first 16 bytes, PKCS#7 padding to
    /// 32 bytes; plaintext `random(16) | len(4, big-endian) | message | trailer`.
    #[serde(rename = "aes_256_cbc_framed")]
    Aes256CbcFramed,
}

/// A reply in another format.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReplyForm {
    /// Content type, e.g. `application/xml`.
    pub content_type: String,
    /// Body that acknowledges the callback.
    pub success: String,
    /// Body that refuses it; `{message}` is replaced by the reason (XML-escaped).
    pub failure: String,
}
