//! The call loop every generated client method runs: prepare, send, decode, retry.

use std::time::Duration;

use gamechannel_core::Secret;
use tracing::Instrument as _;
use tracing::field::Empty;

use super::retry::{Jitter, PlatformCode, RetryPolicy};
use super::token::{TokenError, TokenProvider};
use super::transport::{HttpRequest, Transport, TransportError};
use crate::error::Error;
use crate::invalid::InvalidRequest;
use crate::request::PreparedRequest;

/// Signs one attempt, with the attempt's token.
type Prepare<'a> = dyn Fn(Option<&Secret>) -> Result<PreparedRequest, InvalidRequest> + Sync + 'a;

/// Reads a 2xx answer, keeping the typed response aside.
type Decode<'a, C> = dyn FnMut(&[u8]) -> Result<(), Error<C>> + Send + 'a;

/// Everything one call needs besides the request: generated clients build one per call.
///
/// Public so that a hand-written call (an endpoint no spec lists yet) gets the same retries,
/// token refresh and tracing.
#[derive(Clone, Copy)]
pub struct Engine<'a> {
    /// The platform's name, for tracing.
    pub platform: &'static str,
    /// Sends the requests.
    pub transport: &'a dyn Transport,
    /// Where requests go, without a trailing slash.
    pub base_url: &'a str,
    /// Attempts and backoff.
    pub retry: RetryPolicy,
    /// Bound of each attempt.
    pub timeout: Duration,
    /// The token the request is signed with, when the endpoint uses an issued credential.
    pub tokens: Option<&'a dyn TokenProvider>,
}

impl Engine<'_> {
    /// Calls `endpoint`: `prepare` signs the request with the token of the attempt (`None`
    /// without a token provider) and `decode` reads a 2xx answer.
    ///
    /// `retry_safe` is the request type's `RETRY_SAFE`; see [`RetryPolicy::is_retryable`] for
    /// what is retried, and the [module docs](super) for the token refresh.
    pub async fn call<R, C, P, D>(
        &self,
        endpoint: &'static str,
        retry_safe: bool,
        prepare: P,
        decode: D,
    ) -> Result<R, Error<C>>
    where
        C: PlatformCode,
        P: Fn(Option<&Secret>) -> Result<PreparedRequest, InvalidRequest> + Sync,
        D: Fn(&[u8]) -> Result<R, Error<C>> + Sync,
        R: Send,
    {
        // The loop below is compiled once per platform, not once per endpoint: only this
        // adapter knows the response type.
        let mut answer = None;
        let mut keep = |body: &[u8]| decode(body).map(|r| answer = Some(r));
        self.run(endpoint, retry_safe, &prepare, &mut keep).await?;
        answer.ok_or_else(|| Error::Transport("the call ended without an answer".to_owned()))
    }

    pub(super) async fn run<C: PlatformCode>(
        &self,
        endpoint: &'static str,
        retry_safe: bool,
        prepare: &Prepare<'_>,
        decode: &mut Decode<'_, C>,
    ) -> Result<(), Error<C>> {
        let span = tracing::info_span!(
            "gamechannel.call",
            platform = self.platform,
            endpoint,
            attempts = Empty,
            outcome = Empty,
            code = Empty,
        );
        let result = self
            .attempts(retry_safe, prepare, decode, &span)
            .instrument(span.clone())
            .await;
        match &result {
            Ok(_) => span.record("outcome", "ok"),
            Err(error) => {
                if let Error::Api { code, .. } = error {
                    span.record("code", code.code());
                }
                span.record("outcome", outcome(error))
            }
        };
        result
    }

    async fn attempts<C: PlatformCode>(
        &self,
        retry_safe: bool,
        prepare: &Prepare<'_>,
        decode: &mut Decode<'_, C>,
        span: &tracing::Span,
    ) -> Result<(), Error<C>> {
        let mut token = match self.tokens {
            Some(tokens) => Some(tokens.token().await.map_err(token_failure)?),
            None => None,
        };
        let mut refreshed = false;
        let mut jitter = Jitter::new();
        let mut attempt = 0;
        loop {
            attempt += 1;
            span.record("attempts", attempt);
            // Signed afresh every time: a new token changes every signature covering it.
            let prepared = prepare(token.as_ref())?;
            let error = match self.attempt(attempt, prepared, &mut *decode).await {
                Ok(()) => return Ok(()),
                Err(error) => error,
            };
            if let (Some(tokens), Some(rejected), false) = (self.tokens, &token, refreshed)
                && RetryPolicy::is_token_rejection(&error)
            {
                refreshed = true;
                tracing::info!("access token rejected; refreshing it and trying again");
                let fresh = tokens.refresh(rejected).await.map_err(token_failure)?;
                // The platform refused the request before applying it, so even an
                // endpoint that is not retry-safe may be sent again.
                if fresh != *rejected {
                    token = Some(fresh);
                    continue;
                }
            }
            // The token retry comes on top of the policy's attempts.
            let budget_used = attempt - u32::from(refreshed);
            if budget_used < self.retry.max_attempts
                && RetryPolicy::is_retryable(retry_safe, &error)
            {
                let delay = self.retry.backoff(budget_used, jitter.next());
                tracing::info!(
                    outcome = outcome(&error),
                    delay_ms = delay.as_millis() as u64,
                    "transient failure; retrying the same request"
                );
                tokio::time::sleep(delay).await;
                continue;
            }
            return Err(error);
        }
    }

    async fn attempt<C: PlatformCode>(
        &self,
        attempt: u32,
        prepared: PreparedRequest,
        decode: &mut Decode<'_, C>,
    ) -> Result<(), Error<C>> {
        let span =
            tracing::debug_span!("gamechannel.attempt", attempt, status = Empty, code = Empty);
        let request = HttpRequest {
            method: prepared.method,
            url: prepared.url(self.base_url),
            body: prepared.body,
            content_type: prepared.content_type,
            timeout: self.timeout,
        };
        let recorder = span.clone();
        async move {
            // Bounded here too, whatever the transport does with `timeout`.
            let sent = tokio::time::timeout(self.timeout, self.transport.send(request)).await;
            let response = sent
                .unwrap_or_else(|_| Err(TransportError::timeout(self.timeout)))
                .map_err(|e| {
                    tracing::debug!(error = %e, "transport failure");
                    Error::Transport(e.to_string())
                })?;
            recorder.record("status", response.status);
            if !(200..300).contains(&response.status) {
                return Err(Error::http(response.status, &response.body));
            }
            let decoded = decode(&response.body);
            if let Err(Error::Api { code, .. }) = &decoded {
                recorder.record("code", code.code());
            }
            decoded
        }
        .instrument(span)
        .await
    }
}

/// The failure's kind, for the `outcome` field of spans and events.
fn outcome<C: std::fmt::Debug>(error: &Error<C>) -> &'static str {
    match error {
        Error::Api { .. } => "api_error",
        Error::Http { .. } => "http_error",
        Error::Decode { .. } => "decode_error",
        Error::Invalid(_) => "invalid_request",
        Error::Transport(_) => "transport_error",
    }
}

fn token_failure<C: PlatformCode>(error: TokenError) -> Error<C> {
    match error.code() {
        Some(code) => Error::Api {
            code: C::from_code(code),
            message: error.message().to_owned(),
        },
        None => Error::Transport(error.to_string()),
    }
}
