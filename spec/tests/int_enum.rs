//! `enum` keys of `int` fields are integers, and YAML integers are how one writes them.

use gamechannel_spec::load::load_str;

#[test]
fn int_enum_keys_written_as_integers_load() {
    let text = r#"
platform: t
title: t
environments: { production: { base_url: "https://example.com" } }
endpoints:
  notify:
    kind: callback
    method: GET
    request:
      level: { type: int, enum: { 0: none, 1: one, -1: unknown } }
"#;
    let platform = load_str(text, "t.yaml").unwrap_or_else(|d| panic!("{d}"));
    let field = &platform.endpoints[0].request[0];
    let keys: Vec<&str> = field
        .constraints
        .values
        .iter()
        .map(|(v, _)| v.as_str())
        .collect();
    assert_eq!(keys, ["0", "1", "-1"]);
}
