//! Lenient date parsing for the dates pages write: ISO 8601, RFC 2822, Unix timestamps,
//! "March 5, 2024", "5 March 2024", "5. März 2024", "5 de marzo de 2024", "05.03.2024",
//! "2023/12". Never panics; rejects what it cannot read as a real calendar day (year outside
//! 1000..=9999, month 13, February 30, offsets beyond ±18:00).

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::vocab::meta as vocab;

/// Longest input examined; longer strings are cut (at a char boundary) first.
const MAX_INPUT: usize = 256;

/// A calendar date with optional time and UTC offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    /// `None` when only the month is known ("2023/12").
    pub day: Option<u8>,
    pub time: Option<Time>,
    /// Offset from UTC in minutes, when the source gave one.
    pub offset_minutes: Option<i32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Time {
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

impl Date {
    /// A day-precise date without time.
    pub fn ymd(year: i32, month: u8, day: u8) -> Option<Date> {
        valid_ymd(year, month, day).then_some(Date {
            year,
            month,
            day: Some(day),
            time: None,
            offset_minutes: None,
        })
    }

    /// The day as `(year, month, day)`, when day-precise.
    pub fn day_key(&self) -> Option<(i32, u8, u8)> {
        self.day.map(|d| (self.year, self.month, d))
    }

    /// ISO 8601: `2024-03-05`, `2024-03-05T10:30:00+01:00`, `2024-03-05T10:30:00` or `2023-12`.
    pub fn to_iso(&self) -> String {
        self.to_string()
    }

    /// Days since 1970-01-01, when day-precise.
    pub fn day_number(&self) -> Option<i64> {
        Some(days_from_civil(self.year, self.month, self.day?))
    }

    /// Minutes since 1970-01-01T00:00Z, when the date has a time and a known offset.
    pub fn instant_minutes(&self) -> Option<i64> {
        let (day, time, off) = (self.day?, self.time?, self.offset_minutes?);
        let days = days_from_civil(self.year, self.month, day);
        Some(days * 1440 + i64::from(time.hour) * 60 + i64::from(time.minute) - i64::from(off))
    }

    /// Minutes since 1970-01-01T00:00 of the wall-clock reading, ignoring any offset.
    pub fn local_minutes(&self) -> Option<i64> {
        let days = days_from_civil(self.year, self.month, self.day?);
        let t = self
            .time
            .map_or(0, |t| i64::from(t.hour) * 60 + i64::from(t.minute));
        Some(days * 1440 + t)
    }

    /// The same instant shown at UTC offset `offset` (minutes); `None` without time and offset.
    pub fn at_offset(&self, offset: i32) -> Option<Date> {
        let local = self.instant_minutes()? + i64::from(offset);
        let (y, m, d) = civil_from_days(local.div_euclid(1440));
        let mins = local.rem_euclid(1440);
        let mut out = Date::ymd(y, m, d)?;
        out.time = Some(Time {
            hour: (mins / 60) as u8,
            minute: (mins % 60) as u8,
            second: self.time?.second,
        });
        out.offset_minutes = Some(offset);
        Some(out)
    }
}

/// Days from 1970-01-01 to a civil date (Howard Hinnant's algorithm), the inverse of
/// [`civil_from_days`].
fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A day written with a two-digit year, `31.10.23` or `23.09.22` (dotted, day first), as date
/// lines under headlines print it. Only for text known to be a date line: in running text
/// such numbers are too often versions, scores or prices. The century is the one that keeps
/// the date at or before `reference_year`.
pub fn find_short_year(text: &str, reference_year: i32) -> Option<Date> {
    let c = vocab::SHORT_YEAR_DATE.captures(text)?;
    let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u8>().ok());
    let (d, m, yy) = (num(1)?, num(2)?, i32::from(num(3)?));
    let mut year = 2000 + yy;
    if year > reference_year {
        year -= 100;
    }
    Date::ymd(year, m, d)
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)?;
        let Some(day) = self.day else {
            return Ok(());
        };
        write!(f, "-{day:02}")?;
        if let Some(t) = self.time {
            write!(f, "T{:02}:{:02}:{:02}", t.hour, t.minute, t.second)?;
            match self.offset_minutes {
                Some(0) => f.write_str("Z")?,
                Some(off) => {
                    let sign = if off < 0 { '-' } else { '+' };
                    let a = off.unsigned_abs();
                    write!(f, "{sign}{:02}:{:02}", a / 60, a % 60)?;
                }
                None => {}
            }
        }
        Ok(())
    }
}

