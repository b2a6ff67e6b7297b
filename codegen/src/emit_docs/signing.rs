//! Signing recipes told as numbered steps, derived from the compiled recipe rather than the
//! spec text, so the docs describe exactly what the generated code does.

use std::collections::BTreeSet;

use serde::Serialize;

use super::markdown::{code, one_line, paragraph};
use crate::model::{
    Algorithm, EndpointKind, Location, Output, Param, ParamList, ParamValue, Part, SignatureRecipe,
    Source, Template, ValueEncoding,
};
use crate::plan::KeyPlan;

/// One signature, ready for the template.
#[derive(Serialize)]
pub(crate) struct SignatureView {
    /// Heading text (a code span of the recipe name).
    heading: String,
    /// Numbered steps, each one line of Markdown.
    steps: Vec<String>,
    /// Conditions and notes shown under the steps.
    notes: Vec<String>,
    /// The spec author's notes (block Markdown).
    doc: Option<String>,
}

/// Builds the view of one recipe of an endpoint of the given kind.
pub(crate) fn signature_view(recipe: &SignatureRecipe, kind: EndpointKind) -> SignatureView {
    let mut steps: Vec<String> = params_lists(&recipe.message)
        .into_iter()
        .map(params_step)
        .collect();
    steps.push(format!(
        "String to sign: {}",
        code(&recipe.message.describe())
    ));
    steps.push(digest_step(recipe));
    steps.push(travel_step(recipe, kind));

    let mut notes = Vec::new();
    if !recipe.requires.is_empty() {
        let names: Vec<String> = recipe.requires.iter().map(|n| code(n)).collect();
        notes.push(format!(
            "Only when {} {} given; otherwise the signature is left out.",
            names.join(" and "),
            if names.len() == 1 { "is" } else { "are" }
        ));
    }
    if recipe.case_insensitive {
        notes.push("Compared ignoring ASCII case when verifying.".to_owned());
    }
    SignatureView {
        heading: code(&recipe.name),
        steps,
        notes,
        doc: recipe.doc.as_deref().map(paragraph),
    }
}

/// Wire names of the request fields any of the recipes signs, in its message or in a key
/// built from fields, as the compiled plans read them.
///
/// The docs' "Signed" column comes from here rather than from [`crate::model::Field::signed`],
/// which only speaks for `from: request` lists: an endpoint with no signature, or a recipe
/// that names its fields explicitly, would otherwise be described wrongly.
pub(crate) fn signed_fields(recipes: &[SignatureRecipe]) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for recipe in recipes {
        let mut sources = recipe.plan.message.sources();
        // A `key_by` field only chooses the key: it is read, not signed.
        if let Some(KeyPlan::Built(key)) = &recipe.plan.key {
            sources.extend(key.sources());
        }
        names.extend(sources.into_iter().filter_map(|source| match source {
            Source::Field(wire) => Some(wire),
            _ => None,
        }));
    }
    names
}

fn params_lists(template: &Template) -> Vec<&ParamList> {
    template
        .parts
        .iter()
        .filter_map(|part| match part {
            Part::Params { list, .. } => Some(list),
            _ => None,
        })
        .collect()
}

fn params_step(list: &ParamList) -> String {
    let items: Vec<String> = list.items.iter().map(param_text).collect();
    let items = if items.is_empty() {
        "none".to_owned()
    } else {
        items.join(", ")
    };
    let optional = if !list.items.iter().any(|p| p.optional) {
        String::new()
    } else if list.skip_empty {
        "; optional ones left out when absent or empty".to_owned()
    } else {
        format!(
            "; optional ones left out when absent, signed as {} when empty",
            code(&format!("name{}", list.pair))
        )
    };
    let joined = if list.join.is_empty() {
        "with nothing between them".to_owned()
    } else {
        format!("with {}", code(&list.join))
    };
    let values = match list.encode {
        ValueEncoding::Raw => "values raw",
        ValueEncoding::Percent => {
            "values percent-encoded (RFC 3986, only `A-Z a-z 0-9 - _ .` kept)"
        }
        ValueEncoding::PercentAlnumMarks => {
            "each value percent-encoded keeping only `0-9 a-z A-Z ! * ( )`"
        }
    };
    let order = if list.by_value {
        "ordered by value for each request, from"
    } else {
        "in this order:"
    };
    let written = if list.values_only {
        "values alone".to_owned()
    } else {
        code(&format!("name{}value", list.pair))
    };
    format!("Parameters, {order} {items}{optional}; joined as {written} {joined}, {values}")
}

