//! Pushes out: callbacks whose signatures travel in the URL query next to a JSON or XML body,
//! with members by path, and in safe mode a body encrypted for the game's application id.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use gamechannel_codegen::eval::{Inputs, sign_endpoint, sign_recipe};
use gamechannel_codegen::model::{Encoding, Endpoint, Field, FieldType, Location};
use serde::Deserialize;
use serde_json::{Map, Value};

/// How a push is sent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushOptions {
    /// Send the body as XML (endpoints that take JSON or XML; XML-only endpoints always are).
    #[serde(default)]
    pub xml: bool,
    /// Encrypt the body (endpoints with `decrypt`), as a platform in safe mode does.
    #[serde(default)]
    pub encrypted: bool,
}

/// One push as it goes on the wire.
pub struct PushWire {
    /// Query pairs.
    pub query: Vec<(String, String)>,
    /// The body.
    pub body: String,
    /// Its content type.
    pub content_type: &'static str,
    /// Every value sent, signatures included (the ciphertext, not what it hides, in safe mode).
    pub sent: Vec<(String, String)>,
    /// The reply that acknowledges it.
    pub success: String,
}

/// Signs (and in safe mode encrypts) `fields` into the push to send.
pub fn build(
    endpoint: &Endpoint,
    fields: &[(String, String)],
    credentials: &[(String, String)],
    options: PushOptions,
) -> Result<PushWire, String> {
    let xml = match endpoint.encoding {
        Encoding::Xml => true,
        Encoding::JsonOrXml => options.xml,
        _ if options.xml => return Err(format!("{} takes no XML body", endpoint.name)),
        _ => false,
    };
    let sign = |fields: &[(String, String)]| {
        let inputs = Inputs {
            fields,
            credentials,
            path: "",
            body: "",
        };
        sign_endpoint(endpoint, &inputs).map_err(|e| format!("cannot sign {}: {e}", endpoint.name))
    };
    let in_query = |name: &str| endpoint.request_field(name).is_some_and(|f| f.in_query);
    let mut query: Vec<(String, String)> = Vec::new();
    let mut body: Vec<(String, String)> = Vec::new();
    // Members of a JSON document carried as a string travel inside that string.
    for (name, value) in fields.iter().filter(|(n, _)| !endpoint.inside_json(n)) {
        let list = if in_query(name) {
            &mut query
        } else {
            &mut body
        };
        list.push((name.clone(), value.clone()));
    }
    for signature in sign(fields)? {
        let recipe = endpoint
            .signatures
            .iter()
            .find(|r| r.name == signature.signature);
        let list = match recipe.map(|r| r.travels_in) {
            Some(Location::Query) => &mut query,
            _ => &mut body,
        };
        list.retain(|(n, _)| n != &signature.wire);
        list.push((signature.wire, signature.value));
    }
    if options.encrypted {
        let Some(decrypt) = endpoint.decrypt() else {
            return Err(format!("{} has no encrypted form", endpoint.name));
        };
        let credential = |name: &str| {
            credentials
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
                .ok_or_else(|| format!("credential {name} is needed to encrypt"))
        };
        body.retain(|(n, _)| n != &decrypt.field);
        let message = serialize(endpoint, &body, xml);
        let sealed = gamechannel_core::sealed::seal(
            credential(&decrypt.key)?,
            random16(),
            &message,
            credential(&decrypt.trailer)?,
        )
        .map_err(|e| format!("cannot encrypt: {e}"))?;
        body = vec![(decrypt.field.clone(), sealed)];
        // Only the signature over the ciphertext is computed now: the others cover the
        // message, which is no longer readable outside the ciphertext.
        let mut outer = query.clone();
        outer.extend(body.iter().cloned());
        let recipe = endpoint
            .signatures
            .iter()
            .find(|r| r.name == decrypt.signature)
            .ok_or_else(|| format!("{} has no signature {}", endpoint.name, decrypt.signature))?;
        let inputs = Inputs {
            fields: &outer,
            credentials,
            path: "",
            body: "",
        };
        let signed = sign_recipe(recipe, &inputs, &[])
            .map_err(|e| format!("cannot sign {}: {e}", endpoint.name))?;
        query.retain(|(n, _)| n != &signed.wire);
        query.push((signed.wire, signed.value));
    }
    let success = success_reply(endpoint, fields, xml);
    let text = serialize(endpoint, &body, xml);
    let mut sent = query.clone();
    sent.extend(body);
    Ok(PushWire {
        query,
        body: text,
        content_type: if xml {
            "application/xml"
        } else {
            "application/json"
        },
        sent,
        success,
    })
}

/// The reply that acknowledges a push of these fields, in the format it was sent in.
fn success_reply(endpoint: &Endpoint, fields: &[(String, String)], xml: bool) -> String {
    let Some(reply) = endpoint.reply() else {
        return String::new();
    };
    if let Some(echo) = &reply.echo {
        return fields
            .iter()
            .find(|(n, _)| n == echo)
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
    }
    match (&reply.xml, xml) {
        (Some(form), true) => form.success.clone(),
        _ => reply.success.clone(),
    }
}

/// The body: an `<xml>` document, or a JSON object with members by path nested and ints and
/// bools as JSON numbers and booleans, as the platforms send them.
fn serialize(endpoint: &Endpoint, pairs: &[(String, String)], xml: bool) -> String {
    if xml {
        return gamechannel_core::write_xml(pairs);
    }
    let mut root = Map::new();
    for (name, value) in pairs {
        let typed = endpoint.request_field(name).map(|f: &Field| f.ty);
        let json = match typed {
            Some(FieldType::Int) => value.parse::<i64>().map(Value::from).ok(),
            Some(FieldType::Bool) => value.parse::<bool>().map(Value::from).ok(),
            _ => None,
        }
        .unwrap_or_else(|| Value::from(value.as_str()));
        insert(&mut root, name, json);
    }
    Value::Object(root).to_string()
}

fn insert(object: &mut Map<String, Value>, path: &str, value: Value) {
    match path.split_once('.') {
        None => {
            object.insert(path.to_owned(), value);
        }
        Some((head, rest)) => {
            let entry = object
                .entry(head.to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            if !entry.is_object() {
                *entry = Value::Object(Map::new());
            }
            if let Value::Object(inner) = entry {
                insert(inner, rest, value);
            }
        }
    }
}

/// Sixteen bytes that differ between pushes (the frame's random prefix is not a key; it only
/// makes equal messages encrypt differently).
fn random16() -> [u8; 16] {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let mut out = [0u8; 16];
    out[..8].copy_from_slice(&nanos.to_le_bytes());
    out[8..].copy_from_slice(&count.to_le_bytes());
    out
}
