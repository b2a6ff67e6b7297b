//! Value checks.
