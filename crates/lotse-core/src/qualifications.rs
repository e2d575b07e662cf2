//! Qualifications as a learner walks them: which modules a person has completed, and
//! when those completions add up to a qualification.
//!
//! A module counts as completed once its participant was marked attended at one of its
//! sessions. A qualification is completed when every required module is completed and
//! the completed modules of the qualification (required and elective) hold at least
//! its minimum of hours, whichever partner ran them. A completion is judged against
//! the version of the rules it was reached under: editing a qualification later never
//! takes back what someone already completed, only withdrawing an attendance does.

use std::collections::HashMap;
use uuid::Uuid;

/// One module in a version of a qualification's rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleModule {
    /// The module (an offering).
    pub offering_id: Uuid,
    /// Whether everybody needs it.
    pub required: bool,
    /// The hours it counts with, fixed when the version was made.
    pub hours: u32,
}

/// A version of a qualification's rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
    /// Required modules first, then electives, in their order.
    pub modules: Vec<RuleModule>,
    /// Hours needed in all.
    pub minimum_hours: u32,
}

/// Where a person stands against one version of a qualification's rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// Modules of the qualification the person completed, in the rules' order.
    pub completed: Vec<Uuid>,
    /// Required modules still missing, in the rules' order.
    pub missing_required: Vec<Uuid>,
    /// Electives not completed yet, in the rules' order.
    pub open_electives: Vec<Uuid>,
    /// Hours of the completed modules that belong to the qualification.
    pub hours: u32,
    /// Hours needed in all.
    pub minimum_hours: u32,
}

impl Progress {
    /// Whether the qualification is reached: nothing required missing, enough hours.
    pub fn is_complete(&self) -> bool {
        self.missing_required.is_empty() && self.hours >= self.minimum_hours
    }

    /// Hours still needed beyond those completed.
    pub fn hours_missing(&self) -> u32 {
        self.minimum_hours.saturating_sub(self.hours)
    }

    /// Progress in whole percent, 0 to 100; 100 only when complete, so a bar never
    /// looks finished while a required module is missing.
    pub fn percent(&self) -> u32 {
        if self.is_complete() {
            return 100;
        }
        if self.minimum_hours == 0 {
            return 0;
        }
        let by_hours = (u64::from(self.hours.min(self.minimum_hours)) * 100
            / u64::from(self.minimum_hours)) as u32;
        by_hours.min(99)
    }
}

/// Judges `completed` (the modules a person completed) against `rules`.
pub fn progress(rules: &Rules, completed: &dyn Fn(Uuid) -> bool) -> Progress {
    let mut done = Vec::new();
    let mut missing_required = Vec::new();
    let mut open_electives = Vec::new();
    let mut hours = 0u32;
    for module in &rules.modules {
        if completed(module.offering_id) {
            done.push(module.offering_id);
            hours = hours.saturating_add(module.hours);
        } else if module.required {
            missing_required.push(module.offering_id);
        } else {
            open_electives.push(module.offering_id);
        }
    }
    Progress {
        completed: done,
        missing_required,
        open_electives,
        hours,
        minimum_hours: rules.minimum_hours,
    }
}

/// What to do with a person's completion of one qualification after their completed
/// modules changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Completed now, under the version given.
    Complete(i64),
    /// Was completed and still is; nothing changes.
    Keep,
    /// Was completed, but an attendance it rested on was withdrawn.
    Withdraw,
    /// Not completed, before or after.
    Open,
}

/// Decides about one qualification for one person: `held` is the version a completion
/// was recorded under (with its rules), `current` the version in force now.
pub fn reconsider(
    held: Option<(i64, &Rules)>,
    current: (i64, &Rules),
    completed: &dyn Fn(Uuid) -> bool,
) -> Outcome {
    match held {
        Some((_, rules)) if progress(rules, completed).is_complete() => Outcome::Keep,
        Some(_) => Outcome::Withdraw,
        None if progress(current.1, completed).is_complete() => Outcome::Complete(current.0),
        None => Outcome::Open,
    }
}

