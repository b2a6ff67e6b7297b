//! Midas state: game-currency accounts per (openid, zone_id) and orders by `bill_no`, applied
//! at most once.

use std::collections::{BTreeMap, HashMap};

use gamechannel_codegen::model::ErrorWhen;
use serde::Serialize;
use serde_json::{Map, Value};

use super::{Outcome, Refusal, get, int};

/// Fields that may differ between a request and its retry: the retry is re-signed at a later
/// time and may carry a fresh token, so they are no part of what the order *is*.
const VOLATILE: &[&str] = &["ts", "sig", "mp_sig", "access_token", "user_ip"];

/// One user's account in one zone.
#[derive(Debug, Clone, Default, Serialize)]
struct Account {
    balance: i64,
    gen_balance: i64,
    save_amt: i64,
    save_sum: i64,
    cost_sum: i64,
    present_sum: i64,
}

/// An applied order and the answer it got, replayed to identical retries.
#[derive(Debug, Clone)]
struct Order {
    endpoint: String,
    fingerprint: String,
    openid: String,
    zone_id: String,
    amount: i64,
    used_gen: i64,
    answer: Map<String, Value>,
    applied: u32,
    requests: u32,
}

/// The Midas state.
#[derive(Default)]
pub struct Midas {
    accounts: BTreeMap<(String, String), Account>,
    /// `present` and `pay` share one order-number space (bill_no is unique per game).
    orders: HashMap<String, Order>,
    /// `cancel_pay` names the `pay` it cancels, so it has its own space.
    cancels: HashMap<String, Order>,
    /// A retry of an applied order is answered `already_applied` instead of with the first
    /// answer (a platform that says "order exists" rather than replaying).
    refuse_applied: bool,
}

/// Snapshot of the Midas state (or Douyin's), for tests and `GET /__mock/ledger`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Ledger {
    /// Balances, sorted by (openid, zone_id).
    pub balances: Vec<BalanceEntry>,
    /// Orders (`present`, `pay`, `cancel_pay`), sorted by endpoint then bill_no.
    pub orders: Vec<OrderEntry>,
}

/// One account.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct BalanceEntry {
    /// User.
    pub openid: String,
    /// Zone (with role, as sent).
    pub zone_id: String,
    /// Balance, gifts included.
    pub balance: i64,
    /// Gifted part of the balance.
    pub gen_balance: i64,
}

/// One order.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct OrderEntry {
    /// `present`, `pay` or `cancel_pay`.
    pub endpoint: String,
    /// Order number.
    pub bill_no: String,
    /// User.
    pub openid: String,
    /// Zone.
    pub zone_id: String,
    /// Currency moved.
    pub amount: i64,
    /// Times the order changed a balance (never more than 1).
    pub applied: u32,
    /// Times it was requested (retries included).
    pub requests: u32,
}

/// What makes two requests the same order: every non-volatile field, sorted.
fn fingerprint(endpoint: &str, fields: &[(String, String)]) -> String {
    let mut kept: Vec<_> = fields
        .iter()
        .filter(|(n, _)| !VOLATILE.contains(&n.as_str()))
        .collect();
    kept.sort();
    let mut out = endpoint.to_owned();
    for (n, v) in kept {
        out.push_str(&format!("\u{1}{n}={v}"));
    }
    out
}

impl Midas {
    /// A ledger whose retries of applied orders are answered `already_applied`.
    pub fn refusing_applied() -> Self {
        Midas {
            refuse_applied: true,
            ..Midas::default()
        }
    }

    /// Applies a Midas call; `None` for endpoints without state.
    pub fn apply(&mut self, endpoint: &str, fields: &[(String, String)]) -> Option<Outcome> {
        let key = (
            get(fields, "openid").unwrap_or_default().to_owned(),
            get(fields, "zone_id").unwrap_or_default().to_owned(),
        );
        Some(match endpoint {
            "get_balance" => Ok(self.balance(&key)),
            "present" | "pay" => self.order(endpoint, key, fields),
            "cancel_pay" => self.cancel(key, fields),
            _ => return None,
        })
    }

    /// Snapshot.
    pub fn ledger(&self) -> Ledger {
        let balances = self
            .accounts
            .iter()
            .map(|((openid, zone_id), a)| BalanceEntry {
                openid: openid.clone(),
                zone_id: zone_id.clone(),
                balance: a.balance,
                gen_balance: a.gen_balance,
            })
            .collect();
        let mut orders: Vec<OrderEntry> = self
            .orders
            .iter()
            .chain(self.cancels.iter())
            .map(|(bill_no, o)| OrderEntry {
                endpoint: o.endpoint.clone(),
                bill_no: bill_no.clone(),
                openid: o.openid.clone(),
                zone_id: o.zone_id.clone(),
                amount: o.amount,
                applied: o.applied,
                requests: o.requests,
            })
            .collect();
        orders.sort_by(|a, b| (&a.endpoint, &a.bill_no).cmp(&(&b.endpoint, &b.bill_no)));
        Ledger { balances, orders }
    }

    fn balance(&self, key: &(String, String)) -> Map<String, Value> {
        let a = self.accounts.get(key).cloned().unwrap_or_default();
        let mut m = Map::new();
        m.insert("balance".into(), a.balance.into());
        m.insert("gen_balance".into(), a.gen_balance.into());
        m.insert(
            "first_save".into(),
            if a.save_sum == 0 { 1 } else { 2 }.into(),
        );
        m.insert("save_amt".into(), a.save_amt.into());
        m.insert("save_sum".into(), a.save_sum.into());
        m.insert("cost_sum".into(), a.cost_sum.into());
        m.insert("present_sum".into(), a.present_sum.into());
        m
    }

