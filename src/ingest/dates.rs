//! Every date and time spelling the supported exports use, read as UTC.
//!
//! * ISO 8601 / RFC 3339 (`2025-11-28T17:03:00Z`, offsets, fractions,
//!   `2025-11-28 17:03:00 UTC`), which GitHub, GitLab and Linear write;
//! * Jira's `28/Nov/25 5:03 PM`, with month names in the site's language
//!   (`10/nov/25 4:51 PM`, `3/ene/26 9:05 a. m.`);
//! * numeric `a/b/y` dates from spreadsheets, where `a/b` is month/day in
//!   the US and day/month elsewhere. One value rarely tells, but a column
//!   does: [`Evidence`] is gathered over the whole column first, and the
//!   decision is reported, never silently assumed;
//! * epoch seconds (and milliseconds).
//!
//! Values without a zone (Jira, spreadsheets) are taken as written: the
//! export does not say the zone, and inventing one would shift every day.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime};

use super::limits::Limits;

/// How to read a numeric date whose first two parts could both be the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    MonthFirst,
    DayFirst,
}

/// What a column's values say about `a/b/y` order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Evidence {
    /// Values whose first part is above 12, so must be the day.
    pub day_first: u64,
    /// Values whose second part is above 12.
    pub month_first: u64,
    /// Numeric `a/b/y` values that fit either order.
    pub ambiguous: u64,
}

impl Evidence {
    pub fn observe(&mut self, value: &str) {
        if let Some((a, b)) = numeric_day_month(value) {
            if a > 12 {
                self.day_first += 1;
            } else if b > 12 {
                self.month_first += 1;
            } else if a != b {
                self.ambiguous += 1;
            }
        }
    }

    /// The order to read the column with, and a sentence for the report
    /// when the choice was not forced by the data.
    pub fn decide(&self) -> (Order, Option<String>) {
        match (self.day_first, self.month_first) {
            (0, 0) if self.ambiguous > 0 => (
                Order::MonthFirst,
                Some(format!(
                    "{} dates like 03/04/2025 fit both month/day and day/month; read as month/day/year (US). \
                     Re-export with ISO dates if that is wrong",
                    self.ambiguous
                )),
            ),
            (0, 0) => (Order::MonthFirst, None),
            (d, 0) => (Order::DayFirst, Some(format!("read as day/month/year: {d} values have a day above 12 first"))),
            (0, m) => (Order::MonthFirst, Some(format!("read as month/day/year: {m} values have a day above 12 second"))),
            (d, m) => {
                let order = if d >= m { Order::DayFirst } else { Order::MonthFirst };
                let (name, minority) = match order {
                    Order::DayFirst => ("day/month/year", m),
                    Order::MonthFirst => ("month/day/year", d),
                };
                (
                    order,
                    Some(format!(
                        "mixes day/month ({d} values) and month/day ({m} values); read as {name}, \
                         so {minority} values that cannot be read that way are left empty"
                    )),
                )
            }
        }
    }
}

/// The first two parts of an `a/b/y` (or `a.b.y`, `a-b-y`) date whose year
/// comes last, when both are numbers.
fn numeric_day_month(value: &str) -> Option<(u32, u32)> {
    let date = value.trim().split([' ', 'T']).next()?;
    let mut parts = date.split(['/', '.', '-']);
    let (a, b, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || a.len() > 2 || b.len() > 2 || !(y.len() == 2 || y.len() == 4) {
        return None;
    }
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    if !(all_digits(a) && all_digits(b) && all_digits(y)) {
        return None;
    }
    Some((a.parse().ok()?, b.parse().ok()?))
}

/// Why a non-empty date cell gives no date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    Unreadable,
    /// Read, but outside [`Limits::FIRST_DATE`]..=[`Limits::LAST_DATE`].
    Implausible,
}

impl Problem {
    /// The kind of warning, for [`super::warnings::Warnings::push`].
    pub fn kind(self) -> &'static str {
        match self {
            Problem::Unreadable => "a date",
            Problem::Implausible => "implausible date",
        }
    }

    /// `quoted` (the value as shown) followed by what is wrong with it.
    pub fn describe(self, quoted: &str) -> String {
        match self {
            Problem::Unreadable => format!("{quoted} is not a date"),
            Problem::Implausible => {
                format!("{quoted} is outside the plausible dates {} to {}", Limits::FIRST_DATE, Limits::LAST_DATE)
            }
        }
    }
}

