//! Tampered, malformed and replayed callbacks are refused with the right rejection; genuine ones
//! pass. Vectors from the pinned signing vectors (`vectors.jsonl`) (wancms pay notify, llewan signing rule).

#![cfg(all(feature = "wancms", feature = "llewan"))]

use gamechannel::core_primitives::{Algorithm, Output, sign};
use gamechannel::{
    Callback, CallbackRejection, RawFrom, ReplayWindow, Secret, SignedCallback, llewan, wancms,
};
use proptest::prelude::*;

const NOTIFY: &str = "app_id=game_1001&open_id=wc_open_9f8e7d&bill_no=B20261121001&orderid=WC202611210000123&ext=role%3D77%3Bsrv%3D3&price=6.00&status=success&sign=48c46a50d1eec1fae2590f0d288591f1";
const GIFT_TS: u64 = 1_763_769_600;
const GIFT: &str = r#"{"game":"demo-weixin","uid":"12_11_1","roleId":"10086","serverId":"3","awardCode":"GIFT2026A","timeStamp":1763769600,"sign":"2b47813acc3cdad9f5460621c91c35fd"}"#;

fn wancms_creds() -> wancms::Credentials {
    wancms::Credentials {
        login_key: Secret::new("wancms-login-key-test"),
        pay_key: Secret::new("wancms-pay-key-test"),
    }
}

fn llewan_creds() -> llewan::Credentials {
    llewan::Credentials {
        secret: Secret::new("abc"),
    }
}

/// A pay notify signed by an independent implementation of the wancms rule (sorted, with the
/// pseudo-parameter `secret_key`, MD5 hex), so a test can send well-signed bad values.
fn signed_notify(price: &str, status: &str) -> String {
    let plain = format!(
        "app_id=game_1001&bill_no=B1&ext=&open_id=o1&price={price}&secret_key=wancms-pay-key-test&status={status}"
    );
    let sig = sign(Algorithm::Md5, &[], plain.as_bytes(), Output::Hex).expect("MD5 cannot fail");
    format!(
        "app_id=game_1001&open_id=o1&bill_no=B1&orderid=X&ext=&price={price}&status={status}&sign={sig}"
    )
}

fn verify(raw: &str) -> Result<wancms::PayNotifyNotification, CallbackRejection> {
    wancms::PayNotifyNotification::verify(raw, &wancms_creds())
}

#[test]
fn genuine_notify_verifies_over_raw_values() {
    let n = verify(NOTIFY).expect("vector verifies");
    assert_eq!(n.price, "6.00", "the price keeps its received text");
    assert_eq!(n.ext.as_deref(), Some("role=77;srv=3"));
    assert_eq!(n.dedup_key(), "wancms/pay_notify/B20261121001/success");
    // `orderid` is received but not signed: changing it is not tampering with a signed value.
    assert!(verify(&NOTIFY.replace("WC202611210000123", "OTHER")).is_ok());
}

#[test]
fn each_rejection_kind() {
    let missing = verify(&NOTIFY.replace("&price=6.00", ""));
    assert_eq!(missing, Err(CallbackRejection::MissingField("price")));
    let no_sign = verify(NOTIFY.split("&sign=").next().unwrap_or_default());
    assert_eq!(no_sign, Err(CallbackRejection::MissingField("sign")));

    let bad_sig = Err(CallbackRejection::BadSignature {
        signature: "pay_sign",
    });
    // `6.0` means the same amount, but it is not what the platform signed.
    assert_eq!(verify(&NOTIFY.replace("price=6.00", "price=6.0")), bad_sig);
    assert_eq!(
        verify(&NOTIFY.replace("status=success", "status=fail")),
        bad_sig
    );
    assert_eq!(verify(&NOTIFY.replace("48c46a50", "48C46A50")), bad_sig);
    assert_eq!(
        verify(&NOTIFY.replace("&ext=role%3D77%3Bsrv%3D3", "")),
        bad_sig
    );

    assert!(verify(&signed_notify("6.00", "success")).is_ok());
    let status = verify(&signed_notify("6.00", "paid"));
    assert!(
        matches!(&status, Err(CallbackRejection::BadValue { field, .. }) if field == "status"),
        "{status:?}"
    );
    let price = verify(&signed_notify("6", "success"));
    assert!(
        matches!(&price, Err(CallbackRejection::BadValue { field, .. }) if field == "price"),
        "{price:?}"
    );

    for malformed in ["bill_no=%zz", &format!("{NOTIFY}&bill_no=B2")] {
        let r = verify(malformed);
        assert!(matches!(r, Err(CallbackRejection::Malformed(_))), "{r:?}");
        assert_eq!(r.unwrap_err().kind(), "malformed");
    }
}

