//! The vocabulary below everything else, with no import from the rest of
//! the crate: the rule ids that the model, the checker, the heuristic and the
//! validator share, solve statuses, dates, distances and name suggestions.

pub mod calendar;
pub mod geo;
pub mod policy;
pub mod rules;
pub mod status;
pub mod suggest;
