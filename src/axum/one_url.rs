//! Several callbacks on one URL: platforms that push every event to the single URL configured
//! in their console (WeChat message push) send item deliveries, currency payments and URL
//! checks alike to it.

use std::future::Future;
use std::pin::Pin;

use axum::extract::Request;
use axum::handler::Handler;
use axum::response::Response;

use super::read_raw;
use crate::callback::{CallbackRejection, RawFrom, RawRequest};

/// A callback handler that can be tried on a request already read: what [`one_of`] combines.
pub trait Route: Clone + Send + Sync + 'static {
    /// Whether this callback verifies and reads `request` (signatures, decryption, values).
    fn accepts(&self, request: RawRequest<'_>) -> bool;

    /// Handles `request` as this callback: delivers it once and answers, or refuses it with
    /// this callback's failure reply.
    fn answer(self, query: String, body: String) -> Pin<Box<dyn Future<Output = Response> + Send>>;

    /// The answer to a request that could not even be read.
    fn refuse(&self, rejection: &CallbackRejection) -> Response;
}

/// Two callbacks on one URL; see [`one_of`].
#[derive(Clone)]
pub struct OneOf<A, B> {
    first: A,
    second: B,
}

/// Serves two callbacks (or more, nested: `one_of(a, one_of(b, c))`) on one URL: a request is
/// handled by the first of them that verifies and reads it, so an item push reaches the item
/// handler and a currency push the currency handler although both arrive at the same URL;
/// a request that none of them accepts is refused by the first one, with its reason.
///
/// Each candidate verifies the request in full (signatures, decryption, values) before it is
/// chosen, so one that merely shares the signature rule never receives another's events.
pub fn one_of<A: Route, B: Route>(first: A, second: B) -> OneOf<A, B> {
    OneOf { first, second }
}

impl<A: Route, B: Route> Route for OneOf<A, B> {
    fn accepts(&self, request: RawRequest<'_>) -> bool {
        self.first.accepts(request) || self.second.accepts(request)
    }

    fn answer(self, query: String, body: String) -> Pin<Box<dyn Future<Output = Response> + Send>> {
        let request = RawRequest {
            query: &query,
            body: &body,
        };
        if !self.first.accepts(request) && self.second.accepts(request) {
            return self.second.answer(query, body);
        }
        self.first.answer(query, body)
    }

    fn refuse(&self, rejection: &CallbackRejection) -> Response {
        self.first.refuse(rejection)
    }
}

/// The `T` of [`OneOf`]'s [`Handler`] implementation; never constructed.
pub enum OneOfMarker {}

impl<A: Route, B: Route, S> Handler<OneOfMarker, S> for OneOf<A, B> {
    type Future = Pin<Box<dyn Future<Output = Response> + Send>>;

    fn call(self, req: Request, _state: S) -> Self::Future {
        Box::pin(async move {
            // Every candidate may read the query and the body: read both once.
            match read_raw(RawFrom::QueryAndBody, req).await {
                Ok((query, body)) => self.answer(query, body).await,
                Err(rejection) => self.refuse(&rejection),
            }
        })
    }
}
