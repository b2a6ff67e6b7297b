//! `gamechannel verify` on pushes: the query (or URL) and the body together, plain and safe
//! mode, with the documentation's message-push vectors.

use std::process::{Command, Output};

fn gamechannel(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gamechannel"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .expect("the gamechannel binary runs")
}

/// Writes a received body to a file of its own (tests run in parallel) and gives its path.
fn body_file(name: &str, body: &str) -> String {
    let dir = std::env::temp_dir().join(format!("gamechannel-push-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(name);
    std::fs::write(&file, body).unwrap();
    file.to_string_lossy().into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

const ENCRYPT: &str = "+qdx1OKCy+5JPCBFWw70tm0fJGb2Jmeia4FCB7kao+/Q5c/ohsOzQHi8khUOb05JCpj0JB4RvQMkUyus8TPxLKJGQqcvZqzDpVzazhZv6JsXUnnR8XGT740XgXZUXQ7vJVnAG+tE8NUd4yFyjPy7GgiaviNrlCTj+l5kdfMuFUPpRSrfMZuMcp3Fn2Pede2IuQrKEYwKSqFIZoNqJ4M8EajAsjLY2km32IIjdf8YL/P50F7mStwntrA2cPDrM1kb6mOcfBgRtWygb3VIYnSeOBrebufAlr7F9mFUPAJGj04=";
const SAFE_QUERY: &str = "https://game.example/push?signature=6c5c811b55cc85e0e1b54100749188c20beb3f5d&timestamp=1714112445&nonce=415670741&encrypt_type=aes&msg_signature=046e02f8204d34f8ba5fa3b1db94908f3df2e9b3";

fn safe_mode(body: &str, extra: &[&str]) -> Output {
    let file = body_file(&format!("safe-{}.json", body.len()), body);
    let mut args = vec![
        "verify",
        "wechat_xpay.goods_deliver_notify",
        SAFE_QUERY,
        "--body",
        &file,
        "--cred",
        "push_token=AAAAA",
        "--cred",
        "encoding_aes_key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "--cred",
        "appid=wxba5fad812f8e6fb9",
    ];
    args.extend(extra);
    gamechannel(&args)
}

#[test]
fn verify_checks_and_opens_the_documented_safe_mode_push() {
    let body = format!(r#"{{"ToUserName":"gh_97417a04a28d","Encrypt":"{ENCRYPT}"}}"#);
    let output = safe_mode(&body, &["--signatures-only"]);
    assert!(output.status.success(), "{}", stdout(&output));
    assert_eq!(
        stdout(&output).trim(),
        "genuine: signature, msg_signature matches"
    );
    // The documentation's message is a `debug_demo` event: genuine, but not an item delivery.
    let output = safe_mode(&body, &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).starts_with("NOT acceptable"),
        "{}",
        stdout(&output)
    );
    // One byte of the ciphertext changes: refused before decrypting.
    let tampered = body.replace("+qdx1", "+qdx2");
    let output = safe_mode(&tampered, &["--signatures-only"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("`msg_signature` over the encrypted body does not match"),
        "{}",
        stdout(&output)
    );
    // Signed for this message, but the key decrypts nothing meant for this appid.
    let file = body_file("other-app.json", &body);
    let output = gamechannel(&[
        "verify",
        "wechat_xpay.goods_deliver_notify",
        SAFE_QUERY,
        "--body",
        &file,
        "--cred",
        "push_token=AAAAA",
        "--cred",
        "encoding_aes_key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "--cred",
        "appid=wx_some_other_app",
    ]);
    assert!(
        stdout(&output).contains("meant for another application"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn verify_checks_a_plain_xml_push_and_its_pay_event_sig() {
    let payload = r#"{"OpenId":"to_user_openid","OutTradeNo":"xxxxxxx","WeChatPayInfo":{"MchOrderNo":"xxxxxxx","TransactionId":"xxxxxxx"},"Env":0,"CoinInfo":{"ZoneId":"1","TotalPrice":100,"BuyQuantity":1,"OrigPrice":100}}"#;
    let body = |sig: &str| {
        format!(
            "<xml><CreateTime>1714037059</CreateTime><MsgType><![CDATA[event]]></MsgType>\
             <Event><![CDATA[minigame_coin_deliver_completed]]></Event><MiniGame><Payload><![CDATA[{payload}]]></Payload>\
             <PayEventSig><![CDATA[{sig}]]></PayEventSig><IsMock>false</IsMock></MiniGame></xml>"
        )
    };
    let query =
        "timestamp=1714037059&nonce=486452656&signature=899cf89e464efb63f54ddac96b0a0a235f53aa78";
    let run = |body: &str, name: &str| {
        let file = body_file(name, body);
        gamechannel(&[
            "verify",
            "wechat_minigame_v2.coin_deliver_completed",
            query,
            "--body",
            &file,
            "--cred",
            "push_token=AAAAA",
            "--cred",
            "app_key=12345",
            "--cred",
            "encoding_aes_key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "--cred",
            "appid=wx1",
        ])
    };
    let genuine = body("4624e9b832eca479457e668dd49b64133a0439101a6a0e89e648e0d3840e6e0f");
    let output = run(&genuine, "mg2.xml");
    assert!(output.status.success(), "{}", stdout(&output));
    assert_eq!(
        stdout(&output).trim(),
        "genuine: signature, MiniGame.PayEventSig matches"
    );
    let wrong = body("4624e9b832eca479457e668dd49b64133a0439101a6a0e89e648e0d3840e6e00");
    let output = run(&wrong, "mg2-wrong.xml");
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("`pay_event_sig` does not match"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn verify_checks_the_url_handshake() {
    let query = "signature=f464b24fc39322e44b38aa78f5edd27bd1441696&echostr=7403826931893524482&timestamp=1714036504&nonce=1514711492";
    let output = gamechannel(&[
        "verify",
        "wechat_xpay.push_url_verify",
        query,
        "--cred",
        "push_token=AAAAA",
    ]);
    assert!(output.status.success(), "{}", stdout(&output));
    let output = gamechannel(&[
        "verify",
        "wechat_xpay.push_url_verify",
        query,
        "--cred",
        "push_token=AAAAB",
    ]);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn verify_checks_the_mini_game_url_handshake() {
    let query = "signature=a16cdd26f2ef8a9d0b0ee0f2baa7b00a5dcd5b5f&echostr=4375120948345356887&timestamp=1714112445&nonce=1620325843";
    let run = |token: &str| {
        gamechannel(&[
            "verify",
            "wechat_minigame_v2.push_url_verify",
            query,
            "--cred",
            &format!("push_token={token}"),
        ])
    };
    let output = run("AAAAA");
    assert!(output.status.success(), "{}", stdout(&output));
    assert_eq!(run("AAAAB").status.code(), Some(1));
}

#[test]
fn verify_keys_a_sandbox_event_with_the_sandbox_app_key() {
    let payload = r#"{"OpenId":"to_user_openid","OutTradeNo":"sandbox-0001","WeChatPayInfo":{"MchOrderNo":"xxxxxxx","TransactionId":"xxxxxxx"},"Env":1,"CoinInfo":{"ZoneId":"1","TotalPrice":100,"BuyQuantity":1,"OrigPrice":100}}"#;
    let body = |sig: &str| {
        format!(
            "<xml><CreateTime>1714037059</CreateTime><MsgType><![CDATA[event]]></MsgType>\
             <Event><![CDATA[minigame_coin_deliver_completed]]></Event><MiniGame><Payload><![CDATA[{payload}]]></Payload>\
             <PayEventSig><![CDATA[{sig}]]></PayEventSig></MiniGame></xml>"
        )
    };
    let query =
        "timestamp=1714037059&nonce=486452656&signature=899cf89e464efb63f54ddac96b0a0a235f53aa78";
    let run = |body: &str, name: &str| {
        let file = body_file(name, body);
        gamechannel(&[
            "verify",
            "wechat_minigame_v2.coin_deliver_completed",
            query,
            "--body",
            &file,
            "--cred",
            "push_token=AAAAA",
            "--cred",
            "app_key=12345",
            "--cred",
            "sandbox_app_key=67890",
            "--cred",
            "encoding_aes_key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "--cred",
            "appid=wx1",
        ])
    };
    // The spec's sandbox example: HMAC-SHA256 keyed by the sandbox AppKey.
    let sandbox = body("4498586ed7810879e0202f93f25f41dc4195a7f9651cb5e9ba3d4141886dc4a6");
    let output = run(&sandbox, "mg2-sandbox.xml");
    assert!(output.status.success(), "{}", stdout(&output));
    // The same sandbox event signed with the production AppKey is refused.
    let production = body("303a83797564c455a071dc1f4b30fae242940a85a27b40af813ce33750f6a8d0");
    let output = run(&production, "mg2-sandbox-production-key.xml");
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(
        stdout(&output).contains("`pay_event_sig` does not match"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn verify_refuses_a_plain_push_where_encryption_is_required() {
    let spec = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../specs/wechat_minigame_v2.yaml"
    ))
    .unwrap();
    let strict = spec.replace(
        "      signature: msg_signature\n",
        "      signature: msg_signature\n      required: true\n",
    );
    assert_ne!(strict, spec);
    let strict = body_file("wechat_minigame_v2.yaml", &strict);
    let payload = r#"{"OpenId":"o1","OutTradeNo":"x","Env":0}"#;
    let plain = body_file(
        "mg2-plain.json",
        &serde_json::json!({
            "CreateTime": 1714037059, "MsgType": "event",
            "Event": "minigame_coin_deliver_completed",
            "MiniGame": {
                "Payload": payload,
                "PayEventSig": "0c8bc29162542e6f55581e103e961ff3229a86b29716af78489896d87feafe1a"
            }
        })
        .to_string(),
    );
    let verify = |spec: Option<&str>| {
        let mut args = Vec::new();
        if let Some(file) = spec {
            args.extend(["--spec", file]);
        }
        args.extend([
            "verify",
            "wechat_minigame_v2.coin_deliver_completed",
            "timestamp=1714037059&nonce=486452656&signature=899cf89e464efb63f54ddac96b0a0a235f53aa78",
            "--body",
            &plain,
            "--cred",
            "push_token=AAAAA",
            "--cred",
            "app_key=12345",
            "--cred",
            "sandbox_app_key=67890",
            "--cred",
            "encoding_aes_key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "--cred",
            "appid=wx1",
        ]);
        gamechannel(&args)
    };
    // The plain push is genuine for the published spec...
    let output = verify(None);
    assert!(output.status.success(), "{}", stdout(&output));
    // ...and refused before any signature by a spec that requires encryption.
    let output = verify(Some(&strict));
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(
        stdout(&output).contains("the push is plain but this endpoint takes encrypted pushes only"),
        "{}",
        stdout(&output)
    );
}
