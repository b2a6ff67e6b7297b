/// The platform's name in specs and on the command line.
pub const PLATFORM: &str = "wancms";
/// Where requests go; the first environment is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Environment {
    /// `production`: <https://h5.wancms.com>
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
            Self::Production => "https://h5.wancms.com",
        }
    }
}
/// What the platform gave you; secret values are [`::gamechannel::Secret`] and never printed.
#[derive(Debug, Clone)]
pub struct Credentials {
    /// Login key (login_key) issued by wancms for the game; signs the login redirect.
    pub login_key: ::gamechannel::Secret,
    /// Pay key (pay_key) issued by wancms for the game; signs the front-end pay payload and the pay notify. Never expose it to the browser (pay_key不直接暴露在前端).
    pub pay_key: ::gamechannel::Secret,
}
/// An error code the platform answers with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// A code the spec does not list.
    Other(i64),
}
impl ErrorCode {
    /// The variant for a numeric code.
    pub fn from_code(code: i64) -> Self {
        Self::Other(code)
    }
    /// The numeric code.
    pub fn code(self) -> i64 {
        match self {
            Self::Other(code) => code,
        }
    }
    /// The spec's snake_case name (`other` for unlisted codes).
    pub fn name(self) -> &'static str {
        match self {
            Self::Other(_) => "other",
        }
    }
    /// The spec's description (empty when it has none).
    pub fn doc(self) -> &'static str {
        match self {
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
/// `登录接口`: Login redirect (登录接口, 必接): wancms opens the game's login URL (游戏登录地址) in an iframe with a `GET` carrying the user's `open_id` and its `sign`. A valid `sign` proves that wancms logged the user in; the game binds `open_id` to its own account. The page then passes `open_id` and `channel` to `wancmssdk.init`.
#[derive(Debug, Clone, PartialEq)]
pub struct LoginNotification {
    /// The user's ID for this game (用户唯一识别ID, open_id); fixed for a given user and game.
    pub open_id: ::std::string::String,
    /// Channel tag (渠道标识) of the user; may be empty. Passed on to `wancmssdk.init`.
    pub channel: ::core::option::Option<::std::string::String>,
    /// Whether the user has favourited the game (是否收藏): `0` no (未收藏), `1` yes (已收藏). "Favourite" covers micro-client download, desktop shortcut, following the official account, depending on the client.
    pub is_favorite: ::core::option::Option<i64>,
}
impl LoginNotification {
    /// Verifies a callback from its query string (or form body) exactly as received, then parses and checks its values.
    ///
    /// The signature is checked over the raw received values (`6.00` stays `6.00`), in constant time.
    pub fn verify(
        raw: &str,
        credentials: &Credentials,
    ) -> ::core::result::Result<Self, ::gamechannel::CallbackRejection> {
        let pairs = ::gamechannel::__private::RawPairs::from_query(raw)?;
        let received = LoginReceived::from_pairs(raw, &pairs)?;
        received.check_signatures(credentials)?;
        Self::from_received(&received)
    }
    fn from_received(
        received: &LoginReceived<'_>,
    ) -> ::core::result::Result<Self, ::gamechannel::CallbackRejection> {
        let notification = Self {
            open_id: ::std::borrow::ToOwned::to_owned(received.open_id),
            channel: received.channel.map(::std::borrow::ToOwned::to_owned),
            is_favorite: received
                .is_favorite
                .map(|text| ::gamechannel::__private::check::parse_int(
                    "is_favorite",
                    text,
                ))
                .transpose()?,
        };
        ::gamechannel::__private::check::callback_values(notification.validate())?;
        ::core::result::Result::Ok(notification)
    }
    /// Checks every constraint of the spec, collecting all violations.
    pub fn validate(&self) -> ::core::result::Result<(), ::gamechannel::InvalidRequest> {
        let mut invalid = ::gamechannel::InvalidRequest::new();
        ::gamechannel::__private::check::required(
            &mut invalid,
            "open_id",
            &self.open_id,
        );
        if let ::core::option::Option::Some(value) = &self.is_favorite {
            ::gamechannel::__private::check::range(
                &mut invalid,
                "is_favorite",
                *value,
                ::core::option::Option::Some(0),
                ::core::option::Option::Some(1),
            );
        }
        invalid.into_result()
    }
}
impl ::gamechannel::SignedCallback for LoginNotification {
    type Credentials = Credentials;
    const PLATFORM: &'static str = "wancms";
    const ENDPOINT: &'static str = "login";
    const FROM: ::gamechannel::RawFrom = ::gamechannel::RawFrom::Query;
    const TIMESTAMP_FIELD: ::core::option::Option<&'static str> = ::core::option::Option::None;
    fn verify_with(
        raw: &str,
        credentials: &Credentials,
        window: ::core::option::Option<(u64, &::gamechannel::ReplayWindow)>,
    ) -> ::core::result::Result<Self, ::gamechannel::CallbackRejection> {
        let _ = window;
        LoginNotification::verify(raw, credentials)
    }
}
/// The received values, borrowed as they arrived: signatures are checked over these.
struct LoginReceived<'a> {
    open_id: &'a str,
    channel: ::core::option::Option<&'a str>,
    is_favorite: ::core::option::Option<&'a str>,
    sign: &'a str,
}
impl<'a> LoginReceived<'a> {
    fn from_pairs(
        _raw: &'a str,
        pairs: &'a ::gamechannel::__private::RawPairs<'a>,
    ) -> ::core::result::Result<Self, ::gamechannel::CallbackRejection> {
        ::core::result::Result::Ok(Self {
            open_id: pairs.require("open_id")?,
            channel: pairs.get("channel")?,
            is_favorite: pairs.get("is_favorite")?,
            sign: pairs.require("sign")?,
        })
    }
    fn check_signatures(
        &self,
        credentials: &Credentials,
    ) -> ::core::result::Result<(), ::gamechannel::CallbackRejection> {
        if !::gamechannel::__private::ct_eq(
            self.sign_login_sign(credentials).value(),
            self.sign,
        ) {
            return ::core::result::Result::Err(::gamechannel::CallbackRejection::BadSignature {
                signature: "login_sign",
            });
        }
        ::core::result::Result::Ok(())
    }
    /// Computes `login_sign` over the received values.
    fn sign_login_sign(&self, credentials: &Credentials) -> ::gamechannel::Signed {
        let key: &[u8] = &[];
        let mut out = ::std::string::String::with_capacity(61);
        out.push_str("open_id=");
        ::gamechannel::WireValue::write_wire(self.open_id, &mut out);
        out.push_str("&key=");
        ::gamechannel::WireValue::write_wire(&credentials.login_key, &mut out);
        ::gamechannel::Signed::new(
            ::gamechannel::Algorithm::Md5
                .sign(key, out.as_bytes(), ::gamechannel::Output::Hex),
            out,
        )
    }
}
/// `wancmssdk.init`: Initialises the SDK when the game loads (前端初始化, 必接), after including `h5sdk.js`. Returns nothing.
///
/// The page passes it to `wancmssdk.init`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct InitPayload {
    /// The game's application ID (应用id, app_id) issued by wancms.
    pub app_id: ::std::string::String,
    /// The user's `open_id`, as received by the login redirect (登录授权时传入).
    pub open_id: ::std::string::String,
    /// Channel tag (平台渠道标识), as received by the login redirect; may be empty.
    pub channel: ::core::option::Option<::std::string::String>,
}
impl InitPayload {
    /// The JS SDK function the page passes this payload to.
    pub const SDK_FUNCTION: &'static str = "wancmssdk.init";
    /// Checks every constraint of the spec, collecting all violations.
    pub fn validate(&self) -> ::core::result::Result<(), ::gamechannel::InvalidRequest> {
        let mut invalid = ::gamechannel::InvalidRequest::new();
        ::gamechannel::__private::check::required(&mut invalid, "app_id", &self.app_id);
        ::gamechannel::__private::check::required(
            &mut invalid,
            "open_id",
            &self.open_id,
        );
        invalid.into_result()
    }
    /// The JSON object the page passes to the SDK.
    pub fn to_json(&self) -> ::std::string::String {
        let mut json = ::gamechannel::__private::JsonWriter::new();
        json.text("app_id", &self.app_id);
        json.text("open_id", &self.open_id);
        if let ::core::option::Option::Some(value) = self.channel.as_ref() {
            json.text("channel", value);
        }
        json.finish()
    }
}
/// `wancmssdk.selectServer`: Reports the server the user chose (选择服务器接口, 必接). Returns nothing.
///
/// The page passes it to `wancmssdk.selectServer`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SelectServerPayload {
    /// The game's ID (游戏id, app_id).
    pub app_id: ::std::string::String,
    /// The user's `open_id`.
    pub open_id: ::std::string::String,
    /// Server ID (服务器id).
    pub server_id: ::std::string::String,
    /// Server name (服务器名称).
    pub server_name: ::std::string::String,
}
impl SelectServerPayload {
    /// The JS SDK function the page passes this payload to.
    pub const SDK_FUNCTION: &'static str = "wancmssdk.selectServer";
    /// Checks every constraint of the spec, collecting all violations.
    pub fn validate(&self) -> ::core::result::Result<(), ::gamechannel::InvalidRequest> {
        let mut invalid = ::gamechannel::InvalidRequest::new();
        ::gamechannel::__private::check::required(&mut invalid, "app_id", &self.app_id);
        ::gamechannel::__private::check::required(
            &mut invalid,
            "open_id",
            &self.open_id,
        );
        ::gamechannel::__private::check::required(
            &mut invalid,
            "server_id",
            &self.server_id,
        );
        ::gamechannel::__private::check::required(
            &mut invalid,
            "server_name",
            &self.server_name,
        );
        invalid.into_result()
    }
    /// The JSON object the page passes to the SDK.
    pub fn to_json(&self) -> ::std::string::String {
        let mut json = ::gamechannel::__private::JsonWriter::new();
        json.text("app_id", &self.app_id);
        json.text("open_id", &self.open_id);
        json.text("server_id", &self.server_id);
        json.text("server_name", &self.server_name);
        json.finish()
    }
}
/// `wancmssdk.createRole`: Reports a newly created role (角色创建接口, 必接). Returns nothing.
///
/// The page passes it to `wancmssdk.createRole`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CreateRolePayload {
    /// The game's ID (游戏id, app_id).
    pub app_id: ::std::string::String,
    /// The user's `open_id`.
    pub open_id: ::std::string::String,
    /// Server ID (服务器id).
    pub server_id: ::std::string::String,
    /// Server name (服务器名称).
    pub server_name: ::std::string::String,
    /// Role ID (角色id).
    pub role_id: ::std::string::String,
    /// Role nickname (角色昵称).
    pub role_name: ::std::string::String,
    /// Role level (角色等级), passed as text.
    pub role_level: ::std::string::String,
}
impl CreateRolePayload {
    /// The JS SDK function the page passes this payload to.
    pub const SDK_FUNCTION: &'static str = "wancmssdk.createRole";
    /// Checks every constraint of the spec, collecting all violations.
    pub fn validate(&self) -> ::core::result::Result<(), ::gamechannel::InvalidRequest> {
        let mut invalid = ::gamechannel::InvalidRequest::new();
        ::gamechannel::__private::check::required(&mut invalid, "app_id", &self.app_id);
        ::gamechannel::__private::check::required(
            &mut invalid,
            "open_id",
            &self.open_id,
        );
        ::gamechannel::__private::check::required(
            &mut invalid,
            "server_id",
            &self.server_id,
        );
        ::gamechannel::__private::check::required(
            &mut invalid,
            "server_name",
            &self.server_name,
        );
        ::gamechannel::__private::check::required(
            &mut invalid,
            "role_id",
            &self.role_id,
        );
        ::gamechannel::__private::check::required(
            &mut invalid,
            "role_name",
            &self.role_name,
        );
        ::gamechannel::__private::check::required(
            &mut invalid,
            "role_level",
            &self.role_level,
        );
        invalid.into_result()
    }
    /// The JSON object the page passes to the SDK.
    pub fn to_json(&self) -> ::std::string::String {
        let mut json = ::gamechannel::__private::JsonWriter::new();
        json.text("app_id", &self.app_id);
        json.text("open_id", &self.open_id);
        json.text("server_id", &self.server_id);
        json.text("server_name", &self.server_name);
        json.text("role_id", &self.role_id);
        json.text("role_name", &self.role_name);
        json.text("role_level", &self.role_level);
        json.finish()
    }
}
/// `wancmssdk.pay`: Opens the wancms payment (充值唤起, 必接). The game server builds and signs this payload (the `pay_key` never reaches the browser) and the page passes it to `wancmssdk.pay(paydata, function (code, msg) {...})`; the callback receives one of the result codes below. Delivery is confirmed only by `pay_notify`.
///
/// The page passes it to `wancmssdk.pay`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PayPayload {
    /// The game's ID (游戏id, app_id); sent but not signed.
    pub app_id: ::std::string::String,
    /// The user's `open_id`.
    pub open_id: ::std::string::String,
    /// The game's order number (游戏充值订单号), unique on the game side; returned in `pay_notify`.
    pub bill_no: ::std::string::String,
    /// Product name (商品名称).
    pub goods_name: ::std::string::String,
    /// Amount in yuanbao (充值元宝数), 1 RMB = 10 yuanbao; a whole number, at least 1 (the platform says "大于1,且不包含小数").
    pub total_fee: i64,
    /// Extra data (额外参数), returned unchanged in `pay_notify`. Always sent and always part of the signature, as `ext=` when empty.
    pub ext: ::std::string::String,
}
impl PayPayload {
    /// The JS SDK function the page passes this payload to.
    pub const SDK_FUNCTION: &'static str = "wancmssdk.pay";
    /// Checks every constraint of the spec, collecting all violations.
    pub fn validate(&self) -> ::core::result::Result<(), ::gamechannel::InvalidRequest> {
        let mut invalid = ::gamechannel::InvalidRequest::new();
        ::gamechannel::__private::check::required(&mut invalid, "app_id", &self.app_id);
        ::gamechannel::__private::check::required(
            &mut invalid,
            "open_id",
            &self.open_id,
        );
        ::gamechannel::__private::check::required(
            &mut invalid,
            "bill_no",
            &self.bill_no,
        );
        ::gamechannel::__private::check::required(
            &mut invalid,
            "goods_name",
            &self.goods_name,
        );
        {
            let value = &self.total_fee;
            ::gamechannel::__private::check::range(
                &mut invalid,
                "total_fee",
                *value,
                ::core::option::Option::Some(1),
                ::core::option::Option::None,
            );
        }
        invalid.into_result()
    }
    /// Validates and signs the payload; the JSON object the page passes to the SDK (every
    /// field plus the signature, never a key).
    pub fn signed_json(
        &self,
        credentials: &Credentials,
    ) -> ::core::result::Result<::std::string::String, ::gamechannel::InvalidRequest> {
        self.validate()?;
        let signatures = self.sign(credentials);
        let mut json = ::gamechannel::__private::JsonWriter::new();
        json.text("app_id", &self.app_id);
        json.text("open_id", &self.open_id);
        json.text("bill_no", &self.bill_no);
        json.text("goods_name", &self.goods_name);
        json.bare("total_fee", &self.total_fee);
        json.text("ext", &self.ext);
        json.text("sign", &signatures.pay_sign);
        ::core::result::Result::Ok(json.finish())
    }
}
/// The signatures of one [`PayPayload`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaySignatures {
    /// Every signed parameter plus the pseudo-parameter `secret_key=<pay_key>`, sorted by name, joined `name=value` with `&`, raw values, MD5 lowercase hex. For `pay`: `bill_no ext goods_name open_id secret_key total_fee` (`app_id` is sent but not signed); for `pay_notify`: `app_id bill_no ext open_id price secret_key status` (`orderid` is received but not signed). An empty `ext` is signed as `ext=`.
    pub pay_sign: ::gamechannel::Signed,
}
impl PayPayload {
    /// Computes every signature of the payload.
    pub fn sign(&self, credentials: &Credentials) -> PaySignatures {
        let path = "";
        let _ = (path, credentials);
        let signature_pay_sign = self.sign_pay_sign(credentials);
        PaySignatures {
            pay_sign: signature_pay_sign,
        }
    }
    /// Computes `pay_sign` over this request's values.
    fn sign_pay_sign(&self, credentials: &Credentials) -> ::gamechannel::Signed {
        let key: &[u8] = &[];
        let mut out = ::std::string::String::with_capacity(201);
        out.push_str("bill_no=");
        ::gamechannel::WireValue::write_wire(&self.bill_no, &mut out);
        out.push_str("&ext=");
        ::gamechannel::WireValue::write_wire(&self.ext, &mut out);
        out.push_str("&goods_name=");
        ::gamechannel::WireValue::write_wire(&self.goods_name, &mut out);
        out.push_str("&open_id=");
        ::gamechannel::WireValue::write_wire(&self.open_id, &mut out);
        out.push_str("&secret_key=");
        ::gamechannel::WireValue::write_wire(&credentials.pay_key, &mut out);
        out.push_str("&total_fee=");
        ::gamechannel::WireValue::write_wire(&self.total_fee, &mut out);
        ::gamechannel::Signed::new(
            ::gamechannel::Algorithm::Md5
                .sign(key, out.as_bytes(), ::gamechannel::Output::Hex),
            out,
        )
    }
}
/// A result code the SDK reports to the page after `pay`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PayResult {
    /// The user closed the payment (关闭支付).
    Closed,
    /// Payment succeeded (支付成功). Deliver only on a verified `pay_notify`.
    Paid,
    /// Payment failed (支付失败).
    Failed,
    /// The user cancelled the payment (取消支付).
    Cancelled,
    /// Bad payment parameters (支付参数错误), e.g. a wrong `sign`.
    BadParams,
    /// Wrong number of payment parameters (支付参数数量错误).
    WrongParamCount,
    /// A code the spec does not list.
    Other(i64),
}
impl PayResult {
    /// The variant for a numeric code.
    pub fn from_code(code: i64) -> Self {
        match code {
            5 => Self::Closed,
            6 => Self::Paid,
            7 => Self::Failed,
            8 => Self::Cancelled,
            9 => Self::BadParams,
            10 => Self::WrongParamCount,
            other => Self::Other(other),
        }
    }
    /// The numeric code.
    pub fn code(self) -> i64 {
        match self {
            Self::Closed => 5,
            Self::Paid => 6,
            Self::Failed => 7,
            Self::Cancelled => 8,
            Self::BadParams => 9,
            Self::WrongParamCount => 10,
            Self::Other(code) => code,
        }
    }
    /// The spec's snake_case name (`other` for unlisted codes).
    pub fn name(self) -> &'static str {
        match self {
            Self::Closed => "closed",
            Self::Paid => "paid",
            Self::Failed => "failed",
            Self::Cancelled => "cancelled",
            Self::BadParams => "bad_params",
            Self::WrongParamCount => "wrong_param_count",
            Self::Other(_) => "other",
        }
    }
    /// The spec's description (empty when it has none).
    pub fn doc(self) -> &'static str {
        match self {
            Self::Closed => "The user closed the payment (关闭支付).",
            Self::Paid => {
                "Payment succeeded (支付成功). Deliver only on a verified `pay_notify`."
            }
            Self::Failed => "Payment failed (支付失败).",
            Self::Cancelled => "The user cancelled the payment (取消支付).",
            Self::BadParams => {
                "Bad payment parameters (支付参数错误), e.g. a wrong `sign`."
            }
            Self::WrongParamCount => {
                "Wrong number of payment parameters (支付参数数量错误)."
            }
            Self::Other(_) => "",
        }
    }
}
impl ::core::fmt::Display for PayResult {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        write!(f, "{} ({})", self.name(), self.code())
    }
}
/// `充值异步回调通知`: Asynchronous pay notify (充值异步回调通知, 必接): after a payment the wancms server calls the game's notify URL (支付异步通知地址) with a `GET`. Verify `sign` over the raw received values (`price=6.00` stays `6.00`), deliver once per `bill_no` when `status` is `success`, then answer `success`; answer `fail` otherwise.
#[derive(Debug, Clone, PartialEq)]
pub struct PayNotifyNotification {
    /// The game's ID (游戏App_id).
    pub app_id: ::std::string::String,
    /// The user's `open_id`.
    pub open_id: ::std::string::String,
    /// The game's order number (充值订单号), as passed to `wancmssdk.pay`.
    pub bill_no: ::std::string::String,
    /// wancms's own order number (平台订单号); received but not signed.
    pub orderid: ::std::string::String,
    /// Extra data (额外参数) as passed to `wancmssdk.pay`; signed as `ext=` when empty.
    pub ext: ::core::option::Option<::std::string::String>,
    /// Amount paid in RMB with two decimals (充值RMB,带两位小数点), e.g. `6.00`.
    pub price: ::std::string::String,
    /// Payment status (充值状态).
    pub status: ::std::string::String,
}
impl PayNotifyNotification {
    /// Verifies a callback from its query string (or form body) exactly as received, then parses and checks its values.
    ///
    /// The signature is checked over the raw received values (`6.00` stays `6.00`), in constant time.
    pub fn verify(
        raw: &str,
        credentials: &Credentials,
    ) -> ::core::result::Result<Self, ::gamechannel::CallbackRejection> {
        let pairs = ::gamechannel::__private::RawPairs::from_query(raw)?;
        let received = PayNotifyReceived::from_pairs(raw, &pairs)?;
        received.check_signatures(credentials)?;
        Self::from_received(&received)
    }
    fn from_received(
        received: &PayNotifyReceived<'_>,
    ) -> ::core::result::Result<Self, ::gamechannel::CallbackRejection> {
        let notification = Self {
            app_id: ::std::borrow::ToOwned::to_owned(received.app_id),
            open_id: ::std::borrow::ToOwned::to_owned(received.open_id),
            bill_no: ::std::borrow::ToOwned::to_owned(received.bill_no),
            orderid: ::std::borrow::ToOwned::to_owned(received.orderid),
            ext: received.ext.map(::std::borrow::ToOwned::to_owned),
            price: ::std::borrow::ToOwned::to_owned(received.price),
            status: ::std::borrow::ToOwned::to_owned(received.status),
        };
        ::gamechannel::__private::check::callback_values(notification.validate())?;
        ::core::result::Result::Ok(notification)
    }
    /// Checks every constraint of the spec, collecting all violations.
    pub fn validate(&self) -> ::core::result::Result<(), ::gamechannel::InvalidRequest> {
        let mut invalid = ::gamechannel::InvalidRequest::new();
        ::gamechannel::__private::check::required(&mut invalid, "app_id", &self.app_id);
        ::gamechannel::__private::check::required(
            &mut invalid,
            "open_id",
            &self.open_id,
        );
        ::gamechannel::__private::check::required(
            &mut invalid,
            "bill_no",
            &self.bill_no,
        );
        ::gamechannel::__private::check::required(
            &mut invalid,
            "orderid",
            &self.orderid,
        );
        ::gamechannel::__private::check::required(&mut invalid, "price", &self.price);
        {
            let value = &self.price;
            static PATTERN: ::gamechannel::__private::LazyLock<
                ::core::option::Option<::gamechannel::__private::Regex>,
            > = ::gamechannel::__private::LazyLock::new(|| {
                ::gamechannel::__private::Regex::new("^[0-9]+\\.[0-9]{2}$").ok()
            });
            match PATTERN.as_ref() {
                ::core::option::Option::Some(re) => {
                    ::gamechannel::__private::check::pattern(
                        &mut invalid,
                        "price",
                        value,
                        re,
                    )
                }
                ::core::option::Option::None => {
                    invalid.push("price", "has a pattern this build cannot check")
                }
            }
        }
        ::gamechannel::__private::check::required(&mut invalid, "status", &self.status);
        {
            let value = &self.status;
            ::gamechannel::__private::check::one_of(
                &mut invalid,
                "status",
                value,
                &["success", "fail"],
            );
        }
        invalid.into_result()
    }
    /// The body that acknowledges the callback; the platform stops resending.
    /// `success`: notify received and processed by the game (异步通知成功,且游戏已进行处理); `fail`: notify failed (异步通知失败).
    pub const SUCCESS_REPLY: &'static str = "success";
    /// Content type of [`Self::SUCCESS_REPLY`] and [`Self::failure_reply`].
    pub const REPLY_CONTENT_TYPE: &'static str = "text/plain";
    /// The body that refuses the callback, with `reason` filled in where the platform shows
    /// one; the platform resends later.
    pub fn failure_reply(reason: &str) -> ::std::string::String {
        let _ = reason;
        ::std::borrow::ToOwned::to_owned("fail")
    }
    /// Identifies this notification across the platform's resends, for [`::gamechannel::dedup::handle_once`]: `wancms/pay_notify/` and then the spec's `dedup_key` (`bill_no`, `status`), each percent-encoded (see [`::gamechannel::dedup::DedupKey`]).
    pub fn dedup_key(&self) -> ::std::string::String {
        ::gamechannel::dedup::DedupKey::new("wancms", "pay_notify")
            .part(&self.bill_no)
            .part(&self.status)
            .finish()
    }
}
impl ::gamechannel::SignedCallback for PayNotifyNotification {
    type Credentials = Credentials;
    const PLATFORM: &'static str = "wancms";
    const ENDPOINT: &'static str = "pay_notify";
    const FROM: ::gamechannel::RawFrom = ::gamechannel::RawFrom::Query;
    const TIMESTAMP_FIELD: ::core::option::Option<&'static str> = ::core::option::Option::None;
    fn verify_with(
        raw: &str,
        credentials: &Credentials,
        window: ::core::option::Option<(u64, &::gamechannel::ReplayWindow)>,
    ) -> ::core::result::Result<Self, ::gamechannel::CallbackRejection> {
        let _ = window;
        PayNotifyNotification::verify(raw, credentials)
    }
}
impl ::gamechannel::Callback for PayNotifyNotification {
    const SUCCESS_REPLY: &'static str = "success";
    const REPLY_CONTENT_TYPE: &'static str = "text/plain";
    fn failure_reply(reason: &str) -> ::std::string::String {
        PayNotifyNotification::failure_reply(reason)
    }
    fn dedup_key(&self) -> ::std::string::String {
        PayNotifyNotification::dedup_key(self)
    }
}
/// The received values, borrowed as they arrived: signatures are checked over these.
struct PayNotifyReceived<'a> {
    app_id: &'a str,
    open_id: &'a str,
    bill_no: &'a str,
    orderid: &'a str,
    ext: ::core::option::Option<&'a str>,
    price: &'a str,
    status: &'a str,
    sign: &'a str,
}
impl<'a> PayNotifyReceived<'a> {
    fn from_pairs(
        _raw: &'a str,
        pairs: &'a ::gamechannel::__private::RawPairs<'a>,
    ) -> ::core::result::Result<Self, ::gamechannel::CallbackRejection> {
        ::core::result::Result::Ok(Self {
            app_id: pairs.require("app_id")?,
            open_id: pairs.require("open_id")?,
            bill_no: pairs.require("bill_no")?,
            orderid: pairs.require("orderid")?,
            ext: pairs.get("ext")?,
            price: pairs.require("price")?,
            status: pairs.require("status")?,
            sign: pairs.require("sign")?,
        })
    }
    fn check_signatures(
        &self,
        credentials: &Credentials,
    ) -> ::core::result::Result<(), ::gamechannel::CallbackRejection> {
        if !::gamechannel::__private::ct_eq(
            self.sign_pay_sign(credentials).value(),
            self.sign,
        ) {
            return ::core::result::Result::Err(::gamechannel::CallbackRejection::BadSignature {
                signature: "pay_sign",
            });
        }
        ::core::result::Result::Ok(())
    }
    /// Computes `pay_sign` over the received values.
    fn sign_pay_sign(&self, credentials: &Credentials) -> ::gamechannel::Signed {
        let key: &[u8] = &[];
        let mut out = ::std::string::String::with_capacity(225);
        out.push_str("app_id=");
        ::gamechannel::WireValue::write_wire(self.app_id, &mut out);
        out.push_str("&bill_no=");
        ::gamechannel::WireValue::write_wire(self.bill_no, &mut out);
        if let ::core::option::Option::Some(value) = self.ext {
            out.push_str("&ext=");
            ::gamechannel::WireValue::write_wire(value, &mut out);
        }
        out.push_str("&open_id=");
        ::gamechannel::WireValue::write_wire(self.open_id, &mut out);
        out.push_str("&price=");
        ::gamechannel::WireValue::write_wire(self.price, &mut out);
        out.push_str("&secret_key=");
        ::gamechannel::WireValue::write_wire(&credentials.pay_key, &mut out);
        out.push_str("&status=");
        ::gamechannel::WireValue::write_wire(self.status, &mut out);
        ::gamechannel::Signed::new(
            ::gamechannel::Algorithm::Md5
                .sign(key, out.as_bytes(), ::gamechannel::Output::Hex),
            out,
        )
    }
}
/// `wancmssdk.share`: Asks the platform to share the game (用户分享接口): `wancmssdk.share(shareData, function (code, msg) {...})`; code `101` means shared.
///
/// The page passes it to `wancmssdk.share`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SharePayload {
    /// The user's `open_id`.
    pub open_id: ::std::string::String,
}
impl SharePayload {
    /// The JS SDK function the page passes this payload to.
    pub const SDK_FUNCTION: &'static str = "wancmssdk.share";
    /// Checks every constraint of the spec, collecting all violations.
    pub fn validate(&self) -> ::core::result::Result<(), ::gamechannel::InvalidRequest> {
        let mut invalid = ::gamechannel::InvalidRequest::new();
        ::gamechannel::__private::check::required(
            &mut invalid,
            "open_id",
            &self.open_id,
        );
        invalid.into_result()
    }
    /// The JSON object the page passes to the SDK.
    pub fn to_json(&self) -> ::std::string::String {
        let mut json = ::gamechannel::__private::JsonWriter::new();
        json.text("open_id", &self.open_id);
        json.finish()
    }
}
/// A result code the SDK reports to the page after `share`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ShareResult {
    /// Shared successfully (分享成功); the `data` of the answer is empty.
    Shared,
    /// A code the spec does not list.
    Other(i64),
}
impl ShareResult {
    /// The variant for a numeric code.
    pub fn from_code(code: i64) -> Self {
        match code {
            101 => Self::Shared,
            other => Self::Other(other),
        }
    }
    /// The numeric code.
    pub fn code(self) -> i64 {
        match self {
            Self::Shared => 101,
            Self::Other(code) => code,
        }
    }
    /// The spec's snake_case name (`other` for unlisted codes).
    pub fn name(self) -> &'static str {
        match self {
            Self::Shared => "shared",
            Self::Other(_) => "other",
        }
    }
    /// The spec's description (empty when it has none).
    pub fn doc(self) -> &'static str {
        match self {
            Self::Shared => {
                "Shared successfully (分享成功); the `data` of the answer is empty."
            }
            Self::Other(_) => "",
        }
    }
}
impl ::core::fmt::Display for ShareResult {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        write!(f, "{} ({})", self.name(), self.code())
    }
}
/// `wancmssdk.favorite`: Asks the platform to "favourite" the game (用户收藏接口): depending on the client this means micro-client download, desktop shortcut or following the official account. `wancmssdk.favorite(favoriteData, function (code, msg) {...})`.
///
/// The page passes it to `wancmssdk.favorite`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FavoritePayload {
    /// The user's `open_id`.
    pub open_id: ::std::string::String,
}
impl FavoritePayload {
    /// The JS SDK function the page passes this payload to.
    pub const SDK_FUNCTION: &'static str = "wancmssdk.favorite";
    /// Checks every constraint of the spec, collecting all violations.
    pub fn validate(&self) -> ::core::result::Result<(), ::gamechannel::InvalidRequest> {
        let mut invalid = ::gamechannel::InvalidRequest::new();
        ::gamechannel::__private::check::required(
            &mut invalid,
            "open_id",
            &self.open_id,
        );
        invalid.into_result()
    }
    /// The JSON object the page passes to the SDK.
    pub fn to_json(&self) -> ::std::string::String {
        let mut json = ::gamechannel::__private::JsonWriter::new();
        json.text("open_id", &self.open_id);
        json.finish()
    }
}
/// The spec's worked examples, reproduced by the generated code.
#[cfg(test)]
mod examples_tests {
    use super::*;
    /// computed for this project
    #[test]
    fn login_login_redirect() {
        let credentials = Credentials {
            login_key: ::gamechannel::Secret::new("wancms-login-key-test"),
            pay_key: ::gamechannel::Secret::new(""),
        };
        let raw = "open_id=wc_open_9f8e7d&sign=0a95aa38d79fa7b5f4f9ff7af88d9bc2";
        let pairs = ::gamechannel::__private::RawPairs::from_query(raw)
            .expect("decodes");
        let received = LoginReceived::from_pairs(raw, &pairs).expect("has every field");
        let signed = &received.sign_login_sign(&credentials);
        assert_eq!(
            signed.string_to_sign(), "open_id=wc_open_9f8e7d&key=wancms-login-key-test"
        );
        assert_eq!(signed.value(), "0a95aa38d79fa7b5f4f9ff7af88d9bc2");
        LoginNotification::verify(raw, &credentials).expect("verifies");
        let rejected = LoginNotification::verify(
            "open_id=wc_open_9f8e7d0&sign=0a95aa38d79fa7b5f4f9ff7af88d9bc2",
            &credentials,
        );
        assert!(
            matches!(rejected,
            ::core::result::Result::Err(::gamechannel::CallbackRejection::BadSignature {
            .. })), "{rejected:?}"
        );
    }
    /// computed for this project
    #[test]
    fn pay_pay_payload() {
        let credentials = Credentials {
            login_key: ::gamechannel::Secret::new(""),
            pay_key: ::gamechannel::Secret::new("wancms-pay-key-test"),
        };
        let request = PayPayload {
            app_id: ::std::borrow::ToOwned::to_owned("game_1001"),
            open_id: ::std::borrow::ToOwned::to_owned("wc_open_9f8e7d"),
            bill_no: ::std::borrow::ToOwned::to_owned("B20261121001"),
            goods_name: ::std::borrow::ToOwned::to_owned("60元宝"),
            total_fee: 60,
            ext: ::std::borrow::ToOwned::to_owned("role=77;srv=3"),
        };
        let signatures = request.sign(&credentials);
        let signed = &signatures.pay_sign;
        assert_eq!(
            signed.string_to_sign(),
            "bill_no=B20261121001&ext=role=77;srv=3&goods_name=60元宝&open_id=wc_open_9f8e7d&secret_key=wancms-pay-key-test&total_fee=60"
        );
        assert_eq!(signed.value(), "f825440cf9b69312ac2dc1bb048ec017");
    }
    /// computed for this project
    #[test]
    fn pay_notify_pay_notify_success() {
        let credentials = Credentials {
            login_key: ::gamechannel::Secret::new(""),
            pay_key: ::gamechannel::Secret::new("wancms-pay-key-test"),
        };
        let raw = "app_id=game_1001&open_id=wc_open_9f8e7d&bill_no=B20261121001&orderid=WC202611210000123&ext=role%3D77%3Bsrv%3D3&price=6.00&status=success&sign=48c46a50d1eec1fae2590f0d288591f1";
        let pairs = ::gamechannel::__private::RawPairs::from_query(raw)
            .expect("decodes");
        let received = PayNotifyReceived::from_pairs(raw, &pairs)
            .expect("has every field");
        let signed = &received.sign_pay_sign(&credentials);
        assert_eq!(
            signed.string_to_sign(),
            "app_id=game_1001&bill_no=B20261121001&ext=role=77;srv=3&open_id=wc_open_9f8e7d&price=6.00&secret_key=wancms-pay-key-test&status=success"
        );
        assert_eq!(signed.value(), "48c46a50d1eec1fae2590f0d288591f1");
        PayNotifyNotification::verify(raw, &credentials).expect("verifies");
        let rejected = PayNotifyNotification::verify(
            "app_id=game_10010&open_id=wc_open_9f8e7d&bill_no=B20261121001&orderid=WC202611210000123&ext=role%3D77%3Bsrv%3D3&price=6.00&status=success&sign=48c46a50d1eec1fae2590f0d288591f1",
            &credentials,
        );
        assert!(
            matches!(rejected,
            ::core::result::Result::Err(::gamechannel::CallbackRejection::BadSignature {
            .. })), "{rejected:?}"
        );
    }
}
