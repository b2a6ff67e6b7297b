//! `verify` on the command line, run as a user runs it: callbacks, pushes and signed calls,
//! genuine and tampered, given as URLs, queries and body files.

mod cli_support;

use cli_support::*;
use gamechannel_cli::specs::Catalog;

#[test]
fn verify_checks_the_douyin_callback_vector_and_refuses_it_changed() {
    let msg = r#"{"appid":"tt07e3715e98c9aac0","cp_orderno":"out_order_no_1","cp_extra":"","order_no_channel":"N7215864582118574351","amount_cent":600,"amount_coin":60,"currency":"CNY"}"#;
    let body = serde_json::json!({
        "timestamp": "1680074590",
        "nonce": "4367",
        "msg": msg,
        "signature": "f22c295ae6c13a54fcc932eeb08d974022bc4d46",
    })
    .to_string();
    let token = "--cred=callback_token=my_callback_token";
    let genuine = body_file("douyin", "pay.json", &body);
    let output = gamechannel(&[
        "verify",
        "douyin_game.pay_callback",
        "--body",
        &genuine,
        token,
    ]);
    assert!(output.status.success(), "{}", stdout(&output));
    let changed = body_file("douyin", "changed.json", &body.replacen("600", "601", 1));
    let output = gamechannel(&[
        "verify",
        "douyin_game.pay_callback",
        "--body",
        &changed,
        token,
    ]);
    assert!(!output.status.success(), "{}", stdout(&output));
    let other = "--cred=callback_token=another_token";
    let output = gamechannel(&[
        "verify",
        "douyin_game.pay_callback",
        "--body",
        &genuine,
        other,
    ]);
    assert!(!output.status.success(), "{}", stdout(&output));

    // The URL check: `echostr` is not signed, the rest is.
    let query = "timestamp=1680074590&nonce=4367&msg=hello&echostr=any&signature=ab01121299ed4d159fca8b60144fcdd81e52f91e";
    let output = gamechannel(&["verify", "douyin_game.verify_url", query, token]);
    assert!(output.status.success(), "{}", stdout(&output));
    let output = gamechannel(&[
        "verify",
        "douyin_game.verify_url",
        &query.replace("hello", "hellO"),
        token,
    ]);
    assert!(!output.status.success(), "{}", stdout(&output));
}

