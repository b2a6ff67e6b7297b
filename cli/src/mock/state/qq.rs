//! QQ game hall 大玩咖 state: one record per openid, created on first sight.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::{Outcome, Refusal, get, int};

/// Top-up bonuses a new user starts with, so `report_dawanka_pay` can be exercised at once.
const STARTING_BONUSES: i64 = 3;

/// One user's 大玩咖 record.
#[derive(Debug, Clone)]
struct Player {
    score: i64,
    level: i64,
    discount: i64,
    /// Bonuses left; -1 is unlimited.
    left: i64,
    used: i64,
}

impl Default for Player {
    fn default() -> Self {
        Player {
            score: 1200,
            level: 1,
            discount: 20,
            left: STARTING_BONUSES,
            used: 0,
        }
    }
}

/// The QQ state.
#[derive(Default)]
pub struct Qq {
    players: HashMap<String, Player>,
}

impl Qq {
    /// Applies a QQ call; `None` for endpoints without state.
    pub fn apply(&mut self, endpoint: &str, fields: &[(String, String)]) -> Option<Outcome> {
        let openid = get(fields, "openid").unwrap_or_default().to_owned();
        let player = self.players.entry(openid).or_default();
        Some(match endpoint {
            "get_dawanka_info" => Ok(info(player, int(fields, "version"))),
            "report_dawanka_pay" => report(player),
            _ => return None,
        })
    }
}

fn info(p: &Player, version: i64) -> Map<String, Value> {
    // Levels 3 and 4 exist only in v2 data; v1 callers see them as "not a 大玩咖".
    let level = if version != 2 && p.level > 2 {
        0
    } else {
        p.level
    };
    let mut m = Map::new();
    m.insert("score".into(), p.score.into());
    m.insert("level".into(), level.into());
    m.insert("binding".into(), false.into());
    m.insert("discount".into(), p.discount.into());
    m.insert("payReturnCount".into(), p.left.into());
    m.insert("isUsingCard".into(), false.into());
    m.insert("realLevel".into(), level.into());
    m.insert("CardExpireTs".into(), 0.into());
    m
}

fn report(p: &mut Player) -> Outcome {
    match p.left {
        0 => return Err(Refusal::field("openid", "no top-up bonus left")),
        n if n > 0 => p.left -= 1,
        _ => {}
    }
    p.used += 1;
    let mut m = Map::new();
    m.insert("use".into(), p.used.into());
    m.insert("left".into(), p.left.into());
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_use_up_bonuses() {
        let mut q = Qq::default();
        let f = vec![("openid".to_owned(), "A".to_owned())];
        for n in 1..=STARTING_BONUSES {
            let m = q
                .apply("report_dawanka_pay", &f)
                .expect("stateful")
                .expect("left");
            assert_eq!(m["use"], n);
        }
        assert!(
            q.apply("report_dawanka_pay", &f)
                .expect("stateful")
                .is_err()
        );
        let info = q
            .apply("get_dawanka_info", &f)
            .expect("stateful")
            .expect("ok");
        assert_eq!(info["payReturnCount"], 0);
    }
}
