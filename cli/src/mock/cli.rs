//! `gamechannel mock`: serve the mock until Ctrl-C; `gamechannel mock callback`: ask a
//! running mock to send a callback.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Subcommand};
use serde_json::{Map, Value};

use super::{MockConfig, start};
use crate::specs::Catalog;

/// Serve every spec'd platform on one address (a sandbox in a box), or drive a running mock.
#[derive(Args, Debug)]
#[command(args_conflicts_with_subcommands = true)]
pub struct MockArgs {
    #[command(subcommand)]
    action: Option<MockAction>,
    #[command(flatten)]
    serve: ServeArgs,
}

/// What `mock` does besides serving.
#[derive(Subcommand, Debug)]
enum MockAction {
    /// Ask a running mock to sign and send a callback (e.g. wancms.pay_notify) to a game server.
    Callback(CallbackArgs),
}

/// Flags of `gamechannel mock`.
#[derive(Args, Debug)]
struct ServeArgs {
    /// Address to listen on (port 0: any free port).
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// YAML config file (listen, credentials, token_lifetime_secs, faults, callbacks).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Credential PLATFORM.NAME=VALUE (NAME@ENV for one environment, session_key:OPENID for one user).
    #[arg(long = "cred", value_name = "PLATFORM.NAME=VALUE")]
    creds: Vec<String>,
    /// Lifetime of issued access tokens, seconds.
    #[arg(long, value_name = "SECS")]
    token_lifetime: Option<u64>,
    /// Delay before every answer, milliseconds.
    #[arg(long, value_name = "N")]
    latency_ms: Option<u64>,
    /// Fraction of calls answered with the platform's busy code.
    #[arg(long, value_name = "F", value_parser = rate)]
    busy_rate: Option<f64>,
    /// Fraction of calls whose connection is closed without an answer.
    #[arg(long, value_name = "F", value_parser = rate)]
    drop_rate: Option<f64>,
    /// Fraction of calls applied, then left unanswered (connection closed).
    #[arg(long, value_name = "F", value_parser = rate)]
    lose_answer_rate: Option<f64>,
    /// Fraction of calls answered with a non-JSON body.
    #[arg(long, value_name = "F", value_parser = rate)]
    malformed_rate: Option<f64>,
    /// Fraction of calls answered with HTTP 500.
    #[arg(long = "http-500-rate", value_name = "F", value_parser = rate)]
    http_500_rate: Option<f64>,
    /// Seed of the fault dice (same seed, same faults).
    #[arg(long, value_name = "N")]
    seed: Option<u64>,
    /// Don't print a line per request.
    #[arg(long)]
    quiet: bool,
    /// The game's URL of a callback, PLATFORM.ENDPOINT=URL: the login URL the portal opens
    /// (wancms.login) and the notify URL paid payloads are confirmed at (wancms.pay_notify).
    #[arg(long = "callback-url", value_name = "PLATFORM.ENDPOINT=URL")]
    callback_urls: Vec<String>,
    /// After the game acknowledged a notify, send it again N times (the game must deliver once).
    #[arg(long, value_name = "N")]
    resend_acknowledged: Option<u32>,
}

/// Flags of `gamechannel mock callback`.
#[derive(Args, Debug)]
struct CallbackArgs {
    /// Base URL of the running mock.
    #[arg(long, value_name = "URL", default_value = "http://127.0.0.1:8080")]
    mock: String,
    /// The callback, as PLATFORM.ENDPOINT.
    endpoint: String,
    /// The game server's URL to call.
    #[arg(long = "target", value_name = "URL")]
    target: String,
    /// Fields FIELD=VALUE (missing required ones are filled in by the mock).
    fields: Vec<String>,
    /// A push that takes JSON or XML: send it as XML.
    #[arg(long)]
    xml: bool,
    /// A push with an encrypted form (safe mode): send it encrypted.
    #[arg(long)]
    encrypted: bool,
}

/// A fraction in 0..=1.
fn rate(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(f) if (0.0..=1.0).contains(&f) => Ok(f),
        _ => Err(format!("'{text}' is not a fraction between 0 and 1")),
    }
}

/// Runs `gamechannel mock ...`.
pub fn run(catalog: &Catalog, args: MockArgs) -> Result<ExitCode, String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    match args.action {
        Some(MockAction::Callback(cb)) => runtime.block_on(callback(cb)),
        None => {
            let config = config(&args.serve)?;
            runtime.block_on(serve(catalog, config))
        }
    }
}

