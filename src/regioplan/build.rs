//! The Regioplan's sections from a season and a prognosis: every number
//! comes from the two files, every definition is said where it is used.

use std::collections::BTreeMap;

use super::doc::{Block, Chart, Check, Document, Section};
use super::Inputs;
use crate::prognose::PrognoseOutput;
use crate::whatif::season::table::{rood_or_worse, COLOURS};
use crate::whatif::season::{SeasonOutput, SeasonRow};
use crate::whatif::stats::{self, Estimate};

/// A number with a decimal comma, as a Dutch reader writes it ("–" when
/// there is none).
pub fn nl(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    format!("{x:.decimals$}").replace('.', ",")
}

/// An estimate with its 95 % interval: `2,4 (1,9–2,9)`.
pub fn ci(e: &Estimate, decimals: usize) -> String {
    format!(
        "{} ({}–{})",
        nl(e.value, decimals),
        nl(e.low, decimals),
        nl(e.high, decimals)
    )
}

/// The solution that is the region as it is: the one labelled `base`,
/// else the first.
pub fn status_quo(s: &SeasonOutput) -> usize {
    s.solutions
        .iter()
        .find(|x| x.label == "base")
        .map_or(0, |x| x.index)
}

fn complete(s: &SeasonOutput, sol: usize) -> BTreeMap<usize, &SeasonRow> {
    s.rows
        .iter()
        .filter(|r| r.solution == sol && r.error.is_none())
        .filter(|r| r.played.weeks.len() == s.mondays.len())
        .map(|r| (r.run, r))
        .collect()
}

fn rood_weeks(r: &SeasonRow) -> f64 {
    r.played
        .weeks
        .iter()
        .filter(|w| rood_or_worse(&w.colour))
        .count() as f64
}

/// A solution against the status quo, run by run on the same draws.
#[derive(Debug, Clone, PartialEq)]
pub struct Paired {
    /// Runs both played whole.
    pub runs: usize,
    /// Code-rood weeks of the solution minus the status quo's, mean.
    pub rood_weeks: Estimate,
    /// Families below the floor, the same.
    pub below: Estimate,
    /// Waiting-list family-weeks, the same.
    pub waitlist: Estimate,
}

/// Solution `sol` against `base`, paired by run; `None` without common runs.
pub fn paired(s: &SeasonOutput, sol: usize, base: usize) -> Option<Paired> {
    let (a, b) = (complete(s, sol), complete(s, base));
    let runs: Vec<(&SeasonRow, &SeasonRow)> = a
        .iter()
        .filter_map(|(run, ra)| b.get(run).map(|rb| (*ra, *rb)))
        .collect();
    if runs.is_empty() {
        return None;
    }
    let diff = |f: &dyn Fn(&SeasonRow) -> f64| -> Estimate {
        stats::mean(&runs.iter().map(|(x, y)| f(x) - f(y)).collect::<Vec<_>>())
    };
    Some(Paired {
        runs: runs.len(),
        rood_weeks: diff(&rood_weeks),
        below: diff(&|r| f64::from(r.played.season.below)),
        waitlist: diff(&|r| f64::from(r.played.season.waitlist)),
    })
}

/// The Regioplan from `inputs`.
pub fn build(inputs: &Inputs) -> Document {
    let (s, p) = (&inputs.season, &inputs.prognose);
    let mut intro = vec![
        format!(
            "Regioplan-onderdelen 1.3, 1.4, 2.1 en 6 van het Format Regioplan Kraamzorg, ingevuld door kraamplan {} uit `{}` (seizoen, basisscenario `{}`) en `{}` (prognose, basisscenario `{}`). De getallen zijn rekenuitkomsten; het KSV vult de open vragen aan, en partijen ondertekenen.",
            env!("CARGO_PKG_VERSION"),
            inputs.season_path.display(),
            s.base,
            inputs.prognose_path.display(),
            p.base
        ),
        "Intervallen tussen haakjes zijn 95 %-betrouwbaarheidsintervallen over de runs. Een *code-rood week* is een week waarin de regio rood of zwart is (Normenkader §2.2: één aanbieder in rood maakt de regio rood).".to_string(),
    ];
    if s.base_fingerprint != p.base_fingerprint {
        intro.push(format!(
            "**Let op:** seizoen en prognose zijn op verschillende basisscenario's gemaakt (vingerafdruk {} en {}).",
            s.base_fingerprint, p.base_fingerprint
        ));
    }
    Document {
        title: "Regioplan Kraamzorg — rekenbijlage".into(),
        intro,
        sections: vec![
            section_1_3(s),
            section_1_4(p),
            section_2_1(s, p),
            section_6(s, p),
            signing(),
        ],
    }
}

