//! Digest and HMAC algorithms, and how their output is encoded.

use base64::Engine as _;
use hmac::{Hmac, Mac};
use md5::Md5;
use sha1::Sha1;
use sha2::{Digest, Sha256};

use crate::compare::{ct_eq, ct_eq_ignore_ascii_case};
use crate::encoding::hex_lower_into;
pub use crate::rsa_sig::KeyError;
use crate::rsa_sig::{self, RsaDigest};

/// A hash or HMAC algorithm a platform uses for its signatures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Algorithm {
    /// Plain MD5 (the key, if any, is part of the message).
    Md5,
    /// Plain SHA-1.
    Sha1,
    /// Plain SHA-256.
    Sha256,
    /// HMAC with MD5.
    HmacMd5,
    /// HMAC with SHA-1 (Tencent OpenAPI v3).
    HmacSha1,
    /// HMAC with SHA-256 (WeChat Midas).
    HmacSha256,
    /// RSA PKCS#1 v1.5 over SHA-1 (SHA1withRSA, OPPO): signed with a private key, verified
    /// with the public one.
    RsaSha1,
    /// RSA PKCS#1 v1.5 over SHA-256 (SHA256withRSA, Huawei).
    RsaSha256,
}

impl Algorithm {
    /// Every algorithm, in declaration order.
    pub const ALL: [Algorithm; 8] = [
        Algorithm::Md5,
        Algorithm::Sha1,
        Algorithm::Sha256,
        Algorithm::HmacMd5,
        Algorithm::HmacSha1,
        Algorithm::HmacSha256,
        Algorithm::RsaSha1,
        Algorithm::RsaSha256,
    ];

    /// Whether the algorithm takes a key (HMAC) rather than hashing the message alone.
    pub fn is_hmac(self) -> bool {
        matches!(
            self,
            Algorithm::HmacMd5 | Algorithm::HmacSha1 | Algorithm::HmacSha256
        )
    }

    /// Whether the algorithm is asymmetric: its key is an RSA key, a signature is checked
    /// with the public key rather than recomputed, and a bad key is an error.
    pub fn is_asymmetric(self) -> bool {
        matches!(self, Algorithm::RsaSha1 | Algorithm::RsaSha256)
    }

    /// Whether the algorithm takes a key at all.
    pub fn takes_key(self) -> bool {
        self.is_hmac() || self.is_asymmetric()
    }

    /// The name used in YAML specs, e.g. `"hmac_sha256"`.
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Md5 => "md5",
            Algorithm::Sha1 => "sha1",
            Algorithm::Sha256 => "sha256",
            Algorithm::HmacMd5 => "hmac_md5",
            Algorithm::HmacSha1 => "hmac_sha1",
            Algorithm::HmacSha256 => "hmac_sha256",
            Algorithm::RsaSha1 => "rsa_sha1",
            Algorithm::RsaSha256 => "rsa_sha256",
        }
    }

    /// Every name, in declaration order (for messages listing what is allowed).
    pub const NAMES: [&'static str; 8] = [
        "md5",
        "sha1",
        "sha256",
        "hmac_md5",
        "hmac_sha1",
        "hmac_sha256",
        "rsa_sha1",
        "rsa_sha256",
    ];

    /// What the algorithm computes, in the words of the spec reference.
    pub fn description(self) -> &'static str {
        match self {
            Algorithm::Md5 => "MD5 of the string.",
            Algorithm::Sha1 => "SHA-1 of the string.",
            Algorithm::Sha256 => "SHA-256 of the string.",
            Algorithm::HmacMd5 => "HMAC-MD5 keyed by `key`.",
            Algorithm::HmacSha1 => "HMAC-SHA1 keyed by `key`.",
            Algorithm::HmacSha256 => "HMAC-SHA256 keyed by `key`.",
            Algorithm::RsaSha1 => {
                "RSA PKCS#1 v1.5 with SHA-1 (SHA1withRSA): `key` is a private key to sign, a public key to verify (PEM or base64 DER); output `base64`."
            }
            Algorithm::RsaSha256 => {
                "RSA PKCS#1 v1.5 with SHA-256 (SHA256withRSA): `key` is a private key to sign, a public key to verify (PEM or base64 DER); output `base64`."
            }
        }
    }

    /// Parse a spec name produced by [`Algorithm::name`]; exact match only.
    pub fn from_name(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.name() == s)
    }
}

