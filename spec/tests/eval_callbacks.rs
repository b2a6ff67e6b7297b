//! Reproduces the wancms and llewan vectors with hand-built recipes, checks callback
//! verification and the optional/empty rules.

mod recipes;

use gamechannel_spec::eval::{
    Computed, EvalError, Inputs, Verdict, render, sign_recipe, verify_callback,
};
use recipes::*;

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
            filters: vec![Transform::Md5, Transform::Percent],
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
        filters: vec![Transform::Percent],
    }]);
    assert_eq!(render(&v, &inputs, &earlier).unwrap(), "v%2B");
}

/// Repeated received names follow the rule every reader shares: a name the endpoint reads
/// (a field or a signature) received twice is refused whatever the signature says; later
/// copies of a name it does not read are dropped.
#[test]
fn repeats_of_read_names_are_refused_and_others_dropped() {
    let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../specs/llewan.yaml");
    let platform = gamechannel_spec::load::load_file(std::path::Path::new(spec)).expect("llewan");
    let endpoint = platform.endpoint("gift_code").expect("gift_code");
    let credentials = pairs(&[("secret", "abc")]);
    let fields = pairs(&[
        ("game", "demo"),
        ("uid", "12_11_1"),
        ("roleId", "7"),
        ("serverId", "1"),
        ("awardCode", "GIFT"),
        ("timeStamp", "1763769600"),
    ]);
    let inputs = Inputs {
        fields: &fields,
        credentials: &credentials,
        path: "",
        body: "",
    };
    let sign = gamechannel_spec::eval::sign_endpoint(endpoint, &inputs).expect("signs")[0]
        .value
        .clone();
    let mut received = fields.clone();
    received.push(("sign".to_owned(), sign));
    let verdict = |received: &[(String, String)]| {
        verify_callback(endpoint, received, &credentials).expect("verifies")
    };
    assert_eq!(verdict(&received), Verdict::Genuine);

    let mut unread = received.clone();
    unread.push(("utm".to_owned(), "a".to_owned()));
    unread.push(("utm".to_owned(), "b".to_owned()));
    assert_eq!(verdict(&unread), Verdict::Genuine);

    let mut read = received.clone();
    read.push(("awardCode".to_owned(), "OTHER".to_owned()));
    assert_eq!(
        verdict(&read),
        Verdict::Duplicate {
            name: "awardCode".to_owned()
        }
    );
}
