//! Platform state the mock keeps between requests, one module per platform, behind one
//! dispatcher keyed by (platform, endpoint).

pub mod douyin;
pub mod llewan;
pub mod midas;
pub mod qq;
pub mod wallet;
pub mod wechat_token;

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

use gamechannel_codegen::model::{ErrorWhen, Platform};
use serde_json::{Map, Value};

use super::lock;

pub use midas::Ledger;
pub use wechat_token::{TokenCheck, TokenCounts};

/// Why a request was refused, in the spec's terms; the handler turns it into the platform's code.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    /// The situation.
    pub when: ErrorWhen,
    /// The field (bad parameter) or signature (bad signature) concerned.
    pub detail: Option<String>,
    /// An endpoint error by name, preferred over `when` when the spec has it (e.g.
    /// `invalid_appid`, which has no situation of its own).
    pub name: Option<&'static str>,
    /// The message put in the envelope.
    pub message: String,
}

impl Refusal {
    /// A refusal for a situation.
    pub fn when(when: ErrorWhen, message: impl Into<String>) -> Self {
        Refusal {
            when,
            detail: None,
            name: None,
            message: message.into(),
        }
    }

    /// A bad parameter `field`.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Refusal {
            detail: Some(field.to_owned()),
            ..Refusal::when(ErrorWhen::BadParameter, message)
        }
    }
}

/// What an endpoint answers: its response fields, or a refusal.
pub type Outcome = Result<Map<String, Value>, Refusal>;

/// Credentials the token endpoint checks.
pub struct TokenSecrets<'a> {
    /// The accepted `appid`.
    pub appid: Option<&'a str>,
    /// The accepted `secret`.
    pub secret: Option<&'a str>,
}

/// Every platform's state.
pub struct Stores {
    midas: Mutex<midas::Midas>,
    douyin: Mutex<midas::Midas>,
    qq: Mutex<qq::Qq>,
    tokens: Mutex<wechat_token::Tokens>,
    /// Token wallets by platform name.
    wallets: Mutex<BTreeMap<String, wallet::Wallets>>,
}

/// The wallet APIs the mock keeps: (platform, endpoint) -> the operation, with the API's
/// field names.
fn wallet_operation(
    platform: &str,
    endpoint: &str,
) -> Option<(&'static wallet::Names, wallet::Operation)> {
    use wallet::Operation as Op;
    const XPAY: wallet::Names = wallet::Names {
        account: &["openid"],
        order: "order_id",
        amount: "amount",
        refunded: "pay_order_id",
    };
    const MINIGAME_V2: wallet::Names = wallet::Names {
        account: &["openid", "zone_id"],
        order: "bill_no",
        amount: "amount",
        refunded: "pay_bill_no",
    };
    let found = match (platform, endpoint) {
        ("wechat_xpay", "query_user_balance") => (&XPAY, Op::Balance),
        ("wechat_xpay", "currency_pay") => (&XPAY, Op::Pay),
        ("wechat_xpay", "cancel_currency_pay") => (&XPAY, Op::Cancel),
        ("wechat_xpay", "present_currency") => (&XPAY, Op::Present),
        ("wechat_xpay", "query_order") => (&XPAY, Op::QueryOrder),
        ("wechat_xpay", "notify_provide_goods") => (&XPAY, Op::Delivered),
        ("wechat_minigame_v2", "get_balance") => (&MINIGAME_V2, Op::Balance),
        ("wechat_minigame_v2", "pay") => (&MINIGAME_V2, Op::Pay),
        ("wechat_minigame_v2", "cancel_pay") => (&MINIGAME_V2, Op::Cancel),
        ("wechat_minigame_v2", "present") => (&MINIGAME_V2, Op::Present),
        _ => return None,
    };
    Some(found)
}

/// First value of `name`.
pub fn get<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// An int field that the constraint check already accepted (0 when absent).
pub fn int(fields: &[(String, String)], name: &str) -> i64 {
    get(fields, name).and_then(|v| v.parse().ok()).unwrap_or(0)
}

impl Stores {
    /// Empty state; tokens live `token_lifetime`.
    pub fn new(token_lifetime: Duration) -> Self {
        Stores {
            midas: Mutex::new(midas::Midas::default()),
            douyin: Mutex::new(midas::Midas::refusing_applied()),
            qq: Mutex::new(qq::Qq::default()),
            tokens: Mutex::new(wechat_token::Tokens::new(token_lifetime)),
            wallets: Mutex::new(BTreeMap::new()),
        }
    }

    /// Applies one checked, genuine request; `None` when the mock keeps no state for this
    /// endpoint (the handler then answers default response values).
    pub fn apply(
        &self,
        platform: &Platform,
        endpoint: &str,
        fields: &[(String, String)],
        secrets: &TokenSecrets,
    ) -> Option<Outcome> {
        // The spec names the endpoint that issues a credential (`issued_by`); the mock issues
        // tokens the way WeChat's stable-token endpoint does.
        let issues = platform
            .credentials
            .iter()
            .any(|c| c.issued_by.as_ref().is_some_and(|i| i.endpoint == endpoint));
        let platform = platform.name.as_str();
        let outcome = match (platform, endpoint) {
            _ if issues => lock(&self.tokens).stable_token(platform, fields, secrets),
            ("wechat_midas", name) => lock(&self.midas).apply(name, fields)?,
            ("douyin_game", name) => douyin::apply(&mut lock(&self.douyin), name, fields)?,
            ("qqgame", name) => lock(&self.qq).apply(name, fields)?,
            ("llewan", "get_user_open_id") => llewan::get_user_open_id(fields),
            _ => {
                let (names, operation) = wallet_operation(platform, endpoint)?;
                lock(&self.wallets)
                    .entry(platform.to_owned())
                    .or_default()
                    .apply(names, operation, fields)
            }
        };
        Some(outcome)
    }

    /// Checks an access token presented to `platform`.
    pub fn check_token(&self, platform: &str, token: &str) -> TokenCheck {
        lock(&self.tokens).check(platform, token)
    }

    /// Expires every issued access token (see [`wechat_token::Tokens::expire_all`]).
    pub fn expire_tokens(&self) {
        lock(&self.tokens).expire_all();
    }

    /// Access tokens requested and issued, per platform.
    pub fn token_counts(&self) -> BTreeMap<String, TokenCounts> {
        lock(&self.tokens).counts()
    }

    /// Snapshot of the Midas ledger.
    pub fn ledger(&self) -> Ledger {
        lock(&self.midas).ledger()
    }

    /// Snapshot of the Douyin game-wallet ledger.
    pub fn douyin_ledger(&self) -> Ledger {
        lock(&self.douyin).ledger()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    /// A Midas-style request (openid, zone_id, ts) with `extra` fields.
    pub(crate) fn req(extra: &[(&str, &str)]) -> Vec<(String, String)> {
        [("openid", "o1"), ("zone_id", "1"), ("ts", "1")]
            .iter()
            .chain(extra)
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }
}
