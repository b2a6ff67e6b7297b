//! JSON bodies as (path, value) pairs: the one reader of received JSON, shared by the runtime's
//! callbacks and envelopes, `verify`, the spec interpreter and the mock.
//!
//! Strings give their decoded text; numbers and booleans their exact JSON text (`6.00` stays
//! `6.00`, as the platform signed it); `null` is absent. An object member is kept as its raw
//! JSON, and its own members follow under `name.member` (`MiniGame.Payload`). Repeated names
//! are kept, so that a verifier can refuse them. Nothing here panics on any input.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

/// Why a body is not a JSON object of fields.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct JsonError(String);

/// One member: its path and its wire text.
pub type JsonPair<'a> = (Cow<'a, str>, Cow<'a, str>);

/// Deepest nesting of objects followed into member paths.
const MAX_DEPTH: usize = 16;

/// The members of the JSON object `body` as pairs, in received order, nested objects followed.
pub fn json_pairs(body: &str) -> Result<Vec<JsonPair<'_>>, JsonError> {
    let members =
        members(body.as_bytes()).map_err(|e| JsonError(format!("not a JSON object: {e}")))?;
    let mut pairs = Vec::new();
    push_members(None, members, &mut pairs, 0)?;
    Ok(pairs)
}

/// The top-level members of the JSON object `body`, each as its raw JSON text, in received
/// order, repeated names kept.
pub fn members(body: &[u8]) -> Result<Vec<(Cow<'_, str>, &RawValue)>, serde_json::Error> {
    serde_json::from_slice::<Members<'_>>(body).map(|m| m.0)
}

fn push_members<'a>(
    prefix: Option<&str>,
    object: Vec<(Cow<'a, str>, &'a RawValue)>,
    pairs: &mut Vec<JsonPair<'a>>,
    depth: usize,
) -> Result<(), JsonError> {
    for (name, value) in object {
        let text = value.get();
        if text == "null" {
            continue;
        }
        let name = match prefix {
            None => name,
            Some(prefix) => Cow::Owned(format!("{prefix}.{name}")),
        };
        let field = |e: serde_json::Error| JsonError(format!("field `{name}`: {e}"));
        let decoded = if text.starts_with('"') {
            serde_json::from_str::<Cow<'a, str>>(text).map_err(field)?
        } else {
            Cow::Borrowed(text)
        };
        if text.starts_with('{') && depth < MAX_DEPTH {
            let inner = members(text.as_bytes()).map_err(field)?;
            let path = name.clone().into_owned();
            pairs.push((name, decoded));
            push_members(Some(&path), inner, pairs, depth + 1)?;
        } else {
            pairs.push((name, decoded));
        }
    }
    Ok(())
}

/// Members of a JSON object in received order, duplicates kept (a map would drop them).
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

    fn pairs(body: &str) -> Vec<(String, String)> {
        json_pairs(body)
            .expect("a JSON object")
            .into_iter()
            .map(|(n, v)| (n.into_owned(), v.into_owned()))
            .collect()
    }

    #[test]
    fn scalars_as_signed_objects_followed() {
        let got =
            pairs(r#"{"price":6.00,"name":"a\"b","n":null,"o":{"x":1,"y":{"z":"w"}},"a":1,"a":2}"#);
        let want = [
            ("price", "6.00"),
            ("name", "a\"b"),
            ("o", r#"{"x":1,"y":{"z":"w"}}"#),
            ("o.x", "1"),
            ("o.y", r#"{"z":"w"}"#),
            ("o.y.z", "w"),
            ("a", "1"),
            ("a", "2"),
        ];
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn not_an_object_is_refused() {
        for body in ["[1]", "{", "1", "", "{\"a\":}"] {
            let error = json_pairs(body).expect_err(body);
            assert!(error.to_string().starts_with("not a JSON object"));
        }
    }

    #[test]
    fn nesting_is_followed_to_a_limit() {
        let deep = format!("{}1{}", "{\"a\":".repeat(40), "}".repeat(40));
        let got = json_pairs(&deep).expect("a JSON object");
        assert_eq!(got.len(), MAX_DEPTH + 1);
    }
}
