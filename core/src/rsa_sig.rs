//! RSA PKCS#1 v1.5 signatures (SHA1withRSA, SHA256withRSA), the asymmetric algorithms of
//! Android channels: a platform signs its callbacks with its private key and publishes the
//! public one; a game signs some requests with its own private key.
//!
//! Keys are text, as platforms hand them out: PEM (PKCS#1 `RSA PRIVATE KEY` / `RSA PUBLIC KEY`,
//! PKCS#8 `PRIVATE KEY`, SPKI `PUBLIC KEY`) or the base64 of the same DER without the armour.

use base64::Engine as _;
use rsa::pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey};
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
use rsa::{Pkcs1v15Sign, RsaPrivateKey, RsaPublicKey};
use sha1::Sha1;
use sha2::{Digest, Sha256};

/// Why an asymmetric signature could not be made or checked. Never carries key material.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// The key is not an RSA private key in a format this crate reads.
    #[error("the key is not an RSA private key (PEM PKCS#1/PKCS#8, or base64 DER)")]
    NotAPrivateKey,
    /// The key is neither an RSA public key nor a private key to derive one from.
    #[error("the key is not an RSA public or private key (PEM PKCS#1/PKCS#8/SPKI, or base64 DER)")]
    NotAPublicKey,
    /// The key was read but refused to sign (too short for the digest).
    #[error("the RSA key cannot sign with this digest (key too short)")]
    CannotSign,
}

/// The digest of an RSA signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RsaDigest {
    Sha1,
    Sha256,
}

impl RsaDigest {
    fn hashed(self, message: &[u8]) -> (Pkcs1v15Sign, Vec<u8>) {
        match self {
            RsaDigest::Sha1 => (Pkcs1v15Sign::new::<Sha1>(), Sha1::digest(message).to_vec()),
            RsaDigest::Sha256 => (
                Pkcs1v15Sign::new::<Sha256>(),
                Sha256::digest(message).to_vec(),
            ),
        }
    }
}

/// The DER inside a PEM armour or a bare base64 text, with the PEM label if there was one.
fn der_of(key: &[u8]) -> Option<(Option<String>, Vec<u8>)> {
    let text = std::str::from_utf8(key).ok()?.trim();
    if text.starts_with("-----BEGIN ") {
        let label = text
            .strip_prefix("-----BEGIN ")?
            .split("-----")
            .next()?
            .to_owned();
        let body: String = text
            .lines()
            .filter(|line| !line.starts_with("-----"))
            .flat_map(|line| line.chars())
            .filter(|c| !c.is_whitespace())
            .collect();
        let der = base64::engine::general_purpose::STANDARD
            .decode(body)
            .ok()?;
        return Some((Some(label), der));
    }
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let der = base64::engine::general_purpose::STANDARD
        .decode(compact)
        .ok()?;
    Some((None, der))
}

fn private_key(key: &[u8]) -> Result<RsaPrivateKey, KeyError> {
    let (label, der) = der_of(key).ok_or(KeyError::NotAPrivateKey)?;
    let parsed = match label.as_deref() {
        Some("RSA PRIVATE KEY") => RsaPrivateKey::from_pkcs1_der(&der).ok(),
        Some("PRIVATE KEY") => RsaPrivateKey::from_pkcs8_der(&der).ok(),
        Some(_) => None,
        None => RsaPrivateKey::from_pkcs8_der(&der)
            .ok()
            .or_else(|| RsaPrivateKey::from_pkcs1_der(&der).ok()),
    };
    parsed.ok_or(KeyError::NotAPrivateKey)
}

/// A public key; a private key is accepted too (its public half), so one key pair in a test
/// or a mock both signs and verifies.
fn public_key(key: &[u8]) -> Result<RsaPublicKey, KeyError> {
    let (label, der) = der_of(key).ok_or(KeyError::NotAPublicKey)?;
    let parsed = match label.as_deref() {
        Some("PUBLIC KEY") => RsaPublicKey::from_public_key_der(&der).ok(),
        Some("RSA PUBLIC KEY") => RsaPublicKey::from_pkcs1_der(&der).ok(),
        Some(_) => None,
        None => RsaPublicKey::from_public_key_der(&der)
            .ok()
            .or_else(|| RsaPublicKey::from_pkcs1_der(&der).ok()),
    };
    match parsed {
        Some(public) => Ok(public),
        None => private_key(key)
            .map(|private| private.to_public_key())
            .map_err(|_| KeyError::NotAPublicKey),
    }
}

/// The raw PKCS#1 v1.5 signature of `message` under the private `key`.
pub(crate) fn sign(digest: RsaDigest, key: &[u8], message: &[u8]) -> Result<Vec<u8>, KeyError> {
    let private = private_key(key)?;
    let (scheme, hashed) = digest.hashed(message);
    private
        .sign(scheme, &hashed)
        .map_err(|_| KeyError::CannotSign)
}

/// Whether `signature` (raw bytes) is the PKCS#1 v1.5 signature of `message` under `key`.
pub(crate) fn verify(
    digest: RsaDigest,
    key: &[u8],
    message: &[u8],
    signature: &[u8],
) -> Result<bool, KeyError> {
    let public = public_key(key)?;
    let (scheme, hashed) = digest.hashed(message);
    Ok(public.verify(scheme, &hashed, signature).is_ok())
}
