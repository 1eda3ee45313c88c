//! Calendar periods as people write them in date filters: `1987`,
//! `1987-03` or `1987-03-01`, each covering the whole year, month or day.

use chrono::{DateTime, NaiveDate, Utc};

/// A whole calendar period, `[start, end)` in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub start: DateTime<Utc>,
    /// The start of the next period.
    pub end: DateTime<Utc>,
}

impl Period {
    /// Read `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; None for anything else or an
    /// impossible date.
    pub fn parse(s: &str) -> Option<Period> {
        let parts: Vec<&str> = s.trim().split('-').collect();
        let num = |p: &str| p.parse::<u32>().ok();
        let (start, next) = match parts.as_slice() {
            [y] if y.len() == 4 => {
                let y = num(y)? as i32;
                (
                    NaiveDate::from_ymd_opt(y, 1, 1)?,
                    NaiveDate::from_ymd_opt(y + 1, 1, 1)?,
                )
            }
            [y, m] if y.len() == 4 => {
                let d = NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, 1)?;
                (d, d.checked_add_months(chrono::Months::new(1))?)
            }
            [y, m, day] if y.len() == 4 => {
                let d = NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(day)?)?;
                (d, d.succ_opt()?)
            }
            _ => return None,
        };
        Some(Period {
            start: start.and_hms_opt(0, 0, 0)?.and_utc(),
            end: next.and_hms_opt(0, 0, 0)?.and_utc(),
        })
    }
}
