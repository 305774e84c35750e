//! The `TIMESTAMP` of a claim: `Tue Nov 3 08:05:09 UTC 2026`.

use core::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::Error;

const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
/// 9999-12-31 23:59:59 UTC, the last instant with a four-digit year.
const MAX_UNIX_SECONDS: i64 = 253_402_300_799;
const SECONDS_PER_DAY: i64 = 86_400;

/// The `TIMESTAMP` string a claim signs, in Cognito's format:
/// `Tue Nov 3 08:05:09 UTC 2026` (English names, day of month not padded, 24-hour time
/// padded to two digits), independent of the locale, for instants from 1970 to 9999.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Timestamp {
    /// What is sent and signed.
    text: String,
    /// The same instant, in seconds since the Unix epoch.
    secs: i64,
}

impl Timestamp {
    /// The current instant, from the system clock.
    ///
    /// # Errors
    /// [`Error::BadTimestamp`] if the clock is before 1970 or after 9999;
    /// [`Error::NoClock`] on wasm32-unknown-unknown, whose time is JavaScript's.
    pub fn now() -> Result<Self, Error> {
        // std's clock panics there: a browser's or Node's time comes from JavaScript.
        if cfg!(all(target_arch = "wasm32", target_os = "unknown")) {
            return Err(Error::NoClock);
        }
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_err(|_| Error::BadTimestamp)?
            .as_secs();
        Timestamp::from_unix_seconds(i64::try_from(secs).map_err(|_| Error::BadTimestamp)?)
    }

    /// The timestamp of an instant given in seconds since 1970-01-01 00:00:00 UTC.
    ///
    /// # Errors
    /// [`Error::BadTimestamp`] outside 1970-01-01 to 9999-12-31.
    ///
    /// ```
    /// let ts = srp_cognito::Timestamp::from_unix_seconds(1_793_693_109)?;
    /// assert_eq!(ts.as_str(), "Tue Nov 3 08:05:09 UTC 2026");
    /// # Ok::<(), srp_cognito::Error>(())
    /// ```
    pub fn from_unix_seconds(secs: i64) -> Result<Self, Error> {
        if !(0..=MAX_UNIX_SECONDS).contains(&secs) {
            return Err(Error::BadTimestamp);
        }
        let days = secs / SECONDS_PER_DAY;
        let rem = secs % SECONDS_PER_DAY;
        let (year, month, day) = civil_from_days(days);
        // 1970-01-01 was a Thursday (index 4); `days` ≥ 0, so the index is in 0..7, and
        // a month is 1 to 12: both casts keep the value.
        let weekday = WEEKDAYS[((days + 4) % 7) as usize];
        #[expect(clippy::cast_possible_truncation, reason = "a month is 1 to 12")]
        let month_name = MONTHS[(month - 1) as usize];
        Ok(Timestamp {
            text: format!(
                "{weekday} {month_name} {day} {:02}:{:02}:{:02} UTC {year}",
                rem / 3600,
                rem % 3600 / 60,
                rem % 60
            ),
            secs,
        })
    }

    /// Reads a timestamp string back, accepting exactly what [`Timestamp::from_unix_seconds`]
    /// writes (weekday consistent with the date, no padding of the day, years 1970–9999).
    ///
    /// # Errors
    /// [`Error::BadTimestamp`] for anything else.
    pub fn parse(text: &str) -> Result<Self, Error> {
        let secs = Self::unix_seconds_of(text).ok_or(Error::BadTimestamp)?;
        let ts = Timestamp::from_unix_seconds(secs)?;
        if ts.text == text {
            Ok(ts)
        } else {
            Err(Error::BadTimestamp)
        }
    }

