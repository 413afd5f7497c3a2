//! HTML element names as a small enum, so heuristics compare integers, not strings.

macro_rules! tags {
    ($($variant:ident => $name:literal,)*) => {
        /// An HTML element name. Anything not listed (custom elements, SVG/MathML
        /// internals) is `Other`; its name is kept on the element.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Tag { $($variant,)* Other }

        impl Tag {
            /// Maps a lower-case local name to a tag.
            pub fn from_name(name: &str) -> Tag {
                match name { $($name => Tag::$variant,)* _ => Tag::Other }
            }
            /// The lower-case name (`"other"` for [`Tag::Other`]).
            pub fn name(self) -> &'static str {
                match self { $(Tag::$variant => $name,)* Tag::Other => "other" }
            }
        }
    };
}

tags! {
    A => "a", Abbr => "abbr", Address => "address", Area => "area", Article => "article",
    Aside => "aside", Audio => "audio", B => "b", Base => "base", Bdi => "bdi", Bdo => "bdo",
    Blockquote => "blockquote", Body => "body", Br => "br", Button => "button", Canvas => "canvas",
    Caption => "caption", Center => "center", Cite => "cite", Code => "code", Col => "col",
    Colgroup => "colgroup", Data => "data", Datalist => "datalist", Dd => "dd", Del => "del",
    Details => "details", Dfn => "dfn", Dialog => "dialog", Div => "div", Dl => "dl", Dt => "dt",
    Em => "em", Embed => "embed", Fieldset => "fieldset", Figcaption => "figcaption",
    Figure => "figure", Font => "font", Footer => "footer", Form => "form", Frame => "frame",
    Frameset => "frameset", H1 => "h1", H2 => "h2", H3 => "h3", H4 => "h4", H5 => "h5", H6 => "h6",
    Head => "head", Header => "header", Hgroup => "hgroup", Hr => "hr", Html => "html", I => "i",
    Iframe => "iframe", Img => "img", Input => "input", Ins => "ins", Kbd => "kbd", Label => "label",
    Legend => "legend", Li => "li", Link => "link", Main => "main", Map => "map", Mark => "mark",
    Math => "math", Menu => "menu", Meta => "meta", Meter => "meter", Nav => "nav",
    Noscript => "noscript", Object => "object", Ol => "ol", Optgroup => "optgroup",
    Option => "option", Output => "output", P => "p", Param => "param", Picture => "picture",
    Pre => "pre", Progress => "progress", Q => "q", Rp => "rp", Rt => "rt", Ruby => "ruby",
    S => "s", Samp => "samp", Script => "script", Search => "search", Section => "section",
    Select => "select", Slot => "slot", Small => "small", Source => "source", Span => "span",
    Strike => "strike", Strong => "strong", Style => "style", Sub => "sub", Summary => "summary",
    Sup => "sup", Svg => "svg", Table => "table", Tbody => "tbody", Td => "td",
    Template => "template", Textarea => "textarea", Tfoot => "tfoot", Th => "th", Thead => "thead",
    Time => "time", Title => "title", Tr => "tr", Track => "track", Tt => "tt", U => "u",
    Ul => "ul", Var => "var", Video => "video", Wbr => "wbr",
}

impl Tag {
    /// Headings `h1`..`h6` give their level.
    pub fn heading_level(self) -> Option<u8> {
        Some(match self {
            Tag::H1 => 1,
            Tag::H2 => 2,
            Tag::H3 => 3,
            Tag::H4 => 4,
            Tag::H5 => 5,
            Tag::H6 => 6,
            _ => return None,
        })
    }

    /// Elements that start a new line of text when rendered (CSS `display: block` and kin).
    pub fn is_block(self) -> bool {
        matches!(
            self,
            Tag::Address
                | Tag::Article
                | Tag::Aside
                | Tag::Blockquote
                | Tag::Body
                | Tag::Br
                | Tag::Caption
                | Tag::Center
                | Tag::Dd
                | Tag::Details
                | Tag::Dialog
                | Tag::Div
                | Tag::Dl
                | Tag::Dt
                | Tag::Fieldset
                | Tag::Figcaption
                | Tag::Figure
                | Tag::Footer
                | Tag::Form
                | Tag::H1
                | Tag::H2
                | Tag::H3
                | Tag::H4
                | Tag::H5
                | Tag::H6
                | Tag::Header
                | Tag::Hgroup
                | Tag::Hr
                | Tag::Html
                | Tag::Legend
                | Tag::Li
                | Tag::Main
                | Tag::Menu
                | Tag::Nav
                | Tag::Ol
                | Tag::P
                | Tag::Pre
                | Tag::Search
                | Tag::Section
                | Tag::Summary
                | Tag::Table
                | Tag::Tbody
                | Tag::Td
                | Tag::Tfoot
                | Tag::Th
                | Tag::Thead
                | Tag::Tr
                | Tag::Ul
        )
    }

    /// Elements whose content is never readable text (code, media, form widgets, metadata).
    pub fn is_non_content(self) -> bool {
        matches!(
            self,
            Tag::Script
                | Tag::Style
                | Tag::Template
                | Tag::Noscript
                | Tag::Svg
                | Tag::Math
                | Tag::Canvas
                | Tag::Iframe
                | Tag::Frame
                | Tag::Frameset
                | Tag::Object
                | Tag::Embed
                | Tag::Audio
                | Tag::Video
                | Tag::Map
                | Tag::Select
                | Tag::Option
                | Tag::Optgroup
                | Tag::Datalist
                | Tag::Textarea
                | Tag::Input
                | Tag::Button
                | Tag::Head
                | Tag::Meta
                | Tag::Link
                | Tag::Base
                | Tag::Title
                | Tag::Param
                | Tag::Source
                | Tag::Track
                | Tag::Dialog
                // Ruby annotations (furigana): pronunciation, not text.
                | Tag::Rt
                | Tag::Rp
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for name in ["div", "p", "h3", "figcaption", "wbr", "a"] {
            assert_eq!(Tag::from_name(name).name(), name);
        }
        assert_eq!(Tag::from_name("my-widget"), Tag::Other);
        assert_eq!(Tag::H4.heading_level(), Some(4));
    }
}
