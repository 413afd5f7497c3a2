//! Bytes to text: BOM, then the HTTP charset, then `<meta>`/XML declarations, then statistics
//! (chardetng). Declarations are checked against the bytes, because pages lie about them.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// Where the encoding of a page came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CharsetSource {
    Bom,
    ContentType,
    Meta,
    /// Statistical detection (including UTF-16 without BOM and "valid UTF-8").
    Detected,
}

impl CharsetSource {
    pub fn as_str(self) -> &'static str {
        match self {
            CharsetSource::Bom => "bom",
            CharsetSource::ContentType => "content-type",
            CharsetSource::Meta => "meta",
            CharsetSource::Detected => "detected",
        }
    }
}

/// A decoded page.
#[derive(Clone, Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// WHATWG name of the encoding used, e.g. `"UTF-8"`, `"windows-1252"`.
    pub encoding: &'static str,
    pub source: CharsetSource,
    /// Malformed sequences were replaced by U+FFFD.
    pub had_errors: bool,
    /// A declared charset that the bytes contradicted, and which was therefore overridden.
    pub overridden: Option<&'static str>,
}

/// How far into the page `<meta charset>` is looked for. The HTML spec says 1024 bytes; real
/// pages put long `<head>` scripts first, and 16 KiB found every declaration in the datasets.
const META_PRESCAN: usize = 16 * 1024;

/// Declared UTF-8 is kept unless more than this share of the non-ASCII bytes is malformed:
/// a few bad bytes are damage, not a different encoding.
const UTF8_ERROR_SHARE: f64 = 0.02;
/// ...and never given up for this few malformed sequences: on a mostly-ASCII page two
/// damaged bytes are a large share, and statistics over a handful of bytes guess wildly.
const UTF8_ERRORS_TOLERATED: usize = 4;

/// Decodes `bytes`, given an optional HTTP `Content-Type` header value.
/// `tld` (e.g. `b"de"`) sharpens statistical detection when the page URL is known.
pub fn decode<'a>(bytes: &'a [u8], content_type: Option<&str>, tld: Option<&[u8]>) -> Decoded<'a> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return finish(&bytes[bom_len..], enc, CharsetSource::Bom, None);
    }
    let declared = content_type
        .and_then(charset_from_content_type)
        .and_then(|l| Encoding::for_label(l.as_bytes()))
        .map(|e| (e, CharsetSource::ContentType))
        .or_else(|| prescan(bytes).map(|e| (e, CharsetSource::Meta)));

    if let Some(enc) = utf16_without_bom(bytes) {
        return finish(bytes, enc, CharsetSource::Detected, None);
    }

    match declared {
        Some((enc, source)) => {
            // A page can't be UTF-16 if it was declared in ASCII; the spec says read as UTF-8.
            let enc = if enc == UTF_16LE || enc == UTF_16BE {
                UTF_8
            } else {
                enc
            };
            if enc == UTF_8 {
                if utf8_mostly_valid(bytes) {
                    return finish(bytes, UTF_8, source, None);
                }
                let guess = detect(bytes, tld);
                return finish(bytes, guess, CharsetSource::Detected, Some(enc.name()));
            }
            // A legacy declaration over bytes that are valid, non-ASCII UTF-8 is a lie: such byte
            // sequences are vanishingly rare in real legacy-encoded text.
            if enc.is_ascii_compatible() && !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok()
            {
                return finish(bytes, UTF_8, CharsetSource::Detected, Some(enc.name()));
            }
            finish(bytes, enc, source, None)
        }
        None => {
            if std::str::from_utf8(bytes).is_ok() {
                return finish(bytes, UTF_8, CharsetSource::Detected, None);
            }
            let guess = detect(bytes, tld);
            finish(bytes, guess, CharsetSource::Detected, None)
        }
    }
}

fn finish<'a>(
    bytes: &'a [u8],
    enc: &'static Encoding,
    source: CharsetSource,
    overridden: Option<&'static str>,
) -> Decoded<'a> {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    Decoded {
        text,
        encoding: enc.name(),
        source,
        had_errors,
        overridden,
    }
}

