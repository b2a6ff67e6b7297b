//! Markdown docs: the page shows what a developer needs, escapes what it must, and is
//! rendered deterministically in strict mode (a template typo fails here).

use gamechannel_codegen::emit_docs::{index_markdown, platform_markdown};
use gamechannel_codegen::model::*;

fn field(wire: &str, ty: FieldType, required: bool) -> Field {
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
    }
}

fn error(code: i64, name: &str, retry: bool, doc: Option<&str>) -> ErrorCode {
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

fn lit(text: &str) -> Part {
    Part::Literal(text.to_owned())
}

fn value(source: Source, filters: Vec<Filter>) -> Part {
    Part::Value { source, filters }
}

fn param(name: &str, optional: bool) -> Param {
    Param {
        name: name.to_owned(),
        value: ParamValue::Source(Source::Field(name.to_owned())),
        optional,
    }
}

fn credential(name: &str, secret: bool, travels_in: Option<Location>) -> Credential {
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

fn endpoint(name: &str, kind: EndpointKind) -> Endpoint {
    Endpoint {
        name: name.to_owned(),
        kind,
        title: None,
        doc: None,
        method: None,
        paths: Vec::new(),
        encoding: Encoding::Json,
        sends: Vec::new(),
        request: Vec::new(),
        response: Vec::new(),
        errors: Vec::new(),
        idempotency_key: None,
        read_only: false,
        omit_empty: true,
        signatures: Vec::new(),
        reply: None,
        timestamp_field: None,
        dedup_key: Vec::new(),
        sdk_function: None,
        results: Vec::new(),
        sdk_callback: false,
        notify: None,
        cloud_call: None,
        examples: Vec::new(),
    }
}

fn present() -> Endpoint {
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

    let sig = SignatureRecipe {
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
                                        vec![Filter::Md5],
                                    )],
                                }),
                                optional: false,
                            },
                        ],
                        pair: "=".to_owned(),
                        join: "&".to_owned(),
                        encode: ValueEncoding::Raw,
                        skip_empty: true,
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
        doc: None,
    };
    let mp_sig = SignatureRecipe {
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
                    },
                    filters: vec![Filter::Percent],
                },
                lit("&session_key="),
                value(Source::Credential("session_key".to_owned()), vec![]),
            ],
        },
        requires: vec!["session_key".to_owned()],
        case_insensitive: false,
        doc: Some("Needs the user's session.".to_owned()),
    };

    Endpoint {
        title: Some("midas.present".to_owned()),
        doc: Some("Gives the user free game currency.".to_owned()),
        method: Some(Method::Post),
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
        idempotency_key: Some("bill_no".to_owned()),
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
            expect: vec![ExpectedSignature {
                signature: "sig".to_owned(),
                string_to_sign: "appid=wx1234567&bill_no=a|b&org_loc=/cgi-bin/midas/sandbox/present&method=POST&secret=zNLgAGgqsEWJOg1nFVaO5r7fAlIQxr1u".to_owned(),
                value: "1ad64e8c6a4bb2ae1d8b1a4b1e7c1e8f".to_owned(),
            }],
        }],
        ..endpoint("present", EndpointKind::Call)
    }
}

fn pay_notify() -> Endpoint {
    let sign = SignatureRecipe {
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
                    },
                    filters: vec![],
                },
                value(Source::Credential("pay_key".to_owned()), vec![]),
            ],
        },
        requires: Vec::new(),
        case_insensitive: true,
        doc: None,
    };
    Endpoint {
        title: Some("支付回调".to_owned()),
        method: Some(Method::Post),
        encoding: Encoding::Form,
        request: vec![
            field("amount", FieldType::Decimal, true),
            field("orderid", FieldType::String, true),
            field("time", FieldType::Int, true),
        ],
        signatures: vec![sign],
        reply: Some(Reply {
            content_type: "text/plain".to_owned(),
            success: "success".to_owned(),
            failure: "fail: {message}".to_owned(),
            doc: Some("Assumed: the docs only show `success`.".to_owned()),
        }),
        timestamp_field: Some("time".to_owned()),
        dedup_key: Vec::new(),
        ..endpoint("pay_notify", EndpointKind::Callback)
    }
}

