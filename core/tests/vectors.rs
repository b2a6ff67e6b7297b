//! Every vector from the pinned signing vectors (`vectors.jsonl` beside SIGNING.md), reproduced from its string-to-sign.

use gamechannel_core::{Algorithm, Output, percent_encode, sign};

fn hmac_sha256_hex(key: &str, s: &str) -> String {
    sign(
        Algorithm::HmacSha256,
        key.as_bytes(),
        s.as_bytes(),
        Output::Hex,
    )
    .unwrap()
}

fn qq_sig(appkey: &str, source: &str) -> String {
    let key = format!("{appkey}&");
    sign(
        Algorithm::HmacSha1,
        key.as_bytes(),
        source.as_bytes(),
        Output::Base64,
    )
    .unwrap()
}

fn md5_hex(s: &str) -> String {
    sign(Algorithm::Md5, b"", s.as_bytes(), Output::Hex).unwrap()
}

/// Rebuild a Tencent v3 source string from its parts (params already sorted).
fn qq_source(path: &str, params: &[(&str, &str)]) -> String {
    let joined: Vec<String> = params.iter().map(|(n, v)| format!("{n}={v}")).collect();
    format!(
        "GET&{}&{}",
        percent_encode(path),
        percent_encode(&joined.join("&"))
    )
}

#[test]
fn midas_official_sig_and_mp_sig() {
    let s = "appid=wx1234567&offer_id=12345678&openid=odkx20ENSNa2w5y3g_qOkOvBNM1g&pf=android&ts=1507530737&zone_id=1&org_loc=/cgi-bin/midas/getbalance&method=POST&secret=zNLgAGgqsEWJOg1nFVaO5r7fAlIQxr1u";
    let sig = hmac_sha256_hex("zNLgAGgqsEWJOg1nFVaO5r7fAlIQxr1u", s);
    assert_eq!(
        sig,
        "1ad64e8dcb2ec1dc486b7fdf01f4a15159fc623dc3422470e51cf6870734726b"
    );
    let mp = format!(
        "access_token=ACCESSTOKEN&appid=wx1234567&offer_id=12345678&openid=odkx20ENSNa2w5y3g_qOkOvBNM1g&pf=android&sig={sig}&ts=1507530737&zone_id=1&org_loc=/cgi-bin/midas/getbalance&method=POST&session_key=V7Q38/i2KXaqrQyl2Yx9Hg=="
    );
    assert_eq!(
        hmac_sha256_hex("V7Q38/i2KXaqrQyl2Yx9Hg==", &mp),
        "ff4c5bb39dea1002a8f03be0438724e1a8bcea5ebce8f221f9b9fea3bcf3bf76"
    );
}

#[test]
fn midas_computed() {
    let s = "appid=wxa1b2c3d4e5f6&offer_id=1450000001&openid=oUser_Test-01&pf=android&ts=1763769600&user_ip=203.0.113.7&zone_id=1&org_loc=/cgi-bin/midas/sandbox/getbalance&method=POST&secret=SandboxAppKey0123456789abcdefABCD";
    assert_eq!(
        hmac_sha256_hex("SandboxAppKey0123456789abcdefABCD", s),
        "926b5d34f5df337d159b8a41fa7f73a042d0e04bfdf4be55944c1dfdb9070718"
    );
    let s = "access_token=TOKEN_abc123&appid=wxa1b2c3d4e5f6&offer_id=1450000001&openid=oUser_Test-01&pf=android&sig=926b5d34f5df337d159b8a41fa7f73a042d0e04bfdf4be55944c1dfdb9070718&ts=1763769600&user_ip=203.0.113.7&zone_id=1&org_loc=/cgi-bin/midas/sandbox/getbalance&method=POST&session_key=k2Jm4Pq8Rt0Vx3Zb5Dd7Ff==";
    assert_eq!(
        hmac_sha256_hex("k2Jm4Pq8Rt0Vx3Zb5Dd7Ff==", s),
        "4fba6c6935f50c5b71d8068518a85a8e3aae397f4cf4f08b6013978b10246ae6"
    );
    let s = "appid=wxa1b2c3d4e5f6&bill_no=gift-2026-11-21_0001&offer_id=1450000001&openid=oUser_Test-01&pf=android&present_counts=60&ts=1763769601&zone_id=2_role77&org_loc=/cgi-bin/midas/present&method=POST&secret=ProdAppKeyZYXWVUTSRQPONMLKJIHGFEDC";
    assert_eq!(
        hmac_sha256_hex("ProdAppKeyZYXWVUTSRQPONMLKJIHGFEDC", s),
        "b7f46180d62857ec3f5523c8d34104660ccfa676e8591139630874c8c90a2b94"
    );
}

