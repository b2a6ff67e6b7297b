//! Signing and verification speed of the generated code, against two baselines measured in the
//! same run: the spec interpreter (`gamechannel_codegen::eval`, what `gamechannel sign` runs)
//! and the way hand-written SDKs usually sign (collect into a map, sort at run time, join).
//!
//! A fourth line is the floor: for Midas `hmac_only`, the HMAC over the finished string; for
//! the wancms notify `split_and_md5_only`, splitting the raw query and the MD5 of the finished
//! string. The gap between the floor and `generated` is all that the generated code adds.
//!
//! `cargo bench -p gamechannel --bench signing`; compare the `generated` line of each group
//! with its baselines (ratios, not absolute times, are what carries between machines).

use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use gamechannel::wancms::{self, PayNotifyNotification};
use gamechannel::wechat_midas::{Credentials, GetBalanceRequest};
use gamechannel::{Algorithm, Output, Secret};
use gamechannel_codegen::eval::{self, Inputs};
use gamechannel_codegen::load::load_file;
use gamechannel_codegen::model::Platform;

const PATH: &str = "/cgi-bin/midas/getbalance";
const APP_KEY: &str = "zNLgAGgqsEWJOg1nFVaO5r7fAlIQxr1u";
const NOTIFY: &str = "app_id=game_1001&open_id=wc_open_9f8e7d&bill_no=B20261121001&orderid=WC202611210000123&ext=role%3D77%3Bsrv%3D3&price=6.00&status=success&sign=48c46a50d1eec1fae2590f0d288591f1";

fn spec(name: &str) -> Platform {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("specs/{name}.yaml"));
    load_file(&file).unwrap_or_else(|e| panic!("{e}"))
}

fn request() -> GetBalanceRequest {
    GetBalanceRequest {
        openid: "odkx20ENSNa2w5y3g_qOkOvBNM1g".into(),
        appid: "wx1234567".into(),
        offer_id: "12345678".into(),
        ts: 1_507_530_737,
        zone_id: "1".into(),
        pf: "android".into(),
        user_ip: None,
    }
}

fn fields() -> Vec<(String, String)> {
    let r = request();
    vec![
        ("openid".into(), r.openid),
        ("appid".into(), r.appid),
        ("offer_id".into(), r.offer_id),
        ("ts".into(), r.ts.to_string()),
        ("zone_id".into(), r.zone_id),
        ("pf".into(), r.pf),
    ]
}

/// The usual hand-written signer: every call builds a sorted map and joins it.
fn map_and_sort(request: &GetBalanceRequest, app_key: &str) -> String {
    let mut params = BTreeMap::new();
    params.insert("openid", request.openid.clone());
    params.insert("appid", request.appid.clone());
    params.insert("offer_id", request.offer_id.clone());
    params.insert("ts", request.ts.to_string());
    params.insert("zone_id", request.zone_id.clone());
    params.insert("pf", request.pf.clone());
    if let Some(ip) = request.user_ip.as_ref().filter(|ip| !ip.is_empty()) {
        params.insert("user_ip", ip.clone());
    }
    let joined: Vec<String> = params.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let text = format!(
        "{}&org_loc={PATH}&method=POST&secret={app_key}",
        joined.join("&")
    );
    gamechannel::core_primitives::sign(
        Algorithm::HmacSha256,
        app_key.as_bytes(),
        text.as_bytes(),
        Output::Hex,
    )
    .expect("HMAC cannot fail")
}

