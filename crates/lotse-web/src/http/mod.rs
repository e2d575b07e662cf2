//! What every area's handlers share: errors (problem+json and the error page), the
//! signed-in person and cookies, extractors, forms, the page frame and the public
//! cache. Nothing here knows an area.

pub mod auth;
pub mod error;
pub mod extract;
pub mod form;
pub mod limit;
pub mod page;
pub mod proxy;
pub mod public_cache;
