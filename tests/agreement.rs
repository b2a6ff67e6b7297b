//! The generated code and the spec interpreter agree: for every signing endpoint of every
//! seed spec, random values (empty, absent, unicode, reserved characters) give the same
//! strings-to-sign and signatures, and the same verdict on callbacks.

// Shared with other crates' agreement tests; each uses a different part of it.
#[allow(dead_code)]
mod agreement_support;

use agreement_support as support;

include!(concat!(env!("OUT_DIR"), "/gamechannel_agreement.rs"));
