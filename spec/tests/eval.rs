//! Reproduces the vectors of the pinned signing vectors (`vectors.jsonl`) with hand-built recipes, and checks callback
//! verification.

use gamechannel_spec::eval::{
    Computed, EvalError, Inputs, Verdict, render, sign_endpoint, sign_recipe, verify_callback,
};
use gamechannel_spec::model::{
    Algorithm, Encoding, Endpoint, EndpointKind, Filter, Location, Method, Output, Param,
    ParamList, ParamValue, Part, SignatureRecipe, Source, Template, ValueEncoding,
};

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect()
}

fn lit(text: &str) -> Part {
    Part::Literal(text.to_owned())
}

fn val(source: Source) -> Part {
    Part::Value {
        source,
        filters: vec![],
    }
}

fn cred(name: &str) -> Source {
    Source::Credential(name.to_owned())
}

fn tpl(parts: Vec<Part>) -> Template {
    Template { parts }
}

/// A parameter: `?name` is an optional field, `name` a required one.
fn field(name: &str) -> Param {
    let (name, optional) = match name.strip_prefix('?') {
        Some(n) => (n, true),
        None => (name, false),
    };
    Param {
        name: name.to_owned(),
        value: ParamValue::Source(Source::Field(name.to_owned())),
        optional,
    }
}

fn fields(names: &[&str]) -> Vec<Param> {
    names.iter().map(|n| field(n)).collect()
}

fn pseudo(name: &str, value: Template) -> Param {
    Param {
        name: name.to_owned(),
        value: ParamValue::Template(value),
        optional: false,
    }
}

fn list(items: Vec<Param>) -> ParamList {
    ParamList {
        items,
        pair: "=".to_owned(),
        join: "&".to_owned(),
        encode: ValueEncoding::Raw,
        skip_empty: false,
    }
}

fn params(items: Vec<Param>) -> Part {
    Part::Params {
        list: list(items),
        filters: vec![],
    }
}

fn recipe(
    name: &str,
    algorithm: Algorithm,
    output: Output,
    key: Option<Template>,
    message: Vec<Part>,
) -> SignatureRecipe {
    SignatureRecipe {
        name: name.to_owned(),
        wire: name.to_owned(),
        travels_in: Location::Query,
        algorithm,
        output,
        key,
        message: tpl(message),
        requires: vec![],
        case_insensitive: false,
        doc: None,
    }
}

fn endpoint(kind: EndpointKind, signatures: Vec<SignatureRecipe>) -> Endpoint {
    Endpoint {
        name: "test".to_owned(),
        kind,
        title: None,
        doc: None,
        method: Some(Method::Post),
        paths: vec![],
        encoding: Encoding::Json,
        sends: vec![],
        request: vec![],
        response: vec![],
        errors: vec![],
        idempotency_key: None,
        read_only: false,
        omit_empty: true,
        signatures,
        reply: None,
        timestamp_field: None,
        dedup_key: Vec::new(),
        sdk_function: None,
        results: vec![],
        sdk_callback: false,
        notify: None,
        cloud_call: None,
        examples: vec![],
    }
}

