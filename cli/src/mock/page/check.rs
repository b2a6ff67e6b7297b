//! A payload checked as the platform checks it: the parameters there are, their constraints
//! (the spec's `values` checks), then the signatures (the spec interpreter).

use gamechannel_codegen::eval::{Verdict, verify_request};
use gamechannel_codegen::model::{Endpoint, ErrorWhen, FieldType, Platform, ResultCode};
use gamechannel_codegen::values::{check_request, json_pairs};

use super::super::Shared;

/// Why a payload is refused.
pub(super) struct Refusal {
    /// The situation, which picks the result code; `None` when the mock itself cannot check
    /// (a credential is not configured).
    pub when: Option<ErrorWhen>,
    /// What is wrong (never a credential).
    pub message: String,
    /// The payload as far as it could be read.
    pub fields: Vec<(String, String)>,
}

/// The payload's fields when the platform would take it.
pub(super) fn payload(
    shared: &Shared,
    platform: &Platform,
    endpoint: &Endpoint,
    body: &str,
) -> Result<Vec<(String, String)>, Refusal> {
    let fields = json_pairs(body).map_err(|message| Refusal {
        when: Some(ErrorWhen::BadParameter),
        message,
        fields: Vec::new(),
    })?;
    let refuse = |when, message: String| Refusal {
        when: Some(when),
        message,
        fields: fields.clone(),
    };
    let is_signature = |name: &str| endpoint.signatures.iter().any(|s| s.wire == name);
    if let Some((name, _)) = fields
        .iter()
        .find(|(n, _)| endpoint.request_field(n).is_none() && !is_signature(n))
    {
        return Err(refuse(
            ErrorWhen::ParameterCount,
            format!("'{name}' is not a parameter"),
        ));
    }
    let missing = endpoint
        .request
        .iter()
        .filter(|f| f.required)
        .map(|f| f.wire.as_str())
        .chain(endpoint.signatures.iter().map(|s| s.wire.as_str()))
        .find(|wire| !fields.iter().any(|(n, _)| n == wire));
    if let Some(wire) = missing {
        return Err(refuse(
            ErrorWhen::ParameterCount,
            format!("'{wire}' is missing"),
        ));
    }
    check_request(endpoint, &fields).map_err(|(field, problem)| {
        refuse(ErrorWhen::BadParameter, format!("{field}: {problem}"))
    })?;
    if endpoint.signatures.is_empty() {
        return Ok(fields);
    }
    let credentials = super::credentials(shared, platform);
    match verify_request(endpoint, &fields, &credentials, "", "") {
        Ok(Verdict::Genuine) => Ok(fields),
        Ok(Verdict::Duplicate { name }) => Err(refuse(
            ErrorWhen::ParameterCount,
            format!("'{name}' is sent twice"),
        )),
        Ok(Verdict::Missing { signature }) => Err(refuse(
            ErrorWhen::ParameterCount,
            format!("signature {signature} is missing"),
        )),
        Ok(Verdict::Mismatch { signature, .. }) => Err(refuse(
            ErrorWhen::BadSignature,
            format!("signature {signature} does not match the payload"),
        )),
        Err(e) => Err(Refusal {
            when: None,
            message: format!("the mock cannot check this payload: {e}"),
            fields,
        }),
    }
}

/// The result code the SDK answers in a situation: the one that names it, else (for a
/// parameter count) the bad-parameter one.
pub(super) fn result_for(endpoint: &Endpoint, when: ErrorWhen) -> Option<&ResultCode> {
    let results = endpoint.frontend().map_or(&[][..], |f| &f.results);
    let named = |w: ErrorWhen| results.iter().find(|r| r.when.contains(&w));
    named(when).or_else(|| match when {
        ErrorWhen::ParameterCount => named(ErrorWhen::BadParameter),
        _ => None,
    })
}

/// The notify's fields: those of the payload with the notify's wire names (the order number,
/// the user, the extra data), and a per-order value for the platform's own order number.
/// The rest (amount, status) is filled in by the callback sender.
pub(super) fn notify_fields(
    notify: &Endpoint,
    payload: &[(String, String)],
    order: usize,
) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    for field in &notify.request {
        if let Some((_, value)) = payload.iter().find(|(n, _)| *n == field.wire) {
            fields.push((field.wire.clone(), value.clone()));
        } else if field.required && field.ty == FieldType::String && field.constraints.is_empty() {
            fields.push((
                field.wire.clone(),
                format!("mock-{}-{}", field.wire, order + 1),
            ));
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::specs::Catalog;

    fn wancms() -> Platform {
        let catalog = Catalog::load(&[]).expect("seeds load");
        catalog
            .platforms()
            .iter()
            .find(|p| p.name == "wancms")
            .cloned()
            .expect("wancms")
    }

    #[test]
    fn each_situation_gets_the_spec_code() {
        let platform = wancms();
        let pay = platform.endpoint("pay").expect("pay");
        let code = |when| result_for(pay, when).map(|r| r.code);
        assert_eq!(code(ErrorWhen::BadSignature), Some(9));
        assert_eq!(code(ErrorWhen::BadParameter), Some(9));
        assert_eq!(code(ErrorWhen::ParameterCount), Some(10));
        assert_eq!(code(ErrorWhen::SystemBusy), None);
        // share has no error codes at all: the stand-in then calls nobody back.
        let share = platform.endpoint("share").expect("share");
        assert!(result_for(share, ErrorWhen::ParameterCount).is_none());
    }

    #[test]
    fn notify_takes_the_payload_values_and_a_per_order_platform_number() {
        let platform = wancms();
        let notify = platform.endpoint("pay_notify").expect("pay_notify");
        let payload: Vec<(String, String)> = [
            ("app_id", "g"),
            ("open_id", "u"),
            ("bill_no", "B1"),
            ("goods_name", "60"),
            ("total_fee", "60"),
            ("ext", ""),
            ("sign", "s"),
        ]
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect();
        let fields = notify_fields(notify, &payload, 4);
        let names: Vec<&str> = fields.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["app_id", "open_id", "bill_no", "orderid", "ext"]);
        assert!(fields.contains(&("orderid".to_owned(), "mock-orderid-5".to_owned())));
        assert!(fields.contains(&("ext".to_owned(), String::new())));
    }
}
