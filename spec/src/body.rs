//! The raw body of a `call` request, as the generated client writes it, so that the
//! interpreter (`gamechannel sign`, examples) signs `{body}` over the same bytes the client
//! sends; and the other way round, the fields a given raw body carries.

use gamechannel_core::{json_string_into, percent_encode_into};

use crate::eval::lookup;
use crate::model::{Encoding, Endpoint, FieldType, Location, Platform};

/// The body the generated client sends for these values: request fields in declaration order
/// (an optional one left out when absent, or empty where the endpoint omits empty values),
/// then the credentials that travel in the body. Ints and bools are bare JSON, objects are
/// their JSON text as given, everything else a JSON string; form bodies are `name=value`
/// pairs percent-encoded. Empty for `query` endpoints.
pub fn request_body(
    platform: &Platform,
    endpoint: &Endpoint,
    fields: &[(String, String)],
    credentials: &[(String, String)],
) -> String {
    let mut writer = match endpoint.encoding {
        // Calls send no XML (the validator refuses it), and a query carries no body.
        Encoding::Query | Encoding::Xml | Encoding::JsonOrXml => return String::new(),
        Encoding::Json => Writer::Json(String::from("{")),
        Encoding::Form => Writer::Form(String::new()),
    };
    for field in &endpoint.request {
        let Some(value) = lookup(fields, &field.wire) else {
            continue;
        };
        if endpoint.leaves_out(field, value) {
            continue;
        }
        let bare = matches!(
            field.ty,
            FieldType::Int | FieldType::Bool | FieldType::Object
        );
        writer.member(&field.wire, value, bare);
    }
    let in_body = platform
        .credentials
        .iter()
        .filter(|c| c.travels_in == Some(Location::Body) && endpoint.sends.contains(&c.name));
    for credential in in_body {
        if let Some(value) = lookup(credentials, &credential.name) {
            writer.member(&credential.name, value, false);
        }
    }
    writer.finish()
}

/// The (name, wire text) pairs of a raw body, as a platform reads them.
pub fn body_fields(endpoint: &Endpoint, body: &str) -> Result<Vec<(String, String)>, String> {
    match endpoint.encoding {
        Encoding::Json => crate::values::json_pairs(body),
        Encoding::Form => Ok(gamechannel_core::parse_query(body.trim_end())
            .map_err(|e| format!("the body is not a form: {e}"))?
            .into_iter()
            .map(|(n, v)| (n.into_owned(), v.into_owned()))
            .collect()),
        Encoding::Query => Err(format!(
            "endpoint '{}' sends no body (its parameters travel in the query)",
            endpoint.name
        )),
        Encoding::Xml | Encoding::JsonOrXml => Err(format!(
            "endpoint '{}' is read from an XML push: give its values as FIELD=VALUE",
            endpoint.name
        )),
    }
}

enum Writer {
    Json(String),
    Form(String),
}

impl Writer {
    fn member(&mut self, name: &str, value: &str, bare: bool) {
        match self {
            Writer::Json(out) => {
                if out.len() > 1 {
                    out.push(',');
                }
                json_string_into(out, name);
                out.push(':');
                if bare {
                    out.push_str(value);
                } else {
                    json_string_into(out, value);
                }
            }
            Writer::Form(out) => {
                if !out.is_empty() {
                    out.push('&');
                }
                percent_encode_into(out, name);
                out.push('=');
                percent_encode_into(out, value);
            }
        }
    }

    fn finish(self) -> String {
        match self {
            Writer::Json(mut out) => {
                out.push('}');
                out
            }
            Writer::Form(out) => out,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Credential, Field};

    fn field(wire: &str, ty: FieldType, required: bool) -> Field {
        Field {
            wire: wire.to_owned(),
            rust: wire.to_owned(),
            ty,
            required,
            signed: true,
            ..Field::default()
        }
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    fn endpoint(encoding: Encoding) -> Endpoint {
        Endpoint {
            name: "pay".to_owned(),
            encoding,
            omit_empty: true,
            sends: vec!["token".to_owned()],
            request: vec![
                field("openid", FieldType::String, true),
                field("env", FieldType::Int, true),
                field("remark", FieldType::String, false),
                field("note", FieldType::String, false),
            ],
            ..Endpoint::default()
        }
    }

    fn platform(token_in: Location) -> Platform {
        Platform {
            credentials: vec![Credential {
                name: "token".to_owned(),
                travels_in: Some(token_in),
                ..Credential::default()
            }],
            ..Platform::default()
        }
    }

    #[test]
    fn json_in_declaration_order_compact_with_utf8_and_escapes() {
        let values = pairs(&[
            ("remark", "备注 \"x\"\n"),
            ("env", "0"),
            ("openid", "o1"),
            ("note", ""),
        ]);
        let body = request_body(
            &platform(Location::Body),
            &endpoint(Encoding::Json),
            &values,
            &pairs(&[("token", "T")]),
        );
        assert_eq!(
            body,
            r#"{"openid":"o1","env":0,"remark":"备注 \"x\"\n","token":"T"}"#
        );
        assert_eq!(
            body_fields(&endpoint(Encoding::Json), &body).expect("JSON")[2].1,
            "备注 \"x\"\n"
        );
    }

    #[test]
    fn query_credentials_stay_out_and_forms_are_percent_encoded() {
        let values = pairs(&[("openid", "a b&c"), ("env", "1")]);
        let body = request_body(
            &platform(Location::Query),
            &endpoint(Encoding::Form),
            &values,
            &pairs(&[("token", "T")]),
        );
        assert_eq!(body, "openid=a%20b%26c&env=1");
        let back = body_fields(&endpoint(Encoding::Form), &body).expect("form");
        assert_eq!(back, values);
        assert!(body_fields(&endpoint(Encoding::Query), "").is_err());
    }
}
