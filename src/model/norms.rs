//! Norms, the flavor presets that carry them, and per-team overrides.
//!
//! A team's effective norms are resolved in one order everywhere:
//! the team's own override, else its flavor's value (preset or custom),
//! else the greenfield preset for a team whose flavor nobody declared.

use serde::{Deserialize, Serialize};

use super::ModelError;

/// Units every norm and observation is expressed in; shown next to numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Days,
    /// Monday–Friday UTC hours; see `calendar::business_hours_between`.
    BusinessHours,
    Percent,
    Count,
    Sprints,
    Approvals,
    /// A multiplier, e.g. a key result's target over its baseline.
    Ratio,
}

impl Unit {
    pub fn label(self) -> &'static str {
        match self {
            Unit::Days => "days",
            Unit::BusinessHours => "business hours",
            Unit::Percent => "%",
            Unit::Count => "",
            Unit::Sprints => "sprints",
            Unit::Approvals => "approvals",
            Unit::Ratio => "×",
        }
    }
}

/// Expected cycle time for items estimated at up to `up_to_points`
/// (inclusive). The band with `up_to_points: None` takes every larger item.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SizeBand {
    pub up_to_points: Option<f64>,
    pub days: u32,
}

/// Description of one scalar norm, for the model page and validation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NormInfo {
    pub id: &'static str,
    pub label: &'static str,
    pub unit: Unit,
    pub min: u32,
    pub max: u32,
}

/// Declares every scalar norm once; the struct fields, the optional
/// overrides, lookup by id and validation bounds all come from this list,
/// so adding a norm cannot forget one of them.
macro_rules! scalar_norms {
    ($( $field:ident : $label:literal, $unit:ident, $min:literal ..= $max:literal; )*) => {
        /// Effective norms of one team (or one flavor).
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct Norms {
            $( pub $field: u32, )*
            /// Ascending by `up_to_points`; the last band is open-ended.
            pub cycle_days: Vec<SizeBand>,
        }

        /// A team's own values; `None` falls through to its flavor.
        #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct NormOverrides {
            $( #[serde(default, skip_serializing_if = "Option::is_none")] pub $field: Option<u32>, )*
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub cycle_days: Option<Vec<SizeBand>>,
        }

        pub const SCALAR_NORMS: &[NormInfo] = &[
            $( NormInfo { id: stringify!($field), label: $label, unit: Unit::$unit, min: $min, max: $max }, )*
        ];

        impl Norms {
            /// A scalar norm by its id (`quiet_days`, ...).
            pub fn scalar(&self, id: &str) -> Option<u32> {
                match id { $( stringify!($field) => Some(self.$field), )* _ => None }
            }

            /// Sets one scalar norm (of a custom flavor), within its bounds.
            pub fn set_scalar(&mut self, id: &str, value: u32) -> Result<(), ModelError> {
                let info = norm_info(id).ok_or_else(|| ModelError::UnknownNorm { norm: id.to_string() })?;
                check_bounds(info, value)?;
                match id { $( stringify!($field) => self.$field = value, )* _ => unreachable!() }
                Ok(())
            }
        }

        impl NormOverrides {
            pub fn apply(&self, base: &Norms) -> Norms {
                Norms {
                    $( $field: self.$field.unwrap_or(base.$field), )*
                    cycle_days: self.cycle_days.clone().unwrap_or_else(|| base.cycle_days.clone()),
                }
            }

            pub fn scalar(&self, id: &str) -> Option<u32> {
                match id { $( stringify!($field) => self.$field, )* _ => None }
            }

            /// Sets one scalar override; the value is checked against the
            /// norm's bounds so a typo cannot switch a tripwire off.
            pub fn set_scalar(&mut self, id: &str, value: u32) -> Result<(), ModelError> {
                let info = norm_info(id).ok_or_else(|| ModelError::UnknownNorm { norm: id.to_string() })?;
                check_bounds(info, value)?;
                match id { $( stringify!($field) => self.$field = Some(value), )* _ => unreachable!() }
                Ok(())
            }

            pub fn clear_scalar(&mut self, id: &str) {
                match id { $( stringify!($field) => self.$field = None, )* _ => {} }
            }

            pub fn is_empty(&self) -> bool {
                true $( && self.$field.is_none() )* && self.cycle_days.is_none()
            }
        }
    };
}

