//! A received request as (name, value) pairs, the way the interpreter's verifier reads it:
//! the query and the body decoded as the endpoint's encoding says (JSON or XML told apart by
//! the body), members addressed by path, and an encrypted body opened once the signature over
//! its ciphertext is checked.
//!
//! The generated verifiers do the same with the runtime's `RawPairs`; a property test holds
//! the two to the same answers.

use gamechannel_core::ReadError;
use gamechannel_core::sealed::{self, SealError};

use crate::eval::{EvalError, Verdict, verify_only};
use crate::model::{Encoding, Endpoint};
use crate::values::json_pairs;

/// The format a body arrived in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyFormat {
    /// A form or no body: the pairs are in the query (or the form).
    Form,
    /// A JSON object.
    Json,
    /// An XML document.
    Xml,
}

impl BodyFormat {
    /// The format of `body` for an endpoint of `encoding`: `json_or_xml` bodies starting with
    /// `<` (after blanks) are XML.
    pub fn of(encoding: Encoding, body: &str) -> Self {
        match encoding {
            Encoding::Query | Encoding::Form => BodyFormat::Form,
            Encoding::Json => BodyFormat::Json,
            Encoding::Xml => BodyFormat::Xml,
            Encoding::JsonOrXml if body.trim_start().starts_with('<') => BodyFormat::Xml,
            Encoding::JsonOrXml => BodyFormat::Json,
        }
    }

    /// The pairs of a body in this format.
    pub fn pairs(self, body: &str) -> Result<Vec<(String, String)>, String> {
        match self {
            BodyFormat::Form => gamechannel_core::parse_query(body)
                .map(|pairs| {
                    pairs
                        .into_iter()
                        .map(|(n, v)| (n.into_owned(), v.into_owned()))
                        .collect()
                })
                .map_err(|e| e.to_string()),
            BodyFormat::Json => json_pairs(body),
            BodyFormat::Xml => gamechannel_core::xml_pairs(body).map_err(|e| e.to_string()),
        }
    }
}

/// The wire names a verifier of `endpoint` reads: its fields and its signatures. One of them
/// received twice is refused (which copy was signed would be a guess); repeats of other names
/// are ignored, as the generated verifiers ignore them.
pub fn read_names(endpoint: &Endpoint) -> Vec<&str> {
    let fields = endpoint.request.iter().map(|f| f.wire.as_str());
    let signatures = endpoint.signatures.iter().map(|s| s.wire.as_str());
    fields.chain(signatures).collect()
}

/// The pairs of a query string or form body as a reader of the names `read` sees them, by the
/// rules every reader shares ([`gamechannel_core::received`]): decoded, a bad escape or a
/// repeat of a name of `read` refused, repeats of other names dropped.
pub fn form_pairs(raw: &str, read: &[&str]) -> Result<Vec<(String, String)>, ReadError> {
    let pairs = gamechannel_core::read_pairs(raw, read)?;
    Ok(pairs
        .into_iter()
        .map(|(n, v)| (n.into_owned(), v.into_owned()))
        .collect())
}

/// Why a received request could not be read into pairs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// The query or the body does not decode.
    Malformed(String),
    /// The signature over the ciphertext is missing or wrong: nothing was decrypted.
    Sealed(Verdict),
    /// The ciphertext does not decrypt with the key.
    Undecryptable(SealError),
    /// The decrypted message is meant for another application.
    WrongTrailer,
    /// The push is plain but the endpoint takes encrypted ones only (`decrypt.required`).
    NotEncrypted,
    /// A signature could not be computed (a credential is absent).
    Eval(EvalError),
}

/// The pairs a verifier reads: for a request with both, the query's and then the body's; for
/// an encrypted body, the query's, the ciphertext field and the decrypted message's.
pub fn request_pairs(
    endpoint: &Endpoint,
    query: &str,
    body: &str,
    credentials: &[(String, String)],
) -> Result<Vec<(String, String)>, Unreadable> {
    let format = BodyFormat::of(endpoint.encoding, body);
    let read = read_names(endpoint);
    let malformed = |e: ReadError| Unreadable::Malformed(e.to_string());
    let mut pairs = Vec::new();
    if !endpoint.encoding.has_body() || endpoint.query_and_body() {
        pairs = form_pairs(query, &read).map_err(malformed)?;
    }
    if !endpoint.encoding.has_body() {
        return Ok(pairs);
    }
    let outer = format.pairs(body).map_err(Unreadable::Malformed)?;
    let Some(decrypt) = endpoint.decrypt() else {
        pairs.extend(outer);
        return with_json_members(endpoint, pairs);
    };
    let mut sealed_values = outer.iter().filter(|(n, _)| n == &decrypt.field);
    let Some((_, ciphertext)) = sealed_values.next() else {
        if decrypt.required {
            return Err(Unreadable::NotEncrypted);
        }
        pairs.extend(outer);
        return with_json_members(endpoint, pairs);
    };
    if sealed_values.next().is_some() {
        return Err(malformed(ReadError::Repeated(decrypt.field.clone())));
    }
    pairs.push((decrypt.field.clone(), ciphertext.clone()));
    let recipe = endpoint
        .signatures
        .iter()
        .find(|r| r.name == decrypt.signature);
    if let Some(recipe) = recipe {
        match verify_only(endpoint, recipe, &pairs, credentials).map_err(Unreadable::Eval)? {
            Verdict::Genuine => {}
            other => return Err(Unreadable::Sealed(other)),
        }
    }
    let credential = |name: &str| {
        credentials
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .ok_or_else(|| Unreadable::Eval(EvalError::MissingCredential(name.to_owned())))
    };
    let opened =
        sealed::open(credential(&decrypt.key)?, ciphertext).map_err(Unreadable::Undecryptable)?;
    let expected = credential(&decrypt.trailer)?;
    if !gamechannel_core::ct_eq(&opened.trailer, expected) {
        return Err(Unreadable::WrongTrailer);
    }
    let inner = BodyFormat::of(endpoint.encoding, &opened.message)
        .pairs(&opened.message)
        .map_err(Unreadable::Malformed)?;
    pairs.extend(inner.into_iter().filter(|(n, _)| n != &decrypt.field));
    with_json_members(endpoint, pairs)
}

