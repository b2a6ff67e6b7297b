/// The platform's name in specs and on the command line.
pub const PLATFORM: &str = "wechat_midas";
/// Where requests go; the first environment is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Environment {
    /// Live environment (正式环境); paths `/cgi-bin/midas/<api>`, production AppKey.
    #[default]
    Production,
    /// Sandbox (沙箱环境): same host, paths `/cgi-bin/midas/sandbox/<api>`, and the sandbox AppKey, which differs from the production one.
    Sandbox,
}
impl Environment {
    /// Every environment, in the spec's order.
    pub const ALL: [Environment; 2] = [Environment::Production, Environment::Sandbox];
    /// The environment's name in the spec.
    pub fn name(self) -> &'static str {
        match self {
            Self::Production => "production",
            Self::Sandbox => "sandbox",
        }
    }
    /// Scheme and host, without a trailing slash.
    pub fn base_url(self) -> &'static str {
        match self {
            Self::Production => "https://api.weixin.qq.com",
            Self::Sandbox => "https://api.weixin.qq.com",
        }
    }
}
/// What the platform gave you; secret values are [`::gamechannel::Secret`] and never printed.
#[derive(Debug, Clone)]
pub struct Credentials {
    /// Midas AppKey (米大师密钥), from the mini-game admin console (虚拟支付 settings). The sandbox and production AppKeys differ: configure the one of the environment called.
    pub app_key: ::gamechannel::Secret,
    /// The user's `session_key` (会话密钥) from `code2Session`, used as its literal base64 text as the `mp_sig` HMAC key. Optional: when absent, `mp_sig` is not sent (newer WeChat docs no longer require it).
    ///
    /// Differs per user: build one `Credentials` per player session.
    pub session_key: ::core::option::Option<::gamechannel::Secret>,
    /// Interface call credential (接口调用凭证), issued by `get_stable_token` (`auth.getStableAccessToken`); clients get it from a token provider that caches it, refreshes it ahead of expiry and once on `40001`/`40014`/`42001`. Sent as `?access_token=` on every Midas call. `mp_sig` covers it, so `mp_sig` is recomputed whenever the token is refreshed and a call is retried.
    pub access_token: ::gamechannel::Secret,
}
/// An error code the platform answers with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// System busy, try again later (系统繁忙,此时请开发者稍候再试). Retrying with the same `bill_no` never charges or credits twice.
    SystemBusy,
    /// The user is not logged in or the session has expired (用户未登录或登录态已过期).
    NotLoggedIn,
    /// Incorrect `sig` signature (sig签名错误): check the AppKey of the environment, the `org_loc` path (sandbox paths differ) and that no empty optional parameter was signed.
    BadSig,
    /// No permission to call this API (没有调用接口的权限).
    NoPermission,
    /// The `access_token` is invalid or not the latest (获取 access_token 时 AppSecret 错误, 或者 access_token 无效): refresh the token and retry.
    InvalidCredential,
    /// Invalid `access_token` (不合法的 access_token): refresh the token and retry.
    InvalidAccessToken,
    /// The `access_token` has expired (access_token 超时): refresh the token and retry.
    AccessTokenExpired,
    /// Parameter error (参数错误).
    BadParameter,
    /// Invalid `grant_type` (不合法的凭证类型).
    InvalidGrantType,
    /// Invalid AppID (不合法的 AppID).
    InvalidAppid,
    /// Invalid AppSecret (不合法的 secret).
    InvalidAppsecret,
    /// The daily call limit is reached (接口调用超过限额).
    ApiDailyLimit,
    /// Incorrect `mp_sig` signature (mp_sig签名错误).
    BadMpSig,
    /// The order already exists (订单已存在): this `bill_no` was used before.
    OrderExists,
    /// Balance too low (余额不足).
    BalanceTooLow,
    /// A code the spec does not list.
    Other(i64),
}
impl ErrorCode {
    /// The variant for a numeric code.
    pub fn from_code(code: i64) -> Self {
        match code {
            -1 => Self::SystemBusy,
            90010 => Self::NotLoggedIn,
            90011 => Self::BadSig,
            90017 => Self::NoPermission,
            40001 => Self::InvalidCredential,
            40014 => Self::InvalidAccessToken,
            42001 => Self::AccessTokenExpired,
            90018 => Self::BadParameter,
            40002 => Self::InvalidGrantType,
            40013 => Self::InvalidAppid,
            40125 => Self::InvalidAppsecret,
            45009 => Self::ApiDailyLimit,
            90009 => Self::BadMpSig,
            90012 => Self::OrderExists,
            90013 => Self::BalanceTooLow,
            other => Self::Other(other),
        }
    }
    /// The numeric code.
    pub fn code(self) -> i64 {
        match self {
            Self::SystemBusy => -1,
            Self::NotLoggedIn => 90010,
            Self::BadSig => 90011,
            Self::NoPermission => 90017,
            Self::InvalidCredential => 40001,
            Self::InvalidAccessToken => 40014,
            Self::AccessTokenExpired => 42001,
            Self::BadParameter => 90018,
            Self::InvalidGrantType => 40002,
            Self::InvalidAppid => 40013,
            Self::InvalidAppsecret => 40125,
            Self::ApiDailyLimit => 45009,
            Self::BadMpSig => 90009,
            Self::OrderExists => 90012,
            Self::BalanceTooLow => 90013,
            Self::Other(code) => code,
        }
    }
    /// The spec's snake_case name (`other` for unlisted codes).
    pub fn name(self) -> &'static str {
        match self {
            Self::SystemBusy => "system_busy",
            Self::NotLoggedIn => "not_logged_in",
            Self::BadSig => "bad_sig",
            Self::NoPermission => "no_permission",
            Self::InvalidCredential => "invalid_credential",
            Self::InvalidAccessToken => "invalid_access_token",
            Self::AccessTokenExpired => "access_token_expired",
            Self::BadParameter => "bad_parameter",
            Self::InvalidGrantType => "invalid_grant_type",
            Self::InvalidAppid => "invalid_appid",
            Self::InvalidAppsecret => "invalid_appsecret",
            Self::ApiDailyLimit => "api_daily_limit",
            Self::BadMpSig => "bad_mp_sig",
            Self::OrderExists => "order_exists",
            Self::BalanceTooLow => "balance_too_low",
            Self::Other(_) => "other",
        }
    }
    /// The spec's description (empty when it has none).
    pub fn doc(self) -> &'static str {
        match self {
            Self::SystemBusy => {
                "System busy, try again later (系统繁忙,此时请开发者稍候再试). Retrying with the same `bill_no` never charges or credits twice."
            }
            Self::NotLoggedIn => {
                "The user is not logged in or the session has expired (用户未登录或登录态已过期)."
            }
            Self::BadSig => {
                "Incorrect `sig` signature (sig签名错误): check the AppKey of the environment, the `org_loc` path (sandbox paths differ) and that no empty optional parameter was signed."
            }
            Self::NoPermission => {
                "No permission to call this API (没有调用接口的权限)."
            }
            Self::InvalidCredential => {
                "The `access_token` is invalid or not the latest (获取 access_token 时 AppSecret 错误, 或者 access_token 无效): refresh the token and retry."
            }
            Self::InvalidAccessToken => {
                "Invalid `access_token` (不合法的 access_token): refresh the token and retry."
            }
            Self::AccessTokenExpired => {
                "The `access_token` has expired (access_token 超时): refresh the token and retry."
            }
            Self::BadParameter => "Parameter error (参数错误).",
            Self::InvalidGrantType => "Invalid `grant_type` (不合法的凭证类型).",
            Self::InvalidAppid => "Invalid AppID (不合法的 AppID).",
            Self::InvalidAppsecret => "Invalid AppSecret (不合法的 secret).",
            Self::ApiDailyLimit => {
                "The daily call limit is reached (接口调用超过限额)."
            }
            Self::BadMpSig => "Incorrect `mp_sig` signature (mp_sig签名错误).",
            Self::OrderExists => {
                "The order already exists (订单已存在): this `bill_no` was used before."
            }
            Self::BalanceTooLow => "Balance too low (余额不足).",
            Self::Other(_) => "",
        }
    }
}
impl ::core::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        write!(f, "{} ({})", self.name(), self.code())
    }
}
impl ErrorCode {
    /// Whether the same request may succeed when retried (the spec marks it `retry`).
    pub fn is_retryable(self) -> bool {
        matches!(self, Self::SystemBusy)
    }
}
impl ErrorCode {
    /// Whether the code says the access token was rejected (the spec's `when:
    /// token_expired` or `token_invalid`): refresh the token and send again.
    pub fn is_token_error(self) -> bool {
        matches!(self.code(), 40001 | 40014 | 42001)
    }
}
/// How every response of this platform says success or failure.
const ENVELOPE: ::gamechannel::__private::envelope::Envelope = ::gamechannel::__private::envelope::Envelope {
    code: "errcode",
    message: ::core::option::Option::Some("errmsg"),
    ok: 0,
    missing_is_ok: true,
};
/// `auth.getStableAccessToken`: Gets the mini-game's interface call credential (获取稳定版接口调用凭据, `access_token`), valid for `expires_in` seconds. While a token is valid the same one is returned, so retrying is safe; `force_refresh: true` revokes it and issues a new one (limited per day). The token is the `access_token` credential of every Midas call.
#[derive(Debug, Clone, PartialEq)]
pub struct GetStableTokenRequest {
    /// Always `client_credential`.
    pub grant_type: ::std::string::String,
    /// The mini-game's AppID (小程序 appId).
    pub appid: ::std::string::String,
    /// The mini-game's AppSecret (小程序唯一凭证密钥), from the admin console.
    pub secret: ::gamechannel::Secret,
    /// `true` revokes the current token and issues a new one (强制刷新模式); default `false` returns the current token while it is valid. Leave it unset for a token provider: the endpoint is retried as read-only, and a retried forced refresh would revoke the token it just issued and use up the daily quota.
    pub force_refresh: ::core::option::Option<bool>,
}
impl GetStableTokenRequest {
    /// HTTP method.
    pub const METHOD: &'static str = "POST";
    /// Wire name of the field that makes a retry safe: the platform never applies the same value twice.
    pub const IDEMPOTENCY_KEY: ::core::option::Option<&'static str> = ::core::option::Option::None;
    /// Whether retrying cannot apply this request twice (read-only or idempotent).
    pub const RETRY_SAFE: bool = true;
    /// The path called in an environment (sandbox paths may differ).
    pub fn path(environment: Environment) -> &'static str {
        match environment {
            Environment::Production => "/cgi-bin/stable_token",
            Environment::Sandbox => "/cgi-bin/stable_token",
        }
    }
    /// Checks every constraint of the spec, collecting all violations.
    pub fn validate(&self) -> ::core::result::Result<(), ::gamechannel::InvalidRequest> {
        let mut invalid = ::gamechannel::InvalidRequest::new();
        ::gamechannel::__private::check::required(
            &mut invalid,
            "grant_type",
            &self.grant_type,
        );
        {
            let value = &self.grant_type;
            ::gamechannel::__private::check::one_of(
                &mut invalid,
                "grant_type",
                value,
                &["client_credential"],
            );
        }
        ::gamechannel::__private::check::required(&mut invalid, "appid", &self.appid);
        ::gamechannel::__private::check::required(
            &mut invalid,
            "secret",
            self.secret.expose(),
        );
        invalid.into_result()
    }
    /// Validates, signs and encodes the request for `environment`, without any I/O.
    pub fn prepare(
        &self,
        environment: Environment,
        credentials: &Credentials,
    ) -> ::core::result::Result<
        ::gamechannel::PreparedRequest,
        ::gamechannel::InvalidRequest,
    > {
        self.prepare_at(Self::path(environment), credentials)
    }
    /// Like [`Self::prepare`], for a custom path (a proxy, a mock, a path the spec does not list).
    pub fn prepare_at(
        &self,
        path: &str,
        credentials: &Credentials,
    ) -> ::core::result::Result<
        ::gamechannel::PreparedRequest,
        ::gamechannel::InvalidRequest,
    > {
        self.validate()?;
        let _ = credentials;
        let query = ::gamechannel::__private::PairWriter::new();
        let body = ::core::option::Option::Some({
            let mut body = ::gamechannel::__private::JsonWriter::new();
            body.text("grant_type", &self.grant_type);
            body.text("appid", &self.appid);
            body.text("secret", &self.secret);
            if let ::core::option::Option::Some(value) = self.force_refresh.as_ref() {
                body.bare("force_refresh", value);
            }
            body.finish()
        });
        ::core::result::Result::Ok(::gamechannel::PreparedRequest {
            method: Self::METHOD,
            path_and_query: query.after_path(path),
            body,
            content_type: ::core::option::Option::Some("application/json"),
        })
    }
}
/// The answer of [`GetStableTokenRequest`], envelope fields removed.
#[derive(Debug, Clone, PartialEq, ::gamechannel::__private::serde::Deserialize)]
#[serde(crate = "::gamechannel::__private::serde")]
pub struct GetStableTokenResponse {
    /// The token (获取到的凭证).
    #[serde(deserialize_with = "::gamechannel::__private::de::secret")]
    pub access_token: ::gamechannel::Secret,
    /// Seconds the token stays valid (凭证有效时间), normally 7200.
    #[serde(deserialize_with = "::gamechannel::__private::de::int")]
    pub expires_in: i64,
}
impl GetStableTokenResponse {
    /// Decodes a response body: the envelope's error code becomes [`::gamechannel::Error::Api`].
    pub fn decode(
        body: &[u8],
    ) -> ::core::result::Result<Self, ::gamechannel::Error<ErrorCode>> {
        ::gamechannel::__private::envelope::decode(body, &ENVELOPE)
            .map_err(|e| e.map_code(ErrorCode::from_code))
            .map_err(::gamechannel::Error::without_excerpts)
    }
}
/// `midas.getBalance`: Gets the user's game-currency balance (查询游戏币余额), including gifted currency.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GetBalanceRequest {
    /// The user's unique identifier (用户唯一标识符, openid) in this mini-game.
    pub openid: ::std::string::String,
    /// The mini-game's AppID (小程序 appId).
    pub appid: ::std::string::String,
    /// The `offer_id` assigned by Midas (米大师分配的offer_id).
    pub offer_id: ::std::string::String,
    /// UNIX timestamp in seconds (UNIX 时间戳,单位是秒).
    pub ts: i64,
    /// Game server zone ID (游戏服务器大区id), a string; `"1"` when the game has no zones. When the app supports roles, the role ID follows the zone ID joined by `_` (e.g. `2_role77`).
    pub zone_id: ::std::string::String,
    /// Platform (平台), e.g. `android` (安卓).
    pub pf: ::std::string::String,
    /// The user's public IP address (用户外网 IP). Not signed when not sent.
    pub user_ip: ::core::option::Option<::std::string::String>,
}
impl GetBalanceRequest {
    /// HTTP method.
    pub const METHOD: &'static str = "POST";
    /// Wire name of the field that makes a retry safe: the platform never applies the same value twice.
    pub const IDEMPOTENCY_KEY: ::core::option::Option<&'static str> = ::core::option::Option::None;
    /// Whether retrying cannot apply this request twice (read-only or idempotent).
    pub const RETRY_SAFE: bool = true;
    /// The path called in an environment (sandbox paths may differ).
    pub fn path(environment: Environment) -> &'static str {
        match environment {
            Environment::Production => "/cgi-bin/midas/getbalance",
            Environment::Sandbox => "/cgi-bin/midas/sandbox/getbalance",
        }
    }
    /// Checks every constraint of the spec, collecting all violations.
    pub fn validate(&self) -> ::core::result::Result<(), ::gamechannel::InvalidRequest> {
        let mut invalid = ::gamechannel::InvalidRequest::new();
        ::gamechannel::__private::check::required(&mut invalid, "openid", &self.openid);
        ::gamechannel::__private::check::required(&mut invalid, "appid", &self.appid);
        ::gamechannel::__private::check::required(
            &mut invalid,
            "offer_id",
            &self.offer_id,
        );
        ::gamechannel::__private::check::required(
            &mut invalid,
            "zone_id",
            &self.zone_id,
        );
        ::gamechannel::__private::check::required(&mut invalid, "pf", &self.pf);
        invalid.into_result()
    }
    /// Validates, signs and encodes the request for `environment`, without any I/O.
    pub fn prepare(
        &self,
        environment: Environment,
        credentials: &Credentials,
    ) -> ::core::result::Result<
        ::gamechannel::PreparedRequest,
        ::gamechannel::InvalidRequest,
    > {
        self.prepare_at(Self::path(environment), credentials)
    }
    /// Like [`Self::prepare`], for a custom path (a proxy, a mock, a path the spec does not list).
    pub fn prepare_at(
        &self,
        path: &str,
        credentials: &Credentials,
    ) -> ::core::result::Result<
        ::gamechannel::PreparedRequest,
        ::gamechannel::InvalidRequest,
    > {
        self.validate()?;
        let _ = credentials;
        let signatures = self.sign(path, credentials);
        let mut query = ::gamechannel::__private::PairWriter::new();
        query.pair("access_token", &credentials.access_token);
        let body = ::core::option::Option::Some({
            let mut body = ::gamechannel::__private::JsonWriter::new();
            body.text("openid", &self.openid);
            body.text("appid", &self.appid);
            body.text("offer_id", &self.offer_id);
            body.bare("ts", &self.ts);
            body.text("zone_id", &self.zone_id);
            body.text("pf", &self.pf);
            if let ::core::option::Option::Some(value) = self
                .user_ip
                .as_ref()
                .filter(|value| !::gamechannel::WireValue::is_empty_wire(*value))
            {
                body.text("user_ip", value);
            }
            body.text("sig", &signatures.sig);
            if let ::core::option::Option::Some(value) = signatures.mp_sig.as_ref() {
                body.text("mp_sig", value);
            }
            body.finish()
        });
        ::core::result::Result::Ok(::gamechannel::PreparedRequest {
            method: Self::METHOD,
            path_and_query: query.after_path(path),
            body,
            content_type: ::core::option::Option::Some("application/json"),
        })
    }
}
/// The signatures of one [`GetBalanceRequest`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetBalanceSignatures {
    /// Every body parameter actually sent (not `sig`, `mp_sig` or `access_token`), sorted by name, joined `name=value` with `&`, raw values; then `&org_loc=<path called>&method=POST&secret=<AppKey>`. HMAC-SHA256 keyed by the AppKey, lowercase hex. In the sandbox `org_loc` is the sandbox path.
    pub sig: ::gamechannel::Signed,
    /// The same parameters plus `access_token` and the computed `sig`, sorted together by name; then `&org_loc=<path called>&method=POST&session_key=<session_key>`. HMAC-SHA256 keyed by the session key text, lowercase hex. Sent only when a session key is supplied.
    ///
    /// `None` when a credential it needs (session_key) is absent.
    pub mp_sig: ::core::option::Option<::gamechannel::Signed>,
}
impl GetBalanceRequest {
    /// Computes every signature, over `path` (the path actually called: sandbox paths differ).
    pub fn sign(&self, path: &str, credentials: &Credentials) -> GetBalanceSignatures {
        let _ = (path, credentials);
        let signature_sig = self.sign_sig(path, credentials);
        let signature_mp_sig = self.sign_mp_sig(path, credentials, &signature_sig);
        GetBalanceSignatures {
            sig: signature_sig,
            mp_sig: signature_mp_sig,
        }
    }
    /// Computes `sig` over this request's values.
    fn sign_sig(&self, path: &str, credentials: &Credentials) -> ::gamechannel::Signed {
        let key = ::gamechannel::__private::KeyBytes::key_bytes(&credentials.app_key);
        let mut out = ::std::string::String::with_capacity(295);
        out.push_str("appid=");
        ::gamechannel::WireValue::write_wire(&self.appid, &mut out);
        out.push_str("&offer_id=");
        ::gamechannel::WireValue::write_wire(&self.offer_id, &mut out);
        out.push_str("&openid=");
        ::gamechannel::WireValue::write_wire(&self.openid, &mut out);
        out.push_str("&pf=");
        ::gamechannel::WireValue::write_wire(&self.pf, &mut out);
        out.push_str("&ts=");
        ::gamechannel::WireValue::write_wire(&self.ts, &mut out);
        if let ::core::option::Option::Some(value) = self
            .user_ip
            .as_ref()
            .filter(|value| !::gamechannel::WireValue::is_empty_wire(*value))
        {
            out.push_str("&user_ip=");
            ::gamechannel::WireValue::write_wire(value, &mut out);
        }
        out.push_str("&zone_id=");
        ::gamechannel::WireValue::write_wire(&self.zone_id, &mut out);
        out.push_str("&org_loc=");
        ::gamechannel::WireValue::write_wire(path, &mut out);
        out.push_str("&method=POST&secret=");
        ::gamechannel::WireValue::write_wire(&credentials.app_key, &mut out);
        ::gamechannel::Signed::new(
            ::gamechannel::Algorithm::HmacSha256
                .sign(key, out.as_bytes(), ::gamechannel::Output::Hex),
            out,
        )
    }
    /// Computes `mp_sig` over this request's values.
    fn sign_mp_sig(
        &self,
        path: &str,
        credentials: &Credentials,
        signature_sig: &::gamechannel::Signed,
    ) -> ::core::option::Option<::gamechannel::Signed> {
        let credential_session_key = credentials.session_key.as_ref()?;
        let key = ::gamechannel::__private::KeyBytes::key_bytes(credential_session_key);
        let mut out = ::std::string::String::with_capacity(367);
        out.push_str("access_token=");
        ::gamechannel::WireValue::write_wire(&credentials.access_token, &mut out);
        out.push_str("&appid=");
        ::gamechannel::WireValue::write_wire(&self.appid, &mut out);
        out.push_str("&offer_id=");
        ::gamechannel::WireValue::write_wire(&self.offer_id, &mut out);
        out.push_str("&openid=");
        ::gamechannel::WireValue::write_wire(&self.openid, &mut out);
        out.push_str("&pf=");
        ::gamechannel::WireValue::write_wire(&self.pf, &mut out);
        out.push_str("&sig=");
        ::gamechannel::WireValue::write_wire(signature_sig, &mut out);
        out.push_str("&ts=");
        ::gamechannel::WireValue::write_wire(&self.ts, &mut out);
        if let ::core::option::Option::Some(value) = self
            .user_ip
            .as_ref()
            .filter(|value| !::gamechannel::WireValue::is_empty_wire(*value))
        {
            out.push_str("&user_ip=");
            ::gamechannel::WireValue::write_wire(value, &mut out);
        }
        out.push_str("&zone_id=");
        ::gamechannel::WireValue::write_wire(&self.zone_id, &mut out);
        out.push_str("&org_loc=");
        ::gamechannel::WireValue::write_wire(path, &mut out);
        out.push_str("&method=POST&session_key=");
        ::gamechannel::WireValue::write_wire(credential_session_key, &mut out);
        ::core::option::Option::Some(
            ::gamechannel::Signed::new(
                ::gamechannel::Algorithm::HmacSha256
                    .sign(key, out.as_bytes(), ::gamechannel::Output::Hex),
                out,
            ),
        )
    }
}
/// The answer of [`GetBalanceRequest`], envelope fields removed.
#[derive(Debug, Clone, PartialEq, ::gamechannel::__private::serde::Deserialize)]
#[serde(crate = "::gamechannel::__private::serde")]
pub struct GetBalanceResponse {
    /// Game-currency balance, gifted currency included (游戏币个数,包含赠送).
    #[serde(default, deserialize_with = "::gamechannel::__private::de::opt_int")]
    pub balance: ::core::option::Option<i64>,
    /// Gifted game currency in the balance (赠送游戏币数量).
    #[serde(default, deserialize_with = "::gamechannel::__private::de::opt_int")]
    pub gen_balance: ::core::option::Option<i64>,
    /// Whether the user qualifies for the first top-up offer (是否满足历史首次充值): `1` yes, `2` no. The page's type column says boolean, its value table says 1 and 2; an int decodes both.
    #[serde(default, deserialize_with = "::gamechannel::__private::de::opt_int")]
    pub first_save: ::core::option::Option<i64>,
    /// Cumulative game currency topped up (累计充值金额的游戏币数量).
    #[serde(default, deserialize_with = "::gamechannel::__private::de::opt_int")]
    pub save_amt: ::core::option::Option<i64>,
    /// Historical total of game currency topped up (历史总游戏币金额).
    #[serde(default, deserialize_with = "::gamechannel::__private::de::opt_int")]
    pub save_sum: ::core::option::Option<i64>,
    /// Historical total of game currency spent (历史总消费游戏币金额).
    #[serde(default, deserialize_with = "::gamechannel::__private::de::opt_int")]
    pub cost_sum: ::core::option::Option<i64>,
    /// Cumulative gifted game currency received (历史累计收到赠送金额).
    #[serde(default, deserialize_with = "::gamechannel::__private::de::opt_int")]
    pub present_sum: ::core::option::Option<i64>,
}
impl GetBalanceResponse {
    /// Decodes a response body: the envelope's error code becomes [`::gamechannel::Error::Api`].
    pub fn decode(
        body: &[u8],
    ) -> ::core::result::Result<Self, ::gamechannel::Error<ErrorCode>> {
        ::gamechannel::__private::envelope::decode(body, &ENVELOPE)
            .map_err(|e| e.map_code(ErrorCode::from_code))
    }
}
/// `midas.present`: Gives game currency to a user (赠送游戏币). Retrying with the same `bill_no` never credits twice.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PresentRequest {
    /// The user's unique identifier (用户唯一标识符, openid) in this mini-game.
    pub openid: ::std::string::String,
    /// The mini-game's AppID (小程序 appId).
    pub appid: ::std::string::String,
    /// The `offer_id` assigned by Midas (米大师分配的offer_id).
    pub offer_id: ::std::string::String,
    /// UNIX timestamp in seconds (UNIX 时间戳,单位是秒).
    pub ts: i64,
    /// Game server zone ID (游戏服务器大区id), a string; `"1"` when the game has no zones. When the app supports roles, the role ID follows the zone ID joined by `_` (e.g. `2_role77`).
    pub zone_id: ::std::string::String,
    /// Platform (平台), e.g. `android` (安卓).
    pub pf: ::std::string::String,
    /// The user's public IP address (用户外网 IP). Not signed when not sent.
    pub user_ip: ::core::option::Option<::std::string::String>,
    /// Order number (订单号), globally unique for the game; the same order number is never applied twice. At most 63 characters: digits, letters, `_` and `-`.
    pub bill_no: ::std::string::String,
    /// Number of game-currency units to give (赠送游戏币的个数); may not be 0.
    pub present_counts: i64,
}
impl PresentRequest {
    /// HTTP method.
    pub const METHOD: &'static str = "POST";
    /// Wire name of the field that makes a retry safe: the platform never applies the same value twice.
    pub const IDEMPOTENCY_KEY: ::core::option::Option<&'static str> = ::core::option::Option::Some(
        "bill_no",
    );
    /// Whether retrying cannot apply this request twice (read-only or idempotent).
    pub const RETRY_SAFE: bool = true;
    /// The path called in an environment (sandbox paths may differ).
    pub fn path(environment: Environment) -> &'static str {
        match environment {
            Environment::Production => "/cgi-bin/midas/present",
            Environment::Sandbox => "/cgi-bin/midas/sandbox/present",
        }
    }
    /// Checks every constraint of the spec, collecting all violations.
    pub fn validate(&self) -> ::core::result::Result<(), ::gamechannel::InvalidRequest> {
        let mut invalid = ::gamechannel::InvalidRequest::new();
        ::gamechannel::__private::check::required(&mut invalid, "openid", &self.openid);
        ::gamechannel::__private::check::required(&mut invalid, "appid", &self.appid);
        ::gamechannel::__private::check::required(
            &mut invalid,
            "offer_id",
            &self.offer_id,
        );
        ::gamechannel::__private::check::required(
            &mut invalid,
            "zone_id",
            &self.zone_id,
        );
        ::gamechannel::__private::check::required(&mut invalid, "pf", &self.pf);
        ::gamechannel::__private::check::required(
            &mut invalid,
            "bill_no",
            &self.bill_no,
        );
        {
            let value = &self.bill_no;
            ::gamechannel::__private::check::len(
                &mut invalid,
                "bill_no",
                value,
                ::core::option::Option::None,
                ::core::option::Option::Some(63),
            );
            static PATTERN: ::gamechannel::__private::LazyLock<
                ::core::option::Option<::gamechannel::__private::Regex>,
            > = ::gamechannel::__private::LazyLock::new(|| {
                ::gamechannel::__private::Regex::new("^[0-9A-Za-z_-]+$").ok()
            });
            match PATTERN.as_ref() {
                ::core::option::Option::Some(re) => {
                    ::gamechannel::__private::check::pattern(
                        &mut invalid,
                        "bill_no",
                        value,
                        re,
                    )
                }
                ::core::option::Option::None => {
                    invalid.push("bill_no", "has a pattern this build cannot check")
                }
            }
        }
        {
            let value = &self.present_counts;
            ::gamechannel::__private::check::non_zero(
                &mut invalid,
                "present_counts",
                *value,
            );
        }
        invalid.into_result()
    }
    /// Validates, signs and encodes the request for `environment`, without any I/O.
    pub fn prepare(
        &self,
        environment: Environment,
        credentials: &Credentials,
    ) -> ::core::result::Result<
        ::gamechannel::PreparedRequest,
        ::gamechannel::InvalidRequest,
    > {
        self.prepare_at(Self::path(environment), credentials)
    }
    /// Like [`Self::prepare`], for a custom path (a proxy, a mock, a path the spec does not list).
    pub fn prepare_at(
        &self,
        path: &str,
        credentials: &Credentials,
    ) -> ::core::result::Result<
        ::gamechannel::PreparedRequest,
        ::gamechannel::InvalidRequest,
    > {
        self.validate()?;
        let _ = credentials;
        let signatures = self.sign(path, credentials);
        let mut query = ::gamechannel::__private::PairWriter::new();
        query.pair("access_token", &credentials.access_token);
        let body = ::core::option::Option::Some({
            let mut body = ::gamechannel::__private::JsonWriter::new();
            body.text("openid", &self.openid);
            body.text("appid", &self.appid);
            body.text("offer_id", &self.offer_id);
            body.bare("ts", &self.ts);
            body.text("zone_id", &self.zone_id);
            body.text("pf", &self.pf);
            if let ::core::option::Option::Some(value) = self
                .user_ip
                .as_ref()
                .filter(|value| !::gamechannel::WireValue::is_empty_wire(*value))
            {
                body.text("user_ip", value);
            }
            body.text("bill_no", &self.bill_no);
            body.bare("present_counts", &self.present_counts);
            body.text("sig", &signatures.sig);
            body.finish()
        });
        ::core::result::Result::Ok(::gamechannel::PreparedRequest {
            method: Self::METHOD,
            path_and_query: query.after_path(path),
            body,
            content_type: ::core::option::Option::Some("application/json"),
        })
    }
}
/// The signatures of one [`PresentRequest`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PresentSignatures {
    /// Every body parameter actually sent (not `sig`, `mp_sig` or `access_token`), sorted by name, joined `name=value` with `&`, raw values; then `&org_loc=<path called>&method=POST&secret=<AppKey>`. HMAC-SHA256 keyed by the AppKey, lowercase hex. In the sandbox `org_loc` is the sandbox path.
    pub sig: ::gamechannel::Signed,
}
impl PresentRequest {
    /// Computes every signature, over `path` (the path actually called: sandbox paths differ).
    pub fn sign(&self, path: &str, credentials: &Credentials) -> PresentSignatures {
        let _ = (path, credentials);
        let signature_sig = self.sign_sig(path, credentials);
        PresentSignatures {
            sig: signature_sig,
        }
    }
    /// Computes `sig` over this request's values.
    fn sign_sig(&self, path: &str, credentials: &Credentials) -> ::gamechannel::Signed {
        let key = ::gamechannel::__private::KeyBytes::key_bytes(&credentials.app_key);
        let mut out = ::std::string::String::with_capacity(368);
        out.push_str("appid=");
        ::gamechannel::WireValue::write_wire(&self.appid, &mut out);
        out.push_str("&bill_no=");
        ::gamechannel::WireValue::write_wire(&self.bill_no, &mut out);
        out.push_str("&offer_id=");
        ::gamechannel::WireValue::write_wire(&self.offer_id, &mut out);
        out.push_str("&openid=");
        ::gamechannel::WireValue::write_wire(&self.openid, &mut out);
        out.push_str("&pf=");
        ::gamechannel::WireValue::write_wire(&self.pf, &mut out);
        out.push_str("&present_counts=");
        ::gamechannel::WireValue::write_wire(&self.present_counts, &mut out);
        out.push_str("&ts=");
        ::gamechannel::WireValue::write_wire(&self.ts, &mut out);
        if let ::core::option::Option::Some(value) = self
            .user_ip
            .as_ref()
            .filter(|value| !::gamechannel::WireValue::is_empty_wire(*value))
        {
            out.push_str("&user_ip=");
            ::gamechannel::WireValue::write_wire(value, &mut out);
        }
        out.push_str("&zone_id=");
        ::gamechannel::WireValue::write_wire(&self.zone_id, &mut out);
        out.push_str("&org_loc=");
        ::gamechannel::WireValue::write_wire(path, &mut out);
        out.push_str("&method=POST&secret=");
        ::gamechannel::WireValue::write_wire(&credentials.app_key, &mut out);
        ::gamechannel::Signed::new(
            ::gamechannel::Algorithm::HmacSha256
                .sign(key, out.as_bytes(), ::gamechannel::Output::Hex),
            out,
        )
    }
}
/// The answer of [`PresentRequest`], envelope fields removed.
#[derive(Debug, Clone, PartialEq, ::gamechannel::__private::serde::Deserialize)]
#[serde(crate = "::gamechannel::__private::serde")]
pub struct PresentResponse {
    /// Balance after the gift (赠送后的余额).
    #[serde(default, deserialize_with = "::gamechannel::__private::de::opt_int")]
    pub balance: ::core::option::Option<i64>,
    /// Order number of the gift (赠送游戏币的订单号).
    #[serde(default, deserialize_with = "::gamechannel::__private::de::opt_text")]
    pub bill_no: ::core::option::Option<::std::string::String>,
}
impl PresentResponse {
    /// Decodes a response body: the envelope's error code becomes [`::gamechannel::Error::Api`].
    pub fn decode(
        body: &[u8],
    ) -> ::core::result::Result<Self, ::gamechannel::Error<ErrorCode>> {
        ::gamechannel::__private::envelope::decode(body, &ENVELOPE)
            .map_err(|e| e.map_code(ErrorCode::from_code))
    }
}
/// `midas.pay`: Deducts game currency from a user's balance (扣除游戏币), e.g. to buy an item. Retrying with the same `bill_no` never charges twice.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PayRequest {
    /// The user's unique identifier (用户唯一标识符, openid) in this mini-game.
    pub openid: ::std::string::String,
    /// The mini-game's AppID (小程序 appId).
    pub appid: ::std::string::String,
    /// The `offer_id` assigned by Midas (米大师分配的offer_id).
    pub offer_id: ::std::string::String,
    /// UNIX timestamp in seconds (UNIX 时间戳,单位是秒).
    pub ts: i64,
    /// Game server zone ID (游戏服务器大区id), a string; `"1"` when the game has no zones. When the app supports roles, the role ID follows the zone ID joined by `_` (e.g. `2_role77`).
    pub zone_id: ::std::string::String,
    /// Platform (平台), e.g. `android` (安卓).
    pub pf: ::std::string::String,
    /// The user's public IP address (用户外网 IP). Not signed when not sent.
    pub user_ip: ::core::option::Option<::std::string::String>,
    /// Amount of game currency to deduct (扣除游戏币数量); may not be 0.
    pub amt: i64,
    /// Order number (订单号), globally unique for the game; the same order number is never charged twice. At most 63 characters: digits, letters, `_` and `-`.
    pub bill_no: ::std::string::String,
    /// Item bought (道具名称).
    pub pay_item: ::core::option::Option<::std::string::String>,
    /// Remark (备注).
    pub app_remark: ::core::option::Option<::std::string::String>,
}
impl PayRequest {
    /// HTTP method.
    pub const METHOD: &'static str = "POST";
    /// Wire name of the field that makes a retry safe: the platform never applies the same value twice.
    pub const IDEMPOTENCY_KEY: ::core::option::Option<&'static str> = ::core::option::Option::Some(
        "bill_no",
    );
    /// Whether retrying cannot apply this request twice (read-only or idempotent).
    pub const RETRY_SAFE: bool = true;
    /// The path called in an environment (sandbox paths may differ).
    pub fn path(environment: Environment) -> &'static str {
        match environment {
            Environment::Production => "/cgi-bin/midas/pay",
            Environment::Sandbox => "/cgi-bin/midas/sandbox/pay",
        }
    }
    /// Checks every constraint of the spec, collecting all violations.
    pub fn validate(&self) -> ::core::result::Result<(), ::gamechannel::InvalidRequest> {
        let mut invalid = ::gamechannel::InvalidRequest::new();
        ::gamechannel::__private::check::required(&mut invalid, "openid", &self.openid);
        ::gamechannel::__private::check::required(&mut invalid, "appid", &self.appid);
        ::gamechannel::__private::check::required(
            &mut invalid,
            "offer_id",
            &self.offer_id,
        );
        ::gamechannel::__private::check::required(
            &mut invalid,
            "zone_id",
            &self.zone_id,
        );
        ::gamechannel::__private::check::required(&mut invalid, "pf", &self.pf);
        {
            let value = &self.amt;
            ::gamechannel::__private::check::range(
                &mut invalid,
                "amt",
                *value,
                ::core::option::Option::Some(1),
                ::core::option::Option::None,
            );
        }
        ::gamechannel::__private::check::required(
            &mut invalid,
            "bill_no",
            &self.bill_no,
        );
        {
            let value = &self.bill_no;
            ::gamechannel::__private::check::len(
                &mut invalid,
                "bill_no",
                value,
                ::core::option::Option::None,
                ::core::option::Option::Some(63),
            );
            static PATTERN: ::gamechannel::__private::LazyLock<
                ::core::option::Option<::gamechannel::__private::Regex>,
            > = ::gamechannel::__private::LazyLock::new(|| {
                ::gamechannel::__private::Regex::new("^[0-9A-Za-z_-]+$").ok()
            });
            match PATTERN.as_ref() {
                ::core::option::Option::Some(re) => {
                    ::gamechannel::__private::check::pattern(
                        &mut invalid,
                        "bill_no",
                        value,
                        re,
                    )
                }
                ::core::option::Option::None => {
                    invalid.push("bill_no", "has a pattern this build cannot check")
                }
            }
        }
        invalid.into_result()
    }
    /// Validates, signs and encodes the request for `environment`, without any I/O.
    pub fn prepare(
        &self,
        environment: Environment,
        credentials: &Credentials,
    ) -> ::core::result::Result<
        ::gamechannel::PreparedRequest,
        ::gamechannel::InvalidRequest,
    > {
        self.prepare_at(Self::path(environment), credentials)
    }
    /// Like [`Self::prepare`], for a custom path (a proxy, a mock, a path the spec does not list).
    pub fn prepare_at(
        &self,
        path: &str,
        credentials: &Credentials,
    ) -> ::core::result::Result<
        ::gamechannel::PreparedRequest,
        ::gamechannel::InvalidRequest,
    > {
        self.validate()?;
        let _ = credentials;
        let signatures = self.sign(path, credentials);
        let mut query = ::gamechannel::__private::PairWriter::new();
        query.pair("access_token", &credentials.access_token);
        let body = ::core::option::Option::Some({
            let mut body = ::gamechannel::__private::JsonWriter::new();
            body.text("openid", &self.openid);
            body.text("appid", &self.appid);
            body.text("offer_id", &self.offer_id);
            body.bare("ts", &self.ts);
            body.text("zone_id", &self.zone_id);
            body.text("pf", &self.pf);
            if let ::core::option::Option::Some(value) = self
                .user_ip
                .as_ref()
                .filter(|value| !::gamechannel::WireValue::is_empty_wire(*value))
            {
                body.text("user_ip", value);
            }
            body.bare("amt", &self.amt);
            body.text("bill_no", &self.bill_no);
            if let ::core::option::Option::Some(value) = self
                .pay_item
                .as_ref()
                .filter(|value| !::gamechannel::WireValue::is_empty_wire(*value))
            {
                body.text("pay_item", value);
            }
            if let ::core::option::Option::Some(value) = self
                .app_remark
                .as_ref()
                .filter(|value| !::gamechannel::WireValue::is_empty_wire(*value))
            {
                body.text("app_remark", value);
            }
            body.text("sig", &signatures.sig);
            if let ::core::option::Option::Some(value) = signatures.mp_sig.as_ref() {
                body.text("mp_sig", value);
            }
            body.finish()
        });
        ::core::result::Result::Ok(::gamechannel::PreparedRequest {
            method: Self::METHOD,
            path_and_query: query.after_path(path),
            body,
            content_type: ::core::option::Option::Some("application/json"),
        })
    }
}
/// The signatures of one [`PayRequest`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaySignatures {
    /// Every body parameter actually sent (not `sig`, `mp_sig` or `access_token`), sorted by name, joined `name=value` with `&`, raw values; then `&org_loc=<path called>&method=POST&secret=<AppKey>`. HMAC-SHA256 keyed by the AppKey, lowercase hex. In the sandbox `org_loc` is the sandbox path.
    pub sig: ::gamechannel::Signed,
    /// The same parameters plus `access_token` and the computed `sig`, sorted together by name; then `&org_loc=<path called>&method=POST&session_key=<session_key>`. HMAC-SHA256 keyed by the session key text, lowercase hex. Sent only when a session key is supplied.
    ///
    /// `None` when a credential it needs (session_key) is absent.
    pub mp_sig: ::core::option::Option<::gamechannel::Signed>,
}
impl PayRequest {
    /// Computes every signature, over `path` (the path actually called: sandbox paths differ).
    pub fn sign(&self, path: &str, credentials: &Credentials) -> PaySignatures {
        let _ = (path, credentials);
        let signature_sig = self.sign_sig(path, credentials);
        let signature_mp_sig = self.sign_mp_sig(path, credentials, &signature_sig);
        PaySignatures {
            sig: signature_sig,
            mp_sig: signature_mp_sig,
        }
    }
    /// Computes `sig` over this request's values.
    fn sign_sig(&self, path: &str, credentials: &Credentials) -> ::gamechannel::Signed {
        let key = ::gamechannel::__private::KeyBytes::key_bytes(&credentials.app_key);
        let mut out = ::std::string::String::with_capacity(427);
        out.push_str("amt=");
        ::gamechannel::WireValue::write_wire(&self.amt, &mut out);
        if let ::core::option::Option::Some(value) = self
            .app_remark
            .as_ref()
            .filter(|value| !::gamechannel::WireValue::is_empty_wire(*value))
        {
            out.push_str("&app_remark=");
            ::gamechannel::WireValue::write_wire(value, &mut out);
        }
        out.push_str("&appid=");
        ::gamechannel::WireValue::write_wire(&self.appid, &mut out);
        out.push_str("&bill_no=");
        ::gamechannel::WireValue::write_wire(&self.bill_no, &mut out);
        out.push_str("&offer_id=");
        ::gamechannel::WireValue::write_wire(&self.offer_id, &mut out);
        out.push_str("&openid=");
        ::gamechannel::WireValue::write_wire(&self.openid, &mut out);
        if let ::core::option::Option::Some(value) = self
            .pay_item
            .as_ref()
            .filter(|value| !::gamechannel::WireValue::is_empty_wire(*value))
        {
            out.push_str("&pay_item=");
            ::gamechannel::WireValue::write_wire(value, &mut out);
        }
        out.push_str("&pf=");
        ::gamechannel::WireValue::write_wire(&self.pf, &mut out);
        out.push_str("&ts=");
        ::gamechannel::WireValue::write_wire(&self.ts, &mut out);
        if let ::core::option::Option::Some(value) = self
            .user_ip
            .as_ref()
            .filter(|value| !::gamechannel::WireValue::is_empty_wire(*value))
        {
            out.push_str("&user_ip=");
            ::gamechannel::WireValue::write_wire(value, &mut out);
        }
        out.push_str("&zone_id=");
        ::gamechannel::WireValue::write_wire(&self.zone_id, &mut out);
        out.push_str("&org_loc=");
        ::gamechannel::WireValue::write_wire(path, &mut out);
        out.push_str("&method=POST&secret=");
        ::gamechannel::WireValue::write_wire(&credentials.app_key, &mut out);
        ::gamechannel::Signed::new(
            ::gamechannel::Algorithm::HmacSha256
                .sign(key, out.as_bytes(), ::gamechannel::Output::Hex),
            out,
        )
    }
    /// Computes `mp_sig` over this request's values.
    fn sign_mp_sig(
        &self,
        path: &str,
        credentials: &Credentials,
        signature_sig: &::gamechannel::Signed,
    ) -> ::core::option::Option<::gamechannel::Signed> {
        let credential_session_key = credentials.session_key.as_ref()?;
        let key = ::gamechannel::__private::KeyBytes::key_bytes(credential_session_key);
        let mut out = ::std::string::String::with_capacity(499);
        out.push_str("access_token=");
        ::gamechannel::WireValue::write_wire(&credentials.access_token, &mut out);
        out.push_str("&amt=");
        ::gamechannel::WireValue::write_wire(&self.amt, &mut out);
        if let ::core::option::Option::Some(value) = self
            .app_remark
            .as_ref()
            .filter(|value| !::gamechannel::WireValue::is_empty_wire(*value))
        {
            out.push_str("&app_remark=");
            ::gamechannel::WireValue::write_wire(value, &mut out);
        }
        out.push_str("&appid=");
        ::gamechannel::WireValue::write_wire(&self.appid, &mut out);
        out.push_str("&bill_no=");
        ::gamechannel::WireValue::write_wire(&self.bill_no, &mut out);
        out.push_str("&offer_id=");
        ::gamechannel::WireValue::write_wire(&self.offer_id, &mut out);
        out.push_str("&openid=");
        ::gamechannel::WireValue::write_wire(&self.openid, &mut out);
        if let ::core::option::Option::Some(value) = self
            .pay_item
            .as_ref()
            .filter(|value| !::gamechannel::WireValue::is_empty_wire(*value))
        {
            out.push_str("&pay_item=");
            ::gamechannel::WireValue::write_wire(value, &mut out);
        }
        out.push_str("&pf=");
        ::gamechannel::WireValue::write_wire(&self.pf, &mut out);
        out.push_str("&sig=");
        ::gamechannel::WireValue::write_wire(signature_sig, &mut out);
        out.push_str("&ts=");
        ::gamechannel::WireValue::write_wire(&self.ts, &mut out);
        if let ::core::option::Option::Some(value) = self
            .user_ip
            .as_ref()
            .filter(|value| !::gamechannel::WireValue::is_empty_wire(*value))
        {
            out.push_str("&user_ip=");
            ::gamechannel::WireValue::write_wire(value, &mut out);
        }
        out.push_str("&zone_id=");
        ::gamechannel::WireValue::write_wire(&self.zone_id, &mut out);
        out.push_str("&org_loc=");
        ::gamechannel::WireValue::write_wire(path, &mut out);
        out.push_str("&method=POST&session_key=");
        ::gamechannel::WireValue::write_wire(credential_session_key, &mut out);
        ::core::option::Option::Some(
            ::gamechannel::Signed::new(
                ::gamechannel::Algorithm::HmacSha256
                    .sign(key, out.as_bytes(), ::gamechannel::Output::Hex),
                out,
            ),
        )
    }
}
/// The answer of [`PayRequest`], envelope fields removed.
#[derive(Debug, Clone, PartialEq, ::gamechannel::__private::serde::Deserialize)]
#[serde(crate = "::gamechannel::__private::serde")]
pub struct PayResponse {
    /// Order number (订单号).
    #[serde(default, deserialize_with = "::gamechannel::__private::de::opt_text")]
    pub bill_no: ::core::option::Option<::std::string::String>,
    /// Balance after the deduction (扣款后的余额).
    #[serde(default, deserialize_with = "::gamechannel::__private::de::opt_int")]
    pub balance: ::core::option::Option<i64>,
    /// Part of the amount paid with gifted game currency (本次扣的赠送币的金额).
    #[serde(default, deserialize_with = "::gamechannel::__private::de::opt_int")]
    pub used_gen_amt: ::core::option::Option<i64>,
}
impl PayResponse {
    /// Decodes a response body: the envelope's error code becomes [`::gamechannel::Error::Api`].
    pub fn decode(
        body: &[u8],
    ) -> ::core::result::Result<Self, ::gamechannel::Error<ErrorCode>> {
        ::gamechannel::__private::envelope::decode(body, &ENVELOPE)
            .map_err(|e| e.map_code(ErrorCode::from_code))
    }
}
/// `midas.cancelPay`: Cancels a deduction made by `pay` (取消支付/撤销扣款) and returns the game currency to the user. Retrying with the same `bill_no` never refunds twice.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CancelPayRequest {
    /// The user's unique identifier (用户唯一标识符, openid) in this mini-game.
    pub openid: ::std::string::String,
    /// The mini-game's AppID (小程序 appId).
    pub appid: ::std::string::String,
    /// The `offer_id` assigned by Midas (米大师分配的offer_id).
    pub offer_id: ::std::string::String,
    /// UNIX timestamp in seconds (UNIX 时间戳,单位是秒).
    pub ts: i64,
    /// Game server zone ID (游戏服务器大区id), a string; `"1"` when the game has no zones. When the app supports roles, the role ID follows the zone ID joined by `_` (e.g. `2_role77`).
    pub zone_id: ::std::string::String,
    /// Platform (平台), e.g. `android` (安卓).
    pub pf: ::std::string::String,
    /// The user's public IP address (用户外网 IP). Not signed when not sent.
    pub user_ip: ::core::option::Option<::std::string::String>,
    /// Order number (订单号) of the `pay` deduction to cancel. At most 63 characters: digits, letters, `_` and `-`.
    pub bill_no: ::std::string::String,
    /// Item of the deduction (道具名称).
    pub pay_item: ::core::option::Option<::std::string::String>,
}
impl CancelPayRequest {
    /// HTTP method.
    pub const METHOD: &'static str = "POST";
    /// Wire name of the field that makes a retry safe: the platform never applies the same value twice.
    pub const IDEMPOTENCY_KEY: ::core::option::Option<&'static str> = ::core::option::Option::Some(
        "bill_no",
    );
    /// Whether retrying cannot apply this request twice (read-only or idempotent).
    pub const RETRY_SAFE: bool = true;
    /// The path called in an environment (sandbox paths may differ).
    pub fn path(environment: Environment) -> &'static str {
        match environment {
            Environment::Production => "/cgi-bin/midas/cancelpay",
            Environment::Sandbox => "/cgi-bin/midas/sandbox/cancelpay",
        }
    }
    /// Checks every constraint of the spec, collecting all violations.
    pub fn validate(&self) -> ::core::result::Result<(), ::gamechannel::InvalidRequest> {
        let mut invalid = ::gamechannel::InvalidRequest::new();
        ::gamechannel::__private::check::required(&mut invalid, "openid", &self.openid);
        ::gamechannel::__private::check::required(&mut invalid, "appid", &self.appid);
        ::gamechannel::__private::check::required(
            &mut invalid,
            "offer_id",
            &self.offer_id,
        );
        ::gamechannel::__private::check::required(
            &mut invalid,
            "zone_id",
            &self.zone_id,
        );
        ::gamechannel::__private::check::required(&mut invalid, "pf", &self.pf);
        ::gamechannel::__private::check::required(
            &mut invalid,
            "bill_no",
            &self.bill_no,
        );
        {
            let value = &self.bill_no;
            ::gamechannel::__private::check::len(
                &mut invalid,
                "bill_no",
                value,
                ::core::option::Option::None,
                ::core::option::Option::Some(63),
            );
            static PATTERN: ::gamechannel::__private::LazyLock<
                ::core::option::Option<::gamechannel::__private::Regex>,
            > = ::gamechannel::__private::LazyLock::new(|| {
                ::gamechannel::__private::Regex::new("^[0-9A-Za-z_-]+$").ok()
            });
            match PATTERN.as_ref() {
                ::core::option::Option::Some(re) => {
                    ::gamechannel::__private::check::pattern(
                        &mut invalid,
                        "bill_no",
                        value,
                        re,
                    )
                }
                ::core::option::Option::None => {
                    invalid.push("bill_no", "has a pattern this build cannot check")
                }
            }
        }
        invalid.into_result()
    }
    /// Validates, signs and encodes the request for `environment`, without any I/O.
    pub fn prepare(
        &self,
        environment: Environment,
        credentials: &Credentials,
    ) -> ::core::result::Result<
        ::gamechannel::PreparedRequest,
        ::gamechannel::InvalidRequest,
    > {
        self.prepare_at(Self::path(environment), credentials)
    }
    /// Like [`Self::prepare`], for a custom path (a proxy, a mock, a path the spec does not list).
    pub fn prepare_at(
        &self,
        path: &str,
        credentials: &Credentials,
    ) -> ::core::result::Result<
        ::gamechannel::PreparedRequest,
        ::gamechannel::InvalidRequest,
    > {
        self.validate()?;
        let _ = credentials;
        let signatures = self.sign(path, credentials);
        let mut query = ::gamechannel::__private::PairWriter::new();
        query.pair("access_token", &credentials.access_token);
        let body = ::core::option::Option::Some({
            let mut body = ::gamechannel::__private::JsonWriter::new();
            body.text("openid", &self.openid);
            body.text("appid", &self.appid);
            body.text("offer_id", &self.offer_id);
            body.bare("ts", &self.ts);
            body.text("zone_id", &self.zone_id);
            body.text("pf", &self.pf);
            if let ::core::option::Option::Some(value) = self
                .user_ip
                .as_ref()
                .filter(|value| !::gamechannel::WireValue::is_empty_wire(*value))
            {
                body.text("user_ip", value);
            }
            body.text("bill_no", &self.bill_no);
            if let ::core::option::Option::Some(value) = self
                .pay_item
                .as_ref()
                .filter(|value| !::gamechannel::WireValue::is_empty_wire(*value))
            {
                body.text("pay_item", value);
            }
            body.text("sig", &signatures.sig);
            if let ::core::option::Option::Some(value) = signatures.mp_sig.as_ref() {
                body.text("mp_sig", value);
            }
            body.finish()
        });
        ::core::result::Result::Ok(::gamechannel::PreparedRequest {
            method: Self::METHOD,
            path_and_query: query.after_path(path),
            body,
            content_type: ::core::option::Option::Some("application/json"),
        })
    }
}
/// The signatures of one [`CancelPayRequest`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CancelPaySignatures {
    /// Every body parameter actually sent (not `sig`, `mp_sig` or `access_token`), sorted by name, joined `name=value` with `&`, raw values; then `&org_loc=<path called>&method=POST&secret=<AppKey>`. HMAC-SHA256 keyed by the AppKey, lowercase hex. In the sandbox `org_loc` is the sandbox path.
    pub sig: ::gamechannel::Signed,
    /// The same parameters plus `access_token` and the computed `sig`, sorted together by name; then `&org_loc=<path called>&method=POST&session_key=<session_key>`. HMAC-SHA256 keyed by the session key text, lowercase hex. Sent only when a session key is supplied.
    ///
    /// `None` when a credential it needs (session_key) is absent.
    pub mp_sig: ::core::option::Option<::gamechannel::Signed>,
}
impl CancelPayRequest {
    /// Computes every signature, over `path` (the path actually called: sandbox paths differ).
    pub fn sign(&self, path: &str, credentials: &Credentials) -> CancelPaySignatures {
        let _ = (path, credentials);
        let signature_sig = self.sign_sig(path, credentials);
        let signature_mp_sig = self.sign_mp_sig(path, credentials, &signature_sig);
        CancelPaySignatures {
            sig: signature_sig,
            mp_sig: signature_mp_sig,
        }
    }
    /// Computes `sig` over this request's values.
    fn sign_sig(&self, path: &str, credentials: &Credentials) -> ::gamechannel::Signed {
        let key = ::gamechannel::__private::KeyBytes::key_bytes(&credentials.app_key);
        let mut out = ::std::string::String::with_capacity(362);
        out.push_str("appid=");
        ::gamechannel::WireValue::write_wire(&self.appid, &mut out);
        out.push_str("&bill_no=");
        ::gamechannel::WireValue::write_wire(&self.bill_no, &mut out);
        out.push_str("&offer_id=");
        ::gamechannel::WireValue::write_wire(&self.offer_id, &mut out);
        out.push_str("&openid=");
        ::gamechannel::WireValue::write_wire(&self.openid, &mut out);
        if let ::core::option::Option::Some(value) = self
            .pay_item
            .as_ref()
            .filter(|value| !::gamechannel::WireValue::is_empty_wire(*value))
        {
            out.push_str("&pay_item=");
            ::gamechannel::WireValue::write_wire(value, &mut out);
        }
        out.push_str("&pf=");
        ::gamechannel::WireValue::write_wire(&self.pf, &mut out);
        out.push_str("&ts=");
        ::gamechannel::WireValue::write_wire(&self.ts, &mut out);
        if let ::core::option::Option::Some(value) = self
            .user_ip
            .as_ref()
            .filter(|value| !::gamechannel::WireValue::is_empty_wire(*value))
        {
            out.push_str("&user_ip=");
            ::gamechannel::WireValue::write_wire(value, &mut out);
        }
        out.push_str("&zone_id=");
        ::gamechannel::WireValue::write_wire(&self.zone_id, &mut out);
        out.push_str("&org_loc=");
        ::gamechannel::WireValue::write_wire(path, &mut out);
        out.push_str("&method=POST&secret=");
        ::gamechannel::WireValue::write_wire(&credentials.app_key, &mut out);
        ::gamechannel::Signed::new(
            ::gamechannel::Algorithm::HmacSha256
                .sign(key, out.as_bytes(), ::gamechannel::Output::Hex),
            out,
        )
    }
    /// Computes `mp_sig` over this request's values.
    fn sign_mp_sig(
        &self,
        path: &str,
        credentials: &Credentials,
        signature_sig: &::gamechannel::Signed,
    ) -> ::core::option::Option<::gamechannel::Signed> {
        let credential_session_key = credentials.session_key.as_ref()?;
        let key = ::gamechannel::__private::KeyBytes::key_bytes(credential_session_key);
        let mut out = ::std::string::String::with_capacity(434);
        out.push_str("access_token=");
        ::gamechannel::WireValue::write_wire(&credentials.access_token, &mut out);
        out.push_str("&appid=");
        ::gamechannel::WireValue::write_wire(&self.appid, &mut out);
        out.push_str("&bill_no=");
        ::gamechannel::WireValue::write_wire(&self.bill_no, &mut out);
        out.push_str("&offer_id=");
        ::gamechannel::WireValue::write_wire(&self.offer_id, &mut out);
        out.push_str("&openid=");
        ::gamechannel::WireValue::write_wire(&self.openid, &mut out);
        if let ::core::option::Option::Some(value) = self
            .pay_item
            .as_ref()
            .filter(|value| !::gamechannel::WireValue::is_empty_wire(*value))
        {
            out.push_str("&pay_item=");
            ::gamechannel::WireValue::write_wire(value, &mut out);
        }
        out.push_str("&pf=");
        ::gamechannel::WireValue::write_wire(&self.pf, &mut out);
        out.push_str("&sig=");
        ::gamechannel::WireValue::write_wire(signature_sig, &mut out);
        out.push_str("&ts=");
        ::gamechannel::WireValue::write_wire(&self.ts, &mut out);
        if let ::core::option::Option::Some(value) = self
            .user_ip
            .as_ref()
            .filter(|value| !::gamechannel::WireValue::is_empty_wire(*value))
        {
            out.push_str("&user_ip=");
            ::gamechannel::WireValue::write_wire(value, &mut out);
        }
        out.push_str("&zone_id=");
        ::gamechannel::WireValue::write_wire(&self.zone_id, &mut out);
        out.push_str("&org_loc=");
        ::gamechannel::WireValue::write_wire(path, &mut out);
        out.push_str("&method=POST&session_key=");
        ::gamechannel::WireValue::write_wire(credential_session_key, &mut out);
        ::core::option::Option::Some(
            ::gamechannel::Signed::new(
                ::gamechannel::Algorithm::HmacSha256
                    .sign(key, out.as_bytes(), ::gamechannel::Output::Hex),
                out,
            ),
        )
    }
}
/// The answer of [`CancelPayRequest`], envelope fields removed.
#[derive(Debug, Clone, PartialEq, ::gamechannel::__private::serde::Deserialize)]
#[serde(crate = "::gamechannel::__private::serde")]
pub struct CancelPayResponse {
    /// Order number of the cancelled deduction (订单号).
    #[serde(default, deserialize_with = "::gamechannel::__private::de::opt_text")]
    pub bill_no: ::core::option::Option<::std::string::String>,
}
impl CancelPayResponse {
    /// Decodes a response body: the envelope's error code becomes [`::gamechannel::Error::Api`].
    pub fn decode(
        body: &[u8],
    ) -> ::core::result::Result<Self, ::gamechannel::Error<ErrorCode>> {
        ::gamechannel::__private::envelope::decode(body, &ENVELOPE)
            .map_err(|e| e.map_code(ErrorCode::from_code))
    }
}
/// The spec's worked examples, reproduced by the generated code.
#[cfg(test)]
mod examples_tests {
    use super::*;
    /// official documentation example
    #[test]
    fn get_balance_official_getbalance() {
        let credentials = Credentials {
            app_key: ::gamechannel::Secret::new("zNLgAGgqsEWJOg1nFVaO5r7fAlIQxr1u"),
            session_key: ::core::option::Option::Some(
                ::gamechannel::Secret::new("V7Q38/i2KXaqrQyl2Yx9Hg=="),
            ),
            access_token: ::gamechannel::Secret::new("ACCESSTOKEN"),
        };
        let request = GetBalanceRequest {
            openid: ::std::borrow::ToOwned::to_owned("odkx20ENSNa2w5y3g_qOkOvBNM1g"),
            appid: ::std::borrow::ToOwned::to_owned("wx1234567"),
            offer_id: ::std::borrow::ToOwned::to_owned("12345678"),
            ts: 1507530737,
            zone_id: ::std::borrow::ToOwned::to_owned("1"),
            pf: ::std::borrow::ToOwned::to_owned("android"),
            user_ip: ::core::option::Option::None,
        };
        let signatures = request.sign("/cgi-bin/midas/getbalance", &credentials);
        let signed = &signatures.sig;
        assert_eq!(
            signed.string_to_sign(),
            "appid=wx1234567&offer_id=12345678&openid=odkx20ENSNa2w5y3g_qOkOvBNM1g&pf=android&ts=1507530737&zone_id=1&org_loc=/cgi-bin/midas/getbalance&method=POST&secret=zNLgAGgqsEWJOg1nFVaO5r7fAlIQxr1u"
        );
        assert_eq!(
            signed.value(),
            "1ad64e8dcb2ec1dc486b7fdf01f4a15159fc623dc3422470e51cf6870734726b"
        );
        let signed = signatures.mp_sig.as_ref().expect("mp_sig is computed");
        assert_eq!(
            signed.string_to_sign(),
            "access_token=ACCESSTOKEN&appid=wx1234567&offer_id=12345678&openid=odkx20ENSNa2w5y3g_qOkOvBNM1g&pf=android&sig=1ad64e8dcb2ec1dc486b7fdf01f4a15159fc623dc3422470e51cf6870734726b&ts=1507530737&zone_id=1&org_loc=/cgi-bin/midas/getbalance&method=POST&session_key=V7Q38/i2KXaqrQyl2Yx9Hg=="
        );
        assert_eq!(
            signed.value(),
            "ff4c5bb39dea1002a8f03be0438724e1a8bcea5ebce8f221f9b9fea3bcf3bf76"
        );
    }
    /// computed for this project
    #[test]
    fn get_balance_sandbox_getbalance_with_user_ip() {
        let credentials = Credentials {
            app_key: ::gamechannel::Secret::new("SandboxAppKey0123456789abcdefABCD"),
            session_key: ::core::option::Option::Some(
                ::gamechannel::Secret::new("k2Jm4Pq8Rt0Vx3Zb5Dd7Ff=="),
            ),
            access_token: ::gamechannel::Secret::new("TOKEN_abc123"),
        };
        let request = GetBalanceRequest {
            openid: ::std::borrow::ToOwned::to_owned("oUser_Test-01"),
            appid: ::std::borrow::ToOwned::to_owned("wxa1b2c3d4e5f6"),
            offer_id: ::std::borrow::ToOwned::to_owned("1450000001"),
            ts: 1763769600,
            zone_id: ::std::borrow::ToOwned::to_owned("1"),
            pf: ::std::borrow::ToOwned::to_owned("android"),
            user_ip: ::core::option::Option::Some(
                ::std::borrow::ToOwned::to_owned("203.0.113.7"),
            ),
        };
        let signatures = request.sign("/cgi-bin/midas/sandbox/getbalance", &credentials);
        let signed = &signatures.sig;
        assert_eq!(
            signed.string_to_sign(),
            "appid=wxa1b2c3d4e5f6&offer_id=1450000001&openid=oUser_Test-01&pf=android&ts=1763769600&user_ip=203.0.113.7&zone_id=1&org_loc=/cgi-bin/midas/sandbox/getbalance&method=POST&secret=SandboxAppKey0123456789abcdefABCD"
        );
        assert_eq!(
            signed.value(),
            "926b5d34f5df337d159b8a41fa7f73a042d0e04bfdf4be55944c1dfdb9070718"
        );
        let signed = signatures.mp_sig.as_ref().expect("mp_sig is computed");
        assert_eq!(
            signed.string_to_sign(),
            "access_token=TOKEN_abc123&appid=wxa1b2c3d4e5f6&offer_id=1450000001&openid=oUser_Test-01&pf=android&sig=926b5d34f5df337d159b8a41fa7f73a042d0e04bfdf4be55944c1dfdb9070718&ts=1763769600&user_ip=203.0.113.7&zone_id=1&org_loc=/cgi-bin/midas/sandbox/getbalance&method=POST&session_key=k2Jm4Pq8Rt0Vx3Zb5Dd7Ff=="
        );
        assert_eq!(
            signed.value(),
            "4fba6c6935f50c5b71d8068518a85a8e3aae397f4cf4f08b6013978b10246ae6"
        );
    }
    /// computed for this project
    #[test]
    fn present_production_present() {
        let credentials = Credentials {
            app_key: ::gamechannel::Secret::new("ProdAppKeyZYXWVUTSRQPONMLKJIHGFEDC"),
            session_key: ::core::option::Option::None,
            access_token: ::gamechannel::Secret::new(""),
        };
        let request = PresentRequest {
            openid: ::std::borrow::ToOwned::to_owned("oUser_Test-01"),
            appid: ::std::borrow::ToOwned::to_owned("wxa1b2c3d4e5f6"),
            offer_id: ::std::borrow::ToOwned::to_owned("1450000001"),
            ts: 1763769601,
            zone_id: ::std::borrow::ToOwned::to_owned("2_role77"),
            pf: ::std::borrow::ToOwned::to_owned("android"),
            user_ip: ::core::option::Option::None,
            bill_no: ::std::borrow::ToOwned::to_owned("gift-2026-11-21_0001"),
            present_counts: 60,
        };
        let signatures = request.sign("/cgi-bin/midas/present", &credentials);
        let signed = &signatures.sig;
        assert_eq!(
            signed.string_to_sign(),
            "appid=wxa1b2c3d4e5f6&bill_no=gift-2026-11-21_0001&offer_id=1450000001&openid=oUser_Test-01&pf=android&present_counts=60&ts=1763769601&zone_id=2_role77&org_loc=/cgi-bin/midas/present&method=POST&secret=ProdAppKeyZYXWVUTSRQPONMLKJIHGFEDC"
        );
        assert_eq!(
            signed.value(),
            "b7f46180d62857ec3f5523c8d34104660ccfa676e8591139630874c8c90a2b94"
        );
    }
}
::gamechannel::__client_items! {
    impl ::gamechannel::client::PlatformCode for ErrorCode {
        fn code(self) -> i64 {
            ErrorCode::code(self)
        }
        fn from_code(code: i64) -> Self {
            ErrorCode::from_code(code)
        }
        fn is_retryable(self) -> bool {
            ErrorCode::is_retryable(self)
        }
        fn is_token_error(self) -> bool {
            ErrorCode::is_token_error(self)
        }
    }
    /// The credentials that differ per player, for [`Client::for_user`]; secret values
    /// never show in `Debug`.
    #[derive(Debug, Clone)]
    pub struct UserCredentials {
        /// The player's `session_key`.
        pub session_key: ::core::option::Option<::gamechannel::Secret>,
    }
    /// Where a [`Client`] sends requests, with what credentials, and how patiently.
    ///
    /// `Debug` shows no secret.
    #[derive(Clone)]
    pub struct Config {
        /// An environment, or another base URL keeping an environment's paths (a mock).
        pub target: ::gamechannel::client::Target<Environment>,
        /// The credentials every request is signed with; with [`Config::tokens`] set, its token replaces `access_token` in each attempt; [`Client::for_user`] replaces the per-user ones.
        pub credentials: Credentials,
        /// Where `access_token` comes from, e.g. a [`::gamechannel::client::CachedTokens`] over [`AccessTokenSource`]: each attempt is signed with its current token, and a token the platform rejects is refreshed once per call. `None`: `credentials.access_token` is used as it is and never refreshed.
        pub tokens: ::core::option::Option<
            ::std::sync::Arc<dyn ::gamechannel::client::TokenProvider>,
        >,
        /// Attempts and backoff of retry-safe calls.
        pub retry: ::gamechannel::client::RetryPolicy,
        /// Bound of each attempt.
        pub timeout: ::core::time::Duration,
    }
    impl Config {
        /// A configuration with the default retry policy and timeout.
        pub fn new(
            target: impl ::core::convert::Into<::gamechannel::client::Target<Environment>>,
            credentials: Credentials,
        ) -> Self {
            Self {
                target: target.into(),
                credentials,
                tokens: ::core::option::Option::None,
                retry: ::gamechannel::client::RetryPolicy::default(),
                timeout: ::gamechannel::client::DEFAULT_TIMEOUT,
            }
        }
        /// Takes the token from `tokens` (see [`Config::tokens`]).
        pub fn with_tokens(
            mut self,
            tokens: ::std::sync::Arc<dyn ::gamechannel::client::TokenProvider>,
        ) -> Self {
            self.tokens = ::core::option::Option::Some(tokens);
            self
        }
    }
    impl ::core::fmt::Debug for Config {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            f.debug_struct("Config")
                .field("target", &self.target)
                .field("credentials", &self.credentials)
                .field("tokens", &self.tokens.as_ref().map(|_| "TokenProvider"))
                .field("retry", &self.retry)
                .field("timeout", &self.timeout)
                .finish()
        }
    }
    /// An async client of the platform: one method per endpoint, each validating, signing,
    /// sending, decoding and retrying as the [`Config`] says.
    ///
    /// Cheap to clone (shared configuration and transport); `Debug` shows no secret.
    #[derive(Clone)]
    pub struct Client {
        config: ::std::sync::Arc<Config>,
        transport: ::std::sync::Arc<dyn ::gamechannel::client::Transport>,
        user: ::core::option::Option<::std::sync::Arc<UserCredentials>>,
    }
    impl ::core::fmt::Debug for Client {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            f.debug_struct("Client")
                .field("config", &self.config)
                .field("user", &self.user)
                .finish_non_exhaustive()
        }
    }
    impl Client {
        /// A client sending through `transport` (a test double, a configured HTTP client).
        pub fn with_transport(
            config: Config,
            transport: impl ::gamechannel::client::Transport + 'static,
        ) -> Self {
            Self {
                config: ::std::sync::Arc::new(config),
                transport: ::std::sync::Arc::new(transport),
                user: ::core::option::Option::None,
            }
        }
        /// The configuration.
        pub fn config(&self) -> &Config {
            &self.config
        }
        /// This client for one player: calls are signed with `user`'s credentials instead of
        /// those in [`Config::credentials`]. Cheap: the configuration and transport are shared.
        pub fn for_user(&self, user: UserCredentials) -> Self {
            Self {
                user: ::core::option::Option::Some(::std::sync::Arc::new(user)),
                ..self.clone()
            }
        }
        /// The credentials of one attempt: configured ones, with the attempt's token and the
        /// player's credentials put in.
        fn credentials_for_attempt(
            &self,
            token: ::core::option::Option<&::gamechannel::Secret>,
        ) -> Credentials {
            let mut credentials = self.config.credentials.clone();
            if let ::core::option::Option::Some(token) = token {
                credentials.access_token = token.clone();
            }
            if let ::core::option::Option::Some(user) = &self.user {
                credentials.session_key = user.session_key.clone();
            }
            credentials
        }
        /// The engine of one call, with the token provider when the endpoint uses the token.
        fn engine_for_call<'a>(
            &'a self,
            tokens: ::core::option::Option<&'a dyn ::gamechannel::client::TokenProvider>,
        ) -> ::gamechannel::client::Engine<'a> {
            ::gamechannel::client::Engine {
                platform: PLATFORM,
                transport: &*self.transport,
                base_url: self.config.target.base_url(Environment::base_url),
                retry: self.config.retry,
                timeout: self.config.timeout,
                tokens,
            }
        }
        /// `auth.getStableAccessToken`: Gets the mini-game's interface call credential (获取稳定版接口调用凭据, `access_token`), valid for `expires_in` seconds. While a token is valid the same one is returned, so retrying is safe; `force_refresh: true` revokes it and issues a new one (limited per day). The token is the `access_token` credential of every Midas call.
        ///
        /// Sends a [`GetStableTokenRequest`]; transient failures are retried with the same request, as the [`Config::retry`] policy allows (retry-safe: read-only).
        pub async fn get_stable_token(
            &self,
            request: &GetStableTokenRequest,
        ) -> ::core::result::Result<
            GetStableTokenResponse,
            ::gamechannel::Error<ErrorCode>,
        > {
            request.validate()?;
            let path = GetStableTokenRequest::path(self.config.target.environment());
            self.engine_for_call(::core::option::Option::None)
                .call(
                    "get_stable_token",
                    GetStableTokenRequest::RETRY_SAFE,
                    |token| request.prepare_at(path, &self.credentials_for_attempt(token)),
                    GetStableTokenResponse::decode,
                )
                .await
        }
        /// `midas.getBalance`: Gets the user's game-currency balance (查询游戏币余额), including gifted currency.
        ///
        /// Sends a [`GetBalanceRequest`]; transient failures are retried with the same request, as the [`Config::retry`] policy allows (retry-safe: read-only). Signed with the token of [`Config::tokens`]; a rejected `access_token` is refreshed once and the request sent again.
        pub async fn get_balance(
            &self,
            request: &GetBalanceRequest,
        ) -> ::core::result::Result<GetBalanceResponse, ::gamechannel::Error<ErrorCode>> {
            request.validate()?;
            let path = GetBalanceRequest::path(self.config.target.environment());
            self.engine_for_call(self.config.tokens.as_deref())
                .call(
                    "get_balance",
                    GetBalanceRequest::RETRY_SAFE,
                    |token| request.prepare_at(path, &self.credentials_for_attempt(token)),
                    GetBalanceResponse::decode,
                )
                .await
        }
        /// `midas.present`: Gives game currency to a user (赠送游戏币). Retrying with the same `bill_no` never credits twice.
        ///
        /// Sends a [`PresentRequest`]; transient failures are retried with the same request, as the [`Config::retry`] policy allows (retry-safe: `bill_no` is never applied twice). Signed with the token of [`Config::tokens`]; a rejected `access_token` is refreshed once and the request sent again.
        pub async fn present(
            &self,
            request: &PresentRequest,
        ) -> ::core::result::Result<PresentResponse, ::gamechannel::Error<ErrorCode>> {
            request.validate()?;
            let path = PresentRequest::path(self.config.target.environment());
            self.engine_for_call(self.config.tokens.as_deref())
                .call(
                    "present",
                    PresentRequest::RETRY_SAFE,
                    |token| request.prepare_at(path, &self.credentials_for_attempt(token)),
                    PresentResponse::decode,
                )
                .await
        }
        /// `midas.pay`: Deducts game currency from a user's balance (扣除游戏币), e.g. to buy an item. Retrying with the same `bill_no` never charges twice.
        ///
        /// Sends a [`PayRequest`]; transient failures are retried with the same request, as the [`Config::retry`] policy allows (retry-safe: `bill_no` is never applied twice). Signed with the token of [`Config::tokens`]; a rejected `access_token` is refreshed once and the request sent again.
        pub async fn pay(
            &self,
            request: &PayRequest,
        ) -> ::core::result::Result<PayResponse, ::gamechannel::Error<ErrorCode>> {
            request.validate()?;
            let path = PayRequest::path(self.config.target.environment());
            self.engine_for_call(self.config.tokens.as_deref())
                .call(
                    "pay",
                    PayRequest::RETRY_SAFE,
                    |token| request.prepare_at(path, &self.credentials_for_attempt(token)),
                    PayResponse::decode,
                )
                .await
        }
        /// `midas.cancelPay`: Cancels a deduction made by `pay` (取消支付/撤销扣款) and returns the game currency to the user. Retrying with the same `bill_no` never refunds twice.
        ///
        /// Sends a [`CancelPayRequest`]; transient failures are retried with the same request, as the [`Config::retry`] policy allows (retry-safe: `bill_no` is never applied twice). Signed with the token of [`Config::tokens`]; a rejected `access_token` is refreshed once and the request sent again.
        pub async fn cancel_pay(
            &self,
            request: &CancelPayRequest,
        ) -> ::core::result::Result<CancelPayResponse, ::gamechannel::Error<ErrorCode>> {
            request.validate()?;
            let path = CancelPayRequest::path(self.config.target.environment());
            self.engine_for_call(self.config.tokens.as_deref())
                .call(
                    "cancel_pay",
                    CancelPayRequest::RETRY_SAFE,
                    |token| request.prepare_at(path, &self.credentials_for_attempt(token)),
                    CancelPayResponse::decode,
                )
                .await
        }
    }
    /// Fetches `access_token` by calling [`Client::get_stable_token`], for a [`::gamechannel::client::CachedTokens`] to cache and refresh:
    ///
    /// ```ignore
    /// let source = AccessTokenSource::new(client.clone(), GetStableTokenRequest { /* ... */ });
    /// let tokens = ::std::sync::Arc::new(::gamechannel::client::CachedTokens::new(source));
    /// let client = Client::with_transport(config.with_tokens(tokens), transport);
    /// ```
    #[derive(Debug, Clone)]
    pub struct AccessTokenSource {
        client: Client,
        request: GetStableTokenRequest,
    }
    impl AccessTokenSource {
        /// A source sending `request` through `client`; the client's own token provider
        /// is not asked, the issuing endpoint needs no token.
        pub fn new(client: Client, request: GetStableTokenRequest) -> Self {
            Self { client, request }
        }
    }
    impl ::gamechannel::client::TokenSource for AccessTokenSource {
        fn fetch(
            &self,
        ) -> ::gamechannel::client::BoxFuture<
            '_,
            ::core::result::Result<
                (::gamechannel::Secret, ::core::option::Option<::core::time::Duration>),
                ::gamechannel::client::TokenError,
            >,
        > {
            ::std::boxed::Box::pin(async move {
                let response = self
                    .client
                    .get_stable_token(&self.request)
                    .await
                    .map_err(|error| match error {
                        ::gamechannel::Error::Decode { reason, .. } => {
                            ::gamechannel::client::TokenError::new(reason)
                        }
                        ::gamechannel::Error::Api { code, message } => {
                            ::gamechannel::client::TokenError::platform(code.code(), message)
                        }
                        other => ::gamechannel::client::TokenError::new(other),
                    })?;
                let token = response.access_token;
                ::core::result::Result::Ok((
                    token,
                    ::core::option::Option::Some(
                        ::core::time::Duration::from_secs(
                            u64::try_from(response.expires_in).unwrap_or(0),
                        ),
                    ),
                ))
            })
        }
    }
}
::gamechannel::__reqwest_items! {
    impl Client {
        /// A client over a new [`::gamechannel::client::ReqwestTransport`]; fails only when
        /// the TLS backend cannot start.
        pub fn new(
            config: Config,
        ) -> ::core::result::Result<Self, ::gamechannel::client::TransportError> {
            ::core::result::Result::Ok(
                Self::with_transport(config, ::gamechannel::client::ReqwestTransport::new()?),
            )
        }
    }
}
