//! Decoding a call's response: read the envelope's code, then the typed response field by
//! field, leniently (platforms send ints as strings and amounts as numbers; decimals keep their
//! exact text: `6.00` stays `6.00`).

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt::Debug;

use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::de::{bool_of, int_of, text_of};
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

impl Envelope {
    /// The members of a successful answer; an error code becomes `Error::Api`, typed by `code`.
    pub fn open<'a, C: Debug>(
        &self,
        body: &'a [u8],
        code: impl FnOnce(i64) -> C,
    ) -> Result<Fields<'a, C>, Error<C>> {
        self.open_applied(body, code, &[])
    }

    /// Like [`Self::open`], where the codes `applied` also mean success: the platform says the
    /// request was applied before (a retry of an idempotent call whose first answer was lost).
    pub fn open_applied<'a, C: Debug>(
        &self,
        body: &'a [u8],
        code: impl FnOnce(i64) -> C,
        applied: &[i64],
    ) -> Result<Fields<'a, C>, Error<C>> {
        let fields = Fields::parse(body)?;
        let code_value = match fields.raw(self.code) {
            None if self.missing_is_ok => self.ok,
            None => return Err(fields.error(format!("no `{}` field", self.code))),
            Some(raw) => int_of(raw)
                .map_err(|_| fields.error(format!("`{}` is not an integer", self.code)))?,
        };
        if code_value != self.ok && !applied.contains(&code_value) {
            let message = self
                .message
                .and_then(|m| fields.raw(m))
                .map(|m| text_of(m).unwrap_or_else(|_| m.get().to_owned()))
                .unwrap_or_default();
            return Err(Error::Api {
                code: code(code_value),
                message,
            });
        }
        Ok(fields)
    }
}

/// The members of a response object, read by the generated `decode` of each response; `C` is
/// the platform's error code type.
///
/// A scalar getter returns its value, or a placeholder after keeping the error, and
/// [`Self::finish`] returns the first error kept: `decode` then builds the response in one
/// expression, with no early return per member (each is a branch the compiler checks).
pub struct Fields<'a, C: Debug> {
    body: &'a [u8],
    members: Vec<(Cow<'a, str>, &'a RawValue)>,
    withhold: bool,
    first_error: Cell<Option<Error<C>>>,
}

impl<'a, C: Debug> Fields<'a, C> {
    /// The members of a body that has no envelope.
    pub fn parse(body: &'a [u8]) -> Result<Self, Error<C>> {
        let members = gamechannel_core::json::members(body).map_err(|e| Error::decode(e, body))?;
        Ok(Self {
            body,
            members,
            withhold: false,
            first_error: Cell::new(None),
        })
    }

    /// Errors about these members keep no excerpt of the body: the answer carries a secret
    /// (an issued token), and errors reach logs.
    pub fn withholding(mut self) -> Self {
        self.withhold = true;
        self
    }

    /// `value` when every member read so far was sound, else the first member's error.
    pub fn finish<T>(&self, value: T) -> Result<T, Error<C>> {
        match self.first_error.take() {
            Some(error) => Err(error),
            None => Ok(value),
        }
    }

