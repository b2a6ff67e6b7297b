//! The default [`Transport`]: reqwest with rustls (no OpenSSL on build machines).

use std::error::Error as _;

use super::token::BoxFuture;
use super::transport::{HttpRequest, HttpResponse, Transport, TransportError, TransportErrorKind};

/// A [`Transport`] over a shared `reqwest::Client` (connection pooling included).
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
}

impl ReqwestTransport {
    /// A transport with reqwest's defaults; fails only when the TLS backend cannot start.
    pub fn new() -> Result<Self, TransportError> {
        reqwest::Client::builder()
            .build()
            .map(Self::from_client)
            .map_err(|e| describe(&e))
    }

    /// A transport over a client you configured (proxies, pools, TLS roots).
    pub fn from_client(client: reqwest::Client) -> Self {
        Self { client }
    }
}

impl Transport for ReqwestTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(async move {
            let method = if request.method == "GET" {
                reqwest::Method::GET
            } else {
                reqwest::Method::POST
            };
            let mut builder = self
                .client
                .request(method, &request.url)
                .timeout(request.timeout);
            if let Some(content_type) = request.content_type {
                builder = builder.header(reqwest::header::CONTENT_TYPE, content_type);
            }
            if let Some(body) = request.body {
                builder = builder.body(body);
            }
            let response = builder.send().await.map_err(|e| describe(&e))?;
            let status = response.status().as_u16();
            let body = response.bytes().await.map_err(|e| describe(&e))?;
            Ok(HttpResponse {
                status,
                body: body.to_vec(),
            })
        })
    }
}

/// A reqwest error as a [`TransportError`], with its causes but without the URL (whose query
/// may hold an access token).
fn describe(error: &reqwest::Error) -> TransportError {
    let kind = if error.is_timeout() {
        TransportErrorKind::Timeout
    } else if error.is_connect() {
        TransportErrorKind::Connect
    } else {
        TransportErrorKind::Io
    };
    // reqwest's own Display names the URL; its causes (hyper, io) do not.
    let mut message = String::from(match kind {
        TransportErrorKind::Timeout => "request timed out",
        TransportErrorKind::Connect => "could not connect",
        _ => "request failed",
    });
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    TransportError::new(kind, message)
}
