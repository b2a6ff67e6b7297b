//! A hand-built platform with one endpoint of each kind, for the docs emitter tests.

pub use gamechannel_codegen::model::*;
use gamechannel_codegen::plan::lower_recipe;

/// A hand-built recipe with its plan lowered from its templates.
pub fn planned(mut recipe: SignatureRecipe) -> SignatureRecipe {
    recipe.plan = lower_recipe(recipe.key.as_ref(), &recipe.message, &|_| false);
    recipe
}

pub fn field(wire: &str, ty: FieldType, required: bool) -> Field {
    Field {
        wire: wire.to_owned(),
        rust: wire.to_owned(),
        ty,
        required,
        allow_empty: false,
        doc: None,
        constraints: Constraints::default(),
        secret: false,
        signed: true,
        fields: Vec::new(),
        cloud_name: None,
        encoded_twice: false,
        json_string: false,
        in_query: false,
        json: false,
    }
}

pub fn error(code: i64, name: &str, retry: bool, doc: Option<&str>) -> ErrorCode {
    ErrorCode {
        code,
        name: name.to_owned(),
        doc: doc.map(str::to_owned),
        retry,
        when: Vec::new(),
        field: None,
        signature: None,
    }
}

pub fn lit(text: &str) -> Part {
    Part::Literal(text.to_owned())
}

pub fn value(source: Source, filters: Vec<Transform>) -> Part {
    Part::Value { source, filters }
}

pub fn param(name: &str, optional: bool) -> Param {
    Param {
        name: name.to_owned(),
        value: ParamValue::Source(Source::Field(name.to_owned())),
        optional,
    }
}

pub fn credential(name: &str, secret: bool, travels_in: Option<Location>) -> Credential {
    Credential {
        name: name.to_owned(),
        secret,
        per_user: false,
        optional: false,
        travels_in,
        issued_by: None,
        doc: None,
    }
}

pub fn endpoint(name: &str, kind: EndpointKind) -> Endpoint {
    let shape = match kind {
        EndpointKind::Call => Shape::Call(Call::default()),
        EndpointKind::Callback => Shape::Callback(Callback::default()),
        EndpointKind::Frontend => Shape::Frontend(Frontend::default()),
    };
    Endpoint {
        name: name.to_owned(),
        shape,
        title: None,
        doc: None,
        encoding: Encoding::Json,
        sends: Vec::new(),
        request: Vec::new(),
        response: Vec::new(),
        errors: Vec::new(),
        omit_empty: true,
        signatures: Vec::new(),
        examples: Vec::new(),
    }
}

/// What only a call has, of an endpoint the test knows is one.
pub fn call_of(endpoint: &mut Endpoint) -> &mut Call {
    match &mut endpoint.shape {
        Shape::Call(call) => call,
        _ => panic!("`{}` is not a call", endpoint.name),
    }
}