/// Parses one date string. See the module documentation for the forms understood.
pub fn parse_date(s: &str) -> Option<Date> {
    parse_date_with(s, false)
}

/// As [`parse_date`]; `day_first` settles ambiguous slashed dates ("05/03/2024") as day/month
/// (dotted ones are always day first).
pub fn parse_date_with(s: &str, day_first: bool) -> Option<Date> {
    let s = cap(s.trim(), MAX_INPUT);
    if s.is_empty() {
        return None;
    }
    parse_iso(s)
        .or_else(|| parse_timestamp(s))
        .or_else(|| parse_rfc2822(s))
        .or_else(|| find_in_text(s, day_first).map(|(d, _)| d))
        .or_else(|| parse_year_month(s))
}

/// The first date written in `text` and its byte range.
pub fn find_in_text(text: &str, day_first: bool) -> Option<(Date, std::ops::Range<usize>)> {
    find_all_in_text(text, day_first).next()
}

/// Every date written in `text`, in order, with byte ranges.
pub fn find_all_in_text(
    text: &str,
    day_first: bool,
) -> impl Iterator<Item = (Date, std::ops::Range<usize>)> + '_ {
    // Every date form has a four-digit year (and only ASCII digits parse): most text nodes,
    // counts and clocks included, are spared the large regex, which on non-ASCII text runs in
    // its slow engine (Unicode word boundaries).
    let text = if has_four_digits(text) { text } else { "" };
    // A date's range can grow past its match by the time written after it, and the next match
    // may start inside that time ("7 Mar 2024 10:30 Mar 2024"): ranges never overlap, so a
    // match inside the previous date is not a date of its own.
    let mut taken = 0;
    vocab::TEXT_DATE.captures_iter(text).filter_map(move |c| {
        let m = c.get(0)?;
        if m.start() < taken {
            return None;
        }
        let num = |name: &str| c.name(name).and_then(|x| x.as_str().parse::<i64>().ok());
        let mut date = if c.name("iso").is_some() {
            let mut d = Date::ymd(
                clamp_year(num("iy")?),
                u8::try_from(num("im")?).ok()?,
                u8::try_from(num("id")?).ok()?,
            )?;
            if let (Some(h), Some(mi)) = (num("ith"), num("itm")) {
                // An impossible time or offset makes the whole stamp suspect: refused.
                d.time = Some(make_time(h, mi, num("its").unwrap_or(0))?);
                d.offset_minutes = match c.name("itz") {
                    Some(z) => Some(parse_offset(z.as_str())?),
                    None => None,
                };
            }
            d
        } else if c.name("cjk").is_some() {
            Date::ymd(
                clamp_year(num("cy")?),
                u8::try_from(num("cm")?).ok()?,
                u8::try_from(num("cd")?).ok()?,
            )?
        } else if c.name("dmy").is_some() {
            Date::ymd(
                clamp_year(num("y1")?),
                month_number(c.name("mon1")?.as_str())?,
                u8::try_from(num("d1")?).ok()?,
            )?
        } else if c.name("mdy").is_some() {
            Date::ymd(
                clamp_year(num("y2")?),
                month_number(c.name("mon2")?.as_str())?,
                u8::try_from(num("d2")?).ok()?,
            )?
        } else {
            let piped = c.name("piped").is_some();
            let field = |plain: &str, pipe: &str| num(if piped { pipe } else { plain });
            let a = u8::try_from(field("n1", "p1")?).ok()?;
            let b = u8::try_from(field("n2", "p2")?).ok()?;
            let y = clamp_year(field("ny", "py")?);
            let dotted = c.name("sep").is_some_and(|s| s.as_str() == ".");
            let (d, mo) = if a > 12 {
                (a, b)
            } else if b > 12 {
                (b, a)
            } else if dotted || day_first {
                (a, b)
            } else {
                (b, a)
            };
            Date::ymd(y, mo, d)?
        };
        let mut end = m.end();
        if date.time.is_none()
            && let Some(t) = vocab::TEXT_TIME.captures(text.get(end..)?)
        {
            let h = t.name("h").and_then(|x| x.as_str().parse::<i64>().ok());
            let mi = t.name("m").and_then(|x| x.as_str().parse::<i64>().ok());
            let se = t
                .name("s")
                .and_then(|x| x.as_str().parse::<i64>().ok())
                .unwrap_or(0);
            if let (Some(mut h), Some(mi)) = (h, mi) {
                if let Some(ap) = t.name("ap") {
                    let pm = ap.as_str().to_ascii_lowercase().starts_with('p');
                    if h == 12 {
                        h = 0;
                    }
                    if pm {
                        h += 12;
                    }
                }
                if let Some(time) = make_time(h, mi, se) {
                    date.time = Some(time);
                    date.offset_minutes = t
                        .name("tz")
                        .and_then(|z| zone_offset(z.as_str()))
                        .or_else(|| t.name("off").and_then(|o| parse_offset(o.as_str())));
                    end += t.get(0).map_or(0, |x| x.end());
                }
            }
        }
        taken = end;
        Some((date, m.start()..end))
    })
}

