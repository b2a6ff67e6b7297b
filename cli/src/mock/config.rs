//! What the mock is told: where to listen, which credentials it checks, token lifetime, faults
//! and the callback resend policy. Starts with documented mock credentials so that no
//! configuration is needed.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use serde::Deserialize;

use super::faults::Faults;

/// The mock's default credentials: (platform, name, value). They are made-up values known to
/// everyone (printed at start), so a game server's test config can use them as they are.
///
/// - `app_key@sandbox` style names override a credential for one environment;
/// - `wechat_midas.session_key` is the `mp_sig` key for every openid, unless
///   `session_key:<openid>` is configured;
/// - `wechat_midas.appid` / `app_secret` are what the token endpoint accepts.
pub const DEFAULT_CREDENTIALS: &[(&str, &str, &str)] = &[
    ("wechat_midas", "app_key", "mock-midas-app-key"),
    ("wechat_midas", "session_key", "mock-session-key"),
    ("wechat_midas", "appid", "wxmock0000000001"),
    ("wechat_midas", "app_secret", "mock-wechat-app-secret"),
    ("qqgame", "app_key", "mock-qq-app-key"),
    ("wancms", "login_key", "mock-wancms-login-key"),
    ("wancms", "pay_key", "mock-wancms-pay-key"),
    ("llewan", "secret", "mock-llewan-secret"),
    ("qqgame", "deliver_path", "/qq/deliver"),
    ("vivo", "app_secret", "mock-vivo-app-secret"),
    ("wechat_xpay", "app_key", "mock-xpay-app-key"),
    ("wechat_xpay", "session_key", "mock-session-key"),
    ("wechat_xpay", "appid", "wxmock0000000002"),
    ("wechat_xpay", "app_secret", "mock-wechat-app-secret"),
    ("wechat_minigame_v2", "app_key", "mock-minigame-v2-app-key"),
    ("wechat_minigame_v2", "session_key", "mock-session-key"),
    ("wechat_minigame_v2", "appid", "wxmock0000000003"),
    ("wechat_minigame_v2", "app_secret", "mock-wechat-app-secret"),
    ("douyin_game", "pay_secret", "mock-douyin-pay-secret"),
    (
        "douyin_game",
        "callback_token",
        "mock-douyin-callback-token",
    ),
    // The platform signs RSA callbacks with its private key; the game verifies with the
    // public half (`TEST_RSA_PUBLIC_KEY`), so the mock holds the private key under the name
    // the game gives the public one.
    ("oppo", "public_key", TEST_RSA_PRIVATE_KEY),
    ("huawei", "public_key", TEST_RSA_PRIVATE_KEY),
    ("huawei", "private_key", TEST_RSA_PRIVATE_KEY),
    ("wechat_xpay", "push_token", "mock-wechat-push-token"),
    // 43 base64 characters of 32 bytes, as the console issues an EncodingAESKey.
    ("wechat_xpay", "encoding_aes_key", MOCK_ENCODING_AES_KEY),
    ("wechat_minigame_v2", "push_token", "mock-wechat-push-token"),
    (
        "wechat_minigame_v2",
        "encoding_aes_key",
        MOCK_ENCODING_AES_KEY,
    ),
    (
        "wechat_minigame_v2",
        "sandbox_app_key",
        "mock-minigame-v2-sandbox-app-key",
    ),
];

/// The mock's message-push EncodingAESKey: base64 (without `=`) of 32 public bytes.
const MOCK_ENCODING_AES_KEY: &str = "bW9jay13ZWNoYXQtcHVzaC1hZXMta2V5LTMyYnl0ZXM";

