//! The tour's WeChat Midas part: a token provider over the stable-token endpoint, every call in
//! the sandbox and in production, a `present` retried through an injected `-1`, and a token
//! refresh after the mock expires every token.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use gamechannel::Secret;
use gamechannel::client::{BoxFuture, CachedTokens, Target, TokenError, TokenSource};
use gamechannel::wechat_midas::{self as midas, Environment};

use super::player::Player;
use super::report::{Report, short};
use crate::mock::{Faults, MockConfig, RunningMock};

/// Counts fetches of a token source, so the tour can show exactly one refresh.
struct Counted<S> {
    source: S,
    fetches: Arc<AtomicUsize>,
}

impl<S: TokenSource> TokenSource for Counted<S> {
    fn fetch(&self) -> BoxFuture<'_, Result<(Secret, Option<Duration>), TokenError>> {
        self.fetches.fetch_add(1, Ordering::SeqCst);
        self.source.fetch()
    }
}

fn credential(config: &MockConfig, name: &str) -> String {
    config
        .credential("wechat_midas", name)
        .unwrap_or_default()
        .to_owned()
}

/// A client of `environment` at the mock, its token fetch counter, and the app key.
fn client(
    mock: &RunningMock,
    config: &MockConfig,
    environment: Environment,
) -> Result<(midas::Client, Arc<AtomicUsize>), String> {
    let target = Target::Custom {
        base_url: mock.base_url(),
        environment,
    };
    let credentials = midas::Credentials {
        app_key: Secret::new(credential(config, "app_key")),
        session_key: None,
        // Replaced by the token provider on every attempt.
        access_token: Secret::new(""),
    };
    let bootstrap = midas::Client::new(midas::Config::new(target.clone(), credentials.clone()))
        .map_err(|e| e.to_string())?;
    let request = midas::GetStableTokenRequest {
        grant_type: "client_credential".into(),
        appid: credential(config, "appid"),
        secret: Secret::new(credential(config, "app_secret")),
        force_refresh: None,
    };
    let fetches = Arc::new(AtomicUsize::new(0));
    let source = Counted {
        source: midas::AccessTokenSource::new(bootstrap, request),
        fetches: fetches.clone(),
    };
    let tokens = Arc::new(CachedTokens::new(source));
    let config = midas::Config::new(target, credentials).with_tokens(tokens);
    Ok((
        midas::Client::new(config).map_err(|e| e.to_string())?,
        fetches,
    ))
}

fn sig_of<R>(sign: impl FnOnce(&str, &midas::Credentials) -> R, path: &str, app_key: &str) -> R {
    let credentials = midas::Credentials {
        app_key: Secret::new(app_key),
        session_key: None,
        access_token: Secret::new(""),
    };
    sign(path, &credentials)
}

