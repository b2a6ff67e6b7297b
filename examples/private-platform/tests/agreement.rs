//! The generated code of the private spec agrees with the spec interpreter on random values.

// Shared with the seed specs' agreement test; each crate uses a different part of it.
#[allow(dead_code)]
#[path = "../../../tests/agreement_support/mod.rs"]
mod agreement_support;

use agreement_support as support;

include!(concat!(env!("OUT_DIR"), "/gamechannel_agreement.rs"));
