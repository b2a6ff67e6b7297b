//! Hand-built callback and frontend platforms shaped like the seed specs (wancms, llewan).

use super::build::*;
use crate::model::*;

/// wancms: a signed frontend `pay`, a GET `pay_notify` callback, a declared-order `login` callback.
pub fn wancms() -> Platform {
    let mut p = platform(
        "wancms",
        vec![env("production", "https://h5.example.com")],
        vec![
            cred("login_key", true, false, None),
            cred("pay_key", true, false, None),
        ],
    );
    let mut pay = endpoint("pay", EndpointKind::Frontend, None, Encoding::Json);
    frontend_of(&mut pay).sdk_function = Some("wancmssdk.pay".into());
    let mut app_id = s("app_id");
    app_id.signed = false;
    let mut fee = int("total_fee");
    fee.constraints.min = Some(1);
    pay.request = vec![
        app_id,
        s("bill_no"),
        opt("ext"),
        s("goods_name"),
        s("open_id"),
        fee,
    ];
    let items = vec![
        field_param("bill_no", false),
        field_param("ext", true),
        field_param("goods_name", false),
        field_param("open_id", false),
        pseudo("secret_key", vec![val(credential("pay_key"), vec![])]),
        field_param("total_fee", false),
    ];
    pay.signatures = vec![recipe(
        "sign",
        "sign",
        Location::Body,
        Algorithm::Md5,
        Output::Hex,
        None,
        vec![params(items, true, vec![])],
        &[],
    )];
    frontend_of(&mut pay).results = vec![
        ResultCode {
            code: 1,
            name: "success".into(),
            doc: Some("Paid.".into()),
            ok: false,
            when: Vec::new(),
        },
        ResultCode {
            code: 2,
            name: "cancelled".into(),
            doc: None,
            ok: false,
            when: Vec::new(),
        },
    ];
    let creds = [("login_key", "LOGINKEY"), ("pay_key", "PAYKEY")];
    pay.examples = vec![example(
        "computed",
        "",
        &creds,
        &[
            ("app_id", "1001"),
            ("bill_no", "B1"),
            ("ext", "e x"),
            ("goods_name", "金币"),
            ("open_id", "u1"),
            ("total_fee", "600"),
        ],
        &[(
            "sign",
            "bill_no=B1&ext=e x&goods_name=金币&open_id=u1&secret_key=PAYKEY&total_fee=600",
            "00b7e6b88c4919d8d7c7f1940580117d",
        )],
    )];

    let mut notify = endpoint(
        "pay_notify",
        EndpointKind::Callback,
        Some(Method::Get),
        Encoding::Query,
    );
    let mut orderid = s("orderid");
    orderid.signed = false;
    let mut status = int("status");
    status.constraints.values = vec![("1".into(), "paid".into())];
    notify.request = vec![
        s("app_id"),
        s("bill_no"),
        opt("ext"),
        s("open_id"),
        field("price", FieldType::Decimal, true),
        status,
        orderid,
    ];
    let items = vec![
        field_param("app_id", false),
        field_param("bill_no", false),
        field_param("ext", true),
        field_param("open_id", false),
        field_param("price", false),
        pseudo("secret_key", vec![val(credential("pay_key"), vec![])]),
        field_param("status", false),
    ];
    notify.signatures = vec![recipe(
        "sign",
        "sign",
        Location::Query,
        Algorithm::Md5,
        Output::Hex,
        None,
        vec![params(items, true, vec![])],
        &[],
    )];
    callback_of(&mut notify).reply = Some(Reply {
        content_type: "text/plain".into(),
        success: "success".into(),
        failure: "fail".into(),
        failure_status: 200,
        echo: None,
        xml: None,
        doc: None,
    });
    notify.examples = vec![example(
        "computed",
        "",
        &creds,
        &[
            ("app_id", "1001"),
            ("bill_no", "B1"),
            ("ext", "e x"),
            ("open_id", "u1"),
            ("price", "6.00"),
            ("status", "1"),
            ("orderid", "O9"),
        ],
        &[(
            "sign",
            "app_id=1001&bill_no=B1&ext=e x&open_id=u1&price=6.00&secret_key=PAYKEY&status=1",
            "895ead0189535bcb954818ca43c7c8e1",
        )],
    )];

    let mut login = endpoint(
        "login",
        EndpointKind::Callback,
        Some(Method::Get),
        Encoding::Query,
    );
    login.request = vec![
        s("open_id"),
        opt("channel"),
        field("is_favorite", FieldType::Bool, false),
    ];
    let items = vec![
        field_param("open_id", false),
        pseudo("key", vec![val(credential("login_key"), vec![])]),
    ];
    login.signatures = vec![recipe(
        "sign",
        "sign",
        Location::Query,
        Algorithm::Md5,
        Output::Hex,
        None,
        vec![params(items, true, vec![])],
        &[],
    )];
    login.examples = vec![example(
        "computed",
        "",
        &creds,
        &[("open_id", "u1"), ("is_favorite", "1")],
        &[(
            "sign",
            "open_id=u1&key=LOGINKEY",
            "8134d571ad85b93f2ccbddb7366874e9",
        )],
    )];
    p.endpoints = vec![pay, notify, login];
    p.merge_errors();
    p
}

/// llewan gift codes: a JSON callback, `{params}{secret}`, a JSON reply with `{message}`, a timestamp.
pub fn llewan() -> Platform {
    let mut p = platform(
        "llewan",
        vec![env("production", "https://exc.llewan.com")],
        vec![cred("secret", true, false, None)],
    );
    let mut gift = endpoint(
        "gift_code",
        EndpointKind::Callback,
        Some(Method::Post),
        Encoding::Json,
    );
    let mut ts = int("timeStamp");
    ts.constraints.min = Some(1_000_000_000);
    gift.request = vec![
        s("game"),
        s("uid"),
        s("roleId"),
        s("serverId"),
        s("awardCode"),
        ts,
    ];
    let mut names = [
        "awardCode",
        "game",
        "roleId",
        "serverId",
        "timeStamp",
        "uid",
    ];
    names.sort_unstable();
    let items = names.iter().map(|n| field_param(n, false)).collect();
    let mut r = recipe(
        "sign",
        "sign",
        Location::Body,
        Algorithm::Md5,
        Output::Hex,
        None,
        vec![
            params(items, true, vec![]),
            val(credential("secret"), vec![]),
        ],
        &[],
    );
    r.case_insensitive = true;
    gift.signatures = vec![r];
    callback_of(&mut gift).timestamp = Some(Timestamp {
        field: "timeStamp".into(),
        max_age: None,
    });
    callback_of(&mut gift).reply = Some(Reply {
        content_type: "application/json".into(),
        success: r#"{"code":1,"msg":"success"}"#.into(),
        failure: r#"{"code":-1,"msg":"{message}"}"#.into(),
        failure_status: 200,
        echo: None,
        xml: None,
        doc: Some("Assumed: the platform's page does not show the reply.".into()),
    });
    gift.examples = vec![example(
        "computed",
        "",
        &[("secret", "SECRET")],
        &[
            ("game", "g1"),
            ("uid", "u1"),
            ("roleId", "r1"),
            ("serverId", "s1"),
            ("awardCode", "A1"),
            ("timeStamp", "1700000000"),
        ],
        &[(
            "sign",
            "awardCode=A1&game=g1&roleId=r1&serverId=s1&timeStamp=1700000000&uid=u1SECRET",
            "ebfdef00180bd0e6e0786a0bd3a0dfa6",
        )],
    )];
    p.endpoints = vec![gift];
    p.merge_errors();
    p
}
