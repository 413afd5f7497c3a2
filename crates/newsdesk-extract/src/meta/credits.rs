//! Credit lines: "X and Y contributed to this report", "Reporting by ...; Editing by ...".

use newsdesk_model::Credit;

/// True when a standalone line of the body is a credit line. Placeholder until issue 3.
pub(crate) fn is_credit_line(text: &str) -> bool {
    let t = text.trim();
    t.len() < 300 && t.ends_with("contributed to this report.")
}

/// Structures a credit line into names and organisations. Placeholder until issue 3.
pub(crate) fn parse_credit(text: &str) -> Credit {
    Credit {
        text: text.trim().to_owned(),
        ..Default::default()
    }
}
