//! Decoding a call's response: read the envelope's code, then the typed response.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::error::Error;

/// How a platform's responses say success (from the spec's `envelope`).
#[derive(Debug, Clone, Copy)]
pub struct Envelope {
    /// Code field wire name.
    pub code: &'static str,
    /// Message field wire name.
    pub message: Option<&'static str>,
    /// Success value.
    pub ok: i64,
    /// A response without the code field is a success.
    pub missing_is_ok: bool,
}

/// Decodes `body`: an error code becomes `Error::Api` with the raw code, success the typed `T`.
pub fn decode<T: DeserializeOwned>(body: &[u8], envelope: &Envelope) -> Result<T, Error<i64>> {
    let object: Map<String, Value> =
        serde_json::from_slice(body).map_err(|e| Error::decode(e, body))?;
    let code = match object.get(envelope.code) {
        None if envelope.missing_is_ok => envelope.ok,
        None => {
            let reason = format!("no `{}` field", envelope.code);
            return Err(Error::decode(reason, body));
        }
        Some(value) => code_of(value)
            .ok_or_else(|| Error::decode(format!("`{}` is not an integer", envelope.code), body))?,
    };
    if code != envelope.ok {
        let message = envelope
            .message
            .and_then(|m| object.get(m))
            .map(|m| match m {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .unwrap_or_default();
        return Err(Error::Api { code, message });
    }
    decode_plain(body)
}

/// Decodes a body that has no envelope.
pub fn decode_plain<T: DeserializeOwned>(body: &[u8]) -> Result<T, Error<i64>> {
    serde_json::from_slice(body).map_err(|e| Error::decode(e, body))
}

// Some platforms send their code as a string ("0").
fn code_of(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    struct Balance {
        balance: i64,
    }

    const MIDAS: Envelope = Envelope {
        code: "errcode",
        message: Some("errmsg"),
        ok: 0,
        missing_is_ok: true,
    };

    #[test]
    fn envelopes() {
        let ok: Balance = decode(br#"{"errcode":0,"balance":5}"#, &MIDAS).unwrap();
        assert_eq!(ok.balance, 5);
        let ok: Balance = decode(br#"{"balance":6}"#, &MIDAS).unwrap();
        assert_eq!(ok.balance, 6);
        let err = decode::<Balance>(br#"{"errcode":"90011","errmsg":"sig"}"#, &MIDAS).unwrap_err();
        assert!(matches!(err, Error::Api { code: 90011, ref message } if message == "sig"));
        let strict = Envelope {
            missing_is_ok: false,
            ..MIDAS
        };
        assert!(matches!(
            decode::<Balance>(br#"{"balance":6}"#, &strict),
            Err(Error::Decode { .. })
        ));
        assert!(matches!(
            decode::<Balance>(b"<html>", &MIDAS),
            Err(Error::Decode { .. })
        ));
    }
}
