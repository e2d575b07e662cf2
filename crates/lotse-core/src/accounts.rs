//! Accounts and organizations: people, companies, roles, and who may do what.
//!
//! Authorization is decided here, in one policy function per area
//! ([`authorize`]), from an [`Actor`]'s memberships; the web layer turns the
//! [`Decision`] into 401, 403 or 404.

use crate::Invalid;
use serde::Serialize;
use uuid::Uuid;

/// An e-mail address, trimmed and lower-cased.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    /// Parses an address: one `@`, a non-empty local part, a domain with a dot, no
    /// spaces, at most 254 characters.
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let email = raw.trim().to_lowercase();
        let bad = || Invalid::new("email", "invalid-email");
        if email.len() > 254 || email.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(bad());
        }
        let (local, domain) = email.split_once('@').ok_or_else(bad)?;
        let domain_ok = domain.contains('.')
            && !domain.contains('@')
            && !domain.starts_with(['.', '-'])
            && !domain.ends_with(['.', '-'])
            && !domain.contains("..");
        if local.is_empty() || local.len() > 64 || !domain_ok {
            return Err(bad());
        }
        Ok(Self(email))
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// Passwords people pick most often that are long enough to pass the length rule;
/// checked in addition to the estimator below, and always refused.
const COMMON_LONG_PASSWORDS: &[&str] = &[
    "123456789012",
    "1234567890123",
    "12345678901234",
    "123456789abc",
    "passwort1234",
    "password1234",
    "passwort123!",
    "password123!",
    "qwertzuiop12",
    "qwertyuiop12",
    "qwertzuiopü",
    "hallo1234567",
    "hallohallo12",
    "willkommen12",
    "willkommen123",
    "sommer2024!!",
    "sommer2025!!",
    "sommer2026!!",
    "winter2025!!",
    "winter2026!!",
    "iloveyou1234",
    "letmein12345",
    "administrator",
    "administrator1",
    "adminadmin12",
    "abcdefghijkl",
    "abc123abc123",
    "111111111111",
    "000000000000",
    "aaaaaaaaaaaa",
    "asdfghjkl123",
    "yxcvbnm12345",
    "geheimgeheim",
    "geheim123456",
    "passwortpasswort",
    "passwordpassword",
    "demo-lotse-2026",
];

/// Checks a new password: at least [`MIN_PASSWORD_CHARS`] characters and not easy to
/// guess (common passwords, keyboard walks, repetitions, words from `context` such as
/// the person's name and e-mail address). No composition rules.
pub fn check_new_password(password: &str, context: &[&str]) -> Result<(), Invalid> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(
            Invalid::new("password", "invalid-password-short").with("min", MIN_PASSWORD_CHARS)
        );
    }
    if password.len() > 1024 {
        return Err(Invalid::new("password", "invalid-too-long").with("max", 1024));
    }
    let lowered = password.to_lowercase();
    let too_common = || Invalid::new("password", "invalid-password-guessable");
    if COMMON_LONG_PASSWORDS.contains(&lowered.as_str()) {
        return Err(too_common());
    }
    // Personal data with a little decoration ("annaschulz2026") is guessed early.
    let mut rest = lowered.clone();
    for word in context
        .iter()
        .flat_map(|c| c.split(|ch: char| !ch.is_alphanumeric()))
    {
        let word = word.to_lowercase();
        if word.chars().count() >= 3 {
            rest = rest.replace(&word, "");
        }
    }
    if rest.chars().filter(|c| c.is_alphanumeric()).count() < 8 {
        return Err(too_common());
    }
    let inputs: Vec<&str> = context.iter().copied().filter(|c| !c.is_empty()).collect();
    match zxcvbn::zxcvbn(password, &inputs).score() {
        zxcvbn::Score::Three | zxcvbn::Score::Four => Ok(()),
        _ => Err(too_common()),
    }
}