fn section_1_3(s: &SeasonOutput) -> Section {
    let sq = status_quo(s);
    let sum = &s.summary[sq];
    let year = s.from.format("%Y");
    let mut blocks = vec![Block::Para(format!(
        "Seizoen {} t/m {}: {} weken (maandag tot en met zondag), {} runs, seed {}. Geboorten: {} per jaar ({}), over maanden en weekdagen verdeeld volgens het Nederlandse patroon (models/season.md). Elke week: geboorten en ziekteverzuim getrokken, de escalatieladder beklommen, het plan gecontroleerd en naar de volgende maandag doorgerold. Hieronder de regio zoals zij is (oplossing `{}`).",
        s.from,
        s.to,
        s.mondays.len(),
        sum.runs,
        s.seed,
        nl(s.births_per_year, 0),
        s.births_source,
        sum.label
    ))];
    blocks.push(Block::Heading("Code rood weken/maanden".into()));
    blocks.push(Block::Para(format!(
        "Verwacht aantal code-rood weken: {} van de {}; kans op minstens één code-rood week: {}. Zwart (gezinnen onder het minimum na herverdeling): {} weken.",
        ci(&sum.rood_weeks, 1),
        s.mondays.len(),
        ci(&sum.any_rood, 2),
        ci(&sum.zwart_weeks, 1)
    )));
    let likely: Vec<String> = s
        .weeks
        .iter()
        .filter(|w| w.solution == sq && w.rood_or_worse.value >= 0.5)
        .map(|w| format!("{} ({})", w.week, nl(w.rood_or_worse.value, 2)))
        .collect();
    blocks.push(Block::Para(if likely.is_empty() {
        "Geen week heeft een kans van 50 % of meer op code rood.".into()
    } else {
        format!(
            "Weken met een kans van 50 % of meer op code rood ({} van {}): {}.",
            likely.len(),
            s.mondays.len(),
            likely.join(", ")
        )
    }));
    blocks.push(Block::Table {
        headers: [
            "Maand",
            "Weken",
            "Kans op een code-rood week",
            "Verwachte code-rood weken",
            "Wachtlijst (gezinsweken)",
            "Gezinnen onder het minimum",
        ]
        .map(String::from)
        .to_vec(),
        rows: s
            .months
            .iter()
            .filter(|m| m.solution == sq)
            .map(|m| {
                vec![
                    m.month.clone(),
                    m.weeks.to_string(),
                    ci(&m.any_rood, 2),
                    ci(&m.rood_weeks, 1),
                    ci(&m.waitlist_families, 1),
                    ci(&m.below_families, 1),
                ]
            })
            .collect(),
    });
    let weeks: Vec<_> = s.weeks.iter().filter(|w| w.solution == sq).collect();
    blocks.push(Block::Chart(Chart::Colours {
        id: "season-colours".into(),
        title: format!("Kans op elke kleurcode per week, {year} (95 %-intervallen)"),
        weeks: weeks.iter().map(|w| w.week.clone()).collect(),
        layers: COLOURS
            .iter()
            .map(|c| {
                (
                    c.to_string(),
                    weeks
                        .iter()
                        .map(|w| {
                            let e = &w.colours[*c];
                            (e.value, e.low, e.high)
                        })
                        .collect(),
                )
            })
            .collect(),
    }));
    blocks.push(Block::Table {
        headers: [
            "Week",
            "Maandag",
            "Groen",
            "Oranje",
            "Rood",
            "Zwart",
            "Wachtlijst (gem.)",
            "Onder het minimum (gem.)",
        ]
        .map(String::from)
        .to_vec(),
        rows: weeks
            .iter()
            .map(|w| {
                let mut r = vec![w.week.clone(), w.monday.to_string()];
                r.extend(COLOURS.iter().map(|c| nl(w.colours[*c].value, 2)));
                r.push(ci(&w.waitlist, 1));
                r.push(ci(&w.below, 1));
                r
            })
            .collect(),
    });
    let unproven: usize = weeks.iter().map(|w| w.zwart_unproven).sum();
    if unproven > 0 {
        blocks.push(Block::Para(format!(
            "In {unproven} run-weken is zwart niet binnen de rekentijd bewezen onvermijdelijk (fidelity {:?}, {} s per week): daar kan rood het juiste antwoord zijn; de kans op zwart is dus een bovengrens.",
            s.fidelity, s.time_limit
        )));
    }
    blocks.push(Block::Heading("Aantallen wachtlijst per maand".into()));
    blocks.push(Block::Para("Op de regionale wachtlijst staan de gezinnen die een aanbieder in code rood met eigen inzet en maatregelen niet op het minimum kan houden (Normenkader §5.5); zij worden over alle gecontracteerde aanbieders verdeeld. Per maand opgeteld over de weken: een gezin dat twee weken op de lijst staat telt twee keer (gezinsweken). *Onder het minimum*: verschillende gezinnen die na herverdeling minder dan 3 uur op een zorgdag of 24 uur in totaal kregen.".into()));
    blocks.push(Block::Table {
        headers: [
            "Maand",
            "Wachtlijst (gezinsweken)",
            "Per week (gem.)",
            "Gezinnen onder het minimum",
        ]
        .map(String::from)
        .to_vec(),
        rows: s
            .months
            .iter()
            .filter(|m| m.solution == sq)
            .map(|m| {
                vec![
                    m.month.clone(),
                    ci(&m.waitlist_families, 1),
                    nl(m.waitlist_families.value / m.weeks.max(1) as f64, 1),
                    ci(&m.below_families, 1),
                ]
            })
            .collect(),
    });
    Section {
        id: "s1-3",
        heading: format!("1.3 Inventarisatie krapte korte termijn ({year})"),
        blocks,
    }
}

