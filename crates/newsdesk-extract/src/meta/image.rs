//! The lead image: Open Graph / JSON-LD / Twitter card image, else the first body figure;
//! caption and credit come from the body figure showing the same picture.

use newsdesk_model::{Block, Figure, Image};

/// The file name of an image URL without size suffixes and extension, for matching the same
/// picture across renditions (`/img/bridge-1200x630.jpg` and `/img/bridge.jpg?w=800`).
fn stem(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let file = path.rsplit('/').next().unwrap_or(path);
    let base = file.rsplit_once('.').map_or(file, |(b, _)| b);
    // Drop a WordPress-style "-1200x630" size suffix.
    let base = match base.rsplit_once('-') {
        Some((b, size))
            if size.contains('x')
                && size
                    .split('x')
                    .all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit())) =>
        {
            b
        }
        _ => base,
    };
    base.to_ascii_lowercase()
}

fn same_picture(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (sa, sb) = (stem(a), stem(b));
    sa.len() >= 6 && sa == sb
}

/// Builds the lead image from the markup candidate (already absolute) and the body figures.
pub(crate) fn lead_image(
    markup: Option<(String, Option<String>)>,
    blocks: &[Block],
) -> Option<(Image, &'static str)> {
    let figures = blocks.iter().filter_map(|b| match b {
        Block::Figure(f) => Some(f),
        _ => None,
    });
    match markup {
        Some((url, alt)) => {
            let fig: Option<&Figure> = figures
                .clone()
                .find(|f| f.src.as_deref().is_some_and(|s| same_picture(s, &url)));
            Some((
                Image {
                    url,
                    alt: alt.or_else(|| fig.and_then(|f| f.alt.clone())),
                    caption: fig.and_then(|f| f.caption.clone()),
                    credit: fig.and_then(|f| f.credit.clone()),
                },
                "meta",
            ))
        }
        None => {
            let f = figures.into_iter().find(|f| f.src.is_some())?;
            Some((
                Image {
                    url: f.src.clone()?,
                    alt: f.alt.clone(),
                    caption: f.caption.clone(),
                    credit: f.credit.clone(),
                },
                "body",
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_renditions() {
        assert!(same_picture(
            "https://cdn.example.org/img/bridge-1200x630.jpg",
            "https://example.org/img/bridge.jpg?w=800"
        ));
        assert!(!same_picture("https://a/x.jpg", "https://a/y.jpg"));
    }
}