vocabulary! {
    /// A role a person holds in an organization.
    Role, "role" {
        /// A learner, employee of a company.
        Learner => "learner",
        /// Manages a company's profile and employees, books for them.
        CompanyAdmin => "company_admin",
        /// Edits a partner's offerings and sessions, sees their registrations.
        PartnerEditor => "partner_editor",
        /// A chamber, union or employer federation: publishes its own offers, sees
        /// aggregated reach only.
        SocialPartner => "social_partner",
        /// Center staff: the whole catalogue, check-in, reports.
        Staff => "staff",
        /// Administers people and roles.
        Admin => "admin",
        /// The funder or its project executing agency: reads the center's figures,
        /// small cells suppressed; changes nothing.
        Funder => "funder",
    }
}

/// The organization a membership belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// A company (learner, company admin).
    Company(Uuid),
    /// A partner organization (partner editor, social partner).
    Partner(Uuid),
    /// The center itself (staff, admin, the funder's readers).
    Center,
}

impl Role {
    /// Whether the role belongs to a company, a partner or the center.
    pub fn fits(self, scope: Scope) -> bool {
        matches!(
            (self, scope),
            (Role::Learner | Role::CompanyAdmin, Scope::Company(_))
                | (Role::PartnerEditor | Role::SocialPartner, Scope::Partner(_))
                | (Role::Staff | Role::Admin | Role::Funder, Scope::Center)
        )
    }
}

/// One role in one organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Membership {
    /// The role.
    pub role: Role,
    /// Where it applies.
    pub scope: Scope,
}

/// Who is acting: a signed-in person and their memberships.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The person.
    pub person_id: Uuid,
    /// Whether their e-mail address is confirmed.
    pub email_confirmed: bool,
    /// Their roles.
    pub memberships: Vec<Membership>,
}

impl Actor {
    /// Whether the actor holds `role` anywhere.
    pub fn has_role(&self, role: Role) -> bool {
        self.memberships.iter().any(|m| m.role == role)
    }

    /// Whether the actor holds `role` in `scope`.
    pub fn has(&self, role: Role, scope: Scope) -> bool {
        self.memberships.contains(&Membership { role, scope })
    }

    /// Whether the actor is center staff or an admin.
    pub fn is_center(&self) -> bool {
        self.has_role(Role::Staff) || self.has_role(Role::Admin)
    }

    /// The partners whose offerings the actor may edit.
    pub fn editable_partners(&self) -> Vec<Uuid> {
        self.memberships
            .iter()
            .filter_map(|m| match (m.role, m.scope) {
                (Role::PartnerEditor | Role::SocialPartner, Scope::Partner(p)) => Some(p),
                _ => None,
            })
            .collect()
    }
}

/// What someone wants to do. Objects carry the organization they belong to, so the
/// decision can hide other organizations' objects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// See or change one's own account.
    ManageOwnAccount,
    /// See a company's profile and employees.
    ViewCompany(Uuid),
    /// Change a company's profile, invite or remove employees.
    ManageCompany(Uuid),
    /// Create an offering (or session) for a partner.
    EditPartnerCatalogue(Uuid),
    /// Open the catalogue editor at all (some partner's, or the whole catalogue).
    UseCatalogueEditor,
    /// Edit every partner's offerings and sessions (the center's editorial staff).
    EditWholeCatalogue,
    /// See who registered for a partner's session: names, e-mail addresses,
    /// companies, tickets. Personal data: staff and the partner's editors only, never
    /// social partners (they see aggregated reach).
    ViewParticipants(Uuid),
    /// Check people in at a partner's session, or mark the rest as no-shows.
    CheckIn(Uuid),
    /// Download a partner's session's participant list (CSV, XLSX).
    ExportParticipants(Uuid),
    /// Take back an attendance at a partner's session: it withdraws the module and
    /// qualification completions resting on it, and revokes their credentials. The
    /// center's staff only; the partner's editors see the list but may not.
    WithdrawAttendance(Uuid),
    /// Create and change qualifications (each change a new version).
    ManageQualifications,
    /// Revoke or reissue a credential.
    RevokeCredential,
    /// Change the templates of documents (certificate, check report) in the browser.
    EditDocumentTemplates,
    /// Book a session for an employee of a company (not for oneself: that needs no
    /// permission beyond being signed in with a confirmed address).
    BookFor(Uuid),
    /// Cancel the registration of an employee of a company (not one's own).
    CancelFor(Uuid),
    /// Cancel anybody's registration, also after the cut-off.
    CancelAnyRegistration,
    /// Give a person created by staff this membership.
    GrantRole(Membership),
    /// Create accounts for others (phone or paper sign-ups).
    CreatePeople,
    /// Grant or revoke roles.
    ManageRoles,
    /// Read the audit log.
    ViewAuditLog,
    /// Read aggregated reach (participants, companies, hours; never names): of the
    /// whole center (`None`) or of one partner's offerings (`Some(partner)`). A
    /// partner's own people see their partner's; the center and the funder see all.
    ViewReach(Option<Uuid>),
    /// Subscribe a URL to webhook events: of every partner (`None`, the center's
    /// staff) or of one partner's offerings (`Some(partner)`, also its editors).
    /// Social partners and admins may not, as for participant lists: events name
    /// registrations.
    ManageWebhooks(Option<Uuid>),
}

