//! Hand-built platforms shaped like the seed specs, with their signing vectors.

use super::build::*;
use crate::model::*;

const MIDAS_KEY: &str = "zNLgAGgqsEWJOg1nFVaO5r7fAlIQxr1u";
const MIDAS_SIG: &str = "1ad64e8dcb2ec1dc486b7fdf01f4a15159fc623dc3422470e51cf6870734726b";

/// Midas v1 `getbalance` and `present`: `sig`, optional `mp_sig`, optional `user_ip`.
pub fn midas() -> Platform {
    let mut p = platform(
        "wechat_midas",
        vec![
            env("production", "https://api.weixin.qq.com"),
            env("sandbox", "https://api.weixin.qq.com"),
        ],
        vec![
            cred("app_key", true, false, None),
            Credential {
                per_user: true,
                ..cred("session_key", true, true, None)
            },
            cred("access_token", true, false, Some(Location::Query)),
        ],
    );
    p.envelope = Some(Envelope {
        code: "errcode".into(),
        message: Some("errmsg".into()),
        ok: 0,
        missing_is_ok: true,
    });
    p.errors = vec![
        error(-1, "system_busy", true),
        error(90011, "bad_sig", false),
    ];
    let base = [
        "appid", "offer_id", "openid", "pf", "ts", "user_ip", "zone_id",
    ];
    let mut get = endpoint(
        "getbalance",
        EndpointKind::Call,
        Some(Method::Post),
        Encoding::Json,
    );
    get.title = Some("midas.getbalance".into());
    get.read_only = true;
    get.sends = vec!["access_token".into()];
    get.paths = vec![
        path("production", "/cgi-bin/midas/getbalance"),
        path("sandbox", "/cgi-bin/midas/sandbox/getbalance"),
    ];
    let mut openid = s("openid");
    openid.constraints.max_len = Some(64);
    get.request = vec![
        openid,
        s("appid"),
        s("offer_id"),
        int("ts"),
        s("zone_id"),
        s("pf"),
        opt("user_ip"),
    ];
    get.request[5].constraints.values = vec![
        ("android".into(), "Android".into()),
        ("ios".into(), "iOS".into()),
    ];
    get.response = vec![
        int("balance"),
        field("gen_balance", FieldType::Int, false),
        field("first_save", FieldType::Bool, false),
    ];
    get.signatures = midas_recipes(&base);
    get.examples = vec![example(
        "official",
        "/cgi-bin/midas/getbalance",
        &[
            ("app_key", MIDAS_KEY),
            ("access_token", "ACCESSTOKEN"),
            ("session_key", "V7Q38/i2KXaqrQyl2Yx9Hg=="),
        ],
        &[
            ("openid", "odkx20ENSNa2w5y3g_qOkOvBNM1g"),
            ("appid", "wx1234567"),
            ("offer_id", "12345678"),
            ("ts", "1507530737"),
            ("zone_id", "1"),
            ("pf", "android"),
        ],
        &[
            (
                "sig",
                "appid=wx1234567&offer_id=12345678&openid=odkx20ENSNa2w5y3g_qOkOvBNM1g&pf=android&ts=1507530737&zone_id=1&org_loc=/cgi-bin/midas/getbalance&method=POST&secret=zNLgAGgqsEWJOg1nFVaO5r7fAlIQxr1u",
                MIDAS_SIG,
            ),
            (
                "mp_sig",
                "access_token=ACCESSTOKEN&appid=wx1234567&offer_id=12345678&openid=odkx20ENSNa2w5y3g_qOkOvBNM1g&pf=android&sig=1ad64e8dcb2ec1dc486b7fdf01f4a15159fc623dc3422470e51cf6870734726b&ts=1507530737&zone_id=1&org_loc=/cgi-bin/midas/getbalance&method=POST&session_key=V7Q38/i2KXaqrQyl2Yx9Hg==",
                "ff4c5bb39dea1002a8f03be0438724e1a8bcea5ebce8f221f9b9fea3bcf3bf76",
            ),
        ],
    )];
    let mut present = endpoint(
        "present",
        EndpointKind::Call,
        Some(Method::Post),
        Encoding::Json,
    );
    present.paths = vec![
        path("production", "/cgi-bin/midas/present"),
        path("sandbox", "/cgi-bin/midas/sandbox/present"),
    ];
    let mut bill_no = s("bill_no");
    bill_no.constraints.max_len = Some(63);
    bill_no.constraints.pattern = Some("^[0-9A-Za-z_-]+$".into());
    let mut counts = int("present_counts");
    counts.constraints.non_zero = true;
    counts.constraints.min = Some(-100000);
    counts.constraints.max = Some(100000);
    present.request = vec![
        s("openid"),
        s("appid"),
        s("offer_id"),
        int("ts"),
        s("zone_id"),
        s("pf"),
        opt("user_ip"),
        bill_no,
        counts,
    ];
    present.idempotency_key = Some("bill_no".into());
    present.sends = vec!["access_token".into()];
    present.errors = vec![
        error(90012, "order_exists", false),
        error(-1, "system_busy", true),
    ];
    let mut names: Vec<&str> = base.to_vec();
    names.extend(["bill_no", "present_counts"]);
    names.sort_unstable();
    present.signatures = midas_recipes(&names);
    present.response = vec![int("balance"), s("bill_no")];
    p.endpoints = vec![get, present];
    p
}

