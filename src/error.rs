//! The error of a platform call, with the platform's error code typed per platform.

use std::fmt;

use crate::invalid::InvalidRequest;

/// Longest response excerpt kept in an error, in characters.
const EXCERPT_CHARS: usize = 200;

/// Why a call failed. `C` is the platform's `ErrorCode` enum.
#[derive(Debug, thiserror::Error)]
pub enum Error<C: fmt::Debug> {
    /// The platform answered with an error code in its envelope.
    #[error("platform error {code:?}: {message}")]
    Api {
        /// The typed code.
        code: C,
        /// The platform's message (may be empty).
        message: String,
    },
    /// The platform answered with an HTTP error status.
    #[error("HTTP status {status}: {excerpt}")]
    Http {
        /// Status code.
        status: u16,
        /// Start of the body.
        excerpt: String,
    },
    /// The response could not be decoded.
    #[error("undecodable response ({reason}): {excerpt}")]
    Decode {
        /// What went wrong.
        reason: String,
        /// Start of the body.
        excerpt: String,
    },
    /// The request broke its spec's constraints and was not sent.
    #[error(transparent)]
    Invalid(#[from] InvalidRequest),
    /// The request could not be sent or its answer not received.
    #[error("transport: {0}")]
    Transport(String),
}

impl<C: fmt::Debug> Error<C> {
    /// Converts the code type, e.g. a raw `i64` into a platform's `ErrorCode`.
    pub fn map_code<D: fmt::Debug>(self, f: impl FnOnce(C) -> D) -> Error<D> {
        match self {
            Error::Api { code, message } => Error::Api {
                code: f(code),
                message,
            },
            Error::Http { status, excerpt } => Error::Http { status, excerpt },
            Error::Decode { reason, excerpt } => Error::Decode { reason, excerpt },
            Error::Invalid(invalid) => Error::Invalid(invalid),
            Error::Transport(reason) => Error::Transport(reason),
        }
    }

    /// The same error with the response excerpts withheld: for answers that carry a secret
    /// (an issued access token), which must not reach logs through an error message.
    pub fn without_excerpts(self) -> Self {
        const WITHHELD: &str = "(withheld: this answer carries a secret)";
        match self {
            Error::Http { status, .. } => Error::Http {
                status,
                excerpt: WITHHELD.to_owned(),
            },
            Error::Decode { reason, .. } => Error::Decode {
                reason,
                excerpt: WITHHELD.to_owned(),
            },
            other => other,
        }
    }

    /// An HTTP status error with an excerpt of the body.
    pub fn http(status: u16, body: &[u8]) -> Self {
        Error::Http {
            status,
            excerpt: excerpt(body),
        }
    }

    /// A decode error with an excerpt of the body.
    pub fn decode(reason: impl fmt::Display, body: &[u8]) -> Self {
        Error::Decode {
            reason: reason.to_string(),
            excerpt: excerpt(body),
        }
    }
}

/// The first [`EXCERPT_CHARS`] characters of a response body, lossily decoded, for error messages.
///
/// Only response bodies go through here: requests (which carry keys and signatures) never do.
pub fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut chars = text.chars();
    let mut out: String = chars.by_ref().take(EXCERPT_CHARS).collect();
    if chars.next().is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_short() {
        let long = "x".repeat(500);
        let e: Error<i64> = Error::decode("bad", long.as_bytes());
        let Error::Decode { excerpt, .. } = &e else {
            panic!("{e:?}")
        };
        assert_eq!(excerpt.chars().count(), EXCERPT_CHARS + 1);
        assert_eq!(super::excerpt(b"\xffok"), "\u{fffd}ok");
        let api: Error<i64> = Error::Api {
            code: 90011,
            message: "sig".into(),
        };
        assert_eq!(
            api.map_code(|c| c + 1).to_string(),
            "platform error 90012: sig"
        );
    }
}
