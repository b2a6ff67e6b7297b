//! Lenient scalar deserializers for response fields: platforms send ints as strings and
//! amounts as numbers; decimals keep their exact text (`6.00` stays `6.00`).

use serde::de::Error as _;
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

/// A scalar member as text: a JSON string decoded, anything else as written.
pub(super) fn text_of(raw: &RawValue) -> Result<String, serde_json::Error> {
    let text = raw.get();
    if text.starts_with('"') {
        serde_json::from_str(text)
    } else {
        Ok(text.to_owned())
    }
}

/// An integer member, given as a number or as a string of digits.
pub(super) fn int_of(raw: &RawValue) -> Result<i64, String> {
    let text = text_of(raw).map_err(|e| e.to_string())?;
    text.trim()
        .parse()
        .map_err(|_| format!("expected an integer, got {}", raw.get()))
}

/// A boolean member: `true`/`false` or `1`/`0`, bare or quoted.
pub(super) fn bool_of(raw: &RawValue) -> Result<bool, String> {
    match text_of(raw).map_err(|e| e.to_string())?.as_str() {
        "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        _ => Err(format!("expected a boolean, got {}", raw.get())),
    }
}

/// Text from a JSON string or the exact text of a number or boolean.
pub fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let raw = Box::<RawValue>::deserialize(d)?;
    text_of(&raw).map_err(D::Error::custom)
}

/// Optional [`text`]; `null` is absent.
pub fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Option::<Box<RawValue>>::deserialize(d)?
        .map(|raw| text_of(&raw).map_err(D::Error::custom))
        .transpose()
}

/// An int from a JSON number or a numeric string.
pub fn int<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    let raw = Box::<RawValue>::deserialize(d)?;
    int_of(&raw).map_err(D::Error::custom)
}

/// Optional [`int`]; `null` is absent.
pub fn opt_int<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Option::<Box<RawValue>>::deserialize(d)?
        .map(|raw| int_of(&raw).map_err(D::Error::custom))
        .transpose()
}

/// A bool from `true`/`false`, `1`/`0`, or those as strings.
pub fn boolean<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    let raw = Box::<RawValue>::deserialize(d)?;
    bool_of(&raw).map_err(D::Error::custom)
}

/// Optional [`boolean`]; `null` is absent.
pub fn opt_boolean<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Option::<Box<RawValue>>::deserialize(d)?
        .map(|raw| bool_of(&raw).map_err(D::Error::custom))
        .transpose()
}

/// A secret from a JSON string (or the text of a number).
pub fn secret<'de, D: Deserializer<'de>>(d: D) -> Result<crate::Secret, D::Error> {
    text(d).map(crate::Secret::new)
}

/// Optional [`secret`]; `null` is absent.
pub fn opt_secret<'de, D: Deserializer<'de>>(d: D) -> Result<Option<crate::Secret>, D::Error> {
    opt_text(d).map(|t| t.map(crate::Secret::new))
}

#[cfg(test)]
mod tests {
    #[derive(serde::Deserialize)]
    struct R {
        #[serde(deserialize_with = "super::text")]
        price: String,
        #[serde(deserialize_with = "super::int")]
        n: i64,
        #[serde(default, deserialize_with = "super::opt_int")]
        m: Option<i64>,
        #[serde(default, deserialize_with = "super::opt_boolean")]
        b: Option<bool>,
        #[serde(default, deserialize_with = "super::opt_text")]
        s: Option<String>,
    }

    #[test]
    fn lenient() {
        let r: R = serde_json::from_str(r#"{"price":6.00,"n":"42","b":1,"s":null}"#).unwrap();
        assert_eq!(
            (r.price.as_str(), r.n, r.m, r.b, r.s),
            ("6.00", 42, None, Some(true), None)
        );
        assert!(serde_json::from_str::<R>(r#"{"price":"1","n":1.5}"#).is_err());
    }
}
