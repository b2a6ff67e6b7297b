//! `gamechannel call` against the mock on loopback: a success with the token fetched on the
//! way, a platform error explained by its name and doc, a retried `-1`, bad input, and no
//! secret ever printed.

mod e2e_support;

use std::process::{Command, Output};

use e2e_support::{bounded, cred, mock_with};
use gamechannel::wechat_midas::Environment;
use gamechannel_cli::mock::{Faults, RunningMock};

/// The secrets of these tests: none may appear in any output.
const SECRETS: &[&str] = &[
    "mock-midas-app-key",
    "mock-wechat-app-secret",
    "wrong-app-key",
];

/// Runs `gamechannel call` with `args` (and `env`) against `mock`, off the runtime's threads.
async fn call(mock: &RunningMock, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gamechannel"));
    command
        .args(["call", "--base-url", &mock.base_url()])
        .args(args);
    // Only what a test sets: a developer's own GAMECHANNEL_* must not change the outcome.
    for (name, _) in std::env::vars().filter(|(n, _)| n.starts_with("GAMECHANNEL_")) {
        command.env_remove(name);
    }
    command.envs(env.iter().copied());
    let output = bounded(
        "gamechannel call",
        tokio::task::spawn_blocking(move || command.output()),
    )
    .await
    .expect("joins")
    .expect("runs");
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    for secret in SECRETS {
        assert!(!all.contains(secret), "{secret} printed:\n{all}");
    }
    output
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

const BALANCE: &[&str] = &[
    "wechat_midas.get_balance",
    "--env",
    "sandbox",
    "openid=mock-openid-1",
    "appid=wxmock0000000001",
    "offer_id=mock-offer-id",
    "ts=1700000000",
    "zone_id=1",
    "pf=android",
];

fn creds(app_key: &'static str) -> Vec<&'static str> {
    vec![
        "--cred",
        if app_key == "wrong" {
            "app_key=wrong-app-key"
        } else {
            "app_key=mock-midas-app-key"
        },
        "--cred",
        "secret=mock-wechat-app-secret",
    ]
}

#[tokio::test]
async fn a_success_fetches_the_token_on_the_way_and_shows_the_typed_answer() {
    let mock = mock_with(|_| {}).await;
    let args: Vec<&str> = BALANCE.iter().copied().chain(creds("right")).collect();
    // appid of the token request from the environment, as a deployment would set it.
    let output = call(
        &mock,
        &args,
        &[(
            "GAMECHANNEL_WECHAT_MIDAS_APPID",
            cred("wechat_midas", "appid"),
        )],
    )
    .await;
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(
        text.contains("`access_token` is issued by get_stable_token: fetching it first"),
        "{text}"
    );
    assert!(text.contains("?access_token=<access_token>"), "{text}");
    assert!(text.contains("\"secret\":\"<secret>\""), "{text}");
    assert!(
        text.contains("sig signs: appid=wxmock0000000001&"),
        "{text}"
    );
    assert!(text.contains("&secret=<app_key>"), "{text}");
    assert!(
        text.contains("HTTP 200, ok; the answer:\n  balance = 0\n"),
        "{text}"
    );
    let issued: u64 = mock.token_counts().values().map(|t| t.issued).sum();
    assert_eq!(issued, 1);
    // The stable token is answered again while valid: the one the command was given.
    let client = gamechannel::wechat_midas::Client::builder(Environment::Sandbox)
        .base_url(mock.base_url())
        .credentials([("app_key", "k"), ("access_token", "unused")])
        .build()
        .expect("a client");
    let token = client
        .get_stable_token(&e2e_support::token_request())
        .await
        .expect("the token");
    assert!(!text.contains(token.access_token.expose()), "{text}");
    mock.shutdown().await;
}

#[tokio::test]
async fn a_platform_error_is_named_and_explained_and_exits_1() {
    let mock = mock_with(|_| {}).await;
    let mut args: Vec<&str> = BALANCE.iter().copied().chain(creds("wrong")).collect();
    args.extend(["--cred", "appid=wxmock0000000001"]);
    let output = call(&mock, &args, &[]).await;
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("error 90011 bad_sig"), "{text}");
    assert!(text.contains("Incorrect `sig` signature"), "{text}");
    args.push("--json");
    let output = call(&mock, &args, &[]).await;
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("one JSON object");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(json["error"]["code"], 90011, "{json}");
    assert_eq!(json["error"]["name"], "bad_sig", "{json}");
    assert!(
        json["error"]["doc"]
            .as_str()
            .is_some_and(|d| d.contains("org_loc")),
        "{json}"
    );
    assert_eq!(json["tokens"][0]["fetched"], true, "{json}");
    mock.shutdown().await;
}

#[tokio::test]
async fn a_busy_platform_is_retried_on_a_retry_safe_endpoint_and_says_so() {
    let mock = mock_with(|_| {}).await;
    mock.set_faults(Faults {
        busy_next: 1,
        ..mock.faults()
    });
    let mut args: Vec<&str> = BALANCE.iter().copied().chain(creds("right")).collect();
    args.extend(["--cred", "appid=wxmock0000000001"]);
    let output = call(&mock, &args, &[]).await;
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(text.contains("-> HTTP 200, error -1 system_busy\n  retrying in 100 ms: get_balance is retry-safe (read-only)"), "{text}");
    assert!(text.contains("attempt 2 of get_balance"), "{text}");
    mock.shutdown().await;
}

#[tokio::test]
async fn bad_input_exits_2_and_says_what_is_allowed() {
    let mock = mock_with(|_| {}).await;
    let output = call(&mock, &["wechat_midas.get_balance", "nope=1"], &[]).await;
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("unknown field 'nope' (allowed: openid")
    );
    let mut args: Vec<&str> = BALANCE.to_vec();
    args.extend(["--cred", "app_key=mock-midas-app-key"]);
    let output = call(&mock, &args, &[]).await;
    let error = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(2), "{error}");
    assert!(error.contains("GAMECHANNEL_WECHAT_MIDAS_APPID"), "{error}");
    mock.shutdown().await;
}

