//! The Normenkader's measures (§4.4) and the permissions one rung of the
//! escalation ladder grants.
//!
//! A measure only ever *adds* possibilities to the model (an arc, a second
//! family a day, a waived day, a relaxed rest or contract row), so a plan
//! that uses none of them stays feasible on every rung. Which measures a run
//! may use is a [`Permissions`] value: the ladder builds one per rung.

use crate::scenario::Scenario;

/// One measure of `models/rules.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Measure {
    /// §4.4.1 two families a day.
    Combined,
    /// §4.4.2 no start-up care for evening arrivals.
    NoStartup,
    /// §4.4.3 fewer rest days (consenting nurses).
    ReducedRest,
    /// §4.4.5 care in 7 days instead of 8.
    SevenDays,
    /// §4.4.6 office staff with a nurse diploma.
    Office,
    /// §4.3.1 lending nurses within the KSV.
    Lending,
    /// §4.4.9 nurses in training (tier 2).
    Kio,
    /// §4.2.2 work above the contract maximum (consenting nurses).
    Flex,
    /// §5.5 the regional waiting list (code rood).
    Waitlist,
    /// Normenkader 2026: a regional kraamcentrum (code rood, the last resort).
    Kraamcentrum,
}

impl Measure {
    /// Every measure, in the order of `models/rules.md`.
    pub const ALL: [Measure; 10] = [
        Measure::Combined,
        Measure::NoStartup,
        Measure::ReducedRest,
        Measure::SevenDays,
        Measure::Office,
        Measure::Lending,
        Measure::Kio,
        Measure::Flex,
        Measure::Waitlist,
        Measure::Kraamcentrum,
    ];

    /// The id of `models/rules.md`.
    pub fn id(self) -> &'static str {
        match self {
            Measure::Combined => "M-COMBINED",
            Measure::NoStartup => "M-NO-STARTUP",
            Measure::ReducedRest => "M-REDUCED-REST",
            Measure::SevenDays => "M-SEVEN-DAYS",
            Measure::Office => "M-OFFICE",
            Measure::Lending => "M-LENDING",
            Measure::Kio => "M-KIO",
            Measure::Flex => "M-FLEX",
            Measure::Waitlist => "M-WAITLIST",
            Measure::Kraamcentrum => "M-KRAAMCENTRUM",
        }
    }

    /// The measure with this id.
    pub fn from_id(id: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.id() == id)
    }

    /// Only nurses who consented in writing may be subject to it.
    pub fn needs_consent(self) -> bool {
        matches!(
            self,
            Measure::Combined | Measure::ReducedRest | Measure::Flex
        )
    }

    /// Tier 2 (M-KIO) may only be used where tier 1 cannot keep the floor.
    pub fn tier(self) -> u8 {
        if self == Measure::Kio {
            2
        } else {
            1
        }
    }

    /// Level-6 cost of one use: tier 2 costs ten times a tier-1 use, and so
    /// does a family-day at the kraamcentrum (the last resort).
    pub fn cost(self) -> f64 {
        if self.tier() == 2 || self == Measure::Kraamcentrum {
            10.0
        } else {
            1.0
        }
    }

    /// A measure of the region rung: it crosses provider boundaries (the
    /// kraamcentrum is regional: any contracted provider's nurses staff it).
    pub fn is_regional(self) -> bool {
        matches!(
            self,
            Measure::Lending | Measure::Waitlist | Measure::Kraamcentrum
        )
    }
}

/// A set of measures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct MeasureSet(u16);

impl MeasureSet {
    /// No measure.
    pub const NONE: MeasureSet = MeasureSet(0);

    /// Whether `m` is in the set.
    pub fn has(self, m: Measure) -> bool {
        self.0 & (1 << m as u16) != 0
    }

    /// The set with `m` added.
    pub fn with(self, m: Measure) -> MeasureSet {
        MeasureSet(self.0 | (1 << m as u16))
    }

    /// The set without `m`.
    pub fn without(self, m: Measure) -> MeasureSet {
        MeasureSet(self.0 & !(1 << m as u16))
    }

    /// Members of both sets.
    pub fn and(self, other: MeasureSet) -> MeasureSet {
        MeasureSet(self.0 & other.0)
    }

    /// True without members.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The members in the order of `models/rules.md`.
    pub fn iter(self) -> impl Iterator<Item = Measure> {
        Measure::ALL.into_iter().filter(move |&m| self.has(m))
    }

