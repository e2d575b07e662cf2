//! lotse's HTTP layer: server-rendered pages and the JSON API from one router, laid
//! out by area. Each area (`catalogue`, `booking`, `accounts`, `companies`,
//! `assessment`, `qualifications`, `materials`, `webhooks`) keeps its API handlers, pages and templates together and exports its
//! routes; [`app`] merges them with the middleware, [`openapi`] the API's document.
//!
//! - [`application`]: [`Application::build`], shared by `lotse serve`, the tests and
//!   the benchmarks, and the background jobs it runs.
//! - [`http`]: what all areas share (errors, the signed-in person, extractors, forms,
//!   the page frame, the public cache); it knows no area.
//! - [`state`]: the state every handler reaches; [`error`]: the application's error,
//!   message keys with arguments that the HTTP layer writes in the reader's language.
//! - [`site`]: imprint, privacy notice, logo, colours, language switch, with the
//!   operator's texts from [`site_content`]; [`ops`]: health, readiness,
//!   metrics and static files.
//! - [`documents`]: PDF documents made with typst, off the async threads.
//! - [`mail`]: composing, queueing and sending mail; [`i18n`]: German first, English
//!   second, through Fluent; [`format`](mod@format): dates, times and prices for readers.

pub mod accounts;
pub mod app;
pub mod application;
pub mod assessment;
pub mod booking;
pub mod catalogue;
pub mod companies;
pub mod credentials;
pub mod documents;
pub mod error;
pub mod evaluations;
pub mod format;
pub mod http;
pub mod i18n;
pub mod mail;
pub mod materials;
pub mod openapi;
pub mod ops;
pub mod qualifications;
pub mod reporting;
pub mod site;
pub mod site_content;
pub mod state;
pub mod webhooks;

pub use app::{router, serve};
pub use application::{Application, Settings};
pub use state::{AppState, WebConfig};
