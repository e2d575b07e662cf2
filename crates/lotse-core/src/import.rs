//! Bulk import of offerings and sessions from a table, as staff and partner editors
//! keep them in spreadsheets.
//!
//! The web layer reads a CSV or XLSX file into a [`Table`]; [`plan`] reads each row
//! into an offering (created, or updated when its external id is known) and at most
//! one session, and reports every row's result or every problem with row and column.
//! Nothing here writes: the store applies a plan without errors in one transaction.
//!
//! One row per session; the rows of one offering share its `external_id`, and only
//! the first of them needs the offering's columns. Sessions are only ever added: a
//! session whose start the offering already has is left as it is.

use crate::Invalid;
use crate::catalogue::{NewOffering, NewSession, OfferingDraft, SessionDraft};
use jiff::Timestamp;
use jiff::civil::{Date, DateTime, Time};
use std::collections::HashMap;
use uuid::Uuid;

/// At most this many rows (below the header) are read from one file.
pub const MAX_ROWS: usize = 10_000;

/// A cell as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text (every cell of a CSV file).
    Text(String),
    /// A number of a spreadsheet.
    Number(f64),
    /// A date or date and time of a spreadsheet, as wall-clock time.
    DateTime(DateTime),
}

impl Cell {
    fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, for comparing and for messages.
    fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_owned(),
            Cell::Number(n) => n.to_string(),
            Cell::DateTime(d) => d.to_string(),
        }
    }
}

/// A file's first sheet: the header and the rows below it, each with its row number
/// as the spreadsheet program shows it (the header is usually row 1).
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Column names, as written.
    pub header: Vec<String>,
    /// Rows with their numbers.
    pub rows: Vec<(u32, Vec<Cell>)>,
}

macro_rules! columns {
    ($($(#[$meta:meta])* $variant:ident => $key:literal, $german:literal, $required:literal;)+) => {
        /// A column of the import file.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Column {
            $($(#[$meta])* $variant),+
        }

        impl Column {
            /// Every column, in the template's order.
            pub const ALL: &'static [Column] = &[$(Column::$variant),+];

            /// The name in the template (the API's field name where there is one).
            pub fn key(self) -> &'static str {
                match self { $(Column::$variant => $key),+ }
            }

            /// The German name, accepted as well.
            pub fn german(self) -> &'static str {
                match self { $(Column::$variant => $german),+ }
            }

            /// Whether every file needs the column.
            pub fn required(self) -> bool {
                match self { $(Column::$variant => $required),+ }
            }
        }
    };
}

columns! {
    /// The offering's id in the partner's own records; updates match on it.
    ExternalId => "external_id", "externe_id", true;
    /// The partner's id or name; may stay empty for someone who edits one partner.
    Partner => "partner", "partner", false;
    /// The offering kind's key.
    Kind => "kind", "art", true;
    /// Title.
    Title => "title", "titel", true;
    /// Summary.
    Summary => "summary", "kurzbeschreibung", true;
    /// Description.
    Description => "description", "beschreibung", true;
    /// Learning outcomes, one per line or separated by `|`.
    LearningOutcomes => "learning_outcomes", "lernziele", true;
    /// Topic keys, separated by commas.
    Topics => "topics", "themen", true;
    /// Audience keys, separated by commas.
    Audiences => "audiences", "zielgruppen", true;
    /// Learning time in hours.
    DurationHours => "duration_hours", "dauer_stunden", true;
    /// The format's key.
    Format => "format", "format", true;
    /// Price in euros (`49,50`); empty is free.
    PriceEur => "price_eur", "preis_eur", false;
    /// The language's key; empty is German.
    Language => "language", "sprache", false;
    /// The level's key.
    Level => "level", "niveau", true;
    /// The session's start; empty: the row has no session.
    StartsAt => "starts_at", "beginn", false;
    /// The session's end.
    EndsAt => "ends_at", "ende", false;
    /// When registration closes; empty: a day before the start.
    RegistrationDeadline => "registration_deadline", "anmeldeschluss", false;
    /// The place's id or name.
    Place => "place", "ort", false;
    /// The link of an online session.
    OnlineLink => "online_link", "online_link", false;
    /// How to dial in by phone, beside the link.
    DialIn => "dial_in", "einwahl", false;
    /// Seats.
    Capacity => "capacity", "plaetze", false;
    /// Hours before the start until which participants may cancel; empty: 24.
    CancellationCutoffHours => "cancellation_cutoff_hours", "stornofrist_stunden", false;
}

impl Column {
    /// The column a name in a header means: the key or the German name, in any case,
    /// with spaces or hyphens for underscores.
    pub fn named(name: &str) -> Option<Column> {
        let name: String = name
            .trim()
            .to_lowercase()
            .chars()
            .map(|c| if c == ' ' || c == '-' { '_' } else { c })
            .collect();
        Column::ALL
            .iter()
            .copied()
            .find(|c| c.key() == name || c.german() == name)
    }

    /// Whether the column belongs to the offering (rather than to the session).
    fn of_offering(self) -> bool {
        !matches!(
            self,
            Column::ExternalId
                | Column::Partner
                | Column::StartsAt
                | Column::EndsAt
                | Column::RegistrationDeadline
                | Column::Place
                | Column::OnlineLink
                | Column::DialIn
                | Column::Capacity
                | Column::CancellationCutoffHours
        )
    }

    /// The column a field name of the domain's messages stands for.
    fn for_field(field: &str) -> Option<Column> {
        match field {
            "price_cents" => Some(Column::PriceEur),
            "place_id" => Some(Column::Place),
            _ => Column::named(field),
        }
    }
}

/// What the importer may touch and what the rows may name.
#[derive(Debug, Clone, Default)]
pub struct References {
    /// Every partner: id and name.
    pub partners: Vec<(Uuid, String)>,
    /// The partners whose offerings the importer may edit.
    pub editable: Vec<Uuid>,
    /// Every place: id and name.
    pub places: Vec<(Uuid, String)>,
    /// Offerings that carry an external id, by partner and external id.
    pub existing: HashMap<(Uuid, String), Existing>,
}

/// An offering already in the catalogue under an external id.
#[derive(Debug, Clone, Default)]
pub struct Existing {
    /// Its id.
    pub id: Uuid,
    /// Whether it was withdrawn.
    pub withdrawn: bool,
    /// The starts of its sessions that were not called off.
    pub session_starts: Vec<Timestamp>,
}

/// What happens to a row's offering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfferingOutcome {
    /// A new offering.
    Created,
    /// The offering with this external id is replaced by the row's values.
    Updated,
    /// The offering of an earlier row (its number).
    AsInRow(u32),
}