pub fn present() -> Endpoint {
    let mut bill_no = field("bill_no", FieldType::String, true);
    bill_no.constraints.max_len = Some(63);
    bill_no.constraints.pattern = Some("^[0-9A-Za-z_-]+$".to_owned());
    bill_no.doc = Some("Order number | unique per app\n(商户订单号)".to_owned());
    let mut counts = field("present_counts", FieldType::Int, true);
    counts.constraints.non_zero = true;
    let mut kind = field("kind", FieldType::String, false);
    kind.constraints.values = vec![
        ("success".to_owned(), String::new()),
        ("fail".to_owned(), "refused".to_owned()),
    ];
    let mut d = field("d", FieldType::Object, false);
    d.fields = vec![field("openid", FieldType::String, true)];

    let sig = planned(SignatureRecipe {
        name: "sig".to_owned(),
        wire: "sig".to_owned(),
        travels_in: Location::Body,
        algorithm: Algorithm::HmacSha256,
        output: Output::Hex,
        key: Some(Template {
            parts: vec![value(Source::Credential("app_key".to_owned()), vec![])],
        }),
        message: Template {
            parts: vec![
                Part::Params {
                    list: ParamList {
                        items: vec![
                            param("appid", false),
                            param("bill_no", false),
                            param("kind", true),
                            Param {
                                name: "secret_key".to_owned(),
                                value: ParamValue::Template(Template {
                                    parts: vec![value(
                                        Source::Credential("app_key".to_owned()),
                                        vec![Transform::Md5],
                                    )],
                                }),
                                optional: false,
                            },
                        ],
                        pair: "=".to_owned(),
                        join: "&".to_owned(),
                        encode: ValueEncoding::Raw,
                        skip_empty: true,
                        by_value: false,
                        values_only: false,
                    },
                    filters: vec![],
                },
                lit("&org_loc="),
                value(Source::Path, vec![]),
                lit("&method=POST&secret="),
                value(Source::Credential("app_key".to_owned()), vec![]),
            ],
        },
        requires: Vec::new(),
        case_insensitive: false,
        algorithm_by: None,
        encoded_twice: false,
        doc: None,
        plan: Default::default(),
    });
    let mp_sig = planned(SignatureRecipe {
        name: "mp_sig".to_owned(),
        wire: "mp_sig".to_owned(),
        travels_in: Location::Query,
        algorithm: Algorithm::HmacSha256,
        output: Output::Hex,
        key: Some(Template {
            parts: vec![value(Source::Credential("session_key".to_owned()), vec![])],
        }),
        message: Template {
            parts: vec![
                Part::Params {
                    list: ParamList {
                        items: vec![
                            Param {
                                name: "access_token".to_owned(),
                                value: ParamValue::Source(Source::Credential(
                                    "access_token".to_owned(),
                                )),
                                optional: false,
                            },
                            Param {
                                name: "sig".to_owned(),
                                value: ParamValue::Source(Source::Signature("sig".to_owned())),
                                optional: false,
                            },
                        ],
                        pair: "=".to_owned(),
                        join: "&".to_owned(),
                        encode: ValueEncoding::Percent,
                        skip_empty: false,
                        by_value: false,
                        values_only: false,
                    },
                    filters: vec![Transform::Percent],
                },
                lit("&session_key="),
                value(Source::Credential("session_key".to_owned()), vec![]),
            ],
        },
        requires: vec!["session_key".to_owned()],
        case_insensitive: false,
        algorithm_by: None,
        encoded_twice: false,
        doc: Some("Needs the user's session.".to_owned()),
        plan: Default::default(),
    });

    Endpoint {
        title: Some("midas.present".to_owned()),
        doc: Some("Gives the user free game currency.".to_owned()),
        shape: Shape::Call(Call {
            method: Method::Post,
            paths: vec![
                EnvironmentPath {
                    environment: "production".to_owned(),
                    path: "/cgi-bin/midas/present".to_owned(),
                },
                EnvironmentPath {
                    environment: "sandbox".to_owned(),
                    path: "/cgi-bin/midas/sandbox/present".to_owned(),
                },
            ],
            idempotency_key: Some("bill_no".to_owned()),
            ..Call::default()
        }),
        sends: vec!["access_token".to_owned()],
        request: vec![
            Field {
                secret: true,
                ..field("appid", FieldType::String, true)
            },
            bill_no,
            counts,
            kind,
        ],
        response: vec![field("balance", FieldType::Int, true), d],
        errors: vec![error(90012, "order_exists", false, None)],
        signatures: vec![sig, mp_sig],
        examples: vec![Example {
            name: "doc_vector".to_owned(),
            source: Some("official docs".to_owned()),
            environment: "sandbox".to_owned(),
            path: "/cgi-bin/midas/sandbox/present".to_owned(),
            credentials: vec![("app_key".to_owned(), "zNLgAGgqsEWJOg1nFVaO5r7fAlIQxr1u".to_owned())],
            request: vec![
                ("appid".to_owned(), "wx1234567".to_owned()),
                ("bill_no".to_owned(), "a|b".to_owned()),
            ],
            body: None,
            expect: vec![ExpectedSignature {
                signature: "sig".to_owned(),
                string_to_sign: "appid=wx1234567&bill_no=a|b&org_loc=/cgi-bin/midas/sandbox/present&method=POST&secret=zNLgAGgqsEWJOg1nFVaO5r7fAlIQxr1u".to_owned(),
                value: "1ad64e8c6a4bb2ae1d8b1a4b1e7c1e8f".to_owned(),
            }],
        }],
        ..endpoint("present", EndpointKind::Call)
    }
}

