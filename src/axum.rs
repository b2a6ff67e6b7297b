//! axum handlers for platform callbacks (feature `axum`): verify, deliver once, answer exactly
//! what the platform expects.
//!
//! ```no_run
//! # #[cfg(feature = "wancms")] {
//! use std::sync::Arc;
//! use axum::{Router, routing::get};
//! use gamechannel::{MemoryDedup, ReplayWindow, Secret, wancms};
//! use gamechannel::axum::{CallbackConfig, callback};
//!
//! let credentials = wancms::Credentials {
//!     login_key: Secret::new("login key"),
//!     pay_key: Secret::new("pay key"),
//! };
//! let app: Router = Router::new().route(
//!     "/wancms/notify",
//!     get(callback::<wancms::PayNotifyNotification, _, _>(
//!         CallbackConfig {
//!             credentials,
//!             dedup: Arc::new(MemoryDedup::default()),
//!             window: ReplayWindow::default(),
//!         },
//!         |n: wancms::PayNotifyNotification| async move {
//!             // Credit n.bill_no here; Err(reason) answers `fail` and the platform resends.
//!             let _ = n;
//!             Ok::<(), String>(())
//!         },
//!     )),
//! );
//! # }
//! ```

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;

use axum::extract::Request;
use axum::handler::Handler;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::callback::{
    Callback, CallbackRejection, RawFrom, RawRequest, ReplayWindow, now_unix_secs,
};
use crate::dedup::{DedupStore, Outcome, handle_request_once};

mod one_url;

pub use one_url::{OneOf, Route, one_of};

/// Largest callback body read; platform notifications are a few hundred bytes.
pub const MAX_BODY: usize = 64 * 1024;

/// What a callback handler needs besides the game's own delivery function.
pub struct CallbackConfig<C> {
    /// The platform's credentials (`wancms::Credentials`).
    pub credentials: C,
    /// Where handled notifications are remembered; share one store between the routes (and,
    /// with a shared backend, the processes) that receive the same platform's callbacks.
    pub dedup: Arc<dyn DedupStore>,
    /// Accepted age of the signed timestamp, for platforms that send one (llewan).
    pub window: ReplayWindow,
}

/// An axum handler for the callback `N`; see [`callback`].
pub struct CallbackHandler<N: Callback, F> {
    config: Arc<CallbackConfig<N::Credentials>>,
    deliver: F,
    notification: PhantomData<fn() -> N>,
}

// Derived Clone would demand `N: Clone` and `N::Credentials: Clone`; only the Arc is cloned.
impl<N: Callback, F: Clone> Clone for CallbackHandler<N, F> {
    fn clone(&self) -> Self {
        Self {
            config: Arc::clone(&self.config),
            deliver: self.deliver.clone(),
            notification: PhantomData,
        }
    }
}

/// The `T` of [`CallbackHandler`]'s [`Handler`] implementation; never constructed.
pub enum CallbackMarker {}

/// A handler for the platform callback `N`, to mount with the method the platform uses
/// (`get` for wancms `pay_notify`, `post` for llewan `gift_code`).
///
/// It reads the raw query string or body (as the spec's encoding says), verifies it over the
/// raw wire values and, where the platform signs a timestamp, against `config.window`. A
/// rejection is answered with the platform's failure reply and logged (`tracing`, the kind
/// and field names only, never values or keys). A genuine notification goes through
/// [`crate::dedup::handle_once`]: `deliver` runs once per dedup key, on its own task so that a
/// dropped connection cannot cancel a delivery half-way, and every resend gets the same reply.
/// Replies are HTTP 200 with `N::REPLY_CONTENT_TYPE`: the platforms read the body, not the status.
pub fn callback<N, F, Fut>(
    config: CallbackConfig<N::Credentials>,
    deliver: F,
) -> CallbackHandler<N, F>
where
    N: Callback + Send + 'static,
    N::Credentials: Send + Sync + 'static,
    F: Fn(N) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<(), String>> + Send + 'static,
{
    CallbackHandler {
        config: Arc::new(config),
        deliver,
        notification: PhantomData,
    }
}

impl<N, F, Fut, S> Handler<CallbackMarker, S> for CallbackHandler<N, F>
where
    N: Callback + Send + 'static,
    N::Credentials: Send + Sync + 'static,
    F: Fn(N) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<(), String>> + Send + 'static,
{
    type Future = Pin<Box<dyn Future<Output = Response> + Send>>;

    fn call(self, req: Request, _state: S) -> Self::Future {
        Box::pin(self.respond(req))
    }
}