/// How a digest is turned into text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Output {
    /// Lowercase hexadecimal.
    Hex,
    /// Uppercase hexadecimal.
    HexUpper,
    /// Standard base64 alphabet with `=` padding.
    Base64,
}

impl Output {
    /// Every output encoding, in declaration order.
    pub const ALL: [Output; 3] = [Output::Hex, Output::HexUpper, Output::Base64];

    /// The name used in YAML specs: `"hex"`, `"HEX"` or `"base64"`.
    pub fn name(self) -> &'static str {
        match self {
            Output::Hex => "hex",
            Output::HexUpper => "HEX",
            Output::Base64 => "base64",
        }
    }

    /// Every name, in declaration order.
    pub const NAMES: [&'static str; 3] = ["hex", "HEX", "base64"];

    /// What the encoding looks like, in the words of the spec reference.
    pub fn description(self) -> &'static str {
        match self {
            Output::Hex => "Lowercase hex.",
            Output::HexUpper => "Uppercase hex.",
            Output::Base64 => "Standard base64 with `=` padding.",
        }
    }

    /// Parse a spec name produced by [`Output::name`]; case matters (`hex` vs `HEX`).
    pub fn from_name(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.name() == s)
    }
}

/// Hash, HMAC or RSA-sign `message` (key ignored for plain hashes) and encode the result; the
/// same as [`Algorithm::sign`].
pub fn sign(
    algorithm: Algorithm,
    key: &[u8],
    message: &[u8],
    output: Output,
) -> Result<String, KeyError> {
    algorithm.sign(key, message, output)
}

impl Algorithm {
    /// The signature of `message` under `key` (ignored by plain hashes), encoded as `output`.
    /// Only an asymmetric algorithm fails, when `key` is not a usable private key.
    pub fn sign(self, key: &[u8], message: &[u8], output: Output) -> Result<String, KeyError> {
        match self.rsa_digest() {
            Some(rsa) => rsa_sig::sign(rsa, key, message).map(|raw| encode(&raw, output)),
            None => Ok(digest(self, key, message, output)),
        }
    }

    fn rsa_digest(self) -> Option<RsaDigest> {
        match self {
            Algorithm::RsaSha1 => Some(RsaDigest::Sha1),
            Algorithm::RsaSha256 => Some(RsaDigest::Sha256),
            _ => None,
        }
    }

    /// Whether `received` is the signature of `message` under `key`, compared in constant time.
    ///
    /// Every verifier goes through here, so an algorithm whose signatures cannot be recomputed
    /// by the verifier (an asymmetric one) decides here how it checks them: RSA decodes
    /// `received` as `output` and checks it with the public `key` (a private key is accepted
    /// too: its public half). Only an asymmetric algorithm fails, when `key` is not an RSA key;
    /// an undecodable `received` is simply not genuine.
    pub fn verify(
        self,
        key: &[u8],
        message: &[u8],
        output: Output,
        received: &str,
        compare: Compare,
    ) -> Result<bool, KeyError> {
        if let Some(rsa) = self.rsa_digest() {
            let Some(raw) = decode(received, output) else {
                // Still parse the key, so a bad key is reported whatever was received.
                return rsa_sig::verify(rsa, key, message, &[]).map(|_| false);
            };
            return rsa_sig::verify(rsa, key, message, &raw);
        }
        // Encoded on the stack: verifying allocates nothing.
        let mut text = [0u8; ENCODED_MAX];
        let expected = encode_into(raw_digest(self, key, message).as_slice(), output, &mut text);
        Ok(match compare {
            Compare::Exact => ct_eq(expected, received),
            Compare::IgnoreAsciiCase => ct_eq_ignore_ascii_case(expected, received),
        })
    }
}

/// How a received signature is compared with the expected one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Compare {
    /// Byte for byte.
    #[default]
    Exact,
    /// Ignoring ASCII case (a platform that sends hex in either case).
    IgnoreAsciiCase,
}

/// One signature rule as generated code keeps it: algorithm, output and comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Signer {
    /// Hash or HMAC.
    pub algorithm: Algorithm,
    /// Encoding of the digest.
    pub output: Output,
    /// How received signatures are compared.
    pub compare: Compare,
}

