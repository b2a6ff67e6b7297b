//! Token wallets of the raw-body-signed WeChat payment APIs (mini-program xpay, mini-game pay
//! 2.0): balances per account, orders by order number applied at most once, refunds of a
//! payment once. The two APIs differ only in their field names, given by [`Names`].

use std::collections::{BTreeMap, HashMap};

use gamechannel_codegen::model::ErrorWhen;
use serde_json::{Map, Value};

use super::{Outcome, Refusal, get, int};

/// Fields a retry may change (re-signed later, another IP): no part of what an order is.
const VOLATILE: &[&str] = &["ts", "user_ip"];

/// The field names of one API.
pub struct Names {
    /// Fields naming an account (`openid`, and `zone_id` where currency lives per zone).
    pub account: &'static [&'static str],
    /// The order number (`order_id`, `bill_no`).
    pub order: &'static str,
    /// The amount moved.
    pub amount: &'static str,
    /// The refund's reference to the payment it refunds (`pay_order_id`, `pay_bill_no`).
    pub refunded: &'static str,
}

/// What a call does to the wallet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    /// Read the balance.
    Balance,
    /// Spend.
    Pay,
    /// Refund a payment.
    Cancel,
    /// Give.
    Present,
    /// Read an order.
    QueryOrder,
    /// Mark an order's goods delivered.
    Delivered,
}

#[derive(Debug, Clone, Default)]
struct Account {
    balance: i64,
    present_balance: i64,
    sum_present: i64,
    sum_cost: i64,
}

#[derive(Debug, Clone)]
struct Order {
    operation: Operation,
    fingerprint: String,
    account: Vec<String>,
    amount: i64,
    used_present: i64,
    refunded: bool,
    delivered: bool,
}

/// One platform's wallets.
#[derive(Default)]
pub struct Wallets {
    accounts: BTreeMap<Vec<String>, Account>,
    orders: HashMap<String, Order>,
}

fn fingerprint(operation: Operation, fields: &[(String, String)]) -> String {
    let mut kept: Vec<_> = fields
        .iter()
        .filter(|(n, _)| !VOLATILE.contains(&n.as_str()))
        .collect();
    kept.sort();
    let mut out = format!("{operation:?}");
    for (n, v) in kept {
        out.push_str(&format!("\u{1}{n}={v}"));
    }
    out
}

impl Wallets {
    /// Applies one checked, genuine request.
    pub fn apply(
        &mut self,
        names: &Names,
        operation: Operation,
        fields: &[(String, String)],
    ) -> Outcome {
        let account: Vec<String> = names
            .account
            .iter()
            .map(|n| get(fields, n).unwrap_or_default().to_owned())
            .collect();
        let order_no = get(fields, names.order).unwrap_or_default().to_owned();
        match operation {
            Operation::Balance => Ok(self.balance(&account)),
            Operation::QueryOrder => self.query(names, &order_no),
            Operation::Delivered => match self.orders.get_mut(&order_no) {
                Some(order) => {
                    order.delivered = true;
                    Ok(Map::new())
                }
                None => Err(Refusal::field(names.order, "no such order")),
            },
            Operation::Pay | Operation::Cancel | Operation::Present => {
                let print = fingerprint(operation, fields);
                if let Some(order) = self.orders.get(&order_no) {
                    // The platform answers its "applied before" code to the same request
                    // again, and its duplicate code to other content under a used number.
                    return Err(match order.fingerprint == print {
                        true => Refusal::when(ErrorWhen::AlreadyApplied, "already applied"),
                        false => {
                            Refusal::when(ErrorWhen::DuplicateOrder, "order number already used")
                        }
                    });
                }
                let amount = int(fields, names.amount);
                let (order, answer) = match operation {
                    Operation::Pay => self.pay(names, &account, amount, &order_no)?,
                    Operation::Present => self.present(names, &account, amount, &order_no),
                    _ => self.cancel(names, &account, &order_no, fields)?,
                };
                let order = Order {
                    operation,
                    fingerprint: print,
                    account,
                    ..order
                };
                self.orders.insert(order_no, order);
                Ok(answer)
            }
        }
    }

    fn balance(&self, account: &[String]) -> Map<String, Value> {
        let a = self.accounts.get(account).cloned().unwrap_or_default();
        let mut m = Map::new();
        m.insert("balance".into(), a.balance.into());
        m.insert("present_balance".into(), a.present_balance.into());
        m.insert("sum_save".into(), 0.into());
        m.insert("sum_present".into(), a.sum_present.into());
        m.insert("sum_balance".into(), a.sum_present.into());
        m.insert("sum_cost".into(), a.sum_cost.into());
        m.insert("first_save_flag".into(), true.into());
        m
    }

