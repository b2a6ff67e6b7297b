//! Fields and their constraints.

use heck::ToSnakeCase;
use indexmap::IndexMap;

use super::Ctx;
use crate::diagnostics::Code;
use crate::lenient::Lenient;
use crate::locate::join_key;
use crate::model::{self, Constraints};
use crate::spec::{Field, FieldType};

/// Checks a map of fields (wire name -> definition) at `path`.
pub(crate) fn fields(
    ctx: &mut Ctx,
    path: &str,
    map: &IndexMap<String, Lenient<Field>>,
) -> Vec<model::Field> {
    let mut out: Vec<model::Field> = Vec::new();
    for (wire, field) in map {
        let at = join_key(path, wire);
        let Some(field) = ctx.item(&at, field) else {
            continue;
        };
        let rust = rust_name(wire);
        if let Some(other) = out.iter().find(|f| f.rust == rust) {
            let first = ctx.label(&join_key(path, &other.wire), "the other one");
            ctx.error_with_label(
                Code::Collision,
                &at,
                format!(
                    "fields `{wire}` and `{}` both become `{rust}` in generated code",
                    other.wire
                ),
                Some("rename one of them".into()),
                first,
            );
        } else if !is_identifier(&rust) {
            ctx.error_on_key(
                Code::BadName,
                &at,
                format!("`{wire}` does not give a usable name in generated code (`{rust}`)"),
                Some("wire names may use ASCII letters, digits, `_`, `-` and `.`".into()),
            );
        }
        if wire.is_empty()
            || wire
                .chars()
                .any(|c| c.is_whitespace() || c == '=' || c == '&')
        {
            ctx.error(
                Code::BadName,
                &at,
                format!("'{wire}' is not a usable wire name"),
                None,
            );
        }
        out.push(field_model(ctx, &at, wire, rust, field));
    }
    out
}

/// Whether `name` is made of ASCII letters, digits and `_` only, as generated names must be.
pub(crate) fn is_identifier(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The Rust field name for a wire name: snake_case, never empty.
pub(crate) fn rust_name(wire: &str) -> String {
    let snake = wire.to_snake_case();
    if snake.is_empty() || snake.starts_with(|c: char| c.is_ascii_digit()) {
        format!("f_{snake}")
    } else {
        snake
    }
}

fn field_model(ctx: &mut Ctx, at: &str, wire: &str, rust: String, field: &Field) -> model::Field {
    let constraints = constraints(ctx, at, field);
    let members = match (&field.fields, field.ty) {
        (Some(members), FieldType::Object) => fields(ctx, &join_key(at, "fields"), members),
        (Some(_), _) => {
            ctx.error(
                Code::NotApplicable,
                &join_key(at, "fields"),
                "only `type: object` fields have members",
                None,
            );
            Vec::new()
        }
        (None, FieldType::Object) => {
            ctx.error(Code::MissingKey, at, "an object field needs `fields`", None);
            Vec::new()
        }
        (None, _) => Vec::new(),
    };
    model::Field {
        wire: wire.to_owned(),
        rust,
        ty: field.ty,
        required: field.required,
        allow_empty: field.allow_empty,
        doc: field.doc.clone(),
        constraints,
        secret: field.secret,
        signed: field.signed,
        fields: members,
        cloud_name: field.cloud_name.clone(),
        encoded_twice: field.encoded_twice,
        json_string: field.json && field.ty == FieldType::Object,
        in_query: field.travels_in == Some(crate::spec::Location::Query),
        json: field.json && field.ty == FieldType::String,
    }
}

fn constraints(ctx: &mut Ctx, at: &str, field: &Field) -> Constraints {
    if field.allow_empty && !(field.required && field.ty == FieldType::String) {
        ctx.error(
            Code::NotApplicable,
            &join_key(at, "allow_empty"),
            "`allow_empty` applies to required string fields only",
            None,
        );
    }
    if field.secret && field.ty != FieldType::String {
        ctx.error(
            Code::NotApplicable,
            &join_key(at, "secret"),
            "only string fields can be secret",
            None,
        );
    }
    let textual = matches!(field.ty, FieldType::String | FieldType::Decimal);
    let numeric = field.ty == FieldType::Int;
    let misplaced = |ctx: &mut Ctx, key: &str, allowed: bool, kinds: &str| {
        if !allowed {
            ctx.error(
                Code::NotApplicable,
                &join_key(at, key),
                format!(
                    "`{key}` applies to {kinds} fields only, this one is {:?}",
                    field.ty
                )
                .to_lowercase(),
                None,
            );
        }
    };
    if field.max_len.is_some() {
        misplaced(ctx, "max_len", textual, "string and decimal");
    }
    if field.min_len.is_some() {
        misplaced(ctx, "min_len", textual, "string and decimal");
    }
    if field.pattern.is_some() {
        misplaced(ctx, "pattern", textual, "string and decimal");
    }
    if field.min.is_some() {
        misplaced(ctx, "min", numeric, "int");
    }
    if field.max.is_some() {
        misplaced(ctx, "max", numeric, "int");
    }
    if field.non_zero {
        misplaced(ctx, "non_zero", numeric, "int");
    }
    if let (Some(min), Some(max)) = (field.min_len, field.max_len)
        && min > max
    {
        ctx.error(
            Code::Conflict,
            at,
            format!("min_len {min} is greater than max_len {max}"),
            None,
        );
    }
    if let (Some(min), Some(max)) = (field.min, field.max)
        && min > max
    {
        ctx.error(
            Code::Conflict,
            at,
            format!("min {min} is greater than max {max}"),
            None,
        );
    }
    let pattern = field.pattern.as_ref().map(|p| anchored(p));
    if let Some(p) = &pattern
        && let Err(e) = regex_lite::Regex::new(p)
    {
        let first = e.to_string().lines().last().unwrap_or_default().to_owned();
        ctx.error(
            Code::Invalid,
            &join_key(at, "pattern"),
            format!("bad pattern: {first}"),
            None,
        );
    }
    let values: Vec<(String, String)> = field
        .values
        .iter()
        .flatten()
        .map(|(v, doc)| (v.clone(), doc.clone()))
        .collect();
    if numeric {
        for (v, _) in &values {
            if v.parse::<i64>().is_err() {
                ctx.error(
                    Code::WrongType,
                    &join_key(at, "enum"),
                    format!("'{v}' is not an int"),
                    None,
                );
            }
        }
    }
    Constraints {
        max_len: field.max_len,
        min_len: field.min_len,
        pattern,
        min: field.min,
        max: field.max,
        non_zero: field.non_zero,
        values,
    }
}

/// Patterns must match the whole value; anchor them so generated code and docs agree.
fn anchored(pattern: &str) -> String {
    let start = if pattern.starts_with('^') { "" } else { "^" };
    let end = if pattern.ends_with('$') { "" } else { "$" };
    format!("{start}{pattern}{end}")
}
