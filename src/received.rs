//! A callback's received values read by the wire names its verifier knows, in one pass: a
//! query string or form body by the shared rules of [`gamechannel_core::received`], decoded
//! pairs (JSON, XML, pushes) by the same rule for a name that arrives twice.

use std::borrow::Cow;

use gamechannel_core::ReadError;

use crate::callback::{CallbackRejection, RawPairs};

impl From<ReadError> for CallbackRejection {
    fn from(e: ReadError) -> Self {
        CallbackRejection::Malformed(e.to_string())
    }
}

/// The values of a query string or form body under the wire names a verifier reads (`None`:
/// not received), decoded; borrowed from the raw text unless an escape had to be decoded.
#[derive(Debug)]
pub struct FormValues<'a, const N: usize> {
    names: &'static [&'static str; N],
    values: [Option<Cow<'a, str>>; N],
}

impl<'a, const N: usize> FormValues<'a, N> {
    /// Reads `names` from `raw` in one pass: a bad escape anywhere, or a name of `names`
    /// received twice, is refused as malformed.
    pub fn read(
        raw: &'a str,
        names: &'static [&'static str; N],
    ) -> Result<Self, CallbackRejection> {
        let values = gamechannel_core::read_known(raw, names)?;
        Ok(Self { names, values })
    }

    /// The same values with those of `twice` URL-decoded once more: fields a platform encodes
    /// twice (Huawei `extReserved`) are signed and parsed in their plain form.
    pub fn decoded_again(mut self, twice: &[&str]) -> Result<Self, CallbackRejection> {
        for (name, value) in self.names.iter().zip(&mut self.values) {
            if let Some(value) = value.as_mut().filter(|_| twice.contains(name)) {
                let plain = gamechannel_core::form_decode(value)
                    .map_err(|e| CallbackRejection::Malformed(format!("{name}: {e}")))?
                    .into_owned();
                *value = Cow::Owned(plain);
            }
        }
        Ok(self)
    }

    /// The values, in the order of the names.
    pub fn as_strs(&self) -> [Option<&str>; N] {
        self.values.each_ref().map(|v| v.as_deref())
    }
}

impl RawPairs<'_> {
    /// The values of `names` (in their order) in one pass over the pairs; a name of `names`
    /// received twice is refused: which copy the platform signed would be a guess.
    pub fn values<const N: usize>(
        &self,
        names: &[&'static str; N],
    ) -> Result<[Option<&str>; N], CallbackRejection> {
        let mut values = [None; N];
        for (name, value) in &self.pairs {
            let slot = names
                .iter()
                .position(|n| n == name)
                .and_then(|i| values.get_mut(i));
            match slot {
                Some(Some(_)) => return Err(ReadError::Repeated(name.clone().into_owned()).into()),
                Some(slot) => *slot = Some(&**value),
                None => {}
            }
        }
        Ok(values)
    }
}

/// A value a verifier requires: `wire` is reported missing when it was not received.
pub fn required<'a>(
    value: Option<&'a str>,
    wire: &'static str,
) -> Result<&'a str, CallbackRejection> {
    value.ok_or(CallbackRejection::MissingField(wire))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_values() {
        static NAMES: [&str; 3] = ["a", "b", "c"];
        let values = FormValues::read("b=x%252F&a=1&z=1&z=2", &NAMES).unwrap();
        assert_eq!(values.as_strs(), [Some("1"), Some("x%2F"), None]);
        let again = values.decoded_again(&["b"]).unwrap();
        assert_eq!(again.as_strs(), [Some("1"), Some("x/"), None]);
        let repeated = FormValues::read("a=1&a=1", &NAMES).unwrap_err();
        assert_eq!(
            repeated,
            CallbackRejection::Malformed("field a received more than once".into())
        );
        assert!(FormValues::read("z=%zz", &NAMES).is_err());
        assert!(FormValues::read("b=%2", &NAMES).is_err());
        let bad_twice = FormValues::read("b=%25zz", &NAMES).unwrap();
        assert!(bad_twice.decoded_again(&["b"]).is_err());
        assert_eq!(
            required(None, "a"),
            Err(CallbackRejection::MissingField("a"))
        );
    }

    #[test]
    fn pair_values() {
        let pairs = RawPairs::from_json(r#"{"a":1,"b":"x","z":1,"z":2}"#).unwrap();
        assert_eq!(
            pairs.values(&["a", "b", "c"]).unwrap(),
            [Some("1"), Some("x"), None]
        );
        let twice = RawPairs::from_json(r#"{"a":1,"a":2}"#).unwrap();
        assert!(matches!(
            twice.values(&["a"]),
            Err(CallbackRejection::Malformed(_))
        ));
    }
}
