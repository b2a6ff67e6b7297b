//! WeChat pushes built by hand in this test (SHA-1 and AES-256-CBC called directly, as the
//! platform documents them) are accepted by the generated verifiers, and refused once one byte
//! changes or when they were signed with another token.

#![cfg(all(feature = "wechat_xpay", feature = "wechat_minigame_v2"))]

use aes::Aes256;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use cbc::cipher::block_padding::NoPadding;
use cbc::cipher::{BlockEncryptMut, KeyIvInit};
use gamechannel::{
    CallbackRejection, RawRequest, Secret, SignedCallback, wechat_minigame_v2 as mg2,
    wechat_xpay as xpay,
};
use hmac::{Hmac, Mac};
use sha1::{Digest, Sha1};

const TOKEN: &str = "independent-token";
/// 43 characters: base64 of 32 bytes without its `=`.
const AES_KEY: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ";
const APPID: &str = "wx0123456789abcdef";

fn credentials() -> xpay::Credentials {
    xpay::Credentials {
        app_key: Secret::new(""),
        session_key: None,
        access_token: Secret::new(""),
        push_token: Secret::new(TOKEN),
        encoding_aes_key: Secret::new(AES_KEY),
        appid: APPID.to_owned(),
    }
}

/// sha1 of the values sorted as strings and concatenated, lowercase hex.
fn push_signature(values: &[&str]) -> String {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let digest = Sha1::digest(sorted.concat().as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// AES-256-CBC of random16 | len32be | message | appid, PKCS#7 to 32 bytes, key = base64 of
/// the key text plus `=`, IV = the key's first 16 bytes.
fn encrypt(message: &str, appid: &str) -> String {
    let key = STANDARD
        .decode(format!("{AES_KEY}="))
        .expect("key text is base64");
    let mut plain = b"0123456789abcdef".to_vec();
    plain.extend_from_slice(&(message.len() as u32).to_be_bytes());
    plain.extend_from_slice(message.as_bytes());
    plain.extend_from_slice(appid.as_bytes());
    let pad = 32 - plain.len() % 32;
    plain.extend(std::iter::repeat_n(pad as u8, pad));
    let len = plain.len();
    let encryptor = cbc::Encryptor::<Aes256>::new(key[..].into(), key[..16].into());
    let sealed = encryptor
        .encrypt_padded_mut::<NoPadding>(&mut plain, len)
        .expect("whole blocks");
    STANDARD.encode(sealed)
}

const MESSAGE: &str = r#"{"ToUserName":"gh_1","CreateTime":1714112445,"MsgType":"event","Event":"xpay_goods_deliver_notify","OpenId":"o1","OutTradeNo":"T-1","Env":0,"GoodsInfo":{"ProductId":"p1","Quantity":3}}"#;

fn verify(
    query: &str,
    body: &str,
) -> Result<xpay::GoodsDeliverNotifyNotification, CallbackRejection> {
    xpay::GoodsDeliverNotifyNotification::verify(query, body, &credentials())
}

#[test]
fn a_plain_push_signed_by_hand_is_accepted_and_any_change_refused() {
    let (ts, nonce) = ("1714037059", "486452656");
    let query = format!(
        "signature={}&timestamp={ts}&nonce={nonce}",
        push_signature(&[TOKEN, ts, nonce])
    );
    let n = verify(&query, MESSAGE).expect("accepted");
    assert_eq!((n.out_trade_no.as_str(), n.goods_info_quantity), ("T-1", 3));
    // One byte of a signed value changes: refused.
    let changed = query.replace("nonce=486452656", "nonce=486452657");
    assert!(matches!(
        verify(&changed, MESSAGE),
        Err(CallbackRejection::BadSignature {
            signature: "push_signature"
        })
    ));
    // Signed with another token: refused.
    let other = format!(
        "signature={}&timestamp={ts}&nonce={nonce}",
        push_signature(&["another-token", ts, nonce])
    );
    assert!(matches!(
        verify(&other, MESSAGE),
        Err(CallbackRejection::BadSignature { .. })
    ));
}

#[test]
fn a_safe_mode_push_encrypted_by_hand_is_accepted_and_any_change_refused() {
    let (ts, nonce) = ("1714112445", "415670741");
    let ciphertext = encrypt(MESSAGE, APPID);
    let query = |encrypt: &str, token: &str| {
        format!(
            "signature={}&timestamp={ts}&nonce={nonce}&encrypt_type=aes&msg_signature={}",
            push_signature(&[token, ts, nonce]),
            push_signature(&[token, ts, nonce, encrypt])
        )
    };
    let body = |encrypt: &str| format!(r#"{{"ToUserName":"gh_1","Encrypt":"{encrypt}"}}"#);
    let n = verify(&query(&ciphertext, TOKEN), &body(&ciphertext)).expect("accepted");
    assert_eq!(n.out_trade_no, "T-1");
    // In XML mode the envelope and the message inside are XML, the ciphertext in CDATA.
    let inner = "<xml><ToUserName><![CDATA[gh_1]]></ToUserName><CreateTime>1714112445</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[xpay_goods_deliver_notify]]></Event><OpenId><![CDATA[o1]]></OpenId><OutTradeNo><![CDATA[T-2]]></OutTradeNo><Env>0</Env><GoodsInfo><ProductId><![CDATA[p1]]></ProductId><Quantity>1</Quantity></GoodsInfo></xml>";
    let sealed = encrypt(inner, APPID);
    let xml = format!(
        "<xml><ToUserName><![CDATA[gh_1]]></ToUserName><Encrypt><![CDATA[{sealed}]]></Encrypt></xml>"
    );
    let n = verify(&query(&sealed, TOKEN), &xml).expect("accepted");
    assert_eq!(
        (n.out_trade_no.as_str(), n.goods_info_product_id.as_str()),
        ("T-2", "p1")
    );

    // One byte of the ciphertext changes: refused before anything is decrypted.
    let mut bytes = ciphertext.clone().into_bytes();
    bytes[10] = if bytes[10] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(bytes).expect("ascii");
    assert!(matches!(
        verify(&query(&ciphertext, TOKEN), &body(&tampered)),
        Err(CallbackRejection::BadSignature {
            signature: "msg_signature"
        })
    ));
    // Re-signed with another token: refused.
    assert!(matches!(
        verify(&query(&ciphertext, "another-token"), &body(&ciphertext)),
        Err(CallbackRejection::BadSignature { .. })
    ));
    // Correctly signed but encrypted for another application: refused.
    let elsewhere = encrypt(MESSAGE, "wx_another_app");
    assert_eq!(
        verify(&query(&elsewhere, TOKEN), &body(&elsewhere)).unwrap_err(),
        CallbackRejection::WrongRecipient
    );
    // Correctly signed but not a ciphertext of this key: refused, never a panic.
    let garbage = STANDARD.encode([7u8; 48]);
    assert!(matches!(
        verify(&query(&garbage, TOKEN), &body(&garbage)),
        Err(CallbackRejection::Undecryptable(_))
    ));
}

#[test]
fn the_documented_safe_mode_push_decrypts_and_is_read() {
    let encrypt = "+qdx1OKCy+5JPCBFWw70tm0fJGb2Jmeia4FCB7kao+/Q5c/ohsOzQHi8khUOb05JCpj0JB4RvQMkUyus8TPxLKJGQqcvZqzDpVzazhZv6JsXUnnR8XGT740XgXZUXQ7vJVnAG+tE8NUd4yFyjPy7GgiaviNrlCTj+l5kdfMuFUPpRSrfMZuMcp3Fn2Pede2IuQrKEYwKSqFIZoNqJ4M8EajAsjLY2km32IIjdf8YL/P50F7mStwntrA2cPDrM1kb6mOcfBgRtWygb3VIYnSeOBrebufAlr7F9mFUPAJGj04=";
    let query = "signature=6c5c811b55cc85e0e1b54100749188c20beb3f5d&timestamp=1714112445&nonce=415670741&encrypt_type=aes&msg_signature=046e02f8204d34f8ba5fa3b1db94908f3df2e9b3";
    let body = format!(
        r#"{{"ToUserName":"gh_97417a04a28d","Encrypt":"{}"}}"#,
        encrypt.replace('/', "\\/")
    );
    let credentials = xpay::Credentials {
        app_key: Secret::new(""),
        session_key: None,
        access_token: Secret::new(""),
        push_token: Secret::new("AAAAA"),
        encoding_aes_key: Secret::new("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
        appid: "wxba5fad812f8e6fb9".to_owned(),
    };
    // Both signatures hold and the message decrypts; it is the documentation's `debug_demo`
    // event, which this endpoint's fields then refuse.
    let verdict = xpay::GoodsDeliverNotifyNotification::verify(query, &body, &credentials);
    assert!(
        matches!(&verdict, Err(CallbackRejection::MissingField("OpenId"))),
        "{verdict:?}"
    );
}

#[test]
fn pay_event_sig_is_checked_over_the_raw_payload_string() {
    type HmacSha256 = Hmac<sha2::Sha256>;
    let payload = r#"{"OpenId":"o1", "OutTradeNo":"m-1","Env":0}"#;
    let event = "minigame_coin_deliver_completed";
    let mut mac = HmacSha256::new_from_slice(b"app-key").expect("any key");
    mac.update(format!("{event}&{payload}").as_bytes());
    let sig: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let (ts, nonce) = ("1714037059", "486452656");
    let query = format!(
        "timestamp={ts}&nonce={nonce}&signature={}",
        push_signature(&[TOKEN, ts, nonce])
    );
    let credentials = mg2::Credentials {
        session_key: Secret::new(""),
        access_token: Secret::new(""),
        app_key: Secret::new("app-key"),
        sandbox_app_key: Secret::new("sandbox-key"),
        push_token: Secret::new(TOKEN),
        encoding_aes_key: Secret::new(AES_KEY),
        appid: APPID.to_owned(),
    };
    let body = |payload: &str, sig: &str| {
        serde_json::json!({
            "CreateTime": 1714037059, "MsgType": "event", "Event": event,
            "MiniGame": { "Payload": payload, "PayEventSig": sig, "IsMock": false }
        })
        .to_string()
    };
    let verify = |body: &str| {
        mg2::CoinDeliverCompletedNotification::verify_request(
            RawRequest {
                query: &query,
                body,
            },
            &credentials,
            None,
        )
    };
    let n = verify(&body(payload, &sig)).expect("accepted");
    assert_eq!(
        n.mini_game_payload, payload,
        "kept as received, spaces included"
    );
    // The same JSON re-serialized (no space) is another string: refused.
    let compact = payload.replace(", ", ",");
    assert!(matches!(
        verify(&body(&compact, &sig)),
        Err(CallbackRejection::BadSignature {
            signature: "pay_event_sig"
        })
    ));
}

/// hex(HMAC-SHA256(key, message)).
fn hmac_sha256_hex(key: &[u8], message: &str) -> String {
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(key).expect("any key");
    mac.update(message.as_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn pay_event_sig_is_keyed_by_the_app_key_of_the_event_environment() {
    let event = "minigame_coin_deliver_completed";
    let (ts, nonce) = ("1714037059", "486452656");
    let query = format!(
        "timestamp={ts}&nonce={nonce}&signature={}",
        push_signature(&[TOKEN, ts, nonce])
    );
    let credentials = mg2::Credentials {
        session_key: Secret::new(""),
        access_token: Secret::new(""),
        app_key: Secret::new("production-key"),
        sandbox_app_key: Secret::new("sandbox-key"),
        push_token: Secret::new(TOKEN),
        encoding_aes_key: Secret::new(AES_KEY),
        appid: APPID.to_owned(),
    };
    let verify = |env: u8, key: &[u8]| {
        let payload = format!(r#"{{"OpenId":"o1","OutTradeNo":"m-{env}","Env":{env}}}"#);
        let sig = hmac_sha256_hex(key, &format!("{event}&{payload}"));
        let body = serde_json::json!({
            "CreateTime": 1714037059, "MsgType": "event", "Event": event,
            "MiniGame": { "Payload": payload, "PayEventSig": sig, "IsMock": false }
        })
        .to_string();
        mg2::CoinDeliverCompletedNotification::verify_request(
            RawRequest {
                query: &query,
                body: &body,
            },
            &credentials,
            None,
        )
    };
    let refused = |result: Result<mg2::CoinDeliverCompletedNotification, CallbackRejection>| {
        matches!(
            result,
            Err(CallbackRejection::BadSignature {
                signature: "pay_event_sig"
            })
        )
    };
    assert!(
        verify(1, b"sandbox-key").is_ok(),
        "sandbox event, sandbox key"
    );
    assert!(
        verify(0, b"production-key").is_ok(),
        "production event, production key"
    );
    // Each event is keyed by its own environment's AppKey, never by the other one.
    assert!(refused(verify(1, b"production-key")));
    assert!(refused(verify(0, b"sandbox-key")));
}

proptest::proptest! {
    /// Whatever arrives, a push is answered with a verdict, never a panic: random queries and
    /// bodies, XML-looking or JSON-looking, with or without a ciphertext.
    #[test]
    fn any_push_gets_a_verdict(
        query in "[a-z_=&%0-9A-F]{0,60}",
        body in "(<xml>|\\{\"Encrypt\":\")?[<>/a-zA-Z0-9+=\\[\\]!\"{}:,. ]{0,120}",
    ) {
        let _ = xpay::GoodsDeliverNotifyNotification::verify(&query, &body, &credentials());
        let request = RawRequest { query: &query, body: &body };
        let _ = mg2::CoinDeliverCompletedNotification::verify_request(
            request,
            &mg2::Credentials {
                session_key: Secret::new(""),
                access_token: Secret::new(""),
                app_key: Secret::new("k"),
                sandbox_app_key: Secret::new("s"),
                push_token: Secret::new(TOKEN),
                encoding_aes_key: Secret::new(AES_KEY),
                appid: APPID.to_owned(),
            },
            None,
        );
    }
}
