//! What only callbacks have: replies (echoed fields, the status of a refusal) and received
//! objects carried as JSON strings.

use super::Ctx;
use crate::diagnostics::Code;
use crate::locate::join_key;
use crate::model;
use crate::spec::{self, EndpointKind};

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
            "`json` on an `object` goes on the top-level received fields of a callback only",
            None,
        );
    }
}

/// A callback's reply, with the status of a refusal checked.
pub(super) fn reply(ctx: &mut Ctx, at: &str, spec: &spec::Reply) -> model::Reply {
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
        echo: spec.echo.clone(),
        xml: spec.xml.clone(),
        doc: spec.doc.clone(),
    }
}
