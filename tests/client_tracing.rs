//! The spans and events of calls name the platform, endpoint, attempts and outcome, and never
//! a token, a key or a URL query.

#![cfg(all(feature = "reqwest", feature = "wechat_midas"))]

mod client_support;

use std::fmt::{self, Write as _};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use client_support::midas::{self as fixture, APP_KEY, SESSION_KEY, Sequence, TOKEN_A, TOKEN_B};
use client_support::{Reply, serve};
use gamechannel::client::{CachedTokens, ReqwestTransport};
use gamechannel::{Secret, wechat_midas as midas};
use serde_json::json;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// Writes every span, field and event as text.
#[derive(Clone, Default)]
struct Capture {
    text: Arc<Mutex<String>>,
    ids: Arc<AtomicU64>,
}

impl Capture {
    fn append(&self, line: impl FnOnce(&mut String)) {
        let mut text = self.text.lock().unwrap_or_else(PoisonError::into_inner);
        line(&mut text);
        text.push('\n');
    }

    fn text(&self) -> String {
        self.text
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

struct Fields<'a>(&'a mut String);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        let _ = write!(self.0, " {}={value:?}", field.name());
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        self.append(|out| {
            out.push_str(span.metadata().name());
            span.record(&mut Fields(out));
        });
        Id::from_u64(self.ids.fetch_add(1, Ordering::Relaxed) + 1)
    }
    fn record(&self, _: &Id, values: &Record<'_>) {
        self.append(|out| values.record(&mut Fields(out)));
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        self.append(|out| event.record(&mut Fields(out)));
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

#[tokio::test]
async fn traces_show_calls_and_attempts_but_no_secrets() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());

    // Busy once, then the token is rejected once, then success; then a call that fails.
    let platform = serve(|request, index| match index {
        0 => Reply::json(json!({"errcode": -1, "errmsg": "busy"})),
        _ if request.query_param("access_token").as_deref() == Some(TOKEN_A) => {
            Reply::json(json!({"errcode": 42001, "errmsg": "expired"}))
        }
        _ if request.path.ends_with("getbalance") => {
            Reply::json(json!({"errcode": 90013, "errmsg": "balance"}))
        }
        _ => Reply::json(json!({"errcode": 0, "balance": 3})),
    })
    .await;
    let source = Sequence::new(&[TOKEN_A, TOKEN_B], None);
    let config =
        fixture::config(&platform.base_url).with_tokens(Arc::new(CachedTokens::new(source)));
    let client = midas::Client::with_transport(config, ReqwestTransport::new().expect("TLS"))
        .for_user(midas::UserCredentials {
            session_key: Some(Secret::new(SESSION_KEY)),
        });
    client
        .present(&fixture::present("bill-tr"))
        .await
        .expect("third attempt");
    client
        .get_balance(&fixture::get_balance())
        .await
        .expect_err("90013");

    let text = capture.text();
    for expected in [
        "gamechannel.call platform=\"wechat_midas\" endpoint=\"present\"",
        "gamechannel.attempt attempt=3",
        "attempts=3",
        "status=200",
        "outcome=\"ok\"",
        "refreshing",
        "retrying",
        "outcome=\"api_error\"",
        "code=90013",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    for secret in [
        APP_KEY,
        SESSION_KEY,
        TOKEN_A,
        TOKEN_B,
        "SECRET",
        "access_token",
        "/cgi-bin",
    ] {
        assert!(!text.contains(secret), "{secret:?} in\n{text}");
    }
}
