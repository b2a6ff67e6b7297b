//! Hand-built `call` platforms shaped like the seed specs (Midas, QQ), with their vectors.

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
    call_of(&mut get).read_only = true;
    get.sends = vec!["access_token".into()];
    call_of(&mut get).paths = vec![
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
    call_of(&mut present).paths = vec![
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
    call_of(&mut present).idempotency_key = Some("bill_no".into());
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
    p.merge_errors();
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
    call_of(&mut e).read_only = true;
    e.omit_empty = false;
    call_of(&mut e).paths = vec![
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
            val(Source::Path, vec![Transform::Percent]),
            lit("&"),
            params(items, false, vec![Transform::Percent]),
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
    p.merge_errors();
    p
}
