//! A Midas player and the requests made for them, shared by the tour and the end-to-end tests.

use gamechannel::wechat_midas as midas;

use crate::mock::RunningMock;

/// A Midas player (zone `1`, platform `android`) of one app, and the requests made for them.
#[derive(Debug, Clone)]
pub struct Player {
    /// The mini-game's AppID.
    pub appid: String,
    /// The player.
    pub openid: String,
    /// The `ts` every request carries.
    pub ts: i64,
}

impl Player {
    /// The player `openid` of app `appid`, at time `ts`.
    pub fn new(appid: impl Into<String>, openid: impl Into<String>, ts: i64) -> Self {
        Player {
            appid: appid.into(),
            openid: openid.into(),
            ts,
        }
    }

    /// The player's balance in a mock's ledger (0 when the account does not exist).
    pub fn ledger_balance(&self, mock: &RunningMock) -> i64 {
        mock.ledger()
            .balances
            .iter()
            .find(|b| b.openid == self.openid && b.zone_id == "1")
            .map_or(0, |b| b.balance)
    }

    /// A `get_balance` request.
    pub fn balance(&self) -> midas::GetBalanceRequest {
        midas::GetBalanceRequest {
            openid: self.openid.clone(),
            appid: self.appid.clone(),
            offer_id: "1450000001".into(),
            ts: self.ts,
            zone_id: "1".into(),
            pf: "android".into(),
            user_ip: None,
        }
    }

    /// A `present` request.
    pub fn present(&self, bill_no: &str, counts: i64) -> midas::PresentRequest {
        let b = self.balance();
        midas::PresentRequest {
            openid: b.openid,
            appid: b.appid,
            offer_id: b.offer_id,
            ts: b.ts,
            zone_id: b.zone_id,
            pf: b.pf,
            user_ip: None,
            bill_no: bill_no.into(),
            present_counts: counts,
        }
    }

    /// A `pay` request.
    pub fn pay(&self, bill_no: &str, amt: i64) -> midas::PayRequest {
        let b = self.balance();
        midas::PayRequest {
            openid: b.openid,
            appid: b.appid,
            offer_id: b.offer_id,
            ts: b.ts,
            zone_id: b.zone_id,
            pf: b.pf,
            user_ip: None,
            amt,
            bill_no: bill_no.into(),
            pay_item: None,
            app_remark: None,
        }
    }

    /// A `cancel_pay` request.
    pub fn cancel(&self, bill_no: &str) -> midas::CancelPayRequest {
        let b = self.balance();
        midas::CancelPayRequest {
            openid: b.openid,
            appid: b.appid,
            offer_id: b.offer_id,
            ts: b.ts,
            zone_id: b.zone_id,
            pf: b.pf,
            user_ip: None,
            bill_no: bill_no.into(),
            pay_item: None,
        }
    }
}