/// The outcome of an authorization check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Go ahead.
    Allow,
    /// Not signed in (401).
    Unauthenticated,
    /// Signed in but not allowed (403).
    Forbidden,
    /// The object belongs to another organization: act as if it did not exist (404).
    Hidden,
}

/// Decides whether `actor` (or nobody) may perform `action`.
pub fn authorize(actor: Option<&Actor>, action: Action) -> Decision {
    let Some(actor) = actor else {
        return Decision::Unauthenticated;
    };
    let allowed = |yes: bool| {
        if yes {
            Decision::Allow
        } else {
            Decision::Forbidden
        }
    };
    match action {
        Action::ManageOwnAccount => Decision::Allow,
        Action::ViewCompany(company) => {
            if actor.is_center()
                || actor.has(Role::CompanyAdmin, Scope::Company(company))
                || actor.has(Role::Learner, Scope::Company(company))
            {
                Decision::Allow
            } else {
                Decision::Hidden
            }
        }
        Action::ManageCompany(company) => {
            if actor.is_center() || actor.has(Role::CompanyAdmin, Scope::Company(company)) {
                Decision::Allow
            } else if actor.has(Role::Learner, Scope::Company(company)) {
                Decision::Forbidden
            } else {
                Decision::Hidden
            }
        }
        Action::EditPartnerCatalogue(partner) => {
            if authorize(Some(actor), Action::EditWholeCatalogue) == Decision::Allow
                || actor.editable_partners().contains(&partner)
            {
                Decision::Allow
            } else if actor.editable_partners().is_empty() {
                Decision::Forbidden
            } else {
                Decision::Hidden
            }
        }
        Action::ViewParticipants(partner)
        | Action::CheckIn(partner)
        | Action::ExportParticipants(partner) => {
            if actor.has_role(Role::Staff)
                || actor.has(Role::PartnerEditor, Scope::Partner(partner))
            {
                Decision::Allow
            } else if actor.editable_partners().is_empty()
                || actor.has(Role::SocialPartner, Scope::Partner(partner))
            {
                // A social partner knows its own sessions exist; it may not see who came.
                Decision::Forbidden
            } else {
                Decision::Hidden
            }
        }
        Action::WithdrawAttendance(partner) => {
            match authorize(Some(actor), Action::ViewParticipants(partner)) {
                Decision::Allow if !actor.has_role(Role::Staff) => Decision::Forbidden,
                seen => seen,
            }
        }
        Action::BookFor(company) => {
            if actor.has(Role::CompanyAdmin, Scope::Company(company)) {
                Decision::Allow
            } else if actor.has(Role::Learner, Scope::Company(company)) {
                Decision::Forbidden
            } else {
                Decision::Hidden
            }
        }
        // Another person's registration is invisible to whoever may not cancel it.
        Action::CancelFor(company) => {
            if actor.has(Role::CompanyAdmin, Scope::Company(company)) {
                Decision::Allow
            } else {
                Decision::Hidden
            }
        }
        Action::CancelAnyRegistration => allowed(actor.has_role(Role::Staff)),
        Action::GrantRole(Membership { role, scope }) => match (role, scope) {
            (Role::Learner | Role::CompanyAdmin, Scope::Company(_)) => allowed(actor.is_center()),
            (Role::Staff | Role::Admin | Role::Funder, Scope::Center) => {
                allowed(actor.has_role(Role::Admin))
            }
            // Partner roles are given by the center's administration elsewhere, and a
            // role never goes with a scope of the wrong kind.
            _ => Decision::Forbidden,
        },
        Action::UseCatalogueEditor => {
            allowed(actor.has_role(Role::Staff) || !actor.editable_partners().is_empty())
        }
        Action::EditWholeCatalogue
        | Action::ManageQualifications
        | Action::RevokeCredential
        | Action::EditDocumentTemplates => allowed(actor.has_role(Role::Staff)),
        Action::CreatePeople => allowed(actor.is_center()),
        Action::ManageRoles | Action::ViewAuditLog => allowed(actor.has_role(Role::Admin)),
        Action::ViewReach(scope) => {
            let partners = actor.editable_partners();
            match scope {
                _ if actor.is_center() || actor.has_role(Role::Funder) => Decision::Allow,
                Some(partner) if partners.contains(&partner) => Decision::Allow,
                // Another partner's figures are not this partner's business.
                Some(_) if !partners.is_empty() => Decision::Hidden,
                _ => Decision::Forbidden,
            }
        }
        // Events name registrations: whoever may see participants, as there.
        Action::ManageWebhooks(scope) => match scope {
            _ if actor.has_role(Role::Staff) => Decision::Allow,
            Some(partner) if actor.has(Role::PartnerEditor, Scope::Partner(partner)) => {
                Decision::Allow
            }
            Some(_) if actor.has_role(Role::PartnerEditor) => Decision::Hidden,
            _ => Decision::Forbidden,
        },
    }
}

