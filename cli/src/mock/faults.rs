//! Fault injection: what can go wrong with a `call`, and the (seedable) dice that decide.

use std::time::Duration;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};

/// Faults injected into `call` requests. Rates are fractions in `0.0..=1.0`, checked in this
/// order: drop, lose answer, malformed, HTTP 500, busy (each request suffers at most one).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Faults {
    /// Delay before answering (JSON: `latency_ms`).
    #[serde(rename = "latency_ms", with = "millis")]
    pub latency: Duration,
    /// Answer the platform's `system_busy` code without applying the request.
    pub busy_rate: f64,
    /// Accept the request, then close the connection without an answer.
    pub drop_rate: f64,
    /// Apply the request, then close the connection without an answer: the client cannot
    /// tell whether it was applied, so only a safe retry (same idempotency key) is right.
    pub lose_answer_rate: f64,
    /// Answer HTTP 200 with a body that is not JSON.
    pub malformed_rate: f64,
    /// Answer HTTP 500.
    pub http_500_rate: f64,
    /// Seed of the dice: the same seed gives the same faults for the same request sequence.
    pub seed: Option<u64>,
    /// Also apply faults to token endpoints (off by default so that clients can always log in).
    pub token_endpoint: bool,
    /// Answer the next this many `call` requests with the busy code, whatever the dice say
    /// (a deterministic fault for demonstrations and tests).
    pub busy_next: u32,
}

/// What the dice decided for one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Answer normally.
    None,
    /// Close the connection without answering.
    Drop,
    /// Apply the request, then close the connection without answering.
    LoseAnswer,
    /// Answer a non-JSON body.
    Malformed,
    /// Answer HTTP 500.
    Http500,
    /// Answer the platform's busy code.
    Busy,
}

/// The faults in force with their dice.
pub struct FaultDice {
    faults: Faults,
    rng: StdRng,
}

impl FaultDice {
    /// Dice for `faults`, seeded from `faults.seed` or from the OS.
    pub fn new(faults: Faults) -> Self {
        let rng = match faults.seed {
            Some(seed) => StdRng::seed_from_u64(seed),
            None => StdRng::from_os_rng(),
        };
        FaultDice { faults, rng }
    }

    /// The faults in force.
    pub fn faults(&self) -> &Faults {
        &self.faults
    }

    /// Rolls for one request; `token` says whether it is for a token endpoint.
    pub fn roll(&mut self, token: bool) -> (Duration, Fault) {
        if token && !self.faults.token_endpoint {
            return (Duration::ZERO, Fault::None);
        }
        if self.faults.busy_next > 0 {
            self.faults.busy_next -= 1;
            return (self.faults.latency, Fault::Busy);
        }
        let f = &self.faults;
        let rates = [
            (f.drop_rate, Fault::Drop),
            (f.lose_answer_rate, Fault::LoseAnswer),
            (f.malformed_rate, Fault::Malformed),
            (f.http_500_rate, Fault::Http500),
            (f.busy_rate, Fault::Busy),
        ];
        let latency = f.latency;
        for (rate, fault) in rates {
            // Always draw, so that one fault's rate does not shift the others' sequences.
            let draw: f64 = self.rng.random();
            if rate.is_finite() && draw < rate {
                return (latency, fault);
            }
        }
        (latency, Fault::None)
    }
}

/// `Duration` as whole milliseconds in JSON/YAML.
mod millis {
    use std::time::Duration;

    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        u64::deserialize(d).map(Duration::from_millis)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_dice_repeat() {
        let faults = Faults {
            busy_rate: 0.5,
            drop_rate: 0.2,
            seed: Some(7),
            ..Faults::default()
        };
        let mut a = FaultDice::new(faults.clone());
        let mut b = FaultDice::new(faults);
        let ra: Vec<_> = (0..50).map(|_| a.roll(false)).collect();
        let rb: Vec<_> = (0..50).map(|_| b.roll(false)).collect();
        assert_eq!(ra, rb);
        assert!(ra.iter().any(|(_, f)| *f == Fault::Busy));
    }

    #[test]
    fn token_endpoint_spared_unless_asked() {
        let mut d = FaultDice::new(Faults {
            busy_rate: 1.0,
            ..Faults::default()
        });
        assert_eq!(d.roll(true).1, Fault::None);
        assert_eq!(d.roll(false).1, Fault::Busy);
    }

    #[test]
    fn json_shape() {
        let f: Faults =
            serde_json::from_str(r#"{"latency_ms": 20, "busy_rate": 1.0}"#).expect("parses");
        assert_eq!(f.latency, Duration::from_millis(20));
        assert_eq!(f.busy_rate, 1.0);
    }
}