fn midas_recipes(sorted_fields: &[&str]) -> Vec<SignatureRecipe> {
    let fields = |extra: bool| {
        let mut items: Vec<Param> = sorted_fields
            .iter()
            .map(|n| field_param(n, *n == "user_ip"))
            .collect();
        if extra {
            items.push(param("access_token", credential("access_token"), false));
            items.push(param("sig", Source::Signature("sig".into()), false));
            items.sort_by(|a, b| a.name.cmp(&b.name));
        }
        items
    };
    vec![
        recipe(
            "sig",
            "sig",
            Location::Body,
            Algorithm::HmacSha256,
            Output::Hex,
            Some(template(vec![val(credential("app_key"), vec![])])),
            vec![
                params(fields(false), true, vec![]),
                lit("&org_loc="),
                val(Source::Path, vec![]),
                lit("&method=POST&secret="),
                val(credential("app_key"), vec![]),
            ],
            &[],
        ),
        recipe(
            "mp_sig",
            "mp_sig",
            Location::Body,
            Algorithm::HmacSha256,
            Output::Hex,
            Some(template(vec![val(credential("session_key"), vec![])])),
            vec![
                params(fields(true), true, vec![]),
                lit("&org_loc="),
                val(Source::Path, vec![]),
                lit("&method=POST&session_key="),
                val(credential("session_key"), vec![]),
            ],
            &["session_key"],
        ),
    ]
}

/// Tencent OpenAPI v3 `get_info`: GET, `|percent` over path and parameters, base64 HMAC-SHA1.
pub fn qq() -> Platform {
    let mut p = platform(
        "qqgame",
        vec![
            env("production", "https://openapi.minigame.qq.com"),
            env("sandbox", "https://api-sandbox.urlshare.cn"),
        ],
        vec![cred("app_key", true, false, None)],
    );
    p.envelope = Some(Envelope {
        code: "ret".into(),
        message: Some("msg".into()),
        ok: 0,
        missing_is_ok: false,
    });
    p.errors = vec![
        error(2000004, "bad_sig", false),
        error(2000030, "backend_error", true),
    ];
    let mut e = endpoint(
        "get_info",
        EndpointKind::Call,
        Some(Method::Get),
        Encoding::Query,
    );
    e.read_only = true;
    e.omit_empty = false;
    e.paths = vec![
        path("production", "/v3/user/get_info"),
        path("sandbox", "/v3/user/get_info"),
    ];
    e.request = vec![
        s("appid"),
        s("openid"),
        s("openkey"),
        s("pf"),
        opt("format"),
        opt("userip"),
    ];
    e.response = vec![opt("nickname"), field("is_vip", FieldType::Bool, false)];
    let items = ["appid", "format", "openid", "openkey", "pf", "userip"]
        .iter()
        .map(|n| field_param(n, matches!(*n, "format" | "userip")))
        .collect();
    e.signatures = vec![recipe(
        "sig",
        "sig",
        Location::Query,
        Algorithm::HmacSha1,
        Output::Base64,
        Some(template(vec![val(credential("app_key"), vec![]), lit("&")])),
        vec![
            lit("GET&"),
            val(Source::Path, vec![Filter::Percent]),
            lit("&"),
            params(items, false, vec![Filter::Percent]),
        ],
        &[],
    )];
    let request = |ip: &'static str| {
        vec![
            ("openid", "11111111111111111"),
            ("openkey", "2222222222222222"),
            ("appid", "123456"),
            ("pf", "qzone"),
            ("format", "json"),
            ("userip", ip),
        ]
    };
    let key = [("app_key", "228bf094169a40a3bd188ba37ebe8723")];
    e.examples = vec![
        example(
            "official",
            "/v3/user/get_info",
            &key,
            &request("112.90.139.30"),
            &[(
                "sig",
                "GET&%2Fv3%2Fuser%2Fget_info&appid%3D123456%26format%3Djson%26openid%3D11111111111111111%26openkey%3D2222222222222222%26pf%3Dqzone%26userip%3D112.90.139.30",
                "FdJkiDYwMj5Aj1UG2RUPc83iokk=",
            )],
        ),
        example(
            "other_ip",
            "/v3/user/get_info",
            &key,
            &request("10.0.0.1"),
            &[(
                "sig",
                "GET&%2Fv3%2Fuser%2Fget_info&appid%3D123456%26format%3Djson%26openid%3D11111111111111111%26openkey%3D2222222222222222%26pf%3Dqzone%26userip%3D10.0.0.1",
                "o/nGo1QkVEiiN6Bqn/fRJtEJwLc=",
            )],
        ),
    ];
    p.endpoints = vec![e];
    p
}

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
    pay.sdk_function = Some("wancmssdk.pay".into());
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
    pay.results = vec![
        ResultCode {
            code: 1,
            name: "success".into(),
            doc: Some("Paid.".into()),
        },
        ResultCode {
            code: 2,
            name: "cancelled".into(),
            doc: None,
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
    notify.reply = Some(Reply {
        content_type: "text/plain".into(),
        success: "success".into(),
        failure: "fail".into(),
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
    let mut names = vec![
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
    gift.timestamp_field = Some("timeStamp".into());
    gift.reply = Some(Reply {
        content_type: "application/json".into(),
        success: r#"{"code":1,"msg":"success"}"#.into(),
        failure: r#"{"code":-1,"msg":"{message}"}"#.into(),
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
    p
}