/// The RSA-1024 test key pair published with the platform signing vectors (never a
/// platform's key): the mock signs OPPO and Huawei callbacks with it and checks Huawei
/// `cpSign` requests against it.
pub const TEST_RSA_PRIVATE_KEY: &str = concat!(
    "-----BEGIN PRIVATE KEY-----\n",
    "MIICdgIBADANBgkqhkiG9w0BAQEFAASCAmAwggJcAgEAAoGBAOpHcMhqAC+JTl3N\n",
    "CKohujsE6sQz4eyvY+v2HlzpY7g+IECL3jKLMro/2q70wQ8C6gPBM6r9Yj55WKr3\n",
    "XN+74HZUBJhyYrcbRiVwO0g97DGVm2kYmjlc/i4BLUYkvzEqCMuUQQsPgDSNsOcr\n",
    "4agBfbcQa/NcWgSKRc3CSGn1QN2/AgMBAAECgYBDpSsYgxrYnvHEvc3xqdlm7y2G\n",
    "R2DFgYL9f8wWkcEcUrvnRzt6Jp0YEBXpjHwuBG5jdSahCZaTaWBDxTbI1yuhEYUv\n",
    "B4TBWzQN1ZPyU37iC6PxLcE3Ta4PlDFaRgfm2BnlcEDlN691z1dRLgVhFb+ikdAa\n",
    "eyERGWBwQCo6eQlJGQJBAPcCy6y3+d0bF5nySAMDCPqfd9W4PVGe6JN8K4XBQ8bD\n",
    "R+D7VMWYjoA3/DrCXwePhymgDwVLHNzabS0vEp/IKEUCQQDyzghJv6tmOHXV77bK\n",
    "mCEJMAQfxVuAxIPb78MBV4BSJeCjnYTtx7N9N1MQ9fQ7Yph8Ab620bLse2nhwjIE\n",
    "xvgzAkBhzmuTgm2fjUC1Jmg5ORRvGIG80G0HSqLQ81PQbIxHwb9OaHZSn2udfY2U\n",
    "Pq6eMcjVRJluASX2lU6xm3gGaJz5AkEA6beBKtwgtGispJ32KdV+F0Xs8lga2DxR\n",
    "YKfN4cDEeE6ViWjax7dvApz6jFz0FyW0+ckENx5rSE8TgIhZdVfBGQJAJoxSyGe3\n",
    "PHRObL4cqL5uFYWZgYP0+0paRZ6o7r4S2MRC5M+1HKfuZTOBMxtkgFpNX2gNHYmJ\n",
    "GcqmzlVCbc7t8Q==\n",
    "-----END PRIVATE KEY-----\n",
);

/// The public half of [`TEST_RSA_PRIVATE_KEY`], base64 DER as OPPO and Huawei publish theirs:
/// what a game server under test configures as `public_key`.
pub const TEST_RSA_PUBLIC_KEY: &str = "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDqR3DIagAviU5dzQiqIbo7BOrEM+Hsr2Pr9h5c6WO4PiBAi94yizK6P9qu9MEPAuoDwTOq/WI+eViq91zfu+B2VASYcmK3G0YlcDtIPewxlZtpGJo5XP4uAS1GJL8xKgjLlEELD4A0jbDnK+GoAX23EGvzXFoEikXNwkhp9UDdvwIDAQAB";

/// How callbacks out are resent until the game acknowledges them.
#[derive(Debug, Clone, PartialEq)]
pub struct CallbackPolicy {
    /// Sends at most this many times (at least 1).
    pub max_attempts: u32,
    /// Wait before the second send; doubled after each failure.
    pub first_backoff: Duration,
    /// Cap of the wait between sends.
    pub max_backoff: Duration,
    /// Timeout of one send.
    pub timeout: Duration,
}

impl Default for CallbackPolicy {
    fn default() -> Self {
        CallbackPolicy {
            max_attempts: 6,
            first_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(1),
            timeout: Duration::from_secs(5),
        }
    }
}

/// Configuration of one mock server.
#[derive(Debug, Clone)]
pub struct MockConfig {
    /// Address to listen on (port 0: any free port).
    pub listen: SocketAddr,
    /// Credentials as (platform, name, value); later entries win. See [`DEFAULT_CREDENTIALS`].
    pub credentials: Vec<(String, String, String)>,
    /// How long issued access tokens stay valid.
    pub token_lifetime: Duration,
    /// Faults injected into `call` endpoints.
    pub faults: Faults,
    /// Resend policy of callbacks out.
    pub callbacks: CallbackPolicy,
    /// Print one line per platform request (method, path, endpoint, status; never values).
    pub log_requests: bool,
    /// The page side: where the game's pages and callbacks live.
    pub page: PageConfig,
}

/// The page side of the mock: the game's URLs the platform opens or calls.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageConfig {
    /// (`platform.endpoint`, URL) of the game's callbacks: the login URL the portal opens
    /// (wancms `login`) and the notify URL a paid payload is confirmed at (`pay_notify`).
    pub callback_urls: Vec<(String, String)>,
    /// After the game acknowledged a notify, send it again this many times, as platforms do
    /// when an acknowledgement is lost: the game must deliver once all the same.
    pub resend_acknowledged: u32,
}

impl PageConfig {
    /// The configured URL of a callback endpoint.
    pub fn callback_url(&self, platform: &str, endpoint: &str) -> Option<&str> {
        let key = format!("{platform}.{endpoint}");
        self.callback_urls
            .iter()
            .rev()
            .find(|(k, _)| *k == key)
            .map(|(_, url)| url.as_str())
    }

