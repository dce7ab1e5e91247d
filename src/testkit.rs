//! Tiny hand-checkable scenarios for the unit tests of every layer, and the
//! MILP run through the engine that they check against.

use crate::plan::Plan;
use crate::scenario::{History, Scenario, SCENARIO_FORMAT};

/// Builder of a one-provider scenario where everyone lives at the same spot.
#[derive(Clone)]
pub struct Tiny {
    json: serde_json::Value,
}

impl Tiny {
    /// `nurses` nurses `N1…` of provider `P1`, contract 0–40 h, a 7-day horizon from Monday 2026-07-06.
    pub fn new(nurses: usize) -> Tiny {
        let nurses: Vec<_> = (1..=nurses)
            .map(|i| {
                serde_json::json!({ "id": format!("N{i}"), "provider": "P1",
                    "contract_min": 0, "contract_max": 40, "home": [52.1, 5.1] })
            })
            .collect();
        Tiny {
            json: serde_json::json!({
                "format": SCENARIO_FORMAT, "name": "tiny", "start": "2026-07-06", "days": 7,
                "providers": [{ "id": "P1", "name": "Kraamzorg Test" }],
                "nurses": nurses, "families": []
            }),
        }
    }

    fn family_mut(&mut self, id: &str) -> &mut serde_json::Value {
        let fams = self.json["families"].as_array_mut().unwrap();
        fams.iter_mut().find(|f| f["id"] == id).unwrap()
    }

    /// Add family `id` of `P1` with an episode of `care_days` from `care_start`, indicated 49 h.
    pub fn family(mut self, id: &str, care_start: &str, care_days: u32) -> Tiny {
        self.json["families"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({
                "id": id, "provider": "P1", "care_start": care_start, "care_days": care_days,
                "indicated_hours": 49, "home": [52.1, 5.1]
            }));
        self
    }

    /// Set the horizon length.
    pub fn days(mut self, days: u32) -> Tiny {
        self.json["days"] = days.into();
        self
    }

    /// Set the horizon start.
    pub fn start(mut self, date: &str) -> Tiny {
        self.json["start"] = date.into();
        self
    }

    /// Set a rule parameter.
    pub fn rule(mut self, key: &str, value: impl Into<serde_json::Value>) -> Tiny {
        if !self.json["rules"].is_object() {
            self.json["rules"] = serde_json::json!({});
        }
        self.json["rules"][key] = value.into();
        self
    }

    /// Set every nurse's contract.
    pub fn contract(mut self, min: u32, max: u32) -> Tiny {
        for n in self.json["nurses"].as_array_mut().unwrap() {
            n["contract_min"] = min.into();
            n["contract_max"] = max.into();
        }
        self
    }

    /// Edit every nurse's history.
    pub fn nurse_history(mut self, edit: impl Fn(&mut History)) -> Tiny {
        for n in self.json["nurses"].as_array_mut().unwrap() {
            let mut h = History::default();
            edit(&mut h);
            n["history"] = serde_json::to_value(h).unwrap();
        }
        self
    }

    /// Give nurse `id` a night on call on `date` (before start): in
    /// `history.oncall` and `history.oncall_nights`.
    pub fn night_in_history(mut self, id: &str, date: &str) -> Tiny {
        let nurses = self.json["nurses"].as_array_mut().unwrap();
        let n = nurses.iter_mut().find(|n| n["id"] == id).unwrap();
        if !n["history"].is_object() {
            n["history"] = serde_json::json!({});
        }
        for list in ["oncall", "oncall_nights"] {
            if !n["history"][list].is_array() {
                n["history"][list] = serde_json::json!([]);
            }
            n["history"][list].as_array_mut().unwrap().push(date.into());
        }
        self
    }

    /// Add a hospital day to a family.
    pub fn hospital(mut self, id: &str, date: &str) -> Tiny {
        let f = self.family_mut(id);
        if !f["hospital"].is_array() {
            f["hospital"] = serde_json::json!([]);
        }
        f["hospital"].as_array_mut().unwrap().push(date.into());
        self
    }