/// Midas v1: `sig`, then `mp_sig` over the same fields plus `access_token` and `sig`.
fn midas(own: &[&str]) -> Endpoint {
    let mut names: Vec<&str> = [
        "openid", "appid", "offer_id", "ts", "zone_id", "pf", "?user_ip",
    ]
    .to_vec();
    names.extend_from_slice(own);
    names.sort_by_key(|n| n.trim_start_matches('?'));
    let sig_params = fields(&names);
    let mut mp_params = sig_params.clone();
    mp_params.push(Param {
        name: "access_token".to_owned(),
        value: ParamValue::Source(cred("access_token")),
        optional: false,
    });
    mp_params.push(Param {
        name: "sig".to_owned(),
        value: ParamValue::Source(Source::Signature("sig".to_owned())),
        optional: false,
    });
    mp_params.sort_by(|a, b| a.name.cmp(&b.name));
    let tail = |secret: &str| {
        vec![
            lit("&org_loc="),
            val(Source::Path),
            lit(&format!("&method=POST&{secret}=")),
            val(cred(if secret == "secret" {
                "app_key"
            } else {
                secret
            })),
        ]
    };
    let mut sig_msg = vec![params(sig_params)];
    sig_msg.extend(tail("secret"));
    let mut mp_msg = vec![params(mp_params)];
    mp_msg.extend(tail("session_key"));
    let sig = recipe(
        "sig",
        Algorithm::HmacSha256,
        Output::Hex,
        Some(tpl(vec![val(cred("app_key"))])),
        sig_msg,
    );
    let mut mp_sig = recipe(
        "mp_sig",
        Algorithm::HmacSha256,
        Output::Hex,
        Some(tpl(vec![val(cred("session_key"))])),
        mp_msg,
    );
    mp_sig.requires = vec!["session_key".to_owned()];
    endpoint(EndpointKind::Call, vec![sig, mp_sig])
}

const MIDAS_DOC_FIELDS: &[(&str, &str)] = &[
    ("openid", "odkx20ENSNa2w5y3g_qOkOvBNM1g"),
    ("appid", "wx1234567"),
    ("offer_id", "12345678"),
    ("ts", "1507530737"),
    ("zone_id", "1"),
    ("pf", "android"),
];

#[test]
fn eval_midas_official_sig_and_mp_sig() {
    let ep = midas(&[]);
    let f = pairs(MIDAS_DOC_FIELDS);
    let c = pairs(&[
        ("app_key", "zNLgAGgqsEWJOg1nFVaO5r7fAlIQxr1u"),
        ("access_token", "ACCESSTOKEN"),
        ("session_key", "V7Q38/i2KXaqrQyl2Yx9Hg=="),
    ]);
    let inputs = Inputs {
        fields: &f,
        credentials: &c,
        path: "/cgi-bin/midas/getbalance",
        body: "",
    };
    let out = sign_endpoint(&ep, &inputs).unwrap();
    assert_eq!(out.len(), 2);
    assert_eq!(out[0].signature, "sig");
    assert_eq!(
        out[0].string_to_sign,
        "appid=wx1234567&offer_id=12345678&openid=odkx20ENSNa2w5y3g_qOkOvBNM1g&pf=android&ts=1507530737&zone_id=1&org_loc=/cgi-bin/midas/getbalance&method=POST&secret=zNLgAGgqsEWJOg1nFVaO5r7fAlIQxr1u"
    );
    assert_eq!(
        out[0].value,
        "1ad64e8dcb2ec1dc486b7fdf01f4a15159fc623dc3422470e51cf6870734726b"
    );
    assert_eq!(out[1].signature, "mp_sig");
    assert_eq!(
        out[1].string_to_sign,
        "access_token=ACCESSTOKEN&appid=wx1234567&offer_id=12345678&openid=odkx20ENSNa2w5y3g_qOkOvBNM1g&pf=android&sig=1ad64e8dcb2ec1dc486b7fdf01f4a15159fc623dc3422470e51cf6870734726b&ts=1507530737&zone_id=1&org_loc=/cgi-bin/midas/getbalance&method=POST&session_key=V7Q38/i2KXaqrQyl2Yx9Hg=="
    );
    assert_eq!(
        out[1].value,
        "ff4c5bb39dea1002a8f03be0438724e1a8bcea5ebce8f221f9b9fea3bcf3bf76"
    );
}

