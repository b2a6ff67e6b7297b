//! What `gamechannel call` prints: text for a person, or one JSON object. Everything shown
//! goes through the mask, so no secret (credential, AppSecret, fetched token) is printed.

use std::time::Duration;

use gamechannel::client::HttpRequest;
use gamechannel_codegen::eval::Computed;
use gamechannel_codegen::model::{self, Credential, Endpoint, Platform};
use serde_json::{Map, Value, json};

use super::wire::Outcome;

/// One attempt: what was sent and signed, how it ended, and the wait before the next.
pub struct Attempt<'a> {
    pub number: u32,
    pub request: HttpRequest,
    pub signatures: Vec<Computed>,
    pub outcome: Outcome<'a>,
    pub retry_in: Option<Duration>,
}

/// The fetch of an issued credential before the call.
pub struct TokenFetch<'a> {
    pub credential: &'a Credential,
    pub issuer: &'a Endpoint,
    pub attempts: Vec<Attempt<'a>>,
    pub fetched: bool,
}

impl TokenFetch<'_> {
    /// Whether no credential came of it (the call is then not made).
    pub fn failed(&self) -> bool {
        !self.fetched
    }
}

/// Everything about one `call`.
pub struct Report<'a> {
    platform: &'a Platform,
    endpoint: &'a Endpoint,
    environment: &'a str,
    tokens: Vec<TokenFetch<'a>>,
    attempts: Vec<Attempt<'a>>,
}

type Mask<'m> = &'m dyn Fn(&str) -> String;

impl<'a> Report<'a> {
    /// A report of token fetches and the call's attempts (none when a fetch failed).
    pub fn new(
        platform: &'a Platform,
        endpoint: &'a Endpoint,
        environment: &'a str,
        tokens: Vec<TokenFetch<'a>>,
        attempts: Vec<Attempt<'a>>,
    ) -> Self {
        Self {
            platform,
            endpoint,
            environment,
            tokens,
            attempts,
        }
    }

    /// The outcome that decides: the call's last attempt, or the failed fetch's.
    fn last(&self) -> Option<(&'a Endpoint, &Attempt<'a>)> {
        match self.attempts.last() {
            Some(a) => Some((self.endpoint, a)),
            None => self
                .tokens
                .last()
                .and_then(|t| Some((t.issuer, t.attempts.last()?))),
        }
    }

    /// Whether the call succeeded.
    pub fn ok(&self) -> bool {
        self.attempts
            .last()
            .is_some_and(|a| matches!(a.outcome, Outcome::Ok { .. }))
    }

    /// Prints the report as text.
    pub fn print(&self, mask: Mask) {
        println!(
            "{}.{} ({})",
            self.platform.name, self.endpoint.name, self.environment
        );
        for fetch in &self.tokens {
            println!(
                "\n`{}` is issued by {}: fetching it first",
                fetch.credential.name, fetch.issuer.name
            );
            for attempt in &fetch.attempts {
                print_attempt(fetch.issuer, attempt, mask);
            }
            if fetch.fetched {
                println!("  fetched `{}`", fetch.credential.name);
            }
        }
        if !self.attempts.is_empty() {
            println!();
        }
        for attempt in &self.attempts {
            print_attempt(self.endpoint, attempt, mask);
        }
        let Some((endpoint, last)) = self.last() else {
            return;
        };
        println!();
        match &last.outcome {
            Outcome::Ok { status, answer } => {
                println!("HTTP {status}, ok; the answer:");
                for (name, value) in typed_answer(endpoint, answer, mask) {
                    println!("  {name} = {}", text(&value));
                }
            }
            Outcome::Api {
                status,
                code,
                message,
                known,
            } => {
                let name = known.map_or("not in the spec", |k| k.name.as_str());
                println!("HTTP {status}, error {code} {name}: {}", mask(message));
                if let Some(doc) = known.and_then(|k| k.doc.as_deref()) {
                    println!("  {}", doc.trim());
                }
            }
            Outcome::Unreadable { status, reason } => println!("HTTP {status}: {reason}"),
            Outcome::Transport(reason) => println!("no answer: {}", mask(reason)),
        }
    }