    /// Parses and sets `PLATFORM.ENDPOINT=URL` (the `--callback-url` flag).
    pub fn set_callback_url_arg(&mut self, arg: &str) -> Result<(), String> {
        match arg.split_once('=') {
            Some((target, url)) if target.contains('.') && !url.is_empty() => {
                self.callback_urls.push((target.to_owned(), url.to_owned()));
                Ok(())
            }
            _ => Err(format!(
                "expected --callback-url PLATFORM.ENDPOINT=URL, got '{arg}'"
            )),
        }
    }
}

/// The YAML config file; everything optional, layered over the defaults.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    listen: Option<SocketAddr>,
    /// platform -> name -> value. Any scalar is taken as text, so that a value that happens
    /// to look like a number never ends up quoted in a type error message.
    #[serde(default)]
    credentials: BTreeMap<String, BTreeMap<String, serde_yaml::Value>>,
    token_lifetime_secs: Option<u64>,
    faults: Option<Faults>,
    callbacks: Option<CallbackFile>,
    /// `platform.endpoint` -> the game's URL for that callback.
    #[serde(default)]
    callback_urls: BTreeMap<String, String>,
    resend_acknowledged: Option<u32>,
}

/// `callbacks:` section of the config file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CallbackFile {
    max_attempts: Option<u32>,
    first_backoff_ms: Option<u64>,
    max_backoff_ms: Option<u64>,
    timeout_ms: Option<u64>,
}

impl MockConfig {
    /// Listens on `listen` with the default credentials, 7200 s tokens and no faults.
    pub fn defaults(listen: SocketAddr) -> Self {
        MockConfig {
            listen,
            credentials: DEFAULT_CREDENTIALS
                .iter()
                .map(|(p, n, v)| (p.to_string(), n.to_string(), v.to_string()))
                .collect(),
            token_lifetime: Duration::from_secs(7200),
            faults: Faults::default(),
            callbacks: CallbackPolicy::default(),
            log_requests: false,
            page: PageConfig::default(),
        }
    }

