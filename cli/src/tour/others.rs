//! The tour's QQ game hall, llewan and wancms front-end parts.

use gamechannel::client::Target;
use gamechannel::{Secret, llewan, qqgame, wancms};

use super::report::{Report, short};
use crate::mock::{MockConfig, RunningMock};

fn credential(config: &MockConfig, platform: &str, name: &str) -> Secret {
    Secret::new(config.credential(platform, name).unwrap_or_default())
}

/// QQ game hall: `get_dawanka_info` then `report_dawanka_pay`, GET with a base64 HMAC-SHA1.
pub async fn qq(report: &mut Report, mock: &RunningMock, config: &MockConfig) {
    report.section("QQ game hall OpenAPI v3 — GET, sig = base64(HMAC-SHA1) over the percent-encoded source string");
    let credentials = qqgame::Credentials {
        app_key: credential(config, "qqgame", "app_key"),
    };
    let target = Target::Custom {
        base_url: mock.base_url(),
        environment: qqgame::Environment::Sandbox,
    };
    let client = match qqgame::Client::new(qqgame::Config::new(target, credentials.clone())) {
        Ok(c) => c,
        Err(e) => {
            report.step("client", Err(e.to_string()));
            return;
        }
    };
    let info = qqgame::GetDawankaInfoRequest {
        appid: "1110000001".into(),
        openid: "0123456789ABCDEF0123456789ABCDEF".into(),
        openkey: "FEDCBA9876543210FEDCBA9876543210".into(),
        pf: "qqgame".into(),
        format: None,
        userip: None,
        version: Some(2),
    };
    let path = qqgame::GetDawankaInfoRequest::path(qqgame::Environment::Sandbox);
    let sig = info.sign(path, &credentials).sig.value().to_owned();
    let answer = client.get_dawanka_info(&info).await;
    report.step(
        "get_dawanka_info",
        answer
            .map(|r| {
                format!(
                    "GET {path} sig={} → level {}, bonus left {}",
                    short(&sig),
                    r.level.unwrap_or(0),
                    r.pay_return_count.unwrap_or(0)
                )
            })
            .map_err(|e| e.to_string()),
    );
    let pay = qqgame::ReportDawankaPayRequest {
        appid: info.appid.clone(),
        openid: info.openid.clone(),
        openkey: info.openkey.clone(),
        pf: info.pf.clone(),
        format: None,
        userip: None,
    };
    let answer = client.report_dawanka_pay(&pay).await;
    report.step(
        "report_dawanka_pay",
        answer
            .map(|r| {
                format!(
                    "used {}, left {} (never retried: no idempotency key)",
                    r.r#use.unwrap_or(0),
                    r.left.unwrap_or(0)
                )
            })
            .map_err(|e| e.to_string()),
    );
}

/// llewan: `get_user_open_id`, MD5 with the secret appended.
pub async fn llewan(report: &mut Report, mock: &RunningMock, config: &MockConfig, now: i64) {
    report.section("llewan — GET, sign = md5(sorted params + secret)");
    let credentials = llewan::Credentials {
        secret: credential(config, "llewan", "secret"),
    };
    let target = Target::Custom {
        base_url: mock.base_url(),
        environment: llewan::Environment::Production,
    };
    let client = match llewan::Client::new(llewan::Config::new(target, credentials.clone())) {
        Ok(c) => c,
        Err(e) => {
            report.step("client", Err(e.to_string()));
            return;
        }
    };
    let request = llewan::GetUserOpenIdRequest {
        game: "demo-weixin".into(),
        uid: "12_11_1".into(),
        timestamp: now,
    };
    let path = llewan::GetUserOpenIdRequest::path(llewan::Environment::Production);
    let sign = request.sign(path, &credentials).sign.value().to_owned();
    let first = client.get_user_open_id(&request).await;
    let second = client.get_user_open_id(&request).await;
    let outcome = match (first, second) {
        (Ok(a), Ok(b)) => {
            let a = a.d.and_then(|d| d.openid).unwrap_or_default();
            let b = b.d.and_then(|d| d.openid).unwrap_or_default();
            if a == b && !a.is_empty() {
                Ok(format!(
                    "GET {path} sign={} → openid {a} (stable)",
                    short(&sign)
                ))
            } else {
                Err(format!("openid changed between calls: {a} / {b}"))
            }
        }
        (Err(e), _) | (_, Err(e)) => Err(e.to_string()),
    };
    report.step("get_user_open_id", outcome);
}

/// wancms `pay`: the signed object a page hands to `wancmssdk.pay`; the key stays here.
pub fn wancms_pay(report: &mut Report, config: &MockConfig) {
    report.section(
        "wancms front end — the server signs the pay payload, the page calls wancmssdk.pay",
    );
    let pay_key = config
        .credential("wancms", "pay_key")
        .unwrap_or_default()
        .to_owned();
    let credentials = wancms::Credentials {
        login_key: credential(config, "wancms", "login_key"),
        pay_key: Secret::new(pay_key.clone()),
    };
    let payload = wancms::PayPayload {
        app_id: "game_1001".into(),
        open_id: "wc_open_9f8e7d".into(),
        bill_no: "B20261121001".into(),
        goods_name: "60元宝".into(),
        total_fee: 60,
        ext: "role=77;srv=3".into(),
    };
    let outcome = match payload.signed_json(&credentials) {
        Ok(json) if json.contains(&pay_key) => {
            Err("the pay key leaked into the payload".to_owned())
        }
        Ok(json) => Ok(format!("wancmssdk.pay({json})")),
        Err(e) => Err(e.to_string()),
    };
    report.step("pay payload", outcome);
    let bad = wancms::PayPayload {
        total_fee: 0,
        open_id: String::new(),
        ..payload
    };
    let outcome = match bad.signed_json(&credentials) {
        Err(e) => Ok(format!("refused before signing: {e}")),
        Ok(_) => Err("a payload with total_fee 0 and no open_id was signed".to_owned()),
    };
    report.step("invalid pay payload", outcome);
    report.note(&format!(
        "page result codes: 6 = {:?}, 8 = {:?}",
        wancms::PayResult::from_code(6),
        wancms::PayResult::from_code(8)
    ));
}
