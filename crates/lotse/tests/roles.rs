//! The role matrix, derived from the policy: every API route in the OpenAPI document
//! and every page route, called by every kind of actor (each role, in its own
//! organization and in another), must answer what `lotse_core::accounts::authorize`
//! decides for the action the route performs. A route without an entry fails the
//! test, so new routes must declare which action they perform; a handler that forgets
//! to ask the policy lets through someone the policy refuses, and fails it too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{TestApp, backends};
use lotse_core::accounts::{Action, Actor, Decision, Membership, Role, Scope, authorize};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use uuid::Uuid;

/// The actors; `World::actors` holds their accounts in this order.
const ACTORS: [&str; 12] = [
    "anonymous",
    "learner A",
    "company admin A",
    "learner B",
    "company admin B",
    "editor X",
    "editor Y",
    "social partner X",
    "social partner Z",
    "staff",
    "admin",
    "funder",
];

/// The order the rows run in. Company admin A goes last: other rows use that account
/// as the company's only admin and to sign in, and its own row ends by erasing it.
const ROW_ORDER: [usize; 12] = [0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 2];

/// The letter for an answer: `A` through (2xx, or 400/409 for input the route then
/// judged), `U` 401, `F` 403, `H` 404.
fn outcome(status: u16) -> char {
    match status {
        401 => 'U',
        403 => 'F',
        404 => 'H',
        s if s < 300 || s == 400 || s == 409 => 'A',
        s => panic!("unexpected status {s}"),
    }
}

/// The letter for a decision of the policy.
fn letter(decision: Decision) -> char {
    match decision {
        Decision::Allow => 'A',
        Decision::Unauthenticated => 'U',
        Decision::Forbidden => 'F',
        Decision::Hidden => 'H',
    }
}

struct World {
    /// Company A, whose learner, admin, check result and registrations the rows act on.
    company: Uuid,
    admin_a: String,
    learner_a: Uuid,
    qualification: String,
    /// One of the demo learner's credentials (revoked by the first caller allowed to).
    credential: String,
    /// Partner X, whose offering and session the rows act on.
    partner: Uuid,
    offering_x: String,
    /// One offering of partner X per actor, for the route that withdraws offerings.
    spare: Vec<String>,
    session_x: String,
    /// A complete set of answers ("not relevant" throughout) for the current questionnaire.
    answers: Value,
    /// A check result of company A.
    assessment_a: String,
    /// A check draft of learner A.
    draft_a: String,
    /// An API token of learner A.
    token_a: String,
    /// One registration per actor of learner A2, another employee of company A who is
    /// none of the actors, each for its own session of offering X.
    registrations_a2: Vec<String>,
    /// A webhook subscription of the staff account.
    webhook: String,
    /// An import file the staff account tried (one that cannot be imported).
    upload: String,
    /// A link for the participants of a session of offering X in which no actor has
    /// a seat.
    material_x: String,
    /// One material of offering X per actor for the API's removal, one for the page's.
    materials: Vec<String>,
    page_materials: Vec<String>,
}

/// What the policy says a caller gets; `None` is an anonymous caller.
type Expect = fn(&World, Option<&Actor>) -> Decision;

/// A public route: everyone gets through.
fn open(_: &World, _: Option<&Actor>) -> Decision {
    Decision::Allow
}

/// Public pages of something the operator has not configured: 404 for everyone.
fn nothing_configured(_: &World, _: Option<&Actor>) -> Decision {
    Decision::Hidden
}

/// A route on one's own account.
fn own_account(_: &World, actor: Option<&Actor>) -> Decision {
    authorize(actor, Action::ManageOwnAccount)
}

/// An object reached by link (a check result or draft): an anonymous caller is not
/// asked to sign in but told it does not exist, so the link reveals nothing.
fn unseen_by_anonymous(decision: Decision) -> Decision {
    match decision {
        Decision::Unauthenticated => Decision::Hidden,
        d => d,
    }
}

/// Learner A's own object (token, draft): nobody else finds it.
fn owned_by_learner_a(w: &World, actor: Option<&Actor>) -> Decision {
    match actor {
        None => Decision::Unauthenticated,
        Some(a) if a.person_id == w.learner_a => authorize(actor, Action::ManageOwnAccount),
        Some(_) => Decision::Hidden,
    }
}

/// Cancelling learner A2's registration: staff for anybody, company A's admins for
/// their employees; for everyone else it does not exist.
fn cancels_for_learner_a2(w: &World, actor: Option<&Actor>) -> Decision {
    if actor.is_none() {
        return Decision::Unauthenticated;
    }
    let decisions = [
        authorize(actor, Action::CancelAnyRegistration),
        authorize(actor, Action::CancelFor(w.company)),
    ];
    if decisions.contains(&Decision::Allow) {
        Decision::Allow
    } else {
        Decision::Hidden
    }
}

/// Leaving company A: only its members have a membership to end.
fn member_of_company_a(w: &World, actor: Option<&Actor>) -> Decision {
    match actor {
        None => Decision::Unauthenticated,
        Some(a)
            if a.memberships
                .iter()
                .any(|m| m.scope == Scope::Company(w.company)) =>
        {
            Decision::Allow
        }
        Some(_) => Decision::Hidden,
    }
}

/// The company booking page books for the first company the policy lets the actor
/// book for; without one it is forbidden.
fn books_for_a_company(_: &World, actor: Option<&Actor>) -> Decision {
    let Some(a) = actor else {
        return Decision::Unauthenticated;
    };
    let may = a.memberships.iter().any(|m| match m.scope {
        Scope::Company(c) => authorize(actor, Action::BookFor(c)) == Decision::Allow,
        _ => false,
    });
    if may {
        Decision::Allow
    } else {
        Decision::Forbidden
    }
}

/// Webhooks are for whoever may subscribe for some scope: staff, a partner's editors.
fn uses_webhooks(_: &World, actor: Option<&Actor>) -> Decision {
    let Some(a) = actor else {
        return Decision::Unauthenticated;
    };
    let partners = a.memberships.iter().filter_map(|m| match m.scope {
        Scope::Partner(p) => Some(Some(p)),
        _ => None,
    });
    let may = std::iter::once(None)
        .chain(partners)
        .any(|scope| authorize(actor, Action::ManageWebhooks(scope)) == Decision::Allow);
    if may {
        Decision::Allow
    } else {
        Decision::Forbidden
    }
}

/// The import is for whoever edits some partner's offerings.
fn imports_offerings(w: &World, actor: Option<&Actor>) -> Decision {
    let Some(a) = actor else {
        return Decision::Unauthenticated;
    };
    let partners = a.memberships.iter().filter_map(|m| match m.scope {
        Scope::Partner(p) => Some(p),
        _ => None,
    });
    let may = std::iter::once(w.partner)
        .chain(partners)
        .any(|p| authorize(actor, Action::EditPartnerCatalogue(p)) == Decision::Allow);
    if may {
        Decision::Allow
    } else {
        Decision::Forbidden
    }
}

/// The staff account's import file: other importers do not find it.
fn staffs_upload(w: &World, actor: Option<&Actor>) -> Decision {
    match imports_offerings(w, actor) {
        Decision::Allow if actor.is_some_and(|a| a.has_role(Role::Staff)) => Decision::Allow,
        Decision::Allow => Decision::Hidden,
        d => d,
    }
}

/// The staff account's subscription: other users of webhooks do not find it.
fn staffs_webhook(w: &World, actor: Option<&Actor>) -> Decision {
    match uses_webhooks(w, actor) {
        Decision::Allow if actor.is_some_and(|a| a.has_role(Role::Staff)) => Decision::Allow,
        Decision::Allow => Decision::Hidden,
        d => d,
    }
}

/// A material for participants of a session in which none of the actors has a seat:
/// only the offering's editors get through, visitors are asked to sign in.
fn opens_participant_material(w: &World, actor: Option<&Actor>) -> Decision {
    match authorize(actor, Action::EditPartnerCatalogue(w.partner)) {
        Decision::Forbidden => Decision::Hidden,
        decision => decision,
    }
}

fn offering_body(partner: Uuid, title: &str) -> Value {
    json!({
        "kind": "workshop", "title": title, "summary": "Ein Testangebot.", "description": "Beschreibung.",
        "learning_outcomes": ["Sie können testen."], "topics": ["logistik-4-0"], "audiences": ["beschaeftigte"],
        "duration_hours": 4, "format": "presence", "partner_id": partner, "price_cents": 0, "language": "de", "level": "basic"
    })
}

/// Method, path (as in OpenAPI), expectations, and how to call it for an actor.
type Call = fn(&World, usize) -> (reqwest::Method, String, Option<Value>);

