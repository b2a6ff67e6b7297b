//! Pushes: a callback's query and body read together, JSON or XML bodies, and encrypted
//! bodies opened before their fields are read (WeChat message push in safe mode).

use std::borrow::Cow;

use crate::Secret;
use crate::callback::{CallbackRejection, RawPairs};

/// The format a push body arrived in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyFormat {
    /// A JSON object.
    Json,
    /// An XML document (`<xml>…</xml>`).
    Xml,
}

impl BodyFormat {
    /// The format of a body that may be either: XML when it starts with `<` (after blanks).
    pub fn sniff(body: &str) -> Self {
        if body.trim_start().starts_with('<') {
            BodyFormat::Xml
        } else {
            BodyFormat::Json
        }
    }
}

impl<'a> RawPairs<'a> {
    /// The fields of a body in `format`: members by path (`MiniGame.Payload`) for both.
    pub fn from_body(format: BodyFormat, raw: &'a str) -> Result<Self, CallbackRejection> {
        match format {
            BodyFormat::Json => Self::from_json(raw),
            BodyFormat::Xml => Self::from_xml(raw),
        }
    }

    /// The leaves of an `<xml>` document's root element, by path, text and CDATA unescaped.
    pub fn from_xml(raw: &str) -> Result<Self, CallbackRejection> {
        let pairs = gamechannel_core::xml_pairs(raw)
            .map_err(|e| CallbackRejection::Malformed(e.to_string()))?;
        Ok(Self {
            pairs: pairs
                .into_iter()
                .map(|(n, v)| (Cow::Owned(n), Cow::Owned(v)))
                .collect(),
        })
    }

    /// These pairs followed by `other`'s (the query's, then the body's): a name in both is
    /// received twice, and refused when read.
    pub fn and(mut self, other: RawPairs<'a>) -> Self {
        self.pairs.extend(other.pairs);
        self
    }

    /// These pairs with one more.
    pub fn with(mut self, name: &'static str, value: String) -> Self {
        self.pairs.push((Cow::Borrowed(name), Cow::Owned(value)));
        self
    }

    /// Opens the ciphertext in `field` (base64, sealed as
    /// [`gamechannel_core::sealed`] describes) with the key text `key`, checks that it is
    /// meant for `recipient`, and appends the decrypted message's fields, read in `format`.
    pub fn opened(
        self,
        field: &'static str,
        key: &Secret,
        recipient: &str,
        format: BodyFormat,
    ) -> Result<Self, CallbackRejection> {
        let ciphertext = self.require(field)?;
        let opened = gamechannel_core::sealed::open(key.expose(), ciphertext)
            .map_err(CallbackRejection::Undecryptable)?;
        if !gamechannel_core::ct_eq(&opened.trailer, recipient) {
            return Err(CallbackRejection::WrongRecipient);
        }
        let inner = RawPairs::from_body(format, &opened.message)?;
        let inner: Vec<_> = inner
            .pairs
            .into_iter()
            .filter(|(n, _)| n != field)
            .map(|(n, v)| (Cow::Owned(n.into_owned()), Cow::Owned(v.into_owned())))
            .collect();
        let mut out = self;
        out.pairs.extend(inner);
        Ok(out)
    }
}

impl RawPairs<'_> {
    /// These pairs followed by the members of the fields `names`, each a JSON document carried
    /// as a string, by path (`MiniGame.Payload.OutTradeNo`); the strings stay as received.
    pub fn with_json_members(mut self, names: &[&str]) -> Result<Self, CallbackRejection> {
        for name in names {
            let documents: Vec<String> = self
                .pairs
                .iter()
                .filter(|(n, _)| n == name)
                .map(|(_, v)| v.clone().into_owned())
                .collect();
            for document in documents {
                let members = gamechannel_core::json_pairs(&document)
                    .map_err(|e| CallbackRejection::Malformed(format!("{name}: {e}")))?;
                let owned: Vec<_> = members
                    .into_iter()
                    .map(|(n, v)| {
                        (
                            Cow::Owned(format!("{name}.{n}")),
                            Cow::Owned(v.into_owned()),
                        )
                    })
                    .collect();
                self.pairs.extend(owned);
            }
        }
        Ok(self)
    }
}

/// A reply template with `{message}` replaced by `reason`, escaped for XML text (`<`, `&`
/// and `>`, which also keeps a CDATA section closed where the template has one).
pub fn xml_failure_reply(template: &str, reason: &str) -> String {
    let escaped = reason
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    template.replace("{message}", &escaped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_pushes_read_by_path() {
        let raw = "<xml><Event><![CDATA[e]]></Event><MiniGame><Payload>{\"a\":1}</Payload></MiniGame></xml>";
        let pairs = RawPairs::from_body(BodyFormat::sniff(raw), raw).unwrap();
        assert_eq!(pairs.get("Event").unwrap(), Some("e"));
        assert_eq!(pairs.get("MiniGame.Payload").unwrap(), Some("{\"a\":1}"));
        assert!(RawPairs::from_xml("<xml><a></xml>").is_err());
    }

    #[test]
    fn sealed_bodies_open_for_their_recipient_only() {
        let key = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        let sealed =
            gamechannel_core::sealed::seal(key, [3; 16], r#"{"Event":"e","Encrypt":"x"}"#, "wx1")
                .unwrap();
        let outer = RawPairs::from_query("timestamp=1")
            .unwrap()
            .with("Encrypt", sealed);
        let secret = Secret::new(key);
        let opened = outer
            .opened("Encrypt", &secret, "wx1", BodyFormat::Json)
            .unwrap();
        assert_eq!(opened.get("Event").unwrap(), Some("e"));
        assert_eq!(opened.get("timestamp").unwrap(), Some("1"));
        assert!(
            opened.get("Encrypt").is_ok(),
            "the inner Encrypt is not a second copy"
        );
        let outer = RawPairs::from_query("")
            .unwrap()
            .with("Encrypt", "AAAA".into());
        assert!(matches!(
            outer.opened("Encrypt", &secret, "wx1", BodyFormat::Json),
            Err(CallbackRejection::Undecryptable(_))
        ));
    }

    #[test]
    fn xml_reasons_are_escaped() {
        let reply = xml_failure_reply(
            "<xml><ErrMsg><![CDATA[{message}]]></ErrMsg></xml>",
            "a]]><b>",
        );
        assert_eq!(
            reply,
            "<xml><ErrMsg><![CDATA[a]]&gt;&lt;b&gt;]]></ErrMsg></xml>"
        );
    }
}