impl<N, F, Fut> CallbackHandler<N, F>
where
    N: Callback + Send + 'static,
    N::Credentials: Send + Sync + 'static,
    F: Fn(N) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<(), String>> + Send + 'static,
{
    async fn respond(self, req: Request) -> Response {
        let (query, body) = match read_raw(N::FROM, req).await {
            Ok(parts) => parts,
            Err(rejection) => return refuse::<N>(RawRequest::default(), &rejection),
        };
        self.respond_raw(query, body).await
    }

    /// Verifies, delivers once and answers a request already read.
    async fn respond_raw(self, query: String, body: String) -> Response {
        let request = RawRequest {
            query: &query,
            body: &body,
        };
        let config = &self.config;
        let window = Some((now_unix_secs(), &config.window));
        let notification = match N::verify_request(request, &config.credentials, window) {
            Ok(notification) => notification,
            Err(rejection) => return refuse::<N>(request, &rejection),
        };
        let key = notification.dedup_key();
        let store = Arc::clone(&config.dedup);
        let owned = (query.clone(), body.clone());
        let task = async move {
            let request = RawRequest {
                query: &owned.0,
                body: &owned.1,
            };
            handle_request_once(&*store, notification, request, self.deliver).await
        };
        let (reply_body, outcome) = match tokio::runtime::Handle::try_current() {
            Ok(runtime) => match runtime.spawn(task).await {
                Ok(done) => done,
                Err(_) => {
                    // The delivery panicked or was cancelled: release the key so that the
                    // platform's resend can deliver it.
                    config.dedup.abandon(&key).await;
                    tracing::error!(
                        platform = N::PLATFORM,
                        endpoint = N::ENDPOINT,
                        "callback delivery panicked or was cancelled"
                    );
                    (
                        N::failure_reply_to(request, "internal error"),
                        Outcome::Failed,
                    )
                }
            },
            // Outside a tokio runtime (a test driving the handler by hand): run it here.
            Err(_) => task.await,
        };
        tracing::info!(
            platform = N::PLATFORM,
            endpoint = N::ENDPOINT,
            ?outcome,
            "callback handled"
        );
        let refused = !matches!(outcome, Outcome::Delivered | Outcome::Duplicate);
        reply::<N>(request, reply_body, refused)
    }
}

impl<N, F, Fut> Route for CallbackHandler<N, F>
where
    N: Callback + Send + 'static,
    N::Credentials: Send + Sync + 'static,
    F: Fn(N) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<(), String>> + Send + 'static,
{
    fn accepts(&self, request: RawRequest<'_>) -> bool {
        let window = Some((now_unix_secs(), &self.config.window));
        N::verify_request(request, &self.config.credentials, window).is_ok()
    }

    fn answer(self, query: String, body: String) -> Pin<Box<dyn Future<Output = Response> + Send>> {
        Box::pin(self.respond_raw(query, body))
    }

    fn refuse(&self, rejection: &CallbackRejection) -> Response {
        refuse::<N>(RawRequest::default(), rejection)
    }
}

/// The raw query string and body, as received (the body only where the callback reads it).
pub(crate) async fn read_raw(
    from: RawFrom,
    req: Request,
) -> Result<(String, String), CallbackRejection> {
    let query = req.uri().query().unwrap_or_default().to_owned();
    if from == RawFrom::Query {
        return Ok((query, String::new()));
    }
    let bytes = axum::body::to_bytes(req.into_body(), MAX_BODY)
        .await
        .map_err(|_| {
            CallbackRejection::Malformed("body unreadable or larger than 64 KiB".into())
        })?;
    let body = String::from_utf8(bytes.to_vec())
        .map_err(|_| CallbackRejection::Malformed("body is not UTF-8".into()))?;
    Ok((query, body))
}

fn refuse<N: Callback>(request: RawRequest<'_>, rejection: &CallbackRejection) -> Response {
    // CallbackRejection never carries a key or a computed signature, so it may be logged and
    // shown to the platform (llewan puts it in `msg`).
    tracing::warn!(
        platform = N::PLATFORM,
        endpoint = N::ENDPOINT,
        kind = rejection.kind(),
        %rejection,
        "callback rejected"
    );
    reply::<N>(
        request,
        N::failure_reply_to(request, &rejection.to_string()),
        true,
    )
}

fn reply<N: Callback>(request: RawRequest<'_>, body: String, refused: bool) -> Response {
    let content_type = HeaderValue::from_str(N::reply_content_type_to(request))
        .unwrap_or(HeaderValue::from_static("text/plain"));
    let status = match refused {
        true => StatusCode::from_u16(N::FAILURE_STATUS).unwrap_or(StatusCode::OK),
        false => StatusCode::OK,
    };
    (status, [(header::CONTENT_TYPE, content_type)], body).into_response()
}
