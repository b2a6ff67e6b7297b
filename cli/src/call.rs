//! `gamechannel call`: calls one endpoint through the spec interpreter and shows the request
//! (secrets masked), each string-to-sign, every attempt, and the typed answer or the error
//! code with its name and the spec's doc. Built-in and `--spec` platforms alike.
//!
//! It follows the generated client's rules: an issued credential (WeChat `access_token`) is
//! fetched from its issuing endpoint first and fetched again once when the platform rejects
//! it; only retry-safe endpoints (read-only, or with an idempotency key) are retried, on codes
//! the spec marks `retry`, transport failures and 5xx.

mod show;
mod wire;

use std::process::ExitCode;
use std::time::Duration;

use clap::Args;
use gamechannel::client::{RetryPolicy, Transport};
use gamechannel_codegen::model::{self, Credential, Endpoint, EndpointKind, Platform};
use gamechannel_codegen::values;

use crate::inputs;
use gamechannel_cli::specs::Catalog;
use show::{Attempt, Report, TokenFetch};
use wire::{Call, Outcome};

/// Arguments of `call`.
#[derive(Args)]
pub struct CallArgs {
    /// PLATFORM.ENDPOINT, e.g. wechat_midas.get_balance.
    target: String,
    /// Request fields as FIELD=VALUE, values exactly as sent.
    values: Vec<String>,
    /// Environment whose base URL, paths and signing rules apply (default: the platform's first).
    #[arg(long = "env")]
    environment: Option<String>,
    /// Send to this base URL instead (`gamechannel mock`'s), keeping the environment's paths.
    #[arg(long = "base-url", value_name = "URL")]
    base_url: Option<String>,
    /// Credentials, and the inputs of an endpoint issuing one, as NAME=VALUE; also read from
    /// GAMECHANNEL_<PLATFORM>_<NAME>.
    #[arg(long = "cred", value_name = "NAME=VALUE")]
    credentials: Vec<String>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
}

/// How one call is made: where, with what, and the secrets to mask in everything shown.
struct Session<'a> {
    platform: &'a Platform,
    environment: &'a str,
    base_url: String,
    credentials: Vec<(String, String)>,
    secrets: Vec<(String, String)>,
    transport: gamechannel::client::ReqwestTransport,
    retry: RetryPolicy,
}