fn pay() -> Endpoint {
    Endpoint {
        sdk_function: Some("wancmssdk.pay".to_owned()),
        request: vec![field("amount", FieldType::Decimal, true)],
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
        ..endpoint("pay", EndpointKind::Frontend)
    }
}

fn platform() -> Platform {
    Platform {
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
        endpoints: vec![present(), pay_notify(), pay()],
        sdk: None,
        cloud: None,
    }
}

fn page() -> String {
    match platform_markdown(&platform()) {
        Ok(page) => page,
        Err(e) => panic!("render failed: {e:#}"),
    }
}

fn assert_lines(page: &str, wanted: &[&str]) {
    let lines: Vec<&str> = page.lines().collect();
    for line in wanted {
        assert!(lines.contains(line), "missing line {line:?} in:\n{page}");
    }
}

#[test]
fn platform_overview() {
    let page = page();
    assert!(page.starts_with(
        "<!-- generated by gamechannel-codegen from specs/sample.yaml; do not edit -->\n\n# Sample platform\n"
    ));
    assert!(
        page.ends_with("|\n") && !page.ends_with("\n\n"),
        "one trailing newline"
    );
    assert!(!page.contains("\n\n\n"), "no runs of blank lines:\n{page}");
    assert_lines(
        &page,
        &[
            "Platform documentation: <https://example.com/docs>",
            "A platform for tests.",
            "Second paragraph.",
            "| `production` (default) | `https://api.example.com` |  |",
            "| `sandbox` | `https://sandbox.example.com` | test money |",
            "| `app_key` | yes | no | no | not sent |  |",
            "| `access_token` | no | no | no | query string |  |",
            "| `session_key` | yes | yes | yes | not sent |  |",
            "Every response carries its result code in `errcode` and its message in `errmsg`; `0` means success. A response without `errcode` is a success too.",
            "| -1 | `system_busy` | yes | system_busy | 系统繁忙 |",
            "| 90011 | `bad_sig` | no | bad_signature (`sig`) |  |",
            "- [`present` (call)](#present-call): midas.present",
            "- [`pay_notify` (callback)](#pay_notify-callback): 支付回调",
            "- [`pay` (frontend)](#pay-frontend)",
        ],
    );
}

#[test]
fn call_endpoint() {
    let page = page();
    assert_lines(
        &page,
        &[
            "### `present` (call)",
            "Platform's name: midas.present",
            "Gives the user free game currency.",
            "| `production` | POST | `/cgi-bin/midas/present` | `https://api.example.com/cgi-bin/midas/present` |",
            "| `sandbox` | POST | `/cgi-bin/midas/sandbox/present` | `https://sandbox.example.com/cgi-bin/midas/sandbox/present` |",
            "Parameters travel in a JSON body.",
            "Credentials sent with every request: `access_token` in the query string.",
            "| `appid` | `appid` | string (secret) | yes |  | yes |  |",
            "Retry-safe: yes — idempotency key `bill_no`",
            "| `bill_no` | `bill_no` | string | yes | max 63 chars; pattern `^[0-9A-Za-z_-]+$` | yes | Order number \\| unique per app (商户订单号) |",
            "| `present_counts` | `present_counts` | int | yes | ≠ 0 | no |  |",
            "| `kind` | `kind` | string | no | one of `success`, `fail` (refused) | yes |  |",
            "| `d` | `d` | object | no |  |  |",
            "| `d.openid` | `d.openid` | string | yes |  |  |",
            "| 90012 | `order_exists` | no |  |  |",
        ],
    );
}

