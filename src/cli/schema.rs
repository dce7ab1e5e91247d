//! `kraamplan schema`: the JSON Schema of the scenario, plan, events, locks or fairness format.

use std::io::Write;

use anyhow::Result;
use clap::ValueEnum;

use kraamplan::{plan, scenario};

/// Which format's schema.
#[derive(Clone, Copy, ValueEnum)]
pub enum SchemaKind {
    Scenario,
    Plan,
    Events,
    Locks,
    Fairness,
}

/// Print the schema to stdout.
pub fn cmd_schema(which: SchemaKind) -> Result<u8> {
    let schema = match which {
        SchemaKind::Scenario => schemars::schema_for!(scenario::Scenario),
        SchemaKind::Plan => schemars::schema_for!(plan::Plan),
        SchemaKind::Events => schemars::schema_for!(scenario::events::EventsFile),
        SchemaKind::Locks => schemars::schema_for!(scenario::locks::Locks),
        SchemaKind::Fairness => schemars::schema_for!(plan::fairness::Audit),
    };
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{}", serde_json::to_string_pretty(&schema)?)?;
    Ok(0)
}