/// What happens to a row's session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionOutcome {
    /// A new session.
    Created,
    /// The offering has a session with this start already; it stays as it is.
    Exists,
}

/// A problem in one cell (or, without a column, in the row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    /// The column.
    pub column: Option<Column>,
    /// What is wrong.
    pub problem: Invalid,
}

/// The result of one row.
#[derive(Debug, Clone)]
pub struct RowReport {
    /// The row number.
    pub row: u32,
    /// The external id as written.
    pub external_id: String,
    /// The offering's id (new or existing), when the row is valid.
    pub offering_id: Option<Uuid>,
    /// What happens to its offering.
    pub offering: Option<OfferingOutcome>,
    /// What happens to its session, if it has one.
    pub session: Option<SessionOutcome>,
    /// Every problem; the import writes nothing while any row has one.
    pub errors: Vec<CellError>,
}

/// An offering the import writes.
#[derive(Debug, Clone)]
pub struct PlannedOffering {
    /// Its id: new, or the existing offering's.
    pub id: Uuid,
    /// Its external id.
    pub external_id: String,
    /// Its values.
    pub offering: NewOffering,
    /// Whether it exists already (updated rather than created).
    pub exists: bool,
}

/// Everything a file means: a report per row and what to write.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// One report per row that is not empty, in the file's order.
    pub rows: Vec<RowReport>,
    /// The offerings to create or update.
    pub offerings: Vec<PlannedOffering>,
    /// The sessions to create, with their ids.
    pub sessions: Vec<(Uuid, NewSession)>,
}

impl Plan {
    /// Whether some row has a problem (then nothing may be written).
    pub fn has_errors(&self) -> bool {
        self.rows.iter().any(|r| !r.errors.is_empty())
    }
}

/// Why a file cannot be read at all. Field `file`; the key says why.
pub fn file_problem(key: &'static str) -> Invalid {
    Invalid::new("file", key)
}

