//! Pushes: callbacks whose values arrive partly in the URL query and partly in a JSON or XML
//! body, members addressed by path, encrypted bodies, and replies that follow the request's
//! format or echo a received value.

use super::Ctx;
use crate::diagnostics::{Code, did_you_mean};
use crate::locate::join_key;
use crate::model::{self, Endpoint, Platform, Shape};
use crate::spec::{self, Encoding, EndpointKind, FieldType, Location};

/// Checks the push keys of one endpoint and fills in its `decrypt`.
pub(super) fn check(
    ctx: &mut Ctx,
    at: &str,
    platform: &Platform,
    spec: &spec::Endpoint,
    endpoint: &mut Endpoint,
) {
    let callback = endpoint.kind() == EndpointKind::Callback;
    let encoding = endpoint.encoding;
    if encoding.reads_xml() && !callback {
        ctx.error(
            Code::NotApplicable,
            &join_key(at, "encoding"),
            "XML bodies are read from callbacks only",
            Some("use `json` or `form` for calls".into()),
        );
    }
    let structured = matches!(
        encoding,
        Encoding::Json | Encoding::Xml | Encoding::JsonOrXml
    );
    for (wire, field) in &spec.request {
        let field_at = join_key(&join_key(at, "request"), wire);
        let Some(field) = field.ok() else {
            continue;
        };
        if field.travels_in == Some(Location::Query) && !(callback && encoding.has_body()) {
            ctx.error(
                Code::NotApplicable,
                &join_key(&field_at, "in"),
                "`in: query` applies to fields of callbacks with a body",
                Some("without a body every field is in the query already".into()),
            );
        }
        if wire.contains('.') && !(callback && structured) {
            ctx.error_on_key(Code::NotApplicable,
                &field_at,
                format!("`{wire}` is a path, and paths address members of JSON or XML callback bodies only"),
                None,
            );
        }
        if field.json
            && !(callback
                && structured
                && matches!(field.ty, FieldType::String | FieldType::Object))
        {
            ctx.error(
                Code::NotApplicable,
                &join_key(&field_at, "json"),
                "`json` applies to string or object fields of JSON or XML callback bodies",
                None,
            );
        }
        if wire.contains('.') && field.travels_in == Some(Location::Query) {
            ctx.error(
                Code::Conflict,
                &join_key(&field_at, "in"),
                "a path addresses a member of the body, not the query",
                None,
            );
        }
    }
    if let Some(reply) = endpoint.reply() {
        check_reply(ctx, &join_key(at, "reply"), endpoint, reply);
    }
    if let Some(decrypt) = &spec.decrypt {
        let checked = check_decrypt(ctx, &join_key(at, "decrypt"), platform, endpoint, decrypt);
        if let Shape::Callback(callback) = &mut endpoint.shape {
            callback.decrypt = checked;
        }
    }
}

fn check_reply(ctx: &mut Ctx, at: &str, endpoint: &Endpoint, reply: &model::Reply) {
    if let Some(echo) = &reply.echo
        && endpoint.request_field(echo).is_none()
    {
        ctx.error(
            Code::UnknownName,
            &join_key(at, "echo"),
            format!("`{echo}` is not a request field"),
            did_you_mean(echo, endpoint.request.iter().map(|f| f.wire.as_str())),
        );
    }
    match (endpoint.encoding, &reply.xml) {
        (Encoding::JsonOrXml, None) => ctx.error(
            Code::MissingKey,
            at,
            "a `json_or_xml` callback answers XML requests in XML: give the replies under `xml`",
            None,
        ),
        (Encoding::JsonOrXml, Some(_)) => {}
        (_, Some(_)) => ctx.error(
            Code::NotApplicable,
            &join_key(at, "xml"),
            "`xml` replies apply to `encoding: json_or_xml` callbacks only",
            None,
        ),
        (_, None) => {}
    }
}

fn check_decrypt(
    ctx: &mut Ctx,
    at: &str,
    platform: &Platform,
    endpoint: &Endpoint,
    decrypt: &spec::Decrypt,
) -> Option<model::Decrypt> {
    let before = ctx.count();
    if endpoint.kind() != EndpointKind::Callback
        || !matches!(
            endpoint.encoding,
            Encoding::Json | Encoding::Xml | Encoding::JsonOrXml
        )
    {
        ctx.error(
            Code::NotApplicable,
            at,
            "`decrypt` applies to callbacks with a JSON or XML body",
            None,
        );
    }
    match endpoint.request_field(&decrypt.field) {
        None => ctx.error(
            Code::UnknownName,
            &join_key(at, "field"),
            format!("`{}` is not a request field", decrypt.field),
            Some("declare the ciphertext as an optional string field, `signed: false`".into()),
        ),
        Some(f) if f.required || f.ty != FieldType::String || f.in_query => ctx.error(
            Code::Invalid,
            &join_key(at, "field"),
            format!(
                "`{}` must be an optional string field of the body: plain pushes come without it",
                decrypt.field
            ),
            None,
        ),
        Some(_) => {}
    }
    for (key, name) in [("key", &decrypt.key), ("trailer", &decrypt.trailer)] {
        match platform.credential(name) {
            None => ctx.error(Code::UnknownName,
                &join_key(at, key),
                format!("`{name}` is not a credential"),
                did_you_mean(name, platform.credentials.iter().map(|c| c.name.as_str())),
            ),
            Some(c) if key == "key" && !c.secret => ctx.error(Code::Invalid,
                &join_key(at, key),
                format!("credential `{name}` holds a key: declare it `secret: true`"),
                None,
            ),
            Some(c) if c.optional => ctx.error(Code::Invalid,
                &join_key(at, key),
                format!("credential `{name}` is optional: an encrypted push could not be read without it"),
                None,
            ),
            Some(_) => {}
        }
    }
    check_sealed_signature(ctx, at, endpoint, decrypt);
    (ctx.count() == before).then(|| decrypt.clone())
}

/// The signature over the ciphertext is checked before anything is decrypted, so it may only
/// read what is readable then: query fields, the ciphertext, credentials.
fn check_sealed_signature(ctx: &mut Ctx, at: &str, endpoint: &Endpoint, decrypt: &spec::Decrypt) {
    let Some(recipe) = endpoint
        .signatures
        .iter()
        .find(|r| r.name == decrypt.signature)
    else {
        ctx.error(
            Code::UnknownName,
            &join_key(at, "signature"),
            format!("`{}` is not among the endpoint's `sign`", decrypt.signature),
            did_you_mean(
                &decrypt.signature,
                endpoint.signatures.iter().map(|r| r.name.as_str()),
            ),
        );
        return;
    };
    if recipe.travels_in != Location::Query && !endpoint.request.iter().any(|f| f.in_query) {
        ctx.error(
            Code::Invalid,
            &join_key(at, "signature"),
            format!(
                "signature `{}` must travel in the query (`in: query`)",
                recipe.name
            ),
            None,
        );
    }
    for source in recipe.plan.sources() {
        let readable = match &source {
            model::Source::Field(wire) => {
                wire == &decrypt.field || endpoint.request_field(wire).is_some_and(|f| f.in_query)
            }
            model::Source::Credential(_) | model::Source::Path => true,
            model::Source::Signature(_) | model::Source::Body => false,
        };
        if !readable {
            ctx.error(Code::Order,
                &join_key(at, "signature"),
                format!(
                    "signature `{}` reads `{}`, which is not known before decrypting (only query fields, `{}` and credentials are)",
                    recipe.name,
                    source.name(),
                    decrypt.field
                ),
                None,
            );
        }
    }
}