#[test]
fn signing_steps() {
    let page = page();
    assert_lines(
        &page,
        &[
            "##### `sig`",
            "1. Parameters, in this order: `appid`, `bill_no`, `kind` (optional), `secret_key` = `{app_key|md5}`; optional ones left out when absent or empty; joined as `name=value` with `&`, values raw",
            "2. String to sign: `{params}&org_loc={path}&method=POST&secret={app_key}`",
            "3. HMAC-SHA256 keyed with `{app_key}`, output lowercase hex",
            "4. Sent as `sig` in the body",
            "##### `mp_sig`",
            "1. Parameters, in this order: `access_token` (credential), `sig` (signature `sig`); joined as `name=value` with `&`, values percent-encoded (RFC 3986, only `A-Z a-z 0-9 - _ .` kept)",
            "2. String to sign: `{params|percent}&session_key={session_key}`",
            "4. Sent as `mp_sig` in the query string",
            "Only when `session_key` is given; otherwise the signature is left out.",
            "Needs the user's session.",
        ],
    );
}

#[test]
fn worked_example() {
    let page = page();
    assert_lines(
        &page,
        &[
            "##### Example `doc_vector`",
            "Source: official docs",
            "Signed for environment `sandbox`, path `/cgi-bin/midas/sandbox/present`.",
            "| `app_key` | credential | `zNLgAGgqsEWJOg1nFVaO5r7fAlIQxr1u` |",
            "| `bill_no` | field | `a\\|b` |",
            "String to sign for `sig`:",
        ],
    );
    // Outside tables `|` stays as it is: the block shows the exact bytes hashed.
    assert!(page.contains(
        "```text\nappid=wx1234567&bill_no=a|b&org_loc=/cgi-bin/midas/sandbox/present&method=POST&secret=zNLgAGgqsEWJOg1nFVaO5r7fAlIQxr1u\n```\n\n`sig` = `1ad64e8c6a4bb2ae1d8b1a4b1e7c1e8f`\n"
    ));
}

#[test]
fn callback_endpoint() {
    let page = page();
    assert_lines(
        &page,
        &[
            "### `pay_notify` (callback)",
            "The platform calls the game server with `POST`, parameters in a form body (`application/x-www-form-urlencoded`).",
            "#### Received fields",
            "| `amount` | `amount` | decimal | yes |  | yes |  |",
            "| `time` | `time` | int | yes |  | no |  |",
            "| `text/plain` | `success` | `fail: {message}` |",
            "In the failure body, `{message}` is replaced by the reason.",
            "Assumed: the docs only show `success`.",
            "Replay protection: the timestamp field `time` (seconds) must lie within the",
            "1. Parameters, in this order: `amount`, `orderid`; joined as `name=value` with nothing between them, values raw",
            "2. String to sign: `{params}{pay_key}`",
            "3. MD5, output lowercase hex",
            "4. Received as `sign` in the body, checked in constant time over the raw values",
            "Compared ignoring ASCII case when verifying.",
        ],
    );
    let callback = section(&page, "### `pay_notify` (callback)");
    assert!(
        !callback.contains("Retry-safe"),
        "retry safety is for calls only"
    );
}

#[test]
fn frontend_endpoint() {
    let page = page();
    let frontend = section(&page, "### `pay` (frontend)");
    assert_lines(
        frontend,
        &[
            "The game page passes the payload to the SDK function `wancmssdk.pay`.",
            "#### Payload fields",
            "| `amount` | `amount` | decimal | yes |  | no |  |",
            "Not signed.",
            "#### Result codes",
            "| 0 | `ok` |  | paid |",
            "| -2 | `cancelled` |  |  |",
        ],
    );
}