scalar_norms! {
    quiet_days: "Quiet days without a merged PR", Days, 1 ..= 365;
    first_review_hours: "Hours to first review", BusinessHours, 1 ..= 2000;
    wip_per_person: "Work in progress per person", Count, 1 ..= 50;
    update_cadence_days: "Team update cadence", Days, 1 ..= 365;
    decision_days_edge: "Decision latency, edge", Days, 1 ..= 365;
    decision_days_functional: "Decision latency, functional", Days, 1 ..= 365;
    decision_days_executive: "Decision latency, executive", Days, 1 ..= 365;
    max_approval_layers: "Approval layers per decision", Approvals, 1 ..= 20;
    review_top2_percent: "Share of reviews by the top two reviewers", Percent, 1 ..= 100;
}

pub fn norm_info(id: &str) -> Option<&'static NormInfo> {
    SCALAR_NORMS.iter().find(|n| n.id == id)
}

fn check_bounds(info: &NormInfo, value: u32) -> Result<(), ModelError> {
    if (info.min..=info.max).contains(&value) {
        Ok(())
    } else {
        Err(ModelError::OutOfRange { norm: info.id, min: info.min, max: info.max, got: value })
    }
}

/// Checks every scalar against its bounds and the size bands for order.
pub fn validate_norms(norms: &Norms) -> Result<(), ModelError> {
    for info in SCALAR_NORMS {
        check_bounds(info, norms.scalar(info.id).expect("declared norm"))?;
    }
    validate_bands(&norms.cycle_days)
}

pub fn validate_overrides(overrides: &NormOverrides) -> Result<(), ModelError> {
    for info in SCALAR_NORMS {
        if let Some(value) = overrides.scalar(info.id) {
            check_bounds(info, value)?;
        }
    }
    overrides.cycle_days.as_deref().map_or(Ok(()), validate_bands)
}

fn validate_bands(bands: &[SizeBand]) -> Result<(), ModelError> {
    if bands.is_empty() {
        return Err(ModelError::NoSizeBands);
    }
    let mut previous: Option<f64> = None;
    for (i, band) in bands.iter().enumerate() {
        if band.days == 0 {
            return Err(ModelError::SizeBandDays { band: i });
        }
        match band.up_to_points {
            Some(points) if !points.is_finite() || points < 0.0 => {
                return Err(ModelError::SizeBandPoints { band: i })
            }
            Some(points) if previous.is_some_and(|p| points <= p) => {
                return Err(ModelError::SizeBandOrder { band: i })
            }
            Some(points) => previous = Some(points),
            None if i + 1 != bands.len() => {
                return Err(ModelError::SizeBandOpenEnded { band: i })
            }
            None => {}
        }
    }
    Ok(())
}

impl Norms {
    /// Expected cycle days for an estimate, or `None` when the estimate is
    /// larger than every closed band and no open-ended band exists.
    pub fn expected_cycle_days(&self, points: f64) -> Option<u32> {
        self.cycle_days
            .iter()
            .find(|band| band.up_to_points.is_none_or(|limit| points <= limit))
            .map(|band| band.days)
    }

    /// The band an estimate falls into, as the user reads it: `≤ 3 pts`.
    pub fn band_label(&self, points: f64) -> Option<String> {
        let band = self.cycle_days.iter().find(|b| b.up_to_points.is_none_or(|limit| points <= limit))?;
        Some(match band.up_to_points {
            Some(limit) => format!("≤ {limit} pts"),
            None => {
                let largest = self.cycle_days.iter().filter_map(|b| b.up_to_points).fold(0.0, f64::max);
                format!("> {largest} pts")
            }
        })
    }
}

