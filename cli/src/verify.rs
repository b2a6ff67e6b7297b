//! `gamechannel verify`: is a received callback (or a signed request) genuine, and if not, why.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use gamechannel_core::{ReadError, dedupe_pairs};

use gamechannel::ReplayWindow;
use gamechannel_codegen::eval::{self, Verdict};
use gamechannel_codegen::model::{Encoding, Endpoint, EndpointKind};
use gamechannel_codegen::received::{form_pairs as read_form_pairs, read_names};
use gamechannel_codegen::values;

use crate::inputs;
use gamechannel_cli::specs::Catalog;

/// Arguments of `verify`.
#[derive(Args)]
pub struct VerifyArgs {
    /// PLATFORM.ENDPOINT, e.g. wancms.pay_notify.
    target: String,
    /// The raw query string or whole URL as received (for query and form callbacks).
    raw: Option<String>,
    /// A file holding the raw body as received (JSON or form callbacks); `-` reads stdin.
    #[arg(long)]
    body: Option<PathBuf>,
    /// Credentials as NAME=VALUE.
    #[arg(long = "cred", value_name = "NAME=VALUE")]
    credentials: Vec<String>,
    /// Environment of a `call` request (its path is signed over; default: the first).
    #[arg(long = "env")]
    environment: Option<String>,
    /// Show secret credentials inside strings-to-sign (hidden as <name> otherwise).
    #[arg(long)]
    show_secrets: bool,
    /// Oldest accepted `timestamp_field` value, in seconds back from now (a captured callback
    /// stays correctly signed forever; only its age tells a replay apart).
    /// Default: the endpoint's `timestamp_max_age`, else 300 (the runtime's default window).
    #[arg(long, value_name = "SECONDS")]
    max_age: Option<u64>,
    /// Check the signatures only: no replay window, no field constraints.
    #[arg(long)]
    signatures_only: bool,
}