/// A date as the builders take it: `Ok(None)` for Go's zero time, which
/// `gh` prints for "never", and a [`Problem`] for a value that is no date or
/// no plausible one (year 10, 9999-12-31 would stretch every view).
pub fn read(value: &str, order: Order) -> Result<Option<NaiveDateTime>, Problem> {
    match parse(value, order) {
        Some(t) if t.and_utc().timestamp() < -62_000_000_000 => Ok(None),
        Some(t) if Limits::plausible(t) => Ok(Some(t)),
        Some(_) => Err(Problem::Implausible),
        None => Err(Problem::Unreadable),
    }
}

/// Reads `value` as a UTC timestamp; dates alone are midnight.
/// `None` means "not a date I can read", never "empty" (callers check that).
pub fn parse(value: &str, order: Order) -> Option<NaiveDateTime> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if value.bytes().all(|b| b.is_ascii_digit()) {
        return epoch(value);
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(value) {
        return Some(t.naive_utc());
    }
    if let Ok(t) = DateTime::parse_from_rfc2822(value) {
        return Some(t.naive_utc());
    }
    let (date_part, time_part) = split_time(value);
    let date = parse_date(date_part, order)?;
    let (time, offset) = match time_part {
        Some(t) => parse_time(t)?,
        None => (NaiveTime::MIN, 0),
    };
    Some(date.and_time(time) - Duration::minutes(offset))
}

/// Nine to eleven digits are seconds (2001–5138), twelve or thirteen are
/// milliseconds; anything else is too ambiguous to be a date.
fn epoch(digits: &str) -> Option<NaiveDateTime> {
    let n: i64 = digits.parse().ok()?;
    let (secs, millis) = match digits.len() {
        9..=11 => (n, 0),
        12 | 13 => (n / 1000, n % 1000),
        _ => return None,
    };
    DateTime::from_timestamp(secs, (millis * 1_000_000) as u32).map(|t| t.naive_utc())
}

/// Splits `28/Nov/25 5:03 PM` into date and time at the digits before the
/// first `:` (ISO's `T` counts as a space).
fn split_time(value: &str) -> (&str, Option<&str>) {
    let Some(colon) = value.find(':') else { return (value, None) };
    let bytes = value.as_bytes();
    let mut start = colon;
    while start > 0 && bytes[start - 1].is_ascii_digit() {
        start -= 1;
    }
    if start == 0 {
        return (value, None);
    }
    let date = value[..start].trim_end_matches([' ', 'T', ',']);
    (date, Some(&value[start..]))
}

fn parse_date(text: &str, order: Order) -> Option<NaiveDate> {
    // Up to four tokens, on the stack: every Jira date comes through here.
    let mut buffer = [""; 4];
    let mut count = 0;
    for token in text.split(['/', '-', '.', ' ', ',']).filter(|t| !t.is_empty()) {
        *buffer.get_mut(count)? = token;
        count += 1;
    }
    let mut tokens = &buffer[..count];
    // A leading weekday (`Fri 28 Nov 2025`) carries nothing the rest lacks.
    if tokens.len() == 4 && tokens[0].chars().all(char::is_alphabetic) && month(tokens[0]).is_none() {
        tokens = &tokens[1..];
    }
    let [a, b, c] = tokens[..] else { return None };
    let num = |s: &str| -> Option<u32> { s.bytes().all(|c| c.is_ascii_digit()).then(|| s.parse().ok())? };
    let (y, m, d) = if a.len() == 4 && num(a).is_some() {
        (year(a)?, month(b).or_else(|| num(b))?, num(c)?)
    } else if let Some(m) = month(b) {
        (year(c)?, m, num(a)?)
    } else if let Some(m) = month(a) {
        (year(c)?, m, num(b)?)
    } else {
        let (x, z) = (num(a)?, num(b)?);
        match order {
            Order::MonthFirst => (year(c)?, x, z),
            Order::DayFirst => (year(c)?, z, x),
        }
    };
    NaiveDate::from_ymd_opt(y, m, d)
}

fn year(text: &str) -> Option<i32> {
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = text.parse().ok()?;
    match text.len() {
        2 => Some(if y < 70 { 2000 + y } else { 1900 + y }),
        4 => Some(y),
        _ => None,
    }
}

/// Month abbreviations and names in the languages Jira sites export in.
fn month(text: &str) -> Option<u32> {
    let text = text.trim_end_matches('.');
    // Every date of a Jira export comes here: ASCII names are compared
    // without allocating a lowercase copy.
    if text.is_ascii() {
        return MONTHS.iter().position(|names| names.iter().any(|n| n.eq_ignore_ascii_case(text))).map(|i| i as u32 + 1);
    }
    let lower = text.to_lowercase();
    MONTHS.iter().position(|names| names.contains(&lower.as_str())).map(|i| i as u32 + 1)
}

