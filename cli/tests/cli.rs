//! The command line, run as a user runs it: every spec example through `sign`, broken specs
//! through `check` (`verify` is in `cli_verify.rs`).

mod cli_support;

use cli_support::*;
use gamechannel_cli::specs::Catalog;
use gamechannel_codegen::model::EndpointKind;

#[test]
fn sign_reproduces_every_spec_example() {
    let catalog = Catalog::load(&[]).unwrap();
    let mut checked = 0;
    for platform in catalog.platforms() {
        for endpoint in &platform.endpoints {
            for example in &endpoint.examples {
                let target = format!("{}.{}", platform.name, endpoint.name);
                let asymmetric = endpoint
                    .signatures
                    .iter()
                    .any(|r| r.algorithm.is_asymmetric());
                if endpoint.kind() == EndpointKind::Callback && asymmetric {
                    // A platform's public key only verifies: the example goes through `verify`.
                    checked += verify_example(&target, endpoint, example);
                    continue;
                }
                let mut args = vec![
                    "sign".to_owned(),
                    target,
                    "--json".into(),
                    "--show-secrets".into(),
                ];
                args.extend(["--env".into(), example.environment.clone()]);
                if endpoint.kind() == EndpointKind::Call {
                    args.extend(["--path".into(), example.path.clone()]);
                }
                for (name, value) in &example.credentials {
                    args.extend(["--cred".into(), format!("{name}={value}")]);
                }
                match &example.body {
                    // A vector's own raw body is signed as it is.
                    Some(body) => {
                        let file = body_file("sign", &format!("{}.json", example.name), body);
                        args.extend(["--body".into(), file]);
                    }
                    None => args.extend(example.request.iter().map(|(n, v)| format!("{n}={v}"))),
                }
                let args: Vec<&str> = args.iter().map(String::as_str).collect();
                let output = gamechannel(&args);
                assert!(
                    output.status.success(),
                    "{args:?}: {}",
                    String::from_utf8_lossy(&output.stderr)
                );
                let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
                for expected in &example.expect {
                    let got = &json["signatures"][&expected.signature];
                    assert_eq!(
                        got["string_to_sign"],
                        expected.string_to_sign.as_str(),
                        "{args:?}"
                    );
                    assert_eq!(got["value"], expected.value.as_str(), "{args:?}");
                    checked += 1;
                }
            }
        }
    }
    // Recipes' own examples: signed alone, over the inputs the example names.
    for platform in catalog.platforms() {
        for x in &platform.recipe_examples {
            let target = format!("{}.{}", platform.name, x.signature);
            let mut args = vec![target, "--json".into(), "--show-secrets".into()];
            args.splice(0..0, ["sign".to_owned()]);
            if let Some(body) = &x.example.body {
                let file = body_file("sign-recipe", &format!("{}.body", x.example.name), body);
                args.extend(["--body".into(), file]);
            }
            for (name, value) in &x.example.credentials {
                args.extend(["--cred".into(), format!("{name}={value}")]);
            }
            args.extend(x.example.request.iter().map(|(n, v)| format!("{n}={v}")));
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let output = gamechannel(&args);
            assert!(
                output.status.success(),
                "{args:?}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
            let expected = &x.example.expect[0];
            let got = &json["signatures"][&x.signature];
            assert_eq!(
                got["string_to_sign"],
                expected.string_to_sign.as_str(),
                "{args:?}"
            );
            match &x.refutes {
                None => assert_eq!(got["value"], expected.value.as_str(), "{args:?}"),
                Some(_) => assert_ne!(got["value"], expected.value.as_str(), "{args:?}"),
            }
            checked += 1;
        }
    }
    assert!(checked >= 15, "only {checked} expectations checked");
}

#[test]
fn sign_official_midas_vector_and_hides_secrets_by_default() {
    let args = [
        "sign",
        "wechat_midas.get_balance",
        "--cred",
        "app_key=zNLgAGgqsEWJOg1nFVaO5r7fAlIQxr1u",
        "--cred",
        "access_token=ACCESSTOKEN",
        "openid=odkx20ENSNa2w5y3g_qOkOvBNM1g",
        "appid=wx1234567",
        "offer_id=12345678",
        "ts=1507530737",
        "zone_id=1",
        "pf=android",
    ];
    let output = gamechannel(&args);
    let text = stdout(&output);
    assert!(output.status.success());
    assert!(
        text.contains("sig = 1ad64e8dcb2ec1dc486b7fdf01f4a15159fc623dc3422470e51cf6870734726b"),
        "{text}"
    );
    assert!(text.contains("secret=<app_key>"), "{text}");
    assert!(
        !text.contains("zNLgAGgqsEWJOg1nFVaO5r7fAlIQxr1u"),
        "the AppKey leaked: {text}"
    );
    assert!(text.contains("mp_sig: not sent"), "{text}");
}

#[test]
fn sign_rejects_unknown_names_with_the_allowed_ones() {
    let output = gamechannel(&["sign", "wechat_midas.get_balance", "bil_no=1"]);
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("unknown field 'bil_no'") && err.contains("allowed: openid"),
        "{err}"
    );
    let output = gamechannel(&["sign", "wechat_midas.get_balance", "--env", "prod"]);
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("allowed: production, sandbox"), "{err}");
}