/// Whether `text` has a run of four ASCII digits.
fn has_four_digits(text: &str) -> bool {
    let mut run = 0;
    for b in text.bytes() {
        if b.is_ascii_digit() {
            run += 1;
            if run == 4 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

/// Years outside 1000..=9999 become 0, which [`valid_ymd`] rejects.
fn clamp_year(y: i64) -> i32 {
    if (1000..=9999).contains(&y) {
        y as i32
    } else {
        0
    }
}

fn make_time(h: i64, m: i64, s: i64) -> Option<Time> {
    // 24:00 is midnight at the end of the day in ISO 8601; treat as 00:00 would shift the
    // day, so it is refused like any other out-of-range value. Leap second 60 clamps to 59.
    ((0..24).contains(&h) && (0..60).contains(&m) && (0..=60).contains(&s)).then(|| Time {
        hour: h as u8,
        minute: m as u8,
        second: s.min(59) as u8,
    })
}

fn month_number(name: &str) -> Option<u8> {
    let lower = name.trim_end_matches('.').to_lowercase();
    vocab::MONTHS
        .iter()
        .find(|(n, _)| *n == lower)
        .map(|&(_, m)| m)
}

fn zone_offset(z: &str) -> Option<i32> {
    let lower = z.to_ascii_lowercase();
    vocab::TIME_ZONES
        .iter()
        .find(|(n, _)| *n == lower)
        .map(|&(_, o)| o)
}

/// `Z`, `+01:00`, `+0100`, `+01`, `-05:30`, `GMT`, `UTC+2`. Offsets beyond ±18:00 are refused.
fn parse_offset(s: &str) -> Option<i32> {
    let s = s.trim();
    if s.eq_ignore_ascii_case("z") {
        return Some(0);
    }
    if let Some(o) = zone_offset(s) {
        return Some(o);
    }
    let s = s
        .strip_prefix("UTC")
        .or_else(|| s.strip_prefix("GMT"))
        .unwrap_or(s);
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        4 => (
            digits.get(..2)?.parse::<i32>().ok()?,
            digits.get(2..)?.parse::<i32>().ok()?,
        ),
        _ => return None,
    };
    (h <= 18 && m < 60 && h * 60 + m <= 18 * 60).then_some(sign * (h * 60 + m))
}

/// Strict ISO 8601 / RFC 3339 and the close variants pages use (`2024-03-05 10:30:00`,
/// `20240305`, `2024-03-05T10:30:00.000+0100`). The whole string must be the date.
fn parse_iso(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = b.get(r)?;
        if part.is_empty() || !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(part).ok()?.parse().ok()
    };
    // Basic format: 20240305 or 20240305T103000Z
    if b.len() >= 8
        && b.iter().take(8).all(u8::is_ascii_digit)
        && b.get(8).is_none_or(|c| *c == b'T')
    {
        if b.len() != 8 && b.len() < 15 {
            return None;
        }
        let mut d = Date::ymd(
            clamp_year(digits(0..4)?),
            u8::try_from(digits(4..6)?).ok()?,
            u8::try_from(digits(6..8)?).ok()?,
        )?;
        if b.len() > 8 {
            d.time = make_time(digits(9..11)?, digits(11..13)?, digits(13..15)?);
            d.time?;
            d.offset_minutes = match s.get(15..) {
                Some("") | None => None,
                Some(z) => Some(parse_offset(z)?),
            };
        }
        return Some(d);
    }
    if b.len() < 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let mut d = Date::ymd(
        clamp_year(digits(0..4)?),
        u8::try_from(digits(5..7)?).ok()?,
        u8::try_from(digits(8..10)?).ok()?,
    )?;
    let rest = s.get(10..)?;
    if rest.is_empty() {
        return Some(d);
    }
    let rest = rest.strip_prefix(['T', 't', ' ']).unwrap_or(rest);
    let rb = rest.as_bytes();
    if rb.len() < 5 || rb.get(2) != Some(&b':') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = rb.get(r)?;
        if !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(part).ok()?.parse().ok()
    };
    let h = num(0..2)?;
    let mi = num(3..5)?;
    let mut pos = 5;
    let mut sec = 0;
    if rb.get(5) == Some(&b':') {
        sec = num(6..8)?;
        pos = 8;
        if rb.get(8) == Some(&b'.') || rb.get(8) == Some(&b',') {
            pos = 9;
            while rb.get(pos).is_some_and(u8::is_ascii_digit) {
                pos += 1;
            }
        }
    }
    d.time = Some(make_time(h, mi, sec)?);
    let tz = rest.get(pos..)?.trim();
    if !tz.is_empty() {
        d.offset_minutes = Some(parse_offset(tz)?);
    }
    Some(d)
}

