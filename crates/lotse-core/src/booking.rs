//! Booking rules: when a session takes registrations, who gets a seat and who waits,
//! who moves up when a seat frees, and who may cancel until when. The store applies
//! them under the session's lock; pages and the API ask them to show what is possible.

use crate::Invalid;
use crate::catalogue::SessionStatus;
use jiff::{SignedDuration, Timestamp};
use uuid::Uuid;

vocabulary! {
    /// Where a registration stands.
    RegistrationStatus, "status" {
        /// Holds a seat.
        Confirmed => "confirmed",
        /// Waits for a seat, first come, first served.
        Waitlisted => "waitlisted",
        /// Cancelled by the participant, their company admin or staff.
        Cancelled => "cancelled",
        /// Checked in at the session.
        Attended => "attended",
        /// Held a seat but did not come.
        NoShow => "no_show",
    }
}

impl RegistrationStatus {
    /// Still open: confirmed or waitlisted, so it can be cancelled.
    pub fn is_active(self) -> bool {
        matches!(self, Self::Confirmed | Self::Waitlisted)
    }

    /// Holds or held a seat: confirmed or attended.
    pub fn holds_seat(self) -> bool {
        matches!(self, Self::Confirmed | Self::Attended)
    }
}

impl TryFrom<String> for RegistrationStatus {
    type Error = Invalid;

    fn try_from(key: String) -> Result<Self, Self::Error> {
        Self::parse(&key)
    }
}

/// Why a session refuses a registration; nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The session was called off.
    #[error("the session is cancelled")]
    Cancelled,
    /// The session has started or is over.
    #[error("the session has started")]
    Past,
    /// The registration deadline has passed.
    #[error("registration is closed")]
    Closed,
    /// The person is on the session already (confirmed or waiting).
    #[error("already registered")]
    AlreadyRegistered(Uuid),
}

/// Where a new registration goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// A free seat: confirmed, with a ticket.
    Seat,
    /// The end of the waitlist.
    Waitlist,
}

/// A session's seats as booking reads them under the session's lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seats {
    /// Planned or called off.
    pub status: SessionStatus,
    /// Seats in all.
    pub capacity: i64,
    /// Seats held by confirmed registrations.
    pub confirmed: i64,
    /// When the session starts.
    pub starts_at: Timestamp,
    /// The last moment registrations are taken.
    pub registration_deadline: Timestamp,
}

impl Seats {
    /// Whether the session takes registrations at `now`: planned, not started and
    /// before its deadline.
    pub fn takes_registrations(&self, now: Timestamp) -> Result<(), Refusal> {
        if self.status == SessionStatus::Cancelled {
            Err(Refusal::Cancelled)
        } else if self.starts_at <= now {
            Err(Refusal::Past)
        } else if self.registration_deadline <= now {
            Err(Refusal::Closed)
        } else {
            Ok(())
        }
    }

    /// Seats nobody holds; none once the session is called off.
    pub fn free(&self) -> i64 {
        match self.status {
            SessionStatus::Planned => (self.capacity - self.confirmed).max(0),
            SessionStatus::Cancelled => 0,
        }
    }

    /// Places `participants` new registrations in the order given: a seat each while
    /// seats are free, then the waitlist.
    pub fn allocate(&self, participants: usize) -> Vec<Placement> {
        let seats = usize::try_from(self.free()).unwrap_or(0);
        (0..participants)
            .map(|i| {
                if i < seats {
                    Placement::Seat
                } else {
                    Placement::Waitlist
                }
            })
            .collect()
    }

    /// How many of the `waiting` people, from the front of the waitlist, move up
    /// into free seats now.
    pub fn promotions(&self, waiting: usize) -> usize {
        usize::try_from(self.free()).unwrap_or(0).min(waiting)
    }
}

/// Why a ticket is not checked in now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CheckInClosed {
    /// Check-in opens at the given moment.
    #[error("check-in opens at {0}")]
    NotYet(Timestamp),
    /// The session is over.
    #[error("the session is over")]
    Over,
}

