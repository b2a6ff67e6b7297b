//! Shared by the mock tests: starting a mock, and signing requests by hand, following
//! the pinned signing rules (SIGNING.md), independently of the spec evaluator.

#![allow(dead_code)] // each test file uses a different part

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine;
use gamechannel_cli::mock::{MockConfig, RunningMock, start};
use gamechannel_cli::specs::Catalog;
use hmac::{Hmac, Mac};
use md5::{Digest, Md5};
use serde_json::Value;

pub const MIDAS_KEY: &str = "mock-midas-app-key";
pub const SESSION_KEY: &str = "mock-session-key";
pub const WX_APPID: &str = "wxmock0000000001";
pub const WX_SECRET: &str = "mock-wechat-app-secret";
pub const QQ_KEY: &str = "mock-qq-app-key";
pub const LLEWAN_SECRET: &str = "mock-llewan-secret";
pub const WANCMS_PAY_KEY: &str = "mock-wancms-pay-key";

/// A mock on a free loopback port with the default credentials.
pub async fn mock_with(edit: impl FnOnce(&mut MockConfig)) -> RunningMock {
    let mut config = MockConfig::defaults("127.0.0.1:0".parse().expect("addr"));
    edit(&mut config);
    let platforms = Catalog::load(&[])
        .expect("built-in specs")
        .platforms()
        .to_vec();
    start(config, platforms).await.expect("mock starts")
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client")
}

pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_secs()
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn hmac_sha256_hex(key: &str, msg: &str) -> String {
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(key.as_bytes()).expect("any key");
    mac.update(msg.as_bytes());
    hex(&mac.finalize().into_bytes())
}

pub fn hmac_sha1_base64(key: &str, msg: &str) -> String {
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(key.as_bytes()).expect("any key");
    mac.update(msg.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

pub fn md5_hex(msg: &str) -> String {
    hex(&Md5::digest(msg.as_bytes()))
}

/// Sorted `name=value` joined with `&`, raw values.
pub fn sorted_params(params: &[(&str, String)]) -> String {
    let mut p: Vec<_> = params.iter().collect();
    p.sort_by(|a, b| a.0.cmp(b.0));
    p.iter()
        .map(|(n, v)| format!("{n}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

/// Tencent percent-encoding: only `A-Z a-z 0-9 - _ .` kept, uppercase hex.
pub fn tencent_encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Midas `sig` over the body params.
pub fn midas_sig(params: &[(&str, String)], path: &str, key: &str) -> String {
    let msg = format!(
        "{}&org_loc={path}&method=POST&secret={key}",
        sorted_params(params)
    );
    hmac_sha256_hex(key, &msg)
}

/// Midas `mp_sig`: the params plus access_token and sig.
pub fn midas_mp_sig(
    params: &[(&str, String)],
    token: &str,
    sig: &str,
    path: &str,
    session_key: &str,
) -> String {
    let mut all = params.to_vec();
    all.push(("access_token", token.to_owned()));
    all.push(("sig", sig.to_owned()));
    let msg = format!(
        "{}&org_loc={path}&method=POST&session_key={session_key}",
        sorted_params(&all)
    );
    hmac_sha256_hex(session_key, &msg)
}

/// A Midas body (common fields for openid `o1`, zone `1`) plus `extra`.
pub fn midas_params(openid: &str, extra: &[(&'static str, String)]) -> Vec<(&'static str, String)> {
    let mut p = vec![
        ("openid", openid.to_owned()),
        ("appid", WX_APPID.to_owned()),
        ("offer_id", "1450000001".to_owned()),
        ("ts", now().to_string()),
        ("zone_id", "1".to_owned()),
        ("pf", "android".to_owned()),
    ];
    p.extend(extra.iter().cloned());
    p
}

/// A JSON body: values that look like integers go as numbers (as a real client sends `ts`).
pub fn json_body(params: &[(&str, String)], sigs: &[(&str, String)]) -> Value {
    let mut m = serde_json::Map::new();
    for (n, v) in params {
        let value = match v.parse::<i64>() {
            Ok(i) if *n != "offer_id" && *n != "zone_id" => Value::from(i),
            _ => Value::from(v.as_str()),
        };
        m.insert(n.to_string(), value);
    }
    for (n, v) in sigs {
        m.insert(n.to_string(), Value::from(v.as_str()));
    }
    Value::Object(m)
}

/// Gets an access token from the mock's token endpoint.
pub async fn token(mock: &RunningMock) -> String {
    let body = serde_json::json!({ "grant_type": "client_credential", "appid": WX_APPID, "secret": WX_SECRET });
    let answer: Value = client()
        .post(format!("{}/cgi-bin/stable_token", mock.base_url()))
        .json(&body)
        .send()
        .await
        .expect("token endpoint answers")
        .json()
        .await
        .expect("token JSON");
    answer["access_token"].as_str().expect("a token").to_owned()
}

/// POSTs a Midas call and returns the JSON answer.
pub async fn midas_call(mock: &RunningMock, path: &str, token: &str, body: &Value) -> Value {
    client()
        .post(format!("{}{path}?access_token={token}", mock.base_url()))
        .json(body)
        .send()
        .await
        .expect("mock answers")
        .json()
        .await
        .expect("JSON answer")
}

/// A signed Midas call (sig, plus mp_sig when `session_key` is given).
pub async fn midas_signed(
    mock: &RunningMock,
    path: &str,
    token: &str,
    params: &[(&str, String)],
    session_key: Option<&str>,
) -> Value {
    let sig = midas_sig(params, path, MIDAS_KEY);
    let mut sigs = vec![("sig", sig.clone())];
    if let Some(sk) = session_key {
        sigs.push(("mp_sig", midas_mp_sig(params, token, &sig, path, sk)));
    }
    midas_call(mock, path, token, &json_body(params, &sigs)).await
}
