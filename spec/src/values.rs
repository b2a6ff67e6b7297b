//! Value checks: one wire value against its field's type and constraints, as a platform would
//! check a received request (the mock platform) or a game server a received callback.
//!
//! Everything works on wire text (what was actually received), never on re-formatted values,
//! and nothing here panics on any input.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use gamechannel_core::CompiledPattern;
use gamechannel_core::rules::{self, PatternCheck, Rules, WireType};

use crate::model::{Endpoint, Field, FieldType};

/// Checks one received wire value against the field's type and constraints by the rules every
/// reader shares ([`gamechannel_core::rules`]); `Err` says what is wrong. An empty value counts
/// as not given.
pub fn check_value(field: &Field, text: &str) -> Result<(), String> {
    check_field(field, Some(text))
}

/// Checks a received request: every required field present and non-empty, every declared
/// field that was sent valid. Parameters the endpoint does not declare (signatures,
/// travelling credentials, extras) are ignored. `Err` is (wire name, problem).
pub fn check_request(
    endpoint: &Endpoint,
    received: &[(String, String)],
) -> Result<(), (String, String)> {
    for field in &endpoint.request {
        let value = received
            .iter()
            .find(|(n, _)| *n == field.wire)
            .map(|(_, v)| v.as_str());
        check_field(field, value).map_err(|p| (field.wire.clone(), p))?;
    }
    Ok(())
}

/// Checks one field's received text (`None`: not received) by the shared rules: absent and
/// required, or present and breaking its type or constraints, is `Err` saying what is wrong.
pub fn check_field(field: &Field, text: Option<&str>) -> Result<(), String> {
    let c = &field.constraints;
    let pattern = c.pattern.as_deref().map(Cached);
    let values: Vec<&str> = c.values.iter().map(|(v, _)| v.as_str()).collect();
    let rules = Rules {
        ty: wire_type(field.ty),
        required: field.required,
        allow_empty: field.allow_empty,
        max_len: c.max_len,
        min_len: c.min_len,
        pattern: pattern.as_ref().map(|p| p as &dyn PatternCheck),
        min: c.min,
        max: c.max,
        non_zero: c.non_zero,
        values: &values,
    };
    rules::check(&rules, text)
}

/// The form a field's wire text must have.
pub fn wire_type(ty: FieldType) -> WireType {
    match ty {
        FieldType::String => WireType::Text,
        FieldType::Int => WireType::Int,
        FieldType::Bool => WireType::Bool,
        FieldType::Decimal => WireType::Decimal,
        FieldType::Object => WireType::Object,
    }
}

/// A pattern by its source, compiled once per process: the mock checks the same few patterns
/// on every request.
struct Cached<'a>(&'a str);

impl PatternCheck for Cached<'_> {
    fn source(&self) -> &str {
        self.0
    }

    fn check(&self, text: &str) -> Option<bool> {
        static CACHE: OnceLock<Mutex<HashMap<String, CompiledPattern>>> = OnceLock::new();
        let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
        // A poisoned cache only means another thread panicked mid-insert; it is still usable.
        let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(re) = cache.get(self.0) {
            return Some(re.is_match(text));
        }
        let re = CompiledPattern::new(self.0).ok()?;
        let found = re.is_match(text);
        cache.insert(self.0.to_owned(), re);
        Some(found)
    }
}

