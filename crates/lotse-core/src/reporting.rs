//! The funder's figures: what counts, how it is grouped, and which cells a viewer
//! outside the center may not see.
//!
//! - A **participation** is an attended registration of a session that was not
//!   cancelled; it counts on the day (Europe/Berlin) its session starts, for the
//!   company the registration was made for, as that company was on that day.
//! - **SMEs reached**: distinct companies with fewer than 250 staff among the
//!   participations. **Participants**: distinct people (erased people keep counting:
//!   their registrations stay, without name). **Participant-hours**: the offering's
//!   learning time summed over participations.
//! - **Sessions held**: sessions not cancelled that started in the period and have
//!   ended. **Offerings run**: distinct offerings of the sessions held.
//!
//! Distinct counts do not add up across rows: a person in two months counts in each
//! month and once in the total; an offering with two topics counts in both.

use crate::Invalid;
use crate::accounts::SizeClass;
use crate::catalogue::{OfferingKind, Topic};
use crate::reference::COUNTIES;
use jiff::civil::Date;
use rustc_hash::FxHashSet;
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use uuid::Uuid;

/// Cells below this are shown as "< 5" to anybody outside the center.
pub const SMALLEST_SHOWN: u64 = 5;

/// Longest period a report covers, in days (ten years).
const LONGEST_PERIOD_DAYS: i32 = 3_653;

/// What the rows of a report are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Breakdown {
    /// Calendar months of the period.
    Month,
    /// Calendar quarters.
    Quarter,
    /// Calendar years.
    Year,
    /// The company's county (Kreisschlüssel, `outside`, or `none` without company).
    County,
    /// The company's WZ 2008 section.
    Sector,
    /// The company's size class by staff.
    SizeClass,
    /// The offering's topics.
    Topic,
    /// The offering's kind.
    Kind,
    /// The partner that runs the offering.
    Partner,
}

impl Breakdown {
    /// Every breakdown, as the dashboard shows them.
    pub const ALL: [Breakdown; 9] = [
        Breakdown::Month,
        Breakdown::Quarter,
        Breakdown::Year,
        Breakdown::County,
        Breakdown::Sector,
        Breakdown::SizeClass,
        Breakdown::Topic,
        Breakdown::Kind,
        Breakdown::Partner,
    ];

    /// The key in `group_by`.
    pub fn key(self) -> &'static str {
        match self {
            Breakdown::Month => "month",
            Breakdown::Quarter => "quarter",
            Breakdown::Year => "year",
            Breakdown::County => "county",
            Breakdown::Sector => "sector",
            Breakdown::SizeClass => "size_class",
            Breakdown::Topic => "topic",
            Breakdown::Kind => "kind",
            Breakdown::Partner => "partner",
        }
    }

    /// The breakdown named `raw`.
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        Self::ALL
            .into_iter()
            .find(|b| b.key() == raw.trim())
            .ok_or_else(|| Invalid::new("group_by", "invalid-group-by"))
    }

    /// Whether rows are of the company (county, sector, size): sessions and offerings
    /// have no such property, so those figures do not apply.
    fn by_company(self) -> bool {
        matches!(
            self,
            Breakdown::County | Breakdown::Sector | Breakdown::SizeClass
        )
    }
}

/// Whose reach a report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// The whole center.
    Center,
    /// The offerings a partner runs.
    Offerings(Uuid),
    /// The companies that declared themselves members of a partner (a chamber or an
    /// association), in any offering.
    Members(Uuid),
}

impl Reach {
    /// The partner it is about, if any.
    pub fn partner(self) -> Option<Uuid> {
        match self {
            Reach::Center => None,
            Reach::Offerings(p) | Reach::Members(p) => Some(p),
        }
    }
}

/// The days a report covers, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// The first day.
    pub from: Date,
    /// The last day.
    pub to: Date,
}