impl Signer {
    /// A signer comparing received signatures exactly.
    pub const fn new(algorithm: Algorithm, output: Output) -> Self {
        Self {
            algorithm,
            output,
            compare: Compare::Exact,
        }
    }

    /// The same signer, comparing received signatures ignoring ASCII case.
    pub const fn ignoring_case(self) -> Self {
        Self {
            compare: Compare::IgnoreAsciiCase,
            ..self
        }
    }

    /// The signature of `message` under `key`; fails only for an asymmetric algorithm whose
    /// key is not a usable private key.
    pub fn sign(&self, key: &[u8], message: &[u8]) -> Result<String, KeyError> {
        self.algorithm.sign(key, message, self.output)
    }

    /// Whether `received` is the signature of `message` under `key` (constant time for
    /// digests); fails only for an asymmetric algorithm whose key is not an RSA key.
    pub fn verify(&self, key: &[u8], message: &[u8], received: &str) -> Result<bool, KeyError> {
        self.algorithm
            .verify(key, message, self.output, received, self.compare)
    }

    /// Signs the text of `buffer` under `key` and appends the signature to it: a signature
    /// kept with its string-to-sign then needs one allocation, not two. Fails like
    /// [`Self::sign`], leaving `buffer` as it was.
    pub fn sign_appending(&self, key: &[u8], buffer: &mut String) -> Result<(), KeyError> {
        if self.algorithm.rsa_digest().is_some() {
            let value = self.sign(key, buffer.as_bytes())?;
            buffer.push_str(&value);
            return Ok(());
        }
        // Encoded on the stack, then copied once into the buffer's spare room.
        let mut text = [0u8; ENCODED_MAX];
        let digest = raw_digest(self.algorithm, key, buffer.as_bytes());
        buffer.push_str(encode_into(digest.as_slice(), self.output, &mut text));
        Ok(())
    }
}

fn digest(algorithm: Algorithm, key: &[u8], message: &[u8], output: Output) -> String {
    encode(raw_digest(algorithm, key, message).as_slice(), output)
}

/// The longest digest (SHA-256).
const DIGEST_MAX: usize = 32;

/// The longest encoded digest (hex of SHA-256; its base64 is 44).
const ENCODED_MAX: usize = 2 * DIGEST_MAX;

/// A digest's bytes, on the stack.
struct RawDigest {
    bytes: [u8; DIGEST_MAX],
    len: usize,
}

impl RawDigest {
    fn of(digest: &[u8]) -> Self {
        let mut bytes = [0u8; DIGEST_MAX];
        bytes[..digest.len()].copy_from_slice(digest);
        Self {
            bytes,
            len: digest.len(),
        }
    }

