//! The tour's QQ game hall, llewan and wancms front-end parts.

use gamechannel::client::Target;
use gamechannel::{Secret, llewan, qqgame, wancms};
use gamechannel_codegen::eval::{Inputs, sign_endpoint};
use gamechannel_codegen::model::Platform;

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
        deliver_path: None,
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

/// wancms login: the platform's redirect to the game's login URL, signed here by the spec
/// interpreter (playing wancms) and verified by the generated code (playing the game).
pub fn wancms_login(report: &mut Report, config: &MockConfig, platforms: &[Platform]) {
    let login_key = config
        .credential("wancms", "login_key")
        .unwrap_or_default()
        .to_owned();
    let endpoint = platforms
        .iter()
        .find(|p| p.name == "wancms")
        .and_then(|p| p.endpoint("login"));
    let Some(endpoint) = endpoint else {
        report.step(
            "login redirect",
            Err("the wancms spec has no login endpoint".into()),
        );
        return;
    };
    let fields = vec![("open_id".to_owned(), "wc_open_9f8e7d".to_owned())];
    let credentials = vec![("login_key".to_owned(), login_key.clone())];
    let inputs = Inputs {
        fields: &fields,
        credentials: &credentials,
        path: "",
        body: "",
    };
    let sign = match sign_endpoint(endpoint, &inputs) {
        Ok(signed) => signed
            .into_iter()
            .next()
            .map(|c| c.value)
            .unwrap_or_default(),
        Err(e) => {
            report.step("login redirect", Err(e.to_string()));
            return;
        }
    };
    let query = format!("open_id=wc_open_9f8e7d&sign={sign}&channel=h5&is_favorite=0");
    let keys = wancms::Credentials {
        login_key: Secret::new(login_key),
        pay_key: credential(config, "wancms", "pay_key"),
    };
    let genuine = wancms::LoginNotification::verify(&query, &keys);
    let forged =
        wancms::LoginNotification::verify(&query.replace("wc_open_9f8e7d", "wc_open_other"), &keys);
    let outcome = match (genuine, forged) {
        (Ok(n), Err(rejection)) => Ok(format!(
            "GET /?{query} → open_id {} logged in; a forged open_id: {rejection}",
            n.open_id
        )),
        (Err(e), _) => Err(format!("the genuine redirect was refused: {e}")),
        (Ok(_), Ok(_)) => Err("a forged open_id was accepted".to_owned()),
    };
    report.step("login redirect", outcome);
}

/// The unsigned SDK calls: what the page passes to each.
pub fn wancms_sdk_calls(report: &mut Report) {
    let open_id = "wc_open_9f8e7d".to_owned();
    let init = wancms::InitPayload {
        app_id: "game_1001".into(),
        open_id: open_id.clone(),
        channel: Some("h5".into()),
    };
    let server = wancms::SelectServerPayload {
        app_id: "game_1001".into(),
        open_id: open_id.clone(),
        server_id: "3".into(),
        server_name: "S3".into(),
    };
    let role = wancms::CreateRolePayload {
        app_id: "game_1001".into(),
        open_id: open_id.clone(),
        server_id: "3".into(),
        server_name: "S3".into(),
        role_id: "77".into(),
        role_name: "Hero".into(),
        role_level: "1".into(),
    };
    let share = wancms::SharePayload {
        open_id: open_id.clone(),
    };
    let favorite = wancms::FavoritePayload { open_id };
    let calls = [
        (
            wancms::InitPayload::SDK_FUNCTION,
            init.validate().map(|()| init.to_json()),
        ),
        (
            wancms::SelectServerPayload::SDK_FUNCTION,
            server.validate().map(|()| server.to_json()),
        ),
        (
            wancms::CreateRolePayload::SDK_FUNCTION,
            role.validate().map(|()| role.to_json()),
        ),
        (
            wancms::SharePayload::SDK_FUNCTION,
            share.validate().map(|()| share.to_json()),
        ),
        (
            wancms::FavoritePayload::SDK_FUNCTION,
            favorite.validate().map(|()| favorite.to_json()),
        ),
    ];
    for (function, json) in calls {
        report.step(
            function,
            json.map(|j| format!("{function}({j})"))
                .map_err(|e| e.to_string()),
        );
    }
    report.note(&format!(
        "share result 101 = {:?}",
        wancms::ShareResult::from_code(101)
    ));
}
