//! The catalogue: what the center offers, when and where.
//!
//! Fixed vocabularies (topics, audiences, kinds, …) are enums with stable string keys
//! used in URLs, the API and the database. Free values are parsed into types that
//! can only hold valid values ("parse, don't validate").

use crate::Invalid;
use crate::text::{Line, Prose, WebAddress};
use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

vocabulary! {
    /// A Themenfeld: the seven topics the center works on.
    Topic, "topic" {
        /// Arbeit 4.0: work, skills and co-determination in digital change.
        Work40 => "arbeit-4-0",
        /// Logistik 4.0: tracking, warehouse, intralogistics.
        Logistics40 => "logistik-4-0",
        /// Strategie & Geschäftsmodelle.
        Strategy => "strategie",
        /// IT-Sicherheit.
        ItSecurity => "it-sicherheit",
        /// Daten & KI.
        DataAi => "daten-ki",
        /// Produktion & Automatisierung.
        ProductionAutomation => "produktion-automatisierung",
        /// Nachhaltigkeit.
        Sustainability => "nachhaltigkeit",
    }
}

vocabulary! {
    /// A Zielgruppe: who an offering is written for.
    Audience, "audience" {
        /// Geschäftsführung.
        Management => "geschaeftsfuehrung",
        /// Fach- und Führungskräfte.
        Specialists => "fach-fuehrungskraefte",
        /// Beschäftigte.
        Employees => "beschaeftigte",
        /// Betriebs- und Personalräte.
        WorksCouncils => "betriebsraete",
        /// Auszubildende.
        Apprentices => "auszubildende",
        /// Multiplikatoren.
        Multipliers => "multiplikatoren",
    }
}

vocabulary! {
    /// What kind of offering something is.
    OfferingKind, "kind" {
        /// Qualifizierungsmodul: counts towards qualifications.
        Module => "module",
        /// Workshop.
        Workshop => "workshop",
        /// Informationsveranstaltung.
        InfoEvent => "info_event",
        /// Webinar.
        Webinar => "webinar",
        /// Erstberatung.
        Consultation => "consultation",
        /// Demonstrator- oder Lernfabrik-Besuch.
        Demonstrator => "demonstrator",
    }
}

vocabulary! {
    /// Where an offering happens.
    Format, "format" {
        /// In person.
        Presence => "presence",
        /// Online.
        Online => "online",
        /// Partly in person, partly online.
        Blended => "blended",
    }
}

vocabulary! {
    /// How much an offering expects its participants to know already.
    Level, "level" {
        /// For beginners.
        Basic => "basic",
        /// Some experience expected.
        Intermediate => "intermediate",
        /// For experts.
        Advanced => "advanced",
    }
}

vocabulary! {
    /// The language an offering is held in.
    Language, "language" {
        /// German.
        German => "de",
        /// English.
        English => "en",
    }
}

vocabulary! {
    /// How a partner organization belongs to the center.
    PartnerKind, "kind" {
        /// A member of the consortium that runs the center.
        ConsortiumMember => "consortium_member",
        /// An associated partner such as a union or an employer federation.
        AssociatedPartner => "associated_partner",
        /// A chamber (IHK, HWK).
        Chamber => "chamber",
        /// An association.
        Association => "association",
    }
}

vocabulary! {
    /// Whether a session takes place.
    SessionStatus, "status" {
        /// Scheduled and open as long as its deadline allows.
        Planned => "planned",
        /// Called off.
        Cancelled => "cancelled",
    }
}

/// The time zone every session is planned in.
///
/// The time zone database is compiled into the binary (jiff's bundled tzdb), so the
/// lookup cannot fail at run time; the UTC fallback only exists to avoid a panic path
/// and a unit test proves it is never taken.
pub fn berlin() -> TimeZone {
    TimeZone::get("Europe/Berlin").unwrap_or(TimeZone::UTC)
}

/// How many calendar days before the start participants are reminded.
pub const REMINDER_DAYS: i64 = 2;

/// When participants of a session starting at `starts_at` (epoch seconds) are
/// reminded: the same Berlin wall-clock time [`REMINDER_DAYS`] calendar days earlier.
/// Across a daylight-saving change that is 47 or 49 hours, not 48, so a reminder for
/// Sunday 09:00 still arrives on Friday at 09:00.
pub fn reminder_at(starts_at: i64) -> i64 {
    Timestamp::from_second(starts_at)
        .ok()
        .and_then(|t| t.to_zoned(berlin()).checked_sub(REMINDER_DAYS.days()).ok())
        .map(|z| z.timestamp().as_second())
        .unwrap_or(starts_at - REMINDER_DAYS * 24 * 3600)
}

