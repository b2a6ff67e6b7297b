//! The QQ v3 delivery callback carries the platform's own replay window (900 s): the
//! official example verifies within it and is stale one second after it.

#![cfg(feature = "qqgame")]

use gamechannel::qqgame::{Credentials, PayDeliverNotification};
use gamechannel::{CallbackRejection, Secret};

const RAW: &str = "openid=test001&appid=33758&ts=1328855301&payitem=323003*8*1&token=53227955F80B805B50FFB511E5AD51E025360&billno=-APPDJT18700-20120210-1428215572&version=v3&zoneid=1&providetype=0&amt=80&payamt_coins=20&pubacct_payamt_coins=10&sig=VvKwcaMqUNpKhx0XfCvOqPRiAnU%3D";
const TS: u64 = 1_328_855_301;

#[test]
fn the_official_delivery_verifies_within_900_seconds_only() {
    let credentials = Credentials {
        app_key: Secret::new("12345f9a47df4d1eaeb3bad9a7e54321"),
        deliver_path: Some("/cgi-bin/temp.py".to_owned()),
    };
    assert_eq!(PayDeliverNotification::MAX_AGE_SECS, 900);
    let max = PayDeliverNotification::MAX_AGE_SECS;
    let fresh = PayDeliverNotification::verify_at(RAW, &credentials, TS + max, max)
        .expect("within the window");
    assert_eq!(fresh.billno, "-APPDJT18700-20120210-1428215572");
    assert!(matches!(
        PayDeliverNotification::verify_at(RAW, &credentials, TS + max + 1, max),
        Err(CallbackRejection::StaleTimestamp { field: "ts" })
    ));
    // Without the delivery path the signature cannot be computed: said, not guessed.
    let no_path = Credentials {
        deliver_path: None,
        ..credentials
    };
    assert!(matches!(
        PayDeliverNotification::verify(RAW, &no_path),
        Err(CallbackRejection::MissingCredential("deliver_path"))
    ));
}
