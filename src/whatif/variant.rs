//! One sweep variant as a scenario: the base scenario with one variant's
//! axis values applied ([`apply`]).
//!
//! What each axis does, and why:
//!
//! - **Common random numbers.** Every random draw depends on `seed` only,
//!   never on the other axis values: a `ChaCha8Rng` seeded with `seed`, on a
//!   separate stream per axis (and per provider for hires). So with one seed
//!   the nurses sick at 10 % are among those sick at 15 %, the families
//!   added at 10 % are the first of those added at 20 %, and a difference
//!   between two variants reflects the axis, not sampling noise.
//! - **`sick`**: a seeded permutation of the base's nurses; the first
//!   `round(sick × nurses)` get every horizon date in `off`. They stay in the
//!   scenario so that references to them (`known_nurses`) stay valid. Hired
//!   and lent nurses are never sick: they are the remedy being weighed.
//! - **`extra_births`**: `round(pct / 100 × n)` clones, `n` = families with
//!   at least one episode day in the horizon. Templates are drawn with
//!   replacement from those families; a clone keeps every field of its
//!   template (provider or waiting list, indication, hospital days,
//!   complexity, priority, arrival, dates, `delivered_before` of an episode
//!   under way) except a fresh id (`X001`…), a home moved by up to 2 km
//!   (kept in the Netherlands) and no known nurses: more families of the
//!   same mix, at the same moments, nearby.
//! - **`measures`**: `base` keeps the scenario's own, `none` empties them,
//!   `all` allows all of them (M-KRAAMCENTRUM only where the scenario has a
//!   kraamcentrum), a `+`-list allows exactly those. Nurses'
//!   consents are left as they are (consent is a person's, not a policy).
//! - **`hired`**: new qualified nurses (role `nurse`) of the non-freelance
//!   providers, split in proportion to each provider's qualified nurses by
//!   largest remainder. Each copies the contract, `partus` flag and home of
//!   a seeded random qualified nurse of her provider; id `H001`…, no days
//!   off, no work history and no consents (a fresh hire has signed nothing).
//! - **`lent`**: nurses from outside the region, employed by a new provider
//!   `LENT` ("Uitgeleend (andere regio)": a KSV member, not contracted for
//!   the region's waiting list) that has
//!   no families of its own. Each copies contract, `partus`, home and
//!   consents of a seeded random qualified nurse of the region; id `L001`…,
//!   no days off, no history. Because `LENT` has no families, lent nurses
//!   serve families only through M-LENDING, so `lent > 0` adds M-LENDING to
//!   `measures` whatever the `measures` axis says; in a regional pool
//!   they may take on-call shifts, in a provider-scope pool LENT's share is 0.
//! - **`kraamcentrum`** (`k`): 0 leaves the scenario as it is; `k > 0` adds
//!   a regional kraamcentrum of size `k` ([`with_kraamcentrum`]): `beds =
//!   2k` (two nurses' worth of families a day, capped at 200), at the
//!   centroid of the families' homes, 8 hours a centre day, staffed by any
//!   contracted provider; M-KRAAMCENTRUM is added to `measures` whatever the
//!   `measures` axis says (the measure is what the axis weighs).
//! - **`kio`**: new nurses in training (role `kio`, [`with_kio`]), hired like
//!   `hired` — split over the non-freelance providers in proportion to their
//!   qualified nurses, each copying the contract and home of a seeded random
//!   qualified nurse of her provider (not `partus`: trainees take no pool
//!   shifts), id `K001`…; M-KIO is added to `measures`.
//! - **`pool_scope`**: sets `partus_pool.scope`. The requirement stays the
//!   regional one (`shifts` or Erlang-B); under scope `provider` the engine
//!   splits it over providers in proportion to their families in the
//!   horizon (`model::PoolTable::shares`), so no per-provider data is
//!   needed. A base without `partus_pool` is an error unless the choice is
//!   `base`: there is no pool whose scope could change.
//! - **`time_limit`** is a solver setting; the runner applies it.
//!
//! The scenario's `name` gets ` (variant N)` appended so that plans and
//! reports say which variant they belong to.