pub const GREENFIELD: &str = "greenfield";
pub const INFRA: &str = "infra";
pub const LEGACY: &str = "legacy";
pub const PRESET_FLAVORS: [&str; 3] = [GREENFIELD, INFRA, LEGACY];
/// Norms for a team whose flavor nobody declared; the model page says so.
pub const DEFAULT_FLAVOR: &str = GREENFIELD;

fn bands(pairs: &[(f64, u32)], larger: u32) -> Vec<SizeBand> {
    pairs
        .iter()
        .map(|&(points, days)| SizeBand { up_to_points: Some(points), days })
        .chain(std::iter::once(SizeBand { up_to_points: None, days: larger }))
        .collect()
}

/// The built-in presets. Only quiet days and cycle times differ by flavor:
/// infra work lands in fewer, larger changes, and legacy code slows every
/// change down.
pub fn preset_norms(flavor: &str) -> Option<Norms> {
    let (quiet_days, cycle_days) = match flavor {
        GREENFIELD => (7, bands(&[(1.0, 2), (2.0, 3), (3.0, 5), (5.0, 8), (8.0, 10), (13.0, 15)], 20)),
        INFRA => (14, bands(&[(1.0, 3), (2.0, 5), (3.0, 7), (5.0, 10), (8.0, 15), (13.0, 20)], 30)),
        LEGACY => (10, bands(&[(1.0, 3), (2.0, 4), (3.0, 7), (5.0, 10), (8.0, 14), (13.0, 20)], 30)),
        _ => return None,
    };
    Some(Norms {
        quiet_days,
        first_review_hours: 24,
        wip_per_person: 3,
        update_cadence_days: 14,
        decision_days_edge: 2,
        decision_days_functional: 7,
        decision_days_executive: 14,
        max_approval_layers: 3,
        review_top2_percent: 70,
        cycle_days,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_carry_the_documented_quiet_days() {
        assert_eq!(preset_norms(GREENFIELD).unwrap().quiet_days, 7);
        assert_eq!(preset_norms(INFRA).unwrap().quiet_days, 14);
        assert_eq!(preset_norms(LEGACY).unwrap().quiet_days, 10);
        assert!(preset_norms("platform").is_none());
        for flavor in PRESET_FLAVORS {
            validate_norms(&preset_norms(flavor).unwrap()).unwrap();
        }
    }

    #[test]
    fn override_beats_flavor() {
        let base = preset_norms(INFRA).unwrap();
        let mut overrides = NormOverrides::default();
        overrides.set_scalar("quiet_days", 5).unwrap();
        assert_eq!(overrides.apply(&base).quiet_days, 5);
        assert_eq!(overrides.apply(&base).first_review_hours, 24);
        let too_few = overrides.set_scalar("quiet_days", 0).unwrap_err();
        assert_eq!(too_few, ModelError::OutOfRange { norm: "quiet_days", min: 1, max: 365, got: 0 });
        assert_eq!(too_few.to_string(), "quiet_days must be between 1 and 365 (got 0)");
        assert_eq!(overrides.set_scalar("nap_days", 3), Err(ModelError::UnknownNorm { norm: "nap_days".into() }));
    }

    #[test]
    fn size_bands_pick_the_first_that_fits() {
        let norms = preset_norms(GREENFIELD).unwrap();
        assert_eq!(norms.expected_cycle_days(3.0), Some(5));
        assert_eq!(norms.expected_cycle_days(4.0), Some(8));
        assert_eq!(norms.expected_cycle_days(40.0), Some(20));
        assert_eq!(norms.band_label(40.0).unwrap(), "> 13 pts");
        let bad = vec![SizeBand { up_to_points: Some(3.0), days: 2 }, SizeBand { up_to_points: Some(2.0), days: 3 }];
        assert_eq!(validate_bands(&bad), Err(ModelError::SizeBandOrder { band: 1 }));
    }
}