/// Hours of learning time, 1 to 2,000.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Hours(u32);

impl Hours {
    /// Parses a number of hours.
    pub fn parse(field: &'static str, raw: i64) -> Result<Self, Invalid> {
        match u32::try_from(raw) {
            Ok(h @ 1..=2000) => Ok(Self(h)),
            _ => Err(Invalid::new(field, "invalid-hours")),
        }
    }

    /// The number of hours.
    pub fn get(self) -> u32 {
        self.0
    }
}

/// A price in euro cents; 0 means free of charge, which most offerings are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct PriceCents(u32);

impl PriceCents {
    /// Parses a price between 0 and 100,000.00 euro.
    pub fn parse(raw: i64) -> Result<Self, Invalid> {
        match u32::try_from(raw) {
            Ok(c @ 0..=10_000_000) => Ok(Self(c)),
            _ => Err(Invalid::new("price_cents", "invalid-price")),
        }
    }

    /// The price in cents.
    pub fn cents(self) -> u32 {
        self.0
    }

    /// Whether the offering is free of charge.
    pub fn is_free(self) -> bool {
        self.0 == 0
    }
}

/// Seats of a session, 1 to 10,000.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Capacity(u32);

impl Capacity {
    /// Parses a capacity.
    pub fn parse(raw: i64) -> Result<Self, Invalid> {
        match u32::try_from(raw) {
            Ok(c @ 1..=10_000) => Ok(Self(c)),
            _ => Err(Invalid::new("capacity", "invalid-capacity")),
        }
    }

    /// The number of seats.
    pub fn get(self) -> u32 {
        self.0
    }
}

/// A partner organization of the center, ready to be stored.
#[derive(Debug, Clone)]
pub struct NewPartner {
    /// How it belongs to the center.
    pub kind: PartnerKind,
    /// Its name.
    pub name: Line<160>,
    /// What it does for the center.
    pub description: Prose<4000>,
    /// Its web site.
    pub web_address: WebAddress,
}

/// A place where sessions happen, ready to be stored.
#[derive(Debug, Clone)]
pub struct NewPlace {
    /// A name people recognize, such as a building.
    pub name: Line<160>,
    /// Street, postcode and town.
    pub address: Line<300>,
    /// The county's key (see [`crate::reference::COUNTIES`]).
    pub county: &'static str,
}

impl NewPlace {
    /// Builds a place, checking the county against the reference data.
    pub fn parse(name: &str, address: &str, county: &str) -> Result<Self, Vec<Invalid>> {
        let mut errors = Vec::new();
        let name = Line::parse("name", name).map_err(|e| errors.push(e)).ok();
        let address = Line::parse("address", address)
            .map_err(|e| errors.push(e))
            .ok();
        let county = match crate::reference::county(county) {
            Some(c) => Some(c.key),
            None => {
                errors.push(Invalid::new("county", "invalid-county"));
                None
            }
        };
        match (name, address, county) {
            (Some(name), Some(address), Some(county)) if errors.is_empty() => Ok(Self {
                name,
                address,
                county,
            }),
            _ => Err(errors),
        }
    }
}

/// An offering as it comes from a form, the API or a data file: unchecked.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct OfferingDraft {
    /// See [`OfferingKind`].
    pub kind: String,
    /// Title, up to 120 characters.
    pub title: String,
    /// One or two sentences, up to 400 characters.
    pub summary: String,
    /// Paragraphs separated by blank lines.
    pub description: String,
    /// What participants can do afterwards, one entry each.
    pub learning_outcomes: Vec<String>,
    /// Topic keys.
    pub topics: Vec<String>,
    /// Audience keys.
    pub audiences: Vec<String>,
    /// Learning time in hours.
    pub duration_hours: i64,
    /// See [`Format`].
    pub format: String,
    /// The partner that runs it.
    pub partner_id: Uuid,
    /// Price in cents, 0 for free.
    pub price_cents: i64,
    /// See [`Language`].
    pub language: String,
    /// See [`Level`].
    pub level: String,
    /// Whether attending it counts toward qualifications; modules always do.
    #[serde(default)]
    pub counts_for_qualifications: bool,
}