/// The columns of a header, in order; refuses unknown, repeated and missing columns.
pub fn columns(header: &[String]) -> Result<Vec<Option<Column>>, Vec<Invalid>> {
    let mut errors = Vec::new();
    let mut seen = Vec::new();
    let mut columns = Vec::new();
    for name in header {
        if name.trim().is_empty() {
            columns.push(None);
            continue;
        }
        match Column::named(name) {
            Some(c) if seen.contains(&c) => {
                errors.push(file_problem("invalid-import-column-twice").with("column", c.key()))
            }
            Some(c) => {
                seen.push(c);
                columns.push(Some(c));
            }
            None => errors.push(
                file_problem("invalid-import-unknown-column")
                    .with("column", name.trim().chars().take(40).collect::<String>()),
            ),
        }
    }
    let missing: Vec<&str> = Column::ALL
        .iter()
        .filter(|c| c.required() && !seen.contains(c))
        .map(|c| c.key())
        .collect();
    if !missing.is_empty() {
        errors.push(
            file_problem("invalid-import-missing-columns").with("columns", missing.join(", ")),
        );
    }
    if errors.is_empty() {
        Ok(columns)
    } else {
        Err(errors)
    }
}

/// Reads every row of `table` against what exists. `new_id` gives ids to new offerings
/// and sessions.
pub fn plan(
    table: &Table,
    references: &References,
    mut new_id: impl FnMut() -> Uuid,
) -> Result<Plan, Vec<Invalid>> {
    let columns = columns(&table.header)?;
    if table.rows.len() > MAX_ROWS {
        return Err(vec![
            file_problem("invalid-import-too-many-rows").with("max", MAX_ROWS),
        ]);
    }
    let mut plan = Plan::default();
    // Per offering (partner, external id): the row that defined it, its cells, its
    // index in `plan.offerings` (if valid), and the session starts seen in the file.
    struct Group {
        row: u32,
        cells: Vec<(Column, String)>,
        offering: Option<(Uuid, usize)>,
        starts: Vec<(Timestamp, u32)>,
    }
    let mut groups: HashMap<(Uuid, String), Group> = HashMap::new();
    for (number, cells) in &table.rows {
        if cells.iter().all(Cell::is_empty) {
            continue;
        }
        let row = Row {
            columns: &columns,
            cells,
        };
        let mut report = RowReport {
            row: *number,
            external_id: row.text(Column::ExternalId),
            offering_id: None,
            offering: None,
            session: None,
            errors: row.formulas(),
        };
        let fail = |column: Column, problem: Invalid| CellError {
            column: Some(column),
            problem,
        };
        let external_id = report.external_id.clone();
        if external_id.is_empty() {
            report.errors.push(fail(
                Column::ExternalId,
                Invalid::new("external_id", "invalid-empty"),
            ));
        } else if external_id.chars().count() > 100 {
            report.errors.push(fail(
                Column::ExternalId,
                Invalid::new("external_id", "invalid-too-long").with("max", 100),
            ));
        }
        let partner = match partner(&row, references) {
            Ok(p) => Some(p),
            Err(e) => {
                report.errors.push(fail(Column::Partner, e));
                None
            }
        };
        let external_id_ok = !report
            .errors
            .iter()
            .any(|e| matches!(e.column, Some(Column::ExternalId | Column::Partner)));
        let (Some(partner), true) = (partner, external_id_ok) else {
            plan.rows.push(report);
            continue;
        };
        let key = (partner, external_id.clone());
        let offering_cells = row.offering_cells();
        // The offering: from this row if it is the first of its external id.
        let offering_id = match groups.get(&key) {
            Some(group) => {
                if !offering_cells.is_empty() && offering_cells != group.cells {
                    report.errors.push(CellError {
                        column: None,
                        problem: Invalid::new("row", "invalid-import-differs-from-row")
                            .with("row", group.row),
                    });
                }
                report.offering = Some(OfferingOutcome::AsInRow(group.row));
                group.offering.map(|(id, _)| id)
            }
            None => {
                let existing = references.existing.get(&key);
                let mut offering = None;
                if existing.is_some_and(|e| e.withdrawn) {
                    report.errors.push(fail(
                        Column::ExternalId,
                        Invalid::new("external_id", "invalid-import-withdrawn"),
                    ));
                } else {
                    match row.offering(partner) {
                        Ok(parsed) => {
                            let (id, exists) = match existing {
                                Some(e) => (e.id, true),
                                None => (new_id(), false),
                            };
                            report.offering = Some(if exists {
                                OfferingOutcome::Updated
                            } else {
                                OfferingOutcome::Created
                            });
                            plan.offerings.push(PlannedOffering {
                                id,
                                external_id: external_id.clone(),
                                offering: parsed,
                                exists,
                            });
                            offering = Some((id, plan.offerings.len() - 1));
                        }
                        Err(errors) => report.errors.extend(errors),
                    }
                }
                groups.insert(
                    key.clone(),
                    Group {
                        row: *number,
                        cells: offering_cells,
                        offering,
                        starts: Vec::new(),
                    },
                );
                offering.map(|(id, _)| id)
            }
        };
        // The session, if the row has one.
        if row.has_session() {
            match row.session(offering_id.unwrap_or_default(), references) {
                Ok(session) => {
                    let start = session.times.starts_at;
                    let group = groups.get_mut(&key);
                    let twice = group
                        .as_ref()
                        .and_then(|g| g.starts.iter().find(|(s, _)| *s == start))
                        .map(|(_, r)| *r);
                    if let Some(earlier) = twice {
                        report.errors.push(fail(
                            Column::StartsAt,
                            Invalid::new("starts_at", "invalid-import-session-twice")
                                .with("row", earlier),
                        ));
                    } else {
                        if let Some(g) = group {
                            g.starts.push((start, *number));
                        }
                        let exists = references
                            .existing
                            .get(&key)
                            .is_some_and(|e| e.session_starts.contains(&start));
                        if exists {
                            report.session = Some(SessionOutcome::Exists);
                        } else {
                            report.session = Some(SessionOutcome::Created);
                            if offering_id.is_some() {
                                plan.sessions.push((new_id(), session));
                            }
                        }
                    }
                }
                Err(errors) => report.errors.extend(errors),
            }
        }
        if report.errors.is_empty() {
            report.offering_id = offering_id;
        }
        plan.rows.push(report);
    }
    Ok(plan)
}

