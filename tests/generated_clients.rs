//! The seed platforms' generated modules, used the way a game server would.

#![cfg(all(feature = "wechat_midas", feature = "wancms"))]

use gamechannel::wancms;
use gamechannel::wechat_midas as midas;
use gamechannel::{CallbackRejection, Error, Secret};

const APP_KEY: &str = "zNLgAGgqsEWJOg1nFVaO5r7fAlIQxr1u";

fn midas_credentials() -> midas::Credentials {
    midas::Credentials {
        app_key: Secret::new(APP_KEY),
        session_key: Some(Secret::new("V7Q38/i2KXaqrQyl2Yx9Hg==")),
        access_token: Secret::new("ACCESSTOKEN"),
    }
}

fn getbalance() -> midas::GetBalanceRequest {
    midas::GetBalanceRequest {
        openid: "odkx20ENSNa2w5y3g_qOkOvBNM1g".into(),
        appid: "wx1234567".into(),
        offer_id: "12345678".into(),
        ts: 1507530737,
        zone_id: "1".into(),
        pf: "android".into(),
        user_ip: None,
    }
}

#[test]
fn debug_never_prints_secrets() {
    let creds = midas_credentials();
    let signatures = getbalance().sign("/cgi-bin/midas/getbalance", &creds);
    let debug = format!("{creds:?} {creds:#?} {signatures:?}");
    for secret in [APP_KEY, "V7Q38", "ACCESSTOKEN"] {
        assert!(!debug.contains(secret), "{debug}");
    }
}

#[test]
fn midas_official_vector_through_prepare() {
    let prepared = getbalance()
        .prepare(midas::Environment::Production, &midas_credentials())
        .expect("valid request");
    assert_eq!(prepared.method, "POST");
    assert_eq!(
        prepared.path_and_query,
        "/cgi-bin/midas/getbalance?access_token=ACCESSTOKEN"
    );
    let body: serde_json::Value =
        serde_json::from_str(prepared.body.as_deref().expect("json body")).expect("json");
    assert_eq!(body["ts"], 1507530737, "ints stay JSON numbers");
    assert_eq!(
        body["sig"],
        "1ad64e8dcb2ec1dc486b7fdf01f4a15159fc623dc3422470e51cf6870734726b"
    );
    assert_eq!(
        body["mp_sig"],
        "ff4c5bb39dea1002a8f03be0438724e1a8bcea5ebce8f221f9b9fea3bcf3bf76"
    );
    assert!(!prepared.body.unwrap_or_default().contains(APP_KEY));
}

#[test]
fn midas_errors_are_typed() {
    let err = midas::GetBalanceResponse::decode(br#"{"errcode":-1,"errmsg":"busy"}"#)
        .expect_err("error code");
    let Error::Api { code, message } = err else {
        panic!("{err:?}")
    };
    assert_eq!(code, midas::ErrorCode::SystemBusy);
    assert!(code.is_retryable());
    assert_eq!(message, "busy");
    assert_eq!(
        midas::ErrorCode::from_code(12345),
        midas::ErrorCode::Other(12345)
    );
}

#[test]
fn a_response_reports_its_first_bad_member() {
    let ok = midas::GetBalanceResponse::decode(br#"{"errcode":0,"balance":"5","save_amt":1}"#)
        .expect("lenient ints");
    assert_eq!(
        (ok.balance, ok.save_amt, ok.gen_balance),
        (Some(5), Some(1), None)
    );
    // Members are read in the spec's order: `balance` before `save_amt`.
    let bad = br#"{"errcode":0,"save_amt":"many","balance":1.5}"#;
    let Err(Error::Decode { reason, .. }) = midas::GetBalanceResponse::decode(bad) else {
        panic!("two bad members")
    };
    assert!(reason.starts_with("`balance`"), "{reason}");
}

#[test]
fn wancms_notify_verifies_raw_values() {
    let creds = wancms::Credentials {
        login_key: Secret::new(""),
        pay_key: Secret::new("wancms-pay-key-test"),
    };
    let raw = "app_id=game_1001&open_id=wc_open_9f8e7d&bill_no=B20261121001&orderid=WC202611210000123&ext=role%3D77%3Bsrv%3D3&price=6.00&status=success&sign=48c46a50d1eec1fae2590f0d288591f1";
    let n = wancms::PayNotifyNotification::verify(raw, &creds).expect("verifies");
    assert_eq!(n.price, "6.00");
    assert_eq!(n.ext.as_deref(), Some("role=77;srv=3"));
    let reformatted = raw.replace("price=6.00", "price=6.0");
    assert_eq!(
        wancms::PayNotifyNotification::verify(&reformatted, &creds),
        Err(CallbackRejection::BadSignature {
            signature: "pay_sign"
        })
    );
    assert!(matches!(
        wancms::PayNotifyNotification::verify("sign=%zz", &creds),
        Err(CallbackRejection::Malformed(_))
    ));
}

#[cfg(feature = "wechat_midas")]
#[test]
fn prepared_requests_and_token_answers_keep_secrets_out_of_debug_and_errors() {
    use gamechannel::Secret;
    use gamechannel::wechat_midas::{
        Credentials, Environment, GetBalanceRequest, GetStableTokenRequest, GetStableTokenResponse,
    };
    let credentials = Credentials {
        app_key: Secret::new("APPKEY-123"),
        session_key: None,
        access_token: Secret::new("ACCESS-TOKEN-456"),
    };
    let balance = GetBalanceRequest {
        openid: "o".into(),
        appid: "a".into(),
        offer_id: "1".into(),
        ts: 1,
        zone_id: "1".into(),
        pf: "android".into(),
        user_ip: None,
    };
    let prepared = balance
        .prepare(Environment::Production, &credentials)
        .unwrap();
    assert!(
        prepared
            .path_and_query
            .contains("access_token=ACCESS-TOKEN-456"),
        "the token is sent"
    );
    let shown = format!("{prepared:?}");
    assert!(
        !shown.contains("ACCESS-TOKEN-456") && !shown.contains("APPKEY-123"),
        "{shown}"
    );

    let token = GetStableTokenRequest {
        grant_type: "client_credential".into(),
        appid: "a".into(),
        secret: Secret::new("APP-SECRET-789"),
        force_refresh: None,
    };
    let shown = format!(
        "{:?}",
        token
            .prepare(Environment::Production, &credentials)
            .unwrap()
    );
    assert!(!shown.contains("APP-SECRET-789"), "{shown}");

    let garbled =
        GetStableTokenResponse::decode(br#"{"access_token":"LEAKED-TOKEN","expires_in":"soon"}"#)
            .unwrap_err();
    let shown = format!("{garbled} {garbled:?}");
    assert!(!shown.contains("LEAKED-TOKEN"), "{shown}");
}
