//! Benchmarks of lotse at realistic scale.
//!
//! - [`synthetic`]: a deterministic generator of catalogue, companies, people and
//!   registrations, written in bulk (`lotse-seed`).
//! - [`nginx`]: Debian's nginx with the deployment's site in front of lotse processes,
//!   for the load through the proxy and the deployment test.
//! - The `lotse-bench` binary starts a release `lotse serve` on loopback against such a
//!   database and measures it with `wrk`.

pub mod nginx;
pub mod synthetic;
