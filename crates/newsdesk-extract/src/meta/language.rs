//! The content language as a BCP 47 tag: from markup (`<html lang>`, content-language metas,
//! `og:locale`, JSON-LD `inLanguage`), else detected from the article text with whatlang.

use crate::vocab::meta as vocab;

/// Normalises a markup language value to BCP 47: `en_US` → `en-US`, `EN-gb` → `en-GB`,
/// `zh-hant-tw` → `zh-Hant-TW`. The first of a comma-separated list is taken. Returns `None`
/// for values that are not language tags (`x-default`, `*`, `english`, empty).
pub(crate) fn normalise(raw: &str) -> Option<String> {
    let first = raw.split([',', ';']).next()?.trim();
    if first.is_empty() || first.len() > 35 {
        return None;
    }
    let mut out: Vec<String> = Vec::new();
    for (i, sub) in first.split(['-', '_']).enumerate() {
        if sub.is_empty() || !sub.chars().all(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        let s = if i == 0 {
            if !(2..=3).contains(&sub.len()) || !sub.chars().all(|c| c.is_ascii_alphabetic()) {
                return None;
            }
            sub.to_ascii_lowercase()
        } else if sub.len() == 2 && sub.chars().all(|c| c.is_ascii_alphabetic()) {
            sub.to_ascii_uppercase()
        } else if sub.len() == 4 && sub.chars().all(|c| c.is_ascii_alphabetic()) {
            let mut t = sub.to_ascii_lowercase();
            t[..1].make_ascii_uppercase();
            t
        } else {
            sub.to_ascii_lowercase()
        };
        out.push(s);
    }
    let tag = out.join("-");
    (!tag.starts_with("x-") && tag != "und" && tag != "zxx").then_some(tag)
}

/// Detects the language of `text`; ISO 639-1 when whatlang's 639-3 code has one.
pub(crate) fn detect(text: &str) -> Option<String> {
    if text.chars().count() < vocab::LANG_DETECT_MIN_CHARS {
        return None;
    }
    let sample = super::scan::cap(text, vocab::LANG_DETECT_MAX_CHARS);
    let info = whatlang::detect(sample)?;
    if info.confidence() < vocab::LANG_DETECT_MIN_CONFIDENCE {
        return None;
    }
    let code = info.lang().code();
    Some(
        vocab::ISO639_3_TO_1
            .iter()
            .find(|(three, _)| *three == code)
            .map_or(code, |(_, two)| two)
            .to_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_tags() {
        assert_eq!(normalise("en_US").as_deref(), Some("en-US"));
        assert_eq!(normalise("EN-gb").as_deref(), Some("en-GB"));
        assert_eq!(normalise("zh-hant-tw").as_deref(), Some("zh-Hant-TW"));
        assert_eq!(normalise("de, en").as_deref(), Some("de"));
        assert_eq!(normalise("x-default"), None);
        assert_eq!(normalise("english"), None);
        assert_eq!(normalise(""), None);
    }

    #[test]
    fn detects_text() {
        let de = "Die Stadtverwaltung hat am Dienstag angekündigt, dass die Brücke über den Fluss \
                  im kommenden Frühjahr vollständig erneuert werden soll. Die Arbeiten sollen \
                  etwa sechs Monate dauern, während dieser Zeit wird der Verkehr umgeleitet.";
        assert_eq!(detect(de).as_deref(), Some("de"));
        assert_eq!(detect("too short"), None);
    }
}