/// An offering whose every field holds a valid value.
#[derive(Debug, Clone)]
#[allow(missing_docs)]
pub struct NewOffering {
    /// What kind of offering it is.
    pub kind: OfferingKind,
    pub title: Line<120>,
    /// Short summary for lists.
    pub summary: Prose<400>,
    /// Full description.
    pub description: Prose<8000>,
    /// What participants can do afterwards (1 to 12 entries).
    pub learning_outcomes: Vec<Line<300>>,
    /// Topics, at least one, no duplicates.
    pub topics: Vec<Topic>,
    /// Audiences, at least one, no duplicates.
    pub audiences: Vec<Audience>,
    /// Learning time.
    pub duration_hours: Hours,
    /// In person, online or blended.
    pub format: Format,
    /// The partner that runs it.
    pub partner_id: Uuid,
    /// Price; most offerings are free.
    pub price_cents: PriceCents,
    /// Language it is held in.
    pub language: Language,
    /// Expected prior knowledge.
    pub level: Level,
    /// Whether attending it counts toward qualifications: always for a module, for
    /// other kinds when the editor says so.
    pub counts_for_qualifications: bool,
}

/// Parses every key in `raw`, dropping duplicates; at least one is required.
fn parse_set<T: Copy + Ord>(
    field: &'static str,
    raw: &[String],
    parse: fn(&str) -> Result<T, Invalid>,
    errors: &mut Vec<Invalid>,
) -> Vec<T> {
    let mut values = Vec::new();
    for key in raw {
        match parse(key) {
            Ok(v) => values.push(v),
            Err(e) => errors.push(Invalid { field, ..e }),
        }
    }
    values.sort();
    values.dedup();
    if raw.is_empty() {
        errors.push(Invalid::new(field, "invalid-none-chosen"));
    }
    values
}

impl OfferingDraft {
    /// Checks every field and returns either a valid offering or every problem found.
    pub fn parse(self) -> Result<NewOffering, Vec<Invalid>> {
        let mut errors = Vec::new();
        fn keep<T>(r: Result<T, Invalid>, errors: &mut Vec<Invalid>) -> Option<T> {
            r.map_err(|e| errors.push(e)).ok()
        }
        let kind = keep(OfferingKind::parse(&self.kind), &mut errors);
        let title = keep(Line::parse("title", &self.title), &mut errors);
        let summary = keep(Prose::parse("summary", &self.summary), &mut errors);
        let description = keep(Prose::parse("description", &self.description), &mut errors);
        let duration_hours = keep(
            Hours::parse("duration_hours", self.duration_hours),
            &mut errors,
        );
        let format = keep(Format::parse(&self.format), &mut errors);
        let price_cents = keep(PriceCents::parse(self.price_cents), &mut errors);
        let language = keep(Language::parse(&self.language), &mut errors);
        let level = keep(Level::parse(&self.level), &mut errors);
        let mut learning_outcomes = Vec::new();
        for outcome in &self.learning_outcomes {
            if let Some(o) = keep(Line::parse("learning_outcomes", outcome), &mut errors) {
                learning_outcomes.push(o);
            }
        }
        if self.learning_outcomes.is_empty() || self.learning_outcomes.len() > 12 {
            errors.push(Invalid::new(
                "learning_outcomes",
                "invalid-learning-outcomes",
            ));
        }
        let topics = parse_set("topics", &self.topics, Topic::parse, &mut errors);
        let audiences = parse_set("audiences", &self.audiences, Audience::parse, &mut errors);
        match (
            kind,
            title,
            summary,
            description,
            duration_hours,
            format,
            price_cents,
            language,
            level,
        ) {
            (
                Some(kind),
                Some(title),
                Some(summary),
                Some(description),
                Some(duration_hours),
                Some(format),
                Some(price_cents),
                Some(language),
                Some(level),
            ) if errors.is_empty() => Ok(NewOffering {
                kind,
                title,
                summary,
                description,
                learning_outcomes,
                topics,
                audiences,
                duration_hours,
                format,
                partner_id: self.partner_id,
                price_cents,
                language,
                level,
                counts_for_qualifications: kind == OfferingKind::Module
                    || self.counts_for_qualifications,
            }),
            _ => Err(errors),
        }
    }
}