/// Whether tickets of a session from `starts_at` to `ends_at` are checked in at
/// `now`: from `opens_before` the start until the end.
pub fn check_in_open(
    starts_at: Timestamp,
    ends_at: Timestamp,
    opens_before: SignedDuration,
    now: Timestamp,
) -> Result<(), CheckInClosed> {
    let opens = starts_at
        .checked_sub(opens_before)
        .unwrap_or(Timestamp::MIN);
    if now < opens {
        Err(CheckInClosed::NotYet(opens))
    } else if now > ends_at {
        Err(CheckInClosed::Over)
    } else {
        Ok(())
    }
}

/// Who cancels a registration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Canceller {
    /// The participant.
    Participant,
    /// An admin of a company the participant belongs to.
    CompanyAdmin,
    /// Center staff.
    Staff,
}

/// Why a cancellation is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CancelRefusal {
    /// Already cancelled, attended or a no-show.
    #[error("the registration is not active")]
    NotActive,
    /// Too close to the start for anyone but staff.
    #[error("past the cancellation cut-off of {hours} hours")]
    PastCutoff {
        /// The session's cut-off in hours before the start.
        hours: i64,
    },
}

/// The last moment participants and their company admins may cancel: `cutoff_hours`
/// before the start.
pub fn cancellable_until(starts_at: Timestamp, cutoff_hours: i64) -> Timestamp {
    starts_at
        .checked_sub(SignedDuration::from_hours(cutoff_hours))
        .unwrap_or(Timestamp::MIN)
}