fn section_1_4(p: &PrognoseOutput) -> Section {
    let (first, last) = (
        p.years.first().map_or(0, |y| y.year),
        p.years.last().map_or(0, |y| y.year),
    );
    let c = &p.calibration;
    let how = if c.given {
        format!(
            "gegeven capaciteitsratio: {} contracturen per week per geboorte in de piekweek",
            nl(c.ratio, 1)
        )
    } else {
        format!(
            "capaciteitsratio {} contracturen per week per geboorte in de piekweek, gekalibreerd op het basisscenario: bij {:+} kraamverzorgenden blijft de piekweek met kans {} hoogstens oranje (doel {}; {} runs per stap)",
            nl(c.ratio, 1),
            c.nurses_added,
            c.probability_reached.as_ref().map_or("–".into(), |e| ci(e, 2)),
            nl(c.probability_target, 2),
            c.runs
        )
    };
    let mut blocks = vec![Block::Para(format!(
        "Voorraad-en-stroommodel van de gediplomeerde kraamverzorgenden ({first}–{last}; models/prognose.md): uitstroom door verloop en pensioen, leerlingen die na hun opleiding instromen, geboorten per jaar; {how}. Nodig = ratio × geboorten in de piekweek, in kraamverzorgenden met het gemiddelde contract."
    ))];
    blocks.push(Block::Heading(format!(
        "Benodigde instroom {first} – {last}"
    )));
    blocks.push(Block::Table {
        headers: [
            "Jaar",
            "Geboorten",
            "Piekweek",
            "Kraamverzorgenden",
            "Uitstroom",
            "Nodig",
            "Zonder instroom",
            "Benodigde instroom",
            "Tekort met huidige opleiding",
            "Extra leerlingen per jaar",
        ]
        .map(String::from)
        .to_vec(),
        rows: p
            .years
            .iter()
            .map(|y| {
                vec![
                    y.year.to_string(),
                    nl(y.births, 0),
                    nl(y.peak_births_per_week, 1),
                    nl(y.nurses_start, 1),
                    nl(y.leaving, 1),
                    nl(y.needed_nurses, 1),
                    nl(y.supply_without_inflow, 1),
                    nl(y.inflow_needed, 1),
                    nl(y.gap, 1),
                    y.extra_trainees_per_year.map_or("–".into(), |x| nl(x, 1)),
                ]
            })
            .collect(),
    });
    blocks.push(Block::Chart(Chart::Lines {
        id: "prognose-need".into(),
        title: "Kraamverzorgenden nodig en beschikbaar per jaar".into(),
        y_label: "kraamverzorgenden".into(),
        categories: p.years.iter().map(|y| y.year.to_string()).collect(),
        series: vec![
            (
                "nodig".into(),
                p.years.iter().map(|y| y.needed_nurses).collect(),
            ),
            (
                "met huidige opleiding".into(),
                p.years.iter().map(|y| y.nurses_start).collect(),
            ),
            (
                "zonder instroom".into(),
                p.years.iter().map(|y| y.supply_without_inflow).collect(),
            ),
        ],
    }));
    blocks.push(Block::Para("*Benodigde instroom*: kraamverzorgenden die er bij de zomerpiek van dat jaar bij moeten komen tegenover geen enkele nieuwe instroom. *Tekort met huidige opleiding*: wat er ontbreekt als de huidige opleidingsinstroom doorgaat. *Extra leerlingen per jaar*: extra leerlingen vanaf de eerste instroom die dat tekort bij de piek van dat jaar dichten (– als zij niet op tijd kunnen afstuderen).".into()));
    blocks.push(Block::Heading(
        "Huidige aantal leerlingen met uitstroomverwachting".into(),
    ));
    let q: Vec<String> = p
        .current_trainees
        .qualifying
        .iter()
        .map(|q| format!("{}: {}", q.year, nl(q.nurses, 1)))
        .collect();
    blocks.push(Block::Para(format!(
        "{} leerlingen (kraamverzorgenden in opleiding) in het basisscenario. Verwacht gediplomeerd en ingestroomd, na uitval: {}.",
        p.current_trainees.count,
        if q.is_empty() { "geen".into() } else { q.join("; ") }
    )));
    blocks.push(Block::Heading("Parameters en bronnen".into()));
    blocks.push(Block::Table {
        headers: ["Parameter", "Waarde", "Bron"].map(String::from).to_vec(),
        rows: p
            .parameters
            .iter()
            .map(|x| {
                vec![
                    x.name.clone(),
                    nl(x.value, 3)
                        .trim_end_matches('0')
                        .trim_end_matches(',')
                        .to_string(),
                    x.source.clone(),
                ]
            })
            .collect(),
    });
    Section {
        id: "s1-4",
        heading: "1.4 Prognose krapte middellange termijn (prognosemodel)".into(),
        blocks,
    }
}

