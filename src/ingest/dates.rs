//! Every date and time spelling the supported exports use, read as UTC.
//!
//! * ISO 8601 / RFC 3339 (`2025-11-28T17:03:00Z`, offsets, fractions,
//!   `2025-11-28 17:03:00 UTC`), which GitHub, GitLab and Linear write;
//! * JavaScript's `Date.toString()`, which Linear's CSV writes:
//!   `Wed Oct 15 2025 09:33:28 GMT-0700 (Pacific Daylight Time)`, converted
//!   to UTC like any other offset;
//! * Jira's `28/Nov/25 5:03 PM`, with month names and AM/PM in the site's
//!   language (`19/févr./26 7:31 PM`, `3/ene/26 9:05 a. m.`,
//!   `26/4月/26 7:31 午後`, `3/янв./26 9:05 AM`);
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
use super::values;

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
    let value = values::trim(value);
    // Every date cell of a file comes here, and nearly none is `a/b/y`
    // (ISO and Jira dates are not): the opening rules them out at once,
    // before any splitting.
    if !opens_like_numeric_date(value) {
        return None;
    }
    split_day_month(value)
}

/// Whether `value` opens like every date [`split_day_month`] reads: one
/// or two digits, a separator, a digit.
fn opens_like_numeric_date(value: &str) -> bool {
    let opening = |b: &[u8]| matches!(b, [a, b'/' | b'.' | b'-', b, ..] if a.is_ascii_digit() && b.is_ascii_digit());
    let b = value.as_bytes();
    b.first().is_some_and(u8::is_ascii_digit) && (opening(b) || opening(&b[1..]))
}

fn split_day_month(value: &str) -> Option<(u32, u32)> {
    let date = value.split([' ', 'T']).next()?;
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
    // Plausible first: a comparison, where the zero-time test works out
    // seconds since 1970 for every date (and no plausible date is year 1).
    match parse(value, order) {
        Some(t) if Limits::plausible(t) => Ok(Some(t)),
        Some(t) if t.and_utc().timestamp() < -62_000_000_000 => Ok(None),
        Some(_) => Err(Problem::Implausible),
        None => Err(Problem::Unreadable),
    }
}

/// Reads `value` as a UTC timestamp; dates alone are midnight.
/// `None` means "not a date I can read", never "empty" (callers check that).
pub fn parse(value: &str, order: Order) -> Option<NaiveDateTime> {
    let value = values::trim(value);
    if value.is_empty() {
        return None;
    }
    iso(value).or_else(|| jira(value)).or_else(|| general(value, order))
}

/// `2025-11-28` and `2025-11-28T17:03:00Z`, the shapes of nearly every date
/// in GitHub, GitLab and template files, read field by field: a third of
/// ingest went to trying the general formats on them. Anything else, or
/// out of range (leap seconds included), is left to [`general`], which
/// reads these two shapes the same way.
fn iso(value: &str) -> Option<NaiveDateTime> {
    let b = value.as_bytes();
    let shaped = match b.len() {
        10 => true,
        20 => b[10] == b'T' && b[13] == b':' && b[16] == b':' && b[19] == b'Z',
        _ => false,
    };
    if !shaped || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |at: usize, len: usize| digits_value(&b[at..at + len]);
    let date = NaiveDate::from_ymd_opt(number(0, 4)? as i32, number(5, 2)?, number(8, 2)?)?;
    if b.len() == 10 {
        return Some(date.and_time(NaiveTime::MIN));
    }
    let second = number(17, 2).filter(|&s| s < 60)?;
    date.and_hms_opt(number(11, 2)?, number(14, 2)?, second)
}

/// The number `digits` write, if every one is an ASCII digit. A plain
/// loop, always inlined: the readers above call it for each part of every
/// date, and as an iterator's fold it was a call of its own in wasm.
#[inline(always)]
fn digits_value(digits: &[u8]) -> Option<u32> {
    let mut value = 0;
    for &byte in digits {
        let digit = byte.wrapping_sub(b'0');
        if digit > 9 {
            return None;
        }
        value = value * 10 + u32::from(digit);
    }
    Some(value)
}

/// The run of digits at `*at`, stepped over, and its length: `None` when
/// there is none or more than `most`.
#[inline(always)]
fn digit_run(b: &[u8], at: &mut usize, most: usize) -> Option<(u32, usize)> {
    let start = *at;
    while *at < b.len() && b[*at].is_ascii_digit() {
        *at += 1;
    }
    let len = *at - start;
    if len == 0 || len > most {
        return None;
    }
    Some((digits_value(&b[start..*at])?, len))
}

