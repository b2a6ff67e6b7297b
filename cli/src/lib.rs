//! The library behind the `gamechannel` command: the spec catalog and the mock platform, so
//! that tests and the tour can run them in-process.

#![warn(missing_docs)]

pub mod mock;
pub mod specs;
pub mod tour;