fn midas_sig(c: &mut Criterion) {
    let midas = spec("wechat_midas");
    let endpoint = midas
        .endpoint("get_balance")
        .expect("get_balance is in the spec");
    let credentials = Credentials {
        app_key: Secret::new(APP_KEY),
        session_key: None,
        access_token: Secret::new("ACCESSTOKEN"),
    };
    let request = request();
    let fields = fields();
    let creds = vec![
        ("app_key".to_owned(), APP_KEY.to_owned()),
        ("access_token".to_owned(), "ACCESSTOKEN".to_owned()),
    ];
    let inputs = Inputs {
        fields: &fields,
        credentials: &creds,
        path: PATH,
        body: "",
    };

    let expected = "1ad64e8dcb2ec1dc486b7fdf01f4a15159fc623dc3422470e51cf6870734726b";
    assert_eq!(request.sign(PATH, &credentials).sig.value(), expected);
    assert_eq!(
        eval::sign_endpoint(endpoint, &inputs).unwrap()[0].value,
        expected
    );
    assert_eq!(map_and_sort(&request, APP_KEY), expected);

    // The floor: the HMAC alone over the finished string, no string building at all.
    let finished = request
        .sign(PATH, &credentials)
        .sig
        .string_to_sign()
        .to_owned();
    let mut group = c.benchmark_group("midas_get_balance_sig");
    group.bench_function("hmac_only", |b| {
        b.iter(|| {
            gamechannel::core_primitives::sign(
                Algorithm::HmacSha256,
                APP_KEY.as_bytes(),
                black_box(finished.as_bytes()),
                Output::Hex,
            )
            .expect("HMAC cannot fail")
        })
    });
    group.bench_function("generated", |b| {
        b.iter(|| black_box(&request).sign(black_box(PATH), &credentials))
    });
    group.bench_function("interpreter", |b| {
        b.iter(|| eval::sign_endpoint(endpoint, black_box(&inputs)))
    });
    group.bench_function("map_and_sort", |b| {
        b.iter(|| map_and_sort(black_box(&request), APP_KEY))
    });
    group.finish();
}

fn wancms_notify(c: &mut Criterion) {
    let wancms_spec = spec("wancms");
    let endpoint = wancms_spec
        .endpoint("pay_notify")
        .expect("pay_notify is in the spec");
    let credentials = wancms::Credentials {
        login_key: Secret::new("wancms-login-key-test"),
        pay_key: Secret::new("wancms-pay-key-test"),
    };
    let creds = vec![("pay_key".to_owned(), "wancms-pay-key-test".to_owned())];
    let interpreted = |raw: &str| {
        let pairs: Vec<(String, String)> = gamechannel::core_primitives::parse_query(raw)
            .expect("the vector parses")
            .into_iter()
            .map(|(n, v)| (n.into_owned(), v.into_owned()))
            .collect();
        eval::verify_callback(endpoint, &pairs, &creds)
    };
    assert!(PayNotifyNotification::verify(NOTIFY, &credentials).is_ok());
    assert_eq!(interpreted(NOTIFY), Ok(eval::Verdict::Genuine));

    // The floor: what any verifier must do, split the raw query and hash the finished string.
    let pairs: Vec<(String, String)> = gamechannel::core_primitives::parse_query(NOTIFY)
        .expect("the vector parses")
        .into_iter()
        .map(|(n, v)| (n.into_owned(), v.into_owned()))
        .collect();
    let inputs = Inputs {
        fields: &pairs,
        credentials: &creds,
        path: "",
        body: "",
    };
    let finished = eval::sign_endpoint(endpoint, &inputs).unwrap()[0]
        .string_to_sign
        .clone();

    let mut group = c.benchmark_group("wancms_pay_notify_verify");
    group.bench_function("split_and_md5_only", |b| {
        b.iter(|| {
            let split = gamechannel::core_primitives::parse_query(black_box(NOTIFY))
                .map(|pairs| pairs.len());
            let digest = Algorithm::Md5
                .sign(&[], black_box(finished.as_bytes()), Output::Hex)
                .expect("MD5 cannot fail");
            (split, digest)
        })
    });
    group.bench_function("generated", |b| {
        b.iter(|| PayNotifyNotification::verify(black_box(NOTIFY), &credentials))
    });
    group.bench_function("interpreter", |b| b.iter(|| interpreted(black_box(NOTIFY))));
    group.finish();
}

criterion_group!(benches, midas_sig, wancms_notify);
criterion_main!(benches);