/// Month names and abbreviations, lowercase, by month.
const MONTHS: [&[&str]; 12] = [
        &["jan", "january", "ene", "enero", "janv", "janvier", "januar", "jän", "gen", "gennaio", "janeiro"],
        &["feb", "february", "febrero", "févr", "fevr", "février", "februar", "fev", "fevereiro", "febbraio"],
        &["mar", "march", "marzo", "mars", "mär", "märz", "marz", "março", "marco"],
        &["apr", "april", "abr", "abril", "avr", "avril", "aprile"],
        &["may", "mayo", "mai", "mag", "maggio", "maio"],
        &["jun", "june", "junio", "juin", "juni", "giu", "giugno", "junho"],
        &["jul", "july", "julio", "juil", "juillet", "juli", "lug", "luglio", "julho"],
        &["aug", "august", "ago", "agosto", "août", "aout", "aoû"],
        &["sep", "sept", "september", "septiembre", "setiembre", "set", "septembre", "settembre", "setembro"],
        &["oct", "october", "octubre", "octobre", "okt", "oktober", "ott", "ottobre", "out", "outubro"],
        &["nov", "november", "noviembre", "novembre", "novembro"],
        &["dec", "december", "dic", "diciembre", "déc", "dec.", "décembre", "dez", "dezember", "dicembre", "dezembro"],
];

/// `17:03`, `5:03 PM`, `4:51 p. m.`, `17:03:09.123+02:00`, `17:03 UTC`.
/// Returns the time and the zone offset in minutes east of UTC.
fn parse_time(text: &str) -> Option<(NaiveTime, i64)> {
    let end = text.find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.' || c == ',')).unwrap_or(text.len());
    let (clock, rest) = text.split_at(end);
    let (clock, fraction) = match clock.split_once(['.', ',']) {
        Some((c, f)) => (c, f),
        None => (clock, ""),
    };
    let mut parts = clock.split(':');
    let mut hour: u32 = parts.next()?.parse().ok()?;
    let minute: u32 = parts.next()?.parse().ok()?;
    let second: u32 = parts.next().map_or(Some(0), |s| s.parse().ok())?;
    if parts.next().is_some() {
        return None;
    }
    let nanos = if fraction.is_empty() {
        0
    } else {
        let digits = &fraction[..fraction.len().min(9)];
        digits.parse::<u32>().ok()? * 10u32.pow(9 - digits.len() as u32)
    };
    let rest = rest.trim();
    let (meridiem, zone) = split_meridiem(rest);
    match meridiem {
        Some(pm) => {
            if hour == 0 || hour > 12 {
                return None;
            }
            hour = hour % 12 + if pm { 12 } else { 0 };
        }
        None if hour > 23 => return None,
        None => {}
    }
    let offset = parse_zone(zone)?;
    Some((NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?, offset))
}

/// Peels `AM`/`PM` in their English and Spanish spellings off the front.
fn split_meridiem(rest: &str) -> (Option<bool>, &str) {
    const SPELLINGS: [(&str, bool); 6] =
        [("a. m.", false), ("p. m.", true), ("a.m.", false), ("p.m.", true), ("am", false), ("pm", true)];
    for (spelling, pm) in SPELLINGS {
        if rest.get(..spelling.len()).is_some_and(|head| head.eq_ignore_ascii_case(spelling)) {
            return (Some(pm), &rest[spelling.len()..]);
        }
    }
    (None, rest)
}