#[test]
fn eval_midas_mp_sig_skipped_without_session_key() {
    let ep = midas(&[]);
    let f = pairs(MIDAS_DOC_FIELDS);
    let c = pairs(&[
        ("app_key", "zNLgAGgqsEWJOg1nFVaO5r7fAlIQxr1u"),
        ("access_token", "ACCESSTOKEN"),
    ]);
    let inputs = Inputs {
        fields: &f,
        credentials: &c,
        path: "/cgi-bin/midas/getbalance",
        body: "",
    };
    let out = sign_endpoint(&ep, &inputs).unwrap();
    assert_eq!(out.len(), 1);
    assert_eq!(
        out[0].value,
        "1ad64e8dcb2ec1dc486b7fdf01f4a15159fc623dc3422470e51cf6870734726b"
    );
    // Asked for directly, mp_sig without an earlier sig cannot be computed.
    let c = pairs(&[("access_token", "T"), ("session_key", "k")]);
    let inputs = Inputs {
        fields: &f,
        credentials: &c,
        path: "/p",
        body: "",
    };
    let err = sign_recipe(&ep.signatures[1], &inputs, &[]).unwrap_err();
    assert_eq!(err, EvalError::MissingSignature("sig".to_owned()));
}

#[test]
fn eval_midas_sandbox_with_optional_user_ip_and_present() {
    let ep = midas(&[]);
    let f = pairs(&[
        ("openid", "oUser_Test-01"),
        ("appid", "wxa1b2c3d4e5f6"),
        ("offer_id", "1450000001"),
        ("ts", "1763769600"),
        ("zone_id", "1"),
        ("pf", "android"),
        ("user_ip", "203.0.113.7"),
    ]);
    let c = pairs(&[
        ("app_key", "SandboxAppKey0123456789abcdefABCD"),
        ("access_token", "TOKEN_abc123"),
        ("session_key", "k2Jm4Pq8Rt0Vx3Zb5Dd7Ff=="),
    ]);
    let inputs = Inputs {
        fields: &f,
        credentials: &c,
        path: "/cgi-bin/midas/sandbox/getbalance",
        body: "",
    };
    let out = sign_endpoint(&ep, &inputs).unwrap();
    assert_eq!(
        out[0].value,
        "926b5d34f5df337d159b8a41fa7f73a042d0e04bfdf4be55944c1dfdb9070718"
    );
    assert_eq!(
        out[1].string_to_sign,
        "access_token=TOKEN_abc123&appid=wxa1b2c3d4e5f6&offer_id=1450000001&openid=oUser_Test-01&pf=android&sig=926b5d34f5df337d159b8a41fa7f73a042d0e04bfdf4be55944c1dfdb9070718&ts=1763769600&user_ip=203.0.113.7&zone_id=1&org_loc=/cgi-bin/midas/sandbox/getbalance&method=POST&session_key=k2Jm4Pq8Rt0Vx3Zb5Dd7Ff=="
    );
    assert_eq!(
        out[1].value,
        "4fba6c6935f50c5b71d8068518a85a8e3aae397f4cf4f08b6013978b10246ae6"
    );

    let ep = midas(&["bill_no", "present_counts"]);
    let f = pairs(&[
        ("openid", "oUser_Test-01"),
        ("appid", "wxa1b2c3d4e5f6"),
        ("offer_id", "1450000001"),
        ("ts", "1763769601"),
        ("zone_id", "2_role77"),
        ("pf", "android"),
        ("bill_no", "gift-2026-11-21_0001"),
        ("present_counts", "60"),
    ]);
    let c = pairs(&[("app_key", "ProdAppKeyZYXWVUTSRQPONMLKJIHGFEDC")]);
    let inputs = Inputs {
        fields: &f,
        credentials: &c,
        path: "/cgi-bin/midas/present",
        body: "",
    };
    let out = sign_endpoint(&ep, &inputs).unwrap();
    assert_eq!(out.len(), 1);
    assert_eq!(
        out[0].value,
        "b7f46180d62857ec3f5523c8d34104660ccfa676e8591139630874c8c90a2b94"
    );

    // A required field that is absent is an error naming it.
    let f = pairs(&[
        ("openid", "o"),
        ("appid", "a"),
        ("offer_id", "1"),
        ("ts", "1"),
        ("zone_id", "1"),
        ("pf", "android"),
        ("present_counts", "60"),
    ]);
    let inputs = Inputs {
        fields: &f,
        credentials: &c,
        path: "/p",
        body: "",
    };
    let err = sign_endpoint(&ep, &inputs).unwrap_err();
    assert_eq!(err, EvalError::MissingField("bill_no".to_owned()));
    assert_eq!(err.to_string(), "required field `bill_no` has no value");
    let err = sign_endpoint(
        &ep,
        &Inputs {
            credentials: &[],
            ..inputs
        },
    )
    .unwrap_err();
    // The key is rendered first.
    assert_eq!(err, EvalError::MissingCredential("app_key".to_owned()));
    assert_eq!(err.to_string(), "credential `app_key` was not given");
}

