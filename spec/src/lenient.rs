//! [`Lenient`]: a collection item that keeps its own deserialization errors, so one broken
//! item never hides the errors of its siblings.

use std::borrow::Cow;
use std::fmt;
use std::hash::Hash;
use std::marker::PhantomData;

use indexmap::IndexMap;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::DeserializeOwned;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// An item, as far as it could be read, plus every problem found in it.
#[derive(Debug)]
pub struct Lenient<T> {
    /// The item, when it deserialized (possibly after dropping unknown keys).
    pub item: Option<T>,
    /// serde's messages, in the order found; empty when the item is well-formed.
    pub problems: Vec<String>,
    /// For each problem, where in the item it is when serde's message cannot tell (a mapping
    /// or a list where one value belongs): a path suffix such as `.template`.
    pub places: Vec<Option<String>>,
    /// The item as written, kept to locate its problems (`Null` when it has none).
    pub value: serde_yaml::Value,
}

impl<T> Lenient<T> {
    /// An item that read as written.
    pub fn read(item: T) -> Self {
        Lenient {
            item: Some(item),
            problems: Vec::new(),
            places: Vec::new(),
            value: serde_yaml::Value::Null,
        }
    }

    /// The item, when it deserialized.
    pub fn ok(&self) -> Option<&T> {
        self.item.as_ref()
    }
}

/// How many unknown keys one item may have before we stop peeling them off.
const MAX_PEELED_KEYS: usize = 16;

impl<'de, T: DeserializeOwned> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_yaml::Value::deserialize(deserializer)?;
        Ok(Self::from_value(value))
    }
}

impl<T: DeserializeOwned> Lenient<T> {
    /// Reads `value` as a `T`, peeling off unknown keys at the item's own level so that a
    /// second mistake in the same item is reported too.
    pub fn from_value(value: serde_yaml::Value) -> Self {
        // A copy to peel keys off is made only when the item does not read as written: in a
        // large spec almost every item does, and copying each level of nesting again made
        // reading grow faster than the spec.
        let mut trimmed: Option<serde_yaml::Value> = None;
        let mut problems = Vec::new();
        let mut places = Vec::new();
        let mut item = None;
        for _ in 0..MAX_PEELED_KEYS {
            let error = match T::deserialize(trimmed.as_ref().unwrap_or(&value)) {
                Ok(read) => {
                    item = Some(read);
                    break;
                }
                Err(error) => error,
            };
            let message = error.to_string();
            let trimmed = trimmed.get_or_insert_with(|| value.clone());
            // serde names no value for a mapping or list found where one value belongs: find
            // the node whose removal changes the message, and drop it.
            let place = is_collection_found(&message)
                .then(|| culprit::<T>(trimmed, &message))
                .flatten();
            let peeled = match unknown_field_name(&message) {
                _ if place.is_some() => remove_at(trimmed, place.as_deref().unwrap_or_default()),
                Some(key) => trimmed
                    .as_mapping_mut()
                    .and_then(|m| m.remove(serde_yaml::Value::String(key.to_owned())))
                    .is_some(),
                // A value of the wrong type: drop it so that the item is kept with the
                // default, and one mistake gives one message, not an "unknown name" wherever
                // the item is used.
                None => {
                    offending_value(&message).is_some_and(|shown| remove_scalar(trimmed, shown))
                }
            };
            let consequence = !problems.is_empty() && message.starts_with("missing field");
            if !consequence {
                problems.push(message);
                places.push(place);
            }
            if !peeled {
                break;
            }
        }
        // The text is only needed to locate problems; a large spec would hold every item twice.
        let value = if problems.is_empty() {
            serde_yaml::Value::Null
        } else {
            value
        };
        Lenient {
            item,
            problems,
            places,
            value,
        }
    }
}

