//! The Digitalisierungs-Check: a questionnaire kept as data, answers, and the scoring
//! that turns them into six dimension scores, an overall score and a band.
//!
//! Scoring is compatible with the EU's Digital Maturity Assessment (DMA): six
//! dimensions scored 0–100, the overall score the mean of the dimensions, and the DMA's
//! four bands. Unlike the DMA, every item can be answered "not relevant for us", which
//! takes it out of the denominator instead of counting as a gap. See
//! `docs/assessment-scoring.md` for the formula and a worked example.

use crate::catalogue::{Audience, Level, Topic};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

mod answers;
mod peers;
mod questionnaire;
mod recommendations;
mod scoring;

pub use answers::*;
pub use peers::*;
pub use questionnaire::*;
pub use recommendations::*;
pub use scoring::*;

#[cfg(test)]
mod tests;