/// Every example of a call whose raw body is signed, received as the platform receives it:
/// the signatures in the URL's query, the body in a file. Genuine as given; one byte of the
/// body changed, not.
#[test]
fn verify_takes_the_query_and_the_body_of_every_body_signed_example() {
    let catalog = Catalog::load(&[]).unwrap();
    let mut checked = 0;
    for platform in catalog.platforms() {
        for endpoint in &platform.endpoints {
            let Some(call) = endpoint.call().filter(|_| endpoint.signs_body()) else {
                continue;
            };
            for example in &endpoint.examples {
                let body = example.body.clone().unwrap_or_else(|| {
                    gamechannel_codegen::body::request_body(
                        platform,
                        endpoint,
                        &example.request,
                        &example.credentials,
                    )
                });
                let mut query: Vec<String> = example
                    .expect
                    .iter()
                    .map(|x| {
                        let recipe = endpoint.signatures.iter().find(|r| r.name == x.signature);
                        let wire = recipe.map_or(x.signature.as_str(), |r| r.wire.as_str());
                        format!("{wire}={}", gamechannel_core::percent_encode(&x.value))
                    })
                    .collect();
                query.extend(call.query_constants.iter().map(|(n, v)| format!("{n}={v}")));
                let url = format!("{}?{}", example.path, query.join("&"));
                let target = format!("{}.{}", platform.name, endpoint.name);
                let mut args = vec!["verify".to_owned(), target, url];
                for (name, value) in &example.credentials {
                    args.extend(["--cred".into(), format!("{name}={value}")]);
                }
                args.push("--signatures-only".into());
                let run = |body: &str, tag: &str| {
                    let file = body_file("verify-body", &format!("{}-{tag}", example.name), body);
                    let mut args = args.clone();
                    args.extend(["--body".into(), file]);
                    let args: Vec<&str> = args.iter().map(String::as_str).collect();
                    gamechannel(&args)
                };
                let genuine = run(&body, "genuine");
                assert_eq!(
                    genuine.status.code(),
                    Some(0),
                    "{args:?}: {}",
                    stdout(&genuine)
                );
                let changed = body.replacen('"', "'", 1);
                let tampered = run(&changed, "tampered");
                assert_eq!(
                    tampered.status.code(),
                    Some(1),
                    "{args:?}: {}",
                    stdout(&tampered)
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 8, "only {checked} body-signed examples checked");
}

const NOTIFY: &str = "https://game.example/pay/notify?app_id=game_1001&open_id=wc_open_9f8e7d&bill_no=B20261121001&orderid=WC202611210000123&ext=role%3D77%3Bsrv%3D3&price=6.00&status=success&sign=48c46a50d1eec1fae2590f0d288591f1";

#[test]
fn verify_accepts_a_genuine_notify_and_explains_a_tampered_one() {
    let genuine = gamechannel(&[
        "verify",
        "wancms.pay_notify",
        "--cred",
        "pay_key=wancms-pay-key-test",
        NOTIFY,
    ]);
    assert_eq!(genuine.status.code(), Some(0), "{}", stdout(&genuine));
    assert!(stdout(&genuine).starts_with("genuine"));

    let tampered = NOTIFY.replace("price=6.00", "price=600.00");
    let output = gamechannel(&[
        "verify",
        "wancms.pay_notify",
        "--cred",
        "pay_key=wancms-pay-key-test",
        &tampered,
    ]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains("NOT genuine") && text.contains("price=600.00"),
        "{text}"
    );
    assert!(
        !text.contains("wancms-pay-key-test"),
        "the pay key leaked: {text}"
    );
}

#[test]
fn verify_checks_json_callbacks_from_a_body_file() {
    let body = r#"{"game":"demo-weixin","uid":"12_11_1","roleId":"10086","serverId":"3","awardCode":"GIFT2026A","timeStamp":1763769600,"sign":"2b47813acc3cdad9f5460621c91c35fd"}"#;
    let file = body_file("test", "gift.json", body);
    // A recorded callback: its signature is checked on its own, its age aside.
    let output = gamechannel(&[
        "verify",
        "llewan.gift_code",
        "--cred",
        "secret=abc",
        "--signatures-only",
        "--body",
        &file,
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    // As a game would see it today: correctly signed, but far too old.
    let output = gamechannel(&[
        "verify",
        "llewan.gift_code",
        "--cred",
        "secret=abc",
        "--body",
        &file,
    ]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains("NOT acceptable") && text.contains("timeStamp"),
        "{text}"
    );
    std::fs::write(&file, body.replace("GIFT2026A", "GIFT2026B")).unwrap();
    let output = gamechannel(&[
        "verify",
        "llewan.gift_code",
        "--cred",
        "secret=abc",
        "--signatures-only",
        "--body",
        &file,
    ]);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn verify_refuses_values_that_break_their_constraints() {
    // wancms `status` is `success` or `fail`: a signed `status=maybe` is still refused.
    let sign = gamechannel(&[
        "sign",
        "wancms.pay_notify",
        "--json",
        "--cred",
        "pay_key=k",
        "app_id=g",
        "open_id=o",
        "bill_no=B1",
        "orderid=W1",
        "price=6.00",
        "status=maybe",
    ]);
    assert!(
        sign.status.success(),
        "{}",
        String::from_utf8_lossy(&sign.stderr)
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&sign)).unwrap();
    let value = json["signatures"]["pay_sign"]["value"]
        .as_str()
        .unwrap()
        .to_owned();
    let raw =
        format!("app_id=g&open_id=o&bill_no=B1&orderid=W1&price=6.00&status=maybe&sign={value}");
    let output = gamechannel(&["verify", "wancms.pay_notify", "--cred", "pay_key=k", &raw]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains("NOT acceptable") && text.contains("status"),
        "{text}"
    );
}

#[test]
fn verify_checks_a_signed_call_url() {
    let url = "https://openapi.minigame.qq.com/v3/user/get_dawanka_info?appid=1110000001&openid=0123456789ABCDEF0123456789ABCDEF&openkey=FEDCBA9876543210FEDCBA9876543210&pf=qqgame&version=2&sig=1V8ZdQxMBx%2Buxfs%2BUVeKPpqhhAg%3D";
    let output = gamechannel(&[
        "verify",
        "qqgame.get_dawanka_info",
        "--cred",
        "app_key=AppKeyForQQGame_42",
        url,
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let output = gamechannel(&[
        "verify",
        "qqgame.get_dawanka_info",
        "--cred",
        "app_key=AppKeyForQQGame_42",
        &url.replace("version=2", "version=1"),
    ]);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn verify_checks_a_midas_json_body_signed_with_the_official_vector() {
    let body = r#"{"openid":"odkx20ENSNa2w5y3g_qOkOvBNM1g","appid":"wx1234567","offer_id":"12345678","ts":1507530737,"zone_id":"1","pf":"android","sig":"1ad64e8dcb2ec1dc486b7fdf01f4a15159fc623dc3422470e51cf6870734726b"}"#;
    let file = body_file("midas", "getbalance.json", body);
    let key = "app_key=zNLgAGgqsEWJOg1nFVaO5r7fAlIQxr1u";
    let output = gamechannel(&[
        "verify",
        "wechat_midas.get_balance",
        "--cred",
        key,
        "--body",
        &file,
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    // The sandbox signs another org_loc: the same body is not genuine there.
    let output = gamechannel(&[
        "verify",
        "wechat_midas.get_balance",
        "--env",
        "sandbox",
        "--cred",
        key,
        "--body",
        &file,
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
}

#[test]
fn verify_refuses_a_repeated_parameter_even_when_the_signature_matches() {
    let repeated = format!("{NOTIFY}&price=600.00&status=fail");
    let output = gamechannel(&[
        "verify",
        "wancms.pay_notify",
        "--cred",
        "pay_key=wancms-pay-key-test",
        &repeated,
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(
        stdout(&output).contains("`price` arrived twice"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn verify_says_which_signatures_it_could_not_check() {
    let body = r#"{"openid":"odkx20ENSNa2w5y3g_qOkOvBNM1g","appid":"wx1234567","offer_id":"12345678","ts":1507530737,"zone_id":"1","pf":"android","sig":"1ad64e8dcb2ec1dc486b7fdf01f4a15159fc623dc3422470e51cf6870734726b","mp_sig":"FORGED"}"#;
    let file = body_file("mp", "getbalance.json", body);
    let key = "app_key=zNLgAGgqsEWJOg1nFVaO5r7fAlIQxr1u";
    let output = gamechannel(&[
        "verify",
        "wechat_midas.get_balance",
        "--cred",
        key,
        "--body",
        &file,
    ]);
    let text = stdout(&output);
    assert!(
        text.starts_with("genuine: sig matches")
            && text.contains("mp_sig not checked: it needs session_key"),
        "{text}"
    );
    let session = "session_key=V7Q38/i2KXaqrQyl2Yx9Hg==";
    let token = "access_token=ACCESSTOKEN";
    let output = gamechannel(&[
        "verify",
        "wechat_midas.get_balance",
        "--cred",
        key,
        "--cred",
        session,
        "--cred",
        token,
        "--body",
        &file,
    ]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "a forged mp_sig is caught once it can be checked"
    );
}

/// The doc vector of mini-game pay 2.0 received with its query: genuine with the fixed
/// `sig_method`, not acceptable without it (the signatures still match).
#[test]
fn verify_wants_the_fixed_query_parameter_of_a_body_signed_call() {
    let body = r#"{"offer_id": "12345678", "openid": "oUrsfxxxxxxxxxx", "ts": 1668136271, "zone_id": "1", "env": 0}"#;
    let file = body_file("sig-method", "getbalance.json", body);
    let signatures = "signature=42fe1d3341fb1c8bd6f5014ba735ab04eacc80a2deb3ab4669eab4700b5b6729&pay_sig=11bac6388871d29c055c7d16fbe42e8d646855b666faf89b15c815218b1b23bd";
    let run = |query: &str| {
        gamechannel(&[
            "verify",
            "wechat_minigame_v2.get_balance",
            &format!("/wxa/game/getbalance?access_token=T&{query}"),
            "--body",
            &file,
            "--cred",
            "app_key=12345",
            "--cred",
            "session_key=9hAb/NEYUlkaMBEsmFgzig==",
        ])
    };
    let genuine = run(&format!("sig_method=hmac_sha256&{signatures}"));
    assert_eq!(genuine.status.code(), Some(0), "{}", stdout(&genuine));
    assert!(stdout(&genuine).contains("genuine: signature, pay_sig matches"));
    let without = run(signatures);
    assert_eq!(without.status.code(), Some(1), "{}", stdout(&without));
    assert!(
        stdout(&without).contains("the query lacks `sig_method=hmac_sha256`"),
        "{}",
        stdout(&without)
    );
}
