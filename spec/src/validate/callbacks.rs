//! What only callbacks have: replies (echoed fields, the status of a refusal) and received
//! objects carried as JSON strings.

use super::Ctx;
use crate::diagnostics::Code;
use crate::diagnostics::did_you_mean;
use crate::locate::join_key;
use crate::model;
use crate::spec::{self, EndpointKind, FieldType};

/// `json_string` fields: received ones, at the top of a callback's request only.
pub(super) fn json_strings(
    ctx: &mut Ctx,
    at: &str,
    kind: EndpointKind,
    request: &[model::Field],
    response: &[model::Field],
) {
    fn nested(fields: &[model::Field]) -> Option<&str> {
        fields.iter().find_map(|f| {
            f.fields
                .iter()
                .find(|m| m.json_string)
                .map(|m| m.wire.as_str())
                .or_else(|| nested(&f.fields))
        })
    }
    let top = |fields: &[model::Field]| {
        fields
            .iter()
            .find(|f| f.json_string)
            .map(|f| f.wire.clone())
    };
    let misplaced = match kind {
        EndpointKind::Callback => None,
        _ => top(request).map(|w| ("request", w)),
    }
    .or_else(|| top(response).map(|w| ("response", w)))
    .or_else(|| nested(request).map(|w| ("request", w.to_owned())))
    .or_else(|| nested(response).map(|w| ("response", w.to_owned())));
    if let Some((part, wire)) = misplaced {
        ctx.error(
            Code::NotApplicable,
            &join_key(&join_key(at, part), &wire),
            "`json_string` goes on the top-level received fields of a callback only",
            None,
        );
    }
}

/// A callback's reply: the fields its success body echoes, and the status of a refusal.
pub(super) fn reply(
    ctx: &mut Ctx,
    at: &str,
    spec: &spec::Reply,
    request: &[model::Field],
) -> model::Reply {
    let mut echoes: Vec<String> = Vec::new();
    for name in echoed_names(&spec.success) {
        match request.iter().find(|f| f.wire == name) {
            Some(f) if f.required && f.ty == FieldType::String && !f.secret => {
                if !echoes.iter().any(|e| e == name) {
                    echoes.push(name.to_owned());
                }
            }
            Some(_) => ctx.error(
                Code::Invalid,
                &join_key(at, "success"),
                format!("the reply echoes `{name}`; echo a required, non-secret string field"),
                None,
            ),
            None => ctx.error(
                Code::UnknownName,
                &join_key(at, "success"),
                format!("`{{{name}}}` is not a received field"),
                did_you_mean(name, request.iter().map(|f| f.wire.as_str())),
            ),
        }
    }
    let failure_status = spec.failure_status.unwrap_or(200);
    if !(200..=599).contains(&failure_status) {
        ctx.error(
            Code::Invalid,
            &join_key(at, "failure_status"),
            format!("{failure_status} is not an HTTP status of an answer (200 to 599)"),
            None,
        );
    }
    model::Reply {
        content_type: spec.content_type.clone(),
        success: spec.success.clone(),
        failure: spec.failure.clone(),
        failure_status,
        echoes,
        doc: spec.doc.clone(),
    }
}

/// The names written `{name}` in a reply body (identifiers only: JSON braces are text).
pub(crate) fn echoed_names(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = &after[..close];
        let ident = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if ident {
            out.push(name);
            rest = &after[close + 1..];
        } else {
            rest = after;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_names_in_braces_are_echoes() {
        assert_eq!(super::echoed_names("{echostr}"), ["echostr"]);
        assert!(super::echoed_names(r#"{"result":0}"#).is_empty());
        assert_eq!(
            super::echoed_names(r#"{"echo":"{a}","n":{b_1}}"#),
            ["a", "b_1"]
        );
        assert!(super::echoed_names("{").is_empty());
    }
}