/// `28/Nov/25 5:03 PM`, how Jira writes every date of an English site's
/// export, read byte by byte (after [`iso`], a quarter of ingest went to
/// the general reader on them, and splitting them by characters was still
/// the most of what was left). Anything else is left to [`general`], which
/// reads this shape the same way.
fn jira(value: &str) -> Option<NaiveDateTime> {
    let b = value.as_bytes();
    let mut at = 0;
    let step_over = |at: &mut usize, byte: u8| (b.get(*at) == Some(&byte)).then(|| *at += 1);
    let (day, _) = digit_run(b, &mut at, 2)?;
    step_over(&mut at, b'/')?;
    let month = english_month(b.get(at..at + 3)?)?;
    at += 3;
    step_over(&mut at, b'/')?;
    let year = match digit_run(b, &mut at, 4)? {
        (y, 2) => if y < 70 { 2000 + y } else { 1900 + y },
        (y, 4) => y,
        _ => return None,
    };
    step_over(&mut at, b' ')?;
    let (hour, _) = digit_run(b, &mut at, 2).filter(|(h, _)| (1..=12).contains(h))?;
    step_over(&mut at, b':')?;
    let (minute, _) = digit_run(b, &mut at, 2).filter(|&(_, len)| len == 2)?;
    step_over(&mut at, b' ')?;
    let pm = match &b[at..] {
        b"AM" => false,
        b"PM" => true,
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year as i32, month, day)?.and_hms_opt(hour % 12 + if pm { 12 } else { 0 }, minute, 0)
}