/// Whether `by` may cancel a registration in `status` of a session starting at
/// `starts_at` with a cut-off of `cutoff_hours`, at `now`. Staff may at any time.
pub fn may_cancel(
    by: Canceller,
    status: RegistrationStatus,
    starts_at: Timestamp,
    cutoff_hours: i64,
    now: Timestamp,
) -> Result<(), CancelRefusal> {
    if !status.is_active() {
        return Err(CancelRefusal::NotActive);
    }
    match by {
        Canceller::Staff => Ok(()),
        Canceller::Participant | Canceller::CompanyAdmin
            if now <= cancellable_until(starts_at, cutoff_hours) =>
        {
            Ok(())
        }
        Canceller::Participant | Canceller::CompanyAdmin => Err(CancelRefusal::PastCutoff {
            hours: cutoff_hours,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_second(seconds).unwrap_or(Timestamp::UNIX_EPOCH)
    }

    fn seats(capacity: i64, confirmed: i64) -> Seats {
        Seats {
            status: SessionStatus::Planned,
            capacity,
            confirmed,
            starts_at: at(100_000),
            registration_deadline: at(10_000),
        }
    }

    #[test]
    fn a_session_takes_registrations_only_while_planned_and_before_its_deadline() {
        let open = seats(10, 0);
        assert_eq!(open.takes_registrations(at(9_999)), Ok(()));
        assert_eq!(open.takes_registrations(at(10_000)), Err(Refusal::Closed));
        assert_eq!(open.takes_registrations(at(100_000)), Err(Refusal::Past));
        let called_off = Seats {
            status: SessionStatus::Cancelled,
            ..open
        };
        assert_eq!(
            called_off.takes_registrations(at(0)),
            Err(Refusal::Cancelled)
        );
    }

    #[test]
    fn cancelling_closes_at_the_cut_off_except_for_staff() {
        let starts = at(48 * 3600);
        let last = at(24 * 3600);
        for by in [Canceller::Participant, Canceller::CompanyAdmin] {
            assert_eq!(
                may_cancel(by, RegistrationStatus::Confirmed, starts, 24, last),
                Ok(())
            );
            assert_eq!(
                may_cancel(
                    by,
                    RegistrationStatus::Waitlisted,
                    starts,
                    24,
                    at(last.as_second() + 1)
                ),
                Err(CancelRefusal::PastCutoff { hours: 24 })
            );
        }
        assert_eq!(
            may_cancel(
                Canceller::Staff,
                RegistrationStatus::Confirmed,
                starts,
                24,
                starts
            ),
            Ok(())
        );
        for done in [
            RegistrationStatus::Cancelled,
            RegistrationStatus::Attended,
            RegistrationStatus::NoShow,
        ] {
            assert_eq!(
                may_cancel(Canceller::Staff, done, starts, 24, at(0)),
                Err(CancelRefusal::NotActive)
            );
        }
    }

    #[test]
    fn check_in_opens_before_the_start_and_closes_at_the_end() {
        let (starts, ends) = (at(10_000), at(20_000));
        let two_hours = SignedDuration::from_hours(2);
        assert_eq!(
            check_in_open(starts, ends, two_hours, at(10_000 - 7_201)),
            Err(CheckInClosed::NotYet(at(10_000 - 7_200)))
        );
        for ok in [10_000 - 7_200, 10_000, 20_000] {
            assert_eq!(
                check_in_open(starts, ends, two_hours, at(ok)),
                Ok(()),
                "{ok}"
            );
        }
        assert_eq!(
            check_in_open(starts, ends, two_hours, at(20_001)),
            Err(CheckInClosed::Over)
        );
    }

    #[test]
    fn statuses_round_trip_through_their_keys() {
        for s in RegistrationStatus::ALL {
            assert_eq!(RegistrationStatus::try_from(s.key().to_owned()), Ok(*s));
        }
        assert!(RegistrationStatus::parse("booked").is_err());
    }

    proptest! {
        /// Seats go to the first participants in order, never more than are free, and
        /// everybody is placed.
        #[test]
        fn allocation_fills_free_seats_in_order(capacity in 0i64..60, confirmed in 0i64..80, n in 0usize..60) {
            let s = seats(capacity, confirmed.min(capacity));
            let placed = s.allocate(n);
            prop_assert_eq!(placed.len(), n);
            let given = placed.iter().filter(|p| **p == Placement::Seat).count();
            prop_assert_eq!(i64::try_from(given).unwrap_or(i64::MAX), (capacity - confirmed.min(capacity)).min(i64::try_from(n).unwrap_or(i64::MAX)));
            // No seat after the first waitlist place.
            if let Some(first_wait) = placed.iter().position(|p| *p == Placement::Waitlist) {
                prop_assert!(placed[first_wait..].iter().all(|p| *p == Placement::Waitlist));
            }
        }

        /// Booking one at a time gives the same seats as booking all at once, and the
        /// confirmed count never exceeds the capacity.
        #[test]
        fn one_by_one_equals_all_at_once(capacity in 0i64..40, n in 0usize..60) {
            let mut s = seats(capacity, 0);
            let mut one_by_one = Vec::new();
            for _ in 0..n {
                let p = s.allocate(1)[0];
                if p == Placement::Seat {
                    s.confirmed += 1;
                }
                prop_assert!(s.confirmed <= s.capacity);
                one_by_one.push(p);
            }
            prop_assert_eq!(one_by_one, seats(capacity, 0).allocate(n));
        }

        /// Promotion fills exactly the free seats from the waitlist, never more than
        /// wait, and nobody moves up into a called-off session.
        #[test]
        fn promotion_fills_free_seats(capacity in 0i64..40, confirmed in 0i64..40, waiting in 0usize..40) {
            let s = seats(capacity, confirmed);
            let moved = s.promotions(waiting);
            prop_assert!(moved <= waiting);
            prop_assert!(i64::try_from(moved).unwrap_or(i64::MAX) <= (capacity - confirmed).max(0));
            prop_assert!(moved == waiting || s.confirmed + i64::try_from(moved).unwrap_or(0) >= s.capacity);
            let called_off = Seats { status: SessionStatus::Cancelled, ..s };
            prop_assert_eq!(called_off.promotions(waiting), 0);
        }
    }
}
