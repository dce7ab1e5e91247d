//! An engine's assignment, and the problem's independent components
//! (nurses and families that share no arc).

use super::*;

/// What an engine decides: hours on every arc and the on-call shifts
/// (`oncall[n][t][s]`, shifts in the order day, evening, night).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    /// Hours per arc.
    pub hours: Vec<u32>,
    /// On call per nurse, day and shift.
    pub oncall: Vec<Vec<[bool; 3]>>,
}

impl Assignment {
    /// No care and nobody on call.
    pub fn empty(p: &Problem) -> Self {
        Assignment {
            hours: vec![0; p.arcs.len()],
            oncall: vec![vec![[false; 3]; p.days()]; p.nurses.len()],
        }
    }
}

/// A part of the problem that shares no arc and no rule with the rest.
#[derive(Debug, Clone)]
pub struct Component {
    /// The sub-problem, re-indexed.
    pub problem: Problem,
    /// Original index of each nurse of the sub-problem.
    pub nurses: Vec<usize>,
    /// Original index of each family of the sub-problem.
    pub families: Vec<usize>,
}

impl Component {
    /// Copy the component's assignment into the whole problem's.
    pub fn lift(&self, whole: &Problem, part: &Assignment, into: &mut Assignment) {
        for (a, arc) in self.problem.arcs.iter().enumerate() {
            if part.hours[a] == 0 {
                continue;
            }
            let (n, f) = (
                self.nurses[arc.nurse as usize],
                self.families[arc.family as usize],
            );
            let of_day = if arc.centre {
                whole.centre_arcs(n, arc.day as usize)
            } else {
                &whole.arcs_by_nurse_day[n][arc.day as usize]
            };
            let global = of_day
                .iter()
                .find(|&&g| whole.arcs[g as usize].family as usize == f)
                .expect("a component's arc exists in the whole problem");
            into.hours[*global as usize] = part.hours[a];
        }
        for (i, &n) in self.nurses.iter().enumerate() {
            into.oncall[n] = part.oncall[i].clone();
        }
    }
}