#[tokio::test]
async fn a_spec_file_is_called_through_the_interpreter_too() {
    let mock = mock_with(|_| {}).await;
    let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../specs/llewan.yaml");
    let timestamp = e2e_support::now().to_string();
    let timestamp = format!("timestamp={timestamp}");
    let args = [
        "--spec",
        spec,
        "llewan.get_user_open_id",
        "game=demo-weixin",
        "uid=12_11_1",
        &timestamp,
        "--json",
    ];
    let secret = cred("llewan", "secret");
    let output = call(&mock, &args, &[("GAMECHANNEL_LLEWAN_SECRET", secret)]).await;
    let text = stdout(&output);
    let error = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{text}{error}");
    assert!(!text.contains(secret), "{text}");
    let json: serde_json::Value = serde_json::from_str(&text).expect("one JSON object");
    assert_eq!(json["attempts"][0]["request"]["method"], "GET", "{json}");
    assert!(json["answer"]["d"]["openid"].is_string(), "{json}");
    mock.shutdown().await;
}

/// A raw-body signed call through the interpreter: the signatures and the fixed `sig_method`
/// in the query, the session key per user, accepted by the mock.
#[tokio::test]
async fn a_raw_body_signed_call_sends_its_signatures_in_the_query() {
    let mock = mock_with(|_| {}).await;
    let args = [
        "wechat_minigame_v2.get_balance",
        "offer_id=12345678",
        "zone_id=1",
        "openid=oCallUser",
        "env=0",
        "ts=1700000000",
        "--cred",
        "app_key=mock-minigame-v2-app-key",
        "--cred",
        "session_key=mock-session-key",
        "--cred",
        "secret=mock-wechat-app-secret",
    ];
    let output = call(
        &mock,
        &args,
        &[(
            "GAMECHANNEL_WECHAT_MINIGAME_V2_APPID",
            cred("wechat_minigame_v2", "appid"),
        )],
    )
    .await;
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(text.contains("sig_method=hmac_sha256"), "{text}");
    assert!(text.contains("&pay_sig="), "{text}");
    assert!(
        text.contains(r#"pay_sig signs: /wxa/game/getbalance&{"offer_id":"12345678""#),
        "{text}"
    );
    mock.shutdown().await;
}