/// Tencent OpenAPI v3: base64 HMAC-SHA1, key `<appkey>&`, percent filters.
fn qq(names: &[&str]) -> SignatureRecipe {
    let message = vec![
        lit("GET&"),
        Part::Value {
            source: Source::Path,
            filters: vec![Filter::Percent],
        },
        lit("&"),
        Part::Params {
            list: list(fields(names)),
            filters: vec![Filter::Percent],
        },
    ];
    recipe(
        "sig",
        Algorithm::HmacSha1,
        Output::Base64,
        Some(tpl(vec![val(cred("app_key")), lit("&")])),
        message,
    )
}

#[test]
fn eval_qq_official_get_info() {
    let r = qq(&["appid", "?format", "openid", "openkey", "pf", "?userip"]);
    let c = pairs(&[("app_key", "228bf094169a40a3bd188ba37ebe8723")]);
    for (ip, expected) in [
        ("112.90.139.30", "FdJkiDYwMj5Aj1UG2RUPc83iokk="),
        ("10.0.0.1", "o/nGo1QkVEiiN6Bqn/fRJtEJwLc="),
    ] {
        let f = pairs(&[
            ("openid", "11111111111111111"),
            ("openkey", "2222222222222222"),
            ("appid", "123456"),
            ("pf", "qzone"),
            ("format", "json"),
            ("userip", ip),
        ]);
        let inputs = Inputs {
            fields: &f,
            credentials: &c,
            path: "/v3/user/get_info",
            body: "",
        };
        let out = sign_recipe(&r, &inputs, &[]).unwrap();
        assert_eq!(
            out.string_to_sign,
            format!(
                "GET&%2Fv3%2Fuser%2Fget_info&appid%3D123456%26format%3Djson%26openid%3D11111111111111111%26openkey%3D2222222222222222%26pf%3Dqzone%26userip%3D{ip}"
            )
        );
        assert_eq!(out.value, expected);
    }
}

#[test]
fn eval_qq_get_dawanka_info() {
    let r = qq(&[
        "appid", "?format", "openid", "openkey", "pf", "?userip", "version",
    ]);
    let f = pairs(&[
        ("appid", "1110000001"),
        ("openid", "0123456789ABCDEF0123456789ABCDEF"),
        ("openkey", "FEDCBA9876543210FEDCBA9876543210"),
        ("pf", "qqgame"),
        ("version", "2"),
    ]);
    let c = pairs(&[("app_key", "AppKeyForQQGame_42")]);
    let inputs = Inputs {
        fields: &f,
        credentials: &c,
        path: "/v3/user/get_dawanka_info",
        body: "",
    };
    let out = sign_recipe(&r, &inputs, &[]).unwrap();
    assert_eq!(
        out.string_to_sign,
        "GET&%2Fv3%2Fuser%2Fget_dawanka_info&appid%3D1110000001%26openid%3D0123456789ABCDEF0123456789ABCDEF%26openkey%3DFEDCBA9876543210FEDCBA9876543210%26pf%3Dqqgame%26version%3D2"
    );
    assert_eq!(out.value, "1V8ZdQxMBx+uxfs+UVeKPpqhhAg=");
    let missing = sign_recipe(
        &r,
        &Inputs {
            credentials: &[],
            ..inputs
        },
        &[],
    )
    .unwrap_err();
    assert_eq!(missing, EvalError::MissingCredential("app_key".to_owned()));
}

