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

/// A credential on the page.
struct CredentialLine {
    title: String,
    kind: String,
    issued: String,
    /// `valid`, `revoked` or `pending`.
    status: &'static str,
    status_text: String,
    href: String,
    json_href: Option<String>,
    pdf_href: Option<String>,
}

/// A qualification on the page.
struct QualificationBlock {
    title: String,
    href: String,
    /// Its valid credential's page, once completed.
    credential_href: Option<String>,
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
    credentials: Vec<CredentialLine>,
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
    let held = lotse_store::credentials::of_person(&state.db, me.person.id).await?;
    let credential_of = |qualification: uuid::Uuid| {
        held.iter()
            .find(|c| c.qualification_id == Some(qualification) && c.revoked_at.is_none())
            .map(|c| format!("/nachweise/{}", c.id))
    };
    let qualifications = found
        .into_iter()
        .map(|q| {
            let done = q.completed_at.is_some();
            QualificationBlock {
                href: format!("/qualifizierungen/{}", q.id),
                credential_href: credential_of(q.id),
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
    let credentials = held
        .into_iter()
        .map(|c| {
            let status = c.status();
            CredentialLine {
                kind: lang.t(if c.offering_id.is_some() {
                    "credential-kind-module"
                } else {
                    "credential-kind-qualification"
                }),
                issued: day(Some(c.issued_at)).unwrap_or_default(),
                status,
                status_text: lang.t(&format!("path-credential-{status}")),
                href: format!("/nachweise/{}", c.id),
                json_href: c
                    .document
                    .as_ref()
                    .map(|_| format!("/nachweise/{}.json", c.id)),
                pdf_href: (status == "valid").then(|| format!("/nachweise/{}.pdf", c.id)),
                title: c.title,
            }
        })
        .collect();
    Ok(render(LearningPath {
        ctx: Ctx::new(lang, "/konto"),
        qualifications,
        credentials,
    }))
}

/// An employee's qualifications on the company's progress page.
struct EmployeeProgress {
    name: String,
    /// Element id, title, percent, "x of y hours" or the completion date.
    qualifications: Vec<(String, String, u32, String)>,
}

#[derive(Template)]
#[template(path = "qualifications/company_progress.html")]
struct CompanyProgress {
    ctx: Ctx,
    company: String,
    employees: Vec<EmployeeProgress>,
}

/// `GET /konto/unternehmen/{id}/lernfortschritt`: the company admin sees where each
/// employee stands in the qualifications they started.
pub async fn company_progress(
    State(state): State<AppState>,
    lang: Lang,
    SignedInPage(me): SignedInPage,
    crate::http::extract::PathId(company, _): crate::http::extract::PathId<
        crate::http::extract::NoSuchCompany,
    >,
) -> Result<Response, AppError> {
    use lotse_core::accounts::{Action, Decision, authorize};
    match authorize(Some(&me.actor), Action::ManageCompany(company)) {
        Decision::Allow => {}
        Decision::Forbidden => {
            return Ok(crate::http::page::error_page(
                lang,
                axum::http::StatusCode::FORBIDDEN,
                Vec::new(),
            ));
        }
        _ => {
            return Ok(crate::http::page::error_page(
                lang,
                axum::http::StatusCode::NOT_FOUND,
                Vec::new(),
            ));
        }
    }
    let Some(profile) = lotse_store::accounts::company(&state.db, company).await? else {
        return Ok(crate::http::page::error_page(
            lang,
            axum::http::StatusCode::NOT_FOUND,
            Vec::new(),
        ));
    };
    let now = jiff::Timestamp::now();
    let mut employees = Vec::new();
    let members = lotse_store::accounts::company_members(&state.db, company).await?;
    for (n, member) in members.into_iter().enumerate() {
        let qualifications =
            lotse_store::qualifications::progress_of(&state.db, member.person_id, now)
                .await?
                .into_iter()
                .enumerate()
                .map(|(m, q)| {
                    let done = q
                        .completed_at
                        .and_then(|at| jiff::Timestamp::from_second(at).ok());
                    let state = match done {
                        Some(at) => lang.t_args(
                            "company-progress-completed",
                            &[("date", format::date(lang, at).into())],
                        ),
                        None => lang.t_args(
                            "path-hours",
                            &[
                                ("hours", q.progress.hours.into()),
                                ("minimum", q.progress.minimum_hours.into()),
                            ],
                        ),
                    };
                    let percent = if done.is_some() {
                        100
                    } else {
                        q.progress.percent()
                    };
                    (format!("p-{n}-{m}"), q.title, percent, state)
                })
                .collect();
        employees.push(EmployeeProgress {
            name: member.name,
            qualifications,
        });
    }
    Ok(render(CompanyProgress {
        ctx: Ctx::new(lang, "/konto"),
        company: profile.name,
        employees,
    }))
}