/// One row with its header.
struct Row<'a> {
    columns: &'a [Option<Column>],
    cells: &'a [Cell],
}

impl Row<'_> {
    fn cell(&self, column: Column) -> &Cell {
        self.columns
            .iter()
            .position(|c| *c == Some(column))
            .and_then(|i| self.cells.get(i))
            .unwrap_or(&Cell::Empty)
    }

    fn text(&self, column: Column) -> String {
        self.cell(column).text()
    }

    /// Text cells that a spreadsheet program would run as a formula are refused, so
    /// that nothing imported here becomes one when someone exports it again.
    fn formulas(&self) -> Vec<CellError> {
        self.columns
            .iter()
            .zip(self.cells)
            .filter_map(|(column, cell)| match (column, cell) {
                (Some(column), Cell::Text(text)) if looks_like_formula(text) => Some(CellError {
                    column: Some(*column),
                    problem: Invalid::new(column.key(), "invalid-import-formula"),
                }),
                _ => None,
            })
            .collect()
    }

    /// The offering's cells that are filled, for comparing rows of one offering.
    fn offering_cells(&self) -> Vec<(Column, String)> {
        Column::ALL
            .iter()
            .filter(|c| c.of_offering())
            .map(|c| (*c, self.text(*c)))
            .filter(|(_, t)| !t.is_empty())
            .collect()
    }

    fn has_session(&self) -> bool {
        [
            Column::StartsAt,
            Column::EndsAt,
            Column::RegistrationDeadline,
            Column::Place,
            Column::OnlineLink,
            Column::DialIn,
            Column::Capacity,
            Column::CancellationCutoffHours,
        ]
        .iter()
        .any(|c| !self.cell(*c).is_empty())
    }

    fn offering(&self, partner_id: Uuid) -> Result<NewOffering, Vec<CellError>> {
        let mut errors = Vec::new();
        let mut number = |column: Column| match whole_number(column, self.cell(column)) {
            Ok(n) => n.unwrap_or(0),
            Err(e) => {
                errors.push(e);
                0
            }
        };
        let duration_hours = number(Column::DurationHours);
        let price_cents = match euro_cents(self.cell(Column::PriceEur)) {
            Ok(c) => c,
            Err(e) => {
                errors.push(e);
                0
            }
        };
        let language = match self.text(Column::Language) {
            l if l.is_empty() => "de".to_owned(),
            l => l,
        };
        let draft = OfferingDraft {
            kind: self.text(Column::Kind),
            title: self.text(Column::Title),
            summary: self.text(Column::Summary),
            description: self.text(Column::Description),
            learning_outcomes: split(&self.text(Column::LearningOutcomes), &['\n', '|']),
            topics: split(&self.text(Column::Topics), &[',', ';', '|', '\n', ' ']),
            audiences: split(&self.text(Column::Audiences), &[',', ';', '|', '\n', ' ']),
            duration_hours,
            format: self.text(Column::Format),
            partner_id,
            price_cents,
            language,
            level: self.text(Column::Level),
            counts_for_qualifications: false,
        };
        let parsed = draft.parse().map_err(|found| {
            found
                .into_iter()
                .map(|problem| CellError {
                    column: Column::for_field(problem.field),
                    problem,
                })
                .collect::<Vec<_>>()
        });
        match parsed {
            Ok(o) if errors.is_empty() => Ok(o),
            Ok(_) => Err(errors),
            Err(mut found) => {
                // A number that could not be read is reported once, not again as 0.
                found.retain(|f| !errors.iter().any(|e| e.column == f.column));
                errors.extend(found);
                Err(errors)
            }
        }
    }

    fn session(
        &self,
        offering_id: Uuid,
        references: &References,
    ) -> Result<NewSession, Vec<CellError>> {
        let mut errors = Vec::new();
        let mut time = |column: Column, required: bool| match self.cell(column) {
            cell if cell.is_empty() => {
                if required {
                    errors.push(CellError {
                        column: Some(column),
                        problem: Invalid::new(column.key(), "invalid-empty"),
                    });
                }
                None
            }
            cell => wall_clock(column, cell).map_err(|e| errors.push(e)).ok(),
        };
        let starts = time(Column::StartsAt, true);
        let ends = time(Column::EndsAt, true);
        let deadline = time(Column::RegistrationDeadline, false);
        let deadline_ok = self.cell(Column::RegistrationDeadline).is_empty() || deadline.is_some();
        let place_id = match self.text(Column::Place) {
            p if p.is_empty() => None,
            p => match find(&references.places, &p) {
                Some(id) => Some(id),
                None => {
                    errors.push(CellError {
                        column: Some(Column::Place),
                        problem: Invalid::new("place", "invalid-import-unknown-place")
                            .with("value", p.chars().take(60).collect::<String>()),
                    });
                    None
                }
            },
        };
        let capacity = match whole_number(Column::Capacity, self.cell(Column::Capacity)) {
            Ok(Some(n)) => Some(n),
            Ok(None) => {
                errors.push(CellError {
                    column: Some(Column::Capacity),
                    problem: Invalid::new("capacity", "invalid-empty"),
                });
                None
            }
            Err(e) => {
                errors.push(e);
                None
            }
        };
        let cutoff = whole_number(
            Column::CancellationCutoffHours,
            self.cell(Column::CancellationCutoffHours),
        )
        .map_err(|e| errors.push(e))
        .ok();
        let (Some(starts_at), Some(ends_at), true, Some(capacity), Some(cutoff), true) = (
            starts,
            ends,
            deadline_ok,
            capacity,
            cutoff,
            errors.is_empty(),
        ) else {
            return Err(errors);
        };
        SessionDraft {
            starts_at,
            ends_at,
            registration_deadline: deadline,
            place_id,
            online_link: Some(self.text(Column::OnlineLink)),
            capacity,
            cancellation_cutoff_hours: cutoff,
            dial_in: Some(self.text(Column::DialIn)),
        }
        .parse(offering_id)
        .map_err(|found| {
            found
                .into_iter()
                .map(|problem| CellError {
                    column: Column::for_field(problem.field),
                    problem,
                })
                .collect()
        })
    }
}

