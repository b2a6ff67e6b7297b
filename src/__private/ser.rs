//! Serializers for secret members of nested objects sent as JSON: the request needs the value.

use serde::Serializer;

use crate::Secret;

/// Writes the secret's text.
pub fn secret<S: Serializer>(value: &Secret, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(value.expose())
}

/// Writes the secret's text, or `null`.
pub fn opt_secret<S: Serializer>(value: &Option<Secret>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => s.serialize_str(v.expose()),
        None => s.serialize_none(),
    }
}
