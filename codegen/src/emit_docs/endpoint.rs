//! The view of one endpoint: its heading, paths, fields, signatures, replies and results.

use serde::Serialize;

use super::*;

#[derive(Serialize)]
pub(super) struct EndpointView {
    kind: &'static str,
    heading: String,
    anchor: String,
    /// The platform's own name, for the table of contents and under the heading.
    title: Option<String>,
    doc: Option<String>,
    /// `call`: one row per environment.
    paths: Vec<PathRow>,
    /// How the request (or callback) travels, as a sentence.
    transport: Option<String>,
    /// Credentials that travel with each request, as a sentence.
    sends: Option<String>,
    /// `call`: whether an automatic retry is safe.
    retry: Option<String>,
    /// `frontend`: the SDK function.
    sdk_function: Option<String>,
    /// Heading of the request table, which differs by kind.
    request_heading: &'static str,
    request: Vec<FieldRow>,
    response: Vec<FieldRow>,
    reply: Option<ReplyView>,
    /// How an encrypted body is opened, for callbacks with `decrypt`.
    decrypt: Option<String>,
    timestamp: Option<String>,
    signatures: Vec<SignatureView>,
    examples: Vec<ExampleView>,
    errors: Vec<ErrorRow>,
    results: Vec<ResultRow>,
    /// `call`: its cloud-call form, next to the HTTPS one.
    cloud: Option<CloudView>,
    /// `frontend`: the callback endpoint that confirms the outcome to the game server.
    notify: Option<String>,
}

impl EndpointView {
    pub(super) fn new(platform: &Platform, endpoint: &Endpoint) -> Self {
        let kind = kind_name(endpoint.kind());
        let heading = format!("{} ({kind})", code(&endpoint.name));
        let method = endpoint.method().map(Method::as_str).unwrap_or("");
        let page = endpoint.frontend();
        let transport = match &endpoint.shape {
            Shape::Call(call) => {
                let constants: Vec<String> = call
                    .query_constants
                    .iter()
                    .map(|(name, value)| code(&format!("{name}={value}")))
                    .collect();
                let constants = match constants.is_empty() {
                    true => String::new(),
                    false => format!(
                        " Every request also carries {} in the query (fixed, not signed).",
                        constants.join(", ")
                    ),
                };
                Some(format!(
                    "Parameters travel {}.{constants}",
                    encoding_text(endpoint.encoding)
                ))
            }
            Shape::Callback(_) => Some(callback_transport(endpoint, method)),
            Shape::Frontend(_) => None,
        };
        let sends: Vec<String> = endpoint
            .sends
            .iter()
            .map(|name| {
                let place = platform
                    .credential(name)
                    .and_then(|c| c.travels_in)
                    .map_or("", |l| match l {
                        Location::Query => " in the query string",
                        Location::Body => " in the body",
                    });
                format!("{}{place}", code(name))
            })
            .collect();
        let sends = (!sends.is_empty())
            .then(|| format!("Credentials sent with every request: {}.", sends.join(", ")));
        let retry = endpoint
            .call()
            .map(|call| match (&call.idempotency_key, call.read_only) {
                (_, true) => "yes — read-only".to_owned(),
                (Some(key), false) => format!("yes — idempotency key {}", code(key)),
                (None, false) => "no — never retried automatically".to_owned(),
            });
        EndpointView {
            kind,
            anchor: anchor(&format!("{} ({kind})", endpoint.name)),
            heading,
            title: endpoint.title.as_deref().map(one_line),
            doc: endpoint.doc.as_deref().map(paragraph),
            paths: endpoint
                .call()
                .iter()
                .flat_map(|c| &c.paths)
                .map(|p| PathRow {
                    environment: cell(&code(&p.environment)),
                    method: method.to_owned(),
                    path: cell(&code(&p.path)),
                    url: platform
                        .environments
                        .iter()
                        .find(|e| e.name == p.environment)
                        .map(|e| cell(&code(&format!("{}{}", e.base_url, p.path))))
                        .unwrap_or_default(),
                })
                .collect(),
            transport,
            sends,
            retry,
            sdk_function: page.and_then(|p| p.sdk_function.as_deref()).map(code),
            request_heading: match endpoint.kind() {
                EndpointKind::Call => "Request fields",
                EndpointKind::Callback => "Received fields",
                EndpointKind::Frontend => "Payload fields",
            },
            request: field_rows(&endpoint.request, &signed_fields(&endpoint.signatures)),
            response: field_rows(&endpoint.response, &BTreeSet::new()),
            reply: endpoint.reply().map(|r| ReplyView {
                content_type: code(&r.content_type),
                success: match &r.echo {
                    Some(echo) => format!("the received {}, unchanged", code(echo)),
                    None => code(&r.success),
                },
                failure: code(&r.failure),
                failure_has_message: r.failure.contains("{message}"),
                failure_status: (r.failure_status != 200).then_some(r.failure_status),
                xml: r.xml.as_ref().map(|x| XmlReplyView {
                    content_type: code(&x.content_type),
                    success: code(&x.success),
                    failure: code(&x.failure),
                }),
                doc: r.doc.as_deref().map(paragraph),
            }),
            decrypt: endpoint.decrypt().map(decrypt_text),
            timestamp: endpoint.timestamp().map(|t| code(&t.field)),
            signatures: endpoint
                .signatures
                .iter()
                .map(|s| signature_view(s, endpoint.kind()))
                .collect(),
            examples: endpoint.examples.iter().map(ExampleView::new).collect(),
            errors: endpoint.errors.iter().map(ErrorRow::new).collect(),
            results: page
                .iter()
                .flat_map(|p| &p.results)
                .map(|r| ResultRow {
                    code: r.code.to_string(),
                    name: cell(&code(&r.name)),
                    when: cell(&result_when(r)),
                    doc: cell(r.doc.as_deref().unwrap_or("")),
                })
                .collect(),
            cloud: cloud_view(platform, endpoint),
            notify: page.and_then(|p| p.notify.as_deref()).map(|n| {
                format!(
                    "The outcome reaches the game server only by {}; deliver on it, never on the page's result code.",
                    link_to(n, "callback")
                )
            }),
        }
    }
}

#[derive(Serialize)]
struct ResultRow {
    code: String,
    name: String,
    /// `success`, or the situations the SDK answers it in.
    when: String,
    doc: String,
}

/// `success`, or `bad_parameter, bad_signature`: what a result code stands for.
fn result_when(result: &crate::model::ResultCode) -> String {
    if result.ok {
        return "success".to_owned();
    }
    result
        .when
        .iter()
        .map(|when| when.name().to_owned())
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(Serialize)]
struct PathRow {
    environment: String,
    method: String,
    path: String,
    url: String,
}

#[derive(Serialize)]
struct ReplyView {
    content_type: String,
    success: String,
    failure: String,
    /// Whether to explain the `{message}` placeholder, which only some replies use.
    failure_has_message: bool,
    /// The HTTP status of a refusal, when it is not 200.
    failure_status: Option<u16>,
    /// The replies to an XML request, for `json_or_xml` callbacks.
    xml: Option<XmlReplyView>,
    doc: Option<String>,
}