/// A company's size class after EU recommendation 2003/361, by staff headcount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SizeClass {
    /// Fewer than 10.
    Micro,
    /// Fewer than 50.
    Small,
    /// Fewer than 250.
    Medium,
    /// 250 or more.
    Large,
}

impl SizeClass {
    /// The size class of a company with `staff_count` people.
    pub fn from_staff_count(staff_count: u32) -> Self {
        match staff_count {
            0..=9 => SizeClass::Micro,
            10..=49 => SizeClass::Small,
            50..=249 => SizeClass::Medium,
            _ => SizeClass::Large,
        }
    }

    /// The key used in the API.
    pub fn key(self) -> &'static str {
        match self {
            SizeClass::Micro => "micro",
            SizeClass::Small => "small",
            SizeClass::Medium => "medium",
            SizeClass::Large => "large",
        }
    }
}

/// A WZ 2008 section letter, A to U.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Sector(char);

impl Sector {
    /// Parses a section letter (case-insensitive).
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let mut chars = raw.trim().chars();
        match (chars.next().map(|c| c.to_ascii_uppercase()), chars.next()) {
            (Some(c @ 'A'..='U'), None) => Ok(Self(c)),
            _ => Err(Invalid::new("sector", "invalid-sector")),
        }
    }

    /// The letter.
    pub fn letter(self) -> char {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn emails_are_normalized_and_checked() {
        assert_eq!(
            Email::parse("  Anna.Schulz@Beispiel.DE ").map(|e| e.0),
            Ok("anna.schulz@beispiel.de".into())
        );
        for bad in [
            "",
            "anna",
            "anna@",
            "@beispiel.de",
            "anna@beispiel",
            "an na@beispiel.de",
            "a@b@c.de",
            "anna@.de",
            "anna@beispiel..de",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn passwords_need_length_and_must_not_be_common() {
        assert!(check_new_password("kurz", &[]).is_err());
        assert!(check_new_password("passwort1234", &[]).is_err());
        assert!(check_new_password("123456789012", &[]).is_err());
        assert!(check_new_password("aaaaaaaaaaaaaaaa", &[]).is_err());
        assert!(
            check_new_password(
                "annaschulz2026",
                &["Anna Schulz", "anna.schulz@beispiel.de"]
            )
            .is_err()
        );
        assert!(check_new_password("Lagerhalle mit Blick auf die Spree", &[]).is_ok());
        assert!(check_new_password("kiefer-gabelstapler-nebel", &[]).is_ok());
    }

    #[test]
    fn size_classes_follow_the_eu_thresholds() {
        assert_eq!(SizeClass::from_staff_count(9), SizeClass::Micro);
        assert_eq!(SizeClass::from_staff_count(10), SizeClass::Small);
        assert_eq!(SizeClass::from_staff_count(49), SizeClass::Small);
        assert_eq!(SizeClass::from_staff_count(50), SizeClass::Medium);
        assert_eq!(SizeClass::from_staff_count(249), SizeClass::Medium);
        assert_eq!(SizeClass::from_staff_count(250), SizeClass::Large);
    }

    #[test]
    fn sectors_are_wz_section_letters() {
        assert_eq!(Sector::parse("c").map(Sector::letter), Ok('C'));
        assert!(
            Sector::parse("V").is_err()
                && Sector::parse("CC").is_err()
                && Sector::parse("").is_err()
        );
    }

    fn actor(memberships: &[(Role, Scope)]) -> Actor {
        Actor {
            person_id: Uuid::nil(),
            email_confirmed: true,
            memberships: memberships
                .iter()
                .map(|&(role, scope)| Membership { role, scope })
                .collect(),
        }
    }

    #[test]
    fn other_organizations_objects_are_hidden_and_own_ones_allowed() {
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let admin_a = actor(&[(Role::CompanyAdmin, Scope::Company(a))]);
        let learner_a = actor(&[(Role::Learner, Scope::Company(a))]);
        assert_eq!(
            authorize(Some(&admin_a), Action::ManageCompany(a)),
            Decision::Allow
        );
        assert_eq!(
            authorize(Some(&admin_a), Action::ManageCompany(b)),
            Decision::Hidden
        );
        assert_eq!(
            authorize(Some(&learner_a), Action::ManageCompany(a)),
            Decision::Forbidden
        );
        assert_eq!(
            authorize(None, Action::ManageCompany(a)),
            Decision::Unauthenticated
        );
        let editor_x = actor(&[(Role::PartnerEditor, Scope::Partner(a))]);
        assert_eq!(
            authorize(Some(&editor_x), Action::EditPartnerCatalogue(a)),
            Decision::Allow
        );
        assert_eq!(
            authorize(Some(&editor_x), Action::EditPartnerCatalogue(b)),
            Decision::Hidden
        );
        assert_eq!(
            authorize(Some(&learner_a), Action::EditPartnerCatalogue(a)),
            Decision::Forbidden
        );
        let staff = actor(&[(Role::Staff, Scope::Center)]);
        assert_eq!(
            authorize(Some(&staff), Action::EditPartnerCatalogue(b)),
            Decision::Allow
        );
        // Only staff edit the whole catalogue; a partner's editor edits their own part.
        assert_eq!(
            authorize(Some(&staff), Action::EditWholeCatalogue),
            Decision::Allow
        );
        assert_eq!(
            authorize(Some(&editor_x), Action::EditWholeCatalogue),
            Decision::Forbidden
        );
        assert_eq!(
            authorize(Some(&staff), Action::ManageRoles),
            Decision::Forbidden
        );
        assert_eq!(
            authorize(
                Some(&actor(&[(Role::Admin, Scope::Center)])),
                Action::ViewAuditLog
            ),
            Decision::Allow
        );
    }

    #[test]
    fn social_partners_publish_but_never_see_who_registered() {
        let (x, y) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let social_x = actor(&[(Role::SocialPartner, Scope::Partner(x))]);
        let editor_x = actor(&[(Role::PartnerEditor, Scope::Partner(x))]);
        let staff = actor(&[(Role::Staff, Scope::Center)]);
        let admin = actor(&[(Role::Admin, Scope::Center)]);
        let learner = actor(&[(Role::Learner, Scope::Company(y))]);
        assert_eq!(
            authorize(Some(&social_x), Action::EditPartnerCatalogue(x)),
            Decision::Allow
        );
        for personal in [
            Action::ViewParticipants,
            Action::CheckIn,
            Action::ExportParticipants,
        ] {
            assert_eq!(authorize(Some(&social_x), personal(x)), Decision::Forbidden);
            assert_eq!(authorize(Some(&social_x), personal(y)), Decision::Hidden);
            assert_eq!(authorize(Some(&editor_x), personal(x)), Decision::Allow);
            assert_eq!(authorize(Some(&editor_x), personal(y)), Decision::Hidden);
            assert_eq!(authorize(Some(&staff), personal(y)), Decision::Allow);
            // Admins manage accounts; they are not the center's event staff.
            assert_eq!(authorize(Some(&admin), personal(y)), Decision::Forbidden);
            assert_eq!(authorize(Some(&learner), personal(x)), Decision::Forbidden);
            assert_eq!(authorize(None, personal(x)), Decision::Unauthenticated);
        }
    }

    #[test]
    fn only_staff_take_back_attendance_and_look_after_qualifications() {
        let (x, y) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let editor_x = actor(&[(Role::PartnerEditor, Scope::Partner(x))]);
        let staff = actor(&[(Role::Staff, Scope::Center)]);
        let admin = actor(&[(Role::Admin, Scope::Center)]);
        let withdraw = Action::WithdrawAttendance;
        assert_eq!(authorize(Some(&staff), withdraw(x)), Decision::Allow);
        assert_eq!(authorize(Some(&editor_x), withdraw(x)), Decision::Forbidden);
        assert_eq!(authorize(Some(&editor_x), withdraw(y)), Decision::Hidden);
        assert_eq!(authorize(Some(&admin), withdraw(x)), Decision::Forbidden);
        for staff_only in [
            Action::ManageQualifications,
            Action::RevokeCredential,
            Action::EditDocumentTemplates,
        ] {
            assert_eq!(authorize(Some(&staff), staff_only), Decision::Allow);
            assert_eq!(authorize(Some(&editor_x), staff_only), Decision::Forbidden);
            assert_eq!(authorize(Some(&admin), staff_only), Decision::Forbidden);
            assert_eq!(authorize(None, staff_only), Decision::Unauthenticated);
        }
    }

    #[test]
    fn webhooks_are_for_staff_and_a_partners_editors_only() {
        let (x, y) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let editor_x = actor(&[(Role::PartnerEditor, Scope::Partner(x))]);
        let social_x = actor(&[(Role::SocialPartner, Scope::Partner(x))]);
        let staff = actor(&[(Role::Staff, Scope::Center)]);
        let admin = actor(&[(Role::Admin, Scope::Center)]);
        let hooks = |scope| Action::ManageWebhooks(scope);
        assert_eq!(authorize(Some(&editor_x), hooks(Some(x))), Decision::Allow);
        assert_eq!(authorize(Some(&editor_x), hooks(Some(y))), Decision::Hidden);
        assert_eq!(authorize(Some(&editor_x), hooks(None)), Decision::Forbidden);
        assert_eq!(
            authorize(Some(&social_x), hooks(Some(x))),
            Decision::Forbidden
        );
        assert_eq!(authorize(Some(&staff), hooks(None)), Decision::Allow);
        assert_eq!(authorize(Some(&staff), hooks(Some(y))), Decision::Allow);
        assert_eq!(authorize(Some(&admin), hooks(None)), Decision::Forbidden);
        assert_eq!(authorize(None, hooks(None)), Decision::Unauthenticated);
    }

    #[test]
    fn reach_is_read_by_the_center_and_by_a_partner_for_itself() {
        let (x, y) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let social_x = actor(&[(Role::SocialPartner, Scope::Partner(x))]);
        let editor_x = actor(&[(Role::PartnerEditor, Scope::Partner(x))]);
        let staff = actor(&[(Role::Staff, Scope::Center)]);
        let admin = actor(&[(Role::Admin, Scope::Center)]);
        let company_admin = actor(&[(Role::CompanyAdmin, Scope::Company(y))]);
        for partner in [&social_x, &editor_x] {
            assert_eq!(
                authorize(Some(partner), Action::ViewReach(Some(x))),
                Decision::Allow
            );
            assert_eq!(
                authorize(Some(partner), Action::ViewReach(Some(y))),
                Decision::Hidden
            );
            assert_eq!(
                authorize(Some(partner), Action::ViewReach(None)),
                Decision::Forbidden
            );
        }
        for center in [&staff, &admin] {
            assert_eq!(
                authorize(Some(center), Action::ViewReach(None)),
                Decision::Allow
            );
            assert_eq!(
                authorize(Some(center), Action::ViewReach(Some(y))),
                Decision::Allow
            );
        }
        assert_eq!(
            authorize(Some(&company_admin), Action::ViewReach(Some(x))),
            Decision::Forbidden
        );
        assert_eq!(
            authorize(None, Action::ViewReach(None)),
            Decision::Unauthenticated
        );
    }

    #[test]
    fn acting_for_others_is_for_their_company_admins_and_the_center() {
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let admin_a = actor(&[(Role::CompanyAdmin, Scope::Company(a))]);
        let learner_a = actor(&[(Role::Learner, Scope::Company(a))]);
        let staff = actor(&[(Role::Staff, Scope::Center)]);
        let admin = actor(&[(Role::Admin, Scope::Center)]);
        assert_eq!(
            authorize(Some(&admin_a), Action::BookFor(a)),
            Decision::Allow
        );
        assert_eq!(
            authorize(Some(&admin_a), Action::BookFor(b)),
            Decision::Hidden
        );
        assert_eq!(
            authorize(Some(&learner_a), Action::BookFor(a)),
            Decision::Forbidden
        );
        assert_eq!(
            authorize(Some(&staff), Action::BookFor(a)),
            Decision::Hidden
        );
        assert_eq!(
            authorize(Some(&admin_a), Action::CancelFor(a)),
            Decision::Allow
        );
        assert_eq!(
            authorize(Some(&learner_a), Action::CancelFor(a)),
            Decision::Hidden
        );
        assert_eq!(
            authorize(Some(&staff), Action::CancelAnyRegistration),
            Decision::Allow
        );
        assert_eq!(
            authorize(Some(&admin), Action::CancelAnyRegistration),
            Decision::Forbidden
        );
        let grant = |role, scope| Action::GrantRole(Membership { role, scope });
        assert_eq!(
            authorize(Some(&staff), grant(Role::CompanyAdmin, Scope::Company(a))),
            Decision::Allow
        );
        assert_eq!(
            authorize(Some(&staff), grant(Role::Staff, Scope::Center)),
            Decision::Forbidden
        );
        assert_eq!(
            authorize(Some(&admin), grant(Role::Staff, Scope::Center)),
            Decision::Allow
        );
        assert_eq!(
            authorize(Some(&admin), grant(Role::PartnerEditor, Scope::Partner(b))),
            Decision::Forbidden
        );
        assert_eq!(
            authorize(Some(&admin_a), grant(Role::Learner, Scope::Company(a))),
            Decision::Forbidden
        );
    }

    proptest! {
        #[test]
        fn every_role_fits_exactly_one_kind_of_scope(i in 0usize..6) {
            let role = Role::ALL[i];
            let fits = [Scope::Company(Uuid::nil()), Scope::Partner(Uuid::nil()), Scope::Center]
                .iter()
                .filter(|s| role.fits(**s))
                .count();
            prop_assert_eq!(fits, 1);
        }
    }

    #[test]
    fn the_funder_reads_every_figure_and_changes_nothing() {
        let funder = Actor {
            person_id: Uuid::from_u128(70),
            email_confirmed: true,
            memberships: vec![Membership {
                role: Role::Funder,
                scope: Scope::Center,
            }],
        };
        let partner = Uuid::from_u128(71);
        assert!(!funder.is_center(), "the funder is no center staff");
        for reach in [None, Some(partner)] {
            assert_eq!(
                authorize(Some(&funder), Action::ViewReach(reach)),
                Decision::Allow
            );
        }
        for write in [
            Action::EditWholeCatalogue,
            Action::EditPartnerCatalogue(partner),
            Action::CreatePeople,
            Action::ManageQualifications,
            Action::ViewParticipants(partner),
            Action::ViewAuditLog,
            Action::GrantRole(Membership {
                role: Role::Funder,
                scope: Scope::Center,
            }),
        ] {
            assert_eq!(
                authorize(Some(&funder), write),
                Decision::Forbidden,
                "{write:?}"
            );
        }
        assert!(Role::Funder.fits(Scope::Center));
        assert!(!Role::Funder.fits(Scope::Partner(partner)));
    }
}