    /// The ids of the members, sorted.
    pub fn ids(self) -> Vec<String> {
        let mut ids: Vec<String> = self.iter().map(|m| m.id().to_string()).collect();
        ids.sort();
        ids
    }

    /// The measures a scenario allows (unknown ids are validation errors and
    /// ignored here; M-KRAAMCENTRUM only with a `kraamcentrum`).
    pub fn allowed_by(s: &Scenario) -> MeasureSet {
        let ids = Self::from_ids(&s.measures);
        if s.kraamcentrum.is_some() {
            ids
        } else {
            ids.without(Measure::Kraamcentrum)
        }
    }

    /// The set of the known ids in `ids`.
    pub fn from_ids(ids: &[String]) -> MeasureSet {
        ids.iter()
            .filter_map(|id| Measure::from_id(id))
            .fold(MeasureSet::NONE, MeasureSet::with)
    }
}

impl FromIterator<Measure> for MeasureSet {
    fn from_iter<I: IntoIterator<Item = Measure>>(iter: I) -> Self {
        iter.into_iter().fold(MeasureSet::NONE, MeasureSet::with)
    }
}

/// What one run may use: the measures per provider and the regional
/// instruments.
#[derive(Debug, Clone, PartialEq)]
pub struct Permissions {
    /// Measures per provider index, already limited to what the scenario allows.
    /// Measures on nurses and visits follow the nurse's provider; waived days
    /// follow the family's provider (the waiting list uses `waitlist_measures`).
    pub per_provider: Vec<MeasureSet>,
    /// Measures for families on the waiting list (`provider: null`).
    pub waitlist_measures: MeasureSet,
    /// Providers whose families the waiting list may redistribute (code rood).
    pub waitlisted: Vec<bool>,
}

impl Permissions {
    /// The region rung: everything the scenario allows, for everyone, every
    /// provider's families open to the waiting list. This is what a plain
    /// `Problem::build` uses.
    pub fn region(s: &Scenario) -> Permissions {
        let allowed = MeasureSet::allowed_by(s);
        Permissions {
            per_provider: vec![allowed; s.providers.len()],
            waitlist_measures: allowed,
            waitlisted: vec![true; s.providers.len()],
        }
    }

    /// A provider-alone rung: `measures`, limited to what the scenario
    /// allows and never a regional one (`escalation::alone_scenario` leaves
    /// only the provider's own nurses and families in `s`).
    pub fn alone(s: &Scenario, measures: MeasureSet) -> Permissions {
        let allowed = MeasureSet::allowed_by(s)
            .and(measures)
            .without(Measure::Lending)
            .without(Measure::Waitlist)
            .without(Measure::Kraamcentrum);
        Permissions {
            per_provider: vec![allowed; s.providers.len()],
            waitlist_measures: MeasureSet::NONE,
            waitlisted: vec![false; s.providers.len()],
        }
    }
}

/// The tier-1 measures a provider can use on its own.
pub fn tier1() -> MeasureSet {
    Measure::ALL
        .into_iter()
        .filter(|m| m.tier() == 1 && !m.is_regional())
        .collect()
}

/// Tier 1 and tier 2 on a provider's own.
pub fn tier2() -> MeasureSet {
    tier1().with(Measure::Kio)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_match_the_scenario_list() {
        for m in Measure::ALL {
            assert_eq!(Measure::from_id(m.id()), Some(m));
            assert!(crate::scenario::MEASURE_IDS.contains(&m.id()));
        }
        assert_eq!(crate::scenario::MEASURE_IDS.len(), Measure::ALL.len());
    }

    #[test]
    fn tiers_and_consent_follow_the_domain_table() {
        assert!(tier1().has(Measure::Combined) && !tier1().has(Measure::Kio));
        assert!(!tier1().has(Measure::Lending) && !tier1().has(Measure::Waitlist));
        assert!(!tier2().has(Measure::Kraamcentrum) && Measure::Kraamcentrum.is_regional());
        assert!(tier2().has(Measure::Kio));
        let consent: Vec<_> = Measure::ALL
            .into_iter()
            .filter(|m| m.needs_consent())
            .collect();
        assert_eq!(
            consent,
            vec![Measure::Combined, Measure::ReducedRest, Measure::Flex]
        );
        assert!(Measure::Kio.cost() > Measure::Combined.cost());
    }
}
