//! The mock platform.