    /// `present` and `pay`: idempotent by bill_no.
    fn order(
        &mut self,
        endpoint: &str,
        key: (String, String),
        fields: &[(String, String)],
    ) -> Outcome {
        let bill_no = get(fields, "bill_no").unwrap_or_default().to_owned();
        let print = fingerprint(endpoint, fields);
        if let Some(order) = self.orders.get_mut(&bill_no) {
            if order.fingerprint != print {
                return Err(Refusal::when(
                    ErrorWhen::DuplicateOrder,
                    "order exists with other content",
                ));
            }
            order.requests += 1;
            if self.refuse_applied {
                return Err(Refusal::when(ErrorWhen::AlreadyApplied, "order exists"));
            }
            return Ok(order.answer.clone());
        }
        let account = self.accounts.entry(key.clone()).or_default();
        let mut answer = Map::new();
        let (amount, used_gen) = if endpoint == "present" {
            let n = int(fields, "present_counts");
            account.balance = account.balance.saturating_add(n);
            account.gen_balance = account.gen_balance.saturating_add(n);
            account.present_sum = account.present_sum.saturating_add(n);
            (n, 0)
        } else {
            let amt = int(fields, "amt");
            if amt > account.balance {
                return Err(Refusal::when(
                    ErrorWhen::InsufficientBalance,
                    "balance too low",
                ));
            }
            let used_gen = amt.min(account.gen_balance).max(0);
            account.balance -= amt;
            account.gen_balance -= used_gen;
            account.cost_sum = account.cost_sum.saturating_add(amt);
            answer.insert("used_gen_amt".into(), used_gen.into());
            (amt, used_gen)
        };
        answer.insert("bill_no".into(), bill_no.clone().into());
        answer.insert("balance".into(), account.balance.into());
        let order = Order {
            endpoint: endpoint.to_owned(),
            fingerprint: print,
            openid: key.0,
            zone_id: key.1,
            amount,
            used_gen,
            answer: answer.clone(),
            applied: 1,
            requests: 1,
        };
        self.orders.insert(bill_no, order);
        Ok(answer)
    }

    /// `cancel_pay`: refunds a `pay` once.
    fn cancel(&mut self, key: (String, String), fields: &[(String, String)]) -> Outcome {
        let bill_no = get(fields, "bill_no").unwrap_or_default().to_owned();
        let print = fingerprint("cancel_pay", fields);
        if let Some(cancel) = self.cancels.get_mut(&bill_no) {
            if cancel.fingerprint != print {
                return Err(Refusal::field(
                    "bill_no",
                    "this pay was cancelled by another request",
                ));
            }
            cancel.requests += 1;
            return Ok(cancel.answer.clone());
        }
        let Some(pay) = self.orders.get(&bill_no).filter(|o| o.endpoint == "pay") else {
            return Err(Refusal::field("bill_no", "no pay with this bill_no"));
        };
        if (&pay.openid, &pay.zone_id) != (&key.0, &key.1) {
            return Err(Refusal::field(
                "bill_no",
                "the pay was made by another user or zone",
            ));
        }
        let (amount, used_gen) = (pay.amount, pay.used_gen);
        let account = self.accounts.entry(key.clone()).or_default();
        account.balance = account.balance.saturating_add(amount);
        account.gen_balance = account.gen_balance.saturating_add(used_gen);
        account.cost_sum = account.cost_sum.saturating_sub(amount);
        let mut answer = Map::new();
        answer.insert("bill_no".into(), bill_no.clone().into());
        let cancel = Order {
            endpoint: "cancel_pay".to_owned(),
            fingerprint: print,
            openid: key.0,
            zone_id: key.1,
            amount,
            used_gen,
            answer: answer.clone(),
            applied: 1,
            requests: 1,
        };
        self.cancels.insert(bill_no, cancel);
        Ok(answer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mock::state::tests::req;

    #[test]
    fn orders_apply_once_and_cancel_refunds_once() {
        let mut m = Midas::default();
        let gift = req(&[("bill_no", "g1"), ("present_counts", "10")]);
        assert!(m.apply("present", &gift).expect("stateful").is_ok());
        let mut retry = gift.clone();
        retry[2].1 = "2".into(); // a later ts is still the same order
        assert!(m.apply("present", &retry).expect("stateful").is_ok());
        let other = req(&[("bill_no", "g1"), ("present_counts", "11")]);
        let err = m.apply("present", &other).expect("stateful").unwrap_err();
        assert_eq!(err.when, ErrorWhen::DuplicateOrder);
        let too_much = req(&[("bill_no", "p1"), ("amt", "11")]);
        let err = m.apply("pay", &too_much).expect("stateful").unwrap_err();
        assert_eq!(err.when, ErrorWhen::InsufficientBalance);
        let pay = req(&[("bill_no", "p2"), ("amt", "4")]);
        let answer = m.apply("pay", &pay).expect("stateful").expect("paid");
        assert_eq!(answer["balance"], 6);
        let cancel = req(&[("bill_no", "p2")]);
        assert!(m.apply("cancel_pay", &cancel).expect("stateful").is_ok());
        assert!(m.apply("cancel_pay", &cancel).expect("stateful").is_ok());
        let ledger = m.ledger();
        assert_eq!(ledger.balances[0].balance, 10);
        let g1 = ledger
            .orders
            .iter()
            .find(|o| o.bill_no == "g1")
            .expect("g1");
        assert_eq!((g1.applied, g1.requests), (1, 2));
    }
}