impl Problem {
    /// Split into connected components of the graph whose edges are the arcs
    /// (nurse–family) and the pool eligibilities (nurse–pool shift).
    ///
    /// Every rule couples only arcs and shifts of one nurse, one family or one
    /// pool shift, so the components are independent, and because each
    /// objective level is a sum over families, shifts and nurses, the
    /// lexicographic optimum of the whole is the union of the components'
    /// optima. A regional pool joins every component with a partus nurse.
    /// Families and shifts nobody can serve are gathered in one component
    /// without nurses; nurses with neither arcs nor shifts drop out.
    pub fn components(&self) -> Vec<Component> {
        let (nn, nf, ns) = (self.nurses.len(), self.families.len(), self.slots.len());
        // Union-find over nurses 0..nn, families nn..nn+nf and shifts after them.
        let mut parent: Vec<usize> = (0..nn + nf + ns).collect();
        fn root(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        let mut join = |a: usize, b: usize| {
            let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
            if ra != rb {
                parent[ra] = rb;
            }
        };
        // The centre's beds couple every centre arc of a day: one component.
        let mut centre_nurse = None;
        for arc in &self.arcs {
            join(arc.nurse as usize, nn + arc.family as usize);
            if arc.centre {
                let first = *centre_nurse.get_or_insert(arc.nurse as usize);
                join(first, arc.nurse as usize);
            }
        }
        for (k, slot) in self.slots.iter().enumerate() {
            for n in 0..nn {
                if self.can_be_on_call(n, slot) {
                    join(n, nn + nf + k);
                }
            }
        }
        type Group = (Vec<usize>, Vec<usize>, Vec<usize>);
        let mut groups: std::collections::BTreeMap<usize, Group> = Default::default();
        for i in 0..nn + nf + ns {
            let g = groups.entry(root(&mut parent, i)).or_default();
            match i {
                i if i < nn => g.0.push(i),
                i if i < nn + nf => g.1.push(i - nn),
                i => g.2.push(i - nn - nf),
            }
        }
        let mut parts = Vec::new();
        let mut idle: Group = Default::default();
        for (nurses, families, slots) in groups.into_values() {
            if nurses.is_empty() {
                idle.1.extend(families);
                idle.2.extend(slots);
            } else if !families.is_empty() || !slots.is_empty() {
                parts.push((nurses, families, slots));
            }
        }
        if !idle.1.is_empty() || !idle.2.is_empty() {
            idle.1.sort_unstable();
            idle.2.sort_unstable();
            parts.push(idle);
        }
        parts
            .into_iter()
            .map(|(nurses, families, slots)| self.restrict(nurses, families, slots))
            .collect()
    }

    /// The sub-problem on the given nurses, families and pool shifts (all their arcs).
    pub(super) fn restrict(
        &self,
        nurses: Vec<usize>,
        families: Vec<usize>,
        slots: Vec<usize>,
    ) -> Component {
        let mut nurse_new = vec![u32::MAX; self.nurses.len()];
        for (i, &n) in nurses.iter().enumerate() {
            nurse_new[n] = i as u32;
        }
        let mut family_new = vec![u32::MAX; self.families.len()];
        for (i, &f) in families.iter().enumerate() {
            family_new[f] = i as u32;
        }
        let sub_families = families
            .iter()
            .map(|&f| {
                let mut fam = self.families[f].clone();
                fam.known_nurses = fam
                    .known_nurses
                    .iter()
                    .filter_map(|&n| Some(nurse_new[n as usize]).filter(|&m| m != u32::MAX))
                    .collect();
                fam
            })
            .collect();
        let arcs: Vec<Arc> = self
            .arcs
            .iter()
            .filter(|a| {
                nurse_new[a.nurse as usize] != u32::MAX && family_new[a.family as usize] != u32::MAX
            })
            .map(|a| Arc {
                nurse: nurse_new[a.nurse as usize],
                family: family_new[a.family as usize],
                ..*a
            })
            .collect();
        let mut problem = Problem {
            name: self.name.clone(),
            start: self.start,
            dates: self.dates.clone(),
            params: self.params.clone(),
            providers: self.providers.clone(),
            nurses: nurses.iter().map(|&n| self.nurses[n].clone()).collect(),
            families: sub_families,
            available: self.available.select(ndarray::Axis(0), &nurses),
            home_day: self.home_day.select(ndarray::Axis(0), &families),
            arcs: Vec::new(),
            arcs_by_nurse_day: Vec::new(),
            arcs_by_family_day: Vec::new(),
            centre: self.centre.clone(),
            centre_by_nurse_day: Vec::new(),
            weeks: self.weeks.clone(),
            slots: slots.iter().map(|&k| self.slots[k]).collect(),
            pool: self.pool.clone(),
            perms: self.perms.clone(),
            // The forced changes belong to the whole problem, counted once.
            baseline: self.baseline.clone().map(|b| baseline::Baseline {
                forced: [0, 0],
                ..b
            }),
        };
        problem.set_arcs(arcs);
        Component {
            problem,
            nurses,
            families,
        }
    }

    /// Install the arc list and its indexes.
    pub(super) fn set_arcs(&mut self, arcs: Vec<Arc>) {
        let days = self.days();
        let mut by_nd = vec![vec![Vec::new(); days]; self.nurses.len()];
        let mut by_fd = vec![vec![Vec::new(); days]; self.families.len()];
        let mut centre = Vec::new();
        for (a, arc) in arcs.iter().enumerate() {
            if arc.centre {
                if centre.is_empty() {
                    centre = vec![vec![Vec::new(); days]; self.nurses.len()];
                }
                centre[arc.nurse as usize][arc.day as usize].push(a as u32);
            } else {
                by_nd[arc.nurse as usize][arc.day as usize].push(a as u32);
            }
            by_fd[arc.family as usize][arc.day as usize].push(a as u32);
        }
        self.centre_by_nurse_day = centre;
        self.arcs = arcs;
        self.arcs_by_nurse_day = by_nd;
        self.arcs_by_family_day = by_fd;
    }
}