impl Period {
    /// A period from two ISO dates (`2026-01-01`), in order and at most ten years long.
    pub fn parse(from: &str, to: &str) -> Result<Self, Vec<Invalid>> {
        let day = |field: &'static str, raw: &str| {
            raw.trim()
                .parse::<Date>()
                .ok()
                .filter(|d| d.year() >= 2000 && d.year() <= 2100)
                .ok_or_else(|| Invalid::new(field, "invalid-report-date"))
        };
        match (day("from", from), day("to", to)) {
            (Ok(from), Ok(to)) if to < from => {
                Err(vec![Invalid::new("to", "invalid-period-reversed")])
            }
            (Ok(from), Ok(to)) => {
                let days = from.until(to).map(|s| s.get_days()).unwrap_or(i32::MAX);
                if days > LONGEST_PERIOD_DAYS {
                    Err(vec![Invalid::new("to", "invalid-period-too-long")])
                } else {
                    Ok(Self { from, to })
                }
            }
            (from, to) => Err([from.err(), to.err()].into_iter().flatten().collect()),
        }
    }

    /// Whether `day` lies in the period.
    pub fn contains(self, day: Date) -> bool {
        self.from <= day && day <= self.to
    }
}

/// A company as it was on the day of a participation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanyThen {
    /// The company.
    pub id: Uuid,
    /// Its county key.
    pub county: String,
    /// Its WZ 2008 section letter.
    pub sector: char,
    /// Its size class.
    pub size: SizeClass,
}

/// One attended registration, with what the breakdowns ask of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participation {
    /// Who took part.
    pub person: Uuid,
    /// The company it counts for, if any.
    pub company: Option<CompanyThen>,
    /// The offering.
    pub offering: Uuid,
    /// Its kind.
    pub kind: OfferingKind,
    /// Its partner.
    pub partner: Uuid,
    /// Its topics.
    pub topics: Vec<Topic>,
    /// Its learning time.
    pub hours: u32,
    /// The day the session started.
    pub day: Date,
}

/// A session held, with what the breakdowns ask of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldSession {
    /// The offering.
    pub offering: Uuid,
    /// Its kind.
    pub kind: OfferingKind,
    /// Its partner.
    pub partner: Uuid,
    /// Its topics.
    pub topics: Vec<Topic>,
    /// The day it started.
    pub day: Date,
}

/// A figure of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kpi {
    /// Distinct companies with fewer than 250 staff.
    SmesReached,
    /// Distinct people.
    Participants,
    /// Learning hours over participations.
    ParticipantHours,
    /// Sessions held.
    SessionsHeld,
    /// Distinct offerings of the sessions held.
    OfferingsRun,
}

impl Kpi {
    /// Every figure, in the order tables show them.
    pub const ALL: [Kpi; 5] = [
        Kpi::SmesReached,
        Kpi::Participants,
        Kpi::ParticipantHours,
        Kpi::SessionsHeld,
        Kpi::OfferingsRun,
    ];

    /// The key in the API and the exports.
    pub fn key(self) -> &'static str {
        match self {
            Kpi::SmesReached => "smes_reached",
            Kpi::Participants => "participants",
            Kpi::ParticipantHours => "participant_hours",
            Kpi::SessionsHeld => "sessions_held",
            Kpi::OfferingsRun => "offerings_run",
        }
    }
}

/// The figures of one row; `None` where a figure does not apply to the row (sessions
/// have no county; a large company is no SME).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Figures(pub [Option<u64>; 5]);

impl Figures {
    /// The figure `kpi`.
    pub fn get(&self, kpi: Kpi) -> Option<u64> {
        self.0[kpi as usize]
    }
}

/// One row: its key (a month `2026-03`, a quarter `2026-Q1`, a year, a county key, a
/// section letter, a size class, a topic, a kind or a partner id) and its figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// What the row is.
    pub key: String,
    /// Its figures.
    pub figures: Figures,
}

/// The figures of a period, by one breakdown, with the period's total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The days covered.
    pub period: Period,
    /// What the rows are.
    pub breakdown: Breakdown,
    /// The rows, in the breakdown's order.
    pub rows: Vec<Row>,
    /// The whole period, each distinct thing counted once.
    pub total: Figures,
}

