//! What the generated agreement tests share: random wire values, and the comparison of the
//! generated code with the spec interpreter over the same values.
//!
//! `Builder::agreement_tests` writes one test per endpoint; each only maps random values onto
//! its typed request (or credentials) and calls the generated code. Included by path from
//! every crate that runs those tests.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Mutex, OnceLock};

use gamechannel::{CallbackRejection, RawRequest, Secret, Signed, SignedCallback};
use gamechannel_codegen::eval::{self, Inputs, Verdict};
use gamechannel_codegen::model::{Encoding, Endpoint, Field, FieldType, Location, Platform};
use gamechannel_codegen::received::{Unreadable, form_pairs, read_names, request_pairs};
use gamechannel_codegen::values;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

mod plain;
use plain::plain_agreement;

/// A random value in wire form; `None` is an absent optional value.
pub type Wire = Option<String>;

/// The kind of value a field or credential takes.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// Any text.
    Text,
    /// A 64-bit integer.
    Int,
    /// `true` or `false`.
    Bool,
    /// An object, left at its default (its JSON text is read back from the request).
    Object,
}

/// Text that trips encoders: empty, reserved URL characters, spaces, unicode, `%` escapes.
fn text() -> BoxedStrategy<String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z0-9]{1,10}",
        "[ -~]{0,16}",
        "[&=?+%/#:;,\\[\\] ]{1,6}",
        "\\PC{0,10}",
        Just("中文 ~*'()!".to_owned()),
    ]
    .boxed()
}

fn value(kind: Kind, optional: bool) -> BoxedStrategy<Wire> {
    let present = match kind {
        Kind::Text => text(),
        // Small values too: they are the ones enums and `key_by`/`algorithm_by` choices name.
        Kind::Int => prop_oneof![0i64..3, any::<i64>()]
            .prop_map(|n| n.to_string())
            .boxed(),
        Kind::Bool => any::<bool>().prop_map(|b| b.to_string()).boxed(),
        Kind::Object => Just(String::new()).boxed(),
    };
    if optional {
        prop_oneof![1 => Just(None), 3 => present.prop_map(Some)].boxed()
    } else {
        present.prop_map(Some).boxed()
    }
}

/// Random values of one request or one set of credentials, typed on demand.
#[derive(Debug, Clone)]
pub struct Values(Vec<Wire>);

impl Values {
    fn wire(&self, i: usize) -> String {
        self.0[i].clone().unwrap_or_default()
    }
    /// A required text.
    pub fn text(&self, i: usize) -> String {
        self.wire(i)
    }
    /// A required secret.
    pub fn secret(&self, i: usize) -> Secret {
        Secret::new(self.wire(i))
    }
    /// A required integer.
    pub fn int(&self, i: usize) -> i64 {
        self.wire(i).parse().unwrap_or_default()
    }
    /// A required boolean.
    pub fn boolean(&self, i: usize) -> bool {
        self.wire(i) == "true"
    }
    /// An optional text.
    pub fn opt_text(&self, i: usize) -> Option<String> {
        self.0[i].clone()
    }
    /// An optional secret.
    pub fn opt_secret(&self, i: usize) -> Option<Secret> {
        self.0[i].clone().map(Secret::new)
    }
    /// An optional integer.
    pub fn opt_int(&self, i: usize) -> Option<i64> {
        self.0[i].as_ref().map(|_| self.int(i))
    }
    /// An optional boolean.
    pub fn opt_boolean(&self, i: usize) -> Option<bool> {
        self.0[i].as_ref().map(|_| self.boolean(i))
    }
}

/// The checked model of a spec file, loaded once per test binary.
pub fn endpoint(spec: &str, name: &str) -> Endpoint {
    platform(spec).endpoint(name).expect("the endpoint").clone()
}

/// The checked model of a spec file, loaded once per test binary.
fn platform(spec: &str) -> Platform {
    static LOADED: OnceLock<Mutex<HashMap<String, Platform>>> = OnceLock::new();
    let mut loaded = LOADED.get_or_init(Default::default).lock().unwrap();
    let platform = loaded.entry(spec.to_owned()).or_insert_with(|| {
        gamechannel_codegen::load::load_file(spec.as_ref()).unwrap_or_else(|e| panic!("{e}"))
    });
    platform.clone()
}

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: 96,
        failure_persistence: None,
        ..Config::default()
    })
}

