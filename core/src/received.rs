//! Received query strings and form bodies, read by one set of rules wherever they are read:
//! the generated verifiers, the interpreter behind `gamechannel verify`, and the mock platform,
//! so that all of them accept and refuse exactly the same input.
//!
//! The rules:
//! - segments are split on `&`; empty segments are skipped; a leading `?` is ignored;
//! - a segment without `=` is a name with an empty value;
//! - in names and values `+` is a space and `%XX` a byte (either hex case);
//! - a `%` not followed by two hex digits, or bytes that are not UTF-8 once decoded, anywhere in
//!   the input refuses the whole input: a platform never sends them, so they are a forgery or
//!   damage, whichever parameter they are in;
//! - a name the reader reads that arrives twice is refused: which copy the platform signed, and
//!   which one a game would act on, would be a guess. Repeats of names nobody reads are
//!   harmless and ignored (the first copy is kept).

use std::borrow::Cow;
use std::fmt;

use crate::encoding::{DecodeError, QueryPairs, form_decode};

/// One `name=value` segment as received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormPair<'a> {
    /// The decoded name.
    pub name: Cow<'a, str>,
    /// The value exactly as it arrived (still percent-encoded).
    pub raw: &'a str,
    /// The decoded value.
    pub value: Cow<'a, str>,
}

/// Why a received query string or form body was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// A bad percent escape, or bytes that are not UTF-8 once decoded.
    Malformed(DecodeError),
    /// A name the reader reads arrived more than once (the name).
    Repeated(String),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Malformed(e) => e.fmt(f),
            Self::Repeated(name) => write!(f, "field {name} received more than once"),
        }
    }
}

impl std::error::Error for ReadError {}

/// The segments of a query string or form body, decoded, in received order: see
/// [`form_pairs`].
#[derive(Debug, Clone)]
pub struct FormPairs<'a> {
    raw: &'a str,
    /// Byte offset of the next segment in `raw`.
    at: usize,
}

/// The decoded segments of a raw query string (no `?`, though a leading one is ignored) or
/// form body, in received order; an item is `Err` where a segment does not decode (error
/// offsets are relative to `raw`). Never panics on any input.
pub fn form_pairs(raw: &str) -> FormPairs<'_> {
    let at = usize::from(raw.starts_with('?'));
    FormPairs { raw, at }
}

impl<'a> Iterator for FormPairs<'a> {
    type Item = Result<FormPair<'a>, DecodeError>;

    fn next(&mut self) -> Option<Self::Item> {
        while self.at <= self.raw.len() {
            let start = self.at;
            let rest = self.raw.get(start..)?;
            let segment = rest.split('&').next().unwrap_or_default();
            self.at = start + segment.len() + 1;
            if segment.is_empty() {
                continue;
            }
            let (name, raw, value_at) = match segment.split_once('=') {
                Some((n, v)) => (n, v, start + n.len() + 1),
                None => (segment, "", start + segment.len()),
            };
            let decoded = form_decode(name)
                .map_err(|e| e.shifted(start))
                .and_then(|name| {
                    let value = form_decode(raw).map_err(|e| e.shifted(value_at))?;
                    Ok(FormPair { name, raw, value })
                });
            return Some(decoded);
        }
        None
    }
}

/// Reads the values of `names` (the value of `names[i]` into `values[i]`) from a raw query
/// string or form body in one pass; every other pair is decoded too (a bad escape anywhere
/// refuses the input) and handed to `other`. A name of `names` received twice is refused.
///
/// `values` must be as long as `names` and start empty; a name beyond it is never read.
pub fn read_form<'a>(
    raw: &'a str,
    names: &[&str],
    values: &mut [Option<Cow<'a, str>>],
    mut other: impl FnMut(FormPair<'a>),
) -> Result<(), ReadError> {
    for pair in form_pairs(raw) {
        let pair = pair.map_err(ReadError::Malformed)?;
        let slot = names
            .iter()
            .position(|n| *n == pair.name)
            .and_then(|i| values.get_mut(i));
        match slot {
            Some(Some(_)) => return Err(ReadError::Repeated(pair.name.into_owned())),
            Some(slot) => *slot = Some(pair.value),
            None => other(pair),
        }
    }
    Ok(())
}

/// A name that the reader reads, received more than once in already decoded pairs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("field {0} received more than once")]
pub struct Repeated(pub String);

impl From<Repeated> for ReadError {
    fn from(Repeated(name): Repeated) -> Self {
        ReadError::Repeated(name)
    }
}

/// Already decoded pairs (a JSON or XML body) by the same rule for repeats as [`read_form`]: a
/// name of `read` received twice is refused, later copies of any other name are dropped.
pub fn dedupe_pairs<N: AsRef<str>, V>(
    pairs: Vec<(N, V)>,
    read: &[&str],
) -> Result<Vec<(N, V)>, Repeated> {
    let mut seen = std::collections::HashSet::with_capacity(pairs.len());
    let mut kept = Vec::with_capacity(pairs.len());
    for (name, value) in pairs {
        if !seen.insert(name.as_ref().to_owned()) {
            if read.contains(&name.as_ref()) {
                return Err(Repeated(name.as_ref().to_owned()));
            }
            continue;
        }
        kept.push((name, value));
    }
    Ok(kept)
}

/// [`read_form`] into an array: what generated code calls with its fields' wire names.
pub fn read_known<'a, const N: usize>(
    raw: &'a str,
    names: &[&str; N],
) -> Result<[Option<Cow<'a, str>>; N], ReadError> {
    let mut values = [const { None }; N];
    read_form(raw, names, &mut values, |_| {})?;
    Ok(values)
}

