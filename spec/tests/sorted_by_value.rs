//! Lists sorted by value and written as values only (the WeChat message-push signature:
//! `sha1(concat(sort([token, timestamp, nonce])))`), with the published vector as an example.

use gamechannel_spec::eval::{Inputs, Verdict, sign_endpoint, verify_callback};
use gamechannel_spec::load::load_str;

const SPEC: &str = r#"
platform: push
title: message push
environments: { production: { base_url: "https://example.com" } }
credentials:
  token: { secret: true }
signatures:
  signature:
    algorithm: sha1
    params: { include: [token], sort: value, values_only: true, join: "" }
    output: hex
endpoints:
  push:
    kind: callback
    method: GET
    sign: [signature]
    request:
      timestamp: { type: string, required: true }
      nonce: { type: string, required: true }
      openid: { type: string, signed: false }
      extra: { type: string }
    examples:
      - name: wx_push_url_verify_doc
        source: official documentation example
        credentials: { token: AAAAA }
        request: { timestamp: "1714036504", nonce: "1514711492" }
        expect:
          signature:
            string_to_sign: "15147114921714036504AAAAA"
            value: f464b24fc39322e44b38aa78f5edd27bd1441696
"#;

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect()
}

#[test]
fn sorted_by_value_values_only_reproduces_and_verifies() {
    let platform = load_str(SPEC, "push.yaml").unwrap_or_else(|d| panic!("{d}"));
    let endpoint = &platform.endpoints[0];
    let credentials = pairs(&[("token", "AAAAA")]);
    let fields = pairs(&[("timestamp", "1714036504"), ("nonce", "1514711492")]);
    let inputs = Inputs {
        fields: &fields,
        credentials: &credentials,
        path: "",
        body: "",
    };
    let signed = sign_endpoint(endpoint, &inputs).unwrap();
    assert_eq!(signed[0].string_to_sign, "15147114921714036504AAAAA");

    let mut received = fields.clone();
    received.push((
        "signature".into(),
        "f464b24fc39322e44b38aa78f5edd27bd1441696".into(),
    ));
    assert_eq!(
        verify_callback(endpoint, &received, &credentials).unwrap(),
        Verdict::Genuine
    );
    // An optional value present takes its place by value; an empty one is left out.
    let mut with_extra = fields.clone();
    with_extra.push(("extra".into(), "2".into()));
    let inputs = Inputs {
        fields: &with_extra,
        ..inputs
    };
    assert_eq!(
        sign_endpoint(endpoint, &inputs).unwrap()[0].string_to_sign,
        "151471149217140365042AAAAA"
    );
}
