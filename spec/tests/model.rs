//! The checked model: each kind of endpoint carries only its own part, and the facts several
//! readers need are found once, when the model is built.

use gamechannel_spec::load::load_str;
use gamechannel_spec::model::{EndpointKind, Method, Platform, Shape, Source};

const SPEC: &str = r#"
platform: kinds
title: Kinds
environments:
  production: { base_url: "https://api.example.com" }
  sandbox: { base_url: "https://sandbox.example.com" }
credentials:
  app_key: { secret: true }
  sandbox_app_key: { secret: true }
envelope: { code: code, ok: 0 }
errors:
  -1: { name: busy, retry: true }
  7: { name: bad_amount }
signatures:
  sign:
    algorithm: md5
    params: { from: request, sort: name }
    template: "{params}&key={app_key}"
    output: hex
  chosen:
    algorithm: hmac_sha256
    key: "{app_key}"
    key_by: { field: env, values: { "1": "{sandbox_app_key}" } }
    template: "{order}"
    output: hex
    field: sig
endpoints:
  grant:
    kind: call
    method: POST
    path: { production: /grant, sandbox: /sandbox/grant }
    read_only: true
    sign: [sign]
    request:
      order: { type: string, required: true }
    errors:
      8: { name: order_exists }
  notify:
    kind: callback
    method: POST
    encoding: form
    sign: [chosen]
    timestamp_field: ts
    timestamp_max_age: 300
    request:
      order: { type: string, required: true }
      env: { type: string }
      ts: { type: int, required: true }
    errors:
      8: { name: order_exists, doc: Said by the callback too. }
      9: { name: late }
    reply: { content_type: text/plain, success: ok, failure: fail }
  pay:
    kind: frontend
    sdk_function: sdk.pay
    request:
      amount: { type: int, required: true }
"#;

fn platform() -> Platform {
    load_str(SPEC, "kinds.yaml").unwrap_or_else(|d| panic!("{d}"))
}

#[test]
fn each_kind_carries_its_own_part() {
    let platform = platform();
    let grant = platform.endpoint("grant").expect("grant");
    let Shape::Call(call) = &grant.shape else {
        panic!("grant is a call: {:?}", grant.shape);
    };
    assert_eq!(call.method, Method::Post);
    assert_eq!(call.path_in("sandbox"), Some("/sandbox/grant"));
    assert!(call.retry_safe());
    assert!(grant.callback().is_none() && grant.frontend().is_none());

    let notify = platform.endpoint("notify").expect("notify");
    assert_eq!(notify.kind(), EndpointKind::Callback);
    let callback = notify.callback().expect("a callback");
    assert_eq!(callback.method, Method::Post);
    let timestamp = notify.timestamp().expect("a timestamp");
    assert_eq!(
        (timestamp.field.as_str(), timestamp.max_age),
        ("ts", Some(300))
    );
    assert_eq!(notify.reply().map(|r| r.success.as_str()), Some("ok"));
    assert_eq!(notify.path_in("production"), None);

    let pay = platform.endpoint("pay").expect("pay");
    assert_eq!(pay.kind(), EndpointKind::Frontend);
    assert_eq!(pay.method(), None);
    let page = pay.frontend().expect("a frontend payload");
    assert_eq!(page.sdk_function.as_deref(), Some("sdk.pay"));
}

#[test]
fn error_table_lists_each_code_once() {
    let platform = platform();
    let table: Vec<(i64, &str)> = platform
        .error_table
        .iter()
        .map(|e| (e.code, e.name.as_str()))
        .collect();
    assert_eq!(
        table,
        [
            (-1, "busy"),
            (7, "bad_amount"),
            (8, "order_exists"),
            (9, "late")
        ]
    );
    // The code shared by two endpoints is listed once, as declared first.
    let shared = platform.error_table.iter().find(|e| e.code == 8);
    assert_eq!(shared.and_then(|e| e.doc.as_deref()), None);
    // An endpoint's own view: the platform's codes, then its own.
    let notify = platform.endpoint("notify").expect("notify");
    let own: Vec<&str> = platform
        .errors_of(notify)
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(own, ["busy", "bad_amount", "order_exists", "late"]);
}

#[test]
fn a_recipe_reads_what_chooses_its_key_and_every_key_it_may_choose() {
    let platform = platform();
    let notify = platform.endpoint("notify").expect("notify");
    let reads = notify.signatures[0].plan.sources();
    assert_eq!(
        reads,
        [
            Source::Field("env".into()),
            Source::Credential("sandbox_app_key".into()),
            Source::Credential("app_key".into()),
            Source::Field("order".into()),
        ]
    );
    let grant = platform.endpoint("grant").expect("grant");
    assert!(
        grant.signatures[0]
            .plan
            .sources()
            .contains(&Source::Credential("app_key".into()))
    );
}
