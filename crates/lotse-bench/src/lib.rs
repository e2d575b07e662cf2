//! Benchmarks of lotse at realistic scale.
//!
//! - [`synthetic`]: a deterministic generator of catalogue, companies, people and
//!   registrations, written in bulk (`lotse-seed`).
//! - The `lotse-bench` binary starts a release `lotse serve` on loopback against such a
//!   database and measures it with `wrk`.

pub mod synthetic;
