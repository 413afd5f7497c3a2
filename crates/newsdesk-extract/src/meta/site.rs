//! The site's name: `og:site_name`, JSON-LD publisher, `application-name`, else the host.

use url::Url;

use crate::vocab::meta as vocab;

/// The host without `www.`-like prefixes: `www.example.co.uk` → `example.co.uk`.
pub(crate) fn bare_host(url: &Url) -> Option<String> {
    let mut h = url.host_str()?.to_ascii_lowercase();
    for p in vocab::HOST_PREFIXES {
        if let Some(rest) = h.strip_prefix(p)
            && rest.contains('.')
        {
            h = rest.to_owned();
            break;
        }
    }
    Some(h)
}

/// The host's distinctive label: `www.nytimes.com` → `nytimes`, `bbc.co.uk` → `bbc`.
pub(crate) fn host_label(url: &Url) -> Option<String> {
    let h = bare_host(url)?;
    let labels: Vec<&str> = h.split('.').collect();
    let n = labels.len();
    if n < 2 {
        return Some(h);
    }
    // Second-level public suffixes such as co.uk, com.au: take the label before them.
    let sld = labels[n - 2];
    let idx = if n >= 3
        && sld.len() <= 3
        && ["co", "com", "org", "net", "gov", "ac", "gv", "or", "ne"].contains(&sld)
    {
        n - 3
    } else {
        n - 2
    };
    Some(labels[idx].to_owned())
}
