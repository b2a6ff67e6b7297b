//! Declarations of the cloud-call form: parameters and answer of each call, the error codes,
//! and the cloud functions as the cloud SDK's object exposes them.

use heck::ToUpperCamelCase;

use super::property;
use super::text::doc_comment;
use crate::model::{Endpoint, Platform};

/// A node of the cloud object: `openapi` -> `midas` -> `present(…)`.
enum Node {
    Object(Vec<(String, Node)>),
    Function {
        params: String,
        answer: String,
        doc: String,
    },
}

/// Everything of the cloud form, inside the platform's namespace.
pub(super) fn declarations(out: &mut String, platform: &Platform) {
    let Some(cloud) = &platform.cloud else {
        return;
    };
    let calls: Vec<&Endpoint> = platform
        .endpoints
        .iter()
        .filter(|e| e.cloud_call().is_some())
        .collect();
    let codes = code_enum_name(platform);
    error_codes(out, platform, &calls, &codes);
    out.push_str(&doc_comment(
        "  ",
        "A signature in a cloud call: the object the cloud SDK's signature helper returns.",
        None,
    ));
    out.push_str("  type CloudSignature = object;\n");
    out.push_str(&doc_comment(
        "  ",
        "What a failing cloud call throws (its Promise rejects with it).",
        None,
    ));
    out.push_str("  interface CloudError {\n");
    envelope_properties(out, platform, &codes);
    out.push_str("  }\n");
    let mut root = Node::Object(Vec::new());
    for endpoint in &calls {
        let Some(call) = endpoint.cloud_call() else {
            continue;
        };
        let base = endpoint.name.to_upper_camel_case();
        let title = endpoint.title.as_deref().unwrap_or(&endpoint.name);
        let functions: Vec<String> = call
            .functions
            .iter()
            .map(|(e, f)| format!("`{f}` ({e})"))
            .collect();
        let summary = format!(
            "Parameters of the cloud call of `{title}`: {}.",
            functions.join(", ")
        );
        out.push_str(&doc_comment("  ", &summary, None));
        out.push_str(&format!("  interface {base}CloudParams {{\n"));
        for field in &endpoint.request {
            let name = field.cloud_name.as_deref().unwrap_or(&field.wire);
            property(out, "    ", field, name, !field.required);
        }
        for (recipe, name) in &call.signatures {
            let doc = format!("Signature `{recipe}`, made by the cloud SDK's signature helper.");
            out.push_str(&doc_comment("    ", &doc, None));
            out.push_str(&format!("    {name}: CloudSignature;\n"));
        }
        out.push_str("  }\n");
        let summary = format!("The answer of the cloud call of `{title}`.");
        out.push_str(&doc_comment("  ", &summary, None));
        out.push_str(&format!("  interface {base}CloudAnswer {{\n"));
        envelope_properties(out, platform, &codes);
        for field in &endpoint.response {
            let name = field.cloud_name.as_deref().unwrap_or(&field.wire);
            property(out, "    ", field, name, true);
        }
        out.push_str("  }\n");
        for (environment, function) in &call.functions {
            let doc = format!("`{title}` in the `{environment}` environment.");
            insert(
                &mut root,
                function,
                Node::Function {
                    params: format!("{base}CloudParams"),
                    answer: format!("{base}CloudAnswer"),
                    doc,
                },
            );
        }
    }
    let mut summary =
        "The cloud functions, as the cloud SDK's `cloud` object exposes them.".to_owned();
    if let Some(message) = &cloud.message {
        summary.push_str(&format!(
            " Each answers `{}` and `{message}`, or rejects with a `CloudError`.",
            cloud.code
        ));
    }
    out.push_str(&doc_comment("  ", &summary, None));
    out.push_str("  interface Cloud ");
    write_node(out, &root, "  ");
    out.push('\n');
}

/// The enum of the codes a cloud call answers: success, then every platform-wide code and the
/// codes of the cloud calls, once each.
fn error_codes(out: &mut String, platform: &Platform, calls: &[&Endpoint], name: &str) {
    let summary = "The codes of a cloud call's answer and exception (the HTTPS form's codes).";
    out.push_str(&doc_comment("  ", summary, None));
    out.push_str(&format!("  const enum {name} {{\n"));
    let ok = platform.envelope.as_ref().map_or(0, |e| e.ok);
    out.push_str(&doc_comment("    ", "Success.", None));
    out.push_str(&format!("    Ok = {ok},\n"));
    let mut seen = vec![ok];
    let all = platform
        .errors
        .iter()
        .chain(calls.iter().flat_map(|e| e.errors.iter()));
    for error in all {
        if seen.contains(&error.code) {
            continue;
        }
        seen.push(error.code);
        let doc = error.doc.clone().unwrap_or_else(|| error.name.clone());
        out.push_str(&doc_comment("    ", &doc, None));
        out.push_str(&format!(
            "    {} = {},\n",
            error.name.to_upper_camel_case(),
            error.code
        ));
    }
    out.push_str("  }\n");
}

/// `errCode` and `errMsg` lines.
fn envelope_properties(out: &mut String, platform: &Platform, codes: &str) {
    let Some(cloud) = &platform.cloud else {
        return;
    };
    out.push_str(&doc_comment("    ", "Result code.", None));
    out.push_str(&format!("    {}: {codes};\n", cloud.code));
    if let Some(message) = &cloud.message {
        out.push_str(&doc_comment("    ", "Message.", None));
        out.push_str(&format!("    {message}: string;\n"));
    }
}

/// `ErrCode` from `errCode`.
fn code_enum_name(platform: &Platform) -> String {
    platform
        .cloud
        .as_ref()
        .map_or("CloudCode".to_owned(), |c| c.code.to_upper_camel_case())
}

/// Hangs a function under its dotted name.
fn insert(node: &mut Node, dotted: &str, leaf: Node) {
    let Node::Object(children) = node else {
        return;
    };
    match dotted.split_once('.') {
        None => children.push((dotted.to_owned(), leaf)),
        Some((head, rest)) => {
            let index = match children
                .iter()
                .position(|(n, c)| n == head && matches!(c, Node::Object(_)))
            {
                Some(i) => i,
                None => {
                    children.push((head.to_owned(), Node::Object(Vec::new())));
                    children.len() - 1
                }
            };
            insert(&mut children[index].1, rest, leaf);
        }
    }
}

/// An object type literal, members indented one step deeper than `indent`.
fn write_node(out: &mut String, node: &Node, indent: &str) {
    let Node::Object(children) = node else {
        return;
    };
    out.push_str("{\n");
    let inner = format!("{indent}  ");
    for (name, child) in children {
        match child {
            Node::Object(_) => {
                out.push_str(&format!("{inner}{name}: "));
                write_node(out, child, &inner);
                out.push_str(";\n");
            }
            Node::Function {
                params,
                answer,
                doc,
            } => {
                out.push_str(&doc_comment(&inner, doc, None));
                out.push_str(&format!(
                    "{inner}{name}(params: {params}): Promise<{answer}>;\n"
                ));
            }
        }
    }
    out.push_str(&format!("{indent}}}"));
}
