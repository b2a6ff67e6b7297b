//! The tour's printed report: sections of steps, each passed or failed with one line of detail.

/// Counts and prints steps as they happen.
#[derive(Debug, Default)]
pub struct Report {
    steps: usize,
    failures: usize,
}

impl Report {
    /// Starts a section.
    pub fn section(&mut self, title: &str) {
        println!("\n{title}");
    }

    /// Records one step: `Ok(detail)` passed, `Err(why)` failed.
    pub fn step(&mut self, name: &str, outcome: Result<String, String>) -> bool {
        self.steps += 1;
        match outcome {
            Ok(detail) => {
                println!("  ok    {name:<28} {detail}");
                true
            }
            Err(why) => {
                self.failures += 1;
                println!("  FAIL  {name:<28} {why}");
                false
            }
        }
    }

    /// A detail line under the last step.
    pub fn note(&mut self, text: &str) {
        println!("        {text}");
    }

    /// Prints the summary; true when every step passed.
    pub fn finish(&self) -> bool {
        if self.failures == 0 {
            println!("\n{} steps, all behaved.", self.steps);
        } else {
            println!("\n{} of {} steps failed.", self.failures, self.steps);
        }
        self.failures == 0
    }
}

/// The first characters of a signature, enough to compare by eye.
pub fn short(value: &str) -> String {
    let head: String = value.chars().take(12).collect();
    if head.len() < value.len() {
        format!("{head}…")
    } else {
        head
    }
}
