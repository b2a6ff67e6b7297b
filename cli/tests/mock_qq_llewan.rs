//! The mock's QQ game hall and llewan endpoints, signed by hand.

mod mock_support;

use mock_support::*;
use serde_json::Value;

const INFO: &str = "/v3/user/get_dawanka_info";
const REPORT: &str = "/v3/user/report_dawanka_pay";
const OPENID: &str = "/v1/CPServer/getUserOpenId";

fn qq_params(openid: &str) -> Vec<(&'static str, String)> {
    vec![
        ("appid", "1110000001".to_owned()),
        ("openid", openid.to_owned()),
        ("openkey", "FEDCBA9876543210FEDCBA9876543210".to_owned()),
        ("pf", "qqgame".to_owned()),
    ]
}

/// Tencent OpenAPI v3 sig over the params, as SIGNING.md describes.
fn qq_sig(path: &str, params: &[(&str, String)]) -> String {
    let msg = format!(
        "GET&{}&{}",
        tencent_encode(path),
        tencent_encode(&sorted_params(params))
    );
    hmac_sha1_base64(&format!("{QQ_KEY}&"), &msg)
}

fn query(params: &[(&str, String)]) -> String {
    params
        .iter()
        .map(|(n, v)| format!("{n}={}", tencent_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

async fn get(url: String) -> Value {
    client()
        .get(url)
        .send()
        .await
        .expect("mock answers")
        .json()
        .await
        .expect("JSON")
}

#[tokio::test]
async fn qq_dawanka() {
    let mock = mock_with(|_| {}).await;
    let mut params = qq_params("QQUSER1");
    params.push(("version", "2".to_owned()));
    let sig = qq_sig(INFO, &params);
    let mut signed = params.clone();
    signed.push(("sig", sig.clone()));
    let info = get(format!("{}{INFO}?{}", mock.base_url(), query(&signed))).await;
    assert_eq!(info["ret"], 0, "{info}");
    assert_eq!(info["payReturnCount"], 3);

    // One field changed after signing.
    let mut tampered = params.clone();
    tampered[0].1 = "1110000002".to_owned();
    tampered.push(("sig", sig));
    assert_eq!(
        get(format!("{}{INFO}?{}", mock.base_url(), query(&tampered))).await["ret"],
        2000004
    );

    // Missing openid: QQ's openid-specific parameter error.
    let mut no_openid: Vec<_> = params
        .iter()
        .filter(|(n, _)| *n != "openid")
        .cloned()
        .collect();
    no_openid.push(("sig", qq_sig(INFO, &no_openid)));
    assert_eq!(
        get(format!("{}{INFO}?{}", mock.base_url(), query(&no_openid))).await["ret"],
        2000002
    );

    // Reporting a bonus use moves it from left to use.
    let params = qq_params("QQUSER1");
    let mut signed = params.clone();
    signed.push(("sig", qq_sig(REPORT, &params)));
    let report = get(format!("{}{REPORT}?{}", mock.base_url(), query(&signed))).await;
    assert_eq!(
        (
            report["ret"].clone(),
            report["use"].clone(),
            report["left"].clone()
        ),
        (0.into(), 1.into(), 2.into())
    );
    mock.shutdown().await;
}

#[tokio::test]
async fn llewan_open_id() {
    let mock = mock_with(|_| {}).await;
    let params = vec![
        ("game", "demo-weixin".to_owned()),
        ("uid", "12_11_1".to_owned()),
        ("timestamp", now().to_string()),
    ];
    let sign = md5_hex(&format!("{}{LLEWAN_SECRET}", sorted_params(&params)));
    let mut signed = params.clone();
    signed.push(("sign", sign.clone()));
    let a = get(format!("{}{OPENID}?{}", mock.base_url(), query(&signed))).await;
    assert_eq!(a["code"], 1, "{a}");
    let openid = a["d"]["openid"].as_str().expect("openid").to_owned();
    let b = get(format!("{}{OPENID}?{}", mock.base_url(), query(&signed))).await;
    assert_eq!(b["d"]["openid"], openid.as_str(), "stable per uid");

    let mut tampered = params.clone();
    tampered[1].1 = "12_11_2".to_owned();
    tampered.push(("sign", sign));
    assert_eq!(
        get(format!("{}{OPENID}?{}", mock.base_url(), query(&tampered))).await["code"],
        -1
    );

    let mut no_uid: Vec<_> = params
        .iter()
        .filter(|(n, _)| *n != "uid")
        .cloned()
        .collect();
    no_uid.push((
        "sign",
        md5_hex(&format!("{}{LLEWAN_SECRET}", sorted_params(&no_uid))),
    ));
    let missing = get(format!("{}{OPENID}?{}", mock.base_url(), query(&no_uid))).await;
    assert_eq!(missing["code"], -1);
    assert!(
        missing["msg"].as_str().unwrap_or_default().contains("uid"),
        "{missing}"
    );
    mock.shutdown().await;
}