/// Runs the Midas part.
pub async fn run(report: &mut Report, mock: &RunningMock, config: &MockConfig, now: i64) {
    let app_key = credential(config, "app_key");
    for environment in Environment::ALL {
        report.section(&format!("WeChat Midas ({}) — POST JSON, sig + mp_sig (HMAC-SHA256), access_token from get_stable_token", environment.name()));
        let (client, fetches) = match client(mock, config, environment) {
            Ok(c) => c,
            Err(e) => {
                report.step("client", Err(e));
                continue;
            }
        };
        let player = Player {
            appid: credential(config, "appid"),
            openid: format!("tour-player-{}", environment.name()),
            ts: now,
        };
        let env = environment.name();

        let request = player.balance();
        let path = midas::GetBalanceRequest::path(environment);
        let sig = sig_of(
            |p, c| request.sign(p, c).sig.value().to_owned(),
            path,
            &app_key,
        );
        let answer = client.get_balance(&request).await;
        report.step(
            "get_balance",
            answer
                .map(|r| {
                    format!(
                        "POST {path} sig={} → balance {}",
                        short(&sig),
                        r.balance.unwrap_or(0)
                    )
                })
                .map_err(|e| e.to_string()),
        );
        report.note(&format!(
            "access_token fetched {} time(s) from get_stable_token",
            fetches.load(Ordering::SeqCst)
        ));

        let bill = format!("tour-{env}-gift-1");
        let request = player.present(&bill, 60);
        let path = midas::PresentRequest::path(environment);
        let sig = sig_of(
            |p, c| request.sign(p, c).sig.value().to_owned(),
            path,
            &app_key,
        );
        let answer = client.present(&request).await;
        report.step(
            "present 60",
            answer
                .map(|r| {
                    format!(
                        "POST {path} bill_no={bill} sig={} → balance {}",
                        short(&sig),
                        r.balance.unwrap_or(0)
                    )
                })
                .map_err(|e| e.to_string()),
        );

        let bill = format!("tour-{env}-pay-1");
        let answer = client.pay(&player.pay(&bill, 10)).await;
        report.step(
            "pay 10",
            answer
                .map(|r| format!("bill_no={bill} → balance {}", r.balance.unwrap_or(0)))
                .map_err(|e| e.to_string()),
        );
        let answer = client.cancel_pay(&player.cancel(&bill)).await;
        report.step(
            "cancel_pay",
            answer
                .map(|_| format!("bill_no={bill} refunded"))
                .map_err(|e| e.to_string()),
        );

        let user = midas::UserCredentials {
            session_key: Some(Secret::new(credential(config, "session_key"))),
        };
        let answer = client.for_user(user).get_balance(&player.balance()).await;
        report.step(
            "get_balance with mp_sig",
            answer
                .map(|r| {
                    format!(
                        "session_key given, mp_sig covers the token → balance {}",
                        r.balance.unwrap_or(0)
                    )
                })
                .map_err(|e| e.to_string()),
        );

        if environment == Environment::Sandbox {
            retried_present(report, mock, &client, &player).await;
            token_refresh(report, mock, &client, &player, &fetches).await;
        }
    }
}

/// A `present` meets an injected `-1` and is retried with the same `bill_no`.
async fn retried_present(
    report: &mut Report,
    mock: &RunningMock,
    client: &midas::Client,
    player: &Player,
) {
    let bill = "tour-sandbox-retry-1";
    mock.set_faults(Faults {
        busy_next: 1,
        ..Faults::default()
    });
    let answer = client.present(&player.present(bill, 5)).await;
    // The injected -1 was used up only if the first attempt met it; success means a retry.
    let busy_used = mock.faults().busy_next == 0;
    mock.set_faults(Faults::default());
    let order = mock.ledger().orders.into_iter().find(|o| o.bill_no == bill);
    let outcome = match (answer, order) {
        (Ok(r), Some(o)) if busy_used && o.applied == 1 => Ok(format!(
            "attempt 1 answered -1 (injected), attempt 2 with the same bill_no={bill} credited once → balance {}",
            r.balance.unwrap_or(0)
        )),
        (Ok(_), Some(o)) => Err(format!(
            "injected -1 used: {busy_used}; the order was applied {} time(s)",
            o.applied
        )),
        (Ok(_), None) => Err("the mock has no record of the order".into()),
        (Err(e), _) => Err(e.to_string()),
    };
    report.step("present retried after -1", outcome);
}

/// Every token expires at the mock; the next call is refused `42001`, refreshes once and is re-signed.
async fn token_refresh(
    report: &mut Report,
    mock: &RunningMock,
    client: &midas::Client,
    player: &Player,
    fetches: &AtomicUsize,
) {
    let before = fetches.load(Ordering::SeqCst);
    mock.expire_tokens();
    let answer = client.get_balance(&player.balance()).await;
    let refreshed = fetches.load(Ordering::SeqCst) - before;
    let outcome = match answer {
        Ok(_) if refreshed == 1 => {
            Ok("42001 access_token expired → one refresh, re-signed, retried → ok".to_owned())
        }
        Ok(_) => Err(format!(
            "expected exactly one token refresh, saw {refreshed}"
        )),
        Err(e) => Err(e.to_string()),
    };
    report.step("token refresh", outcome);
}
