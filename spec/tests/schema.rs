//! The spec format's JSON Schema: the dialect editors need, and agreement with real specs.

use std::path::Path;

use gamechannel_spec::schema::spec_json_schema;
use serde_json::Value;

/// A small spec touching the parts of the format whose schema is easy to get wrong:
/// integer map keys (negative ones too), per-environment paths, `in:` renames, examples.
const SAMPLE: &str = r#"
platform: sample
title: Sample platform
environments:
  production: { base_url: https://api.example.com }
  sandbox: { base_url: https://sandbox.example.com }
credentials:
  app_key: { secret: true, doc: the key }
  access_token: { in: query }
envelope: { code: errcode, message: errmsg, ok: 0 }
errors:
  -1: { name: system_busy, retry: true }
  90011: { name: bad_sig }
signatures:
  sig:
    algorithm: hmac_sha256
    key: "{app_key}"
    params: { from: request, exclude: [sig], skip_empty: true, sort: name }
    template: "{params}&org_loc={path}&method={method}&secret={app_key}"
    output: hex
endpoints:
  present:
    kind: call
    method: POST
    path: { production: /present, sandbox: /sandbox/present }
    sign: [sig]
    idempotency_key: bill_no
    request:
      bill_no: { type: string, required: true, max_len: 63, pattern: "^[0-9A-Za-z_-]+$" }
      present_counts: { type: int, required: true, non_zero: true }
    response:
      balance: { type: int }
    errors:
      90012: { name: order_exists }
    examples:
      - name: doc_vector
        credentials: { app_key: k }
        request: { bill_no: b1, present_counts: 5 }
        expect:
          sig: { string_to_sign: "x", value: "y" }
  pay:
    kind: frontend
    sdk_function: sdk.pay
    results:
      0: { name: ok }
      -2: { name: cancelled }
"#;

fn schema() -> Value {
    serde_json::from_str(&spec_json_schema()).expect("the schema is JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft7::new(&schema()).expect("the schema is a valid draft-07 schema")
}

/// YAML as an editor's plugin sees it: map keys become strings (`-1:` is the key `"-1"`).
fn yaml_to_json(value: &serde_yaml::Value) -> Value {
    use serde_yaml::Value as Y;
    match value {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(*b),
        Y::Number(n) => serde_json::to_value(n).unwrap_or(Value::Null),
        Y::String(s) => Value::String(s.clone()),
        Y::Sequence(items) => Value::Array(items.iter().map(yaml_to_json).collect()),
        Y::Mapping(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let key = match k {
                        Y::String(s) => s.clone(),
                        Y::Number(n) => n.to_string(),
                        Y::Bool(b) => b.to_string(),
                        other => format!("{other:?}"),
                    };
                    (key, yaml_to_json(v))
                })
                .collect(),
        ),
        Y::Tagged(tagged) => yaml_to_json(&tagged.value),
    }
}

fn errors_of(yaml: &str) -> Vec<String> {
    let value: serde_yaml::Value = serde_yaml::from_str(yaml).expect("test YAML parses");
    validator()
        .iter_errors(&yaml_to_json(&value))
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn is_draft07_with_title_and_no_id() {
    let schema = schema();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(schema["title"], "gamechannel platform spec");
    assert!(schema.get("$id").is_none());
    assert!(
        schema.get("$defs").is_none(),
        "draft-07 keeps definitions under `definitions`"
    );
    assert!(schema["definitions"]["Field"].is_object());
}

#[test]
fn unknown_fields_are_refused() {
    let schema = schema();
    assert_eq!(schema["additionalProperties"], false);
    for name in [
        "Field",
        "Endpoint",
        "Signature",
        "ParamSet",
        "Credential",
        "Example",
    ] {
        assert_eq!(
            schema["definitions"][name]["additionalProperties"], false,
            "{name} must refuse unknown keys like the loader does"
        );
    }
}

#[test]
fn ends_with_one_newline_and_is_deterministic() {
    let text = spec_json_schema();
    assert!(text.ends_with("}\n"));
    assert_eq!(text, spec_json_schema());
}

#[test]
fn sample_spec_validates() {
    assert_eq!(errors_of(SAMPLE), Vec::<String>::new());
}

#[test]
fn mistakes_are_caught() {
    let misspelt = SAMPLE.replace("max_len: 63", "maxlen: 63");
    assert!(!errors_of(&misspelt).is_empty(), "unknown field in a Field");
    let named_key = SAMPLE.replace("90011: { name: bad_sig }", "bad: { name: bad_sig }");
    assert!(
        !errors_of(&named_key).is_empty(),
        "non-numeric error code key"
    );
    let bad_kind = SAMPLE.replace("kind: frontend", "kind: webhook");
    assert!(!errors_of(&bad_kind).is_empty(), "unknown endpoint kind");
}

#[test]
fn committed_specs_validate() {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let Ok(entries) = std::fs::read_dir(&specs) else {
        return;
    };
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("spec is readable");
        let errors = errors_of(&text);
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
}