fn matrix() -> Vec<(&'static str, &'static str, Expect, Call)> {
    use reqwest::Method as M;
    vec![
        ("GET", "/api/v1/offerings", open, |_, _| {
            (M::GET, "/api/v1/offerings".into(), None)
        }),
        ("GET", "/api/v1/offerings/{id}", open, |w, _| {
            (M::GET, format!("/api/v1/offerings/{}", w.offering_x), None)
        }),
        ("GET", "/api/v1/offerings/suggestions", open, |_, _| {
            (M::GET, "/api/v1/offerings/suggestions?q=Lager".into(), None)
        }),
        ("GET", "/api/v1/challenge", open, |_, _| {
            (M::GET, "/api/v1/challenge?text=Lager".into(), None)
        }),
        ("GET", "/api/v1/feed/offerings", open, |_, _| {
            (M::GET, "/api/v1/feed/offerings?limit=5".into(), None)
        }),
        // Anybody may ask to hear of new dates: signed-in people for themselves,
        // visitors with an address.
        ("POST", "/api/v1/offerings/{id}/interest", open, |w, _| {
            (
                M::POST,
                format!("/api/v1/offerings/{}/interest", w.offering_x),
                Some(json!({ "email": "matrix@beispiel.de" })),
            )
        }),
        // Materials: lists for anybody (each sees what is theirs to see); adding and
        // removing for the offering's editors. The JSON body is refused after the
        // policy let the caller through.
        ("GET", "/api/v1/offerings/{id}/materials", open, |w, _| {
            (
                M::GET,
                format!("/api/v1/offerings/{}/materials", w.offering_x),
                None,
            )
        }),
        (
            "POST",
            "/api/v1/offerings/{id}/materials",
            |w, a| authorize(a, Action::EditPartnerCatalogue(w.partner)),
            |w, _| {
                (
                    M::POST,
                    format!("/api/v1/offerings/{}/materials", w.offering_x),
                    Some(json!({ "url": "https://example.org/folien" })),
                )
            },
        ),
        ("GET", "/api/v1/sessions/{id}/materials", open, |w, _| {
            (
                M::GET,
                format!("/api/v1/sessions/{}/materials", w.session_x),
                None,
            )
        }),
        (
            "POST",
            "/api/v1/sessions/{id}/materials",
            |w, a| authorize(a, Action::EditPartnerCatalogue(w.partner)),
            |w, _| {
                (
                    M::POST,
                    format!("/api/v1/sessions/{}/materials", w.session_x),
                    Some(json!({ "url": "https://example.org/folien" })),
                )
            },
        ),
        (
            "DELETE",
            "/api/v1/materials/{id}",
            |w, a| authorize(a, Action::EditPartnerCatalogue(w.partner)),
            |w, n| {
                (
                    M::DELETE,
                    format!("/api/v1/materials/{}", w.materials[n]),
                    None,
                )
            },
        ),
        ("GET", "/api/v1/assessment/questionnaire", open, |_, _| {
            (M::GET, "/api/v1/assessment/questionnaire".into(), None)
        }),
        // A complete check attached to company A: its members and the center only.
        (
            "POST",
            "/api/v1/assessments",
            |w, a| authorize(a, Action::ViewCompany(w.company)),
            |w, _| {
                let mut body = w.answers.clone();
                body["company_id"] = json!(w.company);
                (M::POST, "/api/v1/assessments".into(), Some(body))
            },
        ),
        // Company A's result is invisible to everyone else, even anonymous callers.
        (
            "GET",
            "/api/v1/assessments/{id}",
            |w, a| unseen_by_anonymous(authorize(a, Action::ViewCompany(w.company))),
            |w, _| {
                (
                    M::GET,
                    format!("/api/v1/assessments/{}", w.assessment_a),
                    None,
                )
            },
        ),
        (
            "GET",
            "/api/v1/assessments/{id}/report.pdf",
            |w, a| unseen_by_anonymous(authorize(a, Action::ViewCompany(w.company))),
            |w, _| {
                (
                    M::GET,
                    format!("/api/v1/assessments/{}/report.pdf", w.assessment_a),
                    None,
                )
            },
        ),
        ("GET", "/api/v1/topics", open, |_, _| {
            (M::GET, "/api/v1/topics".into(), None)
        }),
        ("GET", "/api/v1/audiences", open, |_, _| {
            (M::GET, "/api/v1/audiences".into(), None)
        }),
        ("GET", "/api/v1/partners", open, |_, _| {
            (M::GET, "/api/v1/partners".into(), None)
        }),
        ("GET", "/api/v1/places", open, |_, _| {
            (M::GET, "/api/v1/places".into(), None)
        }),
        ("GET", "/api/v1/counties", open, |_, _| {
            (M::GET, "/api/v1/counties".into(), None)
        }),
        ("GET", "/api/v1/qualifications", open, |_, _| {
            (M::GET, "/api/v1/qualifications".into(), None)
        }),
        ("GET", "/api/v1/qualifications/{id}", open, |w, _| {
            (
                M::GET,
                format!("/api/v1/qualifications/{}", w.qualification),
                None,
            )
        }),
        ("POST", "/api/v1/auth/register", open, |_, n| {
            (
                M::POST,
                "/api/v1/auth/register".into(),
                Some(
                    json!({ "email": format!("neu{n}-{}@beispiel.de", Uuid::now_v7().simple()), "password": "Ein langes Passwort für Tests", "name": "Neu" }),
                ),
            )
        }),
        ("POST", "/api/v1/auth/login", open, |_, _| {
            (
                M::POST,
                "/api/v1/auth/login".into(),
                Some(json!({ "email": "company@demo.lotse.de", "password": "demo-lotse-2026" })),
            )
        }),
        ("POST", "/api/v1/auth/confirm", open, |_, _| {
            (
                M::POST,
                "/api/v1/auth/confirm".into(),
                Some(json!({ "token": "ungültig" })),
            )
        }),
        ("POST", "/api/v1/auth/password-reset", open, |_, _| {
            (
                M::POST,
                "/api/v1/auth/password-reset".into(),
                Some(json!({ "email": "niemand@beispiel.de" })),
            )
        }),
        (
            "POST",
            "/api/v1/auth/password-reset/complete",
            open,
            |_, _| {
                (
                    M::POST,
                    "/api/v1/auth/password-reset/complete".into(),
                    Some(json!({ "token": "x", "password": "Ein langes Passwort für Tests" })),
                )
            },
        ),
        ("GET", "/api/v1/me", own_account, |_, _| {
            (M::GET, "/api/v1/me".into(), None)
        }),
        ("POST", "/api/v1/me/password", own_account, |_, _| {
            (
                M::POST,
                "/api/v1/me/password".into(),
                Some(
                    json!({ "current_password": "falsch", "new_password": "Ein langes Passwort für Tests" }),
                ),
            )
        }),
        ("GET", "/api/v1/me/export", own_account, |_, _| {
            (M::GET, "/api/v1/me/export".into(), None)
        }),
        ("GET", "/api/v1/me/tokens", own_account, |_, _| {
            (M::GET, "/api/v1/me/tokens".into(), None)
        }),
        ("POST", "/api/v1/me/tokens", own_account, |_, _| {
            (
                M::POST,
                "/api/v1/me/tokens".into(),
                Some(json!({ "name": "Matrix" })),
            )
        }),
        // Learner A's token: any other caller finds nothing to revoke.
        (
            "DELETE",
            "/api/v1/me/tokens/{id}",
            owned_by_learner_a,
            |w, _| (M::DELETE, format!("/api/v1/me/tokens/{}", w.token_a), None),
        ),
        (
            "POST",
            "/api/v1/admin/people",
            |_, a| authorize(a, Action::CreatePeople),
            |_, n| {
                (
                    M::POST,
                    "/api/v1/admin/people".into(),
                    Some(
                        json!({ "email": format!("tel{n}-{}@beispiel.de", Uuid::now_v7().simple()), "name": "Telefon" }),
                    ),
                )
            },
        ),
        (
            "GET",
            "/api/v1/admin/audit-log",
            |_, a| authorize(a, Action::ViewAuditLog),
            |_, _| (M::GET, "/api/v1/admin/audit-log".into(), None),
        ),
        (
            "GET",
            "/api/v1/companies/{id}",
            |w, a| authorize(a, Action::ViewCompany(w.company)),
            |w, _| (M::GET, format!("/api/v1/companies/{}", w.company), None),
        ),
        (
            "PUT",
            "/api/v1/companies/{id}",
            |w, a| authorize(a, Action::ManageCompany(w.company)),
            |w, _| {
                (
                    M::PUT,
                    format!("/api/v1/companies/{}", w.company),
                    Some(
                        json!({ "name": "Firma A", "sector": "C", "staff_count": 12, "county": "12052" }),
                    ),
                )
            },
        ),
        (
            "GET",
            "/api/v1/companies/{id}/members",
            |w, a| authorize(a, Action::ManageCompany(w.company)),
            |w, _| {
                (
                    M::GET,
                    format!("/api/v1/companies/{}/members", w.company),
                    None,
                )
            },
        ),
        (
            "GET",
            "/api/v1/companies/{id}/member-of",
            |w, a| authorize(a, Action::ManageCompany(w.company)),
            |w, _| {
                (
                    M::GET,
                    format!("/api/v1/companies/{}/member-of", w.company),
                    None,
                )
            },
        ),
        // Declaring no membership: allowed callers change nothing.
        (
            "PUT",
            "/api/v1/companies/{id}/member-of",
            |w, a| authorize(a, Action::ManageCompany(w.company)),
            |w, _| {
                (
                    M::PUT,
                    format!("/api/v1/companies/{}/member-of", w.company),
                    Some(serde_json::json!({ "partners": [] })),
                )
            },
        ),
        (
            "POST",
            "/api/v1/companies/{id}/invitations",
            |w, a| authorize(a, Action::ManageCompany(w.company)),
            |w, _| {
                (
                    M::POST,
                    format!("/api/v1/companies/{}/invitations", w.company),
                    Some(json!({ "email": "kollegin@beispiel.de" })),
                )
            },
        ),
        ("POST", "/api/v1/invitations/accept", own_account, |_, _| {
            (
                M::POST,
                "/api/v1/invitations/accept".into(),
                Some(json!({ "token": "ungültig" })),
            )
        }),
        // The target is the company's only admin, so an allowed call ends in 409 and
        // changes nothing for the later cells.
        (
            "DELETE",
            "/api/v1/companies/{id}/members/{person_id}",
            |w, a| authorize(a, Action::ManageCompany(w.company)),
            |w, _| {
                (
                    M::DELETE,
                    format!("/api/v1/companies/{}/members/{}", w.company, w.admin_a),
                    None,
                )
            },
        ),
        (
            "POST",
            "/api/v1/offerings",
            |w, a| authorize(a, Action::EditPartnerCatalogue(w.partner)),
            |w, n| {
                (
                    M::POST,
                    "/api/v1/offerings".into(),
                    Some(offering_body(w.partner, &format!("Matrix {n}"))),
                )
            },
        ),
        (
            "PUT",
            "/api/v1/offerings/{id}",
            |w, a| authorize(a, Action::EditPartnerCatalogue(w.partner)),
            |w, n| {
                (
                    M::PUT,
                    format!("/api/v1/offerings/{}", w.offering_x),
                    Some(offering_body(w.partner, &format!("Geändert {n}"))),
                )
            },
        ),
        (
            "POST",
            "/api/v1/offerings/{id}/sessions",
            |w, a| authorize(a, Action::EditPartnerCatalogue(w.partner)),
            |w, _| {
                (
                    M::POST,
                    format!("/api/v1/offerings/{}/sessions", w.offering_x),
                    Some(
                        json!({ "starts_at": "2031-03-04T09:00", "ends_at": "2031-03-04T12:00", "capacity": 12, "online_link": "https://konferenz.example.org/x" }),
                    ),
                )
            },
        ),
        (
            "DELETE",
            "/api/v1/offerings/{id}",
            |w, a| authorize(a, Action::EditPartnerCatalogue(w.partner)),
            |w, n| (M::DELETE, format!("/api/v1/offerings/{}", w.spare[n]), None),
        ),
        (
            "POST",
            "/api/v1/sessions/{id}/registrations",
            own_account,
            |w, _| {
                (
                    M::POST,
                    format!("/api/v1/sessions/{}/registrations", w.session_x),
                    None,
                )
            },
        ),
        (
            "GET",
            "/api/v1/sessions/{id}/registrations",
            |w, a| authorize(a, Action::ViewParticipants(w.partner)),
            |w, _| {
                (
                    M::GET,
                    format!("/api/v1/sessions/{}/registrations", w.session_x),
                    None,
                )
            },
        ),
        ("GET", "/api/v1/me/registrations", own_account, |_, _| {
            (M::GET, "/api/v1/me/registrations".into(), None)
        }),
        // Learner A2's registrations, one per actor, as allowed rows use them up.
        (
            "DELETE",
            "/api/v1/registrations/{id}",
            cancels_for_learner_a2,
            |w, n| {
                (
                    M::DELETE,
                    format!("/api/v1/registrations/{}", w.registrations_a2[n]),
                    None,
                )
            },
        ),
        (
            "PATCH",
            "/api/v1/sessions/{id}",
            |w, a| authorize(a, Action::EditPartnerCatalogue(w.partner)),
            |w, _| {
                (
                    M::PATCH,
                    format!("/api/v1/sessions/{}", w.session_x),
                    Some(json!({ "capacity": 40 })),
                )
            },
        ),
        (
            "POST",
            "/api/v1/sessions/{id}/checkins",
            |w, a| authorize(a, Action::CheckIn(w.partner)),
            |w, _| {
                (
                    M::POST,
                    format!("/api/v1/sessions/{}/checkins", w.session_x),
                    Some(json!({ "ticket": "GIBTESNICHT" })),
                )
            },
        ),
        (
            "POST",
            "/api/v1/offerings/import",
            imports_offerings,
            |_, _| {
                // An empty file: refused as input (400) by whoever may import.
                (
                    M::POST,
                    "/api/v1/offerings/import?dry_run=true".into(),
                    None,
                )
            },
        ),
        ("GET", "/api/v1/webhooks", uses_webhooks, |_, _| {
            (M::GET, "/api/v1/webhooks".into(), None)
        }),
        (
            "POST",
            "/api/v1/webhooks",
            |w, a| authorize(a, Action::ManageWebhooks(Some(w.partner))),
            |w, _| {
                (
                    M::POST,
                    "/api/v1/webhooks".into(),
                    Some(
                        json!({ "url": "https://hooks.example.org/lotse", "events": ["registration.created"], "partner_id": w.partner }),
                    ),
                )
            },
        ),
        (
            "GET",
            "/api/v1/webhooks/{id}/deliveries",
            staffs_webhook,
            |w, _| {
                (
                    M::GET,
                    format!("/api/v1/webhooks/{}/deliveries", w.webhook),
                    None,
                )
            },
        ),
        (
            "POST",
            "/api/v1/webhooks/{id}/test",
            staffs_webhook,
            |w, _| {
                (
                    M::POST,
                    format!("/api/v1/webhooks/{}/test", w.webhook),
                    None,
                )
            },
        ),
        ("PATCH", "/api/v1/webhooks/{id}", staffs_webhook, |w, _| {
            (
                M::PATCH,
                format!("/api/v1/webhooks/{}", w.webhook),
                Some(json!({ "active": true })),
            )
        }),
        ("POST", "/api/v1/me/calendar-feed", own_account, |_, _| {
            (M::POST, "/api/v1/me/calendar-feed".into(), None)
        }),
        ("DELETE", "/api/v1/me/calendar-feed", own_account, |_, _| {
            (M::DELETE, "/api/v1/me/calendar-feed".into(), None)
        }),
        // An empty title: the center's staff get 400, nothing is written.
        (
            "POST",
            "/api/v1/qualifications",
            |_, a| authorize(a, Action::ManageQualifications),
            |_, _| {
                (
                    M::POST,
                    "/api/v1/qualifications".into(),
                    Some(
                        json!({ "title": "", "summary": "", "description": "", "required": [], "minimum_hours": 0 }),
                    ),
                )
            },
        ),
        (
            "PUT",
            "/api/v1/qualifications/{id}",
            |_, a| authorize(a, Action::ManageQualifications),
            |w, _| {
                (
                    M::PUT,
                    format!("/api/v1/qualifications/{}", w.qualification),
                    Some(
                        json!({ "title": "", "summary": "", "description": "", "required": [], "minimum_hours": 0 }),
                    ),
                )
            },
        ),
        ("GET", "/api/v1/me/credentials", own_account, |_, _| {
            (M::GET, "/api/v1/me/credentials".into(), None)
        }),
        ("GET", "/api/v1/credentials/{id}/verify", open, |w, _| {
            (
                M::GET,
                format!("/api/v1/credentials/{}/verify", w.credential),
                None,
            )
        }),
        ("POST", "/api/v1/credentials/verify", open, |w, _| {
            (
                M::POST,
                "/api/v1/credentials/verify".into(),
                Some(json!({ "id": format!("http://127.0.0.1/nachweise/{}", w.credential) })),
            )
        }),
        // The first allowed caller revokes (204), the next ones are told it is (409).
        (
            "POST",
            "/api/v1/credentials/{id}/revocation",
            |_, a| authorize(a, Action::RevokeCredential),
            |w, _| {
                (
                    M::POST,
                    format!("/api/v1/credentials/{}/revocation", w.credential),
                    Some(json!({ "reason": "Rollenprüfung" })),
                )
            },
        ),
        // Revoked above: the first allowed caller reissues (201), the next get 409.
        (
            "POST",
            "/api/v1/credentials/{id}/reissue",
            |_, a| authorize(a, Action::RevokeCredential),
            |w, _| {
                (
                    M::POST,
                    format!("/api/v1/credentials/{}/reissue", w.credential),
                    None,
                )
            },
        ),
        ("GET", "/api/v1/me/qualifications", own_account, |_, _| {
            (M::GET, "/api/v1/me/qualifications".into(), None)
        }),
        (
            "GET",
            "/api/v1/reports/kpis",
            |w, a| authorize(a, Action::ViewReach(Some(w.partner))),
            |w, _| {
                (
                    M::GET,
                    format!("/api/v1/reports/kpis?group_by=county&partner={}", w.partner),
                    None,
                )
            },
        ),
        (
            "GET",
            "/api/v1/reports/evaluations",
            |w, a| authorize(a, Action::ViewReach(Some(w.partner))),
            |w, _| {
                (
                    M::GET,
                    format!("/api/v1/reports/evaluations?partner={}", w.partner),
                    None,
                )
            },
        ),
        // Taking back nobody's attendance: allowed callers get 200, nothing changes.
        (
            "PATCH",
            "/api/v1/sessions/{id}/attendance",
            |w, a| authorize(a, Action::WithdrawAttendance(w.partner)),
            |w, _| {
                (
                    M::PATCH,
                    format!("/api/v1/sessions/{}/attendance", w.session_x),
                    Some(json!({ "registrations": [], "attended": false })),
                )
            },
        ),
        // Session X has not ended: allowed callers get 409.
        (
            "POST",
            "/api/v1/sessions/{id}/attendance",
            |w, a| authorize(a, Action::CheckIn(w.partner)),
            |w, _| {
                (
                    M::POST,
                    format!("/api/v1/sessions/{}/attendance", w.session_x),
                    None,
                )
            },
        ),
        (
            "POST",
            "/api/v1/sessions/{id}/cancel",
            |w, a| authorize(a, Action::EditPartnerCatalogue(w.partner)),
            |w, _| {
                (
                    M::POST,
                    format!("/api/v1/sessions/{}/cancel", w.session_x),
                    None,
                )
            },
        ),
        // Deletes the staff account's subscription: after the others.
        ("DELETE", "/api/v1/webhooks/{id}", staffs_webhook, |w, _| {
            (M::DELETE, format!("/api/v1/webhooks/{}", w.webhook), None)
        }),
        // Self-destructive routes last, in this order.
        (
            "DELETE",
            "/api/v1/me/companies/{id}",
            member_of_company_a,
            |w, _| {
                (
                    M::DELETE,
                    format!("/api/v1/me/companies/{}", w.company),
                    None,
                )
            },
        ),
        ("DELETE", "/api/v1/me/sessions", own_account, |_, _| {
            (M::DELETE, "/api/v1/me/sessions".into(), None)
        }),
        ("POST", "/api/v1/auth/logout", own_account, |_, _| {
            (M::POST, "/api/v1/auth/logout".into(), None)
        }),
        ("DELETE", "/api/v1/me", own_account, |_, _| {
            (M::DELETE, "/api/v1/me".into(), None)
        }),
    ]
}