    /// A member's raw JSON; `null` is absent.
    fn raw(&self, name: &str) -> Option<&'a RawValue> {
        self.members
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| *v)
            .filter(|v| v.get() != "null")
    }

    fn error(&self, reason: String) -> Error<C> {
        let error = Error::decode(reason, self.body);
        if self.withhold {
            error.without_excerpts()
        } else {
            error
        }
    }

    fn read<T>(
        &self,
        name: &str,
        read: impl FnOnce(&RawValue) -> Result<T, String>,
    ) -> Result<Option<T>, Error<C>> {
        self.raw(name)
            .map(|raw| read(raw).map_err(|e| self.error(format!("`{name}`: {e}"))))
            .transpose()
    }

    fn required<T>(&self, name: &str, value: Result<Option<T>, Error<C>>) -> Result<T, Error<C>> {
        value?.ok_or_else(|| self.error(format!("missing field `{name}`")))
    }

    /// The value, or a placeholder (the type's default) with the error kept, unless an
    /// earlier member's was.
    fn kept<T: Default>(&self, value: Result<T, Error<C>>) -> T {
        value.unwrap_or_else(|error| {
            let first = self.first_error.take().unwrap_or(error);
            self.first_error.set(Some(first));
            T::default()
        })
    }

    /// Text from a JSON string, or the exact text of a number or boolean.
    pub fn opt_text(&self, name: &str) -> Option<String> {
        self.kept(self.read_text(name))
    }

    fn read_text(&self, name: &str) -> Result<Option<String>, Error<C>> {
        self.read(name, |raw| text_of(raw).map_err(|e| e.to_string()))
    }

    /// A required [`Self::opt_text`].
    pub fn text(&self, name: &str) -> String {
        self.kept(self.required(name, self.read_text(name)))
    }

    /// An int from a JSON number or a numeric string.
    pub fn opt_int(&self, name: &str) -> Option<i64> {
        self.kept(self.read(name, int_of))
    }

    /// A required [`Self::opt_int`].
    pub fn int(&self, name: &str) -> i64 {
        self.kept(self.required(name, self.read(name, int_of)))
    }

    /// A bool from `true`/`false`, `1`/`0`, or those as strings.
    pub fn opt_bool(&self, name: &str) -> Option<bool> {
        self.kept(self.read(name, bool_of))
    }

    /// A required [`Self::opt_bool`].
    pub fn bool(&self, name: &str) -> bool {
        self.kept(self.required(name, self.read(name, bool_of)))
    }

    /// A secret from a JSON string (or the text of a number).
    pub fn opt_secret(&self, name: &str) -> Option<crate::Secret> {
        self.opt_text(name).map(crate::Secret::new)
    }

    /// A required [`Self::opt_secret`].
    pub fn secret(&self, name: &str) -> crate::Secret {
        crate::Secret::new(self.text(name))
    }

    fn read_object<T: DeserializeOwned>(&self, name: &str) -> Result<Option<T>, Error<C>> {
        self.read(name, |raw| {
            serde_json::from_str(raw.get()).map_err(|e| e.to_string())
        })
    }

    /// A nested object, with serde.
    pub fn opt_object<T: DeserializeOwned>(&self, name: &str) -> Option<T> {
        self.kept(self.read_object(name))
    }

    /// A required [`Self::opt_object`]. An object has no placeholder, so this returns an
    /// error at once: the first kept so far, else its own.
    pub fn object<T: DeserializeOwned>(&self, name: &str) -> Result<T, Error<C>> {
        let value = self.required(name, self.read_object(name));
        match self.first_error.take() {
            Some(first) => Err(first),
            None => value,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIDAS: Envelope = Envelope {
        code: "errcode",
        message: Some("errmsg"),
        ok: 0,
        missing_is_ok: true,
    };

    #[test]
    fn envelopes() {
        let code = |c: i64| c;
        let ok = MIDAS.open(br#"{"errcode":0,"balance":5}"#, code).unwrap();
        assert_eq!(ok.int("balance"), 5);
        let ok = MIDAS.open(br#"{"balance":"6"}"#, code).unwrap();
        assert_eq!(ok.opt_int("balance"), Some(6));
        let err = MIDAS
            .open(br#"{"errcode":"90011","errmsg":"sig"}"#, code)
            .err()
            .unwrap();
        assert!(matches!(err, Error::Api { code: 90011, ref message } if message == "sig"));
        let strict = Envelope {
            missing_is_ok: false,
            ..MIDAS
        };
        assert!(matches!(
            strict.open(br#"{"balance":6}"#, code),
            Err(Error::Decode { .. })
        ));
        assert!(matches!(
            MIDAS.open(b"<html>", code),
            Err(Error::Decode { .. })
        ));
    }

    #[test]
    fn lenient() {
        let body = br#"{"price":6.00,"n":"42","b":1,"s":null,"o":{"x":1}}"#;
        let f = Fields::<i64>::parse(body).unwrap();
        assert_eq!(f.text("price"), "6.00");
        assert_eq!(f.int("n"), 42);
        assert_eq!(f.opt_int("m"), None);
        assert_eq!(f.opt_bool("b"), Some(true));
        assert_eq!(f.opt_text("s"), None);
        let o: serde_json::Value = f.object("o").unwrap();
        assert_eq!(o["x"], 1);
        assert_eq!(f.finish(()).ok(), Some(()));
        let missing = Fields::<i64>::parse(body).unwrap();
        assert_eq!(missing.int("m"), 0, "a placeholder");
        assert!(missing.finish(()).is_err());
        let bad = Fields::<i64>::parse(br#"{"n":1.5}"#).unwrap().withholding();
        bad.int("n");
        let Err(Error::Decode { excerpt, .. }) = bad.finish(()) else {
            panic!("a float is no int")
        };
        assert!(excerpt.starts_with("(withheld"), "{excerpt}");
    }

    fn reason<T: Debug>(result: Result<T, Error<i64>>) -> String {
        match result {
            Err(Error::Decode { reason, .. }) => reason,
            other => panic!("not a decode error: {other:?}"),
        }
    }

    #[test]
    fn the_first_bad_member_is_reported() {
        let body = br#"{"a":"x","b":true,"o":{"x":1}}"#;
        let f = Fields::<i64>::parse(body).unwrap();
        let _ = (f.int("a"), f.opt_int("b"), f.text("c"));
        assert!(reason(f.finish(())).starts_with("`a`"));
        let f = Fields::<i64>::parse(body).unwrap();
        let _ = (f.text("c"), f.int("a"));
        assert_eq!(reason(f.finish(())), "missing field `c`");
        // An object stops at once, with the error of an earlier member when there is one.
        let f = Fields::<i64>::parse(body).unwrap();
        f.opt_bool("a");
        assert!(reason(f.object::<serde_json::Value>("o")).starts_with("`a`"));
        let f = Fields::<i64>::parse(body).unwrap();
        assert_eq!(
            reason(f.object::<serde_json::Value>("p")),
            "missing field `p`"
        );
    }
}
