//! String hygiene shared by the metadata steps: leftover HTML entities (metas and JSON-LD are
//! often double-escaped), comparison keys, URL resolution.

use url::Url;

use crate::text::fold_ws;

/// Decodes the entities that survive in attribute values and JSON-LD strings (`&amp;amp;`,
/// `&#8217;`, `&quot;`, `&nbsp;`): named ones common in headlines and all numeric ones. Two
/// rounds undo double escaping. Unknown entities are kept as written.
pub(crate) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let once = decode_once(s);
    if once.contains('&') {
        decode_once(&once)
    } else {
        once
    }
}

fn decode_once(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let semi = tail
            .get(1..tail.len().min(12))
            .and_then(|t| t.find(';'))
            .map(|j| j + 1);
        let decoded = semi.and_then(|j| {
            let name = tail.get(1..j)?;
            entity(name).map(|c| (c, j + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "hellip" => '…',
        "middot" => '·',
        "bull" => '•',
        "auml" => 'ä',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "Auml" => 'Ä',
        "Ouml" => 'Ö',
        "Uuml" => 'Ü',
        "szlig" => 'ß',
        "eacute" => 'é',
        "egrave" => 'è',
        "agrave" => 'à',
        "ccedil" => 'ç',
        "ntilde" => 'ñ',
        "copy" => '©',
        "shy" => '\u{ad}',
        "ordm" => 'º',
        "ordf" => 'ª',
        "iexcl" => '¡',
        "iquest" => '¿',
        "euro" => '€',
        "sbquo" => '‚',
        "bdquo" => '„',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "prime" => '′',
        "trade" => '™',
        "reg" => '®',
        "deg" => '°',
        "AElig" => 'Æ',
        _ => return latin1_letter(name),
    })
}

/// The Latin-1 letters by entity name: `&oacute;`, `&Agrave;`, `&ccedil;`, `&oslash;` ...
/// (bylines and headlines of Spanish, Portuguese, French and Nordic pages use them).
fn latin1_letter(name: &str) -> Option<char> {
    let base = name.chars().next()?;
    let mark = name.get(base.len_utf8()..)?;
    let upper = base.is_ascii_uppercase();
    let table: &[(char, &str, char)] = &[
        ('a', "acute", 'á'),
        ('e', "acute", 'é'),
        ('i', "acute", 'í'),
        ('o', "acute", 'ó'),
        ('u', "acute", 'ú'),
        ('y', "acute", 'ý'),
        ('a', "grave", 'à'),
        ('e', "grave", 'è'),
        ('i', "grave", 'ì'),
        ('o', "grave", 'ò'),
        ('u', "grave", 'ù'),
        ('a', "circ", 'â'),
        ('e', "circ", 'ê'),
        ('i', "circ", 'î'),
        ('o', "circ", 'ô'),
        ('u', "circ", 'û'),
        ('a', "tilde", 'ã'),
        ('o', "tilde", 'õ'),
        ('n', "tilde", 'ñ'),
        ('a', "uml", 'ä'),
        ('e', "uml", 'ë'),
        ('i', "uml", 'ï'),
        ('o', "uml", 'ö'),
        ('u', "uml", 'ü'),
        ('y', "uml", 'ÿ'),
        ('a', "ring", 'å'),
        ('c', "cedil", 'ç'),
        ('o', "slash", 'ø'),
        ('a', "elig", 'æ'),
    ];
    let lower = base.to_ascii_lowercase();
    let c = table
        .iter()
        .find(|(b, m, _)| *b == lower && *m == mark)
        .map(|(_, _, c)| *c)?;
    if upper {
        c.to_uppercase().next()
    } else {
        Some(c)
    }
}

/// Cleaned display text of a meta value: entities decoded, whitespace folded.
pub(crate) fn display(s: &str) -> String {
    fold_ws(&decode_entities(s))
}

/// Comparison key: lower-case letters and digits, one space between words.
pub(crate) fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else {
            space = true;
        }
    }
    out
}

/// Resolves `href` against the page URL; absolute http(s) URLs only.
pub(crate) fn resolve(base: Option<&Url>, href: &str) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href.starts_with("data:") || href.starts_with("javascript:") {
        return None;
    }
    let u = match base {
        Some(b) => b.join(href).ok()?,
        None => Url::parse(href).ok()?,
    };
    matches!(u.scheme(), "http" | "https").then(|| u.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities() {
        assert_eq!(decode_entities("Tom &amp;amp; Jerry"), "Tom & Jerry");
        assert_eq!(decode_entities("It&#8217;s &quot;ok&quot;"), "It’s \"ok\"");
        assert_eq!(
            decode_entities("a & b &unknown; &#xZZ;"),
            "a & b &unknown; &#xZZ;"
        );
        assert_eq!(decode_entities("&#0;&"), "&#0;&");
        assert_eq!(
            decode_entities("Redacci&oacute;n &Aacute;ngel &Oslash;rsted &AElig;"),
            "Redacción Ángel Ørsted Æ"
        );
        assert_eq!(decode_entities("&xacute; &a;"), "&xacute; &a;");
        assert_eq!(key("Hello, World!  It's"), "hello world it s");
    }
}
