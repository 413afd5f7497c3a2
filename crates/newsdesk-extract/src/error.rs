use std::time::Duration;

/// Why a page produced no article at all. Pages that merely have no article text produce an
/// empty [`newsdesk_model::Article`], not an error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("the input is empty")]
    Empty,
    #[error("the input is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { size: usize, limit: usize },
    #[error("the input is not an HTML page: it looks like {0}")]
    NotHtml(&'static str),
    #[error("the time budget of {0:?} ran out before extraction started")]
    Timeout(Duration),
}
