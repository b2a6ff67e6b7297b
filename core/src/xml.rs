//! XML bodies as (name, value) pairs: the `<xml><Name>value</Name>…</xml>` documents some
//! platforms push (WeChat message push in XML mode), and the same document written back.
//!
//! The root element's children are the fields; text and CDATA are their values, unescaped
//! and otherwise exactly as received. A child with children of its own gives one pair per
//! leaf, named by its path (`MiniGame.Payload`). Repeated names are kept, so that a verifier
//! can refuse them. Nothing here panics on any input.

use quick_xml::Reader;
use quick_xml::events::Event;

/// Why a body is not an XML document of fields.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("malformed XML body: {0}")]
pub struct XmlError(String);

/// Deepest element nesting accepted; platform pushes are two or three levels deep.
const MAX_DEPTH: usize = 16;

/// The leaf values of an XML document's root element, by dotted path, in document order.
pub fn xml_pairs(body: &str) -> Result<Vec<(String, String)>, XmlError> {
    let mut reader = Reader::from_str(body);
    let mut path: Vec<String> = Vec::new();
    // Text of the innermost open element, and whether it has element children.
    let mut text = String::new();
    let mut has_children: Vec<bool> = Vec::new();
    let mut pairs = Vec::new();
    let mut seen_root = false;
    loop {
        let event = reader.read_event().map_err(|e| XmlError(e.to_string()))?;
        match event {
            Event::Start(start) => {
                if path.is_empty() && seen_root {
                    return Err(XmlError("more than one root element".into()));
                }
                seen_root = true;
                if let Some(parent) = has_children.last_mut() {
                    *parent = true;
                }
                if path.len() >= MAX_DEPTH {
                    return Err(XmlError("elements nested too deeply".into()));
                }
                let name = String::from_utf8(start.name().as_ref().to_vec())
                    .map_err(|_| XmlError("element name is not UTF-8".into()))?;
                path.push(name);
                has_children.push(false);
                text.clear();
            }
            Event::Empty(empty) => {
                if path.is_empty() {
                    if seen_root {
                        return Err(XmlError("more than one root element".into()));
                    }
                    seen_root = true;
                    continue;
                }
                if let Some(parent) = has_children.last_mut() {
                    *parent = true;
                }
                let name = String::from_utf8(empty.name().as_ref().to_vec())
                    .map_err(|_| XmlError("element name is not UTF-8".into()))?;
                pairs.push((dotted(&path[1..], &name), String::new()));
            }
            Event::Text(t) => {
                let unescaped = t.unescape().map_err(|e| XmlError(e.to_string()))?;
                text.push_str(&unescaped);
            }
            Event::CData(c) => {
                let raw =
                    std::str::from_utf8(&c).map_err(|_| XmlError("CDATA is not UTF-8".into()))?;
                text.push_str(raw);
            }
            Event::End(_) => {
                let name = path.pop().unwrap_or_default();
                let parent_of_leaf = has_children.pop().unwrap_or(false);
                // The root itself is no field; a leaf below it is.
                if !path.is_empty() && !parent_of_leaf {
                    pairs.push((dotted(&path[1..], &name), std::mem::take(&mut text)));
                }
                text.clear();
            }
            Event::Eof => break,
            // Declarations, comments, processing instructions carry no fields.
            _ => {}
        }
    }
    if !seen_root || !path.is_empty() {
        return Err(XmlError("no complete root element".into()));
    }
    Ok(pairs)
}

fn dotted(parents: &[String], name: &str) -> String {
    let mut out = String::new();
    for p in parents {
        out.push_str(p);
        out.push('.');
    }
    out.push_str(name);
    out
}

/// Writes `<xml>` with one child per pair, each value in CDATA (split where it contains
/// `]]>`), dotted names as nested elements in order: the form platforms push.
pub fn write_xml(pairs: &[(String, String)]) -> String {
    let mut out = String::from("<xml>");
    let mut open: Vec<&str> = Vec::new();
    for (name, value) in pairs {
        let parts: Vec<&str> = name.split('.').collect();
        let (parents, leaf) = parts.split_at(parts.len() - 1);
        let common = open.iter().zip(parents).take_while(|(a, b)| a == b).count();
        while open.len() > common {
            let closed = open.pop().unwrap_or_default();
            out.push_str(&format!("</{closed}>"));
        }
        for p in &parents[common..] {
            out.push_str(&format!("<{p}>"));
            open.push(p);
        }
        let leaf = leaf[0];
        out.push_str(&format!("<{leaf}><![CDATA["));
        out.push_str(&value.replace("]]>", "]]]]><![CDATA[>"));
        out.push_str(&format!("]]></{leaf}>"));
    }
    while let Some(closed) = open.pop() {
        out.push_str(&format!("</{closed}>"));
    }
    out.push_str("</xml>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(body: &str) -> Vec<(String, String)> {
        xml_pairs(body).unwrap()
    }

    #[test]
    fn reads_fields_cdata_and_paths() {
        let body = "<xml><ToUserName><![CDATA[gh_1]]></ToUserName>\n<CreateTime>17</CreateTime>\
                    <MiniGame><Payload><![CDATA[{\"a\":1}]]></Payload><IsMock>true</IsMock></MiniGame>\
                    <Note>a &amp; b</Note><Empty/></xml>";
        let got = pairs(body);
        let expect = [
            ("ToUserName", "gh_1"),
            ("CreateTime", "17"),
            ("MiniGame.Payload", "{\"a\":1}"),
            ("MiniGame.IsMock", "true"),
            ("Note", "a & b"),
            ("Empty", ""),
        ];
        let expect: Vec<(String, String)> = expect
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        assert_eq!(got, expect);
    }

    #[test]
    fn writes_what_it_reads() {
        let written = vec![
            ("Event".to_string(), "e]]>x".to_string()),
            (
                "MiniGame.Payload".to_string(),
                "{\"a\":\"<b>\"}".to_string(),
            ),
            ("MiniGame.IsMock".to_string(), "false".to_string()),
            ("Tail".to_string(), "元".to_string()),
        ];
        let xml = write_xml(&written);
        assert!(xml.starts_with("<xml><Event><![CDATA[e]]]]><![CDATA[>x]]></Event><MiniGame>"));
        assert_eq!(pairs(&xml), written);
    }

    #[test]
    fn refuses_broken_documents() {
        for bad in [
            "",
            "plain",
            "<xml><a>1</b></xml>",
            "<xml><a>1</a>",
            "<a/><b/>",
        ] {
            assert!(xml_pairs(bad).is_err(), "{bad}");
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics(body in "[<>/a-z!\\[\\]CDAT&;x ]{0,60}") {
            let _ = xml_pairs(&body);
        }
    }
}
