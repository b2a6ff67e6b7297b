//! WeChat access tokens (`getStableAccessToken` semantics): one current token per platform,
//! the same one answered while valid unless `force_refresh`; expired tokens are remembered so
//! that they answer "expired" rather than "invalid", as WeChat does.

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use rand::Rng;
use rand::distr::Alphanumeric;
use serde::Serialize;
use serde_json::{Map, Value};

use super::{Outcome, Refusal, TokenSecrets, get};

/// Tokens remembered per platform, so a long test run cannot grow the map without bound.
const REMEMBERED: usize = 1024;

/// What a presented token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenCheck {
    /// Issued and still valid.
    Valid,
    /// Issued, but its lifetime is over.
    Expired,
    /// Never issued here, or revoked by a forced refresh.
    Invalid,
}

/// One platform's tokens.
#[derive(Default)]
struct Issued {
    current: Option<String>,
    /// token -> expiry
    expiry: HashMap<String, Instant>,
    counts: TokenCounts,
}

/// How many tokens a platform issued, for tests and `GET /__mock/tokens`: game servers that
/// share their token ask once per expiry, servers that do not ask once each.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct TokenCounts {
    /// Token requests answered with a token (a valid token answered again counts too).
    pub requests: u64,
    /// New tokens made.
    pub issued: u64,
}

/// Token state of every platform.
pub struct Tokens {
    lifetime: Duration,
    platforms: HashMap<String, Issued>,
}

impl Tokens {
    /// Tokens that live `lifetime`.
    pub fn new(lifetime: Duration) -> Self {
        // Capped so that `now + lifetime` cannot overflow whatever the config says.
        let lifetime = lifetime.min(Duration::from_secs(10 * 365 * 24 * 3600));
        Tokens {
            lifetime,
            platforms: HashMap::new(),
        }
    }

    /// The token endpoint: checks grant type, appid and secret, then answers the current token
    /// or a new one.
    pub fn stable_token(
        &mut self,
        platform: &str,
        fields: &[(String, String)],
        secrets: &TokenSecrets,
    ) -> Outcome {
        if get(fields, "grant_type") != Some("client_credential") {
            return Err(named(
                "invalid_grant_type",
                "grant_type",
                "invalid grant_type",
            ));
        }
        if secrets
            .appid
            .is_some_and(|a| get(fields, "appid") != Some(a))
        {
            return Err(named("invalid_appid", "appid", "invalid appid"));
        }
        if secrets
            .secret
            .is_some_and(|s| get(fields, "secret") != Some(s))
        {
            return Err(named("invalid_appsecret", "secret", "invalid appsecret"));
        }
        let force = get(fields, "force_refresh") == Some("true");
        let now = Instant::now();
        let issued = self.platforms.entry(platform.to_owned()).or_default();
        let valid = issued
            .current
            .as_ref()
            .and_then(|t| issued.expiry.get(t).map(|e| (t, *e)))
            .filter(|(_, expiry)| *expiry > now);
        let (token, expiry) = match valid {
            Some((token, expiry)) if !force => (token.clone(), expiry),
            _ => {
                if force && let Some(old) = issued.current.take() {
                    // A forced refresh revokes the old token at once.
                    issued.expiry.remove(&old);
                }
                if issued.expiry.len() >= REMEMBERED {
                    issued.expiry.retain(|_, e| *e > now);
                }
                let token = new_token();
                issued.counts.issued += 1;
                let expiry = now + self.lifetime;
                issued.expiry.insert(token.clone(), expiry);
                issued.current = Some(token.clone());
                (token, expiry)
            }
        };
        issued.counts.requests += 1;
        let left = expiry.saturating_duration_since(now).as_secs().max(1);
        let mut m = Map::new();
        m.insert("access_token".into(), Value::from(token));
        m.insert("expires_in".into(), Value::from(left));
        Ok(m)
    }

    /// Expires every token issued so far, as if their lifetime had run out: the next call
    /// with one is answered `token_expired`, and the token endpoint issues a new one.
    pub fn expire_all(&mut self) {
        let past = Instant::now()
            .checked_sub(Duration::from_secs(1))
            .unwrap_or_else(Instant::now);
        for issued in self.platforms.values_mut() {
            for expiry in issued.expiry.values_mut() {
                *expiry = past;
            }
        }
    }

    /// Token counts per platform, sorted by platform.
    pub fn counts(&self) -> BTreeMap<String, TokenCounts> {
        self.platforms
            .iter()
            .map(|(platform, issued)| (platform.clone(), issued.counts))
            .collect()
    }

    /// Checks a presented token.
    pub fn check(&self, platform: &str, token: &str) -> TokenCheck {
        let expiry = self
            .platforms
            .get(platform)
            .and_then(|i| i.expiry.get(token));
        match expiry {
            None => TokenCheck::Invalid,
            Some(e) if *e > Instant::now() => TokenCheck::Valid,
            Some(_) => TokenCheck::Expired,
        }
    }
}

/// A refusal by the endpoint's own error name (the token endpoint's codes have no situation).
fn named(name: &'static str, field: &str, message: &str) -> Refusal {
    Refusal {
        name: Some(name),
        ..Refusal::field(field, message)
    }
}

fn new_token() -> String {
    let tail: String = rand::rng()
        .sample_iter(Alphanumeric)
        .take(48)
        .map(char::from)
        .collect();
    format!("mock_{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use gamechannel_codegen::model::ErrorWhen;

    fn fields(force: bool) -> Vec<(String, String)> {
        let mut f = vec![
            ("grant_type".to_owned(), "client_credential".to_owned()),
            ("appid".to_owned(), "wx".to_owned()),
            ("secret".to_owned(), "s".to_owned()),
        ];
        if force {
            f.push(("force_refresh".to_owned(), "true".to_owned()));
        }
        f
    }

    #[test]
    fn stable_until_forced() {
        let secrets = TokenSecrets {
            appid: Some("wx"),
            secret: Some("s"),
        };
        let mut t = Tokens::new(Duration::from_secs(60));
        let a = t
            .stable_token("p", &fields(false), &secrets)
            .expect("issued")["access_token"]
            .clone();
        let b = t
            .stable_token("p", &fields(false), &secrets)
            .expect("issued")["access_token"]
            .clone();
        assert_eq!(a, b);
        let c = t
            .stable_token("p", &fields(true), &secrets)
            .expect("issued")["access_token"]
            .clone();
        assert_ne!(a, c);
        let counts = t.counts()["p"];
        assert_eq!((counts.requests, counts.issued), (3, 2));
        assert_eq!(
            t.check("p", a.as_str().unwrap_or_default()),
            TokenCheck::Invalid
        );
        assert_eq!(
            t.check("p", c.as_str().unwrap_or_default()),
            TokenCheck::Valid
        );
        let wrong = TokenSecrets {
            appid: Some("wx"),
            secret: Some("other"),
        };
        let err = t.stable_token("p", &fields(false), &wrong).unwrap_err();
        assert_eq!(err.name, Some("invalid_appsecret"));
        assert_eq!(err.when, ErrorWhen::BadParameter);
    }
}
