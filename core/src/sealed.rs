//! Messages sealed with AES-256-CBC in a length-prefixed frame, the form in which some
//! platforms encrypt their pushes ("safe mode"): decrypted before anything else reads them.
//!
//! - The key is given as base64 text of 32 bytes, `=` padding optional (a 43-character
//!   text is the usual form); the IV is the first 16 bytes of the key.
//! - The plaintext is padded PKCS#7-style to a multiple of **32** bytes (not the AES block of
//!   16), so a pad byte is 1 to 32.
//! - The padded plaintext is `random(16) | len(4, big-endian) | message | trailer`: the
//!   trailer (an application id) says for whom the message is meant.
//! - The ciphertext travels as standard base64.

use aes::Aes256;
use base64::Engine;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use base64::engine::{DecodePaddingMode, general_purpose};
use cbc::cipher::block_padding::NoPadding;
use cbc::cipher::{BlockDecryptMut, BlockEncryptMut, KeyIvInit};
use zeroize::Zeroizing;

/// Block size of the padding, not of AES: pads are 1 to 32 bytes.
const PAD_BLOCK: usize = 32;

/// The key text decoder: standard alphabet, padding optional.
const KEY_TEXT: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Why a sealed message could not be opened (or sealed). Never carries the key or plaintext.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    /// The key text is not base64 of 32 bytes.
    #[error("the key is not base64 of 32 bytes")]
    BadKey,
    /// The ciphertext is not base64, or not a whole number of AES blocks.
    #[error("the ciphertext is not base64 of whole AES blocks")]
    BadCiphertext,
    /// The decrypted text does not end in valid padding or its frame is inconsistent:
    /// the wrong key, or a damaged message.
    #[error("the message does not decrypt to a valid frame")]
    BadFrame,
    /// The message or the trailer is not UTF-8.
    #[error("the decrypted message is not UTF-8")]
    NotUtf8,
}

/// A decrypted message and the trailer it was sealed with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    /// The message.
    pub message: String,
    /// The trailer (an application id), to compare with the expected one.
    pub trailer: String,
}

fn key_bytes(key_text: &str) -> Result<Zeroizing<[u8; 32]>, SealError> {
    let decoded = Zeroizing::new(KEY_TEXT.decode(key_text).map_err(|_| SealError::BadKey)?);
    let mut key = Zeroizing::new([0u8; 32]);
    if decoded.len() != key.len() {
        return Err(SealError::BadKey);
    }
    key.copy_from_slice(&decoded);
    Ok(key)
}

/// Decrypts a base64 ciphertext sealed as the module describes.
pub fn open(key_text: &str, ciphertext: &str) -> Result<Opened, SealError> {
    let key = key_bytes(key_text)?;
    let mut data = general_purpose::STANDARD
        .decode(ciphertext.trim())
        .map_err(|_| SealError::BadCiphertext)?;
    if data.is_empty() || data.len() % 16 != 0 {
        return Err(SealError::BadCiphertext);
    }
    let decryptor = cbc::Decryptor::<Aes256>::new(key[..].into(), key[..16].into());
    let plain = decryptor
        .decrypt_padded_mut::<NoPadding>(&mut data)
        .map_err(|_| SealError::BadCiphertext)?;
    let pad = usize::from(*plain.last().ok_or(SealError::BadFrame)?);
    if pad == 0 || pad > PAD_BLOCK || pad > plain.len() {
        return Err(SealError::BadFrame);
    }
    let framed = &plain[..plain.len() - pad];
    if framed.len() < 20 {
        return Err(SealError::BadFrame);
    }
    let len = u32::from_be_bytes([framed[16], framed[17], framed[18], framed[19]]) as usize;
    let rest = &framed[20..];
    if len > rest.len() {
        return Err(SealError::BadFrame);
    }
    let (message, trailer) = rest.split_at(len);
    let text = |bytes: &[u8]| String::from_utf8(bytes.to_vec()).map_err(|_| SealError::NotUtf8);
    Ok(Opened {
        message: text(message)?,
        trailer: text(trailer)?,
    })
}

/// Seals `message` for `trailer` with the given 16 random bytes: the platform's side, which
/// tests and a mock platform need. Returns the base64 ciphertext.
pub fn seal(
    key_text: &str,
    random: [u8; 16],
    message: &str,
    trailer: &str,
) -> Result<String, SealError> {
    let key = key_bytes(key_text)?;
    let len = u32::try_from(message.len()).map_err(|_| SealError::BadFrame)?;
    let mut data = Vec::with_capacity(20 + message.len() + trailer.len() + PAD_BLOCK);
    data.extend_from_slice(&random);
    data.extend_from_slice(&len.to_be_bytes());
    data.extend_from_slice(message.as_bytes());
    data.extend_from_slice(trailer.as_bytes());
    let pad = PAD_BLOCK - data.len() % PAD_BLOCK;
    data.resize(data.len() + pad, pad as u8);
    let size = data.len();
    let encryptor = cbc::Encryptor::<Aes256>::new(key[..].into(), key[..16].into());
    let sealed = encryptor
        .encrypt_padded_mut::<NoPadding>(&mut data, size)
        .map_err(|_| SealError::BadFrame)?;
    Ok(STANDARD.encode(sealed))
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    #[test]
    fn seals_and_opens() {
        let sealed = seal(KEY, [7; 16], r#"{"a":"元"}"#, "wx1").unwrap();
        let opened = open(KEY, &sealed).unwrap();
        assert_eq!(opened.message, r#"{"a":"元"}"#);
        assert_eq!(opened.trailer, "wx1");
    }

    /// The platform documentation's safe-mode example, decrypted as published.
    #[test]
    fn opens_the_documented_message() {
        let encrypt = "+qdx1OKCy+5JPCBFWw70tm0fJGb2Jmeia4FCB7kao+/Q5c/ohsOzQHi8khUOb05JCpj0JB4RvQMkUyus8TPxLKJGQqcvZqzDpVzazhZv6JsXUnnR8XGT740XgXZUXQ7vJVnAG+tE8NUd4yFyjPy7GgiaviNrlCTj+l5kdfMuFUPpRSrfMZuMcp3Fn2Pede2IuQrKEYwKSqFIZoNqJ4M8EajAsjLY2km32IIjdf8YL/P50F7mStwntrA2cPDrM1kb6mOcfBgRtWygb3VIYnSeOBrebufAlr7F9mFUPAJGj04=";
        let opened = open(KEY, encrypt).unwrap();
        assert_eq!(
            opened.message,
            r#"{"ToUserName":"gh_97417a04a28d","FromUserName":"o9AgO5Kd5ggOC-bXrbNODIiE3bGY","CreateTime":1714112445,"MsgType":"event","Event":"debug_demo","debug_str":"hello world"}"#
        );
        assert_eq!(opened.trailer, "wxba5fad812f8e6fb9");
    }

    #[test]
    fn refuses_what_does_not_open() {
        assert_eq!(open("short", "AAAA"), Err(SealError::BadKey));
        assert_eq!(open(KEY, "not base64!"), Err(SealError::BadCiphertext));
        assert_eq!(open(KEY, "AAAA"), Err(SealError::BadCiphertext));
        let sealed = seal(KEY, [1; 16], "hello", "wx1").unwrap();
        let other = "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
        assert!(open(other, &sealed).is_err());
    }

    proptest::proptest! {
        #[test]
        fn never_panics(key in "[A-Za-z0-9+/]{43}", text in "[A-Za-z0-9+/=]{0,120}") {
            let _ = open(&key, &text);
        }
    }
}
