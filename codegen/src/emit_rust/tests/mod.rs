//! Emitter tests over hand-built platforms. Set `GAMECHANNEL_EMIT_DIR` to also write each
//! platform's source there (a scratch crate `include!`s them to compile and run their tests).

mod build;
mod callbacks;
mod calls;

use super::{emit_platform, module_doc};
use crate::model::Platform;

fn all() -> Vec<Platform> {
    vec![
        calls::midas(),
        calls::qq(),
        callbacks::wancms(),
        callbacks::llewan(),
    ]
}

/// The emitted source, checked to parse, with whitespace removed for `contains` checks.
fn emitted(platform: &Platform) -> (String, String) {
    let source = emit_platform(platform);
    syn::parse_file(&source).unwrap_or_else(|e| panic!("{}: {e}\n{source}", platform.name));
    assert!(!source.contains("compile_error"), "{source}");
    assert!(!source.contains("#!["), "no inner attributes");
    (source.clone(), squash(&source))
}

/// Whitespace and trailing commas removed, so checks do not depend on line breaking.
fn squash(code: &str) -> String {
    let s: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    s.replace(",)", ")").replace(",}", "}").replace(",]", "]")
}

fn has(squashed: &str, piece: &str) {
    let piece = squash(piece);
    assert!(squashed.contains(&piece), "missing `{piece}`");
}

#[test]
fn every_fixture_parses_and_writes_when_asked() {
    let dir = std::env::var_os("GAMECHANNEL_EMIT_DIR");
    for p in all() {
        let (source, _) = emitted(&p);
        if let Some(dir) = &dir {
            let path = std::path::Path::new(dir).join(format!("{}.rs", p.name));
            std::fs::write(path, source).expect("scratch dir is writable");
        }
    }
}

