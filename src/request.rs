//! A request ready to send, built without any I/O, and the writers that encode it.

use gamechannel_core::{WireValue, percent_encode_into};

pub use gamechannel_core::json_string_into;

/// Everything needed to send one call: the caller's HTTP client does the rest.
///
/// `Debug` shows the path without its query and only the body's length: the query carries
/// credentials such as `access_token`, and a body may carry an AppSecret.
#[derive(Clone, PartialEq, Eq)]
pub struct PreparedRequest {
    /// `GET` or `POST`.
    pub method: &'static str,
    /// Path plus `?query` when there is one, to append to the environment's base URL.
    pub path_and_query: String,
    /// Encoded body, for `form` and `json` endpoints.
    pub body: Option<String>,
    /// Content type of the body.
    pub content_type: Option<&'static str>,
}

impl std::fmt::Debug for PreparedRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = self.path_and_query.split('?').next().unwrap_or_default();
        f.debug_struct("PreparedRequest")
            .field("method", &self.method)
            .field("path", &path)
            .field("body_len", &self.body.as_ref().map(String::len))
            .field("content_type", &self.content_type)
            .finish()
    }
}

impl PreparedRequest {
    /// The full URL against a base URL such as `https://api.weixin.qq.com`.
    pub fn url(&self, base_url: &str) -> String {
        format!("{}{}", base_url.trim_end_matches('/'), self.path_and_query)
    }
}

/// Writes `name=value` pairs percent-encoded, for query strings and form bodies.
#[derive(Debug, Clone, Default)]
pub struct PairWriter {
    out: String,
}

impl PairWriter {
    /// An empty writer.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends one pair.
    pub fn pair<V: WireValue + ?Sized>(&mut self, name: &str, value: &V) {
        if !self.out.is_empty() {
            self.out.push('&');
        }
        percent_encode_into(&mut self.out, name);
        self.out.push('=');
        value.write_wire_percent(&mut self.out);
    }

    /// `path` followed by `?pairs` when any were written.
    pub fn after_path(self, path: &str) -> String {
        if self.out.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?{}", self.out)
        }
    }

    /// The pairs written so far, joined by `&`.
    pub fn as_str(&self) -> &str {
        &self.out
    }

    /// The pairs joined by `&`.
    pub fn finish(self) -> String {
        self.out
    }
}

/// Writes one flat JSON object member by member; ints stay numbers.
#[derive(Debug, Clone)]
pub struct JsonWriter {
    out: String,
}

impl Default for JsonWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl JsonWriter {
    /// An empty object.
    pub fn new() -> Self {
        Self {
            out: String::from("{"),
        }
    }

    fn key(&mut self, name: &str) {
        if self.out.len() > 1 {
            self.out.push(',');
        }
        json_string_into(&mut self.out, name);
        self.out.push(':');
    }

    /// A string member (anything whose wire form is text: strings, decimals, keys, signatures).
    pub fn text<V: WireValue + ?Sized>(&mut self, name: &str, value: &V) {
        self.key(name);
        let mut raw = String::new();
        value.write_wire(&mut raw);
        json_string_into(&mut self.out, &raw);
    }

    /// An integer or boolean member, written bare.
    pub fn bare<V: WireValue + ?Sized>(&mut self, name: &str, value: &V) {
        self.key(name);
        value.write_wire(&mut self.out);
    }

    /// A nested object member, serialized with serde.
    pub fn nested<T: serde::Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        self.key(name);
        // Plain derived structs of strings and numbers cannot fail to serialize.
        match serde_json::to_string(value) {
            Ok(json) => self.out.push_str(&json),
            Err(_) => self.out.push_str("null"),
        }
    }

    /// The closed object.
    pub fn finish(mut self) -> String {
        self.out.push('}');
        self.out
    }
}

/// `s` JSON-escaped without the surrounding quotes (for `{message}` in JSON reply templates).
pub fn json_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    json_string_into(&mut out, s);
    out[1..out.len() - 1].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writers() {
        let mut q = PairWriter::new();
        assert_eq!(PairWriter::new().after_path("/p"), "/p");
        q.pair("sig", "o/n=");
        q.pair("n", &5i64);
        assert_eq!(q.after_path("/p"), "/p?sig=o%2Fn%3D&n=5");
        let mut j = JsonWriter::new();
        j.text("a", "x\"y");
        j.bare("n", &-3i64);
        j.nested("o", &serde_json::json!({"k": 1}));
        assert_eq!(j.finish(), r#"{"a":"x\"y","n":-3,"o":{"k":1}}"#);
        assert_eq!(JsonWriter::new().finish(), "{}");
        assert_eq!(json_escape("a\"\u{1}"), "a\\\"\\u0001");
        let p = PreparedRequest {
            method: "GET",
            path_and_query: "/x?a=1".into(),
            body: None,
            content_type: None,
        };
        assert_eq!(p.url("https://h/"), "https://h/x?a=1");
    }
}