/// Runs `verify`: exit 0 when genuine, 1 when not.
pub fn run(catalog: &Catalog, args: &VerifyArgs) -> Result<ExitCode, String> {
    let (platform, endpoint) = catalog.endpoint(&args.target)?;
    if endpoint.signatures.is_empty() {
        return Err(format!("{} has no signatures to verify", args.target));
    }
    if endpoint.kind() == EndpointKind::Frontend {
        return Err(format!(
            "{} is a front-end payload, not something received",
            args.target
        ));
    }
    let credentials = inputs::credentials(platform, &args.credentials)?;
    let Received {
        url_path,
        pairs: received,
        body,
        query_given,
    } = match received(args, endpoint, &credentials)? {
        Ok(received) => received,
        // What the runtime refuses as malformed is not genuine, like any other refusal.
        Err(malformed) => {
            println!("NOT genuine: {malformed}");
            return Ok(ExitCode::from(1));
        }
    };
    let path = match (endpoint.kind(), url_path) {
        (EndpointKind::Call, Some(p)) => p,
        (EndpointKind::Call, None) => {
            let environment = inputs::environment(platform, args.environment.as_deref())?;
            inputs::path(endpoint, environment, None)
        }
        _ => String::new(),
    };
    let verdict = eval::verify_request(endpoint, &received, &credentials, &path, &body);
    let mask = |text: &str| inputs::mask(text, platform, &credentials, args.show_secrets);
    match verdict {
        Ok(Verdict::Genuine) => {
            // A signature needing a credential that was not given was not checked: say so
            // rather than list it as matching.
            let given = |name: &String| credentials.iter().any(|(n, _)| n == name);
            // A plain push carries no signature over a ciphertext: not listed as matching.
            let unsealed = |s: &&gamechannel_codegen::model::SignatureRecipe| {
                endpoint.decrypt().is_some_and(|d| {
                    d.signature == s.name && !received.iter().any(|(n, _)| n == &d.field)
                })
            };
            let (checked, skipped): (Vec<_>, Vec<_>) = endpoint
                .signatures
                .iter()
                .filter(|s| !unsealed(s))
                .partition(|s| s.requires.iter().all(given));
            let names: Vec<&str> = checked.iter().map(|s| s.wire.as_str()).collect();
            // Correctly signed is not yet acceptable: a game also refuses what is stale or
            // breaks its fields' constraints (the generated verifier reads every field by the
            // spec's rules), and so does this command.
            if !args.signatures_only {
                let wrong = endpoint
                    .query_constants()
                    .iter()
                    .find(|(name, value)| !received.iter().any(|(n, v)| n == name && v == value));
                if let (true, Some((name, value))) = (query_given, wrong) {
                    println!(
                        "NOT acceptable: the query lacks `{name}={value}` ({} matches)",
                        names.join(", ")
                    );
                    return Ok(ExitCode::from(1));
                }
                let max_age = args
                    .max_age
                    .or(endpoint.timestamp().and_then(|t| t.max_age))
                    .unwrap_or(ReplayWindow::DEFAULT.max_age.as_secs());
                if let Err(problem) = fresh(endpoint, &received, max_age) {
                    println!("NOT acceptable: {problem} ({} matches)", names.join(", "));
                    return Ok(ExitCode::from(1));
                }
                if let Err((field, problem)) = values::check_request(endpoint, &received) {
                    println!(
                        "NOT acceptable: the signature matches, but `{field}` breaks the spec: {problem}"
                    );
                    return Ok(ExitCode::from(1));
                }
            }
            println!("genuine: {} matches", names.join(", "));
            for s in skipped {
                println!(
                    "  {} not checked: it needs {}",
                    s.wire,
                    s.requires.join(", ")
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Ok(Verdict::Duplicate { name }) => {
            println!(
                "NOT genuine: parameter `{name}` arrived twice (which value was signed is ambiguous)"
            );
            Ok(ExitCode::from(1))
        }
        Ok(Verdict::Missing { signature }) => {
            println!("NOT genuine: signature `{signature}` is missing");
            Ok(ExitCode::from(1))
        }
        Ok(Verdict::Mismatch {
            signature,
            expected,
            received,
            string_to_sign,
        }) => {
            println!("NOT genuine: `{signature}` does not match");
            println!("  received: {received}");
            println!("  expected: {expected}");
            println!("  computed over: {}", mask(&string_to_sign));
            Ok(ExitCode::from(1))
        }
        Err(e) => {
            println!("NOT genuine: {e}");
            Ok(ExitCode::from(1))
        }
    }
}

/// What was received: the URL path (when a whole URL was given), the pairs, the raw body.
struct Received {
    url_path: Option<String>,
    pairs: Vec<(String, String)>,
    body: String,
    /// The raw query was given, so its fixed parameters can be checked.
    query_given: bool,
}

/// Reads what was received from the arguments: `Err` for a usage problem (exit 2), `Ok(Err)`
/// for input the runtime would refuse as malformed (not genuine, exit 1).
fn received(
    args: &VerifyArgs,
    endpoint: &Endpoint,
    credentials: &[(String, String)],
) -> Result<Result<Received, String>, String> {
    if endpoint.is_push() {
        return push_received(args, endpoint, credentials);
    }
    let encoding = endpoint.encoding;
    match (&args.raw, &args.body) {
        (Some(raw), Some(file)) => {
            // A JSON or form body with its signatures in the query (WeChat `pay_sig`): both
            // were received, and both are read.
            if encoding == Encoding::Query {
                return Err("this endpoint has no body: give only the raw query or URL".into());
            }
            let query = received_query(endpoint, raw);
            let body = received_body(file, endpoint)?;
            Ok(match (query, body) {
                (Ok(query), Ok(mut body)) => {
                    body.url_path = query.url_path;
                    body.pairs.extend(query.pairs);
                    body.query_given = true;
                    Ok(body)
                }
                (Err(e), _) | (_, Err(e)) => Err(e),
            })
        }
        (None, None) => Err("give the raw query string or URL, or --body FILE".into()),
        (Some(raw), None) => Ok(received_query(endpoint, raw)),
        (None, Some(file)) => received_body(file, endpoint),
    }
}

/// The pairs of a raw query string or URL.
fn received_query(endpoint: &Endpoint, raw: &str) -> Result<Received, String> {
    // Only a URL (scheme, or a path) has a `?` that ends the path: in a bare query a `?` is
    // part of a value.
    let (path, query) = if has_scheme(raw) || is_path_and_query(raw) {
        let without_fragment = raw.split('#').next().unwrap_or_default();
        match without_fragment.split_once('?') {
            Some((before, query)) => (url_path(before), query),
            None => (url_path(without_fragment), ""),
        }
    } else {
        (None, raw.strip_prefix('?').unwrap_or(raw))
    };
    form_pairs(endpoint, query).map(|pairs| Received {
        url_path: path,
        pairs,
        body: String::new(),
        query_given: true,
    })
}

/// The pairs of a raw body read from `file`: `Err` for a usage problem, `Ok(Err)` for a body
/// the runtime would refuse as malformed.
fn received_body(
    file: &std::path::Path,
    endpoint: &Endpoint,
) -> Result<Result<Received, String>, String> {
    let body = inputs::read_body(file)?;
    let pairs = match endpoint.encoding {
        Encoding::Json => gamechannel_codegen::values::json_pairs(&body)
            .map_err(|e| format!("malformed JSON body: {e}"))
            .and_then(|pairs| {
                dedupe_pairs(pairs, &read_names(endpoint)).map_err(|e| refusal(e.into()))
            }),
        _ => form_pairs(endpoint, body.trim_end()),
    };
    Ok(pairs.map(|pairs| Received {
        url_path: None,
        pairs,
        body,
        query_given: false,
    }))
}

/// A push: the query (or URL) and the body together, the body read as its format says and
/// opened when it is encrypted (after the signature over the ciphertext is checked).
fn push_received(
    args: &VerifyArgs,
    endpoint: &Endpoint,
    credentials: &[(String, String)],
) -> Result<Result<Received, String>, String> {
    let Some(file) = &args.body else {
        return Err("give the body with --body FILE (and the query string or URL)".into());
    };
    let body = inputs::read_body(file)?;
    let raw = args.raw.as_deref().unwrap_or_default();
    let query = if has_scheme(raw) || is_path_and_query(raw) {
        let without_fragment = raw.split('#').next().unwrap_or_default();
        without_fragment.split_once('?').map_or("", |(_, q)| q)
    } else {
        raw.strip_prefix('?').unwrap_or(raw)
    };
    use gamechannel_codegen::received::{Unreadable, request_pairs};
    let refused = |why: String| Ok(Err(why));
    match request_pairs(endpoint, query, &body, credentials) {
        Ok(pairs) => Ok(Ok(Received {
            url_path: None,
            pairs,
            body,
            query_given: true,
        })),
        Err(Unreadable::Malformed(why)) => refused(format!("malformed request: {why}")),
        Err(Unreadable::Sealed(Verdict::Mismatch { signature, .. })) => refused(format!(
            "`{signature}` over the encrypted body does not match; nothing was decrypted"
        )),
        Err(Unreadable::Sealed(Verdict::Missing { signature })) => {
            refused(format!("signature `{signature}` is missing"))
        }
        Err(Unreadable::Sealed(_)) => refused("a parameter arrived twice".into()),
        Err(Unreadable::Undecryptable(why)) => refused(format!("the body does not decrypt: {why}")),
        Err(Unreadable::NotEncrypted) => {
            refused("the push is plain but this endpoint takes encrypted pushes only".into())
        }
        Err(Unreadable::WrongTrailer) => {
            refused("the decrypted message is meant for another application".into())
        }
        Err(Unreadable::Eval(why)) => refused(why.to_string()),
    }
}

/// `scheme://…` (RFC 3986: a letter, then letters, digits, `+`, `-` or `.`).
fn has_scheme(raw: &str) -> bool {
    raw.split_once("://").is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

/// `/notify?a=1`: a path, then maybe a query. A bare query whose first name starts with `/`
/// (`/x=1&a=2`) is not one: a path has no `=` or `&` before its `?`.
fn is_path_and_query(raw: &str) -> bool {
    let before_query = raw.split(['?', '#']).next().unwrap_or_default();
    raw.starts_with('/') && !before_query.contains(['=', '&'])
}

/// `https://host/a/b` → `/a/b`; a bare path stays; an empty string is none.
fn url_path(before_query: &str) -> Option<String> {
    let rest = before_query
        .split_once("://")
        .map(|(_, r)| r)
        .unwrap_or(before_query);
    let path = if before_query.contains("://") {
        rest.find('/').map(|i| &rest[i..]).unwrap_or("/")
    } else {
        rest
    };
    (!path.is_empty()).then(|| path.to_owned())
}

/// The pairs of a query string or form body, read by the rules the generated verifier
/// shares: `Err` says why it would refuse them.
fn form_pairs(endpoint: &Endpoint, query: &str) -> Result<Vec<(String, String)>, String> {
    read_form_pairs(query, &read_names(endpoint)).map_err(refusal)
}

/// Why the generated verifier would refuse what was received, before any signature.
fn refusal(e: ReadError) -> String {
    match e {
        ReadError::Malformed(e) => format!("malformed query: {e}"),
        ReadError::Repeated(name) => {
            format!("parameter `{name}` arrived twice (which value was signed is ambiguous)")
        }
    }
}

/// The replay window of `timestamp_field` (seconds, up to `max_age` back and a minute ahead,
/// as `ReplayWindow::DEFAULT` allows), which a game checks beyond the signatures.
fn fresh(
    endpoint: &gamechannel_codegen::model::Endpoint,
    received: &[(String, String)],
    max_age: u64,
) -> Result<(), String> {
    let max_skew = ReplayWindow::DEFAULT.max_skew.as_secs() as i64;
    if let Some(wire) = endpoint.timestamp().map(|t| t.field.as_str()) {
        let text = received
            .iter()
            .find(|(n, _)| n == wire)
            .map(|(_, v)| v.as_str())
            .ok_or_else(|| format!("timestamp `{wire}` is missing"))?;
        let ts: i64 = text
            .parse()
            .map_err(|_| format!("timestamp `{wire}` is not a number of seconds"))?;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
            .unwrap_or(0);
        let age = now.saturating_sub(ts);
        if age > i64::try_from(max_age).unwrap_or(i64::MAX) {
            return Err(format!(
                "timestamp `{wire}` is {age} s old, older than --max-age {max_age}"
            ));
        }
        if age < -max_skew {
            return Err(format!("timestamp `{wire}` is {} s in the future", -age));
        }
    }
    Ok(())
}