fn param_text(param: &Param) -> String {
    let mut text = code(&param.name);
    match &param.value {
        ParamValue::Source(Source::Field(wire)) if *wire == param.name => {}
        ParamValue::Source(Source::Credential(name)) if *name == param.name => {
            text.push_str(" (credential)");
        }
        ParamValue::Source(Source::Signature(name)) => {
            text.push_str(&format!(" (signature {})", code(name)));
        }
        ParamValue::Source(other) => {
            text.push_str(&format!(" = {}", code(&format!("{{{}}}", other.name()))));
        }
        ParamValue::Template(template) => {
            text.push_str(&format!(" = {}", code(&template.describe())));
        }
    }
    if param.optional {
        text.push_str(" (optional)");
    }
    text
}

fn digest_step(recipe: &SignatureRecipe) -> String {
    let algorithm = algorithm_title(recipe.algorithm);
    let output = match recipe.output {
        Output::Hex => "lowercase hex",
        Output::HexUpper => "uppercase hex",
        Output::Base64 => "base64",
    };
    let chosen = recipe
        .algorithm_by
        .as_ref()
        .map(|by| {
            let arms: Vec<String> = by
                .values
                .iter()
                .map(|(v, a)| {
                    format!(
                        "{} when {} is {}",
                        algorithm_title(*a),
                        code(&by.field),
                        code(v)
                    )
                })
                .collect();
            format!(" ({}; otherwise the former)", arms.join(", "))
        })
        .unwrap_or_default();
    let key_chosen = match &recipe.plan.key {
        Some(KeyPlan::Chosen { field, values, .. }) => {
            let arms: Vec<String> = values
                .iter()
                .map(|(v, c)| {
                    format!(
                        "{} when {} is {}",
                        code(&format!("{{{c}}}")),
                        code(field),
                        code(v)
                    )
                })
                .collect();
            format!(" ({}; otherwise the former)", arms.join(", "))
        }
        _ => String::new(),
    };
    match &recipe.key {
        Some(key) => format!(
            "{algorithm}{chosen} keyed with {}{key_chosen}, output {output}",
            code(&key.describe())
        ),
        None => format!("{algorithm}{chosen}, output {output}"),
    }
}

fn algorithm_title(algorithm: Algorithm) -> &'static str {
    match algorithm {
        Algorithm::Md5 => "MD5",
        Algorithm::Sha1 => "SHA-1",
        Algorithm::Sha256 => "SHA-256",
        Algorithm::HmacMd5 => "HMAC-MD5",
        Algorithm::HmacSha1 => "HMAC-SHA1",
        Algorithm::HmacSha256 => "HMAC-SHA256",
        Algorithm::RsaSha1 => "RSA PKCS#1 v1.5 with SHA-1 (SHA1withRSA)",
        Algorithm::RsaSha256 => "RSA PKCS#1 v1.5 with SHA-256 (SHA256withRSA)",
    }
}

fn travel_step(recipe: &SignatureRecipe, kind: EndpointKind) -> String {
    let place = match recipe.travels_in {
        Location::Query => "in the query string",
        Location::Body => "in the body",
    };
    let wire = code(&recipe.wire);
    one_line(&match kind {
        EndpointKind::Call => format!("Sent as {wire} {place}"),
        EndpointKind::Callback => {
            format!("Received as {wire} {place}, checked in constant time over the raw values")
        }
        EndpointKind::Frontend => format!("Set as {wire} in the payload"),
    })
}