/// When a session happens and until when people can register, as instants.
///
/// Sessions are planned in Europe/Berlin local time; they are stored as instants so
/// that a time in the hour repeated when daylight saving ends is never ambiguous.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionTimes {
    /// Start.
    pub starts_at: Timestamp,
    /// End, after the start.
    pub ends_at: Timestamp,
    /// Registration closes at this instant, at the latest at the start.
    pub registration_deadline: Timestamp,
}

impl SessionTimes {
    /// Checks instants: the end after the start, the deadline not after the start.
    pub fn new(
        starts_at: Timestamp,
        ends_at: Timestamp,
        registration_deadline: Timestamp,
    ) -> Result<Self, Invalid> {
        if ends_at <= starts_at {
            return Err(Invalid::new("ends_at", "invalid-ends-before-start"));
        }
        if ends_at.duration_since(starts_at) > jiff::SignedDuration::from_hours(24 * 31) {
            return Err(Invalid::new("ends_at", "invalid-session-too-long"));
        }
        if registration_deadline > starts_at {
            return Err(Invalid::new(
                "registration_deadline",
                "invalid-deadline-after-start",
            ));
        }
        Ok(Self {
            starts_at,
            ends_at,
            registration_deadline,
        })
    }

    /// Builds the instants from Europe/Berlin wall-clock times.
    ///
    /// A wall-clock time that does not exist (skipped when daylight saving starts) or
    /// exists twice (when it ends) is refused, so that nobody is told the wrong hour.
    pub fn from_berlin(
        starts: DateTime,
        ends: DateTime,
        registration_deadline: DateTime,
    ) -> Result<Self, Invalid> {
        let tz = berlin();
        let instant = |field: &'static str, local: DateTime| {
            tz.to_ambiguous_timestamp(local)
                .unambiguous()
                .map_err(|_| Invalid::new(field, "invalid-ambiguous-time"))
        };
        Self::new(
            instant("starts_at", starts)?,
            instant("ends_at", ends)?,
            instant("registration_deadline", registration_deadline)?,
        )
    }

    /// The default deadline: registrations close one day before the start.
    pub fn default_deadline(starts_at: Timestamp) -> Timestamp {
        starts_at.checked_sub(24.hours()).unwrap_or(starts_at)
    }
}

/// Where a session happens: at a place, online, or both (blended).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Venue {
    /// The place, if in person.
    pub place_id: Option<Uuid>,
    /// The link, if online.
    pub online_link: Option<WebAddress>,
}

impl Venue {
    /// A venue needs a place, an online link or both.
    pub fn new(place_id: Option<Uuid>, online_link: Option<WebAddress>) -> Result<Self, Invalid> {
        if place_id.is_none() && online_link.is_none() {
            return Err(Invalid::new("place", "invalid-place-or-link"));
        }
        Ok(Self {
            place_id,
            online_link,
        })
    }
}

/// Where a session happens and how to join it online: a place, a join link or both,
/// and dial-in text only beside a link. Empty text means none.
pub fn online_access(
    place_id: Option<Uuid>,
    online_link: &str,
    dial_in: &str,
) -> Result<(Venue, Option<Prose<500>>), Vec<Invalid>> {
    let mut errors = Vec::new();
    let link = match online_link.trim() {
        "" => Some(None),
        raw => WebAddress::parse("online_link", raw)
            .map_err(|e| errors.push(e))
            .ok()
            .map(Some),
    };
    let dial_in = match dial_in.trim() {
        "" => Some(None),
        _ if online_link.trim().is_empty() => {
            errors.push(Invalid::new("dial_in", "invalid-dial-in-without-link"));
            None
        }
        raw => Prose::parse("dial_in", raw)
            .map_err(|e| errors.push(e))
            .ok()
            .map(Some),
    };
    let venue = link.and_then(|link| Venue::new(place_id, link).map_err(|e| errors.push(e)).ok());
    match (venue, dial_in) {
        (Some(venue), Some(dial_in)) if errors.is_empty() => Ok((venue, dial_in)),
        _ => Err(errors),
    }
}

/// A session, ready to be stored.
#[derive(Debug, Clone)]
pub struct NewSession {
    /// The offering it is an occurrence of.
    pub offering_id: Uuid,
    /// Its times.
    pub times: SessionTimes,
    /// Where it happens.
    pub venue: Venue,
    /// Seats.
    pub capacity: Capacity,
    /// Participants may cancel until this many hours before the start.
    pub cancellation_cutoff_hours: CutoffHours,
    /// How to dial in by phone, beside the join link (only with one).
    pub dial_in: Option<Prose<500>>,
}