    /// Set a family's indication.
    pub fn indicated(mut self, id: &str, hours: u32) -> Tiny {
        self.family_mut(id)["indicated_hours"] = hours.into();
        self
    }

    /// Set a family's hours delivered before the horizon.
    pub fn delivered_before(mut self, id: &str, hours: u32) -> Tiny {
        self.family_mut(id)["delivered_before"] = hours.into();
        self
    }

    /// Set a family's priority.
    pub fn priority(mut self, id: &str, priority: u8) -> Tiny {
        self.family_mut(id)["priority"] = priority.into();
        self
    }

    /// Add a known nurse to a family.
    pub fn known(mut self, id: &str, nurse: &str) -> Tiny {
        self.family_mut(id)["known_nurses"] = serde_json::json!([nurse]);
        self
    }

    /// Every nurse may take partus-pool shifts.
    pub fn partus(mut self) -> Tiny {
        for n in self.json["nurses"].as_array_mut().unwrap() {
            n["partus"] = true.into();
        }
        self
    }

    /// One nurse may take partus-pool shifts.
    pub fn partus_nurse(mut self, id: &str) -> Tiny {
        let nurses = self.json["nurses"].as_array_mut().unwrap();
        nurses.iter_mut().find(|n| n["id"] == id).unwrap()["partus"] = true.into();
        self
    }

    /// Require `required` nurses on call for `shift` on `date`.
    pub fn pool_shift(mut self, date: &str, shift: &str, required: u32) -> Tiny {
        if !self.json["partus_pool"].is_object() {
            self.json["partus_pool"] = serde_json::json!({ "scope": "regional", "shifts": [] });
        }
        let shifts = self.json["partus_pool"]["shifts"].as_array_mut().unwrap();
        shifts.push(serde_json::json!({ "date": date, "shift": shift, "required": required }));
        self
    }

    /// Set the pool scope (`regional` or `provider`).
    pub fn pool_scope(mut self, scope: &str) -> Tiny {
        self.json["partus_pool"]["scope"] = scope.into();
        self
    }

    /// Add a provider.
    pub fn provider(mut self, id: &str) -> Tiny {
        let providers = self.json["providers"].as_array_mut().unwrap();
        providers.push(serde_json::json!({ "id": id, "name": id }));
        self
    }

    /// Add a nurse of `provider` (contract 0–40 h, same home as everyone).
    pub fn nurse_of(mut self, id: &str, provider: &str) -> Tiny {
        self.json["nurses"].as_array_mut().unwrap().push(serde_json::json!({
            "id": id, "provider": provider, "contract_min": 0, "contract_max": 40, "home": [52.1, 5.1]
        }));
        self
    }

    /// Add a family of `provider`.
    pub fn family_of(self, id: &str, provider: &str, care_start: &str, care_days: u32) -> Tiny {
        let mut t = self.family(id, care_start, care_days);
        t.family_mut(id)["provider"] = provider.into();
        t
    }

    /// Give a nurse a day off.
    pub fn off(mut self, nurse: &str, date: &str) -> Tiny {
        let nurses = self.json["nurses"].as_array_mut().unwrap();
        let n = nurses.iter_mut().find(|n| n["id"] == nurse).unwrap();
        if !n["off"].is_array() {
            n["off"] = serde_json::json!([]);
        }
        n["off"].as_array_mut().unwrap().push(date.into());
        self
    }

    /// Set a nurse's role (`nurse`, `kio`, `office_qualified`).
    pub fn role(mut self, nurse: &str, role: &str) -> Tiny {
        let nurses = self.json["nurses"].as_array_mut().unwrap();
        nurses.iter_mut().find(|n| n["id"] == nurse).unwrap()["role"] = role.into();
        self
    }

    /// Move a family's home.
    pub fn family_home(mut self, id: &str, lat: f64, lon: f64) -> Tiny {
        self.family_mut(id)["home"] = serde_json::json!([lat, lon]);
        self
    }

    /// Allow a measure in the scenario.
    pub fn measure(mut self, id: &str) -> Tiny {
        if !self.json["measures"].is_array() {
            self.json["measures"] = serde_json::json!([]);
        }
        self.json["measures"]
            .as_array_mut()
            .unwrap()
            .push(id.into());
        self
    }