/// wancms: MD5 over sorted fields with `secret_key=<credential>` sorted in.
fn wancms(names: &[&str]) -> SignatureRecipe {
    let mut items = fields(names);
    items.push(pseudo("secret_key", tpl(vec![val(cred("pay_key"))])));
    items.sort_by(|a, b| a.name.cmp(&b.name));
    recipe(
        "sign",
        Algorithm::Md5,
        Output::Hex,
        None,
        vec![params(items)],
    )
}

#[test]
fn eval_wancms_pay_and_login() {
    let r = wancms(&["bill_no", "ext", "goods_name", "open_id", "total_fee"]);
    let f = pairs(&[
        ("app_id", "game_1001"),
        ("bill_no", "B20261121001"),
        ("ext", "role=77;srv=3"),
        ("goods_name", "60元宝"),
        ("open_id", "wc_open_9f8e7d"),
        ("total_fee", "60"),
    ]);
    let c = pairs(&[("pay_key", "wancms-pay-key-test")]);
    let inputs = Inputs {
        fields: &f,
        credentials: &c,
        path: "",
        body: "",
    };
    let out = sign_recipe(&r, &inputs, &[]).unwrap();
    assert_eq!(
        out.string_to_sign,
        "bill_no=B20261121001&ext=role=77;srv=3&goods_name=60元宝&open_id=wc_open_9f8e7d&secret_key=wancms-pay-key-test&total_fee=60"
    );
    assert_eq!(out.value, "f825440cf9b69312ac2dc1bb048ec017");

    // Login: declared order, not sorted.
    let items = vec![
        field("open_id"),
        pseudo("key", tpl(vec![val(cred("login_key"))])),
    ];
    let r = recipe(
        "sign",
        Algorithm::Md5,
        Output::Hex,
        None,
        vec![params(items)],
    );
    let f = pairs(&[("open_id", "wc_open_9f8e7d")]);
    let c = pairs(&[("login_key", "wancms-login-key-test")]);
    let inputs = Inputs {
        fields: &f,
        credentials: &c,
        path: "",
        body: "",
    };
    let out = sign_recipe(&r, &inputs, &[]).unwrap();
    assert_eq!(
        out.string_to_sign,
        "open_id=wc_open_9f8e7d&key=wancms-login-key-test"
    );
    assert_eq!(out.value, "0a95aa38d79fa7b5f4f9ff7af88d9bc2");
}

fn notify(case_insensitive: bool) -> Endpoint {
    let mut r = wancms(&["app_id", "bill_no", "ext", "open_id", "price", "status"]);
    r.case_insensitive = case_insensitive;
    endpoint(EndpointKind::Callback, vec![r])
}

const NOTIFY: &[(&str, &str)] = &[
    ("app_id", "game_1001"),
    ("open_id", "wc_open_9f8e7d"),
    ("bill_no", "B20261121001"),
    ("orderid", "WC202611210000123"),
    ("ext", "role=77;srv=3"),
    ("price", "6.00"),
    ("status", "success"),
    ("sign", "48c46a50d1eec1fae2590f0d288591f1"),
];

fn with(base: &[(&str, &str)], name: &str, value: Option<&str>) -> Vec<(String, String)> {
    let mut out = pairs(base);
    out.retain(|(n, _)| n != name);
    if let Some(v) = value {
        out.push((name.to_owned(), v.to_owned()));
    }
    out
}