#[test]
fn rejections_never_show_the_key() {
    for raw in [NOTIFY.replace("6.00", "7.00"), signed_notify("6", "x")] {
        let text = format!("{:?} {}", verify(&raw), verify(&raw).unwrap_err());
        assert!(!text.contains("wancms-pay-key-test"), "{text}");
    }
    assert!(!format!("{:?}", wancms_creds()).contains("wancms-pay-key-test"));
}

#[test]
fn llewan_replay_window() {
    let creds = llewan_creds();
    let within = |now, window: &ReplayWindow| {
        llewan::GiftCodeNotification::verify_within(GIFT, &creds, now, window)
    };
    let w = ReplayWindow::default();
    assert!(within(GIFT_TS, &w).is_ok());
    assert!(within(GIFT_TS + 300, &w).is_ok(), "five minutes old");
    assert!(
        within(GIFT_TS - 60, &w).is_ok(),
        "a minute ahead: clock skew"
    );
    let stale = Err(CallbackRejection::StaleTimestamp { field: "timeStamp" });
    assert_eq!(within(GIFT_TS + 301, &w), stale, "too old");
    assert_eq!(within(GIFT_TS - 61, &w), stale, "too far in the future");
    assert_eq!(
        llewan::GiftCodeNotification::verify_at(GIFT, &creds, GIFT_TS + 11, 10),
        stale
    );
    assert!(llewan::GiftCodeNotification::verify_at(GIFT, &creds, GIFT_TS + 10, 10).is_ok());
    // Through the trait: with a window the clock is checked, without it is not.
    let now = Some((GIFT_TS + 3600, &w));
    assert_eq!(
        llewan::GiftCodeNotification::verify_with(GIFT, &creds, now),
        stale
    );
    assert!(llewan::GiftCodeNotification::verify_with(GIFT, &creds, None).is_ok());
    // A moved timestamp is tampering, not staleness.
    let moved = GIFT.replace("1763769600", "1763769601");
    assert!(matches!(
        within_raw(&moved, &creds, &w),
        Err(CallbackRejection::BadSignature { .. })
    ));
    let n = within(GIFT_TS, &w).expect("vector verifies");
    assert_eq!(n.dedup_key(), "llewan/gift_code/12_11_1/10086/GIFT2026A");
    assert!(matches!(
        within_raw("{\"game\":", &creds, &w),
        Err(CallbackRejection::Malformed(_))
    ));
}

fn within_raw(
    raw: &str,
    creds: &llewan::Credentials,
    w: &ReplayWindow,
) -> Result<llewan::GiftCodeNotification, CallbackRejection> {
    llewan::GiftCodeNotification::verify_within(raw, creds, GIFT_TS, w)
}