    /// The report as one JSON object.
    pub fn json(&self, mask: Mask) -> Value {
        let tokens: Vec<Value> = self
            .tokens
            .iter()
            .map(|t| {
                json!({
                    "credential": t.credential.name,
                    "endpoint": t.issuer.name,
                    "fetched": t.fetched,
                    "attempts": t.attempts.iter().map(|a| attempt_json(a, mask)).collect::<Vec<_>>(),
                })
            })
            .collect();
        let mut out = json!({
            "platform": self.platform.name,
            "endpoint": self.endpoint.name,
            "environment": self.environment,
            "tokens": tokens,
            "attempts": self.attempts.iter().map(|a| attempt_json(a, mask)).collect::<Vec<_>>(),
            "ok": self.ok(),
            "status": Value::Null,
            "answer": Value::Null,
            "error": Value::Null,
        });
        if let Some((endpoint, last)) = self.last() {
            out["status"] = json!(last.outcome.status());
            match &last.outcome {
                Outcome::Ok { answer, .. } => {
                    out["answer"] = Value::Object(typed_answer(endpoint, answer, mask));
                }
                Outcome::Api {
                    code,
                    message,
                    known,
                    ..
                } => {
                    out["error"] = json!({
                        "code": code,
                        "name": known.map(|k| &k.name),
                        "doc": known.and_then(|k| k.doc.as_deref()).map(str::trim),
                        "retry": known.is_some_and(|k| k.retry),
                        "message": mask(message),
                    });
                }
                Outcome::Unreadable { reason, .. } | Outcome::Transport(reason) => {
                    out["error"] = json!({ "message": mask(reason) });
                }
            }
        }
        out
    }
}

fn print_attempt(endpoint: &Endpoint, attempt: &Attempt, mask: Mask) {
    let request = &attempt.request;
    println!(
        "attempt {} of {}: {} {}",
        attempt.number,
        endpoint.name,
        request.method,
        mask(&request.url)
    );
    if let Some(body) = &request.body {
        println!("  body: {}", mask(body));
    }
    for signature in &attempt.signatures {
        println!(
            "  {} signs: {}\n    = {}",
            signature.signature,
            mask(&signature.string_to_sign),
            signature.value
        );
    }
    let outcome = match &attempt.outcome {
        Outcome::Ok { status, .. } => format!("HTTP {status}, ok"),
        Outcome::Api {
            status,
            code,
            known,
            ..
        } => format!(
            "HTTP {status}, error {code} {}",
            known.map_or("(not in the spec)", |k| k.name.as_str())
        ),
        Outcome::Unreadable { status, reason } => format!("HTTP {status}: {reason}"),
        Outcome::Transport(reason) => format!("no answer: {}", mask(reason)),
    };
    println!("  -> {outcome}");
    if let Some(wait) = attempt.retry_in {
        println!(
            "  retrying in {} ms: {} is retry-safe ({})",
            wait.as_millis(),
            endpoint.name,
            why_safe(endpoint)
        );
    } else if attempt.outcome.transient() && !endpoint.call().is_some_and(model::Call::retry_safe) {
        println!(
            "  not retried: {} is neither read-only nor carries an idempotency key",
            endpoint.name
        );
    }
}

fn why_safe(endpoint: &Endpoint) -> String {
    match endpoint.call().and_then(|c| c.idempotency_key.as_ref()) {
        Some(key) => format!("`{key}` is never applied twice"),
        None => "read-only".to_owned(),
    }
}

fn attempt_json(attempt: &Attempt, mask: Mask) -> Value {
    let signatures: Map<String, Value> = attempt
        .signatures
        .iter()
        .map(|s| {
            (
                s.signature.clone(),
                json!({ "string_to_sign": mask(&s.string_to_sign), "value": s.value }),
            )
        })
        .collect();
    let outcome = match &attempt.outcome {
        Outcome::Ok { .. } => json!("ok"),
        Outcome::Api { code, known, .. } => {
            json!({ "code": code, "name": known.map(|k| &k.name) })
        }
        Outcome::Unreadable { reason, .. } => json!({ "unreadable": reason }),
        Outcome::Transport(reason) => json!({ "transport": mask(reason) }),
    };
    json!({
        "attempt": attempt.number,
        "request": {
            "method": attempt.request.method,
            "url": mask(&attempt.request.url),
            "body": attempt.request.body.as_deref().map(mask),
        },
        "signatures": signatures,
        "status": attempt.outcome.status(),
        "outcome": outcome,
        "retry_in_ms": attempt.retry_in.map(|w| u64::try_from(w.as_millis()).unwrap_or(u64::MAX)),
    })
}

/// The spec's response fields, in its order; secret ones as `<name>`, absent ones left out.
fn typed_answer(
    endpoint: &Endpoint,
    answer: &Map<String, Value>,
    mask: Mask,
) -> Map<String, Value> {
    endpoint
        .response
        .iter()
        .filter_map(|field| {
            let value = answer.get(&field.wire)?;
            let shown = if field.secret {
                Value::String(format!("<{}>", field.wire))
            } else {
                // Masked too: an answer may echo a credential.
                serde_json::from_str(&mask(&value.to_string())).unwrap_or(Value::Null)
            };
            Some((field.wire.clone(), shown))
        })
        .collect()
}

/// A value as text: strings without quotes.
fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
