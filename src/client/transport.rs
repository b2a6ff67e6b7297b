//! One HTTP exchange, behind a trait so that tests and studios can bring their own client.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use super::token::BoxFuture;

/// Sends one request and returns the platform's answer, whatever its status.
///
/// Implementations should honour [`HttpRequest::timeout`]; the engine also bounds each
/// attempt by it. The returned future is boxed so that the trait stays object-safe without an
/// `async-trait` dependency.
pub trait Transport: Send + Sync {
    /// Sends `request`.
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>>;
}

impl<T: Transport + ?Sized> Transport for Arc<T> {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        (**self).send(request)
    }
}

/// One request, fully prepared and signed.
#[derive(Clone)]
pub struct HttpRequest {
    /// `GET` or `POST`.
    pub method: &'static str,
    /// Full URL. Its query may carry credentials (WeChat `access_token`): never log it.
    pub url: String,
    /// Encoded body, for `form` and `json` endpoints. May carry keys (WeChat AppSecret).
    pub body: Option<String>,
    /// Content type of the body.
    pub content_type: Option<&'static str>,
    /// How long the whole exchange may take.
    pub timeout: Duration,
}

impl HttpRequest {
    /// The URL without its query, safe to show.
    pub fn url_without_query(&self) -> &str {
        without_query(&self.url)
    }
}

impl fmt::Debug for HttpRequest {
    // The query and the body may hold tokens and keys: show only their shape.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url_without_query())
            .field("body_len", &self.body.as_ref().map(String::len))
            .field("content_type", &self.content_type)
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// The platform's answer.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// HTTP status code.
    pub status: u16,
    /// Raw body.
    pub body: Vec<u8>,
}

impl fmt::Debug for HttpResponse {
    // Bodies can carry issued tokens (WeChat `stable_token`): show only their length.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// What kind of failure a [`TransportError`] is; all of them are worth retrying.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made (DNS, refused, TLS handshake).
    Connect,
    /// The exchange took longer than its timeout.
    Timeout,
    /// The connection broke while sending or receiving.
    Io,
}

/// The request could not be sent or its answer not received.
///
/// The message never contains the URL's query, which may carry a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransportError {
    kind: TransportErrorKind,
    message: String,
}

impl TransportError {
    /// An error of `kind`; `message` must not contain credentials or a URL query.
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }

    /// A timeout after `after`.
    pub fn timeout(after: Duration) -> Self {
        Self::new(
            TransportErrorKind::Timeout,
            format!("no answer within {after:?}"),
        )
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// What went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            TransportErrorKind::Connect => "connect",
            TransportErrorKind::Timeout => "timeout",
            TransportErrorKind::Io => "io",
        };
        write!(f, "{kind}: {}", self.message)
    }
}

impl std::error::Error for TransportError {}

/// `url` up to its `?`.
pub(crate) fn without_query(url: &str) -> &str {
    url.split_once('?').map_or(url, |(base, _)| base)
}
