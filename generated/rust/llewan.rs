/// The platform's name in specs and on the command line.
pub const PLATFORM: &str = "llewan";
/// Where requests go; the first environment is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Environment {
    /// `production`: <https://exc.llewan.com>
    #[default]
    Production,
}
impl Environment {
    /// Every environment, in the spec's order.
    pub const ALL: [Environment; 1] = [Environment::Production];
    /// The environment's name in the spec.
    pub fn name(self) -> &'static str {
        match self {
            Self::Production => "production",
        }
    }
    /// Scheme and host, without a trailing slash.
    pub fn base_url(self) -> &'static str {
        match self {
            Self::Production => "https://exc.llewan.com",
        }
    }
}
/// What the platform gave you; secret values are [`::gamechannel::Secret`] and never printed.
#[derive(Debug, Clone)]
pub struct Credentials {
    /// Server signing secret (服务端签名秘钥) issued by llewan for the game.
    pub secret: ::gamechannel::Secret,
}
/// An error code the platform answers with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// The request failed (失败); `msg` says why, e.g. `param error` (参数错误: a request parameter is missing).
    Failed,
    /// A code the spec does not list.
    Other(i64),
}
impl ErrorCode {
    /// The variant for a numeric code.
    pub fn from_code(code: i64) -> Self {
        match code {
            -1 => Self::Failed,
            other => Self::Other(other),
        }
    }
    /// The numeric code.
    pub fn code(self) -> i64 {
        match self {
            Self::Failed => -1,
            Self::Other(code) => code,
        }
    }
    /// The spec's snake_case name (`other` for unlisted codes).
    pub fn name(self) -> &'static str {
        match self {
            Self::Failed => "failed",
            Self::Other(_) => "other",
        }
    }
    /// The spec's description (empty when it has none).
    pub fn doc(self) -> &'static str {
        match self {
            Self::Failed => {
                "The request failed (失败); `msg` says why, e.g. `param error` (参数错误: a request parameter is missing)."
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
        false
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
    code: "code",
    message: ::core::option::Option::Some("msg"),
    ok: 1,
    missing_is_ok: false,
};
/// `getUserOpenId`: Gets a user's `openid` (获取用户openId) from the llewan `uid`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GetUserOpenIdRequest {
    /// Game tag (游戏标识) assigned by llewan, e.g. `demo-weixin`.
    pub game: ::std::string::String,
    /// The user's llewan uid (用户uid).
    pub uid: ::std::string::String,
    /// UNIX timestamp in seconds (时间戳,单位:s).
    pub timestamp: i64,
}
impl GetUserOpenIdRequest {
    /// HTTP method.
    pub const METHOD: &'static str = "GET";
    /// Wire name of the field that makes a retry safe: the platform never applies the same value twice.
    pub const IDEMPOTENCY_KEY: ::core::option::Option<&'static str> = ::core::option::Option::None;
    /// Whether retrying cannot apply this request twice (read-only or idempotent).
    pub const RETRY_SAFE: bool = true;
    /// The path called in an environment (sandbox paths may differ).
    pub fn path(environment: Environment) -> &'static str {
        match environment {
            Environment::Production => "/v1/CPServer/getUserOpenId",
        }
    }
    /// Checks every constraint of the spec, collecting all violations.
    pub fn validate(&self) -> ::core::result::Result<(), ::gamechannel::InvalidRequest> {
        let mut invalid = ::gamechannel::InvalidRequest::new();
        ::gamechannel::__private::check::required(&mut invalid, "game", &self.game);
        ::gamechannel::__private::check::required(&mut invalid, "uid", &self.uid);
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
        query.pair("game", &self.game);
        query.pair("uid", &self.uid);
        query.pair("timestamp", &self.timestamp);
        query.pair("sign", &signatures.sign);
        let body = ::core::option::Option::None;
        ::core::result::Result::Ok(::gamechannel::PreparedRequest {
            method: Self::METHOD,
            path_and_query: query.after_path(path),
            body,
            content_type: ::core::option::Option::None,
        })
    }
}
/// The signatures of one [`GetUserOpenIdRequest`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetUserOpenIdSignatures {
    /// Every parameter but `sign`, sorted by name (ksort), joined `name=value` with `&`, then the secret appended with no separator; MD5, lowercase hex (PHP `getSign`).
    pub sign: ::gamechannel::Signed,
}
impl GetUserOpenIdRequest {
    /// Computes every signature, over `path` (the path actually called: sandbox paths differ).
    pub fn sign(
        &self,
        path: &str,
        credentials: &Credentials,
    ) -> GetUserOpenIdSignatures {
        let _ = (path, credentials);
        let signature_sign = self.sign_sign(credentials);
        GetUserOpenIdSignatures {
            sign: signature_sign,
        }
    }
    /// Computes `sign` over this request's values.
    fn sign_sign(&self, credentials: &Credentials) -> ::gamechannel::Signed {
        let key: &[u8] = &[];
        let mut out = ::std::string::String::with_capacity(117);
        out.push_str("game=");
        ::gamechannel::WireValue::write_wire(&self.game, &mut out);
        out.push_str("&timestamp=");
        ::gamechannel::WireValue::write_wire(&self.timestamp, &mut out);
        out.push_str("&uid=");
        ::gamechannel::WireValue::write_wire(&self.uid, &mut out);
        ::gamechannel::WireValue::write_wire(&credentials.secret, &mut out);
        ::gamechannel::Signed::new(
            ::gamechannel::Algorithm::Md5
                .sign(key, out.as_bytes(), ::gamechannel::Output::Hex),
            out,
        )
    }
}
/// The answer of [`GetUserOpenIdRequest`], envelope fields removed.
#[derive(Debug, Clone, PartialEq, ::gamechannel::__private::serde::Deserialize)]
#[serde(crate = "::gamechannel::__private::serde")]
pub struct GetUserOpenIdResponse {
    /// Response body (响应数据主体).
    #[serde(default)]
    pub d: ::core::option::Option<GetUserOpenIdResponseD>,
}
/// Response body (响应数据主体).
#[derive(
    Debug,
    Clone,
    PartialEq,
    Default,
    ::gamechannel::__private::serde::Serialize,
    ::gamechannel::__private::serde::Deserialize
)]
#[serde(crate = "::gamechannel::__private::serde")]
pub struct GetUserOpenIdResponseD {
    /// The user's `openid` (用户openid); present on success.
    #[serde(
        default,
        skip_serializing_if = "::core::option::Option::is_none",
        deserialize_with = "::gamechannel::__private::de::opt_text"
    )]
    pub openid: ::core::option::Option<::std::string::String>,
}
impl GetUserOpenIdResponseD {
    /// Checks the members' constraints, collecting every violation.
    pub fn validate(&self) -> ::core::result::Result<(), ::gamechannel::InvalidRequest> {
        ::core::result::Result::Ok(())
    }
}
impl GetUserOpenIdResponse {
    /// Decodes a response body: the envelope's error code becomes [`::gamechannel::Error::Api`].
    pub fn decode(
        body: &[u8],
    ) -> ::core::result::Result<Self, ::gamechannel::Error<ErrorCode>> {
        ::gamechannel::__private::envelope::decode(body, &ENVELOPE)
            .map_err(|e| e.map_code(ErrorCode::from_code))
    }
}
/// `礼包码下发`: Gift-code delivery (礼包码下发): llewan calls the game server's URL with a JSON `POST` asking it to grant the gift code `awardCode` (the gift-code ID the game gave llewan) to a role. Verify `sign` and the `timeStamp` replay window, grant the gift once per role and code, then answer.
#[derive(Debug, Clone, PartialEq)]
pub struct GiftCodeNotification {
    /// llewan game ID (游戏标识).
    pub game: ::std::string::String,
    /// The user's llewan uid (用户uid).
    pub uid: ::std::string::String,
    /// Role ID (角色ID) in the game.
    pub role_id: ::std::string::String,
    /// Server ID (区服ID) of the role.
    pub server_id: ::std::string::String,
    /// Gift-code ID (礼包码ID), as the game gave it to llewan.
    pub award_code: ::std::string::String,
    /// UNIX timestamp in seconds, 10 digits (时间戳).
    pub time_stamp: i64,
}
impl GiftCodeNotification {
    /// Verifies a callback from its JSON body exactly as received, then parses and checks its values.
    ///
    /// The signature is checked over the raw received values (`6.00` stays `6.00`), in constant time.
    /// Does not look at `timeStamp`: use [`Self::verify_within`] to refuse replays.
    pub fn verify(
        raw: &str,
        credentials: &Credentials,
    ) -> ::core::result::Result<Self, ::gamechannel::CallbackRejection> {
        let pairs = ::gamechannel::__private::RawPairs::from_json(raw)?;
        let received = GiftCodeReceived::from_pairs(raw, &pairs)?;
        received.check_signatures(credentials)?;
        Self::from_received(&received)
    }
    /// Like [`Self::verify`], and refuses a `timeStamp` outside `window` around `now_unix_secs` ([`::gamechannel::CallbackRejection::StaleTimestamp`]): a captured callback stays correctly signed, so only its age tells a replay apart.
    pub fn verify_within(
        raw: &str,
        credentials: &Credentials,
        now_unix_secs: u64,
        window: &::gamechannel::ReplayWindow,
    ) -> ::core::result::Result<Self, ::gamechannel::CallbackRejection> {
        let pairs = ::gamechannel::__private::RawPairs::from_json(raw)?;
        let received = GiftCodeReceived::from_pairs(raw, &pairs)?;
        received.check_signatures(credentials)?;
        window.check("timeStamp", received.time_stamp, now_unix_secs)?;
        Self::from_received(&received)
    }
    /// Like [`Self::verify_within`] with a window of `max_age_secs` back from `now_unix_secs`
    /// and the default clock-skew allowance ([`::gamechannel::ReplayWindow::DEFAULT`]) ahead.
    pub fn verify_at(
        raw: &str,
        credentials: &Credentials,
        now_unix_secs: u64,
        max_age_secs: u64,
    ) -> ::core::result::Result<Self, ::gamechannel::CallbackRejection> {
        let window = ::gamechannel::ReplayWindow {
            max_age: ::core::time::Duration::from_secs(max_age_secs),
            ..::gamechannel::ReplayWindow::DEFAULT
        };
        Self::verify_within(raw, credentials, now_unix_secs, &window)
    }
    fn from_received(
        received: &GiftCodeReceived<'_>,
    ) -> ::core::result::Result<Self, ::gamechannel::CallbackRejection> {
        let notification = Self {
            game: ::std::borrow::ToOwned::to_owned(received.game),
            uid: ::std::borrow::ToOwned::to_owned(received.uid),
            role_id: ::std::borrow::ToOwned::to_owned(received.role_id),
            server_id: ::std::borrow::ToOwned::to_owned(received.server_id),
            award_code: ::std::borrow::ToOwned::to_owned(received.award_code),
            time_stamp: ::gamechannel::__private::check::parse_int(
                "timeStamp",
                received.time_stamp,
            )?,
        };
        ::gamechannel::__private::check::callback_values(notification.validate())?;
        ::core::result::Result::Ok(notification)
    }
    /// Checks every constraint of the spec, collecting all violations.
    pub fn validate(&self) -> ::core::result::Result<(), ::gamechannel::InvalidRequest> {
        let mut invalid = ::gamechannel::InvalidRequest::new();
        ::gamechannel::__private::check::required(&mut invalid, "game", &self.game);
        ::gamechannel::__private::check::required(&mut invalid, "uid", &self.uid);
        ::gamechannel::__private::check::required(&mut invalid, "roleId", &self.role_id);
        ::gamechannel::__private::check::required(
            &mut invalid,
            "serverId",
            &self.server_id,
        );
        ::gamechannel::__private::check::required(
            &mut invalid,
            "awardCode",
            &self.award_code,
        );
        invalid.into_result()
    }
    /// The body that acknowledges the callback; the platform stops resending.
    /// Assumption: llewan's gift-code page does not show the reply, so the game answers in the platform's own envelope (`code` 1 success, -1 failure with the reason in `msg`).
    pub const SUCCESS_REPLY: &'static str = "{\"code\":1,\"msg\":\"success\"}";
    /// Content type of [`Self::SUCCESS_REPLY`] and [`Self::failure_reply`].
    pub const REPLY_CONTENT_TYPE: &'static str = "application/json";
    /// The body that refuses the callback, with `reason` filled in where the platform shows
    /// one; the platform resends later.
    pub fn failure_reply(reason: &str) -> ::std::string::String {
        let message = ::gamechannel::__private::json_escape(reason);
        let mut out = ::std::string::String::from("{\"code\":-1,\"msg\":\"");
        out.push_str(&message);
        out.push_str("\"}");
        out
    }
    /// Identifies this notification across the platform's resends, for [`::gamechannel::dedup::handle_once`]: `llewan/gift_code/` and then the spec's `dedup_key` (`uid`, `roleId`, `awardCode`), each percent-encoded (see [`::gamechannel::dedup::DedupKey`]).
    pub fn dedup_key(&self) -> ::std::string::String {
        ::gamechannel::dedup::DedupKey::new("llewan", "gift_code")
            .part(&self.uid)
            .part(&self.role_id)
            .part(&self.award_code)
            .finish()
    }
}
impl ::gamechannel::SignedCallback for GiftCodeNotification {
    type Credentials = Credentials;
    const PLATFORM: &'static str = "llewan";
    const ENDPOINT: &'static str = "gift_code";
    const FROM: ::gamechannel::RawFrom = ::gamechannel::RawFrom::Body;
    const TIMESTAMP_FIELD: ::core::option::Option<&'static str> = ::core::option::Option::Some(
        "timeStamp",
    );
    fn verify_with(
        raw: &str,
        credentials: &Credentials,
        window: ::core::option::Option<(u64, &::gamechannel::ReplayWindow)>,
    ) -> ::core::result::Result<Self, ::gamechannel::CallbackRejection> {
        match window {
            ::core::option::Option::Some((now, window)) => {
                GiftCodeNotification::verify_within(raw, credentials, now, window)
            }
            ::core::option::Option::None => {
                GiftCodeNotification::verify(raw, credentials)
            }
        }
    }
}
impl ::gamechannel::Callback for GiftCodeNotification {
    const SUCCESS_REPLY: &'static str = "{\"code\":1,\"msg\":\"success\"}";
    const REPLY_CONTENT_TYPE: &'static str = "application/json";
    fn failure_reply(reason: &str) -> ::std::string::String {
        GiftCodeNotification::failure_reply(reason)
    }
    fn dedup_key(&self) -> ::std::string::String {
        GiftCodeNotification::dedup_key(self)
    }
}
/// The received values, borrowed as they arrived: signatures are checked over these.
struct GiftCodeReceived<'a> {
    game: &'a str,
    uid: &'a str,
    role_id: &'a str,
    server_id: &'a str,
    award_code: &'a str,
    time_stamp: &'a str,
    sign: &'a str,
}
impl<'a> GiftCodeReceived<'a> {
    fn from_pairs(
        _raw: &'a str,
        pairs: &'a ::gamechannel::__private::RawPairs<'a>,
    ) -> ::core::result::Result<Self, ::gamechannel::CallbackRejection> {
        ::core::result::Result::Ok(Self {
            game: pairs.require("game")?,
            uid: pairs.require("uid")?,
            role_id: pairs.require("roleId")?,
            server_id: pairs.require("serverId")?,
            award_code: pairs.require("awardCode")?,
            time_stamp: pairs.require("timeStamp")?,
            sign: pairs.require("sign")?,
        })
    }
    fn check_signatures(
        &self,
        credentials: &Credentials,
    ) -> ::core::result::Result<(), ::gamechannel::CallbackRejection> {
        if !::gamechannel::__private::ct_eq(
            self.sign_sign(credentials).value(),
            self.sign,
        ) {
            return ::core::result::Result::Err(::gamechannel::CallbackRejection::BadSignature {
                signature: "sign",
            });
        }
        ::core::result::Result::Ok(())
    }
    /// Computes `sign` over the received values.
    fn sign_sign(&self, credentials: &Credentials) -> ::gamechannel::Signed {
        let key: &[u8] = &[];
        let mut out = ::std::string::String::with_capacity(218);
        out.push_str("awardCode=");
        ::gamechannel::WireValue::write_wire(self.award_code, &mut out);
        out.push_str("&game=");
        ::gamechannel::WireValue::write_wire(self.game, &mut out);
        out.push_str("&roleId=");
        ::gamechannel::WireValue::write_wire(self.role_id, &mut out);
        out.push_str("&serverId=");
        ::gamechannel::WireValue::write_wire(self.server_id, &mut out);
        out.push_str("&timeStamp=");
        ::gamechannel::WireValue::write_wire(self.time_stamp, &mut out);
        out.push_str("&uid=");
        ::gamechannel::WireValue::write_wire(self.uid, &mut out);
        ::gamechannel::WireValue::write_wire(&credentials.secret, &mut out);
        ::gamechannel::Signed::new(
            ::gamechannel::Algorithm::Md5
                .sign(key, out.as_bytes(), ::gamechannel::Output::Hex),
            out,
        )
    }
}
/// The spec's worked examples, reproduced by the generated code.
#[cfg(test)]
mod examples_tests {
    use super::*;
    /// computed for this project
    #[test]
    fn get_user_open_id_get_user_open_id() {
        let credentials = Credentials {
            secret: ::gamechannel::Secret::new("abc"),
        };
        let request = GetUserOpenIdRequest {
            game: ::std::borrow::ToOwned::to_owned("demo-weixin"),
            uid: ::std::borrow::ToOwned::to_owned("12_11_1"),
            timestamp: 1763769600,
        };
        let signatures = request.sign("/v1/CPServer/getUserOpenId", &credentials);
        let signed = &signatures.sign;
        assert_eq!(
            signed.string_to_sign(),
            "game=demo-weixin&timestamp=1763769600&uid=12_11_1abc"
        );
        assert_eq!(signed.value(), "8715f5029a00430f2f9b420fa789630f");
    }
    /// computed for this project
    #[test]
    fn gift_code_gift_code_delivery() {
        let credentials = Credentials {
            secret: ::gamechannel::Secret::new("abc"),
        };
        let raw = "{\"game\":\"demo-weixin\",\"uid\":\"12_11_1\",\"roleId\":\"10086\",\"serverId\":\"3\",\"awardCode\":\"GIFT2026A\",\"timeStamp\":1763769600,\"sign\":\"2b47813acc3cdad9f5460621c91c35fd\"}";
        let pairs = ::gamechannel::__private::RawPairs::from_json(raw).expect("decodes");
        let received = GiftCodeReceived::from_pairs(raw, &pairs)
            .expect("has every field");
        let signed = &received.sign_sign(&credentials);
        assert_eq!(
            signed.string_to_sign(),
            "awardCode=GIFT2026A&game=demo-weixin&roleId=10086&serverId=3&timeStamp=1763769600&uid=12_11_1abc"
        );
        assert_eq!(signed.value(), "2b47813acc3cdad9f5460621c91c35fd");
        GiftCodeNotification::verify(raw, &credentials).expect("verifies");
        let rejected = GiftCodeNotification::verify(
            "{\"game\":\"demo-weixin0\",\"uid\":\"12_11_1\",\"roleId\":\"10086\",\"serverId\":\"3\",\"awardCode\":\"GIFT2026A\",\"timeStamp\":1763769600,\"sign\":\"2b47813acc3cdad9f5460621c91c35fd\"}",
            &credentials,
        );
        assert!(
            matches!(rejected,
            ::core::result::Result::Err(::gamechannel::CallbackRejection::BadSignature {
            .. })), "{rejected:?}"
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
        /// `getUserOpenId`: Gets a user's `openid` (获取用户openId) from the llewan `uid`.
        ///
        /// Sends a [`GetUserOpenIdRequest`]; transient failures are retried with the same request, as the [`Config::retry`] policy allows (retry-safe: read-only).
        pub async fn get_user_open_id(
            &self,
            request: &GetUserOpenIdRequest,
        ) -> ::core::result::Result<GetUserOpenIdResponse, ::gamechannel::Error<ErrorCode>> {
            request.validate()?;
            let path = GetUserOpenIdRequest::path(self.config.target.environment());
            self.engine_for_call(::core::option::Option::None)
                .call(
                    "get_user_open_id",
                    GetUserOpenIdRequest::RETRY_SAFE,
                    |_token| request.prepare_at(path, &self.config.credentials),
                    GetUserOpenIdResponse::decode,
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