/// The solution whose label changes only `axis`, with its value.
fn single(s: &SeasonOutput, axis: &str) -> Vec<(usize, String)> {
    s.solutions
        .iter()
        .filter_map(|x| {
            let (k, v) = x.label.split_once('=')?;
            (k == axis && !x.label.contains(' ')).then(|| (x.index, v.to_string()))
        })
        .collect()
}

fn effect(s: &SeasonOutput, sol: usize, base: usize) -> (bool, String) {
    match paired(s, sol, base) {
        None => (false, "geen runs om te vergelijken".into()),
        Some(d) => {
            let better = d.below.high < 0.0 || d.rood_weeks.high < 0.0;
            (
                better,
                format!(
                    "tegenover de regio zoals zij is, op dezelfde geboorten en hetzelfde verzuim ({} runs): code-rood weken {}, gezinnen onder het minimum {}, wachtlijst {} gezinsweken",
                    d.runs,
                    signed(&d.rood_weeks, 1),
                    signed(&d.below, 1),
                    signed(&d.waitlist, 1)
                ),
            )
        }
    }
}

fn signed(e: &Estimate, d: usize) -> String {
    let sign = |x: f64| {
        if x > 0.0 {
            format!("+{}", nl(x, d))
        } else {
            nl(x, d)
        }
    };
    format!("{} ({}…{})", sign(e.value), sign(e.low), sign(e.high))
}