/// Minutes east of UTC for `Z`, `UTC`, `GMT`, `+02:00`, `-0500`; empty is 0.
fn parse_zone(zone: &str) -> Option<i64> {
    let zone = zone.trim();
    let zone = zone
        .strip_prefix("UTC")
        .or_else(|| zone.strip_prefix("GMT"))
        .or_else(|| zone.strip_prefix('Z'))
        .unwrap_or(zone)
        .trim();
    if zone.is_empty() {
        return Some(0);
    }
    let (sign, digits) = match zone.as_bytes()[0] {
        b'+' => (1, &zone[1..]),
        b'-' => (-1, &zone[1..]),
        _ => return None,
    };
    let digits: String = digits.chars().filter(|c| *c != ':').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m) = match digits.len() {
        1 | 2 => (digits.parse::<i64>().ok()?, 0),
        4 => (digits[..2].parse::<i64>().ok()?, digits[2..].parse::<i64>().ok()?),
        _ => return None,
    };
    Some(sign * (h * 60 + m))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d).unwrap().and_hms_opt(h, mi, 0).unwrap()
    }

    fn us(v: &str) -> Option<NaiveDateTime> {
        parse(v, Order::MonthFirst)
    }

    #[test]
    fn iso_8601_variants() {
        assert_eq!(us("2025-11-28T17:03:00Z"), Some(at(2025, 11, 28, 17, 3)));
        assert_eq!(us("2025-11-28T19:03:00+02:00"), Some(at(2025, 11, 28, 17, 3)));
        assert_eq!(us("2025-11-28T17:03:00.123Z").unwrap().and_utc().timestamp_subsec_millis(), 123);
        assert_eq!(us("2025-11-28 17:03:00 UTC"), Some(at(2025, 11, 28, 17, 3)));
        assert_eq!(us("2025-11-28 17:03"), Some(at(2025, 11, 28, 17, 3)));
        assert_eq!(us("2025-11-28T17:03:00"), Some(at(2025, 11, 28, 17, 3)));
        assert_eq!(us("2025-11-28"), Some(at(2025, 11, 28, 0, 0)));
        assert_eq!(us("2025-11-28 12:03:00 -0500"), Some(at(2025, 11, 28, 17, 3)));
    }

    #[test]
    fn jira_style_with_localized_months() {
        assert_eq!(us("28/Nov/25 5:03 PM"), Some(at(2025, 11, 28, 17, 3)));
        assert_eq!(us("10/nov/25 4:51 PM"), Some(at(2025, 11, 10, 16, 51)));
        assert_eq!(us("3/ene/26 9:05 a. m."), Some(at(2026, 1, 3, 9, 5)));
        assert_eq!(us("12/dic/25 12:30 p. m."), Some(at(2025, 12, 12, 12, 30)));
        assert_eq!(us("01/Jan/26 12:15 AM"), Some(at(2026, 1, 1, 0, 15)));
        assert_eq!(us("15/ago/25 11:00"), Some(at(2025, 8, 15, 11, 0)));
        assert_eq!(us("Nov 28, 2025"), Some(at(2025, 11, 28, 0, 0)));
        assert_eq!(us("Fri, 28 Nov 2025 17:03:00 +0000"), Some(at(2025, 11, 28, 17, 3)));
    }

    #[test]
    fn numeric_order_follows_the_column() {
        assert_eq!(parse("03/04/2025", Order::MonthFirst), Some(at(2025, 3, 4, 0, 0)));
        assert_eq!(parse("03/04/2025", Order::DayFirst), Some(at(2025, 4, 3, 0, 0)));
        assert_eq!(parse("28.11.2025 17:03", Order::DayFirst), Some(at(2025, 11, 28, 17, 3)));
        assert_eq!(parse("11/28/25 5:03 PM", Order::MonthFirst), Some(at(2025, 11, 28, 17, 3)));
        assert_eq!(parse("28/11/2025", Order::MonthFirst), None);
    }

    #[test]
    fn evidence_decides_and_reports() {
        let mut e = Evidence::default();
        for v in ["03/04/2025", "05/06/2025"] {
            e.observe(v);
        }
        let (order, note) = e.decide();
        assert_eq!(order, Order::MonthFirst);
        assert!(note.unwrap().contains("fit both"));
        e.observe("23/04/2025");
        assert_eq!(e.decide().0, Order::DayFirst);
        let mut iso = Evidence::default();
        iso.observe("2025-04-03");
        iso.observe("28/Nov/25 5:03 PM");
        assert_eq!(iso, Evidence::default());
    }

    #[test]
    fn epoch_seconds_and_millis() {
        assert_eq!(us("1764349380"), Some(at(2025, 11, 28, 17, 3)));
        assert_eq!(us("1764349380000"), Some(at(2025, 11, 28, 17, 3)));
        assert_eq!(us("42"), None);
    }

    #[test]
    fn implausible_dates_are_told_from_unreadable_ones() {
        assert_eq!(read("0001-01-01T00:00:00Z", Order::MonthFirst), Ok(None), "Go's zero time is empty");
        assert_eq!(read("0010-03-01", Order::MonthFirst), Err(Problem::Implausible));
        assert_eq!(read("9999-12-31T23:59:59Z", Order::MonthFirst), Err(Problem::Implausible));
        assert_eq!(read("99999999999", Order::MonthFirst), Err(Problem::Implausible));
        assert_eq!(read("soon", Order::MonthFirst), Err(Problem::Unreadable));
        assert_eq!(read("2100-12-31", Order::MonthFirst), Ok(Some(at(2100, 12, 31, 0, 0))));
    }

    #[test]
    fn garbage_is_none() {
        for v in ["soon", "32/01/2025", "2025-13-01", "25:00", "5:03 PM", "13:00 PM", "12/Foo/25"] {
            assert_eq!(us(v), None, "{v}");
        }
    }
}
