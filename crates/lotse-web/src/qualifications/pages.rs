//! "Mein Lernweg": per qualification a progress bar, the modules done and missing, and
//! the next sessions of the missing ones with a booking button.

use crate::error::AppError;
use crate::format;
use crate::http::auth::SignedInPage;
use crate::http::page::{Ctx, render};
use crate::i18n::Lang;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::Response;

/// A module line on the page.
struct ModuleLine {
    title: String,
    href: String,
    hours: i64,
    required: bool,
    /// "Abgeschlossen am …", when it is.
    completed: Option<String>,
    /// The next session's date, when not completed and one takes registrations.
    next: Option<String>,
    /// Where the booking button posts, when the person is not registered yet.
    book_action: Option<String>,
    booked: bool,
}

/// A qualification on the page.
struct QualificationBlock {
    title: String,
    href: String,
    completed: Option<String>,
    percent: u32,
    hours_text: String,
    missing_text: Option<String>,
    modules: Vec<ModuleLine>,
}

#[derive(Template)]
#[template(path = "qualifications/learning_path.html")]
struct LearningPath {
    ctx: Ctx,
    qualifications: Vec<QualificationBlock>,
}

/// `GET /konto/lernweg`.
pub async fn learning_path(
    State(state): State<AppState>,
    lang: Lang,
    SignedInPage(me): SignedInPage,
) -> Result<Response, AppError> {
    let day = |at: Option<i64>| {
        at.and_then(|s| jiff::Timestamp::from_second(s).ok())
            .map(|t| format::date(lang, t))
    };
    let found =
        lotse_store::qualifications::progress_of(&state.db, me.person.id, jiff::Timestamp::now())
            .await?;
    let qualifications = found
        .into_iter()
        .map(|q| {
            let done = q.completed_at.is_some();
            QualificationBlock {
                href: format!("/qualifizierungen/{}", q.id),
                completed: day(q.completed_at),
                percent: if done { 100 } else { q.progress.percent() },
                hours_text: lang.t_args(
                    "path-hours",
                    &[
                        ("hours", q.progress.hours.into()),
                        ("minimum", q.progress.minimum_hours.into()),
                    ],
                ),
                missing_text: (!done).then(|| {
                    lang.t_args(
                        "path-missing",
                        &[
                            ("required", q.progress.missing_required.len().into()),
                            ("hours", q.progress.hours_missing().into()),
                        ],
                    )
                }),
                modules: q
                    .modules
                    .iter()
                    .map(|m| {
                        let open = m.completed_at.is_none();
                        ModuleLine {
                            title: m.title.clone(),
                            href: format!("/angebote/{}", m.offering_id),
                            hours: m.hours,
                            required: m.required,
                            completed: day(m.completed_at),
                            next: if open { day(m.next_starts_at) } else { None },
                            book_action: match (open && !m.booked && !done, m.next_session) {
                                (true, Some(session)) => Some(format!(
                                    "/angebote/{}/termine/{session}/anmelden",
                                    m.offering_id
                                )),
                                _ => None,
                            },
                            booked: open && m.booked,
                        }
                    })
                    .collect(),
                title: q.title,
            }
        })
        .collect();
    Ok(render(LearningPath {
        ctx: Ctx::new(lang, "/konto"),
        qualifications,
    }))
}
