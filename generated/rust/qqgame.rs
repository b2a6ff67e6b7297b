/// The platform's name in specs and on the command line.
pub const PLATFORM: &str = "qqgame";
/// Where requests go; the first environment is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Environment {
    /// Live environment (正式环境).
    #[default]
    Production,
    /// Test host (测试环境) of Tencent OpenAPI v3; same paths and signing.
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
            Self::Production => "https://openapi.minigame.qq.com",
            Self::Sandbox => "https://api-sandbox.urlshare.cn",
        }
    }
}
/// What the platform gave you; secret values are [`::gamechannel::Secret`] and never printed.
#[derive(Debug, Clone)]
pub struct Credentials {
    /// The application's AppKey (appkey), issued with the `appid`; the HMAC key is the AppKey followed by `&`.
    pub app_key: ::gamechannel::Secret,
}
/// An error code the platform answers with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// Invalid `appid` (appid 无效).
    InvalidAppid,
    /// Invalid `openid` (openid 无效).
    InvalidOpenid,
    /// The `openkey` is not 32 bytes long (openkey 长度不是32字节).
    BadOpenkeyLength,
    /// Invalid `sig` (sig无效): check the AppKey, that the path and the parameter list were percent-encoded with uppercase hex, and that `sig` itself was percent-encoded in the URL.
    InvalidSig,
    /// Wrong token type (token type 不对).
    WrongTokenType,
    /// Error generating the signature (sig 生成错误).
    SigGenerationError,
    /// The authentication call failed (认证调用失败).
    AuthCallFailed,
    /// Authentication rejected the `appid` (认证 appid 不合法).
    AuthInvalidAppid,
    /// Authentication rejected the `openid` (认证 openid 不合法).
    AuthInvalidOpenid,
    /// Authentication rejected the `openkey` (认证 openkey 不合法); it may have expired.
    AuthInvalidOpenkey,
    /// Authentication of the `openid`/`openkey` pair failed (认证 openid/openkey 失败).
    AuthOpenidOpenkeyFailed,
    /// Authentication of the `sig` failed (认证 sig 失败).
    AuthSigFailed,
    /// Other authentication error (其他认证错误).
    AuthOtherError,
    /// Backend call error (后端调用错误), usually transient. Retried automatically only for read-only endpoints.
    BackendError,
    /// A code the spec does not list.
    Other(i64),
}
impl ErrorCode {
    /// The variant for a numeric code.
    pub fn from_code(code: i64) -> Self {
        match code {
            2000001 => Self::InvalidAppid,
            2000002 => Self::InvalidOpenid,
            2000003 => Self::BadOpenkeyLength,
            2000004 => Self::InvalidSig,
            2000005 => Self::WrongTokenType,
            2000006 => Self::SigGenerationError,
            2000007 => Self::AuthCallFailed,
            2000020 => Self::AuthInvalidAppid,
            2000021 => Self::AuthInvalidOpenid,
            2000022 => Self::AuthInvalidOpenkey,
            2000023 => Self::AuthOpenidOpenkeyFailed,
            2000024 => Self::AuthSigFailed,
            2000025 => Self::AuthOtherError,
            2000030 => Self::BackendError,
            other => Self::Other(other),
        }
    }
    /// The numeric code.
    pub fn code(self) -> i64 {
        match self {
            Self::InvalidAppid => 2000001,
            Self::InvalidOpenid => 2000002,
            Self::BadOpenkeyLength => 2000003,
            Self::InvalidSig => 2000004,
            Self::WrongTokenType => 2000005,
            Self::SigGenerationError => 2000006,
            Self::AuthCallFailed => 2000007,
            Self::AuthInvalidAppid => 2000020,
            Self::AuthInvalidOpenid => 2000021,
            Self::AuthInvalidOpenkey => 2000022,
            Self::AuthOpenidOpenkeyFailed => 2000023,
            Self::AuthSigFailed => 2000024,
            Self::AuthOtherError => 2000025,
            Self::BackendError => 2000030,
            Self::Other(code) => code,
        }
    }
    /// The spec's snake_case name (`other` for unlisted codes).
    pub fn name(self) -> &'static str {
        match self {
            Self::InvalidAppid => "invalid_appid",
            Self::InvalidOpenid => "invalid_openid",
            Self::BadOpenkeyLength => "bad_openkey_length",
            Self::InvalidSig => "invalid_sig",
            Self::WrongTokenType => "wrong_token_type",
            Self::SigGenerationError => "sig_generation_error",
            Self::AuthCallFailed => "auth_call_failed",
            Self::AuthInvalidAppid => "auth_invalid_appid",
            Self::AuthInvalidOpenid => "auth_invalid_openid",
            Self::AuthInvalidOpenkey => "auth_invalid_openkey",
            Self::AuthOpenidOpenkeyFailed => "auth_openid_openkey_failed",
            Self::AuthSigFailed => "auth_sig_failed",
            Self::AuthOtherError => "auth_other_error",
            Self::BackendError => "backend_error",
            Self::Other(_) => "other",
        }
    }
    /// The spec's description (empty when it has none).
    pub fn doc(self) -> &'static str {
        match self {
            Self::InvalidAppid => "Invalid `appid` (appid 无效).",
            Self::InvalidOpenid => "Invalid `openid` (openid 无效).",
            Self::BadOpenkeyLength => {
                "The `openkey` is not 32 bytes long (openkey 长度不是32字节)."
            }
            Self::InvalidSig => {
                "Invalid `sig` (sig无效): check the AppKey, that the path and the parameter list were percent-encoded with uppercase hex, and that `sig` itself was percent-encoded in the URL."
            }
            Self::WrongTokenType => "Wrong token type (token type 不对).",
            Self::SigGenerationError => {
                "Error generating the signature (sig 生成错误)."
            }
            Self::AuthCallFailed => {
                "The authentication call failed (认证调用失败)."
            }
            Self::AuthInvalidAppid => {
                "Authentication rejected the `appid` (认证 appid 不合法)."
            }
            Self::AuthInvalidOpenid => {
                "Authentication rejected the `openid` (认证 openid 不合法)."
            }
            Self::AuthInvalidOpenkey => {
                "Authentication rejected the `openkey` (认证 openkey 不合法); it may have expired."
            }
            Self::AuthOpenidOpenkeyFailed => {
                "Authentication of the `openid`/`openkey` pair failed (认证 openid/openkey 失败)."
            }
            Self::AuthSigFailed => {
                "Authentication of the `sig` failed (认证 sig 失败)."
            }
            Self::AuthOtherError => "Other authentication error (其他认证错误).",
            Self::BackendError => {
                "Backend call error (后端调用错误), usually transient. Retried automatically only for read-only endpoints."
            }
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
        matches!(self, Self::BackendError)
    }
}
impl ErrorCode {
    /// Whether the code says the access token was rejected (the spec's `when:
    /// token_expired` or `token_invalid`): refresh the token and send again.
    pub fn is_token_error(self) -> bool {
        false
    }
}
/// How every response of this platform says success or failure.
const ENVELOPE: ::gamechannel::__private::envelope::Envelope = ::gamechannel::__private::envelope::Envelope {
    code: "ret",
    message: ::core::option::Option::Some("msg"),
    ok: 0,
    missing_is_ok: false,
};
/// `/v3/user/get_dawanka_info`: Gets the logged-in user's 大玩咖 information (获取大玩咖相关信息): score, level, whether a super 大玩咖 has bound the user, and the remaining top-up bonus count (充值加赠剩余次数).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GetDawankaInfoRequest {
    /// The application's ID (应用的唯一ID, appid).
    pub appid: ::std::string::String,
    /// The user's ID in this application (用户的唯一标识, openid), from the login.
    pub openid: ::std::string::String,
    /// The user's session key (会话密钥, openkey) from the login; 32 bytes (error `2000003` otherwise).
    pub openkey: ::std::string::String,
    /// Platform the user came from (应用的来源平台); `qqgame` for the QQ game hall — the 大玩咖 endpoints accept only `qqgame`.
    pub pf: ::std::string::String,
    /// Response format (返回格式), `json`.
    pub format: ::core::option::Option<::std::string::String>,
    /// The user's IP address (用户的IP).
    pub userip: ::core::option::Option<::std::string::String>,
    /// Data version (版本): `2` returns v2 data, which adds the 潜力咖 and 准玩咖 levels; any other value or none returns v1 data (大玩咖 and 超级大玩咖 only).
    pub version: ::core::option::Option<i64>,
}
impl GetDawankaInfoRequest {
    /// HTTP method.
    pub const METHOD: &'static str = "GET";
    /// Wire name of the field that makes a retry safe: the platform never applies the same value twice.
    pub const IDEMPOTENCY_KEY: ::core::option::Option<&'static str> = ::core::option::Option::None;
    /// Whether retrying cannot apply this request twice (read-only or idempotent).
    pub const RETRY_SAFE: bool = true;
    /// The path called in an environment (sandbox paths may differ).
    pub fn path(environment: Environment) -> &'static str {
        match environment {
            Environment::Production => "/v3/user/get_dawanka_info",
            Environment::Sandbox => "/v3/user/get_dawanka_info",
        }
    }
    /// Checks every constraint of the spec, collecting all violations.
    pub fn validate(&self) -> ::core::result::Result<(), ::gamechannel::InvalidRequest> {
        let mut invalid = ::gamechannel::InvalidRequest::new();
        ::gamechannel::__private::check::required(&mut invalid, "appid", &self.appid);
        ::gamechannel::__private::check::required(&mut invalid, "openid", &self.openid);
        ::gamechannel::__private::check::required(
            &mut invalid,
            "openkey",
            &self.openkey,
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
        query.pair("appid", &self.appid);
        query.pair("openid", &self.openid);
        query.pair("openkey", &self.openkey);
        query.pair("pf", &self.pf);
        if let ::core::option::Option::Some(value) = self
            .format
            .as_ref()
            .filter(|value| !::gamechannel::WireValue::is_empty_wire(*value))
        {
            query.pair("format", value);
        }
        if let ::core::option::Option::Some(value) = self
            .userip
            .as_ref()
            .filter(|value| !::gamechannel::WireValue::is_empty_wire(*value))
        {
            query.pair("userip", value);
        }
        if let ::core::option::Option::Some(value) = self
            .version
            .as_ref()
            .filter(|value| !::gamechannel::WireValue::is_empty_wire(*value))
        {
            query.pair("version", value);
        }
        query.pair("sig", &signatures.sig);
        let body = ::core::option::Option::None;
        ::core::result::Result::Ok(::gamechannel::PreparedRequest {
            method: Self::METHOD,
            path_and_query: query.after_path(path),
            body,
            content_type: ::core::option::Option::None,
        })
    }
}
/// The signatures of one [`GetDawankaInfoRequest`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetDawankaInfoSignatures {
    /// Tencent OpenAPI v3 `sig`: every parameter but `sig`, sorted by name, joined `name=value` with `&` (raw values); the string is `GET&` + percent(path) + `&` + percent(list), percent-encoding with uppercase hex and only `A-Z a-z 0-9 - _ .` kept. HMAC-SHA1 keyed by `<appkey>&`, standard base64; the value is itself percent-encoded in the URL (`+` -> `%2B`, `/` -> `%2F`, `=` -> `%3D`).
    pub sig: ::gamechannel::Signed,
}
impl GetDawankaInfoRequest {
    /// Computes every signature, over `path` (the path actually called: sandbox paths differ).
    pub fn sign(
        &self,
        path: &str,
        credentials: &Credentials,
    ) -> GetDawankaInfoSignatures {
        let _ = (path, credentials);
        let signature_sig = self.sign_sig(path, credentials);
        GetDawankaInfoSignatures {
            sig: signature_sig,
        }
    }
    /// Computes `sig` over this request's values.
    fn sign_sig(&self, path: &str, credentials: &Credentials) -> ::gamechannel::Signed {
        let mut key = ::std::string::String::with_capacity(25);
        ::gamechannel::WireValue::write_wire(&credentials.app_key, &mut key);
        key.push('&');
        let key = ::gamechannel::Secret::new(key);
        let key = key.expose().as_bytes();
        let mut out = ::std::string::String::with_capacity(275);
        out.push_str("GET&");
        ::gamechannel::WireValue::write_wire_percent(path, &mut out);
        out.push_str("&appid%3D");
        ::gamechannel::WireValue::write_wire_percent(&self.appid, &mut out);
        if let ::core::option::Option::Some(value) = self
            .format
            .as_ref()
            .filter(|value| !::gamechannel::WireValue::is_empty_wire(*value))
        {
            out.push_str("%26format%3D");
            ::gamechannel::WireValue::write_wire_percent(value, &mut out);
        }
        out.push_str("%26openid%3D");
        ::gamechannel::WireValue::write_wire_percent(&self.openid, &mut out);
        out.push_str("%26openkey%3D");
        ::gamechannel::WireValue::write_wire_percent(&self.openkey, &mut out);
        out.push_str("%26pf%3D");
        ::gamechannel::WireValue::write_wire_percent(&self.pf, &mut out);
        if let ::core::option::Option::Some(value) = self
            .userip
            .as_ref()
            .filter(|value| !::gamechannel::WireValue::is_empty_wire(*value))
        {
            out.push_str("%26userip%3D");
            ::gamechannel::WireValue::write_wire_percent(value, &mut out);
        }
        if let ::core::option::Option::Some(value) = self
            .version
            .as_ref()
            .filter(|value| !::gamechannel::WireValue::is_empty_wire(*value))
        {
            out.push_str("%26version%3D");
            ::gamechannel::WireValue::write_wire_percent(value, &mut out);
        }
        ::gamechannel::Signed::new(
            ::gamechannel::Algorithm::HmacSha1
                .sign(key, out.as_bytes(), ::gamechannel::Output::Base64),
            out,
        )
    }
}
/// The answer of [`GetDawankaInfoRequest`], envelope fields removed.
#[derive(Debug, Clone, PartialEq, ::gamechannel::__private::serde::Deserialize)]
#[serde(crate = "::gamechannel::__private::serde")]
pub struct GetDawankaInfoResponse {
    /// 大玩咖 score (大玩咖分值).
    #[serde(default, deserialize_with = "::gamechannel::__private::de::opt_int")]
    pub score: ::core::option::Option<i64>,
    /// Level (等级): 0 not a 大玩咖 (非大玩咖), 1 大玩咖, 2 super 大玩咖 (超级大玩咖), 3 潜力咖, 4 准玩咖 (3 and 4 only with `version=2`).
    #[serde(default, deserialize_with = "::gamechannel::__private::de::opt_int")]
    pub level: ::core::option::Option<i64>,
    /// Bound by a super 大玩咖 and within the validity period (是否被超级大玩咖绑定且在有效期内).
    #[serde(default, deserialize_with = "::gamechannel::__private::de::opt_boolean")]
    pub binding: ::core::option::Option<bool>,
    /// Top-up rebate as a percentage (充值返利数量,百分比), e.g. `20` means 20%.
    #[serde(default, deserialize_with = "::gamechannel::__private::de::opt_int")]
    pub discount: ::core::option::Option<i64>,
    /// Remaining top-up bonus count (剩余付费加赠次数); `-1` means unlimited.
    #[serde(
        rename = "payReturnCount",
        default,
        deserialize_with = "::gamechannel::__private::de::opt_int"
    )]
    pub pay_return_count: ::core::option::Option<i64>,
    /// Whether a privilege trial card is in use (是否使用了特权体验卡).
    #[serde(
        rename = "isUsingCard",
        default,
        deserialize_with = "::gamechannel::__private::de::opt_boolean"
    )]
    pub is_using_card: ::core::option::Option<bool>,
    /// The user's real level when `isUsingCard` is true (玩家的实际等级).
    #[serde(
        rename = "realLevel",
        default,
        deserialize_with = "::gamechannel::__private::de::opt_int"
    )]
    pub real_level: ::core::option::Option<i64>,
    /// Expiry time of the privilege card in use, UNIX seconds (特权卡过期时间戳).
    #[serde(
        rename = "CardExpireTs",
        default,
        deserialize_with = "::gamechannel::__private::de::opt_int"
    )]
    pub card_expire_ts: ::core::option::Option<i64>,
}
impl GetDawankaInfoResponse {
    /// Decodes a response body: the envelope's error code becomes [`::gamechannel::Error::Api`].
    pub fn decode(
        body: &[u8],
    ) -> ::core::result::Result<Self, ::gamechannel::Error<ErrorCode>> {
        ::gamechannel::__private::envelope::decode(body, &ENVELOPE)
            .map_err(|e| e.map_code(ErrorCode::from_code))
    }
}
/// `/v3/user/report_dawanka_pay`: Reports that the user used a top-up bonus (上报使用付费加赠行为) after a successful top-up; each success decrements the user's remaining count by one. Check `payReturnCount` of `get_dawanka_info` first. Not retry-safe: the request carries no order number, so a retried success would use a second bonus.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReportDawankaPayRequest {
    /// The application's ID (应用的唯一ID, appid).
    pub appid: ::std::string::String,
    /// The user's ID in this application (用户的唯一标识, openid), from the login.
    pub openid: ::std::string::String,
    /// The user's session key (会话密钥, openkey) from the login; 32 bytes (error `2000003` otherwise).
    pub openkey: ::std::string::String,
    /// Platform the user came from (应用的来源平台); `qqgame` for the QQ game hall — the 大玩咖 endpoints accept only `qqgame`.
    pub pf: ::std::string::String,
    /// Response format (返回格式), `json`.
    pub format: ::core::option::Option<::std::string::String>,
    /// The user's IP address (用户的IP).
    pub userip: ::core::option::Option<::std::string::String>,
}
impl ReportDawankaPayRequest {
    /// HTTP method.
    pub const METHOD: &'static str = "GET";
    /// Wire name of the field that makes a retry safe: the platform never applies the same value twice.
    pub const IDEMPOTENCY_KEY: ::core::option::Option<&'static str> = ::core::option::Option::None;
    /// Whether retrying cannot apply this request twice (read-only or idempotent).
    pub const RETRY_SAFE: bool = false;
    /// The path called in an environment (sandbox paths may differ).
    pub fn path(environment: Environment) -> &'static str {
        match environment {
            Environment::Production => "/v3/user/report_dawanka_pay",
            Environment::Sandbox => "/v3/user/report_dawanka_pay",
        }
    }
    /// Checks every constraint of the spec, collecting all violations.
    pub fn validate(&self) -> ::core::result::Result<(), ::gamechannel::InvalidRequest> {
        let mut invalid = ::gamechannel::InvalidRequest::new();
        ::gamechannel::__private::check::required(&mut invalid, "appid", &self.appid);
        ::gamechannel::__private::check::required(&mut invalid, "openid", &self.openid);
        ::gamechannel::__private::check::required(
            &mut invalid,
            "openkey",
            &self.openkey,
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
        query.pair("appid", &self.appid);
        query.pair("openid", &self.openid);
        query.pair("openkey", &self.openkey);
        query.pair("pf", &self.pf);
        if let ::core::option::Option::Some(value) = self
            .format
            .as_ref()
            .filter(|value| !::gamechannel::WireValue::is_empty_wire(*value))
        {
            query.pair("format", value);
        }
        if let ::core::option::Option::Some(value) = self
            .userip
            .as_ref()
            .filter(|value| !::gamechannel::WireValue::is_empty_wire(*value))
        {
            query.pair("userip", value);
        }
        query.pair("sig", &signatures.sig);
        let body = ::core::option::Option::None;
        ::core::result::Result::Ok(::gamechannel::PreparedRequest {
            method: Self::METHOD,
            path_and_query: query.after_path(path),
            body,
            content_type: ::core::option::Option::None,
        })
    }
}
/// The signatures of one [`ReportDawankaPayRequest`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportDawankaPaySignatures {
    /// Tencent OpenAPI v3 `sig`: every parameter but `sig`, sorted by name, joined `name=value` with `&` (raw values); the string is `GET&` + percent(path) + `&` + percent(list), percent-encoding with uppercase hex and only `A-Z a-z 0-9 - _ .` kept. HMAC-SHA1 keyed by `<appkey>&`, standard base64; the value is itself percent-encoded in the URL (`+` -> `%2B`, `/` -> `%2F`, `=` -> `%3D`).
    pub sig: ::gamechannel::Signed,
}
impl ReportDawankaPayRequest {
    /// Computes every signature, over `path` (the path actually called: sandbox paths differ).
    pub fn sign(
        &self,
        path: &str,
        credentials: &Credentials,
    ) -> ReportDawankaPaySignatures {
        let _ = (path, credentials);
        let signature_sig = self.sign_sig(path, credentials);
        ReportDawankaPaySignatures {
            sig: signature_sig,
        }
    }
    /// Computes `sig` over this request's values.
    fn sign_sig(&self, path: &str, credentials: &Credentials) -> ::gamechannel::Signed {
        let mut key = ::std::string::String::with_capacity(25);
        ::gamechannel::WireValue::write_wire(&credentials.app_key, &mut key);
        key.push('&');
        let key = ::gamechannel::Secret::new(key);
        let key = key.expose().as_bytes();
        let mut out = ::std::string::String::with_capacity(238);
        out.push_str("GET&");
        ::gamechannel::WireValue::write_wire_percent(path, &mut out);
        out.push_str("&appid%3D");
        ::gamechannel::WireValue::write_wire_percent(&self.appid, &mut out);
        if let ::core::option::Option::Some(value) = self
            .format
            .as_ref()
            .filter(|value| !::gamechannel::WireValue::is_empty_wire(*value))
        {
            out.push_str("%26format%3D");
            ::gamechannel::WireValue::write_wire_percent(value, &mut out);
        }
        out.push_str("%26openid%3D");
        ::gamechannel::WireValue::write_wire_percent(&self.openid, &mut out);
        out.push_str("%26openkey%3D");
        ::gamechannel::WireValue::write_wire_percent(&self.openkey, &mut out);
        out.push_str("%26pf%3D");
        ::gamechannel::WireValue::write_wire_percent(&self.pf, &mut out);
        if let ::core::option::Option::Some(value) = self
            .userip
            .as_ref()
            .filter(|value| !::gamechannel::WireValue::is_empty_wire(*value))
        {
            out.push_str("%26userip%3D");
            ::gamechannel::WireValue::write_wire_percent(value, &mut out);
        }
        ::gamechannel::Signed::new(
            ::gamechannel::Algorithm::HmacSha1
                .sign(key, out.as_bytes(), ::gamechannel::Output::Base64),
            out,
        )
    }
}
/// The answer of [`ReportDawankaPayRequest`], envelope fields removed.
#[derive(Debug, Clone, PartialEq, ::gamechannel::__private::serde::Deserialize)]
#[serde(crate = "::gamechannel::__private::serde")]
pub struct ReportDawankaPayResponse {
    /// Bonuses used at the user's current level (玩家当前等级已用充值加赠次数).
    #[serde(
        rename = "use",
        default,
        deserialize_with = "::gamechannel::__private::de::opt_int"
    )]
    pub r#use: ::core::option::Option<i64>,
    /// Bonuses left at the user's current level (玩家当前等级剩余可用充值加赠次数).
    #[serde(default, deserialize_with = "::gamechannel::__private::de::opt_int")]
    pub left: ::core::option::Option<i64>,
}
impl ReportDawankaPayResponse {
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
    /// computed for this project
    #[test]
    fn get_dawanka_info_qqgame_v2() {
        let credentials = Credentials {
            app_key: ::gamechannel::Secret::new("AppKeyForQQGame_42"),
        };
        let request = GetDawankaInfoRequest {
            appid: ::std::borrow::ToOwned::to_owned("1110000001"),
            openid: ::std::borrow::ToOwned::to_owned("0123456789ABCDEF0123456789ABCDEF"),
            openkey: ::std::borrow::ToOwned::to_owned(
                "FEDCBA9876543210FEDCBA9876543210",
            ),
            pf: ::std::borrow::ToOwned::to_owned("qqgame"),
            format: ::core::option::Option::None,
            userip: ::core::option::Option::None,
            version: ::core::option::Option::Some(2),
        };
        let signatures = request.sign("/v3/user/get_dawanka_info", &credentials);
        let signed = &signatures.sig;
        assert_eq!(
            signed.string_to_sign(),
            "GET&%2Fv3%2Fuser%2Fget_dawanka_info&appid%3D1110000001%26openid%3D0123456789ABCDEF0123456789ABCDEF%26openkey%3DFEDCBA9876543210FEDCBA9876543210%26pf%3Dqqgame%26version%3D2"
        );
        assert_eq!(signed.value(), "1V8ZdQxMBx+uxfs+UVeKPpqhhAg=");
    }
    /// official documentation example
    #[test]
    fn get_dawanka_info_official_get_info_wiki() {
        let credentials = Credentials {
            app_key: ::gamechannel::Secret::new("228bf094169a40a3bd188ba37ebe8723"),
        };
        let request = GetDawankaInfoRequest {
            appid: ::std::borrow::ToOwned::to_owned("123456"),
            openid: ::std::borrow::ToOwned::to_owned("11111111111111111"),
            openkey: ::std::borrow::ToOwned::to_owned("2222222222222222"),
            pf: ::std::borrow::ToOwned::to_owned("qzone"),
            format: ::core::option::Option::Some(
                ::std::borrow::ToOwned::to_owned("json"),
            ),
            userip: ::core::option::Option::Some(
                ::std::borrow::ToOwned::to_owned("112.90.139.30"),
            ),
            version: ::core::option::Option::None,
        };
        let signatures = request.sign("/v3/user/get_info", &credentials);
        let signed = &signatures.sig;
        assert_eq!(
            signed.string_to_sign(),
            "GET&%2Fv3%2Fuser%2Fget_info&appid%3D123456%26format%3Djson%26openid%3D11111111111111111%26openkey%3D2222222222222222%26pf%3Dqzone%26userip%3D112.90.139.30"
        );
        assert_eq!(signed.value(), "FdJkiDYwMj5Aj1UG2RUPc83iokk=");
    }
    /// official documentation example
    #[test]
    fn get_dawanka_info_official_get_info_openqq() {
        let credentials = Credentials {
            app_key: ::gamechannel::Secret::new("228bf094169a40a3bd188ba37ebe8723"),
        };
        let request = GetDawankaInfoRequest {
            appid: ::std::borrow::ToOwned::to_owned("123456"),
            openid: ::std::borrow::ToOwned::to_owned("11111111111111111"),
            openkey: ::std::borrow::ToOwned::to_owned("2222222222222222"),
            pf: ::std::borrow::ToOwned::to_owned("qzone"),
            format: ::core::option::Option::Some(
                ::std::borrow::ToOwned::to_owned("json"),
            ),
            userip: ::core::option::Option::Some(
                ::std::borrow::ToOwned::to_owned("10.0.0.1"),
            ),
            version: ::core::option::Option::None,
        };
        let signatures = request.sign("/v3/user/get_info", &credentials);
        let signed = &signatures.sig;
        assert_eq!(
            signed.string_to_sign(),
            "GET&%2Fv3%2Fuser%2Fget_info&appid%3D123456%26format%3Djson%26openid%3D11111111111111111%26openkey%3D2222222222222222%26pf%3Dqzone%26userip%3D10.0.0.1"
        );
        assert_eq!(signed.value(), "o/nGo1QkVEiiN6Bqn/fRJtEJwLc=");
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
    /// Where a [`Client`] sends requests, with what credentials, and how patiently.
    ///
    /// `Debug` shows no secret.
    #[derive(Clone)]
    pub struct Config {
        /// An environment, or another base URL keeping an environment's paths (a mock).
        pub target: ::gamechannel::client::Target<Environment>,
        /// The credentials every request is signed with.
        pub credentials: Credentials,
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
                retry: ::gamechannel::client::RetryPolicy::default(),
                timeout: ::gamechannel::client::DEFAULT_TIMEOUT,
            }
        }
    }
    impl ::core::fmt::Debug for Config {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            f.debug_struct("Config")
                .field("target", &self.target)
                .field("credentials", &self.credentials)
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
    }
    impl ::core::fmt::Debug for Client {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            f.debug_struct("Client").field("config", &self.config).finish_non_exhaustive()
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
            }
        }
        /// The configuration.
        pub fn config(&self) -> &Config {
            &self.config
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
        /// `/v3/user/get_dawanka_info`: Gets the logged-in user's 大玩咖 information (获取大玩咖相关信息): score, level, whether a super 大玩咖 has bound the user, and the remaining top-up bonus count (充值加赠剩余次数).
        ///
        /// Sends a [`GetDawankaInfoRequest`]; transient failures are retried with the same request, as the [`Config::retry`] policy allows (retry-safe: read-only).
        pub async fn get_dawanka_info(
            &self,
            request: &GetDawankaInfoRequest,
        ) -> ::core::result::Result<
            GetDawankaInfoResponse,
            ::gamechannel::Error<ErrorCode>,
        > {
            request.validate()?;
            let path = GetDawankaInfoRequest::path(self.config.target.environment());
            self.engine_for_call(::core::option::Option::None)
                .call(
                    "get_dawanka_info",
                    GetDawankaInfoRequest::RETRY_SAFE,
                    |_token| request.prepare_at(path, &self.config.credentials),
                    GetDawankaInfoResponse::decode,
                )
                .await
        }
        /// `/v3/user/report_dawanka_pay`: Reports that the user used a top-up bonus (上报使用付费加赠行为) after a successful top-up; each success decrements the user's remaining count by one. Check `payReturnCount` of `get_dawanka_info` first. Not retry-safe: the request carries no order number, so a retried success would use a second bonus.
        ///
        /// Sends a [`ReportDawankaPayRequest`]; never retried automatically: not retry-safe.
        pub async fn report_dawanka_pay(
            &self,
            request: &ReportDawankaPayRequest,
        ) -> ::core::result::Result<
            ReportDawankaPayResponse,
            ::gamechannel::Error<ErrorCode>,
        > {
            request.validate()?;
            let path = ReportDawankaPayRequest::path(self.config.target.environment());
            self.engine_for_call(::core::option::Option::None)
                .call(
                    "report_dawanka_pay",
                    ReportDawankaPayRequest::RETRY_SAFE,
                    |_token| request.prepare_at(path, &self.config.credentials),
                    ReportDawankaPayResponse::decode,
                )
                .await
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