fn section_2_1(s: &SeasonOutput, p: &PrognoseOutput) -> Section {
    let sq = status_quo(s);
    let sum = &s.summary[sq];
    let mut checks = vec![Check {
        checked: sum.waitlist_families.value > 0.0 || sum.rood_weeks.value > 0.0,
        item: "Wachtlijstcoördinatie".into(),
        why: format!(
            "verwacht {} gezinsweken op de regionale wachtlijst en {} code-rood weken in het seizoen",
            ci(&sum.waitlist_families, 1),
            ci(&sum.rood_weeks, 1)
        ),
    }];
    let pool: Vec<f64> = complete(s, sq)
        .values()
        .flat_map(|r| r.played.weeks.iter().map(|w| f64::from(w.pool_shortfall)))
        .collect();
    let pool_mean = if pool.is_empty() {
        f64::NAN
    } else {
        stats::mean(&pool).value
    };
    let mut pool_why = format!(
        "partusdiensten onbezet per week: gemiddeld {}",
        nl(pool_mean, 1)
    );
    let mut pool_checked = pool_mean > 0.0;
    for (i, v) in single(s, "pool_scope") {
        let (better, text) = effect(s, i, sq);
        pool_checked |= better && v == "regional";
        pool_why.push_str(&format!("; pool `{v}`: {text}"));
    }
    checks.push(Check {
        checked: pool_checked,
        item: "Opzet van een partuspool".into(),
        why: pool_why,
    });
    let centre = single(s, "kraamcentrum");
    checks.push(if centre.is_empty() {
        Check {
            checked: false,
            item: "Opzet van een kraamcentrum".into(),
            why: "niet doorgerekend: geef `kraamplan season … --solutions` met `kraamcentrum = [0, 6]` (scenarios/sweeps/regioplan.toml)".into(),
        }
    } else {
        let mut checked = false;
        let parts: Vec<String> = centre
            .iter()
            .map(|(i, v)| {
                let (better, text) = effect(s, *i, sq);
                checked |= better;
                format!("kraamcentrum van {v} gezinnen per kraamverzorgende per dag: {text}")
            })
            .collect();
        Check {
            checked,
            item: "Opzet van een kraamcentrum".into(),
            why: parts.join("; "),
        }
    });
    let inflow = p.years.iter().map(|y| y.inflow_needed).fold(0.0, f64::max);
    let gap_year = p.years.iter().find(|y| y.gap > 0.0);
    let mut train_why = match gap_year {
        Some(y) => format!(
            "de prognose vraagt tot {} kraamverzorgenden instroom (piek {}); met de huidige opleiding een tekort van {} in {}",
            nl(inflow, 1),
            p.years.iter().max_by(|a, b| a.inflow_needed.total_cmp(&b.inflow_needed)).map_or(0, |y| y.year),
            nl(y.gap, 1),
            y.year
        ),
        None => "de prognose toont met de huidige opleiding geen tekort".into(),
    };
    let mut train_checked = gap_year.is_some();
    for (i, v) in single(s, "kio") {
        let (better, text) = effect(s, i, sq);
        train_checked |= better;
        train_why.push_str(&format!(
            "; {v} extra leerlingen (KIO) nu al ingezet: {text}"
        ));
    }
    checks.push(Check {
        checked: train_checked,
        item: "Extra regionaal opleiden".into(),
        why: train_why,
    });
    let mut blocks = vec![
        Block::Para("Aangevinkt waar de doorrekening laat zien dat de oplossing bij de problematiek past: een tekort dat zij aanpakt, of een verschil tegenover de regio zoals zij is waarvan het 95 %-interval geheel onder nul ligt. Het KSV beslist.".into()),
        Block::Checks(checks),
    ];
    if s.solutions.len() > 1 {
        blocks.push(Block::Heading(
            "Oplossingen doorgerekend over het seizoen".into(),
        ));
        blocks.push(Block::Table {
            headers: [
                "Oplossing",
                "Runs",
                "Code-rood weken",
                "Kans op een code-rood week",
                "Wachtlijst (gezinsweken)",
                "Onder het minimum",
                "Verschil onder het minimum (gepaard)",
            ]
            .map(String::from)
            .to_vec(),
            rows: s
                .summary
                .iter()
                .map(|x| {
                    vec![
                        x.label.clone(),
                        x.runs.to_string(),
                        ci(&x.rood_weeks, 1),
                        ci(&x.any_rood, 2),
                        ci(&x.waitlist_families, 1),
                        ci(&x.below_families, 1),
                        if x.solution == sq {
                            "—".into()
                        } else {
                            paired(s, x.solution, sq).map_or("–".into(), |d| signed(&d.below, 1))
                        },
                    ]
                })
                .collect(),
        });
    }
    blocks.push(Block::ToComplete(
        "2.2 Hoe wordt de oplossing vormgegeven? Wat gaat het KSV doen, hoe worden alle aanbieders (ook zzp'ers) betrokken, wat is de meetbare uitkomst en voor welke periode?".into(),
    ));
    Section {
        id: "s2-1",
        heading: "2.1 Oplossingen passend bij de problematiek".into(),
        blocks,
    }
}

