//! `gamechannel verify` answers as the generated verifier does: what a URL is, malformed
//! input, values that break the spec under a matching signature, repeated parameters, many
//! parameters; and a property test that both give the same verdict on random raw input.

use std::process::{Command, Output};

use gamechannel::core_primitives::{Algorithm, Output as Encoding, sign};
use gamechannel::{Secret, wancms};
use proptest::prelude::*;

const KEY: &str = "wancms-pay-key-test";
const NOTIFY: &str = "app_id=game_1001&open_id=wc_open_9f8e7d&bill_no=B20261121001&orderid=WC202611210000123&ext=role%3D77%3Bsrv%3D3&price=6.00&status=success&sign=48c46a50d1eec1fae2590f0d288591f1";

fn verify(raw: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gamechannel"))
        .args(["verify", "wancms.pay_notify", "--cred"])
        .arg(format!("pay_key={KEY}"))
        .arg(raw)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .expect("the gamechannel binary runs")
}

fn said(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// A pay notify over `pairs` (decoded), signed by an independent implementation of the wancms
/// rule: declared signed fields sorted by name, the pseudo-parameter `secret_key`, MD5 hex.
fn signed(pairs: &[(&str, &str)]) -> String {
    let signed_fields = ["app_id", "bill_no", "ext", "open_id", "price", "status"];
    let mut plain: Vec<(String, String)> = pairs
        .iter()
        .filter(|(n, _)| signed_fields.contains(n))
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
    plain.push(("secret_key".into(), KEY.into()));
    plain.sort();
    let text: Vec<String> = plain.iter().map(|(n, v)| format!("{n}={v}")).collect();
    let sig = sign(
        Algorithm::Md5,
        &[],
        text.join("&").as_bytes(),
        Encoding::Hex,
    )
    .expect("MD5 takes any key");
    let mut raw: Vec<String> = pairs
        .iter()
        .map(|(n, v)| format!("{n}={}", encode(v)))
        .collect();
    raw.push(format!("sign={sig}"));
    raw.join("&")
}

fn base() -> Vec<(&'static str, &'static str)> {
    vec![
        ("app_id", "game_1001"),
        ("open_id", "o1"),
        ("bill_no", "B1"),
        ("orderid", "X"),
        ("ext", ""),
        ("price", "6.00"),
        ("status", "success"),
    ]
}

#[test]
fn a_question_mark_in_a_bare_query_is_part_of_a_value() {
    let mut pairs = base();
    pairs[2] = ("bill_no", "B1?x=1");
    let raw = signed(&pairs).replace("B1%3Fx%3D1", "B1?x%3D1");
    let output = verify(&raw);
    assert_eq!(output.status.code(), Some(0), "{}", said(&output));
    // With a scheme, the same `?` starts the query.
    let output = verify(&format!("https://game.example/notify?{NOTIFY}"));
    assert_eq!(output.status.code(), Some(0), "{}", said(&output));
}

#[test]
fn a_bare_query_that_starts_with_a_slash_is_still_a_query() {
    let creds = wancms::Credentials {
        login_key: Secret::new("unused"),
        pay_key: Secret::new(KEY),
    };
    let raw = format!("/ref=a&{NOTIFY}");
    assert!(wancms::PayNotifyNotification::verify(&raw, &creds).is_ok());
    let output = verify(&raw);
    assert_eq!(output.status.code(), Some(0), "{}", said(&output));
    // A path and its query stay a URL.
    let output = verify(&format!("/notify?{NOTIFY}"));
    assert_eq!(output.status.code(), Some(0), "{}", said(&output));
}

#[test]
fn a_bad_percent_escape_is_not_genuine() {
    let output = verify(&NOTIFY.replace("ext=role%3D77", "ext=role%zz77"));
    assert_eq!(output.status.code(), Some(1), "{}", said(&output));
    assert!(
        said(&output).starts_with("NOT genuine: malformed query"),
        "{}",
        said(&output)
    );
}

#[test]
fn a_matching_signature_over_values_that_break_the_spec_is_not_genuine() {
    let mut pairs = base();
    pairs[5] = ("price", "6.0");
    let output = verify(&signed(&pairs));
    assert_eq!(output.status.code(), Some(1), "{}", said(&output));
    assert!(
        said(&output).contains("the signature matches, but `price` breaks the spec"),
        "{}",
        said(&output)
    );
    pairs[5] = ("price", "6.00");
    pairs[6] = ("status", "refunded");
    let output = verify(&signed(&pairs));
    assert_eq!(output.status.code(), Some(1), "{}", said(&output));
}

#[test]
fn repeats_of_unread_parameters_are_ignored_as_the_runtime_does() {
    let output = verify(&format!("{NOTIFY}&utm=a&utm=b"));
    assert_eq!(output.status.code(), Some(0), "{}", said(&output));
    let output = verify(&format!("{NOTIFY}&orderid=other"));
    assert_eq!(output.status.code(), Some(1), "{}", said(&output));
    assert!(
        said(&output).contains("`orderid` arrived twice"),
        "{}",
        said(&output)
    );
}

#[test]
fn tens_of_thousands_of_parameters_are_answered_quickly() {
    // Too long for one argument: sent as a form body, read the same way.
    let extra: String = (0..50_000).map(|i| format!("&x{i}=v")).collect();
    let file = std::env::temp_dir().join(format!("gamechannel-many-{}.txt", std::process::id()));
    std::fs::write(&file, format!("{NOTIFY}{extra}&x7=again")).unwrap();
    let started = std::time::Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_gamechannel"))
        .args(["verify", "wancms.pay_notify", "--cred"])
        .arg(format!("pay_key={KEY}"))
        .arg("--body")
        .arg(&file)
        .output()
        .expect("the gamechannel binary runs");
    let took = started.elapsed();
    std::fs::remove_file(&file).ok();
    assert_eq!(output.status.code(), Some(0), "{}", said(&output));
    // A debug build on a busy machine; the release binary answers in milliseconds.
    assert!(took.as_secs_f64() < 3.0, "took {took:?}");
}

/// One random edit of a well-formed notify.
#[derive(Debug, Clone)]
enum Edit {
    Value(usize, String),
    Repeat(usize),
    Drop(usize),
    Extra(String, String),
    RawGarbage(String),
}

fn edit() -> impl Strategy<Value = Edit> {
    let text = prop_oneof![
        Just(String::new()),
        "[a-z0-9?=&%. ]{0,6}",
        Just("6.00".to_owned()),
        Just("fail".to_owned()),
        Just("12".to_owned()),
    ];
    prop_oneof![
        (0usize..7, text.clone()).prop_map(|(i, v)| Edit::Value(i, v)),
        (0usize..7).prop_map(Edit::Repeat),
        (0usize..7).prop_map(Edit::Drop),
        ("[a-z]{1,3}", text).prop_map(|(n, v)| Edit::Extra(n, v)),
        prop_oneof![Just("%zz"), Just("%"), Just("%e4%"), Just("&&"), Just("=")]
            .prop_map(|g| Edit::RawGarbage(g.to_owned())),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// The interpreter behind `verify` and the generated verifier agree on random raw input,
    /// re-signed or not.
    #[test]
    fn verify_and_the_generated_verifier_agree(edits in prop::collection::vec(edit(), 1..4), resign in any::<bool>()) {
        let mut pairs: Vec<(String, String)> =
            base().iter().map(|(n, v)| (n.to_string(), v.to_string())).collect();
        let mut garbage = String::new();
        for e in &edits {
            match e {
                Edit::Value(i, v) => {
                    let at = i % pairs.len();
                    pairs[at].1 = v.clone();
                }
                Edit::Repeat(i) => {
                    let p = pairs[i % pairs.len()].clone();
                    pairs.push(p);
                }
                Edit::Drop(i) if pairs.len() > 1 => {
                    let at = i % pairs.len();
                    pairs.remove(at);
                }
                Edit::Drop(_) => {}
                Edit::Extra(n, v) => pairs.push((n.clone(), v.clone())),
                Edit::RawGarbage(g) => garbage = g.clone(),
            }
        }
        let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        let mut raw = if resign {
            signed(&borrowed)
        } else {
            let mut raw: Vec<String> = borrowed.iter().map(|(n, v)| format!("{n}={}", encode(v))).collect();
            raw.push("sign=48c46a50d1eec1fae2590f0d288591f1".into());
            raw.join("&")
        };
        raw.push_str(&garbage);
        let creds = wancms::Credentials {
            login_key: Secret::new("unused"),
            pay_key: Secret::new(KEY),
        };
        let generated = wancms::PayNotifyNotification::verify(&raw, &creds).is_ok();
        let output = verify(&raw);
        let interpreted = output.status.code() == Some(0);
        prop_assert_ne!(output.status.code(), Some(2), "usage error on {}: {}", raw, said(&output));
        prop_assert_eq!(interpreted, generated, "on {}: verify says {}", raw, said(&output));
    }
}
