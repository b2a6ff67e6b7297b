//! The tour's WeChat xpay and mini-game pay 2.0 parts: signatures over the raw body sent,
//! travelling in the query.

use gamechannel::{Secret, wechat_minigame_v2 as mg2, wechat_xpay as xpay};

use super::report::{Report, short};
use crate::mock::{MockConfig, RunningMock};

fn credential(config: &MockConfig, platform: &str, name: &str) -> String {
    config
        .credential(platform, name)
        .unwrap_or_default()
        .to_owned()
}

/// `names` with their values in the mock's configuration, for `Client::builder`.
fn settings(
    config: &MockConfig,
    platform: &str,
    names: &[&'static str],
) -> Vec<(&'static str, String)> {
    names
        .iter()
        .map(|&name| (name, credential(config, platform, name)))
        .collect()
}

/// xpay: a gift, a payment and the balance, with the user-session signature.
pub async fn xpay(report: &mut Report, mock: &RunningMock, config: &MockConfig) {
    report.section("WeChat xpay — pay_sig = hex(HMAC-SHA256(AppKey, uri&body)) and signature over the raw body, in the query");
    let p = "wechat_xpay";
    let credentials = || xpay::Credentials {
        app_key: Secret::new(credential(config, p, "app_key")),
        session_key: Some(Secret::new(credential(config, p, "session_key"))),
        access_token: Secret::new(""),
        push_token: Secret::new(credential(config, p, "push_token")),
        encoding_aes_key: Secret::new(credential(config, p, "encoding_aes_key")),
        appid: credential(config, p, "appid"),
    };
    // Built as a game server builds it: credentials by name, the access token fetched and
    // cached by the client; the player's session key is given per call.
    let built = xpay::Client::builder(xpay::Environment::Production)
        .base_url(mock.base_url())
        .credentials(settings(
            config,
            p,
            &["app_key", "push_token", "encoding_aes_key", "appid"],
        ))
        .credential("secret", credential(config, p, "app_secret"))
        .build();
    let client = match built {
        Ok(c) => c.for_user(xpay::UserCredentials {
            session_key: Some(Secret::new(credential(config, p, "session_key"))),
        }),
        Err(e) => {
            report.step("client", Err(e.to_string()));
            return;
        }
    };
    let gift = xpay::PresentCurrencyRequest {
        openid: "oTourXpay".into(),
        env: 0,
        order_id: "TOUR_GIFT_1".into(),
        amount: 100,
    };
    let answer = client.present_currency(&gift).await;
    report.step(
        "present_currency",
        answer
            .map(|r| format!("100 given → balance {}", r.balance.unwrap_or(0)))
            .map_err(|e| e.to_string()),
    );
    let pay = xpay::CurrencyPayRequest {
        openid: "oTourXpay".into(),
        env: 0,
        user_ip: "203.0.113.7".into(),
        amount: 30,
        order_id: "TOUR_PAY_1".into(),
        payitem: r#"[{"productid":"sword","unit_price":30,"quantity":1}]"#.into(),
        remark: Some("备注".into()),
    };
    let path = xpay::CurrencyPayRequest::path(xpay::Environment::Production);
    let signed = pay.sign(path, &credentials());
    let answer = client.currency_pay(&pay).await;
    report.step(
        "currency_pay",
        answer
            .map(|r| {
                format!(
                    "pay_sig={} signature={} → balance {}",
                    short(signed.pay_sig.value()),
                    short(signed.signature.as_ref().map_or("-", |s| s.value())),
                    r.balance.unwrap_or(0)
                )
            })
            .map_err(|e| e.to_string()),
    );
    let again = client.currency_pay(&pay).await;
    report.step(
        "currency_pay (retried)",
        again
            .map(|_| "same order_id → 268490004 (applied before), a success".to_owned())
            .map_err(|e| e.to_string()),
    );
}

/// Mini-game pay 2.0: the same rule plus the fixed `sig_method=hmac_sha256`.
pub async fn minigame_v2(report: &mut Report, mock: &RunningMock, config: &MockConfig, now: i64) {
    report.section("WeChat mini-game pay 2.0 — the same raw-body rule, plus sig_method=hmac_sha256 in the query");
    let p = "wechat_minigame_v2";
    let credentials = || mg2::Credentials {
        app_key: Secret::new(credential(config, p, "app_key")),
        sandbox_app_key: Secret::new(credential(config, p, "sandbox_app_key")),
        session_key: Secret::new(credential(config, p, "session_key")),
        access_token: Secret::new(""),
        push_token: Secret::new(credential(config, p, "push_token")),
        encoding_aes_key: Secret::new(credential(config, p, "encoding_aes_key")),
        appid: credential(config, p, "appid"),
    };
    let built = mg2::Client::builder(mg2::Environment::Production)
        .base_url(mock.base_url())
        .credentials(settings(
            config,
            p,
            &[
                "app_key",
                "sandbox_app_key",
                "push_token",
                "encoding_aes_key",
                "appid",
            ],
        ))
        .credential("secret", credential(config, p, "app_secret"))
        .build();
    let client = match built {
        Ok(c) => c.for_user(mg2::UserCredentials {
            session_key: Secret::new(credential(config, p, "session_key")),
        }),
        Err(e) => {
            report.step("client", Err(e.to_string()));
            return;
        }
    };
    let present = mg2::PresentRequest {
        openid: "oTourGame".into(),
        offer_id: "12345678".into(),
        ts: now,
        zone_id: "1".into(),
        env: 0,
        user_ip: None,
        amount: 50,
        bill_no: "TOUR-GIFT-1".into(),
    };
    let prepared = present.prepare(mg2::Environment::Production, &credentials());
    let answer = client.present(&present).await;
    report.step(
        "present",
        answer
            .map(|r| format!("50 given → balance {}", r.balance.unwrap_or(0)))
            .map_err(|e| e.to_string()),
    );
    if let Ok(prepared) = prepared {
        let query = prepared
            .path_and_query
            .split('?')
            .nth(1)
            .unwrap_or_default();
        let names: Vec<&str> = query
            .split('&')
            .filter_map(|pair| pair.split('=').next())
            .collect();
        report.note(&format!(
            "query: {} (the body is what both sign)",
            names.join(", ")
        ));
    }
    let pay = mg2::PayRequest {
        openid: "oTourGame".into(),
        offer_id: "12345678".into(),
        ts: now,
        zone_id: "1".into(),
        env: 0,
        user_ip: None,
        amount: 20,
        bill_no: "TOUR-PAY-1".into(),
        payitem: Some("钻石".into()),
        remark: None,
    };
    let answer = client.pay(&pay).await;
    report.step(
        "pay",
        answer
            .map(|r| format!("20 spent → balance {}", r.balance.unwrap_or(0)))
            .map_err(|e| e.to_string()),
    );
}