/// A session as it comes from a form, the API or a data file: Europe/Berlin
/// wall-clock times already read, the rest unchecked.
#[derive(Debug, Clone)]
pub struct SessionDraft {
    /// Start.
    pub starts_at: DateTime,
    /// End.
    pub ends_at: DateTime,
    /// Registration closes then; `None`: one day before the start.
    pub registration_deadline: Option<DateTime>,
    /// The place, for sessions in person.
    pub place_id: Option<Uuid>,
    /// The link, for sessions online; empty means none.
    pub online_link: Option<String>,
    /// Seats.
    pub capacity: i64,
    /// Hours before the start until which participants may cancel; `None`: the usual day.
    pub cancellation_cutoff_hours: Option<i64>,
    /// Dial-in numbers and codes for an online session; empty means none.
    pub dial_in: Option<String>,
}

impl SessionDraft {
    /// Checks every field and returns either a session of `offering_id` or every
    /// problem found.
    pub fn parse(self, offering_id: Uuid) -> Result<NewSession, Vec<Invalid>> {
        let mut errors = Vec::new();
        let capacity = Capacity::parse(self.capacity)
            .map_err(|e| errors.push(e))
            .ok();
        let cutoff = match self.cancellation_cutoff_hours {
            Some(h) => CutoffHours::parse(h).map_err(|e| errors.push(e)).ok(),
            None => Some(CutoffHours::DEFAULT),
        };
        let times = SessionTimes::from_berlin(
            self.starts_at,
            self.ends_at,
            self.registration_deadline.unwrap_or(self.starts_at),
        )
        .and_then(|times| match self.registration_deadline {
            Some(_) => Ok(times),
            None => SessionTimes::new(
                times.starts_at,
                times.ends_at,
                SessionTimes::default_deadline(times.starts_at),
            ),
        })
        .map_err(|e| errors.push(e))
        .ok();
        let access = online_access(
            self.place_id,
            self.online_link.as_deref().unwrap_or_default(),
            self.dial_in.as_deref().unwrap_or_default(),
        )
        .map_err(|e| errors.extend(e))
        .ok();
        let (venue, dial_in) = match access {
            Some((venue, dial_in)) => (Some(venue), Some(dial_in)),
            None => (None, None),
        };
        match (times, venue, capacity, cutoff, dial_in) {
            (
                Some(times),
                Some(venue),
                Some(capacity),
                Some(cancellation_cutoff_hours),
                Some(dial_in),
            ) if errors.is_empty() => Ok(NewSession {
                offering_id,
                times,
                venue,
                capacity,
                cancellation_cutoff_hours,
                dial_in,
            }),
            _ => Err(errors),
        }
    }
}

/// Hours before the start until which participants may cancel, 0 to 720.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct CutoffHours(u32);

impl CutoffHours {
    /// The usual cut-off: one day.
    pub const DEFAULT: CutoffHours = CutoffHours(24);

    /// Parses a number of hours.
    pub fn parse(raw: i64) -> Result<Self, Invalid> {
        match u32::try_from(raw) {
            Ok(h @ 0..=720) => Ok(Self(h)),
            _ => Err(Invalid::new(
                "cancellation_cutoff_hours",
                "invalid-cutoff-hours",
            )),
        }
    }

    /// The number of hours.
    pub fn get(self) -> u32 {
        self.0
    }
}

/// A module as a qualification sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModuleHours {
    /// The offering.
    pub offering_id: Uuid,
    /// Whether attending it counts toward qualifications; only such offerings may be
    /// part of one.
    pub counts: bool,
    /// Its learning time.
    pub hours: Hours,
}

/// A qualification whose module lists and hours are consistent.
#[derive(Debug, Clone)]
#[allow(missing_docs)]
pub struct NewQualification {
    pub title: Line<120>,
    /// Short summary.
    pub summary: Prose<400>,
    /// Full description.
    pub description: Prose<8000>,
    /// Modules everybody must complete.
    pub required: Vec<Uuid>,
    /// Modules to choose from.
    pub elective: Vec<Uuid>,
    /// Hours needed in all.
    pub minimum_hours: Hours,
}