    /// A nurse consents to a measure.
    pub fn consent(mut self, nurse: &str, id: &str) -> Tiny {
        let nurses = self.json["nurses"].as_array_mut().unwrap();
        let n = nurses.iter_mut().find(|n| n["id"] == nurse).unwrap();
        if !n["consent"].is_array() {
            n["consent"] = serde_json::json!([]);
        }
        n["consent"].as_array_mut().unwrap().push(id.into());
        self
    }

    /// Set a family field (`arrival`, `complexity`, `provider` …).
    pub fn family_field(
        mut self,
        id: &str,
        key: &str,
        value: impl Into<serde_json::Value>,
    ) -> Tiny {
        self.family_mut(id)[key] = value.into();
        self
    }

    /// Set when a family comes home on its first day (`day` or `evening`).
    pub fn arrival(self, id: &str, arrival: &str) -> Tiny {
        self.family_field(id, "arrival", arrival)
    }

    /// Set a provider field (`contracted`, `ksv_member`).
    pub fn provider_field(
        mut self,
        id: &str,
        key: &str,
        value: impl Into<serde_json::Value>,
    ) -> Tiny {
        let providers = self.json["providers"].as_array_mut().unwrap();
        providers.iter_mut().find(|p| p["id"] == id).unwrap()[key] = value.into();
        self
    }

    /// Set a family's complexity (`low`, `medium`, `high`).
    pub fn complexity(self, id: &str, complexity: &str) -> Tiny {
        self.family_field(id, "complexity", complexity)
    }

    /// A kraamcentrum of `size` (and `beds`, default `size`) where everyone
    /// lives, with M-KRAAMCENTRUM allowed.
    pub fn kraamcentrum(mut self, size: u32, beds: Option<u32>) -> Tiny {
        self.json["kraamcentrum"] = serde_json::json!({ "size": size, "location": [52.1, 5.1] });
        if let Some(b) = beds {
            self.json["kraamcentrum"]["beds"] = b.into();
        }
        self.measure("M-KRAAMCENTRUM")
    }

    /// The scenario.
    pub fn build(self) -> Scenario {
        serde_json::from_value(self.json).expect("tiny scenario")
    }
}

/// Solve with the MILP to optimality and require a checker-clean plan.
pub fn solve_clean(s: &Scenario) -> Plan {
    solve_with_gap(s, 0.0)
}

/// Plan with the heuristic alone and require a checker-clean plan.
pub fn heuristic_clean(s: &Scenario) -> Plan {
    let problem = crate::model::Problem::build(s).expect("model");
    let plan = crate::engine::heuristic_plan(&problem, None);
    let report = crate::check::check(s, &plan);
    assert!(
        report.is_clean(),
        "checker violations: {:#?}",
        report.violations
    );
    plan
}

/// Solve with the MILP to the relative `gap` and require a checker-clean plan.
pub fn solve_with_gap(s: &Scenario, gap: f64) -> Plan {
    let problem = crate::model::Problem::build(s).expect("model");
    let config = crate::milp::SolveConfig {
        time_limit: 60.0,
        gap,
        ..Default::default()
    };
    let plan = crate::engine::milp_plan(&problem, &config).expect("solve");
    let report = crate::check::check(s, &plan);
    assert!(
        report.is_clean(),
        "checker violations: {:#?}",
        report.violations
    );
    assert!(plan.kpi.families_below_floor >= plan.kpi.certified_min_below_floor);
    plan
}

/// A generated region with nurses to spare: two providers, no freelancer,
/// 150 births a year, 30 nurses per 100 births, no sick leave, no pool —
/// groen in every week a season or forecast draws for it.
pub fn ample_region(name: &str) -> Scenario {
    let mut s = crate::generate::generate(&crate::generate::GenParams {
        name: name.into(),
        births_per_year: 150,
        providers: 2,
        freelancers: 0,
        days: 7,
        sick: 0.0,
        seed: 4,
        nurses_per_100_births: 30.0,
        ..crate::generate::GenParams::default()
    });
    s.partus_pool = None;
    s
}
