//! Where a client sends its requests.

/// An environment of the platform, or another base URL that serves it (a mock, a proxy).
///
/// `E` is the platform's generated `Environment`. With [`Target::Custom`] requests go to
/// `base_url` but keep the paths, and so the signatures, of `environment`: sandbox paths
/// differ and are signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target<E> {
    /// The environment's own base URL, from the spec.
    Environment(E),
    /// Another base URL, e.g. `http://127.0.0.1:8080` for `gamechannel mock`.
    Custom {
        /// Scheme and host (and optional path prefix), without a trailing slash.
        base_url: String,
        /// The environment whose paths and signing rules apply.
        environment: E,
    },
}

impl<E: Copy> Target<E> {
    /// The environment whose paths and signing rules apply.
    pub fn environment(&self) -> E {
        match self {
            Target::Environment(e) | Target::Custom { environment: e, .. } => *e,
        }
    }

    /// The base URL requests go to; `spec_url` gives an environment's URL from the spec.
    pub fn base_url(&self, spec_url: impl FnOnce(E) -> &'static str) -> &str {
        match self {
            Target::Environment(e) => spec_url(*e),
            Target::Custom { base_url, .. } => base_url,
        }
    }
}

impl<E> From<E> for Target<E> {
    fn from(environment: E) -> Self {
        Target::Environment(environment)
    }
}