use std::collections::HashSet;

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::scenario::{
    Family, History, Kraamcentrum, Nurse, PoolScope, Provider, Role, Scenario, MEASURE_IDS,
};
use crate::whatif::grid::{MeasureChoice, PoolChoice, Variant};

/// Id of the provider that employs lent nurses.
pub const LENT_PROVIDER: &str = "LENT";

/// Display name of [`LENT_PROVIDER`].
pub const LENT_NAME: &str = "Uitgeleend (andere regio)";

/// Largest distance in km a cloned family's home moves from its template's.
pub const MAX_JITTER_KM: f64 = 2.0;

/// Kilometres per degree of latitude.
const KM_PER_DEG: f64 = 111.32;

/// Random streams, one per axis (hires: one per provider, from `STREAM_HIRED`).
const STREAM_SICK: u64 = 1;
const STREAM_BIRTHS: u64 = 2;
const STREAM_LENT: u64 = 3;
const STREAM_HIRED: u64 = 1 << 32;
const STREAM_KIO: u64 = 2 << 32;

/// The scenario of variant `v` of `base`. Deterministic in `(base, v)`; an
/// `Err` names what cannot be applied and why.
pub fn apply(base: &Scenario, v: &Variant) -> Result<Scenario, String> {
    check_values(v)?;
    let mut s = base.clone();
    s.name = format!("{} (variant {})", base.name, v.index);
    s.measures = match &v.measures {
        MeasureChoice::Base => base.measures.clone(),
        MeasureChoice::None => Vec::new(),
        // M-KRAAMCENTRUM needs a kraamcentrum (the `kraamcentrum` axis adds both).
        MeasureChoice::All => MEASURE_IDS
            .iter()
            .filter(|m| base.kraamcentrum.is_some() || **m != "M-KRAAMCENTRUM")
            .map(|m| m.to_string())
            .collect(),
        MeasureChoice::Only(ids) => ids.clone(),
    };
    make_sick(&mut s, v.sick, v.seed);
    add_families(&mut s, v.extra_births, v.seed);
    hire(&mut s, base, v.hired, v.seed)?;
    lend(&mut s, base, v.lent, v.seed)?;
    if let Some(k) = v.kraamcentrum {
        with_kraamcentrum(&mut s, k);
    }
    if let Some(k) = v.kio {
        hire_as(&mut s, base, k, v.seed, Role::Kio)?;
        if k > 0 {
            add_measure(&mut s, "M-KIO");
        }
    }
    set_pool_scope(&mut s, v.pool_scope)?;
    set_pool_min(&mut s, v.pool_min)?;
    if let Some(policy) = v.policy {
        s.rules.policy = Some(policy);
    }
    Ok(s)
}

/// Indices (into `base.nurses`) of the nurses off sick at share `sick` with
/// `seed`, in draw order. A higher share extends the list of a lower one.
pub fn sick_nurses(base: &Scenario, sick: f64, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..base.nurses.len()).collect();
    order.shuffle(&mut rng(seed, STREAM_SICK));
    order.truncate(share_of(sick, base.nurses.len()));
    order
}

/// Variant values arrive from grids (checked) or from JSON (not): check again.
fn check_values(v: &Variant) -> Result<(), String> {
    if !(0.0..1.0).contains(&v.sick) {
        return Err(format!(
            "variant {}: sick {} is not a share in [0, 1)",
            v.index, v.sick
        ));
    }
    if !(0.0..=crate::whatif::grid::MAX_EXTRA_BIRTHS).contains(&v.extra_births) {
        return Err(format!(
            "variant {}: extra_births {} is not a percentage in [0, 200]",
            v.index, v.extra_births
        ));
    }
    if let MeasureChoice::Only(ids) = &v.measures {
        if let Some(bad) = ids.iter().find(|m| !MEASURE_IDS.contains(&m.as_str())) {
            return Err(format!("variant {}: unknown measure {bad}", v.index));
        }
    }
    Ok(())
}

fn rng(seed: u64, stream: u64) -> ChaCha8Rng {
    let mut r = ChaCha8Rng::seed_from_u64(seed);
    r.set_stream(stream);
    r
}

/// `round(share × n)`.
fn share_of(share: f64, n: usize) -> usize {
    (share * n as f64).round() as usize
}

