//! HiGHS calls the `highs` crate exposes only for its own column handles:
//! changing a cost, adding a row and changing bounds by column index. The stages
//! address columns by the indices recorded in [`super::vars`].

use highs::Model;
use highs_sys::HighsInt;

use super::SolveError;

/// HiGHS's status code for success (`kHighsStatusOk`); warnings are 1.
const STATUS_ERROR: HighsInt = -1;

fn check(status: HighsInt, what: &str) -> Result<(), SolveError> {
    if status == STATUS_ERROR {
        Err(SolveError::Highs(format!("{what} failed")))
    } else {
        Ok(())
    }
}

/// Set the objective coefficient of column `col`.
pub fn set_cost(model: &mut Model, col: usize, cost: f64) -> Result<(), SolveError> {
    // SAFETY: the pointer is the live Highs instance owned by `model`, and
    // `col` is an index recorded when the column was created.
    let status =
        unsafe { highs_sys::Highs_changeColCost(model.as_mut_ptr(), col as HighsInt, cost) };
    check(status, "changing an objective coefficient")
}

/// Add the row `lower ≤ Σ value·x[index] ≤ upper`.
pub fn add_row(
    model: &mut Model,
    lower: f64,
    upper: f64,
    terms: &[(usize, f64)],
) -> Result<(), SolveError> {
    let index: Vec<HighsInt> = terms.iter().map(|t| t.0 as HighsInt).collect();
    let value: Vec<f64> = terms.iter().map(|t| t.1).collect();
    // SAFETY: `index` and `value` have the same length, passed as the count,
    // and outlive the call; HiGHS copies them.
    let status = unsafe {
        highs_sys::Highs_addRow(
            model.as_mut_ptr(),
            lower,
            upper,
            index.len() as HighsInt,
            index.as_ptr(),
            value.as_ptr(),
        )
    };
    check(status, "adding a level-fixing row")
}

/// Set the bounds of the columns `cols` to `lower[i] ≤ x ≤ upper[i]`.
pub fn set_bounds(
    model: &mut Model,
    cols: &[usize],
    lower: &[f64],
    upper: &[f64],
) -> Result<(), SolveError> {
    assert!(cols.len() == lower.len() && cols.len() == upper.len());
    let set: Vec<HighsInt> = cols.iter().map(|&c| c as HighsInt).collect();
    // SAFETY: the three arrays have the length passed as the count and
    // outlive the call; HiGHS copies them.
    let status = unsafe {
        highs_sys::Highs_changeColsBoundsBySet(
            model.as_mut_ptr(),
            set.len() as HighsInt,
            set.as_ptr(),
            lower.as_ptr(),
            upper.as_ptr(),
        )
    };
    check(status, "changing column bounds")
}
