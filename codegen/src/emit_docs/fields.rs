//! Field tables: one row per field, nested `object` members flattened after their parent.

use std::collections::BTreeSet;

use serde::Serialize;

use super::markdown::{cell, code, one_line, yes_no};
use crate::model::{Constraints, Field, FieldType};

/// One table row; every cell already escaped.
#[derive(Serialize)]
pub(crate) struct FieldRow {
    wire: String,
    rust: String,
    ty: String,
    required: &'static str,
    constraints: String,
    signed: &'static str,
    doc: String,
}

/// Flattens nested `object` members into dotted rows (`d.openid`) after their parent, so one
/// table shows the whole shape.
///
/// `signed` holds the wire names the endpoint's signatures cover; members of objects are
/// never signed one by one, so their column stays blank.
pub(crate) fn field_rows(fields: &[Field], signed: &BTreeSet<String>) -> Vec<FieldRow> {
    let mut rows = Vec::new();
    for field in fields {
        let is_signed = yes_no(signed.contains(field.wire.as_str()));
        push_rows(&mut rows, field, &field.wire, &field.rust, is_signed);
    }
    rows
}

fn push_rows(
    rows: &mut Vec<FieldRow>,
    field: &Field,
    wire: &str,
    rust: &str,
    signed: &'static str,
) {
    rows.push(FieldRow {
        wire: cell(&code(wire)),
        rust: cell(&code(rust)),
        ty: if field.secret {
            // Secret fields are typed `Secret` in the generated code: never printed.
            format!("{} (secret)", type_name(field.ty))
        } else {
            match field.json_string {
                true => "object (a JSON document in a string)".to_owned(),
                false => type_name(field.ty).to_owned(),
            }
        },
        required: if field.required && field.allow_empty {
            "yes (may be empty)"
        } else {
            yes_no(field.required)
        },
        constraints: cell(&constraints_text(&field.constraints)),
        signed,
        doc: cell(field.doc.as_deref().unwrap_or("")),
    });
    for member in &field.fields {
        let member_wire = format!("{wire}.{}", member.wire);
        let member_rust = format!("{rust}.{}", member.rust);
        push_rows(rows, member, &member_wire, &member_rust, "");
    }
}

/// Constraints in one compact line, e.g. `max 63 chars; pattern ^…$; ≠ 0`.
fn constraints_text(c: &Constraints) -> String {
    let mut parts = Vec::new();
    match (c.min_len, c.max_len) {
        (Some(min), Some(max)) if min == max => parts.push(format!("exactly {min} chars")),
        (Some(min), Some(max)) => parts.push(format!("{min}–{max} chars")),
        (Some(min), None) => parts.push(format!("min {min} chars")),
        (None, Some(max)) => parts.push(format!("max {max} chars")),
        (None, None) => {}
    }
    if let Some(pattern) = &c.pattern {
        parts.push(format!("pattern {}", code(pattern)));
    }
    if let Some(min) = c.min {
        parts.push(format!("≥ {min}"));
    }
    if let Some(max) = c.max {
        parts.push(format!("≤ {max}"));
    }
    if c.non_zero {
        parts.push("≠ 0".to_owned());
    }
    if !c.values.is_empty() {
        let values: Vec<String> = c
            .values
            .iter()
            .map(|(value, meaning)| {
                // Meanings are often whole sentences; their full stop would clash with the list.
                let meaning = one_line(meaning);
                let meaning = meaning.trim_end_matches('.');
                if meaning.is_empty() {
                    code(value)
                } else {
                    format!("{} ({meaning})", code(value))
                }
            })
            .collect();
        parts.push(format!("one of {}", values.join(", ")));
    }
    parts.join("; ")
}

fn type_name(ty: FieldType) -> &'static str {
    match ty {
        FieldType::String => "string",
        FieldType::Int => "int",
        FieldType::Bool => "bool",
        FieldType::Decimal => "decimal",
        FieldType::Object => "object",
    }
}
