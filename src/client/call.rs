//! The future a generated client method returns.
//!
//! Every endpoint of a platform runs the same compiled call loop; a method only hands it the
//! request's signing and the response's decoding, and [`Call`] gives the answer its type back.
//! An `async fn` per endpoint would compile a state machine per endpoint instead, which is most
//! of what a large spec costs to build.

use std::any::Any;
use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use crate::error::Error;

/// A decoded response, its type known only to the method that made the call.
pub(super) type Erased = Box<dyn Any + Send>;

/// The shared call loop of one call, answering with an [`Erased`] response.
pub(super) type Running<'a, C> =
    Pin<Box<dyn Future<Output = Result<Erased, Error<C>>> + Send + 'a>>;

/// One call of a generated client method, answering with the endpoint's response `R` or an
/// error with the platform's codes `C`. Await it; dropping it cancels the call.
#[must_use = "a call does nothing unless awaited"]
pub struct Call<'a, R, C: fmt::Debug> {
    running: Running<'a, C>,
    response: PhantomData<fn() -> R>,
}

impl<'a, R: 'static, C: fmt::Debug> Call<'a, R, C> {
    pub(super) fn new(running: Running<'a, C>) -> Self {
        Self {
            running,
            response: PhantomData,
        }
    }
}

impl<R: 'static, C: fmt::Debug> Future for Call<'_, R, C> {
    type Output = Result<R, Error<C>>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.running.as_mut().poll(cx).map(|answer| {
            answer.map(|response| {
                *response
                    .downcast::<R>()
                    .expect("a call's decoder answers with the call's response type")
            })
        })
    }
}

impl<R, C: fmt::Debug> fmt::Debug for Call<'_, R, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call")
            .field("response", &std::any::type_name::<R>())
            .finish_non_exhaustive()
    }
}