/// Unix timestamps in seconds (10 digits) or milliseconds (13 digits), as some metas carry.
fn parse_timestamp(s: &str) -> Option<Date> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let secs: i64 = match s.len() {
        10 => s.parse().ok()?,
        13 => s.parse::<i64>().ok()? / 1000,
        _ => return None,
    };
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let mut date = Date::ymd(y, m, d)?;
    date.time = make_time(rem / 3600, rem % 3600 / 60, rem % 60);
    date.offset_minutes = Some(0);
    Some(date)
}

/// RFC 2822 / RFC 1123: `Tue, 05 Mar 2024 10:00:00 +0000`, `5 Mar 2024 10:00 GMT`.
fn parse_rfc2822(s: &str) -> Option<Date> {
    let s = match s.split_once(',') {
        Some((wd, rest)) if wd.len() <= 10 && wd.chars().all(char::is_alphabetic) => rest,
        _ => s,
    };
    let mut it = s.split_whitespace();
    let day: u8 = it.next()?.parse().ok()?;
    let month = month_number(it.next()?)?;
    let year_s = it.next()?;
    if year_s.len() != 4 {
        return None;
    }
    let year = clamp_year(year_s.parse().ok()?);
    let mut d = Date::ymd(year, month, day)?;
    let Some(time) = it.next() else {
        return Some(d);
    };
    let mut parts = time.split(':');
    let h = parts.next()?.parse().ok()?;
    let m = parts.next()?.parse().ok()?;
    let sec = parts.next().map_or(Some(0), |x| x.parse().ok())?;
    d.time = Some(make_time(h, m, sec)?);
    if let Some(z) = it.next() {
        d.offset_minutes = Some(parse_offset(z)?);
    }
    if it.next().is_some() {
        return None;
    }
    Some(d)
}

