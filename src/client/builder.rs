//! `Client::builder()`: a client from an environment and credentials given by name, with the
//! issued credential (WeChat `access_token`) fetched, cached and refreshed without a second
//! client built by hand.
//!
//! The generated module only describes its credentials ([`Wiring`]); the order of checks,
//! the errors and the wiring of the token cache live here.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use gamechannel_core::Secret;

use super::cache::CachedTokens;
use super::platform::{Config, Platform, PlatformClient};
use super::retry::RetryPolicy;
use super::target::Target;
use super::token::{TokenProvider, TokenSource};
use super::transport::Transport;

/// What a platform's builder accepts by name, and how named values become its credentials
/// and token provider. Implemented by each generated module's `Api`.
pub trait Wiring: Platform + Sized {
    /// The module's `Client`.
    type Client: From<PlatformClient<Self>>;

    /// Every name the builder takes, with what it is for (shown when one is missing or unknown).
    const SETTINGS: &'static [Setting];

    /// The configured credentials; an issued credential that was not given is an empty
    /// placeholder, replaced in every attempt by the token of [`Config::tokens`].
    fn credentials(settings: &Settings) -> Result<Self::Credentials, BuildError>;

    /// Where the issued credential comes from when it was not given itself: the issuing
    /// endpoint, called through `issuer` with the inputs in `settings`.
    fn token_source(
        _settings: &Settings,
        _issuer: PlatformClient<Self>,
    ) -> Result<Option<Arc<dyn TokenSource>>, BuildError> {
        Ok(None)
    }
}

/// One name a builder takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Setting {
    /// The name, as in the spec: a credential, or a request field of an issuing endpoint.
    pub name: &'static str,
    /// What it is for, e.g. `credential` or `for get_stable_token, which issues access_token`.
    pub role: &'static str,
    /// Whether a client can be built without it.
    pub optional: bool,
}

/// The named values given to a builder; secrets never show in `Debug`.
#[derive(Clone)]
pub struct Settings {
    platform: &'static str,
    allowed: &'static [Setting],
    values: Vec<(String, Secret)>,
}

impl Settings {
    /// Whether `name` was given.
    pub fn has(&self, name: &str) -> bool {
        self.values.iter().any(|(n, _)| n == name)
    }

    /// The value of `name`, if given.
    pub fn opt_secret(&self, name: &str) -> Option<Secret> {
        self.values
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    }

    /// The value of `name`, if given, as plain text.
    pub fn opt_text(&self, name: &str) -> Option<String> {
        self.opt_secret(name).map(|v| v.expose().to_owned())
    }

    /// The value of `name`; an error naming it and everything allowed when it is missing.
    pub fn secret(&self, name: &str) -> Result<Secret, BuildError> {
        self.opt_secret(name).ok_or_else(|| self.missing(name))
    }

    /// Like [`Self::secret`], as plain text.
    pub fn text(&self, name: &str) -> Result<String, BuildError> {
        self.opt_text(name).ok_or_else(|| self.missing(name))
    }

    fn missing(&self, name: &str) -> BuildError {
        BuildError::Missing {
            platform: self.platform,
            name: name.to_owned(),
            allowed: self.allowed,
        }
    }
}

impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.values.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("Settings")
            .field("platform", &self.platform)
            .field("given", &names)
            .finish()
    }
}

/// Why a builder made no client.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum BuildError {
    /// A name the client needs was not given.
    Missing {
        /// The platform.
        platform: &'static str,
        /// The missing name.
        name: String,
        /// Everything the builder takes.
        allowed: &'static [Setting],
    },
    /// A name the builder does not take (a typo, or a per-player credential).
    Unknown {
        /// The platform.
        platform: &'static str,
        /// The name given.
        name: String,
        /// Everything the builder takes.
        allowed: &'static [Setting],
    },
    /// The default transport could not start (its TLS backend).
    Transport(String),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (platform, problem, name, allowed) = match self {
            BuildError::Missing {
                platform,
                name,
                allowed,
            } => (platform, "missing", name, allowed),
            BuildError::Unknown {
                platform,
                name,
                allowed,
            } => (platform, "unknown", name, allowed),
            BuildError::Transport(reason) => return write!(f, "no transport: {reason}"),
        };
        write!(
            f,
            "{platform}: {problem} credential `{name}`; the builder takes "
        )?;
        for (i, s) in allowed.iter().enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            let optional = if s.optional { ", optional" } else { "" };
            write!(f, "{sep}`{}` ({}{optional})", s.name, s.role)?;
        }
        Ok(())
    }
}

impl std::error::Error for BuildError {}

/// Makes the provider that keeps a fetched token, from the issuing endpoint's source.
type Keep = Box<dyn FnOnce(Arc<dyn TokenSource>) -> Arc<dyn TokenProvider> + Send>;