/// Every date of the horizon.
fn horizon(s: &Scenario) -> Vec<chrono::NaiveDate> {
    (0..s.days as i64)
        .map(|t| crate::domain::calendar::add_days(s.start, t))
        .collect()
}

fn make_sick(s: &mut Scenario, sick: f64, seed: u64) {
    let dates = horizon(s);
    for i in sick_nurses(s, sick, seed) {
        let off = &mut s.nurses[i].off;
        for d in &dates {
            if !off.contains(d) {
                off.push(*d);
            }
        }
    }
}

/// Whether a family's episode has a day in the horizon.
fn in_horizon(f: &Family, s: &Scenario) -> bool {
    let first = f.care_start;
    let last = crate::domain::calendar::add_days(first, f.care_days.max(1) as i64 - 1);
    let end = crate::domain::calendar::add_days(s.start, s.days.max(1) as i64 - 1);
    first <= end && last >= s.start
}

fn add_families(s: &mut Scenario, pct: f64, seed: u64) {
    let templates: Vec<usize> = (0..s.families.len())
        .filter(|&i| in_horizon(&s.families[i], s))
        .collect();
    let count = share_of(pct / 100.0, templates.len());
    if count == 0 {
        return;
    }
    let ids = fresh_ids("X", count, s.families.iter().map(|f| f.id.as_str()));
    let mut r = rng(seed, STREAM_BIRTHS);
    let mut clones = Vec::with_capacity(count);
    for id in ids {
        let t = &s.families[templates[r.gen_range(0..templates.len())]];
        let home = jitter(t.home, &mut r);
        let mut f = t.clone();
        f.id = id;
        f.home = home;
        f.known_nurses.clear();
        clones.push(f);
    }
    s.families.extend(clones);
}

/// A point up to [`MAX_JITTER_KM`] from `home`, uniform over the disc, to
/// five decimals (about a metre); `home` itself if that would leave the
/// Netherlands. Always draws two numbers, so later draws do not shift.
fn jitter(home: [f64; 2], r: &mut ChaCha8Rng) -> [f64; 2] {
    let dist = MAX_JITTER_KM * r.gen::<f64>().sqrt();
    let angle = r.gen::<f64>() * std::f64::consts::TAU;
    let lat = home[0] + dist * angle.cos() / KM_PER_DEG;
    let lon = home[1] + dist * angle.sin() / (KM_PER_DEG * home[0].to_radians().cos());
    let round = |x: f64| (x * 1e5).round() / 1e5;
    let p = [round(lat), round(lon)];
    if crate::domain::geo::in_netherlands(p) {
        p
    } else {
        home
    }
}

/// `count` ids `{prefix}001`, `{prefix}002`, … skipping any already taken.
fn fresh_ids<'a>(prefix: &str, count: usize, taken: impl Iterator<Item = &'a str>) -> Vec<String> {
    let taken: HashSet<&str> = taken.collect();
    (1..)
        .map(|k| format!("{prefix}{k:03}"))
        .filter(|id| !taken.contains(id.as_str()))
        .take(count)
        .collect()
}

/// Indices of the base's qualified nurses (role `nurse`) of provider `id`,
/// or of every provider when `id` is `None`.
fn qualified(base: &Scenario, id: Option<&str>) -> Vec<usize> {
    (0..base.nurses.len())
        .filter(|&i| {
            let n = &base.nurses[i];
            n.role == Role::Nurse && id.is_none_or(|p| n.provider == p)
        })
        .collect()
}

/// A new nurse copied from `template`: no days off, no history.
fn newcomer(template: &Nurse, id: String, provider: &str, consent: Vec<String>) -> Nurse {
    Nurse {
        id,
        provider: provider.to_string(),
        off: Vec::new(),
        consent,
        history: History::default(),
        ..template.clone()
    }
}