impl NewQualification {
    /// Checks that every module counts toward qualifications, none is listed twice, and the minimum of
    /// hours is reachable but not already covered by the required modules alone when
    /// electives exist.
    pub fn new(
        title: Line<120>,
        summary: Prose<400>,
        description: Prose<8000>,
        required: &[ModuleHours],
        elective: &[ModuleHours],
        minimum_hours: Hours,
    ) -> Result<Self, Invalid> {
        if required.is_empty() {
            return Err(Invalid::new("required", "invalid-no-required-module"));
        }
        let all: Vec<&ModuleHours> = required.iter().chain(elective).collect();
        if all.iter().any(|m| !m.counts) {
            return Err(Invalid::new("required", "invalid-not-a-module"));
        }
        let mut ids: Vec<Uuid> = all.iter().map(|m| m.offering_id).collect();
        ids.sort();
        ids.dedup();
        if ids.len() != all.len() {
            return Err(Invalid::new("elective", "invalid-duplicate-module"));
        }
        let total: u32 = all.iter().map(|m| m.hours.get()).sum();
        if minimum_hours.get() > total {
            return Err(Invalid::new("minimum_hours", "invalid-minimum-hours").with("total", total));
        }
        Ok(Self {
            title,
            summary,
            description,
            required: required.iter().map(|m| m.offering_id).collect(),
            elective: elective.iter().map(|m| m.offering_id).collect(),
            minimum_hours,
        })
    }
}