/// Builds a platform's client: where to send, credentials by name, and optionally the retry
/// policy, timeout and a token provider of one's own (shared through Redis, say).
///
/// Made by the generated `Client::builder(environment)`. `Debug` shows no secret.
pub struct Builder<P: Wiring> {
    target: Target<P::Environment>,
    settings: Settings,
    tokens: Option<Arc<dyn TokenProvider>>,
    keep: Option<Keep>,
    retry: RetryPolicy,
    timeout: Duration,
}

impl<P: Wiring> fmt::Debug for Builder<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Builder")
            .field("target", &self.target)
            .field("settings", &self.settings)
            .field("tokens", &self.tokens.as_ref().map(|_| "TokenProvider"))
            .field("keep", &self.keep.as_ref().map(|_| "custom"))
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .finish()
    }
}

impl<P: Wiring> Builder<P> {
    /// A builder for `environment`, sending to its base URL from the spec.
    pub fn new(environment: P::Environment) -> Self {
        Self {
            target: Target::Environment(environment),
            settings: Settings {
                platform: P::NAME,
                allowed: P::SETTINGS,
                values: Vec::new(),
            },
            tokens: None,
            keep: None,
            retry: RetryPolicy::default(),
            timeout: super::DEFAULT_TIMEOUT,
        }
    }

    /// Sends to `base_url` instead (a mock, a proxy), keeping the environment's paths and
    /// signing rules.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.target = Target::Custom {
            base_url: base_url.into().trim_end_matches('/').to_owned(),
            environment: self.target.environment(),
        };
        self
    }

    /// Gives the value of `name`: a credential or an input of the endpoint issuing one (see
    /// the module's `Api::SETTINGS`). A later value of the same name replaces an earlier one.
    pub fn credential(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let name = name.into();
        self.settings.values.retain(|(n, _)| *n != name);
        self.settings.values.push((name, Secret::new(value)));
        self
    }

    /// [`Self::credential`] for each `(name, value)`.
    pub fn credentials<N: Into<String>, V: Into<String>>(
        self,
        values: impl IntoIterator<Item = (N, V)>,
    ) -> Self {
        values
            .into_iter()
            .fold(self, |b, (n, v)| b.credential(n, v))
    }

    /// Takes the issued credential from `tokens` instead of fetching it itself.
    pub fn tokens(mut self, tokens: Arc<dyn TokenProvider>) -> Self {
        self.tokens = Some(tokens);
        self
    }

    /// Keeps the fetched credential in the provider `keep` makes from the issuing endpoint's
    /// source, instead of a per-process [`CachedTokens`]: e.g. `RedisTokens` (feature
    /// `redis`), so that game servers sharing an AppID share one token.
    pub fn keep_tokens(
        mut self,
        keep: impl FnOnce(Arc<dyn TokenSource>) -> Arc<dyn TokenProvider> + Send + 'static,
    ) -> Self {
        self.keep = Some(Box::new(keep));
        self
    }

    /// Attempts and backoff of retry-safe calls.
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Bound of each attempt.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The client, sending through `transport`; the issuing endpoint's calls share it.
    pub fn build_with_transport(
        self,
        transport: impl Transport + 'static,
    ) -> Result<P::Client, BuildError> {
        let settings = &self.settings;
        // Checked first: a typo must not surface as "missing" of the name meant.
        if let Some((name, _)) = settings
            .values
            .iter()
            .find(|(n, _)| !P::SETTINGS.iter().any(|s| s.name == n))
        {
            return Err(BuildError::Unknown {
                platform: P::NAME,
                name: name.clone(),
                allowed: P::SETTINGS,
            });
        }
        let transport: Arc<dyn Transport> = Arc::new(transport);
        let config = Config {
            target: self.target.clone(),
            credentials: P::credentials(settings)?,
            tokens: None,
            retry: self.retry,
            timeout: self.timeout,
        };
        let tokens = match self.tokens {
            Some(tokens) => Some(tokens),
            None => {
                let issuer = PlatformClient::with_transport(config.clone(), Arc::clone(&transport));
                P::token_source(settings, issuer)?.map(|source| match self.keep {
                    Some(keep) => keep(source),
                    None => Arc::new(CachedTokens::new(source)) as Arc<dyn TokenProvider>,
                })
            }
        };
        let config = Config { tokens, ..config };
        Ok(PlatformClient::with_transport(config, transport).into())
    }

    /// The client, over a new [`super::ReqwestTransport`].
    #[cfg(feature = "reqwest")]
    pub fn build(self) -> Result<P::Client, BuildError> {
        let transport =
            super::ReqwestTransport::new().map_err(|e| BuildError::Transport(e.to_string()))?;
        self.build_with_transport(transport)
    }
}