/// A mapping read straight from the parser, refusing a repeated key as a
/// [`serde_yaml::Value`] does (read directly, the last one would silently win).
pub(crate) fn unique_keys<'de, D, K, V>(deserializer: D) -> Result<IndexMap<K, V>, D::Error>
where
    D: Deserializer<'de>,
    K: DeserializeOwned + Eq + Hash + fmt::Debug,
    V: Deserialize<'de>,
{
    struct Unique<K, V>(PhantomData<(K, V)>);

    impl<'de, K, V> Visitor<'de> for Unique<K, V>
    where
        K: DeserializeOwned + Eq + Hash + fmt::Debug,
        V: Deserialize<'de>,
    {
        type Value = IndexMap<K, V>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a mapping")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut read = IndexMap::with_capacity(map.size_hint().unwrap_or(0));
            // A key is read as a tree reads it, so that `123:` is refused where text belongs
            // on this path too.
            while let Some(key) = map.next_key::<serde_yaml::Value>()? {
                let key = K::deserialize(&key).map_err(de::Error::custom)?;
                let value = map.next_value::<V>()?;
                if read.contains_key(&key) {
                    return Err(de::Error::custom(format_args!("duplicate key {key:?}")));
                }
                read.insert(key, value);
            }
            Ok(read)
        }
    }

    deserializer.deserialize_map(Unique(PhantomData))
}

/// Text, refusing a number or a boolean as a [`serde_yaml::Value`] would: read straight from
/// the parser, `title: 2024` would otherwise be the text "2024" in a spec that reads as
/// written but an error in one read as a tree (because of some other mistake).
pub(crate) fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    struct Text;

    impl Visitor<'_> for Text {
        type Value = String;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<String, E> {
            Ok(text.to_owned())
        }

        fn visit_string<E: de::Error>(self, text: String) -> Result<String, E> {
            Ok(text)
        }
    }

    deserializer.deserialize_any(Text)
}

/// Optional [`text`].
pub(crate) fn optional_text<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    struct Wrapped(#[serde(deserialize_with = "text")] String);
    Ok(Option::<Wrapped>::deserialize(deserializer)?.map(|Wrapped(text)| text))
}

/// serde's "invalid type: map, ...", "... sequence, ..." or "... unit value, ...": messages
/// that show no value to look for.
fn is_collection_found(message: &str) -> bool {
    ["map,", "sequence,", "unit value,"].iter().any(|found| {
        message
            .strip_prefix("invalid type: ")
            .is_some_and(|m| m.starts_with(found))
    })
}

/// The path suffix (`.a.b`) of the deepest mapping, list or (for "unit value") empty value in
/// `value` whose removal changes serde's message: the one serde did not expect.
fn culprit<T: DeserializeOwned>(value: &serde_yaml::Value, message: &str) -> Option<String> {
    fn walk<T: DeserializeOwned>(
        root: &serde_yaml::Value,
        here: &serde_yaml::Value,
        prefix: &str,
        message: &str,
        depth: usize,
    ) -> Option<String> {
        let map = here.as_mapping()?;
        if depth > 8 {
            return None;
        }
        let empty_found = message.starts_with("invalid type: unit value,");
        for (key, child) in map {
            if !(child.is_mapping() || child.is_sequence() || (empty_found && child.is_null())) {
                continue;
            }
            let Some(name) = key.as_str() else { continue };
            let path = format!("{prefix}.{name}");
            let mut probe = root.clone();
            remove_at(&mut probe, &path);
            let changed = match serde_yaml::from_value::<T>(probe) {
                Ok(_) => true,
                Err(e) => e.to_string() != message,
            };
            if changed {
                return walk::<T>(root, child, &path, message, depth + 1).or(Some(path));
            }
        }
        None
    }
    walk::<T>(value, value, "", message, 0)
}

/// Removes the node at a path suffix of mapping keys (`.a.b`); true if it was there.
fn remove_at(value: &mut serde_yaml::Value, path: &str) -> bool {
    let mut keys: Vec<&str> = path.split('.').skip(1).collect();
    let Some(last) = keys.pop() else {
        return false;
    };
    let mut here = value;
    for key in keys {
        match here.get_mut(key) {
            Some(next) => here = next,
            None => return false,
        }
    }
    here.as_mapping_mut()
        .and_then(|m| m.remove(serde_yaml::Value::String(last.to_owned())))
        .is_some()
}