/// What is counted into one row: distinct sets and sums.
#[derive(Default)]
struct Tally {
    // Ids are random, so a fast hash without protection against chosen keys fits;
    // SipHash took most of a year's report.
    smes: FxHashSet<Uuid>,
    people: FxHashSet<Uuid>,
    hours: u64,
    sessions: u64,
    offerings: FxHashSet<Uuid>,
}

impl Tally {
    fn add(&mut self, p: &Participation) {
        if let Some(c) = p.company.as_ref().filter(|c| c.size != SizeClass::Large) {
            self.smes.insert(c.id);
        }
        self.people.insert(p.person);
        self.hours += u64::from(p.hours);
    }

    fn add_session(&mut self, s: &HeldSession) {
        self.sessions += 1;
        self.offerings.insert(s.offering);
    }

    fn figures(&self, sessions_apply: bool, smes_apply: bool) -> Figures {
        let count = |set: &FxHashSet<Uuid>| set.len() as u64;
        Figures([
            smes_apply.then(|| count(&self.smes)),
            Some(count(&self.people)),
            Some(self.hours),
            sessions_apply.then_some(self.sessions),
            sessions_apply.then(|| count(&self.offerings)),
        ])
    }
}

/// The keys a participation or session belongs to under `breakdown`.
pub(crate) fn time_key(breakdown: Breakdown, day: Date) -> String {
    let mut key = String::new();
    time_key_into(breakdown, day, &mut key);
    key
}

/// The rows every report of `breakdown` over `period` has, even when empty: each
/// month, quarter or year; every county; every size class; every topic and kind.
fn fixed_rows(breakdown: Breakdown, period: Period) -> Vec<String> {
    match breakdown {
        Breakdown::Month | Breakdown::Quarter | Breakdown::Year => {
            let mut keys: Vec<String> = Vec::new();
            let mut day = period.from.first_of_month();
            while day <= period.to {
                let key = time_key(breakdown, day);
                if keys.last() != Some(&key) {
                    keys.push(key);
                }
                match day.checked_add(jiff::Span::new().months(1)) {
                    Ok(next) => day = next,
                    Err(_) => break,
                }
            }
            keys
        }
        Breakdown::County => COUNTIES.iter().map(|c| c.key.to_owned()).collect(),
        Breakdown::SizeClass => [
            SizeClass::Micro,
            SizeClass::Small,
            SizeClass::Medium,
            SizeClass::Large,
        ]
        .iter()
        .map(|s| s.key().to_owned())
        .collect(),
        Breakdown::Topic => Topic::ALL.iter().map(|t| t.key().to_owned()).collect(),
        Breakdown::Kind => OfferingKind::ALL
            .iter()
            .map(|k| k.key().to_owned())
            .collect(),
        Breakdown::Sector | Breakdown::Partner => Vec::new(),
    }
}

/// The key of a row for participations without a company.
pub const NO_COMPANY: &str = "none";

/// Calls `row` with each key a participation belongs to under `breakdown`; `buffer`
/// holds formatted keys, so that no key is allocated per participation.
fn participation_keys(
    breakdown: Breakdown,
    p: &Participation,
    buffer: &mut String,
    mut row: impl FnMut(&str),
) {
    match breakdown {
        Breakdown::Month | Breakdown::Quarter | Breakdown::Year => {
            time_key_into(breakdown, p.day, buffer);
            row(buffer);
        }
        Breakdown::County => row(p.company.as_ref().map_or(NO_COMPANY, |c| &c.county)),
        Breakdown::Sector => match &p.company {
            Some(c) => {
                buffer.clear();
                buffer.push(c.sector);
                row(buffer);
            }
            None => row(NO_COMPANY),
        },
        Breakdown::SizeClass => row(p.company.as_ref().map_or(NO_COMPANY, |c| c.size.key())),
        Breakdown::Topic => p.topics.iter().for_each(|t| row(t.key())),
        Breakdown::Kind => row(p.kind.key()),
        Breakdown::Partner => {
            buffer.clear();
            let _ = write!(buffer, "{}", p.partner);
            row(buffer);
        }
    }
}