pub fn pay_notify() -> Endpoint {
    let sign = planned(SignatureRecipe {
        name: "sign".to_owned(),
        wire: "sign".to_owned(),
        travels_in: Location::Body,
        algorithm: Algorithm::Md5,
        output: Output::Hex,
        key: None,
        message: Template {
            parts: vec![
                Part::Params {
                    list: ParamList {
                        items: vec![param("amount", false), param("orderid", false)],
                        pair: "=".to_owned(),
                        join: String::new(),
                        encode: ValueEncoding::Raw,
                        skip_empty: true,
                        by_value: false,
                        values_only: false,
                    },
                    filters: vec![],
                },
                value(Source::Credential("pay_key".to_owned()), vec![]),
            ],
        },
        requires: Vec::new(),
        case_insensitive: true,
        algorithm_by: None,
        encoded_twice: false,
        doc: None,
        plan: Default::default(),
    });
    Endpoint {
        title: Some("支付回调".to_owned()),
        encoding: Encoding::Form,
        request: vec![
            field("amount", FieldType::Decimal, true),
            field("orderid", FieldType::String, true),
            field("time", FieldType::Int, true),
        ],
        signatures: vec![sign],
        shape: Shape::Callback(Callback {
            method: Method::Post,
            reply: Some(Reply {
                content_type: "text/plain".to_owned(),
                success: "success".to_owned(),
                failure: "fail: {message}".to_owned(),
                failure_status: 200,
                echo: None,
                xml: None,
                doc: Some("Assumed: the docs only show `success`.".to_owned()),
            }),
            dedup_key: Vec::new(),
            timestamp: Some(Timestamp {
                field: "time".to_owned(),
                max_age: None,
            }),
            decrypt: None,
        }),
        ..endpoint("pay_notify", EndpointKind::Callback)
    }
}

pub fn pay() -> Endpoint {
    Endpoint {
        shape: Shape::Frontend(Frontend {
            sdk_function: Some("wancmssdk.pay".to_owned()),
            results: vec![
                ResultCode {
                    code: 0,
                    name: "ok".to_owned(),
                    doc: Some("paid".to_owned()),
                    ok: false,
                    when: Vec::new(),
                },
                ResultCode {
                    code: -2,
                    name: "cancelled".to_owned(),
                    doc: None,
                    ok: false,
                    when: Vec::new(),
                },
            ],
            ..Frontend::default()
        }),
        request: vec![field("amount", FieldType::Decimal, true)],
        ..endpoint("pay", EndpointKind::Frontend)
    }
}

pub fn platform() -> Platform {
    let mut platform = Platform {
        name: "sample".to_owned(),
        title: "Sample platform".to_owned(),
        doc: Some("A platform for tests.\n\nSecond paragraph.".to_owned()),
        docs_url: Some("https://example.com/docs".to_owned()),
        source: "specs/sample.yaml".to_owned(),
        environments: vec![
            Environment {
                name: "production".to_owned(),
                base_url: "https://api.example.com".to_owned(),
                doc: None,
            },
            Environment {
                name: "sandbox".to_owned(),
                base_url: "https://sandbox.example.com".to_owned(),
                doc: Some("test money".to_owned()),
            },
        ],
        credentials: vec![
            credential("app_key", true, None),
            credential("access_token", false, Some(Location::Query)),
            Credential {
                per_user: true,
                optional: true,
                ..credential("session_key", true, None)
            },
        ],
        envelope: Some(Envelope {
            code: "errcode".to_owned(),
            message: Some("errmsg".to_owned()),
            ok: 0,
            missing_is_ok: true,
        }),
        errors: vec![
            ErrorCode {
                when: vec![ErrorWhen::SystemBusy],
                ..error(-1, "system_busy", true, Some("系统繁忙"))
            },
            ErrorCode {
                when: vec![ErrorWhen::BadSignature],
                signature: Some("sig".to_owned()),
                ..error(90011, "bad_sig", false, None)
            },
        ],
        error_table: Vec::new(),
        endpoints: vec![present(), pay_notify(), pay()],
        sdk: None,
        cloud: None,
        recipe_examples: Vec::new(),
    };
    platform.merge_errors();
    platform
}