/// The month (1–12) an English three-letter abbreviation in any case names
/// (`Nov`, `nov`, `NOV`): its letters lower-cased into one number and
/// compared with twelve, where the month table's names would be compared
/// letter by letter. Setting the 0x20 bit lower-cases a letter and makes no
/// other byte a letter, so nothing else matches.
fn english_month(text: &[u8]) -> Option<u32> {
    const ABBREVIATIONS: [&[u8; 3]; 12] =
        [b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov", b"dec"];
    let key = |b: &[u8]| u32::from_le_bytes([b[0] | 0x20, b[1] | 0x20, b[2] | 0x20, 0]);
    let wanted = key(text);
    ABBREVIATIONS.iter().position(|abbreviation| key(*abbreviation) == wanted).map(|i| i as u32 + 1)
}

/// Every format [`parse`] reads. Never inlined into [`parse`]: nearly no
/// cell of a large file gets here, and inlined it made `parse` (called for
/// every date cell) twelve kilobytes of wasm, which the browser compiles to
/// optimised code last, after tens of milliseconds of running it unoptimised.
#[inline(never)]
fn general(value: &str, order: Order) -> Option<NaiveDateTime> {
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
    // Every date of a Jira export comes here: names are compared without
    // allocating a lowercase copy, ASCII ones (most exports) the cheap way.
    let same: fn(&str, &str) -> bool = if text.is_ascii() {
        |text, name| name.eq_ignore_ascii_case(text)
    } else {
        |text, name| strip_prefix_ignoring_case(text, name) == Some("")
    };
    // English abbreviations first (each month's first spelling, and no
    // earlier month has it): most exports write them, and a miss costs a
    // scan of every spelling of every earlier month.
    MONTHS
        .iter()
        .position(|names| same(text, names[0]))
        .or_else(|| MONTHS.iter().position(|names| names.iter().any(|name| same(text, name))))
        .map(|i| i as u32 + 1)
}

/// Month names and abbreviations, lowercase and without the trailing dot
/// (`févr.`, `März.`, `янв.`), by month. Each line runs English, Spanish,
/// French, German, Portuguese, Italian, Dutch, Polish, Japanese and Chinese
/// (`4月`, `四月`), Korean (`4월`), Russian; a spelling two languages share
/// is listed once. Accent-less spellings (`fevr`, `marz`) are how people
/// retype them. Jira writes the abbreviation of the site's Java locale data,
/// which for some languages has a dot and for others not (`abr`, `abr.`),
/// and for Chinese is either `4月` or `四月`, so every form is here.
const MONTHS: [&[&str]; 12] = [
    &["jan", "january", "ene", "enero", "janv", "janvier", "januar", "jän", "janeiro", "gen", "gennaio", "januari", "sty", "stycznia", "styczeń", "1月", "一月", "1월", "янв", "января", "январь"],
    &["feb", "february", "febrero", "févr", "fevr", "fév", "février", "februar", "fev", "fevereiro", "febbraio", "februari", "lut", "lutego", "luty", "2月", "二月", "2월", "фев", "февр", "февраля", "февраль"],
    &["mar", "march", "marzo", "mars", "mär", "märz", "marz", "mrz", "março", "marco", "mrt", "maart", "marca", "marzec", "3月", "三月", "3월", "мар", "марта", "март"],
    &["apr", "april", "abr", "abril", "avr", "avril", "aprile", "kwi", "kwietnia", "kwiecień", "4月", "四月", "4월", "апр", "апреля", "апрель"],
    &["may", "mayo", "mai", "maio", "mag", "maggio", "mei", "maj", "maja", "5月", "五月", "5월", "мая", "май"],
    &["jun", "june", "junio", "juin", "juni", "junho", "giu", "giugno", "cze", "czerwca", "czerwiec", "6月", "六月", "6월", "июн", "июня", "июнь"],
    &["jul", "july", "julio", "juil", "juillet", "juli", "julho", "lug", "luglio", "lip", "lipca", "lipiec", "7月", "七月", "7월", "июл", "июля", "июль"],
    &["aug", "august", "ago", "agosto", "août", "aout", "aoû", "augustus", "sie", "sierpnia", "sierpień", "8月", "八月", "8월", "авг", "августа", "август"],
    &["sep", "sept", "september", "septiembre", "setiembre", "septembre", "set", "setembro", "settembre", "wrz", "września", "wrzesień", "9月", "九月", "9월", "сен", "сент", "сентября", "сентябрь"],
    &["oct", "october", "octubre", "octobre", "okt", "oktober", "out", "outubro", "ott", "ottobre", "paź", "października", "październik", "10月", "十月", "10월", "окт", "октября", "октябрь"],
    &["nov", "november", "noviembre", "novembre", "novembro", "lis", "listopada", "listopad", "11月", "十一月", "11월", "ноя", "нояб", "ноября", "ноябрь"],
    &["dec", "december", "dic", "diciembre", "déc", "décembre", "dez", "dezember", "dezembro", "dicembre", "gru", "grudnia", "grudzień", "12月", "十二月", "12월", "дек", "декабря", "декабрь"],
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

/// Peels `AM`/`PM` off the front, in the spellings Jira's locales use:
/// Spanish `a. m.`, German `vorm.`/`nachm.`, Japanese `午前`/`午後`,
/// Chinese `上午`/`下午`, Korean `오전`/`오후`, Russian `ДП`/`ПП`.
fn split_meridiem(rest: &str) -> (Option<bool>, &str) {
    const SPELLINGS: [(&str, bool); 16] = [
        ("a. m.", false),
        ("p. m.", true),
        ("a.m.", false),
        ("p.m.", true),
        ("am", false),
        ("pm", true),
        ("vorm.", false),
        ("nachm.", true),
        ("午前", false),
        ("午後", true),
        ("上午", false),
        ("下午", true),
        ("오전", false),
        ("오후", true),
        ("дп", false),
        ("пп", true),
    ];
    for (spelling, pm) in SPELLINGS {
        if let Some(after) = strip_prefix_ignoring_case(rest, spelling) {
            return (Some(pm), after);
        }
    }
    (None, rest)
}

/// `text` after `prefix` (given in lowercase), compared without case in any
/// script and without allocating.
fn strip_prefix_ignoring_case<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let mut chars = text.chars();
    for expected in prefix.chars() {
        let c = chars.next()?;
        if c != expected && !c.to_lowercase().eq(std::iter::once(expected)) {
            return None;
        }
    }
    Some(chars.as_str())
}

/// Minutes east of UTC for `Z`, `UTC`, `GMT`, `+02:00`, `-0500`; empty is 0.
/// A trailing zone name in parentheses, as JavaScript's `Date.toString()`
/// writes it (`GMT-0700 (Pacific Daylight Time)`), only repeats the offset.
fn parse_zone(zone: &str) -> Option<i64> {
    let zone = zone.trim();
    let zone = match zone.find('(') {
        Some(open) if zone.ends_with(')') => zone[..open].trim_end(),
        _ => zone,
    };
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
    #[test]
    fn the_iso_shortcut_reads_as_the_general_formats_do() {
        let mut values = Vec::new();
        for date in ["2025-11-28", "2024-02-29", "2023-02-29", "2025-13-01", "2025-00-10", "2025-04-31", "0000-01-01", "2025-1a-01"] {
            values.push(date.to_string());
            for time in ["00:00:00", "17:03:09", "23:59:59", "23:59:60", "24:00:00", "12:60:00", "1x:00:00"] {
                values.push(format!("{date}T{time}Z"));
                values.push(format!("{date}T{time}"));
                values.push(format!("{date} {time}Z"));
            }
        }
        let mut taken = 0;
        for value in &values {
            for order in [Order::MonthFirst, Order::DayFirst] {
                if let Some(fast) = super::iso(value) {
                    taken += 1;
                    assert_eq!(Some(fast), super::general(value, order), "{value}");
                }
                assert_eq!(parse(value, order), super::general(value, order), "{value}");
            }
        }
        assert_eq!(taken, 2 * (3 + 3 * 3), "the shortcut takes exactly the valid dates and times of its two shapes");
    }

    #[test]
    fn english_month_abbreviations_are_the_month_tables_first_names_in_any_case() {
        for (at, names) in super::MONTHS.iter().enumerate() {
            let name = names[0].as_bytes();
            for text in [name.to_vec(), name.to_ascii_uppercase(), vec![name[0].to_ascii_uppercase(), name[1], name[2]]] {
                assert_eq!(super::english_month(&text), Some(at as u32 + 1), "{text:?}");
            }
        }
        for text in [&b"no/"[..], b"n0v", b"\xcen\xcf", b"[ov", b"jan".map(|b| b & !0x60).as_slice(), b"   ", b"j\xe4n"] {
            assert_eq!(super::english_month(text), None, "{text:?}");
        }
    }

    #[test]
    fn the_jira_shortcut_reads_as_the_general_formats_do() {
        let mut taken = 0;
        for day in ["1", "09", "24", "31", "0", "32", "x"] {
            for month in ["Nov", "nov", "FEB", "Mär", "Sept", "Foo", "No", "Nov/24"] {
                for year in ["24", "2024", "69", "70", "024", "1999", "20245", "24/1"] {
                    for time in [
                        "10:34 AM", "12:00 AM", "12:59 PM", "0:10 AM", "13:00 PM", "9:05 pm", "10:34", "10:60 AM", "7:5 PM",
                        "10:345 AM", "010:34 AM", "10:34  AM", "10:34 AM ", "10:34:00 AM", "10:34 AMX", "10 AM",
                    ] {
                        let value = format!("{day}/{month}/{year} {time}");
                        for order in [Order::MonthFirst, Order::DayFirst] {
                            if let Some(fast) = super::jira(&value) {
                                taken += 1;
                                assert_eq!(Some(fast), super::general(&value, order), "{value}");
                            }
                            assert_eq!(parse(&value, order), super::general(&value, order), "{value}");
                        }
                    }
                }
            }
        }
        // Days 1, 09 and 24 (neither month has a 31st), the three English
        // abbreviations, five years, three times, two orders.
        assert_eq!(taken, 3 * 3 * 5 * 3 * 2, "the shortcut takes the valid values of its shape");
    }

    #[test]
    fn the_numeric_date_opening_never_rules_out_a_date_the_splitter_reads() {
        let mut read = 0;
        for a in ["", "1", "03", "13", "123", "x", "١"] {
            for sep in ["/", ".", "-", " ", "T", "/ "] {
                for b in ["", "4", "04", "14", "145", "Nov", "x"] {
                    for rest in ["/2025", ".25", "-2025 17:03", "/2025T17:03:00Z", "", "/20251", "/2025/1"] {
                        for around in ["", " ", "\u{a0}", "\u{feff}"] {
                            let value = format!("{around}{a}{sep}{b}{rest}{around}");
                            let split = super::split_day_month(value.trim());
                            read += usize::from(split.is_some());
                            if split.is_some() {
                                assert!(super::opens_like_numeric_date(value.trim()), "{value:?} ruled out");
                            }
                            assert_eq!(super::numeric_day_month(&value), split, "{value:?}");
                        }
                    }
                }
            }
        }
        assert!(read > 100, "only {read} values read as a/b/y: the test checks little");
    }

    #[test]
    fn every_month_spelling_reads_as_its_own_month() {
        for (i, names) in super::MONTHS.iter().enumerate() {
            for name in *names {
                let first = super::MONTHS.iter().position(|names| names.contains(name)).unwrap() as u32 + 1;
                assert_eq!(super::month(name), Some(first), "{name}");
                assert_eq!(super::month(&name.to_uppercase()), Some(first), "{name}");
                assert_eq!(first, i as u32 + 1, "{name} is listed under two months");
            }
        }
    }

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
    fn jira_locales_month_names_and_meridiems() {
        let cases = [
            ("19/févr./26 7:31 PM", at(2026, 2, 19, 19, 31)),
            ("14/août/26 8:00 AM", at(2026, 8, 14, 8, 0)),
            ("05/Mär/26 2:15 PM", at(2026, 3, 5, 14, 15)),
            ("09/März./26 8:30 AM", at(2026, 3, 9, 8, 30)),
            ("02/Okt./25 9:30 vorm.", at(2025, 10, 2, 9, 30)),
            ("02/Okt./25 3:30 nachm.", at(2025, 10, 2, 15, 30)),
            ("26/abr/26 12:55 PM", at(2026, 4, 26, 12, 55)),
            ("26/abr./26 12:55", at(2026, 4, 26, 12, 55)),
            ("3/ott/25 2:30 PM", at(2025, 10, 3, 14, 30)),
            ("15/mrt/26 9:05 AM", at(2026, 3, 15, 9, 5)),
            ("28/mei/26 4:00 PM", at(2026, 5, 28, 16, 0)),
            ("15/paź/25 9:05 AM", at(2025, 10, 15, 9, 5)),
            ("19/gru/25 12:30 PM", at(2025, 12, 19, 12, 30)),
            ("26/4月/26 7:31 午後", at(2026, 4, 26, 19, 31)),
            ("12/12月/25 12:30 午前", at(2025, 12, 12, 0, 30)),
            ("26/四月/26 7:31 下午", at(2026, 4, 26, 19, 31)),
            ("12/十二月/25 9:00 上午", at(2025, 12, 12, 9, 0)),
            ("26/4월/26 7:31 오후", at(2026, 4, 26, 19, 31)),
            ("19/фев/26 7:31 PM", at(2026, 2, 19, 19, 31)),
            ("3/янв./26 9:05 AM", at(2026, 1, 3, 9, 5)),
            ("1/мая/26 4:00 ПП", at(2026, 5, 1, 16, 0)),
            ("02/Sept/25 9:05 AM", at(2025, 9, 2, 9, 5)),
            ("2026/04/26 19:31", at(2026, 4, 26, 19, 31)),
        ];
        for (written, expected) in cases {
            assert_eq!(us(written), Some(expected), "{written}");
        }
        // Japanese sites on Java's older locale data write the month as a
        // bare number; the column decides the order like any numeric date.
        assert_eq!(parse("26/4/26 7:31 午後", Order::DayFirst), Some(at(2026, 4, 26, 19, 31)));
    }

    #[test]
    fn no_spelling_names_two_months() {
        let mut seen = std::collections::HashMap::new();
        for (i, names) in MONTHS.iter().enumerate() {
            for name in *names {
                assert_eq!(name.to_lowercase(), *name, "{name}: the table is compared in lowercase");
                assert!(!name.ends_with('.'), "{name}: dots are trimmed before the lookup");
                if let Some(other) = seen.insert(*name, i) {
                    panic!("{name} is listed for months {} and {}", other + 1, i + 1);
                }
            }
        }
    }

    #[test]
    fn javascript_date_to_string_in_any_zone() {
        assert_eq!(us("Wed Oct 15 2025 09:33:28 GMT+0000 (GMT+00:00)").unwrap(), at(2025, 10, 15, 9, 33) + Duration::seconds(28));
        assert_eq!(us("Wed Oct 15 2025 09:33:28 GMT+0000 (Coordinated Universal Time)").unwrap(), at(2025, 10, 15, 9, 33) + Duration::seconds(28));
        assert_eq!(us("Tue Oct 14 2025 17:05:00 GMT-0700 (Pacific Daylight Time)"), Some(at(2025, 10, 15, 0, 5)));
        assert_eq!(us("Thu Jan 08 2026 22:15:00 GMT+0530 (India Standard Time)"), Some(at(2026, 1, 8, 16, 45)));
        assert_eq!(us("Thu Jan 08 2026 22:15:00 GMT+0530"), Some(at(2026, 1, 8, 16, 45)), "the name is optional");
        assert_eq!(us("Thu Jan 08 2026 22:15:00 GMT+0530 (India"), None, "an unclosed name is not a zone");
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
        for v in ["soon", "32/01/2025", "2025-13-01", "25:00", "5:03 PM", "13:00 PM", "12/Foo/25", "26/13月/26", "3/ene/26 9:05 午"] {
            assert_eq!(us(v), None, "{v}");
        }
    }
}
