//! Article ids and dates as they appear in URLs.
//!
//! An id is 16 lowercase hex digits, a hash of the page's URL: stable across re-ingests (the
//! same URL replaces its article), short in links, and trivially validated, so no user input
//! ever reaches a path or a query unchecked.

/// The id of the page at `key` (its URL, or another stable key when it has none).
pub fn article_id(key: &str) -> String {
    // FNV-1a, then a finaliser so nearby keys spread over all 64 bits.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:016x}", newsdesk_dedup::minhash::mix(h))
}

/// Whether `s` has the form of an article id.
pub fn is_article_id(s: &str) -> bool {
    s.len() == 16 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Seconds since 1970 at the start of a `YYYY-MM-DD` day (UTC); `None` unless it is one.
pub fn parse_day(s: &str) -> Option<i64> {
    let s = s.trim();
    if s.len() != 10 {
        return None;
    }
    newsdesk_dedup::parse_minutes(s).map(|m| m * 60)
}

/// `YYYY-MM-DD` of a time in seconds since 1970 (UTC).
pub fn day_of(ts: i64) -> String {
    newsdesk_dedup::civil_day(ts.div_euclid(86_400))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_validated() {
        let a = article_id("https://a.example/x");
        assert_eq!(a, article_id("https://a.example/x"));
        assert_ne!(a, article_id("https://a.example/y"));
        assert!(is_article_id(&a));
        assert!(!is_article_id("../../etc/passwd"));
        assert!(!is_article_id("0123456789ABCDEF"));
    }

    #[test]
    fn days_round_trip() {
        let t = parse_day("2024-03-07").unwrap_or_default();
        assert_eq!(day_of(t), "2024-03-07");
        assert_eq!(day_of(t + 86_399), "2024-03-07");
        assert!(parse_day("2024-13-01").is_none());
        assert!(parse_day("yesterday").is_none());
    }
}