/// The value serde shows in "invalid type: string \"x\", expected ..." (or `5`).
pub(crate) fn offending_value(message: &str) -> Option<&str> {
    let rest = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))?;
    let (quote, close) = if rest.contains('"') {
        ('"', '"')
    } else {
        ('`', '`')
    };
    let start = rest.find(quote)? + 1;
    let len = rest[start..].find(close)?;
    Some(&rest[start..start + len])
}

/// Whether a scalar's `text` is what serde's message `shown`: as is, or escaped as serde
/// escapes text that spans lines (`a\nb`).
pub(crate) fn reads_as(text: &str, shown: &str) -> bool {
    text == shown
        || (text.contains(['\n', '\t', '\\', '"']) && format!("{text:?}") == format!("\"{shown}\""))
}

/// Removes the first mapping entry whose scalar value reads `shown`; true if one was removed.
fn remove_scalar(value: &mut serde_yaml::Value, shown: &str) -> bool {
    use serde_yaml::Value as V;
    let text = |v: &V| match v {
        V::String(s) => Some(s.clone()),
        V::Number(n) => Some(n.to_string()),
        V::Bool(b) => Some(b.to_string()),
        _ => None,
    };
    match value {
        V::Mapping(map) => {
            // A value that reads `shown`, or else a key that does (a code that is no number).
            let hit = map
                .iter()
                .find(|(_, v)| text(v).is_some_and(|t| reads_as(&t, shown)))
                .or_else(|| {
                    map.iter()
                        .find(|(k, _)| text(k).is_some_and(|t| reads_as(&t, shown)))
                })
                .map(|(k, _)| k.clone());
            if let Some(key) = hit {
                map.remove(&key);
                return true;
            }
            map.iter_mut().any(|(_, v)| remove_scalar(v, shown))
        }
        V::Sequence(items) => items.iter_mut().any(|v| remove_scalar(v, shown)),
        _ => false,
    }
}

/// The key named by serde's "unknown field `x`, expected ..." message.
pub fn unknown_field_name(message: &str) -> Option<&str> {
    let rest = message.split("unknown field `").nth(1)?;
    rest.split('`').next()
}

/// The names serde lists after "expected one of" (or "expected").
pub fn expected_names(message: &str) -> Vec<&str> {
    let Some(rest) = message.split("expected").nth(1) else {
        return Vec::new();
    };
    rest.split('`').skip(1).step_by(2).collect()
}

impl<T: JsonSchema> JsonSchema for Lenient<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        generator.subschema_for::<T>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        name: String,
        #[serde(default)]
        size: u32,
    }

    #[test]
    fn peels_every_unknown_key_and_keeps_the_item() {
        let value = serde_yaml::from_str("{name: a, nme: b, colour: c}").unwrap();
        let read = Lenient::<Item>::from_value(value);
        assert!(read.item.is_some());
        assert_eq!(read.problems.len(), 2);
        assert_eq!(unknown_field_name(&read.problems[0]), Some("nme"));
        assert!(expected_names(&read.problems[0]).contains(&"name"));
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        name: String,
        #[serde(default)]
        inner: Option<Item>,
    }

    #[test]
    fn a_mapping_where_a_value_belongs_is_placed_and_dropped() {
        let value = serde_yaml::from_str("{name: a, size: {x: 1}}").unwrap();
        let read = Lenient::<Item>::from_value(value);
        assert!(
            read.item.is_some(),
            "the item is kept with the default size"
        );
        assert_eq!(read.places, [Some(".size".to_owned())]);
        // Deeper: the mapping inside a nested struct, not the struct itself.
        let value = serde_yaml::from_str("{name: a, inner: {name: [b]}}").unwrap();
        let read = Lenient::<Outer>::from_value(value);
        assert_eq!(read.places, [Some(".inner.name".to_owned())]);
    }

    #[test]
    fn keeps_type_errors_and_the_item() {
        let value = serde_yaml::from_str("{name: a, size: big}").unwrap();
        let read = Lenient::<Item>::from_value(value);
        assert!(
            read.item.is_some(),
            "the item is kept with the default size"
        );
        assert_eq!(read.problems.len(), 1);
        assert!(
            read.problems[0].contains("invalid type"),
            "{:?}",
            read.problems
        );
    }
}