/// The partner a row names (by id or name), or the importer's only partner.
fn partner(row: &Row<'_>, references: &References) -> Result<Uuid, Invalid> {
    let named = row.text(Column::Partner);
    if named.is_empty() {
        return match references.editable.as_slice() {
            [only] => Ok(*only),
            _ => Err(Invalid::new("partner", "invalid-import-partner-required")),
        };
    }
    let id = find(&references.partners, &named).ok_or_else(|| {
        Invalid::new("partner", "invalid-import-unknown-partner")
            .with("value", named.chars().take(60).collect::<String>())
    })?;
    if references.editable.contains(&id) {
        Ok(id)
    } else {
        Err(Invalid::new("partner", "invalid-import-partner-not-yours"))
    }
}

/// The id of the entry that `named` names: by its id, or by its name in any case.
fn find(entries: &[(Uuid, String)], named: &str) -> Option<Uuid> {
    if let Ok(id) = named.parse::<Uuid>() {
        return entries.iter().find(|(e, _)| *e == id).map(|(e, _)| *e);
    }
    let wanted = named.to_lowercase();
    entries
        .iter()
        .find(|(_, name)| name.trim().to_lowercase() == wanted)
        .map(|(id, _)| *id)
}

/// Whether text starts the way a spreadsheet formula does (`=`, `@`, a tab or a
/// carriage return, or `+` or `-` before something other than a number or a space, so
/// that a phone number such as `+49 355 …` or a bullet `- …` passes).
fn looks_like_formula(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some('=' | '@' | '\t' | '\r') => true,
        Some('+' | '-') => !matches!(chars.next(), None | Some(' ' | '0'..='9')),
        _ => false,
    }
}

