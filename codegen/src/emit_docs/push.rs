//! Pushes in the docs: which values arrive in the query next to a body, the replies to an XML
//! request, and how an encrypted body is opened.

use serde::Serialize;

use super::encoding_text;
use super::markdown::code;
use crate::model::{Endpoint, Location};

/// The replies to an XML request, escaped for a table row.
#[derive(Serialize)]
pub(crate) struct XmlReplyView {
    pub(crate) content_type: String,
    pub(crate) success: String,
    pub(crate) failure: String,
}

/// How the platform sends a callback: method, where the parameters are, and which of them
/// arrive in the query next to a body.
pub(crate) fn callback_transport(endpoint: &Endpoint, method: &str) -> String {
    let mut text = format!(
        "The platform calls the game server with {}, parameters {}.",
        code(method),
        encoding_text(endpoint.encoding)
    );
    if endpoint.query_and_body() {
        let in_query: Vec<String> = endpoint
            .request
            .iter()
            .filter(|f| f.in_query)
            .map(|f| code(&f.wire))
            .chain(
                endpoint
                    .signatures
                    .iter()
                    .filter(|r| r.travels_in == Location::Query)
                    .map(|r| code(&r.wire)),
            )
            .collect();
        text.push_str(&format!(
            " These arrive in the URL query string instead: {}.",
            in_query.join(", ")
        ));
    }
    if endpoint.request.iter().any(|f| f.wire.contains('.')) {
        text.push_str(" A wire name `a.b` is member `b` of the body's object (or element) `a`.");
    }
    text
}

/// What `decrypt` does, in a sentence.
pub(crate) fn decrypt_text(decrypt: &crate::model::Decrypt) -> String {
    format!(
        "Encrypted bodies (safe mode): when {field} is present, {signature} is checked over it \
         first; then it is decrypted with AES-256-CBC (key: the base64 text of credential \
         {key}; IV: the key's first 16 bytes; PKCS#7 padding to 32 bytes) into \
         `random(16) | length(4, big-endian) | message | trailer`, the trailer must equal \
         credential {trailer}, and the message's fields are read as the body's. {plain}",
        plain = if decrypt.required {
            format!(
                "A body without {} is refused (encryption is required).",
                code(&decrypt.field)
            )
        } else {
            format!(
                "Without {} the body is read as it is.",
                code(&decrypt.field)
            )
        },
        field = code(&decrypt.field),
        signature = code(&decrypt.signature),
        key = code(&decrypt.key),
        trailer = code(&decrypt.trailer),
    )
}