fn section_6(s: &SeasonOutput, p: &PrognoseOutput) -> Section {
    let sq = status_quo(s);
    let sum = &s.summary[sq];
    let last = p.years.last();
    let rows = vec![
        vec![
            "Code-rood weken in het seizoen".into(),
            ci(&sum.rood_weeks, 1),
            "wekelijkse kleurcode van het KSV; vooruit: `kraamplan forecast`".into(),
            "wekelijks".into(),
        ],
        vec![
            "Wachtlijst (gezinsweken) in het seizoen".into(),
            ci(&sum.waitlist_families, 1),
            "regionale wachtlijst(tool) van het KSV".into(),
            "maandelijks".into(),
        ],
        vec![
            "Gezinnen onder het minimum (24 uur, 3 uur per zorgdag)".into(),
            ci(&sum.below_families, 1),
            "gerealiseerde zorg; `kraamplan fairness --visits`".into(),
            "maandelijks".into(),
        ],
        vec![
            format!(
                "Benodigde instroom tot {}",
                last.map_or(String::new(), |y| y.year.to_string())
            ),
            last.map_or("–".into(), |y| nl(y.inflow_needed, 1)),
            "aantal kraamverzorgenden en leerlingen per aanbieder; `kraamplan prognose`".into(),
            "jaarlijks".into(),
        ],
    ];
    let blocks = vec![
        Block::Heading("Monitoring".into()),
        Block::Para("De uitgangswaarden van dit regioplan, met waar en hoe vaak ze gemeten worden:".into()),
        Block::Table {
            headers: ["Indicator", "Verwachting (dit regioplan)", "Meting", "Frequentie"]
                .map(String::from)
                .to_vec(),
            rows,
        },
        Block::Heading("Tussenrapportages".into()),
        Block::Para(format!(
            "Maandelijks de gerealiseerde code-rood weken en wachtlijstaantallen naast de verwachting per maand van §1.3 leggen; ligt een maand buiten het interval, het seizoen opnieuw doorrekenen vanaf de actuele bezetting: `kraamplan season BASE.json --from <maand> --to {} --runs {}`.",
            s.to.format("%Y-%m"),
            s.runs
        )),
        Block::Heading("Evaluatie".into()),
        Block::Para("Na het seizoen: gerealiseerd tegenover verwacht per maand, en het effect van de gekozen oplossingen tegenover de doorrekening van §2.1. Jaarlijks de prognose herhalen met de werkelijke uitstroom en instroom (`--attrition`, `--trainees`).".into()),
        Block::ToComplete("Wie monitort, wie rapporteert aan wie, en wanneer wordt geëvalueerd?".into()),
    ];
    Section {
        id: "s6",
        heading: "6. Monitoring".into(),
        blocks,
    }
}

fn signing() -> Section {
    Section {
        id: "ondertekening",
        heading: "Ondertekening".into(),
        blocks: vec![
            Block::Para("Alle deelnemende kraamzorgorganisaties en het eerste aanspreekpunt van de zorgverzekeraars ondertekenen ter bevestiging van de gemaakte afspraken.".into()),
            Block::ToComplete("Namen, organisaties, datum en handtekening.".into()),
        ],
    }
}