#[test]
fn midas_signs_straight_line() {
    let (_, code) = emitted(&calls::midas());
    // Literal pieces joined at generation time; the optional user_ip behind a check.
    has(&code, r#"out.push_str("appid=");"#);
    has(&code, r#"out.push_str("&offer_id=");"#);
    has(
        &code,
        "if let Some(value) = non_empty(self.user_ip.as_ref())",
    );
    has(&code, r#"out.push_str("&user_ip=");"#);
    has(&code, r#"out.push_str("&method=POST&secret=");"#);
    // mp_sig needs the optional session key and covers sig.
    has(
        &code,
        "let credential_session_key = credentials.session_key.as_ref()?;",
    );
    has(
        &code,
        "fn sign_mp_sig(&self, path: &str, credentials: &Credentials, signature_sig: &Signed)",
    );
    has(&code, "pub mp_sig: Option<Signed>");
    // No runtime flag: a required parameter always comes first.
    assert!(!code.contains("wrote"), "no separator flag needed");
    has(&code, "pub const RETRY_SAFE: bool = true;");
    has(
        &code,
        "Environment::Sandbox => \"/cgi-bin/midas/sandbox/present\"",
    );
    has(
        &code,
        "request.query(\"access_token\", &credentials.access_token);",
    );
    has(&code, "request.bare(\"ts\", &self.ts);");
    // -1 and 90012 deduped across endpoints.
    assert_eq!(code.matches("=>Self::OrderExists").count(), 1);
    assert_eq!(code.matches("=>Self::SystemBusy").count(), 1);
    has(
        &code,
        "fn midas_official()"
            .replace("midas", "getbalance")
            .as_str(),
    );
}

#[test]
fn qq_percent_encodes_at_generation_time() {
    let (_, code) = emitted(&calls::qq());
    has(&code, r#"out.push_str("GET&");"#);
    has(&code, "WireValue::write_wire_percent(path, &mut out);");
    // The `|percent` filter over the list: separators pre-encoded, values percent-encoded once.
    has(&code, r#"out.push_str("&appid%3D");"#);
    has(&code, r#"out.push_str("%26openid%3D");"#);
    // Optional `format` comes second: the join before it is known, no flag needed.
    has(&code, r#"out.push_str("%26format%3D");"#);
    // skip_empty false: empty values are not filtered out.
    assert!(!code.contains("self.format.as_ref().filter"));
    has(&code, "Signer::new(Algorithm::HmacSha1, Output::Base64)");
    has(&code, "let mut key = String::with_capacity(25);");
    has(&code, "key.push('&');");
}

#[test]
fn wancms_callbacks_and_frontend() {
    let (_, code) = emitted(&callbacks::wancms());
    has(
        &code,
        "pub fn signed_json(&self, credentials: &Credentials)",
    );
    has(&code, "pub enum PayResult");
    has(&code, "pub fn verify(raw: &str, credentials: &Credentials)");
    has(
        &code,
        r#"pub const SUCCESS_REPLY: &'static str = "success";"#,
    );
    // Read in one pass by the names the verifier knows.
    has(
        &code,
        "let values = FormValues::read(raw, &PayNotifyReceived::NAMES)?;",
    );
    has(&code, "required(values[0],");
    // Checked by the algorithm itself, exactly as received.
    has(&code, ".verify(self.sign)");
    has(&code, "Signer::new(Algorithm::Md5, Output::Hex)");
    // The pseudo-parameter is written from the credential in sorted position.
    has(
        &code,
        r#"out.push_str("&secret_key=");WireValue::write_wire(&credentials.pay_key, &mut out);"#,
    );
    // Declared order for login: open_id before key.
    has(&code, r#"out.push_str("open_id=");"#);
    has(&code, r#"out.push_str("&key=");"#);
    assert!(!code.contains("verify_at"), "no timestamp field, no window");
}

#[test]
fn llewan_json_callback() {
    let (_, code) = emitted(&callbacks::llewan());
    has(&code, "let pairs = RawPairs::from_json(raw)?;");
    has(
        &code,
        "pub fn verify_at(raw: &str, credentials: &Credentials, now_unix_secs: u64, max_age_secs: u64)",
    );
    has(&code, ".ignoring_case()");
    has(
        &code,
        "failure_reply(\"{\\\"code\\\":-1,\\\"msg\\\":\\\"{message}\\\"}\", reason, true)",
    );
    has(&code, "pub role_id: String,");
}

#[test]
fn optional_first_parameter_uses_a_runtime_flag() {
    let mut p = callbacks::wancms();
    let notify = p
        .endpoints
        .iter_mut()
        .find(|e| e.name == "pay_notify")
        .expect("fixture");
    // Make the first two parameters optional: the join before the third needs a flag.
    if let crate::model::Part::Params { list, .. } = &mut notify.signatures[0].message.parts[0] {
        list.items[0].optional = true;
        list.items[1].optional = true;
    }
    notify.request[0].required = false;
    notify.request[1].required = false;
    let recipe = &mut notify.signatures[0];
    recipe.plan = crate::plan::lower_recipe(recipe.key.as_ref(), &recipe.message, &|_| false);
    let (_, code) = emitted(&p);
    has(&code, "let mut wrote0 = false;");
    has(&code, "wrote0 = true;");
    has(&code, r#"if wrote0 { out.push('&'); }"#);
}

#[test]
fn module_doc_names_the_source() {
    let doc = module_doc(&calls::midas());
    assert!(doc.starts_with("wechat_midas (test fixture)"));
    assert!(doc.contains("Generated from `tests/wechat_midas.yaml`."));
}

#[test]
fn a_required_decrypt_refuses_plain_pushes() {
    let spec = include_str!("../../../../specs/wechat_minigame_v2.yaml");
    let strict = spec.replace(
        "      signature: msg_signature\n",
        "      signature: msg_signature\n      required: true\n",
    );
    assert_ne!(strict, spec, "the spec has a `decrypt` to make strict");
    for (text, refused) in [(spec, false), (strict.as_str(), true)] {
        let platform =
            crate::load::load_str(text, "wechat_minigame_v2.yaml").expect("the spec loads");
        let (_, code) = emitted(&platform);
        let arm =
            r#"None => { return Err(CallbackRejection::NotEncrypted { field: "Encrypt" }); }"#;
        assert_eq!(code.contains(&squash(arm)), refused);
        if !refused {
            has(&code, "None => query.and(body),");
        }
    }
}