/// The pairs followed by the members of the fields that carry a JSON document as a string,
/// by path (`MiniGame.Payload.OutTradeNo`); the string itself stays as received.
pub fn with_json_members(
    endpoint: &Endpoint,
    mut pairs: Vec<(String, String)>,
) -> Result<Vec<(String, String)>, Unreadable> {
    for wire in endpoint.json_fields() {
        let documents: Vec<String> = pairs
            .iter()
            .filter(|(n, _)| n == wire)
            .map(|(_, v)| v.clone())
            .collect();
        for document in documents {
            let members =
                json_pairs(&document).map_err(|e| Unreadable::Malformed(format!("{wire}: {e}")))?;
            pairs.extend(members.into_iter().map(|(n, v)| (format!("{wire}.{n}"), v)));
        }
    }
    // The query's and the body's together, repeats as every reader treats them.
    gamechannel_core::dedupe_pairs(pairs, &read_names(endpoint))
        .map_err(|e| Unreadable::Malformed(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn endpoint() -> Endpoint {
        let platform = crate::load::load_str(
            include_str!("../../specs/wechat_xpay.yaml"),
            "wechat_xpay.yaml",
        )
        .expect("the spec loads");
        platform
            .endpoint("goods_deliver_notify")
            .expect("endpoint")
            .clone()
    }

    fn get<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
        pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn query_and_body_read_together_in_either_format() {
        let e = endpoint();
        let json = request_pairs(&e, "timestamp=1&nonce=2", r#"{"A":{"B":"x"}}"#, &[]).unwrap();
        assert_eq!(get(&json, "timestamp"), Some("1"));
        assert_eq!(get(&json, "A.B"), Some("x"));
        let xml = request_pairs(
            &e,
            "nonce=2",
            " <xml><A><B><![CDATA[y]]></B></A></xml>",
            &[],
        );
        assert_eq!(get(&xml.unwrap(), "A.B"), Some("y"));
        assert!(matches!(
            request_pairs(&e, "", "<xml>", &[]),
            Err(Unreadable::Malformed(_))
        ));
    }

    #[test]
    fn an_encrypted_body_opens_only_after_its_signature() {
        let e = endpoint();
        let key = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        let sealed = sealed::seal(key, [9; 16], r#"{"OutTradeNo":"T"}"#, "wx1").unwrap();
        let credentials: Vec<(String, String)> = [
            ("push_token", "tok"),
            ("encoding_aes_key", key),
            ("appid", "wx1"),
        ]
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
        let mut parts = ["tok", "1", "2", sealed.as_str()];
        parts.sort_unstable();
        let recipe = e
            .signatures
            .iter()
            .find(|r| r.name == "msg_signature")
            .unwrap();
        let signature = recipe
            .signer()
            .sign(b"", parts.concat().as_bytes())
            .unwrap();
        let body = format!(r#"{{"Encrypt":"{sealed}"}}"#);
        let query = format!("timestamp=1&nonce=2&msg_signature={signature}");
        let pairs = request_pairs(&e, &query, &body, &credentials).unwrap();
        assert_eq!(get(&pairs, "OutTradeNo"), Some("T"));
        let forged = query.replace("timestamp=1", "timestamp=3");
        assert!(matches!(
            request_pairs(&e, &forged, &body, &credentials),
            Err(Unreadable::Sealed(Verdict::Mismatch { .. }))
        ));
        let mut others = credentials.clone();
        others[2].1 = "wx2".into();
        assert_eq!(
            request_pairs(&e, &query, &body, &others),
            Err(Unreadable::WrongTrailer)
        );
        // Where encryption is required, the same push still opens and a plain one is refused.
        let mut strict = e.clone();
        if let crate::model::Shape::Callback(callback) = &mut strict.shape
            && let Some(decrypt) = callback.decrypt.as_mut()
        {
            decrypt.required = true;
        }
        let opened = request_pairs(&strict, &query, &body, &credentials).unwrap();
        assert_eq!(get(&opened, "OutTradeNo"), Some("T"));
        let plain = r#"{"OutTradeNo":"T"}"#;
        assert!(request_pairs(&e, "timestamp=1&nonce=2", plain, &credentials).is_ok());
        assert_eq!(
            request_pairs(&strict, "timestamp=1&nonce=2", plain, &credentials),
            Err(Unreadable::NotEncrypted)
        );
    }
}
