//! Command-line inputs shared by `sign`, `verify` and `call`: credentials, environments, masking.

use gamechannel_codegen::model::{Endpoint, Platform};

/// Parses `NAME=VALUE` pairs and checks each name against `allowed`.
pub fn pairs(
    raw: &[String],
    what: &str,
    allowed: &[&str],
) -> Result<Vec<(String, String)>, String> {
    let mut out: Vec<(String, String)> = Vec::new();
    for item in raw {
        let Some((name, value)) = item.split_once('=') else {
            return Err(format!("expected {what} as NAME=VALUE, got '{item}'"));
        };
        if !allowed.contains(&name) {
            return Err(format!(
                "unknown {what} '{name}' (allowed: {})",
                allowed.join(", ")
            ));
        }
        if out.iter().any(|(n, _)| n == name) {
            return Err(format!("{what} '{name}' is given twice"));
        }
        out.push((name.to_owned(), value.to_owned()));
    }
    Ok(out)
}

/// Credentials given with `--cred`, checked against the platform's.
pub fn credentials(platform: &Platform, raw: &[String]) -> Result<Vec<(String, String)>, String> {
    let names: Vec<&str> = platform
        .credentials
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    pairs(raw, "credential", &names)
}

/// The environment named by `--env`, or the platform's first.
pub fn environment<'p>(platform: &'p Platform, name: Option<&str>) -> Result<&'p str, String> {
    let names: Vec<&str> = platform
        .environments
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    match name {
        None => names
            .first()
            .copied()
            .ok_or_else(|| "the platform has no environment".to_owned()),
        Some(n) => names
            .iter()
            .find(|e| **e == n)
            .copied()
            .ok_or_else(|| format!("unknown environment '{n}' (allowed: {})", names.join(", "))),
    }
}

/// The path signed over: `--path`, else the endpoint's path in the environment.
pub fn path(endpoint: &Endpoint, environment: &str, explicit: Option<&str>) -> String {
    explicit
        .map(str::to_owned)
        .or_else(|| endpoint.path_in(environment).map(str::to_owned))
        .unwrap_or_default()
}

/// Replaces every secret credential's value in `text` by `<name>`, unless secrets are shown.
pub fn mask(
    text: &str,
    platform: &Platform,
    credentials: &[(String, String)],
    show: bool,
) -> String {
    if show {
        return text.to_owned();
    }
    let secrets: Vec<(String, String)> = credentials
        .iter()
        .filter(|(name, _)| platform.credential(name).is_some_and(|c| c.secret))
        .cloned()
        .collect();
    mask_values(text, &secrets)
}

/// Replaces each value of `secrets` in `text` by `<name>`.
pub fn mask_values(text: &str, secrets: &[(String, String)]) -> String {
    let mut out = text.to_owned();
    // Longest first: a secret containing another must not be left half visible.
    let mut secrets: Vec<&(String, String)> = secrets.iter().collect();
    secrets.sort_by_key(|(_, value)| std::cmp::Reverse(value.len()));
    for (name, value) in secrets {
        if !value.is_empty() {
            out = out.replace(value.as_str(), &format!("<{name}>"));
        }
    }
    out
}

/// A raw body from a file, or from stdin for `-`, exactly as it is.
pub fn read_body(file: &std::path::Path) -> Result<String, String> {
    if file.as_os_str() == "-" {
        std::io::read_to_string(std::io::stdin()).map_err(|e| format!("reading stdin: {e}"))
    } else {
        std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))
    }
}