    fn query(&self, names: &Names, order_no: &str) -> Outcome {
        let Some(order) = self.orders.get(order_no) else {
            return Err(Refusal::field(names.order, "no such order"));
        };
        let status = match (order.refunded, order.delivered) {
            (true, _) => 5,
            (false, true) => 3,
            (false, false) => 2,
        };
        let mut inner = Map::new();
        inner.insert("order_id".into(), order_no.into());
        inner.insert("status".into(), status.into());
        inner.insert("order_fee".into(), order.amount.into());
        inner.insert("paid_fee".into(), order.amount.into());
        inner.insert("env_type".into(), 0.into());
        let mut m = Map::new();
        m.insert("order".into(), Value::Object(inner));
        Ok(m)
    }

    fn new_order(amount: i64, used_present: i64) -> Order {
        Order {
            operation: Operation::Pay,
            fingerprint: String::new(),
            account: Vec::new(),
            amount,
            used_present,
            refunded: false,
            delivered: false,
        }
    }

    fn pay(
        &mut self,
        names: &Names,
        account: &[String],
        amount: i64,
        order_no: &str,
    ) -> Result<(Order, Map<String, Value>), Refusal> {
        let a = self.accounts.entry(account.to_vec()).or_default();
        if amount > a.balance {
            return Err(Refusal::when(
                ErrorWhen::InsufficientBalance,
                "balance too low",
            ));
        }
        let used_present = amount.min(a.present_balance).max(0);
        a.balance -= amount;
        a.present_balance -= used_present;
        a.sum_cost = a.sum_cost.saturating_add(amount);
        let mut answer = Map::new();
        answer.insert(names.order.into(), order_no.into());
        answer.insert("balance".into(), a.balance.into());
        answer.insert("used_present_amount".into(), used_present.into());
        Ok((Self::new_order(amount, used_present), answer))
    }

    fn present(
        &mut self,
        names: &Names,
        account: &[String],
        amount: i64,
        order_no: &str,
    ) -> (Order, Map<String, Value>) {
        let a = self.accounts.entry(account.to_vec()).or_default();
        a.balance = a.balance.saturating_add(amount);
        a.present_balance = a.present_balance.saturating_add(amount);
        a.sum_present = a.sum_present.saturating_add(amount);
        let mut answer = Map::new();
        answer.insert(names.order.into(), order_no.into());
        answer.insert("balance".into(), a.balance.into());
        answer.insert("present_balance".into(), a.present_balance.into());
        (Self::new_order(amount, 0), answer)
    }

    fn cancel(
        &mut self,
        names: &Names,
        account: &[String],
        order_no: &str,
        fields: &[(String, String)],
    ) -> Result<(Order, Map<String, Value>), Refusal> {
        let paid_no = get(fields, names.refunded).unwrap_or_default();
        let Some(pay) = self
            .orders
            .get_mut(paid_no)
            .filter(|o| o.operation == Operation::Pay && o.account == account)
        else {
            return Err(Refusal::field(
                names.refunded,
                "no payment with this order number",
            ));
        };
        if pay.refunded {
            return Err(Refusal::field(
                names.refunded,
                "this payment is already refunded",
            ));
        }
        pay.refunded = true;
        let (amount, used_present) = (pay.amount, pay.used_present);
        let a = self.accounts.entry(account.to_vec()).or_default();
        a.balance = a.balance.saturating_add(amount);
        a.present_balance = a.present_balance.saturating_add(used_present);
        a.sum_cost = a.sum_cost.saturating_sub(amount);
        let mut answer = Map::new();
        answer.insert(names.order.into(), order_no.into());
        Ok((Self::new_order(amount, used_present), answer))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: Names = Names {
        account: &["openid"],
        order: "order_id",
        amount: "amount",
        refunded: "pay_order_id",
    };

    fn req(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn orders_apply_once_and_refund_once() {
        let mut w = Wallets::default();
        let gift = req(&[("openid", "o"), ("order_id", "g1"), ("amount", "10")]);
        assert!(w.apply(&NAMES, Operation::Present, &gift).is_ok());
        let err = w.apply(&NAMES, Operation::Present, &gift).unwrap_err();
        assert_eq!(err.when, ErrorWhen::AlreadyApplied);
        let other = req(&[("openid", "o"), ("order_id", "g1"), ("amount", "11")]);
        let err = w.apply(&NAMES, Operation::Present, &other).unwrap_err();
        assert_eq!(err.when, ErrorWhen::DuplicateOrder);
        let pay = req(&[("openid", "o"), ("order_id", "p1"), ("amount", "4")]);
        let paid = w.apply(&NAMES, Operation::Pay, &pay).expect("paid");
        assert_eq!(paid["balance"], 6);
        let refund = req(&[
            ("openid", "o"),
            ("order_id", "r1"),
            ("pay_order_id", "p1"),
            ("amount", "4"),
        ]);
        assert!(w.apply(&NAMES, Operation::Cancel, &refund).is_ok());
        let again = req(&[
            ("openid", "o"),
            ("order_id", "r2"),
            ("pay_order_id", "p1"),
            ("amount", "4"),
        ]);
        assert!(w.apply(&NAMES, Operation::Cancel, &again).is_err());
        let balance = w
            .apply(&NAMES, Operation::Balance, &req(&[("openid", "o")]))
            .expect("read");
        assert_eq!(balance["balance"], 10);
    }
}