/// The config: file (or defaults), then flags.
fn config(args: &ServeArgs) -> Result<MockConfig, String> {
    let mut config = match &args.config {
        Some(path) => MockConfig::from_file(path)?,
        None => MockConfig::defaults(args.listen),
    };
    // An explicit --listen wins over the file; the default does not.
    if args.config.is_none() || args.listen != SocketAddr::from(([127, 0, 0, 1], 8080)) {
        config.listen = args.listen;
    }
    for cred in &args.creds {
        config.set_credential_arg(cred)?;
    }
    if let Some(secs) = args.token_lifetime {
        config.token_lifetime = Duration::from_secs(secs);
    }
    let f = &mut config.faults;
    if let Some(ms) = args.latency_ms {
        f.latency = Duration::from_millis(ms);
    }
    f.busy_rate = args.busy_rate.unwrap_or(f.busy_rate);
    f.drop_rate = args.drop_rate.unwrap_or(f.drop_rate);
    f.lose_answer_rate = args.lose_answer_rate.unwrap_or(f.lose_answer_rate);
    f.malformed_rate = args.malformed_rate.unwrap_or(f.malformed_rate);
    f.http_500_rate = args.http_500_rate.unwrap_or(f.http_500_rate);
    f.seed = args.seed.or(f.seed);
    config.log_requests = !args.quiet;
    for url in &args.callback_urls {
        config.page.set_callback_url_arg(url)?;
    }
    if let Some(n) = args.resend_acknowledged {
        config.page.resend_acknowledged = n;
    }
    Ok(config)
}

async fn serve(catalog: &Catalog, config: MockConfig) -> Result<ExitCode, String> {
    let credentials = config.describe_credentials();
    let faults = config.faults.clone();
    let listen = config.listen;
    let mock = start(config, catalog.platforms().to_vec())
        .await
        .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
    println!("gamechannel mock serving at {}", mock.base_url());
    for line in mock.describe() {
        println!("  {line}");
    }
    println!(
        "admin: GET /__mock/ledger[/douyin_game], GET|POST /__mock/faults, GET /__mock/tokens, POST /__mock/tokens/expire, POST /__mock/callbacks/PLATFORM/ENDPOINT, GET /__mock/sdk (SDK calls seen)"
    );
    for line in mock.describe_pages() {
        println!("  {line}");
    }
    println!("credentials (defaults are public mock values, see DEFAULT_CREDENTIALS):");
    for line in credentials {
        println!("  {line}");
    }
    println!(
        "faults: {}",
        serde_json::to_string(&faults).unwrap_or_default()
    );
    println!("Ctrl-C to stop.");
    tokio::signal::ctrl_c()
        .await
        .map_err(|e| format!("cannot wait for Ctrl-C: {e}"))?;
    mock.shutdown().await;
    Ok(ExitCode::SUCCESS)
}

async fn callback(args: CallbackArgs) -> Result<ExitCode, String> {
    let (platform, endpoint) = args
        .endpoint
        .split_once('.')
        .ok_or_else(|| format!("expected PLATFORM.ENDPOINT, got '{}'", args.endpoint))?;
    let mut fields = Map::new();
    for pair in &args.fields {
        let (name, value) = pair
            .split_once('=')
            .ok_or_else(|| format!("expected FIELD=VALUE, got '{pair}'"))?;
        fields.insert(name.to_owned(), Value::from(value));
    }
    let url = format!(
        "{}/__mock/callbacks/{platform}/{endpoint}",
        args.mock.trim_end_matches('/')
    );
    let push = serde_json::json!({ "xml": args.xml, "encrypted": args.encrypted });
    let body = serde_json::json!({ "target_url": args.target, "fields": fields, "push": push });
    let response = reqwest::Client::new()
        .post(&url)
        .json(&body)
        .send()
        .await
        .map_err(|e| format!("cannot reach the mock at {}: {e}", args.mock))?;
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    if !status.is_success() {
        return Err(format!("the mock refused: {text}"));
    }
    let report: Value =
        serde_json::from_str(&text).map_err(|e| format!("unexpected answer from the mock: {e}"))?;
    println!("{}", serde_json::to_string_pretty(&report).unwrap_or(text));
    let delivered = report
        .get("delivered")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    Ok(if delivered {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