/// A regional kraamcentrum of `size` families per nurse a day (0: none)
/// added to `s`, with M-KRAAMCENTRUM allowed: `beds = 2·size` (at most
/// 200), at the centroid of the families' homes, the default 8-hour centre
/// day, staffed by any contracted provider. A kraamcentrum `s` already has
/// is replaced.
pub fn with_kraamcentrum(s: &mut Scenario, size: u32) {
    if size == 0 {
        return;
    }
    let homes: Vec<[f64; 2]> = s.families.iter().map(|f| f.home).collect();
    let location = if homes.is_empty() {
        s.nurses.first().map_or([52.09, 5.12], |n| n.home)
    } else {
        let k = homes.len() as f64;
        [
            homes.iter().map(|h| h[0]).sum::<f64>() / k,
            homes.iter().map(|h| h[1]).sum::<f64>() / k,
        ]
    };
    s.kraamcentrum = Some(Kraamcentrum {
        size,
        beds: Some((2 * size).min(crate::scenario::validate::MAX_BEDS)),
        location,
        hours_per_day: None,
        provider: None,
    });
    add_measure(s, "M-KRAAMCENTRUM");
}

/// `extra` nurses in training (role `kio`) hired by `s`'s non-freelance
/// providers as the `kio` axis does, with M-KIO allowed; `seed` draws their
/// templates. An `Err` when `s` has no provider to hire them.
pub fn with_kio(s: &mut Scenario, extra: u32, seed: u64) -> Result<(), String> {
    let base = s.clone();
    hire_as(s, &base, extra, seed, Role::Kio)?;
    if extra > 0 {
        add_measure(s, "M-KIO");
    }
    Ok(())
}

fn add_measure(s: &mut Scenario, id: &str) {
    if !s.measures.iter().any(|m| m == id) {
        s.measures.push(id.to_string());
    }
}

fn hire(s: &mut Scenario, base: &Scenario, hired: u32, seed: u64) -> Result<(), String> {
    hire_as(s, base, hired, seed, Role::Nurse)
}

/// `hired` new nurses of `role` (`nurse`: `H001`…; `kio`: `K001`…, not on
/// the pool), split over the non-freelance providers by their qualified nurses.
fn hire_as(
    s: &mut Scenario,
    base: &Scenario,
    hired: u32,
    seed: u64,
    role: Role,
) -> Result<(), String> {
    if hired == 0 {
        return Ok(());
    }
    let (axis, prefix, stream) = match role {
        Role::Kio => ("kio", "K", STREAM_KIO),
        _ => ("hired", "H", STREAM_HIRED),
    };
    let pools: Vec<Vec<usize>> = base
        .providers
        .iter()
        .map(|p| {
            if p.freelancer {
                Vec::new()
            } else {
                qualified(base, Some(&p.id))
            }
        })
        .collect();
    let weights: Vec<u32> = pools.iter().map(|p| p.len() as u32).collect();
    if weights.iter().all(|&w| w == 0) {
        return Err(format!(
            "{axis} = {hired}: the base has no non-freelance provider with a qualified nurse (role nurse) to model the hires on — use {axis} = 0 for this scenario"
        ));
    }
    let shares = crate::model::pool::split_largest_remainder(hired, &weights);
    let mut ids = fresh_ids(
        prefix,
        hired as usize,
        s.nurses.iter().map(|n| n.id.as_str()),
    )
    .into_iter();
    for (pr, (&share, pool)) in shares.iter().zip(&pools).enumerate() {
        let mut r = rng(seed, stream + pr as u64);
        for _ in 0..share {
            let t = &base.nurses[pool[r.gen_range(0..pool.len())]];
            let id = ids.next().expect("one id per hire");
            let mut nurse = newcomer(t, id, &base.providers[pr].id, Vec::new());
            if role == Role::Kio {
                nurse.role = Role::Kio;
                nurse.partus = false;
            }
            s.nurses.push(nurse);
        }
    }
    Ok(())
}