#[test]
fn eval_wancms_notify_verification() {
    let c = pairs(&[("pay_key", "wancms-pay-key-test")]);
    let ep = notify(false);
    assert_eq!(
        verify_callback(&ep, &pairs(NOTIFY), &c).unwrap(),
        Verdict::Genuine
    );

    let changed = with(NOTIFY, "price", Some("6"));
    let Verdict::Mismatch {
        signature,
        received,
        string_to_sign,
        ..
    } = verify_callback(&ep, &changed, &c).unwrap()
    else {
        panic!("a changed price must not verify");
    };
    assert_eq!(signature, "sign");
    assert_eq!(received, "48c46a50d1eec1fae2590f0d288591f1");
    assert!(string_to_sign.contains("&price=6&"));

    let unsigned = with(NOTIFY, "sign", None);
    assert_eq!(
        verify_callback(&ep, &unsigned, &c).unwrap(),
        Verdict::Missing {
            signature: "sign".to_owned()
        }
    );

    let upper = with(NOTIFY, "sign", Some("48C46A50D1EEC1FAE2590F0D288591F1"));
    assert!(matches!(
        verify_callback(&ep, &upper, &c).unwrap(),
        Verdict::Mismatch { .. }
    ));
    assert_eq!(
        verify_callback(&notify(true), &upper, &c).unwrap(),
        Verdict::Genuine
    );

    let err = verify_callback(&ep, &pairs(NOTIFY), &[]).unwrap_err();
    assert_eq!(err, EvalError::MissingCredential("pay_key".to_owned()));
}

#[test]
fn eval_llewan_params_then_secret() {
    let msg = vec![
        params(fields(&["game", "timestamp", "uid"])),
        val(cred("secret")),
    ];
    let r = recipe("sign", Algorithm::Md5, Output::Hex, None, msg);
    let f = pairs(&[
        ("game", "demo-weixin"),
        ("uid", "12_11_1"),
        ("timestamp", "1763769600"),
    ]);
    let c = pairs(&[("secret", "abc")]);
    let out = sign_recipe(
        &r,
        &Inputs {
            fields: &f,
            credentials: &c,
            path: "",
            body: "",
        },
        &[],
    )
    .unwrap();
    assert_eq!(
        out.string_to_sign,
        "game=demo-weixin&timestamp=1763769600&uid=12_11_1abc"
    );
    assert_eq!(out.value, "8715f5029a00430f2f9b420fa789630f");
}

#[test]
fn eval_optional_absent_and_skip_empty() {
    let mut l = list(fields(&["a", "?b", "?c", "d"]));
    let f = pairs(&[("a", ""), ("c", ""), ("d", "x y")]);
    let inputs = Inputs {
        fields: &f,
        credentials: &[],
        path: "",
        body: "",
    };
    let t = |l: &ParamList| {
        tpl(vec![Part::Params {
            list: l.clone(),
            filters: vec![],
        }])
    };
    // Absent optional `b` is skipped; present-but-empty optional `c` is kept unless skip_empty.
    assert_eq!(render(&t(&l), &inputs, &[]).unwrap(), "a=&c=&d=x y");
    l.skip_empty = true;
    assert_eq!(render(&t(&l), &inputs, &[]).unwrap(), "a=&d=x y");
    l.encode = ValueEncoding::Percent;
    l.pair = ":".to_owned();
    l.join = "\n".to_owned();
    assert_eq!(render(&t(&l), &inputs, &[]).unwrap(), "a:\nd:x%20y");
    // An absent field in a plain `{field}` renders empty; filters chain left to right.
    let v = tpl(vec![
        val(Source::Field("zz".to_owned())),
        lit("|"),
        Part::Value {
            source: Source::Body,
            filters: vec![Filter::Md5, Filter::Percent],
        },
    ]);
    assert_eq!(
        render(&v, &inputs, &[]).unwrap(),
        "|d41d8cd98f00b204e9800998ecf8427e"
    );
    // Earlier signatures are found by recipe name.
    let earlier = [Computed {
        signature: "s".to_owned(),
        wire: "w".to_owned(),
        string_to_sign: String::new(),
        value: "v+".to_owned(),
    }];
    let v = tpl(vec![Part::Value {
        source: Source::Signature("s".to_owned()),
        filters: vec![Filter::Percent],
    }]);
    assert_eq!(render(&v, &inputs, &earlier).unwrap(), "v%2B");
}