/// Free seats of a session: never negative, even if capacity was lowered.
pub fn seats_free(capacity: i64, confirmed: i64) -> i64 {
    (capacity - confirmed).max(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;

    #[test]
    fn reminders_keep_the_wall_clock_time_across_daylight_saving() {
        let at = |y, m, d, h| {
            date(y, m, d)
                .at(h, 0, 0, 0)
                .to_zoned(berlin())
                .map(|z| z.timestamp().as_second())
                .unwrap_or_default()
        };
        // Sunday 28 March 2027, 09:00 summer time: Friday 09:00 winter time, 47 hours.
        let march = at(2027, 3, 28, 9);
        assert_eq!(reminder_at(march), at(2027, 3, 26, 9));
        assert_eq!(march - reminder_at(march), 47 * 3600);
        // Sunday 31 October 2027, 09:00 winter time: Friday 09:00 summer time, 49 hours.
        let october = at(2027, 10, 31, 9);
        assert_eq!(reminder_at(october), at(2027, 10, 29, 9));
        assert_eq!(october - reminder_at(october), 49 * 3600);
        // An ordinary week: 48 hours.
        let june = at(2027, 6, 13, 9);
        assert_eq!(june - reminder_at(june), 48 * 3600);
    }

    fn draft() -> OfferingDraft {
        OfferingDraft {
            kind: "module".into(),
            title: "Lager digital steuern".into(),
            summary: "Vom Barcode zur Echtzeit-Bestandsführung.".into(),
            description: "Absatz.".into(),
            learning_outcomes: vec!["Sie können Prozesse aufnehmen.".into()],
            topics: vec!["logistik-4-0".into(), "logistik-4-0".into()],
            audiences: vec!["beschaeftigte".into()],
            duration_hours: 16,
            format: "presence".into(),
            partner_id: Uuid::nil(),
            price_cents: 0,
            language: "de".into(),
            level: "basic".into(),
            counts_for_qualifications: false,
        }
    }

    #[test]
    fn a_valid_draft_becomes_an_offering_without_duplicate_topics() {
        let offering = draft().parse().map_err(|e| format!("{e:?}"));
        let offering = offering.as_ref().map(|o| (o.topics.clone(), o.kind));
        assert_eq!(
            offering,
            Ok((vec![Topic::Logistics40], OfferingKind::Module))
        );
    }

    #[test]
    fn a_draft_reports_every_bad_field_at_once() {
        let bad = OfferingDraft {
            kind: "party".into(),
            title: " ".into(),
            topics: vec![],
            duration_hours: 0,
            price_cents: -1,
            ..draft()
        };
        let errors = bad.parse().err().unwrap_or_default();
        let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            vec!["kind", "title", "duration_hours", "price_cents", "topics"]
        );
    }

    #[test]
    fn berlin_is_really_berlin() {
        let winter = berlin().to_offset(Timestamp::from_second(1_767_225_600).unwrap_or_default());
        assert_eq!(winter.seconds(), 3600);
    }

    #[test]
    fn session_times_survive_daylight_saving_changes() {
        // 29 March 2026: clocks jump from 02:00 to 03:00 in Berlin.
        let before = date(2026, 3, 28).at(9, 0, 0, 0);
        let after = date(2026, 3, 29).at(9, 0, 0, 0);
        let times = SessionTimes::from_berlin(after, after + 7.hours(), before);
        let times = times.map(|t| t.starts_at.as_second());
        // 09:00 CEST is 07:00 UTC.
        assert_eq!(times, Ok(1_774_767_600));
        let gap = date(2026, 3, 29).at(2, 30, 0, 0);
        assert!(SessionTimes::from_berlin(gap, after, before).is_err());
        // 25 October 2026: 02:30 happens twice.
        let fold = date(2026, 10, 25).at(2, 30, 0, 0);
        assert!(SessionTimes::from_berlin(fold, fold + 5.hours(), before).is_err());
    }

    #[test]
    fn session_end_must_follow_start_and_deadline_precede_it() {
        let start = date(2026, 5, 4).at(9, 0, 0, 0);
        assert!(SessionTimes::from_berlin(start, start, start).is_err());
        assert!(SessionTimes::from_berlin(start, start + 1.hours(), start + 1.minutes()).is_err());
        assert!(SessionTimes::from_berlin(start, start + 1.hours(), start).is_ok());
    }

    #[test]
    fn a_venue_needs_a_place_or_a_link() {
        assert!(Venue::new(None, None).is_err());
        assert!(Venue::new(Some(Uuid::nil()), None).is_ok());
    }

    fn module(n: u128, hours: u32) -> ModuleHours {
        ModuleHours {
            offering_id: Uuid::from_u128(n),
            counts: true,
            hours: Hours(hours),
        }
    }

    #[test]
    fn a_qualification_needs_reachable_hours_and_only_offerings_that_count() {
        let t = || Line::parse("t", "Logistik 4.0").unwrap_or_else(|_| unreachable!());
        let s = || Prose::parse("s", "Kurz.").unwrap_or_else(|_| unreachable!());
        let d = || Prose::parse("d", "Lang.").unwrap_or_else(|_| unreachable!());
        let ok = NewQualification::new(t(), s(), d(), &[module(1, 16)], &[module(2, 8)], Hours(24));
        assert!(ok.is_ok());
        let unreachable =
            NewQualification::new(t(), s(), d(), &[module(1, 16)], &[module(2, 8)], Hours(25));
        assert_eq!(unreachable.err().map(|e| e.field), Some("minimum_hours"));
        let twice =
            NewQualification::new(t(), s(), d(), &[module(1, 16)], &[module(1, 16)], Hours(8));
        assert_eq!(twice.err().map(|e| e.field), Some("elective"));
        let workshop = ModuleHours {
            counts: false,
            ..module(3, 4)
        };
        let refused = NewQualification::new(t(), s(), d(), &[workshop], &[], Hours(4));
        assert_eq!(refused.err().map(|e| e.key), Some("invalid-not-a-module"));
        let marked = ModuleHours {
            counts: true,
            ..workshop
        };
        assert!(NewQualification::new(t(), s(), d(), &[marked], &[], Hours(4)).is_ok());
    }

    #[test]
    fn modules_always_count_other_offerings_when_marked() {
        let counts = |kind: &str, marked: bool| {
            OfferingDraft {
                kind: kind.into(),
                counts_for_qualifications: marked,
                ..draft()
            }
            .parse()
            .map(|o| o.counts_for_qualifications)
        };
        assert_eq!(counts("module", false), Ok(true));
        assert_eq!(counts("workshop", false), Ok(false));
        assert_eq!(counts("workshop", true), Ok(true));
    }

    proptest! {
        #[test]
        fn every_vocabulary_key_parses_back(i in 0usize..7) {
            let topic = Topic::ALL[i];
            prop_assert_eq!(Topic::parse(topic.key()), Ok(topic));
        }

        #[test]
        fn seats_free_is_never_negative(capacity in 0i64..10_000, confirmed in 0i64..20_000) {
            let free = seats_free(capacity, confirmed);
            prop_assert!(free >= 0);
            prop_assert!(free <= capacity);
        }

        #[test]
        fn capacity_accepts_exactly_one_to_ten_thousand(raw in -100i64..20_000) {
            prop_assert_eq!(Capacity::parse(raw).is_ok(), (1..=10_000).contains(&raw));
        }
    }
}