/// [`time_key`] written into `buffer`.
fn time_key_into(breakdown: Breakdown, day: Date, buffer: &mut String) {
    buffer.clear();
    let _ = match breakdown {
        Breakdown::Quarter => write!(buffer, "{}-Q{}", day.year(), (day.month() - 1) / 3 + 1),
        Breakdown::Year => write!(buffer, "{}", day.year()),
        _ => write!(buffer, "{}-{:02}", day.year(), day.month()),
    };
}

fn session_keys(breakdown: Breakdown, s: &HeldSession) -> Vec<String> {
    match breakdown {
        Breakdown::Month | Breakdown::Quarter | Breakdown::Year => {
            vec![time_key(breakdown, s.day)]
        }
        Breakdown::Topic => s.topics.iter().map(|t| t.key().to_owned()).collect(),
        Breakdown::Kind => vec![s.kind.key().to_owned()],
        Breakdown::Partner => vec![s.partner.to_string()],
        Breakdown::County | Breakdown::Sector | Breakdown::SizeClass => Vec::new(),
    }
}

/// The report of `period` by `breakdown`, from the participations and sessions held
/// (those outside the period are left out here too).
pub fn report(
    period: Period,
    breakdown: Breakdown,
    participations: &[Participation],
    sessions: &[HeldSession],
) -> Report {
    let mut rows: BTreeMap<String, Tally> = BTreeMap::new();
    let mut total = Tally::default();
    let mut buffer = String::new();
    for p in participations.iter().filter(|p| period.contains(p.day)) {
        total.add(p);
        participation_keys(breakdown, p, &mut buffer, |key| match rows.get_mut(key) {
            Some(tally) => tally.add(p),
            None => rows.entry(key.to_owned()).or_default().add(p),
        });
    }
    for s in sessions.iter().filter(|s| period.contains(s.day)) {
        total.add_session(s);
        for key in session_keys(breakdown, s) {
            rows.entry(key).or_default().add_session(s);
        }
    }
    // Fixed rows first, in their order; then what else was found, by key.
    let mut keys = fixed_rows(breakdown, period);
    let fixed: HashSet<String> = keys.iter().cloned().collect();
    keys.extend(rows.keys().filter(|k| !fixed.contains(*k)).cloned());
    let empty = Tally::default();
    Report {
        period,
        breakdown,
        rows: keys
            .into_iter()
            .map(|key| {
                let tally = rows.get(&key).unwrap_or(&empty);
                let smes_apply = !(breakdown == Breakdown::SizeClass
                    && key == SizeClass::Large.key())
                    && key != NO_COMPANY;
                Row {
                    figures: tally.figures(!breakdown.by_company(), smes_apply),
                    key,
                }
            })
            .collect(),
        total: total.figures(true, true),
    }
}

/// A completed Digitalisierungs-Check, as the figures need it.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckDone {
    /// The company it was done for; `None` for anonymous checks.
    pub company: Option<Uuid>,
    /// Which of the company's results it is: 1 for the first (T0), 2 for the next, …
    pub ordinal: Option<u32>,
    /// Its overall score, 0 to 100.
    pub overall: f64,
    /// The overall score of the company's first result.
    pub first: Option<f64>,
    /// The day it was completed (Berlin).
    pub day: Date,
}

/// What the checks of a period add up to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChecksSummary {
    /// Checks completed in the period, anonymous ones included.
    pub done: u64,
    /// Companies whose latest result in the period is not their first.
    pub rechecked: u64,
    /// Average of (latest result in the period − first result) over those companies, in
    /// points of the overall score; `None` without any.
    pub average_change: Option<f64>,
}

