//! The cloud-call form of an endpoint, shown side by side with its HTTPS form.

use serde::Serialize;

use super::markdown::{cell, code, paragraph, yes_no};
use crate::model::{Endpoint, Field, Platform};

/// The cloud-call section of one endpoint; every cell already escaped.
#[derive(Serialize)]
pub(crate) struct CloudView {
    /// Introduction: where the platform-wide notes live.
    intro: String,
    /// One row per environment: HTTPS path next to the cloud function.
    functions: Vec<FunctionRow>,
    /// Request parameters (and signatures) under both names.
    request: Vec<NameRow>,
    /// Answer fields under both names, the envelope's first.
    response: Vec<NameRow>,
    /// A call as a cloud function writes it.
    sample: String,
}

#[derive(Serialize)]
struct FunctionRow {
    environment: String,
    https: String,
    cloud: String,
}

#[derive(Serialize)]
struct NameRow {
    https: String,
    cloud: String,
    required: &'static str,
    notes: String,
}

/// The platform-wide cloud paragraph, for the top of the page.
pub(crate) fn platform_cloud(platform: &Platform) -> Option<String> {
    let cloud = platform.cloud.as_ref()?;
    let mut text = format!(
        "Some calls also exist as cloud calls (their sections show both forms side by side). \
         A cloud call answers, or throws, {}",
        code(&cloud.code)
    );
    if let Some(message) = &cloud.message {
        text.push_str(&format!(" and {}", code(message)));
    }
    text.push_str(" in place of the envelope, with the same codes.");
    if let Some(doc) = &cloud.doc {
        text.push_str("\n\n");
        text.push_str(&paragraph(doc));
    }
    Some(text)
}

/// The cloud view of an endpoint that has a cloud-call form.
pub(crate) fn cloud_view(platform: &Platform, endpoint: &Endpoint) -> Option<CloudView> {
    let call = endpoint.cloud_call()?;
    let cloud = platform.cloud.as_ref()?;
    let method = endpoint.method().map(|m| m.as_str()).unwrap_or("");
    let functions = call
        .functions
        .iter()
        .map(|(environment, function)| FunctionRow {
            environment: cell(&code(environment)),
            https: cell(&code(&format!(
                "{method} {}",
                endpoint.path_in(environment).unwrap_or("")
            ))),
            cloud: cell(&code(function)),
        })
        .collect();
    let mut request: Vec<NameRow> = endpoint.request.iter().map(name_row).collect();
    for (recipe, name) in &call.signatures {
        let wire = endpoint
            .signatures
            .iter()
            .find(|s| &s.name == recipe)
            .map_or(recipe.as_str(), |s| s.wire.as_str());
        request.push(NameRow {
            https: cell(&code(wire)),
            cloud: cell(&code(name)),
            required: "yes",
            notes: cell(&format!(
                "signature {}; in the cloud call the object the cloud SDK's signature helper returns",
                code(recipe)
            )),
        });
    }
    let mut response = Vec::new();
    if let Some(envelope) = &platform.envelope {
        response.push(NameRow {
            https: cell(&code(&envelope.code)),
            cloud: cell(&code(&cloud.code)),
            required: "yes",
            notes: "result code".to_owned(),
        });
        if let (Some(https), Some(name)) = (&envelope.message, &cloud.message) {
            response.push(NameRow {
                https: cell(&code(https)),
                cloud: cell(&code(name)),
                required: "no",
                notes: "message".to_owned(),
            });
        }
    }
    response.extend(endpoint.response.iter().map(name_row));
    Some(CloudView {
        intro: "The same call from a cloud function: the HTTPS form on the left, the cloud \
                call on the right."
            .to_owned(),
        functions,
        request,
        response,
        sample: sample(endpoint, &call.functions, &call.signatures),
    })
}

fn name_row(field: &Field) -> NameRow {
    NameRow {
        https: cell(&code(&field.wire)),
        cloud: cell(&code(field.cloud_name.as_deref().unwrap_or(&field.wire))),
        required: yes_no(field.required),
        notes: cell(field.doc.as_deref().unwrap_or("")),
    }
}

/// `const answer = await cloud.openapi.midas.present({ offerId: offer_id, … })`: one line per
/// required parameter, named after its wire name, in a fenced block.
fn sample(
    endpoint: &Endpoint,
    functions: &[(String, String)],
    signatures: &[(String, String)],
) -> String {
    let function = functions.first().map_or("", |(_, f)| f.as_str());
    let mut out = format!("```js\nconst answer = await cloud.{function}({{\n");
    for field in endpoint.request.iter().filter(|f| f.required) {
        let name = field.cloud_name.as_deref().unwrap_or(&field.wire);
        out.push_str(&format!("  {name}: {},\n", field.rust));
    }
    for (recipe, name) in signatures {
        out.push_str(&format!(
            "  {name}: {recipe}Object, // what the signature helper returns\n"
        ));
    }
    out.push_str("});\n```");
    out
}