fn detect(bytes: &[u8], tld: Option<&[u8]>) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    // Detection cost grows with input; 64 KiB is plenty to decide. ASCII says nothing about
    // the encoding and pages can open with megabytes of it (inline scripts, styles, SVG), so
    // the sample starts at the first non-ASCII byte.
    let from = bytes.iter().position(|b| !b.is_ascii()).unwrap_or(0);
    let sample = &bytes[from..];
    det.feed(&sample[..sample.len().min(64 * 1024)], true);
    // chardetng asserts on upper-case or non-ASCII TLDs; pass only clean ones.
    let tld = tld.filter(|t| {
        !t.is_empty()
            && t.iter()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
    });
    det.guess(tld, chardetng::Utf8Detection::Deny)
}

fn utf8_mostly_valid(bytes: &[u8]) -> bool {
    if std::str::from_utf8(bytes).is_ok() {
        return true;
    }
    let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count().max(1);
    // One linear pass over valid runs and the malformed sequences between them.
    let errors = bytes
        .utf8_chunks()
        .filter(|c| !c.invalid().is_empty())
        .count();
    errors <= UTF8_ERRORS_TOLERATED || (errors as f64) / (non_ascii as f64) <= UTF8_ERROR_SHARE
}

/// UTF-16 text without a BOM shows as NUL bytes in every other position for ASCII-range
/// characters (markup is ASCII). Requires a clear majority so binary data is not mistaken for it.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        if pair[0] == 0 && pair[1] != 0 {
            even += 1;
        } else if pair[1] == 0 && pair[0] != 0 {
            odd += 1;
        }
    }
    if odd * 10 >= pairs * 7 {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 7 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Extracts `charset` from a `Content-Type` value such as `text/html; charset="utf-8"`.
pub fn charset_from_content_type(ct: &str) -> Option<&str> {
    for param in ct.split(';').skip(1) {
        let (k, v) = param.split_once('=')?;
        if k.trim().eq_ignore_ascii_case("charset") {
            let v = v.trim().trim_matches(|c| c == '"' || c == '\'').trim();
            return (!v.is_empty()).then_some(v);
        }
    }
    None
}

/// Looks for `<meta charset=...>`, `<meta http-equiv=content-type content="...charset=...">`
/// or `<?xml ... encoding="..."?>` near the start of the page.
fn prescan(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_PRESCAN)];
    if head.starts_with(b"<?xml")
        && let Some(end) = memchr::memmem::find(head, b"?>")
        && let Some(label) = attr_value(&head[..end], b"encoding")
        && let Some(enc) = Encoding::for_label(label)
    {
        return Some(enc);
    }
    let mut pos = 0;
    while let Some(i) = memchr::memchr(b'<', &head[pos..]) {
        let start = pos + i;
        pos = start + 1;
        let rest = &head[start..];
        if rest.len() < 6 || !rest[1..5].eq_ignore_ascii_case(b"meta") {
            continue;
        }
        let end = memchr::memchr(b'>', rest).unwrap_or(rest.len());
        let tag = &rest[..end];
        if let Some(label) = attr_value(tag, b"charset")
            && let Some(enc) = Encoding::for_label(label)
        {
            // "x-user-defined" is how the spec spells windows-1252 in a declaration.
            return Some(if enc.name() == "x-user-defined" {
                WINDOWS_1252
            } else {
                enc
            });
        }
    }
    None
}

/// Finds `name = value` (quoted or not) in a tag's bytes, ASCII case-insensitively.
fn attr_value<'a>(tag: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    let lower: Vec<u8> = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&lower[from..], name) {
        let mut j = from + i + name.len();
        from = j;
        while j < tag.len() && tag[j].is_ascii_whitespace() {
            j += 1;
        }
        if j >= tag.len() || tag[j] != b'=' {
            continue;
        }
        j += 1;
        while j < tag.len() && (tag[j].is_ascii_whitespace() || tag[j] == b'"' || tag[j] == b'\'') {
            j += 1;
        }
        let start = j;
        while j < tag.len()
            && (tag[j].is_ascii_alphanumeric() || matches!(tag[j], b'-' | b'_' | b':' | b'.'))
        {
            j += 1;
        }
        if j > start {
            return Some(&tag[start..j]);
        }
    }
    None
}