async fn login(app: &TestApp, email: &str, password: &str) -> String {
    let r = app
        .client
        .post(format!("{}/api/v1/auth/login", app.base))
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200, "login {email}");
    let cookie = r.headers()["set-cookie"].to_str().unwrap();
    cookie
        .split(';')
        .next()
        .unwrap()
        .trim_start_matches("lotse_session=")
        .to_owned()
}

async fn get_json(app: &TestApp, path: &str, cookie: Option<&str>) -> Value {
    let mut r = app.client.get(format!("{}{path}", app.base));
    if let Some(c) = cookie {
        r = r.header("cookie", format!("lotse_session={c}"));
    }
    r.send().await.unwrap().json().await.unwrap()
}

/// An actor's account and what the policy knows about them.
struct Persona {
    email: &'static str,
    password: &'static str,
    actor: Actor,
}

const DEMO: &str = "demo-lotse-2026";
const OWN_PASSWORD: &str = "Ein eigenes Passwort der Matrix";

/// Sends `body` as JSON with `cookie` and returns the answer's JSON.
async fn post_json(app: &TestApp, path: &str, cookie: &str, body: Value) -> Value {
    let r = app
        .client
        .post(format!("{}{path}", app.base))
        .header("cookie", format!("lotse_session={cookie}"))
        .header("origin", app.base.clone())
        .json(&body)
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "POST {path}: {}", r.status());
    r.json().await.unwrap()
}