#[test]
fn check_prints_every_problem_located_and_exits_1() {
    let output = gamechannel(&["check", "spec/tests/broken/three_mistakes.yaml"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).is_empty(), "problems go to stderr");
    let text = String::from_utf8_lossy(&output.stderr);
    assert!(
        text.contains("error[unknown-key]: unknown key `retry_safe`"),
        "{text}"
    );
    assert!(
        text.contains("--> spec/tests/broken/three_mistakes.yaml:59:5"),
        "{text}"
    );
    assert!(
        text.contains("59 |     retry_safe: true\n   |     ^^^^^^^^^^"),
        "{text}"
    );
    assert!(text.contains(":67:19"), "{text}");
    assert!(text.contains("write `true` or `false`"), "{text}");
    assert!(
        text.contains(
            "`timestmp` is not a request field (in endpoints `get_user_open_id` and `gift_code`)"
        ),
        "{text}"
    );
    assert!(
        text.contains("help: did you mean `timestamp` or `timeStamp`?"),
        "{text}"
    );
    assert!(!text.contains('\u{1b}'), "no color off a terminal");
}

#[test]
fn check_prints_one_json_object_per_problem() {
    let output = gamechannel(&[
        "check",
        "--message-format",
        "json",
        "spec/tests/broken/three_mistakes.yaml",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    let key = lines
        .iter()
        .find(|d| d["code"] == "unknown-key")
        .expect("the unknown key");
    assert_eq!(key["file"], "spec/tests/broken/three_mistakes.yaml");
    assert_eq!(
        (key["line"].as_u64(), key["column"].as_u64()),
        (Some(59), Some(5))
    );
    assert_eq!(key["end"]["column"], 15);
    assert_eq!(key["path"], "endpoints.get_user_open_id.retry_safe");
    assert_eq!(key["severity"], "error");
    assert_eq!(key["message"], "unknown key `retry_safe`");
    assert!(key["help"].as_str().unwrap().contains("`kind`"));
}

#[test]
fn check_json_gives_stable_codes_and_where_multi_line_values_end() {
    let json = |spec: &str| -> Vec<serde_json::Value> {
        let output = gamechannel(&["check", "--message-format", "json", spec]);
        assert_eq!(output.status.code(), Some(1));
        stdout(&output)
            .lines()
            .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
            .collect()
    };
    let problems = json("spec/tests/broken/multi_line_value.yaml");
    let codes: Vec<&str> = problems
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["wrong-type", "wrong-type"], "{problems:?}");
    // The block scalar `secret: |` covers its two lines, the list its two items.
    let place = |d: &serde_json::Value| {
        let n = |v: &serde_json::Value| v.as_u64().unwrap();
        (
            n(&d["line"]),
            n(&d["column"]),
            n(&d["end"]["line"]),
            n(&d["end"]["column"]),
        )
    };
    assert_eq!(place(&problems[0]), (22, 7, 23, 15), "{problems:?}");
    assert_eq!(place(&problems[1]), (66, 9, 67, 19), "{problems:?}");

    let problems = json("spec/tests/broken/unclosed_list_far_above.yaml");
    let unclosed = &problems[0];
    assert_eq!(unclosed["code"], "unclosed");
    assert_eq!(
        (unclosed["line"].as_u64(), unclosed["column"].as_u64()),
        (Some(56), Some(11))
    );
    assert_eq!(
        unclosed["labels"][0]["line"], 60,
        "where the parser stopped"
    );
}

#[test]
fn check_passes_the_seed_specs() {
    let output = gamechannel(&["check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

#[test]
fn sign_masks_a_secret_that_contains_another() {
    let output = gamechannel(&[
        "sign",
        "wechat_midas.get_balance",
        "--cred",
        "app_key=Key1",
        "--cred",
        "session_key=Key1SECRETPART",
        "--cred",
        "access_token=T",
        "openid=o",
        "appid=a",
        "offer_id=1",
        "ts=1",
        "zone_id=1",
        "pf=android",
    ]);
    let text = stdout(&output);
    assert!(output.status.success(), "{text}");
    assert!(
        !text.contains("SECRETPART") && text.contains("session_key=<session_key>"),
        "{text}"
    );
}
