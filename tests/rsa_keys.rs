//! An RSA key that cannot be read is a clear error, never a panic or an empty signature: a
//! call's `prepare` reports it before anything is sent, a callback is refused as
//! `UnusableKey` (our configuration) rather than `BadSignature` (a forgery).

#![cfg(all(feature = "huawei", feature = "oppo"))]

use gamechannel::{CallbackRejection, Secret, huawei, oppo};

fn check_player_sign() -> huawei::CpSignRequest {
    huawei::CpSignRequest {
        method: "external.hms.gs.checkPlayerSign".to_owned(),
        app_id: "10000001".to_owned(),
        cp_id: "890086000000000001".to_owned(),
        ts: "1543218888888".to_owned(),
        player_id: "1234567890".to_owned(),
        player_level: "10".to_owned(),
        player_s_sign: "a+b/c=~*".to_owned(),
    }
}

#[test]
fn a_call_with_an_unreadable_private_key_is_refused_before_sending() {
    let credentials = huawei::Credentials {
        public_key: String::new(),
        private_key: Secret::new(
            "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----",
        ),
    };
    let request = check_player_sign();
    let invalid = request
        .prepare(huawei::Environment::Production, &credentials)
        .expect_err("an unreadable key cannot sign");
    let text = invalid.to_string();
    assert!(
        text.contains("cp_sign") && text.contains("not an RSA private key"),
        "{text}"
    );
    assert!(
        !text.contains("not a key"),
        "the key itself is never shown: {text}"
    );
    assert!(
        request
            .sign("/gameservice/api/gbClientApi", &credentials)
            .is_err()
    );
}

#[test]
fn a_callback_with_an_unreadable_public_key_is_an_unusable_key() {
    let credentials = oppo::Credentials {
        public_key: "MIGfMA0G-garbage".to_owned(),
    };
    let raw =
        "notifyId=N&partnerOrder=P&productName=x&productDesc=y&price=1&count=1&attach=&sign=AAAA";
    match oppo::PayNotifyNotification::verify(raw, &credentials) {
        Err(CallbackRejection::UnusableKey { signature, .. }) => assert_eq!(signature, "sign"),
        other => panic!("{other:?}"),
    }
}