/// Recognises inputs that are certainly not HTML, by magic numbers and byte statistics.
/// Returns a short name of what the input looks like.
pub fn sniff_non_html(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF-", "a PDF document"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"RIFF", "a RIFF media file"),
        (b"PK\x03\x04", "a ZIP archive"),
        (b"\x1f\x8b", "gzip-compressed data"),
        (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
        (b"BZh", "bzip2-compressed data"),
        (b"\x7fELF", "an executable"),
        (b"wOFF", "a web font"),
        (b"wOF2", "a web font"),
        (b"OggS", "an Ogg media file"),
        (b"ID3", "an MP3 file"),
    ];
    for (magic, name) in MAGIC {
        if bytes.starts_with(magic) {
            return Some(name);
        }
    }
    let sample = &bytes[..bytes.len().min(8192)];
    if utf16_without_bom(bytes).is_some() || Encoding::for_bom(bytes).is_some() {
        return None;
    }
    let trimmed = sample.trim_ascii_start();
    if (trimmed.starts_with(b"{") || trimmed.starts_with(b"["))
        && memchr::memchr(b'<', sample).is_none()
    {
        return Some("JSON");
    }
    // Text, in any encoding, has few C0 control bytes; binary formats are full of them.
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    if sample.len() >= 64 && controls * 10 > sample.len() {
        return Some("binary data");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_wins() {
        let d = decode(
            b"\xEF\xBB\xBF<p>caf\xC3\xA9",
            Some("text/html; charset=latin1"),
            None,
        );
        assert_eq!(d.text, "<p>café");
        assert_eq!(d.source, CharsetSource::Bom);
    }

    #[test]
    fn content_type_then_meta() {
        let bytes = b"<meta charset=utf-8><p>caf\xE9";
        let d = decode(bytes, Some("text/html; charset=\"ISO-8859-1\""), None);
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(d.source, CharsetSource::ContentType);
        assert!(d.text.ends_with("café"));
        let d = decode(b"<meta charset='windows-1252'><p>caf\xE9", None, None);
        assert_eq!(d.source, CharsetSource::Meta);
        assert!(d.text.ends_with("café"));
        let d = decode(
            b"<meta http-equiv=Content-Type content=\"text/html; charset=koi8-r\">",
            None,
            None,
        );
        assert_eq!(d.encoding, "KOI8-R");
    }

    #[test]
    fn lying_legacy_declaration_is_overridden_by_valid_utf8() {
        let d = decode("<meta charset=iso-8859-1><p>café".as_bytes(), None, None);
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.overridden, Some("windows-1252"));
        assert!(d.text.ends_with("café"));
    }

    #[test]
    fn declared_utf8_with_legacy_bytes_is_detected() {
        let text = "<meta charset=utf-8><p>Größe und Übermaß, schöne Grüße aus Köln und Düsseldorf. Fußgänger überqueren die Straße.";
        let (bytes, _, _) = WINDOWS_1252.encode(text);
        let d = decode(&bytes, None, None);
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.contains("Grüße"));
    }

    #[test]
    fn utf16_without_bom() {
        let text = "<html><body><p>Hello, world. This is UTF-16.</p></body></html>";
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let d = decode(&le, None, None);
        assert_eq!(d.encoding, "UTF-16LE");
        assert_eq!(d.text, text);
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(decode(&be, None, None).text, text);
    }

    #[test]
    fn undeclared_legacy_is_detected() {
        let (bytes, _, _) = encoding_rs::SHIFT_JIS
            .encode("<p>これは日本語のテキストです。ニュース記事の本文がここに入ります。東京で会議が開かれました。</p>");
        let d = decode(&bytes, None, Some(b"jp"));
        assert_eq!(d.encoding, "Shift_JIS");
    }

    #[test]
    fn sniffs_binary() {
        assert_eq!(sniff_non_html(b"%PDF-1.7\n..."), Some("a PDF document"));
        assert_eq!(
            sniff_non_html(b"\xFF\xD8\xFF\xE0\x00\x10JFIF"),
            Some("a JPEG image")
        );
        assert_eq!(sniff_non_html(b"  {\"a\": 1}"), Some("JSON"));
        assert_eq!(
            sniff_non_html(&[0u8, 1, 2, 3, 4, 5, 6, 7].repeat(20)),
            Some("binary data")
        );
        assert_eq!(sniff_non_html(b"<!doctype html><p>hi"), None);
        assert_eq!(sniff_non_html(b"plain words"), None);
    }

    #[test]
    fn charset_param() {
        assert_eq!(
            charset_from_content_type("text/html; charset=UTF-8"),
            Some("UTF-8")
        );
        assert_eq!(charset_from_content_type("text/html"), None);
        assert_eq!(
            charset_from_content_type("text/html; q=1; charset='x'"),
            Some("x")
        );
    }
}