    fn as_slice(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

fn raw_digest(algorithm: Algorithm, key: &[u8], message: &[u8]) -> RawDigest {
    match algorithm {
        Algorithm::Md5 => RawDigest::of(&Md5::digest(message)),
        Algorithm::Sha1 => RawDigest::of(&Sha1::digest(message)),
        Algorithm::Sha256 => RawDigest::of(&Sha256::digest(message)),
        Algorithm::HmacMd5 => hmac::<Hmac<Md5>>(key, message),
        Algorithm::HmacSha1 => hmac::<Hmac<Sha1>>(key, message),
        Algorithm::HmacSha256 => hmac::<Hmac<Sha256>>(key, message),
        // Signed by `Algorithm::sign` before any digest is taken.
        Algorithm::RsaSha1 | Algorithm::RsaSha256 => RawDigest::of(&[]),
    }
}

/// The bytes of a received signature written as `output`.
fn decode(received: &str, output: Output) -> Option<Vec<u8>> {
    match output {
        Output::Base64 => base64::engine::general_purpose::STANDARD
            .decode(received.trim())
            .ok(),
        Output::Hex | Output::HexUpper => {
            let text = received.as_bytes();
            if !text.len().is_multiple_of(2) {
                return None;
            }
            text.chunks(2)
                .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok())
                .collect()
        }
    }
}

/// Lowercase hex MD5 of `data` appended to out (used by the `md5` template filter).
pub fn md5_hex_into(out: &mut String, data: &[u8]) {
    hex_lower_into(out, &Md5::digest(data));
}

fn hmac<M: Mac + hmac::digest::KeyInit>(key: &[u8], message: &[u8]) -> RawDigest {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = <M as Mac>::new_from_slice(key).expect("HMAC accepts any key length");
    mac.update(message);
    RawDigest::of(&mac.finalize().into_bytes())
}

fn encode(digest: &[u8], output: Output) -> String {
    let mut out = String::with_capacity(digest.len() * 2);
    match output {
        Output::Hex => hex_lower_into(&mut out, digest),
        Output::HexUpper => {
            hex_lower_into(&mut out, digest);
            out.make_ascii_uppercase();
        }
        Output::Base64 => base64::engine::general_purpose::STANDARD.encode_string(digest, &mut out),
    }
    out
}

/// `digest` (at most [`DIGEST_MAX`] bytes) encoded as `output` into `buf`.
fn encode_into<'b>(digest: &[u8], output: Output, buf: &'b mut [u8; ENCODED_MAX]) -> &'b str {
    let len = match output {
        Output::Hex | Output::HexUpper => {
            let table = if output == Output::Hex {
                b"0123456789abcdef"
            } else {
                b"0123456789ABCDEF"
            };
            for (pair, &b) in buf.chunks_exact_mut(2).zip(digest) {
                pair[0] = table[usize::from(b >> 4)];
                pair[1] = table[usize::from(b & 0xf)];
            }
            2 * digest.len()
        }
        Output::Base64 => base64::engine::general_purpose::STANDARD
            .encode_slice(digest, &mut buf[..])
            .unwrap_or_default(),
    };
    // Hex digits and base64 are ASCII.
    std::str::from_utf8(&buf[..len]).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signing_appends_what_sign_returns() {
        for algorithm in Algorithm::ALL
            .into_iter()
            .filter(|a| a.rsa_digest().is_none())
        {
            for output in Output::ALL {
                let signer = Signer::new(algorithm, output);
                let mut buffer = String::from("a=1&b=2");
                signer.sign_appending(b"key", &mut buffer).unwrap();
                let value = signer.sign(b"key", b"a=1&b=2").unwrap();
                assert_eq!(
                    buffer,
                    format!("a=1&b=2{value}"),
                    "{algorithm:?} {output:?}"
                );
            }
        }
    }

    #[test]
    fn names_round_trip() {
        for a in Algorithm::ALL {
            assert_eq!(Algorithm::from_name(a.name()), Some(a));
        }
        for o in Output::ALL {
            assert_eq!(Output::from_name(o.name()), Some(o));
        }
        assert_eq!(Algorithm::NAMES, Algorithm::ALL.map(Algorithm::name));
        assert_eq!(Output::NAMES, Output::ALL.map(Output::name));
        assert_eq!(Algorithm::from_name("MD5"), None);
        assert_eq!(Output::from_name("Hex"), None);
    }

    #[test]
    fn known_digests() {
        assert_eq!(
            sign(Algorithm::Md5, b"ignored", b"", Output::Hex).unwrap(),
            "d41d8cd98f00b204e9800998ecf8427e"
        );
        assert_eq!(
            sign(Algorithm::Sha1, b"", b"abc", Output::HexUpper).unwrap(),
            "A9993E364706816ABA3E25717850C26C9CD0D89D"
        );
        assert_eq!(
            sign(Algorithm::Sha256, b"", b"abc", Output::Hex).unwrap(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        // RFC 2104 / RFC 4231 test case 2 ("Jefe").
        let msg = b"what do ya want for nothing?";
        assert_eq!(
            sign(Algorithm::HmacMd5, b"Jefe", msg, Output::Hex).unwrap(),
            "750c783e6ab0b503eaa86e310a5db738"
        );
        assert_eq!(
            sign(Algorithm::HmacSha1, b"Jefe", msg, Output::Hex).unwrap(),
            "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"
        );
        assert_eq!(
            sign(Algorithm::HmacSha256, b"Jefe", msg, Output::Hex).unwrap(),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        for output in Output::ALL {
            let mut buf = [0u8; ENCODED_MAX];
            let raw = raw_digest(Algorithm::HmacSha256, b"Jefe", msg);
            let text = encode_into(raw.as_slice(), output, &mut buf);
            assert_eq!(text, encode(raw.as_slice(), output));
        }
        let mut s = String::from("x");
        md5_hex_into(&mut s, b"");
        assert_eq!(s, "xd41d8cd98f00b204e9800998ecf8427e");
    }
}
