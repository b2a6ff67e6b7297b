//! llewan: a stable openid per (game, uid), derived rather than stored so that it survives
//! restarts of the mock.

use gamechannel_core::md5_hex_into;
use serde_json::{Map, Value};

use super::{Outcome, get};

/// `getUserOpenId`: `d.openid` is a hash of game and uid.
pub fn get_user_open_id(fields: &[(String, String)]) -> Outcome {
    let game = get(fields, "game").unwrap_or_default();
    let uid = get(fields, "uid").unwrap_or_default();
    let mut d = Map::new();
    d.insert("openid".into(), Value::from(openid(game, uid)));
    let mut m = Map::new();
    m.insert("d".into(), Value::Object(d));
    Ok(m)
}

/// The openid the mock gives `uid` in `game`.
pub fn openid(game: &str, uid: &str) -> String {
    let mut hex = String::new();
    // The NUL separator keeps ("ab", "c") and ("a", "bc") apart.
    md5_hex_into(&mut hex, format!("{game}\0{uid}").as_bytes());
    format!("ll_{hex}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_and_distinct() {
        assert_eq!(openid("g", "1"), openid("g", "1"));
        assert_ne!(openid("g", "1"), openid("g", "2"));
        assert_ne!(openid("ab", "c"), openid("a", "bc"));
    }
}
