//! What every generated client shares: its configuration and the call of one endpoint. A
//! platform module only names its types ([`Platform`]) and adds one method per endpoint.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use gamechannel_core::Secret;

use super::call::{Call, Erased, Running};
use super::engine::Engine;
use super::retry::{PlatformCode, RetryPolicy};
use super::target::Target;
use super::token::TokenProvider;
use super::transport::Transport;
use crate::error::Error;
use crate::invalid::InvalidRequest;
use crate::request::PreparedRequest;

/// Signs one request with the credentials of an attempt.
type PrepareWith<'a, P> = dyn Fn(&<P as Platform>::Credentials) -> Result<PreparedRequest, InvalidRequest>
    + Send
    + Sync
    + 'a;

/// A generated `<Endpoint>Request::validate`.
type ValidateAs<Q> = fn(&Q) -> Result<(), InvalidRequest>;

/// A generated `<Endpoint>Request::prepare`.
type PrepareAs<Q, P> = fn(
    &Q,
    <P as Platform>::Environment,
    &<P as Platform>::Credentials,
) -> Result<PreparedRequest, InvalidRequest>;

/// A generated `<Endpoint>Response::decode`.
type DecodeAs<R, C> = fn(&[u8]) -> Result<R, Error<C>>;

/// What a client method names of its endpoint: the generated functions the call loop runs.
struct Route<Q, R, P: Platform> {
    endpoint: &'static str,
    retry_safe: bool,
    validate: ValidateAs<Q>,
    prepare: PrepareAs<Q, P>,
    decode: DecodeAs<R, P::Code>,
}

impl<Q, R, P: Platform> Route<Q, R, P> {
    fn new(
        endpoint: &'static str,
        retry_safe: bool,
        validate: ValidateAs<Q>,
        prepare: PrepareAs<Q, P>,
        decode: DecodeAs<R, P::Code>,
    ) -> Self {
        Self {
            endpoint,
            retry_safe,
            validate,
            prepare,
            decode,
        }
    }
}

/// Decodes one response into a value of the type only the calling method knows.
type DecodeErased<C> = dyn Fn(&[u8]) -> Result<Erased, Error<C>> + Send + Sync;

/// The types of one platform's generated module, implemented by its marker type.
pub trait Platform: Send + Sync + 'static {
    /// The platform's name in specs, for tracing.
    const NAME: &'static str;
    /// The module's `Environment`.
    type Environment: Copy + fmt::Debug + Send + Sync + 'static;
    /// The module's `Credentials`.
    type Credentials: Clone + fmt::Debug + Send + Sync + 'static;
    /// The module's `UserCredentials` (per-player credentials), `()` when it has none.
    type User: fmt::Debug + Send + Sync + 'static;
    /// The module's `ErrorCode`.
    type Code: PlatformCode;

    /// An environment's base URL from the spec.
    fn base_url(environment: Self::Environment) -> &'static str;

    /// Puts an attempt's token and a player's credentials into (a copy of) the configured
    /// credentials; platforms without either have nothing to put.
    fn attempt_credentials(
        _credentials: &mut Self::Credentials,
        _token: Option<&Secret>,
        _user: Option<&Self::User>,
    ) {
    }
}

/// Where a client sends requests, with what credentials, and how patiently.
///
/// `Debug` shows no secret.
pub struct Config<P: Platform> {
    /// An environment, or another base URL keeping an environment's paths (a mock).
    pub target: Target<P::Environment>,
    /// The credentials every request is signed with; with [`Config::tokens`] set, its token
    /// replaces the issued credential in each attempt, and `Client::for_user` replaces the
    /// per-user ones.
    pub credentials: P::Credentials,
    /// Where the issued credential (WeChat `access_token`) comes from, e.g. a
    /// [`super::CachedTokens`] over the module's token source: each attempt is signed with its
    /// current token, and a token the platform rejects is refreshed once per call. `None`: the
    /// credential in `credentials` is used as it is and never refreshed. Platforms without an
    /// issued credential ignore it.
    pub tokens: Option<Arc<dyn TokenProvider>>,
    /// Attempts and backoff of retry-safe calls.
    pub retry: RetryPolicy,
    /// Bound of each attempt.
    pub timeout: Duration,
}

impl<P: Platform> Config<P> {
    /// A configuration with the default retry policy and timeout.
    pub fn new(target: impl Into<Target<P::Environment>>, credentials: P::Credentials) -> Self {
        Self {
            target: target.into(),
            credentials,
            tokens: None,
            retry: RetryPolicy::default(),
            timeout: super::DEFAULT_TIMEOUT,
        }
    }

    /// Takes the token from `tokens` (see [`Config::tokens`]).
    pub fn with_tokens(mut self, tokens: Arc<dyn TokenProvider>) -> Self {
        self.tokens = Some(tokens);
        self
    }
}

impl<P: Platform> Clone for Config<P> {
    fn clone(&self) -> Self {
        Self {
            target: self.target.clone(),
            credentials: self.credentials.clone(),
            tokens: self.tokens.clone(),
            retry: self.retry,
            timeout: self.timeout,
        }
    }
}

impl<P: Platform> fmt::Debug for Config<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("target", &self.target)
            .field("credentials", &self.credentials)
            .field("tokens", &self.tokens.as_ref().map(|_| "TokenProvider"))
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// The state of a generated `Client`: shared configuration and transport, and the player's
/// credentials of a client made with `for_user`. Cheap to clone; `Debug` shows no secret.
pub struct PlatformClient<P: Platform> {
    config: Arc<Config<P>>,
    transport: Arc<dyn Transport>,
    user: Option<Arc<P::User>>,
}