/// Splits a list cell at any of `separators`, trimming and dropping empty entries.
fn split(text: &str, separators: &[char]) -> Vec<String> {
    text.split(|c| separators.contains(&c))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A whole number from a number cell or text; `None` when empty.
fn whole_number(column: Column, cell: &Cell) -> Result<Option<i64>, CellError> {
    let wrong = || CellError {
        column: Some(column),
        problem: Invalid::new(column.key(), "invalid-import-whole-number")
            .with("value", cell.text().chars().take(40).collect::<String>()),
    };
    match cell {
        Cell::Empty => Ok(None),
        Cell::Text(t) if t.trim().is_empty() => Ok(None),
        Cell::Text(t) => t.trim().parse::<i64>().map(Some).map_err(|_| wrong()),
        Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e12 => Ok(Some(*n as i64)),
        _ => Err(wrong()),
    }
}

/// A price in euros in cents: `49`, `49,5`, `49,50` or `49.50`; empty is free.
///
/// A separator before exactly three digits (`1.200`) is refused: it is a thousands
/// separator in German and a decimal point in English, and guessing either could put
/// a wrong price online.
fn euro_cents(cell: &Cell) -> Result<i64, CellError> {
    let wrong = |key: &'static str| CellError {
        column: Some(Column::PriceEur),
        problem: Invalid::new("price_eur", key)
            .with("value", cell.text().chars().take(40).collect::<String>()),
    };
    match cell {
        Cell::Empty => Ok(0),
        Cell::Number(n) => {
            let cents = (n * 100.0).round();
            if (n * 100.0 - cents).abs() > 1e-6 || !(0.0..1e9).contains(&cents) {
                Err(wrong("invalid-import-price"))
            } else {
                Ok(cents as i64)
            }
        }
        Cell::Text(t) => {
            let t = t.trim().trim_end_matches('€').trim_end();
            if t.is_empty() {
                return Ok(0);
            }
            let (euros, cents) = match t.find([',', '.']) {
                Some(i) => (&t[..i], &t[i + 1..]),
                None => (t, ""),
            };
            if cents.len() == 3 {
                return Err(wrong("invalid-import-price-ambiguous"));
            }
            let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
            if !digits(euros) || !(cents.is_empty() || (digits(cents) && cents.len() <= 2)) {
                return Err(wrong("invalid-import-price"));
            }
            let euros: i64 = euros.parse().map_err(|_| wrong("invalid-import-price"))?;
            let cents: i64 = format!("{cents:0<2}").parse().unwrap_or(0);
            Ok(euros.saturating_mul(100).saturating_add(cents))
        }
        Cell::DateTime(_) => Err(wrong("invalid-import-price")),
    }
}

/// A wall-clock time from a date cell or text: `2027-03-04T09:00`, `2027-03-04 09:00`
/// or German `4.3.2027 9:00` (optionally with `Uhr`).
fn wall_clock(column: Column, cell: &Cell) -> Result<DateTime, CellError> {
    let wrong = || CellError {
        column: Some(column),
        problem: Invalid::new(column.key(), "invalid-import-date-time")
            .with("value", cell.text().chars().take(40).collect::<String>()),
    };
    match cell {
        Cell::DateTime(d) => Ok(*d),
        Cell::Text(t) => parse_wall_clock(t).ok_or_else(wrong),
        _ => Err(wrong()),
    }
}

