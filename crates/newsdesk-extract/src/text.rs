//! Whitespace and character-level helpers shared by the stages.

/// Folds runs of whitespace (including NBSP and zero-width characters) into one space and trims.
pub fn fold_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if is_space(c) {
            pending_space = !out.is_empty();
        } else if is_invisible(c) {
            continue;
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

#[inline]
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}'
}

/// Characters that render as nothing: zero-width spaces/joiners, soft hyphens, BOMs.
#[inline]
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}'
    )
}

/// Number of characters that are not whitespace.
pub fn visible_len(s: &str) -> usize {
    s.chars()
        .filter(|&c| !is_space(c) && !is_invisible(c))
        .count()
}

/// Number of words (runs of alphanumerics), the unit most thresholds are tuned in.
pub fn word_count(s: &str) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for c in s.chars() {
        let w = c.is_alphanumeric();
        if w && !in_word {
            n += 1;
        }
        in_word = w;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds() {
        assert_eq!(fold_ws("  a \n\t b\u{a0}\u{200b}c  "), "a b c");
        assert_eq!(fold_ws("x\u{200b}y"), "xy");
        assert_eq!(fold_ws("\n"), "");
        assert_eq!(word_count("It's 3 o'clock, Dr. Who."), 7);
        assert_eq!(visible_len(" a b "), 2);
    }
}