/// The modules a person completed, as a lookup for [`progress`].
pub fn completed_set(modules: impl IntoIterator<Item = Uuid>) -> impl Fn(Uuid) -> bool {
    let set: HashMap<Uuid, ()> = modules.into_iter().map(|m| (m, ())).collect();
    move |id| set.contains_key(&id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn id(n: u8) -> Uuid {
        Uuid::from_bytes([n; 16])
    }

    fn rules() -> Rules {
        // Two required modules of 8 h, three electives of 4, 8 and 16 h; 24 h in all.
        Rules {
            modules: vec![
                RuleModule {
                    offering_id: id(1),
                    required: true,
                    hours: 8,
                },
                RuleModule {
                    offering_id: id(2),
                    required: true,
                    hours: 8,
                },
                RuleModule {
                    offering_id: id(3),
                    required: false,
                    hours: 4,
                },
                RuleModule {
                    offering_id: id(4),
                    required: false,
                    hours: 8,
                },
                RuleModule {
                    offering_id: id(5),
                    required: false,
                    hours: 16,
                },
            ],
            minimum_hours: 24,
        }
    }

    #[test]
    fn required_modules_and_enough_elective_hours_complete_a_qualification() {
        let rules = rules();
        let only_required = progress(&rules, &completed_set([id(1), id(2)]));
        assert!(!only_required.is_complete());
        assert_eq!(only_required.hours, 16);
        assert_eq!(only_required.hours_missing(), 8);
        assert_eq!(only_required.percent(), 66);

        let too_few_electives = progress(&rules, &completed_set([id(1), id(2), id(3)]));
        assert!(!too_few_electives.is_complete());
        assert_eq!(too_few_electives.open_electives, vec![id(4), id(5)]);

        let done = progress(&rules, &completed_set([id(1), id(2), id(3), id(4)]));
        assert!(done.is_complete());
        assert_eq!(done.percent(), 100);
    }

    #[test]
    fn hours_never_make_up_for_a_missing_required_module() {
        let rules = rules();
        let p = progress(&rules, &completed_set([id(1), id(3), id(4), id(5)]));
        assert_eq!(p.hours, 36);
        assert!(!p.is_complete());
        assert_eq!(p.missing_required, vec![id(2)]);
        assert_eq!(p.percent(), 99);
    }

    #[test]
    fn modules_outside_the_qualification_do_not_count() {
        let p = progress(&rules(), &completed_set([id(1), id(2), id(9)]));
        assert_eq!(p.hours, 16);
        assert_eq!(p.completed, vec![id(1), id(2)]);
    }

    #[test]
    fn a_completion_keeps_its_version_when_the_rules_change() {
        let old = rules();
        let mut new = rules();
        new.minimum_hours = 40;
        let modules = completed_set([id(1), id(2), id(4)]);
        assert_eq!(reconsider(None, (1, &old), &modules), Outcome::Complete(1));
        assert_eq!(
            reconsider(Some((1, &old)), (2, &new), &modules),
            Outcome::Keep
        );
        assert_eq!(reconsider(None, (2, &new), &modules), Outcome::Open);
        // Withdrawing an attendance the old completion rested on withdraws it.
        let fewer = completed_set([id(1), id(4)]);
        assert_eq!(
            reconsider(Some((1, &old)), (2, &new), &fewer),
            Outcome::Withdraw
        );
    }

    fn any_rules() -> impl Strategy<Value = (Rules, Vec<bool>)> {
        prop::collection::vec((any::<bool>(), 1u32..40, any::<bool>()), 1..10)
            .prop_flat_map(|modules| {
                let total: u32 = modules.iter().map(|m| m.1).sum();
                (Just(modules), 1..=total)
            })
            .prop_map(|(modules, minimum_hours)| {
                let rules = Rules {
                    modules: modules
                        .iter()
                        .enumerate()
                        .map(|(i, (required, hours, _))| RuleModule {
                            offering_id: id(i as u8 + 1),
                            required: *required,
                            hours: *hours,
                        })
                        .collect(),
                    minimum_hours,
                };
                (rules, modules.iter().map(|m| m.2).collect())
            })
    }

    proptest! {
        #[test]
        fn completing_another_module_never_takes_progress_back((rules, done) in any_rules(), extra in 0usize..10) {
            let ids: Vec<Uuid> = rules.modules.iter().zip(&done).filter(|(_, d)| **d).map(|(m, _)| m.offering_id).collect();
            let before = progress(&rules, &completed_set(ids.clone()));
            let mut more = ids;
            if let Some(m) = rules.modules.get(extra) {
                more.push(m.offering_id);
            }
            let after = progress(&rules, &completed_set(more));
            prop_assert!(after.hours >= before.hours);
            prop_assert!(after.percent() >= before.percent());
            prop_assert!(!before.is_complete() || after.is_complete());
        }

        #[test]
        fn every_module_is_either_completed_missing_or_open((rules, done) in any_rules()) {
            let ids: Vec<Uuid> = rules.modules.iter().zip(&done).filter(|(_, d)| **d).map(|(m, _)| m.offering_id).collect();
            let p = progress(&rules, &completed_set(ids));
            prop_assert_eq!(p.completed.len() + p.missing_required.len() + p.open_electives.len(), rules.modules.len());
            let counted: u32 = rules.modules.iter().filter(|m| p.completed.contains(&m.offering_id)).map(|m| m.hours).sum();
            prop_assert_eq!(counted, p.hours);
            prop_assert_eq!(p.is_complete(), p.missing_required.is_empty() && p.hours >= rules.minimum_hours);
            prop_assert!(p.percent() <= 100);
            prop_assert_eq!(p.percent() == 100, p.is_complete());
        }
    }
}
