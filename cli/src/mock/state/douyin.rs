//! Douyin game wallet: the Midas ledger under Douyin's names (`game_pay` spends like `pay`,
//! `add_coin` gives like `present`), answering a retry of an applied order `90012`.

use super::Outcome;
use super::midas::Midas;

/// Applies a wallet call; `None` for endpoints without state.
pub fn apply(ledger: &mut Midas, endpoint: &str, fields: &[(String, String)]) -> Option<Outcome> {
    let as_midas = match endpoint {
        "get_balance" => "get_balance",
        "game_pay" => "pay",
        "add_coin" => "present",
        _ => return None,
    };
    ledger.apply(as_midas, fields)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mock::state::tests::req;
    use gamechannel_codegen::model::ErrorWhen;

    #[test]
    fn a_retry_of_an_applied_order_is_refused_as_applied_and_changes_nothing() {
        let mut ledger = Midas::refusing_applied();
        let gift = req(&[("bill_no", "g1"), ("present_counts", "10")]);
        assert!(
            apply(&mut ledger, "add_coin", &gift)
                .expect("stateful")
                .is_ok()
        );
        let again = apply(&mut ledger, "add_coin", &gift).expect("stateful");
        assert_eq!(again.unwrap_err().when, ErrorWhen::AlreadyApplied);
        let pay = req(&[("bill_no", "p1"), ("amt", "4")]);
        let paid = apply(&mut ledger, "game_pay", &pay)
            .expect("stateful")
            .expect("paid");
        assert_eq!(paid["balance"], 6);
        let too_much = req(&[("bill_no", "p2"), ("amt", "7")]);
        let err = apply(&mut ledger, "game_pay", &too_much)
            .expect("stateful")
            .unwrap_err();
        assert_eq!(err.when, ErrorWhen::InsufficientBalance);
        let balance = apply(&mut ledger, "get_balance", &req(&[])).expect("stateful");
        assert_eq!(balance.expect("balance")["balance"], 6);
        assert!(apply(&mut ledger, "other", &req(&[])).is_none());
    }
}