/// Runs `call`: exit 0 on success, 1 when the platform answered an error (or none), `Err`
/// (exit 2) on bad input.
pub fn run(catalog: &Catalog, args: &CallArgs) -> Result<ExitCode, String> {
    let (platform, endpoint) = catalog.endpoint(&args.target)?;
    if endpoint.kind() != EndpointKind::Call {
        return Err(format!(
            "{} is called by the platform, not by a game server: try `verify`",
            args.target
        ));
    }
    let environment = inputs::environment(platform, args.environment.as_deref())?;
    let base_url = match &args.base_url {
        Some(url) => url.trim_end_matches('/').to_owned(),
        None => platform
            .environments
            .iter()
            .find(|e| e.name == environment)
            .map(|e| e.base_url.clone())
            .unwrap_or_default(),
    };
    let credentials = given_credentials(platform, &args.credentials)?;
    let fields = crate::sign::request_fields(endpoint, &args.values)?;
    values::check_request(endpoint, &fields)
        .map_err(|(field, problem)| format!("field '{field}': {problem}"))?;
    let secrets = secrets(platform, endpoint, &credentials, &fields);
    let transport = gamechannel::client::ReqwestTransport::new().map_err(|e| e.to_string())?;
    let mut session = Session {
        platform,
        environment,
        base_url,
        credentials,
        secrets,
        transport,
        retry: RetryPolicy::default(),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    let report = runtime.block_on(session.call(endpoint, &fields))?;
    let ok = report.ok();
    if args.json {
        println!("{}", report.json(&session.mask()));
    } else {
        report.print(&session.mask());
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Names `--cred` takes: the platform's credentials and the inputs of issuing endpoints.
fn allowed_names(platform: &Platform) -> Vec<&str> {
    let mut names: Vec<&str> = platform
        .credentials
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    for (_, issuer) in issuers(platform) {
        for field in issuer.request.iter().filter(|f| f.required) {
            if !names.contains(&field.wire.as_str()) {
                names.push(&field.wire);
            }
        }
    }
    names
}

/// Each credential issued by an endpoint of the platform, with that endpoint.
fn issuers(platform: &Platform) -> impl Iterator<Item = (&Credential, &Endpoint)> {
    platform.credentials.iter().filter_map(|c| {
        let issuer = platform.endpoint(&c.issued_by.as_ref()?.endpoint)?;
        Some((c, issuer))
    })
}

/// `--cred` values, then `GAMECHANNEL_<PLATFORM>_<NAME>` for names not given.
fn given_credentials(platform: &Platform, raw: &[String]) -> Result<Vec<(String, String)>, String> {
    let allowed = allowed_names(platform);
    let mut given = inputs::pairs(raw, "credential", &allowed)?;
    for name in allowed {
        let var = format!("GAMECHANNEL_{}_{}", platform.name, name).to_uppercase();
        if !given.iter().any(|(n, _)| n == name)
            && let Ok(value) = std::env::var(&var)
        {
            given.push((name.to_owned(), value));
        }
    }
    Ok(given)
}

/// Every value that must not be shown: secret credentials, secret inputs of issuing endpoints
/// and secret request fields.
fn secrets(
    platform: &Platform,
    endpoint: &Endpoint,
    credentials: &[(String, String)],
    fields: &[(String, String)],
) -> Vec<(String, String)> {
    let secret_input = |name: &str| {
        platform.credential(name).is_some_and(|c| c.secret)
            || issuers(platform).any(|(_, e)| e.request_field(name).is_some_and(|f| f.secret))
    };
    let mut out: Vec<(String, String)> = credentials
        .iter()
        .filter(|(n, _)| secret_input(n))
        .cloned()
        .collect();
    out.extend(
        fields
            .iter()
            .filter(|(n, _)| endpoint.request_field(n).is_some_and(|f| f.secret))
            .cloned(),
    );
    out
}

impl<'a> Session<'a> {
    /// Masks every secret in `text`, longest first.
    fn mask(&self) -> impl Fn(&str) -> String + '_ {
        move |text| inputs::mask_values(text, &self.secrets)
    }

    /// The call, with the issued credentials it needs fetched first (and once more when
    /// rejected).
    async fn call(
        &mut self,
        endpoint: &'a Endpoint,
        fields: &[(String, String)],
    ) -> Result<Report<'a>, String> {
        let platform = self.platform;
        let mut tokens = Vec::new();
        let needed: Vec<(&'a Credential, &'a Endpoint)> = issuers(platform)
            .filter(|(c, issuer)| {
                issuer.name != endpoint.name
                    && !self.credentials.iter().any(|(n, _)| *n == c.name)
                    && self.needs(endpoint, fields, &c.name)
            })
            .collect();
        for (credential, issuer) in &needed {
            let fetch = self.fetch(credential, issuer).await?;
            let failed = fetch.failed();
            tokens.push(fetch);
            if failed {
                return Ok(Report::new(
                    platform,
                    endpoint,
                    self.environment,
                    tokens,
                    Vec::new(),
                ));
            }
        }
        let mut attempts = self.attempts(endpoint, fields).await?;
        let rejected = attempts.last().is_some_and(|a| a.outcome.token_rejected());
        if rejected && let Some((credential, issuer)) = needed.first() {
            // As the client does: the platform refused the token before applying anything.
            let fetch = self.fetch(credential, issuer).await?;
            let failed = fetch.failed();
            tokens.push(fetch);
            if !failed {
                attempts.extend(self.attempts(endpoint, fields).await?);
            }
        }
        Ok(Report::new(
            platform,
            endpoint,
            self.environment,
            tokens,
            attempts,
        ))
    }

    /// Whether signing or sending `endpoint` needs credential `name`.
    fn needs(&self, endpoint: &Endpoint, fields: &[(String, String)], name: &str) -> bool {
        if endpoint.sends.iter().any(|s| s == name) {
            return true;
        }
        let probe = Call {
            platform: self.platform,
            endpoint,
            base_url: "",
            path: "",
            fields,
            credentials: &self.credentials,
        };
        matches!(wire::prepare(&probe, Duration::ZERO), Err(e) if e.contains(&format!("`{name}`")))
    }

    /// Calls the issuing endpoint and keeps the credential it answers.
    async fn fetch(
        &mut self,
        credential: &'a Credential,
        issuer: &'a Endpoint,
    ) -> Result<TokenFetch<'a>, String> {
        let Some(issued) = credential.issued_by.as_ref() else {
            return Err(format!(
                "`{}` is not issued by an endpoint",
                credential.name
            ));
        };
        let mut fields = Vec::new();
        for field in issuer.request.iter().filter(|f| f.required) {
            let value = match &field.constraints.values[..] {
                [(only, _)] => only.clone(),
                _ => self
                    .credentials
                    .iter()
                    .find(|(n, _)| *n == field.wire)
                    .map(|(_, v)| v.clone())
                    .ok_or_else(|| {
                        format!(
                            "`{cred}` is fetched with {platform}.{issuer}, which needs `{input}`: give \
                             --cred {input}=VALUE or set {var} (or give --cred {cred}=VALUE itself)",
                            cred = credential.name,
                            platform = self.platform.name,
                            issuer = issuer.name,
                            input = field.wire,
                            var = format!("GAMECHANNEL_{}_{}", self.platform.name, field.wire)
                                .to_uppercase(),
                        )
                    })?,
            };
            fields.push((field.wire.clone(), value));
        }
        let attempts = self.attempts(issuer, &fields).await?;
        let token = match attempts.last().map(|a| &a.outcome) {
            Some(Outcome::Ok { answer, .. }) => answer.get(&issued.value).map(|v| match v {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            }),
            _ => None,
        };
        if let Some(token) = &token {
            self.credentials.retain(|(n, _)| *n != credential.name);
            self.credentials
                .push((credential.name.clone(), token.clone()));
            if credential.secret {
                self.secrets.push((credential.name.clone(), token.clone()));
            }
        }
        Ok(TokenFetch {
            credential,
            issuer,
            attempts,
            fetched: token.is_some(),
        })
    }

    /// Sends `endpoint` until it succeeds, fails for good, or retries run out (only when it is
    /// retry-safe), each attempt signed afresh.
    async fn attempts(
        &self,
        endpoint: &'a Endpoint,
        fields: &[(String, String)],
    ) -> Result<Vec<Attempt<'a>>, String> {
        let path = inputs::path(endpoint, self.environment, None);
        let max = if endpoint.call().is_some_and(model::Call::retry_safe) {
            self.retry.max_attempts.max(1)
        } else {
            1
        };
        let mut attempts = Vec::new();
        for number in 1..=max {
            let call = Call {
                platform: self.platform,
                endpoint,
                base_url: &self.base_url,
                path: &path,
                fields,
                credentials: &self.credentials,
            };
            let prepared = wire::prepare(&call, gamechannel::client::DEFAULT_TIMEOUT)?;
            let transport: &dyn Transport = &self.transport;
            let outcome =
                wire::send(transport, self.platform, endpoint, prepared.request.clone()).await;
            let retry_in =
                (outcome.transient() && number < max).then(|| self.retry.backoff_cap(number));
            attempts.push(Attempt {
                number,
                request: prepared.request,
                signatures: prepared.signatures,
                outcome,
                retry_in,
            });
            match retry_in {
                Some(wait) => tokio::time::sleep(wait).await,
                None => break,
            }
        }
        Ok(attempts)
    }
}
