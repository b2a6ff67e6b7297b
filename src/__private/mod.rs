//! Items only generated code uses. Not part of the public API: may change in any release.

pub mod check;
pub mod de;
pub mod envelope;
pub mod ser;
pub mod signing;

pub use std::sync::LazyLock;

pub use regex_lite::Regex;
pub use serde;
pub use serde_json;

pub use crate::callback::RawPairs;
pub use crate::request::{JsonWriter, PairWriter, json_escape};
pub use gamechannel_core::{Algorithm, Output, ct_eq, ct_eq_ignore_ascii_case};
pub use signing::KeyBytes;