fn lend(s: &mut Scenario, base: &Scenario, lent: u32, seed: u64) -> Result<(), String> {
    if lent == 0 {
        return Ok(());
    }
    if base.providers.iter().any(|p| p.id == LENT_PROVIDER) {
        return Err(format!(
            "lent = {lent}: the base already has a provider `{LENT_PROVIDER}`, the id given to lent nurses' provider — rename that provider or use lent = 0"
        ));
    }
    let pool = qualified(base, None);
    if pool.is_empty() {
        return Err(format!(
            "lent = {lent}: the base has no qualified nurse (role nurse) to model the lent nurses on — use lent = 0 for this scenario"
        ));
    }
    s.providers.push(Provider {
        id: LENT_PROVIDER.to_string(),
        name: LENT_NAME.to_string(),
        contracted: false,
        ksv_member: true,
        freelancer: false,
    });
    let ids = fresh_ids(
        "L",
        lent as usize,
        base.nurses.iter().map(|n| n.id.as_str()),
    );
    let mut r = rng(seed, STREAM_LENT);
    for id in ids {
        let t = &base.nurses[pool[r.gen_range(0..pool.len())]];
        s.nurses
            .push(newcomer(t, id, LENT_PROVIDER, t.consent.clone()));
    }
    if !s.measures.iter().any(|m| m == "M-LENDING") {
        s.measures.push("M-LENDING".to_string());
    }
    Ok(())
}

fn set_pool_scope(s: &mut Scenario, choice: PoolChoice) -> Result<(), String> {
    let scope = match choice {
        PoolChoice::Base => return Ok(()),
        PoolChoice::Regional => PoolScope::Regional,
        PoolChoice::Provider => PoolScope::Provider,
    };
    match &mut s.partus_pool {
        Some(pool) => {
            pool.scope = scope;
            Ok(())
        }
        None => Err(format!(
            "pool_scope = {choice}: the base scenario has no partus_pool, so there is no pool scope to change — leave pool_scope out of the grid or use \"base\""
        )),
    }
}