fn id_of(v: &Value) -> Uuid {
    v["id"].as_str().unwrap().parse().unwrap()
}

/// Creates a confirmed account through staff, with the roles the admin API grants for
/// `company` (learner), and then `extra` directly in the store.
async fn create_person(
    app: &TestApp,
    staff: &str,
    email: &str,
    company: Option<Uuid>,
    extra: Option<Membership>,
) -> Uuid {
    let mut body = json!({ "email": email, "name": email, "password": OWN_PASSWORD });
    if let Some(c) = company {
        body["company_id"] = json!(c);
    }
    let id = id_of(&post_json(app, "/api/v1/admin/people", staff, body).await);
    if let Some(m) = extra {
        lotse_store::accounts::add_membership(&app.db, id, m, 0)
            .await
            .unwrap();
    }
    id
}

/// The policy's view of an account, read from the store the server uses.
async fn persona(app: &TestApp, email: &'static str, password: &'static str) -> Persona {
    let me = get_json(app, "/api/v1/me", Some(&login(app, email, password).await)).await;
    let person_id = id_of(&me);
    let memberships = lotse_store::accounts::memberships(&app.db, person_id)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.membership)
        .collect();
    Persona {
        email,
        password,
        actor: Actor {
            person_id,
            email_confirmed: true,
            memberships,
        },
    }
}