fn parse_wall_clock(text: &str) -> Option<DateTime> {
    let text = text.trim();
    let text = text.strip_suffix("Uhr").unwrap_or(text).trim();
    if let Ok(d) = text.replacen(' ', "T", 1).parse::<DateTime>() {
        return Some(d);
    }
    let (date, time) = text.split_once([' ', ','])?;
    let mut parts = date.split('.');
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || year.len() != 4 {
        return None;
    }
    let date = Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?).ok()?;
    let mut parts = time.trim().split(':');
    let (hour, minute) = (parts.next()?, parts.next()?);
    let second = parts.next().unwrap_or("0");
    if parts.next().is_some() {
        return None;
    }
    let time = Time::new(
        hour.parse().ok()?,
        minute.parse().ok()?,
        second.parse().ok()?,
        0,
    )
    .ok()?;
    Some(date.to_datetime(time))
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn text(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }

    const HEADER: &[&str] = &[
        "external_id",
        "kind",
        "title",
        "summary",
        "description",
        "learning_outcomes",
        "topics",
        "audiences",
        "duration_hours",
        "format",
        "level",
        "starts_at",
        "ends_at",
        "place",
        "capacity",
        "price_eur",
    ];

    fn row(external_id: &str, title: &str, starts: &str) -> Vec<Cell> {
        [
            external_id,
            "workshop",
            title,
            "Kurz.",
            "Lang.",
            "Eins | Zwei",
            "arbeit-4-0, daten-ki",
            "beschaeftigte",
            "4",
            "presence",
            "basic",
            starts,
            "",
            "Cottbus",
            "12",
            "49,50",
        ]
        .iter()
        .enumerate()
        .map(|(i, v)| match (i, *v) {
            (12, _) if !starts.is_empty() => text(&starts.replace("09:00", "13:00")),
            (13 | 14, _) if starts.is_empty() => Cell::Empty,
            (_, v) => text(v),
        })
        .collect()
    }

    fn references(partner: Uuid, place: Uuid) -> References {
        References {
            partners: vec![(partner, "TH Wildau".into())],
            editable: vec![partner],
            places: vec![(place, "Cottbus".into())],
            existing: HashMap::new(),
        }
    }

    fn table(rows: Vec<Vec<Cell>>) -> Table {
        Table {
            header: HEADER.iter().map(|h| h.to_string()).collect(),
            rows: rows
                .into_iter()
                .enumerate()
                .map(|(i, r)| (i as u32 + 2, r))
                .collect(),
        }
    }

    #[test]
    fn rows_of_one_external_id_make_one_offering_with_a_session_each() {
        let (partner, place) = (Uuid::now_v7(), Uuid::now_v7());
        let t = table(vec![
            row("A-1", "Sicher im Netz", "2027-03-04 09:00"),
            row("A-1", "Sicher im Netz", "5.3.2027 09:00 Uhr"),
            row("B-7", "Daten nutzen", ""),
        ]);
        let plan = plan(&t, &references(partner, place), Uuid::now_v7).expect("header");
        assert!(!plan.has_errors(), "{:?}", plan.rows);
        assert_eq!(plan.offerings.len(), 2);
        assert_eq!(plan.sessions.len(), 2);
        let o = &plan.offerings[0].offering;
        assert_eq!(o.price_cents.cents(), 4950);
        assert_eq!(o.learning_outcomes.len(), 2);
        assert_eq!(o.topics.len(), 2);
        assert_eq!(plan.rows[1].offering, Some(OfferingOutcome::AsInRow(2)));
        assert_eq!(plan.rows[2].session, None);
        assert_eq!(plan.sessions[0].1.venue.place_id, Some(place));
        assert_eq!(plan.sessions[1].1.offering_id, plan.offerings[0].id);
    }

    #[test]
    fn a_known_external_id_updates_and_its_known_session_stays() {
        let (partner, place, existing) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let mut refs = references(partner, place);
        let start = date(2027, 3, 4)
            .at(9, 0, 0, 0)
            .to_zoned(crate::catalogue::berlin())
            .expect("zone")
            .timestamp();
        refs.existing.insert(
            (partner, "A-1".into()),
            Existing {
                id: existing,
                withdrawn: false,
                session_starts: vec![start],
            },
        );
        let mut session_only = row("A-1", "", "2027-03-05T09:00");
        for i in (1..=10).chain([15]) {
            session_only[i] = Cell::Empty;
        }
        let t = table(vec![row("A-1", "Neu", "2027-03-04T09:00"), session_only]);
        let plan = plan(&t, &refs, Uuid::now_v7).expect("header");
        assert!(!plan.has_errors(), "{:?}", plan.rows);
        assert_eq!(plan.rows[0].offering, Some(OfferingOutcome::Updated));
        assert_eq!(plan.rows[0].session, Some(SessionOutcome::Exists));
        assert_eq!(plan.rows[1].session, Some(SessionOutcome::Created));
        assert_eq!(plan.offerings[0].id, existing);
        assert_eq!(plan.sessions.len(), 1);
    }

    #[test]
    fn every_problem_is_reported_with_its_row_and_column() {
        let (partner, place) = (Uuid::now_v7(), Uuid::now_v7());
        let mut bad = row("C-1", "=HYPERLINK(\"x\")", "2027-03-04 09:00");
        bad[0] = text("C-1");
        let mut second = row("D-1", "Titel", "31.02.2027 09:00");
        second[15] = text("1.200");
        second[13] = text("Nirgendwo");
        let mut third = row("A-1", "Titel", "2027-03-04 09:00");
        third[2] = text("Anders");
        let t = table(vec![
            bad,
            second,
            row("A-1", "Titel", "2027-03-04 09:00"),
            third,
        ]);
        let plan = plan(&t, &references(partner, place), Uuid::now_v7).expect("header");
        let keys = |i: usize| -> Vec<(Option<&str>, &str)> {
            plan.rows[i]
                .errors
                .iter()
                .map(|e| (e.column.map(Column::key), e.problem.key))
                .collect()
        };
        assert_eq!(keys(0), vec![(Some("title"), "invalid-import-formula")]);
        assert_eq!(plan.rows[1].row, 3);
        assert!(
            keys(1).contains(&(Some("price_eur"), "invalid-import-price-ambiguous")),
            "{:?}",
            keys(1)
        );
        assert!(keys(1).contains(&(Some("starts_at"), "invalid-import-date-time")));
        assert!(keys(1).contains(&(Some("place"), "invalid-import-unknown-place")));
        assert!(keys(2).is_empty());
        assert_eq!(
            keys(3),
            vec![
                (None, "invalid-import-differs-from-row"),
                (Some("starts_at"), "invalid-import-session-twice")
            ]
        );
        assert!(plan.has_errors());
    }

    #[test]
    fn headers_are_checked_before_any_row() {
        let header = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        let err = columns(&header(&["Externe ID", "Titel", "Farbe", "titel"])).expect_err("bad");
        let keys: Vec<&str> = err.iter().map(|e| e.key).collect();
        assert_eq!(
            keys,
            vec![
                "invalid-import-unknown-column",
                "invalid-import-column-twice",
                "invalid-import-missing-columns"
            ]
        );
        assert!(err[2].args[0].1.contains("kind") && !err[2].args[0].1.contains("title"));
    }

    #[test]
    fn a_partner_editor_imports_for_their_partner_only() {
        let (mine, other, place) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let mut refs = references(mine, place);
        refs.partners.push((other, "IHK Cottbus".into()));
        let mut header: Vec<String> = HEADER.iter().map(|h| h.to_string()).collect();
        header.push("partner".into());
        let mut foreign = row("X", "Titel", "");
        foreign.push(text("ihk cottbus"));
        let mut unknown = row("Y", "Titel", "");
        unknown.push(text("Niemand"));
        let t = Table {
            header,
            rows: vec![(2, foreign), (3, unknown), (4, row("Z", "Titel", ""))],
        };
        let plan = plan(&t, &refs, Uuid::now_v7).expect("header");
        assert_eq!(
            plan.rows[0].errors[0].problem.key,
            "invalid-import-partner-not-yours"
        );
        assert_eq!(
            plan.rows[1].errors[0].problem.key,
            "invalid-import-unknown-partner"
        );
        assert!(plan.rows[2].errors.is_empty());
        assert_eq!(plan.offerings[0].offering.partner_id, mine);
    }

    #[test]
    fn cells_read_as_people_write_them() {
        assert!(
            looks_like_formula("=1+1")
                && looks_like_formula("@SUM(A1)")
                && looks_like_formula("-A1")
        );
        assert!(
            !looks_like_formula("- Punkt")
                && !looks_like_formula("-5")
                && !looks_like_formula("Text")
        );
        assert!(!looks_like_formula("+49 355 69 4000") && looks_like_formula("+SUMME(A1)"));
        let cents = |s: &str| euro_cents(&text(s)).map_err(|e| e.problem.key);
        assert_eq!(cents("49,5"), Ok(4950));
        assert_eq!(cents("1200"), Ok(120_000));
        assert_eq!(cents("0.99 €"), Ok(99));
        assert_eq!(cents("1.200"), Err("invalid-import-price-ambiguous"));
        assert_eq!(cents("12,345,00"), Err("invalid-import-price"));
        assert_eq!(euro_cents(&Cell::Number(19.9)).map_err(|_| ()), Ok(1990));
        assert_eq!(
            parse_wall_clock("04.03.2027, 09:30 Uhr"),
            Some(date(2027, 3, 4).at(9, 30, 0, 0))
        );
        assert_eq!(
            parse_wall_clock("2027-03-04 09:30"),
            Some(date(2027, 3, 4).at(9, 30, 0, 0))
        );
        assert_eq!(parse_wall_clock("4.3.27 9:30"), None);
        assert_eq!(
            whole_number(Column::Capacity, &Cell::Number(12.0)),
            Ok(Some(12))
        );
        assert!(whole_number(Column::Capacity, &Cell::Number(12.5)).is_err());
    }
}
