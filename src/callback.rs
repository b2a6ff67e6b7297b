//! Why a platform callback was refused, and the decoding of its raw name/value pairs.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

/// Why a callback was not accepted. Never carries a key, a computed signature or a string-to-sign.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallbackRejection {
    /// The query string or body could not be decoded.
    #[error("malformed callback: {0}")]
    Malformed(String),
    /// A required field (or the signature) is absent.
    #[error("missing field {0}")]
    MissingField(&'static str),
    /// The signature does not match the received values.
    #[error("bad signature {signature}")]
    BadSignature {
        /// Spec name of the signature recipe that did not match (e.g. `pay_sign`).
        signature: &'static str,
    },
    /// A signed value is not valid for its field.
    #[error("bad value for {field}: {reason}")]
    BadValue {
        /// Wire name of the field (`outer.inner` for members of an object field).
        field: String,
        /// What is wrong.
        reason: String,
    },
    /// The timestamp is outside the accepted replay window.
    #[error("stale timestamp in {field}")]
    StaleTimestamp {
        /// Wire name of the timestamp field.
        field: &'static str,
    },
    /// A credential the signature needs was not supplied, so nothing can be verified.
    #[error("credential {0} is needed to verify this callback")]
    MissingCredential(&'static str),
}

/// Decoded `(name, value)` pairs of a callback, as received.
#[derive(Debug, Default)]
pub struct RawPairs<'a> {
    pairs: Vec<(Cow<'a, str>, Cow<'a, str>)>,
}

impl<'a> RawPairs<'a> {
    /// Pairs of a query string or form body.
    pub fn from_query(raw: &'a str) -> Result<Self, CallbackRejection> {
        gamechannel_core::parse_query(raw)
            .map(|pairs| Self { pairs })
            .map_err(|e| CallbackRejection::Malformed(e.to_string()))
    }

    /// Members of a flat JSON object: strings as their decoded text, numbers and booleans as
    /// their exact JSON text (`6.00` stays `6.00`), nested values as their raw JSON; `null` is
    /// treated as absent.
    pub fn from_json(raw: &'a str) -> Result<Self, CallbackRejection> {
        let members = serde_json::from_str::<Members<'a>>(raw)
            .map_err(|e| CallbackRejection::Malformed(e.to_string()))?;
        let mut pairs = Vec::with_capacity(members.0.len());
        for (name, value) in members.0 {
            let text = value.get();
            if text == "null" {
                continue;
            }
            let value = if text.starts_with('"') {
                serde_json::from_str::<Cow<'a, str>>(text)
                    .map_err(|e| CallbackRejection::Malformed(e.to_string()))?
            } else {
                Cow::Borrowed(text)
            };
            pairs.push((name, value));
        }
        Ok(Self { pairs })
    }

    /// The value of `name`, if present. A name received twice is refused: which copy the
    /// platform signed would be a guess.
    pub fn get(&self, name: &'static str) -> Result<Option<&str>, CallbackRejection> {
        let mut found = self.pairs.iter().filter(|(n, _)| n == name);
        let first = found.next().map(|(_, v)| &**v);
        if found.next().is_some() {
            return Err(CallbackRejection::Malformed(format!(
                "field {name} received more than once"
            )));
        }
        Ok(first)
    }

    /// The value of a required `name`.
    pub fn require(&self, name: &'static str) -> Result<&str, CallbackRejection> {
        self.get(name)?.ok_or(CallbackRejection::MissingField(name))
    }
}

/// Members of a JSON object in received order, duplicates kept so that [`RawPairs::get`] sees them.
struct Members<'a>(Vec<(Cow<'a, str>, &'a RawValue)>);

impl<'de> serde::Deserialize<'de> for Members<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MembersVisitor;
        impl<'de> Visitor<'de> for MembersVisitor {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                let mut members = Vec::new();
                while let Some(entry) = map.next_entry::<Cow<'de, str>, &'de RawValue>()? {
                    members.push(entry);
                }
                Ok(Members(members))
            }
        }
        deserializer.deserialize_map(MembersVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_members() {
        let raw = r#"{"price":6.00,"name":"a\"b","n":null,"o":{"x":1},"ok":true}"#;
        let pairs = RawPairs::from_json(raw).unwrap();
        assert_eq!(pairs.get("price").unwrap(), Some("6.00"));
        assert_eq!(pairs.get("name").unwrap(), Some("a\"b"));
        assert_eq!(pairs.get("n").unwrap(), None);
        assert_eq!(pairs.get("o").unwrap(), Some(r#"{"x":1}"#));
        assert_eq!(pairs.require("ok").unwrap(), "true");
        assert_eq!(
            pairs.require("zz").unwrap_err(),
            CallbackRejection::MissingField("zz")
        );
        assert!(RawPairs::from_json("[1]").is_err());
        assert!(RawPairs::from_json("{").is_err());
        let dup = RawPairs::from_json(r#"{"a":1,"a":2}"#).unwrap();
        assert!(matches!(dup.get("a"), Err(CallbackRejection::Malformed(_))));
    }

    #[test]
    fn query_pairs() {
        let pairs = RawPairs::from_query("a=1&b=x+y&a=2").unwrap();
        assert_eq!(pairs.get("b").unwrap(), Some("x y"));
        assert!(pairs.get("a").is_err());
        assert!(RawPairs::from_query("a=%zz").is_err());
    }
}