    /// Reads a YAML config file (`listen`, `credentials: {platform: {name: value}}`,
    /// `token_lifetime_secs`, `faults`, `callbacks`, `callback_urls: {platform.endpoint: url}`,
    /// `resend_acknowledged`) over the defaults (listen 127.0.0.1:8080).
    pub fn from_file(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        Self::from_yaml(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Like [`MockConfig::from_file`], from the file's text.
    pub fn from_yaml(text: &str) -> Result<Self, String> {
        let file: ConfigFile = serde_yaml::from_str(text).map_err(|e| e.to_string())?;
        let listen = file
            .listen
            .unwrap_or(SocketAddr::from(([127, 0, 0, 1], 8080)));
        let mut config = MockConfig::defaults(listen);
        for (platform, names) in file.credentials {
            for (name, value) in names {
                let text = match value {
                    serde_yaml::Value::String(s) => s,
                    serde_yaml::Value::Number(n) => n.to_string(),
                    serde_yaml::Value::Bool(b) => b.to_string(),
                    _ => {
                        return Err(format!(
                            "credential {platform}.{name} must be a single value"
                        ));
                    }
                };
                config.set_credential(&platform, &name, &text);
            }
        }
        if let Some(secs) = file.token_lifetime_secs {
            config.token_lifetime = Duration::from_secs(secs);
        }
        if let Some(faults) = file.faults {
            config.faults = faults;
        }
        if let Some(cb) = file.callbacks {
            let p = &mut config.callbacks;
            p.max_attempts = cb.max_attempts.unwrap_or(p.max_attempts).max(1);
            p.first_backoff = cb
                .first_backoff_ms
                .map_or(p.first_backoff, Duration::from_millis);
            p.max_backoff = cb
                .max_backoff_ms
                .map_or(p.max_backoff, Duration::from_millis);
            p.timeout = cb.timeout_ms.map_or(p.timeout, Duration::from_millis);
        }
        config.page.callback_urls.extend(file.callback_urls);
        if let Some(n) = file.resend_acknowledged {
            config.page.resend_acknowledged = n;
        }
        Ok(config)
    }

    /// Sets (or replaces) one credential.
    pub fn set_credential(&mut self, platform: &str, name: &str, value: &str) {
        self.credentials
            .retain(|(p, n, _)| !(p == platform && n == name));
        self.credentials
            .push((platform.to_owned(), name.to_owned(), value.to_owned()));
    }

    /// Parses and sets `PLATFORM.NAME=VALUE` (the `--cred` flag).
    pub fn set_credential_arg(&mut self, arg: &str) -> Result<(), String> {
        let parsed = arg
            .split_once('=')
            .and_then(|(target, value)| target.split_once('.').map(|(p, n)| (p, n, value)));
        match parsed {
            Some((p, n, v)) if !p.is_empty() && !n.is_empty() => {
                self.set_credential(p, n, v);
                Ok(())
            }
            // Never echo the argument: its value is a credential.
            _ => Err("expected --cred PLATFORM.NAME=VALUE".to_owned()),
        }
    }

    /// The value of a credential, if configured.
    pub fn credential(&self, platform: &str, name: &str) -> Option<&str> {
        self.credentials
            .iter()
            .rev()
            .find(|(p, n, _)| p == platform && n == name)
            .map(|(_, _, v)| v.as_str())
    }

    /// A credential for one environment: `name@environment` first, then `name`.
    pub fn credential_in(&self, platform: &str, name: &str, environment: &str) -> Option<&str> {
        self.credential(platform, &format!("{name}@{environment}"))
            .or_else(|| self.credential(platform, name))
    }

    /// Lines describing the credentials, safe to print: a default's value is shown (it is a
    /// public mock value), anything the user configured is shown as `<configured>`.
    pub fn describe_credentials(&self) -> Vec<String> {
        self.credentials
            .iter()
            .map(|(p, n, v)| {
                let is_default = DEFAULT_CREDENTIALS
                    .iter()
                    .any(|(dp, dn, dv)| dp == p && dn == n && dv == v);
                let shown = if is_default && v == TEST_RSA_PRIVATE_KEY {
                    // Public test material, but a whole PEM would drown the start-up lines.
                    "<the RSA test key pair, TEST_RSA_PRIVATE_KEY / TEST_RSA_PUBLIC_KEY>"
                } else if is_default {
                    v.as_str()
                } else {
                    "<configured>"
                };
                format!("{p}.{n} = {shown}")
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_layers_over_defaults_and_hides_configured_values() {
        let yaml = "listen: 127.0.0.1:0\ncredentials:\n  llewan:\n    secret: 12345\n  qqgame:\n    app_key: real-ish\n  wechat_midas:\n    app_key@sandbox: sbx\ntoken_lifetime_secs: 5\nfaults:\n  busy_rate: 0.5\n";
        let c = MockConfig::from_yaml(yaml).expect("parses");
        assert_eq!(c.credential("qqgame", "app_key"), Some("real-ish"));
        assert_eq!(c.credential("llewan", "secret"), Some("12345"));
        assert_eq!(
            c.credential_in("wechat_midas", "app_key", "sandbox"),
            Some("sbx")
        );
        assert_eq!(
            c.credential_in("wechat_midas", "app_key", "production"),
            Some("mock-midas-app-key")
        );
        assert_eq!(c.token_lifetime, Duration::from_secs(5));
        assert_eq!(c.faults.busy_rate, 0.5);
        let shown = c.describe_credentials().join("\n");
        assert!(!shown.contains("real-ish") && !shown.contains("sbx"));
        assert!(shown.contains("mock-wancms-pay-key") && !shown.contains("12345"));
    }

    #[test]
    fn page_urls_from_file_and_flags() {
        let yaml =
            "callback_urls:\n  wancms.login: http://127.0.0.1:3000/\nresend_acknowledged: 2\n";
        let mut c = MockConfig::from_yaml(yaml).expect("parses");
        assert_eq!(
            c.page.callback_url("wancms", "login"),
            Some("http://127.0.0.1:3000/")
        );
        assert_eq!(c.page.resend_acknowledged, 2);
        c.page
            .set_callback_url_arg("wancms.login=http://127.0.0.1:4000/")
            .expect("flag");
        assert_eq!(
            c.page.callback_url("wancms", "login"),
            Some("http://127.0.0.1:4000/")
        );
        assert!(c.page.set_callback_url_arg("nodot=http://x").is_err());
        assert_eq!(c.page.callback_url("wancms", "pay_notify"), None);
    }

    #[test]
    fn cred_arg() {
        let mut c = MockConfig::defaults(SocketAddr::from(([127, 0, 0, 1], 0)));
        assert!(c.set_credential_arg("llewan.secret=a=b").is_ok());
        assert_eq!(c.credential("llewan", "secret"), Some("a=b"));
        let err = c.set_credential_arg("nodot=topsecret").unwrap_err();
        assert!(!err.contains("topsecret"));
    }
}