/// `2023/12`, `2023-12`, `12/2023`: month precision.
fn parse_year_month(s: &str) -> Option<Date> {
    let (a, b) = s.split_once(['/', '-', '.'])?;
    let (y, m) = if a.len() == 4 { (a, b) } else { (b, a) };
    if y.len() != 4 || m.is_empty() || m.len() > 2 {
        return None;
    }
    let year = clamp_year(y.parse().ok()?);
    let month: u8 = m.parse().ok()?;
    (year != 0 && (1..=12).contains(&month)).then_some(Date {
        year,
        month,
        day: None,
        time: None,
        offset_minutes: None,
    })
}

fn cap(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

// ---------------------------------------------------------------------------------------------
// Civil calendar
// ---------------------------------------------------------------------------------------------

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// True for a real day of the Gregorian calendar with a four-digit year.
pub fn valid_ymd(y: i32, m: u8, d: u8) -> bool {
    (1000..=9999).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)
}

/// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = if m <= 2 { y + 1 } else { y };
    (i32::try_from(y).unwrap_or(0), m, d)
}

/// Today's date in UTC from the system clock.
pub fn today_utc() -> (i32, u8, u8) {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_from_days(i64::try_from(secs / 86_400).unwrap_or(0))
}

/// "YYYY-MM-DD" to a day key, for `Options::reference_date`.
pub fn parse_reference(s: &str) -> Option<(i32, u8, u8)> {
    parse_iso(s.trim()).and_then(|d| d.day_key())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> Option<String> {
        parse_date(s).map(|d| d.to_iso())
    }

    #[test]
    fn iso_forms() {
        assert_eq!(iso("2024-03-05").as_deref(), Some("2024-03-05"));
        assert_eq!(
            iso("2024-03-05T10:30:00+01:00").as_deref(),
            Some("2024-03-05T10:30:00+01:00")
        );
        assert_eq!(
            iso("2024-03-05T10:30:00.123Z").as_deref(),
            Some("2024-03-05T10:30:00Z")
        );
        assert_eq!(
            iso("2024-03-05 10:30:00 -0500").as_deref(),
            Some("2024-03-05T10:30:00-05:00")
        );
        assert_eq!(iso("20240305").as_deref(), Some("2024-03-05"));
        assert_eq!(iso("2024/03/05").as_deref(), Some("2024-03-05"));
    }

    #[test]
    fn written_forms() {
        assert_eq!(iso("March 5, 2024").as_deref(), Some("2024-03-05"));
        assert_eq!(iso("Mar. 5th, 2024").as_deref(), Some("2024-03-05"));
        assert_eq!(iso("5 March 2024").as_deref(), Some("2024-03-05"));
        assert_eq!(iso("5. März 2024").as_deref(), Some("2024-03-05"));
        assert_eq!(iso("le 5 mars 2024").as_deref(), Some("2024-03-05"));
        assert_eq!(iso("5 de marzo de 2024").as_deref(), Some("2024-03-05"));
        assert_eq!(iso("05.03.2024").as_deref(), Some("2024-03-05"));
        assert_eq!(iso("12/25/2023").as_deref(), Some("2023-12-25"));
        assert_eq!(
            iso("Tue, 05 Mar 2024 10:00:00 +0000").as_deref(),
            Some("2024-03-05T10:00:00Z")
        );
        assert_eq!(
            iso("March 5, 2024 at 3:15 p.m. EST").as_deref(),
            Some("2024-03-05T15:15:00-05:00")
        );
        assert_eq!(
            iso("05.03.2024, 10:30 Uhr").as_deref(),
            Some("2024-03-05T10:30:00")
        );
        assert_eq!(iso("1709629200").as_deref(), Some("2024-03-05T09:00:00Z"));
        assert_eq!(iso("2024年3月5日").as_deref(), Some("2024-03-05"));
        assert_eq!(
            iso("15 августа 2016, 13:43").as_deref(),
            Some("2016-08-15T13:43:00")
        );
        assert_eq!(iso("5 травня 2022").as_deref(), Some("2022-05-05"));
        // A piped dateline; a table row of three numbers is no date.
        assert_eq!(iso("26 | 01 | 2022").as_deref(), Some("2022-01-26"));
        assert_eq!(iso("Nr. 3 | 45 | 2022"), None);
    }

    #[test]
    fn only_texts_with_a_year_are_searched() {
        assert!(has_four_digits("am 5.3.2024"));
        assert!(!has_four_digits("3 comments, 10:30, 5.3.24"));
        assert!(!has_four_digits("２０２４年3月5日"));
        assert_eq!(find_in_text("10:30, 12 Kommentare", true), None);
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        assert_eq!(iso("2023/12").as_deref(), Some("2023-12"));
        assert_eq!(iso("0000-01-01"), None);
        assert_eq!(iso("99999-01-01"), None);
        assert_eq!(iso("March 5, 99999"), None);
        assert_eq!(iso("2024-02-30"), None);
        assert_eq!(iso("2024-13-01"), None);
        assert_eq!(iso("2024-03-05T10:30:00+25:00"), None);
        assert_eq!(iso("2024-03-05T25:30:00"), None);
        assert_eq!(iso(""), None);
        assert_eq!(iso("not a date"), None);
        for s in [
            "2024-",
            "2024-03-0",
            "T",
            "+",
            "20240305T",
            "Tue, ",
            "-1",
            "ß2024-03-05",
        ] {
            let _ = parse_date(s);
        }
        let long = "9".repeat(100_000);
        assert_eq!(parse_date(&long), None);
    }

    #[test]
    fn instants_and_offsets() {
        let utc = parse_date("2024-03-05T23:30:00Z").unwrap();
        let local = parse_date("2024-03-06T00:30:00+01:00").unwrap();
        assert_eq!(utc.instant_minutes(), local.instant_minutes());
        assert_eq!(
            utc.at_offset(60).map(|d| d.to_iso()).as_deref(),
            Some("2024-03-06T00:30:00+01:00")
        );
        assert_eq!(
            utc.at_offset(-300).map(|d| d.to_iso()).as_deref(),
            Some("2024-03-05T18:30:00-05:00")
        );
        assert_eq!(parse_date("2024-03-05").unwrap().instant_minutes(), None);
        for days in [-1000, 0, 19_787, 30_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn short_years_only_where_asked() {
        let iso = |s: &str| find_short_year(s, 2024).map(|d| d.to_iso());
        assert_eq!(
            iso("Von: Ida Frei | 31.10.23").as_deref(),
            Some("2023-10-31")
        );
        assert_eq!(iso("23.09.22 - Saarland").as_deref(), Some("2022-09-23"));
        assert_eq!(iso("01.02.99").as_deref(), Some("1999-02-01"));
        assert_eq!(iso("Version 1.2.3"), None);
        assert_eq!(iso("31.10.2023"), None);
        assert_eq!(iso("31.02.23"), None);
        assert_eq!(iso("Tel. 12.34.56.78"), None);
    }

    #[test]
    fn civil() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_787), (2024, 3, 5));
        assert!(today_utc().0 >= 2024);
        assert_eq!(parse_reference("2024-03-05"), Some((2024, 3, 5)));
    }
}
