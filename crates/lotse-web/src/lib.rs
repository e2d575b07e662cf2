//! lotse's HTTP layer: server-rendered pages and the JSON API from one router.
//!
//! - [`app`] builds the router with its middleware (security headers, compression,
//!   limits, request ids, metrics) and serves it on a bound listener.
//! - [`catalogue`]: the catalogue's pages; [`api`]: the JSON API and its OpenAPI
//!   document; [`ops`]: health, readiness, metrics and static files.
//! - [`assessment`]: the Digitalisierungs-Check in the API.
//! - [`i18n`]: German first, English second, through Fluent; [`error`]: one error type
//!   that answers problem+json in the API and a friendly page in HTML.

pub mod account_pages;
pub mod accounts;
pub mod admin_pages;
pub mod api;
pub mod app;
pub mod assessment;
pub mod assessment_pages;
pub mod auth;
pub mod booking;
pub mod booking_pages;
pub mod calendar;
pub mod catalogue;
pub mod catalogue_edit;
pub mod checkin_pages;
pub mod companies;
pub mod company_pages;
pub mod editor_pages;
pub mod error;
pub mod format;
pub mod i18n;
pub mod mail;
pub mod ops;
pub mod pages;
pub mod public_cache;
pub mod report;

pub use app::{AppState, WebConfig, router, serve};
