//! What every generated module imports (`use ::gamechannel::__private::prelude::*;`), so that
//! its code names the runtime briefly.
//!
//! Generated modules import it with a glob, which their own items take precedence over. The
//! type names a spec chooses are an endpoint's name followed by a kind (`PresentRequest`,
//! `PayNotifyNotification`), so none is a single word like the items here; the fixed ones
//! (`Config`, `Client`, ...) are the platform's versions of the generic items.

pub use super::check::{
    Checks, Pattern, callback_values, check_received, parse_bool, parse_int, parse_json,
};
pub use super::envelope::{Envelope, Fields};
pub use super::outgoing::{Encoding, RequestWriter};
pub use super::signing::{JsonText, KeyBytes, ToSign};
pub use super::{de, failure_reply, ser, verify_at};
pub use crate::callback::{
    Callback, CallbackRejection, RawFrom, RawPairs, RawRequest, ReplayWindow, SignedCallback,
};
pub use crate::dedup::DedupKey;
pub use crate::push::{BodyFormat, xml_failure_reply};
pub use crate::received::{FormValues, required};
pub use crate::request::JsonWriter;
pub use crate::{Error, InvalidRequest, PreparedRequest, Secret, Signed};
pub use core::fmt;
pub use core::time::Duration;
pub use gamechannel_core::rules::{Rules, WireType};
pub use gamechannel_core::{
    Algorithm, KeyError, Output, Signer, Transform, WireValue, apply_all, ct_eq,
    ct_eq_ignore_ascii_case, non_empty, wire_text, write_by_value, write_value_through,
};
pub use serde::{Deserialize, Serialize};

#[cfg(feature = "client")]
pub use crate::client::{Call, Config, Platform, PlatformClient, Target, TokenProvider, Transport};
#[cfg(feature = "reqwest")]
pub use crate::client::{ReqwestTransport, TransportError};