/// A JSON object's members as wire text, in received order and with repeated names kept
/// (so that a verifier can refuse them), by the runtime's rule
/// ([`gamechannel_core::json_pairs`]): strings decoded, numbers and booleans as written, `null`
/// left out, a nested object as its raw JSON followed by its members under their paths.
pub fn json_pairs(body: &str) -> Result<Vec<(String, String)>, String> {
    let pairs = gamechannel_core::json_pairs(body).map_err(|e| e.to_string())?;
    Ok(pairs
        .into_iter()
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_members_keep_order_and_repeats() {
        let f =
            json_pairs(r#"{"roleId": "99999", "uid": "u", "roleId": "10086"}"#).expect("object");
        let names: Vec<&str> = f.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            ["roleId", "uid", "roleId"],
            "a map would keep only one roleId"
        );
    }

    #[test]
    fn json_values_become_wire_text_as_written() {
        let f = json_pairs(
            r#"{"ts": 1507530737, "zone_id": "1", "b": true, "n": null, "o": {"a": 1}}"#,
        )
        .expect("object");
        let get = |k: &str| f.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        assert_eq!(get("ts"), Some("1507530737"));
        assert_eq!(get("zone_id"), Some("1"));
        assert_eq!(get("b"), Some("true"));
        assert_eq!(get("n"), None);
        assert_eq!(get("o"), Some(r#"{"a": 1}"#));
        assert_eq!(get("o.a"), Some("1"));
        assert!(json_pairs("[1]").is_err());
        assert!(json_pairs("{").is_err());
    }

    use crate::model::Constraints;
    use proptest::prelude::*;

    fn field(ty: FieldType, constraints: Constraints) -> Field {
        Field {
            wire: "f".to_owned(),
            rust: "f".to_owned(),
            ty,
            required: true,
            allow_empty: false,
            doc: None,
            constraints,
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

    fn bill_no() -> Field {
        let c = Constraints {
            max_len: Some(63),
            pattern: Some("^[0-9A-Za-z_-]+$".to_owned()),
            ..Constraints::default()
        };
        field(FieldType::String, c)
    }

    #[test]
    fn types() {
        let int = field(FieldType::Int, Constraints::default());
        assert!(check_value(&int, "-42").is_ok());
        assert!(check_value(&int, "4.2").is_err());
        assert!(check_value(&int, "99999999999999999999").is_err());
        let b = field(FieldType::Bool, Constraints::default());
        assert!(check_value(&b, "true").is_ok());
        assert!(check_value(&b, "1").is_ok());
        assert!(check_value(&b, "yes").is_err());
        let d = field(FieldType::Decimal, Constraints::default());
        assert!(check_value(&d, "6.00").is_ok());
        assert!(check_value(&d, "6.").is_err());
        assert!(check_value(&d, "abc").is_err());
        let o = field(FieldType::Object, Constraints::default());
        assert!(check_value(&o, r#"{"a":1}"#).is_ok());
        assert!(check_value(&o, "[1]").is_err());
    }

    #[test]
    fn constraints() {
        let f = bill_no();
        assert!(check_value(&f, "gift-2026_01").is_ok());
        assert!(check_value(&f, "bad bill").is_err());
        assert!(check_value(&f, &"a".repeat(64)).is_err());
        let counts = field(
            FieldType::Int,
            Constraints {
                non_zero: true,
                min: Some(-5),
                max: Some(100),
                ..Constraints::default()
            },
        );
        assert!(check_value(&counts, "0").is_err());
        assert!(check_value(&counts, "-6").is_err());
        assert!(check_value(&counts, "101").is_err());
        assert!(check_value(&counts, "60").is_ok());
        let status = field(
            FieldType::String,
            Constraints {
                values: vec![
                    ("success".into(), String::new()),
                    ("fail".into(), String::new()),
                ],
                min_len: Some(4),
                ..Constraints::default()
            },
        );
        assert!(check_value(&status, "fail").is_ok());
        assert!(check_value(&status, "ok").is_err());
        // Lengths count characters, not bytes.
        let short = field(
            FieldType::String,
            Constraints {
                max_len: Some(2),
                ..Constraints::default()
            },
        );
        assert!(check_value(&short, "元宝").is_ok());
    }

    #[test]
    fn requests() {
        let platform = crate::load::load_str(
            include_str!("../../specs/wechat_midas.yaml"),
            "wechat_midas.yaml",
        )
        .expect("seed spec loads");
        let present = platform.endpoint("present").expect("present");
        let mut sent: Vec<(String, String)> = [
            ("openid", "o1"),
            ("appid", "wx1"),
            ("offer_id", "1"),
            ("ts", "1700000000"),
            ("zone_id", "1"),
            ("pf", "android"),
            ("bill_no", "b-1"),
            ("present_counts", "5"),
            ("sig", "whatever"),
        ]
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
        assert_eq!(check_request(present, &sent), Ok(()));
        sent.retain(|(n, _)| n != "bill_no");
        assert_eq!(
            check_request(present, &sent),
            Err(("bill_no".into(), "missing".into()))
        );
        sent.push(("bill_no".into(), String::new()));
        assert_eq!(
            check_request(present, &sent),
            Err(("bill_no".into(), "empty".into()))
        );
        sent.retain(|(n, _)| n != "bill_no");
        sent.push(("bill_no".into(), "b-1".into()));
        sent.retain(|(n, _)| n != "present_counts");
        sent.push(("present_counts".into(), "0".into()));
        assert!(check_request(present, &sent).is_err());
        // An empty optional value counts as not sent.
        sent.retain(|(n, _)| n != "present_counts");
        sent.push(("present_counts".into(), "5".into()));
        sent.push(("user_ip".into(), String::new()));
        assert_eq!(check_request(present, &sent), Ok(()));
    }

    proptest! {
        #[test]
        fn never_panics(text in any::<String>(), ty in 0u8..5, max in proptest::option::of(0u32..8)) {
            let ty = [FieldType::String, FieldType::Int, FieldType::Bool, FieldType::Decimal, FieldType::Object][ty as usize];
            let mut f = field(ty, Constraints { max_len: max, min: Some(-3), non_zero: true, ..Constraints::default() });
            let _ = check_value(&f, &text);
            f.constraints = bill_no().constraints;
            let _ = check_value(&f, &text);
        }
    }
}