#[test]
fn trait_constants_and_replies() {
    type Pay = wancms::PayNotifyNotification;
    type Gift = llewan::GiftCodeNotification;
    assert_eq!(
        (<Pay as SignedCallback>::PLATFORM, Pay::ENDPOINT),
        ("wancms", "pay_notify")
    );
    assert_eq!(<Pay as SignedCallback>::FROM, RawFrom::Query);
    assert_eq!(<Gift as SignedCallback>::FROM, RawFrom::Body);
    assert_eq!(<Gift as SignedCallback>::TIMESTAMP_FIELD, Some("timeStamp"));
    assert_eq!(<Pay as Callback>::SUCCESS_REPLY, "success");
    assert_eq!(<Pay as Callback>::failure_reply("why"), "fail");
    assert_eq!(<Pay as Callback>::REPLY_CONTENT_TYPE, "text/plain");
    let reply = <Gift as Callback>::failure_reply("bad \"sign\"\n");
    let json: serde_json::Value = serde_json::from_str(&reply).expect("failure reply is JSON");
    assert_eq!(json["code"], -1);
    assert_eq!(json["msg"], "bad \"sign\"\n");
    // The login redirect is verified through the smaller trait only.
    let login = "open_id=wc_open_9f8e7d&sign=0a95aa38d79fa7b5f4f9ff7af88d9bc2";
    assert!(wancms::LoginNotification::verify_with(login, &wancms_creds(), None).is_ok());
}

/// Signed values of a notify, for comparing what was accepted with what was signed.
fn signed_values(n: &wancms::PayNotifyNotification) -> [Option<&str>; 6] {
    [
        Some(n.app_id.as_str()),
        Some(n.open_id.as_str()),
        Some(n.bill_no.as_str()),
        n.ext.as_deref(),
        Some(n.price.as_str()),
        Some(n.status.as_str()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn verify_never_panics(raw in any::<String>()) {
        let _ = verify(&raw);
        let _ = llewan::GiftCodeNotification::verify_at(&raw, &llewan_creds(), GIFT_TS, 300);
    }

    /// A mutated notify whose signature was not recomputed is refused, unless the mutation left
    /// every signed value as it was (an unsigned `orderid`, `%3D` written as `=`).
    #[test]
    fn mutations_are_not_accepted(
        edits in proptest::collection::vec(
            (any::<prop::sample::Index>(), 0u8..3, prop::sample::select(
                vec!['a', '0', '9', '=', '&', '%', '.', '+', ' ', 'é', '3', 'D', 'f'])),
            1..4)
    ) {
        let original = verify(NOTIFY).expect("vector verifies");
        let mut chars: Vec<char> = NOTIFY.chars().collect();
        for (at, op, c) in edits {
            let i = at.index(chars.len());
            match op {
                0 => chars[i] = c,
                1 => chars.insert(i, c),
                _ => { chars.remove(i); }
            }
        }
        let raw: String = chars.into_iter().collect();
        if let Ok(n) = verify(&raw) {
            prop_assert_eq!(signed_values(&n), signed_values(&original), "accepted {}", raw);
        }
    }

    /// Any well-signed notify verifies with exactly its values; changing one signed value
    /// without re-signing is refused.
    #[test]
    fn signed_values_round_trip(
        app_id in "[ -~]{1,12}", bill_no in "\\PC{1,12}", ext in "\\PC{0,12}",
        cents in 0u32..1_000_000, other in "\\PC{1,12}",
    ) {
        let price = format!("{}.{:02}", cents / 100, cents % 100);
        let plain = format!(
            "app_id={app_id}&bill_no={bill_no}&ext={ext}&open_id=o&price={price}&secret_key=wancms-pay-key-test&status=success"
        );
        let sig = sign(Algorithm::Md5, &[], plain.as_bytes(), Output::Hex).expect("MD5 cannot fail");
        let enc = gamechannel::percent_encode;
        let query = |app: &str| format!(
            "app_id={}&open_id=o&bill_no={}&orderid=1&ext={}&price={price}&status=success&sign={sig}",
            enc(app), enc(&bill_no), enc(&ext)
        );
        let n = verify(&query(&app_id)).expect("well signed");
        prop_assert_eq!(&n.app_id, &app_id);
        prop_assert_eq!(&n.bill_no, &bill_no);
        prop_assert_eq!(n.ext.as_deref(), Some(ext.as_str()));
        if other != app_id {
            prop_assert!(verify(&query(&other)).is_err());
        }
    }
}