fn strategy(kinds: &[(Kind, bool)]) -> impl Strategy<Value = Values> + use<> {
    let each: Vec<_> = kinds.iter().map(|(k, o)| value(*k, *o)).collect();
    each.prop_map(Values)
}

/// Named pairs of the values that are present.
fn pairs(names: &[&str], values: &Values) -> Vec<(String, String)> {
    names
        .iter()
        .zip(&values.0)
        .filter_map(|(n, v)| v.clone().map(|v| ((*n).to_owned(), v)))
        .collect()
}

/// What one run of a call or frontend endpoint's generated code gives.
pub struct Outgoing {
    /// The fields the generated `validate` refuses (see [`refused_fields`]).
    pub refused: BTreeSet<String>,
    /// Each signature by recipe name, `None` when skipped.
    pub signed: Vec<(&'static str, Option<Signed>)>,
    /// Object fields' JSON text as the generated code writes it, by wire name.
    pub objects: Vec<(&'static str, Option<String>)>,
}

/// The top-level fields named by the violations of a generated `validate` (a nested object's
/// violations name the object).
pub fn refused_fields(result: Result<(), gamechannel::InvalidRequest>) -> BTreeSet<String> {
    let Err(invalid) = result else {
        return BTreeSet::new();
    };
    let top = |field: &str| {
        field
            .split_once('.')
            .map_or(field, |(head, _)| head)
            .to_owned()
    };
    invalid.violations().iter().map(|v| top(&v.field)).collect()
}

/// The fields of the request `wire` that the platform's side of the spec refuses (the check of
/// the mock and of `gamechannel call`), each checked on its own: absent and required, or
/// present and breaking its type or constraints.
fn refused_on_wire(endpoint: &Endpoint, wire: &[(String, String)]) -> BTreeSet<String> {
    let refused = |field: &&Field| {
        let text = wire.iter().find(|(name, _)| *name == field.wire);
        values::check_field(field, text.map(|(_, text)| text.as_str())).is_err()
    };
    endpoint
        .request
        .iter()
        .filter(refused)
        .map(|field| field.wire.clone())
        .collect()
}

/// Random requests: the generated `validate` refuses exactly the fields that the platform's
/// side of the spec refuses, and the generated signatures equal the interpreter's, byte for
/// byte.
pub fn outgoing(
    spec: &str,
    endpoint: &Endpoint,
    fields: &[(&str, Kind, bool)],
    credentials: &[(&str, Kind, bool)],
    path: &str,
    generated: impl Fn(&Values, &Values) -> Outgoing,
) {
    let field_kinds: Vec<_> = fields.iter().map(|(_, k, o)| (*k, *o)).collect();
    let cred_kinds: Vec<_> = credentials.iter().map(|(_, k, o)| (*k, *o)).collect();
    let field_names: Vec<&str> = fields.iter().map(|(n, ..)| *n).collect();
    let cred_names: Vec<&str> = credentials.iter().map(|(n, ..)| *n).collect();
    let all = (strategy(&field_kinds), strategy(&cred_kinds));
    let platform = platform(spec);
    runner()
        .run(&all, |(values, creds)| {
            let out = generated(&values, &creds);
            let mut wire = pairs(&field_names, &values);
            for (name, json) in &out.objects {
                wire.retain(|(n, _)| n != name);
                if let Some(json) = json {
                    wire.push(((*name).to_owned(), json.clone()));
                }
            }
            let refused = refused_on_wire(endpoint, &wire);
            prop_assert_eq!(&out.refused, &refused, "refused fields of {:?}", wire);
            let creds = pairs(&cred_names, &creds);
            // The body the interpreter rebuilds must be the client's, byte for byte, or the
            // signatures over `{body}` below differ.
            let body = gamechannel_codegen::body::request_body(&platform, endpoint, &wire, &creds);
            let inputs = Inputs {
                fields: &wire,
                credentials: &creds,
                path,
                body: &body,
            };
            let computed = eval::sign_endpoint(endpoint, &inputs)
                .map_err(|e| TestCaseError::fail(format!("interpreter: {e}")))?;
            for (name, signed) in &out.signed {
                let interpreted = computed.iter().find(|c| c.signature == *name);
                match (signed, interpreted) {
                    (Some(s), Some(c)) => {
                        prop_assert_eq!(s.string_to_sign(), c.string_to_sign.as_str(), "{}", name);
                        prop_assert_eq!(s.value(), c.value.as_str(), "{}", name);
                    }
                    (None, None) => {}
                    (s, c) => prop_assert!(false, "{name}: generated {s:?}, interpreted {c:?}"),
                }
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{}.{}: {e}", endpoint.name, "agreement"));
}

/// A JSON object of `pairs`: ints as numbers, members by path (`a.b`) nested.
fn json_object(endpoint: &Endpoint, pairs: &[(String, String)]) -> String {
    let mut root = serde_json::Map::new();
    for (name, value) in pairs {
        let int = endpoint
            .request_field(name)
            .is_some_and(|f| f.ty == FieldType::Int)
            && value.parse::<i64>().is_ok();
        let value = if int {
            serde_json::Value::from(value.parse::<i64>().unwrap_or_default())
        } else {
            serde_json::Value::from(value.as_str())
        };
        insert_path(&mut root, name, value);
    }
    serde_json::Value::Object(root).to_string()
}

fn insert_path(
    object: &mut serde_json::Map<String, serde_json::Value>,
    path: &str,
    value: serde_json::Value,
) {
    match path.split_once('.') {
        None => {
            object.insert(path.to_owned(), value);
        }
        Some((head, rest)) => {
            let entry = object
                .entry(head.to_owned())
                .or_insert_with(|| serde_json::Value::Object(serde_json::Map::new()));
            if let serde_json::Value::Object(inner) = entry {
                insert_path(inner, rest, value);
            }
        }
    }
}

/// A query string or form body of `pairs`.
fn query_text(pairs: &[(String, String)]) -> String {
    let encode = gamechannel::percent_encode;
    let pairs: Vec<String> = pairs
        .iter()
        .map(|(n, v)| format!("{}={}", encode(n), encode(v)))
        .collect();
    pairs.join("&")
}

/// The query string and body a platform would send: pushes split their values between the
/// query (fields and signatures `in: query`) and a JSON or XML body (`xml`).
fn raw(endpoint: &Endpoint, pairs: &[(String, String)], xml: bool) -> (String, String) {
    let push = endpoint.is_push();
    if !push {
        return match endpoint.encoding {
            Encoding::Query => (query_text(pairs), String::new()),
            Encoding::Json => (String::new(), json_object(endpoint, pairs)),
            _ => (String::new(), query_text(pairs)),
        };
    }
    let in_query = |name: &str| {
        endpoint.request_field(name).is_some_and(|f| f.in_query)
            || endpoint
                .signatures
                .iter()
                .any(|r| r.wire == name && r.travels_in == Location::Query)
    };
    let (query, body): (Vec<_>, Vec<_>) = pairs.iter().cloned().partition(|(n, _)| in_query(n));
    let xml = match endpoint.encoding {
        Encoding::Xml => true,
        Encoding::JsonOrXml => xml,
        _ => false,
    };
    let body = if xml {
        gamechannel::core_primitives::write_xml(&body)
    } else {
        json_object(endpoint, &body)
    };
    (query_text(&query), body)
}

/// The generated verifier's verdict on the request `pairs` would be sent as.
fn generated_verdict<T: SignedCallback>(
    endpoint: &Endpoint,
    pairs: &[(String, String)],
    credentials: &T::Credentials,
    xml: bool,
) -> Result<T, CallbackRejection> {
    let (query, body) = raw(endpoint, pairs, xml);
    let request = RawRequest {
        query: &query,
        body: &body,
    };
    T::verify_request(request, credentials, None)
}

/// Whether the interpreter finds a signature that does not match in the request `pairs` would
/// be sent as (an encrypted body's ciphertext signature included).
fn interpreted_mismatch(
    endpoint: &Endpoint,
    pairs: &[(String, String)],
    credentials: &[(String, String)],
    xml: bool,
) -> Result<bool, TestCaseError> {
    let (query, body) = raw(endpoint, pairs, xml);
    let fail = |e: String| TestCaseError::fail(format!("interpreter: {e}"));
    let received = match request_pairs(endpoint, &query, &body, credentials) {
        Ok(received) => received,
        Err(Unreadable::Sealed(verdict)) => return Ok(matches!(verdict, Verdict::Mismatch { .. })),
        Err(Unreadable::Eval(e)) => return Err(fail(e.to_string())),
        // Undecryptable, or not meant for us: no signature was found wrong.
        Err(_) => return Ok(false),
    };
    let verdict =
        eval::verify_callback(endpoint, &received, credentials).map_err(|e| fail(e.to_string()))?;
    Ok(matches!(verdict, Verdict::Mismatch { .. }))
}

/// Values whose fields carry a JSON document as a string: each such string made of its members'
/// values (as a platform serializes it), the members no longer separate.
fn carried_json(endpoint: &Endpoint, mut pairs: Vec<(String, String)>) -> Vec<(String, String)> {
    for wire in endpoint.json_fields() {
        let prefix = format!("{wire}.");
        let members: Vec<(String, String)> = pairs
            .iter()
            .filter_map(|(n, v)| n.strip_prefix(&prefix).map(|m| (m.to_owned(), v.clone())))
            .collect();
        pairs.retain(|(n, _)| !n.starts_with(&prefix));
        let document = json_object(endpoint, &members);
        match pairs.iter_mut().find(|(n, _)| n == wire) {
            Some(pair) => pair.1 = document,
            None => pairs.push((wire.to_owned(), document)),
        }
    }
    pairs
}

fn bad_signature<T>(verdict: &Result<T, CallbackRejection>) -> bool {
    matches!(verdict, Err(CallbackRejection::BadSignature { .. }))
}

/// Random callbacks signed by the interpreter: the generated verifier accepts their
/// signatures, and refuses them as the interpreter does once a signed value changes; a plain
/// callback's raw text, varied (repeats, bad escapes, random text), is read the same by both.
pub fn callback<T: SignedCallback + std::fmt::Debug>(
    endpoint: &Endpoint,
    fields: &[(&str, Kind, bool)],
    credentials: &[(&str, Kind, bool)],
    typed: impl Fn(&Values) -> T::Credentials,
) {
    let field_kinds: Vec<_> = fields.iter().map(|(_, k, o)| (*k, *o)).collect();
    let cred_kinds: Vec<_> = credentials.iter().map(|(_, k, o)| (*k, *o)).collect();
    let field_names: Vec<&str> = fields.iter().map(|(n, ..)| *n).collect();
    let cred_names: Vec<&str> = credentials.iter().map(|(n, ..)| *n).collect();
    let garbage = "[&=%+a-zA-Z0-9_]{0,8}";
    let all = (
        strategy(&field_kinds),
        strategy(&cred_kinds),
        any::<u8>(),
        garbage,
    );
    let plain =
        matches!(endpoint.encoding, Encoding::Query | Encoding::Form) && !endpoint.is_push();
    runner()
        .run(&all, |(values, creds, pick, garbage)| {
            let typed_creds = typed(&creds);
            let creds = pairs(&cred_names, &creds);
            let mut received = carried_json(endpoint, pairs(&field_names, &values));
            let inputs = Inputs {
                fields: &received,
                credentials: &creds,
                path: "",
                body: "",
            };
            let Ok(computed) = eval::sign_endpoint(endpoint, &inputs) else {
                return Ok(());
            };
            for c in &computed {
                received.retain(|(n, _)| n != &c.wire);
                received.push((c.wire.clone(), c.value.clone()));
            }
            let xml = pick % 2 == 1;
            let verdict = generated_verdict::<T>(endpoint, &received, &typed_creds, xml);
            prop_assert!(
                !bad_signature(&verdict),
                "signed by the interpreter: {verdict:?}"
            );
            // A signature the interpreter skips (its credential is absent) is refused by the
            // generated code, which needs every credential: only complete ones compare.
            if plain && computed.len() == endpoint.signatures.len() {
                plain_agreement::<T>(endpoint, &received, &typed_creds, &creds, pick, &garbage)?;
            }
            // Change one signed value: both sides must now refuse the same way.
            let signed: Vec<usize> = (0..received.len())
                .filter(|i| !computed.iter().any(|c| c.wire == received[*i].0))
                .collect();
            if signed.is_empty() {
                return Ok(());
            }
            let target = signed[usize::from(pick) % signed.len()];
            received[target].1.push('1');
            let generated = generated_verdict::<T>(endpoint, &received, &typed_creds, xml);
            let interpreted_bad = interpreted_mismatch(endpoint, &received, &creds, xml)?;
            prop_assert_eq!(
                bad_signature(&generated),
                interpreted_bad,
                "{:?}",
                generated
            );
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{}: {e}", endpoint.name));
}
