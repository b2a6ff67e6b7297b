//! The platforms' rules written out by hand from their documentation, independently of the
//! crate's signing: what the end-to-end tests send as "the platform" would.

#![allow(dead_code)] // each test file uses a different part

use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use gamechannel_cli::mock::{DEFAULT_CREDENTIALS, TEST_RSA_PRIVATE_KEY};
use hmac::{Hmac, Mac};
use md5::{Digest as _, Md5};
use rsa::pkcs8::DecodePrivateKey;
use rsa::{Pkcs1v15Sign, RsaPrivateKey};

fn cred(platform: &str, name: &str) -> &'static str {
    DEFAULT_CREDENTIALS
        .iter()
        .find(|(p, n, _)| *p == platform && *n == name)
        .map(|(_, _, v)| *v)
        .unwrap_or_else(|| panic!("no default credential {platform}.{name}"))
}

/// `application/x-www-form-urlencoded` by hand: alphanumerics and `-_.*` kept, the rest `%XX`.
pub fn form_component(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.*".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub fn form(pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .map(|(n, v)| format!("{}={}", form_component(n), form_component(v)))
        .collect::<Vec<_>>()
        .join("&")
}

pub fn rsa_sign(pem: &str, sha256: bool, text: &str) -> String {
    let key = RsaPrivateKey::from_pkcs8_pem(pem).expect("test key");
    let signature = if sha256 {
        key.sign(
            Pkcs1v15Sign::new::<sha2::Sha256>(),
            &sha2::Sha256::digest(text.as_bytes()),
        )
    } else {
        key.sign(
            Pkcs1v15Sign::new::<sha1::Sha1>(),
            &sha1::Sha1::digest(text.as_bytes()),
        )
    };
    base64::engine::general_purpose::STANDARD.encode(signature.expect("signs"))
}

/// OPPO by the rule: fixed order, all seven present, SHA1withRSA, base64.
pub fn oppo_form(key: &str, notify_id: &str, tamper: bool) -> String {
    let signed = [
        ("notifyId", notify_id),
        ("partnerOrder", "P-1"),
        ("productName", "300钻石"),
        ("productDesc", "55555"),
        ("price", "600"),
        ("count", "1"),
        ("attach", ""),
    ];
    let text = signed
        .iter()
        .map(|(n, v)| format!("{n}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    let sign = rsa_sign(key, false, &text);
    let mut pairs: Vec<(&str, String)> = signed.iter().map(|(n, v)| (*n, v.to_string())).collect();
    if tamper {
        pairs[4].1 = "601".to_owned();
    }
    pairs.push(("userId", "111".to_owned()));
    pairs.push(("sign", sign));
    form(&pairs)
}

/// Huawei by the rule: sorted, empty kept, SHA256withRSA for RSA256; extReserved, sysReserved
/// and sign URL-encoded once more before the form encoding.
pub fn huawei_form(order: &str, tamper: bool) -> String {
    let ext = "a&b=c d";
    let mut signed = vec![
        ("amount", "10.00"),
        ("extReserved", ext),
        ("notifyTime", "1554733129506"),
        ("orderId", order),
        ("payType", "4"),
        ("productName", "100元宝"),
        ("requestId", "R-1"),
        ("result", "0"),
        ("sysReserved", ""),
        ("userName", "900086000000000001"),
    ];
    signed.sort();
    let text = signed
        .iter()
        .map(|(n, v)| format!("{n}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    let sign = rsa_sign(TEST_RSA_PRIVATE_KEY, true, &text);
    let mut pairs: Vec<(&str, String)> = signed
        .iter()
        .map(|(n, v)| match *n {
            "extReserved" | "sysReserved" => (*n, form_component(v)),
            _ => (*n, v.to_string()),
        })
        .collect();
    if tamper {
        pairs[0].1 = "10.01".to_owned();
    }
    pairs.push(("signType", "RSA256".to_owned()));
    pairs.push(("sign", form_component(&sign)));
    form(&pairs)
}

pub fn now() -> String {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
        .to_string()
}

/// Tencent v3 delivery by the rule: each value keeps only `[0-9a-zA-Z!*()]`, then
/// `GET&enc(path)&enc(sorted k=v)`, base64 HMAC-SHA1 keyed by `appkey&`.
pub fn qq_query(billno: &str, tamper: bool) -> String {
    fn pre(v: &str) -> String {
        v.bytes()
            .map(|b| match b {
                b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' | b'!' | b'*' | b'(' | b')' => {
                    char::from(b).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect()
    }
    fn rfc3986(v: &str) -> String {
        v.bytes()
            .map(|b| match b {
                b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' | b'-' | b'_' | b'.' => {
                    char::from(b).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect()
    }
    let ts = now();
    let mut params = vec![
        ("amt", "80"),
        ("appid", "33758"),
        ("billno", billno),
        ("openid", "test001"),
        ("payitem", "323003*8*1"),
        ("providetype", "0"),
        ("pubacct_payamt_coins", ""),
        ("token", "53227955F80B805B50FFB511E5AD51E025360"),
        ("ts", ts.as_str()),
        ("version", "v3"),
        ("zoneid", "1"),
    ];
    params.sort();
    let list = params
        .iter()
        .map(|(n, v)| format!("{n}={}", pre(v)))
        .collect::<Vec<_>>()
        .join("&");
    let source = format!(
        "GET&{}&{}",
        rfc3986(cred("qqgame", "deliver_path")),
        rfc3986(&list)
    );
    let key = format!("{}&", cred("qqgame", "app_key"));
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(key.as_bytes()).expect("any key");
    mac.update(source.as_bytes());
    let sig = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    let mut pairs: Vec<(&str, String)> = params.iter().map(|(n, v)| (*n, v.to_string())).collect();
    if tamper {
        pairs[0].1 = "81".to_owned();
    }
    pairs.push(("sig", sig));
    form(&pairs)
}

/// vivo by the rule: sorted non-empty `k=v`, `&` + md5(AppSecret), md5, lowercase hex.
pub fn vivo_form(order: &str, tamper: bool) -> String {
    let mut signed = vec![
        ("appId", "100000001"),
        ("cpId", "2014"),
        ("cpOrderNumber", "CP-1"),
        ("orderAmount", "600"),
        ("orderNumber", order),
        ("payTime", "20210610213219"),
        ("respCode", "200"),
        ("respMsg", "交易成功"),
        ("tradeStatus", "0000"),
        ("tradeType", "01"),
        ("uid", "u1"),
    ];
    signed.sort();
    let secret = format!("{:x}", Md5::digest(cred("vivo", "app_secret").as_bytes()));
    let text = signed
        .iter()
        .map(|(n, v)| format!("{n}={v}"))
        .chain([secret])
        .collect::<Vec<_>>()
        .join("&");
    let signature = format!("{:x}", Md5::digest(text.as_bytes()));
    let mut pairs: Vec<(&str, String)> = signed.iter().map(|(n, v)| (*n, v.to_string())).collect();
    if tamper {
        pairs[0].1 = "100000002".to_owned();
    }
    pairs.push(("extInfo", String::new()));
    pairs.push(("signMethod", "MD5".to_owned()));
    pairs.push(("signature", signature));
    form(&pairs)
}
