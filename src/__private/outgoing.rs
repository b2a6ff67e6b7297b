//! Building a call's request: one writer for the query string and the body, whatever the
//! endpoint's encoding, so that generated `prepare_at` is one line per parameter.

use gamechannel_core::WireValue;

use crate::request::{JsonWriter, PairWriter, PreparedRequest};

/// How an endpoint's parameters travel (the spec's `encoding`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Everything in the query string.
    Query,
    /// A `application/x-www-form-urlencoded` body.
    Form,
    /// A JSON object body.
    Json,
}

enum Body {
    None,
    Form(PairWriter),
    Json(JsonWriter),
}

/// Writes one request: parameters go to the body unless the encoding is `query` or the
/// parameter is written with [`Self::query`] (a credential that always travels in the query).
pub struct RequestWriter {
    method: &'static str,
    query: PairWriter,
    body: Body,
    omit_empty: bool,
}

impl RequestWriter {
    /// A `GET` request.
    pub fn get(encoding: Encoding) -> Self {
        Self::new("GET", encoding)
    }

    /// A `POST` request.
    pub fn post(encoding: Encoding) -> Self {
        Self::new("POST", encoding)
    }

    fn new(method: &'static str, encoding: Encoding) -> Self {
        let body = match encoding {
            Encoding::Query => Body::None,
            Encoding::Form => Body::Form(PairWriter::new()),
            Encoding::Json => Body::Json(JsonWriter::new()),
        };
        Self {
            method,
            query: PairWriter::new(),
            body,
            omit_empty: false,
        }
    }

    /// Optional parameters that are present but empty are not sent (the spec's `skip_empty`).
    pub fn omit_empty(mut self) -> Self {
        self.omit_empty = true;
        self
    }

    /// A text parameter (strings, decimals, keys, signatures): a JSON string in JSON bodies.
    pub fn text<V: WireValue + ?Sized>(&mut self, name: &str, value: &V) {
        match &mut self.body {
            Body::None => self.query.pair(name, value),
            Body::Form(form) => form.pair(name, value),
            Body::Json(json) => json.text(name, value),
        }
    }

    /// An int or bool parameter: bare in JSON bodies.
    pub fn bare<V: WireValue + ?Sized>(&mut self, name: &str, value: &V) {
        match &mut self.body {
            Body::None => self.query.pair(name, value),
            Body::Form(form) => form.pair(name, value),
            Body::Json(json) => json.bare(name, value),
        }
    }

    /// An object parameter: nested in JSON bodies, its JSON text elsewhere.
    pub fn object<T: serde::Serialize>(&mut self, name: &str, value: &T) {
        match &mut self.body {
            Body::Json(json) => json.nested(name, value),
            _ => self.text(name, &super::signing::JsonText(value)),
        }
    }

    /// A text parameter that travels in the query string whatever the encoding.
    pub fn query<V: WireValue + ?Sized>(&mut self, name: &str, value: &V) {
        self.query.pair(name, value);
    }

    /// An optional [`Self::text`].
    pub fn opt_text<V: WireValue + ?Sized>(&mut self, name: &str, value: Option<&V>) {
        if let Some(value) = self.present(value) {
            self.text(name, value);
        }
    }

    /// An optional [`Self::bare`].
    pub fn opt_bare<V: WireValue + ?Sized>(&mut self, name: &str, value: Option<&V>) {
        if let Some(value) = self.present(value) {
            self.bare(name, value);
        }
    }

    /// An optional [`Self::object`]; never omitted as empty.
    pub fn opt_object<T: serde::Serialize>(&mut self, name: &str, value: Option<&T>) {
        if let Some(value) = value {
            self.object(name, value);
        }
    }

    fn present<'v, V: WireValue + ?Sized>(&self, value: Option<&'v V>) -> Option<&'v V> {
        value.filter(|v| !(self.omit_empty && v.is_empty_wire()))
    }

    /// The body written so far, without the query: what recipes signing `{body}` cover.
    pub fn body_text(&self) -> String {
        match &self.body {
            Body::None => String::new(),
            Body::Form(form) => form.as_str().to_owned(),
            Body::Json(json) => json.clone().finish(),
        }
    }

    /// The finished request, sent to `path`, with `body` (what [`Self::body_text`] gave and a
    /// signature covers) as its body, byte for byte: nothing is serialized again.
    pub fn finish_with_body(self, path: &str, body: String) -> PreparedRequest {
        debug_assert_eq!(
            self.body_text(),
            body,
            "the body changed after it was signed"
        );
        let content_type = match self.body {
            Body::None => None,
            Body::Form(_) => Some("application/x-www-form-urlencoded"),
            Body::Json(_) => Some("application/json"),
        };
        PreparedRequest {
            method: self.method,
            path_and_query: self.query.after_path(path),
            body: content_type.map(|_| body),
            content_type,
        }
    }

    /// The finished request, sent to `path`.
    pub fn finish(self, path: &str) -> PreparedRequest {
        let (body, content_type) = match self.body {
            Body::None => (None, None),
            Body::Form(form) => (
                Some(form.finish()),
                Some("application/x-www-form-urlencoded"),
            ),
            Body::Json(json) => (Some(json.finish()), Some("application/json")),
        };
        PreparedRequest {
            method: self.method,
            path_and_query: self.query.after_path(path),
            body,
            content_type,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        let mut get = RequestWriter::get(Encoding::Query).omit_empty();
        get.text("a", "x y");
        get.bare("n", &5i64);
        get.opt_text("e", Some(""));
        get.opt_text::<str>("f", None);
        let get = get.finish("/p");
        assert_eq!(get.path_and_query, "/p?a=x%20y&n=5");
        assert_eq!((get.body, get.content_type), (None, None));

        let mut json = RequestWriter::post(Encoding::Json);
        json.text("a", "1");
        json.bare("n", &5i64);
        json.opt_text("e", Some(""));
        json.query("access_token", "t");
        assert_eq!(json.body_text(), r#"{"a":"1","n":5,"e":""}"#);
        let json = json.finish("/p");
        assert_eq!(json.path_and_query, "/p?access_token=t");
        assert_eq!(json.content_type, Some("application/json"));

        // The body signed is the body sent: signatures after it go to the query only.
        let mut signed = RequestWriter::post(Encoding::Json);
        signed.text("remark", "备注");
        let body = signed.body_text();
        signed.query("pay_sig", "s");
        let signed = signed.finish_with_body("/p", body.clone());
        assert_eq!(signed.body.as_deref(), Some(body.as_str()));
        assert_eq!(body, r#"{"remark":"备注"}"#);
        assert_eq!(signed.path_and_query, "/p?pay_sig=s");

        let mut form = RequestWriter::post(Encoding::Form);
        form.text("a", "1");
        form.object("o", &serde_json::json!({"x": 1}));
        let form = form.finish("/p");
        assert_eq!(form.body.as_deref(), Some("a=1&o=%7B%22x%22%3A1%7D"));
    }
}
