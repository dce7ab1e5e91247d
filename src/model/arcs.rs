//! The sparse arc set: which nurse may visit which family on which day,
//! and under which measures.

use super::*;

impl Problem {
    /// The sparse arc set: a nurse the family's provider may send (its own,
    /// or another's under M-LENDING / M-WAITLIST), a role the rung allows
    /// (M-KIO at low complexity, M-OFFICE), an available nurse, a home day
    /// of the episode, a distance within `max_travel_km`, and not day 0
    /// after a night on call before `start` (ATW-NIGHT-REST, from history).
    /// Every rule that only removes combinations is enforced here rather
    /// than as rows.
    pub(super) fn build_arcs(&mut self, s: &Scenario) {
        let days = self.days();
        let max_hours = self.params.max_family_day.min(self.params.max_nurse_day);
        let mut arcs = Vec::new();
        if max_hours < self.params.min_visit {
            // No visit of the minimum length fits in a day (VISIT-MIN).
            self.centre_arcs_into(s, &mut arcs);
            self.set_arcs(arcs);
            return;
        }
        for (fi, f) in self.families.iter().enumerate() {
            for (ni, n) in self.nurses.iter().enumerate() {
                let Some(measures) = self.arc_measures(s, n, f) else {
                    continue;
                };
                let km = haversine_km(s.nurses[ni].home, s.families[fi].home);
                if km > self.params.max_travel_km {
                    continue;
                }
                let first = usize::from(n.night_before);
                for t in first..days {
                    if self.home_day[[fi, t]] && self.available[[ni, t]] {
                        arcs.push(Arc {
                            nurse: ni as u32,
                            family: fi as u32,
                            day: t as u32,
                            max_hours,
                            km,
                            measures,
                            prev: 0,
                            keep: false,
                            centre: false,
                        });
                    }
                }
            }
        }
        self.centre_arcs_into(s, &mut arcs);
        self.set_arcs(arcs);
    }

    /// The centre arcs (M-KRAAMCENTRUM): a low-complexity family on a home
    /// day, its home within `max_travel_km` of the centre; a nurse who may
    /// staff it (role `nurse`, or `kio` under M-KIO; of the centre's provider,
    /// or of any contracted provider), available, her home within
    /// `max_travel_km` of the centre, and a rung that allows the measure for
    /// her provider. The provider boundary does not apply: the centre is regional.
    fn centre_arcs_into(&self, s: &Scenario, arcs: &mut Vec<Arc>) {
        let Some(c) = &self.centre else {
            return;
        };
        let reach = self.params.max_travel_km;
        let families: Vec<usize> = (0..self.families.len())
            .filter(|&f| self.families[f].complexity == Complexity::Low)
            .filter(|&f| haversine_km(s.families[f].home, c.location) <= reach)
            .collect();
        for (ni, n) in self.nurses.iter().enumerate() {
            let may = self.perms.per_provider[n.provider as usize];
            if !may.has(Measure::Kraamcentrum) || n.centre_km > reach {
                continue;
            }
            let staffs = match c.provider {
                Some(p) => p == n.provider,
                None => s.providers[n.provider as usize].contracted,
            };
            let measures = match n.role {
                Role::Nurse => MeasureSet::NONE,
                Role::Kio if may.has(Measure::Kio) => MeasureSet::NONE.with(Measure::Kio),
                _ => continue,
            };
            if !staffs {
                continue;
            }
            let first = usize::from(n.night_before);
            for t in first..self.days() {
                if !self.available[[ni, t]] {
                    continue;
                }
                for &f in &families {
                    if self.home_day[[f, t]] {
                        arcs.push(Arc {
                            nurse: ni as u32,
                            family: f as u32,
                            day: t as u32,
                            max_hours: FLOOR_PER_DAY,
                            km: 0.0,
                            measures: measures.with(Measure::Kraamcentrum),
                            prev: 0,
                            keep: false,
                            centre: true,
                        });
                    }
                }
            }
        }
    }

    /// The measures a visit of nurse `n` at family `f` needs, or `None` when
    /// this rung does not allow it at all (provider boundary, ROLE).
    pub(super) fn arc_measures(
        &self,
        s: &Scenario,
        n: &NurseData,
        f: &FamilyData,
    ) -> Option<MeasureSet> {
        let np = n.provider as usize;
        let may = self.perms.per_provider[np];
        let nurse_provider = &s.providers[np];
        let mut used = MeasureSet::NONE;
        match f.provider {
            Some(fp) if fp == n.provider => {}
            Some(fp) => {
                let lend = may.has(Measure::Lending)
                    && nurse_provider.ksv_member
                    && s.providers[fp as usize].ksv_member;
                if lend {
                    used = used.with(Measure::Lending);
                } else if may.has(Measure::Waitlist)
                    && nurse_provider.contracted
                    && self.perms.waitlisted[fp as usize]
                {
                    used = used.with(Measure::Waitlist);
                } else {
                    return None;
                }
            }
            None => {
                if !(may.has(Measure::Waitlist) && nurse_provider.contracted) {
                    return None;
                }
                used = used.with(Measure::Waitlist);
            }
        }
        match n.role {
            Role::Nurse => {}
            Role::Kio if may.has(Measure::Kio) && f.complexity == Complexity::Low => {
                used = used.with(Measure::Kio);
            }
            Role::OfficeQualified if may.has(Measure::Office) => {
                used = used.with(Measure::Office);
            }
            _ => return None,
        }
        Some(used)
    }
}