    fn unix_seconds_of(text: &str) -> Option<i64> {
        let mut parts = text.split(' ');
        let (_weekday, month, day, time, utc, year) = (
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
        );
        if parts.next().is_some() || utc != "UTC" || year.len() != 4 || day.len() > 2 {
            return None;
        }
        let number = |s: &str| -> Option<i64> {
            if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            s.parse().ok()
        };
        let month = i64::try_from(MONTHS.iter().position(|&m| m == month)? + 1).ok()?;
        let (day, year) = (number(day)?, number(year)?);
        let mut hms = time.split(':');
        let (h, m, s) = (hms.next()?, hms.next()?, hms.next()?);
        if hms.next().is_some() || h.len() != 2 || m.len() != 2 || s.len() != 2 {
            return None;
        }
        let (h, m, s) = (number(h)?, number(m)?, number(s)?);
        if !(1..=31).contains(&day) || h > 23 || m > 59 || s > 59 {
            return None;
        }
        let days = days_from_civil(year, month, day);
        // A day past the month's end rolls over; the round trip in `parse` catches it.
        Some(days * SECONDS_PER_DAY + h * 3600 + m * 60 + s)
    }

    /// Seconds since the Unix epoch.
    #[must_use]
    pub fn unix_seconds(&self) -> i64 {
        self.secs
    }

    /// The string, as sent in `TIMESTAMP` and signed in the claim.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({:?})", self.text)
    }
}

/// Days since 1970-01-01 → (year, month 1–12, day 1–31), proleptic Gregorian
/// (H. Hinnant's `civil_from_days`), for non-negative day counts.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// (year ≥ 1, month 1–12, day) → days since 1970-01-01 (inverse of `civil_from_days`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = year - i64::from(month <= 2);
    let era = y / 400;
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        let at = |s| Timestamp::from_unix_seconds(s).unwrap().text;
        assert_eq!(at(0), "Thu Jan 1 00:00:00 UTC 1970");
        assert_eq!(at(1_709_164_800), "Thu Feb 29 00:00:00 UTC 2024");
        assert_eq!(at(MAX_UNIX_SECONDS), "Fri Dec 31 23:59:59 UTC 9999");
        assert_eq!(Timestamp::from_unix_seconds(-1), Err(Error::BadTimestamp));
        assert_eq!(
            Timestamp::from_unix_seconds(MAX_UNIX_SECONDS + 1),
            Err(Error::BadTimestamp)
        );
    }

    #[test]
    fn civil_round_trip_every_day() {
        let mut previous = (1969, 12, 31);
        for days in 0..=MAX_UNIX_SECONDS / SECONDS_PER_DAY {
            let ymd = civil_from_days(days);
            assert_eq!(days_from_civil(ymd.0, ymd.1, ymd.2), days);
            assert!(ymd > previous);
            previous = ymd;
        }
    }

    #[test]
    fn unix_seconds_round_trip() {
        for secs in [0, 1_793_693_109, MAX_UNIX_SECONDS] {
            assert_eq!(
                Timestamp::from_unix_seconds(secs).unwrap().unix_seconds(),
                secs
            );
        }
    }

    #[test]
    fn parse_accepts_only_the_canonical_form() {
        let ok = "Tue Nov 3 08:05:09 UTC 2026";
        assert_eq!(Timestamp::parse(ok).unwrap().as_str(), ok);
        for bad in [
            "Tue Nov 03 08:05:09 UTC 2026",
            "Wed Nov 3 08:05:09 UTC 2026",
            "Tue Nov 3 8:05:09 UTC 2026",
            "Tue Nov 3 08:05:09 GMT 2026",
            "Tue Nov  3 08:05:09 UTC 2026",
            "Tue Nov 3 08:05:09 UTC 2026 ",
            "Sat Feb 29 00:00:00 UTC 2025",
            "Tue Nov 3 24:05:09 UTC 2026",
            "Tue Nov +3 08:05:09 UTC 2026",
            "Thu Jan 1 00:00:00 UTC 0000",
            "",
        ] {
            assert_eq!(Timestamp::parse(bad), Err(Error::BadTimestamp), "{bad:?}");
        }
    }
}
