//! Peers of the same size class and sector: median and quartiles from five companies on.

use super::*;

/// Median and quartiles of a peer group's scores.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[allow(missing_docs)]
pub struct Quartiles {
    /// First quartile.
    pub q1: f64,
    pub median: f64,
    /// Third quartile.
    pub q3: f64,
}

/// Peers are compared only from this many companies on, so no single company's result
/// can be read off the figures.
pub const MIN_PEERS: usize = 5;

/// Quartiles of `values` (linear interpolation between the closest ranks, as most
/// spreadsheet programs compute them), or `None` below [`MIN_PEERS`] values.
pub fn peer_quartiles(values: &[f64]) -> Option<Quartiles> {
    if values.len() < MIN_PEERS {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let at = |p: f64| {
        let position = p * (sorted.len() - 1) as f64;
        let low = position.floor() as usize;
        let high = position.ceil() as usize;
        let low_value = sorted.get(low).copied().unwrap_or(0.0);
        let high_value = sorted.get(high).copied().unwrap_or(low_value);
        one_decimal(low_value + (high_value - low_value) * (position - low as f64))
    };
    Some(Quartiles {
        q1: at(0.25),
        median: at(0.5),
        q3: at(0.75),
    })
}