/// Every received (name, value) by [`read_form`]'s rules, for readers that look values up by
/// name (an interpreter): first the values of `read` that arrived (in the order of `read`),
/// then the first value of every other name, in received order.
pub fn read_pairs<'a>(raw: &'a str, read: &[&str]) -> Result<QueryPairs<'a>, ReadError> {
    let mut values = vec![None; read.len()];
    let mut others: QueryPairs<'a> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    read_form(raw, read, &mut values, |pair| {
        if seen.insert(pair.name.clone()) {
            others.push((pair.name, pair.value));
        }
    })?;
    let known = read
        .iter()
        .zip(values)
        .filter_map(|(name, value)| Some((Cow::Owned((*name).to_owned()), value?)));
    Ok(known.chain(others).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(raw: &str) -> Vec<(String, String, String)> {
        form_pairs(raw)
            .map(|p| p.map(|p| (p.name.into_owned(), p.raw.to_owned(), p.value.into_owned())))
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn segments() {
        let own = |n: &str, r: &str, v: &str| (n.to_owned(), r.to_owned(), v.to_owned());
        assert_eq!(
            decoded("?a=1&&b=x+y&c&=v&d=%3D=&e%5F=%e5%85%83"),
            [
                own("a", "1", "1"),
                own("b", "x+y", "x y"),
                own("c", "", ""),
                own("", "v", "v"),
                own("d", "%3D=", "=="),
                own("e_", "%e5%85%83", "元"),
            ]
        );
        assert!(decoded("").is_empty());
        assert!(decoded("?").is_empty());
        assert!(decoded("&").is_empty());
        let bad: Vec<_> = form_pairs("a=1&b=%x").collect();
        assert_eq!(
            bad[1].clone().unwrap_err().to_string(),
            "bad percent escape at byte 6"
        );
        assert_eq!(
            form_pairs("?a=1&%g=1")
                .nth(1)
                .unwrap()
                .unwrap_err()
                .offset(),
            5
        );
    }

    #[test]
    fn known_names_in_one_pass() {
        let values = read_known("b=2&x=9&a=1&x=8", &["a", "b", "c"]).unwrap();
        assert_eq!(values, [Some("1".into()), Some("2".into()), None]);
        assert_eq!(
            read_known("a=1&a%3D=2&a=3", &["a"]),
            Err(ReadError::Repeated("a".to_owned()))
        );
        // Written differently on the wire, the same name once decoded.
        assert!(read_known("a_b=1&a%5Fb=2", &["a_b"]).is_err());
        // A bad escape in a parameter nobody reads still refuses the input.
        assert!(matches!(
            read_known("a=1&z=%zz", &["a"]),
            Err(ReadError::Malformed(_))
        ));
        assert!(read_known("a=%ff", &["a"]).is_err());
    }

    #[test]
    fn all_pairs_by_the_same_rules() {
        let pairs = read_pairs("x=1&b=2&x=2&a=1", &["a", "b"]).unwrap();
        let pairs: Vec<(&str, &str)> = pairs.iter().map(|(n, v)| (&**n, &**v)).collect();
        assert_eq!(pairs, [("a", "1"), ("b", "2"), ("x", "1")]);
        assert_eq!(
            read_pairs("b=1&b=1", &["a", "b"]).unwrap_err().to_string(),
            "field b received more than once"
        );
        let decoded = vec![("x", 1), ("b", 2), ("x", 3)];
        assert_eq!(
            dedupe_pairs(decoded.clone(), &["b"]),
            Ok(vec![("x", 1), ("b", 2)])
        );
        assert!(dedupe_pairs(decoded, &["x"]).is_err());
    }
}