#[test]
fn cloud_call_beside_the_https_form() {
    let mut platform = platform();
    platform.cloud = Some(Cloud {
        code: "errCode".to_owned(),
        message: Some("errMsg".to_owned()),
        doc: None,
    });
    let present = &mut platform.endpoints[0];
    present.cloud_call = Some(CloudCall {
        functions: vec![("production".to_owned(), "openapi.midas.present".to_owned())],
        signatures: vec![("sig".to_owned(), "sig".to_owned())],
    });
    present.request[0].cloud_name = Some("appId".to_owned());
    let page = platform_markdown(&platform).expect("renders");
    assert!(page.contains("## Cloud calls"), "{page}");
    let section = section(&page, "### `present` (call)");
    let first = present_first_field();
    assert_lines(
        section,
        &[
            "#### Cloud call",
            &format!("| `{first}` | `appId` | yes |  |"),
            "| `errcode` | `errCode` | yes | result code |",
            "const answer = await cloud.openapi.midas.present({",
        ],
    );
}

fn present_first_field() -> String {
    present().request[0].wire.clone()
}

#[test]
fn retry_safety_variants() {
    let mut platform = platform();
    let mut read_only = present();
    read_only.idempotency_key = None;
    read_only.read_only = true;
    read_only.name = "balance".to_owned();
    let mut unsafe_call = present();
    unsafe_call.idempotency_key = None;
    unsafe_call.name = "pay_for".to_owned();
    platform.endpoints = vec![read_only, unsafe_call];
    let page = platform_markdown(&platform).unwrap_or_else(|e| panic!("{e:#}"));
    assert_lines(
        &page,
        &[
            "Retry-safe: yes — read-only",
            "Retry-safe: no — never retried automatically",
        ],
    );
}

#[test]
fn bare_platform_renders() {
    // Every optional part absent: strict mode must still find every variable it reads.
    let platform = Platform {
        name: "bare".to_owned(),
        title: "Bare".to_owned(),
        doc: None,
        docs_url: None,
        source: "specs/bare.yaml".to_owned(),
        environments: vec![Environment {
            name: "production".to_owned(),
            base_url: "https://bare.example.com".to_owned(),
            doc: None,
        }],
        credentials: Vec::new(),
        envelope: None,
        errors: Vec::new(),
        endpoints: vec![endpoint("ping", EndpointKind::Call)],
        sdk: None,
        cloud: None,
    };
    let page = platform_markdown(&platform).unwrap_or_else(|e| panic!("{e:#}"));
    assert!(!page.contains("## Credentials"));
    assert!(!page.contains("## Response envelope"));
    assert!(!page.contains("\n\n\n"), "no runs of blank lines:\n{page}");
    assert_lines(&page, &["### `ping` (call)", "None.", "Not signed."]);
}

#[test]
fn deterministic() {
    assert_eq!(page(), page());
    let platforms = [platform(), platform()];
    assert_eq!(
        index_markdown(&platforms).ok(),
        index_markdown(&platforms).ok()
    );
}

#[test]
fn index_page() {
    let mut other = platform();
    other.name = "other".to_owned();
    other.title = "Other | platform".to_owned();
    other.endpoints.truncate(1);
    let index = index_markdown(&[platform(), other]).unwrap_or_else(|e| panic!("{e:#}"));
    assert!(index.starts_with("<!-- generated by gamechannel-codegen"));
    assert!(index.ends_with("|\n"));
    assert_lines(
        &index,
        &[
            "| Platform | Title | Calls | Callbacks | Frontend |",
            "| [`sample`](sample.md) | Sample platform | 1 | 1 | 1 |",
            "| [`other`](other.md) | Other \\| platform | 1 | 0 | 0 |",
        ],
    );
}

/// The part of the page from `heading` to the next endpoint heading.
fn section<'a>(page: &'a str, heading: &str) -> &'a str {
    let start = page
        .find(heading)
        .unwrap_or_else(|| panic!("no {heading:?}"));
    let rest = &page[start + heading.len()..];
    let end = rest.find("\n### ").map_or(rest.len(), |i| i);
    &rest[..end]
}