/// Checks done in `period`, and how far companies that checked again moved since
/// their first check: for each, its latest result in the period against its first.
pub fn checks_summary(period: Period, checks: &[CheckDone]) -> ChecksSummary {
    let mut latest: BTreeMap<Uuid, (u32, f64)> = BTreeMap::new();
    let mut done = 0;
    for c in checks.iter().filter(|c| period.contains(c.day)) {
        done += 1;
        if let (Some(company), Some(ordinal), Some(first)) = (c.company, c.ordinal, c.first) {
            let change = c.overall - first;
            let entry = latest.entry(company).or_insert((ordinal, change));
            if ordinal >= entry.0 {
                *entry = (ordinal, change);
            }
        }
    }
    let changes: Vec<f64> = latest
        .values()
        .filter(|(ordinal, _)| *ordinal > 1)
        .map(|(_, change)| *change)
        .collect();
    #[allow(clippy::cast_precision_loss)]
    ChecksSummary {
        done,
        rechecked: changes.len() as u64,
        average_change: (!changes.is_empty())
            .then(|| changes.iter().sum::<f64>() / changes.len() as f64),
    }
}

/// A cell as a viewer sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    /// The figure.
    Shown(u64),
    /// Below [`SMALLEST_SHOWN`], or withheld so that another small cell cannot be
    /// worked out from the total: shown as "< 5".
    Suppressed,
    /// The figure does not apply to the row.
    NotApplicable,
}

/// One figure's column as a viewer outside the center sees it: every cell below 5
/// suppressed; if exactly one cell is, the smallest shown cell too, so that total
/// minus the others does not give it away; a total below 5 suppresses the column.
pub fn suppress_column(total: Option<u64>, cells: &[Option<u64>]) -> (Cell, Vec<Cell>) {
    let Some(total) = total else {
        return (Cell::NotApplicable, vec![Cell::NotApplicable; cells.len()]);
    };
    if total < SMALLEST_SHOWN {
        let cells = cells
            .iter()
            .map(|c| c.map_or(Cell::NotApplicable, |_| Cell::Suppressed))
            .collect();
        return (Cell::Suppressed, cells);
    }
    let mut shown: Vec<Cell> = cells
        .iter()
        .map(|c| match c {
            None => Cell::NotApplicable,
            Some(v) if *v < SMALLEST_SHOWN => Cell::Suppressed,
            Some(v) => Cell::Shown(*v),
        })
        .collect();
    let suppressed = shown.iter().filter(|c| **c == Cell::Suppressed).count();
    if suppressed == 1 {
        let smallest = shown
            .iter()
            .enumerate()
            .filter_map(|(i, c)| match c {
                Cell::Shown(v) => Some((*v, i)),
                _ => None,
            })
            .min();
        match smallest {
            Some((_, i)) => shown[i] = Cell::Suppressed,
            // Nothing else to hide: the total would give the one cell away.
            None => return (Cell::Suppressed, shown),
        }
    }
    (Cell::Shown(total), shown)
}

/// A report as a viewer sees it: rows and total, a cell per figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// Each row's key and cells, in [`Kpi::ALL`] order.
    pub rows: Vec<(String, [Cell; 5])>,
    /// The total's cells.
    pub total: [Cell; 5],
}