#[test]
fn qq_official() {
    let appkey = "228bf094169a40a3bd188ba37ebe8723";
    let base = [
        ("appid", "123456"),
        ("format", "json"),
        ("openid", "11111111111111111"),
        ("openkey", "2222222222222222"),
        ("pf", "qzone"),
    ];
    let cases = [
        (
            "112.90.139.30",
            "GET&%2Fv3%2Fuser%2Fget_info&appid%3D123456%26format%3Djson%26openid%3D11111111111111111%26openkey%3D2222222222222222%26pf%3Dqzone%26userip%3D112.90.139.30",
            "FdJkiDYwMj5Aj1UG2RUPc83iokk=",
        ),
        (
            "10.0.0.1",
            "GET&%2Fv3%2Fuser%2Fget_info&appid%3D123456%26format%3Djson%26openid%3D11111111111111111%26openkey%3D2222222222222222%26pf%3Dqzone%26userip%3D10.0.0.1",
            "o/nGo1QkVEiiN6Bqn/fRJtEJwLc=",
        ),
    ];
    for (userip, source, expected) in cases {
        let mut params = base.to_vec();
        params.push(("userip", userip));
        assert_eq!(qq_source("/v3/user/get_info", &params), source);
        assert_eq!(qq_sig(appkey, source), expected);
    }
}

#[test]
fn qq_computed() {
    let source = "GET&%2Fv3%2Fuser%2Fget_dawanka_info&appid%3D1110000001%26openid%3D0123456789ABCDEF0123456789ABCDEF%26openkey%3DFEDCBA9876543210FEDCBA9876543210%26pf%3Dqqgame%26version%3D2";
    let params = [
        ("appid", "1110000001"),
        ("openid", "0123456789ABCDEF0123456789ABCDEF"),
        ("openkey", "FEDCBA9876543210FEDCBA9876543210"),
        ("pf", "qqgame"),
        ("version", "2"),
    ];
    assert_eq!(qq_source("/v3/user/get_dawanka_info", &params), source);
    let sig = qq_sig("AppKeyForQQGame_42", source);
    assert_eq!(sig, "1V8ZdQxMBx+uxfs+UVeKPpqhhAg=");
    assert_eq!(percent_encode(&sig), "1V8ZdQxMBx%2Buxfs%2BUVeKPpqhhAg%3D");
}

#[test]
fn qq_encoding_units() {
    for (raw, encoded) in [
        ("/ +=&", "%2F%20%2B%3D%26"),
        ("123@*!", "123%40%2A%21"),
        (
            "o/nGo1QkVEiiN6Bqn/fRJtEJwLc=",
            "o%2FnGo1QkVEiiN6Bqn%2FfRJtEJwLc%3D",
        ),
    ] {
        assert_eq!(percent_encode(raw), encoded);
    }
}

#[test]
fn wancms() {
    for (s, expected) in [
        (
            "bill_no=B20261121001&ext=role=77;srv=3&goods_name=60元宝&open_id=wc_open_9f8e7d&secret_key=wancms-pay-key-test&total_fee=60",
            "f825440cf9b69312ac2dc1bb048ec017",
        ),
        (
            "app_id=game_1001&bill_no=B20261121001&ext=role=77;srv=3&open_id=wc_open_9f8e7d&price=6.00&secret_key=wancms-pay-key-test&status=success",
            "48c46a50d1eec1fae2590f0d288591f1",
        ),
        (
            "open_id=wc_open_9f8e7d&key=wancms-login-key-test",
            "0a95aa38d79fa7b5f4f9ff7af88d9bc2",
        ),
    ] {
        assert_eq!(md5_hex(s), expected);
    }
}

#[test]
fn llewan() {
    assert_eq!(
        md5_hex("game=demo-weixin&timestamp=1763769600&uid=12_11_1abc"),
        "8715f5029a00430f2f9b420fa789630f"
    );
}