/// `pool_min`: the variant's `partus_pool.min_on_call` (POOL-MIN). A minimum
/// above 0 needs a pool; 0 on a scenario without one changes nothing.
fn set_pool_min(s: &mut Scenario, pool_min: Option<u32>) -> Result<(), String> {
    let Some(m) = pool_min else { return Ok(()) };
    match &mut s.partus_pool {
        Some(pool) => {
            pool.min_on_call = m;
            Ok(())
        }
        None if m == 0 => Ok(()),
        None => Err(format!(
            "pool_min = {m}: the base scenario has no partus_pool, so there is no pool minimum to set — leave pool_min out of the grid, use 0, or add a partus_pool to the scenario"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::read_scenario;
    use crate::whatif::grid::Grid;

    fn load(rel: &str) -> Scenario {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
        read_scenario(&path).unwrap().scenario
    }

    fn default() -> Scenario {
        load("scenarios/default.json")
    }

    fn variant(toml: &str) -> Variant {
        let g = Grid::parse(toml).unwrap();
        assert_eq!(g.len(), 1, "{toml}");
        g.variants().remove(0)
    }

    fn json(s: &Scenario) -> String {
        serde_json::to_string(s).unwrap()
    }

    fn new_ids<'a>(s: &'a Scenario, base: &Scenario) -> Vec<&'a str> {
        let old: HashSet<&str> = base.nurses.iter().map(|n| n.id.as_str()).collect();
        s.nurses
            .iter()
            .map(|n| n.id.as_str())
            .filter(|id| !old.contains(id))
            .collect()
    }

    fn sick_ids(s: &Scenario) -> HashSet<String> {
        let dates = horizon(s);
        s.nurses
            .iter()
            .filter(|n| dates.iter().all(|d| n.off.contains(d)))
            .map(|n| n.id.clone())
            .collect()
    }

    fn clones(s: &Scenario) -> Vec<&Family> {
        s.families
            .iter()
            .filter(|f| f.id.starts_with('X'))
            .collect()
    }

    #[test]
    fn the_base_variant_is_the_base() {
        let base = default();
        let s = apply(&base, &variant("")).unwrap();
        assert_eq!(
            s,
            Scenario {
                name: format!("{} (variant 0)", base.name),
                ..base
            }
        );
    }

    #[test]
    fn same_variant_gives_the_same_scenario() {
        let base = default();
        let v = variant("sick = [0.15]\nextra_births = [20]\nhired = [7]\nlent = [4]\npool_scope = [\"provider\"]\nseeds = [11]");
        assert_eq!(
            json(&apply(&base, &v).unwrap()),
            json(&apply(&base, &v).unwrap())
        );
        let other = Variant {
            seed: 12,
            ..v.clone()
        };
        assert_ne!(
            json(&apply(&base, &v).unwrap()),
            json(&apply(&base, &other).unwrap())
        );
    }

    #[test]
    fn sick_nurses_are_exact_and_nested() {
        let base = default();
        let n = base.nurses.len();
        let already = sick_ids(&base);
        let mut last: Vec<usize> = Vec::new();
        for sick in [0.0, 0.10, 0.15, 0.20, 0.5] {
            let chosen = sick_nurses(&base, sick, 5);
            assert_eq!(
                chosen.len(),
                (sick * n as f64).round() as usize,
                "sick {sick}"
            );
            assert_eq!(
                chosen[..last.len()],
                last[..],
                "sick {sick} extends the lower share"
            );
            let s = apply(&base, &variant(&format!("sick = [{sick}]\nseeds = [5]"))).unwrap();
            let mut want = already.clone();
            want.extend(chosen.iter().map(|&i| base.nurses[i].id.clone()));
            assert_eq!(sick_ids(&s), want, "sick {sick}");
            assert_eq!(s.nurses.len(), n, "sick nurses stay in the scenario");
            last = chosen;
        }
        // Other axes do not move the draw; another seed does.
        let a = apply(&base, &variant("sick = [0.15]\nseeds = [5]")).unwrap();
        let b = apply(&base, &variant("sick = [0.15]\nextra_births = [30]\nhired = [3]\nlent = [2]\nmeasures = [\"none\"]\nseeds = [5]")).unwrap();
        assert_eq!(a.nurses[..], b.nurses[..n]);
        let c = apply(&base, &variant("sick = [0.15]\nseeds = [6]")).unwrap();
        assert_ne!(sick_ids(&a), sick_ids(&c));
    }

    #[test]
    fn extra_families_are_exact_nested_and_plausible() {
        let base = default();
        let n = base
            .families
            .iter()
            .filter(|f| in_horizon(f, &base))
            .count();
        let ten = apply(&base, &variant("extra_births = [10]\nseeds = [2]")).unwrap();
        let twenty = apply(&base, &variant("extra_births = [20]\nseeds = [2]")).unwrap();
        let (a, b) = (clones(&ten), clones(&twenty));
        assert_eq!(a.len(), (0.10 * n as f64).round() as usize);
        assert_eq!(b.len(), (0.20 * n as f64).round() as usize);
        assert_eq!(
            a[..],
            b[..a.len()],
            "the 10 % clones are the first of the 20 %"
        );
        assert_eq!(ten.families[..base.families.len()], base.families[..]);
        let by_id: std::collections::HashMap<&str, &Family> =
            base.families.iter().map(|f| (f.id.as_str(), f)).collect();
        for c in &b {
            assert!(c.known_nurses.is_empty());
            assert!(crate::domain::geo::in_netherlands(c.home));
            // Some base family is its template: same everything but id, home, known nurses.
            let near = base.families.iter().any(|t| {
                crate::domain::geo::haversine_km(t.home, c.home) <= MAX_JITTER_KM + 0.01
                    && Family {
                        id: t.id.clone(),
                        home: t.home,
                        known_nurses: t.known_nurses.clone(),
                        ..(*c).clone()
                    } == *by_id[t.id.as_str()]
            });
            assert!(near, "clone {} has no template", c.id);
        }
        let ids: HashSet<&str> = twenty.families.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids.len(), twenty.families.len());
        assert_eq!(b[0].id, "X001");
    }

    #[test]
    fn hires_are_split_over_providers_by_largest_remainder() {
        let base = default();
        let s = apply(&base, &variant("hired = [10]\nseeds = [4]")).unwrap();
        let added = &s.nurses[base.nurses.len()..];
        assert_eq!(added.len(), 10);
        let weights: Vec<u32> = base
            .providers
            .iter()
            .map(|p| {
                if p.freelancer {
                    0
                } else {
                    qualified(&base, Some(&p.id)).len() as u32
                }
            })
            .collect();
        let expect = crate::model::pool::split_largest_remainder(10, &weights);
        for (p, want) in base.providers.iter().zip(expect) {
            assert_eq!(
                added.iter().filter(|n| n.provider == p.id).count() as u32,
                want,
                "{}",
                p.id
            );
        }
        assert_eq!(weights[4], 0, "P5 is a freelancer");
        for h in added {
            assert!(h.id.starts_with('H'));
            assert!(h.off.is_empty() && h.consent.is_empty());
            assert_eq!(h.history, History::default());
            assert_eq!(h.role, Role::Nurse);
            let template_like = base.nurses.iter().any(|t| {
                t.provider == h.provider
                    && t.contract_min == h.contract_min
                    && t.contract_max == h.contract_max
                    && t.partus == h.partus
                    && t.home == h.home
            });
            assert!(template_like, "{}", h.id);
        }
        assert_eq!(
            new_ids(&s, &base),
            (1..=10).map(|k| format!("H{k:03}")).collect::<Vec<_>>()
        );
    }

    #[test]
    fn lent_nurses_come_with_their_provider_and_m_lending() {
        let base = default();
        let s = apply(
            &base,
            &variant("lent = [6]\nmeasures = [\"none\"]\nseeds = [9]"),
        )
        .unwrap();
        assert_eq!(s.measures, vec!["M-LENDING".to_string()]);
        let lent: Vec<&Nurse> = s
            .nurses
            .iter()
            .filter(|n| n.provider == LENT_PROVIDER)
            .collect();
        assert_eq!(lent.len(), 6);
        assert_eq!(
            new_ids(&s, &base),
            ["L001", "L002", "L003", "L004", "L005", "L006"]
        );
        let p = s.providers.iter().find(|p| p.id == LENT_PROVIDER).unwrap();
        assert!(!p.contracted && p.ksv_member && !p.freelancer);
        assert_eq!(p.name, LENT_NAME);
        assert!(s
            .families
            .iter()
            .all(|f| f.provider.as_deref() != Some(LENT_PROVIDER)));
        for l in lent {
            assert!(l.off.is_empty());
            assert_eq!(l.history, History::default());
            assert!(base.nurses.iter().any(|t| t.consent == l.consent
                && t.home == l.home
                && t.contract_max == l.contract_max));
        }
        // Base measures already holding M-LENDING: not added twice.
        let s = apply(&base, &variant("lent = [2]")).unwrap();
        assert_eq!(s.measures.iter().filter(|m| *m == "M-LENDING").count(), 1);
        // Without lent nurses, nothing changes.
        let s = apply(&base, &variant("measures = [\"M-FLEX\"]")).unwrap();
        assert_eq!(s.providers, base.providers);
        assert_eq!(s.measures, vec!["M-FLEX".to_string()]);
    }

    #[test]
    fn every_added_id_is_unique() {
        let base = default();
        let s = apply(
            &base,
            &variant("extra_births = [50]\nhired = [40]\nlent = [30]\nseeds = [1]"),
        )
        .unwrap();
        let nurses: HashSet<&str> = s.nurses.iter().map(|n| n.id.as_str()).collect();
        let families: HashSet<&str> = s.families.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(nurses.len(), base.nurses.len() + 70);
        assert_eq!(families.len(), s.families.len());
        // Ids already taken in the base are skipped.
        let mut taken = base.clone();
        taken.nurses[0].id = "H001".into();
        for f in taken.families.iter_mut() {
            f.known_nurses.retain(|k| k != &base.nurses[0].id);
        }
        let s = apply(&taken, &variant("hired = [2]")).unwrap();
        assert_eq!(new_ids(&s, &taken), ["H002", "H003"]);
    }

    #[test]
    fn measure_choices() {
        let base = default();
        let m = |choice: &str| {
            apply(&base, &variant(&format!("measures = [\"{choice}\"]")))
                .unwrap()
                .measures
        };
        assert_eq!(m("base"), base.measures);
        assert!(m("none").is_empty());
        assert_eq!(
            m("all"),
            MEASURE_IDS
                .iter()
                .filter(|m| **m != "M-KRAAMCENTRUM")
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
        );
        assert_eq!(m("M-KIO+M-OFFICE"), ["M-KIO", "M-OFFICE"]);
        let s = apply(&base, &variant("measures = [\"none\"]")).unwrap();
        assert!(s
            .nurses
            .iter()
            .zip(&base.nurses)
            .all(|(a, b)| a.consent == b.consent));
    }

    #[test]
    fn pool_scope_is_set_or_refused() {
        let base = default();
        let scope = |choice: &str, b: &Scenario| {
            apply(b, &variant(&format!("pool_scope = [\"{choice}\"]")))
                .map(|s| s.partus_pool.map(|p| p.scope))
        };
        assert_eq!(scope("provider", &base).unwrap(), Some(PoolScope::Provider));
        assert_eq!(scope("regional", &base).unwrap(), Some(PoolScope::Regional));
        assert_eq!(
            scope("base", &base).unwrap(),
            base.partus_pool.as_ref().map(|p| p.scope)
        );
        let rood = load("scenarios/colours/rood.json");
        assert!(rood.partus_pool.is_none());
        assert_eq!(scope("base", &rood).unwrap(), None);
        let err = scope("provider", &rood).unwrap_err();
        assert!(
            err.contains("pool_scope = provider") && err.contains("no partus_pool"),
            "{err}"
        );
    }

    #[test]
    fn issue15_pool_min_is_set_or_refused() {
        let base = default();
        let minimum = |m: u32, b: &Scenario| {
            apply(b, &variant(&format!("pool_min = [{m}]")))
                .map(|s| s.partus_pool.map(|p| p.min_on_call))
        };
        assert!(base.partus_pool.is_some());
        assert_eq!(minimum(2, &base).unwrap(), Some(2));
        assert_eq!(minimum(0, &base).unwrap(), Some(0));
        // Without the axis the base scenario's own minimum stays.
        let same = apply(&base, &variant("")).unwrap();
        assert_eq!(same.partus_pool, base.partus_pool);
        let rood = load("scenarios/colours/rood.json");
        assert_eq!(minimum(0, &rood).unwrap(), None);
        let err = minimum(1, &rood).unwrap_err();
        assert!(
            err.contains("pool_min = 1") && err.contains("no partus_pool"),
            "{err}"
        );
        // The axis is a column of sweep.csv only when the grid has it.
        let v = variant("pool_min = [1]");
        assert!(v.columns().contains(&("pool_min", "1".into())));
        assert!(variant("").columns().iter().all(|c| c.0 != "pool_min"));
    }

    #[test]
    fn impossible_variants_are_refused() {
        let base = default();
        let mut v = variant("");
        v.sick = 1.5;
        assert!(apply(&base, &v).unwrap_err().contains("sick 1.5"));
        let mut with_lent = base.clone();
        with_lent.providers[0].id = LENT_PROVIDER.into();
        let err = apply(&with_lent, &variant("lent = [1]")).unwrap_err();
        assert!(err.contains("lent = 1") && err.contains("LENT"), "{err}");
        let mut only_freelancers = base.clone();
        only_freelancers
            .providers
            .iter_mut()
            .for_each(|p| p.freelancer = true);
        let err = apply(&only_freelancers, &variant("hired = [3]")).unwrap_err();
        assert!(err.contains("hired = 3"), "{err}");
    }

    /// Every variant of a grid exercising every axis validates without
    /// errors and builds a problem.
    #[test]
    fn applied_scenarios_validate_and_build() {
        let grid = |pool: &str| {
            Grid::parse(&format!(
                "sick = [0.0, 0.15]\nextra_births = [0, 20]\nmeasures = [\"none\", \"all\", \"M-COMBINED+M-FLEX\"]\n\
                 hired = [0, 5]\nlent = [0, 5]\npool_scope = [{pool}]\ntime_limit = [5]\nseeds = [3]"
            ))
            .unwrap()
        };
        for (file, pool) in [
            (
                "scenarios/default.json",
                "\"base\", \"regional\", \"provider\"",
            ),
            ("scenarios/colours/rood.json", "\"base\""),
        ] {
            let base = load(file);
            for v in grid(pool).variants() {
                let s =
                    apply(&base, &v).unwrap_or_else(|e| panic!("{file} variant {}: {e}", v.index));
                let errors = crate::scenario::validate::errors(&s);
                assert!(errors.is_empty(), "{file} variant {v:?}: {errors:#?}");
                crate::model::Problem::build(&s)
                    .unwrap_or_else(|e| panic!("{file} variant {}: {e}", v.index));
            }
        }
    }
}