/// `report` as center staff see it (`suppressed` false: every figure) or anybody
/// else (small cells suppressed column by column).
pub fn shown(report: &Report, suppressed: bool) -> Shown {
    let mut rows: Vec<(String, [Cell; 5])> = report
        .rows
        .iter()
        .map(|r| (r.key.clone(), [Cell::NotApplicable; 5]))
        .collect();
    let mut total = [Cell::NotApplicable; 5];
    for kpi in Kpi::ALL {
        let column: Vec<Option<u64>> = report.rows.iter().map(|r| r.figures.get(kpi)).collect();
        let (t, cells) = if suppressed {
            suppress_column(report.total.get(kpi), &column)
        } else {
            let plain = |v: Option<u64>| v.map_or(Cell::NotApplicable, Cell::Shown);
            (
                plain(report.total.get(kpi)),
                column.into_iter().map(plain).collect(),
            )
        };
        total[kpi as usize] = t;
        for (row, cell) in rows.iter_mut().zip(cells) {
            row.1[kpi as usize] = cell;
        }
    }
    Shown { rows, total }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;

    fn period() -> Period {
        Period::parse("2026-01-01", "2026-12-31").unwrap_or_else(|_| unreachable!())
    }

    fn participation(person: u128, company: Option<(u128, &str, u32)>, day: Date) -> Participation {
        Participation {
            person: Uuid::from_u128(person),
            company: company.map(|(id, county, staff)| CompanyThen {
                id: Uuid::from_u128(id),
                county: county.into(),
                sector: 'C',
                size: SizeClass::from_staff_count(staff),
            }),
            offering: Uuid::from_u128(900),
            kind: OfferingKind::Workshop,
            partner: Uuid::from_u128(800),
            topics: vec![Topic::Logistics40, Topic::Work40],
            hours: 4,
            day,
        }
    }

    #[test]
    fn periods_are_in_order_within_ten_years_and_real_dates() {
        assert!(Period::parse("2026-01-01", "2026-01-01").is_ok());
        let field = |from, to| {
            Period::parse(from, to)
                .err()
                .map(|e| (e[0].field, e[0].key))
        };
        assert_eq!(
            field("2026-02-01", "2026-01-31"),
            Some(("to", "invalid-period-reversed"))
        );
        assert_eq!(
            field("2000-01-01", "2020-01-01"),
            Some(("to", "invalid-period-too-long"))
        );
        assert_eq!(
            field("2026-02-30", "2026-03-01"),
            Some(("from", "invalid-report-date"))
        );
        assert_eq!(
            field("1900-01-01", "1900-02-01"),
            Some(("from", "invalid-report-date"))
        );
        assert_eq!(
            Breakdown::parse("landkreis").err().map(|e| e.key),
            Some("invalid-group-by")
        );
    }

    #[test]
    fn distinct_counts_count_once_in_the_total_and_in_each_row_they_touch() {
        let data = [
            participation(1, Some((10, "12052", 12)), date(2026, 1, 15)),
            participation(1, Some((10, "12052", 12)), date(2026, 2, 3)),
            participation(2, Some((11, "12054", 300)), date(2026, 2, 3)),
            participation(3, None, date(2026, 2, 4)),
            // Outside the period: left out.
            participation(4, Some((12, "12052", 5)), date(2027, 1, 1)),
        ];
        let by_month = report(period(), Breakdown::Month, &data, &[]);
        assert_eq!(by_month.rows.len(), 12);
        assert_eq!(by_month.rows[0].key, "2026-01");
        assert_eq!(by_month.rows[1].figures.get(Kpi::Participants), Some(3));
        // A large company is no SME; a person without company is nobody's.
        assert_eq!(by_month.rows[1].figures.get(Kpi::SmesReached), Some(1));
        assert_eq!(by_month.total.get(Kpi::Participants), Some(3));
        assert_eq!(by_month.total.get(Kpi::SmesReached), Some(1));
        assert_eq!(by_month.total.get(Kpi::ParticipantHours), Some(16));
        let by_county = report(period(), Breakdown::County, &data, &[]);
        assert_eq!(by_county.rows.len(), 20, "19 counties and 'none'");
        let row = |key: &str| {
            by_county
                .rows
                .iter()
                .find(|r| r.key == key)
                .map(|r| r.figures)
                .unwrap_or_default()
        };
        assert_eq!(row("12052").get(Kpi::Participants), Some(1));
        assert_eq!(row("12052").get(Kpi::SessionsHeld), None, "no county");
        assert_eq!(row(NO_COMPANY).get(Kpi::SmesReached), None);
        // Two topics: counted in each.
        let by_topic = report(period(), Breakdown::Topic, &data, &[]);
        let topic = |t: Topic| {
            by_topic
                .rows
                .iter()
                .find(|r| r.key == t.key())
                .and_then(|r| r.figures.get(Kpi::ParticipantHours))
        };
        assert_eq!(topic(Topic::Logistics40), Some(16));
        assert_eq!(topic(Topic::Work40), Some(16));
    }

    #[test]
    fn small_cells_hide_at_four_and_show_at_five_with_a_second_cell_hidden() {
        let (total, cells) = suppress_column(Some(24), &[Some(4), Some(5), Some(15)]);
        assert_eq!(total, Cell::Shown(24));
        assert_eq!(
            cells,
            [Cell::Suppressed, Cell::Suppressed, Cell::Shown(15)],
            "the 5 goes too, or 24 - 15 - 5 gives the 4 away"
        );
        let (_, cells) = suppress_column(Some(25), &[Some(5), Some(5), Some(15)]);
        assert_eq!(cells, [Cell::Shown(5), Cell::Shown(5), Cell::Shown(15)]);
        let (_, cells) = suppress_column(Some(22), &[Some(3), Some(4), Some(15)]);
        assert_eq!(cells, [Cell::Suppressed, Cell::Suppressed, Cell::Shown(15)]);
        let (total, cells) = suppress_column(Some(4), &[Some(4), None]);
        assert_eq!(total, Cell::Suppressed);
        assert_eq!(cells, [Cell::Suppressed, Cell::NotApplicable]);
    }

    #[test]
    fn the_change_is_each_rechecked_companys_latest_result_in_the_period_against_its_first() {
        let check = |company: u128, ordinal: u32, overall: f64, first: f64, day: Date| CheckDone {
            company: Some(Uuid::from_u128(company)),
            ordinal: Some(ordinal),
            overall,
            first: Some(first),
            day,
        };
        let checks = [
            check(1, 1, 40.0, 40.0, date(2026, 2, 1)),
            check(1, 2, 50.0, 40.0, date(2026, 5, 1)),
            check(1, 3, 70.0, 40.0, date(2026, 9, 1)),
            check(2, 2, 35.0, 45.0, date(2026, 3, 1)),
            check(3, 1, 60.0, 60.0, date(2026, 3, 1)),
            check(4, 2, 90.0, 10.0, date(2025, 3, 1)),
            CheckDone {
                company: None,
                ordinal: None,
                overall: 80.0,
                first: None,
                day: date(2026, 4, 1),
            },
        ];
        let s = checks_summary(period(), &checks);
        assert_eq!((s.done, s.rechecked), (6, 2));
        // Company 1: 70 − 40 = 30; company 2: 35 − 45 = −10.
        assert_eq!(s.average_change, Some(10.0));
        let first_half =
            Period::parse("2026-01-01", "2026-06-30").unwrap_or_else(|_| unreachable!());
        assert_eq!(
            checks_summary(first_half, &checks).average_change,
            Some(0.0)
        );
        assert_eq!(
            checks_summary(first_half, &checks[4..5]).average_change,
            None
        );
    }

    proptest! {
        #[test]
        fn no_small_cell_can_be_worked_out_from_what_is_shown(
            cells in proptest::collection::vec(proptest::option::of(0u64..40), 1..20)
        ) {
            let total: u64 = cells.iter().flatten().sum();
            let (shown_total, shown) = suppress_column(Some(total), &cells);
            let hidden = shown.iter().filter(|c| **c == Cell::Suppressed).count();
            for (cell, original) in shown.iter().zip(&cells) {
                match cell {
                    Cell::Shown(v) => {
                        prop_assert!(*v >= SMALLEST_SHOWN);
                        prop_assert_eq!(Some(*v), *original);
                    }
                    Cell::Suppressed => prop_assert!(original.is_some()),
                    Cell::NotApplicable => prop_assert!(original.is_none()),
                }
                if original.is_some_and(|v| v < SMALLEST_SHOWN) {
                    prop_assert_eq!(*cell, Cell::Suppressed);
                }
            }
            if let Cell::Shown(_) = shown_total {
                // With the total shown, never exactly one cell hidden.
                prop_assert!(hidden != 1);
            } else {
                prop_assert!(total < SMALLEST_SHOWN);
            }
        }
    }
}