impl<P: Platform> PlatformClient<P> {
    /// A client sending through `transport`.
    pub fn with_transport(config: Config<P>, transport: impl Transport + 'static) -> Self {
        Self {
            config: Arc::new(config),
            transport: Arc::new(transport),
            user: None,
        }
    }

    /// The configuration.
    pub fn config(&self) -> &Config<P> {
        &self.config
    }

    /// The environment whose paths and signing rules apply.
    pub fn environment(&self) -> P::Environment {
        self.config.target.environment()
    }

    /// This client for one player; the configuration and transport are shared.
    pub fn for_user(&self, user: P::User) -> Self {
        Self {
            user: Some(Arc::new(user)),
            ..self.clone()
        }
    }

    /// Calls an endpoint that is not signed with the issued token: `validate` refuses a bad
    /// `request` before anything is sent, `prepare` signs it for the client's environment
    /// with the credentials of each attempt, `decode` reads a 2xx answer. Each is the
    /// endpoint's generated function, so that a client method only names them.
    pub fn call<'a, Q: Sync, R: Send + 'static>(
        &'a self,
        endpoint: &'static str,
        retry_safe: bool,
        request: &'a Q,
        validate: ValidateAs<Q>,
        prepare: PrepareAs<Q, P>,
        decode: DecodeAs<R, P::Code>,
    ) -> Call<'a, R, P::Code> {
        let route = Route::new(endpoint, retry_safe, validate, prepare, decode);
        self.call_as(false, request, route)
    }

    /// Like [`Self::call`], for an endpoint signed with (or sending) the issued token of
    /// [`Config::tokens`].
    pub fn call_with_token<'a, Q: Sync, R: Send + 'static>(
        &'a self,
        endpoint: &'static str,
        retry_safe: bool,
        request: &'a Q,
        validate: ValidateAs<Q>,
        prepare: PrepareAs<Q, P>,
        decode: DecodeAs<R, P::Code>,
    ) -> Call<'a, R, P::Code> {
        let route = Route::new(endpoint, retry_safe, validate, prepare, decode);
        self.call_as(true, request, route)
    }

    /// [`Self::call`] or [`Self::call_with_token`]: the typed functions boxed for the loop.
    fn call_as<'a, Q: Sync, R: Send + 'static>(
        &'a self,
        with_token: bool,
        request: &'a Q,
        route: Route<Q, R, P>,
    ) -> Call<'a, R, P::Code> {
        let environment = self.environment();
        let prepare = route.prepare;
        let prepare =
            move |credentials: &P::Credentials| prepare(request, environment, credentials);
        let decode = route.decode;
        let decode = move |body: &[u8]| decode(body).map(|r| Box::new(r) as Erased);
        Call::new(self.run(
            with_token,
            route.endpoint,
            route.retry_safe,
            (route.validate)(request),
            Box::new(prepare),
            Box::new(decode),
        ))
    }

    /// The call loop, compiled once per platform: only the boxed closures know the endpoint.
    fn run<'a>(
        &'a self,
        with_token: bool,
        endpoint: &'static str,
        retry_safe: bool,
        valid: Result<(), InvalidRequest>,
        prepare: Box<PrepareWith<'a, P>>,
        decode: Box<DecodeErased<P::Code>>,
    ) -> Running<'a, P::Code> {
        Box::pin(async move {
            // Refused before anything is sent, a token fetch included.
            valid?;
            let tokens = if with_token {
                self.config.tokens.as_deref()
            } else {
                None
            };
            let mut answer = None;
            let mut keep = |body: &[u8]| decode(body).map(|r| answer = Some(r));
            self.engine(tokens)
                .run(endpoint, retry_safe, &self.attempt(&*prepare), &mut keep)
                .await?;
            answer.ok_or_else(|| Error::Transport("the call ended without an answer".to_owned()))
        })
    }

    fn engine<'a>(&'a self, tokens: Option<&'a dyn TokenProvider>) -> Engine<'a> {
        Engine {
            platform: P::NAME,
            transport: &*self.transport,
            base_url: self.config.target.base_url(P::base_url),
            retry: self.config.retry,
            timeout: self.config.timeout,
            tokens,
        }
    }

    /// `prepare` over the credentials of one attempt: configured ones, with the attempt's
    /// token and the player's credentials put in.
    fn attempt<'a>(
        &'a self,
        prepare: &'a (dyn Fn(&P::Credentials) -> Result<PreparedRequest, InvalidRequest> + Sync),
    ) -> impl Fn(Option<&Secret>) -> Result<PreparedRequest, InvalidRequest> + Sync + 'a {
        move |token| {
            if token.is_none() && self.user.is_none() {
                return prepare(&self.config.credentials);
            }
            let mut credentials = self.config.credentials.clone();
            P::attempt_credentials(&mut credentials, token, self.user.as_deref());
            prepare(&credentials)
        }
    }
}

impl<P: Platform> Clone for PlatformClient<P> {
    fn clone(&self) -> Self {
        Self {
            config: Arc::clone(&self.config),
            transport: Arc::clone(&self.transport),
            user: self.user.clone(),
        }
    }
}

impl<P: Platform> fmt::Debug for PlatformClient<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.config)
            .field("user", &self.user)
            .finish_non_exhaustive()
    }
}