/// Creates the accounts the demo lacks (learner B, editor Y, social partner X,
/// learner A2) and finds or makes the objects of the matrix.
async fn setup(app: &TestApp) -> (World, Vec<Option<Persona>>) {
    let staff = login(app, "staff@demo.lotse.de", DEMO).await;
    let partner_x: Uuid = id_of(
        &get_json(
            app,
            "/api/v1/me",
            Some(&login(app, "partner@demo.lotse.de", DEMO).await),
        )
        .await["organizations"][0],
    );
    let partners = get_json(app, "/api/v1/partners", None).await;
    let partner_y: Uuid = partners["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] != partner_x.to_string().as_str() && p["kind"] == "consortium_member")
        .map(id_of)
        .unwrap();
    let learner = login(app, "learner@demo.lotse.de", DEMO).await;
    let learner_me = get_json(app, "/api/v1/me", Some(&learner)).await;
    let company_a = id_of(&learner_me["organizations"][0]);
    let company_b = id_of(
        &get_json(
            app,
            "/api/v1/me",
            Some(&login(app, "firma2@demo.lotse.de", DEMO).await),
        )
        .await["organizations"][0],
    );
    create_person(
        app,
        &staff,
        "learner-b@demo.lotse.de",
        Some(company_b),
        None,
    )
    .await;
    create_person(
        app,
        &staff,
        "editor-y@demo.lotse.de",
        None,
        Some(Membership {
            role: Role::PartnerEditor,
            scope: Scope::Partner(partner_y),
        }),
    )
    .await;
    create_person(
        app,
        &staff,
        "social-x@demo.lotse.de",
        None,
        Some(Membership {
            role: Role::SocialPartner,
            scope: Scope::Partner(partner_x),
        }),
    )
    .await;
    create_person(
        app,
        &staff,
        "learner-a2@demo.lotse.de",
        Some(company_a),
        None,
    )
    .await;

    let questionnaire = get_json(app, "/api/v1/assessment/questionnaire", None).await;
    let mut items = serde_json::Map::new();
    for d in questionnaire["dimensions"].as_array().unwrap() {
        for i in d["items"].as_array().unwrap() {
            items.insert(i["key"].as_str().unwrap().to_owned(), json!("not_relevant"));
        }
    }
    let answers = json!({ "version": questionnaire["version"], "answers": items });
    let mut body = answers.clone();
    body["company_id"] = json!(company_a);
    let assessment_a = id_of(&post_json(app, "/api/v1/assessments", &learner, body).await);
    let draft_a = app
        .client
        .post(format!("{}/check", app.base))
        .header("cookie", format!("lotse_session={learner}"))
        .header("origin", app.base.clone())
        .send()
        .await
        .unwrap()
        .headers()["location"]
        .to_str()
        .unwrap()
        .trim_start_matches("/check/")
        .trim_end_matches("/schritt/1")
        .to_owned();
    let token_a = id_of(
        &post_json(
            app,
            "/api/v1/me/tokens",
            &learner,
            json!({ "name": "Matrix" }),
        )
        .await,
    );
    let offerings = get_json(
        app,
        &format!("/api/v1/offerings?partner={partner_x}&limit=1"),
        None,
    )
    .await;
    let offering_x = offerings["items"][0]["id"].as_str().unwrap().to_owned();
    let detail = get_json(app, &format!("/api/v1/offerings/{offering_x}"), None).await;
    let learner_a2 = login(app, "learner-a2@demo.lotse.de", OWN_PASSWORD).await;
    let mut spare = Vec::new();
    let mut registrations_a2 = Vec::new();
    let mut sessions_a2 = Vec::new();
    for n in 0..ACTORS.len() {
        let offering = post_json(
            app,
            "/api/v1/offerings",
            &staff,
            offering_body(partner_x, &format!("Reserve {n}")),
        )
        .await;
        spare.push(id_of(&offering).to_string());
        let session = post_json(
            app,
            &format!("/api/v1/offerings/{offering_x}/sessions"),
            &staff,
            json!({ "starts_at": format!("2031-04-{:02}T09:00", n + 1), "ends_at": format!("2031-04-{:02}T12:00", n + 1), "capacity": 12, "online_link": "https://konferenz.example.org/x" }),
        )
        .await;
        let booked = post_json(
            app,
            &format!("/api/v1/sessions/{}/registrations", id_of(&session)),
            &learner_a2,
            json!({}),
        )
        .await;
        registrations_a2.push(id_of(&booked["items"][0]).to_string());
        sessions_a2.push(id_of(&session));
    }
    let staff_id: Uuid = get_json(app, "/api/v1/me", Some(&staff)).await["id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let upload = Uuid::now_v7();
    lotse_store::catalogue::keep_upload(
        &app.db,
        upload,
        staff_id,
        "farben.csv",
        b"farbe\nrot\n",
        jiff::Timestamp::now(),
    )
    .await
    .unwrap();
    let material = |session: Option<Uuid>, title: &str| {
        let (db, offering) = (app.db.clone(), offering_x.clone());
        let title = title.to_owned();
        async move {
            let id = Uuid::now_v7();
            lotse_store::catalogue::add_material(
                &db,
                &lotse_store::catalogue::Material {
                    id,
                    offering_id: offering.parse().unwrap(),
                    session_id: session,
                    title,
                    audience: "participants".into(),
                    url: Some("https://cloud.example.org/s/folien".into()),
                    file_name: None,
                    content_type: None,
                    size_bytes: None,
                    sha256: None,
                    created_at: 0,
                },
                staff_id,
            )
            .await
            .unwrap();
            id.to_string()
        }
    };
    let material_x = material(Some(sessions_a2[0]), "Folien für A2").await;
    let mut materials = Vec::new();
    let mut page_materials = Vec::new();
    for n in 0..ACTORS.len() {
        materials.push(material(None, &format!("API {n}")).await);
        page_materials.push(material(None, &format!("Seite {n}")).await);
    }
    let credential: uuid::Uuid = lotse_store::on_reader!(&app.db, pool => {
        sqlx::query_scalar("SELECT id FROM credentials ORDER BY issued_at, id LIMIT 1")
            .fetch_one(pool)
            .await
            .unwrap()
    });
    let world = World {
        credential: credential.to_string(),
        material_x,
        materials,
        page_materials,
        upload: upload.to_string(),
        company: company_a,
        admin_a: get_json(
            app,
            "/api/v1/me",
            Some(&login(app, "company@demo.lotse.de", DEMO).await),
        )
        .await["id"]
            .as_str()
            .unwrap()
            .to_owned(),
        learner_a: id_of(&learner_me),
        qualification: get_json(app, "/api/v1/qualifications", None).await["items"][0]["id"]
            .as_str()
            .unwrap()
            .to_owned(),
        partner: partner_x,
        offering_x,
        spare,
        session_x: detail["sessions"][0]["id"].as_str().unwrap().to_owned(),
        answers,
        assessment_a: assessment_a.to_string(),
        draft_a,
        token_a: token_a.to_string(),
        registrations_a2,
        webhook: post_json(
            app,
            "/api/v1/webhooks",
            &staff,
            json!({ "url": "https://hooks.example.org/staff", "events": ["session.changed"] }),
        )
        .await["id"]
            .as_str()
            .unwrap()
            .to_owned(),
    };
    let accounts: [Option<(&'static str, &'static str)>; 12] = [
        None,
        Some(("learner@demo.lotse.de", DEMO)),
        Some(("company@demo.lotse.de", DEMO)),
        Some(("learner-b@demo.lotse.de", OWN_PASSWORD)),
        Some(("firma2@demo.lotse.de", DEMO)),
        Some(("partner@demo.lotse.de", DEMO)),
        Some(("editor-y@demo.lotse.de", OWN_PASSWORD)),
        Some(("social-x@demo.lotse.de", OWN_PASSWORD)),
        Some(("social@demo.lotse.de", DEMO)),
        Some(("staff@demo.lotse.de", DEMO)),
        Some(("admin@demo.lotse.de", DEMO)),
        Some(("funder@demo.lotse.de", DEMO)),
    ];
    let mut personas = Vec::new();
    for account in accounts {
        personas.push(match account {
            Some((email, password)) => Some(persona(app, email, password).await),
            None => None,
        });
    }
    (world, personas)
}

/// Sends one matrix cell's request as `cookie`'s holder and returns status and
/// `Location`.
async fn send(
    app: &TestApp,
    cookie: Option<&str>,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
    form: &[(&'static str, String)],
) -> (u16, Option<String>) {
    let mut request = app
        .client
        .request(method, format!("{}{path}", app.base))
        .header("origin", app.base.clone());
    if let Some(c) = cookie {
        request = request.header("cookie", format!("lotse_session={c}"));
    }
    if let Some(b) = body {
        request = request.json(&b);
    }
    if !form.is_empty() {
        let encoded: String = form
            .iter()
            .map(|(k, v)| format!("{k}={}", lotse_web::http::form::encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        request = request
            .header("content-type", "application/x-www-form-urlencoded")
            .body(encoded);
    }
    let response = request.send().await.unwrap();
    let location = response
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .map(str::to_owned);
    (response.status().as_u16(), location)
}

/// The (method, path) pairs of a table.
fn routes<E, C>(rules: &[(&'static str, &'static str, E, C)]) -> BTreeSet<(String, String)> {
    rules
        .iter()
        .map(|(m, p, _, _)| (m.to_string(), p.to_string()))
        .collect()
}

#[tokio::test]
async fn every_route_answers_as_the_policy_decides() {
    for backend in backends() {
        let app = &TestApp::spawn(backend, true).await;
        let doc = get_json(app, "/api/openapi.json", None).await;
        let documented: BTreeSet<(String, String)> = doc["paths"]
            .as_object()
            .unwrap()
            .iter()
            .flat_map(|(path, item)| {
                item.as_object()
                    .unwrap()
                    .keys()
                    .map(move |m| (m.to_uppercase(), path.clone()))
            })
            .filter(|(m, _)| ["GET", "POST", "PUT", "PATCH", "DELETE"].contains(&m.as_str()))
            .collect();
        let rules = matrix();
        let covered = routes(&rules);
        assert_eq!(
            documented.difference(&covered).collect::<Vec<_>>(),
            Vec::<&(String, String)>::new(),
            "routes without an entry in the role matrix"
        );
        assert_eq!(
            covered.difference(&documented).collect::<Vec<_>>(),
            Vec::<&(String, String)>::new(),
            "matrix entries without a route"
        );

        let (world, personas) = setup(app).await;
        let mut failures = Vec::new();
        let mut allowed = 0;
        for n in ROW_ORDER {
            let persona = personas[n].as_ref();
            let mut cookie = match persona {
                Some(p) => Some(login(app, p.email, p.password).await),
                None => None,
            };
            for (method, path, expect, call) in &rules {
                let (m, concrete, body) = call(&world, n);
                let (status, _) = send(app, cookie.as_deref(), m, &concrete, body, &[]).await;
                let want = letter(expect(&world, persona.map(|p| &p.actor)));
                allowed += usize::from(want == 'A');
                if outcome(status) != want {
                    failures.push(format!(
                        "{method} {path} as {}: got {status}, the policy says {want}",
                        ACTORS[n]
                    ));
                }
                // Sessions ended by the route itself: sign in again for the next cell.
                if (*path == "/api/v1/me/sessions" || *path == "/api/v1/auth/logout")
                    && let Some(p) = persona
                {
                    cookie = Some(login(app, p.email, p.password).await);
                }
            }
        }
        assert!(failures.is_empty(), "{backend:?}:\n{}", failures.join("\n"));
        // The matrix lets some cells through and refuses others.
        assert!(allowed > 0 && allowed < rules.len() * ACTORS.len());
    }
}

/// What a page call should get: like [`outcome`], but an anonymous visitor of a
/// protected page is sent to the sign-in page (`U`).
fn page_outcome(status: u16, location: Option<&str>) -> char {
    match (status, location) {
        (303, Some(l)) if l.starts_with("/anmelden") => 'U',
        (403, _) => 'F',
        (404, _) => 'H',
        (s, _) if s < 500 => 'A',
        (s, _) => panic!("unexpected status {s}"),
    }
}

type PageCall = fn(&World, usize) -> (reqwest::Method, String, Vec<(&'static str, String)>);

fn page_matrix() -> Vec<(&'static str, &'static str, Expect, PageCall)> {
    use reqwest::Method as M;
    fn get(path: String) -> (reqwest::Method, String, Vec<(&'static str, String)>) {
        (M::GET, path, Vec::new())
    }
    fn offering_form(w: &World, n: usize) -> Vec<(&'static str, String)> {
        vec![
            ("title", format!("Seite {n}")),
            ("kind", "workshop".into()),
            ("partner_id", w.partner.to_string()),
            ("duration_hours", "4".into()),
            ("format", "presence".into()),
            ("level", "basic".into()),
            ("language", "de".into()),
            ("price", "0".into()),
            ("summary", "Kurz.".into()),
            ("description", "Lang.".into()),
            ("learning_outcomes", "Sie können testen.".into()),
            ("topics", "logistik-4-0".into()),
            ("audiences", "beschaeftigte".into()),
        ]
    }
    vec![
        ("GET", "/", open, |_, _| get("/".into())),
        ("GET", "/angebote", open, |_, _| get("/angebote".into())),
        ("GET", "/angebote/{id}", open, |w, _| {
            get(format!("/angebote/{}", w.offering_x))
        }),
        ("GET", "/angebote/vorschlaege", open, |_, _| {
            get("/angebote/vorschlaege?q=Lager".into())
        }),
        ("GET", "/herausforderung", open, |_, _| {
            get("/herausforderung?text=Lager".into())
        }),
        ("GET", "/robots.txt", open, |_, _| get("/robots.txt".into())),
        ("GET", "/sitemap.xml", open, |_, _| {
            get("/sitemap.xml".into())
        }),
        ("GET", "/qualifizierungen", open, |_, _| {
            get("/qualifizierungen".into())
        }),
        ("GET", "/qualifizierungen/{id}", open, |w, _| {
            get(format!("/qualifizierungen/{}", w.qualification))
        }),
        ("GET", "/partner", open, |_, _| get("/partner".into())),
        ("GET", "/partner/{id}", open, |w, _| {
            get(format!("/partner/{}", w.partner))
        }),
        ("GET", "/check", open, |_, _| get("/check".into())),
        ("POST", "/check", open, |_, _| {
            (M::POST, "/check".into(), Vec::new())
        }),
        // A signed-in person's draft is theirs alone.
        (
            "GET",
            "/check/{id}/schritt/{step}",
            |w, a| unseen_by_anonymous(owned_by_learner_a(w, a)),
            |w, _| get(format!("/check/{}/schritt/2", w.draft_a)),
        ),
        (
            "POST",
            "/check/{id}/schritt/{step}",
            |w, a| unseen_by_anonymous(owned_by_learner_a(w, a)),
            |w, _| {
                (
                    M::POST,
                    format!("/check/{}/schritt/2", w.draft_a),
                    vec![("go", "back".into())],
                )
            },
        ),
        // Company A's result: its members and the center.
        (
            "GET",
            "/check/{id}/ergebnis",
            |w, a| unseen_by_anonymous(authorize(a, Action::ViewCompany(w.company))),
            |w, _| get(format!("/check/{}/ergebnis", w.assessment_a)),
        ),
        ("GET", "/impressum", open, |_, _| get("/impressum".into())),
        ("GET", "/datenschutz", open, |_, _| {
            get("/datenschutz".into())
        }),
        // The operator's logo and colours: public, but the matrix's app has no site
        // folder, so there is nothing to show anyone.
        ("GET", "/site/logo", nothing_configured, |_, _| {
            get("/site/logo".into())
        }),
        ("GET", "/site/farben.css", nothing_configured, |_, _| {
            get("/site/farben.css".into())
        }),
        ("GET", "/sprache/{lang}", open, |_, _| {
            get("/sprache/de".into())
        }),
        ("GET", "/api/docs", open, |_, _| get("/api/docs".into())),
        ("GET", "/anmelden", open, |_, _| get("/anmelden".into())),
        ("POST", "/anmelden", open, |_, _| {
            (
                M::POST,
                "/anmelden".into(),
                vec![
                    ("email", "niemand@beispiel.de".into()),
                    ("password", "falsch".into()),
                ],
            )
        }),
        ("GET", "/registrieren", open, |_, _| {
            get("/registrieren".into())
        }),
        ("POST", "/registrieren", open, |_, _| {
            (
                M::POST,
                "/registrieren".into(),
                vec![("email", "x@beispiel.de".into())],
            )
        }),
        ("GET", "/passwort-vergessen", open, |_, _| {
            get("/passwort-vergessen".into())
        }),
        ("POST", "/passwort-vergessen", open, |_, _| {
            (
                M::POST,
                "/passwort-vergessen".into(),
                vec![("email", "niemand@beispiel.de".into())],
            )
        }),
        ("GET", "/passwort-neu", open, |_, _| {
            get("/passwort-neu?token=x".into())
        }),
        ("POST", "/passwort-neu", open, |_, _| {
            (
                M::POST,
                "/passwort-neu".into(),
                vec![
                    ("token", "x".into()),
                    ("password", "Ein langes Passwort für Tests".into()),
                ],
            )
        }),
        ("GET", "/konto/bestaetigen", open, |_, _| {
            get("/konto/bestaetigen?token=x".into())
        }),
        ("GET", "/konto", own_account, |_, _| get("/konto".into())),
        ("POST", "/konto/sprache", own_account, |_, _| {
            (
                M::POST,
                "/konto/sprache".into(),
                vec![("language", "de".into())],
            )
        }),
        ("POST", "/konto/passwort", own_account, |_, _| {
            (
                M::POST,
                "/konto/passwort".into(),
                vec![
                    ("current_password", "falsch".into()),
                    ("new_password", "Ein langes Passwort für Tests".into()),
                ],
            )
        }),
        ("POST", "/konto/tokens", own_account, |_, _| {
            (
                M::POST,
                "/konto/tokens".into(),
                vec![("name", "Seite".into())],
            )
        }),
        (
            "POST",
            "/konto/tokens/{id}/widerrufen",
            owned_by_learner_a,
            |w, _| {
                (
                    M::POST,
                    format!("/konto/tokens/{}/widerrufen", w.token_a),
                    Vec::new(),
                )
            },
        ),
        ("POST", "/konto/loeschen", own_account, |_, _| {
            (
                M::POST,
                "/konto/loeschen".into(),
                vec![("delete_password", "falsch".into())],
            )
        }),
        ("POST", "/konto/bestaetigung-senden", own_account, |_, _| {
            (M::POST, "/konto/bestaetigung-senden".into(), Vec::new())
        }),
        ("GET", "/einladung", own_account, |_, _| {
            get("/einladung?token=x".into())
        }),
        (
            "POST",
            "/konto/unternehmen/{id}/einladen",
            |w, a| authorize(a, Action::ManageCompany(w.company)),
            |w, _| {
                (
                    M::POST,
                    format!("/konto/unternehmen/{}/einladen", w.company),
                    vec![("email", "kollege@beispiel.de".into())],
                )
            },
        ),
        (
            "POST",
            "/konto/unternehmen/{id}/mitgliedschaften",
            |w, a| authorize(a, Action::ManageCompany(w.company)),
            |w, _| {
                (
                    M::POST,
                    format!("/konto/unternehmen/{}/mitgliedschaften", w.company),
                    Vec::new(),
                )
            },
        ),
        (
            "POST",
            "/konto/unternehmen/{id}/mitglieder/{person}/entfernen",
            |w, a| authorize(a, Action::ManageCompany(w.company)),
            |w, _| {
                (
                    M::POST,
                    format!(
                        "/konto/unternehmen/{}/mitglieder/{}/entfernen",
                        w.company, w.admin_a
                    ),
                    Vec::new(),
                )
            },
        ),
        (
            "GET",
            "/verwaltung",
            |_, a| authorize(a, Action::CreatePeople),
            |_, _| get("/verwaltung".into()),
        ),
        (
            "POST",
            "/verwaltung/personen",
            |_, a| authorize(a, Action::CreatePeople),
            |_, n| {
                (
                    M::POST,
                    "/verwaltung/personen".into(),
                    vec![
                        ("name", "Telefon".into()),
                        (
                            "email",
                            format!("seite{n}-{}@beispiel.de", Uuid::now_v7().simple()),
                        ),
                    ],
                )
            },
        ),
        (
            "GET",
            "/redaktion",
            |_, a| authorize(a, Action::UseCatalogueEditor),
            |_, _| get("/redaktion".into()),
        ),
        (
            "GET",
            "/redaktion/angebote/neu",
            |_, a| authorize(a, Action::UseCatalogueEditor),
            |_, _| get("/redaktion/angebote/neu".into()),
        ),
        (
            "POST",
            "/redaktion/angebote/neu",
            |w, a| authorize(a, Action::EditPartnerCatalogue(w.partner)),
            |w, n| {
                (
                    M::POST,
                    "/redaktion/angebote/neu".into(),
                    offering_form(w, n),
                )
            },
        ),
        (
            "GET",
            "/redaktion/angebote/{id}",
            |w, a| authorize(a, Action::EditPartnerCatalogue(w.partner)),
            |w, _| get(format!("/redaktion/angebote/{}", w.offering_x)),
        ),
        (
            "POST",
            "/redaktion/angebote/{id}",
            |w, a| authorize(a, Action::EditPartnerCatalogue(w.partner)),
            |w, n| {
                (
                    M::POST,
                    format!("/redaktion/angebote/{}", w.offering_x),
                    offering_form(w, n),
                )
            },
        ),
        (
            "POST",
            "/redaktion/angebote/{id}/termine",
            |w, a| authorize(a, Action::EditPartnerCatalogue(w.partner)),
            |w, _| {
                (
                    M::POST,
                    format!("/redaktion/angebote/{}/termine", w.offering_x),
                    vec![
                        ("starts_at", "2031-03-04T09:00".into()),
                        ("ends_at", "2031-03-04T12:00".into()),
                        ("capacity", "12".into()),
                        ("online_link", "https://konferenz.example.org/x".into()),
                    ],
                )
            },
        ),
        (
            "POST",
            "/redaktion/angebote/{id}/zurueckziehen",
            |w, a| authorize(a, Action::EditPartnerCatalogue(w.partner)),
            |w, n| {
                (
                    M::POST,
                    format!("/redaktion/angebote/{}/zurueckziehen", w.spare[n]),
                    Vec::new(),
                )
            },
        ),
        (
            "POST",
            "/angebote/{id}/termine/{session}/anmelden",
            own_account,
            |w, _| {
                (
                    M::POST,
                    format!(
                        "/angebote/{}/termine/{}/anmelden",
                        w.offering_x, w.session_x
                    ),
                    Vec::new(),
                )
            },
        ),
        ("GET", "/konto/anmeldungen", own_account, |_, _| {
            get("/konto/anmeldungen".into())
        }),
        (
            "POST",
            "/konto/anmeldungen/kalender",
            own_account,
            |_, _| (M::POST, "/konto/anmeldungen/kalender".into(), Vec::new()),
        ),
        (
            "POST",
            "/konto/anmeldungen/kalender/beenden",
            own_account,
            |_, _| {
                (
                    M::POST,
                    "/konto/anmeldungen/kalender/beenden".into(),
                    Vec::new(),
                )
            },
        ),
        (
            "POST",
            "/konto/anmeldungen/{id}/stornieren",
            cancels_for_learner_a2,
            |w, n| {
                (
                    M::POST,
                    format!("/konto/anmeldungen/{}/stornieren", w.registrations_a2[n]),
                    Vec::new(),
                )
            },
        ),
        (
            "GET",
            "/redaktion/termine/{id}",
            |w, a| authorize(a, Action::ViewParticipants(w.partner)),
            |w, _| get(format!("/redaktion/termine/{}", w.session_x)),
        ),
        (
            "POST",
            "/redaktion/termine/{id}",
            |w, a| authorize(a, Action::CheckIn(w.partner)),
            |w, _| {
                (
                    M::POST,
                    format!("/redaktion/termine/{}", w.session_x),
                    vec![("ticket", "GIBTESNICHT".into())],
                )
            },
        ),
        // No such registration: allowed callers see the list with a message (400).
        (
            "POST",
            "/redaktion/termine/{id}/anwesenheit",
            |w, a| authorize(a, Action::ViewParticipants(w.partner)),
            |w, _| {
                (
                    M::POST,
                    format!("/redaktion/termine/{}/anwesenheit", w.session_x),
                    vec![("registration", "keine".into()), ("attended", "0".into())],
                )
            },
        ),
        ("GET", "/nachweise/{file}", open, |w, _| {
            get(format!("/nachweise/{}", w.credential))
        }),
        // Nothing signed in the world (no key): no list to show, 404 for everyone.
        (
            "GET",
            "/nachweise/status/{number}",
            nothing_configured,
            |_, _| get("/nachweise/status/0".into()),
        ),
        // An empty reason: allowed callers see the page with the message (400), or 409
        // once the credential is revoked.
        (
            "POST",
            "/nachweise/{id}/widerrufen",
            |_, a| authorize(a, Action::RevokeCredential),
            |w, _| {
                (
                    M::POST,
                    format!("/nachweise/{}/widerrufen", w.credential),
                    vec![("reason", String::new())],
                )
            },
        ),
        (
            "POST",
            "/nachweise/{id}/neu-ausstellen",
            |_, a| authorize(a, Action::RevokeCredential),
            |w, _| {
                (
                    M::POST,
                    format!("/nachweise/{}/neu-ausstellen", w.credential),
                    Vec::new(),
                )
            },
        ),
        (
            "GET",
            "/konto/unternehmen/{id}/lernfortschritt",
            |w, a| authorize(a, Action::ManageCompany(w.company)),
            |w, _| get(format!("/konto/unternehmen/{}/lernfortschritt", w.company)),
        ),
        (
            "GET",
            "/redaktion/qualifizierungen",
            |_, a| authorize(a, Action::ManageQualifications),
            |_, _| get("/redaktion/qualifizierungen".into()),
        ),
        (
            "GET",
            "/redaktion/qualifizierungen/neu",
            |_, a| authorize(a, Action::ManageQualifications),
            |_, _| get("/redaktion/qualifizierungen/neu".into()),
        ),
        // Nothing filled in: the staff see the form with its errors (400).
        (
            "POST",
            "/redaktion/qualifizierungen/neu",
            |_, a| authorize(a, Action::ManageQualifications),
            |_, _| {
                (
                    M::POST,
                    "/redaktion/qualifizierungen/neu".into(),
                    Vec::new(),
                )
            },
        ),
        (
            "GET",
            "/redaktion/qualifizierungen/{id}",
            |_, a| authorize(a, Action::ManageQualifications),
            |w, _| get(format!("/redaktion/qualifizierungen/{}", w.qualification)),
        ),
        (
            "POST",
            "/redaktion/qualifizierungen/{id}",
            |_, a| authorize(a, Action::ManageQualifications),
            |w, _| {
                (
                    M::POST,
                    format!("/redaktion/qualifizierungen/{}", w.qualification),
                    Vec::new(),
                )
            },
        ),
        (
            "GET",
            "/auswertung",
            |w, a| authorize(a, Action::ViewReach(Some(w.partner))),
            |w, _| get(format!("/auswertung?partner={}", w.partner)),
        ),
        (
            "GET",
            "/redaktion/vorlagen",
            |_, a| authorize(a, Action::EditDocumentTemplates),
            |_, _| get("/redaktion/vorlagen".into()),
        ),
        (
            "GET",
            "/redaktion/vorlagen/{name}",
            |_, a| authorize(a, Action::EditDocumentTemplates),
            |_, _| get("/redaktion/vorlagen/check-bericht".into()),
        ),
        // Nothing sent: the staff see the form with its error (400), nothing saved.
        (
            "POST",
            "/redaktion/vorlagen/{name}",
            |_, a| authorize(a, Action::EditDocumentTemplates),
            |_, _| {
                (
                    M::POST,
                    "/redaktion/vorlagen/check-bericht".into(),
                    Vec::new(),
                )
            },
        ),
        (
            "POST",
            "/redaktion/vorlagen/{name}/zuruecksetzen",
            |_, a| authorize(a, Action::EditDocumentTemplates),
            |_, _| {
                (
                    M::POST,
                    "/redaktion/vorlagen/check-bericht/zuruecksetzen".into(),
                    Vec::new(),
                )
            },
        ),
        ("GET", "/konto/lernweg", own_account, |_, _| {
            get("/konto/lernweg".into())
        }),
        (
            "GET",
            "/redaktion/termine/{id}/teilnehmende.csv",
            |w, a| authorize(a, Action::ExportParticipants(w.partner)),
            |w, _| {
                get(format!(
                    "/redaktion/termine/{}/teilnehmende.csv",
                    w.session_x
                ))
            },
        ),
        (
            "GET",
            "/redaktion/termine/{id}/teilnehmende.xlsx",
            |w, a| authorize(a, Action::ExportParticipants(w.partner)),
            |w, _| {
                get(format!(
                    "/redaktion/termine/{}/teilnehmende.xlsx",
                    w.session_x
                ))
            },
        ),
        (
            "GET",
            "/konto/unternehmen/buchen",
            books_for_a_company,
            |w, _| get(format!("/konto/unternehmen/buchen?termin={}", w.session_x)),
        ),
        (
            "POST",
            "/konto/unternehmen/buchen",
            books_for_a_company,
            |w, _| {
                (
                    M::POST,
                    format!("/konto/unternehmen/buchen?termin={}", w.session_x),
                    vec![("participants", "nicht-gewählt".into())],
                )
            },
        ),
        (
            "GET",
            "/konto/unternehmen/{id}/anmeldungen",
            |w, a| authorize(a, Action::ManageCompany(w.company)),
            |w, _| get(format!("/konto/unternehmen/{}/anmeldungen", w.company)),
        ),
        (
            "POST",
            "/redaktion/termine/{id}/zugang",
            |w, a| authorize(a, Action::EditPartnerCatalogue(w.partner)),
            |w, _| {
                (
                    M::POST,
                    format!("/redaktion/termine/{}/zugang", w.session_x),
                    vec![
                        ("online_link", "https://konferenz.example.org/matrix".into()),
                        ("dial_in", String::new()),
                    ],
                )
            },
        ),
        (
            "POST",
            "/redaktion/termine/{id}/absagen",
            |w, a| authorize(a, Action::EditPartnerCatalogue(w.partner)),
            |w, _| {
                (
                    M::POST,
                    format!("/redaktion/termine/{}/absagen", w.session_x),
                    Vec::new(),
                )
            },
        ),
        // A participants' material: its editors open it; visitors are asked to sign
        // in; everybody else (no seat in its session) finds nothing.
        (
            "GET",
            "/materialien/{id}",
            opens_participant_material,
            |w, _| get(format!("/materialien/{}", w.material_x)),
        ),
        (
            "POST",
            "/redaktion/angebote/{id}/materialien",
            |w, a| authorize(a, Action::EditPartnerCatalogue(w.partner)),
            |w, _| {
                (
                    M::POST,
                    format!("/redaktion/angebote/{}/materialien", w.offering_x),
                    vec![("url", "https://example.org/folien".into())],
                )
            },
        ),
        (
            "POST",
            "/redaktion/materialien/{id}/entfernen",
            |w, a| authorize(a, Action::EditPartnerCatalogue(w.partner)),
            |w, n| {
                (
                    M::POST,
                    format!("/redaktion/materialien/{}/entfernen", w.page_materials[n]),
                    Vec::new(),
                )
            },
        ),
        // Anybody may ask to hear of new dates (visitors with an address).
        (
            "POST",
            "/angebote/{id}/benachrichtigen",
            |_, _| Decision::Allow,
            |w, _| {
                (
                    M::POST,
                    format!("/angebote/{}/benachrichtigen", w.offering_x),
                    vec![("email", "matrix@beispiel.de".into())],
                )
            },
        ),
        // A made-up link is found by nobody, signed in or not.
        (
            "GET",
            "/benachrichtigung/{secret}",
            |_, _| Decision::Hidden,
            |_, _| get("/benachrichtigung/erfunden".into()),
        ),
        (
            "POST",
            "/benachrichtigung/{secret}/bestaetigen",
            |_, _| Decision::Hidden,
            |_, _| {
                (
                    M::POST,
                    "/benachrichtigung/erfunden/bestaetigen".into(),
                    Vec::new(),
                )
            },
        ),
        // A made-up evaluation link leads nowhere, for everybody.
        (
            "GET",
            "/bewertung/{secret}",
            |_, _| Decision::Hidden,
            |_, _| get("/bewertung/erfunden".into()),
        ),
        (
            "POST",
            "/bewertung/{secret}",
            |_, _| Decision::Hidden,
            |_, _| (M::POST, "/bewertung/erfunden".into(), Vec::new()),
        ),
        (
            "POST",
            "/benachrichtigung/{secret}/abmelden",
            |_, _| Decision::Hidden,
            |_, _| {
                (
                    M::POST,
                    "/benachrichtigung/erfunden/abmelden".into(),
                    Vec::new(),
                )
            },
        ),
        ("GET", "/redaktion/import", imports_offerings, |_, _| {
            get("/redaktion/import".into())
        }),
        ("POST", "/redaktion/import", imports_offerings, |_, _| {
            // No file: refused as input (400) by whoever may import.
            (M::POST, "/redaktion/import".into(), Vec::new())
        }),
        (
            "GET",
            "/redaktion/import/vorlage.csv",
            imports_offerings,
            |_, _| get("/redaktion/import/vorlage.csv".into()),
        ),
        (
            "GET",
            "/redaktion/import/vorlage.xlsx",
            imports_offerings,
            |_, _| get("/redaktion/import/vorlage.xlsx".into()),
        ),
        ("POST", "/redaktion/import/{id}", staffs_upload, |w, _| {
            (
                M::POST,
                format!("/redaktion/import/{}", w.upload),
                Vec::new(),
            )
        }),
        ("GET", "/redaktion/webhooks", uses_webhooks, |_, _| {
            get("/redaktion/webhooks".into())
        }),
        (
            "POST",
            "/redaktion/webhooks",
            |w, a| authorize(a, Action::ManageWebhooks(Some(w.partner))),
            |w, _| {
                (
                    M::POST,
                    "/redaktion/webhooks".into(),
                    vec![
                        ("url", "https://hooks.example.org/lotse".into()),
                        ("event-registration.created", "on".into()),
                        ("partner_id", w.partner.to_string()),
                    ],
                )
            },
        ),
        ("GET", "/redaktion/webhooks/{id}", staffs_webhook, |w, _| {
            get(format!("/redaktion/webhooks/{}", w.webhook))
        }),
        (
            "POST",
            "/redaktion/webhooks/{id}/test",
            staffs_webhook,
            |w, _| {
                (
                    M::POST,
                    format!("/redaktion/webhooks/{}/test", w.webhook),
                    Vec::new(),
                )
            },
        ),
        (
            "POST",
            "/redaktion/webhooks/{id}/ausschalten",
            staffs_webhook,
            |w, _| {
                (
                    M::POST,
                    format!("/redaktion/webhooks/{}/ausschalten", w.webhook),
                    Vec::new(),
                )
            },
        ),
        (
            "POST",
            "/redaktion/webhooks/{id}/einschalten",
            staffs_webhook,
            |w, _| {
                (
                    M::POST,
                    format!("/redaktion/webhooks/{}/einschalten", w.webhook),
                    Vec::new(),
                )
            },
        ),
        // Deletes the staff account's subscription: after the others.
        (
            "POST",
            "/redaktion/webhooks/{id}/loeschen",
            staffs_webhook,
            |w, _| {
                (
                    M::POST,
                    format!("/redaktion/webhooks/{}/loeschen", w.webhook),
                    Vec::new(),
                )
            },
        ),
        // Self-changing routes last, in this order.
        (
            "POST",
            "/konto/unternehmen/{id}/verlassen",
            member_of_company_a,
            |w, _| {
                (
                    M::POST,
                    format!("/konto/unternehmen/{}/verlassen", w.company),
                    Vec::new(),
                )
            },
        ),
        ("POST", "/konto/ueberall-abmelden", own_account, |_, _| {
            (M::POST, "/konto/ueberall-abmelden".into(), Vec::new())
        }),
        ("POST", "/abmelden", open, |_, _| {
            (M::POST, "/abmelden".into(), Vec::new())
        }),
    ]
}

#[tokio::test]
async fn every_page_answers_as_the_policy_decides() {
    for backend in backends() {
        let app = &TestApp::spawn(backend, true).await;
        let table: BTreeSet<(String, String)> = lotse_web::app::page_routes()
            .into_iter()
            .flat_map(|(methods, path, _)| {
                methods
                    .split(' ')
                    .map(move |m| (m.to_owned(), path.to_owned()))
                    .collect::<Vec<_>>()
            })
            .collect();
        let rules = page_matrix();
        let covered = routes(&rules);
        assert_eq!(
            table.difference(&covered).collect::<Vec<_>>(),
            Vec::<&(String, String)>::new(),
            "pages without an entry in the role matrix"
        );
        assert_eq!(
            covered.difference(&table).collect::<Vec<_>>(),
            Vec::<&(String, String)>::new(),
            "matrix entries without a page"
        );

        let (world, personas) = setup(app).await;
        let mut failures = Vec::new();
        for n in ROW_ORDER {
            let persona = personas[n].as_ref();
            let mut cookie = match persona {
                Some(p) => Some(login(app, p.email, p.password).await),
                None => None,
            };
            for (method, path, expect, call) in &rules {
                let (m, concrete, form) = call(&world, n);
                let (status, location) =
                    send(app, cookie.as_deref(), m, &concrete, None, &form).await;
                let want = letter(expect(&world, persona.map(|p| &p.actor)));
                if page_outcome(status, location.as_deref()) != want {
                    failures.push(format!(
                        "{method} {path} as {}: got {status} {location:?}, the policy says {want}",
                        ACTORS[n]
                    ));
                }
                if (*path == "/konto/ueberall-abmelden" || *path == "/abmelden")
                    && let Some(p) = persona
                {
                    cookie = Some(login(app, p.email, p.password).await);
                }
            }
        }
        assert!(failures.is_empty(), "{backend:?}:\n{}", failures.join("\n"));
    }
}

/// Social partners publish their own partner's offerings and sessions, but who
/// registered stays hidden from them: no participant list (API, page, downloads), no
/// check-in, no attendance; the partner's editors and staff see it (issue 12).
#[tokio::test]
async fn social_partners_publish_sessions_but_never_see_who_registered() {
    for backend in backends() {
        let app = &TestApp::spawn(backend, true).await;
        let demo = "demo-lotse-2026";
        let social = login(app, "social@demo.lotse.de", demo).await;
        let me = get_json(app, "/api/v1/me", Some(&social)).await;
        let partner = id_of(&me["organizations"][0]);
        let send = |method: reqwest::Method, path: String, body: Option<Value>| {
            let mut r = app
                .client
                .request(method, format!("{}{path}", app.base))
                .header("cookie", format!("lotse_session={social}"))
                .header("origin", app.base.clone());
            if let Some(b) = body {
                r = r.json(&b);
            }
            r.send()
        };
        let created: Value = send(
            reqwest::Method::POST,
            "/api/v1/offerings".into(),
            Some(offering_body(partner, "Mitbestimmung bei KI im Betrieb")),
        )
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
        let offering = created["id"].as_str().unwrap().to_owned();
        let r = send(
            reqwest::Method::POST,
            format!("/api/v1/offerings/{offering}/sessions"),
            Some(json!({ "starts_at": "2031-03-04T09:00", "ends_at": "2031-03-04T12:00", "capacity": 12, "online_link": "https://konferenz.example.org/ki" })),
        )
        .await
        .unwrap();
        assert_eq!(
            r.status().as_u16(),
            201,
            "{backend:?}: the social partner schedules"
        );
        let session: Value = r.json().await.unwrap();
        let session = session["id"].as_str().unwrap().to_owned();
        let (learner, token) = common::people(&app.db, 1, None).await.remove(0);
        let email = lotse_store::accounts::person(&app.db, learner)
            .await
            .unwrap()
            .unwrap()
            .email;
        let r = app
            .client
            .post(format!(
                "{}/api/v1/sessions/{session}/registrations",
                app.base
            ))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 201);

        let refused = [
            (
                reqwest::Method::GET,
                format!("/api/v1/sessions/{session}/registrations"),
                None,
            ),
            (
                reqwest::Method::POST,
                format!("/api/v1/sessions/{session}/checkins"),
                Some(json!({ "ticket": "GIBTESNICHT" })),
            ),
            (
                reqwest::Method::POST,
                format!("/api/v1/sessions/{session}/attendance"),
                Some(json!({})),
            ),
            (
                reqwest::Method::GET,
                format!("/redaktion/termine/{session}"),
                None,
            ),
            (
                reqwest::Method::GET,
                format!("/redaktion/termine/{session}/teilnehmende.csv"),
                None,
            ),
            (
                reqwest::Method::GET,
                format!("/redaktion/termine/{session}/teilnehmende.xlsx"),
                None,
            ),
        ];
        for (method, path, body) in refused {
            let r = send(method.clone(), path.clone(), body).await.unwrap();
            let status = r.status().as_u16();
            let text = r.text().await.unwrap();
            assert_eq!(status, 403, "{backend:?} {method} {path}: {text}");
            assert!(
                !text.contains(&email),
                "{backend:?} {path} shows the participant"
            );
        }
        let r = app
            .client
            .post(format!("{}/redaktion/termine/{session}", app.base))
            .header("cookie", format!("lotse_session={social}"))
            .header("origin", app.base.clone())
            .form(&[("ticket", "GIBTESNICHT")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 403, "{backend:?}: check-in page");
        // Publishing stays theirs: the capacity may change, the editor page works but
        // does not link to the participant list.
        let r = send(
            reqwest::Method::PATCH,
            format!("/api/v1/sessions/{session}"),
            Some(json!({ "capacity": 20 })),
        )
        .await
        .unwrap();
        assert_eq!(r.status().as_u16(), 204, "{backend:?}: capacity");
        let editor = send(
            reqwest::Method::GET,
            format!("/redaktion/angebote/{offering}"),
            None,
        )
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
        assert!(editor.contains("Mitbestimmung bei KI im Betrieb"));
        assert!(
            !editor.contains(&format!("/redaktion/termine/{session}\"")),
            "{editor}"
        );

        // Staff see who registered.
        let staff = login(app, "staff@demo.lotse.de", demo).await;
        let list = get_json(
            app,
            &format!("/api/v1/sessions/{session}/registrations"),
            Some(&staff),
        )
        .await;
        assert_eq!(
            list["items"][0]["person_id"],
            learner.to_string(),
            "{backend:?}"
        );
    }
}
